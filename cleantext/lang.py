"""Document language detection (placeholder until measured: see issue notes)."""

from __future__ import annotations


def detect(text: str) -> str | None:
    return None
