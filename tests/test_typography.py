"""The typography pass: contract properties, targeted behaviour, and the seed round trip."""

from __future__ import annotations

import regex
import pytest
from helpers import check_contract, run_pass
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cleantext.edits import apply_edits
from cleantext.model import Context
from cleantext.passes.typography import RULES, Typography

NBSP, NNBSP = "\u00a0", "\u202f"
LANGS = [None, "en", "fr", "fr-CA", "de", "de-CH", "ru", "pl", "sv", "es", "xx"]
STYLES = ["typographic", "plain"]

# Text built mostly from the characters the pass cares about, so that the properties
# exercise quotes, dashes and spacing rather than plain letters.
_ALPHABET = st.sampled_from(
    list("ab Éé1 9'\"-.:;!?()«»“”‘’„‚…\n") + [NBSP, NNBSP, "--", "...", "http://x.io/a'b", " - "]
)
punct_text = st.lists(_ALPHABET, max_size=60).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=punct_text, lang=st.sampled_from(LANGS), style=st.sampled_from(STYLES))
def test_contract_on_punctuation_soup(text, lang, style):
    check_contract("typography", text, lang, style=style)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=80), lang=st.sampled_from(LANGS), style=st.sampled_from(STYLES))
def test_contract_on_any_text(text, lang, style):
    check_contract("typography", text, lang, style=style)


@settings(max_examples=100, deadline=None)
@given(text=punct_text, lang=st.sampled_from(["en", "fr", "de"]))
def test_plain_output_has_no_curly_quotes_or_ellipsis_left_from_pairs(text, lang):
    # protected spans (code such as ``f(“)``, URLs) are left as they are, on purpose
    from cleantext.edits import protected_spans

    assume(not protected_spans(text))
    out = run_pass("typography", text, lang, style="plain").text
    assert not set("’‘“”„…") & set(out)


@settings(max_examples=100, deadline=None)
@given(text=punct_text)
def test_words_and_digits_never_change(text):
    """Whatever the rules do, the letters and digits of the text stay in place."""
    for lang in ("en", "fr"):
        for style in STYLES:
            out = run_pass("typography", text, lang, style=style).text
            assert regex.findall(r"[\p{L}\p{N}]", out) == regex.findall(r"[\p{L}\p{N}]", text)


def test_control_characters_surrogates_and_huge_lines():
    for text in ["\x00'\x1b\"", "\ud800'a'\udfff", "a'" * 50_000, "\"x\" " * 20_000, "-" * 10_000]:
        check_contract("typography", text, "fr")
        check_contract("typography", text, "en", style="plain")


def test_default_order_and_registry():
    from cleantext.passes import DEFAULT_ORDER, pass_class

    assert DEFAULT_ORDER[-1] == "typography"
    cls = pass_class("typography")
    assert cls.name == "typography" and cls.summary


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("l'État", None, "l’État"),
        ('"a"', None, '"a"'),  # no language: quotes are language-specific
        ("Note: x", None, "Note: x"),  # no French spacing without French
        ('"a"', "fr", f"«{NBSP}a{NBSP}»"),
        ('"a"', "de", "„a“"),
        ('"a"', "en", "“a”"),
        ('"a"', "ru", "«a»"),
        ('"a"', "ja", "「a」"),
    ],
)
def test_language_switch(text, lang, expected):
    assert run_pass("typography", text, lang).text == expected


def test_edits_carry_reasons_and_rules():
    r = run_pass("typography", "Bilan: l'EI \"vaincu\"...", "fr")
    rules = {e.rule for e in r.edits}
    assert {"apostrophe", "quotes", "ellipsis", "punct-spacing"} <= rules
    assert all(e.reason for e in r.edits)


def test_rules_field_restricts_what_runs():
    p = Typography(rules=frozenset({"ellipsis"}))
    assert p("don't ... \"x\"", Context("en")).text == "don't … \"x\""
    assert set(RULES) >= {"apostrophe", "quotes", "dashes", "punct-spacing"}


def test_protected_spans_untouched():
    text = "See `a -- b...` and https://ex.org/x?y=1:2 and mail a.b@ex.org!"
    out = run_pass("typography", text, "fr").text
    assert "`a -- b...`" in out and "https://ex.org/x?y=1:2" in out


def test_typographic_then_plain_then_typographic_is_stable():
    text = "L'avion \"arrive\" demain: vraiment ? Oui..."
    t1 = run_pass("typography", text, "fr").text
    p = run_pass("typography", t1, "fr", style="plain").text
    t2 = run_pass("typography", p, "fr").text
    assert t2 == t1


def test_unstable_paragraph_is_left_alone_with_a_note(monkeypatch):
    from cleantext import typo_rules

    calls = {"n": 0}

    def flaky(text, loc, protected):
        calls["n"] += 1
        from cleantext.model import Edit

        return [Edit(0, 0, "", "x", "test", "flaky")]

    monkeypatch.setattr(typo_rules, "ellipsis", flaky)
    r = Typography()("para...", Context("en"))
    assert r.text == "para..." and not r.edits and r.notes


# --- the seed -----------------------------------------------------------------------------


def _read(path) -> str:
    return path.read_text(encoding="utf-8")


def test_seed_plain_to_typographic(shared_dir):
    seed = shared_dir / "seed"
    plain = _read(seed / "news-fr.expected-plain.txt")
    r = check_contract("typography", plain, "fr")
    assert r.text.rstrip("\n") == _read(seed / "news-fr.expected.txt").rstrip("\n")


def test_seed_typographic_to_plain(shared_dir):
    seed = shared_dir / "seed"
    typo = _read(seed / "news-fr.expected.txt")
    r = check_contract("typography", typo, "fr", style="plain")
    assert r.text.rstrip("\n") == _read(seed / "news-fr.expected-plain.txt").rstrip("\n")


def test_seed_raw_keeps_words_digits_and_dateline(shared_dir):
    raw = _read(shared_dir / "seed" / "news-fr.txt")
    r = check_contract("typography", raw, "fr")
    words = r"[\p{L}\p{N}]+"
    assert regex.findall(words, r.text) == regex.findall(words, raw)
    assert r.text.splitlines()[0] == raw.splitlines()[0] == "24-11-2024 06:56 AM Jerusalem Timing"
    assert "Poutine-Lavrov-Kerry" in r.text and "el-Assad" in r.text and "laRussie" in r.text
    assert apply_edits(raw, r.edits) == r.text
    # every change is one of the typographic rules, never a word
    assert {e.rule for e in r.edits} <= {"apostrophe", "quotes", "ellipsis", "punct-spacing"}


def test_seed_pipeline_when_all_passes_exist(shared_dir):
    from cleantext.passes import DEFAULT_ORDER

    needed = {"dedup", "glued-words", "timestamps", "typography"}
    if not needed <= set(DEFAULT_ORDER):
        pytest.skip("the whole pipeline is not merged yet")
    import cleantext

    seed = shared_dir / "seed"
    raw = _read(seed / "news-fr.txt")
    for style, name in (("typographic", "news-fr.expected.txt"), ("plain", "news-fr.expected-plain.txt")):
        out = cleantext.clean(raw, lang="fr", style=style)
        assert out.rstrip("\n") == _read(seed / name).rstrip("\n")
