"""Divergence verdicts both ways, optimizer state per run, empty data.

Each test reconstructs an input from an issue: a verdict that was wrong one way or the other,
or an optimizer that leaked its state from one run into the next.
"""
import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork, GradientDescent, Momentum, train
from ffnn_edu.nn.datasets import two_moons, xor
from ffnn_edu.nn.losses import get_loss
from ffnn_edu.nn.regularization import Regularizer
from ffnn_edu.nn.training import knows_nothing_loss


def _fitted_line() -> FeedForwardNetwork:
    """y = w x with w = 2: fits the one sample (1, 2) exactly, loss 0."""
    net = FeedForwardNetwork((1, 1), "linear", bias=False)
    net.set_weights([[[2.0]]])
    return net


def test_a_network_that_already_fits_may_move_under_a_penalty():
    """Loss 0 at the start is no scale: 0 -> 0.3 is not a divergence.

    MSE gradient -2(2 - w), L2 gradient 2 lam w / n = w, so w <- w - 0.1 (w - 2 (2 - w)):
    2, 1.8, 1.66, 1.562, 1.4934, 1.44538 (heading for 4/3).
    """
    net = _fitted_line()
    history = train(net, [[1.0]], [[2.0]], optimizer=GradientDescent(0.1), epochs=5,
                    regularizer=Regularizer("l2", 0.5))
    assert history.train_loss[0] == 0.0
    assert not history.diverged, history.message
    assert net.weights[0][0, 0] == pytest.approx(1.44538, rel=1e-12)
    assert history.train_loss[-1] == pytest.approx((2 - 1.44538) ** 2, rel=1e-12)
    assert history.epoch[-1] == 5 and "Trained for 5 epochs" in history.message


@pytest.mark.parametrize("data", ["moons", "xor"])
@pytest.mark.parametrize("seed", [0, 1])
def test_a_loss_that_blows_up_and_stays_up_is_diverged(data, seed):
    """eta = 1000 saturates every sigmoid: the loss jumps from ~0.7 to ~17 and stays there."""
    X, t = two_moons(100, seed=0) if data == "moons" else xor()
    net = FeedForwardNetwork((2, 8, 1), "sigmoid", seed=seed)
    before = [p.copy() for p in net.parameters()]
    history = train(net, X, t, loss="binary_cross_entropy", optimizer=GradientDescent(1000),
                    epochs=20)
    assert history.diverged
    assert history.train_loss[0] < 0.75 and min(history.train_loss[1:]) > 15
    last = history.epoch[-1]
    assert last in (2, 3) and history.epoch == list(range(last + 1))
    # two epochs up and still rising, or three up in a row
    assert (history.train_loss[2] > history.train_loss[1]) == (last == 2)
    assert history.train_accuracy[-1] == 0.5             # chance
    assert f"Training diverged in epoch {last}" in history.message
    how = "kept rising" if last == 2 else "stayed"
    assert f"{how} above" in history.message and "eta = 1000" in history.message
    assert "weights it had after epoch 0" in history.message
    # the network is given back the weights it had before the blow-up
    assert all(np.array_equal(p, q) for p, q in zip(net.parameters(), before))


def test_still_blown_up_in_the_last_epoch_is_diverged_too():
    X, t = xor()
    history = train(FeedForwardNetwork((2, 8, 1), "sigmoid", seed=0), X, t,
                    loss="binary_cross_entropy", optimizer=GradientDescent(1000), epochs=1)
    assert history.diverged and history.epoch == [0, 1]
    assert "for 1 epoch in a row" in history.message


def test_a_short_spike_that_comes_back_down_is_not_diverged():
    """Up for fewer than divergence_epochs epochs, then down again: training goes on."""
    X, t = xor()
    spike = []

    class Spiky(GradientDescent):
        def step(self, params, grads, epoch):
            super().step(params, grads, epoch)
            if epoch == 1:
                spike.append(epoch)
                params[-2][:] *= 100.0   # output weights: the loss jumps for one epoch
            if epoch == 2:
                params[-2][:] /= 100.0

    history = train(FeedForwardNetwork((2, 3, 1), "sigmoid", seed=0), X, t,
                    loss="binary_cross_entropy", optimizer=Spiky(0.5), epochs=4)
    assert spike == [1]
    assert history.train_loss[2] > 10 * history.train_loss[0]
    assert not history.diverged and history.epoch[-1] == 4


