"""Generate cleantext/data/date_names.json and cleantext/data/zone_cities.json.

Development-time only (needs ``pip install babel``); the package reads the committed JSON and
never imports babel. Run from the repository root:

    python tools/gen_date_data.py

date_names.json: {lang: {"months": {name: 1..12}, "weekdays": {name: 0..6}}}, all names
lowercased, full and abbreviated forms, format and stand-alone (so Russian genitive
``ноября`` and nominative ``ноябрь`` are both there), abbreviations with their dot stripped.

zone_cities.json: {city name lowercased: IANA zone}, from the last component of every zone
in the tz database plus the localized exemplar cities of the same languages, keeping only
names that point to one zone.
"""

from __future__ import annotations

import json
import zoneinfo
from pathlib import Path

from babel import Locale

LANGS = ("en", "fr", "de", "es", "it", "pt", "nl", "ru")
OUT = Path(__file__).resolve().parent.parent / "cleantext" / "data"


def _names(table) -> dict[str, int]:
    out: dict[str, int] = {}
    for ctx in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for k, v in table[ctx][width].items():
                name = v.lower().rstrip(".")
                if len(name) >= 3:
                    out.setdefault(name, k)
    return out


def date_names() -> dict:
    data = {}
    for lang in LANGS:
        loc = Locale.parse(lang)
        months = _names(loc.months)
        weekdays = _names(loc.days)
        data[lang] = {"months": dict(sorted(months.items())), "weekdays": dict(sorted(weekdays.items()))}
    # Common spellings CLDR does not list as such.
    extra = {
        "en": {"sept": 9},
        "fr": {"fév": 2, "fevrier": 2, "aout": 8, "decembre": 12, "sept": 9},
        "de": {"sept": 9, "märz": 3, "maerz": 3},
        "es": {"setiembre": 9, "sept": 9},
        "ru": {"сент": 9},
    }
    for lang, names in extra.items():
        data[lang]["months"].update(names)
    return data


def zone_cities() -> dict[str, str]:
    seen: dict[str, set[str]] = {}

    def add(name: str, zone: str) -> None:
        name = name.strip().lower()
        if len(name) >= 3:
            seen.setdefault(name, set()).add(zone)

    zones = sorted(z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/", "US/")))
    for z in zones:
        add(z.rsplit("/", 1)[1].replace("_", " "), z)
    for lang in LANGS:
        tzs = Locale.parse(lang).time_zones
        for z in zones:
            info = tzs.get(z)
            if info and info.get("city"):
                add(info["city"], z)
    return {k: next(iter(v)) for k, v in sorted(seen.items()) if len(v) == 1}


def main() -> None:
    (OUT / "date_names.json").write_text(
        json.dumps(date_names(), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    (OUT / "zone_cities.json").write_text(
        json.dumps(zone_cities(), ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
