"""The labelled sets load, and the evaluation scripts run on them and print their tables."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from safety import evaluate_detection, evaluate_redaction
from safety.labelled import load_detection, load_redaction, parse_markup

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]


def test_parse_markup() -> None:
    text, spans = parse_markup("Call {{phone:612-555-0147}} or Ana: {{name:Ana Ruiz}}!")
    assert text == "Call 612-555-0147 or Ana: Ana Ruiz!"
    assert [(s.kind, text[s.start : s.end]) for s in spans] == [
        ("phone", "612-555-0147"),
        ("name", "Ana Ruiz"),
    ]


@pytest.mark.parametrize("name", ["redaction_labelled.csv", "redaction_heldout.csv"])
def test_redaction_sets_load(name: str) -> None:
    examples = load_redaction(DATA / name)
    assert len(examples) >= 60
    assert any(not e.spans for e in examples) and any(e.spans for e in examples)


@pytest.mark.parametrize("name", ["safety_labelled.csv", "safety_heldout.csv"])
def test_detection_sets_load(name: str) -> None:
    pairs = load_detection(DATA / name)
    assert len(pairs) >= 60
    assert {label for _, label in pairs} == {"none", "self_harm", "threat", "abuse"}


def test_evaluate_redaction_prints_tables(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(DATA / "redaction_labelled.csv"), str(DATA / "redaction_heldout.csv")]
    assert evaluate_redaction.main(paths) == 0
    out = capsys.readouterr().out
    assert out.count("exact span match") == 3  # two files and pooled
    assert "left unchanged" in out and "per language" in out
    assert "phone" in out and "overall" in out and "any kind" in out


def test_evaluate_detection_prints_tables(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(DATA / "safety_labelled.csv"), str(DATA / "safety_heldout.csv")]
    assert evaluate_detection.main([*paths, "--errors"]) == 0
    out = capsys.readouterr().out
    assert out.count("per label and flagged-vs-not") == 3  # two files and pooled
    for row in ("self_harm", "threat", "abuse", "flagged"):
        assert row in out


def test_missing_file_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert evaluate_detection.main(["/nonexistent.csv"]) == 2
    assert "error" in capsys.readouterr().err


@pytest.mark.parametrize("module", ["safety.evaluate_redaction", "safety.evaluate_detection"])
def test_scripts_run_as_modules(module: str) -> None:
    done = subprocess.run(  # noqa: S603 - fixed arguments, this interpreter
        [sys.executable, "-m", module],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "overall" in done.stdout or "flagged" in done.stdout
