"""Start-up cost of the glued-words pass: the first runs in a fresh process.

    python bench/startup_glued_words.py [--runs N] [--no-cache]

Runs N fresh interpreters; each imports cleantext, builds a Pipeline and times (process
time) the first ``Pipeline().run`` on an English and then a French sentence that both hold a
glued-word candidate (so each language's lexicon is loaded), then the glued-words pass alone
on a text in an unknown language (four lexicons). Prints the median of each figure.
The lexicon cache goes to a temporary XDG_CACHE_HOME, filled by one untimed run first;
--no-cache points XDG_CACHE_HOME at a place that cannot be created (the cache is off).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, sys, time
t0 = time.process_time()
sys.path.insert(0, ROOT)
from cleantext.pipeline import Pipeline
from cleantext.model import Context
p = Pipeline()
t1 = time.process_time()
en = p.run("The minister said theMinistry would publish the report in2014.", lang="en")
t2 = time.process_time()
fr = p.run("Le ministre veut coopérer avec laRussie depuis2015.", lang="fr")
t3 = time.process_time()
g = next(x for x in p.passes if x.name == "glued-words")
un = g("Ein Satz mit derRegierung und theMinistry.", Context(lang=None, options=p.options))
t4 = time.process_time()
print(json.dumps({"import+build": t1 - t0, "first run en": t2 - t1, "first run fr": t3 - t2,
                  "unknown lang (4 lexicons)": t4 - t3, "texts": [en.text, fr.text, un.text]}))
"""


def main(argv: list[str]) -> int:
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 5
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, XDG_CACHE_HOME=cache)
        if "--no-cache" in argv:
            env["XDG_CACHE_HOME"] = "/proc/cleantext-no-cache"  # cannot be created
        rows = []
        for i in range(runs + 1):
            out = subprocess.run([sys.executable, "-c", CHILD.replace("ROOT", repr(str(ROOT)))],
                                 env=env, capture_output=True, text=True, check=True).stdout
            if i:  # the first run fills the cache
                rows.append(json.loads(out))
    for key in rows[0]:
        if key != "texts":
            print(f"{key:<28} {statistics.median(r[key] for r in rows):.3f} s")
    print("texts:", rows[0]["texts"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
