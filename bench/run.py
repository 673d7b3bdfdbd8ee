"""One command for cleantext's speed figures: ``python bench/run.py [--quick]``.

Measures, in one process and one run, on the bench corpus (``../shared/bench/corpus/all.jsonl``,
the same bytes as all.txt, one document at a time) and on a damaged copy made here
deterministically (bench/_damage.py, seed 8):

* MB/s of ``ftfy.fix_text`` (default settings), of language detection, of each pass alone
  (given the document's language), and of the whole default pipeline (``Pipeline().run``,
  language detection included);
* the CLI end to end on a directory (one file per document) with ``-j 1`` and ``-j 2`` (median
  of five runs each, alternated), its
  fixed cost (a one-file directory), and for information the same on the corpus 3 times;
* start-up: wall time of ``cleantext --version`` and ``echo hello | cleantext`` (median);
* peak RSS of ``cleantext --jsonl`` on growing inputs (the corpus repeated 1× and 4×).

It prints a table, the ratios, and PASS/MISS for each target of issue 8. The cleantext that is
measured is the one in this checkout (``python -m cleantext`` with PYTHONPATH set to it).
``--quick`` keeps a ~2 MB slice of every document proportionally (fast smoke run).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import ftfy  # noqa: E402

import cleantext  # noqa: E402
from _damage import damage  # noqa: E402
from cleantext import lang as langmod  # noqa: E402
from cleantext.model import Context  # noqa: E402
from cleantext.options import Options  # noqa: E402
from cleantext.passes import DEFAULT_ORDER, pass_class  # noqa: E402
from cleantext.pipeline import Pipeline  # noqa: E402

SHARED = Path(os.environ.get("CLEANTEXT_SHARED", ROOT.parent / "shared"))  # as in tests/conftest.py
DEFAULT_CORPUS = SHARED / "bench" / "corpus" / "all.jsonl"
ENV = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
CLI = [sys.executable, "-m", "cleantext"]


def load(path: Path, quick: bool) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    if quick:
        total = sum(len(r["text"]) for r in records)
        keep = 2_000_000 / total
        for r in records:
            t = r["text"]
            cut = t.rfind("\n", 0, max(200, int(len(t) * keep)))
            r["text"] = t if cut < 0 else t[:cut + 1]
    return records


def mb(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def timed(fn, texts: list[str]) -> float:
    t0 = time.perf_counter()
    for t in texts:
        fn(t)
    return time.perf_counter() - t0


def throughput_rows(records: list[dict]) -> dict[str, float]:
    """MB/s of each contender over these records."""
    texts = [r["text"] for r in records]
    size = mb(texts)
    rows: dict[str, float] = {}
    rows["ftfy.fix_text"] = size / timed(ftfy.fix_text, texts)
    rows["language detection"] = size / timed(langmod.detect, texts)
    options = Options()
    for name in DEFAULT_ORDER:
        p = pass_class(name).from_options(options)
        pairs = [(r["text"], Context(lang=r.get("lang"), options=options)) for r in records]
        t0 = time.perf_counter()
        for text, ctx in pairs:
            p(text, ctx)
        rows[f"pass {name}"] = size / (time.perf_counter() - t0)
    pipeline = Pipeline(options)
    rows["default pipeline"] = size / timed(pipeline.run, texts)
    return rows


def median_wall(cmd: list[str], stdin: bytes | None, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, input=stdin, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def cli_dir(records: list[dict], tmp: Path, copies: int = 1, repeat: int = 3) -> tuple[float, dict[int, float]]:
    """MB/s of the CLI with -j 1 and -j 2 on a directory of one file per document (each
    document ``copies`` times, under different names): the median of ``repeat`` runs each."""
    src = tmp / f"docs-x{copies}"
    for copy in range(copies):
        for r in records:
            target = src / f"{copy}" / (r["id"].replace("/", "__") + ".txt")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(r["text"], encoding="utf-8")
    size = sum(f.stat().st_size for f in src.rglob("*.txt")) / 1e6
    walls: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(repeat):  # alternated, so that a burst of load on the machine hits both
        for j in (1, 2):
            dest = tmp / f"out-x{copies}-j{j}"
            shutil.rmtree(dest, ignore_errors=True)
            t0 = time.perf_counter()
            subprocess.run(CLI + [str(src), "--out-dir", str(dest), "-j", str(j), "-q"], env=ENV,
                           stdout=subprocess.DEVNULL, check=True)
            walls[j].append(time.perf_counter() - t0)
    return size, {j: size / statistics.median(w) for j, w in walls.items()}


def cli_fixed_cost(tmp: Path, runs: int) -> float:
    """Wall time of the CLI on a directory of one short file: start-up and warm-up, which
    -j 2 cannot share between its workers."""
    src = tmp / "one"
    src.mkdir()
    (src / "a.txt").write_text("L'été dernier, le 24-11-2024, laRussie a dit \"non\".\n", encoding="utf-8")
    return median_wall(CLI + [str(src), "--out-dir", str(tmp / "one-out"), "-j", "1", "-q"], None, runs)


def _burn(n: int) -> float:
    t0 = time.perf_counter()
    x = 0
    for i in range(n):
        x += i * i
    return time.perf_counter() - t0


def parallel_calibration(n: int = 5_000_000) -> float:
    """What 2 processes give over 1 on this machine right now (pure Python, no I/O): the
    ceiling for -j 2 / -j 1 when other work shares the CPUs."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_burn, [1000, 1000]))  # start the workers
        one = _burn(n)
        t0 = time.perf_counter()
        list(pool.map(_burn, [n, n]))
        two = time.perf_counter() - t0
    return 2 * one / two


