"""Speed and yield of the timestamps pass on the bench corpus, next to ftfy.fix_text.

    python bench/bench_timestamps.py [--corpus ../shared/bench/corpus/all.jsonl] [--sample 40]

Prints MB/s (UTF-8 bytes of the documents' text) of the pass, each document with its own
``lang``, and of ftfy.fix_text in the same run; then the number of edits and notes per rule and
a sample of edits (before → after) to check by eye.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ftfy  # noqa: E402

from cleantext.model import Context  # noqa: E402
from cleantext.options import Options  # noqa: E402
from cleantext.passes import pass_class  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "bench" / "corpus" / "all.jsonl"))
    ap.add_argument("--sample", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()

    docs = [json.loads(line) for line in Path(args.corpus).read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [(d["text"], d.get("lang")) for d in docs]
    size = sum(len(t.encode("utf-8")) for t, _ in texts) / 1e6
    opts = Options()
    p = pass_class("timestamps").from_options(opts)

    p("warm up 24 Nov 2024 06:56 Paris time", Context("en", opts))
    best = float("inf")
    results = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        results = [(p(t, Context(lang, opts)), t) for t, lang in texts]
        best = min(best, time.perf_counter() - t0)
    t0 = time.perf_counter()
    for t, _ in texts:
        ftfy.fix_text(t)
    ftfy_s = time.perf_counter() - t0

    print(f"corpus: {len(texts)} documents, {size:.1f} MB")
    print(f"timestamps: {size / best:8.2f} MB/s ({best:.2f} s)")
    print(f"ftfy.fix_text: {size / ftfy_s:8.2f} MB/s ({ftfy_s:.2f} s)")
    print(f"ratio timestamps/ftfy: {ftfy_s / best:.1f}x")

    edits = [(e, t) for r, t in results for e in r.edits]
    notes = collections.Counter(n.rule for r, _ in results for n in r.notes)
    print(f"edits: {len(edits)} in {sum(1 for r, _ in results if r.edits)} documents")
    print(f"notes: {sum(notes.values())} " + ", ".join(f"{k}={v}" for k, v in notes.most_common()))
    random.seed(1)
    for e, t in random.sample(edits, min(args.sample, len(edits))):
        ctx = t[max(0, e.start - 25) : e.start].replace("\n", "⏎")
        print(f"  …{ctx}[{e.before!r} → {e.after!r}]")
    by_note = collections.defaultdict(list)
    for r, _ in results:
        for n in r.notes:
            by_note[n.rule].append(n.text)
    for rule, items in sorted(by_note.items()):
        print(f"  note {rule}: " + " | ".join(repr(x) for x in items[:6]))


if __name__ == "__main__":
    main()
