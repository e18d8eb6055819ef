"""Bad input to the chapter modules (penalties, dropout, schedules, experiments, worked
examples, single neurons): a clear error naming the argument, never a silent NaN or
infinity, a raw numpy error from deep inside, or a wrong result. Each case once failed."""
import re

import numpy as np
import pytest

from ffnn_edu import NetworkClassifier, Regularizer
from ffnn_edu.nn.datasets import two_moons
from ffnn_edu.nn.dropout import dropout_mask
from ffnn_edu.nn.regularization import l1_norm, l2_norm
from ffnn_edu.nn.schedules import constant, exponential, inverse_time, step_decay


def _raises(error, message, make):
    with pytest.raises(error, match="^" + re.escape(message)):
        make()


RNG = np.random.default_rng(0)


# --- penalties ----------------------------------------------------------------------------

@pytest.mark.parametrize("error, message, make", [
    (ValueError, "weights[0] must contain only finite numbers",
     lambda: Regularizer("l2", 0.1).penalty([np.array([np.nan])], 10)),
    (ValueError, "weights[1] must contain only finite numbers",
     lambda: Regularizer("l1", 0.1).penalty([np.ones(2), np.array([np.inf])], 10)),
    (ValueError, "the weights or lam are too large: the penalty overflows",
     lambda: Regularizer("l2", 0.1).penalty([np.array([1e200])], 10)),
    (ValueError, "the weights or lam are too large: the penalty overflows",
     lambda: Regularizer("l2", 1e308).penalty([np.array([10.0])], 1)),
    (ValueError, "the weights or lam are too large: the penalty overflows",
     lambda: Regularizer("l1", 1e308).penalty([np.array([10.0])], 1)),
    (TypeError, "weights[0] must hold real numbers, but its dtype is complex128",
     lambda: Regularizer("l2", 0.1).gradient([np.array([1j])], 1)),
    (TypeError, "weights[0] must hold real numbers, but its dtype is <U1",
     lambda: Regularizer("l2", 0.1).penalty([np.array(["a"])], 1)),
    (ValueError, "weights[0] must be a float array (shrink changes it in place",
     lambda: Regularizer("l1", 0.1).shrink([np.array([1])], 0.5, 1)),
    (TypeError, "n must be an integer >= 1, but it is 10.0 (float)",
     lambda: Regularizer("l2", 0.1).penalty([np.ones(2)], 10.0)),
    (ValueError, "kind must be 'l1' or 'l2', but it is array(",
     lambda: Regularizer(np.array(["l2", "l1"]), 0.1)),
    (ValueError, "v is too large: the sum of |v_i| overflows", lambda: l1_norm([1e308, 1e308])),
    (ValueError, "v is too large: the sum of v_i squared overflows", lambda: l2_norm([1e200])),
    (TypeError, "v must be an array of numbers, not str", lambda: l2_norm("ab")),
])
def test_penalties_refuse_what_would_give_nan_or_infinity(error, message, make):
    _raises(error, message, make)


def test_penalties_of_integer_weights_are_right():
    reg = Regularizer("l2", 0.5)
    assert reg.penalty([np.array([[1, -2]])], n=10) == reg.penalty([np.array([[1.0, -2.0]])], 10)


def test_a_huge_l1_step_sets_the_weights_to_zero():
    w = np.array([1.0, -3.0])
    Regularizer("l1", 1e308).shrink([w], 1e308, 1)
    assert w.tolist() == [0.0, 0.0]


@pytest.mark.parametrize("batch_size", [1, None])
def test_a_penalty_that_blows_up_the_weights_is_reported_as_divergence(batch_size):
    """The training loop calls gradient on every minibatch; train names eta and lam."""
    X, y = two_moons(40, noise=0.1, seed=0)
    clf = NetworkClassifier((10,), eta=1, epochs=20, batch_size=batch_size, lam=1e6).fit(X, y)
    assert clf.history_.diverged
    assert "lam = 1e+06" in clf.history_.message


# --- dropout ------------------------------------------------------------------------------

