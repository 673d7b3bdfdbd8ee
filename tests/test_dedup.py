"""The dedup pass: contract properties, the rules one by one, options, and the seed example."""

from __future__ import annotations

import pytest
from helpers import check_contract, run_pass
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleantext.model import Context
from cleantext.options import Options
from cleantext.passes import DEFAULT_ORDER, pass_class
from cleantext.textkey import is_all_caps, text_key

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

BODY = (
    "The committee met for the third time this month and agreed, after a long debate that went "
    "on well into the evening, to publish its report before the summer recess."
)
BODY2 = (
    "Several members asked for more time to read the annexes, which run to more than four "
    "hundred pages and include the full list of witnesses heard since January."
)


def removed(text: str, **kw) -> list[str]:
    return [e.before.strip() for e in check_contract("dedup", text, **kw).edits]


# --- registry -------------------------------------------------------------------------------


def test_registered_in_canonical_position():
    assert DEFAULT_ORDER.index("dedup") == DEFAULT_ORDER.index("whitespace") + 1
    cls = pass_class("dedup")
    assert cls.name == "dedup" and cls.summary
    p = cls.from_options(Options(dedup_top_lines=5, dedup_similarity=0.9))
    assert (p.top_lines, p.similarity) == (5, 0.9)


# --- the key --------------------------------------------------------------------------------


def test_text_key_unifies_variants():
    a = text_key("Lutte contre Daech : l’État «\u00a0seul\u00a0» – 2014…")
    b = text_key('LUTTE CONTRE DAECH: L\'ÉTAT "SEUL" - 2014...')
    assert a == b == "lutte contre daech l état seul 2014"
    assert text_key("") == "" and text_key(" \n\t ") == ""
    assert text_key("ﬁn ５") == "fin 5"
    assert is_all_caps("HELLO WORLD 2") and not is_all_caps("Hello") and not is_all_caps("123")


# The fast paths of text_key and of a paragraph's head must give exactly the reference key.
_TRICKY = st.text(
    alphabet=st.sampled_from(
        list("aZé ÉßÿªÆ1$.,'\"«»—–…\t\n\r\x0b\x1c\x1f\x00<=>")
        + ["\u00a0", "\u202f", "\u2019", "\u00ad", "\u200b", "\ufeff", "\u0301", "\u0338",
           "\ufb01", "\uff21", "\u2474", "\u2122", "\u00bd", "\u1100", "\u1161", "\ud800", "\u2028"]
    )
) | st.text()


@SETTINGS
@given(_TRICKY)
def test_text_key_fast_paths_equal_the_reference(text):
    from cleantext.dedup_units import _Unit
    from cleantext.textkey import _reference_key

    key = _reference_key(text)
    assert text_key(text) == key
    assert _Unit(0, len(text), 1, text).head == " ".join(key.split(" ")[:3])


# --- properties -----------------------------------------------------------------------------


@SETTINGS
@given(st.text())
def test_contract_on_arbitrary_text(text):
    check_contract("dedup", text)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("ab .…\n\n\"—-|\tAÉé1")), max_size=300))
def test_contract_on_structural_characters(text):
    check_contract("dedup", text, "fr")


LINES = [
    "Storm closes the coastal road for a second day",
    "STORM CLOSES THE COASTAL ROAD FOR A SECOND DAY",
    "Storm closes the coastal road for a second day.",
    "Updated 14:05",
    "By Sam Carter",
    "Monday, 3 March 2025",
    "— Oui.",
    '"Yes."',
    "- a list item that is long enough to count as a line",
    "| a | table | row |",
    BODY,
    BODY.upper(),
    BODY2,
    BODY[:90] + "...",
    BODY2[:70] + "…",
    "Sing it low and sing it slow",
    "Sing with me tonight, my friend,",
    "Reuters",
    "She said this:",
    BODY2[:60] + " [...]",
    "    Storm closes the coastal road for a second day",
    "",
]


