"""Bad input to the core modules (classifier, training, network, optimizers, losses,
activations, perceptron, gradient check): a clear error naming the argument, never a
half-done change, a silent NaN or a wrong verdict. Each case once failed that way."""
import numpy as np
import pytest

from ffnn_edu import (FeedForwardNetwork, GradientDescent, Momentum, NetworkClassifier, train)
from ffnn_edu.nn.activations import get_activation
from ffnn_edu.nn.datasets import and_gate, two_moons, xor
from ffnn_edu.nn.gradient_check import finite_differences, numerical_gradient, relative_error
from ffnn_edu.nn.losses import get_loss
from ffnn_edu.nn.perceptron import Perceptron
from ffnn_edu.nn.training import accuracy, knows_nothing_loss, train_epoch
from ffnn_edu.nn.validation import NotFittedError, as_labels

X40, Y40 = two_moons(40, noise=0.1, seed=0)


def _small(**kwargs):
    return NetworkClassifier((5,), epochs=5, **kwargs)


# --- 1. a failed fit changes nothing ------------------------------------------------------

@pytest.mark.parametrize("bad", [dict(eta=-1), dict(mu=1.5), dict(lam=-0.1), dict(penalty="l3"),
                                 dict(loss="xent"), dict(activation="sigmod"),
                                 dict(seed=-1), dict(dropout=1.0),
                                 dict(batch_size=0), dict(patience=2)])
def test_a_failed_fit_leaves_an_unfitted_classifier_unfitted(bad):
    clf = _small(**bad)
    with pytest.raises((ValueError, TypeError)):
        clf.fit(X40, Y40)
    assert not hasattr(clf, "classes_") and not hasattr(clf, "network_")
    with pytest.raises(NotFittedError, match="not fitted yet"):
        clf.predict(X40[:3])


@pytest.mark.parametrize("bad", [dict(eta=-1), dict(mu=1.5), dict(epochs=0)])
def test_a_failed_refit_keeps_the_model_of_the_last_good_fit(bad):
    clf = _small(seed=0).fit(X40, Y40)
    network, history, score = clf.network_, clf.history_, clf.score(X40, Y40)
    assert score > 0.7
    clf.set_params(**bad)
    with pytest.raises(ValueError, match=next(iter(bad))):
        clf.fit(X40, Y40)
    assert clf.network_ is network and clf.history_ is history
    assert clf.score(X40, Y40) == score


def test_a_refit_on_new_labels_that_fails_keeps_the_old_classes():
    clf = _small().fit(X40, Y40)
    with pytest.raises(ValueError, match="X must contain only finite numbers"):
        clf.fit(np.r_[X40[:-1], [[np.nan, 0.0]]], np.where(Y40 == 1, "a", "b"))
    assert clf.classes_.tolist() == [0.0, 1.0] and clf.n_features_in_ == 2


def test_a_callback_that_raises_leaves_the_classifier_as_it_was():
    def stop(epoch, network, history):
        raise KeyboardInterrupt
    clf = _small()
    with pytest.raises(KeyboardInterrupt):
        clf.fit(X40, Y40, callback=stop)
    assert not hasattr(clf, "network_")


# --- 8. labels given as objects ---------------------------------------------------------

@pytest.mark.parametrize("labels", [
    np.where(Y40 == 1, "yes", "no").astype(object),
    Y40.astype(int).astype(object),
    np.where(Y40 == 1, "yes", "no").astype("S"),
    np.where(Y40 == 1, "yes", "no").astype("S").astype(object),
])
def test_object_labels_of_one_kind_are_accepted(labels):
    clf = _small().fit(X40, labels)
    assert len(clf.classes_) == 2
    assert clf.score(X40, labels) > 0.7


def test_object_string_labels_come_back_as_strings():
    clf = _small().fit(X40, np.where(Y40 == 1, "yes", "no").astype(object))
    assert clf.classes_.tolist() == ["no", "yes"]
    assert set(clf.predict(X40).tolist()) <= {"no", "yes"}


