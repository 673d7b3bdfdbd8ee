"""Edit bookkeeping for the typography pass, written for whole novels.

* ``make_edit``: an :class:`Edit` built 30% faster than ``Edit(...)``; ``make_edits``: many
  at once, field by field with ``map`` (the pass makes 150k on a corpus of novels);
* ``sub_edits``: ``edits.sub_with_edits`` without rebuilding the text each time;
  ``drop_protected``, ``drop_overlaps``: positions outside protected spans, edits apart;
* ``paragraphs`` and ``doc_spans``: paragraph spans and protected spans of a whole text;
* ``compose_groups``: ``edits.compose`` paid only where edits of two steps touch;
* ``apply_sorted``, ``curl``, ``curl_all``, ``shift_spans``: rebuilding a text, moving spans
  through edits; ``line_keys``, ``shift_keys``, ``line_table``, ``cut_lines``: naming the
  lines a step changed and cutting them out for the second run.

Per-item work is done with ``map``/``accumulate``/``compress`` (C loops) where it can be.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import deque
from functools import partial
from itertools import accumulate, compress, repeat
from operator import add, and_, attrgetter, eq, gt, lt, ne, not_
from operator import sub as sub_

from .edits import Spans, compose, edits_from_matches, protected_spans, replay
from .model import Edit

APOS = "’"

def _edit_maker():
    """A constructor for :class:`Edit` 30% faster than ``Edit(...)`` (which sets each field of
    the frozen dataclass through ``object.__setattr__``); the pass builds 150k of them on a
    novel. Falls back to ``Edit`` itself if the class ever gains checks or other fields."""
    names = ("start", "end", "before", "after", "reason", "rule")
    if tuple(f.name for f in dataclasses.fields(Edit)) != names or hasattr(Edit, "__post_init__"):
        return Edit
    new = object.__new__
    s0, s1, s2, s3, s4, s5 = (getattr(Edit, n).__set__ for n in names)

    def make(start: int, end: int, before: str, after: str, reason: str, rule: str = "") -> Edit:
        e = new(Edit)
        s0(e, start)
        s1(e, end)
        s2(e, before)
        s3(e, after)
        s4(e, reason)
        s5(e, rule)
        return e

    return make


make_edit = _edit_maker()
_SETTERS = tuple(getattr(Edit, n).__set__ for n in ("start", "end", "before", "after", "reason", "rule"))


def make_edits(starts: list[int], ends, before, after, reason: str, rule: str) -> list[Edit]:
    """``[Edit(s, e, …) for s, e in zip(starts, ends)]`` built field by field with ``map``
    (no Python call per edit): ``ends``, ``before`` and ``after`` are sequences, or a
    single value for every edit; ``ends`` may also be a width (``1``: one character)."""
    if isinstance(ends, int):
        ends = list(map(ends.__add__, starts))
    fields = (starts, ends, before, after, reason, rule)
    if make_edit is Edit:
        return list(map(Edit, *(v if isinstance(v, list) else repeat(v, len(starts)) for v in fields)))
    objs = list(map(_NEW, repeat(Edit, len(starts))))
    for setter, values in zip(_SETTERS, fields):
        deque(map(setter, objs, values if isinstance(values, list) else repeat(values)), 0)
    return objs


_NEW = object.__new__

def sub_edits(matches, decide, text: str, protected, *, reason: str = "", rule: str = "",
              group: int = 0) -> list[Edit]:
    """``edits.sub_with_edits`` over ``matches`` (of a pattern in ``text``), without
    building the new text (the pass builds it once)."""
    return edits_from_matches(matches, decide, text, reason=reason, rule=rule,
                              protected=protected, group=group)


def matches_at(hint, pattern, text: str):
    """The matches of ``pattern`` (which consumes one character) in ``text``, looked for
    only where the literal-first stdlib pattern ``hint`` (a superset) matches."""
    match = pattern.match
    for h in hint.finditer(text):
        m = match(text, h.start())
        if m is not None:
            yield m


def drop_protected(positions: list[int], protected) -> list[int]:
    """``positions`` (sorted) minus those inside a protected span: cut out by bisection,
    span by span (a few spans, up to 100k positions on a novel)."""
    if not protected or not positions:
        return positions
    out: list[int] = []
    done = 0
    left = bisect.bisect_left
    for s, e in protected:
        i = left(positions, s, done)
        j = left(positions, e, i)
        if i < j:
            out += positions[done:i]
            done = j
    if not done:
        return positions
    out += positions[done:]
    return out


def drop_overlaps(edits: list[Edit]) -> list[Edit]:
    """``edits`` (sorted by start) without each one that overlaps the one kept before it."""
    out: list[Edit] = []
    for e in edits:
        if out and e.start < out[-1].end:
            continue
        out.append(e)
    return out


# A paragraph ends at a newline followed by a blank line (the same spans as the pattern
# (?:[^\n]++|\n(?![ \t]*\n))+, found 20x faster from a literal newline).
_BREAK = re.compile(r"\n(?=[ \t]*\n)")


def paragraphs(text: str) -> list[tuple[int, int]]:
    breaks = list(map(re.Match.start, _BREAK.finditer(text)))
    if not breaks:
        return [(0, len(text))] if text else []
    lo = [0, *map((1).__add__, breaks)]
    hi = [*breaks, len(text)]
    return list(compress(zip(lo, hi), map(lt, lo, hi)))


def crosses_lines(edits) -> bool:
    """Does one of ``edits`` add or remove a newline? (No rule does: the pass would then
    take the slow way.)"""
    return "\n" in "".join(map(BEFORE, edits)) or "\n" in "".join(map(AFTER, edits))


# The lines a step changed are named by the offset of the newline before them (-1: the first
# line) in the current text; these keys move with later edits, and newlines never change.

def line_keys(text: str, edits, cum: list[int] | None) -> list[int]:
    """The keys of the lines of ``text`` (the text after ``edits``, sorted, none crossing
    lines) that ``edits`` changed; ``cum``: how much the edits before each one shifted the
    text (None: none did). One ``rfind`` per edit, in C."""
    starts = list(map(START, edits))
    at = list(map(add, starts, cum)) if cum is not None else starts
    return list(map(text.rfind, repeat("\n"), repeat(0), at))


def shift_keys(keys: list[int], edits, cum: list[int]) -> list[int]:
    """Line keys (see ``line_keys``) of the text before ``edits``, moved to the text after
    them: a newline moves with every edit that starts at or before it."""
    where = map(partial(bisect.bisect_right, list(map(START, edits))), keys)
    return list(map(add, keys, map(cum.__getitem__, where)))


def line_table(text: str, keys: list[int]):
    """The lines of ``text`` with the given keys (sorted, see ``line_keys``): their texts,
    starts and ends, for ``cut_lines``; every step in C."""
    ls = list(map((1).__add__, keys))
    le = [len(text) if i < 0 else i for i in map(text.find, repeat("\n"), ls)]
    return list(map(text.__getitem__, map(slice, ls, le))), ls, le


def cut_lines(table, keep: list[bool] | None):
    """The lines of a ``line_table`` (those marked in ``keep``, default all), joined by
    newlines: consecutive lines come out as the block of the text they form. Returns
    (sub-text, line offsets in it, line (start, end) in the text)."""
    texts, ls, le = table
    if keep is not None:
        texts, ls, le = (list(compress(x, keep)) for x in table)
    sizes = list(map(len, texts))
    offsets = list(map(add, accumulate(sizes, initial=0), range(len(ls))))
    return "\n".join(texts), offsets, list(zip(ls, le))


def cut_spans(spans: Spans, offsets: list[int], blocks) -> Spans:
    out = []
    starts = [b[0] for b in blocks]
    for s, e in spans:
        i = bisect.bisect_right(starts, s) - 1
        if i >= 0 and e <= blocks[i][1]:
            out.append((s - blocks[i][0] + offsets[i], e - blocks[i][0] + offsets[i]))
    return Spans(out)


def curl(text: str, positions: list[int]) -> str:
    """``text`` with the character at each of ``positions`` (sorted) made U+2019."""
    if not positions:
        return text
    return APOS.join([text[a + 1 : b] for a, b in zip([-1] + positions, positions + [len(text)])])


def curl_all(text: str, edits: list[Edit], untouched: list[int]) -> str:
    """``apply_sorted(curl(text, inert), edits)`` where ``inert`` are all the straight ' that
    neither ``edits`` (sorted, each replacing one character) nor ``untouched`` hold: every '
    is curled in C, then only the other edits and the ' to restore are spliced in."""
    base = text.replace("'", APOS)
    keep = list(map(not_, map(and_, map(eq, map(BEFORE, edits), repeat("'")), map(eq, map(AFTER, edits), repeat(APOS)))))
    at = list(compress(map(START, edits), keep))
    after = list(compress(map(AFTER, edits), keep))
    if untouched:
        order = sorted(range(len(at) + len(untouched)), key=[*at, *untouched].__getitem__)
        after += repeat("'", len(untouched))
        at += untouched
        at = list(map(at.__getitem__, order))
        after = list(map(after.__getitem__, order))
    if not at:
        return base
    out = [base[a + 1 : b] for a, b in zip([-1, *at], [*at, len(base)])]
    joined = [""] * (2 * len(at) + 1)
    joined[0::2] = out
    joined[1::2] = after
    return "".join(joined)


