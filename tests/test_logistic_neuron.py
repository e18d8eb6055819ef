"""Tests of ``ffnn_edu.nn.logistic_neuron``."""

import pytest

from ffnn_edu.nn.logistic_neuron import logistic_rule_update

from helpers import raises


@pytest.mark.parametrize("t", [[2.0], [-0.5], 1.5])
def test_logistic_rule_targets_lie_in_0_1(t):
    raises(
        ValueError,
        "t must lie in [0, 1]",
        lambda: logistic_rule_update([[1.0, 2.0]], t, [1.0, 2.0], 0.1),
    )


# Mutation testing: the rule's values were pinned only by doctests, which the mutation
# run does not collect.
def test_logistic_neuron_and_rule_give_the_chapters_numbers():
    import numpy as np

    from ffnn_edu.nn.logistic_neuron import logistic_neuron, logistic_rule_gradient

    x, w = [0.23, 0.82], [0.1, 0.4]
    y = 1.0 / (1.0 + np.exp(-(0.23 * 0.1 + 0.82 * 0.4)))
    assert logistic_neuron(x, w) == pytest.approx([y], rel=1e-15)
    g = -np.array([0.23, 0.82]) * y * (1.0 - y) * (1.0 - y)
    assert logistic_rule_gradient(x, 1.0, w) == pytest.approx(g, rel=1e-14)
    assert logistic_rule_update(x, 1.0, w, eta=0.7) == pytest.approx(
        w - 0.7 * g, rel=1e-14
    )


def test_logistic_rule_sums_over_a_batch_with_fractional_targets():
    import numpy as np

    from ffnn_edu.nn.logistic_neuron import logistic_neuron, logistic_rule_gradient

    X, t, w = (
        np.array([[1.0, 2.0], [0.5, -1.0]]),
        np.array([0.25, 1.0]),
        np.array([0.3, -0.2]),
    )
    y = logistic_neuron(X, w)
    g = -(X.T @ (y * (1 - y) * (t - y)))
    assert logistic_rule_gradient(X, t, w) == pytest.approx(g, rel=1e-14)
    assert logistic_rule_update(X, t, w, 0.5) == pytest.approx(w - 0.5 * g, rel=1e-14)
    assert np.all(np.sign(g) != 0)