@pytest.mark.parametrize("labels,message", [
    (np.array([1, "a"] * 20, dtype=object), "but it mixes int, str"),
    ([1, "a"] * 20, "but it mixes int, str"),
    ([None] * 40, "but it holds NoneType"),
    (np.array(["a", b"b"] * 20, dtype=object), "but it mixes bytes, str"),
])
def test_labels_of_mixed_kinds_are_refused(labels, message):
    with pytest.raises(TypeError, match=rf"^y must hold labels of one kind \(all numbers, all "
                                        rf"strings, all bytes or all booleans\), {message}$"):
        _small().fit(X40, labels)


def test_object_labels_must_be_finite_numbers():
    with pytest.raises(ValueError, match="y must contain only finite numbers"):
        as_labels(np.array([0.0, np.nan], dtype=object), "y")


# --- 2... (see test_training_divergence.py) ----------------------------------------------

# --- 3. the perceptron's starting bias ------------------------------------------------

@pytest.mark.parametrize("b_init,error,message", [
    (float("nan"), ValueError, "b_init must be a finite number, but it is nan"),
    (float("inf"), ValueError, "b_init must be a finite number, but it is inf"),
    ("a", TypeError, "b_init must be a number, not str"),
    ([1.0], TypeError, "b_init must be a number, not list"),
])
def test_perceptron_checks_b_init_like_w_init(b_init, error, message):
    with pytest.raises(error, match=f"^{message}$"):
        Perceptron(b_init=b_init).fit(*and_gate())


@pytest.mark.parametrize("kwargs", [dict(b_init=1e308), dict(b_init=-1e308),
                                    dict(w_init=[1e300, 0.0])])
def test_perceptron_refuses_a_start_no_update_can_change(kwargs):
    """Adding 1 to 1e308 gives 1e308: the rule could never converge, whatever the data."""
    with pytest.raises(ValueError, match=r"^w_init and b_init must be small enough for an "
                                         r"update to change them, but adding or subtracting "
                                         r"the case .* leaves w = .* as they are \(rounding\)"):
        Perceptron(**kwargs).fit(*and_gate())


def test_perceptron_with_a_large_but_usable_start_still_learns_and():
    assert Perceptron(b_init=-3.0, max_epochs=50).fit(*and_gate()).converged_


# --- 4. finite differences need float arrays and a sensible step ------------------------

_INT = r"entry 0 is an array of dtype int64; convert it with np\.asarray\(\.\.\., dtype=float\)$"


@pytest.mark.parametrize("estimate", [numerical_gradient, finite_differences])
def test_integer_parameters_are_refused_not_rounded(estimate):
    w = np.array([3])
    with pytest.raises(TypeError, match=r"^params must be a list of float numpy arrays .*" + _INT):
        estimate(lambda: float(w[0] ** 2), [w])


@pytest.mark.parametrize("estimate", [numerical_gradient, finite_differences])
@pytest.mark.parametrize("params,message", [
    ([[1.0, 2.0]], "entry 0 is a list"),
    (np.array([1.0, 2.0]), "but it is ndarray"),
])
def test_parameters_must_be_a_list_of_arrays(estimate, params, message):
    with pytest.raises(TypeError, match=f"^params must be a list of float numpy arrays.*{message}"):
        estimate(lambda: 1.0, params)


@pytest.mark.parametrize("estimate", [numerical_gradient, finite_differences])
@pytest.mark.parametrize("error,kind,message", [
    (lambda: None, TypeError, r"^error must return one number \(the error\), but it returned None"),
    (lambda: "1", TypeError, r"^error must return one number"),
    (lambda: np.array([1.0, 2.0]), TypeError, r"^error must return one number"),
    (lambda: float("nan"), ValueError, r"^error must return a finite number, but it returned nan"),
    (1.0, TypeError, r"^error must be a function of no arguments that returns the error"),
])
def test_the_error_function_must_give_one_finite_number(estimate, error, kind, message):
    w = np.array([3.0])
    with pytest.raises(kind, match=message):
        estimate(error, [w])
    assert w[0] == 3.0                    # restored, even after the error


