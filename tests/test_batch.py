"""Many files at once: discovery, write modes, workers, errors, encodings, JSONL, progress."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from cleantext import io as tio
from cleantext import progress
from cleantext.charsets import detect, fit
from cleantext.console import LazyConsole
from helpers import CLEAN, MESSY, WS, run
from cleantext.files import GitIgnore, discover
from cleantext.runner import batches, out_path



def tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
    return root


def rels(items, base: Path) -> list[str]:
    return [p.relative_to(base).as_posix() for p, _ in items]


# --- discovery -------------------------------------------------------------------------------


def test_files_and_directories_mixed(tmp_path):
    tree(tmp_path, {"d/a.txt": MESSY, "d/sub/b.md": MESSY, "one.txt": MESSY, "d/pic.png": b"\x89PNG"})
    items = list(discover([tmp_path / "one.txt", tmp_path / "d"]))
    assert rels(items, tmp_path) == ["one.txt", "d/a.txt", "d/sub/b.md"]
    assert items[0][1] is None and items[1][1] == tmp_path / "d"


def test_include_exclude(tmp_path):
    tree(tmp_path, {"a.txt": "", "b.md": "", "skip/c.txt": "", "keep/d.txt": ""})
    assert rels(discover([tmp_path], include=["*.txt"]), tmp_path) == ["a.txt", "keep/d.txt", "skip/c.txt"]
    assert rels(discover([tmp_path], include=["skip/*"]), tmp_path) == ["skip/c.txt"]
    assert rels(discover([tmp_path], exclude=["skip"]), tmp_path) == ["a.txt", "b.md", "keep/d.txt"]
    assert rels(discover([tmp_path], exclude=["skip/", "*.md"]), tmp_path) == ["a.txt", "keep/d.txt"]


def test_gitignore_and_hidden(tmp_path):
    tree(tmp_path, {
        ".gitignore": "build/\n*.log\n/top.txt\ndocs/**/draft*.txt\n!keep.log\n",
        "a.txt": "", "top.txt": "", "sub/top.txt": "", "x.log": "", "keep.log": "",
        "build/out.txt": "", "docs/v1/deep/draft1.txt": "", "docs/final.txt": "",
        ".hidden/h.txt": "", ".dotfile": "", ".git/config": "",
    })
    got = sorted(rels(discover([tmp_path]), tmp_path))
    assert got == ["a.txt", "docs/final.txt", "keep.log", "sub/top.txt"]
    got = rels(discover([tmp_path], gitignore=False), tmp_path)
    assert "build/out.txt" in got and "x.log" in got and ".hidden/h.txt" not in got
    got = rels(discover([tmp_path], hidden=True), tmp_path)
    assert ".hidden/h.txt" in got and ".dotfile" in got and ".gitignore" in got
    assert not any(g.startswith(".git/") for g in got)


def test_parent_gitignore_applies_inside_a_repository(tmp_path):
    tree(tmp_path, {".gitignore": "*.gen.txt\n", "pkg/a.txt": "", "pkg/b.gen.txt": ""})
    (tmp_path / ".git").mkdir()
    assert rels(discover([tmp_path / "pkg"]), tmp_path) == ["pkg/a.txt"]


def test_gitignore_globs():
    gi = GitIgnore(Path("/r"), ["*.tmp", "/only-top", "a/*/c", "**/logs", "x?z", "\\#hash"])
    assert gi.ignored("deep/f.tmp", False)
    assert gi.ignored("only-top", False) and not gi.ignored("sub/only-top", False)
    assert gi.ignored("a/b/c", False) and not gi.ignored("a/b/d/c", False)
    assert gi.ignored("logs", True) and gi.ignored("x/y/logs", True)
    assert gi.ignored("xyz", False) and not gi.ignored("x/z", False)
    assert gi.ignored("#hash", False)


def test_symlinks_are_not_followed(tmp_path):
    outside = tree(tmp_path / "outside", {"secret.txt": MESSY})
    src = tree(tmp_path / "src", {"a.txt": MESSY})
    (src / "link-file.txt").symlink_to(outside / "secret.txt")
    (src / "link-dir").symlink_to(outside, target_is_directory=True)
    (src / "loop").symlink_to(src, target_is_directory=True)
    assert rels(discover([src]), src) == ["a.txt"]
    r = run([*WS, "-i", str(src)])
    assert r.exit_code == 0, r.stderr
    assert (outside / "secret.txt").read_text() == MESSY
    assert (src / "a.txt").read_text() == CLEAN
    assert (src / "link-file.txt").is_symlink()


def test_a_linked_file_named_directly_keeps_its_link(tmp_path):
    real = tree(tmp_path, {"real.txt": MESSY}) / "real.txt"
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert run([*WS, "-i", str(link)]).exit_code == 0
    assert link.is_symlink() and real.read_text() == CLEAN


def test_same_file_twice_is_cleaned_once(tmp_path):
    tree(tmp_path, {"d/a.txt": MESSY})
    items = list(discover([tmp_path / "d", tmp_path / "d" / "a.txt", tmp_path / "d"]))
    assert len(items) == 1


# --- out-dir -----------------------------------------------------------------------------


def test_out_dir_mirrors_and_skips_itself(tmp_path):
    src = tree(tmp_path / "src", {"a.txt": MESSY, "sub/b.txt": MESSY})
    out = src / "cleaned"  # inside the input tree: must not be walked again
    assert run([*WS, str(src), "--out-dir", str(out)]).exit_code == 0
    assert run([*WS, str(src), "--out-dir", str(out)]).exit_code == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == ["a.txt", "sub/b.txt"]
    assert (out / "sub" / "b.txt").read_text() == CLEAN


def test_out_dir_cannot_be_escaped_with_dotdot(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(tio.InputError):
        out_path(tmp_path / "src" / ".." / ".." / "evil.txt", tmp_path / "src", out)
    # a file named with ../ lands under its own name, inside the out-dir
    (tmp_path / "w").mkdir()
    tree(tmp_path, {"up.txt": MESSY})
    cwd = os.getcwd()
    os.chdir(tmp_path / "w")
    try:
        r = run([*WS, "../up.txt", "--out-dir", "o"])
    finally:
        os.chdir(cwd)
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / "w" / "o" / "up.txt").read_text() == CLEAN
    assert (tmp_path / "up.txt").read_text() == MESSY


def test_out_dir_cannot_be_escaped_with_a_symlink(tmp_path):
    src = tree(tmp_path / "src", {"sub/a.txt": MESSY, "b.txt": MESSY})
    victim = tmp_path / "victim"
    victim.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").symlink_to(victim, target_is_directory=True)  # planted link inside the out-dir
    r = run([*WS, str(src), "--out-dir", str(out)])
    assert r.exit_code == 2
    assert "outside" in r.stderr
    assert list(victim.iterdir()) == []
    assert (out / "b.txt").read_text() == CLEAN  # the rest of the batch carried on


def test_out_dir_collisions_are_refused(tmp_path):
    tree(tmp_path, {"x/a.txt": MESSY, "y/a.txt": MESSY})
    r = run([*WS, str(tmp_path / "x"), str(tmp_path / "y"), "--out-dir", str(tmp_path / "o")])
    assert r.exit_code == 2 and "both be written" in r.stderr
    assert not (tmp_path / "o").exists()


# --- workers and order -------------------------------------------------------------------------


def test_workers_give_the_same_results_in_the_same_order(tmp_path):
    files = {f"f{i:02d}.txt": (MESSY if i % 3 else CLEAN) for i in range(24)}
    one = tree(tmp_path / "one", files)
    two = tree(tmp_path / "two", files)
    r1 = run([*WS, "--explain", "--format", "json", "-j", "1", str(one)])
    r2 = run([*WS, "--explain", "--format", "json", "-j", "2", str(two)])
    assert r1.exit_code == r2.exit_code == 0
    assert r1.stdout.replace(str(one), "D") == r2.stdout.replace(str(two), "D")
    assert run([*WS, "-i", "-j", "2", str(two)]).exit_code == 0
    assert all(p.read_text() == CLEAN for p in two.iterdir())


def test_summary_counts_every_kind(tmp_path):
    d = tree(tmp_path / "d", {"a.txt": MESSY, "b.txt": CLEAN, "c.txt": b"\x00\x01bin", "e.txt": b"\xff\xfe\x81"})
    r = run([*WS, "-i", "--encoding", "utf-8", str(d)])
    assert r.exit_code == 2
    assert "1 file changed, 1 unchanged, 1 skipped, 1 failed; changes per pass: whitespace 1" in r.stderr
    r = run([*WS, "-i", "-q", "--encoding", "utf-8", str(d)])
    assert "changed" not in r.stderr and "error" in r.stderr


# --- bad inputs ---------------------------------------------------------------------------


def test_permission_denied_is_reported_and_the_batch_goes_on(tmp_path, monkeypatch):
    d = tree(tmp_path / "d", {"a.txt": MESSY, "locked.txt": MESSY, "c.txt": MESSY})
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    r = run([*WS, "-i", "-j", "1", str(d)])
    assert r.exit_code == 2
    assert "locked.txt: permission denied" in r.stderr
    assert (d / "a.txt").read_text() == CLEAN and (d / "c.txt").read_text() == CLEAN
    assert (d / "locked.txt").read_text() == MESSY


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file_for_real(tmp_path):
    p = tree(tmp_path, {"locked.txt": MESSY}) / "locked.txt"
    p.chmod(0)
    try:
        r = run([*WS, "--check", str(p)])
    finally:
        p.chmod(0o644)
    assert r.exit_code == 2 and "permission denied" in r.stderr


def test_unwritable_target_is_a_failure_not_a_crash(tmp_path):
    src = tree(tmp_path / "src", {"a.txt": MESSY})
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.txt").mkdir()  # a directory where the copy should go
    r = run([*WS, str(src), "--out-dir", str(out)])
    assert r.exit_code == 2 and "cannot write" in r.stderr and "Traceback" not in r.stderr


def test_binary_file_in_a_batch_is_skipped(tmp_path):
    d = tree(tmp_path / "d", {"a.txt": MESSY, "blob.txt": b"GIF89a\x00\x00\x01  \n"})
    r = run([*WS, "-i", str(d)])
    assert r.exit_code == 0
    assert "blob.txt: looks like a binary file" in r.stderr
    assert (d / "blob.txt").read_bytes() == b"GIF89a\x00\x00\x01  \n"


def test_undecodable_file_is_never_written(tmp_path):
    data = bytes(range(0x80, 0x100)) * 4  # no text in any code page
    d = tree(tmp_path / "d", {"noise.txt": data, "ok.txt": MESSY})
    r = run([*WS, "-i", str(d)])
    assert (d / "noise.txt").read_bytes() == data
    assert (d / "ok.txt").read_text() == CLEAN
    assert r.exit_code == 2
    assert "noise.txt" in r.stderr and "--encoding" in r.stderr


def test_missing_file_among_several(tmp_path):
    tree(tmp_path, {"a.txt": MESSY})
    r = run([*WS, "--check", str(tmp_path / "a.txt"), str(tmp_path / "gone.txt")])
    assert r.exit_code == 2 and "gone.txt" in r.stderr


# --- encodings ----------------------------------------------------------------------------


FRENCH = "café crème brûlée et déjà vu, à la française"


@pytest.mark.parametrize(
    "text, enc",
    [
        (FRENCH, "cp1252"),
        ("Le café de la gare était fermé à cause de la grève, déjà la troisième fois.", "cp1252"),
        ("El niño comió año tras año en España.", "latin-1"),
        ("Příliš žluťoučký kůň úpěl ďábelské ódy, čeština je krásná řeč.", "cp1250"),
        ("Příliš žluťoučký kůň úpěl ďábelské ódy, čeština je krásná řeč.", "iso8859_2"),
        ("Zażółć gęślą jaźń, mówił Łukasz przy stole.", "iso8859_2"),
        ("Съешь же ещё этих мягких французских булок, да выпей чаю.", "cp1251"),
        ("Съешь же ещё этих мягких французских булок, да выпей чаю.", "koi8_r"),
    ],
)
def test_detected_encoding_decodes_right(text, enc):
    data = text.encode(enc)
    d = tio.decode(data)
    assert d.detected and d.text == text, (d.encoding, d.text)


def test_fit_prefers_real_alphabets():
    assert fit("déjà vu à la") == 1.0
    assert fit("déjŕ vu ŕ la crčme") < 1.0 or fit("déjŕ vu ŕ la crčme") == fit("déjà vu à la crème")
    assert fit("Za¿ó³æ") < 1.0
    assert fit("plain ascii") is None
    assert detect(FRENCH.encode("cp1252")) == "cp1252"


def test_detected_encoding_is_kept_and_named(tmp_path):
    p = tmp_path / "fr.txt"
    p.write_bytes((FRENCH + "   \n").encode("cp1252"))
    r = run([*WS, "-v", "--check", str(p)])
    assert "decoded as cp1252" in r.stderr
    r = run([*WS, "--explain", str(p)])
    assert "decoded as cp1252" in r.stderr
    assert run([*WS, "-i", str(p)]).exit_code == 0
    assert p.read_bytes() == (FRENCH + "\n").encode("cp1252")


def test_output_encoding_and_forced_encoding(tmp_path):
    p = tmp_path / "fr.txt"
    p.write_bytes((FRENCH + "   \n").encode("cp1252"))
    out = tmp_path / "out.txt"
    assert run([*WS, str(p), "-o", str(out), "--output-encoding", "utf-8"]).exit_code == 0
    assert out.read_text("utf-8") == FRENCH + "\n"
    r = run([*WS, "--encoding", "latin-1", str(p)])
    assert r.exit_code == 0 and r.stdout_bytes == (FRENCH + "\n").encode("latin-1")


def test_bom_is_kept(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(codecs.BOM_UTF8 + MESSY.encode())
    assert run([*WS, "-i", str(p)]).exit_code == 0
    assert p.read_bytes() == codecs.BOM_UTF8 + CLEAN.encode()
    p.write_bytes(codecs.BOM_UTF16_LE + MESSY.encode("utf-16-le"))
    assert run([*WS, "-i", str(p)]).exit_code == 0
    assert p.read_bytes() == codecs.BOM_UTF16_LE + CLEAN.encode("utf-16-le")


def test_unrepresentable_output_fails_cleanly(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(b"caf\xe9   \n")
    r = run([*WS, str(p), "-o", str(tmp_path / "o.txt"), "--output-encoding", "ascii"])
    assert r.exit_code == 2 and "--output-encoding utf-8" in r.stderr
    assert not (tmp_path / "o.txt").exists()


# --- JSONL --------------------------------------------------------------------------------


def _records(n):
    return [{"id": i, "text": MESSY if i % 2 else CLEAN, "lang": "en"} for i in range(n)]


def test_jsonl_bad_lines_counted_with_line_numbers(tmp_path):
    p = tmp_path / "c.jsonl"
    lines = [json.dumps(r) for r in _records(3)] + ["{broken", json.dumps({"id": 9}), json.dumps([1, 2]), ""]
    p.write_text("\n".join(lines) + "\n")
    r = run([*WS, "--jsonl", "-i", str(p)])
    assert r.exit_code == 0, r.stderr
    assert ":4: passed through unchanged: not valid JSON" in r.stderr
    assert ":5: passed through unchanged: no string field 'text'" in r.stderr
    assert ":6:" in r.stderr
    assert "3 records, 1 changed, 3 passed through unchanged" in r.stderr
    out = p.read_text().split("\n")
    assert out[3:7] == ["{broken", json.dumps({"id": 9}), "[1, 2]", ""]
    assert [json.loads(x)["id"] for x in out[:3]] == [0, 1, 2]


def test_jsonl_text_key_and_other_fields(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps({"body": MESSY, "meta": {"a": [1, None]}, "text": MESSY}) + "\n")
    r = run([*WS, "--jsonl", "--text-key", "body", str(p)])
    assert json.loads(r.stdout) == {"body": CLEAN, "meta": {"a": [1, None]}, "text": MESSY}


def test_jsonl_gz_in_and_out(tmp_path):
    src = tmp_path / "c.jsonl.gz"
    with gzip.open(src, "wt") as f:
        for rec in _records(5):
            f.write(json.dumps(rec) + "\n")
    r = run([*WS, "--jsonl", str(src)])
    assert r.exit_code == 0 and [json.loads(x)["text"] for x in r.stdout.splitlines()] == [CLEAN] * 5
    out = tmp_path / "out.jsonl.gz"
    assert run([*WS, "--jsonl", str(src), "-o", str(out)]).exit_code == 0
    with gzip.open(out, "rt") as f:
        assert [json.loads(x)["id"] for x in f] == list(range(5))
    assert run([*WS, "--jsonl", "-i", str(src)]).exit_code == 0
    with gzip.open(src, "rt") as f:
        assert all(json.loads(x)["text"] == CLEAN for x in f)
    d = tmp_path / "d"
    d.mkdir()
    (d / "x.jsonl.gz").write_bytes(src.read_bytes())
    assert run([*WS, "--jsonl", str(d), "--out-dir", str(tmp_path / "o")]).exit_code == 0
    assert gzip.decompress((tmp_path / "o" / "x.jsonl.gz").read_bytes()).count(b"\n") == 5


def test_jsonl_stdin_plain_and_gzip_in_a_real_process():
    data = "".join(json.dumps(r) + "\n" for r in _records(4)).encode()
    for payload in (data, gzip.compress(data)):
        proc = subprocess.run([sys.executable, "-m", "cleantext", *WS, "--jsonl"], input=payload, capture_output=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert [json.loads(x)["text"] for x in proc.stdout.decode().splitlines()] == [CLEAN] * 4


def test_jsonl_check_mode_writes_nothing(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in _records(2)))
    before = p.read_bytes()
    r = run([*WS, "--jsonl", "--check", str(p)])
    assert r.exit_code == 1 and p.read_bytes() == before


# --- progress -----------------------------------------------------------------------------


def test_progress_is_silent_in_a_pipe_and_shown_on_a_terminal(monkeypatch):
    monkeypatch.setattr(progress, "DELAY", 0.0)
    pipe = io.StringIO()
    bar = progress.Bar(Console(file=pipe, force_terminal=False), 1000, 2, enabled=True)
    bar.advance(1, 500)
    bar.close()
    assert pipe.getvalue() == ""
    tty = io.StringIO()
    bar = progress.Bar(Console(file=tty, force_terminal=True, width=100), 2_000_000, 2, enabled=True)
    bar.advance(1, 1_000_000)
    bar._progress.refresh()
    bar.close()
    assert "1/2 files" in tty.getvalue() and "MB" in tty.getvalue()
    # the CLI's console, made on first use, as rich's live display uses it
    lazy = io.StringIO()
    bar = progress.Bar(LazyConsole(file=lazy, force_terminal=True, width=100), 2_000_000, 2, enabled=True)
    bar.advance(1, 1_000_000)
    bar._progress.refresh()
    bar.close()
    assert "1/2 files" in lazy.getvalue()
    quiet = io.StringIO()
    bar = progress.Bar(Console(file=quiet, force_terminal=True), 1000, 2, enabled=False)
    bar.advance(1, 10)
    bar.close()
    assert quiet.getvalue() == ""


# --- pre-commit -----------------------------------------------------------------------------


def test_pre_commit_hook_definition_runs_as_pre_commit_would(tmp_path):
    yaml = pytest.importorskip("yaml")
    hooks = {h["id"]: h for h in yaml.safe_load((Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text())}
    hook = hooks["cleantext"]
    assert hook["entry"] == "cleantext" and hook["language"] == "python" and hook["types"] == ["text"]
    files = tree(tmp_path, {"a.txt": MESSY, "b.txt": CLEAN})
    r = run([*WS, *hook["args"], str(files / "a.txt"), str(files / "b.txt")])
    assert r.exit_code == 0 and (files / "a.txt").read_text() == CLEAN
    (files / "a.txt").write_text(MESSY)
    r = run([*WS, *hooks["cleantext-check"]["args"], str(files / "a.txt"), str(files / "b.txt")])
    assert r.exit_code == 1 and (files / "a.txt").read_text() == MESSY


def test_jsonl_workers_keep_order_and_line_numbers(tmp_path, monkeypatch):
    from cleantext import jsonl

    monkeypatch.setattr(jsonl, "BATCH_LINES", 3)
    monkeypatch.setattr(jsonl, "PARALLEL_MIN_BYTES", 0)
    lines = []
    for i in range(40):
        lines.append(json.dumps({"id": i, "text": MESSY if i % 2 else CLEAN}) if i % 7 else f"bad line {i}")
    p = tmp_path / "c.jsonl"
    p.write_text("\n".join(lines) + "\n")
    one = run([*WS, "--jsonl", "-j", "1", str(p)])
    two = run([*WS, "--jsonl", "-j", "2", str(p)])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr and ":8: passed through" in two.stderr
    assert [json.loads(x)["id"] for x in two.stdout.splitlines() if x.startswith("{")] == [i for i in range(40) if i % 7]


def test_stdin_in_another_encoding_comes_back_in_it():
    data = (FRENCH + "   \n").encode("cp1252")
    r = run([*WS], input=data)
    assert r.exit_code == 0 and r.stdout_bytes == (FRENCH + "\n").encode("cp1252")
    r = run([*WS, "--output-encoding", "utf-8"], input=data)
    assert r.stdout_bytes == (FRENCH + "\n").encode("utf-8")


def test_pool_tasks_keep_big_files_alone_and_group_small_ones():
    sizes = [5_000_000, 40, 2_000_000, 300_000] + [1_000] * 500
    order = sorted(range(len(sizes)), key=lambda i: -sizes[i])
    tasks = batches(sizes, order, workers=2)
    assert [i for task in tasks for i in task] == order  # each file once, largest first
    assert tasks[:3] == [[0], [2], [3]]  # each at least 1/32 of a worker's share
    assert all(len(task) <= 64 for task in tasks)
    assert len(tasks) < len(sizes) / 10
    assert batches([], [], workers=4) == []
    assert batches([0, 0], [0, 1], workers=2) == [[0, 1]]
