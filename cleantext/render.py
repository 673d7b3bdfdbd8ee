"""What the user sees: diffs, explanations and summaries, as rich renderables.

Nothing here decides anything: it only shows a :class:`~cleantext.Cleaned`. The console is
always passed in, so tests render into ``Console(file=io.StringIO(), force_terminal=True)``.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator

import regex
from rich.text import Text

from . import rx
from .model import Cleaned, Edit

_TOKENS = rx.compile(r"\s+|\w+|[^\w\s]", regex.V0)
# Characters that look like a plain space (or nothing) on a terminal: shown as visible marks
# inside highlighted changes, so that an added no-break space does not look like no change.
_INVISIBLE = {
    "\u00a0": "⍽",
    "\u202f": "⍽",
    "\u2009": "⍽",
    "\u200b": "␣",
    "\u00ad": "‐",
    "\t": "→",
    "\ufeff": "␣",
}
_INVISIBLE_RE = rx.compile("[" + "".join(_INVISIBLE) + "]")


def visible(s: str) -> str:
    return _INVISIBLE_RE.sub(lambda m: _INVISIBLE[m.group()], s)


def printable(s: str, limit: int = 60) -> str:
    """A short, quoted, one-line form of ``s`` for explanation rows; invisible characters
    (no-break spaces, zero-width characters, soft hyphens, newlines) are escaped."""
    if len(s) > limit:
        s = s[: limit - 1] + "…"
    r = json.dumps(s, ensure_ascii=False)
    return _ESCAPE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", r)


_ESCAPE_RE = rx.compile(r"[\p{Z}\p{Cf}\p{Cc}--[ ]]", regex.V1)


# ---------------------------------------------------------------- diff


_KEY_DROP = rx.compile(r"[^\p{L}\p{N}]+")


def _key(line: str) -> str:
    # Lines are aligned on their letters and digits only, so that a line whose quotes or
    # spaces changed is paired with its new self instead of with some blank line nearby.
    return _KEY_DROP.sub("", line).casefold()


class _LineMatcher(difflib.SequenceMatcher):
    """Aligns lines on their keys, then reports key-equal lines that differ as replacements."""

    def __init__(self, a: list[str], b: list[str]):
        super().__init__(None, [_key(x) for x in a], [_key(x) for x in b], autojunk=False)
        self.lines_a, self.lines_b = a, b

    def get_opcodes(self):
        out: list[tuple[str, int, int, int, int]] = []

        def push(tag, i1, i2, j1, j2):
            if out and out[-1][0] == tag and out[-1][2] == i1 and out[-1][4] == j1:
                out[-1] = (tag, out[-1][1], i2, out[-1][3], j2)
            else:
                out.append((tag, i1, i2, j1, j2))

        for tag, i1, i2, j1, j2 in super().get_opcodes():
            if tag != "equal":
                push(tag, i1, i2, j1, j2)
                continue
            for k in range(i2 - i1):
                same = self.lines_a[i1 + k] == self.lines_b[j1 + k]
                push("equal" if same else "replace", i1 + k, i1 + k + 1, j1 + k, j1 + k + 1)
        return out


def _hunks(before: str, after: str):
    a = before.splitlines(keepends=True)
    b = after.splitlines(keepends=True)
    return a, b, _LineMatcher(a, b).get_grouped_opcodes(3)


def unified_diff(before: str, after: str, name: str) -> list[str]:
    """Plain unified diff lines (each ending in '\\n'), in the format of ``diff -u``."""
    a, b, groups = _hunks(before, after)
    lines = [f"--- {name}\n", f"+++ {name} (cleaned)\n"]
    for group in groups:
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        lines.append(f"@@ -{_range(i1, i2)} +{_range(j1, j2)} @@\n")
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                lines.extend(" " + _eol(x) for x in a[a1:a2])
                continue
            lines.extend("-" + _eol(x) for x in a[a1:a2])
            lines.extend("+" + _eol(x) for x in b[b1:b2])
    return lines if len(lines) > 2 else []


def diff_text(before: str, after: str, name: str) -> Text:
    """The unified diff, coloured, with the changed words highlighted inside changed lines."""
    out = Text()
    a, b, groups = _hunks(before, after)
    out.append(f"--- {name}\n", style="bold")
    out.append(f"+++ {name} (cleaned)\n", style="bold")
    for group in groups:
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        out.append(f"@@ -{_range(i1, i2)} +{_range(j1, j2)} @@\n", style="cyan")
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                for line in a[a1:a2]:
                    out.append(" " + _eol(line))
                continue
            old, new = a[a1:a2], b[b1:b2]
            if tag == "replace" and len(old) == len(new):
                for o, n in zip(old, new):
                    ro, rn = _word_diff(o, n)
                    out.append_text(ro)
                    out.append_text(rn)
                continue
            for line in old:
                out.append("-" + _eol(line), style="red")
            for line in new:
                out.append("+" + _eol(line), style="green")
    return out


def _range(start: int, stop: int) -> str:
    length = stop - start
    first = start + 1 if length else start
    return f"{first}" if length == 1 else f"{first},{length}"


def _eol(line: str) -> str:
    return line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"


def _word_diff(old: str, new: str) -> tuple[Text, Text]:
    ot, nt = _TOKENS.findall(old.rstrip("\n")), _TOKENS.findall(new.rstrip("\n"))
    ro, rn = Text("-", style="red"), Text("+", style="green")
    sm = difflib.SequenceMatcher(None, ot, nt, autojunk=False)
    for tag, a1, a2, b1, b2 in sm.get_opcodes():
        if tag == "equal":
            s = "".join(ot[a1:a2])
            ro.append(s, style="red")
            rn.append(s, style="green")
            continue
        if a2 > a1:
            ro.append(visible("".join(ot[a1:a2])), style="bold white on red")
        if b2 > b1:
            rn.append(visible("".join(nt[b1:b2])), style="bold black on green")
    ro.append("\n" if old.endswith("\n") else "\n\\ No newline at end of file\n")
    rn.append("\n" if new.endswith("\n") else "\n\\ No newline at end of file\n")
    return ro, rn


# ---------------------------------------------------------------- explanation


def _map_back(edits: tuple[Edit, ...], pos: int) -> int:
    """Map an offset in the output of ``edits`` to an offset in their input."""
    shift = 0
    for e in edits:
        out_start = e.start + shift
        out_end = out_start + len(e.after)
        if pos < out_start:
            break
        if pos < out_end:
            return e.start
        shift += len(e.after) - (e.end - e.start)
    return pos - shift


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def changes(cleaned: Cleaned) -> Iterator[dict]:
    """Every edit and note of ``cleaned`` as a dict, located in the original input."""
    steps = cleaned.steps
    for k, step in enumerate(steps):
        items = [("change", e) for e in step.edits] + [("unchanged", n) for n in step.notes]
        items.sort(key=lambda t: t[1].start)
        for kind, item in items:
            pos = item.start
            for j in range(k - 1, -1, -1):
                pos = _map_back(steps[j].edits, pos)
            line, col = _line_col(cleaned.original, pos)
            row = {"line": line, "col": col, "pass": step.pass_name, "kind": kind}
            if kind == "change":
                row.update(before=item.before, after=item.after)
            else:
                row.update(before=item.text, after=item.text)
            row.update(reason=item.reason, rule=item.rule)
            yield row


def explain_text(cleaned: Cleaned, name: str) -> Text:
    """One line per change: ``file:line:col  pass  before → after  (reason)``."""
    out = Text()
    for row in changes(cleaned):
        out.append(f"{name}:{row['line']}:{row['col']}", style="bold")
        out.append("  ")
        out.append(f"{row['pass']:<12}", style="magenta")
        out.append(" ")
        if row["kind"] == "change":
            out.append(printable(row["before"]), style="red")
            out.append(" → ")
            out.append(printable(row["after"]), style="green")
        else:
            out.append(printable(row["before"]), style="yellow")
            out.append(" (left unchanged)", style="yellow")
        out.append(f"  ({row['reason']})\n", style="dim")
    return out


def explain_json(cleaned: Cleaned, name: str) -> Iterator[str]:
    """One JSON object per change (and per note), for machines."""
    for row in changes(cleaned):
        yield json.dumps({"file": name, **row}, ensure_ascii=False)
