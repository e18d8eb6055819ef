"""Bad input gets a clear error that names the argument and says what was expected."""
import numpy as np
import pytest

from ffnn_edu import (FeedForwardNetwork, GradientDescent, Momentum, NetworkClassifier,
                      Regularizer, gradient_check, train)
from ffnn_edu.nn.activations import get_activation, sigmoid
from ffnn_edu.nn.datasets import read_csv, two_moons
from ffnn_edu.nn.delta_rule import delta_rule_update
from ffnn_edu.nn.dropout import dropout_mask
from ffnn_edu.nn.losses import binary_cross_entropy, get_loss, half_sse
from ffnn_edu.nn.neuron import layer_logits, logit
from ffnn_edu.nn.perceptron import Perceptron, perceptron_update
from ffnn_edu.nn.preprocessing import Standardizer, train_val_test_split
from ffnn_edu.nn.schedules import step_decay
from ffnn_edu.show.sliders import SliderFigure


@pytest.fixture
def net():
    return FeedForwardNetwork((2, 3, 1), seed=0)


def test_wrong_number_of_input_columns(net):
    with pytest.raises(ValueError, match=r"X must have 2 columns .* shape \(4, 3\)"):
        net.forward(np.zeros((4, 3)))


def test_targets_with_the_wrong_shape(net):
    with pytest.raises(ValueError, match=r"T must have shape \(4, 1\) .* shape \(3, 1\)"):
        net.backprop(np.zeros((4, 2)), np.zeros((3, 1)))
    with pytest.raises(ValueError, match=r"T must have shape \(4, 1\) .* shape \(4, 2\)"):
        net.backprop(np.zeros((4, 2)), np.zeros((4, 2)))


X4 = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
TWO_OUT = r"T must have shape \(4, 2\) \(one row per sample, one column per output neuron\)"


@pytest.mark.parametrize("T,shape", [
    ([0, 1, 1, 1], r"\(4,\)"),              # labels for a two-output network
    ([[0, 1], [1, 0]], r"\(2, 2\)"),        # too few rows
    (np.zeros((4, 3)), r"\(4, 3\)"),        # too many columns
    (np.zeros((4, 2, 1)), None),            # three dimensions
])
def test_every_target_mismatch_names_T_and_the_expected_shape(T, shape):
    net = FeedForwardNetwork((2, 3, 2))
    pattern = TWO_OUT + r", but it has shape " + shape if shape else r"T must have 1 or 2 dim"
    for call in (lambda: train(net, X4, T, epochs=1),
                 lambda: net.backprop(X4, T),
                 lambda: gradient_check(net, X4, T)):
        with pytest.raises(ValueError, match=pattern):
            call()


@pytest.mark.parametrize("make,name", [
    (lambda net: train(net, np.empty((0, 2)), np.empty(0)), "X"),
    (lambda net: train(net, np.empty((4, 0)), np.zeros(4)), "X"),
    (lambda net: train(net, X4, np.empty(0)), "T"),
    (lambda net: train(net, X4, np.zeros(4), validation=(np.empty((0, 2)), np.empty(0))),
     "validation X"),
    (lambda net: net.backprop(np.empty((0, 2)), np.empty((0, 1))), "X"),
    (lambda net: net.forward([]), "X"),
    (lambda net: gradient_check(net, np.empty((0, 2)), np.empty((0, 1))), "X"),
    (lambda net: half_sse([], []), "y"),
    (lambda net: binary_cross_entropy(np.empty((0, 1)), np.empty((0, 1))), "y"),
    (lambda net: NetworkClassifier(epochs=1).fit(np.empty((0, 2)), []), "X"),
    (lambda net: NetworkClassifier(epochs=1).fit(np.empty((3, 0)), [0, 1, 0]), "X"),
    (lambda net: NetworkClassifier(epochs=1).fit(X4, []), "y"),
    (lambda net: Perceptron().fit(np.empty((0, 2)), []), "X"),
    (lambda net: delta_rule_update(np.empty((0, 3)), [], [1.0, 2.0, 3.0], eta=0.1), "x"),
    (lambda net: logit([], []), "x"),
    (lambda net: Standardizer().fit(np.empty((0, 2))), "X"),
])
def test_empty_data_is_refused_by_name(net, make, name):
    with pytest.raises(ValueError, match=rf"^{name} must (not be empty|hold at least one)"):
        make(net)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_and_infinity_in_inputs_are_refused(net, bad):
    X = np.zeros((3, 2))
    X[1, 0] = bad
    with pytest.raises(ValueError, match=r"X must contain only finite numbers.*\(1, 0\)"):
        net.forward(X)
    with pytest.raises(ValueError, match="T must contain only finite numbers"):
        train(net, np.zeros((3, 2)), [0.0, bad, 1.0])