@pytest.mark.parametrize("eps", [1e-300, 1e-16, 2.0, 1e300])
def test_numerical_gradient_refuses_steps_that_round_away_or_overflow(eps):
    w = np.array([3.0])
    with pytest.raises(ValueError, match=r"^eps must lie between 1e-15 and 1, but it is"):
        numerical_gradient(lambda: float(w[0] ** 2), [w], eps=eps)


def test_numerical_gradient_refuses_a_step_lost_on_a_large_entry():
    w = np.array([1e10])
    with pytest.raises(ValueError, match=r"^eps must be large enough to change every entry"):
        numerical_gradient(lambda: float(w[0]), [w], eps=1e-10)


@pytest.mark.parametrize("eps", [1e-1, 1e-4, 1e-7, 1e-10, 1e-13])
def test_numerical_gradient_keeps_the_steps_chapter_5_compares(eps):
    w = np.array([0.5])
    estimate = numerical_gradient(lambda: float(w[0] ** 2), [w], eps=eps)[0][0]
    assert estimate == pytest.approx(1.0, abs=1e-2)


def test_relative_error_checks_shapes_and_cannot_overflow():
    assert relative_error([1e200], [2e200]) == pytest.approx(1 / 3)
    assert relative_error([1e300, 1e300], [1e300, 1e300]) == 0.0
    with pytest.raises(ValueError, match=r"^a and b must have the same shape, but they have "
                                         r"\(2,\) and \(3,\)$"):
        relative_error([1, 2], [1, 2, 3])
    with pytest.raises(ValueError, match="a must contain only finite numbers"):
        relative_error([np.nan], [1.0])
    with pytest.raises(TypeError, match="a must be an array of numbers"):
        relative_error("a", "b")


# --- 5. backprop's loss is computed inside the overflow guard ---------------------------

@pytest.mark.parametrize("activation,loss", [("sigmoid", "half_sse"), ("linear", "mse")])
def test_backprop_raises_instead_of_returning_an_infinite_loss(activation, loss):
    net = FeedForwardNetwork((2, 3, 1), activation, seed=0)
    with pytest.raises(ValueError, match=r"^backpropagation overflowed: X, T or the weights are "
                                         r"too large"):
        net.backprop([[1.0, 1.0]], [[1e200]], loss)


def test_backprop_still_gives_its_loss():
    net = FeedForwardNetwork((2, 3, 1), seed=0)
    grads = net.backprop([[1.0, 1.0]], [[1.0]])
    assert np.isfinite(grads.loss) and grads.loss > 0


# --- 6. an optimizer's step ---------------------------------------------------------------

@pytest.mark.parametrize("optimizer", [GradientDescent(0.1), Momentum(0.1, 0.9)])
@pytest.mark.parametrize("grad", [np.nan, np.inf])
def test_a_step_refuses_gradients_that_are_not_finite(optimizer, grad):
    w = np.array([1.0])
    with pytest.raises(ValueError, match=r"^grads\[0\] must contain only finite numbers"):
        optimizer.fresh().step([w], [np.array([grad])], 0)
    assert w[0] == 1.0


@pytest.mark.parametrize("optimizer", [GradientDescent(1e308), Momentum(1e308, 0.9)])
def test_a_step_that_would_overflow_changes_nothing(optimizer):
    w, v = np.array([1.0]), np.array([2.0])
    with pytest.raises(ValueError, match=r"^eta times grads must be small enough for the updated "
                                         r"parameters to stay finite numbers, but with eta = "
                                         r"1e\+308 they overflow"):
        optimizer.fresh().step([v, w], [np.array([0.0]), np.array([10.0])], 0)
    assert w[0] == 1.0 and v[0] == 2.0