_RSS_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if code == 0 else -code)\n"
)


def peak_rss_mb(cmd: list[str]) -> float:
    """Peak RSS of ``cmd``, started from a small wrapper process: on Linux a child's ru_maxrss
    starts at its parent's high-water mark (kept across exec), which here would be the bench's
    own ~200 MB of corpus copies."""
    out = subprocess.run([sys.executable, "-c", _RSS_WRAPPER, *cmd], env=ENV, capture_output=True,
                         text=True, check=True).stdout
    value = int(out.strip())
    if value < 0:
        raise subprocess.CalledProcessError(-value, cmd)
    return value / 1024  # KiB on Linux


def jsonl_memory(corpus: Path, tmp: Path, quick: bool, records: list[dict]) -> list[tuple[float, float]]:
    if quick:
        base = tmp / "base.jsonl"
        base.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    else:
        base = corpus
    data = base.read_bytes()
    out = []
    for times in (1, 4):
        big = tmp / f"x{times}.jsonl"
        big.write_bytes(data * times)
        rss = peak_rss_mb(CLI + ["--jsonl", str(big), "--output", str(tmp / f"x{times}.out.jsonl"), "-q"])
        out.append((len(data) * times / 1e6, rss))
    return out


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSONL corpus (default: %(default)s)")
    ap.add_argument("--quick", action="store_true", help="a ~2 MB slice of every document, fewer start-up runs")
    ap.add_argument("--seed", type=int, default=8, help="seed of the damage (default 8)")
    ap.add_argument("--skip-cli", action="store_true", help="only the in-process figures")
    args = ap.parse_args()

    records = load(args.corpus, args.quick)
    damaged = damage(records, args.seed)
    print(f"cleantext {cleantext.__version__} ({ROOT}), ftfy {ftfy.__version__}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs; passes: {', '.join(DEFAULT_ORDER)}")
    print(f"load average {os.getloadavg()[0]:.1f} (figures are wall-clock: run on an idle machine)")
    print(f"corpus: {args.corpus} ({len(records)} docs, {mb([r['text'] for r in records]):.1f} MB clean, "
          f"{mb([r['text'] for r in damaged]):.1f} MB damaged, seed {args.seed}){' --quick' if args.quick else ''}\n")

    Pipeline(Options()).run("warm up: l'été « déjà » 24-11-2024 06:56 AM theUnited")  # lazy loads out of the timings
    clean_rows = throughput_rows(records)
    damaged_rows = throughput_rows(damaged)
    print(f"{'MB/s':<24}{'clean':>10}{'damaged':>10}")
    for name in clean_rows:
        print(f"{name:<24}{clean_rows[name]:>10.2f}{damaged_rows[name]:>10.2f}")

    results: list[tuple[str, float, str, bool]] = []
    r_clean = clean_rows["default pipeline"] / clean_rows["ftfy.fix_text"]
    r_dmg = damaged_rows["default pipeline"] / damaged_rows["ftfy.fix_text"]
    results.append(("pipeline / ftfy, clean", r_clean, ">= 3", r_clean >= 3))
    results.append(("pipeline / ftfy, damaged", r_dmg, ">= 1", r_dmg >= 1))

    if not args.skip_cli:
        with tempfile.TemporaryDirectory(prefix="cleantext-bench-") as tmpname:
            tmp = Path(tmpname)
            size, by_j = cli_dir(records, tmp, repeat=1 if args.quick else 5)
            print(f"\nCLI on a directory ({len(records)} files, {size:.1f} MB): "
                  f"-j 1 {by_j[1]:.2f} MB/s, -j 2 {by_j[2]:.2f} MB/s")
            r_j = by_j[2] / by_j[1]
            runs = 3 if args.quick else 7
            print(f"  (machine now: load average {os.getloadavg()[0]:.1f}; 2 busy processes run "
                  f"{parallel_calibration():.2f}x as fast as 1; that is the ceiling for -j 2 / -j 1)")
            fixed = cli_fixed_cost(tmp, runs)
            print(f"  fixed cost (start-up and warm-up, on a one-file directory): {fixed:.2f} s, "
                  f"{fixed * by_j[1] / size:.0%} of the -j 1 run")
            if not args.quick:
                size3, by_j3 = cli_dir(records, tmp, copies=3, repeat=1)
                print(f"  for information, the corpus 3 times ({size3:.0f} MB): -j 1 {by_j3[1]:.2f} MB/s, "
                      f"-j 2 {by_j3[2]:.2f} MB/s, ratio {by_j3[2] / by_j3[1]:.2f}")
            results.append(("CLI -j 2 / -j 1", r_j, ">= 1.7", r_j >= 1.7))

            t_version = median_wall(CLI + ["--version"], None, runs)
            t_hello = median_wall(CLI, b"hello\n", runs)
            print(f"start-up (median of {runs}): cleantext --version {t_version:.3f} s, "
                  f"echo hello | cleantext {t_hello:.3f} s")
            results.append(("echo hello | cleantext (s)", t_hello, "< 0.3", t_hello < 0.3))

            mem = jsonl_memory(args.corpus, tmp, args.quick, records)
            print("peak RSS of cleantext --jsonl: " + ", ".join(f"{m:.0f} MB in -> {r:.0f} MB" for m, r in mem))
            growth = mem[-1][1] / mem[0][1]
            results.append(("JSONL RSS growth at 4x input", growth, "<= 1.25", growth <= 1.25))

    print(f"\n{'target':<30}{'measured':>10}  {'goal':<8}")
    for name, value, goal, ok in results:
        print(f"{name:<30}{value:>10.2f}  {goal:<8}{verdict(ok)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
