"""Settings of the training modules: defaults, limits, and errors that name the argument.

Mutation testing showed that these were unguarded: a changed default, a bound that moved
from > to >=, or an error message with the wrong name all went unnoticed.
"""
import math

import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork, GradientDescent, Momentum, train
from ffnn_edu.nn.datasets import xor
from ffnn_edu.nn.dropout import dropout_mask
from ffnn_edu.nn.regularization import Regularizer, l1_norm, l2_norm
from ffnn_edu.nn.schedules import constant, exponential, inverse_time, step_decay
from ffnn_edu.nn.training import History


def test_schedule_defaults():
    assert constant(0.3)(0) == constant(0.3)(1000) == 0.3
    assert [step_decay(1.0)(e) for e in (0, 9, 10, 19, 20)] == [1.0, 1.0, 0.5, 0.5, 0.25]
    assert inverse_time(1.0)(10) == pytest.approx(0.5, rel=1e-12)           # decay 0.1
    assert exponential(1.0)(20) == pytest.approx(math.exp(-1.0), rel=1e-12)  # decay 0.05
    assert step_decay(0.8, factor=1.0)(100) == 0.8                          # factor 1 allowed
    assert inverse_time(0.7, decay=0.0)(50) == exponential(0.7, decay=0.0)(50) == 0.7


@pytest.mark.parametrize("make, message", [
    (lambda: constant(0.0), "eta must be > 0, but it is 0"),
    (lambda: step_decay(-1.0), "eta must be > 0"),
    (lambda: step_decay(1.0, factor=0.0), "factor must be > 0, but it is 0"),
    (lambda: step_decay(1.0, factor=1.5), "factor must be <= 1, but it is 1.5"),
    (lambda: step_decay(1.0, every=0), "every must be an integer >= 1, but it is 0"),
    (lambda: inverse_time(0.0), "eta must be > 0"),
    (lambda: inverse_time(1.0, decay=-0.1), "decay must be >= 0, but it is -0.1"),
    (lambda: exponential(0.0), "eta must be > 0"),
    (lambda: exponential(1.0, decay=-1.0), "decay must be >= 0"),
    (lambda: GradientDescent(0.0), "eta must be > 0"),
    (lambda: GradientDescent(lambda epoch: -0.1).learning_rate(3), "eta must be > 0"),
    (lambda: Momentum(0.1, mu=1.0), "mu must be < 1, but it is 1.0"),
    (lambda: Momentum(0.1, mu=-0.1), "mu must be >= 0"),
    (lambda: dropout_mask((2, 2), 1.0, np.random.default_rng(0)), "rate must be < 1"),
    (lambda: dropout_mask((2, 2), -0.5, np.random.default_rng(0)), "rate must be >= 0"),
    (lambda: Regularizer("l3", 0.1), "kind must be 'l1' or 'l2', but it is 'l3'"),
    (lambda: Regularizer("l2", -1.0), "lam must be >= 0, but it is -1.0"),
    (lambda: Regularizer("l2", 0.1).penalty([np.ones(2)], n=0), "n must be an integer >= 1"),
    (lambda: Regularizer("l2", 0.1).gradient([np.ones(2)], n=0), "n must be an integer >= 1"),
    (lambda: Regularizer("l1", 0.1).shrink([np.ones(2)], 0.1, n=0), "n must be an integer >= 1"),
    (lambda: Regularizer("l2", 0.1).shrink([np.ones(2)], 0.1, n=1),
     "shrink is the L1 step; L2 uses its gradient"),
    (lambda: l1_norm([1.0, np.nan]), "v must contain only finite numbers"),
    (lambda: l2_norm([np.inf]), "v must contain only finite numbers"),
])
def test_bad_settings_are_named(make, message):
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(")", r"\)")
                       .replace("[", r"\[").replace(".", r"\.")):
        make()


