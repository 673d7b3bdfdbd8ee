"""The whitespace pass: contract properties and targeted cases (CRLF cases live here because
golden files are read with universal newlines)."""

from __future__ import annotations

import pytest
from helpers import check_contract, run_pass
from hypothesis import given, settings
from hypothesis import strategies as st

WS = st.lists(
    st.sampled_from(
        list("ab é\t\n\r\u00a0\u202f\u200b\u200c\u200d\ufeff\u00ad\x00\x07\x0b\x0c\x1f\x7f\x85")
        + ["👨", "ی", "ก", "्", "`", "    ", "  "]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), WS))
def test_contract_on_arbitrary_text(text):
    check_contract("whitespace", text)


@settings(max_examples=200, deadline=None)
@given(WS)
def test_output_has_no_junk(text):
    out = run_pass("whitespace", text).text
    for bad in ("\ufeff", "\u00ad", "\x00", "\x07", "\x7f", "\n\n\n", " \n"):
        assert bad not in out
    assert not out.startswith("\n")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab,.é\u00a0\u202f")), max_size=40))
def test_text_without_whitespace_junk_is_untouched(text):
    assert run_pass("whitespace", text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a  \r\nb\r\n", "a\r\nb\r\n"),
        ("a\r\n\r\n\r\n\r\nb", "a\r\n\r\nb"),
        ("a\r\n\r\n\r\n", "a\r\n"),
        ("\r\n\r\nx", "x"),
        ("one\rtwo", "one\rtwo"),  # a lone CR is a line end: never deleted
        ("x\n\n", "x\n"),
        ("x  ", "x"),
        ("   ", ""),
        ("\n", ""),
        ("\u00a0\n", "\u00a0\n"),  # NBSP is text, not junk
    ],
)
def test_newline_styles_and_edges(text, expected):
    assert check_contract("whitespace", text).text == expected


def test_reasons_and_rules():
    r = check_contract("whitespace", "a  b\u200bc \nd\n\n\n\ne\x07")
    rules = [e.rule for e in r.edits]
    assert rules == ["inner-spaces", "zero-width", "trailing-space", "blank-lines", "control"]
    assert all(e.reason for e in r.edits)


def test_indentation_kept_and_preformatted_lines_untouched():
    text = "  indented  twice\n    code  aligned\n\tTab  line\n"
    assert check_contract("whitespace", text).text == "  indented twice\n    code  aligned\n\tTab  line\n"


def test_joiners():
    assert run_pass("whitespace", "a\u200d\u200db").text == "a\u200db"
    assert run_pass("whitespace", "end\u200d.").text == "end."
    assert run_pass("whitespace", "👩\u200d💻").text == "👩\u200d💻"


def test_big_input_is_fine():
    text = ("word  word \u200b\n" * 20000) + "\n\n\n\n"
    r = check_contract("whitespace", text)
    assert r.text == "word word\n" * 20000


def test_line_of_carriage_returns_is_blank_with_or_without_a_space():
    # main kept "\r\r" as a line with text unless a space made the line rules fire
    for lead in ("\r\r\n", " \r\r\n", "\r \r\n"):
        assert check_contract("whitespace", lead + "abc").text == "abc"
    assert check_contract("whitespace", "a\n\r\r\n\r\n\nb").text == "a\n\r\nb"


def test_a_page_break_starts_a_line_with_rules_of_its_own():
    # found by hypothesis: the indented first line made the second look indented too
    result = check_contract("whitespace", "    a\x0ba    b")
    assert result.text == "    a\na b"
