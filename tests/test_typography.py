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
    result = run_pass("typography", text, lang, style="plain")
    # a paragraph whose result would not be stable is left alone on purpose, with a Note
    assume(not any(n.rule == "unstable" for n in result.notes))
    assert not set("’‘“”„…") & set(result.text)


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


# --- the fast path is the paragraph-by-paragraph algorithm ----------------------------------
#
# The pass runs every rule once over the whole text and checks stability once, only where a
# change is possible (see Typography.__call__ and _unstable). These tests hold it to the
# plain algorithm: each paragraph through the rules with ``chain``, a second run to check,
# a second round or a Note when unstable (Typography._paragraph).

from cleantext.edits import compose, protected_spans  # noqa: E402
from cleantext.model import Edit  # noqa: E402
from cleantext import typo_edits, typo_quotes, typo_rules, typo_spacing  # noqa: E402

_SOUP = st.lists(
    st.sampled_from(
        list("ab Éé1 9'\"-.:;!?()«»“”‘’„‚‹›…´\n\t_/@#`") + [
            NBSP, NNBSP, "\u2009", "--", "---", "...", "http://x.io/a'b", " - ", "l'", "don't", "'80s",
            "1960's", "'tis ", "10:30", "Yahoo!", "::", "\n\n", "\n \n", "2014-2015", "f(x)", "a_b",
            "www.x.fr", "中", "\u088f", "x.py", "os.path", "\x1c", f"«{NBSP}", f"{NBSP}»", " ?", " :",
            ":)", ": )", "<!--", "6' 2\"", "21\"\"", "' ", " '", " \"", "\" ",
        ]
    ),
    max_size=50,
).map("".join)
_SPACE_OPTIONS = st.sampled_from(["nbsp", "nnbsp", "none"])


def _by_paragraph(p: Typography, text: str, lang):
    loc = p.locale(lang)
    edits, notes = [], []
    for s, e in typo_edits.paragraphs(text):
        par_edits, note = p._paragraph(text[s:e], loc)
        if note is not None:
            notes.append((s, e, note.text, note.reason, note.rule))
        edits += [(x.start + s, x.end + s, x.before, x.after, x.reason, x.rule) for x in par_edits]
    return apply_edits(text, [Edit(*x) for x in edits]), edits, notes


@settings(max_examples=300, deadline=None)
@given(text=_SOUP, lang=st.sampled_from(LANGS + ["it", "nl", "ja", "hu", "pt-BR"]),
       style=st.sampled_from(STYLES), colon=_SPACE_OPTIONS, punct=_SPACE_OPTIONS, quote=_SPACE_OPTIONS,
       rules=st.one_of(st.none(), st.frozensets(st.sampled_from(RULES))))
def test_whole_text_run_equals_paragraph_by_paragraph(text, lang, style, colon, punct, quote, rules):
    p = Typography(style, colon, punct, quote) if rules is None else Typography(style, colon, punct, quote, rules)
    r = p(text, Context(lang))
    got = (r.text, [(e.start, e.end, e.before, e.after, e.reason, e.rule) for e in r.edits],
           [(n.start, n.end, n.text, n.reason, n.rule) for n in r.notes])
    assert got == _by_paragraph(p, text, lang)


def test_touching_edits_fuse_only_in_a_paragraph_that_had_edits():
    # chain composes (and fuses touching edits) only after an earlier rule changed the
    # paragraph: '……' stays two edits here, although another paragraph has quote edits.
    text = "“a”\n\nb……"
    r = Typography(style="plain")(text, Context("fr"))
    assert [(e.start, e.after) for e in r.edits if e.rule == "ellipsis"] == [(6, "..."), (7, "...")]
    edits = [(e.start, e.end, e.before, e.after, e.reason, e.rule) for e in r.edits]
    assert (r.text, edits) == _by_paragraph(Typography(style="plain"), text, "fr")[:2]