def test_non_numeric_input_is_a_type_error(net):
    with pytest.raises(TypeError, match="X must be an array of numbers"):
        net.forward([["a", "b"]])
    with pytest.raises(TypeError, match="z must be an array of numbers"):
        sigmoid("0.5")


def test_setting_weights_of_the_wrong_shape(net):
    with pytest.raises(ValueError, match=r"weights\[0\] must have shape \(2, 3\)"):
        net.set_weights([np.zeros((3, 2)), np.zeros((3, 1))], [np.zeros(3), np.zeros(1)])
    with pytest.raises(ValueError, match="biases were given"):
        FeedForwardNetwork((2, 1), bias=False).set_weights([np.zeros((2, 1))], [np.zeros(1)])
    with pytest.raises(ValueError, match="weights must hold 2 matrices"):
        net.set_weights([np.zeros((2, 3))])


def test_bad_architectures():
    with pytest.raises(ValueError, match="layer_sizes needs at least"):
        FeedForwardNetwork((3,))
    with pytest.raises(ValueError, match="every entry of layer_sizes must be an integer >= 1"):
        FeedForwardNetwork((3, 0, 1))
    with pytest.raises(ValueError, match="one function per non-input layer"):
        FeedForwardNetwork((3, 2, 1), ["relu"])
    with pytest.raises(ValueError, match="activation must be one of"):
        get_activation("softplus")
    with pytest.raises(ValueError, match="loss must be one of"):
        get_loss("hinge")


def test_labels_outside_0_1_for_the_binary_loss(net):
    with pytest.raises(ValueError, match="t must contain only the labels 0 and 1, but it contains 2.0"):
        binary_cross_entropy([[0.3]], [[2.0]])
    with pytest.raises(ValueError, match="^T must contain only the labels 0 and 1"):
        train(net, np.zeros((2, 2)), [0.0, 0.5], loss="binary_cross_entropy")
    with pytest.raises(ValueError, match="^validation T must contain only the labels 0 "
                                         "and 1, but it contains 2.0"):
        train(net, np.zeros((2, 2)), [0.0, 1.0], loss="binary_cross_entropy",
              validation=(np.zeros((2, 2)), [0.0, 2.0]))
    with pytest.raises(ValueError, match="y must lie in"):
        binary_cross_entropy([[1.5]], [[1.0]])


def test_classifier_refuses_bad_labels_and_settings():
    X, _ = two_moons(20, seed=0)
    with pytest.raises(ValueError, match="y must contain only finite numbers"):
        NetworkClassifier(epochs=1).fit(X, np.r_[np.zeros(19), np.nan])
    with pytest.raises(ValueError, match="y must contain at least two classes, but it "
                                         "contains only 'yes'"):
        NetworkClassifier(epochs=1).fit(X, ["yes"] * 20)
    with pytest.raises(ValueError, match="y must be 1-D"):
        NetworkClassifier(epochs=1).fit(X, np.zeros((20, 1)))
    clf = NetworkClassifier(epochs=1).fit(X, np.r_[np.zeros(10), np.ones(10)])
    with pytest.raises(ValueError, match="y contains the label 2, which is not one of the "
                                         "classes seen in fit"):
        clf.score(X, np.full(20, 2))
    with pytest.raises(ValueError, match="X must have 2 columns"):
        clf.predict(np.zeros((3, 5)))
    with pytest.raises(ValueError, match="penalty must be 'l1' or 'l2', but it is 'l1l2'"):
        NetworkClassifier(penalty="l1l2", lam=0.1, epochs=1).fit(
            X, np.r_[np.zeros(10), np.ones(10)])
    with pytest.raises(ValueError, match="loss must be one of cross_entropy"):
        NetworkClassifier(loss="hinge", epochs=1).fit(X, np.r_[np.zeros(10), np.ones(10)])


@pytest.mark.parametrize("make", [
    lambda: GradientDescent(eta=-0.1),
    lambda: GradientDescent(eta=0),
    lambda: Momentum(eta=0.1, mu=1.0),
    lambda: Momentum(eta=0.1, mu=-0.5),
    lambda: Regularizer("l2", lam=-1),
    lambda: step_decay(0.1, factor=1.5),
    lambda: dropout_mask((2, 2), 1.0, np.random.default_rng(0)),
    lambda: delta_rule_update([1.0], 1.0, [0.0], eta=-1),
])
def test_negative_or_out_of_range_rates(make):
    with pytest.raises(ValueError, match="must be"):
        make()


