"""Bytes in, text inside, the same bytes out."""

from __future__ import annotations

import codecs

import pytest

from cleantext import io as tio


@pytest.mark.parametrize(
    "data",
    [b"plain\n", b"dos\r\nlines\r\n", b"mixed\r\nbreaks\n", codecs.BOM_UTF8 + b"bom\n", b"", b"no newline"],
)
def test_round_trip(data):
    d = tio.decode(data)
    assert tio.encode(d.text, d) == data


def test_crlf_is_seen_as_lf_inside():
    d = tio.decode(b"a\r\nb\r\n")
    assert d.text == "a\nb\n" and d.newline == "\r\n"


def test_binary_and_undecodable():
    with pytest.raises(tio.BinaryInputError):
        tio.decode(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(tio.InputError, match="--encoding"):
        tio.decode(b"\xff\xfe\xfa", encoding="utf-8", name="x.txt")


def test_forced_and_detected_encodings():
    text = "Le café de la gare était fermé à cause de la grève, déjà la troisième fois cette année."
    d = tio.decode(text.encode("cp1252"), encoding="cp1252")
    assert d.text == text and not d.detected
    d = tio.decode(text.encode("cp1252"))
    assert d.detected and "é" in d.text


def test_atomic_write_replaces(tmp_path):
    p = tmp_path / "f.txt"
    p.write_text("old")
    tio.atomic_write(p, b"new")
    assert p.read_bytes() == b"new"
    assert [x.name for x in tmp_path.iterdir()] == ["f.txt"]
