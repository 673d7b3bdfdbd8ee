"""The typography rules, one function each: ``rule(text, loc, protected) -> list[Edit]``.

The pass (``cleantext/passes/typography.py``) runs them in order over the whole text (each
looks no further than a paragraph: the quote pairing; or a line: the rest), or on one
paragraph with ``chain`` when it must go step by step; see its docstring for what each does
and when it does not act. They scan with literal-first patterns and do Python work only per
candidate: the pass runs on whole novels.
"""

from __future__ import annotations

import re
from itertools import compress, repeat
from operator import attrgetter, eq

import regex

from .edits import Spans
from .model import Edit
from .typo_edits import drop_protected, make_edit, make_edits, matches_at, sub_edits
from .typo_locale import NBSP, Locale
from .typo_quotes import APOS, TRIVIAL_APOS, candidates, scan

_START = attrgetter("start")
_BEFORE = attrgetter("before")
SPACES = " \u00a0\u202f\u2009"
NO_BREAK = "\u00a0\u202f"
APOS_WHY = "apostrophe ' → ’"
ACUTE_WHY = "acute accent used as apostrophe → ’"


# --- apostrophes and quotes (typographic) --------------------------------------------------

_ACUTE_APOS = regex.compile(r"(?<=\p{L})´(?=\p{L})")


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
_SPACED = regex.compile(
    r"(?<=[\p{L}\p{N}\p{Pe}\p{Pf}\"'.,;:!?…%][ \u00a0])-(?=[ \u00a0][\p{L}\p{N}\p{Ps}\p{Pi}\"'«„])"
)
# (?<![\p{L}\p{N}\-+/.,:–—'’])(\d{1,4})-(\d{1,4})(?![\p{L}\p{N}\-/'’]|[.,:]\d), written around the
# hyphen so that the engine looks for a literal "-" (10x faster); both digit runs are whole
# runs, so the matches are the same and never overlap.
_RANGE = regex.compile(
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
            return _drop_overlaps(edits)
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
    edits.sort(key=_START)
    return _drop_overlaps(edits)


def plain_ellipsis(text: str, loc: Locale, protected: Spans) -> list[Edit]:
    if "…" not in text:
        return []
    return sub_edits(_ONE_CHAR_ELLIPSIS.finditer(text), _three_dots, text, protected, reason="plain style: … → ...",
                     rule="ellipsis")


_ONE_CHAR_ELLIPSIS = regex.compile("…")


def _three_dots(m) -> str:
    return "..."
