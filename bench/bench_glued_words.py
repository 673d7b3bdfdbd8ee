"""Benchmark the glued-words pass on the clean bench corpus, next to ftfy in the same run.

    python bench/bench_glued_words.py [path/to/all.jsonl] [--quiet]

Runs the pass over each record's text with the record's ``lang``, prints MB/s for the pass
and for ``ftfy.fix_text`` on the same texts, the number of lines changed, and every change
(the corpus is clean: each change is a false positive unless it is real glue).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleantext.model import Context  # noqa: E402
from cleantext.options import Options  # noqa: E402
from cleantext.passes import pass_class  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "bench" / "corpus" / "all.jsonl"


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    quiet = "--quiet" in argv
    path = Path(args[0]) if args else DEFAULT
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [(r.get("lang"), r["text"]) for r in records]
    size = sum(len(t.encode("utf-8")) for _, t in texts) / 1e6

    opts = Options()
    p = pass_class("glued-words").from_options(opts)
    p("warm up laRussie", Context(lang="fr", options=opts))  # load lexicons outside the timing
    for lang in {lang for lang, _ in texts if lang}:
        p("warm up laRussie", Context(lang=lang, options=opts))

    t0 = time.perf_counter()
    results = [(lang, text, p(text, Context(lang=lang, options=opts))) for lang, text in texts]
    t_pass = time.perf_counter() - t0

    import ftfy

    t0 = time.perf_counter()
    for _, text in texts:
        ftfy.fix_text(text)
    t_ftfy = time.perf_counter() - t0

    changed_lines = 0
    changes = []
    for (lang, text, r), rec in zip(results, records):
        if not r.edits:
            continue
        before = text.split("\n")
        after = r.text.split("\n")
        changed_lines += sum(1 for a, b in zip(before, after) if a != b)
        for e in r.edits:
            line = text.count("\n", 0, e.start) + 1
            ctx = text[max(0, e.start - 30) : e.end + 30].replace("\n", " ")
            changes.append(f"{rec.get('id')}:{line} [{lang}] {e.before!r} -> {e.after!r}  ({e.rule})  …{ctx}…")

    print(f"corpus: {path} ({len(texts)} documents, {size:.1f} MB)")
    print(f"glued-words: {size / t_pass:8.1f} MB/s  ({t_pass:.2f} s)")
    print(f"ftfy.fix_text: {size / t_ftfy:6.1f} MB/s  ({t_ftfy:.2f} s)")
    print(f"ratio glued-words / ftfy: {t_ftfy / t_pass:.1f}x faster")
    print(f"edits: {len(changes)}; lines changed: {changed_lines}")
    if not quiet:
        for c in changes:
            print("  " + c)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
