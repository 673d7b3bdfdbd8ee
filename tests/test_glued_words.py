"""glued-words: contract properties, the seed, options and targeted rules."""

from __future__ import annotations

import pytest
from helpers import check_contract, run_pass
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext import lexicon
from cleantext.model import Context
from cleantext.options import Options
from cleantext.passes import pass_class

NAME = "glued-words"
LANGS = st.sampled_from([None, "en", "fr", "de", "es", "it", "xx"])

# Text made of the pieces the rules look at, so that hypothesis reaches the rules.
PIECES = st.sampled_from(
    [
        "la", "Russie", "the", "Ministry", "in", "2014", "15", "décembre", "dans", "l'", "l’",
        "Union", ".", ":", ";", "!", "?", "»", "“", '"', "'", "The", "Le", "El", "Die", " ",
        "\n", "\n\n", "iPhone", "toString", "é", "É", "\u0301", "ß", "İ", "x", "_", "(", ")",
        "http://a.b/", "@", "#", "{", "}", "=", "3.14", "km", "ofthe", "avecle", "qu'", "de",
        "\ud800", "\x00", "\u200b",
    ]
)
GLUEY = st.lists(PIECES, max_size=30).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200), lang=LANGS)
def test_contract_on_any_text(text, lang):
    check_contract(NAME, text, lang)


@settings(max_examples=200, deadline=None)
@given(text=GLUEY, lang=LANGS, lower=st.booleans())
def test_contract_on_gluey_text(text, lang, lower):
    check_contract(NAME, text, lang, glue_lowercase=lower)


@settings(max_examples=100, deadline=None)
@given(words=st.lists(st.sampled_from(["la", "Russie", "avec", "de", "Paris", "the", "Ministry"]), min_size=1, max_size=12))
def test_spaced_text_is_never_changed(words):
    """Only glue is split: words already separated by spaces stay exactly as they are."""
    text = " ".join(words)
    assert run_pass(NAME, text, "fr").text == text


def test_seed_changes_only_larussie(shared_dir):
    text = (shared_dir / "seed" / "news-fr.txt").read_text(encoding="utf-8")
    result = check_contract(NAME, text, "fr")
    assert [(e.before, e.after) for e in result.edits] == [("laRussie", "la Russie")]
    assert result.text == text.replace("laRussie", "la Russie")


def test_reason_names_rule_and_evidence():
    (edit,) = run_pass(NAME, "coopérer avec laRussie.", "fr").edits
    assert edit.reason == "split glued words 'laRussie' (la + Russie)"
    assert edit.rule == "glued-case"


@pytest.mark.parametrize(
    ("text", "lang", "rule"),
    [
        ("the talks ended.The", "en", "glued-sentence"),
        ("Il vit dansl'Union", "fr", "glued-elision"),
        ("depuis2015 déjà", "fr", "glued-number"),
        ("le 15décembre", "fr", "glued-number"),
        ("AdvertisementThe mayor", "en", "glued-title"),
    ],
)
def test_each_rule_names_itself(text, lang, rule):
    (edit,) = run_pass(NAME, text, lang).edits
    assert edit.rule == rule
    assert edit.before in edit.reason


def test_unknown_language_is_stricter_but_still_splits_clear_glue():
    assert run_pass(NAME, "avec laRussie", None).text == "avec la Russie"
    # Lowercase glue is never split without a language.
    assert run_pass(NAME, "walked ofthe stage", None, glue_lowercase=True).text == "walked ofthe stage"


def test_lowercase_glue_is_opt_in_and_limited_to_function_words():
    assert run_pass(NAME, "walked ofthe stage", "en").text == "walked ofthe stage"
    assert run_pass(NAME, "walked ofthe stage", "en", glue_lowercase=True).text == "walked of the stage"
    # Real words made of two function words stay: 'indem', 'seitdem', 'wieder', 'cela'.
    for text, lang in [("indem er", "de"), ("seitdem", "de"), ("wieder", "de"), ("cela", "fr"), ("bathe", "en")]:
        assert run_pass(NAME, text, lang, glue_lowercase=True).text == text


def test_code_paragraph_turns_rules_off_but_only_there():
    text = "x = theResult;\nreturn inData;\n\nSaid theMinistry."
    assert run_pass(NAME, text, "en").text == "x = theResult;\nreturn inData;\n\nSaid the Ministry."


def test_protected_spans_are_left_alone():
    text = "see https://ex.com/laRussie and @laRussie #laRussie la.Russie@ex.org"
    assert run_pass(NAME, text, "fr").text == text


