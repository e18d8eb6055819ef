"""The network's forward pass and the training loop: shapes, counts, divergence, stopping."""
import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork, GradientDescent, Momentum, NetworkClassifier, train
from ffnn_edu.nn.datasets import gaussian_blobs, two_moons, xor
from ffnn_edu.nn.perceptron import Perceptron
from ffnn_edu.nn.datasets import and_gate, or_gate, parity
from ffnn_edu.nn.regularization import Regularizer
from ffnn_edu.nn.schedules import step_decay
from ffnn_edu.experiments.worked_examples import BACKPROP_221, backprop_221_network


def test_forward_pass_shapes_and_every_layer():
    net = FeedForwardNetwork((4, 5, 3, 2), ["relu", "tanh", "sigmoid"], seed=0)
    X = np.random.default_rng(0).normal(size=(7, 4))
    passed = net.forward(X, return_all=True)
    assert [z.shape for z in passed.logits] == [(7, 5), (7, 3), (7, 2)]
    assert [a.shape for a in passed.activations] == [(7, 4), (7, 5), (7, 3), (7, 2)]
    assert passed.activations[0] is not None and np.array_equal(passed.activations[0], X)
    assert passed.output == pytest.approx(net.forward(X))
    assert (passed.activations[1] >= 0).all()                     # ReLU
    assert passed.activations[2] == pytest.approx(np.tanh(passed.logits[1]))
    assert [w.shape for w in net.weights] == [(4, 5), (5, 3), (3, 2)]
    assert [b.shape for b in net.biases] == [(5,), (3,), (2,)]


def test_one_sample_as_a_vector_gives_one_row():
    net = FeedForwardNetwork((2, 3, 1), seed=0)
    assert net.forward([0.1, 0.2]).shape == (1, 1)


def test_the_articles_convention_is_the_transpose():
    net = FeedForwardNetwork((3, 4, 2), "sigmoid", seed=1)
    x = np.array([0.2, -0.4, 1.0])
    a = x[:, np.newaxis]                                             # column vector
    for W, b in zip(net.weights, net.biases):
        a = 1 / (1 + np.exp(-(W.T @ a + b[:, np.newaxis])))         # z = w a + b, w = W.T
    assert a.ravel() == pytest.approx(net.forward(x).ravel(), rel=1e-12)


def test_initial_weights_are_seeded_and_scaled():
    a = FeedForwardNetwork((100, 50, 1), seed=3)
    b = FeedForwardNetwork((100, 50, 1), seed=3)
    assert all(np.array_equal(p, q) for p, q in zip(a.parameters(), b.parameters()))
    assert a.weights[0].std() == pytest.approx(0.1, rel=0.05)      # 1/sqrt(100)
    big = FeedForwardNetwork((100, 50, 1), weight_scale=5.0, seed=3)
    assert big.weights[0].std() == pytest.approx(5.0, rel=0.05)
    assert all(not b.any() for b in a.biases)


def test_copy_is_independent():
    net = FeedForwardNetwork((2, 2, 1), seed=0)
    twin = net.copy()
    twin.weights[0][0, 0] += 1
    assert net.weights[0][0, 0] != twin.weights[0][0, 0]


@pytest.mark.parametrize("batch_size,per_epoch", [(None, 1), (1, 10), (3, 4), (10, 1), (50, 1)])
def test_iterations_per_epoch(batch_size, per_epoch):
    X = np.random.default_rng(0).normal(size=(10, 2))
    t = (X[:, 0] > 0).astype(float)
    history = train(FeedForwardNetwork((2, 3, 1), seed=0), X, t, epochs=4,
                    batch_size=batch_size)
    assert history.epoch == [0, 1, 2, 3, 4]
    assert history.iterations == [0, per_epoch, 2 * per_epoch, 3 * per_epoch, 4 * per_epoch]
    assert len(history.train_loss) == len(history.train_accuracy) == 5
    assert len(history.learning_rate) == 4


def test_training_is_reproducible_with_a_seed_and_shuffling_matters():
    X, y = two_moons(60, seed=0)
    runs = []
    for seed in (0, 0, 1):
        net = FeedForwardNetwork((2, 5, 1), seed=0)
        train(net, X, y, epochs=5, batch_size=4, seed=seed, optimizer=GradientDescent(0.5))
        runs.append(net.weights[0].copy())
    assert np.array_equal(runs[0], runs[1])
    assert not np.array_equal(runs[0], runs[2])


def test_a_221_network_learns_xor():
    X, t = xor()
    net = FeedForwardNetwork((2, 2, 1), "sigmoid", seed=1)
    history = train(net, X, t, optimizer=GradientDescent(eta=10), epochs=300, loss="mse")
    assert history.train_accuracy[-1] == 1.0
    assert (net.forward(X).ravel() >= 0.5) .tolist() == [False, True, True, False]
    assert not history.diverged


def test_the_perceptron_converges_on_and_or_but_not_xor_or_parity():
    for data in (and_gate(), or_gate()):
        p = Perceptron().fit(*data)
        assert p.converged_ and p.score(*data) == 1.0
        assert "Converged" in p.message_
    for data in (xor(), parity(3)):
        p = Perceptron(max_epochs=200).fit(*data)
        assert not p.converged_ and p.n_epochs_ == 200
        assert p.score(*data) < 1.0
        assert "Did not converge" in p.message_


