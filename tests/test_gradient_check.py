"""The gradient check's verdict: right backpropagation agrees, wrong does not.

The unscaled shop data (totals in the tens) gives large logits and curvature, where a
fixed-step central difference used to report DISAGREE for a
backpropagation that was right.
"""

import dataclasses
import itertools
import re
import warnings

import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork, gradient_check
from ffnn_edu.nn.activations import get_activation
from ffnn_edu.nn.datasets import shop_data
from ffnn_edu.nn.gradient_check import (
    GradientCheckReport,
    error_bound_text,
    finite_differences,
    numerical_gradient,
    one_sided_slopes_jump,
    output_term_size,
    relative_error,
    sample_entries,
    term_size,
)
from ffnn_edu.nn.regularization import Regularizer

from helpers import raises

X_SHOP, T_SHOP = shop_data()[:2]
HIDDEN = ["linear", "sigmoid", "tanh", "relu", "arctan"]
LOSSES = ["half_sse", "mse", "binary_cross_entropy", "categorical_cross_entropy"]
CONFIGS = list(itertools.product(HIDDEN, LOSSES, range(3), [True, False]))  # 120


def _no_entry_disagrees(report):
    """No false alarm: every entry that could be checked agrees.

    Not ``report.passed()``, which is False when nothing could be checked (a dead ReLU
    network, an output saturated to its target), and some of these cases check nothing.
    """
    return not any(m.any() for m in report.mismatches())


def _shop_case(hidden, loss, seed, bias, sizes=(3, 4)):
    if loss == "categorical_cross_entropy":
        out, T = ("softmax", 2), np.eye(2)[T_SHOP.astype(int)]
    elif loss == "binary_cross_entropy":
        out, T = ("sigmoid", 1), T_SHOP
    else:
        out, T = (hidden, 1), T_SHOP
    net = FeedForwardNetwork(
        (*sizes, out[1]), [hidden] * (len(sizes) - 1) + [out[0]], bias=bias, seed=seed
    )
    return net, T


def test_the_reported_false_alarm_now_agrees():
    net = FeedForwardNetwork((3, 4, 1), ["tanh", "sigmoid"], seed=1)
    report = gradient_check(net, X_SHOP, T_SHOP, "binary_cross_entropy")
    assert report.passed(), str(report)
    assert report.max_relative_error < 1e-8
    # where every gradient underflows to 0, "nothing could be checked"
    text = str(report)
    assert "DISAGREE" not in text and "not differentiable" not in text


@pytest.mark.parametrize("hidden,loss,seed,bias", CONFIGS)
def test_right_backprop_agrees_on_unscaled_data(hidden, loss, seed, bias):
    net, T = _shop_case(hidden, loss, seed, bias)
    penalty = Regularizer("l2", 0.5) if seed == 2 else None
    report = gradient_check(net, X_SHOP, T, loss, regularizer=penalty)
    assert _no_entry_disagrees(report), str(report)


@pytest.mark.parametrize("hidden,loss,seed,bias", CONFIGS)
def test_a_one_percent_slip_in_any_layer_disagrees(hidden, loss, seed, bias):
    net, T = _shop_case(hidden, loss, seed, bias)
    report = gradient_check(net, X_SHOP, T, loss)
    slipped = 0
    for k, (g, err) in enumerate(zip(report.backprop, report.fd_errors)):
        i = np.unravel_index(np.argmax(np.abs(g)), g.shape)
        # this entry is too small to test a 1% slip
        if abs(g[i]) * 0.01 <= 100 * err[i]:
            continue
        saved = g[i]
        g[i] = saved * 1.01
        assert not report.passed(), (k, str(report))
        assert report.mismatches()[k][i]
        g[i] = saved
        slipped += 1
    assert _no_entry_disagrees(report)
    dead = not any(g.any() for g in report.backprop)  # ReLU output below 0 everywhere
    # at least the output layer's weights and one more array
    assert slipped >= 2 or dead


@pytest.mark.parametrize(
    "hidden,wrong",
    [
        ("sigmoid", lambda y: 1 - y),  # y(1 - y) without the y
        ("tanh", lambda y: 1 - y),  # forgot the square
        ("arctan", lambda y: np.cos(y)),  # forgot the square
        ("linear", lambda y: np.zeros_like(y)),  # slope 0 instead of 1
    ],
)
@pytest.mark.parametrize("seed", range(4))
def test_a_wrong_activation_slope_disagrees(hidden, wrong, seed):
    right = get_activation(hidden)
    buggy = dataclasses.replace(right, output_slope=wrong)
    net = FeedForwardNetwork((3, 4, 1), [buggy, "sigmoid"], seed=seed)
    net.set_weights(net.weights, [np.full(4, 0.5), np.zeros(1)])
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(6, 3))
    report = gradient_check(net, X, rng.integers(0, 2, size=6), "binary_cross_entropy")
    assert not report.passed(), str(report)
    assert "DISAGREE" in str(report)
    assert report.mismatches()[0].any() or report.mismatches()[1].any()
    assert not report.mismatches()[2].any() and not report.mismatches()[3].any()


def test_a_saturated_hidden_unit_is_not_a_false_alarm_and_is_reported_as_unchecked():
    net = FeedForwardNetwork((1, 1, 1), seed=0)
    net.set_weights([[[30.0]], [[1.0]]], [[0.0], [0.0]])
    report = gradient_check(net, [[1.0]], [[1.0]])
    assert not any(m.any() for m in report.mismatches()), str(report)
    assert report.unresolved() == 2  # dE/dW0 and dE/db1 are ~1e-14, below the noise
    # W0 and b1 hold nothing checked: the check cannot pass (issue 16), nor disagree
    assert report.unchecked_arrays() == ["W0", "b1"] and not report.passed()
    assert "2 entries are smaller than their finite-difference error" in str(report)


def test_finite_differences_error_estimate_bounds_the_true_error():
    rng = np.random.default_rng(0)
    for scale in (1e-3, 1.0, 1e3):
        w = rng.normal(size=5) * scale
        fd = finite_differences(
            lambda w=w, scale=scale: float(np.sum(np.sin(w) * np.exp(w / scale))), [w]
        )
        exact = np.cos(w) * np.exp(w / scale) + np.sin(w) * np.exp(w / scale) / scale
        assert (np.abs(fd.gradient[0] - exact) <= fd.error[0]).all()
        assert (fd.steps[0] >= 1e-5 * np.maximum(np.abs(w), 1) * (1 - 1e-9)).all()


def test_error_bound_text_and_one_sided_slopes_jump_are_public():
    """What the report prints for a relative error, and the kink test (once private)."""
    from ffnn_edu.nn.gradient_check import error_bound_text, one_sided_slopes_jump

    assert [error_bound_text(v) for v in (0.0, 8.48e-11, 0.0123)] == [
        "0",
        "< 1e-10",
        "0.012",
    ]
    assert one_sided_slopes_jump([1.0, 1.0, 2.0, 2.0, 0.0], 1.0, 0.0) is True
    assert one_sided_slopes_jump([1.0, 1.0, 4.0, 4.0, 0.0], 1.0, 0.0) is False


_INT = (
    r"entry 0 is an array of dtype int64; convert it with "
    r"np\.asarray\(\.\.\., dtype=float\)$"
)


# --- finite differences need float arrays and a sensible step ------------------------

_FLOAT16 = (
    " must be float64 for finite differences, but its dtype is float16: a step of eps "
    "(relative to each weight, down to 1e-10) is lost in its rounding, about 1e-03 of "
    "each entry; "
)


@pytest.mark.parametrize("kind", ["weights", "biases"])
def test_float16_parameters_of_a_network_are_refused_before_any_difference(kind):
    # float16 biases DISAGREEd with a finite difference of 0 (the step rounded
    # away), float16 weights divided by a step of 0
    rng = np.random.default_rng(0)
    X, T = rng.normal(size=(6, 3)), rng.uniform(size=(6, 2))
    net = FeedForwardNetwork((3, 4, 2), seed=0)
    setattr(net, kind, [p.astype(np.float16) for p in getattr(net, kind)])
    with pytest.raises(ValueError, match=r"^the network's") as refused:
        gradient_check(net, X, T)
    assert str(refused.value) == (
        f"the network's {kind}[0]{_FLOAT16}use set_weights, or .astype(float)"
    )
    net.set_weights(net.weights, net.biases)  # the remedy: float64 again, and it agrees
    assert gradient_check(net, X, T).passed()


def test_a_matrix_among_the_weights_is_refused_by_name_not_by_numpy():
    # np.matrix's rows stay 2-d: "shapes (6,4) and (6,4) not aligned" in _term_size
    rng = np.random.default_rng(0)
    X, T = rng.normal(size=(6, 3)), rng.uniform(size=(6, 2))
    net = FeedForwardNetwork((3, 4, 2), seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        net.weights[0] = np.matrix(net.weights[0])
    with pytest.raises(ValueError, match=r"^the network's") as refused:
        gradient_check(net, X, T)
    assert str(refused.value).startswith(
        "the network's weights[0] must be a numpy array, not np.matrix"
    )


def test_float16_params_of_finite_differences_are_refused_by_position():
    w = np.array([1.0, 2.0], np.float16)
    with pytest.raises(ValueError, match=r"^params\[1\]") as refused:
        finite_differences(lambda: float((w.astype(float) ** 2).sum()), [np.ones(1), w])
    assert str(refused.value) == (
        f"params[1]{_FLOAT16}convert it with .astype(float) before error() is defined, "
        "so that error() reads the converted array"
    )


@pytest.mark.parametrize("estimate", [numerical_gradient, finite_differences])
def test_integer_parameters_are_refused_not_rounded(estimate):
    w = np.array([3])
    with pytest.raises(
        TypeError, match=r"^params must be a list of float numpy arrays .*" + _INT
    ):
        estimate(lambda: float(w[0] ** 2), [w])


@pytest.mark.parametrize("estimate", [numerical_gradient, finite_differences])
@pytest.mark.parametrize(
    "params,message",
    [
        ([[1.0, 2.0]], "entry 0 is a list"),
        (np.array([1.0, 2.0]), "but it is ndarray"),
    ],
)
def test_parameters_must_be_a_list_of_arrays(estimate, params, message):
    with pytest.raises(
        TypeError, match=f"^params must be a list of float numpy arrays.*{message}"
    ):
        estimate(lambda: 1.0, params)


@pytest.mark.parametrize("estimate", [numerical_gradient, finite_differences])
@pytest.mark.parametrize(
    "error,kind,message",
    [
        (
            lambda: None,
            TypeError,
            r"^error must return one number \(the error\), but it returned None",
        ),
        (lambda: "1", TypeError, r"^error must return one number"),
        (lambda: np.array([1.0, 2.0]), TypeError, r"^error must return one number"),
        (
            lambda: float("nan"),
            ValueError,
            r"^error must return a finite number, but it returned nan",
        ),
        (
            1.0,
            TypeError,
            r"^error must be a function of no arguments that returns the error",
        ),
    ],
)
def test_the_error_function_must_give_one_finite_number(estimate, error, kind, message):
    w = np.array([3.0])
    with pytest.raises(kind, match=message):
        estimate(error, [w])
    assert w[0] == 3.0  # restored, even after the error


@pytest.mark.parametrize("eps", [1e-300, 1e-16, 2.0, 1e300])
def test_numerical_gradient_refuses_steps_that_round_away_or_overflow(eps):
    w = np.array([3.0])
    with pytest.raises(
        ValueError,
        match=r"^eps, the absolute step added to each entry, must lie between 1e-15 "
        r"and 1, but it is",
    ):
        numerical_gradient(lambda: float(w[0] ** 2), [w], eps=eps)


def test_numerical_gradient_refuses_a_step_lost_on_a_large_entry():
    w = np.array([1e10])
    with pytest.raises(
        ValueError,
        match=r"^eps, the absolute step added to each entry, must be large enough "
        r"to change every entry",
    ):
        numerical_gradient(lambda: float(w[0]), [w], eps=1e-10)


@pytest.mark.parametrize("eps", [1e-1, 1e-4, 1e-7, 1e-10, 1e-13])
def test_numerical_gradient_keeps_the_steps_chapter_5_compares(eps):
    w = np.array([0.5])
    estimate = numerical_gradient(lambda: float(w[0] ** 2), [w], eps=eps)[0][0]
    assert estimate == pytest.approx(1.0, abs=1e-2)


def test_relative_error_checks_shapes_and_cannot_overflow():
    assert relative_error([1e200], [2e200]) == pytest.approx(1 / 3)
    assert relative_error([1e300, 1e300], [1e300, 1e300]) == 0.0
    with pytest.raises(
        ValueError,
        match=r"^a and b must have the same shape, but they have "
        r"\(2,\) and \(3,\)$",
    ):
        relative_error([1, 2], [1, 2, 3])
    with pytest.raises(ValueError, match="a must contain only finite numbers"):
        relative_error([np.nan], [1.0])
    with pytest.raises(TypeError, match="a must be an array of numbers"):
        relative_error("a", "b")


X4 = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])

XOR = np.array([0, 1, 1, 0])


@pytest.fixture(scope="module")
def report():
    rng = np.random.default_rng(0)
    net = FeedForwardNetwork((3, 4, 2), seed=0)
    return gradient_check(net, rng.normal(size=(5, 3)), rng.uniform(size=(5, 2)))


@pytest.mark.parametrize(
    "tolerance,error",
    [
        (float("nan"), ValueError),
        (float("inf"), ValueError),
        (-1, ValueError),
        (0, ValueError),
        (10, ValueError),
        (0.5, ValueError),
        ("x", TypeError),
        (None, TypeError),
    ],
)
def test_tolerance_must_be_a_small_positive_relative_error(report, tolerance, error):
    message = raises(error, "tolerance", lambda: report.passed(tolerance))
    if tolerance in (10, 0.5):
        assert "(0, 0.01]" in message and "factor of 2" in message
    raises(error, "tolerance", lambda: report.mismatches(tolerance))


def test_a_corrupted_gradient_fails_at_every_allowed_tolerance(report):
    saved = [g.copy() for g in report.backprop]
    report.backprop[0][...] *= 2
    try:
        assert not report.passed() and not report.passed(1e-2)
    finally:
        for g, s in zip(report.backprop, saved):
            g[...] = s
    assert report.passed()


@pytest.mark.parametrize(
    "eps,error",
    [
        (1.0, ValueError),
        (0.1, ValueError),
        (1e300, ValueError),
        (1e-300, ValueError),
        ("a", TypeError),
    ],
)
def test_gradient_check_refuses_an_eps_outside_its_bounds(eps, error):
    net = FeedForwardNetwork((2, 1))
    message = raises(error, "eps", lambda: gradient_check(net, X4, XOR, eps=eps))
    if error is ValueError:
        assert "between 1e-10 and 0.01" in message


@pytest.mark.parametrize(
    "n,error", [(-1, ValueError), (0, ValueError), ("a", TypeError), (2.0, TypeError)]
)
def test_n_is_checked_with_or_without_a_regularizer(n, error):
    raises(
        error,
        "n must be an integer >= 1",
        lambda: gradient_check(FeedForwardNetwork((2, 1)), X4, XOR, n=n),
    )


@pytest.mark.parametrize(
    "kwargs,name",
    [(dict(network=None), "network"), (dict(regularizer="l2"), "regularizer")],
)
def test_gradient_check_arguments_of_the_wrong_type(kwargs, name):
    arguments = dict(network=FeedForwardNetwork((2, 1)), X=X4, T=XOR) | kwargs
    raises(TypeError, f"{name} must be a", lambda: gradient_check(**arguments))


def _dead_relu():
    net = FeedForwardNetwork((2, 1), "relu")
    net.set_weights([[[-5.0], [-5.0]]], [[-5.0]])
    return gradient_check(net, X4 + 1, XOR)


@pytest.mark.parametrize(
    "make",
    [
        _dead_relu,
        lambda: gradient_check(
            FeedForwardNetwork((2, 1), bias=False), [[0.0, 0.0]], [0.5]
        ),
        lambda: gradient_check(FeedForwardNetwork((2, 1), "step"), X4, XOR),
    ],
    ids=["dead ReLU", "all-zero input", "step activation"],
)
def test_nothing_checkable_is_said_not_called_agreement(make):
    report = make()
    text = str(report)
    assert report.checkable() == 0
    assert "nothing could be checked" in text
    assert "agree" not in text


def test_a_relu_at_its_kink_is_reported_as_not_differentiable():
    net = FeedForwardNetwork((2, 1), "relu")
    net.set_weights([[[1.0], [1.0]]], [[0.0]])
    report = gradient_check(net, [[0.0, 0.0]], [1.0])
    text = str(report)
    assert report.not_differentiable() == 1 and report.kinks[1][0]
    assert "not differentiable here" in text and "DISAGREE" not in text


def test_a_relu_away_from_its_kink_is_checked_and_agrees():
    net = FeedForwardNetwork((2, 3, 1), ["relu", "sigmoid"], seed=3)
    report = gradient_check(
        net,
        np.random.default_rng(1).normal(size=(6, 2)),
        np.random.default_rng(2).uniform(size=6),
    )
    assert report.passed() and report.not_differentiable() == 0
    assert report.checkable() > 0


def test_the_report_says_how_many_entries_it_checked():
    net = FeedForwardNetwork((1, 1, 1), seed=0)
    net.set_weights([[[30.0]], [[1.0]]], [[0.0], [0.0]])
    text = str(gradient_check(net, [[1.0]], [[1.0]]))
    assert "2 of the 4 entries could be checked" in text


def test_gradient_check_report_detects_a_wrong_gradient():
    net = FeedForwardNetwork((2, 2, 1), seed=0)
    X, T = np.array([[0.5, -1.0]]), np.array([[1.0]])
    report = gradient_check(net, X, T)
    assert report.passed()
    wrong = [g * 1.01 for g in report.backprop]
    assert relative_error(wrong[0], report.numerical[0]) > 1e-3
    assert "agree" in str(report)
    assert report.names == ["W0", "b1", "W1", "b2"]


@pytest.mark.parametrize("eps", [0.0, -1e-5])
def test_numerical_gradient_needs_a_positive_step(eps):
    """Catches a dropped or loosened check of ``eps`` (a step of 0 divides by 0; a
    negative step silently works, so only the check can refuse it)."""
    w = np.array([3.0])
    with pytest.raises(
        ValueError,
        match=r"^eps, the absolute step added to each entry, must be > 0, but it is",
    ):
        numerical_gradient(lambda: float(w[0] ** 2), [w], eps=eps)


def test_tolerance_message_in_full():
    """Catches any change to the message that explains the range of ``tolerance``."""
    report = GradientCheckReport(
        ["W0"], [np.ones(1)], [np.ones(1)], [np.zeros(1)], [0.0]
    )
    with pytest.raises(ValueError, match=r"^tolerance must lie in ") as info:
        report.passed(tolerance=0.5)
    assert str(info.value) == (
        "tolerance must lie in (0, 0.01], but it is 0.5: it is a relative error, and "
        "from 1/3 on even a gradient off by a factor of 2 passes (1e-7, the default, "
        "to 1e-4 are the useful values)"
    )


def test_a_report_without_kinks_has_none():
    """Catches stand-in kink masks (``kinks`` not given) of the wrong type."""
    report = GradientCheckReport(
        ["W0"],
        [np.array([[1.0, 2.0]])],
        [np.array([[1.0, 2.5]])],
        [np.zeros((1, 2))],
        [0.5 / 4.5],
    )
    assert report.not_differentiable() == 0
    assert [m.tolist() for m in report.mismatches()] == [[[False, True]]]
    assert not report.passed()


def test_a_mismatch_needs_ten_times_the_error_estimate():
    """Catches the safety factor 10 dropped, and ``>=`` for ``>``, in ``mismatches``.

    Entry 1: |g - d| = 1e-3 is 5 times its error estimate 2e-4: not a mismatch (it would
    be without the factor 10). Entry 2: |g - d| = 0.625 equals 10 x 0.0625: not a
    mismatch. Entry 3: |g - d| = 0.5 > 10 x 0.01 and > 1e-7 x 2.5: a mismatch.
    """
    g = np.array([1.0, 1.625, 1.5])
    d = np.array([1.001, 1.0, 1.0])
    e = np.array([2e-4, 0.0625, 0.01])
    report = GradientCheckReport(["W0"], [g], [d], [e], [relative_error(g, d)])
    assert report.mismatches()[0].tolist() == [False, False, True]


