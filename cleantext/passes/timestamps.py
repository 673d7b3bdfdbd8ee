"""timestamps: rewrite fully determined local dates and times as ISO 8601.

* ``24-11-2024 06:56 AM Jerusalem Timing`` → ``2024-11-24T06:56:00+02:00``
* ``Nov 24, 2024 6:56 p.m. EST`` → ``2024-11-24T18:56:00-05:00``
* ``le 24 novembre 2024 à 06h56 (heure de Paris)`` → ``le 2024-11-24T06:56:00+01:00``
* ``24. November 2024 um 14.20 Uhr`` → ``2024-11-24T14:20:00``
* ``24 ноября 2024 г. в 14:20 по московскому времени`` → ``2024-11-24T14:20:00+03:00``
* ``06:56 GMT+3, 24 Nov 2024`` → ``2024-11-24T06:56:00+03:00`` (``GMT+3`` is +03:00)
* ``Friday, January 4, 2019`` → ``Friday, 2019-01-04`` (labels and weekdays stay)

Why: news text carries dates in many local shapes; one unambiguous form makes it sortable,
comparable and machine-readable. Zones are resolved with ``zoneinfo`` (DST-aware: Jerusalem is
UTC+2 in November, UTC+3 in July).

When it does NOT act (the text stays as written, and a Note says why when it looks like a date):

* day/month order unknown (``03-04-2024``) unless ``date_order`` is set; two-digit years;
* ambiguous zone abbreviations (IST, CST, BST, AST…) unless ``tz_alias`` maps them; unknown zones;
* local times that a DST change skips or repeats; invalid dates (``31.02.2024``); a weekday
  that contradicts the date; dates without a year (``Le 15 décembre``); times without a date;
* never for look-alikes: scores ``3-2``, versions ``1.2.3``, prices, decimals, ranges
  ``2014-2015``, phone numbers, IPs, ISBNs, ratios ``16:9``, percentages, numbers in URLs or
  file names, and ISO timestamps already present (so the pass is idempotent).

Options: ``ts_format`` (iso, iso-utc, date, local or a strftime pattern), ``date_order``,
``tz_alias`` (ABBR=Zone/Name), ``default_tz`` (zone assumed for zoneless times).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo
from typing import ClassVar

from .. import rx
from ..edits import protected_spans, result_from_edits
from ..model import Context, Edit, Note, PassResult
from ..options import Options, OptionsError

# The date grammar (..dates.grammar) takes ~0.2 s to compile, so ..dates is imported on the
# first text that has a digit: a text without one (``echo hello | cleantext``) never pays.
_DIGIT = rx.compile(r"\d")
# protected_spans() takes 24/11/2024 for a path and p.m for a dotted name; neither is code.
_NUMERIC_SPAN = rx.compile(r"[\d/.\s:-]+|[AaPp]\.[Mm]")
_STABLE_FORMATS = ("iso", "iso-utc", "date")  # ISO output is never read again
_REACH = 300  # characters of context around a candidate given to protected_spans()


def _protected(text: str, start: int, end: int) -> bool:
    """Does [start, end) touch a URL, e-mail, path, handle or code span?

    protected_spans() costs about as much as ftfy on a whole document, so it runs only on the
    stretch of the line around a candidate (cut at whitespace: none of those tokens has a space,
    except inline code, which stays on one line).
    """
    # Bounded searches: on a document that is one long line, unbounded ones are quadratic.
    a = text.rfind("\n", max(0, start - _REACH - 1), start) + 1
    if a == 0 and start > _REACH + 1:
        a = start - _REACH - 1
    if start - a > _REACH:
        cut = text.find(" ", start - _REACH, start)
        a = cut + 1 if cut >= 0 else start - _REACH
    b = text.find("\n", end, end + _REACH + 1)
    b = min(len(text), end + _REACH + 1) if b < 0 else b
    if b - end > _REACH:
        cut = text.rfind(" ", end, end + _REACH)
        b = cut if cut >= 0 else end + _REACH
    segment = text[a:b]
    for s, e in protected_spans(segment):
        if s + a < end and e + a > start and not _NUMERIC_SPAN.fullmatch(segment, s, e):
            return True
    return False


@dataclass(frozen=True, slots=True)
class Timestamps:
    name: ClassVar[str] = "timestamps"
    summary: ClassVar[str] = "rewrite fully determined dates and times as ISO 8601 (zones resolved, DST-aware)"

    ts_format: str = "iso"
    date_order: str | None = None
    aliases: tuple[tuple[str, str], ...] = ()
    default_tz: str | None = None
    _config: object = field(default=None, compare=False, repr=False)  # ..dates.resolve.Config, built on first use

    def __post_init__(self) -> None:
        if self.aliases or self.default_tz is not None:
            self._check_zones()

    def _check_zones(self) -> None:
        from ..dates import zones

        for abbr, zone in self.aliases:
            if zones.zone_info(zone) is None:
                raise OptionsError(f"tz_alias {abbr}={zone}: unknown time zone (use an IANA name like Asia/Kolkata)")
        if self.default_tz is not None and zones.zone_info(self.default_tz) is None and self.default_tz.upper() != "UTC":
            raise OptionsError(f"default_tz {self.default_tz!r}: unknown time zone (use an IANA name like Europe/Paris)")

    def _get_config(self):
        if self._config is None:
            from ..dates.resolve import Config

            cfg = Config(self.ts_format, self.date_order, {k.upper(): v for k, v in self.aliases}, self.default_tz)
            object.__setattr__(self, "_config", cfg)
        return self._config

    @classmethod
    def from_options(cls, options: Options) -> Timestamps:
        return cls(
            ts_format=options.ts_format,
            date_order=options.date_order.upper() if options.date_order else None,
            aliases=tuple(options.tz_alias),
            default_tz=options.default_tz,
        )

    def _default(self) -> tzinfo | None:
        if self.default_tz is None:
            return None
        from ..dates import zones

        if self.default_tz.upper() == "UTC":
            return zones.UTC
        return zones.zone_info(self.default_tz)

    def __call__(self, text: str, ctx: Context) -> PassResult:
        if not text or not _DIGIT.search(text):
            return PassResult(text)
        from ..dates import grammar
        from ..dates.resolve import examine

        config = self._get_config()
        lang = (ctx.lang or "").split("-")[0].lower() or None if ctx is not None else None
        default = self._default()
        edits: list[Edit] = []
        notes: list[Note] = []
        for m in grammar.scan(text):
            if m.group("iso"):
                continue
            if _protected(text, *m.span()):
                continue
            try:
                found = examine(m, text, lang, config, default)
            except Exception:  # noqa: BLE001 - total: a bad candidate never breaks the document
                found = None
            if isinstance(found, Edit):
                if self.ts_format not in _STABLE_FORMATS and not self._stable(text, found, lang, default):
                    notes.append(Note(found.start, found.end, found.before,
                                      "left unchanged: the chosen --ts-format would be read again as a "
                                      "different timestamp here", "unstable-format"))
                    continue
                edits.append(found)
            elif isinstance(found, Note):
                notes.append(found)
        return result_from_edits(text, edits, notes)

    def _stable(self, text: str, edit: Edit, lang, default) -> bool:
        """Would the pass rewrite its own output again around ``edit``? (only for non-ISO
        output formats: an ISO timestamp is never rewritten, a strftime pattern may be)."""
        a = max(text.rfind("\n", max(0, edit.start - _REACH), edit.start) + 1, edit.start - _REACH, 0)
        b = text.find("\n", edit.end, edit.end + _REACH)
        b = min(len(text), edit.end + _REACH) if b < 0 else b
        line = text[a : edit.start] + edit.after + text[edit.end : b]
        lo, hi = edit.start - a, edit.start - a + len(edit.after)
        from ..dates import grammar  # already imported by __call__ (see _DIGIT)
        from ..dates.resolve import examine

        for m in grammar.scan(line):
            if m.group("iso") or m.end() <= lo or m.start() >= hi:
                continue
            try:
                again = examine(m, line, lang, self._get_config(), default)
            except Exception:  # noqa: BLE001
                again = None
            if isinstance(again, Edit):
                return False
        return True


PASS = Timestamps