def test_eta_10_on_the_221_example_neither_crashes_nor_gives_nan():
    net = backprop_221_network()
    with np.errstate(all="raise"):          # any hidden overflow would raise here
        history = train(net, [BACKPROP_221["x"]], [BACKPROP_221["t"]], loss="half_sse",
                        optimizer=GradientDescent(eta=10), epochs=100)
    assert np.isfinite(history.train_loss).all()
    assert history.train_loss[-1] < history.train_loss[0]
    assert all(np.isfinite(p).all() for p in net.parameters())


def test_a_diverging_run_is_reported_and_keeps_finite_weights():
    rng = np.random.default_rng(0)
    X = rng.uniform(0, 10, size=(20, 3))
    t = X @ np.array([1.0, -2.0, 0.5])
    net = FeedForwardNetwork((3, 1), "linear", bias=False, seed=0)
    history = train(net, X, t, loss="half_sse", optimizer=GradientDescent(eta=10), epochs=50)
    assert history.diverged
    assert "diverged" in history.message and "eta = 10" in history.message
    assert np.isfinite(history.train_loss).all()
    assert history.epoch[-1] < 50 and len(history.train_loss) == len(history.epoch)
    assert all(np.isfinite(p).all() for p in net.parameters())
    assert np.isfinite(net.forward(X)).all()


def test_early_stopping_restores_the_best_weights():
    X, y = two_moons(200, noise=0.35, seed=2)
    clf = NetworkClassifier((60,), loss="mse", eta=2.0, epochs=2000, batch_size=None, patience=20,
                            seed=0)
    clf.fit(X[:60], y[:60], validation_data=(X[60:], y[60:]))
    h = clf.history_
    assert h.stopped_early and h.best_epoch is not None
    assert h.epoch[-1] == h.best_epoch + 20
    assert min(h.val_loss) == pytest.approx(h.val_loss[h.best_epoch])
    restored = clf.network_.forward(X[60:])
    from ffnn_edu.nn.losses import mse
    assert mse(restored, y[60:, None]) == pytest.approx(h.val_loss[h.best_epoch])
    assert "Stopped early" in h.message


def test_momentum_and_schedules_are_used():
    X, y = two_moons(100, seed=0)
    h = train(FeedForwardNetwork((2, 8, 1), seed=0), X, y, epochs=30,
              optimizer=Momentum(step_decay(0.4, factor=0.5, every=10), mu=0.9))
    assert h.learning_rate == pytest.approx([0.4] * 10 + [0.2] * 10 + [0.1] * 10)
    plain = train(FeedForwardNetwork((2, 8, 1), seed=0), X, y, epochs=30,
                  optimizer=GradientDescent(step_decay(0.4, factor=0.5, every=10)))
    assert h.train_loss[-1] < plain.train_loss[-1]


def test_l1_sets_weights_exactly_to_zero_and_l2_does_not():
    X, y = gaussian_blobs(200, seed=0)
    X = np.hstack([X, np.random.default_rng(0).normal(size=(200, 8))])   # 8 useless inputs
    zeros = {}
    for kind in ("l1", "l2"):
        net = FeedForwardNetwork((10, 6, 1), seed=0)
        train(net, X, y, epochs=300, optimizer=GradientDescent(1.0),
              regularizer=Regularizer(kind, 0.5))
        zeros[kind] = int((net.weights[0] == 0).sum())
    assert zeros["l1"] > 20
    assert zeros["l2"] == 0


def test_validation_history_and_callback():
    X, y = two_moons(80, seed=1)
    seen = []
    h = train(FeedForwardNetwork((2, 4, 1), seed=0), X[:60], y[:60], epochs=3,
              validation=(X[60:], y[60:]), callback=lambda e, net, hist: seen.append(e))
    assert seen == [1, 2, 3]
    assert len(h.val_loss) == len(h.val_accuracy) == 4
    assert "Trained for 3 epochs" in h.message


def test_dropout_training_is_reproducible():
    X, y = two_moons(60, seed=0)
    weights = []
    for _ in range(2):
        net = FeedForwardNetwork((2, 10, 1), seed=0)
        train(net, X, y, epochs=3, batch_size=10, dropout=0.5, seed=4)
        weights.append(net.weights[0])
    assert np.array_equal(*weights)


def test_classifier_handles_several_classes():
    X, y = gaussian_blobs(150, centers=((0, 0), (3, 0), (0, 3)), spread=0.5, seed=0)
    clf = NetworkClassifier((10,), activation="tanh", eta=1.0, epochs=200, batch_size=None)
    clf.fit(X, y)
    assert clf.n_classes_ == 3 and clf.network_.layer_sizes == (2, 10, 3)
    assert clf.predict_proba(X).shape == (150, 3)
    assert clf.score(X, y) > 0.95
    assert set(np.unique(clf.predict(X))) == {0, 1, 2}