@SETTINGS
@given(
    st.lists(st.sampled_from(LINES), max_size=14),
    st.sampled_from(["\n", "\n\n", "\n\n\n"]),
    st.integers(0, 14),
    st.sampled_from([None, 0.8]),
)
def test_contract_on_documents(lines, sep, top, sim):
    text = sep.join(lines)
    result = check_contract("dedup", text, dedup_top_lines=top, dedup_similarity=sim)
    # only whole lines go, never a piece of one, and no blank line is added
    out_lines = [x for x in result.text.split("\n") if x.strip()]
    it = iter(x for x in text.split("\n") if x.strip())
    assert all(any(x == y for y in it) for x in out_lines)
    if "\n\n\n" not in text:
        assert "\n\n\n" not in result.text
    assert result.text.startswith("\n") == text.startswith("\n") or not result.text.strip()


@SETTINGS
@given(st.lists(st.sampled_from(LINES[:6] + [BODY, BODY2, BODY[:90] + "..."]), min_size=1, max_size=10))
def test_same_removals_with_either_separator(lines):
    single = run_pass("dedup", "\n".join(lines))
    double = run_pass("dedup", "\n\n".join(lines))
    assert single.text.split("\n") == [x for x in double.text.split("\n") if x]
    assert [e.rule for e in single.edits] == [e.rule for e in double.edits]


@SETTINGS
@given(st.lists(st.sampled_from(["— Oui.", "— Non, je ne crois pas qu'il viendra ce soir...", '"Yes, I will."',
                                 "- buy bread and milk on the way home tonight", "* " + BODY, "1. " + BODY,
                                 "| " + BODY + " |", '"' + BODY + '"', "Yes.", "No!"]), max_size=12),
       st.sampled_from(["\n", "\n\n"]))
def test_dialogue_lists_tables_short_lines_never_removed(lines, sep):
    text = sep.join(lines + [BODY])
    assert not run_pass("dedup", text).edits


def test_stateless_between_documents():
    a = "Title of the first story is here\n\nTitle of the first story is here\n\n" + BODY
    b = "Another headline about the weather today\n\n" + BODY
    p = pass_class("dedup").from_options(Options())
    alone = p(b, Context())
    p(a, Context())
    assert p(b, Context()) == alone and not alone.edits


# --- the rules ------------------------------------------------------------------------------


def test_headline_reason_names_kept_line_and_removes_separator():
    text = f"Paris, 5 May 2025\n\nBridge reopens after two years of works\n\nBridge reopens after two years of works\n\n{BODY}\n"
    r = check_contract("dedup", text, "en")
    assert r.text == f"Paris, 5 May 2025\n\nBridge reopens after two years of works\n\n{BODY}\n"
    (e,) = r.edits
    assert (e.reason, e.rule) == ("repeated headline (kept line 3)", "repeated-headline")


def test_all_caps_copy_loses_wherever_it_is():
    text = f"BRIDGE REOPENS AFTER TWO YEARS OF WORKS\nBy Ana Ruiz\nBridge reopens after two years of works\n{BODY}"
    r = check_contract("dedup", text)
    assert r.text == f"By Ana Ruiz\nBridge reopens after two years of works\n{BODY}"
    assert r.edits[0].reason == "repeated headline (kept line 3)"


def test_headline_copies_separated_by_prose_are_kept():
    text = f"Bridge reopens after two years of works\n\n{BODY}\n\nBridge reopens after two years of works\n\n{BODY2}"
    assert not removed(text)


def test_headline_beyond_top_lines_is_kept():
    head = "Bridge reopens after two years of works"
    text = "\n".join(["Menu", "Home", "News", "Sport", head, "Updated 10:30", head, BODY])
    assert removed(text) == [head]
    assert removed(text, dedup_top_lines=6) == []
    assert removed(text, dedup_top_lines=7) == [head]
    assert removed(text, dedup_top_lines=0) == []


