"""The self-checks of the chapter on neurons and layers: right answers pass, typical
mistakes get their hint, malformed answers are reported."""

import numpy as np
import pytest

from ffnn_edu.nn.neuron import layer_logits
from ffnn_edu.show import check
from ffnn_edu.show.check.neurons import ARTICLE_WEIGHT, COUNT_EXERCISE, LAYER_EXERCISE

W = np.array(LAYER_EXERCISE["W"])
x = np.array(LAYER_EXERCISE["x"])
b = np.array(LAYER_EXERCISE["b"])
Z = layer_logits(x, W) + b
Y = np.maximum(Z, 0)


def test_layer_output_accepts_the_right_logits_and_outputs():
    assert Z.tolist() == [-0.5, 0.5]  # worked out by hand: W^T x + b
    assert check.layer_output(Z, Y).correct
    assert check.layer_output(list(Z), [0, 0.5]).correct


@pytest.mark.parametrize(
    "z, y, hint",
    [
        (W @ x + b, Y, "W transposed"),
        (W.T @ x, Y, "add each neuron's bias"),
        (W @ x, Y, "Two things"),
        ([9.0, 9.0], Y, "z_k = b_k"),
        (Z, Z, "through the activation"),
        (Z, 1 / (1 + np.exp(-Z)), "not the sigmoid"),
        (Z, np.abs(Z), "negative one into 0"),
        (Z, [7.0, 7.0], "max(0, z)"),
    ],
)
def test_layer_output_recognises_typical_mistakes(z, y, hint):
    feedback = check.layer_output(z, y)
    assert not feedback.correct
    assert hint in feedback.message


def test_layer_output_reports_wrong_shapes():
    feedback = check.layer_output([1.0, 2.0, 3.0], Y)
    assert (
        not feedback.correct
        and "The logits z must have shape (2,): one logit per neuron"
        in (feedback.message)
    )
    assert check.layer_output(Z, 0.5).message == (
        "The outputs y must have shape (2,): one output per neuron of the layer, "
        "(y1, y2); got shape ()."
    )


def test_parameter_count_accepts_the_right_counts():
    n_in, n_hidden, n_out = COUNT_EXERCISE
    assert check.parameter_count(
        n_in * n_hidden + n_hidden * n_out, n_hidden + n_out
    ).correct


@pytest.mark.parametrize(
    "weights, biases, hint",
    [
        (894, 110, "number of neurons"),
        (784 * 100 * 10, 110, "multiplies all three"),
        (78_400, 110, "another one"),
        (79_400 + 110, 110, "counted the biases"),
        (12, 110, "m * n weights"),
        (79_400, 894, "input neurons have no bias"),
        (79_400, 10, "hidden and output alike"),
        (79_400, 7, "only for neurons that compute"),
    ],
)
def test_parameter_count_recognises_typical_mistakes(weights, biases, hint):
    feedback = check.parameter_count(weights, biases)
    assert not feedback.correct
    assert hint in feedback.message


def test_weight_entry():
    assert ARTICLE_WEIGHT == {"l": 2, "j": 3, "k": 1}
    assert check.weight_entry(0, 0, 2).correct
    assert "swapped" in check.weight_entry(0, 2, 0).message
    assert "counts neurons from 1" in check.weight_entry(0, 1, 3).message
    assert "weights[0]" in check.weight_entry(1, 0, 2).message
    assert "which two layers" in check.weight_entry(5, 0, 2).message
    assert "which neuron" in check.weight_entry(0, 1, 1).message
    assert "three whole numbers" in check.weight_entry("a", 0, 2).message


@pytest.mark.parametrize(
    "args, says",
    [
        ((False, 0, 2), "is a truth value (True/False), not a number: give a whole "),
        (("0", "0", "2"), "should be a whole number; '0' is text, not a number."),
        ((None, 0, 2), "is None, not a number"),
        (([0], 0, 2), "Give the matrix index as a whole number, not a list"),
    ],
)
def test_weight_entry_asks_for_one_whole_number_per_index_without_contradiction(
    args, says
):
    """Issue 16: "...not a number: give a single number. Give three whole numbers"."""
    message = check.weight_entry(*args).message
    assert says in message and "single number" not in message
    assert message.endswith(
        "The check takes three whole numbers: the matrix, the row and the column."
    )