@pytest.mark.parametrize("error, message, make", [
    (ValueError, "shape must be a tuple such as (n_samples, n_units) (or (n_units,) for one "
     "sample), but it is ()", lambda: dropout_mask((), 0.5, RNG)),
    (ValueError, "shape must be a tuple such as (n_samples, n_units) (or (n_units,) for one "
     "sample), but it is (2, 3, 4)", lambda: dropout_mask((2, 3, 4), 0.5, RNG)),
    (TypeError, "shape must be a tuple such as (n_samples, n_units), but it is 5 (int)",
     lambda: dropout_mask(5, 0.5, RNG)),
    (TypeError, "shape must be a tuple such as (n_samples, n_units), but it is 'ab' (str)",
     lambda: dropout_mask("ab", 0.5, RNG)),
    (TypeError, "every entry of shape must be an integer >= 1, but it is 2.0 (float)",
     lambda: dropout_mask((2.0,), 0.5, RNG)),
    (TypeError, "every entry of shape must be an integer >= 1, but it is True (bool)",
     lambda: dropout_mask((True, 2), 0.5, RNG)),
    (ValueError, "every entry of shape must be an integer >= 1, but it is 0",
     lambda: dropout_mask((0, 2), 0.5, RNG)),
    (ValueError, "shape (1000000000000, 1000000000000) asks for 1e+24 mask entries",
     lambda: dropout_mask((10 ** 12, 10 ** 12), 0.5, RNG)),
    (TypeError, "rate must be a number, not str", lambda: dropout_mask((2,), "0.5", RNG)),
    (ValueError, "rate must be a finite number, but it is nan",
     lambda: dropout_mask((2,), np.nan, RNG)),
    (TypeError, "rng must be a numpy.random.Generator, such as numpy.random.default_rng(0) "
     "(it draws the dropout masks)",
     lambda: dropout_mask((2,), 0.5, 0)),
    (TypeError, "rng must be a numpy.random.Generator, such as numpy.random.default_rng(0) "
     "(it draws the dropout masks)",
     lambda: dropout_mask((2,), 0.5, np.random.RandomState(0))),
])
def test_dropout_mask_refuses_odd_shapes_rates_and_generators(error, message, make):
    _raises(error, message, make)


def test_dropout_mask_takes_numpy_integers_and_one_sample():
    assert dropout_mask((np.int64(2), 3), 0.5, np.random.default_rng(0)).shape == (2, 3)
    assert dropout_mask([4], 0.0, np.random.default_rng(0)).tolist() == [1.0] * 4


# --- learning-rate schedules --------------------------------------------------------------

SCHEDULES = [constant(0.1), step_decay(0.1), inverse_time(0.1), exponential(0.1)]


@pytest.mark.parametrize("schedule", SCHEDULES)
@pytest.mark.parametrize("error, message, epoch", [
    (ValueError, "epoch must be an integer >= 0, but it is -1", -1),
    (TypeError, "epoch must be an integer >= 0, but it is 'a' (str)", "a"),
    (TypeError, "epoch must be an integer >= 0, but it is 2.5 (float)", 2.5),
    (TypeError, "epoch must be an integer >= 0, but it is None (NoneType)", None),
    (TypeError, "epoch must be an integer >= 0, but it is True (bool)", True),
    (ValueError, "epoch must be at most 2**53", 10 ** 400),
])
def test_schedules_refuse_bad_epochs(schedule, error, message, epoch):
    _raises(error, message, lambda: schedule(epoch))


@pytest.mark.parametrize("schedule, how", [
    (exponential(0.1, decay=1e3), "eta * exp(-decay * epoch)"),
    (inverse_time(0.1, decay=1e308), "eta / (1 + decay * epoch)"),
    (step_decay(0.1, factor=0.5, every=1), "eta * factor ** (epoch // every)"),
])
def test_schedules_refuse_a_learning_rate_decayed_to_zero(schedule, how):
    assert schedule(0) == 0.1
    _raises(ValueError, f"the learning rate has decayed to 0 by epoch 2000 ({how} is below "
            "the smallest float)", lambda: schedule(2000))


