"""Golden cases for every pass, read from tests/cases/<pass>/.

Two layouts, both parametrized with one test id per case:

* ``*.jsonl``: one case a line: ``{"id", "input", "expected", "lang", "options"}``; a case
  without ``expected`` (or with ``expected == input``) must come out unchanged.
* ``change/NAME.in.txt`` + ``change/NAME.out.txt``, and ``keep/NAME.txt`` (must come out
  unchanged). A name starting with a language code and a dash (``fr-teaser``) sets the
  language; an optional ``NAME.json`` beside it holds options.

Every case is also checked for faithfulness and idempotence.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import check_contract

from cleantext.passes import DEFAULT_ORDER

CASES = Path(__file__).parent / "cases"
LANGS = {"en", "fr", "de", "es", "it", "pt", "nl", "ru", "pl", "sv", "fi", "xx"}


def _lang_from_name(stem: str) -> str | None:
    head = stem.split("-", 1)[0]
    return None if head in ("xx", "any") else head if head in LANGS else None


def _read(path: Path) -> str:
    """The file's exact text: no universal-newline translation, so CRLF cases stay CRLF."""
    return path.read_bytes().decode("utf-8")


def _load() -> list:
    params = []
    for name in DEFAULT_ORDER:
        folder = CASES / name
        if not folder.is_dir():
            continue
        for f in sorted(folder.glob("*.jsonl")):
            # split on "\n" only: U+2028, U+0085 and friends may sit inside a JSON string
            for n, line in enumerate(f.read_bytes().decode("utf-8").split("\n"), 1):
                if not line.strip() or line.lstrip().startswith("//"):
                    continue
                case = json.loads(line)
                expected = case.get("expected", case["input"])
                cid = f"{name}/{f.name}:{n}:{case.get('id', '')}"
                params.append(
                    pytest.param(
                        name, case["input"], expected, case.get("lang"), case.get("options", {}), id=cid
                    )
                )
        for f in sorted((folder / "change").glob("*.in.txt")):
            stem = f.name[: -len(".in.txt")]
            out = f.with_name(stem + ".out.txt")
            opts = f.with_name(stem + ".json")
            o = json.loads(opts.read_text()) if opts.exists() else {}
            lang = o.pop("lang", _lang_from_name(stem))
            params.append(
                pytest.param(
                    name, _read(f), _read(out), lang, o,
                    id=f"{name}/change/{stem}",
                )
            )
        for f in sorted((folder / "keep").glob("*.txt")):
            opts = f.with_suffix(".json")
            o = json.loads(opts.read_text()) if opts.exists() else {}
            lang = o.pop("lang", _lang_from_name(f.stem))
            text = _read(f)
            params.append(pytest.param(name, text, text, lang, o, id=f"{name}/keep/{f.stem}"))
    return params


@pytest.mark.parametrize(("pass_name", "text", "expected", "lang", "options"), _load())
def test_golden(pass_name, text, expected, lang, options):
    result = check_contract(pass_name, text, lang, **options)
    assert result.text == expected