def test_a_step_takes_gradients_as_lists():
    w = np.array([1.0])
    GradientDescent(0.1).step([w], [[1.0]], 0)
    assert w[0] == pytest.approx(0.9)


def test_a_step_refuses_integer_parameters_by_name():
    with pytest.raises(TypeError, match=r"^params must be a list of float numpy arrays \(they "
                                         r"are updated in place, and an integer array cannot "
                                         r"hold a step such as 0\.1\), but entry 0 is an array "
                                         r"of dtype int64; convert it with np\.asarray"):
        GradientDescent(0.1).step([np.array([1])], [np.array([1.0])], 0)


# --- 7. names that are not strings ------------------------------------------------------

@pytest.mark.parametrize("name", [["mse"], np.array(["mse"]), {}, {"mse": 1}])
def test_get_loss_refuses_unhashable_names_with_its_message(name):
    with pytest.raises(TypeError, match=r"^loss must be one of binary_cross_entropy, "
                                        r"categorical_cross_entropy, half_sse, mse \(a name\) or a "
                                        r"Loss, but it is"):
        get_loss(name)


@pytest.mark.parametrize("name", [["relu"], np.array(["relu"]), {"relu"}])
def test_get_activation_refuses_unhashable_names_with_its_message(name):
    with pytest.raises(TypeError, match=r"^activation must be one of arctan, linear, relu, "
                                        r"sigmoid, softmax, step, tanh \(a name\) or an "
                                        r"Activation, but it is"):
        get_activation(name)


def test_train_names_a_list_loss():
    X, t = xor()
    with pytest.raises(TypeError, match=r"^loss must be one of .* or a Loss, but it is \['mse'\] "
                                        r"\(list\)$"):
        train(FeedForwardNetwork((2, 3, 1)), X, t, loss=["mse"])


# --- 9. train_epoch -----------------------------------------------------------------------

def _epoch(net, **kwargs):
    X, t = xor()
    arguments = dict(loss="mse", optimizer=GradientDescent(0.1), epoch=0, batch_size=2,
                     rng=np.random.default_rng(0))
    arguments.update(kwargs)
    return train_epoch(net, X, t, **arguments)


def test_train_epoch_checks_a_reused_momentum_against_the_network():
    momentum = Momentum(0.1, 0.9)
    _epoch(FeedForwardNetwork((2, 3, 1)), optimizer=momentum)
    with pytest.raises(ValueError, match=r"^params have shapes .*, but this Momentum built up "
                                         r"its velocity on shapes .*; use optimizer\.fresh\(\)"):
        _epoch(FeedForwardNetwork((2, 4, 1)), optimizer=momentum)


def test_train_epoch_says_what_rng_is_for_without_blaming_dropout():
    with pytest.raises(TypeError) as info:
        _epoch(FeedForwardNetwork((2, 3, 1)), rng=None)
    assert str(info.value).startswith("rng must be a numpy.random.Generator, such as "
                                      "numpy.random.default_rng(0) (it shuffles the samples")
    assert "when dropout is used" not in str(info.value)


# --- 10. categorical cross-entropy needs a softmax output -----------------------------

@pytest.mark.parametrize("sizes,activation,what", [
    ((2, 3, 1), "sigmoid", "sigmoid, with 1 neuron"),
    ((2, 3, 2), "sigmoid", "sigmoid, with 2 neurons"),
])
def test_categorical_cross_entropy_needs_a_softmax_output(sizes, activation, what):
    X, t = xor()
    net = FeedForwardNetwork(sizes, activation)
    message = (r"^the categorical_cross_entropy loss needs a softmax output layer with one "
               rf"neuron per class \(at least 2\), but the output layer is {what}$")
    T = np.ones((4, sizes[-1])) / sizes[-1]
    with pytest.raises(ValueError, match=message):
        train(net, X, T, loss="categorical_cross_entropy", epochs=1)
    with pytest.raises(ValueError, match=message):
        net.backprop(X, T, loss="categorical_cross_entropy")


