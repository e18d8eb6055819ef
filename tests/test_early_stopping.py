"""Chapter 8's early-stopping demonstration: a U-shaped validation curve on a large
validation set, and early stopping hands back the bottom of the U, for several seeds."""

import numpy as np
import pytest

from ffnn_edu.experiments.early_stopping import overfitting_experiment


@pytest.fixture(scope="module", params=[0, 1, 2, 3])
def run(request):
    return overfitting_experiment(request.param)


def test_validation_loss_is_u_shaped_while_training_loss_keeps_falling(run):
    val, tr = run.val_loss, run.train_loss
    best = run.best_epoch
    epochs = len(val) - 1
    # the minimum lies well inside the run, not at its start or end
    assert 0.05 * epochs < best < 0.5 * epochs
    # the validation loss falls clearly before the minimum and rises clearly after it
    assert val[0] > val[best] * 1.4
    assert val[-1] > val[best] * 1.2
    # after the minimum it rises on the whole: every later
    # stretch of 100 epochs ends higher
    later = val[best::100]
    assert np.all(np.diff(later) > 0)
    # meanwhile the training loss keeps falling, and ends far
    # below its value at the minimum
    assert np.all(np.diff(tr[best::100]) < 0)
    assert np.mean(np.diff(tr[best:]) < 0) > 0.95
    assert tr[-1] < 0.8 * tr[best]


def test_gap_between_validation_and_training_loss_opens_after_the_minimum(run):
    val, tr = run.val_loss, run.train_loss
    best = run.best_epoch
    assert val[-1] > 2 * tr[-1]
    assert val[-1] - tr[-1] > (val[best] - tr[best]) + 0.1


def test_learning_curves_are_smooth(run):
    # no learning-rate instability: after the first epochs neither curve jumps
    assert np.abs(np.diff(run.train_loss[20:])).max() < 2e-3
    assert np.abs(np.diff(run.val_loss[20:])).max() < 5e-3


def test_validation_set_is_large(run):
    assert run.n_val >= 10 * run.n_train


def test_early_stopping_restores_the_best_epoch(run):
    assert run.stopped.stopped_early
    assert run.stopped.best_epoch == run.best_epoch
    assert run.network.forward(np.zeros((1, 2))).shape == (1, 1)
    # the restored weights give the best validation loss, not the last one's
    assert len(run.stopped.val_loss) - 1 == run.best_epoch + 100


def test_overfitting_experiment_refuses_more_epochs_in_all_than_its_limit():
    with pytest.raises(
        ValueError,
        match=r"2000000 epochs in all \(2 runs x 1000000 epochs\), more than "
        r"MAX_EPOCHS_IN_ALL = 20000",
    ):
        overfitting_experiment(epochs=10**6, patience=10**6)


@pytest.mark.parametrize(
    "sizes, message",
    [
        (
            dict(n_train=999_999, hidden=99_999, epochs=1, n_val=10),
            r"^this would make 99999900000 activations \(n_train: 999999 samples x "
            r"100000 neurons: 99999 hidden \(hidden\) and 1 output\), more than "
            r"MAX_ACTIVATIONS = 20000000$",
        ),
        (
            dict(n_train=1000, hidden=20, n_val=999_999, epochs=1),
            r"^this would make 20999979 activations \(n_val: 999999 samples x 21 "
            r"neurons: 20 hidden \(hidden\) and 1 output\), more than MAX_ACTIVATIONS "
            r"= 20000000$",
        ),
        (
            dict(n_train=100_000, hidden=150, n_val=10, epochs=10_000),
            r"^this would make 1202120200000 sample-weight-epochs \(n_train: 100000 "
            r"\+ n_val: 10 samples x 601 weights and biases \(hidden and 1 output\) "
            r"x epochs \(2 runs\): 20000 epochs\), more than MAX_WORK = "
            r"1000000000000$",
        ),
        (
            dict(n_train=10**9),
            r"^this would make 1000000000 samples \(n_train\), more than MAX_SAMPLES",
        ),
        (
            dict(n_val=10**9),
            r"^this would make 1000000000 samples \(n_val\), more than MAX_SAMPLES",
        ),
    ],
)
def test_the_experiment_refuses_sizes_whose_product_is_too_large_naming_its_arguments(
    sizes, message
):
    """Issue 16: each size within its limit, their product a MemoryError (745 GiB);
    and n_train = 10**9 was refused as "(n_samples)", a name the caller never gave."""
    with pytest.raises(ValueError, match=message):
        overfitting_experiment(0, **sizes)
