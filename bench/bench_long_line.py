"""A document made of one very long line is cleaned in time linear in its size.

Builds single-line documents of 5, 10, 25 and 50 MB from the bench corpus (newlines turned
into spaces, with some damage sprinkled in: doubled spaces, zero-width characters, glued
words, a few mojibake sequences) and times the whole pipeline (or --only PASSES) on each.
Prints seconds, MB/s and the ratio of each time to the 5 MB time; linear time means the
ratios follow the sizes (1, 2, 5, 10). Not a test: the machines are shared and noisy.

    python bench/bench_long_line.py
    python bench/bench_long_line.py --only whitespace --sizes 5,10,25,50
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("CLEANTEXT_SHARED", ROOT.parent / "shared"))

from cleantext.options import Options  # noqa: E402
from cleantext.pipeline import Pipeline  # noqa: E402


def one_line(size: int) -> str:
    src = SHARED / "bench" / "corpus" / "all.txt"
    base = src.read_text("utf-8") if src.exists() else "Plain words in a sentence, again and again. " * 20000
    base = " ".join(base.split())  # one line, single spaces
    damage = ["  ", "\u200b", "laRussie", "cafÃ© ", " \u00ad", "...", "  "]
    parts = []
    step = 997
    for i in range(0, len(base), step):
        parts.append(base[i : i + step])
        parts.append(damage[(i // step) % len(damage)])
    text = "".join(parts)
    while len(text) < size:
        text += " " + text
    return text[:size]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", default=None)
    ap.add_argument("--sizes", default="5,10,25,50", help="megabytes, comma-separated")
    ap.add_argument("--lang", default="en")
    args = ap.parse_args()
    opts = Options(only=tuple(args.only.split(","))) if args.only else Options()
    pipe = Pipeline(opts)
    print(f"passes: {', '.join(pipe.names)}")
    first = None
    print(f"{'size MB':>8} {'seconds':>9} {'MB/s':>7} {'time ratio':>11} {'size ratio':>11}")
    sizes = [int(x) for x in args.sizes.split(",")]
    for mb in sizes:
        text = one_line(mb * 1_000_000)
        t0 = time.perf_counter()
        out = pipe.run(text, lang=args.lang)
        dt = time.perf_counter() - t0
        assert "\n" not in out.text
        first = first or dt
        print(f"{mb:8d} {dt:9.2f} {mb / dt:7.2f} {dt / first:11.2f} {mb / sizes[0]:11.2f}")
        del text, out


if __name__ == "__main__":
    main()
