"""Chapter 6's claims about the shop data, for more than one network seed: the network
does well on its training rows, is near or below guessing on held-out rows, and the
leaky score (the textbook script's kind) is far above the honest one."""

import pytest

from ffnn_edu.experiments.repeated_splits import MAX_SPLITS, repeated_split_scores
from ffnn_edu.nn import datasets as D
from ffnn_edu.nn.datasets import shop_data
from ffnn_edu.show.check.complete_network import SHOP_SETTINGS

from helpers import raises_all


@pytest.mark.parametrize("seed", [0, 1])
def test_leaky_scores_are_far_above_honest_ones_on_ten_rows(seed):
    X, y, _ = shop_data()
    scores = repeated_split_scores(X, y, {**SHOP_SETTINGS, "seed": seed}, n_splits=20)
    assert scores.train.mean() > 0.8
    assert scores.held_out.mean() < 0.6  # no better than guessing
    assert scores.leaky.mean() > scores.held_out.mean() + 0.2
    assert (scores.train == 1.0).mean() < 0.8  # far from fitting every split


def test_bad_n_splits_is_named():
    X, y, _ = shop_data()
    with pytest.raises(ValueError, match="n_splits"):
        repeated_split_scores(X, y, SHOP_SETTINGS, n_splits=0)


@pytest.mark.parametrize(
    "test_fraction,part",
    [
        (0, "test_fraction must be > 0, but it is 0"),
        (1.5, "test_fraction must be < 1, but it is 1.5"),
        (1, "test_fraction must be < 1"),
    ],
)
def test_repeated_splits_names_test_fraction(test_fraction, part):
    X, y, _ = D.shop_data()
    raises_all(
        ValueError,
        part,
        call=lambda: repeated_split_scores(
            X, y, {"epochs": 2}, n_splits=1, test_fraction=test_fraction
        ),
    )


@pytest.mark.parametrize(
    "settings,part",
    [
        (None, "settings must be a dict of NetworkClassifier arguments"),
        ({"lr": 2}, "settings must hold arguments of NetworkClassifier"),
    ],
)
def test_repeated_splits_names_settings(settings, part):
    X, y, _ = D.shop_data()
    raises_all(
        TypeError, part, call=lambda: repeated_split_scores(X, y, settings, n_splits=1)
    )


def test_repeated_splits_checks_X_and_y():
    X, y, _ = D.shop_data()
    raises_all(
        ValueError,
        "X must be 2-D",
        call=lambda: repeated_split_scores(X[:, 0], y, {"epochs": 2}, n_splits=1),
    )
    raises_all(
        ValueError,
        "y must hold one class label per row of X, shape (10,), but it has shape (5,)",
        call=lambda: repeated_split_scores(X, y[:5], {"epochs": 2}, n_splits=1),
    )


def test_repeated_splits_refuse_more_than_max_splits_before_training():
    X, y, _ = shop_data()
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        repeated_split_scores(X, y, SHOP_SETTINGS, n_splits=1_000_000)
    assert str(refused.value) == (
        "this would make 1000000 training runs, one per split (n_splits), "
        "more than MAX_SPLITS = 200"
    )
    assert MAX_SPLITS == 200