def test_schedules_take_numpy_integer_epochs():
    assert step_decay(0.8)(np.int64(10)) == 0.4


# --- printed values, learning curves, symmetry, worked examples ---------------------------

from ffnn_edu.experiments.learning_curves import after_the_turn  # noqa: E402
from ffnn_edu.experiments.printed_values import cut_off, decimals_221, how_printed  # noqa: E402
from ffnn_edu.experiments.symmetry import hidden_spread, train_and_track_spread  # noqa: E402
from ffnn_edu.nn.training import History  # noqa: E402
from ffnn_edu.experiments.worked_examples import backprop_221_network  # noqa: E402


def _history(**curves):
    base = dict(epoch=[0, 1], train_loss=[1.0, 0.5], val_loss=[1.0, 0.9],
                train_accuracy=[0.5, 0.6], val_accuracy=[0.5, 0.6])
    return History(**{**base, **curves})


@pytest.mark.parametrize("error, message, make", [
    (ValueError, "decimals must be an integer >= 0, but it is -1", lambda: cut_off(123.4, -1)),
    (ValueError, "decimals must be an integer from 0 to 300, but it is 400",
     lambda: cut_off(0.5, 400)),
    (TypeError, "decimals must be an integer >= 0, but it is 2.5 (float)",
     lambda: cut_off(0.5, 2.5)),
    (ValueError, "value must be a finite number, but it is nan", lambda: cut_off(np.nan, 2)),
    (TypeError, "value must be a number, not str", lambda: cut_off("0.5", 2)),
    (ValueError, "value times 10**decimals must stay a finite float, but 1e+300 with 10 "
     "decimals overflows", lambda: cut_off(1e300, 10)),
    (ValueError, "name must name a value printed in the 2-2-1 example",
     lambda: decimals_221("w9")),
    (TypeError, "name must be a string such as 'y_C', but it is None",
     lambda: decimals_221(None)),
    (TypeError, "printed must be a number, not str", lambda: how_printed("0.5", 0.5, 1)),
    (ValueError, "printed must be a finite number, but it is nan",
     lambda: how_printed(np.nan, 0.5, 1)),
    (ValueError, "exact must be a finite number, but it is inf",
     lambda: how_printed(0.5, np.inf, 1)),
    (TypeError, "decimals must be an integer >= 0, but it is 1.5 (float)",
     lambda: how_printed(0.5, 0.5, 1.5)),
    (TypeError, "history must be a History, but it is None", lambda: after_the_turn(None)),
    (TypeError, "history must be a History, but it is {", lambda: after_the_turn({})),
    (ValueError, "history.val_loss must contain only finite numbers",
     lambda: after_the_turn(_history(val_loss=[np.nan, 1.0]))),
    (ValueError, "history must hold one entry per epoch in each curve, but the lengths are "
     "{'epoch': 1, 'train_loss': 1, 'val_loss': 2, 'val_accuracy': 2}",
     lambda: after_the_turn(_history(epoch=[0], train_loss=[1.0]))),
    (TypeError, "network must be a FeedForwardNetwork, but it is None",
     lambda: hidden_spread(None)),
    (TypeError, "network must be a FeedForwardNetwork, but it is None",
     lambda: train_and_track_spread(None, [[0, 1]], [1], epochs=2)),
    (ValueError, "weights must give exactly the weights w1, w2, w3, w4, w5, w6, but its keys "
     "are ['w1']", lambda: backprop_221_network({"w1": 0.1})),
    (ValueError, "weights['w3'] must be a finite number, but it is nan",
     lambda: backprop_221_network({"w1": 0.1, "w2": 0.5, "w3": np.nan, "w4": 0.3,
                                   "w5": 0.2, "w6": 0.6})),
    (TypeError, "weights must be a dict such as {'w1': 0.1, ..., 'w6': 0.6} or None, but it "
     "is [1, 2] (list)", lambda: backprop_221_network([1, 2])),
])
def test_chapter_helpers_name_the_bad_argument(error, message, make):
    _raises(error, message, make)