def test_never_split_option_and_file(tmp_path):
    assert run_pass(NAME, "avec laRussie", "fr", never_split=["LARUSSIE"]).text == "avec laRussie"
    f = tmp_path / "keep.txt"
    f.write_text("# my brands\ntheMinistry\n", encoding="utf-8")
    assert run_pass(NAME, "said theMinistry", "en", never_split_file=str(f)).text == "said theMinistry"
    # The shipped list still applies alongside the user's.
    assert run_pass(NAME, "on 8chan", "en", never_split_file=str(f)).text == "on 8chan"


def test_unreadable_never_split_file_says_what_to_do(tmp_path):
    with pytest.raises(ValueError, match="never_split_file"):
        pass_class(NAME).from_options(Options(never_split_file=str(tmp_path / "missing.txt")))


def test_shipped_list_has_brands():
    words = lexicon.shipped_never_split()
    assert {"iphone", "youtube", "easyjet", "8chan"} <= words


def test_lexicon_thresholds_separate_glue_from_words():
    z = lexicon.zipf
    assert z("the", "en") > lexicon.LEFT_STRONG
    assert z("la", "fr") > lexicon.LEFT_STRONG
    assert z("larussie", "fr") < lexicon.WHOLE_KNOWN
    assert z("YouTube", "en") >= lexicon.WHOLE_KNOWN  # case-insensitive
    assert z("class", "en") < lexicon.SENTENCE_START < z("the", "en")
    assert lexicon.zipf("anything", "zz") == 0.0
    assert lexicon.base_lang("fr-CA") == "fr" and lexicon.base_lang("") is None


def test_lexicon_tables_load_once():
    lexicon.zipf("bonjour", "fr")
    before = lexicon._table.cache_info().misses
    for word in ("avec", "Russie", "dans"):
        lexicon.zipf(word, "fr")
    assert lexicon._table.cache_info().misses == before


def test_context_without_options_and_regional_lang():
    p = pass_class(NAME).from_options(Options())
    assert p("avec laRussie", Context(lang="fr-FR")).text == "avec la Russie"
    assert p("avec laRussie", None).text == "avec la Russie"


@pytest.mark.parametrize(
    "text",
    [
        "iPhone eBay iOS YouTube LinkedIn WhatsApp PowerPoint McDonald MacBook DiCaprio",
        "LaGuardia LeBron LaLiga DeSantis OpenAI ChatGPT BioNTech easyJet BlaBlaCar",
        "mAh kWh pH mRNA dB toString getElementById isValid module.Class regex.Match file.txt",
        "3.14 2.30pm U.S. e.g. 1er 2e 1st 10km 250g 19h30 5G 4K 3D covid19 mp3 G20",
    ],
)
@pytest.mark.parametrize("lang", ["en", "fr", "de", "es", None])
def test_issue_must_keep_lists_in_every_language(text, lang):
    assert run_pass(NAME, text, lang).text == text


def test_code_check_in_a_long_paragraph_looks_near_the_candidate():
    prose = "It was late and the house was quiet; nobody spoke.\n" * 200
    code = "x = theResult;\ny = inData;\nz = x + y;\nif (z == 0) {\n  return theResult;\n}\nw = z;\n"
    text = prose + code + prose + "Said theMinistry."
    out = run_pass(NAME, text, "en").text
    assert "x = theResult;" in out and out.endswith("Said the Ministry.")


# The fast code-line test must say exactly what the one-regex definition says.
CODE_PIECES = st.sampled_from(
    ["x", "a.b", " ", "\t", "=", "+=", "==", "=>", "!=", "&&", "||", "::", "(", ")", "()", ";",
     "{", "}", "<div>", "</p>", "<a href=x>", "def", "class", "return", "if (", "for(", "while",
     "let", "#include", "var_1", "[0]", "\x1c", "é", "\u00a0", "-", "_", ">", "<"]
)


@settings(max_examples=300, deadline=None)
@given(line=st.lists(CODE_PIECES, max_size=12).map("".join) | st.text(max_size=40))
def test_code_line_equals_the_reference_regex(line):
    from cleantext.glued_doc import _CODE_SIGNS, _code_line

    line = line.replace("\n", " ")
    assert _code_line(line) == (_CODE_SIGNS.search(line) is not None)


LONG_PIECES = st.sampled_from(
    ["laRussie", "theMinistry", "in2014", "conflict.The", "dansl'Union", "moreWorld", " ", "\n",
     "x = foo();", "if (a) {", "}", "word " * 40, "Il dit.", "é", "a == b"]
)


