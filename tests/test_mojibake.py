"""The mojibake pass: ftfy agreement, the exactness of the shortcut, and the pass contract."""

from __future__ import annotations

import json

import ftfy
import pytest
from cleantext.passes.mojibake import _INVISIBLE_JUNK
from helpers import check_contract, run_pass
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cleantext.mojibake_gate import (
    BADNESS_WIDTH,
    FIXED_TRIGGERS,
    GATE_CHARS,
    GATE_RE,
    bad_near_gate,
    badness_anchors,
    may_be_changed,
    uncovered_branches,
)
from cleantext.mojibake_pairs import PICKS_FOR, build, fingerprint, may_change_anywhere, sieve
from cleantext.passes.mojibake import ftfy_config, segments


def _peer_cases(shared_dir):
    path = shared_dir / "eval" / "peers" / "ftfy.jsonl"
    # split on "\n" only: inputs contain U+2028 and U+0085, which str.splitlines() breaks on
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


def reference(text: str) -> str:
    """Plain ftfy on every line with the pass's configuration and entity rule (no shortcut)."""
    plain = ftfy_config(False)._replace(explain=False)
    full = ftfy_config(True)._replace(explain=False)
    only = ftfy_config(True, True)._replace(explain=False)
    out = []
    for line in text.split("\n"):
        fixed = ftfy.fix_text(line, plain)
        if "<" not in text and "&" in line:
            with_entities = ftfy.fix_text(line, full)
            if with_entities == ftfy.fix_text(fixed, only):
                fixed = with_entities
        out.append(fixed)
    return "\n".join(out)


def test_same_as_fix_encoding_on_every_passing_ftfy_case(shared_dir):
    cases = [c for c in _peer_cases(shared_dir) if c["feature"] == "mojibake/fix_encoding"]
    passing = [c for c in cases if c.get("status") == "pass"]
    assert len(passing) > 100
    for case in passing:
        out = check_contract("mojibake", case["input"]).text
        assert out == ftfy.fix_encoding(case["input"]) == case["expected"], case["id"]


def test_shortcut_exact_on_every_ftfy_input(shared_dir):
    for case in _peer_cases(shared_dir):
        assert run_pass("mojibake", case["input"]).text == reference(case["input"]), case["id"]


def test_shortcut_exact_on_corpus_sample(shared_dir):
    text = (shared_dir / "bench" / "corpus" / "all.txt").read_text(encoding="utf-8")
    lines = text.split("\n")[::25]
    damaged = [
        ln.encode("utf-8").decode("cp1252", "replace") if i % 3 == 0 else ln
        for i, ln in enumerate(lines)
    ]
    for sample in ("\n".join(lines), "\n".join(damaged)):
        assert run_pass("mojibake", sample).text == reference(sample)


def test_gate_covers_every_branch_of_ftfy_badness():
    """The proof of the shortcut, re-checked against the installed ftfy."""
    assert uncovered_branches(GATE_CHARS) == []
    assert set(FIXED_TRIGGERS) <= GATE_CHARS
    for c in GATE_CHARS:
        assert GATE_RE.search(c), repr(c)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="".join(sorted(GATE_CHARS)))))
def test_text_without_gate_chars_is_left_alone_by_ftfy(text):
    assert reference(text) == text


MOJI = st.text(alphabet=st.sampled_from(list("aé ÃÂâ€™œ\x9d©«»&;#x1\x1b[m\n\x92Ð¸Ñ\xa0<")), max_size=40)


def test_second_gate_premises_hold_for_installed_ftfy():
    """may_be_changed() searches BADNESS_RE only near gate characters: exact while every
    match is at most BADNESS_WIDTH long and the only assertion is '^' (string start)."""
    width, anchors = badness_anchors()
    assert width <= BADNESS_WIDTH
    assert anchors <= {"AT_BEGINNING"}


