"""The command line, through typer's CliRunner (and one real subprocess)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import CLEAN, MESSY, WS, run



@pytest.fixture
def messy(tmp_path: Path) -> Path:
    p = tmp_path / "messy.txt"
    p.write_text(MESSY, encoding="utf-8")
    return p


def test_stdin_to_stdout():
    r = run(WS, input=MESSY)
    assert r.exit_code == 0
    assert r.stdout == CLEAN


def test_dash_means_stdin():
    r = run([*WS, "-"], input=MESSY)
    assert r.exit_code == 0 and r.stdout == CLEAN


def test_one_file_to_stdout_leaves_file(messy):
    r = run([*WS, str(messy)])
    assert r.exit_code == 0
    assert r.stdout == CLEAN
    assert messy.read_text() == MESSY


def test_check_exit_codes(messy, tmp_path):
    assert run([*WS, "--check", str(messy)]).exit_code == 1
    good = tmp_path / "good.txt"
    good.write_text(CLEAN)
    assert run([*WS, "--check", str(good)]).exit_code == 0
    assert messy.read_text() == MESSY


def test_diff_is_plain_in_a_pipe(messy):
    r = run([*WS, "--diff", str(messy)])
    assert r.exit_code == 1
    assert "\x1b[" not in r.stdout
    assert f"--- {messy}" in r.stdout
    assert "-Line with trailing spaces   \n+Line with trailing spaces\n" in r.stdout
    assert messy.read_text() == MESSY


def test_diff_coloured_when_forced(messy):
    r = run([*WS, "--diff", "--color", str(messy)])
    assert r.exit_code == 1
    assert "\x1b[" in r.stdout


def test_explain_text_and_json(messy):
    r = run([*WS, "--explain", str(messy)])
    assert r.exit_code == 0
    assert f"{messy}:1:26" in r.stdout and "whitespace" in r.stdout
    r = run([*WS, "--explain", "--format", "json", str(messy)])
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert rows[0]["pass"] == "whitespace"
    assert rows[0]["line"] == 1 and rows[0]["before"] == "   " and rows[0]["after"] == ""
    assert rows[0]["reason"]


def test_in_place_is_atomic_and_keeps_mode(messy):
    os.chmod(messy, 0o640)
    r = run([*WS, "-i", str(messy)])
    assert r.exit_code == 0
    assert messy.read_text() == CLEAN
    assert stat.S_IMODE(messy.stat().st_mode) == 0o640
    assert not [p for p in messy.parent.iterdir() if "cleantext-tmp" in p.name]


def test_in_place_keeps_crlf(tmp_path):
    p = tmp_path / "dos.txt"
    p.write_bytes(b"one  \r\ntwo\r\n")
    assert run([*WS, "-i", str(p)]).exit_code == 0
    assert p.read_bytes() == b"one\r\ntwo\r\n"


def test_output_file(messy, tmp_path):
    out = tmp_path / "out.txt"
    r = run([*WS, str(messy), "-o", str(out)])
    assert r.exit_code == 0
    assert out.read_text() == CLEAN and messy.read_text() == MESSY


def test_directory_needs_a_mode(tmp_path, messy):
    r = run([*WS, str(tmp_path)])
    assert r.exit_code == 2
    assert "--in-place" in r.stderr and "--out-dir" in r.stderr and "--check" in r.stderr


def test_directory_in_place_and_out_dir(tmp_path):
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(MESSY)
    (src / "sub" / "b.txt").write_text(MESSY)
    out = tmp_path / "out"
    r = run([*WS, str(src), "--out-dir", str(out)])
    assert r.exit_code == 0, r.stderr
    assert (out / "a.txt").read_text() == CLEAN and (out / "sub" / "b.txt").read_text() == CLEAN
    assert (src / "a.txt").read_text() == MESSY
    assert run([*WS, "-i", str(src)]).exit_code == 0
    assert (src / "sub" / "b.txt").read_text() == CLEAN


def test_unknown_pass_lists_known():
    r = run(["--only", "nope"], input="x")
    assert r.exit_code == 2
    assert "unknown pass 'nope'" in r.stderr and "whitespace" in r.stderr
    assert "Traceback" not in r.stderr


def test_missing_file():
    r = run(["no-such-file.txt"])
    assert r.exit_code == 2 and "no such file" in r.stderr


def test_not_utf8_without_detection_gives_advice(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes(b"\xff\xfe\xfa\x00\x81\x8d\x8f\x90\x9d")  # not a text in any encoding
    r = run([*WS, "--encoding", "utf-8", str(p)])
    assert r.exit_code == 2
    assert str(p) in r.stderr and "--encoding" in r.stderr
    assert "Traceback" not in r.stderr


def test_binary_file_is_skipped_and_untouched(tmp_path):
    p = tmp_path / "blob.txt"
    p.write_bytes(b"abc\x00\x01\x02  \n")
    r = run([*WS, "-i", str(p)])
    assert "binary" in r.stderr
    assert p.read_bytes() == b"abc\x00\x01\x02  \n"


def test_bad_file_does_not_stop_the_batch(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    (d / "a.txt").write_text(MESSY)
    (d / "b.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d\xff")
    (d / "c.txt").write_text(MESSY)
    r = run([*WS, "-i", "--encoding", "utf-8", str(d)])
    assert r.exit_code == 2
    assert (d / "a.txt").read_text() == CLEAN and (d / "c.txt").read_text() == CLEAN
    assert (d / "b.txt").read_bytes() == b"\x81\x8d\x8f\x90\x9d\xff"


def test_empty_input_is_fine(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_text("")
    r = run([str(p)])
    assert r.exit_code == 0 and r.stdout == ""


def test_list_passes_and_version():
    r = run(["--list-passes"])
    assert r.exit_code == 0 and "whitespace" in r.stdout
    r = run(["--version"])
    assert r.exit_code == 0 and r.stdout.startswith("cleantext ")


def test_config_file_and_cli_override(tmp_path, monkeypatch):
    (tmp_path / ".cleantext.toml").write_text('only = ["whitespace"]\nstyle = "plain"\n')
    monkeypatch.chdir(tmp_path)
    r = run([], input=MESSY)
    assert r.exit_code == 0 and r.stdout == CLEAN
    (tmp_path / ".cleantext.toml").write_text('stile = "plain"\n')
    r = run([], input=MESSY)
    assert r.exit_code == 2 and "unknown option 'stile'" in r.stderr


def test_pyproject_section(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.cleantext]\ndisable = ["whitespace"]\n')
    monkeypatch.chdir(tmp_path)
    r = run(["--only", "whitespace", "--check"], input=MESSY)
    assert r.exit_code == 1  # the command line wins


def test_usage_errors():
    assert run(["-i"], input="x").exit_code == 2
    assert run(["--style", "fancy"], input="x").exit_code == 2


def test_jsonl_keeps_other_fields_and_bad_lines(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text(
        json.dumps({"id": 1, "text": MESSY, "meta": {"k": [1, 2]}}) + "\n"
        + "this is not json\n"
        + json.dumps({"id": 3, "body": "no text key"}) + "\n"
    )
    r = run([*WS, "--jsonl", str(p)])
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert json.loads(lines[0]) == {"id": 1, "text": CLEAN, "meta": {"k": [1, 2]}}
    assert lines[1] == "this is not json"
    assert json.loads(lines[2]) == {"id": 3, "body": "no text key"}
    assert ":2:" in r.stderr and ":3:" in r.stderr


def test_installed_command_runs_in_a_real_process(tmp_path):
    exe = Path(sys.executable).with_name("cleantext")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "cleantext"]
    proc = subprocess.run([*cmd, *WS], input=MESSY.encode(), capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == CLEAN
    proc = subprocess.run([sys.executable, "-m", "cleantext", "--check", *WS], input=MESSY.encode(), capture_output=True, timeout=120)
    assert proc.returncode == 1


def test_engine_route_refuses_what_it_cannot_do(tmp_path):
    r = run(["--engine", "datatrove", str(tmp_path), "--out-dir", str(tmp_path / "o")])
    assert r.exit_code == 2 and "--jsonl" in r.stderr
    r = run(["--jsonl", "--engine", "datatrove", str(tmp_path)])
    assert r.exit_code == 2 and "--out-dir" in r.stderr
    r = run(["--jsonl", "--engine", "spark", str(tmp_path), "--out-dir", str(tmp_path / "o")])
    assert r.exit_code == 2 and "local or datatrove" in r.stderr
