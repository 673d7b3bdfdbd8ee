"""The timestamps pass: contract properties, the seed dateline, notes, options and zone tables."""

from __future__ import annotations

import json
import zoneinfo

import pytest
from helpers import check_contract, run_pass
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.dates import tables
from cleantext.model import Context
from cleantext.options import Options, OptionsError
from cleantext.passes import DEFAULT_ORDER, pass_class

NAME = "timestamps"

# ---------------------------------------------------------------- properties

_pieces = st.sampled_from(
    [
        "24-11-2024", "06:56", " AM", " PM", "Jerusalem Timing", " EST", " GMT+3", "UTC−03:00", " IST",
        "Nov 24, 2024", "24 novembre 2024", "24. November 2024", " um ", " à ", "14h30", "14.20 Uhr",
        "24 ноября 2024 г.", " в ", "по московскому времени", "03/04/2024", "31.02.2024", "2024-11-24",
        "T06:56:00+02:00", "Friday, ", "1.2.3", "3-2", "16:9", "10,99 €", "192.168.1.1", " ", "\n", ",",
        "https://x.org/2024/11/24", "(", ")", "Z", "12", "2024", ":", ".", "-", "/", "de ", "mars ",
    ]
)
_docs = st.lists(_pieces, max_size=14).map("".join)
_langs = st.sampled_from([None, "en", "fr", "de", "es", "ru", "pl"])


@settings(max_examples=200, deadline=None)
@given(_docs, _langs)
def test_contract_on_date_soup(text, lang):
    check_contract(NAME, text, lang)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), _langs)
def test_contract_on_any_text(text, lang):
    check_contract(NAME, text, lang)


@settings(max_examples=100, deadline=None)
@given(_docs, st.sampled_from(["iso-utc", "date", "local", "%d/%m/%Y %H:%M", "%Y%m%d"]))
def test_contract_with_other_formats(text, fmt):
    check_contract(NAME, text, "en", ts_format=fmt, date_order="DMY", default_tz="Europe/Paris")


def test_total_on_odd_input():
    for text in ["", "\ud800 24-11-2024 06:56 \udfff", "\x00\x1b[0m 2024", "9" * 100_000, "Nov 24, " * 5000]:
        check_contract(NAME, text, "en")


# ---------------------------------------------------------------- the seed


def test_seed_dateline_only(shared_dir):
    text = (shared_dir / "seed" / "news-fr.txt").read_text(encoding="utf-8")
    result = check_contract(NAME, text, "fr")
    assert len(result.edits) == 1
    edit = result.edits[0]
    assert edit.before == "24-11-2024 06:56 AM Jerusalem Timing"
    assert edit.after == "2024-11-24T06:56:00+02:00"
    assert "Asia/Jerusalem" in edit.reason
    assert result.text == text.replace(edit.before, edit.after, 1)
    noted = {n.text: n.rule for n in result.notes}
    assert noted.get("15 décembre") == "no-year"
    assert not any("2014" in n.text for n in result.notes)  # a month and a year: not a date


# ---------------------------------------------------------------- notes


@pytest.mark.parametrize(
    ("text", "lang", "rule"),
    [
        ("Shipped 03/04/2024.", "en", "ambiguous-day-month"),
        ("See you on 12/11/24.", "en", "two-digit-year"),
        ("06:56 IST, Nov 24 2024", "en", "ambiguous-zone"),
        ("Sent 6 Jun 2023 10:00 CST", "en", "ambiguous-zone"),
        ("March 10, 2024, 2:30 a.m. Central Time", "en", "dst-gap"),
        ("Posted 5 Nov 2023, 01:30 Eastern Time", "en", "dst-fold"),
        ("le 30 février 2023", "fr", "invalid-date"),
        ("Le 15 décembre, lors", "fr", "no-year"),
        ("Doors open at 7 pm sharp.", "en", "no-date"),
        ("Tuesday, January 4, 2019", "en", "weekday-mismatch"),
        ("Meeting 24 Nov 2024 10:00 Narnia Time", "en", "unknown-zone"),
        ("from 24 to 25 November 2024", "en", "date-range"),
    ],
)
def test_left_unchanged_with_a_note(text, lang, rule):
    result = check_contract(NAME, text, lang)
    assert result.text == text and not result.edits
    assert [n.rule for n in result.notes] == [rule]
    note = result.notes[0]
    assert text[note.start : note.end] == note.text and note.reason


def test_ambiguous_note_names_the_option():
    note = run_pass(NAME, "03/04/2024", "en").notes[0]
    assert "--date-order" in note.reason
    note = run_pass(NAME, "06:56 IST, Nov 24 2024", "en").notes[0]
    assert "--tz-alias IST=" in note.reason


