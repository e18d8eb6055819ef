"""Chapter 6's claims about the shop data, for more than one network seed: the network does
well on its training rows, is near or below guessing on held-out rows, and the leaky score
(the textbook script's kind) is far above the honest one."""
import pytest

from ffnn_edu.show.check.complete_network import SHOP_SETTINGS
from ffnn_edu.nn.datasets import shop_data
from ffnn_edu.experiments.repeated_splits import repeated_split_scores


@pytest.mark.parametrize("seed", [0, 1])
def test_leaky_scores_are_far_above_honest_ones_on_ten_rows(seed):
    X, y, _ = shop_data()
    scores = repeated_split_scores(X, y, {**SHOP_SETTINGS, "seed": seed}, n_splits=20)
    assert scores.train.mean() > 0.8
    assert scores.held_out.mean() < 0.6                       # no better than guessing
    assert scores.leaky.mean() > scores.held_out.mean() + 0.2
    assert (scores.train == 1.0).mean() < 0.8                 # far from fitting every split


def test_bad_n_splits_is_named():
    X, y, _ = shop_data()
    with pytest.raises(ValueError, match="n_splits"):
        repeated_split_scores(X, y, SHOP_SETTINGS, n_splits=0)
