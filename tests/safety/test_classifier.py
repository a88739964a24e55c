"""The semantic detector's classifier: the shipped file is what the training script makes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from safety import train_classifier
from safety.classifier import MODEL_FILE, Classifier, training_digest
from safety.labelled import load_detection_rows
from safety.semantic import ClassifierMismatchError, load_classifier, semantic_available
from safety.train_classifier import HELD_OUT, training_examples

needs_model = pytest.mark.skipif(not semantic_available(), reason="embedding model not installed")


def test_the_shipped_classifier_was_trained_on_todays_data() -> None:
    shipped = Classifier.load()
    examples = training_examples()
    # A labelled file or a prototype changed and `python -m safety.train_classifier` was
    # not run again: the weights no longer say what the data says.
    assert shipped.digest == training_digest((e.text, e.label) for e in examples)
    assert set(shipped.classes) == {"none", "self_harm", "threat", "abuse"}
    assert shipped.coef.shape == (4, 512) and 0 < shipped.threshold < 1


def test_the_training_data_never_holds_the_held_out_set_or_held_out_sessions() -> None:
    examples = training_examples()
    blind = {row.text for row in load_detection_rows(HELD_OUT / "routing_heldout_blind.csv")}
    assert not blind & {e.text for e in examples}
    assert {e.group for e in examples if e.group.startswith("domain:")} == {
        f"domain:{s}" for s in _sessions("dev")
    }
    with pytest.raises(ValueError, match="held out"):
        training_examples([HELD_OUT / "routing_heldout_blind.csv"])


def _sessions(split: str) -> set[str]:
    import csv

    path = train_classifier.DOMAIN_DATA / "split.csv"
    with path.open(encoding="utf-8") as handle:
        return {row["session"] for row in csv.DictReader(handle) if row["split"] == split}


@needs_model
def test_retraining_with_the_chosen_settings_gives_the_shipped_weights() -> None:
    from embedding import encode

    shipped = Classifier.load()
    examples = training_examples()
    vectors = encode([e.text for e in examples])
    labels = [e.label for e in examples]
    strength = float(shipped.settings.split("C=")[1].split()[0])
    weights = shipped.settings.split("class_weight=")[1].split()[0]
    classes, coef, intercept = train_classifier.fit(
        vectors, labels, strength, None if weights == "None" else weights
    )
    assert classes == shipped.classes
    # lbfgs stops at a tolerance, so the last digits of the weights depend on the BLAS
    # threads; what the weights decide must not.
    retrained = Classifier(classes, coef, intercept, shipped.threshold, "", "")
    np.testing.assert_allclose(
        retrained.probabilities(vectors), shipped.probabilities(vectors), atol=0.01
    )
    # numpy's softmax is scikit-learn's predict_proba for the multinomial model.
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=strength, max_iter=5000).fit(vectors[:400], labels[:400])
    mine = Classifier(tuple(model.classes_), model.coef_, model.intercept_, 0.5, "", "")
    np.testing.assert_allclose(
        mine.probabilities(vectors[:50]), model.predict_proba(vectors[:50]), atol=1e-6
    )


@needs_model
def test_a_classifier_of_another_embedding_model_is_refused(tmp_path: Path) -> None:
    shipped = Classifier.load()
    other = Classifier(
        shipped.classes,
        shipped.coef,
        shipped.intercept,
        0.6,
        "another-encoder==9.9",
        shipped.digest,
    )
    other.save(tmp_path / "other.npz")
    with pytest.raises(ClassifierMismatchError, match=r"another-encoder==9\.9"):
        load_classifier(tmp_path / "other.npz")
    assert load_classifier(MODEL_FILE).digest == shipped.digest


def test_the_tools_answer_bad_paths_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from safety import evaluate_detection

    assert evaluate_detection.main(["--classifier", str(tmp_path / "missing.npz")]) == 2
    assert "missing.npz" in capsys.readouterr().err
    assert train_classifier.main(["--exclude", str(tmp_path / "nope.csv")]) == 2
    assert "not a training file" in capsys.readouterr().err
