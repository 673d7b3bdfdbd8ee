"""Edits, options, the pipeline and the Python API."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleantext
from cleantext.edits import apply_edits, chain, compose, protected_spans, sub_with_edits
from cleantext.model import Edit
from cleantext.options import Options, OptionsError
from cleantext.passes import DEFAULT_ORDER, UnknownPassError
from cleantext.pipeline import Pipeline, enabled_names


def test_apply_edits_replays_and_checks():
    text = "abc def"
    edits = [Edit(0, 1, "a", "A", "up"), Edit(4, 7, "def", "", "drop")]
    assert apply_edits(text, edits) == "Abc "
    with pytest.raises(ValueError):
        apply_edits(text, [Edit(0, 1, "x", "y", "wrong")])


def test_sub_with_edits_records_every_change_and_skips_protected():
    text = "see https://ex.org/a--b and a--b"
    r = sub_with_edits(r"--", "–", text, reason="dash", protected=protected_spans(text))
    assert r.text == "see https://ex.org/a--b and a–b"
    assert [(e.before, e.after) for e in r.edits] == [("--", "–")]


def test_chain_composes_faithfully():
    text = "aa bb"
    r = chain(
        text,
        lambda t: sub_with_edits("a", "x", t, reason="a->x"),
        lambda t: sub_with_edits("x ", "y_", t, reason="x ->y_"),
    )
    assert r.text == "xy_bb"
    assert apply_edits(text, r.edits) == r.text


edit_lists = st.lists(st.tuples(st.integers(0, 12), st.integers(0, 3), st.text("xyz", max_size=3)), max_size=4)


def _edits(text, spec):
    out, pos = [], 0
    for start, length, after in sorted(spec):
        s = max(start, pos)
        if s > len(text):
            break
        e = min(len(text), s + length)
        if text[s:e] != after:
            out.append(Edit(s, e, text[s:e], after, "r"))
        pos = e + 1 if e == s else e
    return out


@settings(max_examples=300, deadline=None)
@given(st.text("abc ", max_size=12), edit_lists, edit_lists)
def test_compose_property(a, spec1, spec2):
    first = _edits(a, spec1)
    b = apply_edits(a, first)
    second = _edits(b, spec2)
    c = apply_edits(b, second)
    assert apply_edits(a, compose(a, first, b, second)) == c


def test_protected_spans_examples():
    text = "Mail ann@example.org, see www.example.com/x, @desk #Vote2024 os.path and snake_case."
    found = [text[s:e] for s, e in protected_spans(text)]
    assert "ann@example.org" in found and "www.example.com/x" in found
    assert "@desk" in found and "#Vote2024" in found and "os.path" in found and "snake_case" in found
    assert protected_spans("Plain words only.").starts == []


def test_enabled_names_only_enable_disable():
    assert enabled_names(Options()) == DEFAULT_ORDER
    assert enabled_names(Options(only=("whitespace",))) == ("whitespace",)
    assert "whitespace" not in enabled_names(Options(disable=("whitespace",)))
    assert "whitespace" in enabled_names(Options(disable=("whitespace",), enable=("whitespace",)))
    with pytest.raises(UnknownPassError, match="known passes"):
        enabled_names(Options(only=("spelling",)))


def test_options_refuse_unknown_names_and_values():
    with pytest.raises(OptionsError, match="known options"):
        Options.from_mapping({"colour": True})
    with pytest.raises(OptionsError):
        Options(style="fancy")
    assert Options.from_mapping({"tz-alias": {"ist": "Asia/Kolkata"}}).tz_aliases == {"IST": "Asia/Kolkata"}


def test_api_clean_and_explain():
    assert cleantext.clean("a  \n", only=["whitespace"]) == "a\n"
    c = cleantext.clean_and_explain("a  \n", only=["whitespace"])
    assert c.changed and c.steps[0].pass_name == "whitespace"
    assert c.counts() == {"whitespace": 1}
    with pytest.raises(OptionsError):
        cleantext.clean("x", stile="plain")


def test_pipeline_records_steps_against_their_input():
    c = Pipeline(Options(only=("whitespace",))).run("x \ny\n")
    for step in c.steps:
        assert step.source == c.original
        assert apply_edits(step.source, step.edits)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_pipeline_properties_on_arbitrary_text(text):
    c = cleantext.clean_and_explain(text)
    current = text
    for step in c.steps:
        assert step.source == current
        current = apply_edits(current, step.edits)
    assert current == c.text
    assert cleantext.clean(c.text) == c.text, "the pipeline is not idempotent"


def test_reasons_name_lines_of_the_document_as_it_was_read():
    """dedup runs after whitespace removed blank lines; its reason still names the line
    where the kept copy is in the input."""
    text = "\n\n\nThe strike goes on at every airport\n\n\n\nThe strike goes on at every airport\n\n" \
           "Unions said on Thursday that the walkout would last until Monday at the earliest.\n"
    c = cleantext.clean_and_explain(text, only=["whitespace", "dedup"])
    (dedup,) = [e for s in c.steps if s.pass_name == "dedup" for e in s.edits]
    assert dedup.reason == "repeated headline (kept line 4)"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab\n", max_size=30), st.data())
def test_original_lines_trace_offsets_back_through_edits(text, data):
    from cleantext.model import Edit, Step
    from cleantext.pipeline import OriginalLines

    # random non-overlapping edits, then the offset of each untouched character before/after
    cuts = sorted(data.draw(st.sets(st.integers(0, len(text)), max_size=6)))
    edits, kept_before = [], []
    for lo, hi in zip(cuts[::2], cuts[1::2]):
        edits.append(Edit(lo, hi, text[lo:hi], data.draw(st.sampled_from(["", "x", "\n", "yy\n"])), "r"))
    out, pos = [], 0
    for e in edits:
        kept_before.extend(range(pos, e.start))
        out.append(text[pos:e.start] + e.after)
        pos = e.end
    kept_before.extend(range(pos, len(text)))
    after = "".join(out) + text[pos:]
    lines = OriginalLines(text, [Step("p", text, tuple(edits))])
    # the untouched characters, in order, at their offsets in the text after the edits
    positions, pos, k = [], 0, 0
    for e in edits:
        positions.extend(range(pos + k, pos + k + (e.start - pos)))
        k += len(e.after) - (e.end - e.start)
        pos = e.end
    positions.extend(range(pos + k, pos + k + (len(text) - pos)))
    for out_pos, in_pos in zip(positions, kept_before):
        assert after[out_pos] == text[in_pos]
        assert lines(out_pos) == text.count("\n", 0, in_pos) + 1
