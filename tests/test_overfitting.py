"""The regularization chapter's claims, checked on the function the chapter calls, for
several seeds.

Chapter 7 says: without a penalty the 60-neuron network overfits its 40 noisy points
(training loss far below test loss, a boundary that bends around single points); a
moderate L2 penalty lowers the test loss and smooths the boundary; a too-large penalty
underfits (training and test loss both rise, the boundary becomes a straight line).
"""

import numpy as np
import pytest

from ffnn_edu.experiments.early_stopping import overfitting_experiment
from ffnn_edu.experiments.overfitting import (
    MAX_RESOLUTION,
    MAX_SWEEP,
    SETTINGS,
    boundary_wiggliness,
    dropout_sweep,
    fit_recording_penalty,
    overfitting_moons,
    penalty_sweep,
)
from ffnn_edu.nn.classifier import NetworkClassifier
from ffnn_edu.nn.regularization import Regularizer

from helpers import refuses

NONE, MODERATE, LARGE = 0.0, 0.1, 3.0


@pytest.fixture(scope="module", params=[0, 1, 2], ids=lambda s: f"seed {s}")
def runs(request):
    return dict(
        zip(
            (NONE, MODERATE, LARGE),
            penalty_sweep([NONE, MODERATE, LARGE], seed=request.param),
        )
    )


def test_without_a_penalty_the_network_overfits(runs):
    run = runs[NONE]
    # (margin: numpy versions differ in the last digits)
    assert run.test_loss > 2 * run.train_loss
    assert run.wiggliness > 1.3  # bends: a line crosses it 1.3 times or more
    h = run.classifier.history_
    # the test loss fell, then climbed again
    assert min(h.val_loss) < 0.8 * h.val_loss[-1]


def test_a_moderate_penalty_lowers_the_test_loss_and_smooths_the_boundary(runs):
    assert runs[MODERATE].test_loss < 0.75 * runs[NONE].test_loss
    assert runs[MODERATE].test_error <= runs[NONE].test_error
    assert runs[MODERATE].wiggliness < runs[NONE].wiggliness
    # the gap is small
    assert runs[MODERATE].test_loss < 1.5 * runs[MODERATE].train_loss


def test_a_too_large_penalty_underfits(runs):
    large, moderate = runs[LARGE], runs[MODERATE]
    assert large.train_loss > 1.5 * moderate.train_loss
    assert large.test_loss > moderate.test_loss
    assert large.test_error > moderate.test_error
    assert large.wiggliness == pytest.approx(1.0)  # a straight line


def test_the_recorded_penalty_is_the_regularizers_value_of_the_final_weights(runs):
    run = runs[MODERATE]
    assert len(run.penalty) == SETTINGS["epochs"]
    n = len(run.X_train)
    expected = Regularizer("l2", MODERATE).penalty(run.classifier.network_.weights, n)
    assert run.penalty[-1] == pytest.approx(expected, rel=1e-12)
    assert runs[NONE].penalty == [0.0] * SETTINGS["epochs"]


def test_overfitting_moons_and_sweep_check_their_arguments():
    X_train, _y_train, _X_test, y_test = overfitting_moons(n_train=10, n_test=20)
    assert X_train.shape == (10, 2) and y_test.shape == (20,)
    with pytest.raises(ValueError, match="kind must be 'l1' or 'l2'"):
        penalty_sweep([0.1], kind="l3")
    with pytest.raises(
        ValueError, match=r"penalty_sweep\(\) got an unknown setting 'mu'"
    ):
        penalty_sweep([0.1], mu=0.5)


def test_penalty_sweep_points_a_misspelt_setting_at_the_one_meant():
    """It printed Python lists, "settings must be among [...], but got ['etaa']"."""
    with pytest.raises(ValueError, match="unknown setting") as caught:
        penalty_sweep([0.0, 0.1], etaa=1)
    assert str(caught.value) == (
        "penalty_sweep() got an unknown setting 'etaa'; the settings are activation, "
        "batch_size, epochs, eta and hidden_layer_sizes; did you mean 'eta'?"
    )


