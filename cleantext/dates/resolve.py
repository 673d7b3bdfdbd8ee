"""One candidate match -> an Edit (fully determined timestamp), a Note (left as written) or None.

Fields captured by :mod:`.grammar` are parsed here, checked with ``datetime`` (calendar) and
``zoneinfo`` (DST gaps and folds), and rendered in the requested format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone, tzinfo

import regex

from .. import rx
from ..model import Edit, Note
from . import grammar, tables, zones

UTC = timezone.utc
MIN_YEAR, MAX_YEAR = 1700, 2199
_TIME_DIRECTIVE = rx.compile(r"%[-#]?[HIMSpzZXcTRrfPklsGV]")


@dataclass(frozen=True, slots=True)
class Config:
    ts_format: str = "iso"
    date_order: str | None = None
    aliases: dict[str, str] = field(default_factory=dict)
    default_tz: str | None = None


class Skip(Exception):
    """Not a timestamp after all: leave it and say nothing."""


class Leave(Exception):
    """A timestamp that is not fully determined: leave it and say why."""

    def __init__(self, reason: str, rule: str):
        super().__init__(reason)
        self.reason = reason
        self.rule = rule


def _name_value(token: str, table: dict[str, dict[str, int]], lang: str | None) -> int | None:
    """Month/weekday number of ``token`` in the document's language (or English, capitalized)."""
    key = token.lower().rstrip(".")
    langs = table.get(key)
    if not langs:
        return None
    capital = token[:1].isupper()
    if lang in langs and (lang != "en" or capital):
        return langs[lang]
    if "en" in langs and capital:
        return langs["en"]
    if lang is None or lang not in tables.LANGS:
        values = {v for k, v in langs.items() if k != "en" or capital}
        if lang is not None:  # a language we have no names for: English only
            return None
        return values.pop() if len(values) == 1 else None
    return None


def _numeric_date(m: regex.Match[str], cfg: Config, shown: str) -> date:
    n1, n2, n3 = m.group("n1"), m.group("n2"), m.group("n3")
    if len(n1) == 4:
        if len(n3) == 4 or (m.group("sep") == "-" and (len(n2) < 2 or len(n3) < 2)):
            raise Skip()  # 1827-8-32 is a list of years, not a date
        y, mo, d = int(n1), int(n2), int(n3)
    elif len(n1) == 3:
        raise Skip()
    else:
        a, b = int(n1), int(n2)
        if not (1 <= a <= 31 and 1 <= b <= 31 and min(a, b) <= 12):
            raise Skip()
        if len(n3) == 2:
            if m.group("sep") != "/" and (len(n1) < 2 or len(n2) < 2):
                raise Skip()  # 1.2.10 is more likely a version than a date
            raise Leave(f"two-digit year in '{shown}': century unknown", "two-digit-year")
        y = int(n3)
        if a > 12:
            d, mo = a, b
        elif b > 12:
            mo, d = a, b
        elif a == b:
            d = mo = a
        elif cfg.date_order == "DMY":
            d, mo = a, b
        elif cfg.date_order == "MDY":
            mo, d = a, b
        else:
            raise Leave(
                f"day and month are ambiguous in '{shown}' (both ≤ 12); set --date-order DMY or MDY",
                "ambiguous-day-month",
            )
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise Skip()
    try:
        return date(y, mo, d)
    except ValueError:
        raise Leave(f"invalid date '{shown}'", "invalid-date") from None


def _named_date(m: regex.Match[str], lang: str | None, shown: str) -> date:
    mo = _name_value(m.group("dm"), tables.month_langs(), lang)
    if mo is None:
        raise Skip()
    y, d = int(m.group("dy")), int(m.group("dd"))
    if not MIN_YEAR <= y <= MAX_YEAR or d == 0:
        raise Skip()
    try:
        return date(y, mo, d)
    except ValueError:
        raise Leave(f"invalid date '{shown}'", "invalid-date") from None


def _time(m: regex.Match[str], lang: str | None, shown: str) -> tuple[int, int, int]:
    h = int(m.group("th"))
    mi = int(m.group("tm") or 0)
    s = int(m.group("tsec") or 0)
    ampm = m.group("ampm")
    if ampm:
        if lang == "de" and ampm == "am":
            raise Skip()  # German "am" is "on the", not ante meridiem
        if not 1 <= h <= 12:
            raise Leave(f"invalid time '{shown}'", "invalid-time")
        pm = ampm[0] in "pP"
        h = (h % 12) + (12 if pm else 0)
    if h > 23 or mi > 59 or s > 59:
        raise Leave(f"invalid time '{shown}'", "invalid-time")
    return h, mi, s


