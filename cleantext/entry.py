"""The console script's entry point: a fast path for the commonest call, then the full CLI.

``echo text | cleantext`` (no arguments, or ``-``) needs neither typer nor rich: reading the
settings file, cleaning stdin and writing stdout is all there is to do. Importing and
building the full command line costs more than cleaning a short text, so that call skips it;
every other call goes to :mod:`cleantext.cli`.
"""

from __future__ import annotations

import sys


def main() -> None:
    args = sys.argv[1:]
    if args in ([], ["-"]):
        code = _stdin_to_stdout()
        if code is not None:
            sys.exit(code)
    elif args == ["--version"]:
        from . import __version__

        print(f"cleantext {__version__}")
        sys.exit(0)
    from .cli import main as cli_main

    cli_main()


def _stdin_to_stdout() -> int | None:
    """Clean stdin to stdout with the settings file's options; None: let the full CLI do it."""
    from . import io as tio
    from .config import ConfigError, find_config, load_config
    from .options import Options, OptionsError
    from .passes import UnknownPassError
    from .pipeline import Pipeline

    try:
        path = find_config()
        options = Options.from_mapping(load_config(path)) if path is not None else Options()
        if options.jsonl:
            return None  # streaming JSONL lives in the full CLI
        pipeline = Pipeline(options)
        data = sys.stdin.buffer.read()
        decoded = tio.decode(data, name="<stdin>", encoding=options.encoding)
        cleaned = pipeline.run(decoded.text)
        sys.stdout.buffer.write(tio.encode(cleaned.text, decoded, options.output_encoding))
        sys.stdout.flush()
    except (ConfigError, OptionsError, UnknownPassError, tio.InputError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except UnicodeEncodeError as exc:
        print(f"error: the cleaned text cannot be written as {exc.encoding}; use --output-encoding utf-8.", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Interrupted; nothing was written.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    return 0
