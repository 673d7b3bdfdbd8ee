"""Language detection: stop words vs py3langid vs hybrid, on the corpus and on short texts.

    python bench/lang_accuracy.py

Sets: the corpus documents (../shared/bench/corpus/all.jsonl: en and fr), slices of them
(first 200 characters; three more 200-character slices from inside each document), their first
line (a headline for news) and one paragraph, plus tests/data/lang_samples.jsonl
(headlines and short paragraphs written for this in en fr de es it pt nl ru).

For each detector and set: accuracy (right answers / all), coverage (answers / all) and
precision (right answers / answers); "None" (unsure) is not an error but costs coverage.
Then speed (MB/s over the corpus documents) and start-up cost (import + model load, measured
in a fresh interpreter).
"""

from __future__ import annotations

import collections
import json
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"

from cleantext import lang as L  # noqa: E402

LANGS = list(L.LANGS)


def load_sets() -> dict[str, list[tuple[str, str]]]:
    docs = [json.loads(x) for x in (SHARED / "bench/corpus/all.jsonl").read_text("utf-8").split("\n") if x]
    rng = random.Random(7)
    sets: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    for d in docs:
        t, lang = d["text"], d["lang"]
        sets["corpus: full document"].append((lang, t))
        sets["corpus: first 200 chars"].append((lang, t[:200]))
        for _ in range(3):
            i = t.find(" ", rng.randrange(max(1, len(t) - 250))) + 1
            sets["corpus: 200-char slices"].append((lang, t[i : i + 200]))
        lines = [x for x in t.split("\n") if x.strip()]
        sets["corpus: first line"].append((lang, lines[0]))
        paras = [x for x in lines[1:] if len(x) >= 150] or lines
        sets["corpus: one paragraph"].append((lang, paras[len(paras) // 2]))
    own = [json.loads(x) for x in (ROOT / "tests/data/lang_samples.jsonl").read_text("utf-8").split("\n") if x]
    for r in own:
        sets[f"own: {r['kind']}s"].append((r["lang"], r["text"]))
    # other-language texts: right = None or their own code; any of our 8 codes is an error
    return sets


def py3langid_detector(restrict: bool, threshold: float):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if restrict:
        ident.set_languages(LANGS)

    def detect(text: str) -> str | None:
        lang, prob = ident.classify(L._sample(text))
        return lang if prob >= threshold else None

    return detect


def hybrid(fallback):
    def detect(text: str) -> str | None:
        return L.detect_stopwords(text) or fallback(text)

    return detect


def score(detect, items) -> tuple[int, int, int, dict]:
    right = answered = 0
    per = collections.defaultdict(lambda: [0, 0, 0])
    for lang, text in items:
        got = detect(text)
        if lang not in LANGS and got not in LANGS:
            got = lang  # unsure (or the right foreign code) is the right answer here
        p = per[lang]
        p[0] += 1
        if got is not None:
            answered += 1
            p[1] += 1
            if got == lang:
                right += 1
                p[2] += 1
    return right, answered, len(items), per


def startup(code: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", f"import time; t=time.perf_counter(); {code}; print(time.perf_counter()-t)"],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    sets = load_sets()
    detectors = {
        "stopwords": L.detect_stopwords,
        "py3langid (97 langs, p>=0.90)": py3langid_detector(False, 0.90),
        "py3langid (8 langs, p>=0.90)": py3langid_detector(True, 0.90),
        "hybrid (stopwords, else py3langid 97, p>=0.90)": hybrid(py3langid_detector(False, 0.90)),
        "hybrid (stopwords, else py3langid 97, p>=0.50)": hybrid(py3langid_detector(False, 0.50)),
        "cleantext.lang.detect (chosen)": L.detect,
    }
    print("accuracy = right/all   [coverage = answered/all, precision = right/answered]\n")
    for set_name, items in sets.items():
        print(f"{set_name} ({len(items)} texts)")
        for name, det in detectors.items():
            r, a, n, per = score(det, items)
            langs = " ".join(
                f"{lg}:{p[2]}/{p[0]}" for lg, p in sorted(per.items()) if p[0]
            )
            prec = r / a if a else 0.0
            print(f"  {name:<48} acc {r / n:6.1%}  [cov {a / n:6.1%}, prec {prec:6.1%}]  {langs}")
        print()

    docs = [t for _, t in sets["corpus: full document"]]
    mb = sum(len(L._sample(t).encode()) for t in docs) / 1e6
    print("speed on the sampled corpus documents (first ~3000 chars each):")
    for name, det in detectors.items():
        t0 = time.perf_counter()
        for _ in range(3):
            for t in docs:
                det(t)
        dt = (time.perf_counter() - t0) / 3
        print(f"  {name:<48} {len(docs) / dt:8.0f} docs/s  {mb / dt:6.1f} MB/s")
    print("\nstart-up in a fresh interpreter (import + first call):")
    sw = startup("import cleantext.lang as l; l.detect_stopwords('the cat is on the mat')")
    pl = startup("import py3langid; py3langid.classify('the cat is on the mat')")
    print(f"  stopwords: {sw:.3f} s\n  py3langid: {pl:.3f} s")


if __name__ == "__main__":
    main()