@settings(max_examples=60, deadline=None)
@given(text=st.lists(LONG_PIECES, max_size=400).map("".join), lang=st.sampled_from(["en", "fr", None]))
def test_later_rounds_look_only_around_the_splits(text, lang):
    # The pass rescans only Doc.around(...) after a round of splits: the result must be what
    # full rescans give.
    from cleantext.edits import apply_edits, compose, result_from_edits
    from cleantext.glued_doc import Doc, Scan
    from cleantext.glued_rules import find_edits

    scan = Scan((lang,), 0.0, lang, False) if lang else Scan(lexicon.FALLBACK_LANGS, lexicon.UNKNOWN_LANG_MARGIN, None, False)
    never = lexicon.shipped_never_split()
    current, edits = text, []
    for _ in range(3):
        found = find_edits(Doc(current, never), scan)
        if not found:
            break
        edits = compose(text, edits, current, found) if edits else found
        current = apply_edits(current, found)
    expected = result_from_edits(text, edits) if edits else None
    got = run_pass(NAME, text, lang=lang)
    assert got.text == (expected.text if expected else text)
    assert [(e.start, e.end, e.after, e.rule) for e in got.edits] == (
        [(e.start, e.end, e.after, e.rule) for e in expected.edits] if expected else []
    )


# The fast scans of find_edits must find exactly what the reference patterns find.
SCAN_PIECES = st.sampled_from(
    ["a", "Z", "é", "É", "ß", "Σ", "σ", "İ", "ǅ", "\u0301", "\u0903", "7", "٣", "߂", "²", "Ⅳ", "x",
     ".", "!", "?", ":", ";", "...", "'", "’", "«", "“", '"', ")", "(", "]", " ", "\n", "\u00a0",
     "\U0001d400", "\U0001d41a", "\U000104a3", "𐐀", "_", "-", "\ud800", "\x00"]
)


def _reference_hits(text, spans, elision=True):
    from cleantext import glued_rules as g

    def every(pattern):
        return [m.start() for a, b in spans for m in pattern.finditer(text, a, b)]

    return {
        "case": every(g._CASE),
        "punct": every(g._PUNCT_AT),
        "elision": every(g._ELISION) if elision else [],
        "digit": every(g._DIGIT_AT),
    }


@settings(max_examples=300, deadline=None)
@given(text=st.lists(SCAN_PIECES, max_size=40).map("".join) | st.text(max_size=60), cut=st.integers(0, 60))
def test_fast_scans_equal_the_reference_patterns(text, cut):
    from cleantext.glued_rules import candidates

    assert candidates(text, [(0, len(text))]) == _reference_hits(text, [(0, len(text))])
    # Regions, as the later rounds scan them (whole lines).
    lines, spans, pos = text.split("\n"), [], 0
    for i, line in enumerate(lines):
        if i % 2 == cut % 2:
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    assert candidates(text, spans, elision=False) == _reference_hits(text, spans, elision=False)


def test_ascii_ranges_of_the_fast_scans_are_the_unicode_classes():
    import regex

    ascii_chars = [chr(i) for i in range(128)]
    assert [c for c in ascii_chars if regex.match(r"\p{Lu}", c)] == [chr(i) for i in range(65, 91)]
    assert [c for c in ascii_chars if regex.match(r"\d", c)] == [chr(i) for i in range(48, 58)]


# The per-user lexicon cache: exact, and never needed.
def _words_sample(table, step=97):
    return [w for i, w in enumerate(table) if i % step == 0]


def test_lexicon_cache_gives_what_the_data_file_gives(tmp_path, monkeypatch):
    monkeypatch.delenv("CLEANTEXT_CACHE_DIR", raising=False)
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a-file"))  # no cache dir there
    slow = lexicon._read_data_file("fr")
    assert isinstance(slow, dict) and (tmp_path / "a-file").is_file()
    assert isinstance(lexicon._read_data_file("fr"), dict)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert isinstance(lexicon._read_data_file("fr"), dict)  # cold: read, then cached
    (cached,) = (tmp_path / "cleantext").glob("large_fr-*.lex")
    fast = lexicon._read_data_file("fr")
    assert isinstance(fast, lexicon._Table) and len(fast) == len(slow)
    for word in _words_sample(slow):
        assert fast.get(word) == slow[word]
        for other in (word + "q", word[:-1], word.upper(), "\0" + word):
            assert fast.get(other, -1.0) == slow.get(other, -1.0)
    assert fast.get("\ud800x", -1.0) == -1.0 and fast.get("", -1.0) == slow.get("", -1.0)
    # A damaged cache file is not used (and is rewritten).
    cached.write_bytes(cached.read_bytes()[:-3])
    assert isinstance(lexicon._read_data_file("fr"), dict)
    assert isinstance(lexicon._read_data_file("fr"), lexicon._Table)
    cached.write_bytes(b"junk")
    assert isinstance(lexicon._read_data_file("fr"), dict)


