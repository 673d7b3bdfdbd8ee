"""Reliability: properties of the whole pipeline, and a process killed while it writes."""

from __future__ import annotations

import hashlib
import json
import random
import signal
import subprocess
import sys
import time
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleantext import io as tio
from cleantext.edits import apply_edits
from cleantext.options import Options
from cleantext.pipeline import Pipeline
from cleantext.runner import Job, WriteMode, clean_file

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@lru_cache(maxsize=None)
def pipeline() -> Pipeline:
    return Pipeline(Options())


def check_whole_pipeline(text: str, lang: str | None = None) -> None:
    """Never raises, every step's edits are faithful, and cleaning twice is cleaning once."""
    p = pipeline()
    cleaned = p.run(text, lang=lang)
    current = text
    for step in cleaned.steps:
        assert step.source == current, f"{step.pass_name} got text its predecessors did not produce"
        current = apply_edits(step.source, step.edits)
    assert current == cleaned.text, "the edits do not add up to the output"
    again = p.run(cleaned.text, lang=lang)
    assert again.text == cleaned.text, f"not idempotent: {cleaned.text[:200]!r} -> {again.text[:200]!r}"


@SETTINGS
@given(st.text(max_size=400))
def test_pipeline_on_arbitrary_text(text):
    check_whole_pipeline(text)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("ab é\n\r\t\u00a0\u200b\ufeff\u00ad’'\".…«»:;!?-0123456789")), max_size=300))
def test_pipeline_on_text_made_of_the_characters_passes_care_about(text):
    check_whole_pipeline(text)
    check_whole_pipeline(text, lang="fr")


# --- documents from the bench corpus, sliced and damaged -------------------------------------


@lru_cache(maxsize=1)
def corpus(path: str) -> list[tuple[str, str | None]]:
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            docs.append((rec["text"], rec.get("lang")))
    return docs


def _damage(text: str, how: int, rng: random.Random) -> str:
    if how == 0:
        return text
    if how == 1:  # the text went through the wrong codec once
        try:
            return text.encode("utf-8").decode("cp1252")
        except UnicodeDecodeError:
            return text
    if how == 2:  # CRLF, trailing and doubled spaces
        return text.replace("\n", "  \r\n").replace(". ", ".  ")
    if how == 3:  # a title printed twice and words glued at line ends
        first = text.split("\n", 1)[0]
        return f"{first}\n\n{first}\n{text}".replace(" the ", "the ", 3)
    # random characters dropped in
    chars = list(text)
    for _ in range(5):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(["\u200b", "\u00ad", "\x07", "  ", "\t", "&amp;", "\ufeff"]))
    return "".join(chars)


@pytest.fixture(scope="module")
def corpus_docs(shared_dir):
    path = shared_dir / "bench" / "corpus" / "all.jsonl"
    if not path.exists():
        pytest.skip("bench corpus not present")
    return corpus(str(path))


@SETTINGS
@given(data=st.data())
def test_pipeline_on_corpus_documents(corpus_docs, data):
    text, lang = data.draw(st.sampled_from(corpus_docs))
    start = data.draw(st.integers(0, max(0, len(text) - 1)))
    size = data.draw(st.integers(0, 3000))
    how = data.draw(st.integers(0, 4))
    piece = _damage(text[start : start + size], how, random.Random(start))
    check_whole_pipeline(piece, lang=data.draw(st.sampled_from([lang, None])))


# --- the I/O layer on arbitrary bytes --------------------------------------------------------


@SETTINGS
@given(st.binary(max_size=300) | st.text(max_size=200).map(lambda s: s.encode("utf-8")))
def test_clean_file_never_raises_and_never_writes_garbage(tmp_path, data):
    p = tmp_path / "f.txt"
    p.write_bytes(data)
    out = clean_file(p, None, Job(WriteMode.IN_PLACE, Options(only=("whitespace",)), keep_text=False))
    after = p.read_bytes()
    if out.error or out.skipped or not out.changed:
        assert after == data  # nothing written
    else:
        # what was written decodes, in the input's own encoding, to the cleaned text
        expected = Pipeline(Options(only=("whitespace",))).run(tio.decode(data).text).text
        assert tio.decode(after, encoding=out.encoding).text == expected
    assert not [x for x in tmp_path.iterdir() if x.name.endswith(".cleantext-tmp")]