def _check_local(naive: datetime, zone: zones.Zone, shown: str) -> datetime:
    """Attach an IANA zone, refusing local times that DST skips or repeats."""
    a = naive.replace(tzinfo=zone.tz, fold=0)
    b = naive.replace(tzinfo=zone.tz, fold=1)
    if a.utcoffset() != b.utcoffset():
        back = a.astimezone(UTC).astimezone(zone.tz).replace(tzinfo=None)
        if back != naive:
            raise Leave(f"local time '{shown}' does not exist in {zone.label} (DST change)", "dst-gap")
        raise Leave(f"local time '{shown}' occurs twice in {zone.label} (DST change); offset unknown", "dst-fold")
    return a


def render(value: date | datetime, has_time: bool, fmt: str) -> str:
    if not has_time:
        d = value if not isinstance(value, datetime) else value.date()
        if fmt in ("iso", "iso-utc", "date", "local") or _TIME_DIRECTIVE.search(fmt):
            return d.isoformat()  # a pattern with time fields would invent a midnight
        return datetime(d.year, d.month, d.day).strftime(fmt)
    assert isinstance(value, datetime)
    aware = value.tzinfo is not None
    if fmt == "iso":
        return value.isoformat(timespec="seconds")
    if fmt == "iso-utc":
        if not aware:
            return value.isoformat(timespec="seconds")
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if fmt == "date":
        return value.date().isoformat()
    if fmt == "local":
        return value.replace(tzinfo=None).isoformat(timespec="seconds")
    return value.strftime(fmt)


_FMT_NAMES = {"iso": "ISO 8601", "iso-utc": "ISO 8601 UTC", "date": "ISO date", "local": "ISO local time"}


def examine(m: regex.Match[str], text: str, lang: str | None, cfg: Config, default: tzinfo | None):
    """Return an Edit, a Note, or None for one match of :data:`grammar.TIMESTAMP`."""
    if m.group("iso"):
        return None
    if m.group("ny") is not None:
        if _name_value(m.group("dm"), tables.month_langs(), lang) is None:
            return None
        s, e = m.span("ny")
        return Note(s, e, text[s:e], f"date without a year '{text[s:e]}'", "no-year")
    if m.group("tonly") is not None:
        s, e = m.span("tonly")
        if not (m.group("ampm") or m.group("zone")) or (lang == "de" and m.group("ampm") == "am"):
            return None
        try:
            zones.resolve(m, cfg.aliases) if m.group("zone") else None
        except zones.NotAZone:
            if not m.group("ampm"):
                return None
            e = m.start("zone")
        except zones.ZoneProblem:
            pass
        return Note(s, e, text[s:e], f"time without a date '{text[s:e]}'", "no-date")

    start, end = m.span("ts")
    if grammar.ISO_RE.fullmatch(text, start, end):
        return None
    time_first = m.group("th") is not None and m.start("th") == start
    try:
        zone: zones.Zone | None = None
        if m.group("zone"):
            try:
                zone = zones.resolve(m, cfg.aliases)
            except zones.NotAZone:
                if time_first:
                    raise Skip() from None
                end = m.start("zone")
        shown = text[start:end]
        if not time_first and m.group("dm") is not None and grammar.RANGE_BEFORE.search(text, max(0, start - 40), start):
            raise Leave(f"date '{shown}' ends a range of dates; left as written", "date-range")
        day = _numeric_date(m, cfg, shown) if m.group("n1") else _named_date(m, lang, shown)
        w = None if time_first else grammar.WEEKDAY_BEFORE.search(text, max(0, start - 16), start)
        if w is not None:
            wd = _name_value(w.group(1), tables.weekday_langs(), lang)
            if wd is not None and wd != day.weekday():
                raise Leave(
                    f"weekday '{w.group(1)}' does not match {day.isoformat()} (a {day.strftime('%A')})",
                    "weekday-mismatch",
                )
        has_time = m.group("th") is not None
        if has_time:
            h, mi, s = _time(m, lang, shown)
            value: date | datetime = datetime(day.year, day.month, day.day, h, mi, s)
            if zone is None and default is not None:
                zone = zones.Zone(default, f"assumed {cfg.default_tz}", isinstance(default, zones.ZoneInfo))
            if zone is not None:
                value = _check_local(value, zone, shown) if zone.iana else value.replace(tzinfo=zone.tz)
        else:
            value = day
    except zones.ZoneProblem as p:
        return Note(start, end, text[start:end], f"{p.reason} in '{text[start:end]}'", p.rule)
    except Leave as p:
        return Note(start, end, text[start:end], p.reason, p.rule)
    except Skip:
        return None
    try:
        after = render(value, has_time, cfg.ts_format)
    except (ValueError, UnicodeError, OverflowError):
        return None
    before = text[start:end]
    if after == before:
        return None
    what = _FMT_NAMES.get(cfg.ts_format, f"'{cfg.ts_format}'")
    label = zone.label if zone is not None else ("no zone" if has_time else "date only")
    return Edit(start, end, before, after, f"timestamp '{before}' → {what} ({label})", "timestamp")