def test_limits_that_are_allowed():
    assert Momentum(0.1, mu=0.0).mu == 0.0 and Momentum(0.1).mu == 0.9
    assert GradientDescent().learning_rate(0) == 0.1
    assert Regularizer("l2", 0.0).penalty([np.ones(3)], n=1) == 0.0
    assert (dropout_mask((3, 4), 0.0, np.random.default_rng(0)) == 1.0).all()


def test_norms_and_penalties_by_hand():
    assert l1_norm([3.0, -4.0]) == 7.0 and l2_norm([3.0, -4.0]) == 5.0
    weights = [np.array([[1.0, -2.0]]), np.array([3.0])]
    assert Regularizer("l1", 0.5).penalty(weights, n=2) == pytest.approx(0.25 * 6.0)
    assert Regularizer("l2", 0.5).penalty(weights, n=2) == pytest.approx(0.25 * 14.0)
    grad = Regularizer("l1", 0.5).gradient([np.array([2.0, 0.0, -3.0])], n=5)[0]
    np.testing.assert_allclose(grad, [0.1, 0.0, -0.1], rtol=1e-12)


def test_mask_keeps_each_unit_with_probability_one_minus_rate():
    mask = dropout_mask((200, 500), 0.3, np.random.default_rng(2))
    assert set(np.unique(mask)) == {0.0, 1 / 0.7}
    assert (mask > 0).mean() == pytest.approx(0.7, abs=0.005)
    assert mask.shape == (200, 500)


def test_reprs_say_what_the_object_is():
    assert repr(GradientDescent(0.25)) == "GradientDescent(eta=0.25)"
    assert repr(Momentum(0.1, 0.5)) == "Momentum(eta=0.1, mu=0.5)"
    h = train(FeedForwardNetwork((2, 2, 1), seed=0), *xor(), epochs=2)
    assert repr(h) == (f"History(epochs=2, iterations=2, final train_loss="
                       f"{h.train_loss[-1]:.4g}, diverged=False, stopped_early=False)")
    assert repr(History()) == ("History(epochs=0, iterations=0, final train_loss=none yet, "
                               "diverged=False, stopped_early=False)")


@pytest.mark.parametrize("kwargs, message", [
    (dict(epochs=0), "epochs must be an integer >= 1, but it is 0"),
    (dict(batch_size=0), "batch_size must be an integer >= 1, but it is 0"),
    (dict(dropout=1.0), "dropout must be < 1, but it is 1.0"),
    (dict(dropout=-0.1), "dropout must be >= 0"),
    (dict(patience=0), "patience must be an integer >= 1"),
    (dict(patience=3), "patience (early stopping) needs validation data"),
])
def test_bad_train_settings_are_named(kwargs, message):
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(")", r"\)")
                       .replace(".", r"\.")):
        train(FeedForwardNetwork((2, 2, 1)), *xor(), **kwargs)


def test_a_batch_larger_than_the_data_is_one_full_batch():
    h = train(FeedForwardNetwork((2, 2, 1)), *xor(), epochs=3, batch_size=100)
    assert h.iterations == [0, 1, 2, 3]


@pytest.mark.parametrize("make, message", [
    (lambda: Regularizer("l2", 0.1).gradient(np.ones((2, 2)), n=4), "weights must be a list"),
    (lambda: Regularizer("l2", 0.1).penalty([[1.0, 2.0]], n=4), "weights must be a list"),
    (lambda: Regularizer("l1", 0.1).shrink([np.ones(2)], eta=0.0, n=4), "eta must be > 0"),
    (lambda: dropout_mask((5, 0), 0.5, np.random.default_rng(0)),
     "every entry of shape must be an integer >= 1"),
])
def test_shown_functions_check_their_arguments(make, message):
    with pytest.raises(ValueError, match="^" + message):
        make()


@pytest.mark.parametrize("make, message", [
    (lambda: dropout_mask((2, 2), 0.5, None), "rng must be a numpy.random.Generator"),
    (lambda: dropout_mask(5, 0.5, np.random.default_rng(0)), "shape must be a tuple"),
    (lambda: dropout_mask((2, 2), 0.5, 7), "rng must be a numpy.random.Generator"),
])
def test_dropout_mask_refuses_wrong_types_with_type_error(make, message):
    with pytest.raises(TypeError, match="^" + message):
        make()


