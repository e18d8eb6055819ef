"""Chapter 5's claims about the textbook's printed 2-2-1 values: most are cut off, not
rounded; -0.3844 and 0.2365 contradict the expressions printed beside them; 0.307 is
0.3075... cut off."""

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from ffnn_edu.experiments.learning_curves import after_the_turn
from ffnn_edu.experiments.printed_values import (
    compare_221,
    cut_off,
    decimals_221,
    how_printed,
    page_arithmetic_221,
    rounded,
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
    assert cut_off(0.307582, 3) == 0.307
    # the digits cut are those of str(value): this float is not -0.3845
    assert cut_off(-0.38449999999999995, 4) == -0.3844


def test_cut_off_keeps_a_value_just_under_a_boundary_under_it():
    """round(value * scale, 6) before the cut pushed 0.58689999997 up to 0.5869
    (review 17, fault 4)."""
    assert cut_off(0.58689999997, 4) == 0.5868
    assert cut_off(0.129999999, 2) == 0.12
    assert cut_off(-0.129999999, 2) == -0.12


def test_cut_off_needs_no_float_headroom():
    """cut_off(1e300, 10) was refused as an overflow of value * 10**10; decimal
    arithmetic has none."""
    assert cut_off(1e300, 10) == 1e300
    assert cut_off(5e-324, 300) == 0.0


@pytest.mark.parametrize(
    "value, decimals, expected",
    [(0.125, 2, 0.13), (2.5, 0, 3.0), (0.375, 2, 0.38), (-0.125, 2, -0.13)],
)
def test_rounded_takes_a_final_five_up_as_a_printed_page_does(
    value, decimals, expected
):
    """round() is half to even (0.125 -> 0.12, 2.5 -> 2) and works on the binary
    value (0.375 -> 0.38 by luck): how_printed disagreed with itself."""
    assert rounded(value, decimals) == expected


@pytest.mark.parametrize(
    "printed, exact, decimals, how",
    [
        (0.5868, 0.58689999997, 4, "cut off"),
        (0.5869, 0.58689999997, 4, "rounded"),
        (0.12, 0.129999999, 2, "cut off"),
        (0.13, 0.129999999, 2, "rounded"),
        (0.13, 0.125, 2, "rounded"),
        (0.12, 0.125, 2, "cut off"),
        (3, 2.5, 0, "rounded"),
        (2, 2.5, 0, "cut off"),
        (0.38, 0.375, 2, "rounded"),
        (0.37, 0.375, 2, "cut off"),
    ],
)
def test_how_printed_is_consistent_at_boundaries_and_halves(
    printed, exact, decimals, how
):
    """Review 17, fault 4: all of these were 'neither', or 0.13 'rounded or cut off'
    for 0.129999999."""
    assert how_printed(printed, exact, decimals) == how


def test_how_printed_tells_rounding_from_cutting():
    assert how_printed(0.5869, 0.586860, 4) == "rounded"
    assert how_printed(0.5868, 0.586860, 4) == "cut off"
    assert how_printed(0.351, 0.351, 3) == "rounded or cut off"
    assert how_printed(0.2365, 0.236635, 4) == "neither"


# Review 19 F2: a float32 or float16 is read in the shortest form of its own type, not
# through float64, where np.float32(0.5868) is 0.5867999792098999.
@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda: how_printed(np.float32(0.5868), 0.586860, 4), "cut off"),
        (lambda: how_printed(np.float32(0.0013), np.float32(0.00125), 4), "rounded"),
        (lambda: how_printed(np.float16(0.3), 0.35, 1), "cut off"),
        (lambda: how_printed(np.float64(0.5869), np.float64(0.586860), 4), "rounded"),
        (lambda: rounded(np.float32(0.00125), 4), 0.0013),
        (lambda: rounded(np.float16(0.15), 1), 0.2),  # float16 prints 0.15
        (lambda: cut_off(np.float16(0.3), 1), 0.3),  # 0.300048828125 in float64
        (lambda: cut_off(np.float32(0.5868), 4), 0.5868),
        (lambda: cut_off(np.float64(0.58689999997), 4), 0.5868),
        (lambda: rounded(np.int64(7), 0), 7.0),
    ],
)
def test_a_numpy_float_is_read_in_the_shortest_form_of_its_own_type(make, expected):
    assert make() == expected


# Review 20, F8: float16's shortest form of 65504 is 6.55e4, 65500: a float whose
# shortest form drops digits of its whole part is taken exactly (a whole number).
@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda: how_printed(np.float16(65504), 65504.4, 0), "rounded or cut off"),
        (lambda: how_printed(65504, np.float16(65504), 0), "rounded or cut off"),
        (lambda: cut_off(np.float16(65504), 0), 65504.0),
        (lambda: rounded(np.float16(2048 + 2), 0), 2050.0),
        (lambda: rounded(np.float16(2048 + 1), 0), 2048.0),  # float16 has no 2049
        (
            lambda: how_printed(np.float16(65504), np.float16(65504), 0),
            "rounded or cut off",
        ),
        (lambda: cut_off(np.float32(16777218), 0), 16777218.0),
        # a Python float as numpy's float64: 1e23 is 99999999999999991611392
        (lambda: how_printed(np.float64(1e23), 1e23, 0), "rounded or cut off"),
        (lambda: how_printed(99999999999999991611392, 1e23, 0), "rounded or cut off"),
        (lambda: rounded(np.float16(1000.5), 0), 1001.0),  # whole part kept: shortest
    ],
)
def test_a_float_whose_shortest_form_drops_whole_digits_is_taken_exactly(
    make, expected
):
    assert make() == expected


# Review 19 F14(c): a Decimal is taken exactly, as a Fraction is accepted.
def test_a_finite_decimal_is_shortened_exactly():
    assert cut_off(Decimal("0.58689999999999999999"), 4) == 0.5868
    assert rounded(Decimal("0.00125"), 4) == 0.0013
    assert how_printed(Decimal("0.5868"), Decimal("0.586860"), 4) == "cut off"
    assert how_printed(0.0013, Decimal("0.00125"), 4) == "rounded"
    assert cut_off(Fraction(1, 8), 2) == 0.12


@pytest.mark.parametrize(
    "value, shown",
    [
        (Decimal("NaN"), "Decimal('NaN')"),
        (Decimal("-Inf"), "Decimal("),
        (np.float32("inf"), "inf"),
    ],
)
def test_a_decimal_or_numpy_float_that_is_not_finite_is_refused(value, shown):
    message = f"value must be a finite number, but it is {shown}"
    refuses(ValueError, message, lambda: cut_off(value, 2))
    refuses(ValueError, message, lambda: rounded(value, 2))
    refuses(
        ValueError,
        message.replace("value", "exact"),
        lambda: how_printed(0.1, value, 2),
    )


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
    # the page's numbers are decimals: computed in floats, -(1 - 0.6155) is
    # -0.38449999999999995, whose cut would be -0.3844, the printed slip
    assert minus["value"] == -0.3845 and slope["value"] == 0.23665975


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
