"""The ``cleantext`` command: parse -> Options -> runner -> render -> exit code.

No cleaning logic lives here; see runner.py and the passes.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from . import __version__
from . import io as tio
from .config import ConfigError, find_config, load_config
from .console import LazyConsole
from .options import Options, OptionsError
from .passes import DEFAULT_ORDER, UnknownPassError, pass_class
from .pipeline import enabled_names
from .report import ExitCode, Report
from .runner import Job, Outcome, WriteMode, clean_files, interruptible, pipeline_for

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console

app = typer.Typer(
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)

PASSES_HELP = ", ".join(DEFAULT_ORDER)


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


class Abort(Exception):
    """A usage, config or input error: message to stderr, exit 2."""


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cleantext {__version__}")
        raise typer.Exit()


def _list_passes(value: bool) -> None:
    if value:
        for name in DEFAULT_ORDER:
            typer.echo(f"{name:<12} {pass_class(name).summary}")
        raise typer.Exit()


@app.command(
    help=(
        "Clean text scraped from the web: repair mojibake, tidy whitespace, remove duplicated "
        "headlines and teasers, split glued words, normalize timestamps and typography.\n\n"
        "With no PATH (or -), read stdin and write stdout. One FILE is printed cleaned to stdout. "
        "Directories need --in-place, --out-dir, --check or --diff.\n\n"
        "Exit codes: 0 nothing to change or done; 1 --check/--diff found changes; "
        "2 usage, config or input error; 130 interrupted."
    )
)
def command(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or directories; - or nothing for stdin.", show_default=False, metavar="PATH")] = None,
    in_place: Annotated[bool, typer.Option("--in-place", "-i", help="Rewrite files in place (atomically).")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the cleaned text of one input to FILE.", metavar="FILE")] = None,
    out_dir: Annotated[Path | None, typer.Option("--out-dir", help="Write cleaned copies under DIR, mirroring the tree.", metavar="DIR")] = None,
    check: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 if anything would change.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Write nothing; show a unified diff with word highlights; exit 1 if changes.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Show each change: file:line:col, pass, before → after, reason.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="Format of --explain: text or json (one object per change).", metavar="text|json")] = "text",
    only: Annotated[list[str] | None, typer.Option("--only", help=f"Run only these passes ({PASSES_HELP}).", metavar="PASS")] = None,
    enable: Annotated[list[str] | None, typer.Option("--enable", help="Run this pass even if the config disables it.", metavar="PASS")] = None,
    disable: Annotated[list[str] | None, typer.Option("--disable", help="Do not run this pass.", metavar="PASS")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Document language: auto (default), en, fr, de, es, it, pt, nl, ru, …", metavar="LANG")] = None,
    style: Annotated[str | None, typer.Option("--style", help="typographic (default: ’ « » …) or plain (ASCII ' \" ...).", metavar="STYLE")] = None,
    ts_format: Annotated[str | None, typer.Option("--ts-format", help="Timestamps: iso (default), iso-utc, date, local, or a strftime pattern.", metavar="FMT")] = None,
    date_order: Annotated[str | None, typer.Option("--date-order", help="Read ambiguous numeric dates as DMY or MDY (default: leave them).", metavar="DMY|MDY")] = None,
    tz_alias: Annotated[list[str] | None, typer.Option("--tz-alias", help="Resolve an ambiguous zone abbreviation, e.g. IST=Asia/Kolkata.", metavar="ABBR=ZONE")] = None,
    default_tz: Annotated[str | None, typer.Option("--default-tz", help="Zone assumed for timestamps that name none, e.g. Europe/Paris.", metavar="ZONE")] = None,
    glue_lowercase: Annotated[bool | None, typer.Option("--glue-lowercase/--no-glue-lowercase", help="Also split all-lowercase glue of function words ('ofthe').", show_default=False)] = None,
    never_split: Annotated[list[str] | None, typer.Option("--never-split", help="A token the glued-words pass must never split.", metavar="WORD")] = None,
    never_split_file: Annotated[str | None, typer.Option("--never-split-file", help="A file of tokens never to split, one per line.", metavar="FILE")] = None,
    dedup_top_lines: Annotated[int | None, typer.Option("--dedup-top-lines", help="How many non-blank lines from the top repeated headlines are looked for (default 12; 0 turns the rule off).", metavar="N")] = None,
    dedup_similarity: Annotated[float | None, typer.Option("--dedup-similarity", help="Opt-in fuzzy matching (0-1) of repeated headlines and back-to-back paragraphs; off by default.", metavar="X")] = None,
    fr_colon_space: Annotated[str | None, typer.Option("--fr-colon-space", help="French space before ':': nbsp (default), nnbsp or none.", metavar="KIND")] = None,
    fr_punct_space: Annotated[str | None, typer.Option("--fr-punct-space", help="French space before '; ! ?': nnbsp (default), nbsp or none.", metavar="KIND")] = None,
    fr_quote_space: Annotated[str | None, typer.Option("--fr-quote-space", help="French space inside « »: nbsp (default), nnbsp or none.", metavar="KIND")] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Input is JSON Lines: clean one field of each record.")] = False,
    text_key: Annotated[str | None, typer.Option("--text-key", help="The JSONL field to clean (default: text).", metavar="KEY")] = None,
    encoding: Annotated[str | None, typer.Option("--encoding", help="Input encoding (default: UTF-8, else detected).", metavar="ENC")] = None,
    output_encoding: Annotated[str | None, typer.Option("--output-encoding", help="Output encoding (default: the input's).", metavar="ENC")] = None,
    include: Annotated[list[str] | None, typer.Option("--include", help="Only files matching this glob (in directories).", metavar="GLOB")] = None,
    exclude: Annotated[list[str] | None, typer.Option("--exclude", help="Skip files matching this glob (in directories).", metavar="GLOB")] = None,
    hidden: Annotated[bool, typer.Option("--hidden", help="Also clean hidden files and directories.")] = False,
    no_gitignore: Annotated[bool, typer.Option("--no-gitignore", help="Do not skip files listed in .gitignore.")] = False,
    workers: Annotated[int | None, typer.Option("--workers", "-j", help="Processes for many files (default: CPUs).", metavar="N")] = None,
    engine: Annotated[str, typer.Option("--engine", help="local (default), or datatrove to clean a JSONL directory with datatrove's executor (pip install 'cleantext[datatrove]').", metavar="local|datatrove")] = "local",
    tasks: Annotated[int | None, typer.Option("--tasks", help="With --engine datatrove: how many tasks the input files are split into (default: --workers).", metavar="M")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Read settings from this TOML file.", metavar="FILE")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="More detail; tracebacks on errors.")] = False,
    color: Annotated[bool | None, typer.Option("--color/--no-color", help="Colour (default: only on a terminal).", show_default=False)] = None,
    list_passes: Annotated[bool, typer.Option("--list-passes", help="List the passes and exit.", callback=_list_passes, is_eager=True)] = False,
    version: Annotated[bool, typer.Option("--version", help="Show the version and exit.", callback=_version, is_eager=True)] = False,
) -> None:
    err = LazyConsole(stderr=True, no_color=color is False, force_terminal=color, highlight=False, soft_wrap=True)
    try:
        cli_values: dict[str, Any] = {
            "only": _split(only), "enable": _split(enable), "disable": _split(disable),
            "lang": lang, "style": style, "ts_format": ts_format, "date_order": date_order,
            "tz_alias": tz_alias, "default_tz": default_tz, "glue_lowercase": glue_lowercase,
            "never_split": never_split, "never_split_file": never_split_file,
            "dedup_top_lines": dedup_top_lines, "dedup_similarity": dedup_similarity,
            "fr_colon_space": fr_colon_space, "fr_punct_space": fr_punct_space,
            "fr_quote_space": fr_quote_space, "jsonl": jsonl or None, "text_key": text_key,
            "encoding": encoding, "output_encoding": output_encoding, "include": include,
            "exclude": exclude, "hidden": hidden or None, "no_gitignore": no_gitignore or None,
            "workers": workers,
        }
        options = _build_options(cli_values, config, err if verbose else None)
        with interruptible():
            if engine != "local":
                other_mode = check or diff or explain or in_place or output is not None
                code = _run_engine(engine, paths or [], options, out_dir, tasks, other_mode)
            else:
                code = _run(paths or [], options, in_place, output, out_dir, check, diff, explain, fmt, quiet, verbose, color, err)
    except KeyboardInterrupt:
        err.print("Interrupted: files not yet written are untouched, and no partial file was left.")
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    except (Abort, OptionsError, ConfigError, UnknownPassError, tio.InputError) as exc:
        if verbose:
            err.print(traceback.format_exc(), markup=False)
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(ExitCode.ERROR) from None
    raise typer.Exit(code)


def _build_options(cli_values: dict[str, Any], config: Path | None, log: Console | None) -> Options:
    path = config if config is not None else find_config()
    base = Options()
    if path is not None:
        base = Options.from_mapping(load_config(path))
        if log:
            log.print(f"config: {path}", markup=False)
    given = {k: v for k, v in cli_values.items() if v is not None}
    options = Options.from_mapping(given, base=base)
    enabled_names(options)  # refuse unknown pass names now, before reading anything
    return options


def _run_engine(engine: str, paths: list[Path], options: Options, out_dir: Path | None, tasks: int | None, other_mode) -> int:
    """Hand a JSONL directory to a distributed engine (only datatrove so far)."""
    if engine != "datatrove":
        raise Abort(f"--engine must be local or datatrove, not {engine!r}")
    if not options.jsonl:
        raise Abort("--engine datatrove cleans JSONL records: add --jsonl.")
    if len(paths) != 1 or not paths[0].is_dir():
        raise Abort("--engine datatrove takes one input directory of .jsonl or .jsonl.gz files.")
    if out_dir is None or other_mode:
        raise Abort("--engine datatrove writes with --out-dir DIR only (no --check, --diff, --explain, -i or -o).")
    try:
        from .engine import run_datatrove

        workers = options.workers or 1
        return run_datatrove(paths[0], out_dir, options, workers=workers, tasks=tasks or workers, text_key=options.text_key)
    except ImportError as exc:
        raise Abort(str(exc)) from None


def _run(paths, options, in_place, output, out_dir, check, diff, explain, fmt, quiet, verbose, color, err) -> int:
    if fmt not in ("text", "json"):
        raise Abort(f"--format must be text or json, not {fmt!r}")
    use_stdin = not paths or paths == [Path("-")]
    writers = [n for n, v in (("--in-place", in_place), ("--output", output), ("--out-dir", out_dir)) if v]
    if len(writers) > 1:
        raise Abort(f"{' and '.join(writers)} cannot be used together.")
    if (check or diff) and writers:
        raise Abort(f"--check and --diff write nothing; drop {writers[0]}.")
    if use_stdin and (in_place or out_dir):
        raise Abort("--in-place and --out-dir need file or directory arguments, not stdin.")
    if not use_stdin and any(str(p) == "-" for p in paths):
        raise Abort("'-' (stdin) cannot be mixed with other paths.")
    has_dir = any(p.is_dir() for p in paths)
    if (has_dir or len(paths) > 1) and not (in_place or out_dir or check or diff or explain):
        what = "a directory" if has_dir else "several files"
        raise Abort(
            f"{what} given without a write mode: add --in-place to rewrite the files, "
            "--out-dir DIR to write cleaned copies, or --check / --diff to preview."
        )
    if output is not None and (has_dir or len(paths) > 1):
        raise Abort("--output takes one input; use --out-dir for several.")
    for p in paths:
        if str(p) != "-" and not p.exists():
            raise Abort(f"{p}: no such file or directory.")

    if in_place:
        mode = WriteMode.IN_PLACE
    elif out_dir:
        mode = WriteMode.OUT_DIR
    elif output:
        mode = WriteMode.OUTPUT
    elif check or diff or explain:
        mode = WriteMode.NOTHING
    else:
        mode = WriteMode.STDOUT
    out = LazyConsole(no_color=color is False, force_terminal=color, highlight=False, soft_wrap=True)
    report = Report(check=check or diff)
    show = _Shower(out, diff, explain, fmt, verbose, err)

    if options.jsonl:
        from .jsonl import run_jsonl

        return run_jsonl(paths, use_stdin, options, mode, output, out_dir, report, show, quiet, err)

    if use_stdin:
        data = sys.stdin.buffer.read()
        decoded = tio.decode(data, name="<stdin>", encoding=options.encoding)
        cleaned = pipeline_for(options).run(decoded.text)
        new = tio.encode(cleaned.text, decoded, options.output_encoding)
        report.done(new != data, cleaned.counts(), sum(len(s.notes) for s in cleaned.steps))
        show.document("<stdin>", cleaned, decoded)
        if mode is WriteMode.STDOUT:
            sys.stdout.flush()
            sys.stdout.buffer.write(new)
            sys.stdout.flush()
        elif mode is WriteMode.OUTPUT:
            tio.atomic_write(output, new)
        return report.exit_code

    from .files import discover
    from .progress import Bar

    skip = [out_dir] if out_dir is not None else []
    items = list(discover(paths, options.include, options.exclude, options.hidden, not options.no_gitignore, skip))
    if out_dir is not None:
        _check_targets(items, out_dir)
    job = Job(mode, options, output=output, out_dir=out_dir, keep_text=diff or explain or verbose)
    bar = Bar(err, _total_size(items), len(items), enabled=not quiet and len(items) > 1)
    try:
        for outcome in clean_files(items, job, options.workers):
            _record(outcome, report, show, err, quiet, verbose)
            bar.advance(1, outcome.size)
            if mode is WriteMode.STDOUT and outcome.data is not None:
                sys.stdout.flush()
                sys.stdout.buffer.write(outcome.data)
                sys.stdout.flush()
    finally:
        bar.close()
    if not quiet and (mode in (WriteMode.IN_PLACE, WriteMode.OUT_DIR) or ((check or diff) and report.total > 1) or verbose):
        verb = "would be changed" if mode is WriteMode.NOTHING else "changed"
        err.print(report.summary(verb), markup=False)
    return report.exit_code


def _total_size(items) -> int:
    total = 0
    for path, _root in items:
        try:
            total += path.stat().st_size
        except OSError:
            pass
    return total


def _check_targets(items, out_dir: Path) -> None:
    """Refuse an --out-dir that is a file, and two inputs that would land on the same copy."""
    from .runner import out_path

    if out_dir.exists() and not out_dir.is_dir():
        raise Abort(f"--out-dir {out_dir}: exists and is not a directory.")
    seen: dict[Path, Path] = {}
    for path, root in items:
        try:
            target = out_path(path, root, out_dir)
        except tio.InputError:
            continue  # reported for that file when it is cleaned
        if target in seen:
            raise Abort(f"{seen[target]} and {path} would both be written to {target}; clean them in separate runs.")
        seen[target] = path


def _record(outcome: Outcome, report: Report, show, err: Console, quiet: bool, verbose: bool) -> None:
    if outcome.error:
        report.failure(outcome.error)
        err.print(f"error: {outcome.error}", markup=False)
        return
    if outcome.skipped:
        report.skip(outcome.skipped)
        if not quiet:
            err.print(f"skipped: {outcome.skipped}", markup=False)
        return
    report.bytes_in += outcome.size
    report.done(outcome.changed, outcome.counts, outcome.notes)
    if outcome.cleaned is not None:
        show.document(outcome.name, outcome.cleaned, outcome.decoded)
    if verbose and outcome.written is not None:
        err.print(f"wrote {outcome.written}", markup=False)
    elif outcome.changed and report.check and not quiet:
        err.print(f"would clean {outcome.name}", markup=False)


class _Shower:
    """Prints diffs and explanations for one document at a time."""

    def __init__(self, out: Console, diff: bool, explain: bool, fmt: str, verbose: bool, err: Console):
        self.out, self.diff, self.explain, self.fmt, self.verbose, self.err = out, diff, explain, fmt, verbose, err

    def document(self, name: str, cleaned, decoded=None) -> None:
        if decoded is not None and decoded.detected and (self.verbose or self.explain):
            # named on stderr, so that --explain --format json stays one JSON object per line
            self.err.print(f"{name}: not UTF-8; decoded as {decoded.encoding} (detected)", markup=False)
        if self.verbose:
            self.err.print(f"{name}: language {cleaned.lang or 'unknown'}", markup=False)
        if (self.diff and cleaned.changed) or self.explain:
            from .render import diff_text, explain_json, explain_text, unified_diff
        if self.diff and cleaned.changed:
            if self.out.is_terminal:
                self.out.print(diff_text(cleaned.original, cleaned.text, name), end="")
            else:
                self.out.file.write("".join(unified_diff(cleaned.original, cleaned.text, name)))
        if self.explain:
            if self.fmt == "json":
                for line in explain_json(cleaned, name):
                    self.out.file.write(line + "\n")
            else:
                text = explain_text(cleaned, name)
                if self.out.is_terminal:
                    self.out.print(text, end="")
                else:
                    self.out.file.write(text.plain)
        self.out.file.flush()


def main() -> None:
    try:
        app(prog_name="cleantext")
    except KeyboardInterrupt:  # pragma: no cover - interrupted before the command body
        print("Interrupted before anything was written.", file=sys.stderr)
        sys.exit(ExitCode.INTERRUPTED)
