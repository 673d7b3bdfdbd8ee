"""Straight quotes and apostrophes: decide what each ``'`` and ``"`` is, then curl it.

One left-to-right scan over a paragraph gives every straight quote a role:

* **apostrophe** (→ ``’``): between two letters (``l'État``, ``don't``), a digit before
  ``s`` (``1960's``), a decade (``'80s``) or, in English, a year (``'69``), a leading elision
  (``'tis``, ``rock 'n' roll``, ``'s avonds``), or a word-final ``'`` that closes no quote
  (``users' stuff``);
* **opener** / **closer**: a quote that can open (after a space or an opening bracket, before
  a non-space) or close (after a non-space, before a space or punctuation), paired with a
  stack per kind. A closer takes the nearest open quote of its kind; openers it crosses are
  left straight (``'foo "bar' baz"`` → ``‘foo "bar’ baz"``);
* **left alone**: primes and inches after a digit (``6' 2"``, ``2"44'``, ``21""``),
  emoticons (``:'(``), quotes between two letters or inside protected spans, unmatched quotes.

Quotes already curled in the language's own style take part in the pairing, so a straight
closer can finish a curly opener (``“word"`` → ``“word”``) and the scan is stable on its own
output.
"""

from __future__ import annotations

import re
from itertools import chain

from . import rx
from .edits import Spans

APOS = "’"

_ELISIONS = {
    "en": ("tis", "twas", "em", "til", "cause", "cos", "bout", "n", "nother", "cept"),
    "nl": ("s", "t", "k", "n"),
}
_ELISION_RE = {
    lang: rx.compile(r"(?i:" + "|".join(words) + r")(?![\p{L}\p{N}])")
    for lang, words in _ELISIONS.items()
}
_DECADE = rx.compile(r"\d\ds(?![\p{L}\p{N}])")  # '80s, in any language
_YEAR = rx.compile(r"\d\d(?![\p{L}\p{N}'’])")  # summer of '69, English only
_OPEN_CONTEXT = set("([{<—–-/")
_CLOSE_AFTER = set(".,;:!?)]}>…—–-/\"'”’»“‘«„‚")
_INCH_NEXT = "\"”“»«"
_CANDIDATES = rx.compile(r"['\"‘’“”„‚«»‹›]")
QUOTE_CHARS = "'\"‘’“”„‚«»‹›"

def _letter_class(limit: int = 0x2000) -> str:
    """A character class (for ``re``) of the code points below ``limit`` that
    ``str.isalpha`` accepts: built from Python's own tables, so it never disagrees with the
    exact test in ``scan``; letters above ``limit`` (CJK, …) simply take the exact path."""
    parts, start, prev = [], None, None
    for cp in range(limit):
        if chr(cp).isalpha():
            if start is None:
                start = cp
            prev = cp
        elif start is not None:
            parts.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
            start = None
    if start is not None:
        parts.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
    return "[" + "".join(parts) + "]"


_LETTER = _letter_class()
# A straight ' between two letters: always an apostrophe, never part of a pair. Written
# literal-first for the stdlib engine, which finds a literal twice as fast as ``regex``.
TRIVIAL_APOS = re.compile(rf"'(?<={_LETTER}')(?={_LETTER})")


class _PerChar(dict):
    """Every other candidate, one literal-first pattern per character (a character-class
    scan is several times slower); a quote between two letters takes no part in the pairing.
    Each is compiled when a text first holds its character (~1 ms each: the letter class)."""

    def __missing__(self, c: str) -> re.Pattern[str]:
        pat = self[c] = re.compile(rf"{re.escape(c)}(?!(?<={_LETTER}.){_LETTER})")
        return pat


_NONTRIVIAL = _PerChar()


def candidates(text: str, pos: int = 0, endpos: int | None = None, apos: list[int] | None = None,
               quotes: tuple[str, str, str, str] | None | bool = False) -> list[int]:
    """Positions of the quote characters that ``scan`` must look at, in order.

    A quote between two letters is left out: a straight ' there is an apostrophe (see
    ``TRIVIAL_APOS``), anything else there is left alone, and neither touches the pairing.
    ``apos``, if given, receives the positions of the straight ' among them. ``quotes``, if
    given, are the language's quotes passed to ``scan``: a curly character that is not one of
    them is then left out too (``scan`` does nothing with it; it is often ’, everywhere).
    """
    end = len(text) if endpos is None else endpos
    start = re.Match.start
    found = []
    chars = QUOTE_CHARS if quotes is False else _scanned(quotes)
    for c in chars:
        if text.find(c, pos, end) >= 0:
            found.append(list(map(start, _NONTRIVIAL[c].finditer(text, pos, end))))
            if apos is not None and c == "'":
                apos += found[-1]
    if len(found) == 1:
        return found[0]
    return sorted(chain.from_iterable(found))


