"""The document the glued-words rules scan: code detection, protected spans, regions; and Scan.

:class:`Doc` wraps the text with what the rules ask about a candidate only after the lexicon
said yes (so it is computed lazily, around candidates): is it inside a protected span (URL,
handle, code span) or inside a paragraph that looks like code, and which regions a later
round must rescan once some splits were made. :class:`Scan` holds how candidates are judged
(languages to try, margin, options).

Kept apart from :mod:`cleantext.glued_rules` (the boundary scans and the rules) to keep each
module under the size guideline.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

import regex

from . import rx
from .edits import Spans, protected_spans

# A paragraph that looks like code turns every rule off. A line looks like code if it has
# one of these signs; a semicolon or a brace ends a code line only next to '=' or '(' (old
# novels wrap lines after ';').
_CODE_SIGNS = rx.compile(
    r"""^\s*[{}]\s*$ | [{}]\s*$ | [=(].*;\s*$ | ^\s*(?:def|class|function|return|import|var|let|const
    |public|private|static|void|package|\#include|if\s*\(|for\s*\(|while\s*\()\b | => | == | != | &&
    | \|\| | :: | \w\(\)\s*[;{]? | </?[A-Za-z][\w-]*[^<>\n]*> | ^\s*[\w.\[\]]+\s*[+-]?=\s*\S""",
    regex.M | regex.X,
)


# _CODE_SIGNS as two patterns, for one line (no newline) at a time: the signs anchored at the
# line start (tried once, with match) and the others (each starts on a punctuation sign or is
# a lookbehind after one, so the scan is fast). A line has a code sign iff one of them matches;
# the single alternation is several times slower because every position tries every branch.
_CODE_AT_START = rx.compile(
    r"""\s*(?:[{}]\s*$ | (?:def|class|function|return|import|var|let|const|public|private|static
    |void|package|\#include|if\s*\(|for\s*\(|while\s*\()\b | [\w.\[\]]+\s*[+-]?=\s*\S)""",
    regex.X,
)
_CODE_ANYWHERE = rx.compile(
    r"""[{}]\s*$ | [=(].*;\s*$ | => | == | != | && | \|\| | :: | (?<=\w)\(\) | </?[A-Za-z][\w-]*[^<>\n]*>""",
    regex.X,
)


def _code_line(line: str) -> bool:
    """``_CODE_SIGNS.search(line)`` for a line without a newline, faster."""
    if _CODE_AT_START.match(line) is not None:
        return True
    # Each sign of _CODE_ANYWHERE holds one of these: most prose lines have none, and a few
    # `in` tests cost a fraction of the search with its many branches.
    if (
        "=" in line or "(" in line or "{" in line or "}" in line or "<" in line
        or "&&" in line or "||" in line or "::" in line
    ):
        return _CODE_ANYWHERE.search(line) is not None
    return False


def _looks_like_code(para: str) -> bool:
    """Two code signs on a one-line paragraph, or code signs on 2+ lines and 30% of lines."""
    lines = [line for line in para.split("\n") if line.strip()]
    if len(lines) <= 1:
        if not any(_code_line(line) for line in lines):
            return False  # no sign at all (the count below needs two)
        return sum(1 for _ in zip(range(2), _CODE_SIGNS.finditer(para))) >= 2
    code = sum(1 for line in lines if _code_line(line))
    return code >= 2 and code * 10 >= 3 * len(lines)


@dataclass(frozen=True, slots=True)
class Scan:
    """How to judge candidates: languages to try, the margin on every bar, options."""

    langs: tuple[str, ...]
    margin: float
    lang: str | None
    lowercase: bool


# A paragraph longer than this (a book without blank lines) is judged on the lines around
# the candidate only.
_CODE_WINDOW = 3000
_CODE_LINES = 6


@dataclass(slots=True)
class Doc:
    """The text being scanned, with protected spans and code paragraphs computed lazily.

    Both are computed only around candidates that passed the lexicon: protected spans per
    line (URLs, handles and code spans never contain a newline), code per paragraph (or a
    window of it when the paragraph is a whole novel without blank lines).
    """

    text: str
    never: frozenset[str]
    _protected: dict[int, Spans] = field(default_factory=dict)
    _code: dict[int, bool] = field(default_factory=dict)
    _breaks: list[int] | None = None  # every offset of "\n\n" (overlapping), found once

    def blocked(self, start: int, end: int) -> bool:
        t = self.text
        lo = t.rfind("\n", 0, start) + 1
        spans = self._protected.get(lo)
        if spans is None:
            hi = t.find("\n", end)
            spans = self._protected[lo] = protected_spans(t[lo : hi if hi >= 0 else len(t)])
        return spans.overlaps(start - lo, end - lo) or self.in_code(start)

    def paragraph(self, pos: int) -> tuple[int, int]:
        """Bounds of the paragraph around ``pos`` (between blank lines)."""
        t = self.text
        breaks = self._breaks
        if breaks is None:  # rfind/find per candidate would scan a whole novel each time
            breaks = self._breaks = []
            i = t.find("\n\n")
            while i >= 0:
                breaks.append(i)
                i = t.find("\n\n", i + 1)
        k = bisect_right(breaks, pos - 2)  # breaks[k-1] == t.rfind("\n\n", 0, pos)
        lo = breaks[k - 1] + 2 if k else 0
        k = bisect_left(breaks, pos, k)  # breaks[k] == t.find("\n\n", pos)
        return lo, breaks[k] if k < len(breaks) else len(t)

    def around(self, offsets: list[int], grown: int) -> list[tuple[int, int]]:
        """The regions whose candidates may be judged differently once the text changed at
        ``offsets`` (``grown`` characters inserted in all): each changed paragraph, or, in a
        paragraph too long to be judged whole before or after the change, the lines whose
        code window (``_CODE_LINES`` either side) can reach the change. Protected spans are
        per line and tokens never cross a line, so nothing else can change its verdict.
        Regions are sorted, disjoint, start on a line start and end on a newline."""
        t, out = self.text, []
        for pos in offsets:
            lo, hi = self.paragraph(pos)
            if hi - lo - grown > _CODE_WINDOW:
                a = b = pos
                for _ in range(_CODE_LINES + 2):
                    a = t.rfind("\n", lo, a - 1) + 1 if a > lo else lo
                    a = max(a, lo)
                    nb = t.find("\n", b + 1, hi)
                    b = hi if nb < 0 else nb
                lo, hi = a, b
            if out and lo <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], hi))
            else:
                out.append((lo, hi))
        return out

    def in_code(self, pos: int) -> bool:
        t = self.text
        lo, hi = self.paragraph(pos)
        if hi - lo > _CODE_WINDOW:  # a book without blank lines: judge the nearby lines
            a = b = pos
            for _ in range(_CODE_LINES):
                a = max(lo, t.rfind("\n", lo, a - 1) if a > lo else lo)
                nb = t.find("\n", b + 1, hi)
                b = hi if nb < 0 else nb
            lo, hi = a, b
        key = lo * (len(t) + 1) + hi
        if key not in self._code:
            self._code[key] = _looks_like_code(t[lo:hi])
        return self._code[key]
