"""Benchmark the glued-words pass on the clean bench corpus, next to ftfy in the same run.

    python bench/bench_glued_words.py [path/to/all.jsonl] [--quiet] [--lowercase]

Runs the pass over each record's text with the record's ``lang``, prints MB/s for the pass
and for ``ftfy.fix_text`` on the same texts, the number of lines changed, and every change
(the corpus is clean: each change is a false positive unless it is real glue).

Then damages a copy on purpose (removes, at random but reproducibly, one in eight spaces
between a lowercase word and a capitalised word, one in eight spaces after sentence
punctuation before a capital, and one in four spaces between a word and a number) and reports
how many joints the pass restores (recall) and how many of its splits were at a damaged
joint (precision). Damage is blind to the lexicon, so most damaged joints have no lexicon
evidence (a content word before a name): recall is expected to be low, precision high.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import regex  # noqa: E402

from cleantext.model import Context  # noqa: E402
from cleantext.options import Options  # noqa: E402
from cleantext.passes import pass_class  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "bench" / "corpus" / "all.jsonl"


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    quiet = "--quiet" in argv
    path = Path(args[0]) if args else DEFAULT
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [(None if "--no-lang" in argv else r.get("lang"), r["text"]) for r in records]
    size = sum(len(t.encode("utf-8")) for _, t in texts) / 1e6

    opts = Options(glue_lowercase="--lowercase" in argv)
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
    damage_report(p, opts, texts, quiet)
    return 0


_JOINTS = [
    (regex.compile(r"(?<=\p{Ll}) (?=\p{Lu}\p{Ll})"), 8),
    (regex.compile(r"(?<=\p{Ll}[.!?]) (?=\p{Lu}\p{Ll})"), 8),
    (regex.compile(r"(?<=\p{Ll}) (?=\d)|(?<=\d) (?=\p{Ll})"), 4),
]


def damage(text: str, rng: random.Random) -> tuple[str, set[int]]:
    """Remove some spaces; return the damaged text and the offsets where a space was lost."""
    drop = set()
    for pattern, one_in in _JOINTS:
        for m in pattern.finditer(text):
            if rng.randrange(one_in) == 0:
                drop.add(m.start())
    out, joints, removed = [], set(), 0
    for i, ch in enumerate(text):
        if i in drop:
            joints.add(i - removed)
            removed += 1
            continue
        out.append(ch)
    return "".join(out), joints


def damage_report(p, opts, texts, quiet: bool) -> None:
    rng = random.Random(20241124)
    damaged_joints = restored = splits = wrong = 0
    wrong_list = []
    for lang, text in texts:
        bad, joints = damage(text, rng)
        r = p(bad, Context(lang=lang, options=opts))
        damaged_joints += len(joints)
        for e in r.edits:
            k = next((i for i, (a, b) in enumerate(zip(e.before, e.after)) if a != b), len(e.before))
            pos = e.start + k
            splits += 1
            if pos in joints:
                restored += 1
            else:
                wrong += 1
                wrong_list.append(f"[{lang}] {e.before!r} -> {e.after!r} ({e.rule})")
    print(f"damaged copy: {damaged_joints} joints removed; {splits} splits, {restored} at a damaged joint "
          f"(recall {restored / max(damaged_joints, 1):.1%}, precision {restored / max(splits, 1):.1%})")
    if not quiet:
        for w in wrong_list:
            print("  not a damaged joint: " + w)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
