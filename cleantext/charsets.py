"""Guess the encoding of bytes that are not UTF-8, and prefer the guess whose letters make sense.

charset-normalizer ranks candidate code pages by how "messy" the decoded text looks. On short
text several single-byte code pages often tie: the French ``déjà vu`` comes out as ``déjŕ vu``
in cp1250 and ``déją vu`` in cp1257 with the same (zero) mess, and the library's order then
picks a Central European page for Western text.

So among the candidates whose mess is close to the best one, each decoding is scored by how
well its accented letters fit the alphabet of one real language (``à è û`` fit French, ``ŕ č ű``
fit none), and symbols wedged inside words (``Za¿ó³æ``) count against it. The best fit wins;
among equal fits a Western code page (cp1252, latin-1) is preferred, then charset-normalizer's
order. Letters of scripts other
than Latin, Greek and Cyrillic are not judged, and when the first candidate has nothing to
judge (CJK text, say) its choice stands.
"""

from __future__ import annotations

import unicodedata

# Lowercase letters beyond ASCII of the languages the single-byte code pages were made for.
_ALPHABETS: dict[str, str] = {
    "fr": "àâæçéèêëîïôœùûüÿ",
    "de": "äöüß",
    "es": "áéíóúñü",
    "pt": "áâãàçéêíóôõú",
    "it": "àèéìíîòóùú",
    "ca": "àçèéíïòóúü",
    "nl": "áéíóúàèëïöü",
    "da": "æøåé",
    "sv": "åäöé",
    "fi": "äöå",
    "is": "áðéíóúýþæö",
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "pl": "ąćęłńóśźż",
    "hu": "áéíóöőúüű",
    "ro": "ăâîșțşţ",
    "hr": "čćđšž",
    "sl": "čšž",
    "tr": "çğıöşüâî",
    "lt": "ąčęėįšųūž",
    "lv": "āčēģīķļņšūž",
    "et": "äõöüšž",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "bg": "абвгдежзийклмнопрстуфхцчшщъьюя",
    "sr": "абвгдђежзијклљмнњопрстћуфхцчџш",
    "el": "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώϊϋΐΰς",
}
# Western European text often mixes languages (a German name in a French article).
_ALPHABETS["western"] = "".join(
    sorted(set().union(*(_ALPHABETS[k] for k in ("fr", "de", "es", "pt", "it", "ca", "nl", "da", "sv"))))
)
_SETS = {k: frozenset(v) for k, v in _ALPHABETS.items()}

MARGIN = 0.1  # how much messier than the best a candidate may be and still be considered
SAMPLE = 64 * 1024  # bytes of the input used to score candidates


# Punctuation that legitimately sits inside a word (l’homme, l·l, hyphens).
_INWORD = frozenset("’‘ʼ´·‐‑–—\u00ad")
# Code pages made for Western European text: preferred when a tie remains.
_WESTERN = frozenset({"cp1252", "latin_1", "iso8859_1", "iso8859_15", "windows_1252"})


def _judged(text: str) -> tuple[list[str], int]:
    """Non-ASCII letters of the Latin, Greek and Cyrillic scripts (lowercased), and the number
    of symbols wedged between two letters (``Za¿ó³æ``: a sign of the wrong code page)."""
    letters = []
    wedged = 0
    n = len(text)
    for i, ch in enumerate(text):
        if ch < "\x80":
            continue
        if ch.isalpha():
            if unicodedata.name(ch, "").startswith(("LATIN", "GREEK", "CYRILLIC")):
                letters.append(ch.lower())
        elif ch not in _INWORD and 0 < i < n - 1 and text[i - 1].isalpha() and text[i + 1].isalpha():
            wedged += 1
    return letters, wedged


def fit(text: str) -> float | None:
    """Share of the judged characters that belong to the best-fitting alphabet (None: nothing
    judged). Symbols wedged inside words count against every alphabet."""
    letters, wedged = _judged(text)
    if not letters and not wedged:
        return None
    best = 0
    for alphabet in _SETS.values():
        n = sum(1 for ch in letters if ch in alphabet)
        best = max(best, n)
    return best / (len(letters) + wedged)


def _key(encoding: str, f: float) -> tuple[float, bool]:
    return (f, encoding.lower().replace("-", "_") in _WESTERN)


def detect(data: bytes) -> str | None:
    """The encoding ``data`` most plausibly is in, or None when nothing decodes it sensibly."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    matches = list(from_bytes(data))
    if not matches:
        return None
    first = matches[0]
    sample = data[:SAMPLE]
    first_fit = fit(sample.decode(first.encoding, errors="replace"))
    choice = first.encoding
    if first_fit is not None:
        best_key = _key(first.encoding, first_fit)
        for m in matches[1:]:
            if m.chaos > first.chaos + MARGIN:
                continue
            f = fit(sample.decode(m.encoding, errors="replace"))
            if f is not None and _key(m.encoding, f) > best_key:
                choice, best_key = m.encoding, _key(m.encoding, f)
    try:
        data.decode(choice)
    except (UnicodeDecodeError, LookupError):
        return None
    return choice
