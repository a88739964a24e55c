from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from analysis.__main__ import main


@pytest.fixture
def session_csv(tmp_path, session):
    path = tmp_path / "session.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "support"])
        for c in session:
            writer.writerow([c.id, c.text, c.support])
    return path


def test_json_output(session_csv, capsys):
    assert main(["themes", str(session_csv), "--format", "json", "--backend", "lexical"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"themes", "other", "action_items"} <= set(data)
    assert data["meta"]["backend"] == "lexical"


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_readable_outputs(session_csv, capsys, fmt):
    assert main(["themes", str(session_csv), "--format", fmt, "--backend", "lexical"]) == 0
    out = capsys.readouterr().out
    assert "theme" in out.lower() and "backend" in out.lower()


def test_public_flag(session_csv, capsys):
    assert main(["themes", str(session_csv), "--format", "json", "--public"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["meta"]["public"] is True
    assert all(t["supporters"] >= 5 for t in data["themes"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"id,body\n1,x\n", "missing column"),
        (b"id,text\n1,a\n1,b\n", "duplicate id"),
        ("id,text\n1,policía\n".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_input_exits_non_zero(tmp_path, capsys, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    assert main(["themes", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.startswith("error:")


def test_module_entry_point(session_csv):
    done = subprocess.run(  # noqa: S603 - runs this interpreter on a temp file we wrote
        [sys.executable, "-m", "analysis", "themes", str(session_csv), "--backend", "lexical"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "themes from 18 concerns" in done.stdout
