"""The typography rules, one function each: ``rule(text, loc, protected) -> list[Edit]``.

The pass (``cleantext/passes/typography.py``) runs them in order on each paragraph with
``chain``; see its docstring for what each does and when it does not act.
"""

from __future__ import annotations

import regex

from .edits import Spans, sub_with_edits
from .model import Edit
from .typo_locale import NBSP, Locale
from .typo_quotes import APOS, scan

SPACES = " \u00a0\u202f\u2009"
NO_BREAK = "\u00a0\u202f"

# --- apostrophes and quotes (typographic) --------------------------------------------------

_ACUTE_APOS = regex.compile(r"(?<=\p{L})´(?=\p{L})")


def quotes(text: str, loc: Locale, protected: Spans, *, apostrophes: bool, doubles: bool,
           singles: bool) -> list[Edit]:
    if not any(c in text for c in "'\"´") and not (loc.french and "«" in text):
        return []
    edits: list[Edit] = []
    pairs_allowed = loc.quotes is not None
    apos, pairs = scan(text, protected, loc.base, loc.quotes)
    if apostrophes:
        for i in apos:
            edits.append(Edit(i, i + 1, "'", APOS, "apostrophe ' → ’", "apostrophe"))
        for m in _ACUTE_APOS.finditer(text):
            if not protected.contains(m.start()):
                edits.append(Edit(m.start(), m.end(), "´", APOS, "acute accent used as apostrophe → ’",
                                  "apostrophe"))
    if pairs_allowed:
        o1, c1, o2, c2 = loc.quotes
        qs = loc.quote_space if o1 == "«" else ""
        for start, end, kind in pairs:
            if kind == "d" and not doubles or kind == "s" and not (singles and loc.single_pairs):
                continue
            op, cl = (o1, c1) if kind == "d" else (o2, c2)
            space = qs if kind == "d" else ""
            name = "quotes" if kind == "d" else "single-quotes"
            why = f"straight quotes → {op}…{cl} ({loc.base})"
            if text[start] in "'\"":
                after = op + (space if text[start + 1 : start + 2] not in SPACES else "")
                edits.append(Edit(start, start + 1, text[start], after, why, name))
            if text[end] in "'\"":
                pre = space if end and text[end - 1] not in SPACES else ""
                edits.append(Edit(end, end + 1, text[end], pre + cl, why, name))
    edits.sort(key=lambda e: e.start)
    return edits


# --- ellipsis -------------------------------------------------------------------------------

_DOTS = regex.compile(r"(?<!\.)\.{3,}")


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

    return list(sub_with_edits(_DOTS, decide, text, reason="three dots → …", rule="ellipsis",
                               protected=protected).edits)


# --- dashes ---------------------------------------------------------------------------------

_MULTI = regex.compile(r"(?<!-)-{2,3}(?!-)")
_SPACED = regex.compile(
    r"(?<=[\p{L}\p{N}\p{Pe}\p{Pf}\"'.,;:!?…%][ \u00a0])-(?=[ \u00a0][\p{L}\p{N}\p{Ps}\p{Pi}\"'«„])"
)
_RANGE = regex.compile(
    r"(?<![\p{L}\p{N}\-+/.,:–—'’])(\d{1,4})(-)(\d{1,4})(?![\p{L}\p{N}\-/'’]|[.,:]\d)"
)


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
        a, b = m.group(1), m.group(3)
        ia, ib = int(a), int(b)
        if a.startswith("0") and len(a) > 1:
            return None
        if len(a) == 4 and len(b) == 2:
            ok = ia % 100 < ib  # 2019-20
        else:
            ok = ia < ib and (len(a) == len(b) or len(a) < len(b) <= 2)
        if ok:
            return "–", f"number range {m.group()} → en dash"
        return None

    edits: list[Edit] = []
    edits += sub_with_edits(_MULTI, multi, text, rule="dashes", protected=protected).edits
    edits += sub_with_edits(_SPACED, spaced, text, rule="dashes", protected=protected).edits
    edits += sub_with_edits(_RANGE, rng, text, rule="dashes", protected=protected, group=2).edits
    edits.sort(key=lambda e: e.start)
    return _drop_overlaps(edits)


def _drop_overlaps(edits: list[Edit]) -> list[Edit]:
    out: list[Edit] = []
    for e in edits:
        if out and e.start < out[-1].end:
            continue
        out.append(e)
    return out


