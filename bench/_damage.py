"""Deterministic damage for the bench corpus: the defects cleantext is meant to repair.

``damage(records, seed)`` returns new records (same ids, same order) whose texts have, drawn
from ``random.Random(seed)``:

* mojibake: some lines with non-ASCII characters encoded as UTF-8 and decoded as cp1252
  (latin-1 when cp1252 cannot decode the bytes), e.g. ``été → Ã©tÃ©``;
* glued words: the space before some capitalised words removed (``the United`` → ``theUnited``);
* doubled titles: the first line of some news articles repeated;
* local datelines: a line like ``24-11-2024 06:56 AM Jerusalem Timing`` under some titles;
* straight quotes: curly quotes and apostrophes turned into ``"`` and ``'`` on some lines.
"""

from __future__ import annotations

import random

import regex

_CAP_AFTER_SPACE = regex.compile(r"(?<=\p{Ll}) (?=\p{Lu}\p{Ll})")
_CITIES = ("Jerusalem", "Mumbai", "Paris", "New York", "Tokyo", "Cairo", "Berlin", "Sydney")

P_MOJIBAKE_LINE = 0.05  # of lines with non-ASCII characters
P_GLUE_LINE = 0.10  # of lines; then each candidate space with P_GLUE_SPACE
P_GLUE_SPACE = 0.3
P_DOUBLE_TITLE = 0.5  # of news documents
P_DATELINE = 0.5  # of news documents
P_STRAIGHT_LINE = 0.5  # of lines with curly quotes


def _mojibake(line: str) -> str:
    data = line.encode("utf-8")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _glue(line: str, rnd: random.Random) -> str:
    return _CAP_AFTER_SPACE.sub(lambda m: "" if rnd.random() < P_GLUE_SPACE else " ", line)


def _straight(line: str) -> str:
    return (
        line.replace("\u201c", '"').replace("\u201d", '"')
        .replace("\u2018", "'").replace("\u2019", "'")
    )


def _dateline(rnd: random.Random) -> str:
    day, month, year = rnd.randint(1, 28), rnd.randint(1, 12), rnd.randint(2015, 2025)
    hour, minute = rnd.randint(1, 12), rnd.randint(0, 59)
    return f"{day:02d}-{month:02d}-{year} {hour:02d}:{minute:02d} {rnd.choice(('AM', 'PM'))} {rnd.choice(_CITIES)} Timing"


def damage_text(text: str, rnd: random.Random, news: bool) -> str:
    lines = text.split("\n")
    out = []
    for line in lines:
        if not line.isascii() and rnd.random() < P_MOJIBAKE_LINE:
            line = _mojibake(line)
        else:
            if ("\u2019" in line or "\u201c" in line) and rnd.random() < P_STRAIGHT_LINE:
                line = _straight(line)
            if rnd.random() < P_GLUE_LINE:
                line = _glue(line, rnd)
        out.append(line)
    if news and out:
        title = out[0]
        head = [title]
        if rnd.random() < P_DOUBLE_TITLE:
            head.append(title)
        if rnd.random() < P_DATELINE:
            head.append(_dateline(rnd))
        out = head + out[1:]
    return "\n".join(out)


def damage(records: list[dict], seed: int = 8) -> list[dict]:
    rnd = random.Random(seed)
    return [
        {**r, "text": damage_text(r["text"], rnd, r.get("kind") == "news")} for r in records
    ]
