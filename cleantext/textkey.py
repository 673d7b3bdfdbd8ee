"""The normalized comparison key used to decide that two pieces of text say the same thing.

``text_key(s)`` is what the dedup pass compares, never what it writes:

* NFKC (full-width letters, ligatures, ``…`` -> ``...``, no-break spaces -> spaces);
* casefold (``ÉTAT`` and ``État`` -> ``état``);
* quotes and dashes unified (``’ ‘ « » “ ”`` -> ``'`` / ``"``; ``– — ― −`` -> ``-``);
* punctuation stripped (replaced by a space, so ``Daech:`` and ``Daech :`` agree);
* whitespace collapsed and trimmed; invisible format characters dropped;
* letters, marks and digits kept as they are (``2014`` stays ``2014``, accents stay).

So ``"Lutte contre Daech : le Pentagone…"`` and ``LUTTE CONTRE DAECH: LE PENTAGONE...``
have the same key, and a teaser's key is a prefix of the key of the paragraph it was cut from.
"""

from __future__ import annotations

import unicodedata

import regex

_QUOTES = str.maketrans(
    {
        **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4\u2039\u203a"},
        **{c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"},
        **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"},
    }
)
# Punctuation, symbols that act as punctuation, format characters; then runs of spaces.
_STRIP = regex.compile(r"[\p{P}\p{Sk}\p{Sm}\p{So}]+")
_FORMAT = regex.compile(r"\p{Cf}+")
_SPACES = regex.compile(r"\s+")
_UPPER = regex.compile(r"\p{Lu}")
_LOWER = regex.compile(r"\p{Ll}")


def text_key(text: str) -> str:
    """The comparison key of ``text`` (see the module docstring). Total on any ``str``."""
    if not text:
        return ""
    try:
        s = unicodedata.normalize("NFKC", text)
    except (UnicodeError, ValueError):  # pragma: no cover - normalize accepts any str
        s = text
    s = s.casefold().translate(_QUOTES)
    s = _FORMAT.sub("", s)
    s = _STRIP.sub(" ", s)
    return _SPACES.sub(" ", s).strip()


def is_all_caps(text: str) -> bool:
    """True if ``text`` has upper-case letters and no lower-case ones (a shouted copy)."""
    return _UPPER.search(text) is not None and _LOWER.search(text) is None