def test_wiggliness_counts_boundary_crossings_per_line():
    X = np.array([[-1.0, -1.0], [1.0, 1.0]])
    assert boundary_wiggliness(lambda G: np.zeros(len(G)), X) == 0.0
    assert boundary_wiggliness(lambda G: (G[:, 0] + G[:, 1] > 0) * 1.0, X) == 1.0
    stripes = boundary_wiggliness(lambda G: (np.sin(6 * G[:, 0]) > 0) * 1.0, X)
    assert stripes > 2
    with pytest.raises(
        ValueError, match="predict must return one probability per point"
    ):
        boundary_wiggliness(lambda G: np.zeros((len(G), 3)), X)


RATES = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)


@pytest.fixture(scope="module", params=[0, 1, 2, 3], ids=lambda s: f"seed {s}")
def dropout_runs(request):
    return dict(zip(RATES, dropout_sweep(RATES, seed=request.param)))


def test_every_dropout_rate_narrows_the_gap_and_lowers_the_test_loss(dropout_runs):
    """Chapter 13: without dropout the test loss far exceeds the training loss."""
    none = dropout_runs[0.0]
    assert none.test_loss > 2.5 * none.train_loss
    for rate in RATES[1:]:
        assert dropout_runs[rate].gap < none.gap, rate
        assert dropout_runs[rate].test_loss < none.test_loss, rate


def test_large_dropout_rates_nearly_close_the_gap_at_the_price_of_higher_training_loss(
    dropout_runs,
):
    none = dropout_runs[0.0]
    for rate in (0.3, 0.4, 0.5):
        assert abs(dropout_runs[rate].gap) < 0.1, rate
        assert dropout_runs[rate].train_loss > 1.5 * none.train_loss, rate


def test_dropout_sweep_checks_its_settings():
    with pytest.raises(
        ValueError, match=r"dropout_sweep\(\) got an unknown setting 'lam'"
    ):
        dropout_sweep([0.1], lam=0.1)


XOR = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])

T_XOR = np.array([0.0, 1.0, 1.0, 0.0])

LINE = lambda G: (G[:, 0] > 0.5) * 1.0


# --- overfitting experiments ----------------------------------------------------------