@settings(max_examples=300, deadline=None)
@given(st.one_of(MOJI, st.text(alphabet=st.sampled_from(list("ab .\n«»“”ÉÀÃÂ©€™é °²ØÙВРСΒΟœ‚Ä─")), max_size=60)))
def test_second_gate_agrees_with_ftfy_is_bad(text):
    from ftfy.badness import is_bad

    for line in text.split("\n"):
        assert bad_near_gate(line) == is_bad(line)
        if not may_be_changed(line):
            assert reference(line) == line


def test_second_gate_agrees_with_ftfy_is_bad_on_ftfy_inputs_and_corpus(shared_dir):
    from ftfy.badness import is_bad

    lines = [c["input"] for c in _peer_cases(shared_dir)]
    text = (shared_dir / "bench" / "corpus" / "all.txt").read_text(encoding="utf-8")
    lines += [ln for ln in text.split("\n")[::7] if GATE_RE.search(ln)]
    lines += [ln.encode("utf-8").decode("cp1252", "replace") for ln in lines[-300:]]
    for line in lines:
        for seg in (line, line + "\n"):
            assert bad_near_gate(seg) == is_bad(seg), seg


def test_sieve_picks_fit_installed_ftfy():
    """The sieve's picks were derived for this BADNESS_RE; after an ftfy upgrade the pass
    stays exact (the sieve is off, every text takes the slow path), but slow: regenerate
    them with `python bench/mojibake_shortcut.py --derive-pairs`."""
    assert fingerprint() == PICKS_FOR
    assert sieve() is not None


def test_sieve_knows_ftfy_entity_pattern():
    from ftfy.chardata import HTML_ENTITY_RE

    from cleantext.mojibake_gate import ENTITY_TAIL

    assert HTML_ENTITY_RE.pattern == "&" + ENTITY_TAIL


def test_sieve_refuses_picks_that_do_not_fit():
    assert build(((0, -1),)) is None  # wrong number of branches
    assert build(tuple((99, -1) for _ in sieve_branches())) is None  # no such element


def sieve_branches():
    from ftfy.badness import BADNESS_RE

    from cleantext.mojibake_gate import _branches

    return _branches(BADNESS_RE)


@pytest.mark.parametrize("text", ["AT&T and R & D", "Q&A", "café « crème »", "“Quoted,” he said.",
                                  "Ærø and Œuvre", "naïve déjà vu", "Ça va, Élodie ?"])
def test_sieve_lets_clean_text_through(text):
    assert not may_change_anywhere(text)
    assert run_pass("mojibake", text).text == text


@pytest.mark.parametrize("text", ["cafÃ©", "donâ€™t", "Ã ", "l&eacute;ger", "\x1b[1mbold", "a\x92b",
                                  "soft\u00adhyphen", "zero\u200bwidth", "Ð¿Ñ€Ð¸Ð²ÐµÑ‚"])
def test_sieve_catches_what_the_pass_changes(text):
    assert may_change_anywhere(text)


SIEVE_ALPHABET = list("aeAE é É«»“”‘’„‚•™®©°²µ€£¥ÃÂâÎÐØÙœŒВГРСΒΟ&;#x1\x1b[\n\x92\xa0<¦¤¨¬¯¸ƒˆ")


@settings(max_examples=400, deadline=None)
@given(st.one_of(MOJI, st.text(alphabet=st.sampled_from(SIEVE_ALPHABET), max_size=30)))
def test_sieve_is_exact(text):
    """Nothing the sieve lets through could have been changed, line by line."""
    if not may_change_anywhere(text):
        pieces = [text[a:b] for a, b in segments(text)] + text.split("\n")  # pass, second look
        assert not any(may_be_changed(piece) for piece in pieces)
        assert reference(text) == text


def test_sieve_covers_every_bad_ftfy_input_and_corpus_line(shared_dir):
    from ftfy.badness import is_bad

    lines = [c["input"] for c in _peer_cases(shared_dir)]
    text = (shared_dir / "bench" / "corpus" / "all.txt").read_text(encoding="utf-8")
    lines += [ln.encode("utf-8").decode("cp1252", "replace") for ln in text.split("\n")[::50]]
    lines += [ln.encode("utf-8").decode("latin-1") for ln in text.split("\n")[1::50]]
    bad = [ln for ln in lines if is_bad(ln)]
    assert len(bad) > 500
    assert all(may_change_anywhere(ln) for ln in bad)


