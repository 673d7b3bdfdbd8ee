"""Pipeline: the enabled passes, folded over a document in canonical order."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from . import lang as langmod
from .model import Cleaned, Context, Step
from .options import Options
from .passes import DEFAULT_ORDER, Pass, check_names, pass_class


def enabled_names(options: Options) -> tuple[str, ...]:
    """Which passes run, in canonical order.

    ``only`` (if given) is the whole set; otherwise every pass, minus ``disable``, plus
    ``enable`` (so that a command-line ``--enable`` wins over a config file's ``disable``).
    Unknown names raise UnknownPassError listing the known ones.
    """
    check_names(options.only)
    check_names(options.enable)
    check_names(options.disable)
    if options.only:
        chosen = set(options.only)
    else:
        chosen = (set(DEFAULT_ORDER) - set(options.disable)) | set(options.enable)
    return tuple(n for n in DEFAULT_ORDER if n in chosen)


class Pipeline:
    """Runs the enabled passes in canonical order and records a Step for each change.

    >>> Pipeline(Options(only=("whitespace",))).run("a  b ").text
    'a b'
    """

    def __init__(self, options: Options | None = None, names: Iterable[str] | None = None):
        self.options = options or Options()
        self.names = tuple(names) if names is not None else enabled_names(self.options)
        check_names(self.names)
        self.passes: tuple[Pass, ...] = tuple(
            pass_class(n).from_options(self.options) for n in self.names
        )

    def language(self, text: str) -> str | None:
        lang = (self.options.lang or "auto").lower()
        if lang == "auto":
            return langmod.detect(text)
        if lang in ("none", "unknown", "und"):
            return None
        return lang.split("-")[0].split("_")[0]

    def run(self, text: str, lang: str | None = None) -> Cleaned:
        doc_lang = lang if lang is not None else self.language(text)
        ctx = Context(lang=doc_lang, options=self.options)
        steps: list[Step] = []
        first = self.passes[0] if self.passes and hasattr(self.passes[0], "recheck") else None
        if first is None:
            return Cleaned(text, self._fold(self.passes, text, ctx, steps, text), doc_lang, tuple(steps))
        # A later pass can leave text that looks like mojibake to the first one (typography
        # turning an acute accent into an apostrophe beside a stray 'Â€', say), and then a
        # second run of cleantext would still change it. So the lines that later passes
        # changed get a second look from the mojibake pass, and the document is settled.
        reference = self._fold(self.passes[:1], text, ctx, steps, text)
        current = self._fold(self.passes[1:], reference, ctx, steps, text)
        for _ in range(_SETTLE_ROUNDS):
            if current == reference or not first.may_change(current):
                break  # one scan of the whole text says no line can change (the usual case)
            lines = _changed_lines(reference, current)
            if not lines:
                break
            again = first.recheck(current, ctx, lines)
            if not again.edits:
                break
            steps.append(Step(first.name, current, again.edits, again.notes))
            reference = again.text
            current = self._fold(self.passes[1:], again.text, ctx, steps, text)
        return Cleaned(original=text, text=current, lang=doc_lang, steps=tuple(steps))

    @staticmethod
    def _fold(passes, text: str, ctx: Context, steps: list[Step], original: str) -> str:
        """Run ``passes`` over ``text`` (``original`` after ``steps``), recording new steps."""
        current = text
        for p in passes:
            # A pass after others that changed the text learns where its lines were.
            pctx = ctx if not steps else Context(
                ctx.lang, ctx.options, OriginalLines(original, steps, len(steps)))
            result = p(current, pctx)
            if result.edits or result.notes:
                steps.append(Step(p.name, current, result.edits, result.notes))
            current = result.text
        return current


_SETTLE_ROUNDS = 2


@lru_cache(maxsize=32)
def pipeline_for(options: Options) -> Pipeline:
    """The pipeline for ``options``, built once per process (the API, the CLI and the
    workers all share it: building one compiles regexes and imports every pass)."""
    return Pipeline(options)


def _changed_lines(reference: str, current: str) -> list[tuple[int, int]]:
    """Spans of the lines of ``current`` that do not appear anywhere in ``reference``."""
    if reference == current:
        return []
    seen = set(reference.split("\n"))
    out, pos = [], 0
    for line in current.split("\n"):
        end = pos + len(line)
        if line not in seen:
            out.append((pos, end))
        pos = end + 1
    return out


class OriginalLines:
    """``Context.line_of`` for a pass that runs after ``steps``: an offset of its input,
    traced back through the steps' edits, as a line number of ``original``. Computed only
    when a pass asks (a reason that names a line), so it costs nothing otherwise."""

    __slots__ = ("original", "steps", "count")

    def __init__(self, original: str, steps: list[Step], count: int | None = None):
        # the first ``count`` steps (the list may grow afterwards)
        self.original, self.steps = original, steps
        self.count = len(steps) if count is None else count

    def __call__(self, pos: int) -> int:
        for step in reversed(self.steps[: self.count]):
            pos = _before(pos, step.edits)
        return self.original.count("\n", 0, pos) + 1


def _before(pos: int, edits) -> int:
    """Where ``pos`` (an offset of the text after ``edits``) was before them; an offset inside
    a replacement goes to the start of what it replaced."""
    shift = 0
    for e in edits:  # sorted and non-overlapping, offsets into the text before them
        start = e.start + shift  # where the replacement starts in the text after them
        if start > pos:
            break
        if pos < start + len(e.after):
            return e.start
        shift += len(e.after) - (e.end - e.start)  # a deletion at pos: pos was after it
    return pos - shift
