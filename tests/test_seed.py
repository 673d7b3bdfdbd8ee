"""The example cleantext was asked for: ../shared/seed/news-fr.txt through the whole pipeline."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import cleantext
from cleantext.cli import app
from cleantext.passes import DEFAULT_ORDER

NEEDED = {"dedup", "glued-words", "timestamps", "typography"}
pytestmark = pytest.mark.skipif(
    not NEEDED <= set(DEFAULT_ORDER), reason="the seed needs every pass of the pipeline"
)


def _read(shared_dir, name):
    return (shared_dir / "seed" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("style", "expected_file"),
    [("typographic", "news-fr.expected.txt"), ("plain", "news-fr.expected-plain.txt")],
)
def test_seed_through_the_api(shared_dir, style, expected_file):
    text = _read(shared_dir, "news-fr.txt")
    expected = _read(shared_dir, expected_file)
    cleaned = cleantext.clean_and_explain(text, style=style)
    assert cleaned.lang == "fr"
    assert cleaned.text.rstrip("\n") == expected.rstrip("\n")
    assert cleantext.clean(cleaned.text, style=style) == cleaned.text  # idempotent


def test_seed_through_the_command(shared_dir):
    path = shared_dir / "seed" / "news-fr.txt"
    expected = _read(shared_dir, "news-fr.expected.txt")
    r = CliRunner().invoke(app, [str(path)])
    assert r.exit_code == 0, r.stderr
    assert r.stdout.rstrip("\n") == expected.rstrip("\n")
    r = CliRunner().invoke(app, ["--explain", "--format", "json", str(path)])
    passes = {line.split('"pass": "')[1].split('"')[0] for line in r.stdout.splitlines()}
    assert {"timestamps", "dedup", "glued-words", "typography"} <= passes
