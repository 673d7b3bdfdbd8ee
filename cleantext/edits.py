"""Helpers that let a pass change text without ever forgetting to say what it changed.

* ``apply_edits(text, edits)`` replays edits on the text they were made against; every pass
  is tested with ``apply_edits(input, result.edits) == result.text`` (faithfulness).
* ``sub_with_edits(pattern, decide, text)`` is ``re.sub`` that records an :class:`Edit` for
  every replacement; most passes are one or a few calls to it.
* ``protected_spans(text)`` finds URLs, e-mail addresses, @handles, #hashtags and code-like
  tokens, which no pass should rewrite; ``Spans`` answers "does this range touch one?" fast.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

import regex

from . import rx
from .model import Edit, PassResult

# What ``decide`` may return: None to keep the match, a replacement string (the pass's
# default reason is used), or (replacement, reason), or (replacement, reason, rule).
Decision = None | str | tuple[str, str] | tuple[str, str, str]


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Replay ``edits`` (sorted, non-overlapping, offsets into ``text``) and return the result.

    Raises ValueError if an edit does not match the text: an unfaithful edit is a bug in the
    pass that made it, and the tests must see it.
    """
    out: list[str] = []
    pos = 0
    for e in edits:
        if e.start < pos or e.end < e.start or e.end > len(text):
            raise ValueError(f"edit out of order or out of range: {e!r}")
        if text[e.start : e.end] != e.before:
            raise ValueError(f"edit does not match the text at {e.start}: {e!r}")
        out.append(text[pos : e.start])
        out.append(e.after)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def result_from_edits(text: str, edits: Sequence[Edit], notes: Sequence = ()) -> PassResult:
    """Build a PassResult from edits against ``text`` (no edits: the same string object)."""
    if not edits:
        return PassResult(text, (), tuple(notes))
    return PassResult(apply_edits(text, edits), tuple(edits), tuple(notes))


def sub_with_edits(
    pattern: regex.Pattern[str] | str,
    decide: Callable[[regex.Match[str]], Decision] | str,
    text: str,
    *,
    reason: str = "",
    rule: str = "",
    protected: Spans | None = None,
    group: int | str = 0,
) -> PassResult:
    """Replace matches of ``pattern`` in ``text``, recording one Edit per replacement.

    ``decide(match)`` returns None to leave the match alone, or the replacement (optionally
    with a reason and a rule name). A string ``decide`` is a fixed replacement. Only
    ``match.span(group)`` is replaced, so a pattern may look at context it does not touch.
    Matches that overlap ``protected`` spans are skipped. Replacements equal to the original
    are not recorded.
    """
    if isinstance(pattern, str):
        pattern = compile_cached(pattern)
    edits = edits_from_matches(pattern.finditer(text), decide, text, reason=reason, rule=rule,
                               protected=protected, group=group)
    return result_from_edits(text, edits)


def edits_from_matches(
    matches: Iterable[regex.Match[str]],
    decide: Callable[[regex.Match[str]], Decision] | str,
    text: str,
    *,
    reason: str = "",
    rule: str = "",
    protected: Spans | None = None,
    group: int | str = 0,
) -> list[Edit]:
    """The edits :func:`sub_with_edits` makes, from any iterable of matches over ``text``
    (a pass that builds its text once from several rules' edits uses this directly)."""
    edits: list[Edit] = []
    for m in matches:
        start, end = m.span(group)
        if start < 0:
            continue
        if protected and protected.overlaps(start, end):
            continue
        decision = decide if isinstance(decide, str) else decide(m)
        if decision is None:
            continue
        why, name = reason, rule
        if isinstance(decision, tuple):
            after, why = decision[0], decision[1]
            if len(decision) > 2:
                name = decision[2]
        else:
            after = decision
        before = text[start:end]
        if after == before:
            continue
        if edits and start < edits[-1].end:
            continue  # overlapping matches (lookarounds with groups): keep the first
        edits.append(Edit(start, end, before, after, why, name))
    return edits


def replay(text: str, edits: Iterable[Edit]) -> str:
    """``apply_edits`` without its checks, for edits a pass has just made and sorted."""
    out: list[str] = []
    pos = 0
    for e in edits:
        out.append(text[pos : e.start])
        out.append(e.after)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