def test_tolerance_is_relative_to_both_gradients_and_kinks_never_disagree():
    """Catches the tolerance taken relative to |g| alone, ``passed`` ignoring its
    tolerance, and a disagreement counted at a kink.

    g = 1, d = 1.015: |g - d| = 0.015 is within 0.01 x (1 + 1.015) = 0.02015, so with
    tolerance 0.01 they agree (0.01 x |g| = 0.01 would not), and with the default 1e-7
    they do not. At a kink, g = 0.5 against d = 0.25 is no disagreement.
    """
    g, d, e = np.array([1.0, 0.5]), np.array([1.015, 0.25]), np.zeros(2)
    report = GradientCheckReport(
        ["W0"], [g], [d], [e], [relative_error(g, d)], [np.array([False, True])]
    )
    assert report.mismatches(tolerance=0.01)[0].tolist() == [False, False]
    assert report.passed(tolerance=0.01)
    assert report.mismatches()[0].tolist() == [True, False]
    assert not report.passed()


def test_entry_counts_at_their_boundaries():
    """Catches ``<=`` for ``<`` in the unresolved count, ``|`` for ``&`` in the zeros.

    Entry 1: |g| + |d| = 2.5 equals 10 x 0.25, the error estimate: unresolved.
    Entry 2: g = 1, d = 0: neither zero in both nor unresolved (1 > 10 x 0.01).
    Entry 3: g = 0, d = 1e-12 < 10 x 1e-10: unresolved. Entry 4: both 0: a zero.
    """
    g = np.array([1.25, 1.0, 0.0, 0.0])
    d = np.array([1.25, 0.0, 1e-12, 0.0])
    e = np.array([0.25, 0.01, 1e-10, 0.0])
    report = GradientCheckReport(["W0"], [g], [d], [e], [relative_error(g, d)])
    assert report.unresolved() == 2
    assert report.zeros() == 1
    assert report.checkable() == 1


def test_report_text_in_full():
    """Catches a changed header, row, verdict, count or message of the printed report.

    W0: entry (0, 0) differs by 2e-4 (> 1e-7 (|g| + |d|), a mismatch), so they DISAGREE;
    the relative error of W0 is 2e-4 / (1 + 1.0002) = 9.999e-5 (the kink at (1, 1) is
    left out), printed as its value, 0.0001, since W0 disagrees (it printed "< 1e-04",
    a bound that reads as small, review 21). Its finite-difference error is about
    1e-3 / (1.118 + 1.031) < 1e-3. b1 is 0 in both. W1: backprop says 0, finite
    differences 1e-12 (below its error 1e-10, so unresolved); no entry of W1 can be
    checked, so its row says so (not the relative error 1 of two numbers below their
    error), finite-difference error 1e-10 / 1e-12 = 100, printed "> 1" (the error
    exceeds the gradients). Checkable: (0, 0) and (1, 0) of W0, 2 of 6 entries; the
    verdict's largest relative error is over those two.
    """
    k0 = np.array([[False, False], [False, True]])
    g0, d0 = (
        np.array([[1.0, 0.0], [1e-9, 0.5]]),
        np.array([[1.0002, 0.0], [1e-9, 0.25]]),
    )
    e0 = np.array([[1e-12, 0.0], [1e-13, 1e-3]])
    g1, d1 = np.zeros((1, 1)), np.array([[1e-12]])
    rel = [
        relative_error(np.where(k0, 0.0, g0), np.where(k0, 0.0, d0)),
        0.0,
        relative_error(g1, d1),
    ]
    report = GradientCheckReport(
        ["W0", "b1", "W1"],
        [g0, np.zeros(1), g1],
        [d0, np.zeros(1), d1],
        [e0, np.zeros(1), np.array([[1e-10]])],
        rel,
        [k0, np.zeros(1, bool), np.zeros((1, 1), bool)],
    )
    assert str(report) == "\n".join(
        [
            "parameter     shape  relative error  finite-difference error",
            "       W0    (2, 2)          0.0001                  < 1e-03",
            "       b1      (1,)               0                        0",
            "       W1    (1, 1)   not checkable                      > 1",
            "backpropagation and finite differences "
            "DISAGREE (largest relative error 0.0001)",
            "2 of the 6 entries could be checked",
            "1 entry is smaller than its finite-difference error, "
            "too small to be checked this way",
            "2 entries are 0 in both gradients (a unit that never responds, or an "
            "input of 0): nothing to compare",
            "1 entry is not differentiable here: the slopes on the two sides "
            "of the point differ (as at a ReLU's kink), so there is no "
            "derivative to check; move the point",
        ]
    )


def test_report_when_every_entry_is_checked_and_agrees():
    """Catches a changed 'agree' and 'k of n entries' printed when all n are checked."""
    net = FeedForwardNetwork((2, 2, 1), "tanh", seed=1)
    report = gradient_check(net, [[0.5, -1.0], [1.5, 0.25]], [[1.0], [0.0]])
    text = str(report)
    assert report.checkable() == 9
    assert (
        "backpropagation and finite differences agree (largest relative error < 1e-"
        in text
    )
    assert "could be checked" not in text
    assert "nothing could be checked" not in text


def test_nothing_could_be_checked_message_in_full():
    """Catches a changed message for a report with no entry large enough to compare."""
    report = GradientCheckReport(
        ["W0"], [np.zeros(2)], [np.zeros(2)], [np.zeros(2)], [0.0]
    )
    assert str(report).splitlines()[-2] == (
        "nothing could be checked: none of the 2 entries is large enough to compare "
        "with finite differences (try other inputs or weights)"
    )


def test_unresolved_entries_in_the_plural():
    """Catches 'its' printed for more than one unresolved entry."""
    report = GradientCheckReport(
        ["W0"],
        [np.array([1e-12, 2e-12, 1.0])],
        [np.array([1e-12, 2e-12, 1.0])],
        [np.array([1e-10, 1e-10, 0.0])],
        [0.0],
    )
    assert "2 entries are smaller than their finite-difference error" in str(report)


@pytest.mark.parametrize(
    "value, text",
    [
        (0.0, "0"),
        (9.99e-4, "< 1e-03"),
        (1e-3, "0.001"),
        (2e-4, "< 1e-03"),
        (8.48e-11, "< 1e-10"),
        (0.5, "0.5"),
        (1.0, "1"),
    ],
)
def test_bound_of_a_relative_error(value, text):
    """Catches an off-by-one exponent, a moved switch from bound to value at 0.001."""
    assert error_bound_text(value) == text


def _line(w: float) -> FeedForwardNetwork:
    net = FeedForwardNetwork((1, 1), "linear", bias=False)
    net.set_weights([[[w]]])
    return net


def test_gradient_check_uses_the_given_n_for_the_penalty():
    """Catches ``n`` replaced by the batch size.

    One weight w = 1, x = 1, t = 3: dE/dw = -(t - w x) x = -2; L2 with lam = 0.5 and n =
    4 adds 2 lam w / n = 0.25, so backprop's column holds -1.75 (n = 1 would give -1).
    """
    report = gradient_check(
        _line(1.0), [[1.0]], [[3.0]], regularizer=Regularizer("l2", 0.5), n=4
    )
    assert report.backprop[0].tolist() == [[-1.75]]
    assert report.passed()


def test_gradient_check_uses_the_given_step():
    """Catches ``eps`` ignored by gradient_check.

    E = (3 - w)^2 / 2 is quadratic, so D(h) = D(2h) up to rounding and the error
    estimate is the rounding term 16 eps_mach max|E| / h; with eps = 0.01 at w = 1: h =
    0.01 and max|E| = E(1 - 2h) = 2.02^2 / 2, about 7.2e-12 (the
    default 1e-5 gives about 7e-10).
    """
    report = gradient_check(_line(1.0), [[1.0]], [[3.0]], eps=1e-2)
    expected = 16 * np.finfo(float).eps * (2.02**2 / 2) / 0.01
    assert report.fd_errors[0][0, 0] == pytest.approx(expected, rel=0.05)


def test_a_kink_is_left_out_of_the_relative_error():
    """Catches the relative error computed over entries where no derivative exists.

    A ReLU unit whose weight is exactly 0 sits on its kink: backprop takes the slope 0
    there, finite differences see about -1/2 (x = 1, t = 1), but the entry is a kink, so
    it is left out and the relative error of W0 is 0 (it would be 1).
    """
    net = FeedForwardNetwork((1, 1, 1), ["relu", "linear"], bias=False)
    net.set_weights([[[0.0]], [[1.0]]])
    report = gradient_check(net, [[1.0]], [[1.0]])
    assert report.not_differentiable() == 1
    assert report.backprop[0].tolist() == [[0.0]]
    assert report.numerical[0][0, 0] == pytest.approx(-0.5, abs=1e-3)
    assert report.relative_errors[0] == 0.0
    assert _no_entry_disagrees(report)
    assert report.checkable() == 0 and not report.passed()  # W1's gradient is 0


@pytest.mark.parametrize(
    "values, noise, kink",
    [
        # |w| at 0: J(h) = 2 > 40 x 0.045 = 1.8
        (
            (1.0, 1.0, 2.0, 2.0, 0.0),
            0.045,
            True,
        ),
        ((1.0, 1.0, 2.0, 2.0, 0.0), 0.05, False),  # J(h) = 2 is not above 40 x 0.05 = 2
        # J(h) = 2 is 20 times the noise: noise
        (
            (1.0, 1.0, 2.0, 2.0, 0.0),
            0.1,
            False,
        ),
        ((1.0, 1.0, 4.0, 4.0, 0.0), 0.0, False),  # w^2: J(2h) = 4 = 2 J(h), smooth
        # J(2h) - 2 J(h) = 1, not above J(h)/2 = 1
        (
            (1.0, 1.0, 5.0, 5.0, 0.0),
            0.0,
            False,
        ),
        ((1.0, 1.0, 5.5, 5.5, 0.0), 0.0, True),  # J(2h) - 2 J(h) = 1.5 > 1
    ],
)
def test_a_kink_at_the_thresholds(values, noise, kink):
    """Catches moved thresholds of the kink test (h = 1: J(h) = E(w+h) - 2E(w) + E(w-h),
    J(2h) = (E(w+2h) - 2E(w) + E(w-2h))/2; a kink needs J(h) > 10 x 4 x noise and
    |J(2h) - 2 J(h)| > J(h)/2)."""
    assert one_sided_slopes_jump(list(values), 1.0, noise) is kink


def test_finite_differences_of_a_cubic_worked_out():
    """Catches a wrong step or error estimate in finite_differences.

    E = w^3 at w = 1 with eps = 0.01: h = 0.01 (times max(|w|, 1) = 1); D(h) = 3 + h^2,
    D(2h) = 3 + 4 h^2, so the estimate (4 D(h) - D(2h))/3 = 3 and the error estimate
    |D(2h) - D(h)|/3 = h^2 = 1e-4 (plus a rounding term below 1e-10). At w = 4 the step
    is 4h = 0.04, so the error is 0.04^2.
    """
    w = np.array([1.0, 4.0])
    fd = finite_differences(lambda: float(np.sum(w**3)), [w], eps=1e-2)
    assert fd.steps[0].tolist() == pytest.approx([0.01, 0.04], rel=1e-12)
    assert fd.gradient[0].tolist() == pytest.approx([3.0, 48.0], rel=1e-10)
    assert fd.error[0].tolist() == pytest.approx([0.01**2, 0.04**2], rel=1e-6)
    assert w.tolist() == [1.0, 4.0]


@pytest.mark.parametrize("eps", [1e-10, 1e-2])
def test_the_ends_of_the_step_range_are_allowed(eps):
    """Catches ``<`` for ``<=`` at either end of the allowed step [1e-10, 0.01]."""
    w = np.array([2.0])
    fd = finite_differences(lambda: float(w[0] ** 2), [w], eps=eps)
    assert fd.gradient[0][0] == pytest.approx(4.0, rel=1e-5)


# Issue 16 (D, a fresh review): numerical_gradient's eps is an absolute step and
# gradient_check's a step relative to each weight, both called eps with default 1e-5;
# the name stays (the book calls both), and every refusal says which step it is.
@pytest.mark.parametrize("eps", ["1e-5", -1e-5, float("nan"), 2.0])
def test_every_refusal_of_eps_names_which_kind_of_step_it_is(eps):
    w = np.array([3.0])
    with pytest.raises((TypeError, ValueError)) as absolute:
        numerical_gradient(lambda: float(w[0] ** 2), [w], eps=eps)
    assert str(absolute.value).startswith(
        "eps, the absolute step added to each entry, must "
    ), str(absolute.value)
    relative = "eps, the step relative to each weight (|w| eps, at least eps), must "
    with pytest.raises((TypeError, ValueError)) as info:
        finite_differences(lambda: float(w[0] ** 2), [w], eps=eps)
    assert str(info.value).startswith(relative), str(info.value)
    net = FeedForwardNetwork((1, 1), seed=0)
    with pytest.raises((TypeError, ValueError)) as info:
        gradient_check(net, [[1.0]], [[0.0]], eps=eps)
    assert str(info.value).startswith(relative), str(info.value)


def test_numerical_gradient_names_its_absolute_step_when_an_entry_rounds_it_away():
    w = np.array([1e200])
    with pytest.raises(ValueError, match=r"^eps, the absolute step added") as info:
        numerical_gradient(lambda: float(w[0]), [w])
    # numpy 2 writes the entry as np.float64(1e+200), numpy 1.24 as 1e+200
    assert re.fullmatch(
        r"eps, the absolute step added to each entry, must be large enough to change "
        r"every entry, but (np\.float64\()?1e\+200\)? \+ 1e-05 rounds back to "
        r"(np\.float64\()?1e\+200\)?",
        str(info.value),
    ), str(info.value)


def test_step_message_in_full():
    """Catches any change to the message that explains the range of the step."""
    w = np.array([2.0])
    with pytest.raises(ValueError, match=r"^eps, the step relative") as info:
        finite_differences(lambda: float(w[0] ** 2), [w], eps=0.1)
    assert str(info.value) == (
        "eps, the step relative to each weight (|w| eps, at least eps), must lie "
        "between 1e-10 and 0.01, but it is 0.1: larger steps measure the curvature of "
        "the error rather than its slope, smaller ones mostly rounding (the default "
        "1e-5 balances the two)"
    )


# --- confident, correct outputs (issue 16, kind B) ------------------------------------


def _confident_network(output, gap, big, seed):
    """A (2, 4, K) tanh network, confident and correct, with logit gap ``gap``.

    The output weights are +-``big``, so each logit is summed from terms of about
    ``big`` that cancel down to the gap: the forward pass rounds it
    relative to ``big``, not to it.
    """
    K = 1 if output == "sigmoid" else 3
    rng = np.random.default_rng(seed)
    net = FeedForwardNetwork((2, 4, K), ["tanh", output], seed=seed)
    X = rng.normal(size=(4, 2))
    net.weights[1][...] = rng.choice([-big, big], size=net.weights[1].shape)
    Z = np.tanh(X @ net.weights[0] + net.biases[0]) @ net.weights[1]
    if K == 1:
        net.biases[1][...] = gap - Z.min(axis=0)
        T = np.ones((4, 1))
    else:
        net.biases[1][...] = [gap - Z[:, 0].min() + Z[:, 1:].max(), 0.0, 0.0]
        T = np.eye(3)[[0, 0, 0, 0]]
    return net, X, T


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("big", [0.1, 10.0, 1000.0])
@pytest.mark.parametrize("gap", [16.0, 20.0, 24.0, 30.0, 40.0])
@pytest.mark.parametrize(
    "output,loss",
    [("sigmoid", "binary_cross_entropy"), ("softmax", "categorical_cross_entropy")],
)
def test_a_confident_correct_output_is_reported_as_agreeing(
    output, loss, gap, big, seed
):
    """Logits 16 to 24 gave DISAGREE or 'not differentiable (as at a ReLU's kink)': the
    loss cancelled, the delta y - t lost its digits, and the noise was taken relative to
    |E|."""
    net, X, T = _confident_network(output, gap, big, seed)
    report = gradient_check(net, X, T, loss)
    assert _no_entry_disagrees(report), str(report)
    assert report.not_differentiable() == 0, str(report)
    # where every gradient underflows to 0, "nothing could be checked"
    text = str(report)
    assert "DISAGREE" not in text and "not differentiable" not in text


@pytest.mark.parametrize("seed", range(3))
def test_a_slip_in_a_confident_output_still_disagrees(seed):
    net, X, T = _confident_network("sigmoid", 20.0, 0.1, seed)
    report = gradient_check(net, X, T, "binary_cross_entropy")
    report.backprop[2][0, 0] *= 1.01  # W1, the output weights
    assert not report.passed()


# Issue 16 (B): the outputs' own rounding was bounded by 16 eps x the size of the
# outputs (output_term_size), with the factor meant for long sums, and trusted ten times
# over: near a saturated output with a squared error, a 10 % slip in the output
# layer's gradient passed as "agree (largest relative error 0.048)".
def _saturated_squared_error(case):
    """A 2-3-1 tanh-sigmoid network whose outputs are 1 - 1e-9 or so, targets 1."""
    if case == "issue":
        W0, X = np.array([[5.0, -5, 3], [4, 2, -1]]), np.array([[1.0, 1], [2, 1]])
    else:
        rng = np.random.default_rng(case)
        W0, X = rng.normal(scale=3, size=(2, 3)), rng.normal(size=(2, 2)) + 1
    net = FeedForwardNetwork((2, 3, 1), ["tanh", "sigmoid"], seed=0)
    net.set_weights([W0, np.full((3, 1), 10.0)], [np.zeros(3), np.array([10.0])])
    return net, X, np.ones((2, 1))


@pytest.mark.parametrize("loss", ["mse", "half_sse"])
@pytest.mark.parametrize("case", ["issue", 1, 6])
def test_a_ten_percent_slip_beside_a_saturated_squared_error_output_disagrees(
    case, loss
):
    net, X, T = _saturated_squared_error(case)
    assert 0 < (1 - net.forward(X)).max() < 1e-8
    report = gradient_check(net, X, T, loss)
    # the right gradient: no false alarm, and no "agree" either, since ten times the
    # error bound is about 2 % of W1's and b2's entries (a 1 % slip could hide in it)
    assert _no_entry_disagrees(report) and report.checkable() == 0, str(report)
    assert "the outputs are saturated" in str(report)
    report.backprop[2][:] *= 1.1  # W1, the output weights
    report.backprop[3][:] *= 1.1  # b2
    assert not report.passed(), str(report)
    assert "DISAGREE" in str(report)


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("big", [0.1, 10.0, 1000.0])
@pytest.mark.parametrize("gap", [16.0, 20.0, 24.0, 30.0, 40.0])
@pytest.mark.parametrize("loss", ["mse", "half_sse"])
def test_a_confident_correct_squared_error_output_raises_no_false_alarm(
    loss, gap, big, seed
):
    """The smaller bound on the outputs' rounding keeps a right gradient agreeing."""
    net, X, T = _confident_network("sigmoid", gap, big, seed)
    report = gradient_check(net, X, T, loss)
    assert _no_entry_disagrees(report) and report.not_differentiable() == 0, str(report)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("scale", [3.0, 30.0, 300.0])
@pytest.mark.parametrize("output", ["sigmoid", "tanh", "arctan"])
def test_saturated_outputs_of_every_smooth_kind_raise_no_false_alarm(
    output, scale, seed
):
    """Weights times ``scale``, targets at the outputs' limits, at their rounded
    values (3 digits), and a hair inside them: no entry of a right gradient disagrees
    or is a kink."""
    rng = np.random.default_rng(seed)
    net = FeedForwardNetwork((3, 4, 2), ["tanh", output], seed=seed)
    net.set_weights(
        [w * scale for w in net.weights],
        [b + scale * rng.normal(size=b.shape) for b in net.biases],
    )
    X = rng.normal(size=(5, 3))
    Y = net.forward(X)
    low, high = {"sigmoid": (0, 1), "tanh": (-1, 1), "arctan": (-np.pi / 2, np.pi / 2)}[
        output
    ]
    middle = (low + high) / 2
    for T in (np.where(Y > middle, high, low), Y.round(3), Y - 1e-12 * (Y - middle)):
        for loss in ("mse", "half_sse"):
            report = gradient_check(net, X, T, loss)
            assert _no_entry_disagrees(report), str(report)
            assert report.not_differentiable() == 0, str(report)


