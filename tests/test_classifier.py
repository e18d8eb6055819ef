"""NetworkClassifier follows scikit-learn's conventions (without depending on scikit-learn)."""
import numpy as np
import pytest

from ffnn_edu import NetworkClassifier
from ffnn_edu.nn.classifier import NotFittedError
from ffnn_edu.nn.datasets import gaussian_blobs, two_moons

SMALL = dict(hidden_layer_sizes=(8,), activation="tanh", eta=0.5, epochs=60, batch_size=10)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_two_classes_use_one_sigmoid_output_and_give_two_probability_columns(seed):
    X, y = two_moons(120, noise=0.1, seed=seed)
    clf = NetworkClassifier(**SMALL, seed=seed).fit(X, y)
    assert clf.network_.layer_sizes == (2, 8, 1)
    assert clf.network_.activations[-1].name == "sigmoid"
    P = clf.predict_proba(X)
    assert P.shape == (120, 2)
    assert P.sum(axis=1) == pytest.approx(np.ones(120), abs=1e-15)
    assert P[:, 1] == pytest.approx(clf.network_.forward(X)[:, 0], rel=0, abs=0)
    assert np.array_equal(clf.predict(X), (P[:, 1] >= 0.5).astype(int))
    assert clf.score(X, y) > 0.85


@pytest.mark.parametrize("seed", [0, 1])
def test_more_classes_use_softmax_with_categorical_cross_entropy(seed):
    X, y = gaussian_blobs(150, centers=((0, 0), (3, 0), (0, 3)), spread=0.5, seed=seed)
    clf = NetworkClassifier(**SMALL, seed=seed).fit(X, y)
    assert clf.output_loss() == "categorical_cross_entropy"
    assert [a.name for a in clf.network_.activations] == ["tanh", "softmax"]
    P = clf.predict_proba(X)
    assert P.shape == (150, 3)
    assert P.sum(axis=1) == pytest.approx(np.ones(150), abs=1e-12)
    assert clf.score(X, y) > 0.95
    # one-hot targets: the training loss is the categorical cross-entropy of P
    assert clf.history_.train_loss[-1] == pytest.approx(
        -np.mean(np.log(P[np.arange(150), y.astype(int)])), rel=1e-9)


def test_squared_error_with_several_classes_normalises_the_sigmoid_outputs():
    X, y = gaussian_blobs(90, centers=((0, 0), (3, 0), (0, 3)), spread=0.5, seed=0)
    clf = NetworkClassifier(**{**SMALL, "loss": "mse"}).fit(X, y)
    out = clf.network_.forward(X)
    assert clf.network_.activations[-1].name == "sigmoid"
    assert clf.predict_proba(X) == pytest.approx(out / out.sum(axis=1, keepdims=True))


def test_labels_of_any_kind_come_back_as_given():
    X, y = gaussian_blobs(150, centers=((0, 0), (3, 0), (0, 3)), spread=0.5, seed=0)
    names = np.array(["red", "green", "blue"])[y.astype(int)]
    numbers = np.array([3, 7, 11])[y.astype(int)]
    by_name = NetworkClassifier(**SMALL).fit(X, names)
    by_number = NetworkClassifier(**SMALL).fit(X, numbers)
    assert list(by_name.classes_) == ["blue", "green", "red"]
    assert list(by_number.classes_) == [3, 7, 11]
    assert set(by_name.predict(X)) <= {"red", "green", "blue"}
    assert set(by_number.predict(X)) <= {3, 7, 11}
    assert by_name.score(X, names) > 0.95 and by_number.score(X, numbers) > 0.95
    # the same data and seed: the same network, whatever the labels are called
    # (classes sorted: blue=2, green=1, red=0 versus 3=0, 7=1, 11=2)
    P_names, P_numbers = by_name.predict_proba(X), by_number.predict_proba(X)
    assert P_names[:, [2, 1, 0]].argmax(axis=1) == pytest.approx(
        P_numbers.argmax(axis=1))


def test_yes_no_labels_with_two_classes():
    X, y = two_moons(100, noise=0.1, seed=0)
    labels = np.where(y == 1, "yes", "no")
    clf = NetworkClassifier(**SMALL).fit(X, labels, validation_data=(X[:20], labels[:20]))
    assert list(clf.classes_) == ["no", "yes"]
    P = clf.predict_proba(X)
    assert np.array_equal(clf.predict(X), np.where(P[:, 1] >= 0.5, "yes", "no"))
    assert len(clf.history_.val_loss) == len(clf.history_.train_loss)


def test_using_the_classifier_before_fit_raises_not_fitted_error():
    X, _ = two_moons(10, seed=0)
    for method in ("predict", "predict_proba"):
        with pytest.raises(NotFittedError, match="call fit"):
            getattr(NetworkClassifier(), method)(X)
    with pytest.raises(NotFittedError):
        NetworkClassifier().score(X, np.zeros(10))
    assert issubclass(NotFittedError, ValueError) and issubclass(NotFittedError, AttributeError)


def test_get_params_set_params_and_fit_return_values():
    clf = NetworkClassifier(eta=0.3, epochs=5)
    params = clf.get_params()
    assert params["eta"] == 0.3 and params["epochs"] == 5 and params["loss"] == "cross_entropy"
    assert set(params) == {"hidden_layer_sizes", "activation", "loss", "eta", "mu", "penalty",
                           "lam", "dropout", "epochs", "batch_size", "patience", "seed"}
    assert clf.set_params(eta=0.1, seed=3) is clf
    assert clf.eta == 0.1 and clf.seed == 3
    assert NetworkClassifier(**clf.get_params()).get_params() == clf.get_params()
    with pytest.raises(ValueError, match="unknown parameter.*learning_rate, hidden"):
        clf.set_params(learning_rate=1.0, hidden=(3,))
    X, y = two_moons(30, seed=0)
    assert clf.fit(X, y) is clf
    assert clf.n_features_in_ == 2 and clf.n_classes_ == 2
    assert repr(clf) == "NetworkClassifier(eta=0.1, epochs=5, seed=3)"


def test_refitting_on_other_data_starts_afresh():
    X, y = two_moons(40, seed=0)
    clf = NetworkClassifier(**SMALL).fit(X, y)
    X3 = np.hstack([X, X[:, :1]])
    clf.fit(X3, np.where(y == 1, "b", "a"))
    assert clf.n_features_in_ == 3 and list(clf.classes_) == ["a", "b"]
    assert clf.predict(X3).shape == (40,)


def test_fit_is_the_recipe_train_network_on_the_coded_labels():
    """One name per symbol: eta, mu, penalty and lam go to the optimizer and the regularizer."""
    from ffnn_edu import FeedForwardNetwork, Momentum, Regularizer, train
    X, y = two_moons(60, noise=0.1, seed=0)
    clf = NetworkClassifier((5,), activation="tanh", eta=0.3, mu=0.5, penalty="l1", lam=0.01,
                            epochs=5, batch_size=10, seed=2).fit(X, y)
    assert clf.layer_sizes() == [2, 5, 1] and clf.layer_activations() == ["tanh", "sigmoid"]
    net = FeedForwardNetwork((2, 5, 1), ["tanh", "sigmoid"], seed=2)
    history = train(net, X, y.astype(float), loss="binary_cross_entropy",
                    optimizer=Momentum(0.3, 0.5), epochs=5, batch_size=10, seed=2,
                    regularizer=Regularizer("l1", 0.01))
    assert history.train_loss == clf.history_.train_loss
    for p, q in zip(net.parameters(), clf.network_.parameters()):
        np.testing.assert_array_equal(p, q)
