"""dedup: remove a headline printed twice, a truncated teaser and a paragraph repeated back to back.

Scraped pages often carry the same text twice: the ``<title>`` and the ``<h1>``, a standfirst
cut with ``...`` before the paragraph it was cut from, a block the CMS emitted two times.

* ``Title\\n\\nTitle\\n\\nBody…`` → ``Title\\n\\nBody…`` (kept: the first copy)
* ``TITLE IN CAPS\\nDate\\nTitle in caps\\nBody…`` → ``Date\\nTitle in caps\\nBody…`` (kept: the
  mixed-case copy; curly or straight quotes, trailing punctuation and spacing do not matter)
* ``Teaser cut short...\\n\\nOther\\n\\nTeaser cut short, then the rest.`` →
  ``Other\\n\\nTeaser cut short, then the rest.`` (kept: the full paragraph)
* a long paragraph followed at once by the same paragraph → one copy

Blocks may be separated by blank lines or by single newlines. A removal takes the block and one
separator with it, keeping the widest separator around it, so no extra blank line is left.
Comparison is on :func:`cleantext.textkey.text_key` (NFKC, casefold, quotes and dashes
unified, punctuation stripped, spaces collapsed). Each edit names the rule and the copy kept:
``repeated headline (kept line 3)``, ``truncated teaser (full paragraph at line 11)``; the
line is that of the document as it was read, even after earlier passes removed lines
(``Context.line_of``).

When it does NOT act (when unsure, keep):

* headline copies further down than ``dedup_top_lines`` non-blank lines (default 12; 0 turns
  the rule off), copies separated by anything but metadata-looking lines (date or time, byline,
  ``Updated …``, a short label), copies that all end with a period (a sentence said twice),
  indented lines, or copies not followed by prose (a poem's or a song's repeated lines);
* dialogue (``— Oui.``, ``"Yes."``), list items, table rows, short lines, lines ending in a
  comma or semicolon (verse), stanzas (blocks of short lines);
* a teaser with no later paragraph that it is the start of (listing pages), a teaser whose
  only match is itself truncated, a teaser or full paragraph that is dialogue (a dash line, a
  paragraph wholly in quotes); datelines repeated (``Friday, 3 May``) are not headlines;
* a quotation or paragraph repeated later in the text, not back to back;
* near-duplicates: no fuzzy matching unless ``dedup_similarity`` is set (then headline copies
  and back-to-back paragraphs whose keys have a ``difflib`` ratio at least that high count).

The pass is per document and deterministic: it keeps no state between calls.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from operator import attrgetter
from typing import ClassVar

from .. import rx
from ..dedup_units import (
    _better,
    _ends,
    _headline_like,
    _is_meta,
    _is_prose,
    _is_verse,
    _same,
    _skip,
    _Unit,
    _units,
)
from ..edits import compose, result_from_edits
from ..model import Context, Edit, PassResult
from ..options import Options
from ..textkey import text_key

# Leading characters that the key turns into nothing (each NFKC-maps to punctuation or a
# space and composes with nothing), and Latin-1 letters that NFKC changes (ª º µ).
_LEAD = " \t\"'«»“”‘’(\u2013\u2014\u2026\u00a0\u202f"
_NOT_PLAIN = frozenset("ªºµ")
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212*")  # a first character that dedup_units._DASH_START matches
_ELLIPSIS_END = rx.compile(r"(?:\.\.\.|…|\. \. \.|\[(?:\.\.\.|…)\]|\((?:\.\.\.|…)\))\s*$")
_ELLIPSIS_TOKENS = ("...", "…", ". . .")  # every _ELLIPSIS_END match holds one of these
_END = attrgetter("end")
_ELLIPSIS_LAST = ("..", " .", "…", "]", ")")  # how every _ELLIPSIS_END match ends, before spaces
_PERIOD_END = rx.compile(r"\.\s*$")
_TEASER_MIN_CHARS = 25
_TEASER_MIN_WORDS = 5
_BLOCK_MIN_CHARS = 100  # a "long" paragraph, for the back-to-back rule
_BLOCK_MIN_WORDS = 12
_PROSE_LOOKAHEAD = 6


# A removal decided by a rule: (unit removed, rule, label, offset of the kept copy).
_Removal = tuple[_Unit, str, str, int]


def _ends_with_ellipsis(t: str) -> bool:
    # Searching a pattern anchored at $ scans the whole paragraph: look at the end only. A
    # match ends where rstrip() stops (regex \s is a subset of str whitespace, and the match
    # ends on a non-space), and is at most 5 characters long ('. . .', '[...]').
    r = len(t.rstrip())
    return t.endswith(_ELLIPSIS_LAST, 0, r) and _ELLIPSIS_END.search(t, max(0, r - 5)) is not None


def _ellipsis_line_ends(text: str) -> list[int]:
    """The end offsets of the lines that hold an ellipsis token, in order."""
    ends = set()
    n = len(text)
    for tok in _ELLIPSIS_TOKENS:
        p = text.find(tok)
        while p >= 0:
            e = text.find("\n", p)
            e = n if e < 0 else e
            ends.add(e)
            p = text.find(tok, e)
    return sorted(ends)


def _long_enough(u: _Unit) -> bool:
    """The key has _TEASER_MIN_CHARS and _TEASER_MIN_WORDS. Read from the start of a long
    paragraph when its key has more words than that (its first words are the whole key's,
    as for ``head``); the whole key only when needed."""
    if u._key is None and len(u.text) > 160:
        words = text_key(u.text[:160]).split(" ", _TEASER_MIN_WORDS)
        if len(words) > _TEASER_MIN_WORDS:
            return len(" ".join(words[:_TEASER_MIN_WORDS])) >= _TEASER_MIN_CHARS or _long_enough_key(u.key)
    return _long_enough_key(u.key)


def _long_enough_key(k: str) -> bool:
    return len(k) >= _TEASER_MIN_CHARS and k.count(" ") + 1 >= _TEASER_MIN_WORDS


def _teasers(text: str, kept: list[_Unit], out: list[_Removal]) -> None:
    # Only a paragraph whose last line holds '...', '…' or '. . .' can end with an ellipsis:
    # find those lines with str.find (no per-paragraph test, no regex scan of the text).
    candidates = []
    for end in _ellipsis_line_ends(text):
        i = bisect_left(kept, end, key=_END)
        if i < len(kept) and kept[i].end == end and _ends_with_ellipsis((u := kept[i]).text) and not _skip(u):
            if _long_enough(u):
                candidates.append(i)
    if not candidates:
        return
    # Only paragraphs that start like a teaser can hold its full text: index those alone.
    heads = {kept[i].head for i in candidates}
    # Cheaper still: a text that starts (after quotes, dashes, spaces) with a word of ASCII or
    # Latin-1 letters and a space has that word, casefolded, as the first word of its key
    # (no NFKC change, no composition with a neighbour): skip it when no teaser's head
    # starts with that word.
    firsts = {h.split(" ", 1)[0] for h in heads}
    index: dict[str, list[int]] = {}
    for j in range(candidates[0] + 1, len(kept)):
        v = kept[j]
        t = v.text
        if len(t) < _TEASER_MIN_CHARS:
            continue
        if t[0] in _DASHES:  # dialogue: _skip() is true
            continue
        w = t.lstrip(_LEAD)
        if (k := w.find(" ")) > 0 and (w := w[:k]).isalpha() and max(w) < "\u0100":
            if w.casefold() not in firsts and _NOT_PLAIN.isdisjoint(w):
                continue
        if (
            v.head in heads
            and not _ends_with_ellipsis(v.text)
            and not _skip(v)
        ):
            index.setdefault(v.head, []).append(j)
    for i in candidates:
        u = kept[i]
        for j in index.get(u.head, ()):
            v = kept[j]
            if j > i and len(v.key) >= len(u.key) and v.key.startswith(u.key):
                u.removed = True
                out.append((u, "truncated-teaser", "truncated teaser (full paragraph at line {})", v.start))
                break


def _headlines(units: list[_Unit], top: int, sim: float | None, out: list[_Removal]) -> None:
    kept = [u for u in units if not u.removed]
    region, seen = [], 0
    for u in kept:
        if seen >= top:
            break
        region.append(u)
        seen += u.nlines
    for i, u in enumerate(region):
        if u.removed or not _headline_like(u):
            continue
        if any(_is_prose(v) or _is_verse(v) for v in region[:i]):
            break  # below running text or verse: not the top of an article any more
        group, last = [u], i
        for j in range(i + 1, len(region)):
            v = region[j]
            if _headline_like(v) and _same(u, v, sim):
                group.append(v)
                last = j
            elif not _is_meta(v):
                break
        if len(group) < 2:
            continue
        if all(_ends(_PERIOD_END, g.text) for g in group):
            continue  # a sentence said twice, not a title
        # prose must follow (a teaser removed just before still counts: it is prose)
        at = units.index(region[last])
        after = units[at + 1 : at + 1 + _PROSE_LOOKAHEAD]
        if not any(_is_prose(v) for v in after):
            continue
        if any(_is_verse(v) for v in after[:2]):
            continue  # the copies sit in a stanza
        keep = _better(group)
        for g in group:
            if g is not keep:
                g.removed = True
                out.append((g, "repeated-headline", "repeated headline (kept line {})", keep.start))


def _long(u: _Unit) -> bool:
    t = u.text
    return len(t) >= _BLOCK_MIN_CHARS and t.count(" ") + 1 >= _BLOCK_MIN_WORDS and not _skip(u)


def _repeated_blocks(kept: list[_Unit], sim: float | None, out: list[_Removal]) -> None:
    prev: _Unit | None = None
    for u in kept:
        if u.removed:
            continue
        # the cheap length tests first, then _long (word count, _skip), then the keys
        if prev is not None and (b := len(u.text)) >= _BLOCK_MIN_CHARS and (a := len(prev.text)) >= _BLOCK_MIN_CHARS:
            if (
                min(a, b) * 5 >= max(a, b) * 4
                and (sim is not None or prev.head == u.head)
                and _long(u)
                and _long(prev)
                and _same(prev, u, sim)
            ):
                keep = _better([prev, u])
                drop = u if keep is prev else prev
                drop.removed = True
                out.append((drop, "repeated-block", "repeated paragraph (kept line {})", keep.start))
                prev = keep
                continue
        prev = u


def _find_removals(text: str, top: int, sim: float | None) -> tuple[list[_Unit], list[_Removal]]:
    units = _units(text)
    found: list[_Removal] = []
    while True:
        before = len(found)
        _teasers(text, [u for u in units if not u.removed], found)
        _repeated_blocks([u for u in units if not u.removed], sim, found)
        if top:
            _headlines(units, top, sim, found)
        if len(found) == before:
            return units, found


def _removal_spans(text: str, units: list[_Unit]) -> list[tuple[int, int, _Unit]]:
    """Spans to delete: each removed unit with one separator next to it, so that the separator
    with the most newlines around a run of removed units is the one that stays."""
    spans: list[tuple[int, int, _Unit]] = []
    n, i = len(units), 0
    while i < n:
        if not units[i].removed:
            i += 1
            continue
        j = i
        while j < n and units[j].removed:
            j += 1
        run = units[i:j]
        prev = units[i - 1] if i > 0 else None
        nxt = units[j] if j < n else None
        # seps[k] = (start, end) of the separator before run[k]; seps[len(run)] follows the run.
        seps = [(prev.end if prev else None, run[0].start)]
        seps += [(run[k - 1].end, run[k].start) for k in range(1, len(run))]
        seps.append((run[-1].end, nxt.start if nxt else None))
        if prev is None:
            keep_sep = 0
        elif nxt is None:
            keep_sep = len(run)
        else:
            widths = [text.count("\n", s, e) for s, e in seps]
            keep_sep = widths.index(max(widths))
        for k, u in enumerate(run):
            if k < keep_sep:
                spans.append((seps[k][0], u.end, u))
            else:
                end = seps[k + 1][1]
                spans.append((u.start, u.end if end is None else end, u))
        i = j
    return spans


@dataclass(frozen=True, slots=True)
class Dedup:
    name: ClassVar[str] = "dedup"
    summary: ClassVar[str] = "remove a repeated headline, a truncated teaser, a paragraph repeated back to back"

    top_lines: int = 12
    similarity: float | None = None

    @classmethod
    def from_options(cls, options: Options) -> Dedup:
        return cls(top_lines=options.dedup_top_lines, similarity=options.dedup_similarity)

    def __call__(self, text: str, ctx: Context) -> PassResult:
        if "\n" not in text:
            return PassResult(text)
        original, current = text, text
        edits: list[Edit] = []
        while True:  # a removal can bring two copies together: repeat until nothing changes
            units, found = _find_removals(current, self.top_lines, self.similarity)
            if not found:
                break
            labels = {id(u): (rule, label, kept) for u, rule, label, kept in found}
            new: list[Edit] = []
            for s, e, u in _removal_spans(current, units):
                rule, label, kept = labels[id(u)]
                at = _to_original(kept, edits)
                line = ctx.line_of(at) if ctx is not None and ctx.line_of else original.count("\n", 0, at) + 1
                new.append(Edit(s, e, current[s:e], "", label.format(line), rule))
            edits = compose(original, edits, current, new) if edits else new
            current = result_from_edits(current, new).text
        return result_from_edits(original, edits)


def _to_original(pos: int, edits: list[Edit]) -> int:
    """Map an offset of the text after ``edits`` (deletions) back to ``original``."""
    shift = 0
    for e in edits:
        if e.start - shift + len(e.after) <= pos:
            shift += (e.end - e.start) - len(e.after)
        else:
            break
    return pos + shift


PASS = Dedup
