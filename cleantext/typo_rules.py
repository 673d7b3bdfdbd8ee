"""The typography rules, one function each: ``rule(text, loc, protected) -> list[Edit]``.

The pass (``cleantext/passes/typography.py``) runs them in order over the whole text (each
looks no further than a paragraph: the quote pairing; or a line: the rest), or on one
paragraph with ``chain`` when it must go step by step; see its docstring for what each does
and when it does not act. They scan with literal-first patterns and do Python work only per
candidate: the pass runs on whole novels.

Here: quotes and apostrophes, ellipsis, dashes, and the plain style. The spacing rule
``punct_spacing`` is in :mod:`cleantext.typo_spacing`, kept apart for the module size guideline.
"""

from __future__ import annotations

import re
from itertools import compress, repeat
from operator import attrgetter, eq

import regex

from . import rx
from .edits import Spans
from .model import Edit
from .typo_edits import drop_overlaps, drop_protected, make_edits, matches_at, sub_edits
from .typo_locale import Locale
from .typo_quotes import APOS, TRIVIAL_APOS, candidates, scan
from .typo_spacing import SPACES

_START = attrgetter("start")
_BEFORE = attrgetter("before")
APOS_WHY = "apostrophe ' → ’"
ACUTE_WHY = "acute accent used as apostrophe → ’"


# --- apostrophes and quotes (typographic) --------------------------------------------------

_ACUTE_APOS = rx.compile(r"(?<=\p{L})´(?=\p{L})")


def quote_parts(text: str, loc: Locale, protected, *, apostrophes: bool, doubles: bool,
                singles: bool, par_starts: list[int] | None = None,
                spans: list[tuple[int, int]] | None = None, untouched: list[int] | None = None):
    """The quote rule in two parts: ``(inert, acute, edits)``.

    ``inert`` are the positions of straight ' between two letters and ``acute`` those of ´
    between two letters, each made U+2019: such an edit never touches or influences another
    rule's (its neighbours are letters), so the pass keeps them out of the composition.
    ``edits`` are every other change of the rule. ``spans`` restricts the scan to some
    paragraphs ``(start, end)``; ``par_starts`` are where paragraphs start (pairing resets).
    ``untouched`` (whole text only), if given, receives the positions of the straight ' that
    the rule leaves as they are (see ``typo_edits.curl_all``).
    """
    if not any(c in text for c in "'\"´") and not (loc.french and "«" in text):
        return [], [], []
    inert: list[int] = []
    acute: list[int] = []
    left: list[int] = []  # the straight ' among the candidates
    trivial: list[int] = []
    if spans is None:
        positions = candidates(text, apos=left, quotes=loc.quotes)
        if apostrophes and "'" in text:
            trivial = list(map(re.Match.start, TRIVIAL_APOS.finditer(text)))
            inert = drop_protected(trivial, protected)
    else:
        positions = [i for s, e in spans for i in candidates(text, s, e, quotes=loc.quotes)]
        if apostrophes:
            inert = drop_protected([m.start() for s, e in spans for m in TRIVIAL_APOS.finditer(text, s, e)],
                                   protected)
    if apostrophes and "´" in text:
        acute = [m.start() for m in _ACUTE_APOS.finditer(text) if not (protected and protected.contains(m.start()))]
        if spans is not None:
            acute = [i for i in acute if any(s <= i < e for s, e in spans)]
    pairs_allowed = loc.quotes is not None
    # scan skips the protected candidates: they are left out beforehand, by bisection
    apos, pairs = scan(text, None, loc.base, loc.quotes, drop_protected(positions, protected), par_starts)
    edits: list[Edit] = make_edits(apos, 1, "'", APOS, APOS_WHY, "apostrophe") if apostrophes else []
    if pairs_allowed and pairs:
        o1, c1, o2, c2 = loc.quotes
        qs = loc.quote_space if o1 == "«" else ""
        kinds = {}  # kind -> (open, close, space inside, rule, reason)
        if doubles:
            kinds["d"] = (o1, c1, qs, "quotes", f"straight quotes → {o1}…{c1} ({loc.base})")
        if singles and loc.single_pairs:
            kinds["s"] = (o2, c2, "", "single-quotes", f"straight quotes → {o2}…{c2} ({loc.base})")
        at: list[int] = []
        before: list[str] = []
        after: list[str] = []
        why: list[str] = []
        name: list[str] = []
        for start, end, kind in pairs:
            k = kinds.get(kind)
            if k is None:
                continue
            op, cl, space, rule, reason = k
            ch = text[start]
            if ch == "'" or ch == '"':
                at.append(start)
                before.append(ch)
                after.append(op + space if space and text[start + 1 : start + 2] not in SPACES else op)
                why.append(reason)
                name.append(rule)
            ch = text[end]
            if ch == "'" or ch == '"':
                at.append(end)
                before.append(ch)
                after.append(space + cl if space and end and text[end - 1] not in SPACES else cl)
                why.append(reason)
                name.append(rule)
        if at:
            edits += make_edits(at, 1, before, after, why, name)
    edits.sort(key=_START)
    if untouched is not None and (left or len(inert) < len(trivial)):
        if len(inert) < len(trivial):  # protected ones
            left = sorted(set(left).union(trivial).difference(inert))
        changed = compress(map(_START, edits), map(eq, map(_BEFORE, edits), repeat("'")))
        untouched += sorted(set(left).difference(changed))
    return inert, acute, edits


