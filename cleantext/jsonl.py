"""JSON Lines: clean one field of each record, keep everything else, stream.

A record is read, cleaned and written before the next one is read, so memory stays flat
however large the input. A line that is not valid JSON, or a record without the text key
(or whose value is not a string), is passed through byte for byte and reported with its
line number. Unchanged records are also written back byte for byte; a changed record is
re-serialised with its keys in their original order. ``.gz`` inputs and outputs are
(de)compressed on the fly: gzip input is recognised by its content (a file or stdin),
and output is compressed when its name ends in ``.gz``; stdout is always plain JSONL.

With ``-j N`` (N > 1; the default is the number of CPUs) a large file or stdin is cleaned by N
worker processes: batches of lines go out, at most ``2 N`` batches are in flight (so memory
stays bounded), and the output keeps the input order and line numbers.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from .io import InputError, atomic_open
from .options import Options
from .pipeline import Pipeline
from .report import Report
from .runner import WriteMode, out_path, pipeline_for

MAX_LISTED = 20  # passed-through lines listed one by one per file; the rest are counted


@dataclass
class JsonlStats:
    records: int = 0
    changed: int = 0
    passed: int = 0  # lines passed through unchanged (not JSON, or no text key)
    passed_through: list[tuple[int, str]] = field(default_factory=list)  # the first MAX_LISTED (line, why)

    def pass_through(self, line: int, why: str) -> None:
        self.passed += 1
        if len(self.passed_through) < MAX_LISTED:
            self.passed_through.append((line, why))


# What happened to one line: ("blank"|"pass"|"record", detail). For a record, detail is
# (changed, counts per pass, Cleaned or None); for a passed-through line, the reason.
LineInfo = tuple[str, object]


def clean_line(raw: bytes, pipeline: Pipeline, text_key: str, keep: bool = True) -> tuple[bytes, LineInfo]:
    """The output for one input line (keeping its line ending) and what happened to it."""
    body = raw.rstrip(b"\r\n")
    ending = raw[len(body) :]
    if not body.strip():
        return raw, ("blank", None)
    try:
        record = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return raw, ("pass", f"not valid JSON ({_why(exc)})")
    except RecursionError:
        return raw, ("pass", "not valid JSON (nested too deeply)")
    if not isinstance(record, dict) or not isinstance(record.get(text_key), str):
        return raw, ("pass", f"no string field {text_key!r}")
    try:
        cleaned = pipeline.run(record[text_key])
    except Exception as exc:  # a bug in a pass must not lose the corpus  # noqa: BLE001
        return raw, ("pass", f"internal error while cleaning ({type(exc).__name__}: {exc})")
    info = ("record", (cleaned.changed, cleaned.counts() if cleaned.changed else {}, cleaned if keep else None))
    if not cleaned.changed:
        return raw, info
    record[text_key] = cleaned.text
    compact = b'":' in body and b'": ' not in body
    separators = (",", ":") if compact else (", ", ": ")
    try:
        out = json.dumps(record, ensure_ascii=False, separators=separators).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (escaped in the input): keep it escaped
        out = json.dumps(record, ensure_ascii=True, separators=separators).encode("utf-8")
    return out + (ending or b"\n"), info


def _account(n: int, info: LineInfo, stats: JsonlStats, on_record) -> None:
    kind, detail = info
    if kind == "pass":
        stats.pass_through(n, str(detail))
    elif kind == "record":
        changed, counts, cleaned = detail  # type: ignore[misc]
        stats.records += 1
        stats.changed += bool(changed)
        if on_record is not None:
            on_record(n, changed, counts, cleaned)


def clean_lines(
    lines: Iterator[bytes], pipeline: Pipeline, text_key: str, stats: JsonlStats, on_record=None, keep: bool = True
) -> Iterator[bytes]:
    """Yield the output line for each input line, in one process.

    ``on_record(line_number, changed, counts, cleaned_or_None)`` is called for each record.
    """
    for n, raw in enumerate(lines, 1):
        out, info = clean_line(raw, pipeline, text_key, keep)
        _account(n, info, stats, on_record)
        yield out


# --- the same with worker processes: batches of lines, a bounded window, results in order ---

BATCH_BYTES = 1 << 20
PARALLEL_MIN_BYTES = 4 << 20  # smaller files are not worth starting processes for
BATCH_LINES = 512
_W: tuple[Pipeline, str, bool] | None = None


def _init_jsonl_worker(options: Options, text_key: str, keep: bool) -> None:
    global _W
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    _W = (Pipeline(options), text_key, keep)


def _clean_batch(batch: list[bytes]) -> list[tuple[bytes, LineInfo]]:
    assert _W is not None
    pipeline, text_key, keep = _W
    return [clean_line(raw, pipeline, text_key, keep) for raw in batch]


def _batches(lines: Iterator[bytes]) -> Iterator[list[bytes]]:
    batch: list[bytes] = []
    size = 0
    for raw in lines:
        batch.append(raw)
        size += len(raw)
        if size >= BATCH_BYTES or len(batch) >= BATCH_LINES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def clean_lines_parallel(
    lines: Iterator[bytes], options: Options, text_key: str, stats: JsonlStats, workers: int, on_record=None, keep: bool = True
) -> Iterator[bytes]:
    """Like :func:`clean_lines`, with ``workers`` processes. At most ``2 * workers`` batches
    are in flight, so memory stays bounded; output lines come in input order."""
    pool = multiprocessing.get_context().Pool(workers, initializer=_init_jsonl_worker, initargs=(options, text_key, keep))
    try:
        window: deque = deque()
        n = 0

        def drain():
            nonlocal n
            for out, info in window.popleft().get():
                n += 1
                _account(n, info, stats, on_record)
                yield out

        for batch in _batches(lines):
            window.append(pool.apply_async(_clean_batch, (batch,)))
            if len(window) >= 2 * workers:
                yield from drain()
        while window:
            yield from drain()
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _why(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8"
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at column {exc.colno}"
    return type(exc).__name__


GZIP_MAGIC = b"\x1f\x8b"


def _is_gzip(raw: IO[bytes]) -> bool:
    """Whether a buffered binary stream starts with the gzip magic (without consuming it)."""
    peek = getattr(raw, "peek", None)
    head = peek(2)[:2] if peek is not None else b""
    return head == GZIP_MAGIC


def _open_in(raw: IO[bytes]) -> IO[bytes]:
    """The decompressed view of ``raw`` if it is gzip (by content, not by name), else ``raw``."""
    return gzip.GzipFile(fileobj=raw, mode="rb") if _is_gzip(raw) else raw


def _write_stream(target: Path, chunks: Iterator[bytes], gz: bool) -> None:
    """Stream ``chunks`` into ``target`` atomically (temp file in the same directory)."""
    with atomic_open(target) as raw:
        if gz:
            with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
                for chunk in chunks:
                    f.write(chunk)
        else:
            for chunk in chunks:
                raw.write(chunk)


def run_jsonl(paths, use_stdin, options: Options, mode, output, out_dir, report: Report, show, quiet, err) -> int:
    from .files import discover
    from .progress import Bar

    pipeline = pipeline_for(options)
    sources: list[tuple[str, Path | None, Path | None]] = []
    if use_stdin:
        sources.append(("<stdin>", None, None))
    else:
        skip = [out_dir] if out_dir is not None else []
        found = discover(paths, options.include, options.exclude, options.hidden, not options.no_gitignore, skip, compressed=True)
        for path, root in found:
            sources.append((str(path), path, root))
    total = 0
    for _name, path, _root in sources:
        with contextlib.suppress(OSError):
            total += path.stat().st_size if path is not None else 0
    bar = Bar(err, total, len(sources) if len(sources) > 1 else None, enabled=not quiet and total > 0, label="records")
    showing = show.diff or show.explain or show.verbose
    workers = options.workers or os.cpu_count() or 1
    try:
        for name, path, root in sources:
            _one_source(name, path, root, pipeline, options, mode, output, out_dir, report, show, showing, quiet, err, bar, workers)
    finally:
        bar.close()
    if not quiet and len(sources) > 1:
        verb = "would be changed" if mode is WriteMode.NOTHING else "changed"
        err.print(report.summary(verb), markup=False)
    return report.exit_code


def _one_source(name, path, root, pipeline, options, mode, output, out_dir, report, show, showing, quiet, err, bar, workers) -> None:
    stats = JsonlStats()
    done_before = bar.bytes

    def on_record(n, changed, counts, cleaned, raw=None):
        if changed:
            report.per_pass.update(counts)
        if showing and cleaned is not None and (cleaned.changed or cleaned.steps):
            show.document(f"{name}:{n}", cleaned)
        if raw is not None and n % 64 == 0:
            with contextlib.suppress(OSError, ValueError):
                bar.advance(0, done_before + raw.tell() - bar.bytes)

    try:
        raw_in = sys.stdin.buffer if path is None else open(path, "rb")  # noqa: SIM115
        with contextlib.ExitStack() as stack:
            if path is not None:
                stack.enter_context(raw_in)
            f = _open_in(raw_in)
            if f is not raw_in:
                stack.enter_context(f)
            tracked = raw_in if path is not None else None
            def callback(n, changed, counts, cleaned):
                on_record(n, changed, counts, cleaned, tracked)

            if workers > 1 and (path is None or _size(path) >= PARALLEL_MIN_BYTES):
                lines = clean_lines_parallel(iter(f), options, options.text_key, stats, workers, callback, showing)
            else:
                lines = clean_lines(iter(f), pipeline, options.text_key, stats, callback, showing)
            if mode is WriteMode.STDOUT:
                out = sys.stdout.buffer
                for chunk in lines:
                    out.write(chunk)
                out.flush()
            elif mode is WriteMode.NOTHING:
                for _ in lines:
                    pass
            else:
                if mode is WriteMode.IN_PLACE:
                    target = path
                elif mode is WriteMode.OUTPUT:
                    target = output
                else:
                    target = out_path(path, root, out_dir)
                    target.parent.mkdir(parents=True, exist_ok=True)
                _write_stream(Path(target), lines, str(target).endswith(".gz"))
    except (OSError, EOFError, gzip.BadGzipFile, InputError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        report.failure(f"{name}: cannot be processed ({why}); left as it was.")
        err.print(f"error: {report.errors[-1]}", markup=False)
        return
    finally:
        if path is not None:
            with contextlib.suppress(OSError):
                bar.advance(1, done_before + path.stat().st_size - bar.bytes)
    report.done(stats.changed > 0)
    if not quiet:
        for n, why in stats.passed_through:
            err.print(f"{name}:{n}: passed through unchanged: {why}", markup=False)
        if stats.passed > len(stats.passed_through):
            err.print(f"{name}: ... and {stats.passed - len(stats.passed_through)} more lines passed through", markup=False)
        if mode is not WriteMode.STDOUT or stats.passed:
            verb = "would change" if mode is WriteMode.NOTHING else "changed"
            err.print(
                f"{name}: {stats.records} records, {stats.changed} {verb}, "
                f"{stats.passed} passed through unchanged", markup=False,
            )