# ---------------------------------------------------------------- zones and options


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("24 Nov 2024 06:56 GMT+3", "2024-11-24T06:56:00+03:00"),  # never Etc/GMT+3 (-03:00)
        ("24 Nov 2024 06:56 GMT-3", "2024-11-24T06:56:00-03:00"),
        ("24 Nov 2024 06:56 UTC−03:00", "2024-11-24T06:56:00-03:00"),
        ("24 Nov 2024 06:56 UTC+05:45", "2024-11-24T06:56:00+05:45"),
        ("24 Jul 2024 06:56 Jerusalem time", "2024-07-24T06:56:00+03:00"),  # DST-aware
        ("24 Jan 2024 06:56 Jerusalem time", "2024-01-24T06:56:00+02:00"),
        ("24 Jul 2024 06:56 ET", "2024-07-24T06:56:00-04:00"),
        ("24 Jan 2024 06:56 ET", "2024-01-24T06:56:00-05:00"),
    ],
)
def test_zone_offsets(text, after):
    assert run_pass(NAME, text, "en").text == after


def test_tz_alias_and_default_tz():
    assert run_pass(NAME, "Nov 24, 2024 06:56 CST", "en", tz_alias={"CST": "Asia/Shanghai"}).text == (
        "2024-11-24T06:56:00+08:00"
    )
    r = run_pass(NAME, "24.11.2024 06:56", "de", default_tz="Europe/Berlin")
    assert r.text == "2024-11-24T06:56:00+01:00" and "assumed Europe/Berlin" in r.edits[0].reason
    # a date alone gets no zone, even with default_tz
    assert run_pass(NAME, "24.11.2024", "de", default_tz="Europe/Berlin").text == "2024-11-24"


def test_bad_zone_options_are_refused():
    with pytest.raises(OptionsError):
        pass_class(NAME).from_options(Options.from_mapping({"tz_alias": {"IST": "Nowhere/Land"}}))
    with pytest.raises(OptionsError):
        pass_class(NAME).from_options(Options.from_mapping({"default_tz": "Mars/Olympus"}))


def test_reason_names_the_zone():
    edit = run_pass(NAME, "Nov 24, 2024 06:56 EST", "en").edits[0]
    assert edit.reason == "timestamp 'Nov 24, 2024 06:56 EST' → ISO 8601 (EST = UTC−05:00)"
    assert edit.rule == "timestamp"


def test_weekday_and_label_stay_outside_the_span():
    r = run_pass(NAME, "Updated: Friday, January 4, 2019 10:00 UTC", "en")
    assert r.text == "Updated: Friday, 2019-01-04T10:00:00+00:00"
    assert r.edits[0].before == "January 4, 2019 10:00 UTC"


def test_english_month_names_need_a_capital():
    assert run_pass(NAME, "you may 5 2024", "en").text == "you may 5 2024"
    assert run_pass(NAME, "May 5 2024", "en").text == "2024-05-05"


def test_months_of_another_language_are_not_read():
    # 'mars' is French; in a German document it is not a month name
    assert run_pass(NAME, "am 3 mars 2024", "de").text == "am 3 mars 2024"
    assert run_pass(NAME, "le 3 mars 2024", "fr").text == "le 2024-03-03"


def test_unknown_language_still_reads_numeric_dates():
    assert run_pass(NAME, "24.11.2024 06:56 UTC", None).text == "2024-11-24T06:56:00+00:00"


def test_pass_is_registered():
    assert NAME in DEFAULT_ORDER
    p = pass_class(NAME).from_options(Options())
    assert p(" ", Context()).text == " "
    assert p.summary and p.name == NAME


# ---------------------------------------------------------------- data tables


def test_date_names_cover_the_languages():
    names = tables.names()
    for lang in ("en", "fr", "de", "es", "it", "pt", "nl", "ru"):
        months = names[lang]["months"]
        assert set(months.values()) == set(range(1, 13)), lang
        assert set(names[lang]["weekdays"].values()) == set(range(7)), lang
    assert names["ru"]["months"]["ноября"] == 11


def test_zone_tables_point_to_real_zones():
    zones = tables.zone_names()
    every = set(tables.cities().values()) | set(zones["generic"].values()) | set(zones["city_adjectives"].values())
    every |= {ref for _, ref in zones["fixed"].values() if ref}
    for name in every:
        if name != "Etc/UTC":
            zoneinfo.ZoneInfo(name)
        assert not name.startswith("Etc/GMT"), name  # inverted signs
    assert tables.cities()["jerusalem"] == "Asia/Jerusalem"
    assert tables.cities()["moscou"] == "Europe/Moscow"
    assert not set(zones["fixed"]) & set(zones["ambiguous"])
    json.dumps(zones)  # plain data


_PIECES = st.sampled_from(
    ["24", "6", "2024", "11", "123", "12345", "-", ".", "/", ":", " ", ", ", "h", "H", "pm", "a.m.",
     "Nov", "November", "novembre", "ноября", "de", "of", "th", "er", "ᵉʳ", "º", "°", "T", "Z",
     "GMT", "+3", "EST", "Uhr", "at", "à", "Friday", "le", "(", ")", "%", "x", "٢٤", "\n"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_scan_gives_the_matches_of_finditer(text):
    from cleantext.dates import grammar

    expected = [m.span() for m in grammar.TIMESTAMP.finditer(text)]
    assert [m.span() for m in grammar.scan(text)] == expected