def inert_edits(inert: list[int], acute: list[int]) -> list[Edit]:
    out = make_edits(inert, 1, "'", APOS, APOS_WHY, "apostrophe")
    if acute:
        out += [Edit(i, i + 1, "´", APOS, ACUTE_WHY, "apostrophe") for i in acute]
        out.sort(key=_START)
    return out


def quotes(text: str, loc: Locale, protected, *, apostrophes: bool, doubles: bool,
           singles: bool) -> list[Edit]:
    inert, acute, edits = quote_parts(text, loc, protected, apostrophes=apostrophes,
                                      doubles=doubles, singles=singles)
    if not inert and not acute:
        return edits
    edits += inert_edits(inert, acute)
    edits.sort(key=_START)
    return edits


# --- ellipsis -------------------------------------------------------------------------------

# (?<!\.)\.{3,}, literal first for the stdlib engine
_DOTS = re.compile(r"\.(?<!\.\.)\.{2,}")


def ellipsis(text: str, loc: Locale, protected: Spans) -> list[Edit]:
    if "..." not in text:
        return []

    def decide(m):
        s, e = m.span()
        if s and text[s - 1].isdigit() and e < len(text) and text[e].isdigit():
            return None  # 1...10: a range in code or maths
        if e < len(text) and text[e] in "/\\":
            return None  # a path
        return "…"

    return sub_edits(_DOTS.finditer(text), decide, text, protected, reason="three dots → …", rule="ellipsis")


# --- dashes ---------------------------------------------------------------------------------

# (?<!-)-{2,3}(?!-), literal first for the stdlib engine
_MULTI = re.compile(r"-(?<!--)-{1,2}(?!-)")
_SPACED = rx.compile(
    r"(?<=[\p{L}\p{N}\p{Pe}\p{Pf}\"'.,;:!?…%][ \u00a0])-(?=[ \u00a0][\p{L}\p{N}\p{Ps}\p{Pi}\"'«„])"
)
# (?<![\p{L}\p{N}\-+/.,:–—'’])(\d{1,4})-(\d{1,4})(?![\p{L}\p{N}\-/'’]|[.,:]\d), written around the
# hyphen so that the engine looks for a literal "-" (10x faster); both digit runs are whole
# runs, so the matches are the same and never overlap.
_RANGE = rx.compile(
    r"(?<=(?<![\p{L}\p{N}\-+/.,:–—'’])(\d{1,4}))-(?=(\d{1,4})(?![\p{L}\p{N}\-/'’]|[.,:]\d))"
)
# Where _SPACED and _RANGE can match (supersets, literal first, for the stdlib engine: a
# digit is an ASCII digit or some character beyond ASCII).
_SPACED_HINT = re.compile("-(?<=[ \u00a0]-)(?=[ \u00a0])")
_RANGE_HINT = re.compile(r"-(?<=[^\s\x00-\x2f:-\x7f]-)(?=[^\s\x00-\x2f:-\x7f])")


