"""Claims of the chapter on several classes, asserted on the functions it calls."""

import numpy as np
import pytest

from ffnn_edu.experiments.multiclass import (
    compare_outputs,
    logit_gradient_numeric,
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
