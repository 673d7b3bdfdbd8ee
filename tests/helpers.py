"""Shared checks for pass tests: run one pass, and assert the pass contract on a result."""

from __future__ import annotations

from typing import Any

from typer.testing import CliRunner

from cleantext.cli import app
from cleantext.edits import apply_edits
from cleantext.model import Context, PassResult
from cleantext.options import Options
from cleantext.passes import pass_class


def run_pass(name: str, text: str, lang: str | None = None, **options: Any) -> PassResult:
    opts = Options.from_mapping(options) if options else Options()
    p = pass_class(name).from_options(opts)
    return p(text, Context(lang=lang, options=opts))


def check_contract(name: str, text: str, lang: str | None = None, **options: Any) -> PassResult:
    """Run pass ``name`` and assert it is faithful, local and idempotent; return the result."""
    result = run_pass(name, text, lang, **options)
    assert isinstance(result.text, str)
    assert apply_edits(text, result.edits) == result.text, "edits are not faithful"
    if not result.edits:
        assert result.text == text, "text changed without an edit"
    for e in result.edits:
        assert e.reason, f"edit without a reason: {e!r}"
    again = run_pass(name, result.text, lang, **options)
    assert again.text == result.text, f"not idempotent: {result.text!r} -> {again.text!r}"
    assert not again.edits
    return result


# The command line, for CLI tests: a text with something for the whitespace pass to fix.
MESSY = "Line with trailing spaces   \nsecond line\n"
CLEAN = "Line with trailing spaces\nsecond line\n"
WS = ["--only", "whitespace"]
_runner = CliRunner()


def run(args, input=None):
    return _runner.invoke(app, args, input=input)