def dashes(text: str, loc: Locale, protected: Spans) -> list[Edit]:
    if "-" not in text:
        return []

    def multi(m):
        s, e = m.span()
        prev = text[s - 1] if s else ""
        nxt = text[e] if e < len(text) else ""
        if prev in ("<", "!") or nxt == ">":
            return None  # HTML comment
        if e - s == 2 and (not prev or prev.isspace()) and nxt.isalnum():
            return None  # a command-line flag: --in-place
        line_start = text.rfind("\n", 0, s) + 1
        line_end = text.find("\n", e)
        if text[line_start : (len(text) if line_end < 0 else line_end)].strip() == m.group():
            return None  # a signature separator or a rule line
        if e - s == 2 and prev.isdigit() and nxt.isdigit():
            return "–", "double hyphen between numbers → – (range)"
        return "—", f"'{m.group()}' → — (em dash)"

    def spaced(m):
        return loc.dash, f"spaced hyphen between words → {loc.dash}"

    def rng(m):
        a, b = m.group(1), m.group(2)
        ia, ib = int(a), int(b)
        if a.startswith("0") and len(a) > 1:
            return None
        if len(a) == 4 and len(b) == 2:
            ok = ia % 100 < ib  # 2019-20
        else:
            ok = ia < ib and (len(a) == len(b) or len(a) < len(b) <= 2)
        if ok:
            return "–", f"number range {a}-{b} → en dash"
        return None

    edits: list[Edit] = []
    edits += sub_edits(_MULTI.finditer(text), multi, text, protected, rule="dashes")
    edits += sub_edits(matches_at(_SPACED_HINT, _SPACED, text), spaced, text, protected, rule="dashes")
    edits += sub_edits(matches_at(_RANGE_HINT, _RANGE, text), rng, text, protected, rule="dashes")
    edits.sort(key=_START)
    return drop_overlaps(edits)


# --- plain style ------------------------------------------------------------------------------

_PLAIN_SINGLE = rx.compile(r"[’‘‛´]|(?<=^|[\s(\[{])‚(?=\S)", regex.M)
_PLAIN_DOUBLE = rx.compile(r"[“”„‟]")
_PLAIN_PAIRS = rx.compile(
    r"(?P<o>«|‹)(?P<a>[ \u00a0\u202f\u2009]?)(?P<body>[^«»‹›\n]*?[^\s«»‹›])(?P<b>[ \u00a0\u202f\u2009]?)(?P<c>»|›)"
    r"|(?P<o>»|›)(?P<a>)(?P<body>[^\s«»‹›][^«»‹›\n]*?[^\s«»‹›]|[^\s«»‹›])(?P<b>)(?P<c>«|‹)",
)


def plain_quotes(text: str, loc: Locale, protected: Spans, *, apostrophes: bool, doubles: bool,
                 singles: bool) -> list[Edit]:
    edits: list[Edit] = []
    if apostrophes or singles:
        for m in _PLAIN_SINGLE.finditer(text):
            c = m.group()
            if c == "´" and not (m.start() and text[m.start() - 1].isalpha()):
                continue
            if not protected.contains(m.start()):
                edits.append(Edit(m.start(), m.end(), c, "'", f"plain style: {c} → '", "apostrophe"))
    if doubles:
        for m in _PLAIN_DOUBLE.finditer(text):
            if not protected.contains(m.start()):
                edits.append(Edit(m.start(), m.end(), m.group(), '"', f"plain style: {m.group()} → \"",
                                  "quotes"))
        for m in _PLAIN_PAIRS.finditer(text):
            if protected.overlaps(*m.span()):
                continue
            q = '"' if m.group("o") in "«»" else "'"
            why = f"plain style: {m.group('o')}…{m.group('c')} → {q}…{q}"
            edits.append(Edit(m.start(), m.end("a"), text[m.start() : m.end("a")], q, why, "quotes"))
            edits.append(Edit(m.start("b"), m.end(), text[m.start("b") : m.end()], q, why, "quotes"))
    edits.sort(key=_START)
    return drop_overlaps(edits)


def plain_ellipsis(text: str, loc: Locale, protected: Spans) -> list[Edit]:
    if "…" not in text:
        return []
    return sub_edits(_ONE_CHAR_ELLIPSIS.finditer(text), _three_dots, text, protected, reason="plain style: … → ...",
                     rule="ellipsis")


_ONE_CHAR_ELLIPSIS = rx.compile("…")


def _three_dots(m) -> str:
    return "..."
