"""mojibake: repair text decoded with the wrong codec, HTML entities and terminal escapes.

A conservative configuration of ftfy (``TextFixerConfig``), applied line by line:

* ``cafÃ©``, ``â€œquotedâ€\x9d``, ``Ð¿Ñ€Ð¸Ð²ÐµÑ‚`` → ``café``, ``“quoted”``, ``привет``
  (``fix_encoding``: UTF-8 that was decoded as Windows-1252, Latin-1, MacRoman, cp1251…,
  with its sub-fixes ``restore_byte_a0``, ``replace_lossy_sequences``,
  ``decode_inconsistent_utf8``);
* ``It\x92s`` → ``It’s`` (``fix_c1_controls``: C1 controls are Windows-1252 read as Latin-1);
* ``Fish &amp; Chips``, ``caf&eacute;`` → ``Fish & Chips``, ``café`` (``unescape_html``, only
  when the document has no ``<`` at all, see below);
* ``\x1b[31mred\x1b[0m`` → ``red`` (``remove_terminal_escapes``);
* a surrogate pair written as two code points → the astral character; a lone surrogate →
  ``�`` (``fix_surrogates``: such text cannot even be written as UTF-8).

Off, and why:

* ``uncurl_quotes``: ``“ ” ‘ ’`` are correct typography, and the typography pass owns quotes
  (ftfy's default uncurls them; datatrove and NeMo Curator turned that off after complaints);
* ``fix_character_width``: full-width ``ＡＢＣ`` and half-width kana are legitimate in CJK text;
* ``fix_latin_ligatures``: ``ﬁ`` → ``fi`` is a compatibility normalization, not a repair;
  the ligature is a real character that someone chose (NFKC is one ``unicodedata`` call away);
* ``fix_line_breaks``: line structure is the whitespace pass's business (and input arrives
  with ``\\n`` already); U+2028/U+0085 stay as they are here;
* ``remove_control_chars``: the whitespace pass removes control characters with a reason per
  character and knows which invisible characters must stay (ZWJ in emoji, ZWNJ in Persian);
* ``normalization`` (NFC): canonically equivalent text looks identical, so a change would be
  invisible in ``--diff``; it also rewrites CJK compatibility ideographs. Leaving it off
  also makes the pass agree with ``ftfy.fix_encoding`` on its own test cases.

HTML entities: ftfy's ``unescape_html='auto'`` turns itself off for the rest of the text at
the first line containing ``<``, which makes the result depend on line order. Here the
decision is made once per document: entities are unescaped only if the document contains no
``<`` at all (a document with markup keeps its entities).

Speed, and when it does NOT act: ftfy costs ~5 MB/s even on clean text with this
configuration. First, one scan of the whole document with
:func:`cleantext.mojibake_pairs.may_change_anywhere` (pairs of adjacent characters that every
match of ftfy's badness regex must contain, and the triggers of the other fixers) tells that
nothing can change in nearly every clean document (~270 MB/s). The pipeline uses the same
scan to skip its second look after the later passes. Otherwise, segments (lines) that contain none of the characters in
:data:`cleantext.mojibake_gate.GATE_CHARS` cannot be changed by any of the fixers above (the
proof is in that module and re-checked by the tests), so ftfy never sees them. Lines that
do (« », É, “ ” are common in clean text) pass a second exact gate,
:func:`cleantext.mojibake_gate.may_be_changed`: ftfy's own badness regex searched only in
short windows around the gate characters (2 lines in 1000 of the clean corpus remain). The
remaining lines go through ``ftfy.fix_and_explain``; the output equals ``ftfy.fix_text`` with the same
configuration, which ``bench/mojibake_shortcut.py`` checks on ftfy's test cases and the corpus.
Text that is already fine (accented letters, curly quotes, NBSP next to accents, emoji,
Cyrillic) is left alone, as ftfy leaves it.

Edits: one per changed run inside a line (a word such as ``Ã©tÃ©`` → ``été``), with the
encodings ftfy used as the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from typing import ClassVar

from .. import rx
from ..edits import result_from_edits
from ..model import Context, Edit, PassResult
from ..mojibake_gate import GATE_RE, may_be_changed
from ..mojibake_pairs import may_change_anywhere

MAX_SEGMENT = 1_000_000  # ftfy's max_decode_length: long lines are cut the same way
_DIFF_LIMIT = 2000  # tokens; beyond this, one edit spans the changed middle of the line
# Words and the spaces between them. NEL U+0085 and NBSP U+00A0 count as word characters:
# they are the only white space among the characters that a UTF-8 byte >= 0x80 becomes when
# read as Latin-1, Windows-1252, Windows-1251, MacRoman…, so in mojibake they are pieces of
# a word ('à' -> 'Ã\xa0', 'م' -> 'Ù\x85'); as spaces they would split the damaged word
# and shift every following word against the repaired line.
_TOKEN = re.compile(r"[^\S\x85\xa0]+|[\S\x85\xa0]+")
_SPACE_TOKEN = re.compile(r"[^\S\x85\xa0]")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


@cache
def ftfy_config(unescape_html: bool, only_unescape: bool = False):
    """The TextFixerConfig of this pass (ftfy is imported on first use only).

    ``only_unescape`` gives the configuration that does nothing but unescape entities, used to
    check that unescaping commutes with the encoding repair (see :func:`fix_segment`).
    """
    import ftfy

    on = not only_unescape
    return ftfy.TextFixerConfig(
        unescape_html=unescape_html,
        remove_terminal_escapes=on,
        fix_encoding=on,
        restore_byte_a0=on,
        replace_lossy_sequences=on,
        decode_inconsistent_utf8=on,
        fix_c1_controls=on,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=on,
        remove_control_chars=False,
        normalization=None,
        max_decode_length=MAX_SEGMENT,
        explain=True,
    )


def fix_segment(segment: str, unescape: bool):
    """ftfy on one segment: ``(fixed, explanation steps)``.

    Entities are unescaped only where that is independent of the encoding repair: the result
    with unescaping must equal "repair without unescaping, then unescape". Otherwise (as in
    ``10Î&frac14;s``, where the entity is itself part of the mojibake) the entities are kept
    and only the repair that needs no unescaping is made, exactly like ``ftfy.fix_encoding``.
    """
    import ftfy

    try:
        plain, steps = ftfy.fix_and_explain(segment, ftfy_config(False))
        if not unescape or "&" not in segment:
            return plain, steps
        full, full_steps = ftfy.fix_and_explain(segment, ftfy_config(True))
        if full == plain:
            return plain, steps
        if full == ftfy.fix_and_explain(plain, ftfy_config(True, True))[0]:
            return full, full_steps
        return plain, steps
    except Exception:  # noqa: BLE001 - a pass is total: on any ftfy failure, keep the line
        return segment, None


def segments(text: str):
    """(start, end) of each line including its '\\n', cut at MAX_SEGMENT like ftfy.fix_text."""
    pos, n = 0, len(text)
    while pos < n:
        brk = text.find("\n", pos) + 1 or n
        if brk - pos > MAX_SEGMENT:
            brk = pos + MAX_SEGMENT
        yield pos, brk
        pos = brk


def gated_segments(text: str):
    """The segments of :func:`segments` that contain a gate character, found by searching
    the whole text once per hit instead of once per line (most lines have none)."""
    search = GATE_RE.search
    pos, n = 0, len(text)
    while (m := search(text, pos)) is not None:
        i = m.start()
        line_start = text.rfind("\n", 0, i) + 1
        line_end = text.find("\n", i) + 1 or n
        start = line_start + (i - line_start) // MAX_SEGMENT * MAX_SEGMENT
        end = min(start + MAX_SEGMENT, line_end)
        yield start, end
        pos = end


_ENCODING_NAMES = {
    "sloppy-windows-1252": "Windows-1252",
    "latin-1": "Latin-1",
    "windows-1252": "Windows-1252",
    "sloppy-windows-1251": "Windows-1251",
    "sloppy-windows-1250": "Windows-1250",
    "sloppy-windows-1253": "Windows-1253",
    "sloppy-windows-1254": "Windows-1254",
    "sloppy-windows-1257": "Windows-1257",
    "iso-8859-2": "ISO-8859-2",
    "macroman": "MacRoman",
    "cp437": "cp437",
}


def _summary(steps) -> tuple[list[str], str]:
    """What the reasons of one segment's edits share: the step names and the encodings."""
    names = [s.action + ":" + s.parameter for s in steps or ()]
    pairs, enc = [], None
    for st in steps or ():
        if st.action == "encode":
            enc = _ENCODING_NAMES.get(st.parameter, st.parameter)
        elif st.action == "decode" and enc:
            dec = "UTF-8" if st.parameter.startswith("utf-8") else _ENCODING_NAMES.get(st.parameter, st.parameter)
            pairs.append(f"{dec} that had been read as {enc}")
            enc = None
    return names, ", then ".join(dict.fromkeys(pairs))


