"""Tests written from the mutants that survived a mutmut 3 run on the training modules.

Each one pins a default, a boundary or a sentence that a changed line left unnoticed.
"""
import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork, GradientDescent, Momentum, train
from ffnn_edu.nn.datasets import xor
from ffnn_edu.nn.regularization import Regularizer
from ffnn_edu.nn.schedules import step_decay


def _line(w: float) -> FeedForwardNetwork:
    net = FeedForwardNetwork((1, 1), "linear", bias=False)
    net.set_weights([[[w]]])
    return net


class _Stuck(GradientDescent):
    """From epoch 1 on, puts the network in one saturated state: a flat, blown-up loss.

    Every hidden unit outputs 0.5, the output's logit is 3 * 0.5 * 50 = 75 for every input.
    """

    def step(self, params, grads, epoch):
        super().step(params, grads, epoch)
        if epoch >= 1:
            for p in params:
                p[...] = 0.0
            params[-2][:] = 50.0


def test_a_flat_blown_up_loss_is_diverged_after_divergence_epochs():
    X, t = xor()
    history = train(FeedForwardNetwork((2, 3, 1), "sigmoid", seed=0), X, t,
                    loss="binary_cross_entropy", optimizer=_Stuck(0.5), epochs=10)
    assert history.diverged and history.epoch == [0, 1, 2, 3, 4]
    assert history.train_loss[2] == history.train_loss[3] == history.train_loss[4] == 37.5
    assert "Training diverged in epoch 4: the training loss stayed above" in history.message
    assert "for 3 epochs in a row" in history.message
    assert history.message.endswith("The learning rate eta = 0.5 is probably too large. "
                                    "The network keeps the weights it had after epoch 1.")
    longer = train(FeedForwardNetwork((2, 3, 1), "sigmoid", seed=0), X, t,
                   loss="binary_cross_entropy", optimizer=_Stuck(0.5), epochs=10,
                   divergence_epochs=5)
    assert longer.epoch[-1] == 6 and "for 5 epochs in a row" in longer.message


def test_the_finished_message_in_full():
    net = _line(2.0)
    history = train(net, [[1.0]], [[2.0]], optimizer=GradientDescent(0.1), epochs=5,
                    regularizer=Regularizer("l2", 0.5))
    assert history.message == ("Trained for 5 epochs (5 iterations); training loss 0 -> "
                               f"{history.train_loss[-1]:.4g}.")
    assert f"{history.train_loss[-1]:.4g}" == "0.3076"


def test_the_overflow_message_in_full():
    X = np.random.default_rng(0).uniform(50, 100, size=(40, 2))
    history = train(FeedForwardNetwork((2, 1), "linear", bias=False, seed=0), X,
                    X @ np.array([1.0, -3.0]), loss="half_sse",
                    optimizer=GradientDescent(1e6), batch_size=1, epochs=5)
    assert history.message.startswith(
        "Training diverged in epoch 1: the training loss stopped being a finite number (the "
        "arithmetic overflowed; it started at ")
    assert history.message.endswith("). The learning rate eta = 1e+06 is probably too large. "
                                    "The network keeps the weights it had after epoch 0.")


def test_early_stopping_when_the_start_is_the_best():
    """A fitted line, an L2 penalty pulling it away: validation never improves on epoch 0."""
    net = _line(2.0)
    history = train(net, [[1.0]], [[2.0]], optimizer=GradientDescent(0.1), epochs=50,
                    regularizer=Regularizer("l2", 0.5), validation=([[1.0]], [[2.0]]),
                    patience=2)
    assert history.stopped_early and history.best_epoch == 0 and history.epoch[-1] == 2
    assert net.weights[0][0, 0] == 2.0
    assert history.message == ("Stopped early after epoch 2: the validation loss has not "
                               "improved for 2 epochs. The network has the weights of epoch 0 "
                               "(validation loss 0).")


def test_the_callback_gets_the_network_and_the_history():
    X, t = xor()
    net = FeedForwardNetwork((2, 2, 1), seed=0)
    seen = []
    history = train(net, X, t, epochs=2,
                    callback=lambda epoch, network, hist: seen.append((epoch, network, hist)))
    assert [(e, n is net, h is history) for e, n, h in seen] == [(1, True, True), (2, True, True)]


def test_train_defaults():
    X, t = xor()
    h = train(FeedForwardNetwork((2, 2, 1), seed=0), X, t)
    assert h.epoch[-1] == 100 and h.learning_rate == [0.1] * 100
    a, b = FeedForwardNetwork((2, 2, 1), seed=0), FeedForwardNetwork((2, 2, 1), seed=0)
    train(a, X, t, epochs=3, batch_size=2)
    train(b, X, t, epochs=3, batch_size=2, seed=0)
    assert all(np.array_equal(p, q) for p, q in zip(a.parameters(), b.parameters()))
    assert Momentum().learning_rate(0) == 0.1


@pytest.mark.parametrize("kwargs, message", [
    (dict(divergence_factor=1.0), r"^divergence_factor must be > 1, but it is 1\.0"),
    (dict(divergence_epochs=0), r"^divergence_epochs must be an integer >= 1, but it is 0"),
    (dict(optimizer=0.1), r"^optimizer must be a GradientDescent or Momentum \(or None\), "
                          r"but it is 0\.1 \(float\)"),
    (dict(validation=([[0.0, 1.0]], [[0.0, 1.0, 2.0]])), r"^validation T must"),
])
def test_train_setting_messages(kwargs, message):
    X, t = xor()
    with pytest.raises((ValueError, TypeError), match=message):
        train(FeedForwardNetwork((2, 2, 1)), X, t, **kwargs)


def test_a_divergence_factor_just_above_one_is_allowed():
    X, t = xor()
    assert not train(FeedForwardNetwork((2, 2, 1)), X, t, epochs=2,
                     divergence_factor=1.5).diverged


def test_repr_shows_the_first_epochs_learning_rate():
    assert repr(GradientDescent(step_decay(0.8, every=1))) == "GradientDescent(eta=0.8)"
    assert repr(Momentum(step_decay(0.8, every=1), 0.5)) == "Momentum(eta=0.8, mu=0.5)"


def test_step_messages_in_full():
    with pytest.raises(ValueError, match=r"^grads must hold one gradient per parameter array, "
                                         r"shaped like it: params have shapes \[\(2,\)\], "
                                         r"grads \[\(3,\)\]$"):
        GradientDescent(0.1).step([np.zeros(2)], [np.ones(3)], epoch=0)
    with pytest.raises(TypeError, match=r"^params must be a list of float numpy arrays \(they "
                                         r"are updated in place, and an integer array cannot "
                                         r"hold a step such as 0\.1\), but entry 0 is a list; convert"):
        GradientDescent(0.1).step([[0.0]], [np.ones(1)], epoch=0)