@lru_cache(maxsize=256)
def compile_cached(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    return regex.compile(pattern, flags)


def chain(text: str, *steps: Callable[[str], PassResult]) -> PassResult:
    """Run several sub-rules one after another and merge their edits into one PassResult.

    Each step gets the output of the previous one; the merged edits are expressed against the
    original ``text``, so the result stays faithful. Where a later edit overlaps or touches an
    earlier one, the two are fused into a single edit that carries the later reason.
    """
    current = text
    edits: list[Edit] = []
    for step in steps:
        r = step(current)
        if r.edits:
            edits = compose(text, edits, current, list(r.edits)) if edits else list(r.edits)
            current = r.text
    return PassResult(current, tuple(edits)) if edits else PassResult(text)


def compose(a: str, first: list[Edit], b: str, second: list[Edit]) -> list[Edit]:
    """Express ``second`` (edits against ``b = apply_edits(a, first)``) against ``a``.

    Returns sorted, non-overlapping edits whose replay on ``a`` gives the same text as
    replaying ``first`` and then ``second``. Edits of the two lists that overlap or touch are
    fused into one edit carrying the later reason.
    """
    # Intervals in b's coordinates: (lo, hi, is_second, edit). A first edit occupies the
    # span of its replacement in b.
    intervals: list[tuple[int, int, bool, Edit]] = []
    shift = 0
    deltas: list[tuple[int, int]] = []  # (b_end of a first edit, a_end - b_end)
    for e in first:
        lo = e.start + shift
        hi = lo + len(e.after)
        intervals.append((lo, hi, False, e))
        shift += len(e.after) - (e.end - e.start)
        deltas.append((hi, e.end - hi))
    intervals.extend((e.start, e.end, True, e) for e in second)
    intervals.sort(key=lambda t: (t[0], t[1], t[2]))

    def a_offset(pos: int) -> int:
        """Map an offset of b outside every first edit back to a."""
        i = bisect.bisect_right(deltas, (pos, float("inf"))) - 1
        return pos + (deltas[i][1] if i >= 0 else 0)

    clusters: list[list[tuple[int, int, bool, Edit]]] = []
    hi_of_cluster = -1
    for iv in intervals:
        if clusters and iv[0] <= hi_of_cluster and (iv[2] or any(x[2] for x in clusters[-1])):
            clusters[-1].append(iv)
            hi_of_cluster = max(hi_of_cluster, iv[1])
        elif clusters and iv[0] <= hi_of_cluster and not iv[2]:
            clusters.append([iv])  # two touching first edits: no need to fuse
            hi_of_cluster = iv[1]
        else:
            clusters.append([iv])
            hi_of_cluster = iv[1]

    out: list[Edit] = []
    for cl in clusters:
        seconds = [x[3] for x in cl if x[2]]
        firsts = [x for x in cl if not x[2]]
        if not seconds:
            out.extend(x[3] for x in firsts)
            continue
        lo = min(x[0] for x in cl)
        hi = max(x[1] for x in cl)
        a_lo = firsts[0][3].start if firsts and firsts[0][0] == lo else a_offset(lo)
        a_hi = max(x[3].end for x in firsts) if firsts and max(x[1] for x in firsts) == hi else a_offset(hi)
        pieces, pos = [], lo
        for g in sorted(seconds, key=lambda e: (e.start, e.end)):
            pieces.append(b[pos : g.start])
            pieces.append(g.after)
            pos = g.end
        pieces.append(b[pos:hi])
        last = seconds[-1]
        edit = Edit(a_lo, a_hi, a[a_lo:a_hi], "".join(pieces), last.reason, last.rule)
        if edit.before != edit.after:
            out.append(edit)
    return out


class Spans:
    """A sorted set of protected [start, end) ranges with fast overlap queries."""

    __slots__ = ("starts", "ends")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def __bool__(self) -> bool:
        return bool(self.starts)

    def __iter__(self):
        return iter(zip(self.starts, self.ends))

    def overlaps(self, start: int, end: int) -> bool:
        """True if [start, end) overlaps a protected span (a zero-width range inside one counts)."""
        i = bisect.bisect_right(self.starts, start) - 1
        if i >= 0 and self.ends[i] > start:
            return True
        j = i + 1
        return j < len(self.starts) and self.starts[j] < max(end, start + 1) and start <= self.starts[j] < end

    def contains(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.starts[i] <= pos < self.ends[i]


# Things no pass may rewrite. Kept deliberately broad: a missed fix inside a URL costs
# nothing, a "fixed" URL is a broken link.
#
# One big alternation scanned at every word costs more than every pass together (~0.7 MB/s),
# so each kind is found from a rare anchor character ("://", "@", "#", "`", "(", "/", "_",
# ".x") and only then grown into the whole token.
_ANCHORS = rx.compile(r"://|(?i:\bwww\.)|[@#`(/_]|\.(?=[\p{Ll}_])|\.(?i:" + r"txt|md|py|js|ts|html?|json|jsonl|csv|pdf|png|jpe?g|gif|docx?|xlsx?|zip|gz|exe|sh|toml|ya?ml|xml)\b")
_URL_TAIL = rx.compile(r"""[^\s<>"'«»“”]*[^\s<>"'«»“”.,;:!?)\]}]""")
_URL_SCHEME = rx.compile(r"(?r)[A-Za-z][A-Za-z0-9+.-]{0,15}\Z")
_DOMAIN = rx.compile(r"[\w-]+(?:\.[\w-]+)+")
_HANDLE = rx.compile(r"\w(?:[\w.]*\w)?")
_HASHTAG = rx.compile(r"\p{L}\w*")
_CODE = rx.compile(r"`[^`\n]+`")
_CALL_ARGS = rx.compile(r"\([^()\n]{0,80}\)")
_IDENT_BEFORE = rx.compile(r"(?r)(?<![\w.])[\p{L}_]\w*(?:\.[\p{L}_]\w*)*\Z")
_WORDS_BEFORE = rx.compile(r"(?r)[\w.-]*\Z")
_PATH_AFTER = rx.compile(r"[\w.-]+(?:/[\w.-]+)*")
_DOTTED_AFTER = rx.compile(r"[\p{Ll}_]\w*(?:\.[\p{L}_]\w*)*")
_WORD_BEFORE = rx.compile(r"(?r)\w*\Z")
_WORD_AFTER = rx.compile(r"\w*")
_LETTER = rx.compile(r"\p{L}")


def protected_spans(text: str) -> Spans:
    """Spans of ``text`` that look like URLs, e-mails, @handles, #hashtags or code.

    Examples (each whole token is protected): ``https://ex.com/a?b=1``, ``www.ex.org``,
    ``ann@example.org``, ``@newsdesk``, ``#Paris2024``, `` `x = 1` ``, ``getElementById(id)``,
    ``os.path``, ``docs/readme.txt``, ``file_name``. Not protected: ``module.Class`` (it has
    the shape of sentence glue, ``conflict.The``, and telling the two apart needs the lexicon,
    which is the glued-words pass's job) and digit-only tokens like ``24/11/2024``.
    """
    if not text:
        return Spans()
    spans: list[tuple[int, int]] = []
    add = spans.append
    covered = -1
    for m in _ANCHORS.finditer(text):
        a, b = m.span()
        if a < covered:
            continue
        tok = m.group()
        span = None
        if tok == "://":
            s = _URL_SCHEME.search(text, max(0, a - 16), a)
            t = _URL_TAIL.match(text, b)
            if s and t:
                span = (s.start(), t.end())
        elif tok.lower() == "www.":
            t = _URL_TAIL.match(text, b)
            if t:
                span = (a, t.end())
        elif tok == "@":
            left = a
            while left > 0 and (text[left - 1].isalnum() or text[left - 1] in "._+-"):
                left -= 1
            d = _DOMAIN.match(text, b)
            if left < a and d:
                span = (left, d.end())
            elif left == a and (a == 0 or text[a - 1] not in "@"):
                h = _HANDLE.match(text, b)
                if h:
                    span = (a, h.end())
        elif tok == "#":
            if a == 0 or not (text[a - 1].isalnum() or text[a - 1] in "_&#"):
                h = _HASHTAG.match(text, b)
                if h:
                    span = (a, h.end())
        elif tok == "`":
            c = _CODE.match(text, a)
            if c:
                span = c.span()
        elif tok == "(":
            ident = _IDENT_BEFORE.search(text, max(0, a - 80), a)
            args = _CALL_ARGS.match(text, a)
            if ident and args:
                span = (ident.start(), args.end())
        elif tok == "/":
            left = _WORDS_BEFORE.search(text, max(0, a - 120), a)
            right = _PATH_AFTER.match(text, b)
            if left and right and left.start() < a:
                whole = text[left.start() : right.end()]
                if _LETTER.search(whole) and not whole.startswith("-"):
                    span = (left.start(), right.end())
        elif tok == "_":
            left = _WORD_BEFORE.search(text, max(0, a - 80), a)
            right = _WORD_AFTER.match(text, b)
            if left.start() < a and right.end() > b:
                span = (left.start(), right.end())
        else:  # ".x": a dotted name (os.path) or a file name (notes.txt)
            left = _WORD_BEFORE.search(text, max(0, a - 80), a)
            if left.start() < a:
                if len(tok) > 1:  # a known file extension
                    span = (left.start(), b)
                else:
                    right = _DOTTED_AFTER.match(text, b)
                    # abbreviations (e.g, i.e, a.m, p.m) are not code: one letter each side
                    short = a - left.start() == 1 and right is not None and right.end() - b == 1
                    if right and not short and _LETTER.match(text, left.start()):
                        end = right.end()
                        if not (end < len(text) and text[end] == "." and end + 1 < len(text) and text[end + 1].isalnum()):
                            span = (left.start(), end)
        if span and span[1] > span[0]:
            add(span)
            covered = span[1]
    return Spans(spans)
