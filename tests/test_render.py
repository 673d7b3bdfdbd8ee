"""Rendering of diffs and explanations, into a rich Console writing to a StringIO."""

from __future__ import annotations

import io

from rich.console import Console

import cleantext
from cleantext.render import changes, diff_text, explain_text, printable, unified_diff


def console() -> Console:
    return Console(file=io.StringIO(), width=80, force_terminal=True, color_system="standard")


def test_word_level_highlight_on_changed_lines():
    c = console()
    c.print(diff_text("keep\nsay l'État here\n", "keep\nsay l’État here\n", "f.txt"), end="")
    out = c.file.getvalue()
    assert "--- f.txt" in out and "@@ -1,2 +1,2 @@" in out
    # the changed character is highlighted on its own, not the whole line
    assert "\x1b[1;37;41m'" in out and "\x1b[1;30;42m’" in out


def test_invisible_changes_are_made_visible_in_colour():
    c = console()
    c.print(diff_text("Daech: le\n", "Daech\u00a0: le\n", "f"), end="")
    assert "⍽" in c.file.getvalue()


def test_plain_unified_diff_has_no_escapes():
    out = "".join(unified_diff("a\nb  \n", "a\nb\n", "f"))
    assert out.startswith("--- f\n+++ f (cleaned)\n@@")
    assert "\x1b" not in out


def test_explanation_locates_changes_in_the_original():
    text = "first line  \nsecond  line\n"
    cleaned = cleantext.clean_and_explain(text, only=["whitespace"])
    rows = list(changes(cleaned))
    assert rows and all(r["pass"] == "whitespace" for r in rows)
    assert rows[0]["line"] == 1 and rows[0]["col"] == 11
    c = console()
    c.print(explain_text(cleaned, "doc.txt"), end="")
    assert "doc.txt:1:11" in c.file.getvalue()


def test_printable_escapes_invisible_characters():
    assert printable("a\u00a0:") == '"a\\u00a0:"'
    assert printable("x\n") == '"x\\n"'


def test_diff_pairs_changed_lines_with_their_new_selves():
    before = "Title: here\n\nTitle: here\n\nIt's a line.\n\nSame.\n"
    after = "Title : here\n\nIt’s a line.\n\nSame.\n"
    out = "".join(unified_diff(before, after, "f"))
    # the dropped copy is a deletion, and each edited line is a -/+ pair with itself
    assert "-It's a line.\n+It’s a line.\n" in out
    assert out.count("-Title: here\n") == 2 and out.count("+Title : here\n") == 1
    assert out.count("\n+") == 3  # '+++' header included