def test_categorical_cross_entropy_on_xor_labels_blames_the_output_layer_not_t():
    X, t = xor()
    with pytest.raises(ValueError, match="needs a softmax output layer"):
        train(FeedForwardNetwork((2, 3, 1)), X, t, loss="categorical_cross_entropy")


# --- 11. small ones ---------------------------------------------------------------------

def test_accuracy_takes_one_output_per_sample_as_a_1d_array():
    assert accuracy(np.array([0.9, 0.1]), np.array([1.0, 0.0])) == 1.0
    assert accuracy([[0.9], [0.4]], [[1.0], [1.0]]) == 0.5


@pytest.mark.parametrize("Y,T,message", [
    (np.ones((3, 1)), np.ones((2, 1)), r"^Y and T must have the same shape .* \(3, 1\) and \(2, 1\)$"),
    ([[np.nan]], [[1.0]], "^Y must contain only finite numbers"),
    (np.ones((2, 2, 2)), np.ones((2, 2, 2)), "^Y must have 1 or 2 dimension"),
])
def test_accuracy_names_bad_arguments(Y, T, message):
    with pytest.raises(ValueError, match=message):
        accuracy(Y, T)


def test_knows_nothing_loss_takes_a_loss_name():
    net = FeedForwardNetwork((2, 1))
    assert knows_nothing_loss(net, "mse", np.ones((2, 1))) == 0.25
    assert knows_nothing_loss(net, "mse", np.ones(2)) == 0.25
    with pytest.raises(ValueError, match="^loss must be one of"):
        knows_nothing_loss(net, "hinge", np.ones((2, 1)))
    with pytest.raises(ValueError, match=r"^T must have shape \(2, 1\)"):
        knows_nothing_loss(net, "mse", np.ones((2, 3)))
    with pytest.raises(TypeError, match="^network must be a FeedForwardNetwork"):
        knows_nothing_loss(None, "mse", np.ones((2, 1)))


@pytest.mark.parametrize("name,y,message", [
    ("sigmoid", 2.0, "between 0 and 1, but it contains 2.0"),
    ("sigmoid", -0.5, "between 0 and 1, but it contains -0.5"),
    ("tanh", 3.0, "between -1 and 1, but it contains 3.0"),
    ("relu", -1.0, "at least 0, but it contains -1.0"),
    ("arctan", 2.0, "between -1.5708 and 1.5708, but it contains 2.0"),
])
def test_derivative_from_outputs_refuses_outputs_the_activation_cannot_give(name, y, message):
    with pytest.raises(ValueError, match=f"^y must hold outputs of the {name} activation, "
                                         f"{message}$"):
        get_activation(name).derivative(y=y)


@pytest.mark.parametrize("name,y,slope", [("sigmoid", 0.5, 0.25), ("sigmoid", 1.0, 0.0),
                                          ("tanh", -1.0, 0.0), ("relu", 5.0, 1.0),
                                          ("linear", -7.0, 1.0)])
def test_derivative_from_outputs_on_outputs_in_range(name, y, slope):
    assert float(get_activation(name).derivative(y=y)) == slope


# --- found on the way: the same kinds elsewhere in the core modules ---------------------

def test_perceptron_refuses_inputs_whose_weighted_sums_overflow():
    X = np.array([[1e308, 1e308], [-1e308, -1e308]])
    with pytest.raises(ValueError, match=r"^X, w_init and b_init must be small enough for the "
                                         r"weighted sums and updates to stay finite"):
        Perceptron(max_epochs=5).fit(X, [0, 1])


def test_a_failed_perceptron_fit_keeps_the_last_good_fit():
    p = Perceptron().fit(*and_gate())
    weights, history = p.weights_.copy(), p.history_
    p.b_init = float("nan")
    with pytest.raises(ValueError, match="b_init"):
        p.fit(*and_gate())
    p.b_init = 1e308
    with pytest.raises(ValueError, match="w_init and b_init must be small enough"):
        p.fit(*and_gate())
    assert np.array_equal(p.weights_, weights) and p.history_ is history and p.converged_


