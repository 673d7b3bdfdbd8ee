"""The records that passes, the pipeline and the renderers exchange.

Frozen dataclasses and nothing else: no logic lives here, so every other module can import
this one without pulling in regexes, lexicons or the terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .options import Options


@dataclass(frozen=True, slots=True)
class Edit:
    """One replacement made by a pass.

    ``start``/``end`` are offsets into the text the pass *received*; ``before`` is
    ``text[start:end]`` and ``after`` is what replaced it. ``reason`` is short and human
    ("split glued words 'laRussie'"); ``rule`` is the machine name of the rule that fired.
    """

    start: int
    end: int
    before: str
    after: str
    reason: str
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Note:
    """Something a pass noticed and deliberately left unchanged (an ambiguous date, say)."""

    start: int
    end: int
    text: str
    reason: str
    rule: str = ""


@dataclass(frozen=True, slots=True)
class PassResult:
    """What a pass returns: the new text and the edits that produced it (empty = unchanged)."""

    text: str
    edits: tuple[Edit, ...] = ()
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True, slots=True)
class Context:
    """What a pass may know about the document besides its text.

    ``line_of`` maps an offset of the text the pass received to the 1-based line where that
    text was in the document as it was read (earlier passes may have removed lines): for
    reasons that name a line. None when the pass received the document itself.
    """

    lang: str | None = None
    options: Options | None = None
    line_of: Callable[[int], int] | None = None


@dataclass(frozen=True, slots=True)
class Step:
    """The record of one pass over one document.

    ``source`` is the text the pass received, so that edit offsets can be turned into
    line:column positions and traced back to the original input.
    """

    pass_name: str
    source: str
    edits: tuple[Edit, ...] = ()
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The result of running a pipeline over one document."""

    original: str
    text: str
    lang: str | None = None
    steps: tuple[Step, ...] = field(default=())

    @property
    def changed(self) -> bool:
        return self.text != self.original

    @property
    def edits(self) -> tuple[tuple[str, Edit], ...]:
        """Every edit as ``(pass_name, edit)``, in pipeline order."""
        return tuple((s.pass_name, e) for s in self.steps for e in s.edits)

    def counts(self) -> dict[str, int]:
        """Number of edits per pass (only passes that changed something)."""
        return {s.pass_name: len(s.edits) for s in self.steps if s.edits}
