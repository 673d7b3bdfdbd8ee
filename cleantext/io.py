"""From bytes to text and back, without losing anything on the way.

* ``decode(data)`` -> :class:`Decoded`: UTF-8 first (a BOM is remembered), then a detected
  encoding (charset-normalizer) unless ``encoding`` forces one; CRLF files are handled as
  ``\\n`` inside and written back with CRLF. Binary data (NUL bytes) and undecodable data raise
  :class:`InputError` with a message that says what to do.
* ``encode(text, like)`` writes the text back in the input's encoding, BOM and newline style.
* ``atomic_write(path, data)``: a temporary file in the same directory, then ``os.replace``;
  the file's permission bits (and a symbolic link) are kept. Readers never see a half-written
  file, and an interrupted write leaves no temporary file behind.
* Encodings are guessed by :mod:`cleantext.charsets` (charset-normalizer, then a check that
  the accented letters fit a real alphabet).
"""

from __future__ import annotations

import codecs
import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

BINARY_SNIFF = 8192


class InputError(Exception):
    """An input that cannot be cleaned; the message is meant for the user."""

    def __init__(self, message: str, path: str | None = None):
        super().__init__(message)
        self.path = path


class BinaryInputError(InputError):
    """The input looks binary (NUL bytes); it is skipped, never rewritten."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    detected: bool = False  # the encoding was guessed, not UTF-8 and not forced


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first 8 KiB of data without a UTF-16/32 BOM mean binary."""
    head = data[:BINARY_SNIFF]
    if b"\x00" not in head:
        return False
    return not any(head.startswith(bom) for bom, enc in _BOMS if not enc.startswith("utf-8"))


def decode(data: bytes, *, name: str = "<stdin>", encoding: str | None = None) -> Decoded:
    """Decode ``data`` as described in the module docstring."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r} (given with --encoding)") from None
        wide = codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
        if not wide and looks_binary(data):
            raise BinaryInputError(f"{name}: looks like a binary file (NUL bytes); skipped.", name)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: cannot be decoded as {encoding} (byte {exc.start}: "
                f"{data[exc.start:exc.start + 1]!r}). Try another --encoding; nothing was written.",
                name,
            ) from None
        bom = text.startswith("\ufeff") and encoding.lower().replace("_", "-") in ("utf-8", "utf8")
        return _newlines(text[1:] if bom else text, encoding, bom, detected=False)

    for bom_bytes, enc in _BOMS:
        if data.startswith(bom_bytes):
            try:
                text = data[len(bom_bytes) :].decode(enc)
            except UnicodeDecodeError:
                break
            return _newlines(text, enc, True, detected=enc != "utf-8")
    if looks_binary(data):
        raise BinaryInputError(f"{name}: looks like a binary file (NUL bytes); skipped.", name)
    try:
        return _newlines(data.decode("utf-8"), "utf-8", False, detected=False)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    guess = _detect(data)
    if guess is not None:
        return _newlines(data.decode(guess), guess, False, detected=True)
    raise InputError(
        f"{name}: is not valid UTF-8 (byte {utf8_error.start}: "
        f"{data[utf8_error.start:utf8_error.start + 1]!r}) and its encoding could not be "
        "detected. Give it with --encoding (for example --encoding cp1252); nothing was written.",
        name,
    )


def _detect(data: bytes) -> str | None:
    from .charsets import detect

    return detect(data)


def _newlines(text: str, encoding: str, bom: bool, detected: bool) -> Decoded:
    # Only a file whose every line break is CRLF is turned into "\n" (and back on output):
    # a file with mixed breaks is left exactly as it is.
    crlf = text.count("\r\n")
    if crlf and crlf == text.count("\n"):
        return Decoded(text.replace("\r\n", "\n"), encoding, bom, "\r\n", detected)
    return Decoded(text, encoding, bom, "\n", detected)


def encode(text: str, like: Decoded, output_encoding: str | None = None) -> bytes:
    """Encode ``text`` in ``like``'s encoding, BOM and newline style (or ``output_encoding``)."""
    if like.newline != "\n":
        text = text.replace("\n", like.newline)
    enc = output_encoding or like.encoding
    same = output_encoding is None or codecs.lookup(output_encoding) == codecs.lookup(like.encoding)
    data = text.encode(enc, errors="strict")
    if like.bom and same:
        for bom_bytes, name in _BOMS:
            if codecs.lookup(name) == codecs.lookup(like.encoding):
                return bom_bytes + data
    return data


def read_file(path: Path, encoding: str | None = None) -> tuple[bytes, Decoded]:
    """Read and decode ``path``; every failure becomes an InputError naming the file."""
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file.", name) from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory.", name) from None
    except PermissionError:
        raise InputError(f"{name}: permission denied.", name) from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc}).", name) from None
    return data, decode(data, name=name, encoding=encoding)


WRITE_CHUNK = 1 << 20

# Temporary files being written right now: removed by :func:`remove_pending` when a signal
# stops the process (KeyboardInterrupt removes them on its way up through atomic_write).
_PENDING: set[str] = set()


def remove_pending() -> None:
    """Delete the temporary files of writes still in progress (for signal handlers)."""
    for tmp in list(_PENDING):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        _PENDING.discard(tmp)


@contextlib.contextmanager
def atomic_open(path: Path, durable: bool = True) -> Iterator[IO[bytes]]:
    """Open a temporary file next to ``path`` for writing; on success it replaces ``path``.

    A symbolic link is kept: the file it points to is replaced. The data are flushed to disk
    before ``os.replace``; permission bits of an existing file are kept. An exception or a
    signal at any moment leaves either the old file or the new one, and no temporary file.
    """
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    directory = path.parent if str(path.parent) else Path(".")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    # Ctrl-C or SIGTERM between the creation of the temporary file and the ``try`` below
    # would leave it behind: hold those signals until the cleanup is in place.
    held = _hold_signals()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".cleantext-tmp", dir=directory)
        _PENDING.add(tmp)
    except BaseException:
        _release_signals(held)
        raise
    try:
        _release_signals(held)
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            if durable:  # survive a power cut, not only a crash: for files that replace others
                os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    finally:
        _PENDING.discard(tmp)


_HELD = {signal.SIGINT, signal.SIGTERM} if hasattr(signal, "pthread_sigmask") else set()


def _hold_signals():
    if not _HELD or threading.current_thread() is not threading.main_thread():
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)


def _release_signals(previous) -> None:
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def atomic_write(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically (see :func:`atomic_open`).

    ``durable=False`` skips the fsync: right for new copies (``--out-dir``), whose loss in a
    power cut costs nothing but a re-run; the user's own files are always synced first.
    """
    with atomic_open(path, durable) as f:
        view = memoryview(data)
        for i in range(0, len(view), WRITE_CHUNK):
            f.write(view[i : i + WRITE_CHUNK])
