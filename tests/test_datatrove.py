"""The datatrove integration: formatter block, pickling, and run_datatrove end to end.

Skipped when datatrove is not installed (it is in the ``test`` extra, so CI runs it).
"""

from __future__ import annotations

import importlib
import json
import os
import pickle
import sys

import pytest

import cleantext
from cleantext.engine import DEFAULT_LOG_DIRNAME, run_datatrove

TEXTS = [
    "Plain line with nothing to do.",
    "Trailing spaces here   \nand a second line\t\n",
    "Cafe\u0301 au lait  \n\n\n\nwith   blank lines",
    "He said \"hello\" -- and left...  ",
    "L'équipe a gagné : bravo !  ",
    "ÃƒÂ©tÃ© mojibake? CafÃ© crème  ",
    "Breaking news\nBreaking news\nThe body of the article.  ",
    "Paris  24-11-2024 06:56 AM Jerusalem Timing\nThe meeting theUnited Nations held.",
    "x",
    "  leading and trailing  ",
]


def _write_shards(folder, n_shards=4, per_shard=6):
    folder.mkdir(parents=True, exist_ok=True)
    records = []
    for s in range(n_shards):
        with open(folder / f"shard-{s}.jsonl", "w", encoding="utf-8") as f:
            for i in range(per_shard):
                rec = {"id": f"s{s}-{i}", "text": TEXTS[(s * per_shard + i) % len(TEXTS)], "source": "test", "n": i}
                records.append(rec)
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return records


def _read_out(folder):
    out = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".jsonl"):
            with open(folder / name, encoding="utf-8") as f:
                out.extend(json.loads(line) for line in f if line.strip())
    return out


@pytest.fixture
def datatrove():
    return pytest.importorskip("datatrove")


def test_missing_datatrove_message(monkeypatch):
    monkeypatch.setitem(sys.modules, "datatrove.pipeline.formatters.base", None)
    monkeypatch.delitem(sys.modules, "cleantext.integrations.datatrove", raising=False)
    with pytest.raises(ImportError, match=r"pip install 'cleantext\[datatrove\]'"):
        importlib.import_module("cleantext.integrations.datatrove")
    monkeypatch.delitem(sys.modules, "cleantext.integrations.datatrove", raising=False)


@pytest.mark.parametrize("options", [{"only": ["whitespace"]}, {}], ids=["whitespace-only", "defaults"])
def test_run_datatrove_two_workers(datatrove, tmp_path, options):
    records = _write_shards(tmp_path / "in")
    assert run_datatrove(tmp_path / "in", tmp_path / "out", options, workers=2, tasks=4) == 0
    out = _read_out(tmp_path / "out")
    ids = [r["id"] for r in out]
    assert sorted(ids) == sorted(r["id"] for r in records)  # nothing lost, nothing duplicated
    assert len(set(ids)) == len(ids)
    by_id = {r["id"]: r for r in out}
    for rec in records:
        got = by_id[rec["id"]]
        assert got["text"] == cleantext.clean(rec["text"], **options), rec["id"]
        assert got["source"] == "test" and got["n"] == rec["n"]  # other fields kept


def test_run_datatrove_resumes(datatrove, tmp_path):
    _write_shards(tmp_path / "in")
    out = tmp_path / "out"
    run_datatrove(tmp_path / "in", out, {"only": ["whitespace"]}, workers=2, tasks=4)
    logs = out / DEFAULT_LOG_DIRNAME
    assert sorted(os.listdir(logs / "completions")) == ["00000", "00001", "00002", "00003"]
    first = _read_out(out)
    old = 1_000_000_000
    for name in os.listdir(out):
        if name.endswith(".jsonl"):
            os.utime(out / name, (old, old))

    # Everything done: a second run redoes nothing.
    run_datatrove(tmp_path / "in", out, {"only": ["whitespace"]}, workers=2, tasks=4)
    assert all(os.stat(out / f"{r:05d}.jsonl").st_mtime == old for r in range(4))

    # Task 2 "crashed": only it is redone, and the output is whole again.
    os.remove(logs / "completions" / "00002")
    (out / "00002.jsonl").write_text('{"partial": tru', encoding="utf-8")
    run_datatrove(tmp_path / "in", out, {"only": ["whitespace"]}, workers=2, tasks=4)
    assert os.stat(out / "00002.jsonl").st_mtime != old
    assert all(os.stat(out / f"{r:05d}.jsonl").st_mtime == old for r in (0, 1, 3))
    assert sorted(_read_out(out), key=lambda r: r["id"]) == sorted(first, key=lambda r: r["id"])


def test_formatter_pickles_and_counts(datatrove):
    from datatrove.data import Document

    from cleantext.integrations.datatrove import CleantextFormatter

    block = CleantextFormatter(only=["whitespace"], provenance=True)
    assert block.format("a  \nb") == cleantext.clean("a  \nb", only=["whitespace"])
    state = pickle.dumps(block)
    assert b"Pipeline" not in state  # only the options travel
    clone = pickle.loads(state)
    texts = ["x  \ny  ", "clean"]
    expected = [cleantext.clean_and_explain(t, only=["whitespace"]) for t in texts]
    assert expected[0].changed and expected[0].counts()
    docs = [Document(text=t, id=str(i)) for i, t in enumerate(texts)]
    out = list(clone.run(iter(docs)))
    assert [d.text for d in out] == [e.text for e in expected]
    assert out[0].metadata["cleantext"] == expected[0].counts()
    stats = clone.stats.stats
    assert stats["total"].total == 2
    assert stats["changed"].total == sum(e.changed for e in expected)
    assert stats["whitespace_docs"].total == sum(bool(e.counts()) for e in expected)
    assert stats["whitespace_edits"].total == sum(e.counts().get("whitespace", 0) for e in expected)
    import dill  # what datatrove's multiprocess pool uses

    assert dill.loads(dill.dumps(clone)).format("z  ") == cleantext.clean("z  ", only=["whitespace"])


def test_formatter_rejects_unknown_option(datatrove):
    from cleantext.integrations.datatrove import CleantextFormatter

    with pytest.raises(cleantext.OptionsError):
        CleantextFormatter(no_such_option=True)


def test_cli_route_runs_the_datatrove_engine(tmp_path):
    from typer.testing import CliRunner

    from cleantext.cli import app

    src = tmp_path / "in"
    src.mkdir()
    texts = [f"Record {i} has  two spaces " for i in range(6)]
    for k in range(2):
        with (src / f"part{k}.jsonl").open("w", encoding="utf-8") as f:
            for i in range(k * 3, k * 3 + 3):
                f.write(json.dumps({"id": str(i), "text": texts[i]}) + "\n")
    out = tmp_path / "out"
    args = ["--jsonl", "--engine", "datatrove", str(src), "--out-dir", str(out), "-j", "2", "--tasks", "2", "--only", "whitespace"]
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 0, r.output
    got = {}
    for f in out.glob("*.jsonl"):
        for line in f.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            got[rec["id"]] = rec["text"]
    assert got == {str(i): cleantext.clean(t, only=["whitespace"]) for i, t in enumerate(texts)}
