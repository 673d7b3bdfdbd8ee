"""The per-user cache directory: derived data that makes start-up fast, never needed.

Three things live there, each rebuilt when missing, damaged or made by other versions:

* ``large_<lang>-….lex``: a wordfreq frequency table in a form that loads in milliseconds
  (:mod:`cleantext.lexicon`);
* ``regex-….bin``: compiled ``regex`` patterns (:mod:`cleantext.rx`);
* ``mojibake-sieve-….re``: the mojibake pass's whole-text test, derived from the installed
  ftfy, so that clean text is cleaned without importing ftfy (:mod:`cleantext.mojibake_pairs`).

``CLEANTEXT_CACHE_DIR`` moves it (empty, ``off``, ``none`` or ``0``: no cache at all);
otherwise it is ``$XDG_CACHE_HOME/cleantext`` or ``~/.cache/cleantext``. The directory is
made readable by its owner only, and files that others could have written are not used.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def cache_dir() -> Path | None:
    """Where derived data is kept, or None when there is no such place (or it is off).
    Relative paths are ignored, as the XDG specification says (they would move with the
    working directory); ``~`` is expanded."""
    own = os.environ.get("CLEANTEXT_CACHE_DIR")
    if own is not None:
        if own.strip().lower() in ("", "off", "none", "0"):
            return None
        own = os.path.expanduser(own)
        if os.path.isabs(own):
            return Path(own)
    base = os.path.expanduser(os.environ.get("XDG_CACHE_HOME", ""))
    if not os.path.isabs(base):  # the XDG spec says to ignore a relative path
        try:
            base = os.path.join(Path.home(), ".cache")
        except (RuntimeError, KeyError, OSError):  # no home directory
            return None
    return Path(base) / "cleantext"


def trusted(path: Path) -> bool:
    """Whether a cache file may be used: it and its directory belong to this user and only
    this user can write them. The files hold compiled programs and patterns that are used
    as they are; in a directory shared with others, someone could plant one."""
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: per-user profile directories
        return True
    uid = os.getuid()
    try:
        for st in (os.stat(path.parent), os.stat(path)):
            if st.st_uid != uid or st.st_mode & 0o022:
                return False
    except OSError:
        return False
    return True


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a temporary file and a rename, so that a reader
    never sees half a file; on any error, write nothing and return False (a cache only
    saves time)."""
    import tempfile  # only here: importing it costs a few ms

    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)  # a file only we can read
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        return True
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False


def write_checked(path: Path, payload: bytes) -> bool:
    """:func:`write_atomic` of ``payload`` behind a line with its CRC."""
    import zlib

    return write_atomic(path, b"%08x\n" % zlib.crc32(payload) + payload)


def read_checked(path: Path | None) -> bytes | None:
    """What :func:`write_checked` wrote to ``path``, or None if the file is missing, not
    :func:`trusted`, or damaged."""
    import zlib

    if path is None or not trusted(path):
        return None
    try:
        crc, _, payload = path.read_bytes().partition(b"\n")
    except OSError:
        return None
    return payload if crc == b"%08x" % zlib.crc32(payload) else None