def test_an_agreement_with_a_large_relative_error_says_why_it_counts():
    """A 10 % slip printed "agree (largest relative error 0.048)" and nothing else.

    |g - d| = 0.001 lies within ten times the error estimate 2e-4, so the entry agrees
    (and 10 x 2e-4 is below 0.4 % of |g| + |d| = 2.001, so it is checked); its relative
    error 0.001 / 2.001 = 5e-4 is above 1e-4, and the report says why it still counts
    as agreement. A relative error below 1e-4 needs no such line.
    """
    loose = GradientCheckReport(
        ["W0"], [np.array([1.0])], [np.array([1.001])], [np.array([2e-4])], [5e-4]
    )
    assert loose.passed()
    assert str(loose).splitlines()[2:4] == [
        "backpropagation and finite differences agree (largest relative error < 1e-03)",
        "the relative error is large for an agreement: it counts as one because every "
        "entry lies within ten times its finite-difference error (last column), which "
        "is large beside these gradients (from rounding or curvature); finite "
        "differences cannot check them more closely here, and a slip of that size "
        "would pass (try other inputs or weights)",
    ]
    tight = GradientCheckReport(
        ["W0"], [np.array([1.0])], [np.array([1.0001])], [np.array([1e-4])], [5e-5]
    )
    assert tight.passed() and "large for an agreement" not in str(tight)


def test_the_noise_is_taken_from_the_size_of_the_terms():
    """Terms of 1000 cancelling to a logit of 20: |E| = 2e-9, rounding ~1000 eps."""
    net, X, T = _confident_network("softmax", 20.0, 1000.0, 2)
    grads = net.backprop(X, T, "categorical_cross_entropy")
    size = term_size(net, X, grads.deltas)
    assert size > 100 * grads.loss
    deltas = grads.deltas
    expected = sum(
        float(np.sum(np.abs(d) * (np.abs(A) @ np.abs(W) + np.abs(b))))
        for d, A, W, b in zip(
            deltas, net.run_forward(X).activations, net.weights, net.biases
        )
    )
    assert size == pytest.approx(expected, rel=1e-12)


def test_finite_differences_take_the_noise_from_term_size_when_it_is_larger():
    w = np.array([1.0])
    small = finite_differences(lambda: float(w[0] ** 2 * 1e-9), [w])
    large = finite_differences(lambda: float(w[0] ** 2 * 1e-9), [w], term_size=1.0)
    rounding = 16 * np.finfo(float).eps / small.steps[0][0]
    assert large.error[0][0] - small.error[0][0] == pytest.approx(rounding * (1 - 1e-9))


def test_finite_differences_bound_the_outputs_rounding_by_two_eps_of_their_size():
    """Catches the outputs' size taken with the factor 16 of long sums again (a 10 %
    slip beside a saturated squared-error output passed), or left out."""
    w = np.array([1.0])
    alone = finite_differences(lambda: float(w[0] ** 2 * 1e-9), [w])
    outputs = finite_differences(lambda: float(w[0] ** 2 * 1e-9), [w], output_size=1.0)
    rounding = 2 * np.finfo(float).eps / alone.steps[0][0]
    assert outputs.error[0][0] - alone.error[0][0] == pytest.approx(rounding)


@pytest.mark.parametrize("tiny", [1e-170, 1e-300, 5e-324])
def test_printing_a_report_of_underflowing_gradients_does_not_crash(tiny):
    """Their norms underflowed to 0 and the report divided 0 by 0."""
    g = np.array([tiny, 2 * tiny])
    report = GradientCheckReport(["W0"], [g], [g.copy()], [g / 1e6], [0.0])
    text = str(report)
    assert "W0" in text and "agree" in text
    assert "nan" not in text and "inf" not in text


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("gap", [700.0, 740.0, 744.0, 800.0])
@pytest.mark.parametrize(
    "output,loss",
    [("sigmoid", "binary_cross_entropy"), ("softmax", "categorical_cross_entropy")],
)
def test_gradients_that_underflow_are_reported_without_a_false_verdict(
    output, loss, gap, seed
):
    """Losses of e^-740 are subnormal, rounding absolute: it said DISAGREE or 'kink'."""
    net, X, T = _confident_network(output, gap, 0.1, seed)
    report = gradient_check(net, X, T, loss)
    text = str(report)  # printing must not crash either
    assert _no_entry_disagrees(report) and report.not_differentiable() == 0, text
    assert "DISAGREE" not in text and "nan" not in text


# Mutation testing (issue 16, kind G): the inclusive ends of the
# step bounds were not pinned.
@pytest.mark.parametrize("eps", [1e-15, 1.0])
def test_numerical_gradient_accepts_the_ends_of_its_step_bounds(eps):
    w = np.array([0.0])
    assert numerical_gradient(lambda: float(w[0]), [w], eps=eps)[0][0] == pytest.approx(
        1.0
    )
    assert w[0] == 0.0


@pytest.mark.parametrize("eps", [1e-10, 1e-2])
def test_gradient_check_accepts_the_ends_of_its_step_bounds(eps):
    report = gradient_check(FeedForwardNetwork((2, 1), seed=0), X4, XOR, eps=eps)
    # within the checker's rounding-noise model at either end: no false alarm; at
    # 1e-10 the rounding is too large beside gradients of 0.005 to check a 1 % slip
    assert _no_entry_disagrees(report) and report.not_differentiable() == 0
    assert report.passed() or "nothing could be checked" in str(report)


def _confident(scale: float, draws: int, hidden: str, loss: str, k: int):
    """A 3-4-k network with weights times ``scale`` and targets its own predictions."""
    rng = np.random.default_rng(0)
    for _ in range(draws):
        rng.normal(size=(5, 3))
    X = rng.normal(size=(5, 3))
    out = "softmax" if loss == "categorical_cross_entropy" else "sigmoid"
    net = FeedForwardNetwork((3, 4, k), [hidden, out], seed=0)
    net.set_weights([w * scale for w in net.weights], [b * scale for b in net.biases])
    Y = net.forward(X)
    T = (Y > 0.5).astype(float) if out == "sigmoid" else np.eye(k)[Y.argmax(axis=1)]
    return net, X, T


def test_report_prints_without_warning_when_gradients_underflow():
    """Catches a divide-by-zero in the finite-difference column of the printed report.

    Weights times 300 saturate the tanh units: W0's gradients are about 1e-297 and their
    finite-difference errors about 1e-17; scaled together the gradients underflowed to 0
    and the ratio printed 'inf' with a RuntimeWarning. The verdict said 'agree (largest
    relative error 1)', counting entries too small to check.
    """
    net, X, T = _confident(300, 1, "tanh", "binary_cross_entropy", 1)
    report = gradient_check(net, X, T, "binary_cross_entropy")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        text = str(report)
    assert 0 < np.abs(report.backprop[0]).max() < 1e-290
    assert "inf" not in text
    assert "agree on the arrays that could be checked (largest relative error" in text
    assert text.splitlines()[5].startswith(
        "cannot tell: W0, b1 and b2 could not be checked"
    )


@pytest.mark.parametrize("draws", [2, 3])
def test_squared_error_of_confident_sigmoid_outputs_is_no_kink(draws):
    """Catches the outputs' rounding left out of the finite differences' noise.

    A squared error is computed from the outputs, which round to within 1e-16 of 1:
    with logits of 28 and more, E(w) is a staircase at that scale, and the report
    called 5 smooth entries 'not differentiable' (and some DISAGREE).
    """
    net, X, T = _confident(100, draws, "tanh", "mse", 1)
    text = str(gradient_check(net, X, T, "mse"))
    assert "not differentiable" not in text
    assert "DISAGREE" not in text


def test_report_names_a_saturated_output_when_it_made_every_gradient_zero():
    """sigma(40) rounds to 1 = t: no error flows back, no unit or input is to blame."""
    net = FeedForwardNetwork((3, 5, 1), "sigmoid", seed=1)
    net.biases[-1][0] = 40.0
    X = np.random.default_rng(0).normal(size=(4, 3))
    report = gradient_check(net, X, np.ones((4, 1)), "half_sse")
    assert report.silent_outputs == (4, 4)
    assert str(report).splitlines()[-1] == (
        "26 entries are 0 in both gradients because every output rounded to exactly "
        "its target, or to its limit where its slope is 0 (a saturated output, such "
        "as a sigmoid whose input is 40), so no error flows back: nothing to compare "
        "(try other weights or targets)"
    )
    assert "never responds" not in str(report)


def test_report_adds_saturated_outputs_to_the_causes_when_only_some_are_silent():
    g = np.array([[0.0, 1.0]])
    report = GradientCheckReport(
        ["W0"], [g], [g.copy()], [g * 1e-9], [0.0], silent_outputs=(1, 3)
    )
    assert str(report).splitlines()[-1] == (
        "1 entry is 0 in both gradients (a unit that never responds, an input of 0, "
        "or an output that rounded to exactly its target, or to its limit where its "
        "slope is 0 (a saturated output, such as a sigmoid whose input is 40) on 1 "
        "of the 3 output errors): nothing to compare"
    )


def test_report_keeps_the_unit_or_input_words_when_no_output_is_silent():
    net = FeedForwardNetwork((2, 2, 1), "sigmoid", seed=0)
    X = np.array([[0.0, 1.0], [0.0, -1.0]])  # input 0 is always 0: W0's row is 0
    report = gradient_check(net, X, np.array([[0.2], [0.9]]))
    assert report.silent_outputs == (0, 2)
    assert str(report).splitlines()[-1] == (
        "2 entries are 0 in both gradients (a unit that never responds, or an input "
        "of 0): nothing to compare"
    )


# Issue 16: saturated tanh hidden units (weights 200, inputs 1) got "a unit that never
# responds, or an input of 0": the units respond (with +-1), but their slope is 0.
def test_zero_gradients_behind_saturated_hidden_units_are_blamed_on_saturation():
    net = FeedForwardNetwork((2, 3, 1), ["tanh", "sigmoid"], seed=0)
    net.set_weights(
        [np.full((2, 3), 200.0), np.ones((3, 1))], [np.zeros(3), np.zeros(1)]
    )
    report = gradient_check(net, [[1.0, 1.0]], [[1.0]], "binary_cross_entropy")
    assert report.saturated == (3, 9)
    assert str(report).splitlines()[-1] == (
        "9 entries are 0 in both gradients: 3 hidden units are saturated (on every "
        "sample their input is so large that their activation's slope is exactly 0), "
        "so no error flows back through them to their incoming weights and bias: "
        "nothing to compare (smaller weights or inputs bring them back to where the "
        "slope is not 0)"
    )
    assert "never responds" not in str(report)


@pytest.mark.parametrize("hidden", ["sigmoid", "tanh"])
def test_one_saturated_unit_beside_an_input_of_0_names_both(hidden):
    net = FeedForwardNetwork((2, 2, 1), [hidden, "sigmoid"], seed=0)
    net.set_weights(
        [np.array([[0.5, 800.0], [0.3, -0.2]]), np.ones((2, 1))],
        [np.zeros(2), np.zeros(1)],
    )
    X = np.array([[1.0, 0.0], [2.0, 0.0]])  # input 1 is 0: W0's second row is 0
    report = gradient_check(net, X, np.array([[0.2], [0.9]]))
    assert report.saturated == (1, 3)  # W0[:, 1] and b1[1]
    assert str(report).splitlines()[-1] == (
        "4 entries are 0 in both gradients: 3 because 1 hidden unit is saturated (on "
        "every sample its input is so large that its activation's slope is exactly "
        "0), so no error flows back through it to its incoming weights and bias; the "
        "other 1 (a unit that never responds, or an input of 0): nothing to compare"
    )


def test_a_dead_relu_or_a_step_is_not_called_saturated():
    relu = FeedForwardNetwork((1, 2, 1), ["relu", "linear"], seed=0)
    relu.set_weights(
        [np.array([[-1.0, 1.0]]), np.ones((2, 1))], [np.zeros(2), np.zeros(1)]
    )
    report = gradient_check(relu, [[1.0], [2.0]], [[0.5], [0.3]])
    assert report.saturated == (0, 0) and "never responds" in str(report)
    assert "saturated" not in str(report)
    step = FeedForwardNetwork((1, 2, 1), ["step", "linear"], seed=0)
    assert gradient_check(step, [[1.0], [2.0]], [[0.5], [0.3]]).saturated == (0, 0)


# A sample of the entries (CS231n: check a few entries of every parameter array)


def _wide_case(seed, hidden="sigmoid"):
    """A 12-20-3 network (240, 20, 60 and 3 entries) on 8 random samples."""
    rng = np.random.default_rng(seed)
    net = FeedForwardNetwork((12, 20, 3), [hidden, "softmax"], seed=seed)
    X = rng.normal(size=(8, 12))
    T = np.eye(3)[rng.integers(0, 3, size=8)]
    return net, X, T


def test_sample_entries_takes_that_many_of_each_array_and_all_of_a_small_one():
    masks = sample_entries([np.zeros((20, 12)), np.zeros(20), np.zeros(3)], 10, 0)
    assert [int(m.sum()) for m in masks] == [10, 10, 3]
    assert [m.shape for m in masks] == [(20, 12), (20,), (3,)]
    assert all(m.all() for m in sample_entries([np.zeros((4, 5))], None, 0))


def test_the_same_seed_draws_the_same_sample_and_another_seed_another():
    params = [np.zeros((20, 12)), np.zeros(20)]
    first, again = sample_entries(params, 10, 7), sample_entries(params, 10, 7)
    other = sample_entries(params, 10, 8)
    assert all(np.array_equal(a, b) for a, b in zip(first, again))
    assert not np.array_equal(first[0], other[0])


@pytest.mark.parametrize("seed", range(4))
def test_a_sampled_check_agrees_on_right_backprop_and_counts_the_sample(seed):
    net, X, T = _wide_case(seed)
    report = gradient_check(net, X, T, "categorical_cross_entropy", entries=10)
    assert report.passed(), str(report)
    assert report.compared() == 10 + 10 + 10 + 3 and report.total() == 323
    assert report.checkable() <= report.compared()
    # the entries left out were never differenced
    left_out = ~report.sampled[0]
    assert not report.numerical[0][left_out].any()
    assert not report.fd_errors[0][left_out].any()
    assert "a random sample of 33 of the 323 entries was compared" in str(report)


@pytest.mark.parametrize(
    "hidden,wrong",
    [
        ("sigmoid", lambda y: 1 - y),  # y(1 - y) without the y
        ("tanh", lambda y: 1 - y),  # forgot the square
        ("linear", lambda y: 2 * np.ones_like(y)),  # slope 2 instead of 1
    ],
)
@pytest.mark.parametrize("seed", range(4))
def test_a_sampled_check_catches_a_wrong_backpropagation(hidden, wrong, seed):
    """A wrong hidden slope changes every entry of W0 and b1: a sample of 10 of each
    finds it, on every seed of the network, data and sample."""
    buggy = dataclasses.replace(get_activation(hidden), output_slope=wrong)
    net, X, T = _wide_case(seed, hidden=buggy)
    report = gradient_check(
        net, X, T, "categorical_cross_entropy", entries=10, seed=seed
    )
    assert report.sampled is not None and not report.passed(), str(report)
    assert report.mismatches()[0].any() and report.mismatches()[1].any()
    assert "DISAGREE" in str(report)


def test_the_full_check_stays_the_default_and_a_large_sample_is_the_full_check():
    net, X, T = _wide_case(0)
    full = gradient_check(net, X, T, "categorical_cross_entropy")
    assert full.sampled is None and full.compared() == full.total() == 323
    # more entries than the largest array has: every entry, reported as the full check
    large = gradient_check(net, X, T, "categorical_cross_entropy", entries=240)
    assert large.sampled is None and str(large) == str(full)


@pytest.mark.parametrize(
    "entries,error",
    [
        (0, ValueError),
        (-5, ValueError),
        (2.5, TypeError),
        ("30", TypeError),
        (True, TypeError),
    ],
)
def test_a_bad_sample_size_is_refused_by_name(entries, error):
    net, X, T = _wide_case(0)
    message = raises(
        error,
        "entries must be a whole number >= 1",
        lambda: gradient_check(net, X, T, "categorical_cross_entropy", entries=entries),
    )
    assert "or None (every entry)" in message
    raises(error, "entries must be", lambda: sample_entries([X], entries))


@pytest.mark.parametrize("bad", [-1, 1.5])
def test_a_bad_sample_seed_is_refused_by_name(bad):
    net, X, T = _wide_case(0)
    raises(
        (ValueError, TypeError),
        "seed must be a whole number >= 0",
        lambda: gradient_check(
            net, X, T, "categorical_cross_entropy", entries=3, seed=bad
        ),
    )


def test_finite_differences_refuse_masks_that_do_not_fit_the_parameters():
    w = np.zeros((2, 3))
    for only in ([np.ones(3, bool)], [np.ones((2, 3))], np.ones((2, 3), bool), []):
        raises(
            TypeError,
            "only must be a list of boolean arrays",
            lambda only=only: finite_differences(lambda: 0.0, [w], only=only),
        )


# An empty check is not a pass: a report with nothing checked said passed() True, so
# an autograder asking only for passed() accepted a check of nothing.
@pytest.mark.parametrize(
    "make",
    [
        _dead_relu,
        lambda: gradient_check(
            FeedForwardNetwork((2, 1), bias=False), [[0.0, 0.0]], [0.5]
        ),
        lambda: gradient_check(FeedForwardNetwork((2, 1), "step"), X4, XOR),
    ],
    ids=["dead ReLU", "all-zero input", "step activation"],
)
def test_a_report_that_checked_nothing_has_not_passed(make):
    report = make()
    assert report.checkable() == 0
    assert not report.passed() and not report.passed(1e-2)
    assert "nothing could be checked" in str(report)


def test_a_report_of_zero_gradients_by_hand_has_not_passed():
    report = GradientCheckReport(
        ["W0"], [np.zeros(2)], [np.zeros(2)], [np.zeros(2)], [0.0]
    )
    assert not any(m.any() for m in report.mismatches())  # nothing disagrees ...
    assert not report.passed()  # ... and nothing agrees either


@pytest.mark.parametrize(
    "backprop", [[], [np.zeros((0, 3))], [np.zeros(0), np.zeros((2, 0))]]
)
def test_a_report_with_no_entries_is_refused_naming_backprop(backprop):
    with pytest.raises(ValueError, match=r"^backprop must") as caught:
        GradientCheckReport(
            [f"W{i}" for i in range(len(backprop))],
            backprop,
            [g.copy() for g in backprop],
            [g.copy() for g in backprop],
            [0.0] * len(backprop),
        )
    arrays = (
        "1 array, empty" if len(backprop) == 1 else f"{len(backprop)} arrays, all empty"
    )
    assert str(caught.value) == (
        "backprop must hold at least one gradient entry to check, but it has none "
        f"({arrays}): a check of nothing cannot pass"
    )


@pytest.mark.parametrize("seed", range(3))
def test_a_report_with_one_checked_entry_among_dead_ones_can_pass(seed):
    """The empty-check rule does not fail a report that checked something."""
    net = FeedForwardNetwork((2, 3, 1), ["relu", "sigmoid"], seed=seed)
    weights = [w.copy() for w in net.weights]
    biases = [b.copy() for b in net.biases]
    biases[0][:] = -50.0  # every hidden unit dead: only the output bias has a gradient
    net.set_weights(weights, biases)
    rng = np.random.default_rng(seed)
    report = gradient_check(net, rng.normal(size=(4, 2)), rng.uniform(size=4))
    assert report.checkable() == 1 and report.passed()


# A ReLU input within eps of its kink: with eps = 0.01 the differences straddled the
# kink, and a right backpropagation was said to DISAGREE (1 in 110 of such networks).
def _relu_input_near_its_kink(seed, r, output, hidden="relu"):
    """A 3-4-1 network whose first hidden unit gets the input r * eps on sample 0."""
    rng = np.random.default_rng(seed)
    net = FeedForwardNetwork((3, 4, 1), [hidden, output], seed=seed)
    X, T = rng.normal(size=(5, 3)), rng.uniform(size=5)
    biases = [b.copy() for b in net.biases]
    Z = X @ net.weights[0] + net.biases[0]
    biases[0][0] -= Z[0, 0] - r * 0.01 * max(1.0, abs(biases[0][0]))
    net.set_weights(net.weights, biases)
    return net, X, T


