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

    try:
        cli_main()
    except SystemExit as exc:
        _exit(exc.code)
    _exit(0)


def _exit(code) -> None:
    """Leave without tearing the interpreter down: freeing every object of a warmed-up
    pipeline costs ~0.03 s at the end of every call, and nothing is left to do once the
    output is flushed and the exit handlers (the compiled-pattern cache) have run."""
    import atexit
    import os

    status = code if isinstance(code, int) else (0 if code is None else 1)
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)  # what sys.exit("message") prints
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away, as `cleantext ... | head` does
        pass
    atexit._run_exitfuncs()
    os._exit(status)


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
