"""Paragraph units for the dedup pass, and the tests that classify them.

A text is cut into :class:`_Unit` paragraphs (one line, or a hard-wrapped block of lines);
each unit computes its comparison key (:func:`cleantext.textkey.text_key`) and the key's
first three words lazily, so the rules look only at the units they need. The predicates here
say what a unit is (dialogue or list item to skip, metadata between two headline copies,
running prose, verse, a headline candidate) and whether two units are the same text.

Kept apart from :mod:`cleantext.passes.dedup`, which holds the rules (teaser, headline,
back-to-back block) and the pass itself, to keep each module under the size guideline.
"""

from __future__ import annotations

from difflib import SequenceMatcher

import regex

from . import rx
from .textkey import is_all_caps, text_key

_DASH_START = rx.compile(r"\s*(?:[-\u2010-\u2015\u2212]|\*|\+\s)")
_LIST_START = rx.compile(
    r"\s*(?:[•·▪◦‣○●■□►▶→✓✔☐☑]|\d{1,3}[.)]\s|\(\d{1,3}\)|\(?\p{L}\)\s|\p{L}\.\s(?=\p{Lu}\p{Ll}))"
)
_QUOTE_START = rx.compile(r"\s*[\"'«»“”„‘’‚‹›「『]")
_QUOTE_END = rx.compile(r"[\"'«»“”„‘’‹›」』][\s.,;:!?…]*$")
_COLUMNS = rx.compile(r"\S {4,}(?=\S)")  # columns aligned with spaces: a table row
_VERSE_END = rx.compile(r"[,;:]\s*$")
_SENTENCE_END = rx.compile(r"[.!?…]\s*$")
_LOWER_START = rx.compile(r"\s*\p{Ll}")
_LETTER = rx.compile(r"\p{L}")
_META_PREFIX = rx.compile(
    r"""(?ix) ^ \W{0,3} (?:
        by | par | from | written \s+ by | posted | published | updated | last \s+ updated
      | mise? \s+ à \s+ jour | publiée? | modifiée? | actualisée? | source s? | photos? | crédits?
      | credits? | image | illustration | reading \s+ time | temps \s+ de \s+ lecture | lecture
      | auteur | author | rédaction | staff | correspondent | envoyée? \s+ spéciale? | avec | with
      | comments? | commentaires? | share | partager | copyright ) \b | ^ \W{0,3} © """,
)
_META_DATE = rx.compile(
    r"""(?ix)
      \b \d{1,4} [-/.] \d{1,2} [-/.] \d{1,4} \b
    | \b \d{1,2} \s? [:h] \s? \d{2} \b
    | \b \d{1,2} \s? (?: am | pm | a\.m\. | p\.m\. ) (?!\p{L})
    | \b (?: monday | tuesday | wednesday | thursday | friday | saturday | sunday
          | lundi | mardi | mercredi | jeudi | vendredi | samedi | dimanche
          | today | yesterday | aujourd'hui | hier ) \b
    | \b \d+ \s? (?: min | minutes? | hours? | heures? | h ) \s (?: ago | read ) \b
    | \b il \s y \s a \s \d+
    | \d .{0,12} \b (?: jan | feb | mar | apr | may | jun | jul | aug | sep | oct | nov | dec
          | janv | févr | fév | avr | mai | juin | juil | août | déc ) \p{L}* \b
    | \b (?: jan | feb | mar | apr | may | jun | jul | aug | sep | oct | nov | dec
          | janv | févr | fév | avr | mai | juin | juil | août | déc ) \p{L}* \.? \s \d
    """,
)

_HEADLINE_MIN_CHARS = 20  # key length; shorter lines ("Yes.", "Good night, all.") never count
_HEADLINE_MIN_WORDS = 4
_HEADLINE_MAX_CHARS = 300
_PROSE_MIN_CHARS = 60
_SENTENCE_BREAK = rx.compile(r"\p{Ll}[.!?…]\s+\p{Lu}")
# Three words at the start of a text, when each is made of letters whose key is themselves
# casefolded (ASCII and Latin-1 letters and digits, all NFKC-stable) and each is ended by a
# character that the key turns into a word break (ASCII punctuation and spaces, curly quotes,
# guillemets, dashes, '…', no-break spaces): none of these characters composes with a
# neighbour under NFKC, so the key's first three words are these words, casefolded
# (tests/test_dedup.py checks it). Any other text takes text_key.
_HEAD_SEP = "[\t\n\x0b\x0c\r !-#%-/:-@\\[-`{-~\u00a0\u2018\u2019\u201c\u201d\u00ab\u00bb\u2013\u2014\u2026\u202f]"
_HEAD_WORD = "([0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]+)"
_HEAD3 = rx.compile(
    f"{_HEAD_SEP}*{_HEAD_WORD}{_HEAD_SEP}+{_HEAD_WORD}{_HEAD_SEP}+{_HEAD_WORD}{_HEAD_SEP}"
)


class _Unit:
    """A paragraph: one line, or a hard-wrapped block of lines (``start``/``end`` exclude the
    separators around it)."""

    __slots__ = ("start", "end", "nlines", "text", "removed", "_key", "_head", "_skip")

    def __init__(self, start: int, end: int, nlines: int, text: str):
        self.start, self.end, self.nlines, self.text = start, end, nlines, text
        self.removed = False
        self._key: str | None = None
        self._head: str | None = None
        self._skip: bool | None = None

    @property
    def key(self) -> str:
        if self._key is None:
            self._key = text_key(self.text)
        return self._key

    @property
    def head(self) -> str:
        """The first three words of ``key``, computed from the start of the text only (cheap:
        used to find candidates before comparing whole keys)."""
        if self._head is None:
            m = _HEAD3.match(self.text)
            if m is not None:  # three plain words: what text_key would give, without it
                self._head = f"{m[1]} {m[2]} {m[3]}".casefold()
                return self._head
            if self._key is None and len(self.text) > 120:
                words = text_key(self.text[:120]).split(" ", 4)
                if len(words) < 5:
                    words = self.key.split(" ", 4)
            else:
                words = self.key.split(" ", 4)
            self._head = " ".join(words[:3])
        return self._head