NEAR_KINK = [
    (96, 1.05, "sigmoid"),
    (103, 0.05, "linear"),
    (137, 0.55, "sigmoid"),
    (139, 0.55, "sigmoid"),
    (146, 0.45, "sigmoid"),
]


@pytest.mark.parametrize("seed, r, output", NEAR_KINK)
def test_a_relu_input_within_eps_of_its_kink_is_reported_near_a_kink(seed, r, output):
    net, X, T = _relu_input_near_its_kink(seed, r, output)
    report = gradient_check(net, X, T, eps=0.01)
    text = str(report)
    assert _no_entry_disagrees(report) and report.passed(), text
    assert "DISAGREE" not in text
    assert report.not_differentiable() >= 1
    assert report.near_kink() >= 1 and "within the step of a kink" in text
    assert (
        "take an eps (relative to each weight) whose step is smaller than the "
        "distance to the kink, or move the point" in text
    )
    # with the default step the same network is checked as smooth, and agrees
    assert gradient_check(net, X, T).passed()


@pytest.mark.parametrize("seed, r, output", NEAR_KINK)
def test_a_wrong_relu_slope_near_its_kink_still_disagrees(seed, r, output):
    """The second, finer difference clears only a gradient that agrees with it."""
    relu = get_activation("relu")
    wrong = dataclasses.replace(relu, output_slope=lambda y: 2.0 * (y > 0))
    net, X, T = _relu_input_near_its_kink(seed, r, output, hidden=wrong)
    report = gradient_check(net, X, T, eps=0.01)
    assert not report.passed() and "DISAGREE" in str(report)
    assert report.mismatches()[0].any() or report.mismatches()[1].any()


@pytest.mark.parametrize("r", [0.1, 0.3, 0.45, 0.8, 1.2, 1.6, 1.9])
@pytest.mark.parametrize("seed", range(3))
def test_no_false_disagreement_wherever_the_kink_lies_within_two_steps(seed, r):
    net, X, T = _relu_input_near_its_kink(seed, r, "sigmoid")
    report = gradient_check(net, X, T, eps=0.01)
    assert _no_entry_disagrees(report), str(report)


# An L1 penalty at a weight of exactly 0: |w| has its kink there whatever the step, so
# "take a smaller eps" would be wrong advice; the report says a smaller eps does not
# help.
def _l1_zero_weights(seed, value=0.0):
    rng = np.random.default_rng(seed)
    net = FeedForwardNetwork((3, 4, 1), ["tanh", "sigmoid"], seed=seed)
    weights = [w.copy() for w in net.weights]
    weights[0][0, 0] = weights[1][2, 0] = value
    net.set_weights(weights, net.biases)
    return net, rng.normal(size=(5, 3)), rng.uniform(size=5)


@pytest.mark.parametrize("eps", [1e-2, 1e-5, 1e-8])
@pytest.mark.parametrize("seed", range(4))
def test_l1_weights_at_exactly_zero_are_kinks_whatever_eps(seed, eps):
    net, X, T = _l1_zero_weights(seed)
    report = gradient_check(net, X, T, regularizer=Regularizer("l1", 1.0), eps=eps)
    text = str(report)
    assert report.penalty_kink() == 2
    assert report.penalty_kinks[0][0, 0] and report.penalty_kinks[2][2, 0]
    assert report.kinks[0][0, 0] and report.kinks[2][2, 0]
    assert _no_entry_disagrees(report) and report.passed(), text
    assert (
        "2 entries are weights of exactly 0 under the L1 penalty, where |w| has its "
        "kink whatever the step: not differentiable, so there is no derivative to "
        "check (a smaller eps does not help); move the point"
    ) in text.splitlines()
    assert "take a smaller eps" not in text


@pytest.mark.parametrize("seed", range(4))
def test_weights_of_zero_without_an_l1_penalty_are_no_kinks(seed):
    net, X, T = _l1_zero_weights(seed)
    for penalty in (None, Regularizer("l2", 1.0), Regularizer("l1", 0.0)):
        report = gradient_check(net, X, T, regularizer=penalty, eps=0.01)
        assert report.penalty_kink() == 0 and report.passed()


@pytest.mark.parametrize("value", [0.003, -0.006, 0.015])
@pytest.mark.parametrize("seed", range(4))
def test_l1_weights_within_eps_of_zero_do_not_disagree(seed, value):
    net, X, T = _l1_zero_weights(seed, value)
    report = gradient_check(net, X, T, regularizer=Regularizer("l1", 1.0), eps=0.01)
    assert _no_entry_disagrees(report), str(report)
    assert report.penalty_kink() == 0


@pytest.mark.parametrize("value", [1e-7, -3e-6, 5e-9])
@pytest.mark.parametrize("seed", range(3))
def test_an_l1_weight_closer_to_0_than_the_step_is_near_a_kink_not_at_one(seed, value):
    """A weight of 1e-7 under L1 was "not differentiable here ... move the point":
    |w| is differentiable at 1e-7; its kink lies within the step."""
    net, X, T = _l1_zero_weights(seed, value)
    report = gradient_check(net, X, T, regularizer=Regularizer("l1", 0.1))
    text = str(report)
    assert report.near_kinks[0][0, 0] and report.near_kinks[2][2, 0], text
    assert report.penalty_kink() == 0 and "not differentiable here" not in text
    assert "within the step of a kink" in text and report.passed(), text
    # a step smaller than the distance to 0 measures the derivative
    fine = gradient_check(
        net, X, T, regularizer=Regularizer("l1", 0.1), eps=abs(value) / 10
    )
    assert fine.near_kink() == 0 and fine.not_differentiable() == 0, str(fine)


@pytest.mark.parametrize("hidden", ["sigmoid", "tanh"])
def test_zero_gradients_behind_all_zero_outgoing_weights_are_blamed_on_them(hidden):
    """An all-zero start blamed "a unit that never responds, or an input of 0"."""
    net = FeedForwardNetwork((2, 3, 1), (hidden, "sigmoid"), seed=0)
    for W in net.weights:
        W[:] = 0
    report = gradient_check(net, [[1, 0.5], [0.2, -0.3]], [[1.0], [1.0]], "half_sse")
    assert report.dead_ends == 3
    assert (
        f"{9 if hidden == 'sigmoid' else 12} entries are 0 in both gradients: the "
        "weights leaving 3 hidden units are all 0, so no error flows back to them "
        "(as from an all-zero start)"  # (and tanh's hidden outputs are 0: W1 too)
    ) in str(report)
    net.weights[1][1, 0] = 0.5  # one unit's error flows back again
    assert gradient_check(net, [[1, 0.5]], [[1.0]], "half_sse").dead_ends == 2


@pytest.mark.parametrize("seed", range(4))
def test_a_sample_counts_only_the_kinks_it_compared(seed):
    net, X, T = _l1_zero_weights(seed)
    l1 = Regularizer("l1", 1.0)
    full = gradient_check(net, X, T, regularizer=l1)
    sample = gradient_check(net, X, T, regularizer=l1, entries=2, seed=seed)
    assert full.penalty_kink() == 2
    for report in (full, sample):
        drawn = report._sampled()
        # the two zero weights count where they were drawn into the comparison
        assert report.penalty_kink() == int(drawn[0][0, 0]) + int(drawn[2][2, 0])
        assert report.not_differentiable() <= report.compared()
        assert report.passed(), str(report)
    assert sample.compared() < full.compared() == full.total()


def _rows_of(report):
    """The table rows of a printed report: parameter name -> relative-error text."""
    lines = str(report).splitlines()[1 : 1 + len(report.names)]
    return {line.split()[0]: line[21:35].strip() for line in lines}


def test_a_row_whose_entries_are_all_below_their_error_is_not_checkable_not_1():
    """Issue 16: weights of 1e-170 on inputs of 1e-150 make W0's gradient underflow.

    Its entries lie below their finite-difference error, and its row printed a relative
    error of 1 beside the verdict "agree": the row now says "not checkable", and every
    number in the column is at most the verdict's largest relative error.
    """
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    net = FeedForwardNetwork((2, 3, 1), ["sigmoid", "sigmoid"], seed=2)
    net.weights[0][:] *= 1e-170
    report = gradient_check(net, X * 1e-150, np.full((4, 1), 0.3), "mse")
    # W0 holds nothing checked: no DISAGREE, but no pass either (issue 16)
    assert report.unchecked_arrays() == ["W0"] and not report.passed()
    assert report.relative_errors[0] > 0.5  # the old row's number
    rows = _rows_of(report)
    assert rows["W0"] == "not checkable"
    assert all(rows[name].startswith("< 1e-") for name in ("b1", "W1", "b2"))
    assert "could be checked (largest relative error < 1e-" in str(report)


def test_a_confident_output_prints_no_relative_error_beside_nothing_checked():
    """Issue 16: a sigmoid output with bias 25 under "half_sse" leaves every entry
    below its finite-difference error; the rows printed 0.79 and the like beside
    "nothing could be checked", and now each says "not checkable"."""
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    net = FeedForwardNetwork((2, 3, 1), ["sigmoid", "sigmoid"], seed=2)
    net.biases[-1][:] = 25.0
    report = gradient_check(net, X, np.full((4, 1), 0.3), "half_sse")
    assert report.checkable() == 0
    assert set(_rows_of(report).values()) == {"not checkable"}
    assert "nothing could be checked" in str(report)


def test_a_row_prints_the_relative_error_of_its_checkable_entries_only():
    """A row's number is :meth:`checked_relative_error`'s measure on that row: an entry
    below its error (g = 1e-12, d = 0) beside one that agrees does not make it 0.5."""
    g, d = np.array([1.0, 1e-12]), np.array([1.0, 0.0])
    e = np.array([1e-12, 1e-10])
    report = GradientCheckReport(["W0"], [g], [d], [e], [relative_error(g, d)])
    assert report.checkable() == 1
    assert _rows_of(report) == {"W0": "0"}
    assert report.checked_relative_error() == 0.0


# Issue 16 (B): an entry that disagreed was measured again with a step 16 times
# smaller, whose round-off bound is 16 times larger, so a slip of 1e-6 "agreed" there
# and was blamed on a kink, even in a network of sigmoids, which has none.
class _Slip(FeedForwardNetwork):
    """A network whose backpropagation scales one weight's gradient by 1 + slip."""

    slip = 1e-6

    def backprop(self, *args, **kwargs):
        grads = super().backprop(*args, **kwargs)
        grads.weights[0][0, 0] *= 1 + self.slip
        return grads


@pytest.mark.parametrize(
    "slip, seed, hidden",
    [
        (1e-6, 0, "sigmoid"),
        (1e-6, 1, "sigmoid"),
        (1e-6, 2, "sigmoid"),
        (3e-7, 0, "sigmoid"),
        (1e-5, 2, "sigmoid"),
        (1e-5, 3, "sigmoid"),
        (1e-6, 0, "relu"),
        (3e-7, 2, "relu"),
        (1e-5, 1, "relu"),
    ],
)
def test_a_small_slip_in_one_entry_disagrees_and_is_blamed_on_no_kink(
    slip, seed, hidden
):
    net = _Slip((3, 4, 2), [hidden, "sigmoid"], seed=seed)
    net.slip = slip
    rng = np.random.default_rng(seed)
    report = gradient_check(net, rng.normal(size=(5, 3)), rng.uniform(size=(5, 2)))
    text = str(report)
    assert not report.passed() and "DISAGREE" in text, text
    assert report.mismatches()[0][0, 0] and report.near_kink() == 0, text
    assert "within the step of a kink" not in text


@pytest.mark.parametrize("slip", [1e-6, 1e-5])
def test_a_slip_beside_confident_outputs_disagrees(slip):
    """Weights x 100 and binary cross-entropy: the 1e-6 slip was "near a kink"."""
    net = _Slip((3, 4, 1), "sigmoid", seed=0)
    net.slip = slip
    net.set_weights([w * 100 for w in net.weights], net.biases)
    rng = np.random.default_rng(0)
    X, T = rng.normal(size=(5, 3)), (rng.uniform(size=(5, 1)) > 0.5).astype(float)
    report = gradient_check(net, X, T, "binary_cross_entropy")
    assert not report.passed() and report.near_kink() == 0, str(report)


@pytest.mark.parametrize("eps", [1e-2, 1e-3, 1e-5])
@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("hidden", ["sigmoid", "tanh"])
def test_a_smooth_network_is_never_near_a_kink(hidden, seed, eps):
    net = _Slip((3, 4, 2), [hidden, "sigmoid"], seed=seed)
    net.slip = 1e-4
    rng = np.random.default_rng(seed)
    report = gradient_check(
        net, rng.normal(size=(5, 3)), rng.uniform(size=(5, 2)), eps=eps
    )
    assert report.near_kink() == 0, str(report)


# Issue 16 (E): no bound on the work: a 1000-1000-10 network's full check, or
# numerical_gradient of 10**7 entries, started hours of numpy.
def test_a_full_check_of_a_large_network_is_refused_naming_entries():
    net = FeedForwardNetwork((1000, 1000, 10))
    X, T = np.zeros((50, 1000)), np.full((50, 10), 0.1)
    message = raises(ValueError, "units of work", lambda: gradient_check(net, X, T))
    assert message == (
        "this would make 255535305025000 units of work (1011010 entries compared x 5 "
        "evaluations of the error x X: 50 samples x network: 1011010 weights and "
        "biases), more than MAX_WORK = 1000000000000 (hours of numpy); compare a "
        "sample of each parameter array with entries= (entries=30 suits a large "
        "network)"
    )


def test_a_sampled_check_just_over_max_work_is_refused_naming_count_and_limit():
    # entries=186812 compares 197822 entries (W2, b1, b2 whole): 1000000101100 units
    net = FeedForwardNetwork((1000, 1000, 10))
    X, T = np.zeros((1, 1000)), np.full((1, 10), 0.1)
    message = raises(
        ValueError,
        "units of work",
        lambda: gradient_check(net, X, T, entries=186812),
    )
    assert message.startswith(
        "this would make 1000000101100 units of work (197822 entries compared x 5 "
        "evaluations of the error x X: 1 sample x network: 1011010 weights and "
        "biases), more than MAX_WORK = 1000000000000 (hours of numpy)"
    )


def test_numerical_gradient_just_over_max_work_is_refused():
    w = np.zeros(707_107)  # 2 evaluations x 707107**2: just over 10**12
    raises(
        ValueError,
        "this would make 1000000618898 units of work (707107 entries compared x 2 "
        "evaluations of the error x 707107 entries read by each evaluation), more "
        "than MAX_WORK = 1000000000000",
        lambda: numerical_gradient(lambda: float(w.sum()), [w]),
    )


def test_numerical_gradient_of_ten_million_entries_is_refused():
    w = np.zeros(10**7)
    message = raises(
        ValueError,
        "200000000000000 units of work",
        lambda: numerical_gradient(lambda: float(w.sum()), [w]),
    )
    assert "more than MAX_WORK = 1000000000000" in message
    raises(
        ValueError,
        "only=sample_entries(params, entries=30)",
        lambda: finite_differences(lambda: float(w.sum()), [w]),
    )


# Issue 16 (B): an entry counted as checked as soon as it was above ten times its error
# bound, however small the margin: beside a saturated squared-error output the bound
# was 6 % of b2's gradient, and a doubled gradient printed "agree (largest relative
# error 0.33)". An entry is now checked only where ten times its bound is under 0.4 %
# of |g| + |d|.
def _saturated_output(output, loss, margin, seed):
    """A 2-3-1 tanh-``output`` network, logits at least ``margin``, targets 1."""
    net = FeedForwardNetwork((2, 3, 1), ["tanh", output], seed=seed)
    X = np.random.default_rng(seed).normal(size=(4, 2))
    Z = net.forward(X, return_all=True).logits[-1]
    net.biases[-1][:] += margin - Z.min()
    return net, X, np.ones((4, 1))


def test_a_doubled_gradient_beside_a_saturated_output_is_never_called_agreement():
    net, X, T = _saturated_output("sigmoid", "half_sse", 25.0, 1)
    report = gradient_check(net, X, T, "half_sse")
    report.backprop = [2 * g for g in report.backprop]
    text = str(report)
    assert not report.passed() and "agree" not in text
    assert report.checkable() == 0 and report.loose() == 1  # b2: bound 6 % of it
    assert text.splitlines()[5] == (
        "nothing could be checked: none of the 13 entries is large enough to compare "
        "with finite differences at this point: the outputs are saturated (within "
        "rounding of their limits, where the output activation is flat), so the loss "
        "is flat to round-off there and finite differences measure rounding, not "
        "slope; check at a point where the outputs are not saturated (smaller weights "
        "into the output layer, or targets inside the outputs' range), or with a "
        "cross-entropy loss on its own output activation, which is computed from the "
        "logits without this rounding"
    )
    assert text.splitlines()[-1] == (
        "1 entry is above its finite-difference error, but not enough to be checked: "
        "ten times its error is over 0.8 % of it, so a slip of 1 % could hide in it"
    )


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("margin", [3.0, 8.0, 12.0, 16.0, 20.0, 25.0, 30.0])
@pytest.mark.parametrize(
    "output,loss",
    [
        ("sigmoid", "half_sse"),
        ("tanh", "mse"),
        ("sigmoid", "mse"),
        ("sigmoid", "binary_cross_entropy"),
    ],
)
def test_slips_of_ten_percent_and_double_are_never_called_agreement(
    output, loss, margin, seed
):
    """The right gradient raises no false alarm; slips of 10 % and 2x never agree."""
    net, X, T = _saturated_output(output, loss, margin, seed)
    report = gradient_check(net, X, T, loss)
    assert _no_entry_disagrees(report), str(report)
    right = report.backprop
    for slip in (1.1, 2.0):
        report.backprop = [slip * g for g in right]
        assert not report.passed(), (slip, str(report))
        assert "agree" not in str(report), (slip, str(report))


def test_a_loose_bound_leaves_an_entry_unchecked_but_a_clear_gap_disagrees():
    """Catches ``|`` for ``&`` and a dropped share in ``checkable``.

    Entry 1: g = 1, d = 1.05, 10 e = 0.1 > |g - d|: within its bound, but the bound is
    5 % of the entry, so it is not checked (it agreed before). Entry 2: g = 1, d = 0,
    e = 0.01: the gap 1 is beyond ten times the bound, whatever the bound's share: a
    disagreement. Entry 3: 10 e = 0.008 < 0.004 x 2.001: checked, agrees.
    """
    g = np.array([1.0, 1.0, 1.0])
    d = np.array([1.05, 0.0, 1.001])
    e = np.array([0.01, 0.01, 8e-4])
    report = GradientCheckReport(["W0"], [g], [d], [e], [relative_error(g, d)])
    assert report.checkable() == 2 and report.loose() == 1
    assert report.mismatches()[0].tolist() == [False, True, False]
    loose_only = GradientCheckReport(
        ["W0"], [g[:1]], [d[:1]], [e[:1]], [relative_error(g[:1], d[:1])]
    )
    assert not loose_only.passed()
    assert "nothing could be checked" in str(loose_only)
    assert "(try other inputs or weights)" in str(loose_only)


# Issue 16 (B): inputs of 1e-200 times error signals of 1e-200 underflow to 0, and the
# six weight gradients that are 0 in both were blamed on "a unit that never responds,
# or an input of 0".
def test_zero_gradients_from_underflow_are_blamed_on_underflow():
    net = FeedForwardNetwork((2, 2, 1), ["linear", "linear"], seed=0)
    net.set_weights(net.weights, [b * 0 for b in net.biases])
    X = np.array([[1.0, 2.0], [0.5, -1.0]]) * 1e-200
    report = gradient_check(net, X, np.zeros((2, 1)))
    assert report.zeros() == 6 and report.underflowed == 6
    assert str(report).splitlines()[-1] == (
        "6 entries are 0 in both gradients: their terms underflowed (an input or "
        "activation times an error signal, both non-zero but so small that their "
        "product is below 2.2e-308, the smallest normal number, rounds to 0): nothing "
        "to compare (scale the inputs or the weights up)"
    )
    assert "never responds" not in str(report)