START = attrgetter("start")
BEFORE = attrgetter("before")
REASON = attrgetter("reason")
RULE = attrgetter("rule")
END = attrgetter("end")
AFTER = attrgetter("after")


def apply_sorted(text: str, edits) -> str:
    return replay(text, edits)


def busy(pars, par_starts, inert, first, pos: int) -> bool:
    """Had the paragraph holding ``pos`` an edit already? (``chain`` composes only then.)"""
    ps, pe = pars[bisect.bisect_right(par_starts, pos) - 1]
    for edits in (first, inert):
        i = bisect.bisect_left(edits, ps, key=START)
        if i < len(edits) and edits[i].start <= pe:
            return True
    return False


def compose_groups(a: str, first: list[Edit], b: str, second: list[Edit], busy, shifted: bool) -> list[Edit]:
    """``edits.compose(a, first, b, second)``, with its cost in the edits that interact.

    Edits that touch form connected groups; ``compose`` fuses within such a group only, so
    each group holding an edit of ``second`` is composed alone (in a window of the text) and
    the edits of ``first`` between groups are kept as they are. Edits of ``first`` that do not
    change the length leave every offset in place (typical: quotes).
    """
    if not second:
        return first
    n, m = len(first), len(second)
    cum: list[int] | None = None
    if shifted:  # offsets in b differ from those in a
        starts = list(map(START, first))
        sizes = list(map(len, map(AFTER, first)))
        cum = list(accumulate(map(sub_, sizes, map(sub_, map(END, first), starts)), initial=0))
        bl = list(map(add, starts, cum))
        bh = list(map(add, bl, sizes))
    elif m * 8 > n:  # many edits to place: the offsets in lists (built in C) are worth it
        bl = list(map(START, first))
        bh = list(map(END, first))
    else:
        bl = bh = None
    alone = None
    if bh is not None:
        first_end = bh.__getitem__
        first_start = bl.__getitem__
        find_end = partial(bisect.bisect_left, bh)
        # An edit of second that touches no other edit (of either step) and is no no-op is
        # a group by itself, kept as it is: runs of them are placed in bulk, with map.
        los = list(map(START, second))
        his = list(map(END, second))
        kas = list(map(find_end, los))  # the edits of first wholly before each
        apart = [*map(gt, los[1:], his), True]  # from the next edit of second
        alone = list(map(all, zip(map(gt, map([*bl, _FAR].__getitem__, kas), his), apart, [True, *apart],
                                  map(ne, map(BEFORE, second), map(AFTER, second)))))
        stops = [*compress(range(m), map(not_, alone)), m]
    else:
        first_end = lambda k: first[k].end  # noqa: E731
        first_start = lambda k: first[k].start  # noqa: E731
        find_end = partial(bisect.bisect_left, first, key=END)
    out: list[Edit] = []
    k_done = j = 0
    while j < m:
        if alone is not None and alone[j]:
            j2 = stops[bisect.bisect_right(stops, j)]
            kk = kas[j2 - 1]
            run = second[j:j2]
            if cum is not None:
                shift = list(map(cum.__getitem__, kas[j:j2]))
                if any(shift):
                    run = make_edits(list(map(sub_, los[j:j2], shift)), list(map(sub_, his[j:j2], shift)),
                                     list(map(BEFORE, run)), list(map(AFTER, run)),
                                     list(map(REASON, run)), list(map(RULE, run)))
            if k_done < kk:
                run += first[k_done:kk]
                run.sort(key=START)
            out += run
            k_done, j = kk, j2
            continue
        g = second[j]
        lo, hi = g.start, g.end
        ka = kb = find_end(lo, k_done)
        jb = j + 1
        changed = True
        while changed:
            changed = False
            while ka > k_done and first_end(ka - 1) >= lo:
                ka -= 1
                lo = min(lo, first_start(ka))
                changed = True
            while kb < n and first_start(kb) <= hi:
                lo, hi = min(lo, first_start(kb)), max(hi, first_end(kb))
                kb += 1
                changed = True
            while jb < m and second[jb].start <= hi:
                hi = max(hi, second[jb].end)
                jb += 1
                changed = True
        out.extend(first[k_done:ka])
        sa = cum[ka] if cum else 0
        if ka == kb and (jb == j + 1 and g.before != g.after or not busy(first, lo - sa)):
            # no edit of first in the group: the edits of second stay as they are (``chain``
            # fuses touching ones, and drops no-ops, only in a paragraph that had edits before)
            if not sa:
                out += second[j:jb]
            else:
                out.extend(make_edit(e.start - sa, e.end - sa, e.before, e.after, e.reason, e.rule)
                           for e in second[j:jb])
        else:
            a0, a1 = lo - sa, hi - (cum[kb] if cum else 0)
            fs = [Edit(e.start - a0, e.end - a0, e.before, e.after, e.reason, e.rule) for e in first[ka:kb]]
            ss = [Edit(e.start - lo, e.end - lo, e.before, e.after, e.reason, e.rule) for e in second[j:jb]]
            out.extend(Edit(e.start + a0, e.end + a0, e.before, e.after, e.reason, e.rule)
                       for e in compose(a[a0:a1], fs, b[lo:hi], ss))
        k_done, j = kb, jb
    out.extend(first[k_done:])
    return out