# --- overfitting experiments --------------------------------------------------------------

from ffnn_edu.experiments.early_stopping import overfitting_experiment  # noqa: E402
from ffnn_edu.experiments.overfitting import (boundary_wiggliness, dropout_sweep,  # noqa: E402
                                  fit_recording_penalty, penalty_sweep)

XOR = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
T_XOR = np.array([0.0, 1.0, 1.0, 0.0])
LINE = (lambda G: (G[:, 0] > 0.5) * 1.0)


@pytest.mark.parametrize("error, message, make", [
    (TypeError, "lams must be a list of rates such as [0.0, 0.1], but it is 0.1 (float)",
     lambda: penalty_sweep(0.1, epochs=2)),
    (TypeError, "lams must be a list of rates such as [0.0, 0.1], but it is '0.1' (str)",
     lambda: penalty_sweep("0.1", epochs=2)),
    (ValueError, "lams must hold at least one rate, but it is empty",
     lambda: penalty_sweep([], epochs=2)),
    (ValueError, "every entry of lams must be a finite number, but it is nan",
     lambda: penalty_sweep([0.0, np.nan], epochs=2)),
    (ValueError, "kind must be 'l1' or 'l2', but it is array(",
     lambda: penalty_sweep([0.1], kind=np.array(["l1", "l2"]), epochs=2)),
    (TypeError, "data must be (X_train, y_train, X_test, y_test) or None, but it is a tuple "
     "of 2 items", lambda: penalty_sweep([0.1], data=(XOR, T_XOR), epochs=2)),
    (TypeError, "data must be (X_train, y_train, X_test, y_test) or None, but it is 5 (int)",
     lambda: penalty_sweep([0.1], data=5, epochs=2)),
    (ValueError, "X_train and y_train must have the same number of rows (samples), but they "
     "have 4 and 3", lambda: penalty_sweep([0.1], data=(XOR, T_XOR[:3], XOR, T_XOR))),
    (ValueError, "X_train and X_test must have the same number of columns (inputs), but they "
     "have 2 and 1", lambda: penalty_sweep([0.1], data=(XOR, T_XOR, XOR[:, :1], T_XOR))),
    (TypeError, "rates must be a list of rates such as [0.0, 0.1], but it is 0.5 (float)",
     lambda: dropout_sweep(0.5, epochs=2)),
    (ValueError, "every entry of rates must be < 1, but it is 1.0",
     lambda: dropout_sweep([0.0, 1.0], epochs=2)),
    (TypeError, "clf must be a NetworkClassifier, but it is None",
     lambda: fit_recording_penalty(None, XOR, T_XOR, XOR, T_XOR)),
    (TypeError, "predict must be callable as predict(points)",
     lambda: boundary_wiggliness(3, XOR)),
    (ValueError, "X must hold 2-D points, shape (n, 2), but it has shape (3, 3)", lambda: boundary_wiggliness(lambda G: G[:, 0], np.ones((3, 3)))),
    (ValueError, "the output of predict must contain only finite numbers",
     lambda: boundary_wiggliness(lambda G: np.full(len(G), np.nan), XOR)),
    (TypeError, "the output of predict must be an array of numbers",
     lambda: boundary_wiggliness(lambda G: np.array(["a"] * len(G)), XOR)),
    (ValueError, "predict must return probabilities in [0, 1], but it returned -2.5",
     lambda: boundary_wiggliness(lambda G: G[:, 0] - 2.0, XOR)),
    (ValueError, "margin must be a finite number, but it is nan",
     lambda: boundary_wiggliness(LINE, XOR, margin=np.nan)),
    (ValueError, "margin must be >= 0, but it is -10",
     lambda: boundary_wiggliness(LINE, XOR, margin=-10)),
    (ValueError, "X and margin are too large: the region around the points is wider than "
     "the largest float", lambda: boundary_wiggliness(LINE, XOR * 1e308, margin=1e308)),
    (ValueError, "resolution must be an integer >= 2, but it is 1",
     lambda: boundary_wiggliness(LINE, XOR, resolution=1)),
    (ValueError, "resolution must be an integer from 2 to 2000, but it is 1000000",
     lambda: boundary_wiggliness(LINE, XOR, resolution=10 ** 6)),
    (TypeError, "seed must be an integer >= 0, but it is 1.5 (float)",
     lambda: overfitting_experiment(1.5, epochs=2)),
    (TypeError, "seed must be an integer >= 0, but it is 'a' (str)",
     lambda: overfitting_experiment("a", epochs=2)),
    (TypeError, "patience must be an integer >= 1, but it is None",
     lambda: overfitting_experiment(0, epochs=2, patience=None)),
    (ValueError, "hidden must be an integer >= 1, but it is 0",
     lambda: overfitting_experiment(0, epochs=2, hidden=0)),
])
def test_overfitting_experiments_refuse_bad_settings_before_training(error, message, make):
    _raises(error, message, make)


