"""Run the cleaning of a JSONL corpus on a distributed engine (datatrove).

``cleantext --jsonl --engine datatrove IN_DIR --out-dir OUT_DIR --workers N --tasks M`` calls
:func:`run_datatrove`: datatrove's ``JsonlReader`` → :class:`CleantextFormatter` →
``JsonlWriter``, run by its ``LocalPipelineExecutor``. The input files are split between the M
tasks (a file is never split; so use at least as many files as tasks), N tasks run at a time,
and task ``r`` writes ``OUT_DIR/<r:05d>.jsonl``.

Resuming: datatrove marks each finished task in ``LOGGING_DIR/completions/``; a second run with
the same logging directory skips those tasks and redoes only the unfinished ones (whose output
files are rewritten from scratch). The default logging directory is
``OUT_DIR/.datatrove-logs`` (hidden, so not mistaken for data), which makes a plain re-run of
the same command resume. Delete it (or pass another one) to start over.

Output records keep every field of the input record, with the cleaned text under the same key;
an ``id`` field is added when the input has none (``<file>/<line index>``). Records whose text
is missing or empty are dropped by datatrove's reader (it warns once).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .options import Options

DEFAULT_LOG_DIRNAME = ".datatrove-logs"


def default_logging_dir(out_dir: str | Path) -> str:
    return str(Path(out_dir) / DEFAULT_LOG_DIRNAME)


def _record_adapter(text_key: str):
    def adapter(self, document) -> dict:  # bound to the writer by datatrove
        record = {"id": document.id, text_key: document.text}
        record.update(document.metadata)
        return record

    return adapter


def run_datatrove(
    in_dir: str | Path,
    out_dir: str | Path,
    options: Options | dict[str, Any] | None = None,
    workers: int = 1,
    tasks: int = 1,
    logging_dir: str | Path | None = None,
    text_key: str = "text",
    *,
    glob_pattern: str | None = None,
    provenance: bool = False,
) -> int:
    """Clean every JSONL record under ``in_dir`` into ``out_dir`` with datatrove; return 0.

    ``options`` is an :class:`~cleantext.Options` or a mapping of option names (as for
    :func:`cleantext.clean`). ``glob_pattern`` (e.g. ``"**/*.jsonl"``) restricts the input
    files; ``.gz``/``.zst`` inputs are decompressed. Raises ImportError with an install hint if
    datatrove is missing, and whatever datatrove raises if a task fails.
    """
    try:
        from datatrove.executor import LocalPipelineExecutor
        from datatrove.pipeline.readers import JsonlReader
        from datatrove.pipeline.writers import JsonlWriter
    except ImportError as exc:
        raise ImportError(
            "--engine datatrove needs datatrove: pip install 'cleantext[datatrove]'"
        ) from exc
    from .integrations.datatrove import CleantextFormatter

    if isinstance(options, Options):
        mapping = _non_default(options)
    else:
        mapping = dict(options or {})
    if tasks < 1 or workers < 1:
        raise ValueError("tasks and workers must be at least 1")
    log_dir = str(logging_dir) if logging_dir is not None else default_logging_dir(out_dir)
    executor = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(
                str(in_dir),
                text_key=text_key,
                glob_pattern=glob_pattern,
                add_file_path=False,
            ),
            CleantextFormatter(provenance=provenance, **mapping),
            JsonlWriter(
                str(out_dir),
                output_filename="${rank}.jsonl",
                compression=None,
                adapter=_record_adapter(text_key),
            ),
        ],
        tasks=tasks,
        workers=min(workers, tasks),
        logging_dir=log_dir,
    )
    executor.run()
    return 0


_ENGINE_ONLY = {"jsonl", "text_key", "include", "exclude", "hidden", "no_gitignore", "workers",
                "encoding", "output_encoding"}


def _non_default(options: Options) -> dict[str, Any]:
    """The cleaning options that differ from the defaults (I/O settings left out)."""
    default = Options()
    return {
        name: getattr(options, name)
        for name in Options.names()
        if name not in _ENGINE_ONLY and getattr(options, name) != getattr(default, name)
    }