@pytest.mark.parametrize(
    "error, message, make",
    [
        (
            TypeError,
            "lams must be a list of rates such as [0.0, 0.1], but it is 0.1 (float)",
            lambda: penalty_sweep(0.1, epochs=2),
        ),
        (
            TypeError,
            "lams must be a list of rates such as [0.0, 0.1], but it is '0.1' (str)",
            lambda: penalty_sweep("0.1", epochs=2),
        ),
        (
            ValueError,
            "lams must hold at least one rate, but it is empty",
            lambda: penalty_sweep([], epochs=2),
        ),
        (
            ValueError,
            "every entry of lams must be a finite number, but it is nan",
            lambda: penalty_sweep([0.0, np.nan], epochs=2),
        ),
        (
            ValueError,
            "kind must be 'l1' or 'l2', but it is array(",
            lambda: penalty_sweep([0.1], kind=np.array(["l1", "l2"]), epochs=2),
        ),
        (
            TypeError,
            "data must be (X_train, y_train, X_test, y_test) or "
            "None, but it is a tuple of 2 items",
            lambda: penalty_sweep([0.1], data=(XOR, T_XOR), epochs=2),
        ),
        (
            TypeError,
            "data must be (X_train, y_train, X_test, "
            "y_test) or None, but it is 5 (int)",
            lambda: penalty_sweep([0.1], data=5, epochs=2),
        ),
        (
            ValueError,
            "X_train and y_train must have the same number of rows (samples), but they "
            "have 4 and 3",
            lambda: penalty_sweep([0.1], data=(XOR, T_XOR[:3], XOR, T_XOR)),
        ),
        (
            ValueError,
            "X_train and X_test must have the same number of columns "
            "(inputs), but they have 2 and 1",
            lambda: penalty_sweep([0.1], data=(XOR, T_XOR, XOR[:, :1], T_XOR)),
        ),
        (
            TypeError,
            "rates must be a list of rates such as [0.0, 0.1], but it is 0.5 (float)",
            lambda: dropout_sweep(0.5, epochs=2),
        ),
        (
            ValueError,
            "every entry of rates must be < 1, but it is 1.0",
            lambda: dropout_sweep([0.0, 1.0], epochs=2),
        ),
        (
            TypeError,
            "clf must be a NetworkClassifier, but it is None",
            lambda: fit_recording_penalty(None, XOR, T_XOR, XOR, T_XOR),
        ),
        (
            TypeError,
            "predict must be callable as predict(points)",
            lambda: boundary_wiggliness(3, XOR),
        ),
        (
            ValueError,
            "X must hold 2-D points, shape (n, 2), but it has shape (3, 3)",
            lambda: boundary_wiggliness(lambda G: G[:, 0], np.ones((3, 3))),
        ),
        (
            ValueError,
            "the output of predict must contain only finite numbers",
            lambda: boundary_wiggliness(lambda G: np.full(len(G), np.nan), XOR),
        ),
        (
            TypeError,
            "the output of predict must be an array of numbers",
            lambda: boundary_wiggliness(lambda G: np.array(["a"] * len(G)), XOR),
        ),
        (
            ValueError,
            "predict must return probabilities in [0, 1], but it returned -2.5",
            lambda: boundary_wiggliness(lambda G: G[:, 0] - 2.0, XOR),
        ),
        (
            ValueError,
            "margin must be a finite number, but it is nan",
            lambda: boundary_wiggliness(LINE, XOR, margin=np.nan),
        ),
        (
            ValueError,
            "margin must be >= 0, but it is -10",
            lambda: boundary_wiggliness(LINE, XOR, margin=-10),
        ),
        (
            ValueError,
            "X and margin are too large: the region around the points is wider than "
            "the largest float",
            lambda: boundary_wiggliness(LINE, XOR * 1e308, margin=1e308),
        ),
        (
            ValueError,
            "resolution must be an integer >= 2, but it is 1",
            lambda: boundary_wiggliness(LINE, XOR, resolution=1),
        ),
        (
            ValueError,
            "resolution must be an integer from 2 to 2000, but it is 1000000",
            lambda: boundary_wiggliness(LINE, XOR, resolution=10**6),
        ),
        (
            TypeError,
            "seed must be an integer >= 0, but it is 1.5 (float)",
            lambda: overfitting_experiment(1.5, epochs=2),
        ),
        (
            TypeError,
            "seed must be an integer >= 0, but it is 'a' (str)",
            lambda: overfitting_experiment("a", epochs=2),
        ),
        (
            TypeError,
            "patience must be an integer >= 1, but it is None",
            lambda: overfitting_experiment(0, epochs=2, patience=None),
        ),
        (
            ValueError,
            "hidden must be an integer >= 1, but it is 0",
            lambda: overfitting_experiment(0, epochs=2, hidden=0),
        ),
    ],
)
def test_overfitting_experiments_refuse_bad_settings_before_training(
    error, message, make
):
    refuses(error, message, make)


def test_a_sweep_takes_string_labels():
    labels = ["a", "b", "b", "a"]
    (run,) = penalty_sweep([0.1], data=(XOR, labels, XOR, labels), epochs=2)
    assert run.classifier.classes_.tolist() == ["a", "b"]


@pytest.mark.parametrize(
    "sweep,name", [(penalty_sweep, "lams"), (dropout_sweep, "rates")]
)
def test_sweeps_refuse_more_than_max_sweep_rates_before_training(sweep, name):
    rates = [i / 1000 for i in range(MAX_SWEEP + 1)]
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        # would fail later, if it trained
        sweep(rates, ([[0.0, 0.0]], [0], [[0.0, 0.0]], [0]))
    assert str(refused.value) == (
        "this would make 51 training runs, one per entry of "
        f"{name}, more than MAX_SWEEP = 50"
    )