def test_an_input_of_0_beside_an_underflow_names_both():
    """Catches every zero blamed on underflow, or an exact 0 counted as one."""
    net = FeedForwardNetwork((2, 2, 1), ["linear", "linear"], seed=0)
    net.set_weights(net.weights, [b * 0 for b in net.biases])
    X = np.array([[1.0, 0.0], [0.5, 0.0]]) * 1e-200
    report = gradient_check(net, X, np.zeros((2, 1)))
    assert report.underflowed == 4  # W0[0, :] and W1, not W0[1, :] (input 0)
    assert str(report).splitlines()[-1] == (
        "6 entries are 0 in both gradients: 4 because their terms underflowed (an "
        "input or activation times an error signal, both non-zero but so small that "
        "their product is below 2.2e-308, the smallest normal number, rounds to 0) "
        "(scale the inputs or weights up); the other 2 (a unit that never responds, "
        "or an input of 0): nothing to compare"
    )


# Issue 16 (D): a learner's backprop that returned exact zeros where the true gradient
# is tiny but not 0 (1e-31 to 1e-201: too small for finite differences, so 0 there too)
# had its zeros blamed on underflow, although the terms (inputs of 1e-30 times error
# signals of about 1) are far above 2.2e-308: the zeros are backprop's.
class _ZeroedW0(FeedForwardNetwork):
    """A learner's backprop that returns dW0 as zeros."""

    def backprop(self, X, T, loss="mse"):
        grads = super().backprop(X, T, loss)
        grads.weights[0] = np.zeros_like(grads.weights[0])
        return grads


@pytest.mark.parametrize("scale", [1e-30, 1e-100, 1e-200])
def test_zeros_backprop_returned_for_a_tiny_true_gradient_are_blamed_on_backprop(scale):
    """Catches the "underflowed" verdict on zeros that the check's own terms lack."""
    net = _ZeroedW0((2, 2, 1), ["linear", "linear"], seed=0)
    X = np.array([[1.0, 2.0], [0.5, -1.0]]) * scale
    report = gradient_check(net, X, np.ones((2, 1)))
    largest = np.abs(FeedForwardNetwork.backprop(net, X, np.ones((2, 1))).weights[0])
    assert 0 < largest.max() < 1e-29  # the true dW0: tiny, never 0
    assert report.zeros() == 4 and report.underflowed == 0
    assert report.zeroed == (4, pytest.approx(largest.max()))
    assert str(report).splitlines()[-1] == (
        "4 entries are 0 in both gradients: backpropagation returned 0 where the true "
        "gradient is not 0 (the check's own inputs or activations times error signals "
        f"sum to as much as {largest.max():.0e}, too little for finite differences to "
        "see, so they are 0 there too): these zeros are backpropagation's (an array or "
        "entries set to 0), not underflow's: nothing to compare"
    )
    assert "underflowed" not in str(report)


def test_backprop_zeroing_one_entry_beside_a_true_underflow_names_both():
    """Catches the backprop-zeroed entry counted as underflow, or the reverse."""

    class ZeroedBias(FeedForwardNetwork):
        def backprop(self, X, T, loss="mse"):
            grads = super().backprop(X, T, loss)
            grads.biases[1][0] = 0.0  # the output bias: its true gradient is 1e-200
            return grads

    net = ZeroedBias((2, 2, 1), ["linear", "linear"], seed=0)
    net.set_weights(net.weights, [b * 0 for b in net.biases])
    X = np.array([[1.0, 2.0], [0.5, -1.0]]) * 1e-200
    T = np.array([[1.0], [-1.0]]) * 1e-200
    report = gradient_check(net, X, T)
    assert report.underflowed == 6 and report.zeroed[0] == 1
    line = str(report).splitlines()[-1]
    assert line.startswith(
        "7 entries are 0 in both gradients: 1 because backpropagation returned 0 "
    )
    assert "; 6 because their terms underflowed" in line


def test_gradients_of_0_at_ordinary_scale_are_not_called_underflow():
    """An exact 0 (inputs that cancel over the samples) is no underflow."""
    net = FeedForwardNetwork((1, 1), "linear", bias=False)
    net.set_weights([[[0.0]]])
    report = gradient_check(net, [[1.0], [-1.0]], [[1.0], [1.0]])
    assert report.zeros() == 1 and report.underflowed == 0
    assert "underflow" not in str(report)


# Issue 16 (B, D): gradients that are tiny but not 0 (1e-13 to 1e-322 of the error per
# unit of weight, from saturated units, tiny inputs or weights, deep products) were
# only counted in "N entries are smaller than their finite-difference error, too small
# to be checked this way", or, when nothing could be checked, got "(try other inputs or
# weights)": now each array of tiny entries gets a line that says where and why.
def _tiny_lines(report):
    """The report's lines on tiny entries, by the arrays they name."""
    return {
        line.split(":")[0]: line
        for line in str(report).splitlines()
        if "tiny, not 0" in line
    }


def _two_layer(hidden, W0, b1, X=X4, T=0.3, loss="half_sse"):
    """A 2-3-1 network of ``hidden`` units and a sigmoid output, weights given."""
    net = FeedForwardNetwork((2, 3, 1), [hidden, "sigmoid"], seed=0)
    net.set_weights(
        [np.full((2, 3), W0), np.ones((3, 1))], [np.full(3, b1), np.zeros(1)]
    )
    return gradient_check(net, X, np.full((len(X), 1), T), loss)


def test_tiny_gradients_of_sigmoid_units_saturated_at_0_name_the_layer_and_share():
    """Logits -150 to -450: slopes and activations of 7e-66, gradients of 1e-132."""
    report = _two_layer("sigmoid", -150.0, -150.0)
    assert report.tiny() == 12 and report.checkable() == 1
    assert _tiny_lines(report) == {
        "W0 and b1": (
            "W0 and b1: 9 entries are tiny, not 0: changing each parameter by its size "
            "(at least 1) would move the error by at most 7e-64 of itself, too little "
            "to be checked by finite differences or to be trained; the error signal of "
            "hidden layer 1 is tiny because its own units are saturated: all 12 of "
            "their activations lie within 7e-66 of 0 or 1, where the sigmoid is flat "
            "(smaller weights or inputs bring them back to where the slope is not "
            "nearly 0)"
        ),
        "W1": (
            "W1: 3 entries are tiny, not 0: changing each parameter by its size (at "
            "least 1) would move the error by at most 4e-66 of itself, too little to "
            "be checked by finite differences or to be trained; its inputs, the "
            "activations of hidden layer 1, are at most 7e-66 (those units are "
            "saturated at 0)"
        ),
    }


@pytest.mark.parametrize(
    "hidden, W0, b1, limits",
    [("sigmoid", 5.0, 25.0, "0 or 1"), ("tanh", 2.0, 13.0, "-1 or 1")],
)
def test_tiny_gradients_of_units_saturated_at_their_top_blame_their_own_slope(
    hidden, W0, b1, limits
):
    """Logits 13 to 35: slopes of 1e-11 and less, W0's gradients below 1e-13 of E."""
    report = _two_layer(hidden, W0, b1)
    line = _tiny_lines(report)["W0"]
    assert line.startswith("W0: 6 entries are tiny, not 0:")
    assert (
        "; the error signal of hidden layer 1 is tiny because its own units are "
        f"saturated: all 12 of their activations lie within 1e-11 of {limits}, where "
        f"the {hidden} is flat"
    ) in line
    # W1 and b2 are checked, and agree; W0 is not checked, so the check cannot pass
    assert not any(m.any() for m in report.mismatches())
    assert "W0" in report.unchecked_arrays() and not report.passed()


def test_tiny_gradients_behind_a_saturated_output_blame_the_output_not_the_units():
    """A sigmoid output at logit -740 under half_sse: y = 4e-322, every gradient tiny.

    The report said "nothing could be checked ... (try other inputs or weights)".
    """
    net = FeedForwardNetwork((2, 3, 1), ["sigmoid", "sigmoid"], seed=0)
    net.biases[-1][:] = -740.0
    report = gradient_check(net, X4, np.ones((4, 1)))
    text = str(report)
    assert report.checkable() == 0 and report.tiny() == 13
    assert (
        "nothing could be checked: none of the 13 entries is large enough to compare "
        "with finite differences at this point: every entry that is not 0 is tiny, a "
        "share of the error far below what finite differences can see (the lines "
        "below say where and why)"
    ) in text
    lines = _tiny_lines(report)
    assert lines["W0 and b1"].endswith(
        "; the error signal reaching hidden layer 1 from above is already tiny, "
        "because the output is saturated: all 4 of its values lie within 7e-322 of 0 "
        "or 1, where the output sigmoid is flat (smaller weights into the output "
        "layer; a cross-entropy loss on its own output activation has the error "
        "signal y - t, which does not vanish there)"
    )
    assert (
        "; the output's error signal is tiny because the output is saturated: all 4"
    ) in lines["W1 and b2"]
    assert "try other inputs or weights" not in text


def test_tiny_gradients_from_tiny_inputs_or_weights_name_them():
    net = FeedForwardNetwork((2, 3, 1), ["sigmoid", "sigmoid"], seed=0)
    net.weights[0][:] *= 1e-150
    inputs = gradient_check(net, X4 * 1e-150, np.full((4, 1), 0.3))
    assert _tiny_lines(inputs)["W0"].endswith(
        "; its inputs are at most 1e-150 (scale the inputs up)"
    )
    net = FeedForwardNetwork((2, 3, 1), ["sigmoid", "sigmoid"], seed=0)
    net.weights[1][:] = 1e-150
    weights = gradient_check(net, X4, np.full((4, 1), 0.3))
    assert _tiny_lines(weights)["W0 and b1"].endswith(
        "; the error signal reaching hidden layer 1 from above is already tiny, "
        "because the weights W1 that carry the error back to hidden layer 1 are at "
        "most 1e-150 (scale them up)"
    )


def test_tiny_gradients_below_a_saturated_layer_are_told_from_its_own():
    """Tanh layer 2 at logits 14 to 17: its own gradients are tiny by its slope, and
    layer 1's because the error reaching it from above is already tiny."""
    net = FeedForwardNetwork((2, 3, 2, 1), ["sigmoid", "tanh", "sigmoid"], seed=0)
    net.weights[1][:] = 1.0
    net.biases[1][:] = 14.0
    lines = _tiny_lines(gradient_check(net, X4, np.full((4, 1), 0.3)))
    assert lines["W0 and b1"].endswith(
        "; the error signal reaching hidden layer 1 from above is already tiny, "
        "because the 2 units of hidden layer 2 are saturated: all 8 of their "
        "activations lie within 7e-14 of -1 or 1, where the tanh is flat (smaller "
        "weights or inputs bring them back to where the slope is not nearly 0)"
    )
    assert (
        "the error signal of hidden layer 2 is tiny because its own units"
        in (lines["W1"])
    )
    assert "1 of its 2 units is saturated" in lines["b2"]


def test_tiny_gradients_of_a_deep_chain_are_called_a_vanishing_gradient():
    """30 sigmoid layers of weight 0.5: no factor below 1e-4, their product 1e-27."""
    net = FeedForwardNetwork((1,) * 31, "sigmoid", seed=0)
    net.set_weights([np.full((1, 1), 0.5)] * 30, [np.zeros(1)] * 30)
    report = gradient_check(net, [[1.0], [-1.0]], [[0.2], [0.9]])
    (line,) = _tiny_lines(report).values()
    assert line.startswith("W0, b1, ... W17, b18 (36 arrays): 36 entries are tiny")
    assert "their product over the layers the error passes back through is: a " in line
    assert "vanishing gradient" in line


def test_tiny_gradients_at_a_minimum_are_called_flat_not_vanishing():
    """A least-squares fit: the gradient is rounding (3e-15 of E), its terms are not
    small; "vanishing" or a saturated unit would be a false diagnosis."""
    rng = np.random.default_rng(0)
    X, T = rng.normal(size=(6, 2)), rng.normal(size=(6, 1))
    w = np.linalg.lstsq(np.hstack([X, np.ones((6, 1))]), T, rcond=None)[0]
    net = FeedForwardNetwork((2, 1), "linear", seed=0)
    net.set_weights([w[:2]], [w[2]])
    (line,) = _tiny_lines(gradient_check(net, X, T)).values()
    assert line.endswith(
        "; the gradient's terms (over the samples, and over the paths back from the "
        "outputs) are not small but cancel, so it is 0 up to rounding: the error is "
        "flat in this direction here (a minimum or another stationary point, or a "
        "direction the loss does not see, such as shifting every softmax logit "
        "alike), and there is nothing to check"
    )


def test_tiny_softmax_gradients_name_an_output_on_its_target_and_a_flat_direction():
    """Hidden unit 0 feeds the three softmax logits alike (shifting them all changes
    nothing), and output 2 lies e^-700 below the others (right, and sure of it)."""
    net = FeedForwardNetwork((2, 2, 3), ["tanh", "softmax"], seed=0)
    net.set_weights(
        [
            np.array([[0.5, -0.3], [0.2, 0.4]]),
            np.array([[1.0, 1.0, 1.0], [1.0, -1.0, 0]]),
        ],
        [np.zeros(2), np.array([0.0, 0.0, -700.0])],
    )
    X = np.array([[0.3, -0.2], [0.1, 0.5], [-0.4, 0.2]])
    T = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    lines = _tiny_lines(gradient_check(net, X, T, "categorical_cross_entropy"))
    assert (
        "the gradient's terms (over the samples, and over the paths back"
        in (lines["W0 and b1"])
    )
    assert (
        "; the outputs' error signal is tiny because 1 of the 3 outputs is within "
        "5e-305 of its target on every sample"
    ) in lines["W1 and b2"]
    assert "nothing is wrong" in lines["W1 and b2"]


@pytest.mark.parametrize("seed", range(3))
def test_small_gradients_of_a_confident_correct_output_are_not_tiny(seed):
    """Binary cross-entropy at logit -40 on target 0: gradients of 1e-18, but so is
    the error; they are checked and agree, and no line calls them tiny."""
    net = FeedForwardNetwork((2, 3, 1), ["sigmoid", "sigmoid"], seed=seed)
    net.biases[-1][:] = -40.0
    report = gradient_check(net, X4, np.zeros((4, 1)), "binary_cross_entropy")
    assert np.abs(report.backprop[-1]).max() < 1e-16
    assert report.passed() and report.tiny() == 0
    assert "tiny" not in str(report)


def test_a_gradient_made_tiny_by_a_slip_disagrees_and_is_not_called_tiny():
    """A backprop that scales W0's gradient by 1e-14 is wrong, not saturated."""
    net = _Slip((3, 4, 2), ["sigmoid", "sigmoid"], seed=0)
    net.slip = 1e-14 - 1
    rng = np.random.default_rng(0)
    report = gradient_check(net, rng.normal(size=(5, 3)), rng.uniform(size=(5, 2)))
    assert not report.passed() and report.mismatches()[0][0, 0]
    assert report.tiny() == 0


# Found by a sweep of 600 random networks (saturated, tiny inputs, penalties): causes
# blamed on the wrong factor.
def test_tiny_gradients_of_a_confident_output_under_a_penalty_name_the_penalty():
    """Catches "a vanishing gradient" for b2 of a 2-2-1 network: the loss is 2e-174,
    the L2 penalty's 1e-2 is nearly all the error, and the bias has no penalty."""
    net = FeedForwardNetwork((2, 2, 1), "sigmoid", seed=0)
    net.biases[-1][:] = -400.0
    l2 = Regularizer("l2", 0.1)
    report = gradient_check(
        net, X4, np.zeros((4, 1)), "binary_cross_entropy", regularizer=l2
    )
    lines = _tiny_lines(report)
    assert set(lines) == {"b1", "b2"}  # W0 and W1 carry the penalty's gradient
    assert lines["b2"].endswith(
        "; the output's error signal is tiny because the output is within 2e-174 of "
        "its target on every sample, so the loss is only 2e-174, while the penalty "
        "makes the error 1e-02 (confident and right: nothing is wrong, and there is "
        "little left for these weights to learn)"
    )
    assert (
        "the error signal reaching hidden layer 1 from above is already tiny, "
        + ("because the output is within 2e-174")
        in lines["b1"]
    )


def test_tiny_entries_of_one_weight_array_are_told_apart_by_their_own_factor():
    """Catches one cause for all of W1: W1[0, 0] is tiny by its input (hidden unit 0
    at logit -300), W1[1, 1] by output 1's signal (saturated at logit -740)."""
    net = FeedForwardNetwork((2, 2, 2), "sigmoid", seed=0)
    net.set_weights(net.weights, [np.array([-300.0, 0.0]), np.array([0.0, -740.0])])
    report = gradient_check(net, X4, np.tile([0.3, 1.0], (4, 1)))
    assert (
        "W1: 2 entries are tiny, not 0: changing each parameter by its size (at least "
        "1) would move the error by at most 9e-132 of itself, too little to be checked "
        "by finite differences or to be trained; for 1 of them its inputs, the "
        "activations of hidden layer 1, are at most 9e-131 (that unit is saturated at "
        "0), and for the other 1 the outputs' error "
        "signal is tiny because 1 of its 2 outputs is saturated: all 4 of its values "
        "lie within 6e-322 of 0 or 1"
    ) in _tiny_lines(report)["W1"]


def test_tiny_gradients_of_a_shallow_network_are_no_vanishing_gradient():
    """Catches "a vanishing gradient" in one hidden layer: unit 0 responds only on
    sample 1, where the output is 1e-103 from its target beside sample 2's 4e-75."""
    net = FeedForwardNetwork((1, 2, 1), ["relu", "sigmoid"], bias=False)
    net.set_weights([np.array([[-1.2, 3.1]]), np.array([[-1.6], [-0.65]])])
    report = gradient_check(
        net, [[-116.0], [84.0]], [[0.0], [0.0]], "binary_cross_entropy"
    )
    lines = _tiny_lines(report)
    assert lines["W0"].endswith(
        "; no single factor of these gradients is below 1e-4 on every sample, but on "
        "each sample one is: on 1 of the 2 samples the slope of the units they feed, "
        "in hidden layer 1, is below 1e-4; on 1 of the 2 samples the error signal "
        "reaching hidden layer 1 from above is below 1e-4 of its largest"
    )
    assert "vanishing" not in str(report)


# Issue 16 (B): where no factor was below 1e-4 on every sample, the report said "on
# each sample one of them is ... (an input on some samples, the error signal on
# others)" without looking: with no small factor on any sample it was false, and it
# named "an input" where a ReLU unit was off. It now says what it measured per sample.
def test_entries_small_only_beside_a_huge_error_are_put_down_to_the_error():
    """Inputs and weights above 1e-4, tanh slopes 0.91 and more, targets 3e5 away: no
    factor is small on any sample; the entries are tiny only beside E = 1.35e11."""
    net = FeedForwardNetwork((2, 2, 1), ("tanh", "linear"), seed=0)
    net.set_weights(
        [np.array([[0.5, -0.7], [0.6, 0.4]]), np.array([[1.2e-4], [-1.5e-4]])],
        [np.array([0.3, -0.2]), np.array([0.0])],
    )
    X = np.array([[1.5e-4, -2.0e-4], [3.0e-4, 1.2e-4], [-2.5e-4, 2.2e-4]])
    report = gradient_check(net, X, np.full((3, 1), 3e5))
    # review 22: small only beside the error, they are no longer called tiny ("too
    # little to be trained"); the headline names the error's size alone
    assert report.tiny() == 0 and "W0" not in _tiny_lines(report)
    assert (
        "at this point: the error, 1e+11, is too large beside its gradients"
        in " ".join(str(report).split())
    )
    assert "on each sample" not in str(report)


def test_tiny_entries_name_the_factor_small_on_each_sample_as_measured():
    """ReLU units 30 times too large, a softmax on its targets but for sample 0: W0's
    and b1's entries are tiny where their units are off (not "an input", all above
    0.04) or the error reaching them is tiny; W1's where their inputs, the ReLU
    activations, are 0, or the outputs' error signal is 1e-11 or less."""
    X = np.random.default_rng(0).normal(size=(5, 3))
    net = FeedForwardNetwork((3, 4, 2), ("relu", "softmax"), seed=0)
    net.set_weights([30 * W for W in net.weights], net.biases)
    T = np.eye(2)[net.forward(X).argmax(1)]
    lines = _tiny_lines(gradient_check(net, X, T, "cross_entropy"))
    assert lines["W0 and b1"].endswith(
        "; no single factor of these gradients is below 1e-4 on every sample, but on "
        "each sample one is: on 3 of the 5 samples the slope of the units they feed, "
        "in hidden layer 1, is below 1e-4; on 4 of the 5 samples the error signal "
        "reaching hidden layer 1 from above is below 1e-4 of its largest"
    )
    assert lines["W1"].endswith(
        "; no single factor of these gradients is below 1e-4 on every sample, but on "
        "each sample one is: on 3 of the 5 samples their inputs, the activations of "
        "hidden layer 1, are below 1e-4; on 4 of the 5 samples the outputs' error "
        "signal is below 1e-4 of its largest"
    )


