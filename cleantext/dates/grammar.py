"""The one combined pattern that finds date/time candidates in a document.

Alternatives, tried in this order at each position:

* ``iso``: an ISO 8601 date or timestamp already present (``2024-11-24``,
  ``2024-11-24T06:56:00+02:00``, ``2024-11-24 06:56``): matched only so that it is skipped;
* ``ts`` date first: numeric ``24-11-2024``/``24.11.2024``/``24/11/2024``/``2024/11/24`` or
  month-name ``24 November 2024``, ``24. November 2024``, ``24 de noviembre de 2024``,
  ``24 ноября 2024 г.``, ``Nov 24, 2024``, optionally followed by a connector (``,``, ``at``,
  ``à``, ``um``, ``a las``, ``в``, ``·``, ``|``), a time and a zone (a leading weekday is
  not part of the match: :data:`WEEKDAY_BEFORE` finds it so that it can be checked);
* ``ts`` time first: ``06:56 IST, Nov 24 2024``;
* ``ny``: a day and month without a year (reported, never changed);
* ``tonly``: a time with AM/PM or a zone but no date (reported, never changed).

Fields are only captured here; :mod:`.resolve` checks ranges, calendars and zones.
:func:`scan` is the prefilter: it tries the pattern only at runs of digits and at month names
just before one, which gives the same matches as ``finditer`` at a fraction of the cost.
"""

from __future__ import annotations

import regex

from .. import rx
from . import tables


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


MONTHS = rf"(?i:{_alt(tables.month_langs())})\.?(?!\p{{L}})"
WEEKDAYS = rf"(?i:{_alt(tables.weekday_langs())})(?!\p{{L}})"

AMPM = r"(?:[AaPp]\.\s?[Mm]\.|[AaPp][Mm](?![\p{L}\d]))"
SUFFIX = r"(?:Uhr|uur|hrs?\.?)(?!\p{L})"  # German, Dutch, English "hours" after a time

TIME = rf"""
  (?P<th>\d{{1,2}})
  (?: :(?P<tm>\d{{2}})(?: :(?P<tsec>\d{{2}})(?:[.,]\d{{1,6}})? )?
    | \s?[hH]\s?(?P<tm>\d{{2}})
    | \s?(?P<thonly>[hH])(?![\p{{L}}\d])
    | \.(?P<tm>\d{{2}})(?=\s?(?:{AMPM}|{SUFFIX}))
    | (?=\s?(?:{AMPM}|{SUFFIX}))
  )
  (?:\s?(?P<ampm>{AMPM}))?
  (?:\s?{SUFFIX}|(?<=\d)\s?h(?![\p{{L}}\d]))?
  (?!\d|[.:,]\d|(?!Z(?![\p{{L}}\d]))\p{{L}})
"""

CITY = r"\p{Lu}[\p{L}'’.]*(?:[ -]\p{Lu}[\p{L}'’.]*){0,2}"

ZONE = rf"""
  (?P<zone> \s?(?P<zpar>\()?
    (?: (?<=\d)(?P<zz>Z)(?![\p{{L}}\d])
      | (?P<zutc>UTC|GMT|UT)(?:\s?(?P<zoff>[+−-]\s?\d{{1,2}}(?::?\d{{2}})?))?(?![\p{{L}}\d])
      | (?P<znum>[+−-]\d{{2}}:?\d{{2}})(?!\d)
      | (?P<zgen>(?i:eastern|central|mountain|pacific)(?:\s(?i:standard|daylight))?\s(?i:time)
               |UK\s(?i:time)|British\s(?i:time)|(?i:heure\sfrançaise|heure\sde\sFrance|hora\speninsular|hora\sespañola))(?!\p{{L}})
      | (?P<zcity>{CITY})\s(?i:(?:standard\s|local\s)?(?:time|timing))(?!\p{{L}})
      | (?i:heure|hora|horário|ora)\s(?i:(?:locale|local)\s)?(?:de\s(?:la\s)?|d['’]|di\s|du\s|del\s)(?P<zcity>{CITY})
      | (?P<zadj>\p{{Lu}}\p{{Ll}}+(?:er|e))\s(?:Sommer|Winter)?[Zz]eit(?!\p{{L}})
      | по\s(?P<zadj>\p{{L}}+ому)\sвремени(?!\p{{L}})
      | по\s(?P<zcity>Москве|Киеву|Минску|Гринвичу)(?!\p{{L}})
      | (?P<zab>\p{{Lu}}{{2,5}}|мск)(?![\p{{L}}\d])
    )
    (?(zpar)\))
  )
"""

YEAR_END = r"(?!\d|[.,]\d|-\d|\s?%)"
RU_YEAR = r"(?:\s?г\.|\s(?:года|году)(?!\p{L}))?"

