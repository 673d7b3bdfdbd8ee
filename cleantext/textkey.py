"""The normalized comparison key used to decide that two pieces of text say the same thing.

``text_key(s)`` is what the dedup pass compares, never what it writes:

* NFKC (full-width letters, ligatures, ``…`` -> ``...``, no-break spaces -> spaces);
* casefold (``ÉTAT`` and ``État`` -> ``état``);
* punctuation stripped (replaced by a space, so ``Daech:`` and ``Daech :`` agree; quotes and
  dashes ``’ ‘ « » “ ” – — ― −`` are punctuation, so they are unified too);
* whitespace collapsed and trimmed; invisible format characters dropped;
* letters, marks and digits kept as they are (``2014`` stays ``2014``, accents stay).

So ``"Lutte contre Daech : le Pentagone…"`` and ``LUTTE CONTRE DAECH: LE PENTAGONE...``
have the same key, and a teaser's key is a prefix of the key of the paragraph it was cut from.
"""

from __future__ import annotations

import unicodedata

from . import rx

# Punctuation and symbols that act as punctuation become a space; then runs of spaces
# collapse. Quotes and dashes (’ « » “ – — …) are punctuation, so they are unified by this
# step too: a separate quote table would change nothing in the key.
_STRIP = rx.compile(r"[\p{P}\p{Sk}\p{Sm}\p{So}]+")
_FORMAT = rx.compile(r"\p{Cf}+")
_SPACES = rx.compile(r"\s+")
_UPPER = rx.compile(r"\p{Lu}")
_LOWER = rx.compile(r"\p{Ll}")
# A word of the key: a run of anything that is neither stripped nor a space (format
# characters are not excluded here: a key with one falls back to the reference steps).
_WORD = rx.compile(r"[^\p{P}\p{Sk}\p{Sm}\p{So}\s]+")
# ASCII in one table: upper -> lower, punctuation and spaces -> " " (NFKC and casefold are
# the identity and lower() on ASCII; there is no format character in ASCII).
_ASCII = str.maketrans(
    {
        chr(c): " " if _STRIP.match(chr(c)) or _SPACES.match(chr(c)) else chr(c).lower()
        for c in range(128)
    }
)


def _reference_key(text: str) -> str:
    """The definition of the key, step by step (slow; the fallback of :func:`text_key`)."""
    try:
        s = unicodedata.normalize("NFKC", text)
    except (UnicodeError, ValueError):  # pragma: no cover - normalize accepts any str
        s = text
    s = _FORMAT.sub("", s.casefold())
    s = _STRIP.sub(" ", s)
    return _SPACES.sub(" ", s).strip()


def text_key(text: str) -> str:
    """The comparison key of ``text`` (see the module docstring). Total on any ``str``.

    Fast paths give exactly :func:`_reference_key`: ASCII text is one ``translate`` and a
    split; other text is NFKC + casefold and one scan for the words. A key that would hold a
    character ``str.split``/``strip`` treat differently from the regex ``\\s`` (controls such
    as U+001C), or a format character that must be dropped, is non-printable: those (rare)
    texts take the reference steps.
    """
    if not text:
        return ""
    if text.isascii():
        s = text.translate(_ASCII)
        if s.isprintable():  # only " " separates words now
            return " ".join(s.split())
        return _reference_key(text)
    try:
        s = unicodedata.normalize("NFKC", text).casefold()
    except (UnicodeError, ValueError):  # pragma: no cover - normalize accepts any str
        return _reference_key(text)
    key = " ".join(_WORD.findall(s))
    return key if key.isprintable() else _reference_key(text)


def is_all_caps(text: str) -> bool:
    """True if ``text`` has upper-case letters and no lower-case ones (a shouted copy)."""
    return _UPPER.search(text) is not None and _LOWER.search(text) is None
