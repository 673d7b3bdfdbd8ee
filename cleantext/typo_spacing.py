"""Typography rule ``punct_spacing``: the space before ``: ; ! ?`` and inside ``« »``.

French wants a (narrow) no-break space before these marks and inside guillemets; English and
most other languages want none; the plain style removes the no-break ones. The rule finds
the few marks that may change with literal-first stdlib scans (``_mark_positions``) and
pairs guillemets without the lazy regex (``_guillemet_matches``): it runs on whole novels.
See the pass's docstring (``cleantext/passes/typography.py``) for when it does not act.

Kept apart from :mod:`cleantext.typo_rules` (quotes, ellipsis, dashes, plain style) to keep
each module under the size guideline; ``SPACES`` is shared with the quote rule.
"""

from __future__ import annotations

import re
from operator import attrgetter

from . import rx
from .edits import Spans
from .model import Edit
from .typo_edits import drop_overlaps, make_edit, make_edits
from .typo_locale import NBSP, Locale

_START = attrgetter("start")
SPACES = " \u00a0\u202f\u2009"
NO_BREAK = "\u00a0\u202f"


# --- spacing before : ; ! ? and inside « » ----------------------------------------------------

_BRANDS = frozenset({"yahoo", "jeopardy", "joomla", "wham"})
_MARK = rx.compile(r"::?|;|[!?]+")
_PRE_PUNCT = ")]»”’%…."
_GUILLEMETS = rx.compile(r"«(?P<a>[ \u00a0\u202f\u2009]?)(?P<body>[^«»\n]*?[^\s«»])(?P<b>[ \u00a0\u202f\u2009]?)»")


_MARK_CANDIDATES: dict[str, re.Pattern[str]] = {}


def _mark_positions(text: str, loc: Locale, plain: bool) -> list[int]:
    """Where a mark that the loop below may change starts (a superset, found in C).

    A change needs the character before the mark (or before its space) to be a letter, a
    digit or closing punctuation, so the mark starts a run of marks and is a token of
    ``_MARK`` by itself; which spaces can change depends on the style and the language.
    """
    if plain and not loc.french:
        return []
    found = []
    for c in ":;!?":
        if c not in text:
            continue
        target = loc.colon_space if c == ":" else loc.punct_space
        if plain:
            before = "\u00a0\u202f\u2009"
        elif loc.french and target:
            before = " \u2009\\w»”’)\\]%…"  # a wrong space, or none at all (\w ⊇ isalnum)
        elif loc.french:
            before = SPACES
        else:
            before = " "
        key = before + c
        pat = _MARK_CANDIDATES.get(key)
        if pat is None:
            # literal first, for the stdlib engine (twice as fast as ``regex`` on a literal)
            pat = _MARK_CANDIDATES[key] = re.compile(f"{re.escape(c)}(?<=[{before}]{re.escape(c)})")
        found.append(list(map(re.Match.start, pat.finditer(text))))
    if len(found) == 1:
        return found[0]
    return sorted([i for part in found for i in part])