def test_boundary_wiggliness_refuses_a_grid_finer_than_max_resolution():
    assert MAX_RESOLUTION == 2000
    with pytest.raises(
        ValueError, match="resolution must be an integer from 2 to 2000, but it is 2001"
    ):
        boundary_wiggliness(
            lambda G: G[:, 0], [[0.0, 0.0], [1.0, 1.0]], resolution=2001
        )


def test_the_sweeps_refuse_more_epochs_in_all_than_their_limit_before_training():
    with pytest.raises(
        ValueError,
        match=r"2000000 epochs in all \(lams: 2 runs x epochs: 1000000 epochs\), "
        r"more than "
        r"MAX_EPOCHS_IN_ALL = 50000",
    ):
        penalty_sweep([0.0, 0.1], epochs=10**6)
    with pytest.raises(ValueError, match=r"\(rates: 50 runs x epochs: 1001 epochs\)"):
        dropout_sweep([0.0] * 50, epochs=1001)


def test_overfitting_moons_refuses_too_many_points_naming_its_own_arguments():
    """Issue 16: two_moons' name n_samples was in the message, not n_train."""
    with pytest.raises(ValueError, match=r"samples \(n_train\), more than MAX_SAMPLES"):
        overfitting_moons(n_train=10**9)
    with pytest.raises(ValueError, match=r"samples \(n_test\), more than MAX_SAMPLES"):
        overfitting_moons(n_test=10**9)
    with pytest.raises(
        ValueError,
        match=r"^this would make 1200000 samples \(n_train \+ n_test\), more than "
        r"MAX_SAMPLES = 1000000$",
    ):
        overfitting_moons(n_train=600_000, n_test=600_000)


@pytest.mark.parametrize(
    "sweep, name", [(penalty_sweep, "lams"), (dropout_sweep, "rates")]
)
def test_the_sweeps_refuse_runs_whose_work_together_passes_the_training_limit(
    sweep, name
):
    """Issue 16: 50 runs of a 5000-unit layer on 1000 moons passed, run by run."""
    X_train, y_train, X_test, y_test = overfitting_moons(n_train=1000, n_test=200)
    refuses(
        ValueError,
        f"this would make 1200060000000 sample-weight-epochs ({name}: 50 runs x "
        "X_train: 1000 + X_test: 200 samples x 20001 weights and biases "
        "(hidden_layer_sizes and 1 output, for the two classes in y_train) x epochs: "
        "1000 epochs), more than MAX_WORK = 1000000000000",
        lambda: sweep(
            [0.0] * 50,
            (X_train, y_train, X_test, y_test),
            hidden_layer_sizes=(5000,),
            epochs=1000,
        ),
    )


class Trained(Exception):
    """Raised by a stubbed fit: the sweep got past every guard to training."""


@pytest.mark.parametrize(
    "sweep, name", [(penalty_sweep, "lams"), (dropout_sweep, "rates")]
)
def test_the_sweeps_refuse_more_weight_updates_in_all_before_training(
    sweep, name, monkeypatch
):
    """Issue 16: each run within MAX_UPDATES alone let the sweep's total pass."""

    def fit(*args, **kwargs):
        raise Trained

    monkeypatch.setattr(NetworkClassifier, "fit", fit)
    data = overfitting_moons(n_train=1000, n_test=20)
    refuses(
        ValueError,
        f"this would make 10010000 weight updates in all ({name}: 10 runs x epochs: "
        "1001 epochs x 1000 updates an epoch, X_train: 1000 samples in batches of "
        "batch_size: 1), more than MAX_UPDATES = 10000000: train fewer runs, fewer "
        "epochs or larger batches",
        lambda: sweep([0.0] * 10, data, batch_size=1, epochs=1001),
    )
    with pytest.raises(Trained):  # exactly MAX_UPDATES: allowed, to training
        sweep([0.0] * 10, data, batch_size=1, epochs=1000)
