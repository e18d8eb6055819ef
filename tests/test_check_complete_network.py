"""The self-checks of the chapter on the complete network: right answers pass, typical
mistakes get their hint, malformed answers are reported."""
import numpy as np
import pytest

from ffnn_edu import check
from ffnn_edu.check.complete_network import LEAK_SEED, SHOP_SETTINGS, SPLIT_FRACTIONS, SPLIT_ROWS
from ffnn_edu.classifier import NetworkClassifier
from ffnn_edu.datasets import new_shop_data, shop_data
from ffnn_edu.preprocessing import Standardizer, train_val_test_split

MASK = np.random.default_rng(LEAK_SEED).random(10) < 0.5
TESTED = np.flatnonzero(~MASK).tolist()
INTENDED = np.flatnonzero(MASK).tolist()


def test_leak_accepts_the_test_rows_and_all_ten_training_rows():
    assert TESTED and INTENDED                      # the exercise's mask splits both ways
    assert check.leak(TESTED, range(10)).correct
    assert check.leak(np.array(TESTED[::-1]), list(range(9, -1, -1))).correct


@pytest.mark.parametrize("test, train, hint", [
    (INTENDED, range(10), "mask is True"),
    ([TESTED[0]], range(10), "Print the mask"),
    (TESTED, INTENDED, "intended"),
    (TESTED, TESTED, "which table"),
    (TESTED, [0, 1, 12], "rows 0 to 9"),
    ([0.5], range(10), "whole row numbers"),
    ("abc", range(10), "list of row numbers"),
])
def test_leak_recognises_mistakes(test, train, hint):
    feedback = check.leak(test, train)
    assert not feedback.correct
    assert hint in feedback.message


def test_split_sizes_accepts_what_the_package_does():
    zeros = np.zeros((SPLIT_ROWS, 1))
    split = train_val_test_split(zeros, zeros[:, 0], SPLIT_FRACTIONS)
    sizes = len(split.y_train), len(split.y_val), len(split.y_test)
    assert sizes == (21, 2, 2)                        # round(2.5) == 2 in Python
    assert check.split_sizes(*sizes).correct


@pytest.mark.parametrize("sizes, hint", [
    ((20, 3, 2), "round(2.5) is 2"),
    ((19, 3, 3), "round(2.5) is 2"),
    ((20, 2, 2), "add up to 25"),
    ((20, 2.5, 2.5), "whole numbers"),
    ((23, 1, 1), "round(fraction * n)"),
])
def test_split_sizes_recognises_mistakes(sizes, hint):
    feedback = check.split_sizes(*sizes)
    assert not feedback.correct
    assert hint in feedback.message


def _labels():
    X, y, _ = shop_data()
    X_new, _ = new_shop_data()
    scaler = Standardizer().fit(X)
    scaled = NetworkClassifier(**SHOP_SETTINGS).fit(scaler.transform(X), y)
    raw = NetworkClassifier(**SHOP_SETTINGS).fit(X, y)
    return (scaled.predict(scaler.transform(X_new)).tolist(), raw.predict(X_new).tolist(),
            scaled.predict(X_new).tolist())


def test_new_data_prediction_accepts_the_retrained_networks_labels():
    right, _, _ = _labels()
    assert check.new_data_prediction(right).correct
    assert check.new_data_prediction(np.array(right)).correct


def test_new_data_prediction_recognises_mistakes():
    right, raw, unscaled_new = _labels()
    assert raw != right and unscaled_new != right     # forgetting to scale changes the labels
    for labels in (raw, unscaled_new):
        assert "unscaled numbers" in check.new_data_prediction(labels).message
    wrong = [1 - v for v in right]
    if wrong not in (raw, unscaled_new):
        assert "chapter's settings" in check.new_data_prediction(wrong).message
    assert "0 (basket abandoned)" in check.new_data_prediction([2, 0, 0]).message
    assert "list of 0s and 1s" in check.new_data_prediction(["a", "b", "c"]).message
    assert "shape" in check.new_data_prediction([0, 1]).message
    assert not check.new_data_prediction(0).correct
