"""A rich Console made on first use.

Importing rich costs ~0.02 s, which a run with nothing to print (a pre-commit hook, a batch
with ``-q``, a worker) should not pay. :class:`LazyConsole` takes a Console's settings and
builds the Console when something is first asked of it; code that hands the console to rich
itself (a progress bar, which uses it as a context manager) asks for :func:`real`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console


class LazyConsole:
    __slots__ = ("_settings", "_console")

    def __init__(self, **settings: Any):
        self._settings = settings
        self._console: Console | None = None

    def real(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._settings)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real(), name)

    # Special methods are looked up on the class, never through __getattr__.
    def __enter__(self) -> Console:
        return self.real().__enter__()

    def __exit__(self, *exc: object) -> None:
        self.real().__exit__(*exc)


def real(console: Any) -> Console:
    """The rich Console behind ``console`` (itself when it is one)."""
    return console.real() if isinstance(console, LazyConsole) else console
