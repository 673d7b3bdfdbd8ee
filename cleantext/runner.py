"""Clean one input or many: read, decode, run the pipeline, write (or not), report.

The CLI decides *what* to do (a :class:`Job`); this module does it, one file at a time or in
a process pool, and turns every per-file failure into an :class:`Outcome` instead of an
exception, so that one bad file never stops a batch.

Workers receive paths, never texts: each reads, cleans and writes its own file and sends back
a small Outcome (the texts only when --diff/--explain need them). Results come back in input
order. On Ctrl-C (or SIGTERM) the workers are stopped at once; a worker stopped while writing
removes its temporary file, so no partial output is ever left.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from . import io as tio
from .model import Cleaned
from .options import Options
from .pipeline import pipeline_for


class WriteMode(Enum):
    STDOUT = "stdout"  # print the cleaned text
    IN_PLACE = "in-place"  # rewrite each file atomically
    OUTPUT = "output"  # one input to one named file
    OUT_DIR = "out-dir"  # mirror the inputs under a directory
    NOTHING = "nothing"  # --check, --diff, --explain on their own


@dataclass(frozen=True, slots=True)
class Job:
    mode: WriteMode
    options: Options
    output: Path | None = None
    out_dir: Path | None = None
    keep_text: bool = True  # send texts back from workers (needed for diff/explain)


@dataclass(slots=True)
class Outcome:
    name: str
    cleaned: Cleaned | None = None
    decoded: tio.Decoded | None = None
    error: str | None = None
    skipped: str | None = None
    written: Path | None = None
    data: bytes | None = None  # encoded output (STDOUT mode)
    size: int = 0
    encoding: str | None = None  # the input's encoding
    detected: bool = False  # ... guessed (not UTF-8, not forced)
    counts: dict | None = None
    notes: int = 0
    changed: bool = False


def out_path(path: Path, root: Path | None, out_dir: Path) -> Path:
    """Where ``path`` goes under ``out_dir``: the same relative path as under ``root``.

    Raises InputError if the result would leave ``out_dir`` (``..`` or links in the way).
    """
    if root is not None:
        rel = path.relative_to(root)
    elif not path.is_absolute() and ".." not in path.parts:
        rel = path  # a file named on the command line keeps its relative path
    else:
        rel = Path(path.name)
    target = (out_dir / rel).resolve()
    base = out_dir.resolve()
    if target != base and base not in target.parents:
        raise tio.InputError(f"{path}: would be written outside {out_dir}; skipped.", str(path))
    return target


def clean_file(path: Path, root: Path | None, job: Job) -> Outcome:
    """Clean one file as ``job`` says. Never raises for a problem with this one file."""
    name = str(path)
    out = Outcome(name)
    try:
        data, decoded = tio.read_file(path, job.options.encoding)
    except tio.BinaryInputError as exc:
        out.skipped = str(exc)
        return out
    except tio.InputError as exc:
        out.error = str(exc)
        return out
    out.size = len(data)
    out.encoding, out.detected = decoded.encoding, decoded.detected
    if job.keep_text:
        out.decoded = decoded
    try:
        cleaned = pipeline_for(job.options).run(decoded.text)
    except Exception as exc:  # a bug in a pass must not lose the batch  # noqa: BLE001
        out.error = f"{name}: internal error while cleaning ({type(exc).__name__}: {exc}); file left as it was."
        return out
    out.changed = cleaned.changed
    out.counts = cleaned.counts()
    out.notes = sum(len(s.notes) for s in cleaned.steps)
    if job.keep_text:
        out.cleaned = cleaned
    try:
        new_data = tio.encode(cleaned.text, decoded, job.options.output_encoding)
    except UnicodeEncodeError as exc:
        out.error = (
            f"{name}: the cleaned text cannot be written back as {decoded.encoding} "
            f"({exc.reason}); use --output-encoding utf-8. Nothing was written."
        )
        return out
    out.changed = new_data != data
    try:
        if job.mode is WriteMode.IN_PLACE:
            if out.changed:
                tio.atomic_write(path, new_data)
                out.written = path
        elif job.mode is WriteMode.OUT_DIR:
            assert job.out_dir is not None
            target = out_path(path, root, job.out_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            tio.atomic_write(target, new_data, durable=False)
            out.written = target
        elif job.mode is WriteMode.OUTPUT:
            assert job.output is not None
            tio.atomic_write(job.output, new_data)
            out.written = job.output
        elif job.mode is WriteMode.STDOUT:
            out.data = new_data
    except tio.InputError as exc:
        out.error = str(exc)
    except OSError as exc:
        out.error = f"{name}: cannot write the result ({exc.strerror or exc}); the input is untouched."
    return out


_JOB: Job | None = None
ExitInterrupted = 130


def _on_term_in_worker(signum, frame) -> None:  # pragma: no cover - runs in a worker process
    tio.remove_pending()
    os._exit(ExitInterrupted)


def _worker_init(job: Job) -> None:
    global _JOB
    _JOB = job
    # The parent decides when to stop (Ctrl-C reaches the whole process group); it then
    # terminates the workers with SIGTERM, and a worker caught writing removes its temp file.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_term_in_worker)


def _worker(item: tuple[Path, Path | None]) -> Outcome:
    assert _JOB is not None
    return clean_file(item[0], item[1], _JOB)


def _batch_worker(batch: list[tuple[int, tuple[Path, Path | None]]]) -> list[tuple[int, Outcome]]:
    return [(i, _worker(item)) for i, item in batch]


def batches(sizes: list[int], order: list[int], workers: int) -> list[list[int]]:
    """Indices in ``order`` grouped into tasks for the pool. A file of at least ``target``
    bytes (1/32 of a worker's share) is a task of its own; smaller ones are grouped up to that
    size (at most 64 files): one message per file cost the parent as much CPU as a tenth of
    a worker's, on a directory of small files."""
    target = max(16_384, sum(sizes) // (workers * 32))
    out: list[list[int]] = []
    group: list[int] = []
    weight = 0
    for i in order:
        group.append(i)
        weight += sizes[i]
        if weight >= target or len(group) >= 64:
            out.append(group)
            group, weight = [], 0
    if group:
        out.append(group)
    return out


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def worker_count(workers: int | None, n_items: int) -> int:
    n = workers or os.cpu_count() or 1
    return max(1, min(n, n_items))


def clean_files(items: Iterable[tuple[Path, Path | None]], job: Job, workers: int | None = None) -> Iterator[Outcome]:
    """Clean many files, yielding outcomes in input order. With one worker, no pool at all."""
    items = list(items)
    n = worker_count(workers, len(items))
    if n == 1:
        for item in items:
            yield clean_file(item[0], item[1], job)
        return
    # Build the pipeline before the workers fork, so that each starts with its regexes
    # compiled and its modules imported instead of doing it again.
    pipeline_for(job.options).run("warm-up: l'été, 2024")
    # The largest files go first, so that no worker is left alone with a big file at the
    # end; the results still come out in input order.
    sizes = [_size(path) for path, _root in items]
    order = sorted(range(len(items)), key=lambda i: -sizes[i])
    tasks = ([(i, items[i]) for i in group] for group in batches(sizes, order, n))
    # What exists when the workers fork is frozen for them, so that their garbage
    # collections do not touch (and copy) the pages they share with this process; this
    # process unfreezes at once (a library caller's later cycles must still be collected).
    gc.freeze()
    try:
        pool = multiprocessing.get_context().Pool(n, initializer=_worker_init, initargs=(job,))
    finally:
        gc.unfreeze()
    try:
        done: dict[int, Outcome] = {}
        next_index = 0
        for results in pool.imap_unordered(_batch_worker, tasks):
            done.update(results)
            while next_index in done:
                yield done.pop(next_index)
                next_index += 1
        pool.close()
    except BaseException:  # Ctrl-C, SIGTERM, or the consumer stopped early
        pool.terminate()
        raise
    finally:
        pool.join()


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Within the block, SIGTERM behaves like Ctrl-C (KeyboardInterrupt), so that a killed
    run cleans up its temporary files the same way."""

    def on_term(signum, frame):
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, on_term)
    except ValueError:  # not in the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