def test_the_scale_is_the_loss_of_a_network_that_knows_nothing():
    net = FeedForwardNetwork((2, 4, 1), "sigmoid")
    T = np.array([[0.0], [1.0], [1.0]])
    assert knows_nothing_loss(net, get_loss("binary_cross_entropy"), T) == pytest.approx(
        np.log(2))
    assert knows_nothing_loss(net, get_loss("mse"), T) == pytest.approx(0.25)
    linear = FeedForwardNetwork((1, 1), "linear")
    assert knows_nothing_loss(linear, get_loss("mse"), np.array([[2.0], [4.0]])) == 10.0


def test_the_knows_nothing_scale_reports_with_its_value():
    """Start loss ~0, then a blow-up: the message names the knows-nothing loss (4 here)."""
    net = _fitted_line()
    history = train(net, [[1.0]], [[2.0]], optimizer=GradientDescent(0.1), epochs=10,
                    regularizer=Regularizer("l2", 2000.0))
    assert history.diverged
    assert "network that knows nothing, 4 " in history.message
    assert "above 40 " in history.message
    assert "eta = 0.1 (or the penalty rate lam = 2000) is probably too large" in history.message


def test_a_loss_that_overflows_is_reported_and_the_last_finite_weights_kept():
    """The non-finite path: the weights overflow to inf/NaN within one epoch."""
    X = np.random.default_rng(0).uniform(50, 100, size=(40, 2))   # each step multiplies
    t = X @ np.array([1.0, -3.0])                                  # |w| by about 1e10
    net = FeedForwardNetwork((2, 1), "linear", bias=False, seed=0)
    before = net.weights[0].copy()
    history = train(net, X, t, loss="half_sse", optimizer=GradientDescent(1e6),
                    batch_size=1, epochs=5, shuffle=False)
    assert history.diverged
    assert history.epoch == [0]                             # no finite epoch after the start
    assert "stopped being a finite number" in history.message
    assert "Training diverged in epoch 1" in history.message
    assert "after epoch 0" in history.message
    assert np.array_equal(net.weights[0], before)
    assert np.isfinite(history.train_loss).all()


def test_non_finite_after_finite_epochs_keeps_the_last_finite_epoch():
    rng = np.random.default_rng(0)
    X = rng.uniform(0, 10, size=(20, 3))
    t = X @ np.array([1.0, -2.0, 0.5])
    net = FeedForwardNetwork((3, 1), "linear", bias=False, seed=0)
    history = train(net, X, t, loss="half_sse", optimizer=GradientDescent(0.0065),
                    epochs=400, divergence_factor=2e305)
    assert history.diverged and "finite" in history.message
    last = history.epoch[-1]
    assert last > 50
    assert f"after epoch {last}" in history.message
    replay = FeedForwardNetwork((3, 1), "linear", bias=False, seed=0)
    train(replay, X, t, loss="half_sse", optimizer=GradientDescent(0.0065), epochs=last,
          divergence_factor=2e305)
    assert np.array_equal(replay.weights[0], net.weights[0])


@pytest.mark.parametrize("kwargs, word", [
    (dict(divergence_factor=1.0), "divergence_factor"),
    (dict(divergence_epochs=0), "divergence_epochs"),
    (dict(optimizer=0.1), "optimizer"),
])
def test_bad_divergence_settings_are_named(kwargs, word):
    X, t = xor()
    with pytest.raises((ValueError, TypeError), match=word):
        train(FeedForwardNetwork((2, 2, 1)), X, t, **kwargs)


# --- optimizer state belongs to one run --------------------------------------------------

def _one_weight() -> FeedForwardNetwork:
    net = FeedForwardNetwork((1, 1), "linear", bias=False)
    net.set_weights([[[0.0]]])
    return net


def test_one_momentum_object_trains_two_networks_alike():
    """Gradient of 0.5 (w x - t)^2 at w = 0, x = 1, t = 1 is -1: one step moves w to 0.1."""
    opt = Momentum(0.1, 0.9)
    first, second = _one_weight(), _one_weight()
    train(first, [[1.0]], [[1.0]], loss="half_sse", optimizer=opt, epochs=1)
    train(second, [[1.0]], [[1.0]], loss="half_sse", optimizer=opt, epochs=1)
    assert first.weights[0][0, 0] == pytest.approx(0.1, rel=1e-12)
    assert second.weights[0][0, 0] == pytest.approx(0.1, rel=1e-12)
    assert opt.velocity is None                  # the setting itself is untouched