@pytest.mark.parametrize("args", [(0, 0, -1), (-2, 0, 2), (0, -3, 2), (-1, -1, -1)])
def test_weight_entry_says_that_a_negative_index_counts_from_the_end(args):
    """Issue 16: weights[0][0, -1] was told "which neuron does the weight leave". It
    is the entry only in a network whose second layer has three neurons, and the
    exercise names no size, so it is told how negative indices count."""
    verdict = check.weight_entry(*args)
    assert not verdict.correct
    assert verdict.message.startswith("A negative index counts from the end")
    assert "Count from the start, from 0" in verdict.message


def test_feedback_never_contains_the_answers():
    for feedback in (
        check.layer_output(W @ x + b, Y),
        check.layer_output(Z, Z),
        check.parameter_count(894, 110),
        check.parameter_count(79_400, 894),
    ):
        for secret in ("-0.5", "0.5,", "79400", "79 400", "110"):
            assert secret not in feedback.message


def test_parameter_count_swapped_says_so_without_the_counts():
    """79400 weights and 110 biases typed the other way round got the generic hint."""
    verdict = check.parameter_count(110, 79400)
    assert not verdict.correct
    assert verdict.message.startswith("You swapped the two answers")
    assert "79400" not in verdict.message and "110" not in verdict.message
    assert check.parameter_count(79400, 110).correct
    assert "swapped" not in check.parameter_count(110, 110).message
    assert "swapped" not in check.parameter_count(110, 79401).message


def test_layer_output_swapped_says_so():
    """The logits [-0.5, 0.5] and the outputs [0, 0.5] in each other's boxes."""
    verdict = check.layer_output([0.0, 0.5], [-0.5, 0.5])
    assert not verdict.correct
    assert verdict.message.startswith("You swapped the two answers")
    assert check.layer_output([-0.5, 0.5], [0.0, 0.5]).correct


def test_parameter_count_asks_for_one_whole_number_for_a_truth_value():
    """Issue 16: True for the count of weights got "not numbers", in the plural."""
    assert check.parameter_count(True, 110).message == (
        "The number of weights is a truth value (True/False), not a number: give a "
        "whole number."
    )


def test_parameter_count_calls_a_negative_count_a_sign_slip():
    assert check.parameter_count(-79400, 110).message == (
        "A count is never negative: check the sign."
    )


def test_layer_output_names_right_values_in_another_order():
    """Issue 16, kind D: the right logits (or outputs) reversed got the generic hint,
    and the right outputs reversed were told that their ReLU was wrong."""
    z, y = [-0.5, 0.5], [0.0, 0.5]
    assert check.layer_output(z, y).correct
    assert check.layer_output(z[::-1], y).message.startswith(
        "Right values, wrong order: z1 is the logit of neuron 1, z2 that of neuron 2."
    )
    assert check.layer_output(z, y[::-1]).message.startswith(
        "Right values, wrong order: y1 is the output of neuron 1 (the ReLU of z1), y2 "
        "that of neuron 2."
    )
    # a ReLU slip that is no reordering keeps its hint
    assert "ReLU keeps" in check.layer_output(z, [0.5, 0.5]).message


def test_layer_outputs_reversed_logits_are_also_a_sign_slip():
    """Issue 16, kind D: [0.5, -0.5] is [-0.5, 0.5] reversed and negated; it was told
    only that the values are right in the wrong order."""
    verdict = check.layer_output([0.5, -0.5], [0.5, 0])
    assert verdict.message == (
        "Right values, wrong order: z1 is the logit of neuron 1, z2 that of neuron 2. "
        "The same numbers are also the right ones with every sign flipped: if the "
        "order is as you meant it, check the signs."
    )


def test_an_order_that_is_a_later_slip_is_worded_as_either():
    """The y stage's [0.5, 0] is the right outputs reversed and also ReLU of the
    negated logits, a hint declared after the orders."""
    message = check.layer_output([-0.5, 0.5], [0.5, 0]).message
    assert message.startswith("Right values, wrong order: y1 is the output")
    assert message.endswith(
        "The same numbers also come from another slip: the logits are right; ReLU "
        "keeps a positive logit and turns a negative one into 0."
    )
