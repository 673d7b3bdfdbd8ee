"""Score the typography pass against other projects' test suites (read at run time).

    python bench/score_typography.py [--shared ../shared] [--all-failures]

Reads ``<shared>/eval/peers/{jolitypo,smartypants,markdown_it,python_markdown_smarty}.jsonl``,
keeps the ``html: false`` cases, maps each peer feature to the rules of the pass that
implement it, runs the pass with the case's language and the matching style, and prints the
score per feature and language, then the failures.

A case is *not applicable* (n/a) when it tests something the pass does not do (trademarks,
units, hyphenation, comma spacing, backticks, entities, markdown escapes) or a non-default
mode of the peer (SmartyPants ``attr=q`` without dashes, the "oldschool" dash modes). JoliTypo
tests one fixer at a time, so its cases run with only the matching rules of the pass (its
EnglishQuotes test expects ``I'm`` to stay straight because CurlyQuote is not in that run).
The full-pipeline peers (SmartyPants, markdown-it, Python-Markdown) run with every rule.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleantext.model import Context  # noqa: E402
from cleantext.passes.typography import RULES, Typography  # noqa: E402

PEERS = ("jolitypo", "smartypants", "markdown_it", "python_markdown_smarty")
ALL = frozenset(RULES)
QUOTE_RULES = frozenset({"apostrophe", "quotes", "single-quotes"})

# JoliTypo fixer -> (our feature, rules to run)
JOLI = {
    "CurlyQuote": ("apostrophe", {"apostrophe"}),
    "Dash": ("dashes", {"dashes"}),
    "Ellipsis": ("ellipsis", {"ellipsis"}),
    "EnglishQuotes": ("quotes", {"quotes"}),
    "FrenchQuotes": ("quotes", {"quotes"}),
    "GermanQuotes": ("quotes", {"quotes"}),
    "SmartQuotes": ("quotes", {"quotes"}),
    "FrenchNoBreakSpace": ("punct-spacing", {"punct-spacing"}),
    "SpaceBeforePunctuation": ("punct-spacing", {"punct-spacing"}),
}


def classify(peer: str, case: dict) -> tuple[str, frozenset[str], str] | None:
    """(our feature, rules, style) for an applicable case, None for n/a."""
    feat, notes = case["feature"], case.get("notes", "")
    if peer == "jolitypo":
        if feat.startswith("pipeline:"):
            parts = feat.split(":", 1)[1].split("+")
            if all(p in JOLI for p in parts):
                rules = set().union(*(JOLI[p][1] for p in parts))
                return JOLI[parts[0]][0], frozenset(rules), "typographic"
            return None
        if feat in JOLI:
            name, rules = JOLI[feat]
            return name, frozenset(rules), "typographic"
        return None
    if peer == "smartypants":
        if feat in ("entities_output_mode", "backslash_escapes", "backticks_double",
                    "backticks_single") or feat.startswith("dashes_oldschool"):
            return None
        if "\\" in case["input"]:
            return None  # markdown-style escapes
        if "attr=q;" in notes or "Attr.d" in notes or "--attr 0" in notes or "--attr b" in notes:
            return None  # a non-default subset of SmartyPants' rules
        if "| s" in notes:
            return "plain", ALL, "plain"  # 'stupefy': SmartyPants' ASCII mode
        name = {"apostrophe_decades": "apostrophe", "ellipses": "ellipsis",
                "noop_ordinals": "negative"}.get(feat, "dashes" if "dash" in feat else "quotes")
        return name, ALL, "typographic"
    if peer == "markdown_it":
        if feat == "smartquotes":
            return "quotes", ALL, "typographic"
        sub = feat.split("/", 1)[1]
        if sub in ("dashes", "regression_tests_for_624"):
            return "dashes", ALL, "typographic"
        if sub == "ellipsis":
            return "ellipsis", ALL, "typographic"
        if sub == "untitled":
            return "negative", ALL, "typographic"
        return None  # (c) (r) (tm) +- and repeated punctuation are not done by the pass
    if peer == "python_markdown_smarty":
        return ("apostrophe" if feat == "smarty/years" else "quotes"), ALL, "typographic"
    return None


# Documented divergences (see the pass docstring): (peer, predicate on the case) -> label.
DIVERGENCES = [
    ("smartypants", lambda c: "‘" in c["expected"] and "'" in c["input"] and any(
        c["input"][i + 1 : i + 3].isdigit() for i, ch in enumerate(c["input"]) if ch == "'"),
     "decade apostrophe: we write ’80s (U+2019, as Python-Markdown), SmartyPants ‘80s"),
    ("jolitypo", lambda c: "--" in c["input"] and "—" in c["expected"],
     "em dash spacing: we keep the spaces around -- (as SmartyPants), JoliTypo removes them"),
    ("markdown_it", lambda c: "--" in c["input"] and "–" in c["expected"],
     "-- is an em dash for us (SmartyPants, JoliTypo), an en dash for markdown-it"),
    ("python_markdown_smarty", lambda c: "--" in c["input"] and "–" in c["expected"],
     "-- is an em dash for us (SmartyPants, JoliTypo), an en dash for Python-Markdown"),
    ("markdown_it", lambda c: ".." in c["input"] and c["feature"].endswith("ellipsis"),
     "'..' stays (JoliTypo); markdown-it makes it …"),
    ("jolitypo", lambda c: c["lang"] and c["lang"].startswith("fr") and ": " in c["input"]
     and "\u00a0:" not in c["expected"] and not c["lang"].endswith("CA"),
     "a missing French space before ':' is added (the seed asks for it); JoliTypo never adds"),
    ("jolitypo", lambda c: "\u00a0;" in c["input"],
     "an existing no-break space before ';' is kept; JoliTypo rewrites U+00A0 to U+202F"),
    ("jolitypo", lambda c: c["lang"] in ("pl", "ro", "hu"),
     "closing quote ” per CLDR; JoliTypo uses “"),
    ("jolitypo", lambda c: c["lang"] == "fr-CA" and ":" in c["input"],
     "fr-CA keeps U+00A0 before ':' (OQLF); JoliTypo removes it"),
    ("jolitypo", lambda c: c["lang"] == "de-CH" and "«" in c["input"],
     "no spacing inside « » in de-CH (JoliTypo contradicts itself there)"),
    ("jolitypo", lambda c: c["lang"] == "xx-XX",
     "an unknown language gets only language-independent rules"),
    ("smartypants", lambda c: c["feature"] == "dashes/html_comments",
     "-- next to > or alone on a line (HTML comments, signatures) is left alone"),
]


# Divergences where the peers contradict each other, so no tool can pass both sides.
PEER_CONFLICTS = (
    "decade apostrophe", "em dash spacing", "-- is an em dash", "'..' stays", "no spacing inside « » in de-CH",
)


def divergence(peer: str, case: dict) -> str | None:
    for p, pred, label in DIVERGENCES:
        if p == peer and pred(case):
            return label
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--all-failures", action="store_true", help="print every failure in full")
    args = ap.parse_args()
    folder = Path(args.shared) / "eval" / "peers"
    if not folder.is_dir():
        print(f"no peer suites at {folder}", file=sys.stderr)
        return 2
    scores: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    by_peer: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failures: list[tuple[str, dict, str]] = []
    na = 0
    for peer in PEERS:
        for line in (folder / f"{peer}.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            if case.get("html"):
                continue
            cls = classify(peer, case)
            if cls is None:
                na += 1
                continue
            feature, rules, style = cls
            p = Typography(style=style, rules=rules)
            got = p(case["input"], Context(lang=case.get("lang"))).text
            ok = got == case["expected"]
            key = (feature, str(case.get("lang")))
            scores[key][0] += ok
            scores[key][1] += 1
            by_peer[peer][0] += ok
            by_peer[peer][1] += 1
            if not ok:
                failures.append((peer, case, got))
    total_ok = sum(v[0] for v in scores.values())
    total = sum(v[1] for v in scores.values())
    print(f"{'feature':<15} {'lang':<7} {'pass':>5} / {'n':<4} {'%':>6}")
    feats: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (feat, lang), (ok, n) in sorted(scores.items()):
        print(f"{feat:<15} {lang:<7} {ok:>5} / {n:<4} {100 * ok / n:6.1f}")
        feats[feat][0] += ok
        feats[feat][1] += n
    print("\nper feature:")
    for feat, (ok, n) in sorted(feats.items()):
        print(f"  {feat:<15} {ok:>4} / {n:<4} {100 * ok / n:6.1f}%")
    print("per peer:")
    for peer, (ok, n) in by_peer.items():
        print(f"  {peer:<24} {ok:>4} / {n:<4} {100 * ok / n:6.1f}%")
    print(f"\nTOTAL {total_ok} / {total} = {100 * total_ok / max(total, 1):.1f}% "
          f"of applicable html:false cases ({na} not applicable)")
    documented = [(p, c, g, divergence(p, c)) for p, c, g in failures]
    n_div = sum(1 for x in documented if x[3])
    print(f"excluding {n_div} failures that are documented divergences: "
          f"{total_ok} / {total - n_div} = {100 * total_ok / max(total - n_div, 1):.1f}%")
    n_conflict = sum(1 for x in documented if x[3] and x[3].startswith(PEER_CONFLICTS))
    print(f"on the cases where the peers do not contradict each other: "
          f"{total_ok} / {total - n_conflict} = {100 * total_ok / max(total - n_conflict, 1):.1f}%")
    print(f"\nfailures ({len(failures)}; 'divergence:' marks the documented ones):")
    for peer, case, got, why in documented:
        width = None if args.all_failures else 90
        print(f"- {peer} {case['feature']} [{case.get('lang')}] {case['id']}")
        if why:
            print(f"    divergence: {why}")
        for label, s in (("input", case["input"]), ("expected", case["expected"]), ("got", got)):
            r = repr(s)
            print(f"    {label:<8} {r if width is None else r[:width]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