def test_lexicon_cache_key_follows_the_data_file(tmp_path, monkeypatch):
    monkeypatch.delenv("CLEANTEXT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    src = tmp_path / "large_xx.msgpack.gz"
    src.write_bytes(b"1")
    first = lexicon._cache_path(src, src.stat())
    assert first.parent == tmp_path / "cleantext" and first.name.startswith("large_xx-")
    src.write_bytes(b"22")
    assert lexicon._cache_path(src, src.stat()) != first
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/dir")  # ignored, as the XDG spec says
    assert lexicon._cache_path(src, src.stat()).parent.parent.name == ".cache"


def test_lexicon_cache_dir_can_be_moved_or_turned_off(tmp_path, monkeypatch):
    src = tmp_path / "large_xx.msgpack.gz"
    src.write_bytes(b"1")
    monkeypatch.setenv("CLEANTEXT_CACHE_DIR", str(tmp_path / "mine"))
    assert lexicon._cache_path(src, src.stat()).parent == tmp_path / "mine"
    for off in ("", "off", "none"):
        monkeypatch.setenv("CLEANTEXT_CACHE_DIR", off)
        assert lexicon._cache_path(src, src.stat()) is None
        assert isinstance(lexicon._read_data_file("fr"), dict)  # the slow path, same table


def test_lexicon_cache_drops_copies_of_an_older_data_file(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANTEXT_CACHE_DIR", str(tmp_path))
    lexicon._read_data_file("fr")
    (mine,) = tmp_path.glob("large_fr-*.lex")
    place = mine.name.rsplit("-", 2)[0]  # large_fr-<which install>
    mine.unlink()
    stale = tmp_path / f"{place}-1-00000000.lex"
    stale.write_bytes(b"from an older wordfreq")
    other_install = tmp_path / "large_fr-00000000-1-00000000.lex"
    other_install.write_bytes(b"the same language in another virtual environment")
    other = tmp_path / "large_frr-1-00000000.lex"
    other.write_bytes(b"another language")
    assert isinstance(lexicon._read_data_file("fr"), dict)  # cold: read, then cached
    assert not stale.exists() and other.exists() and other_install.exists()
    assert isinstance(lexicon._read_data_file("fr"), lexicon._Table)


def test_cache_files_that_others_can_write_are_not_used(tmp_path, monkeypatch):
    import os

    monkeypatch.setenv("CLEANTEXT_CACHE_DIR", str(tmp_path / "c"))
    lexicon._read_data_file("fr")
    assert (tmp_path / "c").stat().st_mode & 0o777 == 0o700
    (cached,) = (tmp_path / "c").glob("large_fr-*.lex")
    assert isinstance(lexicon._read_data_file("fr"), lexicon._Table)
    os.chmod(cached, 0o666)
    assert isinstance(lexicon._read_data_file("fr"), dict)  # not trusted: read from wordfreq


def test_cache_dir_setting_expands_home_and_ignores_relative_paths(monkeypatch, tmp_path):
    from cleantext.cache import cache_dir

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("CLEANTEXT_CACHE_DIR", "~/ct")
    assert cache_dir() == tmp_path / "ct"
    monkeypatch.setenv("CLEANTEXT_CACHE_DIR", "relative/dir")
    assert cache_dir() == tmp_path / ".cache" / "cleantext"


ARTICLE_PIECES = st.sampled_from(
    ["the", "les", "le", "la", "une", "un", "des", "du", "der", "die", "das", "dem", "den", "eine",
     "einem", "einen", "einer", "ein", "los", "las", "el", "una", "x", "é", "\u0301", "7", "_", " ", "\n", "A"]
)


@settings(max_examples=200, deadline=None)
@given(text=st.lists(ARTICLE_PIECES, max_size=30).map("".join), lang=st.sampled_from(["en", "fr", "de", "es"]))
def test_article_scans_equal_the_reference_pattern(text, lang):
    from cleantext.glued_rules import _article_scans, _hits

    one, signs = _article_scans(lang)
    assert _hits(text, [(0, len(text))], signs) == [m.start() for m in one.finditer(text)]
