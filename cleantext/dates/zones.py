"""Zone phrases -> tzinfo.

* ``Z``, ``UTC``, ``GMT``, ``UT`` -> UTC; ``GMT+3`` / ``UTC−03:00`` / ``+0200`` -> the fixed offset
  they say (+03:00, −03:00, +02:00). ``Etc/GMT+3`` is never used: its sign is inverted.
* fixed abbreviations (``EST`` = UTC−05:00, ``CEST`` = UTC+02:00, ``MSK`` = UTC+03:00, …) ->
  their fixed offset;
* generic names (``ET``, ``PT``, ``Eastern Time``, ``UK time``) -> a DST-aware IANA zone;
* city phrases (``Jerusalem Timing``, ``heure de Paris``, ``hora de Madrid``, ``Moskauer Zeit``,
  ``по московскому времени``) -> the city's IANA zone;
* ambiguous abbreviations (``IST``, ``CST``, ``BST``, ``AST``…) -> a problem, unless the user
  mapped them with ``--tz-alias``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import regex

from .. import rx
from . import tables

UTC = timezone.utc
_OFFSET = rx.compile(r"([+−-])\s?(\d{1,2})(?::?(\d{2}))?")
_ZONE_LIKE = rx.compile(r"\p{Lu}{1,4}T|\p{Lu}{1,3}[SD]T")


@dataclass(frozen=True, slots=True)
class Zone:
    tz: tzinfo
    label: str  # for the edit reason: "Asia/Jerusalem", "EST = UTC−05:00", "UTC+03:00"
    iana: bool  # True: DST-aware zone whose gaps and folds must be checked


class ZoneProblem(Exception):
    """The zone phrase is there but cannot be resolved (ambiguous or unknown)."""

    def __init__(self, reason: str, rule: str):
        super().__init__(reason)
        self.reason = reason
        self.rule = rule


class NotAZone(Exception):
    """The captured word is not a zone after all (``10:00 NATO``): drop it from the span."""


@cache
def zone_info(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError):
        return None


def _iana(name: str, label: str | None = None) -> Zone:
    if name == "Etc/UTC":
        return Zone(UTC, "UTC", False)
    zi = zone_info(name)
    if zi is None:  # pragma: no cover - tables are checked by the tests
        raise ZoneProblem(f"unknown time zone {name!r}", "unknown-zone")
    return Zone(zi, label or name, True)


def _fmt_offset(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "−"
    h, m = divmod(abs(minutes), 60)
    return f"UTC{sign}{h:02d}:{m:02d}"


def _fixed(minutes: int, label: str | None = None) -> Zone:
    if minutes == 0 and label is None:
        return Zone(UTC, "UTC", False)
    return Zone(timezone(timedelta(minutes=minutes)), label or _fmt_offset(minutes), False)


def parse_offset(text: str) -> int | None:
    """``+3`` / ``−03:00`` / ``+0530`` -> minutes east of UTC, or None if out of range."""
    m = _OFFSET.fullmatch(text.strip())
    if not m:
        return None
    h, mi = int(m.group(2)), int(m.group(3) or 0)
    if h > 14 or mi >= 60 or (h == 14 and mi):
        return None
    minutes = h * 60 + mi
    return -minutes if m.group(1) in "−-" else minutes


def resolve(m: regex.Match[str], aliases: dict[str, str]) -> Zone:
    """The zone named by the ``zone`` group of a timestamp match."""
    if m.group("zz"):
        return _fixed(0)
    if m.group("zutc"):
        off = m.group("zoff")
        if not off:
            return _fixed(0)
        minutes = parse_offset(off)
        if minutes is None:
            raise ZoneProblem(f"offset out of range in '{m.group('zone').strip()}'", "invalid-zone")
        return _fixed(minutes)
    if m.group("znum"):
        minutes = parse_offset(m.group("znum"))
        if minutes is None:
            raise ZoneProblem(f"offset out of range '{m.group('znum')}'", "invalid-zone")
        return _fixed(minutes)
    names = tables.zone_names()
    if m.group("zgen"):
        key = " ".join(m.group("zgen").lower().split())
        key = key.replace(" daylight", "").replace(" standard", "")
        zone = names["generic"].get(key) or names["generic"].get(key.replace("heure de france", "heure française"))
        if zone:
            return _iana(zone)
        raise ZoneProblem(f"unknown time zone '{m.group('zgen')}'", "unknown-zone")
    if m.group("zcity"):
        city = m.group("zcity")
        key = " ".join(city.lower().split())
        zone = tables.cities().get(key) or names["generic"].get(key)
        if zone:
            return _iana(zone)
        raise ZoneProblem(f"unknown time zone city '{city}'", "unknown-zone")
    if m.group("zadj"):
        adj = m.group("zadj").lower()
        zone = names["city_adjectives"].get(adj) or names["generic"].get(adj + " zeit")
        if zone:
            return _iana(zone)
        raise ZoneProblem(f"unknown time zone '{m.group('zone').strip()}'", "unknown-zone")
    abbr = m.group("zab")
    if abbr:
        abbr = abbr.upper() if abbr == "мск" else abbr
        if abbr in aliases:
            return _iana(aliases[abbr], f"{abbr} = {aliases[abbr]}")
        if abbr in names["generic"]:
            return _iana(names["generic"][abbr])
        if abbr in names["fixed"]:
            minutes, _ref = names["fixed"][abbr]
            return _fixed(minutes, f"{abbr} = {_fmt_offset(minutes)}")
        if abbr in names["ambiguous"]:
            raise ZoneProblem(
                f"ambiguous zone abbreviation '{abbr}' ({names['ambiguous'][abbr]}); "
                f"set --tz-alias {abbr}=Zone/Name",
                "ambiguous-zone",
            )
        if _ZONE_LIKE.fullmatch(abbr):
            raise ZoneProblem(f"unknown zone abbreviation '{abbr}'", "unknown-zone")
    raise NotAZone()
