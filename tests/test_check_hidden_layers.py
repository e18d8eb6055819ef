"""Self-checks of the XOR chapter: they name the wrong inputs, never the weights."""

import numpy as np
import pytest

from ffnn_edu.show import check
from ffnn_edu.show.check.feedback import Pending
from ffnn_edu.show.check.hidden_layers import W0, W1, b1, b2

RIGHT = ([[1, 1], [1, 1]], [-0.5, -1.5], [[1], [-1]], [-0.5])


def test_xor_weights_accepts_a_solution_and_scaled_or_other_ones():
    assert check.xor_weights(*RIGHT).correct
    scaled = [np.array(a) * 7 for a in RIGHT]
    assert check.xor_weights(*scaled).correct
    # another solution: NAND and OR feeding AND
    assert check.xor_weights(
        [[-1, 1], [-1, 1]], [1.5, -0.5], [[1], [1]], [-1.5]
    ).correct


@pytest.mark.parametrize(
    "answer, hint, wrong",
    [
        (
            ([[1, 1], [1, 1]], [-0.5, -0.5], [[1], [-1]], [-0.5]),
            "same inputs",
            "(0, 1)",
        ),
        (
            ([[1, 1], [1, 1]], [-0.5, -1.5], [[1], [-1]], [0.5]),
            "same for all four",
            "(0, 0)",
        ),
        (([[1, 1], [1, 1]], [-0.5, -1.5], [[1], [1]], [-0.5]), "Write down", "(1, 1)"),
    ],
)
def test_xor_weights_names_the_wrong_inputs(answer, hint, wrong):
    feedback = check.xor_weights(*answer)
    assert (
        not feedback.correct and hint in feedback.message and wrong in feedback.message
    )
    assert "-1.5" not in feedback.message


def test_xor_weights_reports_shapes_and_placeholders():
    feedback = check.xor_weights([1, 1], [-0.5, -1.5], [[1], [-1]], [-0.5])
    # issue 16, kind D: the shape, and what its rows and columns hold
    assert feedback.message == (
        "W1 must have shape (2, 2): one row per input (x1, x2), one column per hidden "
        "unit, e.g. [[a, b], [c, d]]; got shape (2,)."
    )
    assert check.xor_weights(RIGHT[0], RIGHT[1], [1, -1], RIGHT[3]).message == (
        "W2 must have shape (2, 1): one row per hidden unit, one column for the "
        "output unit, e.g. [[a], [b]]; got shape (2,)."
    )
    assert isinstance(check.xor_weights(..., ..., ..., ...), Pending)
    assert isinstance(check.xor_weights(*RIGHT[:3], ...), Pending)


def test_xor_product_unit():
    assert check.xor_product_unit([1, 1, -2], -0.5).correct
    feedback = check.xor_product_unit([1, 1, 0], -0.5)
    assert not feedback.correct and "weight 0 on x1*x2" in feedback.message
    feedback = check.xor_product_unit([1, 1, -1], -0.5)
    assert not feedback.correct and "(1, 1)" in feedback.message
    assert "shape (3,)" in check.xor_product_unit([1, 1], 0).message
    assert isinstance(check.xor_product_unit(..., ...), Pending)


def test_two_linear_layers():
    assert check.two_linear_layers(W0 @ W1, b1 @ W1 + b2).correct
    for W, b, hint in [
        (W1 @ W0, b1 @ W1 + b2, "order matters"),
        ((W0 @ W1).T, b1 @ W1 + b2, "transposed"),
        (W0 * W1, b1 @ W1 + b2, "entry by entry"),
        (W0 + W1, b1 @ W1 + b2, "do not add"),
        (W0 @ W1, b1 + b2, "passes through W1"),
        (W0 @ W1, W1 @ b1 + b2, "from the left"),
        (W0 @ W1, b1 @ W1, "b2 is still added"),
        (W0 @ W1, [0.0, 0.0], "collect what does not depend on X"),
    ]:
        feedback = check.two_linear_layers(W, b)
        assert not feedback.correct and hint in feedback.message
        assert "5.5" not in feedback.message and "9" not in feedback.message
    assert isinstance(check.two_linear_layers(..., ...), Pending)