@SETTINGS
@given(st.text(max_size=200).filter(lambda s: "\r" not in s), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_bytes_round_trip(text, newline, bom):
    data = (b"\xef\xbb\xbf" if bom else b"") + text.replace("\n", newline).encode("utf-8", "surrogatepass")
    try:
        d = tio.decode(data)
    except tio.InputError:
        return  # lone surrogates or NUL bytes: refused, which is fine
    assert tio.encode(d.text, d) == data


# --- killed while writing ----------------------------------------------------------------------

LINE = "A line of ordinary text that needs nothing at all, repeated many times.\n"


def _big(tmp_path: Path, mb: int = 48) -> tuple[Path, bytes]:
    p = tmp_path / "big.txt"
    data = (LINE * (mb * 1_000_000 // len(LINE)) + "the end   \n").encode()
    p.write_bytes(data)
    return p, data


def _cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "cleantext", "--only", "whitespace", *args]


def _temps(d: Path) -> list[Path]:
    return [x for x in d.iterdir() if x.name.endswith(".cleantext-tmp")]


def _kill_while_writing(tmp_path: Path, sig: int) -> tuple[int, bytes, bytes, bool]:
    p, original = _big(tmp_path)
    proc = subprocess.Popen(_cmd("-i", "-j", "1", str(p)), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    caught = False
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if _temps(tmp_path):
            proc.send_signal(sig)
            caught = True
            break
        time.sleep(0.0005)
    proc.communicate(timeout=120)
    return proc.returncode, original, p.read_bytes(), caught


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_killed_while_writing_in_place_leaves_the_original_or_the_whole_result(tmp_path, sig):
    expected = None
    for _attempt in range(3):
        rc, original, after, caught = _kill_while_writing(tmp_path, sig)
        expected = original.replace(b"the end   \n", b"the end\n")
        assert hashlib.sha256(after).digest() in (hashlib.sha256(original).digest(), hashlib.sha256(expected).digest())
        if sig != signal.SIGKILL:
            assert not _temps(tmp_path), "a temporary file was left behind"
        if caught:
            break
        (tmp_path / "big.txt").unlink()
    assert caught, "the write was never observed in progress"
    if sig != signal.SIGKILL and after == original:
        assert rc == 130
    for t in _temps(tmp_path):  # SIGKILL cannot clean up; the original is still whole
        t.unlink()


def test_ctrl_c_during_cleaning_exits_130_and_writes_nothing(tmp_path):
    p = tmp_path / "slow.txt"
    data = ("word  " * 10 + "\n").encode() * 400_000  # many edits: cleaning takes a while
    p.write_bytes(data)
    proc = subprocess.Popen(_cmd("-i", str(p)), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    if proc.returncode == 0:
        pytest.skip("finished before the signal")
    assert proc.returncode == 130, err
    assert b"Interrupted" in err and b"Traceback" not in err
    assert p.read_bytes() == data
    assert not _temps(tmp_path)


def test_ctrl_c_with_workers_stops_cleanly(tmp_path):
    d = tmp_path / "many"
    d.mkdir()
    originals = {}
    for i in range(40):
        body = ("word  " * 10 + "\n").encode() * 40_000
        (d / f"f{i:02d}.txt").write_bytes(body)
        originals[f"f{i:02d}.txt"] = body
    proc = subprocess.Popen(_cmd("-i", "-j", "2", str(d)), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    time.sleep(2.0)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    if proc.returncode == 0:
        pytest.skip("finished before the signal")
    assert proc.returncode == 130, err
    assert not _temps(d)
    body = next(iter(originals.values()))
    cleaned = Pipeline(Options(only=("whitespace",))).run(body.decode()).text.encode()
    done = 0
    for name, body in originals.items():
        now = (d / name).read_bytes()
        assert now in (body, cleaned), f"{name} is neither the original nor the whole result"
        done += now != body
    assert done < len(originals), "nothing was left to interrupt"
