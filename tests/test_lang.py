"""Language detection: the labelled samples, the corpus, unsure cases, and totality."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.lang import LANGS, detect, stopwords

SAMPLES = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "lang_samples.jsonl").read_text("utf-8").split("\n")
    if line
]


@pytest.mark.parametrize("case", [c for c in SAMPLES if c["kind"] == "paragraph"], ids=lambda c: c["lang"])
def test_paragraphs_are_detected(case):
    assert detect(case["text"]) == case["lang"]


@pytest.mark.parametrize("case", [c for c in SAMPLES if c["kind"] == "headline"], ids=lambda c: c["lang"])
def test_headlines_are_right_or_unsure(case):
    assert detect(case["text"]) in (case["lang"], None)


def test_headline_coverage_is_not_nil():
    heads = [c for c in SAMPLES if c["kind"] == "headline"]
    assert sum(detect(c["text"]) == c["lang"] for c in heads) >= len(heads) // 3


@pytest.mark.parametrize("case", [c for c in SAMPLES if c["kind"] == "other-language"], ids=lambda c: c["lang"])
def test_other_languages_are_never_given_one_of_ours(case):
    assert detect(case["text"]) is None


@pytest.mark.parametrize(
    "text",
    ["", "hello", "OK", "12:30 — 14:45", "https://example.org/a/b", "東京は今日も晴れです。", "Καλημέρα σε όλους τους φίλους μας"],
)
def test_unsure_on_short_or_foreign_script(text):
    assert detect(text) is None


def test_corpus_documents(shared_dir):
    path = shared_dir / "bench" / "corpus" / "all.jsonl"
    docs = [json.loads(x) for x in path.read_text("utf-8").split("\n") if x]
    answers = [(detect(d["text"]), d["lang"]) for d in docs]
    assert all(got in (want, None) for got, want in answers)
    assert sum(got == want for got, want in answers) >= 0.99 * len(docs)


def test_only_the_start_of_a_big_document_is_read():
    text = "The committee met again and the members said that it was not over. " * 50
    assert detect(text + "der die das und ist nicht " * 100_000) == "en"


def test_stopword_lists_cover_every_language():
    owners = {lang for langs, _ in stopwords().values() for lang in langs}
    assert owners == set(LANGS)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_total(text):
    assert detect(text) in (*LANGS, None)