def test_two_linear_layers_hints_name_the_matrices_as_the_exercise_does():
    """The exercise writes W^(0), b^(1), W^(1), b^(2); the hints say W0, b1, W1, b2."""
    order = check.two_linear_layers(W1 @ W0, b1 @ W1 + b2).message
    assert "the inputs meet W0 first" in order and "X @ W0 @ W1" in order
    assert "W2" not in order
    generic = check.two_linear_layers(W0 @ W1, [0.0, 0.0]).message
    assert "(X @ W0 + b1) @ W1 + b2" in generic


def test_two_linear_layers_calls_none_not_numbers():
    """Issue 16: "W is None, not a number" for a matrix."""
    assert check.two_linear_layers(None, None).message == (
        "The matrix is not right yet. W is None, not numbers: does a function you "
        "wrote lack its return?"
    )


# Issue 16, kind D: "Expected 4 numbers for W, but got shape (4,)" said nothing of how
# the four numbers are arranged.
def test_two_linear_layers_says_the_shape_of_w_and_what_its_rows_and_columns_hold():
    assert check.two_linear_layers([-1, 9, 2, -4], [5.5, -3]).message == (
        "The matrix is not right yet. W must have shape (2, 2): one row per input "
        "(x1, x2), one column per output unit (rows from, columns to, as in W0 and "
        "W1); got shape (4,)."
    )
    assert check.two_linear_layers(W0 @ W1, [[5.5, -3]]).message == (
        "b must have shape (2,): one entry per output unit (as in b2); got shape "
        "(1, 2)."
    )


@pytest.mark.parametrize(
    "args",
    [
        ([[1e308, 1e308], [1e308, 1e308]], [0.0, 0.0], [[1.0], [1.0]], [0.0]),
        ([[1.0, 1.0], [1.0, 1.0]], [-0.5, -1.5], [[1e308], [1e308]], [0.0]),
        ([[1e308, 1.0], [1.0, 1.0]], [1e308, 0.0], [[1.0], [-1.0]], [0.0]),
    ],
)
def test_xor_weights_too_large_for_the_arithmetic_get_feedback_not_an_error(args):
    """Issue 16: weights of 1e308 raised the forward pass's ValueError ("scale the
    inputs, e.g. with Standardizer"), advice for a training run."""
    verdict = check.xor_weights(*args)
    assert not verdict.correct
    assert verdict.message == (
        "These weights are so large that the network's arithmetic overflows (beyond "
        "about 1.8e308); XOR needs only moderate weights."
    )


def test_xor_product_unit_weights_too_large_get_feedback_not_an_error():
    verdict = check.xor_product_unit([1e308, 1e308, -1e308], 0.0)
    assert not verdict.correct
    assert verdict.message.startswith(
        "These weights are so large that the unit's arithmetic overflows"
    )


def test_two_linear_layers_names_right_entries_in_other_places():
    """Issue 16, kind D: right entries in other places got the generic hint."""
    W, b = W0 @ W1, b1 @ W1 + b2
    assert check.two_linear_layers(W, b).correct
    assert check.two_linear_layers(W[::-1], b).message == (
        "The matrix is not right yet. Right entries in the wrong places: row j holds "
        "what input x_j sends, column k what output unit k receives, as in W0 and W1."
    )
    assert "That is transposed" in check.two_linear_layers(W.T, b).message
    assert check.two_linear_layers(W, b[::-1]).message.startswith(
        "The matrix is right. The bias has the right values in the wrong order"
    )


def test_two_linear_layers_says_the_two_answers_are_swapped():
    verdict = check.two_linear_layers(b1 @ W1 + b2, W0 @ W1)
    assert verdict.message.startswith("You swapped the two answers")


def test_xor_product_unit_names_weights_and_bias_in_each_others_place():
    """Issue 16, kind D: they were told only that w has the wrong shape."""
    assert check.xor_product_unit([1, 1, -2], -0.5).correct
    assert check.xor_product_unit(-0.5, [1, 1, -2]).message == (
        "The weights and the bias are in each other's place: the check takes the 3 "
        "weights first, as a list, then the bias, one number."
    )


def test_xor_product_unit_calls_wrong_values_in_each_others_place_a_shape_slip():
    """Issue 16, kind D: xor_product_unit(1.0, [0, 0, 0]) was told the weights and the
    bias are swapped; exchanged, they are wrong too."""
    assert not check.xor_product_unit([0, 0, 0], 1.0).correct
    assert check.xor_product_unit(1.0, [0, 0, 0]).message == (
        "The weights come first, as a list of 3 numbers; the bias is one number."
    )