def test_the_unchecked_formulas_stay_reachable():
    """``__wrapped__`` is the body the chapters show: the formula alone."""
    mask = dropout_mask.__wrapped__((2, 3), 0.5, np.random.default_rng(0))
    assert mask.shape == (2, 3)
    reg = Regularizer("l2", 0.5)
    assert Regularizer.gradient.__wrapped__(reg, [np.ones(2)], 5)[0].tolist() == [0.2, 0.2]


def _epoch_kwargs(**changes):
    from ffnn_edu.nn.losses import get_loss
    kwargs = dict(loss=get_loss("mse"), optimizer=GradientDescent(0.1), epoch=0, batch_size=2,
                  rng=np.random.default_rng(0))
    kwargs.update(changes)
    return kwargs


@pytest.mark.parametrize("X, T, changes, error, message", [
    (np.zeros((4, 3)), np.zeros(4), {}, ValueError, "X must have 2 columns"),
    ([[0.0, np.nan]], [0.0], {}, ValueError, "X must contain only finite numbers"),
    (np.zeros((4, 2)), np.zeros(3), {}, ValueError, "T must"),
    (np.zeros((4, 2)), np.zeros(4), dict(optimizer=0.1), TypeError,
     "optimizer must be a GradientDescent"),
    (np.zeros((4, 2)), np.zeros(4), dict(regularizer="l2"), TypeError,
     "regularizer must be a Regularizer"),
    (np.zeros((4, 2)), np.zeros(4), dict(batch_size=0), ValueError,
     "batch_size must be an integer >= 1"),
    (np.zeros((4, 2)), np.zeros(4), dict(epoch=-1), ValueError, "epoch must be an integer >= 0"),
    (np.zeros((4, 2)), np.zeros(4), dict(rng=None), TypeError,
     "rng must be a numpy.random.Generator"),
    (np.zeros((4, 2)), np.zeros(4), dict(dropout=1.0), ValueError, "dropout must be < 1"),
    (np.zeros((4, 2)), np.zeros(4), dict(loss="binary_cross_entropy"), ValueError,
     "binary_cross_entropy"),
])
def test_train_epoch_checks_what_a_learner_passes(X, T, changes, error, message):
    """Wrong types raise TypeError (an optimizer, regularizer or generator that is not one)."""
    from ffnn_edu.nn.training import train_epoch
    net = FeedForwardNetwork((2, 3, 1), ["tanh", "linear"])
    with pytest.raises(error, match=message):
        train_epoch(net, X, T, **_epoch_kwargs(**changes))


def test_train_epoch_by_hand_equals_one_epoch_of_train():
    from ffnn_edu.nn.training import train_epoch
    X, t = xor()
    by_hand, trained = FeedForwardNetwork((2, 3, 1), seed=0), FeedForwardNetwork((2, 3, 1), seed=0)
    assert train_epoch(by_hand, X, t, **_epoch_kwargs(optimizer=GradientDescent(2.0))) == 2
    train(trained, X, t, optimizer=GradientDescent(2.0), epochs=1, batch_size=2, seed=0)
    assert all(np.array_equal(p, q) for p, q in zip(by_hand.parameters(), trained.parameters()))


def test_a_schedule_that_gives_no_learning_rate_is_caught_by_step_and_train():
    bad = GradientDescent(lambda epoch: 0.1 if epoch < 2 else -0.1)
    bad.step([np.zeros(1)], [np.ones(1)], epoch=1)
    with pytest.raises(ValueError, match="eta must be > 0, but it is -0.1"):
        bad.step([np.zeros(1)], [np.ones(1)], epoch=2)
    with pytest.raises(ValueError, match="eta must be > 0, but it is -0.1"):
        train(FeedForwardNetwork((2, 2, 1)), *xor(), optimizer=bad, epochs=3)