def test_momentum_still_builds_up_within_one_run():
    """Two epochs in one run: v = -0.1 then 0.9 (-0.1) - 0.1 (-0.9) = -0.0 ... w = 0.1, 0.28."""
    net = _one_weight()
    train(net, [[1.0]], [[1.0]], loss="half_sse", optimizer=Momentum(0.1, 0.9), epochs=2)
    # second gradient -(1 - 0.1) = -0.9: v = 0.9 * 0.1 + 0.09 = 0.18, w = 0.28
    assert net.weights[0][0, 0] == pytest.approx(0.28, rel=1e-12)


def test_one_momentum_object_trains_networks_of_different_shapes():
    opt = Momentum(0.1, 0.9)
    X, t = xor()
    a = train(FeedForwardNetwork((2, 3, 1), seed=0), X, t, optimizer=opt, epochs=3)
    b = train(FeedForwardNetwork((2, 5, 1), seed=0), X, t, optimizer=opt, epochs=3)
    fresh = train(FeedForwardNetwork((2, 5, 1), seed=0), X, t, optimizer=Momentum(0.1, 0.9),
                  epochs=3)
    assert not a.diverged and b.train_loss == fresh.train_loss


def test_fresh_copies_the_settings_and_forgets_the_velocity():
    opt = Momentum(0.3, 0.5)
    w = np.array([1.0])
    opt.step([w], [np.array([1.0])], epoch=0)
    twin = opt.fresh()
    assert twin is not opt and twin.velocity is None and opt.velocity is not None
    assert (twin.learning_rate(0), twin.mu) == (0.3, 0.5)
    plain = GradientDescent(0.2)
    assert plain.fresh().learning_rate(7) == 0.2


# --- empty data ---------------------------------------------------------------------------

def test_empty_training_data_is_refused_naming_x():
    with pytest.raises(ValueError, match=r"\bX\b"):
        train(FeedForwardNetwork((2, 2, 1)), np.empty((0, 2)), np.empty(0))
    with pytest.raises(ValueError, match=r"\bX\b"):
        train(FeedForwardNetwork((2, 2, 1)), np.empty((0, 2)), np.empty(0), batch_size=4)


def test_empty_validation_data_is_refused_naming_it():
    X, t = xor()
    with pytest.raises(ValueError, match="validation X"):
        train(FeedForwardNetwork((2, 2, 1)), X, t, validation=(np.empty((0, 2)), np.empty(0)))


def test_stepping_one_momentum_by_hand_on_two_networks_is_explained():
    """Outside train, one Momentum stepped on two shapes gets a clear error, not broadcasting."""
    opt = Momentum(0.1, 0.9)
    opt.step([np.zeros((2, 3))], [np.ones((2, 3))], epoch=0)
    with pytest.raises(ValueError, match=r"built up its velocity on shapes \[\(2, 3\)\]; use "
                                         r"optimizer.fresh\(\)"):
        opt.step([np.zeros((3, 2))], [np.ones((3, 2))], epoch=0)
    twin = opt.fresh()
    twin.step([np.zeros((3, 2))], [np.ones((3, 2))], epoch=0)      # a fresh copy is fine


@pytest.mark.parametrize("optimizer", [GradientDescent(0.1), Momentum(0.1, 0.9)])
def test_step_checks_params_against_grads(optimizer):
    with pytest.raises(ValueError, match="grads must hold one gradient per parameter array"):
        optimizer.fresh().step([np.zeros(2)], [np.ones(3)], epoch=0)
    with pytest.raises(ValueError, match="grads must hold one gradient per parameter array"):
        optimizer.fresh().step([np.zeros(2), np.zeros(1)], [np.ones(2)], epoch=0)
    with pytest.raises(TypeError, match="params must be a list of float numpy arrays"):
        optimizer.fresh().step([[0.0, 0.0]], [np.ones(2)], epoch=0)
    with pytest.raises(ValueError, match="epoch must be an integer >= 0"):
        optimizer.fresh().step([np.zeros(2)], [np.ones(2)], epoch=-1)
