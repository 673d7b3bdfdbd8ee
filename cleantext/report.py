"""Report: what happened to each input, and the exit code that follows from it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # nothing to change, or done
    CHANGES = 1  # --check or --diff found something to change
    ERROR = 2  # usage, config or input error
    INTERRUPTED = 130


@dataclass
class Report:
    """Counts per file and per pass; ``exit_code`` derives the process status from them."""

    check: bool = False  # --check / --diff: changes are "findings"
    changed: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    per_pass: Counter = field(default_factory=Counter)
    notes: int = 0
    bytes_in: int = 0
    errors: list[str] = field(default_factory=list)
    skips: list[str] = field(default_factory=list)

    def done(self, changed: bool, counts: dict[str, int] | None = None, notes: int = 0) -> None:
        if changed:
            self.changed += 1
        else:
            self.unchanged += 1
        if counts:
            self.per_pass.update(counts)
        self.notes += notes

    def failure(self, message: str) -> None:
        self.failed += 1
        self.errors.append(message)

    def skip(self, message: str) -> None:
        self.skipped += 1
        self.skips.append(message)

    def merge(self, other: Report) -> None:
        self.changed += other.changed
        self.unchanged += other.unchanged
        self.skipped += other.skipped
        self.failed += other.failed
        self.per_pass.update(other.per_pass)
        self.notes += other.notes
        self.bytes_in += other.bytes_in
        self.errors.extend(other.errors)
        self.skips.extend(other.skips)

    @property
    def total(self) -> int:
        return self.changed + self.unchanged + self.skipped + self.failed

    @property
    def exit_code(self) -> ExitCode:
        if self.failed:
            return ExitCode.ERROR
        if self.check and self.changed:
            return ExitCode.CHANGES
        return ExitCode.OK

    def summary(self, verb_changed: str = "changed", unit: str = "file") -> str:
        """``3 files changed, 10 unchanged, 1 skipped, 0 failed; changes per pass: whitespace 12``."""
        plural = unit if self.changed == 1 else unit + "s"
        text = (
            f"{self.changed} {plural} {verb_changed}, {self.unchanged} unchanged, "
            f"{self.skipped} skipped, {self.failed} failed"
        )
        if self.per_pass:
            text += "; changes per pass: " + ", ".join(f"{k} {v}" for k, v in sorted(self.per_pass.items()))
        if self.notes:
            text += f"; {self.notes} {'thing' if self.notes == 1 else 'things'} noticed and left as they were"
        return text
