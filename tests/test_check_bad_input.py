"""Bad input to the self-checks: whatever a learner types gets a Feedback that says what
is wrong with it, never a Python or numpy error and never "Right!".

The inputs below are the ones a tester found (complex gradients, fractional counts, None
from a function without return, 10**400, a bias typed as text, ...); the sweep tries
every kind of malformed value in every argument of every check.
"""

import math

import numpy as np
import pytest

from ffnn_edu.experiments.learning_slowdown import train_confidently_wrong
from ffnn_edu.nn.preprocessing import train_val_test_split
from ffnn_edu.show import check
from ffnn_edu.show.check.complete_network import SPLIT_FRACTIONS, SPLIT_ROWS
from ffnn_edu.show.check.digits import DIGIT_LAYERS
from ffnn_edu.show.check.feedback import (
    Feedback,
    as_number,
    as_numbers,
    compare,
    compare_count,
)
from ffnn_edu.show.check.logistic_neuron import TANH_BIAS, TANH_WEIGHTS
from ffnn_edu.show.check.neurons import COUNT_EXERCISE
from ffnn_edu.show.check.sgd import (
    COMPARISON_RUNS,
    EXERCISE_M,
    EXERCISE_N,
    TEXTBOOK_BATCHES,
    TEXTBOOK_N,
)

MALFORMED = {
    "text": "abc",
    "numeric text": "0.5",
    "None": None,
    "NaN": float("nan"),
    "infinity": float("inf"),
    "complex": 1 + 2j,
    "complex array": np.array([1 + 1j, 2]),
    "ragged list": [[1, 2], [3]],
    "dict": {},
    "huge int": 10**400,
    "bool": True,
    "object array with None": np.array([1, None], dtype=object),
}


def _n_args(name):
    return check.__dict__[name].__wrapped__.__code__.co_argcount


@pytest.mark.parametrize("name", check._CHECKS)
@pytest.mark.parametrize("kind", MALFORMED)
def test_every_argument_of_every_check_refuses_malformed_input_with_feedback(
    name, kind
):
    checker = getattr(check, name)
    n = _n_args(name)
    for position in range(n):
        args = [0.1] * n
        args[position] = MALFORMED[kind]
        verdict = checker(*args)
        assert isinstance(verdict, Feedback), (position, verdict)
        assert not verdict.correct, (position, verdict)
        assert verdict.message


@pytest.mark.parametrize(
    "answer, words",
    [
        (None, "None"),
        ("0.36", "text"),
        (0.36 + 0j, "complex"),
        (np.array([0.36 + 0j]), "complex"),
        (True, "truth value"),
        (10**400, "too large"),
        ([[1], [2, 3]], "rows of equal length"),
        ([0.3, None], "None"),
        (float("nan"), "NaN"),
        ([1.0, float("inf")], "NaN or infinity"),
    ],
)
def test_as_numbers_names_the_problem(answer, words):
    verdict = as_numbers(answer)
    assert (
        isinstance(verdict, Feedback)
        and not verdict.correct
        and words in verdict.message
    )


def test_as_numbers_accepts_numbers_of_every_numeric_kind():
    for answer in (
        3,
        0.5,
        np.float32(0.5),
        np.int64(3),
        [1, 2.5],
        ((1, 2), (3, 4)),
        10**30,
    ):
        assert isinstance(as_numbers(answer), np.ndarray)
    assert as_number(np.float64(0.25)) == 0.25
    assert as_numbers([True, False], allow_bool=True).tolist() == [1.0, 0.0]


def test_a_missing_return_is_not_called_nan():
    verdict = check.lunch_residual(None)
    assert (
        not verdict.correct
        and "None" in verdict.message
        and "NaN" not in verdict.message
    )
    verdict = check.delta_rule_step([None, None, None])
    assert "None" in verdict.message and "NaN" not in verdict.message


def test_the_second_answer_is_named_when_it_is_malformed():
    # the first answer is right, so the check gets to the second, which is None
    gradient = check.backprop_w1.__wrapped__.__globals__["backprop_221_values"]()[
        "dE/dw1"
    ]
    verdict = check.backprop_w1(gradient, None)
    assert not verdict.correct and "The new weight w1 is None" in verdict.message


@pytest.mark.parametrize(
    "eps", [np.array([1e-4, 1e-4]), np.ones((2, 2)), [1e-4], None, "1e-4"]
)
def test_best_epsilon_hints_never_see_an_array(eps):
    verdict = check.best_epsilon(eps)
    assert not verdict.correct and "Pick one of" in verdict.message


def test_best_epsilon_still_accepts_the_number_in_any_numeric_type():
    for eps in (1e-4, np.float64(1e-4), 10**-4):
        assert check.best_epsilon(eps).correct


def test_a_hint_never_sees_an_answer_of_another_shape():
    seen = []
    hint = (lambda a: seen.append(a.shape) or False, "never")
    compare([1.0, 2.0], 1.0, hints=[hint])
    compare_count([1, 2], 1, hints=[hint])
    assert seen == []


