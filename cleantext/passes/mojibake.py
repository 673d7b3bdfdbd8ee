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
configuration. Segments (lines) that contain none of the characters in
:data:`cleantext.mojibake_gate.GATE_CHARS` cannot be changed by any of the fixers above (the
proof is in that module and re-checked by the tests), so ftfy never sees them. Every other
line goes through ``ftfy.fix_and_explain``; the output equals ``ftfy.fix_text`` with the same
configuration, which ``bench/mojibake_shortcut.py`` checks on ftfy's test cases and the corpus.
Text that is already fine (accented letters, curly quotes, NBSP next to accents, emoji,
Cyrillic) is left alone, as ftfy leaves it.

Edits: one per changed run inside a line (a word such as ``Ã©tÃ©`` → ``été``), with the
encodings ftfy used as the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from typing import ClassVar

from ..edits import result_from_edits
from ..mojibake_gate import GATE_RE
from ..model import Context, Edit, PassResult

MAX_SEGMENT = 1_000_000  # ftfy's max_decode_length: long lines are cut the same way
_DIFF_LIMIT = 400  # beyond this, a changed run is found by trimming common ends only


@cache
def ftfy_config(unescape_html: bool):
    """The TextFixerConfig of this pass (ftfy is imported on first use only)."""
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=unescape_html,
        remove_terminal_escapes=True,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=False,
        normalization=None,
        max_decode_length=MAX_SEGMENT,
        explain=True,
    )


def segments(text: str):
    """(start, end) of each line including its '\\n', cut at MAX_SEGMENT like ftfy.fix_text."""
    pos, n = 0, len(text)
    while pos < n:
        brk = text.find("\n", pos) + 1 or n
        if brk - pos > MAX_SEGMENT:
            brk = pos + MAX_SEGMENT
        yield pos, brk
        pos = brk


_ENCODING_NAMES = {
    "sloppy-windows-1252": "Windows-1252",
    "latin-1": "Latin-1",
    "sloppy-windows-1251": "Windows-1251",
    "sloppy-windows-1250": "Windows-1250",
    "sloppy-windows-1253": "Windows-1253",
    "sloppy-windows-1254": "Windows-1254",
    "sloppy-windows-1257": "Windows-1257",
    "iso-8859-2": "ISO-8859-2",
    "macroman": "MacRoman",
    "cp437": "cp437",
}


def _reason(before: str, after: str, steps) -> tuple[str, str]:
    if "\x1b" in before and "\x1b" not in after:
        return "terminal escape code removed", "terminal-escape"
    names = [s.action + ":" + s.parameter for s in steps or ()]
    if "&" in before and "apply:unescape_html" in names and "&" not in after.replace("&amp;", ""):
        return f"HTML entity {before!r} in plain text", "html-entity"
    encs = [_ENCODING_NAMES.get(s.parameter, s.parameter) for s in steps or () if s.action == "encode"]
    if encs:
        chain = " then ".join(dict.fromkeys(encs))
        return f"mojibake {before!r}: UTF-8 that had been read as {chain}", "mojibake"
    if "apply:fix_c1_controls" in names:
        return f"C1 control {before!r}: Windows-1252 read as Latin-1", "c1-control"
    if "apply:decode_inconsistent_utf8" in names:
        return f"mojibake {before!r}: UTF-8 that had been read as Windows-1252", "mojibake"
    if "apply:fix_surrogates" in names:
        return "surrogate code points cannot be written as UTF-8", "surrogates"
    return f"repaired {before!r} (ftfy: {', '.join(names) or 'fix'})", "ftfy"


def _runs(before: str, after: str) -> list[tuple[int, int, str]]:
    """Changed runs as (start, end, replacement) relative to ``before``; runs inside one word merge."""
    p = 0
    m = min(len(before), len(after))
    while p < m and before[p] == after[p]:
        p += 1
    s = 0
    while s < m - p and before[-1 - s] == after[-1 - s]:
        s += 1
    b_mid, a_mid = before[p : len(before) - s], after[p : len(after) - s]
    if len(b_mid) > _DIFF_LIMIT or len(a_mid) > _DIFF_LIMIT:
        return [(p, len(before) - s, a_mid)]
    runs: list[list[int]] = []  # [b_lo, b_hi, a_lo, a_hi]
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, b_mid, a_mid, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if runs:
            gap = b_mid[runs[-1][1] : i1]
            if len(gap) <= 1 or not any(c.isspace() for c in gap):
                runs[-1][1], runs[-1][3] = i2, j2
                continue
        runs.append([i1, i2, j1, j2])
    return [(p + b0, p + b1, a_mid[a0:a1]) for b0, b1, a0, a1 in runs]


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
        search = GATE_RE.search
        edits: list[Edit] = []
        config = None
        for start, end in segments(text):
            seg = text[start:end]
            if search(seg) is None:
                continue
            if config is None:
                config = ftfy_config("<" not in text)
            fixed, steps = _fix(seg, config)
            if fixed == seg:
                continue
            for lo, hi, new in _runs(seg, fixed):
                why, rule = _reason(seg[lo:hi], new, steps)
                edits.append(Edit(start + lo, start + hi, seg[lo:hi], new, why, rule))
        return result_from_edits(text, edits)


def _fix(segment: str, config):
    import ftfy

    try:
        return ftfy.fix_and_explain(segment, config)
    except Exception:  # noqa: BLE001 - a pass is total: on any ftfy failure, keep the line
        return segment, None


PASS = MojibakePass