def _reason(before: str, after: str, steps, summary=None) -> tuple[str, str]:
    if "\x1b" in before and "\x1b" not in after:
        return "terminal escape code removed", "terminal-escape"
    names, encodings = summary or _summary(steps)
    if "apply:unescape_html" in names and _ENTITY.search(before):
        return f"HTML entity {before!r} in plain text", "html-entity"
    if encodings:
        return f"mojibake {before!r}: {encodings}", "mojibake"
    if "apply:fix_c1_controls" in names:
        return f"C1 control {before!r}: Windows-1252 read as Latin-1", "c1-control"
    if "apply:decode_inconsistent_utf8" in names:
        return f"mojibake {before!r}: UTF-8 that had been read as Windows-1252", "mojibake"
    if "apply:fix_surrogates" in names:
        return "surrogate code points cannot be written as UTF-8", "surrogates"
    return f"repaired {before!r} (ftfy: {', '.join(names) or 'fix'})", "ftfy"


def _trim(before: str, after: str) -> tuple[int, int]:
    """Lengths of the common prefix and (non-overlapping) common suffix."""
    m = min(len(before), len(after))
    p = 0
    while p < m and before[p] == after[p]:
        p += 1
    if p and before[p - 1] == "&":  # keep an entity whole: '&amp;' -> '&', not 'amp;' -> ''
        p -= 1
    s = 0
    while s < m - p and before[-1 - s] == after[-1 - s]:
        s += 1
    return p, s


