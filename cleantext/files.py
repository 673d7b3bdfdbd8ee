"""Which files a run touches: PATH arguments expanded into text files.

Directories are walked recursively in sorted order. Hidden files and directories (a name
starting with a dot) are skipped unless ``hidden`` is set; ``.gitignore`` patterns found in
the walked tree are respected unless ``gitignore`` is off; ``include``/``exclude`` are globs
matched against the path relative to the directory given (and against the bare file name).
Symbolic links are never followed out of the tree they were found in.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

# Files that are never text, recognised by name before reading them.
BINARY_SUFFIXES = frozenset(
    ".png .jpg .jpeg .gif .webp .bmp .ico .tif .tiff .pdf .zip .gz .bz2 .xz .zst .7z .tar "
    ".rar .exe .dll .so .dylib .o .a .class .jar .pyc .pyo .whl .mp3 .mp4 .mov .avi .mkv .wav "
    ".flac .ogg .woff .woff2 .ttf .otf .eot .sqlite .db .bin .dat .parquet .arrow .npy .npz "
    ".pkl .docx .xlsx .pptx .odt".split()
)


def _match_any(rel: str, patterns: Sequence[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    for p in patterns:
        if fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(name, p):
            return True
        if p.endswith("/") and (rel + "/").startswith(p) or fnmatch.fnmatchcase(rel, p.rstrip("/") + "/*"):
            return True
    return False


class _GitIgnore:
    """A small reading of .gitignore: globs, '/'-anchored globs, trailing '/' and '!' negation."""

    def __init__(self, base: Path, lines: list[str]):
        self.base = base
        self.rules: list[tuple[bool, bool, bool, str]] = []  # (negate, dir_only, anchored, glob)
        for raw in lines:
            line = raw.rstrip("\n").rstrip()
            if not line or line.startswith("#"):
                continue
            negate = line.startswith("!")
            if negate:
                line = line[1:]
            dir_only = line.endswith("/")
            line = line.rstrip("/")
            anchored = "/" in line
            self.rules.append((negate, dir_only, anchored, line.lstrip("/")))

    def ignored(self, path: Path, is_dir: bool) -> bool | None:
        try:
            rel = path.relative_to(self.base).as_posix()
        except ValueError:
            return None
        verdict = None
        for negate, dir_only, anchored, glob in self.rules:
            if dir_only and not is_dir:
                continue
            hit = fnmatch.fnmatchcase(rel, glob) if anchored else fnmatch.fnmatchcase(path.name, glob)
            if hit:
                verdict = not negate
        return verdict


def discover(
    paths: Sequence[Path],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    hidden: bool = False,
    gitignore: bool = True,
) -> Iterator[tuple[Path, Path | None]]:
    """Yield ``(file, root)`` for every file to clean; ``root`` is the directory argument it
    was found under (None for a file given directly, which is always yielded)."""
    for p in paths:
        if p.is_dir():
            yield from _walk(p, include, exclude, hidden, gitignore)
        else:
            yield p, None


def _walk(root, include, exclude, hidden, gitignore):
    real_root = os.path.realpath(root)
    stack: list[tuple[Path, list[_GitIgnore]]] = [(root, [])]
    while stack:
        directory, ignores = stack.pop()
        if gitignore:
            gi = directory / ".gitignore"
            if gi.is_file():
                try:
                    ignores = [*ignores, _GitIgnore(directory, gi.read_text("utf-8", "replace").splitlines())]
                except OSError:
                    pass
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError:
            continue
        subdirs = []
        for entry in entries:
            path = Path(entry.path)
            if not hidden and entry.name.startswith("."):
                continue
            if entry.is_symlink():
                target = os.path.realpath(path)
                if not (target == real_root or target.startswith(real_root + os.sep)):
                    continue  # never follow a link out of the tree
                if entry.is_dir():
                    continue  # and never into a directory loop
            is_dir = entry.is_dir()
            if gitignore and _ignored(path, is_dir, ignores):
                continue
            rel = path.relative_to(root).as_posix()
            if is_dir:
                if entry.name == ".git" or (exclude and _match_any(rel, exclude)):
                    continue
                subdirs.append(path)
                continue
            if exclude and _match_any(rel, exclude):
                continue
            if include and not _match_any(rel, include):
                continue
            if path.suffix.lower() in BINARY_SUFFIXES:
                continue
            yield path, root
        for d in reversed(subdirs):
            stack.append((d, ignores))


def _ignored(path: Path, is_dir: bool, ignores: list[_GitIgnore]) -> bool:
    verdict = False
    for gi in ignores:
        v = gi.ignored(path, is_dir)
        if v is not None:
            verdict = v
    return verdict
