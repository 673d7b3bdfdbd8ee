"""The passes, in canonical order.

``DEFAULT_ORDER`` is the single literal list of pass names. Each name is also the module
name (``glued-words`` -> ``passes/glued_words.py``), the value of ``--only/--enable/--disable``,
the config key, the label in explanations and the folder ``tests/cases/<name>/``.

Each module defines one pass: a frozen dataclass whose fields are its settings, exported as
``PASS``, with

* ``name`` and ``summary`` class attributes (summary: one line, shown by ``--list-passes``);
* ``from_options(options) -> pass`` building it from the shared :class:`~cleantext.Options`;
* ``__call__(text, ctx) -> PassResult`` returning the new text and the edits that made it.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import TYPE_CHECKING, ClassVar, Protocol

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Context, PassResult
    from ..options import Options

DEFAULT_ORDER: tuple[str, ...] = (
    "mojibake",
    "whitespace",
    "dedup",
    "glued-words",
    "timestamps",
    "typography",
)


class Pass(Protocol):
    name: ClassVar[str]
    summary: ClassVar[str]

    @classmethod
    def from_options(cls, options: Options) -> Pass: ...

    def __call__(self, text: str, ctx: Context) -> PassResult: ...


class UnknownPassError(ValueError):
    """A pass name that is not in DEFAULT_ORDER."""

    def __init__(self, name: str):
        super().__init__(f"unknown pass {name!r}; known passes: {', '.join(DEFAULT_ORDER)}")
        self.name = name


def check_names(names: tuple[str, ...] | list[str]) -> None:
    for n in names:
        if n not in DEFAULT_ORDER:
            raise UnknownPassError(n)


@cache
def pass_class(name: str) -> type[Pass]:
    """The class of pass ``name`` (imported on first use, so start-up stays fast)."""
    if name not in DEFAULT_ORDER:
        raise UnknownPassError(name)
    module = importlib.import_module(f"{__name__}.{name.replace('-', '_')}")
    return module.PASS
