"""``regex.compile``, with the compiled patterns kept between runs.

The ``regex`` module compiles in Python: cleantext's ~100 patterns cost ~0.06 s, paid again
by every process (each ``cleantext`` call, a pre-commit hook on one file, every worker of a
batch), which is a quarter of the start-up. A compiled pattern pickles itself as the data
its C constructor takes (the pattern, the flags and the compiled program), and rebuilding it
from that data takes microseconds. :func:`compile` keeps that data in one file of the
per-user cache (:mod:`cleantext.cache`), named after the versions of regex and Python and
checked with a CRC; a missing, damaged or foreign file only means compiling as usual, and
the patterns compiled by a process are added to the file when it exits.

    >>> compile(r"\\p{Lu}\\p{Ll}+").findall("la Russie et la France")
    ['Russie', 'France']
"""

from __future__ import annotations

import atexit
import marshal
import sys
from pathlib import Path
from typing import Any

import regex

from .cache import cache_dir, read_checked, write_checked

_FORMAT = 2  # 2: the CRC line of cleantext.cache
_MAX_ENTRIES = 2000  # patterns of other cleantext versions sharing the file: start afresh

_known: dict[Any, tuple] | None = None  # (pattern, flags, default version) -> pickled data
_new: dict[Any, tuple] = {}


def compile(pattern: str, flags: int = 0) -> regex.Pattern:  # noqa: A001 - regex's own name
    """``regex.compile(pattern, flags)``, rebuilt from the cache when it is there."""
    key = (pattern, int(flags), int(regex.DEFAULT_VERSION))  # plain ints: marshal takes no enums
    data = _load().get(key)
    if data is not None:
        try:
            return _rebuild(data)
        except Exception:  # noqa: BLE001 - a stale or damaged entry: compile it again
            pass
    compiled = regex.compile(pattern, flags)
    data = getattr(compiled, "_pickled_data", None)
    if isinstance(data, tuple) and path() is not None and _marshals((key, data)):
        if not _new:
            atexit.register(save)
        _new[key] = data
    return compiled


def _rebuild(data: tuple) -> regex.Pattern:
    from regex import _regex  # type: ignore[attr-defined]  # what Pattern.__reduce__ names

    return _regex.compile(*data)


def _marshals(data: tuple) -> bool:
    try:
        marshal.dumps(data)
    except ValueError:  # an object marshal cannot write: this pattern is not kept
        return False
    return True


def path() -> Path | None:
    """The cache file for the running versions of regex and Python (None: no cache)."""
    where = cache_dir()
    if where is None:
        return None
    return where / f"regex-{regex.__version__}-{sys.implementation.cache_tag}-{_FORMAT}.bin"


def _load() -> dict[Any, tuple]:
    global _known
    if _known is None:
        _known = {}
        blob = read_checked(path())
        if blob:
            try:
                table = marshal.loads(blob)
            except (EOFError, ValueError, TypeError):
                table = None
            if isinstance(table, dict):
                _known = table
    return _known


def save() -> None:
    """Add the patterns this process compiled to the cache file (run at exit)."""
    if not _new:
        return
    file = path()
    if file is None:
        return
    table = dict(_load()) if len(_load()) + len(_new) <= _MAX_ENTRIES else {}
    table.update(_new)
    _new.clear()
    try:
        body = marshal.dumps(table)
    except ValueError:  # pragma: no cover - every entry was checked when it was added
        return
    write_checked(file, body)
