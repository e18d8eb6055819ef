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
