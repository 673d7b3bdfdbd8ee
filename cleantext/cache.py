"""The per-user cache directory: derived data that makes start-up fast, never needed.

Three things live there, each rebuilt when missing, damaged or made by other versions:

* ``large_<lang>-….lex``: a wordfreq frequency table in a form that loads in milliseconds
  (:mod:`cleantext.lexicon`);
* ``regex-….bin``: compiled ``regex`` patterns (:mod:`cleantext.rx`);
* ``mojibake-sieve-….re``: the mojibake pass's whole-text test, derived from the installed
  ftfy, so that clean text is cleaned without importing ftfy (:mod:`cleantext.mojibake_pairs`).

``CLEANTEXT_CACHE_DIR`` moves it (empty, ``off``, ``none`` or ``0``: no cache at all);
otherwise it is ``$XDG_CACHE_HOME/cleantext`` or ``~/.cache/cleantext``.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def cache_dir() -> Path | None:
    """Where derived data is kept, or None when there is no such place (or it is off)."""
    own = os.environ.get("CLEANTEXT_CACHE_DIR")
    if own is not None:
        return None if own.strip().lower() in ("", "off", "none", "0") else Path(own)
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec says to ignore a relative path
        try:
            base = os.path.join(Path.home(), ".cache")
        except (RuntimeError, KeyError, OSError):  # no home directory
            return None
    return Path(base) / "cleantext"


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a temporary file and a rename, so that a reader
    never sees half a file; on any error, write nothing and return False (a cache only
    saves time)."""
    import tempfile  # only here: importing it costs a few ms

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
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