@settings(max_examples=200, deadline=None)
@given(MOJI)
def test_shortcut_exact_on_mojibake_like_text(text):
    expected = reference(text)
    # Where ftfy leaves characters that the whitespace pass deletes (controls, say), the pass
    # goes one step further on purpose (see _INVISIBLE_JUNK): not a shortcut question.
    assume(not _INVISIBLE_JUNK.search(expected))
    assert run_pass("mojibake", text).text == expected


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), MOJI))
def test_contract_on_arbitrary_text(text):
    check_contract("mojibake", text)


def test_never_raises_on_odd_input():
    for text in ("", "\ud800", "\udfff\ud800", "\x00\x1b", "é" * 300_000, "&" * 1000, "\n" * 50):
        check_contract("mojibake", text)


def test_edits_are_per_run_with_reasons():
    r = check_contract("mojibake", "Il Ã©tait une fois, dit-il. Itâ€™s &amp; done\n")
    befores = [e.before for e in r.edits]
    assert befores == ["Ã©", "â€™", "&amp;"]
    assert r.edits[0].rule == "mojibake" and "UTF-8" in r.edits[0].reason
    assert r.edits[2].rule == "html-entity"


def test_conservative_settings_keep_typography():
    for text in ("“quoted” ‘single’", "ＡＢＣ", "ﬁne", "a\xa0b", "cafe\u0301", "x\u2028y"):
        assert run_pass("mojibake", text).text == text


def test_entities_kept_when_document_has_markup():
    text = "R&amp;D\n<b>bold</b>"
    assert run_pass("mojibake", text).text == text
    assert run_pass("mojibake", "R&amp;D").text == "R&D"


@pytest.mark.parametrize("n", [0, 1, 5])
def test_segments_cover_text(n):
    text = "ab\n" * n + "tail"
    assert "".join(text[a:b] for a, b in segments(text)) == text


def test_edits_pair_each_damaged_word_with_its_repair():
    # NEL (U+0085) and NBSP (U+00A0) are pieces of mojibake words ('م' -> 'Ù\x85',
    # 'à' -> 'Ã\xa0'), not spaces: the words must not shift against the repaired line.
    words = ["ملتزم", "به", "تقوای", "سیاسی،"]
    damaged = " ".join(words).encode("utf-8").decode("latin-1")
    r = check_contract("mojibake", damaged)
    assert [e.after for e in r.edits] == words
    r = check_contract("mojibake", "Il est Ã\xa0 l'Ã©cole dÃ©jÃ\xa0 prÃªt.")
    assert [(e.before, e.after) for e in r.edits] == [
        ("Ã\xa0", "à"), ("Ã©", "é"), ("Ã©jÃ\xa0", "éjà"), ("Ãª", "ê")
    ]


def test_sieve_is_kept_in_the_cache_so_clean_text_never_imports_ftfy(tmp_path):
    import os
    import subprocess
    import sys

    code = ("import sys\nfrom cleantext.mojibake_pairs import may_change_anywhere\n"
            "print(may_change_anywhere('Ça va « bien » ?'), may_change_anywhere('cafÃ©'), 'ftfy' in sys.modules)")
    env = {**os.environ, "CLEANTEXT_CACHE_DIR": str(tmp_path)}
    def run():
        return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                              check=True).stdout.split()
    assert run() == ["False", "True", "True"]  # built from ftfy's BADNESS_RE, then cached
    assert run() == ["False", "True", "False"]  # compiled from the cache
    (cached,) = tmp_path.glob("mojibake-sieve-*.re")
    cached.write_bytes(cached.read_bytes().replace(b"(?<=", b"(?<!", 1))  # damaged
    assert run() == ["False", "True", "True"]  # ignored, built again
    assert run() == ["False", "True", "False"]
    import zlib

    blind = b"(?!x)x"  # well formed, but it would switch the pass off
    cached.write_bytes(b"%08x\n" % zlib.crc32(blind) + blind)
    assert run() == ["False", "True", "True"]  # misses the known cases: built again