DATE = rf"""
  (?: (?P<n1>\d{{1,4}})(?P<sep>[-./])(?P<n2>\d{{1,2}})(?P=sep)(?P<n3>\d{{2}}(?:\d{{2}})?)(?!\d|[-./]\d|\p{{L}})
    | (?P<dd>\d{{1,2}})(?:\.|(?i:st|nd|rd|th|er|re|ᵉʳ)|[º°ª])?(?:\s|-)?(?i:(?:de|of)\s)?(?P<dm>{MONTHS})
      (?:\s?,\s?|\s(?i:de|del)\s|\s|-)(?P<dy>\d{{4}}){YEAR_END}{RU_YEAR}
    | (?P<dm>{MONTHS})\s?(?P<dd>\d{{1,2}})(?i:st|nd|rd|th)?(?:\s?,\s?|\s)(?P<dy>\d{{4}}){YEAR_END}
  )
"""

CONN = r"(?:\s?,\s?|\s?[·|–—-]\s?|\s(?i:at|à|a\slas|a\sla|um|в|às|alle|om|kl\.?)\s|\s|T)"
SEP_TF = r"(?:\s?,\s?|\s?[·|–—-]\s?|\s(?i:on|le|el|am|du|del|de)\s|\s)"

NOYEAR = rf"""
  (?: (?P<dd>\d{{1,2}})(?:\.|(?i:st|nd|rd|th|er|re|ᵉʳ)|[º°ª])?\s(?i:(?:de|of)\s)?(?P<dm>{MONTHS})
    | (?P<dm>{MONTHS})\s(?P<dd>\d{{1,2}})(?i:st|nd|rd|th)?
  )(?!\s?,?\s?\d|\p{{L}})
"""

ISO = r"""
  (?>\d{4}-\d{2}-\d{2}
  (?:[T\ ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?)
  (?![\d\p{L}]|[-./:]\d|\s?\(?(?:\p{Lu}{2,5}(?!\p{L})|\p{Lu}\p{L}+\s(?i:time|timing)))
"""
ISO_RE = rx.compile(ISO, regex.VERBOSE | regex.V0)

TIMESTAMP = rx.compile(
    rf"""
    (?<![\w.,/:+−-])
    (?: (?P<iso>{ISO})
      | (?P<ts>{DATE}(?:{CONN}{TIME}{ZONE}?)?)
      | (?P<ts>{TIME}{ZONE}?{SEP_TF}{DATE})
      | (?P<ny>{NOYEAR})
      | (?P<tonly>{TIME}{ZONE}?)
    )
    """,
    regex.VERBOSE | regex.V0,
)

DIGIT = rx.compile(r"\d")
# What must follow the digits where a TIMESTAMP match starts with them (most numbers fail it,
# and it is far cheaper than trying TIMESTAMP): a numeric date or ISO date ``\d{1,4}[-./]``;
# otherwise 1-2 digits (day or hour) and then a space (``24 Nov``, ``6 pm``), a letter
# (``24th``, ``6h``, ``6pm``, ``24Nov``, ``1ᵉʳ``, ``1º``), ``.`` (``24.``, ``14.20``),
# ``:`` (``06:56``), ``-`` (``24-Nov``) or ``°``. The lookbehind is TIMESTAMP's own.
_CAN_START = rx.compile(r"(?<![\w.,/:+−-])(?:\d{1,4}[-./]|\d{1,2}[\s\p{L}.:°-])", regex.V0)
_DIGITS = rx.compile(r"\d+")
# A weekday just before a date ("Friday, ", "vendredi ", "Fri. "): checked, never rewritten.
WEEKDAY_BEFORE = rx.compile(rf"(?<![\w])({WEEKDAYS})\.?,?\s$", regex.V0)

_WORD_BEFORE = rx.compile(r"(?<![\w])(\p{L}{3,12})\.?\s?$", regex.V0)


def scan(text: str):
    """Yield the matches of TIMESTAMP that a left-to-right finditer over ``text`` would give.

    Cheap prefilter: every alternative starts either at a run of digits or at a month name
    just before one ("Nov. 24"), so the big pattern is only tried, anchored, at those places
    instead of at every position of the text.
    """
    done = 0  # no match may start before this offset
    months = tables.month_langs()
    can_start = _CAN_START.match
    for d in _DIGITS.finditer(text):
        ds = d.start()
        if ds < done:
            continue
        m = None
        if d.end() - ds <= 2:  # "Nov 24": a month name is followed by 1-2 digits
            w = _WORD_BEFORE.search(text, max(done, ds - 14), ds)
            if w is not None and w.group(1).lower() in months:
                m = TIMESTAMP.match(text, w.start())
        if m is None and can_start(text, ds) is not None:
            m = TIMESTAMP.match(text, ds)
        if m is not None:
            yield m
            done = m.end()


# A day (or day and month) and a range/list word just before a date: "24 to 25 November 2024".
RANGE_BEFORE = rx.compile(
    rf"(?<![\d.,])(?:\d{{1,2}}(?:\.|(?i:st|nd|rd|th|er))?\s?(?:{MONTHS}\s?)?)"
    r"(?:-|–|—|/|&|\s(?i:to|au|à|bis|al|a|y|and|et|und|и|по|until|till|through|hasta|or|ou)\s)\s?$",
    regex.V0,
)