def test_bad_training_settings(net):
    X, t = np.zeros((4, 2)), np.zeros(4)
    with pytest.raises(ValueError, match="epochs must be an integer >= 1, but it is 0"):
        train(net, X, t, epochs=0)
    with pytest.raises(ValueError, match="batch_size must be an integer >= 1"):
        train(net, X, t, batch_size=0)
    with pytest.raises(ValueError, match="dropout must be < 1"):
        train(net, X, t, dropout=1.0)
    with pytest.raises(ValueError, match="patience .* needs validation data"):
        train(net, X, t, patience=3)
    with pytest.raises(ValueError, match="kind must be 'l1' or 'l2'"):
        Regularizer("l3", 0.1)
    with pytest.raises(TypeError, match="eta must be a number"):
        GradientDescent(eta="fast")


def test_a_schedule_that_goes_negative_is_caught():
    opt = GradientDescent(eta=lambda epoch: 0.1 - 0.05 * epoch)
    X, y = two_moons(20, seed=0)
    with pytest.raises(ValueError, match="eta must be > 0, but it is 0.0"):
        train(FeedForwardNetwork((2, 2, 1)), X, y, optimizer=opt, epochs=5)


def test_single_neuron_functions_check_their_arguments():
    with pytest.raises(ValueError, match="x has 2 inputs per sample but w has 3 weights"):
        logit([1, 2], [1, 2, 3])
    with pytest.raises(ValueError, match=r"x has 2 inputs per sample but W has 1 row\(s\)"):
        layer_logits([1, 2], [[1, 2, 3]])
    with pytest.raises(ValueError, match="t must contain only the labels 0 and 1"):
        perceptron_update([0.3, 0.4], 2, [1, 1], 0)
    with pytest.raises(ValueError, match="X and t must have the same number of rows"):
        Perceptron().fit([[0, 0], [1, 1]], [0, 1, 1])
    with pytest.raises(ValueError, match="y and t must have the same shape"):
        half_sse([[1.0, 2.0]], [[1.0]])


def test_csv_with_a_non_numeric_cell(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("a,b,label\n1,2,0\n3,x,1\n")
    with pytest.raises(ValueError, match=r"data.csv, line 3, column 'b': 'x' is not a finite number"):
        read_csv(path, target="label")


def test_csv_with_missing_things(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(ValueError, match=r"has no column 'label'; its columns are \['a', 'b'\]"):
        read_csv(path, target="label")
    path.write_text("a,b\n1,2\n3\n")
    with pytest.raises(ValueError, match="line 3: expected 2 cells, found 1"):
        read_csv(path)
    path.write_text("a,b\n1,\n")
    with pytest.raises(ValueError, match="column 'b': '' is not a finite number"):
        read_csv(path)
    path.write_text("a,b\n1,nan\n")
    with pytest.raises(ValueError, match="'nan' is not a finite number"):
        read_csv(path)
    path.write_text("")
    with pytest.raises(ValueError, match="is empty"):
        read_csv(path)
    path.write_text("a,b\n")
    with pytest.raises(ValueError, match="no data rows"):
        read_csv(path)


def test_bad_splits():
    X, y = np.zeros((10, 2)), np.zeros(10)
    with pytest.raises(ValueError, match="fractions must add up to 1, but they add up to 1.1"):
        train_val_test_split(X, y, (0.8, 0.2, 0.1))
    with pytest.raises(ValueError, match="too few to leave any for training"):
        train_val_test_split(X[:2], y[:2], (0.2, 0.4, 0.4))
    with pytest.raises(ValueError, match="X and y must have the same number of rows"):
        train_val_test_split(X, y[:5])
    with pytest.raises(ValueError, match="must have 2 columns, as when the Standardizer"):
        Standardizer().fit(X).transform(np.zeros((3, 3)))


def test_gradient_check_and_sliders_check_their_arguments(net):
    with pytest.raises(ValueError, match="eps must be > 0"):
        gradient_check(net, np.zeros((1, 2)), [[0.0]], eps=0)
    with pytest.raises(ValueError, match="alt must describe the figure"):
        SliderFigure(lambda eta: None, {"eta": [1]}, code="{eta}", alt=" ")
    with pytest.raises(ValueError, match="at least one value for every slider"):
        SliderFigure(lambda eta: None, {"eta": []}, code="{eta}", alt="x")
    with pytest.raises(ValueError, match="initial value 5 for 'eta' is not one of"):
        SliderFigure(lambda eta: None, {"eta": [1, 2]}, code="{eta}", initial={"eta": 5},
                     alt="x")
