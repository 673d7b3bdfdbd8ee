"""CPU time of the typography pass alone, on the texts it receives in the default pipeline.

    python bench/bench_typography.py [--damaged] [--repeat N] [--profile]

The inputs (each document after the passes before typography) are computed once and cached
in /tmp; the pass then runs N times over them (the first run includes first-use costs).
Prints the time of each run and a digest of the outputs and edits.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("CLEANTEXT_SHARED", ROOT.parent / "shared"))


def inputs(damaged: bool):
    cache = Path(f"/tmp/cleantext_typo_inputs{'_damaged' if damaged else ''}.pickle")
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    from cleantext import lang as langmod
    from cleantext.model import Context
    from cleantext.options import Options
    from cleantext.pipeline import Pipeline

    docs = [json.loads(line) for line in (SHARED / "bench/corpus/all.jsonl").open(encoding="utf-8")]
    if damaged:
        sys.path.insert(0, str(ROOT / "bench"))
        from _damage import damage  # type: ignore

        docs = damage(docs)
    pipeline = Pipeline(Options())
    out = []
    for d in docs:
        text = d["text"]
        lang = langmod.detect(text)
        ctx = Context(lang=lang, options=pipeline.options)
        for p in pipeline.passes:
            if p.name == "typography":
                break
            text = p(text, ctx).text
        out.append((lang, text))
    cache.write_bytes(pickle.dumps(out))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--damaged", action="store_true")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    docs = inputs(args.damaged)
    t = time.process_time()
    from cleantext.model import Context
    from cleantext.options import Options
    from cleantext.passes.typography import PASS

    print(f"import {time.process_time() - t:.3f} s")
    opts = Options()
    p = PASS.from_options(opts)
    ctxs = [(Context(lang=lang, options=opts), text) for lang, text in docs]
    total = sum(len(t.encode()) for _, t in docs)

    def run():
        for ctx, text in ctxs:
            p(text, ctx)

    def results():
        for ctx, text in ctxs:
            yield p(text, ctx)

    def check(results):
        digest = hashlib.sha256()
        n = 0
        for r in results:
            n += len(r.edits)
            for e in r.edits:
                digest.update(f"{e.start}|{e.end}|{e.after}|{e.rule}".encode("utf-8", "surrogatepass"))
            digest.update(r.text.encode("utf-8", "surrogatepass"))
        return n, digest.hexdigest()[:16]

    if args.profile:
        import cProfile
        import pstats

        run()
        cProfile.runctx("run()", globals(), locals(), "/tmp/typo.prof")
        pstats.Stats("/tmp/typo.prof").sort_stats("tottime").print_stats(25)
        return 0
    import gc

    best = None
    for k in range(args.repeat):
        gc.collect()
        t = time.process_time()
        run()
        s = time.process_time() - t
        best = s if best is None else min(best, s)
        print(f"run {k}: {s:.3f} s  {total / s / 1e6:.1f} MB/s")
    n, d = check(results())
    print(f"best {best:.3f} s  edits {n}  digest {d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
