"""Temporary minimal whitespace pass (replaced by the full one)."""
from __future__ import annotations
from dataclasses import dataclass
from typing import ClassVar
import regex
from ..edits import sub_with_edits

_TRAILING = regex.compile(r"[ \t]+$", regex.M)

@dataclass(frozen=True, slots=True)
class Whitespace:
    name: ClassVar[str] = "whitespace"
    summary: ClassVar[str] = "trailing spaces"
    @classmethod
    def from_options(cls, options):
        return cls()
    def __call__(self, text, ctx):
        return sub_with_edits(_TRAILING, "", text, reason="trailing spaces", rule="trailing")

PASS = Whitespace
