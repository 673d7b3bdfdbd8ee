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


def test_atomic_write_through_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    tio.atomic_write(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_atomic_open_failure_leaves_the_original_and_no_temp(tmp_path):
    p = tmp_path / "f.txt"
    p.write_bytes(b"original")
    with pytest.raises(RuntimeError):
        with tio.atomic_open(p) as f:
            f.write(b"half")
            raise RuntimeError("stop")
    assert p.read_bytes() == b"original"
    assert [x.name for x in tmp_path.iterdir()] == ["f.txt"]
    assert not tio._PENDING


def test_remove_pending_deletes_writes_in_progress(tmp_path):
    p = tmp_path / "f.txt"
    with pytest.raises(KeyboardInterrupt):
        with tio.atomic_open(p) as f:
            f.write(b"x")
            assert len(tio._PENDING) == 1
            tio.remove_pending()  # what a worker's SIGTERM handler does
            assert not [x for x in tmp_path.iterdir() if x.name.endswith(".cleantext-tmp")]
            raise KeyboardInterrupt
    assert not p.exists()


def test_forced_encoding_still_refuses_binary():
    with pytest.raises(tio.BinaryInputError):
        tio.decode(b"abc\x00def", encoding="latin-1")
    assert tio.decode("ab".encode("utf-16-le"), encoding="utf-16-le").text == "ab"


def test_short_french_is_cp1252_not_cp1250():
    text = "café crème brûlée et déjà vu, à la française"
    d = tio.decode(text.encode("cp1252"))
    assert d.encoding == "cp1252" and d.text == text
