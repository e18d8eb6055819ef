"""Tests of ``ffnn_edu.nn.delta_rule``."""

import numpy as np
import pytest

from ffnn_edu.nn.delta_rule import delta_rule_update, linear_neuron


def test_delta_rule_sums_over_a_batch():
    X = np.array([[1.0, 2.0], [0.5, -1.0]])
    t = np.array([3.0, 0.0])
    w = np.array([0.5, 0.5])
    residual = t - linear_neuron(X, w)  # (1.5, 0.25)
    assert delta_rule_update(X, t, w, eta=0.1) == pytest.approx(
        w + 0.1 * X.T @ residual
    )


# Mutation testing: the lunch example's numbers were pinned only by a doctest.
def test_delta_rule_gives_the_lunch_examples_numbers():
    x, w = np.array([0.23, 0.15, 0.27]), np.array([6.0, 3.0, 3.0])
    assert linear_neuron(x, w) == pytest.approx([2.64], rel=1e-15)
    expected = w + (1 / 3) * x * (3.0 - 2.64)
    assert delta_rule_update(x, 3.0, w, eta=1 / 3) == pytest.approx(expected, rel=1e-14)
