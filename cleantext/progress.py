"""A progress bar for long runs: files and megabytes done, rate and time left.

It appears only on a terminal, never with -q, and only once a run has lasted a moment
(``DELAY`` seconds), so short runs print nothing but their summary. Messages printed on the
same console while it is shown scroll above it.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from .console import real

if TYPE_CHECKING:  # pragma: no cover - rich is imported when a bar is shown
    from rich.console import Console
    from rich.progress import Progress

DELAY = 1.0


class Bar:
    """``advance(files, nbytes)`` after each file (or chunk); ``close()`` at the end."""

    def __init__(self, console: Console, total_bytes: int, total_files: int | None, enabled: bool, label: str = "cleaning"):
        self.console = console
        self.enabled = enabled and console.is_terminal
        self.total_bytes = total_bytes
        self.total_files = total_files
        self.label = label
        self.files = 0
        self.bytes = 0
        self.started = time.monotonic()
        self._progress: Progress | None = None
        self._bytes_task = None
        self._files_task = None

    def _start(self) -> None:
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=real(self.console),  # rich uses it as a context manager
            transient=True,
        )
        self._task = self._progress.add_task(self.label, total=self.total_bytes or None, completed=self.bytes)
        self._progress.start()

    def advance(self, files: int = 0, nbytes: int = 0) -> None:
        self.files += files
        self.bytes += nbytes
        if not self.enabled:
            return
        if self._progress is None:
            if time.monotonic() - self.started < DELAY:
                return
            self._start()
        assert self._progress is not None
        desc = f"{self.label} {self.files}/{self.total_files} files" if self.total_files else self.label
        self._progress.update(self._task, completed=self.bytes, description=desc)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