def test_compare_with_tolerance_zero_asks_for_no_impossible_digits():
    verdict = compare(16.41, 16.40625, tolerance=0.0)
    assert not verdict.correct and "decimals" not in verdict.message


# Counting exercises: whole numbers only, exactly. Each entry: the check and its right
# answer (computed from the package, as the checks do).
def _split():
    zeros = np.zeros((SPLIT_ROWS, 1))
    split = train_val_test_split(zeros, zeros[:, 0], SPLIT_FRACTIONS)
    return [len(split.y_train), len(split.y_val), len(split.y_test)]


def _slowdown():
    return train_confidently_wrong(
        "half_sse", w=2.5, b=2.5, epochs=2000
    ).epochs_until_right()


N_IN, N_HIDDEN, N_OUT = DIGIT_LAYERS
COUNTS = {
    "separable_count": lambda: [14],
    "parameter_count": lambda: [
        sum(a * b for a, b in zip(COUNT_EXERCISE, COUNT_EXERCISE[1:])),
        sum(COUNT_EXERCISE[1:]),
    ],
    "digit_network_size": lambda: [
        N_IN * N_HIDDEN + N_HIDDEN * N_OUT + N_HIDDEN + N_OUT
    ],
    "iterations_per_epoch": lambda: [math.ceil(EXERCISE_N / EXERCISE_M)],
    "textbook_epoch": lambda: [TEXTBOOK_N // TEXTBOOK_BATCHES, 3 * TEXTBOOK_BATCHES],
    "split_sizes": _split,
    "slowdown_epochs": lambda: [_slowdown()],
}


@pytest.mark.parametrize("name", COUNTS)
def test_counts_accept_the_right_whole_number_also_written_as_a_float(name):
    right = COUNTS[name]()
    assert getattr(check, name)(*right).correct
    assert getattr(check, name)(*(float(v) for v in right)).correct


@pytest.mark.parametrize("name", COUNTS)
@pytest.mark.parametrize("offset", [0.4, -0.4, 0.1])
def test_counts_refuse_a_fraction_near_the_right_number(name, offset):
    right = COUNTS[name]()
    for position in range(len(right)):
        answer = list(right)
        answer[position] += offset
        verdict = getattr(check, name)(*answer)
        assert not verdict.correct, (position, verdict)
        assert "whole" in verdict.message or "fraction" in verdict.message, verdict


def test_samples_processed_refuses_fractions_too():
    right = [m * iters for m, iters in COMPARISON_RUNS]
    assert check.samples_processed(right).correct
    verdict = check.samples_processed([right[0] + 0.4, right[1], right[2]])
    assert not verdict.correct and "whole" in verdict.message


def test_the_tester_s_fractional_counts():
    assert "whole number" in check.separable_count(13.6).message
    assert "whole number" in check.parameter_count(79400.4, 110.3).message


@pytest.mark.parametrize(
    "args, words",
    [
        ((0.5, 0.7, 2.9), "whole number"),
        ((0, 0.5, 1), "whole number"),
        ((float("inf"), 0, 2), "NaN or infinity"),
        ((0, 0, float("nan")), "NaN or infinity"),
        (("0", "0", "2"), "text"),
        ((False, False, 2), "truth value"),
        ((10**400, 0, 2), "too large"),
        ((None, 0, 2), "None"),
        (([0], 0, 2), "as a whole number, not a list"),
    ],
)
def test_weight_entry_takes_three_whole_numbers(args, words):
    verdict = check.weight_entry(*args)
    assert not verdict.correct and words in verdict.message
    assert "three whole numbers" in verdict.message


def test_weight_entry_accepts_whole_floats():
    from ffnn_edu.show.check.neurons import ARTICLE_WEIGHT as ex

    want = (ex["l"] - 2, ex["k"] - 1, ex["j"] - 1)
    assert check.weight_entry(*want).correct
    assert check.weight_entry(*(float(v) for v in want)).correct


@pytest.mark.parametrize(
    "name, args, position",
    [
        ("implication_unit", ([1, 1], "abc"), 1),
        ("perceptron_step", ([1, 1], None), 1),
        ("xor_product_unit", ([1, 1, -2], 1j), 1),
        ("xor_weights", ([[1, 1], [1, 1]], None, [[1], [1]], [0]), 1),
        ("norms_of_vector", (5, "3"), 1),
        ("textbook_epoch", (1000, None), 1),
    ],
)
def test_several_arguments_name_the_malformed_one(name, args, position):
    verdict = getattr(check, name)(*args)
    assert not verdict.correct
    named = {
        "implication_unit": "bias",
        "perceptron_step": "bias",
        "xor_product_unit": "bias",
        "xor_weights": "b1",
        "norms_of_vector": "l2",
        "textbook_epoch": "iterations",
    }[name]
    assert named in verdict.message


# Checks with several answers judge them in turn, so a malformed later answer is only
# read when the earlier ones are right: sweep every position
# with the other answers right.
def _right_answers():
    from ffnn_edu.experiments.worked_examples import backprop_221_values
    from ffnn_edu.nn.activations import get_activation
    from ffnn_edu.nn.classifier import NetworkClassifier
    from ffnn_edu.nn.datasets import new_shop_data, shop_data
    from ffnn_edu.nn.perceptron import perceptron_update
    from ffnn_edu.nn.preprocessing import Standardizer
    from ffnn_edu.nn.regularization import l1_norm, l2_norm
    from ffnn_edu.show.check import dropout as chk_dropout
    from ffnn_edu.show.check import hidden_layers as chk_hidden
    from ffnn_edu.show.check.complete_network import LEAK_SEED, SHOP_SETTINGS
    from ffnn_edu.show.check.neurons import ARTICLE_WEIGHT, LAYER_EXERCISE
    from ffnn_edu.show.check.perceptron import UPDATE_EXERCISE
    from ffnn_edu.show.check.regularization import NORM_VECTOR

    v = backprop_221_values()
    W, x, b = (np.array(LAYER_EXERCISE[k]) for k in ("W", "x", "b"))
    z = W.T @ x + b
    ex = UPDATE_EXERCISE
    step = perceptron_update(np.array(ex["x"]), ex["t"], np.array(ex["w"]), ex["b"])
    a = ARTICLE_WEIGHT
    mask = np.random.default_rng(LEAK_SEED).random(10) < 0.5
    X, y, _ = shop_data()
    X_new, _ = new_shop_data()
    scaler = Standardizer().fit(X)
    clf = NetworkClassifier(**SHOP_SETTINGS).fit(scaler.transform(X), y)
    h = chk_hidden
    rate, act = chk_dropout.EXERCISE_RATE, chk_dropout.EXERCISE_ACTIVATION
    return {
        "backprop_w1": [v["dE/dw1"], v["w1_new"]],
        "kept_and_mean_activation": [act / (1 - rate), act],
        "norms_of_vector": [
            l1_norm(np.array(NORM_VECTOR)),
            l2_norm(np.array(NORM_VECTOR)),
        ],
        "layer_output": [z, get_activation("relu").function(z)],
        "parameter_count": COUNTS["parameter_count"](),
        "textbook_epoch": COUNTS["textbook_epoch"](),
        "split_sizes": _split(),
        "two_linear_layers": [h.W0 @ h.W1, h.b1 @ h.W1 + h.b2],
        "tanh_as_sigmoid": [2 * np.array(TANH_WEIGHTS), 2 * TANH_BIAS],
        "weight_entry": [a["l"] - 2, a["k"] - 1, a["j"] - 1],
        "perceptron_step": [step.w, step.b],
        "implication_unit": [[-1.0, 1.0], 0.5],
        "xor_product_unit": [[1.0, 1.0, -2.0], -0.5],
        "xor_weights": [
            [[1.0, 1.0], [1.0, 1.0]],
            [-0.5, -1.5],
            [[1.0], [-1.0]],
            [-0.5],
        ],
        "leak": [np.flatnonzero(~mask).tolist(), list(range(10))],
        "new_data_prediction": [scaler, clf, clf.predict(scaler.transform(X_new))],
    }


RIGHT = _right_answers()


def test_every_check_with_several_answers_is_swept():
    several = {
        name
        for name in check._CHECKS
        if _n_args(name) > 1 and name not in ("backprop_implementation",)
    }
    assert several == set(RIGHT)


@pytest.mark.parametrize("name", RIGHT)
def test_the_right_answers_of_the_sweep_are_right(name):
    assert getattr(check, name)(*RIGHT[name]).correct


@pytest.mark.parametrize("name", RIGHT)
@pytest.mark.parametrize("kind", MALFORMED)
def test_a_malformed_answer_after_right_ones_gets_feedback(name, kind):
    for position in range(len(RIGHT[name])):
        args = list(RIGHT[name])
        args[position] = MALFORMED[kind]
        verdict = getattr(check, name)(*args)
        assert isinstance(verdict, Feedback), (position, verdict)
        assert not verdict.correct, (position, verdict)


def _huge(value, big):
    """``value``'s shape filled with +-``big``, signs alternating."""
    a = np.asarray(value, dtype=float)
    signs = np.where(np.arange(a.size) % 2 == 0, 1.0, -1.0).reshape(a.shape)
    return (big * signs).tolist()


@pytest.mark.parametrize("name", [n for n in RIGHT if n != "new_data_prediction"])
@pytest.mark.parametrize("big", [1e308, -1e308, 1e200])
def test_answers_too_large_for_the_arithmetic_get_feedback_never_an_error(name, big):
    """Issue 16: xor_weights with weights of 1e308 raised the forward pass's
    ValueError; every check that puts a learner's numbers through a unit or a network
    must answer with Feedback."""
    for position in range(len(RIGHT[name])):
        for fill in (big, None):
            args = list(RIGHT[name])
            args[position] = (
                _huge(args[position], big)
                if fill is None
                else np.full(np.shape(args[position]), fill).tolist()
            )
            # threshold units are right at any scale: only the kind of reply is pinned
            verdict = getattr(check, name)(*args)
            assert isinstance(verdict, Feedback), (position, verdict)
