"""Warmed CPU time of the glued-words pass on the inputs it sees in the default pipeline.

    python bench/profile_glued_words.py [--damaged] [--repeat N] [--profile]

Runs the passes before glued-words once to get its real inputs (clean corpus, or the damaged
copy), warms the pass (lexicons loaded), then times it alone N times (best run) and prints a
digest of its edits, so a speed-up can be checked to change nothing. --profile adds cProfile.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleantext import lang as langmod  # noqa: E402
from cleantext.model import Context  # noqa: E402
from cleantext.options import Options  # noqa: E402
from cleantext.pipeline import Pipeline  # noqa: E402

SHARED = Path(os.environ.get("CLEANTEXT_SHARED", ROOT.parent / "shared"))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--damaged", action="store_true")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    docs = [json.loads(line) for line in (SHARED / "bench/corpus/all.jsonl").open(encoding="utf-8")]
    if args.damaged:
        sys.path.insert(0, str(ROOT / "bench"))
        from _damage import damage  # type: ignore

        docs = damage(docs)
    pipeline = Pipeline(Options())
    names = [p.name for p in pipeline.passes]
    glued = pipeline.passes[names.index("glued-words")]
    inputs = []
    for d in docs:
        text = d["text"]
        ctx = Context(lang=langmod.detect(text), options=pipeline.options)
        for p in pipeline.passes:
            if p is glued:
                break
            text = p(text, ctx).text
        inputs.append((text, ctx))
    for text, ctx in inputs:  # warm: lexicons, caches
        glued(text, ctx)

    def run():
        digest, n = hashlib.sha256(), 0
        for text, ctx in inputs:
            r = glued(text, ctx)
            n += len(r.edits)
            for e in r.edits:
                digest.update(f"{e.start}|{e.end}|{e.after}|{e.rule}|{e.reason}".encode("utf-8", "surrogatepass"))
        return n, digest.hexdigest()[:16]

    best = float("inf")
    for _ in range(args.repeat):
        t = time.process_time()
        n, dig = run()
        best = min(best, time.process_time() - t)
    size = sum(len(t.encode("utf-8", "surrogatepass")) for t, _ in inputs) / 1e6
    print(f"glued-words{' (damaged)' if args.damaged else ''}: {best:.3f} s best of {args.repeat}, "
          f"{size / best:.1f} MB/s, edits {n}, digest {dig}")
    if args.profile:
        import cProfile
        import pstats

        pr = cProfile.Profile()
        pr.enable()
        run()
        pr.disable()
        pstats.Stats(pr).sort_stats("tottime").print_stats(25)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
