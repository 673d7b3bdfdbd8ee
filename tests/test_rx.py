"""cleantext.rx: compiled patterns kept between runs give exactly what regex.compile gives."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import regex

from cleantext import rx

PATTERNS = [
    (r"\p{Lu}\p{Ll}+", 0),
    (r"(?P<day>\d{1,2})\s(?i:nov|déc)\.?(?!\p{L})", regex.V0),
    (r"(?<![\w])(?P<w>\w+)(?P=w)", regex.V1),
    (r"""
        (?P<a> [«“] ) \s*   # an opening quote
        (?P<b> [^»”]+ )     # its body
    """, regex.VERBOSE),
    (r"(?i)straße|ÉTÉ", regex.V1),
]
TEXTS = ["la Russie et la France", "24 nov. 2024, 3 déc 2023", "the the cat", "« bonjour » “hi”",
         "STRASSE, été, Straße"]


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """An empty cache directory and module state, as in a new process."""
    monkeypatch.setenv("CLEANTEXT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(rx, "_known", None)
    monkeypatch.setattr(rx, "_new", {})
    return tmp_path


def _same(a: regex.Pattern, b: regex.Pattern) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for text in TEXTS:
        assert [m.groupdict() or m.group() for m in a.finditer(text)] == [
            m.groupdict() or m.group() for m in b.finditer(text)]


def test_rebuilt_patterns_are_the_compiled_ones(fresh, monkeypatch):
    first = [rx.compile(p, f) for p, f in PATTERNS]
    rx.save()
    assert rx.path().is_file()
    monkeypatch.setattr(rx, "_known", None)  # a new process: the file is all it has

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled although the cache had it")

    monkeypatch.setattr(rx.regex, "compile", no_compiling)
    again = [rx.compile(p, f) for p, f in PATTERNS]
    for a, b in zip(first, again):
        _same(a, b)


def test_a_damaged_cache_file_is_ignored(fresh, monkeypatch):
    rx.compile(*PATTERNS[0])
    rx.save()
    blob = bytearray(rx.path().read_bytes())
    blob[-5] ^= 0xFF
    rx.path().write_bytes(bytes(blob))
    monkeypatch.setattr(rx, "_known", None)
    assert rx._load() == {}
    _same(rx.compile(*PATTERNS[0]), regex.compile(*PATTERNS[0]))
    rx.path().write_bytes(b"junk")
    monkeypatch.setattr(rx, "_known", None)
    assert rx._load() == {}


def test_cache_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANTEXT_CACHE_DIR", "off")
    monkeypatch.setattr(rx, "_known", None)
    monkeypatch.setattr(rx, "_new", {})
    assert rx.path() is None
    _same(rx.compile(*PATTERNS[1]), regex.compile(*PATTERNS[1]))
    rx.save()
    assert rx._new == {} or not list(tmp_path.iterdir())


def test_the_pipeline_gives_the_same_result_from_a_warm_cache(tmp_path):
    """Two fresh processes: the first compiles and saves, the second rebuilds everything."""
    code = (
        "import cleantext, json, sys\n"
        "from cleantext import rx\n"
        "text = sys.stdin.read()\n"
        "r = cleantext.clean_and_explain(text)\n"
        "print(json.dumps([r.text, [(s.pass_name, [(e.start, e.end, e.after, e.rule) for e in s.edits])"
        " for s in r.steps], len(rx._new)]))\n"
    )
    text = ("Le 24-11-2024 06:56 AM Jerusalem Timing, laRussie a dit: \"non\"...  \n"
            "The President said on Nov. 3 2024 that theUnited Nations don't agree.\n") * 3
    env = {**os.environ, "CLEANTEXT_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True,
                           env=env, check=True).stdout for _ in range(2)]
    first, second = (__import__("json").loads(r) for r in runs)
    assert first[0] == second[0] and first[1] == second[1]
    assert first[2] > 0 and second[2] == 0  # the second process compiled nothing new
