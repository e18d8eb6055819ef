"""Claims of the chapter on several classes, asserted on the functions it calls."""

import numpy as np
import pytest

from ffnn_edu.experiments.multiclass import (
    MAX_NUMERIC_LOGITS,
    compare_outputs,
    logit_gradient_numeric,
    squared_error_logit_gradient,
    two_class_softmax,
)
from ffnn_edu.nn.activations import sigmoid, softmax, softmax_jacobian
from ffnn_edu.nn.preprocessing import one_hot


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_delta_is_output_minus_target_by_finite_differences(seed):
    rng = np.random.default_rng(seed)
    z = rng.normal(0, 2, 5)
    t = one_hot([int(rng.integers(5))], 5)[0]
    assert np.abs(logit_gradient_numeric(z, t) - (softmax(z) - t)).max() < 1e-8
    # the chain-rule sum of the chapter: J^T dE/dy collapses to y - t
    np.testing.assert_allclose(
        softmax_jacobian(z).T @ (-t / softmax(z)), softmax(z) - t, atol=1e-12
    )
    # and the sum does not collapse for targets that do not add up to 1
    with pytest.raises(ValueError, match="add up to 1"):
        logit_gradient_numeric(z, 2 * t)


def test_two_class_softmax_is_the_sigmoid_of_the_logit_difference():
    rng = np.random.default_rng(0)
    z0, z1 = rng.normal(0, 3, 1000), rng.normal(0, 3, 1000)
    p_softmax, p_sigmoid = two_class_softmax(z0, z1)
    assert np.abs(p_softmax - p_sigmoid).max() < 1e-12
    np.testing.assert_allclose(p_sigmoid, sigmoid(z1 - z0))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_sigmoid_outputs_do_not_sum_to_one_but_softmax_outputs_do(seed):
    result = compare_outputs(seed)
    sums = result.sigmoid_row_sums
    assert sums.min() < 0.9 and sums.max() > 1.1
    np.testing.assert_allclose(result.softmax_row_sums, 1.0, atol=1e-12)
    # "about equally often": both classify well and within a few points of each other
    assert result.softmax_accuracy > 0.85 and result.sigmoid_accuracy > 0.85
    assert abs(result.softmax_accuracy - result.sigmoid_accuracy) <= 0.05


def test_bad_input_names_the_argument():
    with pytest.raises(ValueError, match="z"):
        softmax_jacobian([[0.0, 1.0]])
    with pytest.raises(ValueError, match="t must have the shape of z"):
        logit_gradient_numeric([0.0, 1.0], [1.0, 0.0, 0.0])
    with pytest.raises(ValueError, match="z0 and z1 must have the same length"):
        two_class_softmax([0.0], [0.0, 1.0])
    with pytest.raises(ValueError, match="n_classes"):
        one_hot([0], 0)


def _half_sse_of_softmax(z, t):
    return 0.5 * np.sum((softmax(z) - t) ** 2)


@pytest.mark.parametrize("seed, K", [(0, 2), (1, 3), (2, 5)])
def test_squared_error_delta_of_a_softmax_matches_finite_differences(seed, K):
    rng = np.random.default_rng(seed)
    z = rng.normal(0, 2, K)
    t = one_hot([int(rng.integers(K))], K)[0]
    h = 1e-6
    measured = [
        (_half_sse_of_softmax(z + h * e, t) - _half_sse_of_softmax(z - h * e, t))
        / (2 * h)
        for e in np.eye(K)
    ]
    delta = squared_error_logit_gradient(z, t)
    assert np.abs(delta - measured).max() < 1e-9
    # the chapter-10 exercise's closed form: y_j [(y_j - t_j) - sum_k y_k (y_k - t_k)]
    y = softmax(z)
    np.testing.assert_allclose(delta, y * ((y - t) - np.sum(y * (y - t))), atol=1e-15)
    # it is not the diagonal-only (y - t) y (1 - y) of separate sigmoids
    assert np.abs(delta - (y - t) * y * (1 - y)).max() > 1e-3


@pytest.mark.parametrize("seed, K", [(0, 2), (1, 3), (2, 4), (3, 5), (4, 10)])
def test_the_slowdown_returns_for_a_softmax_under_the_squared_error(seed, K):
    """Chapter 10, exercise 4: raise a wrong class's logit; the squared error's delta
    shrinks towards 0 while the cross-entropy's y - t grows towards length sqrt(2)."""
    rng = np.random.default_rng(seed)
    z0 = rng.normal(0, 1, K)
    true, wrong = rng.choice(K, size=2, replace=False)
    t = one_hot([int(true)], K)[0]
    squared, cross, confident = [], [], []
    for a in np.arange(0.0, 20.0, 0.5):
        z = z0.copy()
        z[wrong] += a
        squared.append(np.linalg.norm(squared_error_logit_gradient(z, t)))
        cross.append(np.linalg.norm(softmax(z) - t))
        confident.append(softmax(z)[wrong])
    squared, cross, confident = map(np.array, (squared, cross, confident))
    sure = confident > 0.95
    assert sure.sum() > 5
    # once the wrong class holds 95 % of the probability: the more wrong, the smaller
    assert np.all(np.diff(squared[sure]) < 0)
    assert np.all(np.diff(cross[sure]) > 0) and cross[sure].min() > 1.3
    # and beyond 0.999 the squared error's delta is under 1 % of the cross-entropy's
    assert np.all(squared[confident > 0.999] < 0.01 * cross[confident > 0.999])
    assert squared[-1] < 1e-6 and cross[-1] > np.sqrt(2) - 1e-6


def test_logit_gradient_numeric_refuses_more_logits_than_its_limit_before_any_work():
    """Issue 16 (E): the work grows with the square of the logits' count, and was not
    bounded (4000 logits took a quarter of a second, a million would take hours); the
    count is refused before ``t`` is even read."""
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        logit_gradient_numeric(np.zeros(10**6), "not read")
    assert str(refused.value) == (
        "this would make 1000000 nudged logits (z), each evaluating the error over all "
        "1000000, more than MAX_NUMERIC_LOGITS = 4096"
    )
    z, t = np.zeros(MAX_NUMERIC_LOGITS), np.zeros(MAX_NUMERIC_LOGITS)
    t[0] = 1.0
    assert logit_gradient_numeric(z, t) == pytest.approx(softmax(z) - t, abs=1e-8)


def test_targets_that_miss_one_are_refused_with_their_sum_and_the_tolerance():
    """The refusal said only "add up to 1"; it names the sum with every digit."""
    with pytest.raises(
        ValueError,
        match=r"add up to 1 \(within 1e-09\), but it holds \[0\.5, 0\.5000001\], "
        r"adding up to 1\.0000000999999998$",
    ):
        logit_gradient_numeric(np.zeros(2), [0.5, 0.5000001])