# --- spacing before : ; ! ? and inside « » ----------------------------------------------------

_BRANDS = frozenset({"yahoo", "jeopardy", "joomla", "wham"})
_MARK = regex.compile(r"::?|;|[!?]+")
_PRE_PUNCT = ")]»”’%…."
_GUILLEMETS = regex.compile(r"«(?P<a>[ \u00a0\u202f\u2009]?)(?P<body>[^«»\n]*?[^\s«»])(?P<b>[ \u00a0\u202f\u2009]?)»")


def _clause_end(text: str, end: int, mark: str) -> bool:
    """Does the mark ending at ``end`` close a clause (not 10:30, :-), Yahoo!, fdda::1)?"""
    if end >= len(text):
        return True
    c = text[end]
    if c.isspace():
        nxt = text[end + 1 : end + 2]
        return not (mark in ":;" and nxt in (")", "("))  # ': )' a spaced emoticon
    if c in "»”’\"":
        return True
    return c in ")]" and mark[0] in "!?"


def punct_spacing(text: str, loc: Locale, protected: Spans, *, plain: bool = False) -> list[Edit]:
    if loc.colon_space is None or not any(c in text for c in ":;!?«"):
        return []
    edits: list[Edit] = []
    for m in _MARK.finditer(text):
        mark = m.group()
        if mark == "::":
            continue  # IPv6, C++ scopes
        e = m.start()
        sp = text[e - 1] if e and text[e - 1] in SPACES else ""
        s = e - len(sp)
        if not s:
            continue
        pre = text[s - 1]
        if not (pre.isalnum() or pre in _PRE_PUNCT):
            continue
        if not _clause_end(text, m.end(), mark) or protected.overlaps(s - 1, m.end()):
            continue
        target = loc.colon_space if mark == ":" else loc.punct_space
        if plain:
            if not (loc.french and sp in "\u00a0\u202f\u2009" and sp):
                continue
            target, why = "", "plain style: no-break space before punctuation removed"
        elif loc.french and target:
            if sp in NO_BREAK and sp:
                continue  # a no-break space is already there (U+00A0 or U+202F): correct
            if not sp and not (pre.isalnum() or pre in "»”’)]%…"):
                continue
            if not sp and mark[0] == "!" and _word_before(text, s).lower() in _BRANDS:
                continue
            kind = "no-break space" if target == NBSP else "narrow no-break space"
            why = f"French spacing: {kind} before '{mark}'"
        else:
            # No space wanted: remove an ordinary space after a word (French also drops
            # no-break ones when the option says 'none').
            if not sp or not (pre.isalpha() or pre in "»”’)]"):
                continue
            if sp != " " and not loc.french:
                continue  # a no-break space is deliberate (a French quotation, say)
            why = f"no space before '{mark}' in {loc.base}"
        if sp != target:
            edits.append(Edit(s, e, sp, target, why, "punct-spacing"))
    if loc.french:
        edits += _guillemet_spacing(text, "" if plain else loc.quote_space, protected)
        edits.sort(key=lambda x: x.start)
    return _drop_overlaps(edits)


def _word_before(text: str, end: int) -> str:
    i = end
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    return text[i:end]


def _guillemet_spacing(text: str, space: str, protected: Spans) -> list[Edit]:
    if "«" not in text:
        return []
    edits = []
    why = "French spacing inside « »" if space else "no space inside « »"
    for m in _GUILLEMETS.finditer(text):
        if protected.overlaps(*m.span()):
            continue
        for g in ("a", "b"):
            s, e = m.span(g)
            if space and text[s:e] and text[s:e] in NO_BREAK:
                continue  # already a no-break space
            if text[s:e] != space:
                edits.append(Edit(s, e, text[s:e], space, why, "punct-spacing"))
    return edits


# --- plain style ------------------------------------------------------------------------------

_PLAIN_SINGLE = regex.compile(r"[’‘‛´]|(?<=^|[\s(\[{])‚(?=\S)", regex.M)
_PLAIN_DOUBLE = regex.compile(r"[“”„‟]")
_PLAIN_PAIRS = regex.compile(
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
    edits.sort(key=lambda e: e.start)
    return _drop_overlaps(edits)


def plain_ellipsis(text: str, loc: Locale, protected: Spans) -> list[Edit]:
    if "…" not in text:
        return []
    return list(sub_with_edits("…", "...", text, reason="plain style: … → ...", rule="ellipsis",
                               protected=protected).edits)
