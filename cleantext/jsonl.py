"""JSON Lines: clean one field of each record, keep everything else, stream.

A record is read, cleaned and written before the next one is read, so memory stays flat
however large the input. A line that is not valid JSON, or a record without the text key
(or whose value is not a string), is passed through byte for byte and reported with its
line number. Unchanged records are also written back byte for byte; a changed record is
re-serialised with its keys in their original order. ``.gz`` inputs and outputs are
(de)compressed on the fly.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from .options import Options
from .pipeline import Pipeline
from .report import Report
from .runner import WriteMode, out_path, pipeline_for


@dataclass
class JsonlStats:
    records: int = 0
    changed: int = 0
    passed_through: list[tuple[int, str]] = field(default_factory=list)  # (line, why)


def clean_lines(
    lines: Iterator[bytes], pipeline: Pipeline, text_key: str, stats: JsonlStats, on_record=None
) -> Iterator[bytes]:
    """Yield the output line for each input line (each keeps its line ending)."""
    for n, raw in enumerate(lines, 1):
        body = raw.rstrip(b"\r\n")
        ending = raw[len(body) :]
        if not body.strip():
            yield raw
            continue
        try:
            record = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            stats.passed_through.append((n, f"not valid JSON ({exc.__class__.__name__})"))
            yield raw
            continue
        if not isinstance(record, dict) or not isinstance(record.get(text_key), str):
            stats.passed_through.append((n, f"no string field {text_key!r}"))
            yield raw
            continue
        stats.records += 1
        cleaned = pipeline.run(record[text_key])
        if on_record is not None:
            on_record(n, cleaned)
        if not cleaned.changed:
            yield raw
            continue
        stats.changed += 1
        record[text_key] = cleaned.text
        compact = b'":' in body and b'": ' not in body
        separators = (",", ":") if compact else (", ", ": ")
        yield json.dumps(record, ensure_ascii=False, separators=separators).encode("utf-8") + (ending or b"\n")


def _open_in(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")


def _write_stream(target: Path, chunks: Iterator[bytes], gz: bool) -> None:
    """Stream ``chunks`` into ``target`` atomically (temp file in the same directory)."""
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".cleantext-tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as raw:
            f = gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) if gz else raw
            for chunk in chunks:
                f.write(chunk)
            if gz:
                f.close()
            raw.flush()
            os.fsync(raw.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp, os.stat(target).st_mode & 0o7777)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def run_jsonl(paths, use_stdin, options: Options, mode, output, out_dir, report: Report, show, quiet, err) -> int:
    from .files import discover

    pipeline = pipeline_for(options)
    sources: list[tuple[str, Path | None, Path | None]] = []
    if use_stdin:
        sources.append(("<stdin>", None, None))
    else:
        for path, root in discover(paths, options.include, options.exclude, options.hidden, not options.no_gitignore):
            sources.append((str(path), path, root))

    for name, path, root in sources:
        stats = JsonlStats()

        def on_record(n, cleaned, name=name):
            if cleaned.changed or cleaned.steps:
                report.per_pass.update(cleaned.counts())
                show.document(f"{name}:{n}", cleaned)

        try:
            stream = sys.stdin.buffer if path is None else _open_in(path)
            with stream if path is not None else contextlib.nullcontext(stream) as f:
                lines = clean_lines(iter(f), pipeline, options.text_key, stats, on_record)
                if mode is WriteMode.STDOUT:
                    for chunk in lines:
                        sys.stdout.buffer.write(chunk)
                    sys.stdout.flush()
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
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            report.failure(f"{name}: cannot be processed ({exc}); left as it was.")
            err.print(f"error: {report.errors[-1]}", markup=False)
            continue
        report.done(stats.changed > 0)
        for n, why in stats.passed_through:
            if not quiet:
                err.print(f"{name}:{n}: passed through unchanged: {why}", markup=False)
        if not quiet and (mode is not WriteMode.STDOUT or stats.passed_through):
            err.print(
                f"{name}: {stats.records} records, {stats.changed} changed, "
                f"{len(stats.passed_through)} passed through", markup=False,
            )
    return report.exit_code