def test_a_sweep_takes_string_labels():
    labels = ["a", "b", "b", "a"]
    run, = penalty_sweep([0.1], data=(XOR, labels, XOR, labels), epochs=2)
    assert run.classifier.classes_.tolist() == ["a", "b"]


# --- gradient flow, batch sizes, hidden layers, several classes ---------------------------

from ffnn_edu import FeedForwardNetwork  # noqa: E402
from ffnn_edu.experiments.batch_sizes import compare_batch_sizes, minibatch_gradient_cosines  # noqa: E402
from ffnn_edu.experiments.gradient_flow import (backward_factors, initial_weight_scale,  # noqa: E402
                                    layer_gradient_norms, residual_backward_norms)
from ffnn_edu.experiments.hidden_layers import (best_linear_accuracy, collapse_linear_layers,  # noqa: E402
                                    hidden_unit_functions, hidden_unit_lines,
                                    product_feature, train_many)
from ffnn_edu.experiments.multiclass import logit_gradient_numeric  # noqa: E402

NET = FeedForwardNetwork((2, 3, 1), seed=0)
X40, Y40 = two_moons(40, seed=0)


@pytest.mark.parametrize("error, message, make", [
    (TypeError, "network must be a FeedForwardNetwork, but it is None",
     lambda: layer_gradient_norms(None, XOR, T_XOR)),
    (TypeError, "network must be a FeedForwardNetwork, but it is None",
     lambda: backward_factors(None, XOR, T_XOR)),
    (ValueError, "network must have a hidden layer, but it has layer sizes (2, 1)",
     lambda: backward_factors(FeedForwardNetwork((2, 1)), XOR, T_XOR)),
    (ValueError, "the error signal arriving at layer 1 is zero (the outputs match the targets)",
     lambda: backward_factors(NET, XOR, NET.forward(XOR))),
    (TypeError, "rule must be 'lecun', 'glorot' or 'he', but it is array(",
     lambda: initial_weight_scale(np.array(["he", "x"]), 3)),
    (TypeError, "n_out must be an integer >= 1, but it is 'x' (str)",
     lambda: initial_weight_scale("lecun", 3, n_out="x")),
    (TypeError, "weights must be a list of square weight matrices, one per block, but it is 3",
     lambda: residual_backward_norms(3, [[0.0, 0.0]], [[1.0, 0.0]])),
    (ValueError, "weights must hold at least one block's matrix, but it is empty",
     lambda: residual_backward_norms([], [[0.0, 0.0]], [[1.0, 0.0]])),
    (ValueError, "weights[0] must have shape (2, 2) (square, as wide as h0), but it has shape "
     "(2, 3)", lambda: residual_backward_norms([np.ones((2, 3))], [[0.0, 0.0]], [[1.0, 0.0]])),
    (ValueError, "signal must have the shape of h0, (2, 2), but it has shape (1, 2)",
     lambda: residual_backward_norms([np.eye(2)], [[0, 0], [1, 1]], [[1.0, 0.0]])),
    (ValueError, "weights or h0 are too large: a block's logits overflow",
     lambda: residual_backward_norms([np.full((2, 2), 1e308)], [[1.0, 1.0]], [[1.0, 0.0]])),
    (TypeError, "batch_sizes must be a list of batch sizes (None for the full batch), but it "
     "is 16 (int)", lambda: compare_batch_sizes(X40, Y40, 16, updates=4, seeds=(0,))),
    (ValueError, "batch_sizes must hold at least one entry, but it is empty",
     lambda: compare_batch_sizes(X40, Y40, (), updates=4, seeds=(0,))),
    (TypeError, "every entry of seeds must be an integer >= 0, but it is 1.5 (float)",
     lambda: compare_batch_sizes(X40, Y40, (None,), updates=4, seeds=(1.5,))),
    (TypeError, "seeds must be a list of seeds, but it is 'ab' (str)",
     lambda: compare_batch_sizes(X40, Y40, (None,), updates=4, seeds="ab")),
    (ValueError, "eta = 10 makes the batch-size-1 run diverge; choose a smaller eta",
     lambda: compare_batch_sizes(X40, Y40 * 1e10, (1,), activation="linear", loss="mse",
                                 eta=10, updates=100, seeds=(0,))),
    (TypeError, "network must be a FeedForwardNetwork, but it is None",
     lambda: minibatch_gradient_cosines(None, XOR, T_XOR, 2)),
    (ValueError, "the full-batch gradient is zero, so it has no direction to compare",
     lambda: minibatch_gradient_cosines(NET, XOR, NET.forward(XOR), 2, loss="half_sse")),
    (ValueError, "X, T or the weights are too large: a gradient overflows",
     lambda: minibatch_gradient_cosines(FeedForwardNetwork((2, 3, 1), "linear", seed=0),
                                        XOR * 1e200, T_XOR, 2, loss="mse", draws=2)),
    (TypeError, "network must be a FeedForwardNetwork, but it is None",
     lambda: hidden_unit_lines(None)),
    (ValueError, "network must have 2 inputs and a hidden layer (layer sizes such as "
     "(2, 2, 1)), but it has layer sizes (2, 1)",
     lambda: hidden_unit_functions(FeedForwardNetwork((2, 1)))),
    (TypeError, "threshold must be a number, not str",
     lambda: hidden_unit_functions(NET, "a")),
    (ValueError, "X is too large: the product x1 * x2 overflows",
     lambda: product_feature([[1e200, 1e200]])),
    (TypeError, "network must be a FeedForwardNetwork, but it is None",
     lambda: collapse_linear_layers(None)),
    (ValueError, "the weights are too large: their product overflows",
     lambda: collapse_linear_layers(FeedForwardNetwork((2, 2, 1), "linear", weight_scale=1e200,
                                                       seed=0))),
    (ValueError, "X is too large: the distances between its points overflow",
     lambda: best_linear_accuracy(XOR * 1e200, T_XOR)),
    (TypeError, "seeds must be a list of seeds such as range(100), but it is 3 (int)",
     lambda: train_many((2, 2, 1), XOR, T_XOR, epochs=2, seeds=3)),
    (TypeError, "every entry of seeds must be an integer >= 0, but it is 1.5 (float)",
     lambda: train_many((2, 2, 1), XOR, T_XOR, epochs=2, seeds=[1.5])),
    (ValueError, "step must be <= 1, but it is 1e+308",
     lambda: logit_gradient_numeric([0.0, 1.0], [0, 1], step=1e308)),
    (ValueError, "step must move every logit to another float, but z + step rounds back to z",
     lambda: logit_gradient_numeric([1e308, 0.0], [0, 1])),
    (ValueError, "step must move every logit to another float, but z + step rounds back to z",
     lambda: logit_gradient_numeric([0.0, 1.0], [0, 1], step=1e-300)),
])
def test_measurements_refuse_what_they_cannot_measure(error, message, make):
    _raises(error, message, make)