# Issue 16 (B, D): where the error signal of a hidden layer is 0 because of saturation
# further up, the zeros were blamed on the layer's own units: "(a unit that never
# responds, or an input of 0)". The report now tells a unit whose own slope is 0
# (saturated or dead) from one that no error reaches, and says where the error stops.
def _zeros_line(report):
    (line,) = [x for x in str(report).splitlines() if "0 in both gradients" in x]
    return line


@pytest.mark.parametrize("hidden", ["sigmoid", "relu"])
def test_zeros_below_a_saturated_layer_are_blamed_on_it_not_on_the_units_below(hidden):
    """Tanh layer 2 at logits 40 and more: slope exactly 0, so layer 1 (sigmoid, or
    ReLU units that all respond) gets no error."""
    net = FeedForwardNetwork((2, 3, 2, 1), [hidden, "tanh", "sigmoid"], seed=0)
    net.biases[0][:] = 1.0
    net.weights[1][:] = 1.0
    net.biases[1][:] = 40.0
    report = gradient_check(net, X4, np.full((4, 1), 0.3))
    assert report.saturated == (2, 8) and report.silenced[0] == 9
    assert _zeros_line(report) == (
        "17 entries are 0 in both gradients: 8 because 2 hidden units are saturated "
        "(activation's slope exactly 0 on every sample); 9 because no error reaches 3 "
        "units of hidden layer 1 from above, though their own slopes are not 0 (they "
        "are neither saturated nor dead): the units of hidden layer 2 above are "
        "saturated (their activation's slope is exactly 0) on every sample: nothing "
        "to compare"
    )
    assert "never responds" not in str(report)


def test_zeros_where_the_error_underflows_on_its_way_back_blame_the_saturated_output():
    """A sigmoid output at logit -744 under half_sse: its error signals are 1e-323,
    and carried back to the hidden layer they round to 0."""
    net = FeedForwardNetwork((2, 3, 1), ["sigmoid", "sigmoid"], seed=0)
    net.biases[-1][:] = -744.0
    report = gradient_check(net, X4, np.ones((4, 1)))
    assert report.underflowed == 0 and report.silenced[0] == 9
    assert _zeros_line(report) == (
        "9 entries are 0 in both gradients: no error reaches 3 units of hidden layer "
        "1 from above, though their own slopes are not 0 (they are neither saturated "
        "nor dead): it underflowed to 0 on its way back (the output's error signals "
        "are at most 1e-323 on every sample, and their products with the weights and "
        "slopes fall below 4.9e-324, the smallest number, and round to 0), and the "
        "output's error signal is tiny because the output is saturated: all 4 of its "
        "values lie within 1e-323 of 0 or 1, where the output sigmoid is flat "
        "(smaller weights into the output layer; a cross-entropy loss on its own "
        "output activation has the error signal y - t, which does not vanish there): "
        "nothing to compare"
    )
    assert "never responds" not in str(report)


def test_a_relu_unit_that_responds_only_where_the_output_is_saturated_gets_no_blame():
    """Unit 0 responds on sample 1 only, where the output (logit 100) is saturated;
    on sample 2 it does not respond. Its two entries are not "a unit that never
    responds"."""
    net = FeedForwardNetwork((1, 2, 1), ["relu", "sigmoid"], seed=0)
    net.set_weights(
        [np.array([[1.0, -1.0]]), np.array([[100.0], [0.1]])],
        [np.zeros(2), np.zeros(1)],
    )
    report = gradient_check(net, [[1.0], [-1.0]], [[0.0], [0.0]])
    assert report.silenced[0] == 2
    assert _zeros_line(report).startswith(
        "3 entries are 0 in both gradients: 2 because no error reaches 1 unit of "
        "hidden layer 1 from above, though its own slope is not 0 (it is neither "
        "saturated nor dead): the output's error signals are 0 on the 1 sample where "
        "it responds: each output rounded to exactly its target, or to its limit "
        "where its slope is 0 (a saturated output, such as a sigmoid whose input is "
        "40); the other 1 ("
    )


def test_zeros_of_a_confident_correct_network_whose_error_underflows_say_so():
    """A softmax output right by a logit gap of 744: the error is 1e-323, and no
    error signal of the hidden layer survives the way back."""
    net, X, T = _confident_network("softmax", 744.0, 0.1, 0)
    report = gradient_check(net, X, T, "categorical_cross_entropy")
    assert report.silenced[0] == 12
    assert (
        "12 because no error reaches 4 units of hidden layer 1 from above, though "
        "their own slopes are not 0 (they are neither saturated nor dead): it "
        "underflowed to 0 on its way back (the outputs' error signals are at most "
        "5e-324 on every sample, and their products with the weights and slopes fall "
        "below 4.9e-324, the smallest number, and round to 0): the error itself is "
        "only 1e-323 (a confident, correct network), and its error signals are no "
        "larger; the other 10"
    ) in _zeros_line(report)


def test_a_dead_relu_unit_is_still_its_own_cause():
    """Catches every zero blamed on the layers above: a ReLU unit whose input is
    below 0 on every sample has slope 0 itself, and no error is missing above it."""
    net = FeedForwardNetwork((1, 2, 1), ["relu", "linear"], seed=0)
    net.set_weights(
        [np.array([[-1.0, 1.0]]), np.ones((2, 1))], [np.zeros(2), np.zeros(1)]
    )
    report = gradient_check(net, [[1.0], [2.0]], [[0.5], [0.3]])
    assert report.silenced == (0, "")
    assert _zeros_line(report) == (
        "3 entries are 0 in both gradients (a unit that never responds, or an input "
        "of 0): nothing to compare"
    )


def test_the_cause_is_found_two_layers_up_and_past_units_that_pass_nothing_back():
    """Catches a walk up the layers that stops at the first one whose slope is not 0,
    or that calls units with all-zero outgoing weights saturated or the outputs 0."""
    net = FeedForwardNetwork(
        (2, 3, 3, 2, 1), ["sigmoid", "relu", "tanh", "sigmoid"], seed=0
    )
    net.biases[1][:] = 1.0  # the ReLU units respond on every sample
    net.weights[2][:] = 1.0
    net.biases[2][:] = 40.0
    report = gradient_check(net, X4, np.full((4, 1), 0.3))
    assert report.silenced[0] == 21  # W0, b1, W1 and b2
    above = (
        "the units of hidden layer 3 above are saturated (their activation's slope "
        "is exactly 0) on every sample"
    )
    assert report.silenced[1].count(above) == 2
    net = FeedForwardNetwork((2, 3, 2, 1), "sigmoid", seed=0)
    net.weights[2][:] = 0.0
    report = gradient_check(net, X4, np.full((4, 1), 0.3))
    assert report.dead_ends == 2 and report.silenced[0] == 9
    assert report.silenced[1].endswith(
        ": the units of hidden layer 2 above pass no error back: the weights leaving "
        "them are all 0 (as from an all-zero start)"
    )


# Issue 16 (B): at a stationary point (every output equal to its target) the bound on
# the rounding of E was taken from the sizes of the terms and outputs at the point
# itself, where dE/dy is 0, so it was 0 too; a step away dE/dy is not 0, and the
# rounding of E(w + h) there (an output of 0.5 rounded by 5e-17, times |y - t| of
# 1e-6) made a right gradient of 0 DISAGREE. The sizes are now taken at every point
# the difference visits.
def _zero_output_layer(hidden, seed):
    """A 3-4-1 ``hidden``-sigmoid network with output weights and bias 0: every output
    is sigmoid(0) = 0.5, the target, so the true gradient is exactly 0."""
    rng = np.random.default_rng(seed)
    net = FeedForwardNetwork((3, 4, 1), [hidden, "sigmoid"], seed=seed)
    net.weights[1][...] = 0.0
    net.biases[1][...] = 0.0
    return net, rng.normal(size=(4, 3)), np.full((4, 1), 0.5)


_STATIONARY_TEXT = (
    "nothing could be checked: none of the 21 entries is large enough to compare with "
    "finite differences at this point: every output equals its target, so the loss is "
    "at its minimum, a stationary point, where its true gradient is 0 and finite "
    "differences measure only rounding; check at a point where the outputs differ "
    "from their targets (other weights or targets)"
)


@pytest.mark.parametrize("seed", range(12))  # tanh: 2, 6, 8, 11 and sigmoid: 6, 9
@pytest.mark.parametrize("loss", ["half_sse", "mse"])  # said DISAGREE
@pytest.mark.parametrize("hidden", ["tanh", "sigmoid"])
def test_a_right_gradient_of_0_at_a_zero_output_layer_is_no_disagreement(
    hidden, loss, seed
):
    net, X, T = _zero_output_layer(hidden, seed)
    report = gradient_check(net, X, T, loss)
    text = str(report)
    assert _no_entry_disagrees(report) and report.not_differentiable() == 0, text
    assert report.checkable() == 0 and not report.passed()
    assert "DISAGREE" not in text and _STATIONARY_TEXT in text


def _stationary_point(output, loss, kind, seed, near=0.0):
    """A 3-4-K tanh-``output`` network whose outputs are all at their targets.

    ``kind``: "logit 0" (output weights and biases 0), "logit c" (output weights 0,
    biases random: every sample's logits c) or "fit" (targets the network's own
    outputs, logits all different). ``near`` moves the targets that far off (rows
    of a softmax's targets still sum to 1). Binary cross-entropy takes labels 0 and 1:
    each input twice, once with each, at logit 0, where the two errors cancel.
    """
    K = 3 if output == "softmax" else 2
    rng = np.random.default_rng(seed)
    net = FeedForwardNetwork((3, 4, K), ["tanh", output], seed=seed)
    X = rng.normal(size=(4, 3))
    if kind != "fit":
        net.weights[1][...] = 0.0
        net.biases[1][...] = 0.0 if kind == "logit 0" else rng.normal(size=K)
    if loss == "binary_cross_entropy":
        return net, np.repeat(X[:2], 2, axis=0), np.array([[0.0] * K, [1.0] * K] * 2)
    T = net.forward(X) + near * rng.normal(size=(4, K))
    if output == "softmax" and near:
        T = np.abs(T) / np.abs(T).sum(axis=1, keepdims=True)
    return net, X, T


STATIONARY = [
    (output, loss, kind)
    for output in ("sigmoid", "tanh", "linear", "arctan")
    for loss in ("half_sse", "mse")
    for kind in ("logit 0", "logit c", "fit")
] + [
    ("softmax", "categorical_cross_entropy", "logit 0"),
    ("softmax", "categorical_cross_entropy", "logit c"),
    ("softmax", "categorical_cross_entropy", "fit"),
    ("sigmoid", "binary_cross_entropy", "logit 0"),
]


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("near", [0.0, 1e-12])
@pytest.mark.parametrize("output,loss,kind", STATIONARY)
def test_right_gradients_at_and_near_stationary_points_raise_no_false_alarm(
    output, loss, kind, near, seed
):
    """The sigmoid at logit 0 said DISAGREE on 1 seed in 4, an identity output whose
    targets were its outputs on 19 in 20 (E is quadratic in the output weights, so the
    truncation estimate, which covered the rounding elsewhere, was 0)."""
    net, X, T = _stationary_point(output, loss, kind, seed, near)
    report = gradient_check(net, X, T, loss)
    text = str(report)
    assert _no_entry_disagrees(report) and report.not_differentiable() == 0, text
    assert "DISAGREE" not in text


@pytest.mark.parametrize("seed", range(2))
@pytest.mark.parametrize("output,loss,kind", STATIONARY)
def test_a_gradient_that_is_not_0_at_a_stationary_point_disagrees(
    output, loss, kind, seed
):
    """At a stationary point every right gradient is 0, so a slip that scales it
    (a missing factor) leaves it 0 and right; what a wrong backpropagation gives there
    is a gradient that is not 0 (a delta of y instead of y - t): 1e-6 in any array
    DISAGREEs (the largest error bound at these points is about 5e-10)."""
    net, X, T = _stationary_point(output, loss, kind, seed)
    report = gradient_check(net, X, T, loss)
    right = report.backprop
    for k in range(len(right)):
        report.backprop = [g + 1e-6 * (j == k) for j, g in enumerate(right)]
        assert not report.passed() and "DISAGREE" in str(report), (k, str(report))


@pytest.mark.parametrize("seed", range(2))
@pytest.mark.parametrize("off", [0.3, 1e-4])
@pytest.mark.parametrize("kind", ["logit 0", "fit"])
@pytest.mark.parametrize(
    "output,loss",
    [(o, l) for o in ("sigmoid", "tanh", "linear") for l in ("half_sse", "mse")],
)
def test_slips_beside_an_output_at_its_target_are_never_called_agreement(
    output, loss, kind, off, seed
):
    """Output 0 at its targets (its gradients 0), output 1 ``off`` them: the right
    gradient raises no false alarm, and slips of 10 % and 2x never agree. With the
    output layer at 0 ("logit 0") the hidden layer's gradients are 0 as well, and only
    the output layer's second column can show a slip."""
    net, X, T = _stationary_point(output, loss, kind, seed)
    T = T.copy()
    T[:, 1] += off * np.random.default_rng(seed + 100).normal(size=4)
    report = gradient_check(net, X, T, loss)
    assert _no_entry_disagrees(report) and report.not_differentiable() == 0
    assert report.passed(), str(report)
    right = report.backprop
    for slip in (1.1, 2.0):
        report.backprop = [slip * g for g in right]
        assert not report.passed(), (slip, str(report))
        assert "agree " not in str(report), (slip, str(report))


@pytest.mark.parametrize("tiny", [1e-150, 5e-324])
def test_a_row_whose_error_exceeds_its_gradients_prints_more_than_1(tiny):
    """An error of 1e-15 beside gradients of 1e-150 printed 1.4e+135, of 5e-324 inf."""
    g = np.array([tiny, 0.0])
    report = GradientCheckReport(["W0"], [g], [0 * g], [g * 0 + 1e-15], [1.0])
    assert str(report).splitlines()[1] == (
        "       W0      (2,)   not checkable                      > 1"
    )


def test_a_saturated_output_at_its_target_is_no_stationary_point():
    """sigma(40) rounds to the target 1, but its slope is 0 there: saturated."""
    net = FeedForwardNetwork((3, 5, 1), "sigmoid", seed=1)
    net.biases[-1][0] = 40.0
    X = np.random.default_rng(0).normal(size=(4, 3))
    report = gradient_check(net, X, np.ones((4, 1)), "half_sse")
    assert report.at_targets == 0 and "stationary" not in str(report)


def test_report_of_a_stationary_point_in_full():
    """Its zeros were blamed on outputs "rounded to exactly" their targets.

    W1's and b2's true gradients are 0 and their differences are rounding alone: the
    sigmoid takes exp(-h) on one side and tanh(h/2) on the other, and numpy 1.24's exp
    rounds exp(-1e-5) one unit in the last place away from numpy 2's, so b2's
    difference is 0 on one and 3.7e-17 on the other. Either way each difference lies
    within its bound, and its row reads "0" (both exactly 0) or "not checkable":
    what is pinned is what holds on any numpy."""
    net, X, T = _zero_output_layer("tanh", 2)
    report = gradient_check(net, X, T, "half_sse")
    assert report.at_targets == 4 and report.silent_outputs == (4, 4)
    for k in (2, 3):  # W1, b2: 0 by backpropagation, rounding by differences
        assert not report.backprop[k].any()
        assert (np.abs(report.numerical[k]) <= report.fd_errors[k]).all()
    zeros = 16 + sum(int((report.numerical[k] == 0).sum()) for k in (2, 3))
    assert report.zeros() == zeros and report.unresolved() == 21 - zeros
    rows = {
        name: f"{name:>9}  {shape!s:>8}  "
        + (
            f"{'0':>14}  {'0':>23}"
            if not report.numerical[k].any()
            else f"{'not checkable':>14}  {'> 1':>23}"
        )
        for k, (name, shape) in enumerate(
            [("W0", (3, 4)), ("b1", (4,)), ("W1", (4, 1)), ("b2", (1,))]
        )
    }
    # W0 and b1 do not reach the outputs (W1 is 0): exactly 0 on any numpy
    assert not report.numerical[0].any() and not report.numerical[1].any()
    unresolved = {
        0: [],
        1: [
            "1 entry is smaller than its finite-difference error, too small to be "
            "checked this way"
        ],
    }.get(
        21 - zeros,
        [
            f"{21 - zeros} entries are smaller than their finite-difference error, "
            "too small to be checked this way"
        ],
    )
    assert str(report).splitlines()[1:] == [
        *rows.values(),
        _STATIONARY_TEXT,
        *unresolved,
        f"{zeros} entries are 0 in both gradients because every output equals its "
        "target: the loss is at its minimum, a stationary point, where its gradient "
        "is 0: nothing to compare (try other weights or targets)",
    ]


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize(
    "output,loss",
    [("linear", "mse"), ("softmax", "categorical_cross_entropy")],
)
def test_only_outputs_all_exactly_at_their_targets_are_called_a_stationary_point(
    output, loss, seed
):
    """Targets the network's own outputs: a stationary point, named in the reason and
    the zeros line (a softmax's error signals are not all exactly 0 there); one target
    moved by 1e-12: no longer all at their targets, not called one."""
    net, X, T = _stationary_point(output, loss, "fit", seed)
    report = gradient_check(net, X, T, loss)
    assert report.at_targets == T.size, str(report)
    assert "at this point: every output equals its target" in str(report)
    if report.zeros():
        assert "because every output equals its target" in str(report).splitlines()[-1]
    T = T.copy()
    T[0, :2] += [1e-12, -1e-12]  # a softmax's row still sums to 1
    report = gradient_check(net, X, T, loss)
    assert report.at_targets < T.size and "stationary" not in str(report)


# Issue 16 (B): outputs at their targets under a penalty were called "a stationary
# point, where its gradient is 0", though the penalty's gradient is not 0 and the
# report checked its entries.
def _fitted(seed=0):
    net = FeedForwardNetwork((2, 3, 1), ("tanh", "linear"), seed=seed)
    X = np.random.default_rng(seed).normal(size=(4, 2))
    return net, X, net.forward(X)


@pytest.mark.parametrize("kind", ["l2", "l1"])
def test_outputs_at_their_targets_under_a_penalty_are_no_stationary_point(kind):
    net, X, T = _fitted()
    report = gradient_check(net, X, T, regularizer=Regularizer(kind, lam=0.5))
    # the entries compared are the penalty's gradient alone: nothing of backprop
    assert report.penalty == "gradient" and not report.passed()
    assert "the loss is at its minimum" not in str(report)
    assert "the data term is at its minimum, a stationary point" in str(report)
    assert str(report).splitlines()[-1] == (
        "1 entry is 0 in both gradients because every output equals its target, so "
        "the data term's gradient is 0, and the penalty adds nothing to it (a bias, "
        "or a weight of 0); this is no stationary point of the loss, since the "
        "penalty's gradient on the other weights is not 0: nothing to compare"
    )


@pytest.mark.parametrize(
    "kind,lam,zero", [("l2", 0.0, False), ("l1", 0.0, False), ("l2", 0.5, True)]
)
def test_a_penalty_whose_gradient_is_0_leaves_a_stationary_point(kind, lam, zero):
    """A strength of 0, or an L2 penalty on weights all 0 (its gradient 2 lam w / n)."""
    net, X, T = _fitted()
    if zero:
        for W in net.weights:
            W[...] = 0.0
        T = net.forward(X)
    report = gradient_check(net, X, T, regularizer=Regularizer(kind, lam=lam))
    assert report.penalty == ""
    assert (
        "the loss is at its minimum, a stationary point" in str(report).splitlines()[-1]
    )


def test_weights_all_0_under_l1_are_a_kink_not_a_stationary_point():
    net, X, _ = _fitted()
    for W in net.weights:
        W[...] = 0.0
    report = gradient_check(net, X, net.forward(X), regularizer=Regularizer("l1", 0.5))
    text = str(report)
    assert report.penalty == "kink" and "stationary point," not in text
    assert (
        "13 entries are 0 in both gradients because every output equals its target, "
        "so the data term's gradient is 0, and the penalty adds nothing to them (a "
        "bias, or a weight of 0); the loss is not differentiable here, since every "
        "weight is 0, where the L1 penalty has its kink: nothing to compare"
    ) in text.splitlines()


