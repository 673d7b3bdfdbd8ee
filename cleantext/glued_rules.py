"""The rules of the glued-words pass: boundary scan first, lexicon evidence second.

Each rule finds boundaries with one module-level regex (rare in clean text, so the scan is
fast), expands the boundary to the surrounding token with plain string walking, and only
then asks the lexicon. A rule returns an Edit or None; ``find_edits`` runs them all.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import regex

from . import lexicon as lx
from . import rx
from .glued_doc import Doc, Scan
from .model import Edit

# -- boundaries ----------------------------------------------------------------------------
# Each pattern starts on a rare character and looks behind (20x faster than the reverse).
_CASE = rx.compile(r"(?<=\p{Ll}\p{M}*)\p{Lu}")
_PUNCT = rx.compile(
    r"(?=[.!?:;])(?<=\p{Ll}\p{M}*)(?P<p>[.!?]{1,3}|(?<![:;])[:;](?![:;]))(?P<close>[\"'»”’)\]]{0,2})"
    r"(?P<open>[«“\"'‘„(]?)(?=\p{Lu})"
)
_ELISION_TAIL = r"(?=\p{Lu})(?<=\p{Ll}.)"
_ELISION = rx.compile(r"['’]" + _ELISION_TAIL)
_WORD_DIGIT = rx.compile(r"(?<=\p{L}\p{M}*)\d")
_DIGIT_WORD = rx.compile(r"\d(?=\p{L})")
# Faster scans that find (at least) where the patterns above match; each hit is then checked
# with the pattern itself (match at the hit). _PUNCT_AT starts on the punctuation sign (the
# engine skips to it) instead of a lookahead; _DIGIT_AT finds both digit rules in one scan.
# (Lookarounds at one position commute: the cheap ones first, a space ends most tries.)
_PUNCT_TAIL = r"(?=\S)(?=[.!?]{0,2}[\"'»”’)\]]{0,2}[«“\"'‘„(]?\p{Lu})(?<=\p{Ll}\p{M}*.)"
_PUNCT_AT = rx.compile(r"[.!?:;]" + _PUNCT_TAIL)
_DIGIT_AT = rx.compile(r"\d(?:(?<=\p{L}\p{M}*.)|(?=\p{L}))")

# The scans that ``find_edits`` runs: the patterns above (the reference: tests check that
# these find the same positions), cut into pieces the regex engine scans 3-5x faster. It has
# a fast loop for a pattern that starts on one literal character or one range of characters,
# but tests every character against a set of several signs or a Unicode property one by one.
# So each rule scans for its ASCII triggers ([A-Z] for \p{Lu}, [0-9] for \d, each sign
# alone), and one scan over non-ASCII characters finds the rare non-ASCII capitals and digits
# (a superset: the hits are then checked with the reference patterns). Every pattern matches
# one character, as the reference ones do, so the union of their hits is the same set.
_CASE_ASCII = rx.compile(r"(?<=\p{Ll}\p{M}*)[A-Z]")
_DIGIT_ASCII = rx.compile(r"[0-9](?:(?<=\p{L}\p{M}*.)|(?=\p{L}))")
_NON_ASCII = rx.compile(r"[^\x00-\x7f](?<=[\p{Lu}\d])(?:(?<=[\p{L}\p{M}].)|(?<=\d)(?=\p{L}))")
_PUNCT_SIGNS = tuple(rx.compile(regex.escape(sign) + _PUNCT_TAIL) for sign in ".!?:;")
_ELISION_SIGNS = tuple(rx.compile(sign + _ELISION_TAIL) for sign in "'’")

_LOWER = rx.compile(r"[\p{Ll}\p{M}]+")
_TITLE = rx.compile(r"\p{Lu}[\p{Ll}\p{M}]+")
_WORDISH = rx.compile(r"\p{L}[\p{Ll}\p{M}]+")
_HUMP = rx.compile(r"\p{Ll}\p{M}*\p{Lu}")
_NUMBER = rx.compile(r"\d+(?:[.,]\d+)*")

# Characters allowed just before a token we split: start, space, opening punctuation.
_OPENERS = set("([{«“‘\"'„‚‹»—–")
# Characters after a token that make it code or a name (x.y, x(, x_1, x@y, x/y).
_CODE_NEXT = set("_(@/\\#$=<>[{")


@cache
def _article_scans(lang: str) -> tuple[regex.Pattern, tuple[regex.Pattern, ...]]:
    """For the opt-in lowercase rule (compiled on first use): a glued article of ``lang``
    (``lx.ARTICLES``), and the same one article at a time (a literal: scanned 2x faster than
    the alternation). No article ends another one, and at one position at most one is
    followed by a non-letter, so the union of their matches is what the first one finds."""
    arts, tail = lx.ARTICLES[lang], r"(?![\p{L}\p{M}\d_])"
    one = rx.compile(r"(?<=\p{Ll})(?:" + "|".join(arts) + ")" + tail)
    return one, tuple(rx.compile(r"(?<=\p{Ll})" + art + tail) for art in arts)


def _is_letter(ch: str) -> bool:
    return ch.isalpha() or unicodedata.category(ch)[0] == "M"


def _word_start(t: str, i: int) -> int:
    while i > 0 and _is_letter(t[i - 1]):
        i -= 1
    return i


def _word_end(t: str, i: int) -> int:
    n = len(t)
    while i < n and _is_letter(t[i]):
        i += 1
    return i


def _clean_before(t: str, s: int) -> bool:
    """The token starts the text, follows a space or opening punctuation."""
    return s == 0 or t[s - 1].isspace() or t[s - 1] in _OPENERS


def _clean_after(t: str, e: int) -> bool:
    """The token is not followed by a digit, code punctuation, or '.x' / ':x' (a dotted name)."""
    if e >= len(t):
        return True
    c = t[e]
    if c.isdigit() or c in _CODE_NEXT or _is_letter(c):
        return False
    if c in ".:" and e + 1 < len(t) and (t[e + 1].islower() or t[e + 1].isdigit()):
        return False  # file.txt, module.attr, 3:30; a capital after '.' is sentence glue
    return True


def _z(word: str, lang: str) -> float:
    return lx.zipf(word, lang)


def _whole_known(word: str, scan: Scan, left: str = "", right: str = "") -> bool:
    """The whole token is a word or brand of its own (in the languages tried, or English).

    Web glue of two frequent words is itself in wordfreq ('withthe' 2.0, 'theworld' 1.9), at
    roughly a thousandth of the rarer part; a whole token only counts as known above both
    ``WHOLE_KNOWN`` and that glue level.
    """
    langs = scan.langs if "en" in scan.langs else (*scan.langs, "en")
    for lang in langs:
        bar = lx.WHOLE_KNOWN
        if left and right:
            bar = max(bar, min(_z(left, lang), _z(right, lang)) - lx.GLUE_DROP)
        if _z(word, lang) >= bar:
            return True
    return False


def _right_known(right: str, lang: str, margin: float) -> bool:
    return _z(right, lang) >= lx.RIGHT_KNOWN + margin or _z(right, "en") >= lx.RIGHT_KNOWN + 1 + margin


def _left_word(left: str, lang: str, margin: float, bar: float = lx.LEFT_MIN) -> float:
    """Zipf of ``left`` if it may be the left part of a split in ``lang`` (else 0)."""
    if len(left) < 2 and left not in lx.ONE_LETTER.get(lang, ()):
        return 0.0
    z = _z(left, lang)
    return z if z >= bar + margin else 0.0


def _edit(t: str, s: int, e: int, cut: int, left: str, right: str, what: str, rule: str) -> Edit:
    before = t[s:e]
    return Edit(s, e, before, t[s:cut] + " " + t[cut:e], f"split {what} '{before}' ({left} + {right})", rule)


# -- rules ---------------------------------------------------------------------------------


def _case(doc: Doc, scan: Scan, b: int) -> tuple[Edit | None, int]:
    """lower→Upper inside a token: 'laRussie', 'moreWorld', 'AdvertisementThe'."""
    t = doc.text
    s, e = _word_start(t, b), _word_end(t, b)
    token = t[s:e]
    if len(_HUMP.findall(token)) != 1 or not _clean_before(t, s) or not _clean_after(t, e):
        return None, e  # two humps: getElementById, BlaBlaCar
    left, right = t[s:b], t[b:e]
    if not _TITLE.fullmatch(right) or token.casefold() in doc.never or _whole_known(token, scan, left, right):
        return None, e
    lower = bool(_LOWER.fullmatch(left))
    if not lower and not _TITLE.fullmatch(left):
        return None, e
    if lower and left in lx.CODE_PREFIX and (left not in ("on", "to") or right.casefold() in lx.TO_ON_CODE
                                            or _z(token, "en") >= 1.0):
        return None, e
    for lang in scan.langs:
        if left.casefold() in lx.HONORIFICS:
            if len(right) >= 3 and right.casefold() not in lx.PARTICLES:
                break  # a name need not be in the lexicon: 'MissFairfax'
            continue
        elif lower:
            zl = _left_word(left, lang, scan.margin)
            if zl and (_right_known(right, lang, scan.margin) or (zl >= lx.LEFT_STRONG + scan.margin and len(right) >= 4)):
                break
        elif (
            scan.lang is not None  # Title+Title needs the document's language: 'HomePlus'
            and len(left) >= 4
            and right.casefold() not in lx.PARTICLES
            and _z(left, lang) >= 3.0 + scan.margin
            and _z(right, lang) >= lx.TITLE_RIGHT + scan.margin
        ):
            break
    else:
        return None, e
    if doc.blocked(s, e):
        return None, e
    return _edit(t, s, e, b, left, right, "glued words", "glued-case" if lower else "glued-title"), e


def _punct(doc: Doc, scan: Scan, m: regex.Match) -> Edit | None:
    """Sentence punctuation then a capital: 'conflict.The', 'dit.»Le', 'said.“It'."""
    t = doc.text
    p, cut, b = m.start(), m.start("open"), m.end()
    s, e = _word_start(t, p), _word_end(t, b)
    while s >= 2 and t[s - 1] in "'’" and _is_letter(t[s - 2]):
        s = _word_start(t, s - 1)  # didn't.It, l'homme.Il
    left, right = t[s:p], t[b:e]
    if len(left) < 2 or not _WORDISH.fullmatch(left.replace("'", "").replace("’", "")):
        return None
    if not _TITLE.fullmatch(right) or not _clean_after(t, e):
        return None
    if not (_clean_before(t, s) or (t[s - 1] == "-" and s >= 2 and _is_letter(t[s - 2]))):
        return None
    if left.casefold() in lx.ABBREV or right.casefold() in lx.CODE_WORDS or t[s:e].casefold() in doc.never:
        return None
    if m["p"] in ":;" and not _LOWER.fullmatch(left):
        return None  # 'Category:People', 'Note:The' stay
    if not any(_z(right, lang) >= lx.SENTENCE_START + scan.margin for lang in scan.langs):
        return None
    if doc.blocked(s, e):
        return None
    return _edit(t, s, e, cut, t[s:cut], right, "glued sentences", "glued-sentence")


def _elision(doc: Doc, scan: Scan, a: int) -> Edit | None:
    """French elided article glued to the previous word: 'dansl'Union' → 'dans l'Union'."""
    if "fr" not in scan.langs:
        return None
    t = doc.text
    s, e = _word_start(t, a), _word_end(t, a + 1)
    run = t[s:a]
    clitic = "qu" if run.endswith("qu") else run[-1:]
    if clitic not in ("qu", "l", "d", "j", "m", "n", "s", "t", "c"):
        return None
    left = run[: -len(clitic)]
    if not _LOWER.fullmatch(left or "-") or not _TITLE.fullmatch(t[a + 1 : e]):
        return None
    if not _clean_before(t, s) or not _clean_after(t, e) or t[s:e].casefold() in doc.never:
        return None
    if clitic == "qu" and _z(run, "fr") >= lx.WHOLE_KNOWN:
        return None  # lorsqu'Il, jusqu'Ici
    if not _left_word(left, "fr", scan.margin) or doc.blocked(s, e):
        return None
    return _edit(t, s, e, s + len(left), left, t[s + len(left) : e], "glued words", "glued-elision")


def _word_number(doc: Doc, scan: Scan, d: int) -> Edit | None:
    """A frequent word glued to a number: 'in2014', 'depuis2015'."""
    t = doc.text
    s = _word_start(t, d)
    m = _NUMBER.match(t, d)
    e = m.end()
    left = t[s:d]
    if not _clean_before(t, s) or not _clean_after(t, e) or t[s:e].casefold() in doc.never:
        return None
    if left.casefold() in lx.NUMBER_LABELS:
        return None
    if _LOWER.fullmatch(left):
        bar = lx.LEFT_MIN
    elif _TITLE.fullmatch(left):
        bar = lx.LEFT_STRONG  # 'In2014' at a sentence start, but not 'Top10', 'Win10'
    else:
        return None
    # German nouns are capitalised: 'Jahr2005' is as good a left part as 'seit2005'.
    if left.casefold() not in lx.MONTHS and not any(
        _left_word(left.lower(), lang, scan.margin, lx.LEFT_MIN if lang == "de" else bar)
        for lang in scan.langs
    ):
        return None
    if doc.blocked(s, e):
        return None
    return _edit(t, s, e, d, left, t[d:e], "word glued to a number", "glued-number")


def _number_word(doc: Doc, scan: Scan, d: int) -> Edit | None:
    """A number glued to a word: '15décembre', '200people' (not 10km, 1er, 2nd, 19h30)."""
    t = doc.text
    ns = d + 1
    while ns > 0 and (t[ns - 1].isdigit() or (t[ns - 1] in ".," and ns > 1 and t[ns - 2].isdigit() and t[ns].isdigit())):
        ns -= 1
    if ns < len(t) and not t[ns].isdigit():
        return None
    if ns > 0 and not (t[ns - 1].isspace() or t[ns - 1] in _OPENERS):
        return None
    e = _word_end(t, d + 1)
    right = t[d + 1 : e]
    if not _clean_after(t, e) or right.casefold() in lx.UNITS or t[ns:e].casefold() in doc.never:
        return None
    if _LOWER.fullmatch(right):
        bar = lx.NUMBER_WORD
    elif _TITLE.fullmatch(right):
        bar = 5.0  # '2014The'; not '3Com', '1Password'
    else:
        return None
    if len(right) < 3 or not any(_z(right, lang) >= bar + scan.margin for lang in scan.langs):
        return None
    if doc.blocked(ns, e):
        return None
    return _edit(t, ns, e, d + 1, t[ns : d + 1], right, "number glued to a word", "glued-number")


def _lowercase(doc: Doc, scan: Scan, a: int, m: regex.Match) -> Edit | None:
    """Opt-in: an article glued after a function word, all lowercase: 'ofthe', 'avecle'."""
    t = doc.text
    s, e = _word_start(t, a), m.end()
    left, art, lang = t[s:a], m.group(), scan.lang
    if not _LOWER.fullmatch(left) or not _clean_before(t, s) or not _clean_after(t, e):
        return None
    whole = left + art
    if left not in lx.FUNCTION_LEFT.get(lang, ()) or whole.casefold() in doc.never:
        return None
    zl = _left_word(left, lang, 0.0, lx.LEFT_STRONG)
    zw = _z(whole, lang)
    if not zl or zw >= 3.5 or zw >= min(zl, _z(art, lang)) - 3.0 or doc.blocked(s, e):
        return None
    return _edit(t, s, e, a, left, art, "glued words", "glued-lowercase")


def _hits(t: str, spans: list[tuple[int, int]], patterns: tuple[regex.Pattern, ...]) -> list[int]:
    """Sorted start offsets of every match of one-character ``patterns`` inside ``spans``."""
    out = [m.start() for a, b in spans for p in patterns for m in p.finditer(t, a, b)]
    if len(patterns) > 1:
        out.sort()
    return out


def candidates(t: str, spans: list[tuple[int, int]], elision: bool = True) -> dict[str, list[int]]:
    """Where each reference pattern (_CASE, _PUNCT_AT, _ELISION, _DIGIT_AT) matches inside
    ``spans`` (a region ends on a newline, which no pattern matches or looks at), found with
    the fast scans: sorted offsets, exactly what ``finditer`` of each would give."""
    case = _hits(t, spans, (_CASE_ASCII,))
    digits = _hits(t, spans, (_DIGIT_ASCII,))
    other = [(m.start(), b) for a, b in spans for m in _NON_ASCII.finditer(t, a, b)]
    if other:  # a non-ASCII capital or digit beside a letter: rare
        for pos, b in other:
            if _CASE.match(t, pos, b):
                case.append(pos)
            elif _DIGIT_AT.match(t, pos, b):
                digits.append(pos)
        case.sort()
        digits.sort()
    return {
        "case": case,
        "punct": _hits(t, spans, _PUNCT_SIGNS),
        "elision": _hits(t, spans, _ELISION_SIGNS) if elision else [],
        "digit": digits,
    }


def find_edits(doc: Doc, scan: Scan, regions: list[tuple[int, int]] | None = None) -> list[Edit]:
    """Every split in ``doc.text``, sorted and non-overlapping; only candidates inside
    ``regions`` (sorted, disjoint, whole lines: see :meth:`Doc.around`) when given."""
    t = doc.text
    spans = regions if regions is not None else [(0, len(t))]
    # The elision rule is French only (_elision says None otherwise).
    hits = candidates(t, spans, elision="fr" in scan.langs)
    found: list[Edit] = []
    pos = 0
    for b in hits["case"]:
        if b < pos:
            continue
        ed, pos = _case(doc, scan, b)
        if ed:
            found.append(ed)
    end = 0
    for p in hits["punct"]:  # what _PUNCT.finditer(t) yields
        if p >= end and (m := _PUNCT.match(t, p)):
            end = m.end()
            found.append(_punct(doc, scan, m))
    for a in hits["elision"]:
        found.append(_elision(doc, scan, a))
    digits = hits["digit"]  # usually a handful
    for d in digits:
        if _WORD_DIGIT.match(t, d):
            found.append(_word_number(doc, scan, d))
    for d in digits:
        if _DIGIT_WORD.match(t, d):
            found.append(_number_word(doc, scan, d))
    if scan.lowercase and scan.lang in lx.ARTICLES:
        article, signs = _article_scans(scan.lang)
        for span in spans:
            for a in _hits(t, [span], signs):
                m = article.match(t, a, span[1])  # what article.finditer(t, *span) yields
                found.append(_lowercase(doc, scan, a, m))
    out: list[Edit] = []
    for ed in sorted((x for x in found if x is not None), key=lambda x: (x.start, x.end)):
        if not out or ed.start >= out[-1].end:
            out.append(ed)
    return out
