"""Temporary minimal mojibake pass (replaced by the full one)."""
from __future__ import annotations
from dataclasses import dataclass
from typing import ClassVar
from ..model import PassResult

@dataclass(frozen=True, slots=True)
class Mojibake:
    name: ClassVar[str] = "mojibake"
    summary: ClassVar[str] = "mojibake"
    @classmethod
    def from_options(cls, options):
        return cls()
    def __call__(self, text, ctx):
        return PassResult(text)

PASS = Mojibake
