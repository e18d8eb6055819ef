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
