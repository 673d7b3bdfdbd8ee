"""Peak memory of `cleantext --jsonl` on a large JSONL file: it must stay flat.

Builds a file of at least --size-mb megabytes by repeating ../shared/bench/corpus/all.jsonl
(in a temporary directory, never in the repository), runs the command in a child process
(stdout to /dev/null) and prints its peak RSS next to the input size. Run it twice with
different sizes to see that the peak does not grow with the input:

    python bench/bench_jsonl_memory.py --size-mb 1024 --only whitespace
    python bench/bench_jsonl_memory.py --size-mb 64 --only whitespace
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("CLEANTEXT_SHARED", ROOT.parent / "shared")) / "bench" / "corpus" / "all.jsonl"


def build(target: Path, size_mb: int) -> int:
    chunk = CORPUS.read_bytes()
    if not chunk.endswith(b"\n"):
        chunk += b"\n"
    written = 0
    with open(target, "wb") as f:
        while written < size_mb * 1_000_000:
            f.write(chunk)
            written += len(chunk)
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size-mb", type=int, default=1024)
    ap.add_argument("--only", default=None, help="passes to run (default: the whole pipeline)")
    ap.add_argument("--workers", "-j", type=int, default=None, help="-j for cleantext (default: CPUs)")
    ap.add_argument("--tmp", default=tempfile.gettempdir())
    ap.add_argument("--keep", action="store_true", help="keep the generated file")
    args = ap.parse_args()
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} not found")
    with tempfile.TemporaryDirectory(dir=args.tmp) as d:
        path = Path(d) / "big.jsonl"
        size = build(path, args.size_mb)
        cmd = [sys.executable, "-m", "cleantext", "--jsonl", "-q", str(path)]
        if args.only:
            cmd[3:3] = ["--only", args.only]
        if args.workers:
            cmd[3:3] = ["-j", str(args.workers)]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
        elapsed = time.perf_counter() - t0
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kilobytes on Linux
        if proc.returncode not in (0, 1):
            sys.exit(proc.stderr.decode())
        print(f"input        {size / 1e6:10.1f} MB ({args.only or 'all passes'}, -j {args.workers or os.cpu_count()})")
        print(f"time         {elapsed:10.1f} s   ({size / 1e6 / elapsed:.1f} MB/s)")
        print(f"peak RSS     {peak_kb / 1024:10.1f} MB   (largest single process: the main one or a worker)")
        print(f"RSS / input  {peak_kb * 1024 / size:10.3f}")
        if args.keep:
            keep = Path(args.tmp) / "cleantext-bench.jsonl"
            os.replace(path, keep)
            print(f"kept {keep}")


if __name__ == "__main__":
    main()
