"""Speed of the dedup pass next to ftfy.fix_text, on the clean benchmark corpus, in one run.

    python bench/bench_dedup.py [--corpus ../shared/bench/corpus] [--repeat 3] [--show 20]

Prints MB/s of the pass run per document (all.jsonl) and on all.txt as one text, MB/s of
ftfy.fix_text per document, the ratio, and every edit the pass made on the clean corpus (each is
likely a false positive: the corpus has no duplicated headlines or teasers). It then damages a
copy of the news documents on purpose (title printed twice, a teaser cut with '...') and
reports how many of those the pass removed.
"""

from __future__ import annotations

import argparse
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
from cleantext.passes.dedup import PASS  # noqa: E402


def best_time(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def damage(text: str, rng: random.Random) -> tuple[str, int]:
    """Print the title twice and add a teaser of the first long paragraph; return (text, n)."""
    paras = text.split("\n\n")
    title, rest = paras[0], paras[1:]
    long = next((p.strip() for p in rest if len(p.strip()) > 200), None)
    out, n = [title, title.upper() if rng.random() < 0.3 else title], 1
    if long:
        cut = long[: rng.randint(80, 160)].rsplit(" ", 1)[0]
        out.append(cut + ("..." if rng.random() < 0.5 else "…"))
        n += 1
    return "\n\n".join(out + rest), n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "bench" / "corpus"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--show", type=int, default=20)
    args = ap.parse_args()
    corpus = Path(args.corpus)
    docs = [json.loads(line) for line in (corpus / "all.jsonl").read_text(encoding="utf-8").splitlines()]
    whole = (corpus / "all.txt").read_text(encoding="utf-8")
    mb = len(whole.encode("utf-8")) / 1e6
    mb_docs = sum(len(d["text"].encode("utf-8")) for d in docs) / 1e6
    p = PASS.from_options(Options())

    results = {}

    def per_doc():
        results["docs"] = [(d, p(d["text"], Context(lang=d["lang"]))) for d in docs]

    def one_text():
        results["whole"] = p(whole, Context())

    t_docs = best_time(per_doc, args.repeat)
    t_whole = best_time(one_text, args.repeat)
    t_ftfy = best_time(lambda: [ftfy.fix_text(d["text"]) for d in docs], 1)

    print(f"corpus: {len(docs)} documents, {mb:.1f} MB")
    print(f"dedup per document : {mb_docs / t_docs:8.1f} MB/s  ({t_docs:.2f} s)")
    print(f"dedup as one text  : {mb / t_whole:8.1f} MB/s  ({t_whole:.2f} s)")
    print(f"ftfy.fix_text      : {mb_docs / t_ftfy:8.1f} MB/s  ({t_ftfy:.2f} s)")
    print(f"dedup time / ftfy time: {t_docs / t_ftfy:.3f} per document, {t_whole / t_ftfy:.3f} as one text")

    edits = [(d["id"], d["text"], e) for d, r in results["docs"] for e in r.edits]
    print(f"\nedits on the clean corpus: {len(edits)} per document, {len(results['whole'].edits)} as one text")
    for doc_id, text, e in edits[: args.show]:
        line = text.count("\n", 0, e.start) + 1
        print(f"  {doc_id}:{line}: {e.reason} [{e.rule}]: {e.before.strip()[:110]!r}")
    for e in results["whole"].edits[: args.show]:
        line = whole.count("\n", 0, e.start) + 1
        print(f"  all.txt:{line}: {e.reason} [{e.rule}]: {e.before.strip()[:110]!r}")

    rng = random.Random(7)
    news = [d for d in docs if d["kind"] == "news"]
    injected = found = 0
    for d in news:
        text, n = damage(d["text"], rng)
        injected += n
        found += len(p(text, Context(lang=d["lang"])).edits)
    print(f"\ndamaged news copies: {injected} injected duplicates, {found} removed")


if __name__ == "__main__":
    main()