# --- the loop's named parts: train_epoch, History, DivergenceMonitor, EarlyStopping --------

def test_train_epoch_returns_one_iteration_per_minibatch_including_the_last_small_one():
    from ffnn_edu.nn.losses import get_loss
    from ffnn_edu.nn.training import train_epoch
    X, y = two_moons(400, noise=0.2, seed=3)
    net = FeedForwardNetwork((2, 8, 1), seed=1)
    done = train_epoch(net, X, y, loss=get_loss("binary_cross_entropy"),
                       optimizer=GradientDescent(0.5), epoch=0, batch_size=64,
                       rng=np.random.default_rng(0))
    assert done == 7                                   # six batches of 64 and one of 16


def test_train_epoch_with_a_penalty_equals_the_steps_written_out():
    """Folding the L2 term in and the optimizer's L1 step give the textbook's updates."""
    from ffnn_edu.nn.losses import get_loss
    from ffnn_edu.nn.training import train_epoch
    X, t = xor()
    T = t[:, None]
    for kind in ("l1", "l2"):
        reg = Regularizer(kind, 0.3)
        net, by_hand = FeedForwardNetwork((2, 3, 1), seed=4), FeedForwardNetwork((2, 3, 1), seed=4)
        train_epoch(net, X, T, loss=get_loss("mse"), optimizer=GradientDescent(0.5), epoch=0,
                    batch_size=4, rng=np.random.default_rng(0), regularizer=reg)
        grads = by_hand.backprop(X, T, "mse")
        if kind == "l2":
            grads.weights = [g + r for g, r in zip(grads.weights, reg.gradient(by_hand.weights, 4))]
        GradientDescent(0.5).step(by_hand.parameters(), grads.as_list(), 0)
        if kind == "l1":
            reg.shrink(by_hand.weights, 0.5, 4)
        for p, q in zip(net.parameters(), by_hand.parameters()):
            np.testing.assert_allclose(p, q, rtol=0, atol=1e-15)


def test_history_keeps_a_finished_epoch_and_skips_one_whose_loss_overflowed():
    from ffnn_edu.nn.training import History
    history = History(epoch=[0], iterations=[0], train_loss=[0.7])
    history.record(1, 4, 0.5, (0.6, 0.75), (0.65, None))
    history.record(2, 4, 0.5, (float("nan"), None), None)
    assert history.epoch == [0, 1] and history.iterations == [0, 4]
    assert history.learning_rate == [0.5] and history.train_loss == [0.7, 0.6]
    assert history.train_accuracy == [0.75] and history.val_loss == [0.65]
    assert history.val_accuracy == []
    assert history.finished(1).message == ("Trained for 1 epochs (4 iterations); training loss "
                                           "0.7 -> 0.6.")


def test_early_stopping_counts_epochs_without_a_new_best_and_keeps_the_best_weights():
    from ffnn_edu.nn.training import EarlyStopping, History
    net = FeedForwardNetwork((1, 1), seed=0)
    stopping = EarlyStopping(2, net, History(val_loss=[1.0]))
    verdicts = []
    for epoch, val in enumerate([0.8, 0.5, 0.6, 0.55], start=1):
        net.weights[0][...] = epoch                       # a different weight every epoch
        verdicts.append(stopping.stops(epoch, History(val_loss=[val]), net))
    assert verdicts == [False, False, False, True]
    assert stopping.best_epoch == 2 and stopping.best_loss == 0.5
    history = stopping.stop(History(), net, 4)
    assert net.weights[0][0, 0] == 2.0 and history.stopped_early and history.best_epoch == 2


def test_early_stopping_without_patience_never_stops_and_copies_nothing():
    from ffnn_edu.nn.training import EarlyStopping, History
    net = FeedForwardNetwork((1, 1), seed=0)
    stopping = EarlyStopping(None, net, History(val_loss=[1.0]))
    assert stopping.best_weights is None
    assert not any(stopping.stops(e, History(val_loss=[9.0]), net) for e in range(1, 50))


def test_divergence_monitor_restores_the_weights_of_the_last_good_epoch():
    from ffnn_edu.nn.losses import get_loss
    from ffnn_edu.nn.training import DivergenceMonitor, History
    X, t = xor()
    net = FeedForwardNetwork((2, 2, 1), seed=1)
    monitor = DivergenceMonitor(net, get_loss("mse"), t[:, None], 0.25, Regularizer("l2", 0.5),
                                10.0, 3, 100)
    net.weights[0][...] = 1.0
    assert monitor.verdict(1, 0.2, [0.25, 0.2], net) is None         # a good epoch: kept
    net.weights[0][...] = 2.0
    assert monitor.verdict(2, float("inf"), [0.25, 0.2], net).startswith(
        "the training loss stopped being a finite number")
    history = monitor.stop(History(), net, 2, 0.5, "it blew up")
    assert (net.weights[0] == 1.0).all() and history.diverged
    assert history.message == ("Training diverged in epoch 2: it blew up. The learning rate "
                               "eta = 0.5 (or the penalty rate lam = 0.5) is probably too "
                               "large. The network keeps the weights it had after epoch 1.")
