"""Proof tests for source mistakes found while writing the logistic-neuron chapter."""

import numpy as np

from ffnn_edu.nn.activations import relu, relu_derivative


def test_relu_is_not_differentiable_at_zero():
    """The article lists ReLU among 'differentiable' activations; at z = 0 its one-sided
    slopes differ (0 from the left, 1 from the right), so a convention is needed
    there."""
    h = 1e-6
    left = float((relu(0.0) - relu(-h)) / h)
    right = float((relu(h) - relu(0.0)) / h)
    assert np.isclose(left, 0.0) and np.isclose(right, 1.0)
    assert float(relu_derivative(0.0)) == 0.0  # the package's convention