# Issue 16 (B, a fresh review): at outputs on their targets under a penalty, the
# entries compared were the penalty's gradient alone, which the check adds itself: a
# wrong backprop (tanh's slope 1 - y for 1 - y**2) passed as "agree".
def _slipped_tanh_net(seed):
    slipped = dataclasses.replace(get_activation("tanh"), output_slope=lambda y: 1 - y)
    X = np.random.default_rng(seed).normal(size=(5, 2))
    return FeedForwardNetwork((2, 3, 1), [slipped, "linear"], seed=seed), X


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("kind", ["l2", "l1"])
@pytest.mark.parametrize("slip", [True, False])
def test_outputs_at_targets_under_a_penalty_check_nothing_of_backprop(seed, kind, slip):
    net, X = _slipped_tanh_net(seed)
    if not slip:
        net = FeedForwardNetwork((2, 3, 1), ["tanh", "linear"], seed=seed)
    report = gradient_check(net, X, net.forward(X), regularizer=Regularizer(kind, 0.1))
    lines = str(report).splitlines()
    assert not report.passed() and report.checkable() == 0
    assert report.penalty_only() == 9  # W0's 6 and W1's 3 entries: all weights
    assert lines[5].startswith(
        "nothing of backpropagation could be checked: in none of the 13 entries is "
        "the data term's gradient large enough"
    )
    assert "the data term is at its minimum, a stationary point" in lines[5]
    assert (
        "9 entries are the penalty's gradient alone: the data term's gradient is 0 "
        "there (every output equals its target), so only the penalty's gradient, "
        "which the check adds itself, could be compared, nothing of backpropagation"
    ) in lines


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("kind", ["l2", "l1"])
def test_outputs_near_targets_under_a_penalty_check_the_backprop(seed, kind):
    """1e-6 from the targets: the data term is checked, and the slip shows."""
    slipped, X = _slipped_tanh_net(seed)
    right = FeedForwardNetwork((2, 3, 1), ["tanh", "linear"], seed=seed)
    penalty = Regularizer(kind, 0.1)
    wrong = gradient_check(slipped, X, slipped.forward(X) + 1e-6, regularizer=penalty)
    good = gradient_check(right, X, right.forward(X) + 1e-6, regularizer=penalty)
    assert not wrong.passed() and "DISAGREE" in str(wrong)
    assert good.passed() and good.penalty_only() == 0
    assert "agree" in str(good).splitlines()[5]


def test_a_dead_units_weights_under_a_penalty_are_not_checked():
    """Its incoming weights' data term is 0: only the penalty's gradient is there."""
    net = FeedForwardNetwork((2, 3, 1), ["tanh", "linear"], seed=0)
    net.weights[1][0, 0] = 0.0  # unit 0 passes no error back
    X = np.random.default_rng(0).normal(size=(5, 2))
    T = np.random.default_rng(1).normal(size=(5, 1))
    report = gradient_check(net, X, T, regularizer=Regularizer("l2", 0.1))
    assert report.passed()
    assert report.penalty_only() == 2  # unit 0's two incoming weights
    assert report.checkable() == 10  # of 13: not those 2, nor its bias (0 in both)


# Issue 16 (B, a fresh review): targets of 1e9 left every entry uncheckable with the
# advice "(try other inputs or weights)"; the error's own rounding was the cause.
@pytest.mark.parametrize("eps", [1e-5, 1e-3])
def test_an_error_too_large_beside_its_gradients_is_named(eps):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(5, 2))
    net = FeedForwardNetwork((2, 3, 1), ["tanh", "linear"], seed=0)
    report = gradient_check(net, X, rng.normal(size=(5, 1)) * 1e9, eps=eps)
    assert str(report).splitlines()[5] == (
        "nothing could be checked: none of the 13 entries is large enough to compare "
        "with finite differences at this point: the error, 4e+18, is too large beside "
        "its gradients: its rounding (a few times 2.2e-16 of it, over the step) "
        "exceeds them, so finite differences measure rounding (scale the targets, or "
        "the outputs, down, so that the error is not so large)"
    )


# Review 22 (F6): targets 1e20 (and 1e150) times too large gave gradients of 5.6e19 a
# share of the error below 1e-12, reported as "every entry that is not 0 is tiny ...
# too little to be trained" with small inputs and error signals to blame; at 1e12 the
# error's size was named. The test of "tiny" is now relative to the error's size.
@pytest.mark.parametrize("scale", [1e12, 1e20, 1e150])
def test_gradients_small_only_beside_a_large_error_name_the_error_at_any_size(scale):
    X = np.random.default_rng(0).normal(size=(20, 2))
    T = (np.random.default_rng(1).random((20, 1)) > 0.5).astype(float)
    net = FeedForwardNetwork((2, 3, 1), ["tanh", "linear"], seed=0)
    report = gradient_check(net, X, T * scale, "mse")
    text = str(report)
    assert report.tiny() == 0
    assert " is tiny" not in text and "too little to be checked" not in text
    assert f"the error, {abs(report.error):.0e}, is too large beside its gradients" in (
        " ".join(text.split())
    )
    assert "scale the targets, or the outputs, down" in text


# Issue 16 (B), review 10: a correct backprop of large weights under L2, whose error is
# large because of the penalty, was told to scale its 0/1 targets or its outputs down.
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_an_error_made_large_by_the_penalty_is_not_blamed_on_the_targets(seed):
    X = np.random.default_rng(0).normal(size=(6, 3))
    net = FeedForwardNetwork((3, 3, 1), ["tanh", "sigmoid"], seed=seed)
    net.set_weights([80 * w for w in net.weights], [80 * b for b in net.biases])
    T = (net.forward(X) > 0.5).astype(float)
    report = gradient_check(
        net, X, T, "cross_entropy", regularizer=Regularizer("l2", 0.1)
    )
    text = str(report)
    assert not report.passed()
    assert "scale the targets, or the outputs, down" not in text
    assert "is too large beside its gradients" in text
    assert "the error includes the penalty" in text


# Issue 16 (B/D, a fresh review): two reports blamed an error of 0.25 (targets in
# [0, 1]) and advised scaling the targets down; the causes were the step and a
# vanishing gradient.
def _small_data(seed):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(4, 2)), rng.random((4, 1))


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_step_too_small_for_the_rounding_is_named_with_the_default(seed):
    X, T = _small_data(seed)
    net = FeedForwardNetwork((2, 3, 1), seed=seed)
    report = gradient_check(net, X, T, eps=1e-10)
    text = str(report)
    assert not report.passed() and report.unchecked_arrays()
    assert "with this step: eps = 1e-10 (relative to each weight) is too small" in text
    assert "take a larger eps: the default, 1e-05, would check them" in text
    assert "scale the targets" not in text
    # the same network passes at a larger step and at the default
    assert gradient_check(net, X, T, eps=1e-9).passed()
    assert gradient_check(net, X, T).passed()


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_vanishing_gradient_is_named_not_the_targets(seed):
    X, T = _small_data(seed)
    net = FeedForwardNetwork((2,) + (3,) * 12 + (1,), ["sigmoid"] * 13, seed=seed)
    report = gradient_check(net, X, T)
    text = str(report)
    assert not report.passed()
    assert report.unchecked_arrays()[:2] == ["W0", "b1"]  # those nearest the input
    assert "they shrink layer by layer towards the input layer" in text
    assert "a vanishing gradient" in text
    assert "scale the targets" not in text


def test_an_error_of_targets_in_0_1_is_called_not_large():
    X, T = _small_data(0)
    net = FeedForwardNetwork((2,) + (3,) * 12 + (1,), ["sigmoid"] * 13, seed=0)
    line = str(gradient_check(net, X, T)).splitlines()[27]
    assert line.startswith("cannot tell: W0, b1, ... b4, W4 (9 arrays) could not be")
    assert "the error, 3e-01, is not large (at most 1 per output and sample" in line
    assert "too large beside" not in line


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_the_table_marks_every_array_the_lead_line_names_unchecked(seed):
    """b4 and W4 were named unchecked while the table gave their relative errors."""
    X, T = _small_data(seed)
    net = FeedForwardNetwork((2,) + (3,) * 12 + (1,), ["sigmoid"] * 13, seed=seed)
    report = gradient_check(net, X, T)
    rows = str(report).splitlines()[1 : 1 + len(report.names)]
    marked = [row.split()[0] for row in rows if "not checkable" in row]
    assert marked == report.unchecked_arrays()


def test_a_report_with_every_array_unchecked_counts_the_entries_that_agree():
    report = GradientCheckReport(
        ["W0"],
        [np.array([1e-12, 2e-12, 1.0])],
        [np.array([1e-12, 2e-12, 1.0])],
        [np.array([1e-10, 1e-10, 0.0])],
        [0.0],
    )
    assert str(report).splitlines()[3] == (
        "backpropagation and finite differences agree on 1 entry that could be "
        "checked, too few to check any array (largest relative error 0)"
    )
    assert not report.passed()


@pytest.mark.parametrize("bad", ["half_sse", np.ones((1, 1)), None])
def test_term_sizes_refuse_a_network_that_is_not_one(bad):
    """Both were AttributeError: ... has no attribute 'run_forward'."""
    X, T = np.array([[2.0]]), np.array([[1.0]])
    raises(
        TypeError,
        "network must be a FeedForwardNetwork",
        lambda: term_size(bad, X, [np.array([[0.5]])]),
    )
    raises(
        TypeError,
        "network must be a FeedForwardNetwork",
        lambda: output_term_size(bad, X, T, "half_sse"),
    )


def test_term_size_names_inputs_and_deltas_of_the_wrong_kind():
    """X was a ufunc error from matmul, deltas 'NoneType' object is not iterable."""
    net = FeedForwardNetwork((1, 1), "linear", bias=False)
    raises(
        TypeError,
        "X must be an array of numbers",
        lambda: term_size(net, "X", [np.array([[0.5]])]),
    )
    raises(
        TypeError,
        "deltas must be a list of float numpy arrays",
        lambda: term_size(net, np.array([[2.0]]), None),
    )


def test_output_term_size_names_the_loss_given_in_the_wrong_place():
    """The loss and T swapped: was AttributeError: ... no attribute 'pairs_with'."""
    net = FeedForwardNetwork((1, 1), bias=False)
    X, T = np.array([[1.0]]), np.array([[1.0]])
    raises(
        TypeError,
        "loss must be one of",
        lambda: output_term_size(net, X, "half_sse", T),
    )
    assert output_term_size(net, X, T, "binary_cross_entropy") == 0.0


# Issue 16: a whole array within its finite-difference error. Odd samples (x with t,
# -x with -t) through a tanh network whose biases are 1e-10 make each bias gradient
# cancel over the pairs to about 1e-10, below the rounding of E over the step, while
# the weights' gradients add up and are checked.
def _odd_pairs(seed):
    net = FeedForwardNetwork((3, 4, 2), "tanh", seed=seed)
    net.biases = [np.full(b.shape, 1e-10) for b in net.biases]
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(4, 3))
    T = rng.uniform(-0.8, 0.8, size=(4, 2))
    return net, np.vstack([X, -X]), np.vstack([T, -T])


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_sign_slip_in_an_unchecked_b1_does_not_pass_and_the_report_names_b1(seed):
    """A sign slip in b1 under a small L1 penalty printed "agree" and passed."""
    net, X, T = _odd_pairs(seed)
    report = gradient_check(net, X, T, regularizer=Regularizer("l1", 0.01))
    assert report.checkable() == 20  # W0 and W1, every entry
    report.backprop[1] *= -1  # the slip: every entry of dE/db1 of the wrong sign
    text = str(report)
    assert not report.passed()
    assert "b1" in report.unchecked_arrays()
    lead = text.splitlines()[5]
    assert lead.startswith("cannot tell: b1 and b2 could not be checked, 6 of the 6 ")
    assert "A slip in them (a wrong sign, a missing factor) would not show" in lead
    assert "check them at a point where their gradients are larger" in lead
    assert "finite differences agree (" not in text


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_right_backprop_with_an_unchecked_array_cannot_tell_rather_than_disagree(
    seed,
):
    net, X, T = _odd_pairs(seed)
    report = gradient_check(net, X, T, regularizer=Regularizer("l1", 0.01))
    text = str(report)
    assert not report.passed()
    assert not any(m.any() for m in report.mismatches())
    assert report.unchecked_arrays() == ["b1", "b2"]
    assert "DISAGREE" not in text and "cannot tell: b1 and b2" in text
    assert (
        "backpropagation and finite differences agree on the arrays that could be "
        "checked (largest relative error < 1e-"
    ) in text


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_right_backprop_with_every_array_checked_still_agrees(seed):
    net, X, T = _odd_pairs(seed)
    net.biases = [np.full(b.shape, 0.3) for b in net.biases]  # no longer cancel
    report = gradient_check(net, X, T, regularizer=Regularizer("l1", 0.01))
    assert report.passed() and report.unchecked_arrays() == []
    assert "cannot tell" not in str(report)
    assert "finite differences agree (largest relative error < 1e-" in str(report)


@pytest.mark.parametrize("unchecked, fails", [(1, False), (2, False), (3, True)])
def test_an_array_is_unchecked_when_more_than_half_its_entries_are(unchecked, fails):
    """The threshold: 2 unchecked entries of b1's 4 leave it checked, 3 do not."""
    net, X, T = _odd_pairs(0)
    net.biases = [np.full(b.shape, 0.3) for b in net.biases]
    report = gradient_check(net, X, T)
    errors = [e.copy() for e in report.fd_errors]
    errors[1][:unchecked] = np.abs(report.backprop[1][:unchecked])  # within 10 x it
    report = dataclasses.replace(report, fd_errors=errors)
    assert report.checkable() == 26 - unchecked
    assert report.passed() is not fails
    assert report.unchecked_arrays() == (["b1"] if fails else [])


# --- a gradient that is no number, and backprops that return malformed gradients ---
X_NF = np.random.default_rng(1).normal(size=(6, 3))


def _report_nf():
    return gradient_check(FeedForwardNetwork((3, 4, 1), seed=0), X_NF, np.ones((6, 1)))


@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf])
def test_a_backprop_entry_edited_to_nan_or_inf_disagrees_and_prints(value):
    report = _report_nf()
    assert report.passed() and report.max_relative_error < 1e-8
    report.backprop[0][0, 0] = value
    assert not report.passed()
    assert [int(m.sum()) for m in report.mismatches()] == [1, 0, 0, 0]
    assert report.max_relative_error == np.inf  # from the arrays, not the old 2e-10
    assert report.not_finite() == 1
    text = str(report)
    assert "       W0    (3, 4)    not a number" in text
    assert text.splitlines()[-1] == (
        "backpropagation and finite differences DISAGREE: backprop's dW0 contains "
        f"{value} at (0, 0)"
    )


def test_a_finite_difference_edited_to_nan_disagrees_and_names_the_others():
    report = _report_nf()
    report.numerical[1][:3] = np.nan
    assert not report.passed()
    assert [int(m.sum()) for m in report.mismatches()] == [0, 3, 0, 0]
    assert "the finite differences' db1 contains nan at (0,) and 2 other entries" in (
        str(report)
    )


def test_error_bound_text_names_a_value_that_is_no_number():
    assert error_bound_text(np.nan) == "not a number"
    assert error_bound_text(np.inf) == "infinite"


def _altered(alter, activation="sigmoid", **kwargs):
    """A network whose backprop passes its gradients through ``alter`` first."""

    class Altered(FeedForwardNetwork):
        def backprop(self, *args, **kw):
            grads = super().backprop(*args, **kw)
            alter(grads)
            return grads

    return Altered((3, 4, 1), [activation, "sigmoid"], seed=0, **kwargs)


def _set(attribute, index, make):
    def alter(grads):
        getattr(grads, attribute)[index] = make(getattr(grads, attribute)[index])

    return alter


def test_a_nan_that_backprop_returns_disagrees_with_the_entry_shown():
    def alter(grads):
        grads.weights[0][0, 0] = np.nan

    report = gradient_check(_altered(alter), X_NF, np.ones((6, 1)))
    assert not report.passed()
    assert report.relative_errors[0] == np.inf
    assert str(report).endswith("DISAGREE: backprop's dW0 contains nan at (0, 0)")


def test_an_inf_that_a_relu_networks_backprop_returns_disagrees():
    def alter(grads):
        grads.biases[1][0] = np.inf

    report = gradient_check(_altered(alter, "relu"), X_NF, np.ones((6, 1)))
    assert not report.passed()
    assert str(report).endswith("DISAGREE: backprop's db2 contains inf at (0,)")


@pytest.mark.parametrize(
    "alter, error, message",
    [
        (
            _set("weights", 0, lambda g: g.T),
            ValueError,
            "backprop returned dW0 of shape (4, 3), expected (3, 4) (the shape of "
            "weights[0]); transposed?",
        ),
        (
            _set("weights", 0, lambda g: g[:1]),
            ValueError,
            "backprop returned dW0 of shape (1, 4), expected (3, 4) (the shape of "
            "weights[0])",
        ),
        (
            _set("biases", 0, lambda g: g[None, :]),
            ValueError,
            "backprop returned db1 of shape (1, 4), expected (4,) (the shape of "
            "biases[0]); summed with keepdims=True?",
        ),
        (
            _set("weights", 0, lambda g: g.tolist()),
            TypeError,
            "backprop returned dW0 as a list, expected a numpy array of shape (3, 4) "
            "(the shape of weights[0])",
        ),
        (
            _set("weights", 1, lambda g: g.astype(complex)),
            TypeError,
            "backprop returned dW1 of dtype complex128, expected an array of numbers",
        ),
        (
            _set("weights", 0, lambda g: g.astype(np.float16)),
            TypeError,
            "backprop returned dW0 of dtype float16, expected float64: its rounding, "
            "about 1e-03 of each entry, is above what finite differences can tell "
            "apart, and its entries would DISAGREE (compute the gradients in float64)",
        ),
        (
            lambda grads: grads.weights.pop(),
            ValueError,
            "backprop returned 1 weight gradient, expected 2 (one per weights[l])",
        ),
        (
            lambda grads: setattr(grads, "biases", None),
            ValueError,
            "backprop's biases gradients are None, expected 2 (one per biases[l])",
        ),
    ],
)
def test_malformed_gradients_from_backprop_are_named(alter, error, message):
    raises(
        error,
        message,
        lambda: gradient_check(_altered(alter), X_NF, np.ones((6, 1))),
    )


def test_biases_gradients_for_a_network_without_biases_are_refused():
    def alter(grads):
        grads.biases = [np.zeros(4), np.zeros(1)]

    raises(
        ValueError,
        "backprop returned biases gradients, but the network has no biases",
        lambda: gradient_check(_altered(alter, bias=False), X_NF, np.ones((6, 1))),
    )


def test_something_other_than_gradients_from_backprop_is_refused():
    class Tuple(FeedForwardNetwork):
        def backprop(self, *args, **kw):
            return tuple(super().backprop(*args, **kw).as_list())

    raises(
        TypeError,
        "backprop must return a Gradients (weights, biases, deltas), as "
        "FeedForwardNetwork.backprop does, but it returned a tuple",
        lambda: gradient_check(Tuple((3, 4, 1), seed=0), X_NF, np.ones((6, 1))),
    )


def test_whole_number_gradients_are_compared_as_floats_not_an_empty_table():
    report = gradient_check(
        _altered(_set("weights", 0, lambda g: np.rint(g * 100).astype(int))),
        X_NF,
        np.ones((6, 1)),
    )
    assert report.backprop[0].dtype == float
    lines = str(report).splitlines()
    assert lines[1].startswith("       W0    (3, 4)")  # a row, not an empty table
    assert not report.passed() and "DISAGREE" in str(report)
    # the right gradient in whole numbers (all 0 here) is compared as such
    zero = gradient_check(
        _altered(_set("weights", 0, lambda g: np.zeros(g.shape, dtype=int))),
        X_NF,
        np.ones((6, 1)),
    )
    assert zero.backprop[0].dtype == float and not zero.passed()


