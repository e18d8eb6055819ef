"""Perceptron.errors_: the number of updates in each epoch."""
import numpy as np

from ffnn_edu.nn.datasets import and_gate, or_gate, parity, xor
from ffnn_edu.nn.perceptron import Perceptron


def test_errors_count_the_updates_of_each_epoch():
    for data in (and_gate(), or_gate(), xor()):
        p = Perceptron(max_epochs=20).fit(*data)
        assert len(p.errors_) == p.n_epochs_
        assert sum(p.errors_) == len(p.history_) - 1


def test_errors_reach_zero_exactly_when_converged():
    assert Perceptron().fit(*or_gate()).errors_[-1] == 0
    for data in (xor(), parity(3)):
        p = Perceptron(max_epochs=30).fit(*data)
        assert not p.converged_ and min(p.errors_) > 0


def test_errors_are_reset_by_a_second_fit():
    p = Perceptron(max_epochs=10).fit(*xor())
    p.fit(*and_gate())
    assert p.errors_ == [2, 3, 3, 2, 1, 0] and np.isclose(p.bias_, -3.0)
