"""Small runs whose every number is worked out by hand, so a wrong line in the loop shows.

Each test names the mistake it catches (found by mutation testing: the suite passed with
these lines broken). One weight, one sample, half the squared error: the gradient is
-(t - w x) x, and each value below follows from it in a line of arithmetic.
"""
import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork, GradientDescent, Momentum, train
from ffnn_edu.nn.dropout import dropout_mask
from ffnn_edu.nn.losses import get_loss
from ffnn_edu.nn.regularization import Regularizer
from ffnn_edu.nn.schedules import step_decay


def _line(w: float) -> FeedForwardNetwork:
    net = FeedForwardNetwork((1, 1), "linear", bias=False)
    net.set_weights([[[w]]])
    return net


def _w(net: FeedForwardNetwork) -> float:
    return float(net.weights[0][0, 0])


def test_l2_pulls_the_weight_towards_zero_not_away():
    """Catches a flipped sign of the L2 gradient in train.

    x = 1, t = 1, w = 1 fits; L2 with lam = 0.5, n = 1 adds 2 lam w / n = w to the gradient:
    w <- w - 0.5 (-(1 - w) + w), so 1 -> 0.5 -> 0.5 (the fixed point 1/2).
    """
    net = _line(1.0)
    train(net, [[1.0]], [[1.0]], loss="half_sse", optimizer=GradientDescent(0.5), epochs=1,
          regularizer=Regularizer("l2", 0.5))
    assert _w(net) == pytest.approx(0.5, rel=1e-12)
    train(net, [[1.0]], [[1.0]], loss="half_sse", optimizer=GradientDescent(0.5), epochs=1,
          regularizer=Regularizer("l2", 0.5))
    assert _w(net) == pytest.approx(0.5, rel=1e-12)


def test_l2_uses_the_number_of_training_samples():
    """Two samples (n = 2): the penalty gradient is 2 * 0.5 * w / 2 = w / 2."""
    net = _line(1.0)
    train(net, [[1.0], [1.0]], [[1.0], [1.0]], loss="half_sse",
          optimizer=GradientDescent(0.5), epochs=1, regularizer=Regularizer("l2", 0.5))
    assert _w(net) == pytest.approx(1.0 - 0.5 * 0.5, rel=1e-12)


def test_l1_step_is_eta_lam_over_n():
    """Catches the L1 step scaled by n instead of 1/n (in shrink or in train).

    The data fit (gradient 0); L1 with lam = 0.2 on n = 4 samples moves w by
    eta lam / n = 0.5 * 0.2 / 4 = 0.025 per iteration towards 0: 4 online steps, 0.1.
    """
    net = _line(1.0)
    X = np.ones((4, 1))
    train(net, X, X * 1.0, loss="half_sse", optimizer=GradientDescent(0.5), epochs=1,
          batch_size=4, regularizer=Regularizer("l1", 0.2))
    assert _w(net) == pytest.approx(1.0 - 0.025, rel=1e-12)
    w = np.array([0.5, -0.3, 0.01, 0.0])
    Regularizer("l1", 0.1).shrink([w], eta=0.5, n=10)             # step 0.005
    np.testing.assert_allclose(w, [0.495, -0.295, 0.005, 0.0], rtol=1e-12)
    tiny = np.array([0.004, -0.004])
    Regularizer("l1", 0.1).shrink([tiny], eta=0.5, n=10)          # stops at 0
    assert tiny.tolist() == [0.0, 0.0]


def test_shuffle_false_visits_the_samples_in_the_order_given():
    """Catches a shuffle=False path that permutes, reverses or skips samples.

    Online learning, w = 0, eta = 0.1, samples (1, 1), (2, 0), (3, 2) in that order.
    """
    X = np.array([[1.0], [2.0], [3.0]])
    t = np.array([[1.0], [0.0], [2.0]])
    w = 0.0
    for x, target in zip(X[:, 0], t[:, 0]):
        w += 0.1 * (target - w * x) * x
    assert w == pytest.approx(0.606, rel=1e-12)          # 0.1, 0.1 - 0.04, 0.06 + 0.546
    net = _line(0.0)
    history = train(net, X, t, loss="half_sse", optimizer=GradientDescent(0.1), epochs=1,
                    batch_size=1, shuffle=False, seed=123)
    assert _w(net) == pytest.approx(w, rel=1e-12)
    assert history.iterations == [0, 3]
    other = _line(0.0)
    train(other, X[::-1], t[::-1], loss="half_sse", optimizer=GradientDescent(0.1), epochs=1,
          batch_size=1, shuffle=False)
    assert _w(other) != pytest.approx(w, rel=1e-6)               # the order matters here


def test_the_schedule_gets_the_epoch_counted_from_zero():
    """Catches an off-by-one epoch passed to the learning-rate schedule.

    eta = 0.1, 0.05, 0.025 in epochs 0, 1, 2; x = t = 1, w = 0:
    w = 0.1, then 0.1 + 0.05 * 0.9 = 0.145, then 0.145 + 0.025 * 0.855 = 0.166375.
    """
    for optimizer in (GradientDescent(step_decay(0.1, 0.5, every=1)),
                      Momentum(step_decay(0.1, 0.5, every=1), mu=0.0)):
        net = _line(0.0)
        history = train(net, [[1.0]], [[1.0]], loss="half_sse", optimizer=optimizer,
                        epochs=3)
        assert history.learning_rate == [0.1, 0.05, 0.025]
        assert _w(net) == pytest.approx(0.166375, rel=1e-12)


