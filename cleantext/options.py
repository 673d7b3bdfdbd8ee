"""Options: the one frozen record of every setting.

The command line, the config file (``[tool.cleantext]`` in pyproject.toml or
``.cleantext.toml``) and the Python API (``cleantext.clean(text, **options)``) all build the
same record, with the same names: the CLI's long options in snake_case.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, fields
from typing import Any

STYLES = ("typographic", "plain")
TS_FORMATS = ("iso", "iso-utc", "date", "local")  # or any strftime pattern containing '%'
DATE_ORDERS = ("DMY", "MDY", "YMD")
FR_SPACES = ("nbsp", "nnbsp", "none")


class OptionsError(ValueError):
    """A setting has an unknown name or a value outside its range."""


@dataclass(frozen=True, slots=True)
class Options:
    # which passes run
    only: tuple[str, ...] = ()
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    # document
    lang: str = "auto"
    # typography
    style: str = "typographic"
    fr_colon_space: str = "nbsp"  # space before ':' in French
    fr_punct_space: str = "nnbsp"  # space before '; ! ?' in French
    fr_quote_space: str = "nbsp"  # space inside « »
    # dedup
    dedup_top_lines: int = 12  # how far from the top headline copies are looked for
    dedup_similarity: float | None = None  # opt-in fuzzy matching (0 < x <= 1); off by default
    # glued-words
    glue_lowercase: bool = False  # also split all-lowercase glue of function words ('ofthe')
    never_split: tuple[str, ...] = ()  # extra tokens never to split
    never_split_file: str | None = None  # a file with one token per line
    # timestamps
    ts_format: str = "iso"
    date_order: str | None = None
    tz_alias: tuple[tuple[str, str], ...] = ()  # ('IST', 'Asia/Kolkata'), …
    default_tz: str | None = None
    # input and output
    encoding: str | None = None
    output_encoding: str | None = None
    jsonl: bool = False
    text_key: str = "text"
    # files
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    hidden: bool = False
    no_gitignore: bool = False
    workers: int | None = None

    def __post_init__(self) -> None:
        if self.style not in STYLES:
            raise OptionsError(f"style must be one of {', '.join(STYLES)}, not {self.style!r}")
        for name in ("fr_colon_space", "fr_punct_space", "fr_quote_space"):
            if getattr(self, name) not in FR_SPACES:
                raise OptionsError(f"{name} must be one of {', '.join(FR_SPACES)}")
        if self.date_order is not None and self.date_order.upper() not in DATE_ORDERS:
            raise OptionsError(f"date_order must be one of {', '.join(DATE_ORDERS)}")
        if self.ts_format not in TS_FORMATS and "%" not in self.ts_format:
            raise OptionsError(
                f"ts_format must be one of {', '.join(TS_FORMATS)} or a strftime pattern"
            )
        if self.dedup_similarity is not None and not 0 < self.dedup_similarity <= 1:
            raise OptionsError("dedup_similarity must be between 0 and 1")
        if self.dedup_top_lines < 0:
            raise OptionsError("dedup_top_lines must be positive")
        if self.workers is not None and self.workers < 1:
            raise OptionsError("workers must be at least 1")

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    @classmethod
    def from_mapping(cls, values: dict[str, Any], base: Options | None = None) -> Options:
        """Build Options from a mapping of names (snake_case or kebab-case) to values.

        Lists become tuples; ``tz_alias`` accepts ``{"IST": "Asia/Kolkata"}``,
        ``["IST=Asia/Kolkata"]`` or pairs. Unknown names raise OptionsError listing the
        known ones.
        """
        known = {f.name: f for f in fields(cls)}
        clean: dict[str, Any] = {}
        for raw_name, value in values.items():
            name = raw_name.replace("-", "_")
            if name not in known:
                raise OptionsError(
                    f"unknown option {raw_name!r}; known options: {', '.join(sorted(known))}"
                )
            clean[name] = _coerce(name, value)
        start = base or cls()
        try:
            return dataclasses.replace(start, **clean)
        except TypeError as exc:  # pragma: no cover - names are checked above
            raise OptionsError(str(exc)) from None

    def merged(self, **overrides: Any) -> Options:
        return Options.from_mapping(overrides, base=self)

    @property
    def tz_aliases(self) -> dict[str, str]:
        return {k.upper(): v for k, v in self.tz_alias}


_TUPLE_FIELDS = {"only", "enable", "disable", "never_split", "include", "exclude"}


def _coerce(name: str, value: Any) -> Any:
    if name in _TUPLE_FIELDS:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [v for v in value.split(",") if v]
        return tuple(str(v) for v in value)
    if name == "tz_alias":
        return parse_tz_aliases(value)
    if name == "date_order" and isinstance(value, str):
        return value.upper()
    return value


def parse_tz_aliases(value: Any) -> tuple[tuple[str, str], ...]:
    """``{"IST": "Asia/Kolkata"}``, ``["IST=Asia/Kolkata"]`` or pairs -> tuple of pairs."""
    if not value:
        return ()
    if isinstance(value, dict):
        items = list(value.items())
    else:
        if isinstance(value, str):
            value = [value]
        items = []
        for item in value:
            if isinstance(item, str):
                if "=" not in item:
                    raise OptionsError(f"tz_alias takes ABBR=Zone/Name, not {item!r}")
                k, v = item.split("=", 1)
                items.append((k, v))
            else:
                k, v = item
                items.append((k, v))
    return tuple((str(k).strip().upper(), str(v).strip()) for k, v in items)


DEFAULT = Options()
