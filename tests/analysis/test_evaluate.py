from __future__ import annotations

import numpy as np

from analysis.evaluate import (
    baseline_labels,
    hungarian_accuracy,
    load_labelled,
    main,
    session_samples,
)


def test_hungarian_accuracy():
    assert hungarian_accuracy(np.array([0, 0, 1, 1]), np.array([5, 5, 7, 7])) == 1.0
    assert hungarian_accuracy(np.array([0, 0, 1, 1]), np.array([1, 1, 1, 1])) == 0.5


def test_session_samples_are_uneven_and_seeded():
    labels = [f"l{i % 12}" for i in range(1200)]
    a = session_samples(labels, n_samples=5, seed=1)
    b = session_samples(labels, n_samples=5, seed=1)
    assert all(np.array_equal(x.rows, y.rows) for x, y in zip(a, b, strict=True))
    for s in a:
        assert 4 <= s.k_true <= 10
        assert len(set(s.rows.tolist())) == len(s.rows)
        assert np.bincount(s.truth).min() >= 5


def test_label_column_aliases(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("text,category\nhello,a\nbye,b\n", encoding="utf-8")
    assert load_labelled(path) == (["hello", "bye"], ["a", "b"])
    path.write_text("text,intent\nhello,a\n", encoding="utf-8")
    assert load_labelled(path, "intent")[1] == ["a"]


def test_main_runs_on_synthetic_data(tmp_path, session, truth, capsys):
    path = tmp_path / "d.csv"
    rows = ["text,label"] + [f'"{c.text}",{t}' for c, t in zip(session, truth, strict=True)]
    path.write_text("\n".join(rows * 4), encoding="utf-8")
    code = main([str(path), "--samples", "2", "--size", "30", "--backend", "lexical"])
    assert code == 0
    out = capsys.readouterr().out
    assert "pipeline (lexical)" in out and "baseline" in out
    labels, k = baseline_labels([c.text for c in session], random_state=0)
    assert len(labels) == len(session) and k >= 2


def test_several_draws_are_pooled(tmp_path, session, truth, capsys):
    path = tmp_path / "d.csv"
    rows = ["text,label"] + [f'"{c.text}",{t}' for c, t in zip(session, truth, strict=True)]
    path.write_text("\n".join(rows * 4), encoding="utf-8")
    args = [str(path), "--samples", "2", "--size", "30", "--backend", "lexical", "--seed", "0", "1"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "seed 0" in out and "seed 1" in out
    assert "All 2 draws pooled (4 samples):" in out
    assert out.count("| pipeline (lexical) |") == 3 and out.count("| baseline") == 3


def test_bad_data_file(tmp_path, capsys):
    path = tmp_path / "d.csv"
    path.write_text("words,label\nx,y\n", encoding="utf-8")
    assert main([str(path)]) == 2


def test_domain_set_scores_a_session():
    from pathlib import Path

    from analysis.evaluate_domain import load_domain, score_session

    data = Path(__file__).resolve().parent / "data" / "domain_concerns.csv"
    sessions, splits = load_domain(data)
    assert set(splits.values()) == {"dev", "heldout"} and set(splits) == set(sessions)
    score, result = score_session("rc-2", sessions["rc-2"], "dev", "lexical")
    assert score.n == len(sessions["rc-2"]) and -1.0 <= score.ari <= 1.0
    assert 0.0 <= score.junk_share <= 1.0 and 0.0 < score.largest_share <= 1.0
    assert score.categorised + score.uncategorised == len(result.themes)


def test_domain_set_cli(capsys):
    from pathlib import Path

    from analysis.evaluate import main

    data = Path(__file__).resolve().parent / "data" / "domain_concerns.csv"
    assert main([str(data), "--split", "dev", "--backend", "lexical"]) == 0
    out = capsys.readouterr().out
    assert "mpls-1" in out and "heldout" not in out.split("dev:")[0].split("| mpls-1")[0]
