"""Is the mojibake pass's shortcut exact, and how fast is the pass? One run, one process.

    python bench/mojibake_shortcut.py            # exactness + MB/s
    python bench/mojibake_shortcut.py --derive   # print the GATE_DERIVED literal from ftfy
    python bench/mojibake_shortcut.py --derive-pairs   # print mojibake_pairs.PICKS

Exactness: the pass (which skips lines without a gate character) is compared with plain
``ftfy.fix_text`` with the same configuration and no shortcut, run on every line with the
pass's entity rule (entities unescaped only if the document has no '<' and unescaping
commutes with the encoding repair; see ``fix_segment``), on

1. every input of ../shared/eval/peers/ftfy.jsonl;
2. every line of ../shared/bench/corpus/all.txt (and the whole file at once);
3. a damaged copy of the corpus: some lines re-decoded from UTF-8 as Windows-1252, Latin-1,
   Windows-1251 or MacRoman, some with HTML entities, some with terminal colours.

Speed: MB/s (UTF-8 bytes of input per second) on the clean and damaged texts for the pass,
``ftfy.fix_text`` with defaults, and ``ftfy.fix_text`` with the pass's configuration.
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
SHARED = ROOT.parent / "shared"

import ftfy  # noqa: E402

from cleantext.model import Context  # noqa: E402
from cleantext.mojibake_gate import (  # noqa: E402
    FIXED_TRIGGERS,
    GATE_CHARS,
    derive,
    may_be_changed,
    uncovered_branches,
)
from cleantext.passes.mojibake import PASS, ftfy_config  # noqa: E402

CORPUS = SHARED / "bench" / "corpus" / "all.txt"
PEERS = SHARED / "eval" / "peers" / "ftfy.jsonl"


def reference(text: str) -> str:
    """Plain ftfy on every line, the pass's configuration and entity rule, no shortcut."""
    plain = ftfy_config(False)._replace(explain=False)
    full = ftfy_config(True)._replace(explain=False)
    only = ftfy_config(True, True)._replace(explain=False)
    unescape = "<" not in text
    out = []
    for line in text.split("\n"):
        fixed = ftfy.fix_text(line, plain)
        if unescape and "&" in line:
            with_entities = ftfy.fix_text(line, full)
            if with_entities == ftfy.fix_text(fixed, only):
                fixed = with_entities
        out.append(fixed)
    return "\n".join(out)


def run_pass(text: str) -> str:
    return PASS()(text, Context()).text


def damage(text: str, seed: int = 1) -> str:
    rng = random.Random(seed)
    out = []
    for line in text.split("\n"):
        r = rng.random()
        if line and r < 0.04:
            line = line.encode("utf-8").decode("cp1252", "replace")
        elif line and r < 0.06:
            line = line.encode("utf-8").decode("latin-1")
        elif line and r < 0.07:
            line = line.encode("utf-8").decode("cp1251", "replace")
        elif line and r < 0.075:
            line = line.encode("utf-8").decode("mac_roman", "replace")
        elif line and r < 0.085:
            line = line.replace("&", "&amp;").replace("é", "&eacute;").replace(" - ", " &mdash; ")
        elif line and r < 0.09:
            line = "\x1b[1m" + line + "\x1b[0m"
        out.append(line)
    return "\n".join(out)


def derive_literal() -> str:
    text = CORPUS.read_text(encoding="utf-8")
    freq = collections.Counter(text)
    gate = derive(lambda s: sum(freq[c] for c in s) + 0.001 * len(s))
    chars = "".join(sorted(gate - set(FIXED_TRIGGERS)))  # those are always in the gate
    pieces = []
    for i in range(0, len(chars), 60):
        chunk = chars[i : i + 60]
        lit = "".join(
            c if c.isprintable() and not 0xE000 <= ord(c) <= 0xF8FF else f"\\u{ord(c):04x}"
            for c in chunk
        )
        pieces.append(f'    "{lit}"')
    return "GATE_DERIVED = (\n" + "\n".join(pieces) + "\n)"


