"""Chapter 5's claims about the textbook's printed 2-2-1 values: most are cut off, not
rounded; -0.3844 and 0.2365 contradict the expressions printed beside them; 0.307 is
0.3075... cut off."""

import numpy as np
import pytest

from ffnn_edu.experiments.learning_curves import after_the_turn
from ffnn_edu.experiments.printed_values import (
    compare_221,
    cut_off,
    decimals_221,
    how_printed,
    page_arithmetic_221,
)
from ffnn_edu.experiments.symmetry import hidden_spread, train_and_track_spread
from ffnn_edu.experiments.worked_examples import (
    backprop_221_network,
    backprop_221_values,
)
from ffnn_edu.nn.training import History

from helpers import refuses


def test_cut_off_drops_digits_towards_zero():
    assert cut_off(0.586860, 4) == 0.5868
    # float noise does not cut a digit
    assert cut_off(-0.38449999999999995, 4) == -0.3845
    assert cut_off(0.307582, 3) == 0.307


def test_how_printed_tells_rounding_from_cutting():
    assert how_printed(0.5869, 0.586860, 4) == "rounded"
    assert how_printed(0.5868, 0.586860, 4) == "cut off"
    assert how_printed(0.351, 0.351, 3) == "rounded or cut off"
    assert how_printed(0.2365, 0.236635, 4) == "neither"


def test_the_printed_2420_keeps_its_four_decimals():
    assert decimals_221("dy_D/dz_D") == 4 and decimals_221("w4_new") == 3


def test_two_results_contradict_the_expression_beside_them():
    rows = {row["name"]: row for row in page_arithmetic_221()}
    minus, slope = rows["dE/dy_F"], rows["dy_F/dz_F"]
    assert minus["rounded"] == minus["cut"] == -0.3845 != minus["printed"]
    assert (
        slope["cut"] == 0.2366
        and slope["rounded"] == 0.2367
        and slope["printed"] == 0.2365
    )
    assert minus["slip"] and slope["slip"]


def test_w4_new_is_its_expression_cut_to_three_decimals_like_the_exact_value():
    row = {r["name"]: r for r in page_arithmetic_221()}["w4_new"]
    assert not row["slip"] and row["cut"] == 0.307 and row["rounded"] == 0.308
    exact = backprop_221_values()["w4_new"]
    assert how_printed(0.307, exact, 3) == "cut off"
    assert {r["name"]: r["how"] for r in compare_221()}["w4_new"] == "cut off"


def test_most_printed_values_are_not_the_rounded_exact_ones():
    rows = compare_221()
    assert len(rows) == 29
    rounded = [r for r in rows if r["how"] in ("rounded", "rounded or cut off")]
    assert len(rounded) < len(rows) / 3


def _history(**curves):
    base = dict(
        epoch=[0, 1],
        train_loss=[1.0, 0.5],
        val_loss=[1.0, 0.9],
        train_accuracy=[0.5, 0.6],
        val_accuracy=[0.5, 0.6],
    )
    return History(**{**base, **curves})


# --- printed values, learning curves, symmetry, worked examples -----------------------


@pytest.mark.parametrize(
    "error, message, make",
    [
        (
            ValueError,
            "decimals must be an integer >= 0, but it is -1",
            lambda: cut_off(123.4, -1),
        ),
        (
            ValueError,
            "decimals must be an integer from 0 to 300, but it is 400",
            lambda: cut_off(0.5, 400),
        ),
        (
            TypeError,
            "decimals must be an integer >= 0, but it is 2.5 (float)",
            lambda: cut_off(0.5, 2.5),
        ),
        (
            ValueError,
            "value must be a finite number, but it is nan",
            lambda: cut_off(np.nan, 2),
        ),
        (TypeError, "value must be a number, not str", lambda: cut_off("0.5", 2)),
        (
            ValueError,
            "value times 10**decimals must stay a finite float, but 1e+300 with 10 "
            "decimals overflows",
            lambda: cut_off(1e300, 10),
        ),
        (
            ValueError,
            "name must name a value printed in the 2-2-1 example",
            lambda: decimals_221("w9"),
        ),
        (
            TypeError,
            "name must be a string such as 'y_C', but it is None",
            lambda: decimals_221(None),
        ),
        (
            TypeError,
            "printed must be a number, not str",
            lambda: how_printed("0.5", 0.5, 1),
        ),
        (
            ValueError,
            "printed must be a finite number, but it is nan",
            lambda: how_printed(np.nan, 0.5, 1),
        ),
        (
            ValueError,
            "exact must be a finite number, but it is inf",
            lambda: how_printed(0.5, np.inf, 1),
        ),
        (
            TypeError,
            "decimals must be an integer >= 0, but it is 1.5 (float)",
            lambda: how_printed(0.5, 0.5, 1.5),
        ),
        (
            TypeError,
            "history must be a History, but it is None",
            lambda: after_the_turn(None),
        ),
        (
            TypeError,
            "history must be a History, but it is {",
            lambda: after_the_turn({}),
        ),
        (
            ValueError,
            "history.val_loss must contain only finite numbers",
            lambda: after_the_turn(_history(val_loss=[np.nan, 1.0])),
        ),
        (
            ValueError,
            "history must hold one entry per epoch in each curve, but the lengths are "
            "{'epoch': 1, 'train_loss': 1, 'val_loss': 2, 'val_accuracy': 2}",
            lambda: after_the_turn(_history(epoch=[0], train_loss=[1.0])),
        ),
        (
            TypeError,
            "network must be a FeedForwardNetwork, but it is None",
            lambda: hidden_spread(None),
        ),
        (
            TypeError,
            "network must be a FeedForwardNetwork, but it is None",
            lambda: train_and_track_spread(None, [[0, 1]], [1], epochs=2),
        ),
        (
            ValueError,
            "weights must give exactly the weights w1, w2, w3, w4, "
            "w5, w6, but its keys are ['w1']",
            lambda: backprop_221_network({"w1": 0.1}),
        ),
        (
            ValueError,
            "weights['w3'] must be a finite number, but it is nan",
            lambda: backprop_221_network(
                {"w1": 0.1, "w2": 0.5, "w3": np.nan, "w4": 0.3, "w5": 0.2, "w6": 0.6}
            ),
        ),
        (
            TypeError,
            "weights must be a dict such as {'w1': 0.1, ..., 'w6': 0.6} "
            "or None, but it is [1, 2] (list)",
            lambda: backprop_221_network([1, 2]),
        ),
    ],
)
def test_chapter_helpers_name_the_bad_argument(error, message, make):
    refuses(error, message, make)