def _scanned(quotes: tuple[str, str, str, str] | None) -> str:
    """The characters ``scan`` acts on: straight quotes, and the language's curly ones
    when they tell an opening from a closing quote of each kind."""
    if quotes is None or len(set(quotes)) != 4:
        return "'\""
    return "'\"" + "".join(quotes)


def scan(
    text: str,
    protected: Spans | None,
    base: str | None,
    quotes: tuple[str, str, str, str] | None,
    positions: list[int] | None = None,
    par_starts: list[int] | None = None,
) -> tuple[list[int], list[tuple[int, int, str]]]:
    """Return (apostrophe positions, quote pairs ``(open_pos, close_pos, kind)``).

    Only straight characters are reported for change by the caller; pairs may have one
    curly end (already correct) and one straight end. ``positions`` (default: every
    candidate) are the characters to look at; ``par_starts`` the offsets where a new
    paragraph starts (pairing never crosses one).
    """
    apostrophes: list[int] = []
    pairs: list[tuple[int, int, str]] = []
    stack: list[tuple[int, str, bool]] = []  # (position, kind 's'/'d', straight)
    opened: set[int] = set()  # positions of the quotes that opened something
    # Curly characters of the language that open/close a kind (only when unambiguous).
    curly_open: dict[str, str] = {}
    curly_close: dict[str, str] = {}
    if quotes is not None:
        o1, c1, o2, c2 = quotes
        if len({o1, c1, o2, c2}) == 4:
            curly_open = {o1: "d", o2: "s"}
            curly_close = {c1: "d", c2: "s"}
    elision = _ELISION_RE.get(base or "")
    n = len(text)
    if positions is None:
        positions = [m.start() for m in _CANDIDATES.finditer(text)]
    check = protected.contains if protected else None
    starts = par_starts or []
    k, next_par = 0, (starts[0] if starts else n + 1)
    add_apos = apostrophes.append
    for i in positions:
        if i >= next_par:
            stack.clear()
            while i >= next_par:
                k += 1
                next_par = starts[k] if k < len(starts) else n + 1
        if check is not None and check(i):
            continue
        ch = text[i]
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < n else ""
        prev_space = not prev or prev.isspace()
        next_space = not nxt or nxt.isspace()
        if ch != "'" and ch != '"':
            if prev.isalpha() and nxt.isalpha():
                continue  # a curly apostrophe (or a quote glued inside a word)
            if ch in curly_open and not next_space:
                stack.append((i, curly_open[ch], False))
                opened.add(i)
            elif ch in curly_close and not prev_space:
                kind = curly_close[ch]
                if stack and stack[-1][1] == kind:  # the usual case of _close, inlined
                    top = stack.pop()
                    if top[2]:
                        pairs.append((top[0], i, kind))
                else:
                    _close(stack, kind, i, False, pairs)
            continue
        if ch == "'":
            kind = "s"
            if prev.isalpha() and nxt.isalpha():
                add_apos(i)
                continue
            if prev.isdigit() and nxt in ("s", "S") and not text[i + 2 : i + 3].isalpha():
                add_apos(i)
                continue
            if (prev_space or prev in _OPEN_CONTEXT) and (
                _DECADE.match(text, i + 1) or base == "en" and _YEAR.match(text, i + 1)
            ):
                add_apos(i)
                continue
            if elision is not None and (prev_space or prev in "(") and elision.match(text, i + 1):
                add_apos(i)
                continue
        else:
            kind = "d"
            if prev.isdigit() and nxt and nxt in _INCH_NEXT:
                continue  # 21"" : the first one is an inch mark
        after_open = (i - 1) in opened
        can_open = (prev_space or after_open or prev in _OPEN_CONTEXT) and not next_space
        can_close = (not after_open and not prev_space and prev not in "([{<"
                     and (next_space or nxt in _CLOSE_AFTER))
        if prev.isdigit() and not any(t[1] == kind for t in stack):
            continue  # a prime or inch mark: 6' 10", 2"44'
        if can_close:
            if stack and stack[-1][1] == kind:  # the usual case of _close, inlined
                pairs.append((stack.pop()[0], i, kind))
                continue
            if _close(stack, kind, i, True, pairs):
                continue
        if can_open:
            stack.append((i, kind, True))
            opened.add(i)
        elif kind == "s" and prev.isalpha() and (next_space or nxt in _CLOSE_AFTER):
            add_apos(i)  # word-final, closing nothing: users' stuff
    return apostrophes, pairs


def _close(stack: list[tuple[int, str, bool]], kind: str, pos: int, straight: bool, pairs) -> bool:
    for k in range(len(stack) - 1, -1, -1):
        if stack[k][1] == kind:
            opener = stack[k]
            del stack[k:]
            if opener[2] or straight:
                pairs.append((opener[0], pos, kind))
            return True
    return False