def derive_pairs() -> str:
    """For each BADNESS_RE branch, the element (or two adjacent elements) least often found in
    the corpus and in its cleaned output: what mojibake_pairs.sieve scans for."""
    import re

    from ftfy.badness import BADNESS_RE

    from cleantext.mojibake_gate import _branches, _element_chars
    from cleantext.mojibake_pairs import element_source, fingerprint
    from cleantext.pipeline import Pipeline

    raw = CORPUS.read_text(encoding="utf-8")
    texts = [raw, Pipeline().run(raw).text]
    chars: collections.Counter = collections.Counter()
    bigrams: collections.Counter = collections.Counter()
    for t in texts:
        chars.update(t)
        bigrams.update(zip(t, t[1:]))
    alphabet = list(chars)

    def matching(source: str) -> set[str]:
        rx = re.compile(source)
        return {c for c in alphabet if rx.fullmatch(c)}

    picks = []
    for branch in _branches(BADNESS_RE):
        seq = list(branch)
        best = None
        for i, (op, av) in enumerate(seq):
            anchor = _element_chars(op, av)
            if anchor is None:
                continue
            freq = sum(chars[c] for c in anchor)
            options = [(1000 * freq + freq, i, -1)]
            for j in (i - 1, i + 1):
                src = element_source(*seq[j]) if 0 <= j < len(seq) else None
                if src is None:
                    continue
                partner = matching(src)
                if j == i + 1:
                    occ = sum(n for (a, b), n in bigrams.items() if a in anchor and b in partner)
                else:
                    occ = sum(n for (a, b), n in bigrams.items() if b in anchor and a in partner)
                options.append((1000 * occ + freq, i, j))
            for option in options:
                if best is None or option < best:
                    best = option
        if best is None:
            raise ValueError(f"a BADNESS_RE branch has no one-character element: {seq}")
        picks.append((best[1], best[2]))
    lines = [f'PICKS_FOR = "{fingerprint()}"', "PICKS: tuple[tuple[int, int], ...] = ("]
    for k in range(0, len(picks), 8):
        lines.append("    " + " ".join(f"({i}, {j})," for i, j in picks[k : k + 8]))
    return "\n".join(lines + [")"])


def compare(name: str, texts: list[str]) -> int:
    bad = 0
    for t in texts:
        if run_pass(t) != reference(t):
            bad += 1
            if bad <= 3:
                print(f"   MISMATCH {name}: {t[:80]!r}")
    print(f"  {name:<40} {len(texts):>7} texts  {bad} mismatches")
    return bad


def mbps(fn, text: str, repeat: int = 1) -> float:
    size = len(text.encode("utf-8", "surrogatepass")) / 1e6
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - t0)
    return size / best


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--derive", action="store_true")
    ap.add_argument("--derive-pairs", action="store_true")
    args = ap.parse_args()
    if args.derive:
        print(derive_literal())
        return 0
    if args.derive_pairs:
        print(derive_pairs())
        return 0

    print(f"ftfy {ftfy.__version__}; gate: {len(GATE_CHARS)} code points; "
          f"uncovered BADNESS_RE branches: {len(uncovered_branches(GATE_CHARS))}")
    clean = CORPUS.read_text(encoding="utf-8")
    damaged = damage(clean)
    peers = [json.loads(l)["input"] for l in PEERS.read_text(encoding="utf-8").split("\n") if l.strip()]

    print("exactness (pass vs ftfy.fix_text, same configuration, no shortcut):")
    bad = compare("ftfy.jsonl inputs", peers)
    bad += compare("corpus lines", clean.split("\n"))
    bad += compare("damaged corpus lines", damaged.split("\n"))
    bad += compare("corpus, whole file", [clean])
    bad += compare("damaged corpus, whole file", [damaged])
    for name, text in (("clean", clean), ("damaged", damaged)):
        lines = text.split("\n")
        gated = [l for l in lines if not GATE_CHARS.isdisjoint(l)]
        second = sum(1 for l in gated if may_be_changed(l))
        print(f"  lines with a gate character, {name}: {len(gated)}/{len(lines)}; "
              f"sent to ftfy after the second gate: {second}")

    default_cfg = ftfy.TextFixerConfig(explain=False)
    same_cfg = ftfy_config(True)._replace(explain=False)  # one call per line, entities on
    rows = [
        ("mojibake pass", run_pass),
        ("ftfy.fix_text (defaults)", lambda t: ftfy.fix_text(t, default_cfg)),
        ("ftfy.fix_text (pass config, no shortcut)", lambda t: ftfy.fix_text(t, same_cfg)),
    ]
    print("\nspeed, MB/s (best of 2 for the pass):")
    print(f"  {'':<42}{'clean':>9}{'damaged':>10}")
    figures = {}
    for name, fn in rows:
        rep = 2 if fn is run_pass else 1
        figures[name] = (mbps(fn, clean, rep), mbps(fn, damaged, rep))
        print(f"  {name:<42}{figures[name][0]:>9.1f}{figures[name][1]:>10.1f}")
    p, d = figures["mojibake pass"], figures["ftfy.fix_text (defaults)"]
    print(f"  ratio pass / ftfy.fix_text defaults: clean {p[0] / d[0]:.1f}x, damaged {p[1] / d[1]:.1f}x")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