_FAR = float("inf")


# Where protected_spans can find something: its anchors, loosened into literal-first
# patterns for the stdlib engine (a superset: a line is only looked at more closely).
_WORDISH = r"[^\s\x00-\x2f:-@\[-\^`{-\x7f]"  # ASCII letters, digits, _ and anything not ASCII
_HINTS = [(c, re.compile(p)) for c, p in (
    ("@", "@"), ("#", "#"), ("`", "`"), ("_", "_"), ("/", "/"),
    ("(", rf"\((?<={_WORDISH}\()"),  # a call: an identifier right before
    # a dotted name or a file name (a letter or _ after the dot: \w minus the decimal digits,
    # a superset of [\p{Ll}_] and of ASCII letters; not ’ nor …, common after a dot), or www.
    (".", r"\.(?:(?=[^\W\d])|(?<=[wW][wW][wW]\.))"),
)]


def doc_spans(text: str) -> Spans:
    """``protected_spans(text)``, looking only at the lines that hold an anchor.

    Every span lies inside one line (no pattern of ``protected_spans`` crosses a newline),
    so the lines without a possible anchor contribute nothing and are never scanned.
    """
    hits = sorted(m.start() for c, hint in _HINTS if c in text for m in hint.finditer(text))
    if not hits:
        return Spans()
    found: list[tuple[int, int]] = []
    line_end = -1
    for i in hits:
        if i <= line_end:
            continue
        ls = text.rfind("\n", 0, i) + 1
        line_end = text.find("\n", i)
        if line_end < 0:
            line_end = len(text)
        found.extend((s + ls, e + ls) for s, e in protected_spans(text[ls:line_end]))
    return Spans(found)


def shift_spans(spans: list[tuple[int, int]], edits) -> list[tuple[int, int]]:
    ends = [x.end for x in edits]
    cum = [0]
    for x in edits:
        cum.append(cum[-1] + len(x.after) - (x.end - x.start))
    out = []
    for s, e in spans:
        i = bisect.bisect_right(ends, s)
        j = bisect.bisect_right(ends, e)
        while j and edits[j - 1].start == edits[j - 1].end == e:
            j -= 1  # an insertion right after the span stays outside it
        out.append((s + cum[i], e + cum[j]))
    return out