# Issue 16, kind C: a network with a NaN or infinite parameter was told "error must
# return a finite number ... (is the step too large ...?)", an internal name and the
# wrong cause; a finite network whose loss a step pushed past the largest float was
# told the same.
@pytest.mark.parametrize("seed", [0, 3])
@pytest.mark.parametrize(
    "value, text", [(np.nan, "nan"), (np.inf, "inf")], ids=["nan", "inf"]
)
def test_gradient_check_refuses_a_parameter_that_is_not_finite_by_name(
    seed, value, text
):
    net = FeedForwardNetwork((3, 4, 1), seed=seed)
    net.weights[1][1, 0] = value
    X = np.random.default_rng(seed).normal(size=(10, 3))
    with pytest.raises(ValueError, match=r"^the\ network's") as refused:
        gradient_check(net, X, np.ones((10, 1)))
    assert str(refused.value) == (
        "the network's weights[1] must contain only finite numbers, but "
        f"weights[1][1, 0] is {text} (set by hand? re-create the network or restore "
        "saved weights)"
    )


def test_gradient_check_names_the_loss_a_step_makes_overflow():
    # the mse of an output just below sqrt(largest float) is finite; a step up is not
    net = FeedForwardNetwork((1, 1), "linear", bias=False)
    net.set_weights([[[np.sqrt(np.finfo(float).max) * (1 - 1e-6)]]])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(ValueError, match=r"^the\ mse") as refused:
            gradient_check(net, [[1.0]], [[0.0]], "mse")
    assert str(refused.value) == (
        "the mse loss on X and T must stay a finite number a finite-difference step "
        "from the network's weights, but it is 1.8e+308 at them, so near the largest "
        "float (about 1.8e308) that a step of eps = 1e-05 relative to each weight "
        "(|w| eps, at least eps) made it inf; scale X and T (or use smaller weights) "
        "so the loss is of ordinary size"
    )
    assert caught == []


@pytest.mark.parametrize(
    "written, said",
    [
        ("cross_entropy", "the cross_entropy loss (here binary_cross_entropy)"),
        ("binary_cross_entropy", "the binary_cross_entropy loss"),
    ],
)
def test_a_loss_a_step_makes_overflow_is_named_as_written(written, said):
    # two samples of logit just below half the largest float: their cross-entropy
    # against 0 sums to just below it; a step up makes the sum overflow (mutant: the
    # message named binary_cross_entropy for loss="cross_entropy")
    net = FeedForwardNetwork((1, 1), bias=False)
    net.set_weights([[[np.finfo(float).max / 2 * (1 - 1e-6)]]])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(ValueError, match=r"^the\ ") as refused:
            gradient_check(net, [[1.0], [1.0]], [[0.0], [0.0]], written)
    assert str(refused.value) == (
        f"{said} on X and T must stay a finite number a finite-difference step "
        "from the network's weights, but it is 8.99e+307 at them, so near the largest "
        "float (about 1.8e308) that a step of eps = 1e-05 relative to each weight "
        "(|w| eps, at least eps) made it inf; scale X and T (or use smaller weights) "
        "so the loss is of ordinary size"
    )
    assert caught == []


# Fresh review (issue 16): a Python int or Fraction beyond float64 raised a bare
# OverflowError that named nothing.
def test_numerical_gradient_names_an_error_beyond_float64():
    raises(
        ValueError,
        "error must return a number within float64's range (magnitudes up to about "
        "1.8e308), but it returned 1e+400",
        lambda: numerical_gradient(lambda: 10**400, [np.zeros(2)]),
    )


# Fresh review (issue 16): a huge negative count was printed in 401 digits.
def test_sample_entries_shows_a_huge_negative_count_in_a_few_digits():
    raises(
        ValueError,
        "entries must be a whole number >= 1 (how many entries of each parameter "
        "array to compare) or None (every entry), but it is -1e+400",
        lambda: sample_entries([np.zeros(3)], entries=-(10**400)),
    )


# Issue 16, fresh review: a transposed matrix failed inside numpy's matmul, and an
# integer one was blamed on "params" (an internal name) instead of the network's array.
@pytest.mark.parametrize(
    "spoil, message",
    [
        (
            lambda net: net.weights.__setitem__(0, net.weights[0].T),
            "the network's weights[0] must have shape (3, 4), one row per neuron of "
            "layer 0 (from) and one column per neuron of layer 1 (to), but it has "
            "shape (4, 3) (set by hand? use set_weights, which checks shapes)",
        ),
        (
            lambda net: net.weights.__setitem__(1, np.ones((4, 1), dtype=int)),
            "the network's weights[1] must be a float array, but its dtype is int64 "
            "(set by hand? use set_weights, which converts to float and checks "
            "shapes)",
        ),
    ],
    ids=["transposed", "int"],
)
def test_gradient_check_refuses_a_parameter_of_the_wrong_structure_by_name(
    spoil, message
):
    net = FeedForwardNetwork((3, 4, 1), seed=0)
    spoil(net)
    X = np.random.default_rng(0).normal(size=(10, 3))
    with pytest.raises(ValueError, match=r"^the network's") as refused:
        gradient_check(net, X, np.ones((10, 1)))
    assert str(refused.value) == message


def test_binary_cross_entropy_on_a_tanh_output_asks_for_a_sigmoid_only():
    """Issue 16, fresh review: it asked for "a sigmoid or softmax output layer"."""
    net = FeedForwardNetwork((3, 4, 1), ["relu", "tanh"], seed=0)
    with pytest.raises(ValueError, match=r"^the binary") as refused:
        gradient_check(net, np.ones((2, 3)), [[0.0], [1.0]], "binary_cross_entropy")
    assert str(refused.value) == (
        "the binary_cross_entropy loss needs outputs between 0 and 1 (a sigmoid "
        "output layer), but the output layer is tanh"
    )


class _UpdatingBackprop(FeedForwardNetwork):
    """A learner's backprop that also takes a step on the weights it differentiates."""

    def backprop(self, X, T, loss="half_sse", **kw):  # type: ignore[no-untyped-def]
        grads = super().backprop(X, T, loss, **kw)
        for W, dW in zip(self.weights, grads.weights):
            W -= 0.5 * dW
        return grads


def test_gradient_check_names_a_backprop_that_changes_the_weights_and_restores_them():
    # review17 fault 8: every array DISAGREEd with no word of the cause, and the
    # network was left changed by the check
    network = _UpdatingBackprop((3, 4, 2), seed=0)
    before = [p.copy() for p in network.parameters()]
    rng = np.random.default_rng(0)
    report = gradient_check(network, rng.normal(size=(5, 3)), rng.normal(size=(5, 2)))
    lead = str(report).splitlines()[0]
    assert lead.startswith("backprop changed the network's W0 and W1 ")
    assert "restored them" in lead
    assert report.changed_by_backprop == ["W0", "W1"]
    assert not report.passed()
    for was, now in zip(before, network.parameters()):
        np.testing.assert_array_equal(now, was)
    # compared at the original point, the returned gradients themselves are right
    assert report.max_relative_error < 1e-7


def test_gradient_check_of_a_backprop_without_side_effects_names_no_change():
    network = FeedForwardNetwork((3, 4, 2), seed=0)
    rng = np.random.default_rng(0)
    report = gradient_check(network, rng.normal(size=(5, 3)), rng.normal(size=(5, 2)))
    assert report.changed_by_backprop == []
    assert "changed" not in str(report)
    assert report.passed()


# review 19, F8: inputs x 1e-20 and balanced 0/1 targets: the zeros were blamed on "a
# unit that never responds, or an input of 0" and the headline said the terms "are not
# small but cancel" (a stationary point) while the lines below said they are tiny. The
# measured cause: every output is 0.5 and the targets balance, so y - t sums to 0.
def _balanced_tiny_inputs_report() -> GradientCheckReport:
    rng = np.random.default_rng(1)
    T = (rng.uniform(size=(6, 1)) > 0.5).astype(float)
    X = rng.normal(size=(6, 3)) * 1e-20
    net = FeedForwardNetwork((3, 4, 1), ["tanh", "sigmoid"], seed=0)
    return gradient_check(net, X, T, "binary_cross_entropy")


_CANCELLING = (
    "the output error y - t, about 0.5 in size on each of the 6 samples, sums to 0 "
    "over them: every sample gives the same output, 0.5 (the inputs barely differ), "
    "and the targets balance around it (3 above, 3 below)"
)


def test_zeros_from_an_output_error_that_cancels_over_samples_name_that_cause():
    report = _balanced_tiny_inputs_report()
    assert report.cancelled_errors == (2, _CANCELLING)
    assert str(report).endswith(
        f"2 entries are 0 in both gradients because {_CANCELLING}: nothing to compare"
    )
    assert "never responds" not in str(report)


def test_headline_names_each_array_with_the_cause_its_own_line_gives():
    """One measurement feeds the headline and the lines: b1 cancels, W0 and W1 are
    tiny; no stationary point is claimed for all of them."""
    text = str(_balanced_tiny_inputs_report())
    assert (
        f"exceeds them, so finite differences measure rounding; b1: {_CANCELLING}, "
        "so the terms of this gradient cancel to 0; W0 and W1: tiny (the lines below "
        "say why)"
    ) in text
    assert "are not small but cancel" not in text
    assert "W0: 12 entries are tiny, not 0" in text


def test_an_output_error_that_cancels_at_a_least_squares_minimum_is_not_blamed():
    """Residuals of a least-squares fit with a bias also sum to 0, but the outputs
    differ from sample to sample: that is a minimum, not a constant output."""
    rng = np.random.default_rng(0)
    X, T = rng.normal(size=(6, 2)), rng.normal(size=(6, 1))
    w = np.linalg.lstsq(np.hstack([X, np.ones((6, 1))]), T, rcond=None)[0]
    net = FeedForwardNetwork((2, 1), "linear", seed=0)
    net.set_weights([w[:2]], [w[2]])
    assert gradient_check(net, X, T).cancelled_errors == (0, "")


# Review 19, F10 (line 4 of diagnose): zeros behind hidden step units were "a unit that
# never responds, or an input of 0", though the units respond; their slope is 0.
def test_zeros_behind_step_units_name_the_step_not_a_unit_that_never_responds():
    net = FeedForwardNetwork((2, 3, 1), ["step", "sigmoid"], seed=0)
    X = np.array([[1.0, -0.5], [0.3, 2.0]])
    report = gradient_check(net, X, [[1.0], [0.0]], "binary_cross_entropy")
    assert report.step_units == 3
    assert str(report).splitlines()[-1] == (
        "9 entries are 0 in both gradients (3 step units in the hidden layers, whose "
        "slope is exactly 0 everywhere, pass no error back to their incoming weights "
        "and bias: a step unit cannot be trained by backpropagation; or an input of "
        "0): nothing to compare"
    )


class _UpdatingRunBackward(FeedForwardNetwork):
    """A learner's run_backward (not backprop) that takes a step on weights[0]."""

    def run_backward(self, passed, T, loss):  # type: ignore[no-untyped-def]
        grads = super().run_backward(passed, T, loss)
        self.weights[0] -= 0.1 * grads.weights[0]
        return grads


def test_gradient_check_restores_a_run_backward_that_changes_the_weights_every_call():
    # review 20 F3: the differences called run_backward at every step, so they were
    # taken at moving points (false "nothing could be checked", "kink" lines), and the
    # network was left changed
    rng = np.random.default_rng(0)
    X, T = rng.normal(size=(6, 3)), rng.normal(size=(6, 1))
    network = _UpdatingRunBackward([3, 4, 1], ["tanh", "linear"], seed=0)
    before = [p.copy() for p in network.parameters()]
    report = gradient_check(network, X, T, "mse")
    text = str(report)
    assert text.splitlines()[0].startswith("backprop changed the network's W0 ")
    assert "compared at the original point" in text
    assert "nothing could be checked" not in text
    assert "not differentiable" not in text and "kink" not in text
    assert report.changed_by_backprop == ["W0"] and not report.passed()
    assert report.max_relative_error < 1e-7
    for was, now in zip(before, network.parameters()):
        np.testing.assert_array_equal(now, was)


# Review 21: a disagreement of 5e-4 (tolerance 1e-7) printed "< 1e-03", a bound that
# reads as small; a disagreeing array's error, and the largest, print their value.
def test_a_disagreement_prints_its_relative_error_not_a_bound_that_reads_small():
    net = FeedForwardNetwork((2, 3, 1), seed=0)
    X = np.random.default_rng(0).normal(size=(4, 2))
    T = np.random.default_rng(1).random((4, 1))
    report = gradient_check(net, X, T)
    report.backprop[2] = report.backprop[2] * (1 + 1e-3)  # W1, off by 0.1 %
    off = relative_error(report.backprop[2], report.numerical[2])
    assert 1e-4 < off < 1e-3  # the slip of the review: a bound would say "< 1e-03"
    text = str(report)
    assert "DISAGREE" in text and "< 1e-03" not in text, text
    assert _rows_of(report)["W1"] == f"{off:.2g}"
    assert f"DISAGREE (largest relative error {off:.2g})" in text
    # the arrays that agree keep their bound
    assert _rows_of(report)["W0"].startswith("< 1e-")


def test_error_bound_text_of_a_disagreement_is_its_value_at_any_size():
    assert error_bound_text(5.04e-4) == "< 1e-03"
    assert error_bound_text(5.04e-4, disagrees=True) == "0.0005"
    assert error_bound_text(3.2e-9, disagrees=True) == "3.2e-09"
    assert error_bound_text(0.012, disagrees=True) == "0.012"
    assert error_bound_text(0.0, disagrees=True) == "0"


def _nothing_checked():
    """A report whose two entries lie within their finite-difference error."""
    g = np.array([1.0, 2.0])
    return GradientCheckReport(["W0"], [g], [g * 1.1], [np.ones(2)], [0.0])


# Review 21: max_relative_error gave 0.048 for a report that says "nothing could be
# checked" (and checked_relative_error 0.0, a perfect agreement): a number that reads
# as a verdict where the report gives none.
@pytest.mark.parametrize("what", ["max_relative_error", "checked_relative_error"])
def test_a_relative_error_of_a_report_that_checked_nothing_is_refused(what):
    report = _nothing_checked()
    assert report.checkable() == 0 and "nothing could be checked" in str(report)
    refuse = (
        (lambda: report.max_relative_error)
        if what == "max_relative_error"
        else report.checked_relative_error
    )
    with pytest.raises(ValueError, match=f"^{what} has no value") as caught:
        refuse()
    assert str(caught.value) == (
        f"{what} has no value: nothing could be checked (none of the 2 entries is "
        "large enough beside its finite-difference error to compare; see "
        "print(report) for why)"
    )


def test_a_relative_error_of_a_network_that_checked_nothing_is_refused():
    # issue 16's confident output: every entry below its finite-difference error
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    net = FeedForwardNetwork((2, 3, 1), ["sigmoid", "sigmoid"], seed=2)
    net.biases[-1][:] = 25.0
    report = gradient_check(net, X, np.full((4, 1), 0.3), "half_sse")
    assert report.checkable() == 0
    with pytest.raises(ValueError, match=r"^max_relative_error has no value: nothing"):
        _ = report.max_relative_error


def test_the_relative_error_of_one_unchecked_entry_says_the_only_entry():
    g = np.array([1.0])
    report = GradientCheckReport(["b1"], [g], [g * 1.1], [np.ones(1)], [0.0])
    with pytest.raises(ValueError, match=r"\(the only entry is not large enough "):
        _ = report.max_relative_error


def test_checked_relative_error_of_a_gradient_that_is_no_number_is_infinite():
    # it read 0.0 (the NaN entry counted as 0), a perfect agreement, beside DISAGREE
    net = FeedForwardNetwork((2, 1), seed=0)
    report = gradient_check(net, [[1.0, 2.0]], [[0.5]])
    report.backprop[0][1, 0] = np.nan
    assert report.checked_relative_error() == np.inf == report.max_relative_error


# Review 23 (GC): a weight within a relative step of the largest float overflowed in
# the step itself: numpy's RuntimeWarning escaped, and the refusal blamed the loss
# ("made it inf", or nan).
@pytest.mark.parametrize("sign", [1.0, -1.0])
@pytest.mark.parametrize("bias", [False, True])
def test_gradient_check_refuses_a_weight_a_step_overflows_with_no_warning(sign, bias):
    net = FeedForwardNetwork((1, 1), "linear", bias=bias)
    net.weights[0][0, 0] = sign * 1.79769e308
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a RuntimeWarning fails the test
        with pytest.raises(ValueError, match=r"^the\ network's") as refused:
            gradient_check(net, [[1e-300]], [[0.0]])
    assert str(refused.value) == (
        "the network's weights[0] must stay a finite number a finite-difference "
        f"step away, but its entry at (0, 0) is {sign * 1.79769e308:.6g}: a step of "
        "eps = 1e-05 relative to it (|w| eps, twice) overflows it beyond the largest "
        "float (about 1.8e308); check the gradient at smaller weights"
    )


def test_gradient_check_names_a_bias_a_step_overflows():
    net = FeedForwardNetwork((1, 2, 1), ["tanh", "linear"], seed=0)
    net.biases[0][1] = np.finfo(float).max
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"biases\[0\] must stay .* at \(1,\)"):
            gradient_check(net, [[1.0]], [[0.0]])


def test_a_weight_two_steps_below_the_largest_float_is_still_checked():
    # the line is the step itself: w + 2h finite is checked (the mutant: |w| > 1e308
    # refused), w + 2h beyond it refused
    net = FeedForwardNetwork((1, 1), "linear", bias=False)
    net.weights[0][0, 0] = 1.7976e308
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert gradient_check(net, [[1e-300]], [[0.0]]).passed()


def test_finite_differences_refuses_an_entry_a_step_overflows_with_no_warning():
    w = np.array([0.0, np.finfo(float).max])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"^params\[0\] .* at \(1,\) is 1\.79769e"):
            finite_differences(lambda: 0.0, [w])
        # a sampled-out entry is not stepped, so not refused
        fd = finite_differences(lambda: 0.0, [w], only=[np.array([True, False])])
    assert fd.gradient[0].tolist() == [0.0, 0.0]


# Review 25, F8: outputs 0.7 off their targets beside an L2 penalty of 5e118 (one
# weight of 1e60) were "confident and right: nothing is wrong".
def test_outputs_far_off_beside_a_huge_penalty_blame_the_penalty_alone():
    X = np.array([[0.5, 1.0], [0.3, -1.0]])
    T = np.array([[0.2], [0.7]])
    net = FeedForwardNetwork((2, 2, 1), ("tanh", "linear"), seed=0)
    net.weights[0][0, 0] = 1e60
    report = str(gradient_check(net, X, T, "mse", regularizer=Regularizer("l2", 0.1)))
    assert "confident and right" not in report  # mutant: the old on-target words
    assert (
        "the output's error signal is tiny because the penalty makes the error "
        "5e+118, while the loss is only 8e-01 (the penalty's size alone makes the "
        "data term's gradients tiny beside the error: check with smaller weights or "
        "a smaller penalty rate)"
    ) in report
    # each remedy helps when tried: no tiny entries are left, and the check passes
    smaller_rate = gradient_check(net, X, T, "mse", regularizer=Regularizer("l2", 0.0))
    assert smaller_rate.passed() and smaller_rate.tiny() == 0
    net.weights[0][0, 0] = 1.0
    smaller_weight = gradient_check(
        net, X, T, "mse", regularizer=Regularizer("l2", 0.1)
    )
    assert smaller_weight.passed() and smaller_weight.tiny() == 0


# Review 25, F8: an input column of exactly 0 was told "(scale the inputs up)".
def test_an_input_column_of_exactly_0_is_not_told_to_scale_up():
    rng = np.random.default_rng(0)
    X = np.c_[np.zeros(4), rng.normal(size=4)]
    T = rng.uniform(size=(4, 1))
    net = FeedForwardNetwork((2, 2, 1), ("tanh", "linear"), seed=0)
    net.weights[0][0, :] = 1e-12  # the penalty's gradient alone, 1e-13: tiny
    report = gradient_check(net, X, T, "mse", regularizer=Regularizer("l2", 0.1))
    lines = _tiny_lines(report)
    assert "scale the inputs up" not in str(report)  # mutant: the old advice
    assert lines["W0"].endswith(
        "; its inputs are exactly 0 on every sample, so the data term gives these "
        "weights no gradient and only the penalty's is left (an input that is "
        "always 0 carries nothing to learn; scaling it changes nothing)"
    )
