"""Bad input to the chapter modules (penalties, dropout, schedules, experiments, worked
examples, single neurons): a clear error naming the argument, never a silent NaN or
infinity, a raw numpy error from deep inside, or a wrong result. Each case once failed."""
import re

import numpy as np
import pytest

from ffnn_edu import NetworkClassifier, Regularizer
from ffnn_edu.datasets import two_moons
from ffnn_edu.dropout import dropout_mask
from ffnn_edu.regularization import l1_norm, l2_norm
from ffnn_edu.schedules import constant, exponential, inverse_time, step_decay


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
    clf = NetworkClassifier((10,), eta=1, epochs=20, batch_size=batch_size, l2=1e6).fit(X, y)
    assert clf.history_.diverged
    assert "lam = 1e+06" in clf.history_.message


# --- dropout ------------------------------------------------------------------------------

@pytest.mark.parametrize("error, message, make", [
    (ValueError, "shape must be a tuple such as (n_samples, n_units) (or (n_units,) for one "
     "sample), but it is ()", lambda: dropout_mask((), 0.5, RNG)),
    (ValueError, "shape must be a tuple such as (n_samples, n_units) (or (n_units,) for one "
     "sample), but it is (2, 3, 4)", lambda: dropout_mask((2, 3, 4), 0.5, RNG)),
    (ValueError, "shape must be a tuple such as (n_samples, n_units), but it is 5",
     lambda: dropout_mask(5, 0.5, RNG)),
    (ValueError, "shape must be a tuple such as (n_samples, n_units), but it is 'ab'",
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
    (ValueError, "rng must be a numpy.random.Generator when dropout is used",
     lambda: dropout_mask((2,), 0.5, 0)),
    (ValueError, "rng must be a numpy.random.Generator when dropout is used",
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
