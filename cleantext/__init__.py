"""cleantext: repair text scraped from the web, and say what was changed.

>>> import cleantext
>>> cleantext.clean("Trailing spaces   \\n", only=["whitespace"])
'Trailing spaces\\n'
"""

from __future__ import annotations

from typing import Any

from .model import Cleaned, Context, Edit, Note, PassResult, Step
from .options import Options, OptionsError
from .pipeline import Pipeline, pipeline_for

__version__ = "0.1.0"

__all__ = [
    "Cleaned",
    "Context",
    "Edit",
    "Note",
    "Options",
    "OptionsError",
    "PassResult",
    "Pipeline",
    "Step",
    "__version__",
    "clean",
    "clean_and_explain",
]


def _options(options: dict[str, Any]) -> Options:
    return Options.from_mapping(options) if options else Options()


def clean(text: str, **options: Any) -> str:
    """Clean ``text`` with the default pipeline (or the one ``options`` describe).

    ``options`` are the command line's long options in snake_case: ``lang="fr"``,
    ``only=["typography"]``, ``style="plain"``, ``tz_alias={"IST": "Asia/Kolkata"}``.
    """
    return pipeline_for(_options(options)).run(text).text


def clean_and_explain(text: str, **options: Any) -> Cleaned:
    """Like :func:`clean`, but return the whole record: text, language and every step."""
    return pipeline_for(_options(options)).run(text)