def punct_spacing(text: str, loc: Locale, protected: Spans, *, plain: bool = False) -> list[Edit]:
    if loc.colon_space is None or not any(c in text for c in ":;!?«"):
        return []
    match_mark = _MARK.match
    overlaps = protected.overlaps if protected else None
    french, n = loc.french, len(text)
    whys: dict[tuple[str, str], str] = {}
    at: list[int] = []  # the edits' fields, built into Edits at the end (make_edits)
    ends: list[int] = []
    befores: list[str] = []
    afters: list[str] = []
    reasons: list[str] = []
    for e in _mark_positions(text, loc, plain):
        c = text[e]
        nx = text[e + 1 : e + 2]
        if c == ":":
            if nx == ":":
                continue  # IPv6, C++ scopes
            mark = c
        elif c == ";" or not nx or nx not in "!?":
            mark = c
        else:
            mark = match_mark(text, e).group()
        sp = text[e - 1] if e else ""
        if sp not in SPACES:
            sp = ""
        s = e - len(sp)
        if not s:
            continue
        pre = text[s - 1]
        if not (pre.isalnum() or pre in _PRE_PUNCT):
            continue
        end = e + len(mark)
        if end < n:  # does the mark close a clause? (_clause_end, inlined)
            c = text[end]
            if c.isspace():
                if mark in ":;" and text[end + 1 : end + 2] in (")", "("):
                    continue
            elif c not in "»”’\"" and not (c in ")]" and mark[0] in "!?"):
                continue
        if overlaps is not None and overlaps(s - 1, end):
            continue
        target = loc.colon_space if mark == ":" else loc.punct_space
        if plain:
            if not (french and sp in "\u00a0\u202f\u2009" and sp):
                continue
            target, why = "", "plain style: no-break space before punctuation removed"
        elif french and target:
            if sp in NO_BREAK and sp:
                continue  # a no-break space is already there (U+00A0 or U+202F): correct
            if not sp and not (pre.isalnum() or pre in "»”’)]%…"):
                continue
            if not sp and mark[0] == "!" and _word_before(text, s).lower() in _BRANDS:
                continue
            why = whys.get((target, mark))
            if why is None:
                kind = "no-break space" if target == NBSP else "narrow no-break space"
                why = whys[target, mark] = f"French spacing: {kind} before '{mark}'"
        else:
            # No space wanted: remove an ordinary space after a word (French also drops
            # no-break ones when the option says 'none').
            if not sp or not (pre.isalpha() or pre in "»”’)]"):
                continue
            if sp != " " and not french:
                continue  # a no-break space is deliberate (a French quotation, say)
            why = f"no space before '{mark}' in {loc.base}"
        if sp != target:
            at.append(s)
            ends.append(e)
            befores.append(sp)
            afters.append(target)
            reasons.append(why)
    edits = make_edits(at, ends, befores, afters, reasons, "punct-spacing") if at else []
    if french:
        inside = _guillemet_spacing(text, "" if plain else loc.quote_space, protected)
        if inside:
            edits += inside
            edits.sort(key=_START)
            return drop_overlaps(edits)
    return edits  # one edit before each mark: sorted, apart


def _word_before(text: str, end: int) -> str:
    i = end
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    return text[i:end]


_SP4 = " \u00a0\u202f\u2009"
_G_OPEN = re.compile("«")  # the stdlib engine: several times faster on literals
_G_STOP = re.compile(r"[«»\n]")
_NOT_REGEX_SPACE = "\x1c\x1d\x1e\x1f"  # str.isspace() says yes, \s of ``regex`` says no


def _guillemet_matches(text: str):
    """``_GUILLEMETS.finditer(text)`` as (start, end, a_span, b_span), without the regex.

    The body cannot hold « » or a newline, so a match from « ends at the first of these
    when it is »; the inner spaces are then fixed by the last characters (the lazy body of
    the pattern makes it backtrack character by character: 3x slower on novels).
    """
    last = 0
    for m in _G_OPEN.finditer(text):
        p = m.start()
        if p < last:
            continue
        stop = _G_STOP.search(text, p + 1)
        if stop is None:
            return
        q = stop.start()
        if text[q] != "»" or q == p + 1:
            continue
        body_start = p + 2 if text[p + 1] in _SP4 else p + 1
        b_start = q - 1 if text[q - 1] in _SP4 else q
        body_last = b_start - 1
        if body_last < body_start:
            continue
        c = text[body_last]
        if c.isspace() and c not in _NOT_REGEX_SPACE:  # \s of the ``regex`` pattern
            continue
        last = q + 1
        yield p, q + 1, (p + 1, body_start), (b_start, q)


def _guillemet_spacing(text: str, space: str, protected: Spans) -> list[Edit]:
    if "«" not in text:
        return []
    edits = []
    why = "French spacing inside « »" if space else "no space inside « »"
    for start, end, *groups in _guillemet_matches(text):
        if protected and protected.overlaps(start, end):
            continue
        for s, e in groups:
            old = text[s:e]
            if old != space and not (space and old and old in NO_BREAK):  # no-break: kept
                edits.append(make_edit(s, e, old, space, why, "punct-spacing"))
    return edits