def test_best_linear_accuracy_of_equal_points_is_not_a_perfect_line():
    """Two equal points fix no line: they once made every point count as separable."""
    assert best_linear_accuracy(np.zeros((4, 2)), T_XOR) == 0.5
    assert best_linear_accuracy(np.r_[XOR, XOR[:1]], np.r_[T_XOR, 0.0]) == 0.8


@pytest.mark.parametrize("error, message, make", [
    (ValueError, "epoch must be at most 3 (the epochs trained), but it is 99",
     lambda runs: runs.solved(99)),
    (TypeError, "epoch must be an integer >= 0, but it is 1.5 (float)",
     lambda runs: runs.solved(1.5)),
    (ValueError, "index must be a start number from 0 to 1, but it is 5",
     lambda runs: runs.network(5)),
    (ValueError, "index must be an integer >= 0, but it is -1", lambda runs: runs.network(-1)),
])
def test_many_runs_name_a_bad_epoch_or_start(error, message, make):
    runs = train_many((2, 2, 1), XOR, T_XOR, epochs=3, seeds=[0, 1])
    _raises(error, message, lambda: make(runs))


@pytest.mark.parametrize("error, message, update", [
    (TypeError, "update must be an integer >= 0, but it is 'a' (str)", "a"),
    (ValueError, "update must be one of the recorded update counts, but 7 is not", 7),
])
def test_batch_run_names_a_bad_update(error, message, update):
    run, = compare_batch_sizes(X40, Y40, (None,), updates=4, record_every=2, seeds=(0,))
    _raises(error, message, lambda: run.at_update(update))
    _raises(ValueError, "epoch must be an integer >= 0, but it is -1", lambda: run.at_epoch(-1))