def _runs(before: str, after: str) -> list[tuple[int, int, str]]:
    """Changed runs as ``(start, end, replacement)`` relative to ``before``.

    The two lines are compared word by word (runs of spaces and of non-spaces), and each
    changed group of words is trimmed to its changed characters: ``cafÃ© &amp; thÃ©`` →
    ``café & thé`` gives three edits ``Ã©→é``, ``&amp;→&``, ``Ã©→é``.
    """
    p, s = _trim(before, after)
    b_mid, a_mid = before[p : len(before) - s], after[p : len(after) - s]
    b_tok, a_tok = _TOKEN.findall(b_mid), _TOKEN.findall(a_mid)
    if len(b_tok) > _DIFF_LIMIT or len(a_tok) > _DIFF_LIMIT or len(b_tok) <= 1:
        return [(p, len(before) - s, a_mid)]
    if len(b_tok) == len(a_tok):
        paired = _paired_runs(b_tok, a_tok, p)
        if paired is not None:
            return paired
    b_pos = [0]
    for t in b_tok:
        b_pos.append(b_pos[-1] + len(t))
    a_pos = [0]
    for t in a_tok:
        a_pos.append(a_pos[-1] + len(t))
    out = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, b_tok, a_tok, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        bb, aa = b_mid[b_pos[i1] : b_pos[i2]], a_mid[a_pos[j1] : a_pos[j2]]
        q, r = _trim(bb, aa)
        out.append((p + b_pos[i1] + q, p + b_pos[i2] - r, aa[q : len(aa) - r]))
    return out