def test_momentum_in_train_follows_the_formula():
    """v <- mu v - eta g, w <- w + v over three epochs of one sample (x = t = 1, w = 0)."""
    # v = 0.1, w = 0.1; v = 0.09 + 0.09 = 0.18, w = 0.28; v = 0.162 + 0.072 = 0.234, w = 0.514
    net = _line(0.0)
    train(net, [[1.0]], [[1.0]], loss="half_sse", optimizer=Momentum(0.1, 0.9), epochs=3)
    assert _w(net) == pytest.approx(0.514, rel=1e-12)


@pytest.mark.parametrize("seed", [0, 3])
def test_dropped_units_learn_nothing_in_that_step(seed):
    """Catches dropout switched off in the training forward pass.

    One sample, one full-batch step, shuffle off: the first random numbers of the run's
    generator give the mask. A dropped hidden unit sends 0 forward, so neither its incoming
    nor its outgoing weights change; a kept unit's do.
    """
    mask = dropout_mask((1, 6), 0.5, np.random.default_rng(seed))[0]
    assert 0 < (mask == 0).sum() < 6
    net = FeedForwardNetwork((2, 6, 1), "sigmoid", seed=1)
    W0, W1 = net.weights[0].copy(), net.weights[1].copy()
    train(net, [[0.5, -1.0]], [[1.0]], loss="half_sse", optimizer=GradientDescent(1.0),
          epochs=1, dropout=0.5, seed=seed, shuffle=False)
    dropped = mask == 0
    assert np.array_equal(net.weights[0][:, dropped], W0[:, dropped])
    assert np.array_equal(net.weights[1][dropped], W1[dropped])
    assert (net.weights[0][:, ~dropped] != W0[:, ~dropped]).all()
    assert (net.weights[1][~dropped] != W1[~dropped]).all()
    # kept units send their activation scaled by 1 / (1 - 0.5) = 2: replay the step
    replay = FeedForwardNetwork((2, 6, 1), "sigmoid", seed=1)
    passed = replay.run_forward_with_dropout(np.array([[0.5, -1.0]]), 0.5,
                                            np.random.default_rng(seed))
    np.testing.assert_array_equal(passed.masks[0][0], mask)
    grads = replay.run_backward(passed, np.array([[1.0]]), get_loss("half_sse"))
    np.testing.assert_allclose(net.weights[1], W1 - grads.weights[1], rtol=1e-12)


def test_momentum_starts_at_rest_from_any_weights():
    """Catches a velocity that starts at the weights instead of 0 (hidden when w starts at 0).

    w = 1, gradient 1, eta = 0.1, mu = 0.9: v = -0.1, w = 0.9; v = -0.19, w = 0.71.
    """
    w = np.array([1.0, -2.0])
    opt = Momentum(0.1, 0.9)
    opt.step([w], [np.array([1.0, 1.0])], epoch=0)
    np.testing.assert_allclose(w, [0.9, -2.1], rtol=1e-12)
    opt.step([w], [np.array([1.0, 1.0])], epoch=0)
    np.testing.assert_allclose(w, [0.71, -2.29], rtol=1e-12)
    net = _line(1.0)
    train(net, [[1.0]], [[1.0]], loss="half_sse", optimizer=Momentum(0.1, 0.9), epochs=1)
    assert _w(net) == 1.0                                     # fits: gradient 0, velocity 0


def test_an_output_of_exactly_one_half_counts_as_class_one():
    from ffnn_edu.nn.training import accuracy
    assert accuracy(np.array([[0.5], [0.5]]), np.array([[1.0], [0.0]])) == 0.5
    assert accuracy(np.array([[0.2, 0.7, 0.1]]), np.array([[0.0, 1.0, 0.0]])) == 1.0


def test_divergence_messages_in_words():
    from ffnn_edu.nn.training import DivergenceLines
    up = DivergenceLines(start=2.0, knows_nothing=2.0, factor=10.0)
    assert up.limit == 20.0
    assert up.describe(25.0, 1, rising=False) == (
        "the training loss stayed above 20 for 1 epoch in a row, reaching 25; 20 is 10 times "
        "its starting value 2")
    assert up.describe(30.0, 2, rising=True) == (
        "the training loss kept rising above 20 for 2 epochs in a row, reaching 30; 20 is 10 "
        "times its starting value 2")
    low = DivergenceLines(start=0.0, knows_nothing=4.0, factor=10.0)
    assert low.describe(50.0, 3, rising=False) == (
        "the training loss stayed above 40 for 3 epochs in a row, reaching 50; 40 is 10 times "
        "the loss of a network that knows nothing, 4 (all weights 0, the same output for every "
        "input)")