# --- one neuron, class tables -------------------------------------------------------------

from ffnn_edu.nn.metrics import confusion_matrix  # noqa: E402
from ffnn_edu.nn.preprocessing import one_hot  # noqa: E402
from ffnn_edu.nn.neuron import neuron_output  # noqa: E402


@pytest.mark.parametrize("error, message, make", [
    (ValueError, "activation must act on one neuron's logit alone, but 'softmax' needs a whole "
     "layer of logits", lambda: neuron_output([[1.0], [2.0]], [1.0], activation="softmax")),
    (TypeError, "y_true must be an array of numbers", lambda: confusion_matrix(["a"], [0], 2)),
    (ValueError, "y_pred must be whole numbers from 0 to 1, but they include 2",
     lambda: confusion_matrix([0, 1], [0, 2], 2)),
    (ValueError, "n_classes = 10000000000 gives 1 x 10000000000 one-hot entries",
     lambda: one_hot([0], 10 ** 10)),
])
def test_single_neurons_and_class_tables_refuse_bad_input(error, message, make):
    _raises(error, message, make)


def test_the_softmax_of_one_neuron_once_mixed_the_samples():
    """neuron_output used to normalise a softmax over the samples: 0.27 and 0.73."""
    assert neuron_output([[1.0], [2.0]], [1.0]).tolist() == pytest.approx([0.731, 0.881],
                                                                         abs=1e-3)


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_penalty_gradient_and_shrink_refuse_non_finite_weights(bad):
    """The training loop calls them unchecked on the network's own weights (train reports a
    blow-up as a divergence); called directly, they refuse NaN and infinity by name."""
    weights = [np.array([[1.0, bad]])]
    with pytest.raises(ValueError, match=r"^weights\[0\] must contain only finite numbers"):
        Regularizer("l2", 0.1).gradient(weights, 10)
    with pytest.raises(ValueError, match=r"^weights\[0\] must contain only finite numbers"):
        Regularizer("l1", 0.1).shrink(weights, 0.5, 10)


def test_penalty_gradient_refuses_overflow():
    with pytest.raises(ValueError, match="the weights or lam are too large: the gradient "
                                         "overflows"):
        Regularizer("l2", 1e308).gradient([np.array([[1e10]])], 1)
