"""whitespace: invisible junk, trailing and doubled spaces, runs of blank lines.

* ``word   \\n`` → ``word\\n``; a line of only spaces/tabs → an empty line (``trailing-space``);
* ``two  spaces`` → ``two spaces`` inside a line (``inner-spaces``);
* zero-width space U+200B, BOM U+FEFF anywhere, soft hyphen U+00AD → removed
  (``zero-width``, ``bom``, ``soft-hyphen``);
* ZWNJ U+200C / ZWJ U+200D that join nothing (next to a space, punctuation or the end of a
  line) → removed; a run of the same joiner between two letters → one (``joiner``);
* control characters: C0 except tab and newline, DEL, C1 → removed; a form feed or vertical
  tab between two visible characters → ``\\n`` (it separated them) (``control``);
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

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate, count
from operator import add, attrgetter
from typing import ClassVar

import regex

from .. import rx
from ..edits import chain, protected_spans, replay, result_from_edits, sub_with_edits
from ..model import Context, Edit, PassResult

_SCRIPTIO_CONTINUA = r"\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}"
_JOINABLE = r"[\p{L}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]"

# Invisible characters and controls (one pattern, decided per match).
_INVISIBLE = rx.compile(
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
_JOINABLE_AT = rx.compile(_JOINABLE)

_TRAILING = re.compile(r"[ \t]+(?=\r?\n|\r|\Z)")
_INNER = re.compile(r"(?<=[^ \t\n\r])  +(?=[^ \t\n\r])")
_SPACES = re.compile("  +")
_ALIGNED = re.compile(r"[^ \t\n\r] {3,}(?=[^ \t\n\r])")
_INVISIBLE_CHAR = re.compile("[\u200b\u200c\u200d\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _name(c: str) -> str:
    return f"U+{ord(c):04X}" + (f" {unicodedata.name(c)}" if unicodedata.name(c, "") else "")


def _visible(c: str) -> bool:
    return not c.isspace() and _INVISIBLE_CHAR.match(c) is None


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
        return _page_break(m)
    names = ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in s))
    return "", f"control character{'s' if n > 1 else ''} {names}", "control"


def _page_break(m: regex.Match[str]):
    """A form feed or vertical tab: a line break between two lines of text, else nothing."""
    text, start, end = m.string, m.start(), m.end()
    between = start > 0 and end < len(text) and _visible(text[start - 1]) and _visible(text[end])
    what = "form feed" if "\x0c" in m.group() else "vertical tab"
    if between:
        return "\n", f"{what} separating two lines → line break", "control"
    return "", f"{what} next to a line break", "control"


_PAGE_BREAKS = rx.compile("[\x0b\x0c]+")


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


def _in_call(line: str, start: int, end: int) -> bool:
    """Is the run [start, end) inside a protected call-like span ``name(… …)``?"""
    k = line.rfind("(", max(0, start - 81), start)
    if k == -1 or ")" in line[k:start]:
        return False
    lo = max(0, k - 120)
    return protected_spans(line[lo : end + 90]).overlaps(start - lo, end - lo)


def _sub_inner(line: str) -> PassResult:
    """Runs of spaces between two non-spaces in one line (not preformatted or aligned ones)."""
    if "  " not in line or line.startswith(("\t", "    ")):
        return PassResult(line)
    # two aligned runs need two "   " (cheap count first: _ALIGNED is tried at every char)
    if line.count("   ") >= 2 and len(_ALIGNED.findall(line)) >= 2:
        return PassResult(line)
    # Of the protected spans (edits.protected_spans), only inline code and call-like
    # ``name(args)`` can contain spaces, so only lines with a backtick, or runs after a '(',
    # need the (slow) protected-span scan.
    full = protected_spans(line) if "`" in line else None
    edits = []
    size = len(line)
    for m in _SPACES.finditer(line):
        # the matches of _INNER, found from their literal part: a maximal run of 2+ spaces
        # between two characters that are not spaces, tabs or line breaks
        s, e = m.span()
        if s == 0 or e == size or line[s - 1] in " \t\n\r" or line[e] in " \t\n\r":
            continue
        if full is not None:
            if full.overlaps(s, e):
                continue
        elif _in_call(line, s, e):
            continue
        edits.append(Edit(s, e, m.group(), " ", f"{e - s} spaces → 1", "inner-spaces"))
    return result_from_edits(line, edits)


def _clean_line(line: str, has_invisible: bool) -> PassResult | None:
    """The in-line rules on one line (without its '\\n'); None when the line needs nothing."""
    invisible = has_invisible and _INVISIBLE_CHAR.search(line) is not None
    if not invisible and "  " not in line:
        # the common case, made cheap: at most one trailing run, found with rstrip
        body = line[:-1] if line.endswith("\r") else line
        if "\r" in body:
            r = _sub_trailing(line)
            return r if r.edits else None
        stripped = body.rstrip(" \t")
        if len(stripped) == len(body):
            return None
        why = "trailing spaces" if len(body) - len(stripped) > 1 else "trailing space"
        if not stripped:
            why = "line of only spaces → empty line"
        cut = body[len(stripped) :]
        e = Edit(len(stripped), len(body), cut, "", why, "trailing-space")
        return PassResult(stripped + line[len(body) :], (e,))
    if not invisible and "\r" not in line:
        # chain(line, _sub_trailing, _sub_inner) without its composition: the trailing run is
        # the end of the line (rstrip), an inner run is followed by a kept character, so the
        # two never touch and the inner runs of the stripped line are those of the line.
        stripped = line.rstrip(" \t")
        r = _sub_inner(stripped)
        if len(stripped) == len(line):
            return r if r.edits else None
        k = len(line) - len(stripped)
        why = "trailing spaces" if k > 1 else "trailing space"
        if not stripped:
            why = "line of only spaces → empty line"
        e = Edit(len(stripped), len(line), line[len(stripped) :], "", why, "trailing-space")
        return PassResult(r.text, (*r.edits, e))
    steps = [_sub_trailing, _sub_inner]
    if invisible:
        steps.insert(0, _sub_invisible)
    r = chain(line, *steps)
    return r if r.edits else None


# Characters that the in-line rules may delete: a line made only of these (and '\r') ends up
# empty, i.e. blank; a line with any other character keeps it and is not blank.
_BLANK_CHARS = " \t\r\u200b\u200c\u200d\ufeff\u00ad" + "".join(
    chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))
)
_BL = "[" + re.escape(_BLANK_CHARS) + "]"
# Runs of two or more blank lines after a line's '\n' (the match starts at that '\n').
_BLANK_RUN = re.compile(r"\n(?:" + _BL + r"*\n){2,}")
_START = attrgetter("start")


def _blank_edit(text: str, lo: int, hi: int, after: str, reason: str) -> Edit:
    return Edit(lo, hi, text[lo:hi], after, reason, "blank-lines" if "→" in reason else "document-edges")


def _blocks(text: str) -> tuple[list[Edit], list[tuple[int, int]]]:
    """Block edits for blank lines (start, between lines, end) and the spans of line starts
    they cover (the in-line edits of those lines are dropped: the block replaces them)."""
    n = len(text)
    body_end = len(text.rstrip(_BLANK_CHARS + "\n"))  # just after the last non-blank char
    if not text:
        return [], []
    if body_end == 0:  # every line is blank
        return [_blank_edit(text, 0, n, "", "blank lines at the start of the text")], [(0, n + 1)]
    blocks: list[Edit] = []
    covered: list[tuple[int, int]] = []
    first = n - len(text.lstrip(_BLANK_CHARS + "\n"))  # the first non-blank char
    first_start = text.rfind("\n", 0, first) + 1
    if first_start > 0:
        blocks.append(_blank_edit(text, 0, first_start, "", "blank lines at the start of the text"))
        covered.append((0, first_start))
    final_end = text.find("\n", body_end)  # end of the last line with text
    if final_end < 0:
        final_end = n
    find = text.find
    for m in _BLANK_RUN.finditer(text, first_start, final_end):
        lo, hi = m.start() + 1, m.end()
        k = m.group().count("\n") - 1  # blank lines between two lines with text
        term = "\r\n" if text[find("\n", lo) - 1] == "\r" else "\n"
        blocks.append(_blank_edit(text, lo, hi, term, f"{k} blank lines → 1"))
        covered.append((lo, hi))
    if final_end < n:
        # everything after the last line with text: its newline, blank lines, spaces
        crlf = text[final_end - 1] == "\r"
        end_of_content = final_end - crlf
        term = "\r\n" if crlf else "\n"
        if text[end_of_content:] != term:
            blocks.append(_blank_edit(text, end_of_content, n, term, "blank lines at the end of the text"))
            covered.append((final_end + 1, n + 1))
    return blocks, covered


def _whitespace(text: str) -> PassResult:
    """Only lines that some rule can touch are looked at, picked out by C-level scans."""
    isearch = _INVISIBLE_CHAR.search
    has_invisible = isearch(text) is not None
    edits, covered = _blocks(text)
    lines = text.split("\n")
    starts = list(map(add, accumulate(map(len, lines), initial=0), count()))  # of each line
    # Lines with two spaces, a '\r' or an invisible character: the full in-line rules.
    other = set()
    last = len(lines) - 1
    find = text.find
    for needle in ("  ", "\r"):
        p = find(needle)
        while p >= 0:  # str.find runs at memchr speed; one search per line that has it
            i = bisect_right(starts, p) - 1
            other.add(i)
            p = find(needle, starts[i + 1]) if i < last else -1
    if has_invisible:
        other.update(bisect_right(starts, m.start()) - 1 for m in _INVISIBLE_CHAR.finditer(text))
    covered_lo = [lo for lo, _ in covered]

    def is_covered(start: int) -> bool:  # only blank lines are
        k = bisect_right(covered_lo, start) - 1
        return k >= 0 and start < covered[k][1]

    append = edits.append
    for i in [i for i, ln in enumerate(lines) if ln and ln[-1] in " \t"]:
        if i in other:
            continue
        # the common case: nothing but a trailing run of spaces/tabs
        line = lines[i]
        end = starts[i] + len(line)
        if line[-2:-1] not in " \t":  # one space after a character that stays: not blank
            append(Edit(end - 1, end, line[-1], "", "trailing space", "trailing-space"))
            continue
        stripped = line.rstrip(" \t")
        if not stripped and is_covered(starts[i]):
            continue  # replaced by a block edit
        k = len(line) - len(stripped)
        why = ("trailing spaces" if k > 1 else "trailing space") if stripped else "line of only spaces → empty line"
        append(Edit(end - k, end, line[-k:], "", why, "trailing-space"))
    for i in sorted(other):
        start = starts[i]
        if covered and is_covered(start):
            continue
        r = _clean_line(lines[i], has_invisible)
        if r is not None:
            edits.extend(Edit(start + e.start, start + e.end, e.before, e.after, e.reason, e.rule) for e in r.edits)
    if not edits:
        return PassResult(text)
    edits.sort(key=_START)  # blocks and line edits never overlap
    return PassResult(replay(text, edits), tuple(edits))


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
        if not text:
            return PassResult(text)
        if "\x0b" in text or "\x0c" in text:
            # Page breaks first: a line they create must get the line rules of its own (an
            # indented line before a form feed does not make the next one indented).
            return chain(text, lambda t: sub_with_edits(_PAGE_BREAKS, _page_break, t), _whitespace)
        return _whitespace(text)


PASS = WhitespacePass