# Characters the whitespace pass always deletes (C0 and C1 controls but tab and line breaks,
# DEL, zero-width space, BOM, soft hyphen). Left over after ftfy, they can hide mojibake by
# splitting its characters apart.
_INVISIBLE_JUNK = rx.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u200b\ufeff\u00ad]")


def _paired_runs(b_tok: list[str], a_tok: list[str], p: int) -> list[tuple[int, int, str]] | None:
    """The runs of :func:`_runs` without SequenceMatcher (quadratic on long lines), when the
    repair kept every token in place: same number of tokens, spaces against spaces. Each
    stretch of changed tokens is one run, as a 'replace' opcode would be. None otherwise."""
    out = []
    pos = p
    k, n = 0, len(b_tok)
    while k < n:
        b, a = b_tok[k], a_tok[k]
        if b == a:
            pos += len(b)
            k += 1
            continue
        if (_SPACE_TOKEN.match(b) is None) != (_SPACE_TOKEN.match(a) is None):
            return None
        start, bb, aa = pos, [], []
        while k < n and b_tok[k] != a_tok[k]:
            if (_SPACE_TOKEN.match(b_tok[k]) is None) != (_SPACE_TOKEN.match(a_tok[k]) is None):
                return None
            bb.append(b_tok[k])
            aa.append(a_tok[k])
            pos += len(b_tok[k])
            k += 1
        before, after = "".join(bb), "".join(aa)
        q, r = _trim(before, after)
        out.append((start + q, pos - r, after[q : len(after) - r]))
    return out


@dataclass(frozen=True, slots=True)
class MojibakePass:
    name: ClassVar[str] = "mojibake"
    summary: ClassVar[str] = "repair mojibake, HTML entities and terminal escapes (ftfy, conservative)"

    @classmethod
    def from_options(cls, options) -> MojibakePass:
        return cls()

    def __call__(self, text: str, ctx: Context) -> PassResult:
        if not text or (text.isascii() and "&" not in text and "\x1b" not in text):
            return PassResult(text)
        if not may_change_anywhere(text):  # one scan: most documents stop here
            return PassResult(text)
        return result_from_edits(text, self._repair(text, gated_segments(text)))

    @staticmethod
    def may_change(text: str) -> bool:
        """False only if the pass would certainly leave ``text`` as it is (one scan)."""
        return may_change_anywhere(text)

    def recheck(self, text: str, ctx: Context, lines: list[tuple[int, int]]) -> PassResult:
        """The pass, on the given lines only (offsets into ``text``): the pipeline's cheap
        second look at lines that later passes changed."""
        def segs():
            for lo, hi in lines:
                for start, end in gated_segments(text[lo:hi]):
                    yield lo + start, lo + end

        return result_from_edits(text, self._repair(text, segs()))

    @staticmethod
    def _repair(text: str, segs) -> list[Edit]:
        edits: list[Edit] = []
        unescape = None
        for start, end in segs:
            seg = text[start:end]
            if not may_be_changed(seg):
                continue
            if unescape is None:
                unescape = "<" not in text
            fixed, steps = fix_segment(seg, unescape)
            if _INVISIBLE_JUNK.search(fixed):
                # The whitespace pass deletes these characters; if mojibake shows only once
                # they are gone, repair it now (dropping them), or a second run would.
                bare = _INVISIBLE_JUNK.sub("", fixed)
                fixed_bare, steps_bare = fix_segment(bare, unescape)
                if fixed_bare != bare:
                    fixed, steps = fixed_bare, steps + steps_bare
            if fixed == seg:
                continue
            summary = _summary(steps)
            for lo, hi, new in _runs(seg, fixed):
                why, rule = _reason(seg[lo:hi], new, steps, summary)
                edits.append(Edit(start + lo, start + hi, seg[lo:hi], new, why, rule))
        return edits

PASS = MojibakePass
