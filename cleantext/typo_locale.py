"""Per-language conventions for the typography pass: quotes, dashes, spacing.

Quote pairs follow CLDR's ``quotationStart/End`` and ``alternateQuotationStart/End``
delimiters, with two deliberate choices: ``pt`` means European Portuguese (« », as JoliTypo
and the cleantext issue ask; ``pt-BR`` keeps “ ”), and French inner quotes are “ ” (the
Imprimerie nationale's second level) rather than a second pair of guillemets. Languages not
listed here get no quote conversion at all: an unknown convention is left as the author typed it.
"""

from __future__ import annotations

from dataclasses import dataclass

NBSP = "\u00a0"
NNBSP = "\u202f"
SPACE_OPTIONS = {"nbsp": NBSP, "nnbsp": NNBSP, "none": ""}

# (outer open, outer close, inner open, inner close)
_EN = ("“", "”", "‘", "’")
_GUILL = ("«", "»", "“", "”")
_GUILL_LOW = ("«", "»", "„", "“")
_LOW = ("„", "“", "‚", "‘")
_LOW_RIGHT = ("„", "”", "«", "»")
_NORDIC = ("”", "”", "’", "’")

QUOTES: dict[str, tuple[str, str, str, str]] = {
    "en": _EN, "nl": _EN, "tr": _EN, "zh": _EN, "ko": _EN, "id": _EN, "ms": _EN,
    "ga": _EN, "cy": _EN, "hi": _EN, "th": _EN, "vi": _EN, "da": _EN, "pt-br": _EN,
    "fr": _GUILL, "es": _GUILL, "it": _GUILL, "pt": _GUILL, "el": _GUILL, "ca": _GUILL,
    "ru": _GUILL_LOW, "uk": _GUILL_LOW, "be": _GUILL_LOW,
    "nb": ("«", "»", "‘", "’"), "no": ("«", "»", "‘", "’"), "nn": ("«", "»", "‘", "’"),
    "de": _LOW, "cs": _LOW, "sk": _LOW, "sl": _LOW, "hr": _LOW, "et": _LOW, "is": _LOW,
    "lt": ("„", "“", "„", "“"), "bg": ("„", "“", "„", "“"),
    "de-ch": ("«", "»", "‹", "›"), "de-li": ("«", "»", "‹", "›"),
    "pl": _LOW_RIGHT, "ro": _LOW_RIGHT, "hu": ("„", "”", "»", "«"), "sr": ("„", "”", "’", "’"),
    "sv": _NORDIC, "fi": _NORDIC,
    "ja": ("「", "」", "『", "』"),
}

# Languages whose spaced dash (an incise) is an em dash rather than an en dash.
# Languages where ' is overwhelmingly an elision (l'État, dell'anno): single straight
# quotes are never paired as quotation marks there, only made apostrophes.
ELISION_LANGS = frozenset({"fr", "it", "ca", "oc"})

EM_DASH_LANGS = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk"})


def normalize(lang: str | None) -> tuple[str | None, str | None]:
    """``'fr_CA'`` -> ``('fr', 'ca')``; ``None``/``''``/``'auto'`` -> ``(None, None)``."""
    if not lang or not isinstance(lang, str):
        return None, None
    parts = lang.replace("_", "-").lower().split("-")
    base = parts[0]
    if not base or base in ("auto", "und", "xx", "zz") or not base.isalpha():
        return None, None
    region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    return base, region


@dataclass(frozen=True, slots=True)
class Locale:
    """What the typography rules need to know about one document language."""

    base: str | None  # 'fr', 'en', … or None when unknown
    region: str | None
    quotes: tuple[str, str, str, str] | None  # None: no quote conversion
    quote_space: str  # inside « » (French only; '' elsewhere)
    colon_space: str | None  # before ':' (None: leave spacing alone)
    punct_space: str | None  # before '; ! ?'
    dash: str  # the spaced dash
    single_pairs: bool  # curl paired single quotes (not where ' is mostly an elision)

    @property
    def french(self) -> bool:
        return self.base == "fr"


def locale_for(lang: str | None, fr_colon: str = "nbsp", fr_punct: str = "nnbsp",
               fr_quote: str = "nbsp") -> Locale:
    base, region = normalize(lang)
    quotes = None
    if base is not None:
        quotes = QUOTES.get(f"{base}-{region}") if region else None
        quotes = quotes or QUOTES.get(base)
    quote_space = colon = punct = None
    if base == "fr":
        quote_space = SPACE_OPTIONS.get(fr_quote, NBSP)
        colon = SPACE_OPTIONS.get(fr_colon, NBSP)
        # Quebec (OQLF): a space before ':' only; none before '; ! ?'.
        punct = "" if region == "ca" else SPACE_OPTIONS.get(fr_punct, NNBSP)
    elif base is not None:
        colon = punct = ""  # every other known language: no space before the mark
    dash = "—" if base in EM_DASH_LANGS else "–"
    singles = base not in ELISION_LANGS
    return Locale(base, region, quotes, quote_space or "", colon, punct, dash, singles)
