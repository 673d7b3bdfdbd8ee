"""Which files a run touches: PATH arguments expanded into text files.

* A FILE given on the command line is always cleaned (that is how pre-commit calls us).
* A DIRECTORY is walked recursively in sorted order. Hidden files and directories (a name
  starting with a dot) are skipped unless ``hidden`` is set; ``.gitignore`` files found in the
  walked tree (and in its parent directories up to the repository root) are respected unless
  ``gitignore`` is off; ``.git`` itself is never entered.
* ``include``/``exclude`` are globs matched against the path relative to the directory given
  and against the bare file name; an excluded directory is not entered.
* Symbolic links met while walking are never followed, so a walk cannot leave its tree or
  loop; the files they point to are cleaned through their real path if they are in the tree.
* A file reached twice (the same file under two arguments) is cleaned once.
* Files whose suffix says they are binary (.png, .zip, .pdf, ...) are not even opened.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import regex

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
        if (p.endswith("/") and (rel + "/").startswith(p)) or fnmatch.fnmatchcase(rel, p.rstrip("/") + "/*"):
            return True
    return False


def _glob_regex(glob: str) -> regex.Pattern:
    """A gitignore glob as a regex over a '/'-separated relative path.

    ``*`` and ``?`` stay inside one path segment, ``**`` crosses segments, ``[...]`` is a class.
    """
    out = []
    i, n = 0, len(glob)
    while i < n:
        c = glob[i]
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("/**", i) and i + 3 == n:
            out.append("/.*")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            j = glob.find("]", i + 2)
            if j < 0:
                out.append(regex.escape(c))
                i += 1
            else:
                body = glob[i + 1 : j].replace("\\", "\\\\")
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = j + 1
        elif c == "\\" and i + 1 < n:
            out.append(regex.escape(glob[i + 1]))
            i += 2
        else:
            out.append(regex.escape(c))
            i += 1
    return regex.compile("".join(out) + r"\Z", regex.DOTALL)


class GitIgnore:
    """One .gitignore file: globs, '/'-anchored globs, '**', trailing '/' and '!' negation."""

    def __init__(self, base: Path, lines: Iterable[str]):
        self.base = base
        self.rules: list[tuple[bool, bool, bool, regex.Pattern]] = []  # negate, dir_only, anchored, re
        for raw in lines:
            line = raw.rstrip("\n")
            if not line.endswith("\\ "):
                line = line.rstrip()
            if not line or line.startswith("#"):
                continue
            negate = line.startswith("!")
            if negate:
                line = line[1:]
            elif line.startswith("\\"):
                line = line[1:]
            dir_only = line.endswith("/")
            line = line.rstrip("/")
            if not line:
                continue
            anchored = "/" in line
            self.rules.append((negate, dir_only, anchored, _glob_regex(line.lstrip("/"))))

    def ignored(self, rel: str, is_dir: bool) -> bool | None:
        """True/False if a rule decides for ``rel`` (relative to ``base``), None if none does."""
        name = rel.rsplit("/", 1)[-1]
        verdict = None
        for negate, dir_only, anchored, pattern in self.rules:
            if dir_only and not is_dir:
                continue
            if pattern.match(rel if anchored else name):
                verdict = not negate
        return verdict


def _read_ignore(directory: Path) -> GitIgnore | None:
    gi = directory / ".gitignore"
    try:
        if gi.is_file():
            return GitIgnore(directory, gi.read_text("utf-8", "replace").splitlines())
    except OSError:
        pass
    return None


def _parent_ignores(root: Path) -> list[GitIgnore]:
    """The .gitignore files above ``root`` up to the repository root (the directory with .git)."""
    real = Path(os.path.realpath(root))
    if (real / ".git").exists():
        return []
    chain = []
    for d in real.parents:
        chain.append(d)
        if (d / ".git").exists():
            break
    else:
        return []  # not inside a repository: the parents' .gitignore files are not ours
    ignores = [_read_ignore(d) for d in reversed(chain)]
    return [g for g in ignores if g is not None]


def _ignored(path: Path, is_dir: bool, ignores: list[GitIgnore]) -> bool:
    verdict = False
    real = None
    for gi in ignores:
        try:
            rel = path.relative_to(gi.base).as_posix()
        except ValueError:
            real = real or Path(os.path.realpath(path))
            try:
                rel = real.relative_to(gi.base).as_posix()
            except ValueError:
                continue
        v = gi.ignored(rel, is_dir)
        if v is not None:
            verdict = v
    return verdict


def discover(
    paths: Sequence[Path],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    hidden: bool = False,
    gitignore: bool = True,
    skip_dirs: Sequence[Path] = (),
    compressed: bool = False,
) -> Iterator[tuple[Path, Path | None]]:
    """Yield ``(file, root)`` for every file to clean; ``root`` is the directory argument it
    was found under (None for a file given directly, which is always yielded).

    ``skip_dirs`` are never entered (the --out-dir, when it lies inside an input tree);
    ``compressed`` lets ``.gz`` files through (JSONL mode reads them).
    """
    seen: set[str] = set()
    skip = {os.path.realpath(d) for d in skip_dirs}
    for p in paths:
        if p.is_dir():
            items: Iterable[tuple[Path, Path | None]] = _walk(p, include, exclude, hidden, gitignore, skip, compressed)
        else:
            items = [(p, None)]
        for path, root in items:
            key = os.path.realpath(path)
            if key in seen:
                continue
            seen.add(key)
            yield path, root


def _walk(root: Path, include, exclude, hidden: bool, gitignore: bool, skip: set[str], compressed: bool):
    base = _parent_ignores(root) if gitignore else []
    stack: list[tuple[Path, list[GitIgnore]]] = [(root, base)]
    while stack:
        directory, ignores = stack.pop()
        if gitignore:
            gi = _read_ignore(directory)
            if gi is not None:
                ignores = [*ignores, gi]
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError:
            continue
        subdirs = []
        for entry in entries:
            if entry.name == ".git" or (not hidden and entry.name.startswith(".")):
                continue
            if entry.is_symlink():
                continue  # never followed: no way out of the tree, no loops
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if gitignore and _ignored(path, is_dir, ignores):
                continue
            rel = path.relative_to(root).as_posix()
            if is_dir:
                if (exclude and _match_any(rel, exclude)) or os.path.realpath(path) in skip:
                    continue
                subdirs.append(path)
                continue
            if not entry.is_file(follow_symlinks=False):
                continue  # sockets, fifos, devices
            if exclude and _match_any(rel, exclude):
                continue
            if include and not _match_any(rel, include):
                continue
            suffix = path.suffix.lower()
            if suffix in BINARY_SUFFIXES and not (compressed and suffix == ".gz"):
                continue
            yield path, root
        for d in reversed(subdirs):
            stack.append((d, ignores))