@settings(max_examples=200, deadline=None)
@given(text=_SOUP)
def test_paragraph_spans_are_those_of_the_old_pattern(text):
    old = regex.compile(r"(?:[^\n]++|\n(?![ \t]*\n))+")
    assert typo_edits.paragraphs(text) == [m.span() for m in old.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(text=_SOUP)
def test_protected_spans_found_line_by_line_are_the_same(text):
    assert list(typo_edits.doc_spans(text)) == list(protected_spans(text))


@pytest.mark.parametrize("text", [
    "see notes.TXT now", "the U.S. army", "end.’\n‘next", "a.ǅb", "x._y", "v.2 and v.x2", "a.ºb",
    "go to WWW.ex.org", "mr.É", "file.md\nline two", "a.b.c(d)", "plain. Sentence.",
])
def test_protected_spans_found_from_dot_hints_are_the_same(text):
    assert list(typo_edits.doc_spans(text)) == list(protected_spans(text))


_DASH_SOUP = st.lists(
    st.sampled_from(list("12 0-–.,:'’a/+é<!>\n") + [NBSP, "2014", "20", "1999", "x1", "٣", "²", "𝟗", "--", "..."]),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=_DASH_SOUP)
def test_rewritten_dash_and_dot_patterns_match_the_old_ones(text):
    old = regex.compile(r"(?<![\p{L}\p{N}\-+/.,:–—'’])(\d{1,4})(-)(\d{1,4})(?![\p{L}\p{N}\-/'’]|[.,:]\d)")
    assert [(m.start(2), m.group(1), m.group(3)) for m in old.finditer(text)] == [
        (m.start(), m.group(1), m.group(2))
        for m in typo_edits.matches_at(typo_rules._RANGE_HINT, typo_rules._RANGE, text)
    ]
    spaced = [m.span() for m in typo_rules._SPACED.finditer(text)]
    assert spaced == [m.span() for m in typo_edits.matches_at(typo_rules._SPACED_HINT, typo_rules._SPACED, text)]
    for old, new in ((r"(?<!-)-{2,3}(?!-)", typo_rules._MULTI), (r"(?<!\.)\.{3,}", typo_rules._DOTS)):
        assert [m.span() for m in regex.finditer(old, text)] == [m.span() for m in new.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from(list("«» ab\n\t") + [NBSP, NNBSP, "\u2009", "\x1c"]), max_size=30).map("".join))
def test_guillemet_matches_are_those_of_the_pattern(text):
    expected = [(m.start(), m.end(), m.span("a"), m.span("b")) for m in typo_spacing._GUILLEMETS.finditer(text)]
    assert list(typo_spacing._guillemet_matches(text)) == expected


def test_regex_space_is_isspace_minus_the_separators():
    # _guillemet_matches tests str.isspace() where the pattern it replaces used regex's \s
    ws = regex.compile(r"\s")
    for cp in list(range(0x3100)) + [0x1680, 0x202F, 0x205F, 0x3000, 0xFEFF]:
        c = chr(cp)
        assert bool(ws.match(c)) == (c.isspace() and c not in typo_spacing._NOT_REGEX_SPACE), hex(cp)


def test_letter_class_is_str_isalpha():
    cls = regex.compile(typo_quotes._LETTER)
    assert all(bool(cls.fullmatch(chr(cp))) == chr(cp).isalpha() for cp in range(0x2000))
    assert not cls.match("中")  # above the table: left to the exact test in scan


def test_fast_edit_constructor_builds_equal_edits():
    a = typo_edits.make_edit(1, 2, "'", "’", "why", "apostrophe")
    assert a == Edit(1, 2, "'", "’", "why", "apostrophe") and type(a) is Edit
    assert hash(a) == hash(Edit(1, 2, "'", "’", "why", "apostrophe"))


@st.composite
def _two_rounds(draw):
    """A text, edits on it, and edits on the result (sorted, apart, possibly touching)."""
    def edits_on(text):
        out, pos = [], 0
        while pos <= len(text) and draw(st.booleans()):
            start = draw(st.integers(pos, min(len(text), pos + 3)))
            end = draw(st.integers(start, min(len(text), start + 2)))
            after = draw(st.sampled_from(["", "x", "yz", text[start:end] or "w"]))
            out.append(Edit(start, end, text[start:end], after, f"r{len(out)}", "t"))
            pos = end if end > start else end + 1
        return out
    a = draw(st.text("abcd", max_size=12))
    first = edits_on(a)
    b = apply_edits(a, first)
    return a, first, b, edits_on(b)


@settings(max_examples=300, deadline=None)
@given(case=_two_rounds())
def test_composition_by_groups_equals_compose(case):
    a, first, b, second = case
    first = [e for e in first if e.before != e.after]
    b = apply_edits(a, first)
    second = [e for e in second if e.start <= len(b) and b[e.start:e.end] == e.before]
    shifted = any(len(e.after) != e.end - e.start for e in first)
    if not first:
        return
    got = typo_edits.compose_groups(a, first, b, second, lambda *args: True, shifted)
    assert got == compose(a, first, b, second)


def test_a_rule_that_moves_newlines_sends_the_text_the_slow_way(monkeypatch):
    from cleantext.edits import sub_with_edits

    def breaking(text, loc, protected):  # no real rule touches a newline
        return list(sub_with_edits(regex.compile(r"\.\.\."), "\n", text, reason="test", rule="t").edits)

    monkeypatch.setattr(typo_rules, "ellipsis", breaking)
    p, text = Typography(), "a... \"b\"\n\nc... d"
    r = p(text, Context("en"))
    assert (r.text, [(e.start, e.end, e.before, e.after, e.reason, e.rule) for e in r.edits]) == _by_paragraph(p, text, "en")[:2]