def _units(text: str) -> list[_Unit]:
    """Split ``text`` into paragraphs: runs of non-blank lines, cut into single lines unless
    the run is hard-wrapped prose (long lines, a continuation line that starts in lower case)."""
    units: list[_Unit] = []
    block: list[tuple[int, int, str]] = []

    def flush() -> None:
        if not block:
            return
        if len(block) > 1 and _is_wrapped(block):
            s, e = block[0][0], block[-1][1]
            units.append(_Unit(s, e, len(block), text[s:e]))
        else:
            units.extend(_Unit(s, e, 1, raw) for s, e, raw in block)
        block.clear()

    pos = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        if raw and not raw.isspace():
            block.append((pos, end, raw))
        elif block:
            if len(block) == 1:
                units.append(_Unit(block[0][0], block[0][1], 1, block[0][2]))
                block.clear()
            else:
                flush()
        pos = end + 1
    flush()
    return units


def _is_wrapped(block: list[tuple[int, int, str]]) -> bool:
    """Hard-wrapped prose: lines of similar width (40 to 120 characters but the last), no two
    equal neighbours, and a line that continues a sentence (starts in lower case)."""
    lines = [b[2].strip() for b in block]
    widths = [len(x) for x in lines[:-1]]
    if min(widths) < 40 or max(len(x) for x in lines) > 120 or min(widths) * 5 < max(widths) * 3:
        return False
    if any(a == b for a, b in zip(lines, lines[1:])):
        return False
    return any(_LOWER_START.match(x) for x in lines[1:])


def _ends(pattern: regex.Pattern, t: str) -> bool:
    """``pattern.search(t)`` for a pattern 'one character, then spaces to the end': a match
    can only start on the last character before the trailing spaces (regex \\s is a subset of
    str whitespace), so search from there instead of scanning the whole paragraph."""
    return pattern.search(t, max(0, len(t.rstrip()) - 1)) is not None


def _skip(u: _Unit) -> bool:
    """Dialogue, list items, table rows: never removed, never the evidence for a removal."""
    if u._skip is None:
        u._skip = _skip_text(u.text)
    return u._skip


def _skip_text(t: str) -> bool:
    if "|" in t or "\t" in t.strip() or (len(t) <= 150 and len(_COLUMNS.findall(t)) >= 2):
        return True
    if _DASH_START.match(t) or _LIST_START.match(t):
        return True
    return bool(_QUOTE_START.match(t) and _QUOTE_END.search(t))


def _is_meta(u: _Unit) -> bool:
    """A line that may sit between two copies of a headline: date, byline, label, source."""
    t = u.text.strip()
    if u.nlines > 1 or len(t) > 100 or "-->" in t:  # '-->': a subtitle cue, not metadata
        return False
    if _DASH_START.match(t) or _QUOTE_START.match(t) and _QUOTE_END.search(t):
        return False  # dialogue
    if _META_PREFIX.match(t) or _META_DATE.search(t) or not _LETTER.search(t):
        return True
    words = len(t.split())
    return words <= 3 or words <= 5 and not _ends(_SENTENCE_END, t)


def _is_prose(u: _Unit) -> bool:
    """A paragraph of running text (what follows a headline; verse lines are shorter)."""
    if u.nlines > 1:
        return True
    words = u.text.count(" ") + 1
    if words >= 8 and _SENTENCE_BREAK.search(u.text):
        return True
    return len(u.text) >= _PROSE_MIN_CHARS and words >= 10 and not _skip(u)


def _is_verse(u: _Unit) -> bool:
    """A line that runs on into the next one (ends with ``, ; :``) and is not metadata."""
    return _ends(_VERSE_END, u.text) and not _is_meta(u)


def _headline_like(u: _Unit) -> bool:
    t = u.text
    if u.nlines > 1 or len(t) > _HEADLINE_MAX_CHARS or _skip(u) or _ends(_VERSE_END, t):
        return False
    if t.startswith(("\t", "    ")):  # an indented line: verse, a quotation or code
        return False
    if _QUOTE_START.match(t) and _QUOTE_END.search(t) or _META_PREFIX.match(t.strip()):
        return False
    if len(t.split()) <= 6 and _META_DATE.search(t):  # a dateline, not a title
        return False
    k = u.key
    return len(k) >= _HEADLINE_MIN_CHARS and k.count(" ") + 1 >= _HEADLINE_MIN_WORDS


def _same(a: _Unit, b: _Unit, similarity: float | None) -> bool:
    if a.key == b.key:
        return True
    if similarity is None or not a.key or not b.key:
        return False
    m = SequenceMatcher(None, a.key, b.key, autojunk=False)
    return m.real_quick_ratio() >= similarity and m.quick_ratio() >= similarity and m.ratio() >= similarity


def _better(copies: list[_Unit]) -> _Unit:
    """The copy to keep: the first one that is not ALL CAPS (else the first)."""
    return next((c for c in copies if not is_all_caps(c.text)), copies[0])
