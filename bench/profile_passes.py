"""CPU time of each pass of the default pipeline over the benchmark corpus, in one run.

    python bench/profile_passes.py [--damaged] [--limit N]

Prints MB/s per pass (process time, so other load on the machine matters less) and the
number of edits each pass made, next to ftfy.fix_text on the same documents, plus a digest
of the output texts and edits so that a speed-up can be checked to change nothing.
"""

from __future__ import annotations

import argparse
import collections
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
    ap.add_argument("--damaged", action="store_true", help="use bench/_damage.py's damaged copy")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--ftfy-docs", type=int, default=0, help="documents timed with ftfy.fix_text (0: all)")
    args = ap.parse_args()
    docs = [json.loads(line) for line in (SHARED / "bench/corpus/all.jsonl").open(encoding="utf-8")]
    if args.limit:
        docs = docs[: args.limit]
    if args.damaged:
        sys.path.insert(0, str(ROOT / "bench"))
        from _damage import damage  # type: ignore

        docs = damage(docs)
    texts = [d["text"] for d in docs]
    pipeline = Pipeline(Options())
    spent: collections.Counter = collections.Counter()
    edits: collections.Counter = collections.Counter()
    digest = hashlib.sha256()
    total = sum(len(t.encode("utf-8")) for t in texts)
    start = time.process_time()
    for text in texts:
        t = time.process_time()
        lang = langmod.detect(text)
        spent["(lang)"] += time.process_time() - t
        ctx = Context(lang=lang, options=pipeline.options)
        for p in pipeline.passes:
            t = time.process_time()
            r = p(text, ctx)
            spent[p.name] += time.process_time() - t
            edits[p.name] += len(r.edits)
            for e in r.edits:
                digest.update(f"{p.name}|{e.start}|{e.end}|{e.after}|{e.rule}".encode("utf-8", "surrogatepass"))
            text = r.text
        digest.update(text.encode("utf-8", "surrogatepass"))
    whole = time.process_time() - start
    import ftfy

    sample = texts[: args.ftfy_docs] if args.ftfy_docs else texts
    t = time.process_time()
    for text in sample:
        ftfy.fix_text(text)
    ftfy_rate = sum(len(x.encode()) for x in sample) / (time.process_time() - t) / 1e6
    rate = total / whole / 1e6
    print(f"{len(texts)} documents, {total / 1e6:.1f} MB{' (damaged)' if args.damaged else ''}")
    print(f"pipeline      {rate:7.2f} MB/s   ftfy.fix_text {ftfy_rate:.2f} MB/s   ratio {rate / ftfy_rate:.2f}")
    for name, s in spent.most_common():
        print(f"  {name:<12} {s:6.2f} s {total / s / 1e6:8.1f} MB/s  edits {edits[name]}")
    print(f"digest {digest.hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
