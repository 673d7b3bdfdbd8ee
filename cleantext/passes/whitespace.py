"""whitespace: invisible junk, trailing and doubled spaces, runs of blank lines.

* ``word   \\n`` → ``word\\n``; a line of only spaces/tabs → an empty line (``trailing-space``);
* ``two  spaces`` → ``two spaces`` inside a line (``inner-spaces``);
* zero-width space U+200B, BOM U+FEFF anywhere, soft hyphen U+00AD → removed
  (``zero-width``, ``bom``, ``soft-hyphen``);
* ZWNJ U+200C / ZWJ U+200D that join nothing (next to a space, punctuation or the end of a
  line) → removed; a run of the same joiner between two letters → one (``joiner``);
* control characters: C0 except tab and newline, DEL, C1 → removed; a form feed or vertical
  tab between two pieces of text → ``\\n`` (it separated them) (``control``);
* 3 or more line breaks (2+ blank lines) → one blank line (``blank-lines``);
* blank lines at the start of the document → removed; blank lines and spaces at its end →
  one ``\\n`` if it ended with one, nothing otherwise (``document-edges``).

Why: these are the leftovers of HTML layout, PDF extraction and copy-paste; they break
search, tokenization and diffs, and nobody put them there on purpose.

When it does NOT act:

* leading indentation (spaces, tabs) is kept, and a line indented by a tab or 4+ spaces
  (code, verse, preformatted text) keeps its inner runs of spaces too; so does a line with
  two or more runs of 3+ spaces (aligned columns of a table);
* NBSP U+00A0 and narrow NBSP U+202F are kept everywhere (French typography needs them);
* ZWJ inside emoji sequences (👨‍👩‍👧), between letters (Indic conjuncts) or after a virama
  (old-style Malayalam chillu ``ന്‍`` at a word end), ZWNJ between
  letters (Persian ``می‌خواهم``, German ligature breaks) are kept; U+200B next to a letter
  of Thai, Lao, Khmer, Myanmar or Tibetan (where it marks word breaks) is kept;
* bidi marks (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), word joiner U+2060, U+2028 and
  U+2029 are kept; a carriage return is a line end, never deleted (``\\r\\n`` style is kept,
  and 3+ ``\\r\\n`` become two);
* runs of spaces inside protected spans (inline code, URLs) are kept.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import ClassVar

import regex

from ..edits import chain, protected_spans, sub_with_edits
from ..model import Context, PassResult

_SCRIPTIO_CONTINUA = r"\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}"
_JOINABLE = r"[\p{L}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]"

# Invisible characters and controls (one pattern, decided per match).
_INVISIBLE = regex.compile(
    r"""
    (?P<zwsp> (?<![""" + _SCRIPTIO_CONTINUA + r"""])\u200B+
            | \u200B+(?![""" + _SCRIPTIO_CONTINUA + r"""]) )
  | (?P<bom> \uFEFF+ )
  | (?P<shy> \u00AD+ )
  | (?P<joiner> [\u200C\u200D]+ )
  | (?P<ff> [\x0B\x0C]+ )
  | (?P<ctl> [\x00-\x08\x0E-\x1F\x7F-\x9F]+ )
    """,
    regex.VERBOSE,
)
_JOINABLE_AT = regex.compile(_JOINABLE)

_TRAILING = regex.compile(r"[ \t]+(?=\r?\n|\r|\Z)")
_INNER = regex.compile(r"(?<=[^ \t\n\r])  +(?=[^ \t\n\r])")
_LINE = regex.compile(r"[^\n]*")
_ALIGNED = regex.compile(r"[^ \t\n\r] {3,}(?=[^ \t\n\r])")
_BLANK_RUN = regex.compile(r"(?:\r\n){3,}|\n{3,}|\r{3,}")
_LEADING_BLANKS = regex.compile(r"\A(?:\r?\n|\r)+")
_TRAILING_BLANKS = regex.compile(r"(?:\r?\n|\r){2,}\Z")


def _name(c: str) -> str:
    return f"U+{ord(c):04X}" + (f" {unicodedata.name(c)}" if unicodedata.name(c, "") else "")


def _invisible(m: regex.Match[str]):
    kind = m.lastgroup
    s = m.group()
    n = len(s)
    plural = f"{n} × " if n > 1 else ""
    if kind == "zwsp":
        return "", f"zero-width space ({plural}U+200B)", "zero-width"
    if kind == "bom":
        return "", f"stray byte-order mark ({plural}U+FEFF) inside the text", "bom"
    if kind == "shy":
        return "", f"soft hyphen ({plural}U+00AD)", "soft-hyphen"
    if kind == "joiner":
        text, start, end = m.string, m.start(), m.end()
        joins = (
            start > 0
            and end < len(text)
            and _JOINABLE_AT.match(text, start - 1) is not None
            and _JOINABLE_AT.match(text, end) is not None
        )
        after_virama = start > 0 and unicodedata.combining(text[start - 1]) == 9
        if not joins and not after_virama:  # virama + ZWJ at a word end: Malayalam chillu
            return "", f"{_name(s[0])} that joins nothing", "joiner"
        if n > 1 and len(set(s)) == 1:
            return s[0], f"repeated {_name(s[0])}", "joiner"
        return None
    if kind == "ff":
        text, start, end = m.string, m.start(), m.end()
        between = start > 0 and end < len(text) and text[start - 1] not in "\r\n" and text[end] not in "\r\n"
        what = "form feed" if "\x0c" in s else "vertical tab"
        if between:
            return "\n", f"{what} separating two lines → line break", "control"
        return "", f"{what} next to a line break", "control"
    names = ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in s))
    return "", f"control character{'s' if n > 1 else ''} {names}", "control"


def _sub_invisible(text: str) -> PassResult:
    return sub_with_edits(_INVISIBLE, _invisible, text)


def _sub_trailing(text: str) -> PassResult:
    def decide(m: regex.Match[str]):
        start = m.start()
        whole_line = start == 0 or text[start - 1] in "\r\n"
        if whole_line:
            return "", "line of only spaces → empty line", "trailing-space"
        return "", "trailing spaces" if len(m.group()) > 1 else "trailing space", "trailing-space"

    return sub_with_edits(_TRAILING, decide, text)


def _sub_inner(text: str) -> PassResult:
    if "  " not in text:
        return PassResult(text)
    protected = protected_spans(text)
    skip: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        s = line.group()
        if "  " not in s:
            continue
        if s.startswith(("\t", "    ")) or len(_ALIGNED.findall(s)) >= 2:
            skip.append(line.span())
    skip_iter = iter(skip)
    current = next(skip_iter, None)

    def decide(m: regex.Match[str]):
        nonlocal current
        while current is not None and current[1] < m.start():
            current = next(skip_iter, None)
        if current is not None and current[0] <= m.start() < current[1]:
            return None
        return " ", f"{len(m.group())} spaces → 1", "inner-spaces"

    return sub_with_edits(_INNER, decide, text, protected=protected)


def _sub_blank_lines(text: str) -> PassResult:
    def decide(m: regex.Match[str]):
        s = m.group()
        nl = "\r\n" if s.startswith("\r\n") else s[0]
        blank = len(s) // len(nl) - 1
        return nl * 2, f"{blank} blank lines → 1", "blank-lines"

    return sub_with_edits(_BLANK_RUN, decide, text)


def _sub_edges(text: str) -> PassResult:
    def lead(m: regex.Match[str]):
        return "", "blank lines at the start of the text", "document-edges"

    def trail(m: regex.Match[str]):
        s = m.group()
        nl = "\r\n" if s.startswith("\r\n") else s[0]
        return nl, "blank lines at the end of the text", "document-edges"

    return chain(
        text,
        lambda t: sub_with_edits(_LEADING_BLANKS, lead, t),
        lambda t: sub_with_edits(_TRAILING_BLANKS, trail, t),
    )


_ANY_WORK = regex.compile(
    r"[\u200B\u200C\u200D\uFEFF\u00AD\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]|[ \t](?:\r?\n|\r|\Z)|  |\n\n\n|\r\n\r\n\r\n|\r\r\r|\A[\r\n]|[\r\n][\r\n]\Z"
)


@dataclass(frozen=True, slots=True)
class WhitespacePass:
    name: ClassVar[str] = "whitespace"
    summary: ClassVar[str] = (
        "trailing and doubled spaces, zero-width and control characters, extra blank lines"
    )

    @classmethod
    def from_options(cls, options) -> WhitespacePass:
        return cls()

    def __call__(self, text: str, ctx: Context) -> PassResult:
        if not text or _ANY_WORK.search(text) is None:
            return PassResult(text)
        return chain(text, _sub_invisible, _sub_trailing, _sub_inner, _sub_blank_lines, _sub_edges)


PASS = WhitespacePass
