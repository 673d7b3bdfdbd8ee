"""Settings from a file: ``.cleantext.toml`` or ``[tool.cleantext]`` in ``pyproject.toml``.

Looked for from the working directory upward, stopping at the first directory that has
either file with cleantext settings, or at a repository root (a ``.git`` entry). Keys are the
command line's long options, in kebab-case or snake_case::

    [tool.cleantext]
    lang = "fr"
    style = "plain"
    disable = ["dedup"]
    tz-alias = { IST = "Asia/Kolkata" }

Options given on the command line win over the file.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any


class ConfigError(ValueError):
    pass


def find_config(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        dedicated = directory / ".cleantext.toml"
        if dedicated.is_file():
            return dedicated
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_section(pyproject):
            return pyproject
        if (directory / ".git").exists():
            return None
    return None


def _has_section(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(data.get("tool", {}).get("cleantext"), dict)


def load_config(path: Path) -> dict[str, Any]:
    """The settings in ``path`` as a dict (empty if it has none); ConfigError if unreadable."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc}).") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc}).") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("cleantext", {})
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: [tool.cleantext] must be a table.")
    return data