def test_similarity_is_opt_in():
    text = f"Bridge reopens after two years of works\nBridge reopened after two years of works\n{BODY}"
    assert removed(text) == []
    assert removed(text, dedup_similarity=0.9) == ["Bridge reopened after two years of works"]
    assert removed(text, dedup_similarity=1.0) == []


def test_teaser_reason_and_rule():
    teaser = BODY[:100].rsplit(" ", 1)[0] + "…"
    text = f"Headline of the day\n\n{teaser}\n\n{BODY2}\n\n{BODY}"
    r = check_contract("dedup", text)
    assert r.text == f"Headline of the day\n\n{BODY2}\n\n{BODY}"
    assert [(e.reason, e.rule) for e in r.edits] == [
        ("truncated teaser (full paragraph at line 7)", "truncated-teaser")
    ]


def test_teaser_without_full_paragraph_or_after_it_is_kept():
    teaser = BODY[:100] + "..."
    assert not removed(f"{teaser}\n\n{BODY2}")
    assert not removed(f"{BODY}\n\n{teaser}")  # the full paragraph comes first: not a teaser
    assert not removed(f"{teaser}\n\n{BODY[:120]}...")  # the only match is itself cut


def test_teaser_cut_mid_word_and_curly_apostrophes():
    full = "Le ministre de l'Intérieur a présenté mercredi un plan de lutte contre les cambriolages dans les zones rurales."
    teaser = "Le ministre de l’Intérieur a présenté mercredi un plan de lutte contre les cambrio..."
    assert removed(f"{teaser}\n{full}", lang="fr") == [teaser]


def test_repeated_paragraph_back_to_back_only():
    assert removed(f"{BODY}\n\n{BODY}\n\n{BODY2}") == [BODY]
    assert removed(f"{BODY}\n\n{BODY2}\n\n{BODY}") == []
    assert removed(f"{BODY.upper()}\n{BODY}") == [BODY.upper()]
    short = "It rained all day and nobody went out."
    assert removed(f"{short}\n\n{short}\n\n{BODY}") == []


def test_removal_of_last_block_keeps_final_newline():
    assert check_contract("dedup", f"Intro\n\n{BODY}\n\n{BODY}\n").text == f"Intro\n\n{BODY}\n"
    assert check_contract("dedup", f"Intro\n\n{BODY}\n\n{BODY}").text == f"Intro\n\n{BODY}"


def test_line_inside_a_block_keeps_the_block_boundary():
    teaser = BODY[:100] + "..."
    text = f"Monday, 3 March 2025\n{teaser}\n\n{BODY}\n"
    assert check_contract("dedup", text).text == f"Monday, 3 March 2025\n\n{BODY}\n"


def test_removal_that_brings_copies_together_is_finished_in_one_call():
    teaser = BODY2[:100] + "..."
    text = f"{BODY}\n\n{teaser}\n\n{BODY}\n\n{BODY2}"
    r = check_contract("dedup", text)
    assert r.text == f"{BODY}\n\n{BODY2}"
    assert {e.rule for e in r.edits} <= {"truncated-teaser", "repeated-block"}


@pytest.mark.parametrize("text", ["", "\n", "\n\n\n", "a", "...\n...", "\ud800\n\ud800", "x" * 100_000 + "\n"])
def test_total_on_edge_cases(text):
    check_contract("dedup", text)


# --- the seed -------------------------------------------------------------------------------


def test_seed_news_fr(shared_dir):
    text = (shared_dir / "seed" / "news-fr.txt").read_text(encoding="utf-8")
    r = check_contract("dedup", text, "fr")
    blocks = text.split("\n\n")
    assert blocks[1] == blocks[2] and blocks[3].endswith("...")
    assert r.text == "\n\n".join(blocks[:2] + blocks[4:])
    assert [(e.rule, e.reason) for e in r.edits] == [
        ("repeated-headline", "repeated headline (kept line 3)"),
        ("truncated-teaser", "truncated teaser (full paragraph at line 11)"),
    ]
    assert [e.before for e in r.edits] == [blocks[2] + "\n\n", blocks[3] + "\n\n"]