@pytest.mark.parametrize("bias", ["False", 0, 1, None])
def test_network_bias_must_be_true_or_false(bias):
    """bool("False") is True: the string once gave a network with biases."""
    with pytest.raises(TypeError, match=rf"^bias must be True or False, but it is {bias!r}"):
        FeedForwardNetwork((2, 1), bias=bias)


def test_dropout_on_a_network_without_hidden_layers_is_refused():
    """There is nothing to drop: the rate used to be ignored in silence."""
    X, t = xor()
    message = (r"^dropout must be 0 for a network without hidden layers \(it drops hidden "
               r"units, and \(2, 1\) has none\), but it is 0\.5$")
    with pytest.raises(ValueError, match=message):
        train(FeedForwardNetwork((2, 1)), X, t, dropout=0.5)
    with pytest.raises(ValueError, match=message):
        NetworkClassifier((), dropout=0.5, epochs=3).fit(X40, Y40)


def test_a_callback_that_cannot_take_three_arguments_is_named_before_training():
    X, t = xor()
    with pytest.raises(TypeError, match=r"^callback must be callable as callback\(epoch, "
                                        r"network, history\), but '<lambda>' cannot take those "
                                        r"three arguments \(it takes \(e\)\)$"):
        train(FeedForwardNetwork((2, 2, 1)), X, t, callback=lambda e: None)


def test_a_schedule_that_cannot_take_the_epoch_is_named():
    with pytest.raises(TypeError, match=r"^eta must be a number or a schedule called as "
                                        r"eta\(epoch\), but '<lambda>' cannot take one argument"):
        GradientDescent(lambda: 0.1)


@pytest.mark.parametrize("epoch", ["a", 1.5, -1])
def test_learning_rate_checks_the_epoch(epoch):
    with pytest.raises((TypeError, ValueError), match="^epoch must be an integer >= 0"):
        GradientDescent(0.1).learning_rate(epoch)


def test_arctan_derivative_of_a_huge_logit_is_zero_without_a_warning():
    from ffnn_edu.nn.activations import arctan_derivative
    assert float(arctan_derivative(1e308)) == 0.0
    assert float(arctan_derivative(-1e200)) == 0.0


@pytest.mark.parametrize("z", [1.0, np.ones((2, 2, 2))])
def test_the_softmax_activation_needs_rows_of_logits(z):
    with pytest.raises(ValueError, match=r"^z must have 1 or 2 dimension\(s\) for softmax"):
        get_activation("softmax")(z)


@pytest.mark.parametrize("sizes,activation,T,message", [
    ((2, 3, 1), "sigmoid", np.full(4, 5.0), "sigmoid output layer can reach, between 0 and 1, "
                                             "but it contains 5.0"),
    ((2, 3, 1), "tanh", np.full(4, -2.0), "tanh output layer can reach, between -1 and 1, but "
                                           "it contains -2.0"),
    ((2, 3, 1), "relu", np.full(4, -1.0), "relu output layer can reach, at least 0, but it "
                                           "contains -1.0"),
])
def test_training_towards_targets_no_output_can_reach_is_refused(sizes, activation, T, message):
    """A sigmoid trained towards 5 used to train, its loss stuck near 16 for ever."""
    X, _ = xor()
    with pytest.raises(ValueError, match=f"^T must lie where the {message}$"):
        train(FeedForwardNetwork(sizes, activation), X, T, loss="mse", epochs=2)


def test_validation_targets_are_checked_against_the_output_layer_too():
    X, t = xor()
    with pytest.raises(ValueError, match="^validation T must lie where the sigmoid output"):
        train(FeedForwardNetwork((2, 3, 1)), X, t, validation=(X, t + 1), epochs=2)
