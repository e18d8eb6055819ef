"""Tests of ``ffnn_edu.nn.schedules``."""

import math
import pickle

import numpy as np
import pytest

from ffnn_edu import GradientDescent, Momentum, Regularizer
from ffnn_edu.nn.dropout import dropout_mask
from ffnn_edu.nn.regularization import l1_norm, l2_norm
from ffnn_edu.nn.schedules import constant, exponential, inverse_time, step_decay

from helpers import refuses

SCHEDULES = [constant(0.1), step_decay(0.1), inverse_time(0.1), exponential(0.1)]


# --- learning-rate schedules ----------------------------------------------------------


@pytest.mark.parametrize("schedule", SCHEDULES)
@pytest.mark.parametrize(
    "error, message, epoch",
    [
        (ValueError, "epoch must be an integer >= 0, but it is -1", -1),
        (TypeError, "epoch must be an integer >= 0, but it is 'a' (str)", "a"),
        (TypeError, "epoch must be an integer >= 0, but it is 2.5 (float)", 2.5),
        (TypeError, "epoch must be an integer >= 0, but it is None (NoneType)", None),
        (TypeError, "epoch must be an integer >= 0, but it is True (bool)", True),
        (ValueError, "epoch must be at most 2**53", 10**400),
    ],
)
def test_schedules_refuse_bad_epochs(schedule, error, message, epoch):
    refuses(error, message, lambda: schedule(epoch))


@pytest.mark.parametrize(
    "schedule, how",
    [
        (exponential(0.1, decay=1e3), "eta * exp(-decay * epoch)"),
        (inverse_time(0.1, decay=1e308), "eta / (1 + decay * epoch)"),
        (step_decay(0.1, factor=0.5, every=1), "eta * factor ** (epoch // every)"),
    ],
)
def test_schedules_refuse_a_learning_rate_decayed_to_zero(schedule, how):
    assert schedule(0) == 0.1
    refuses(
        ValueError,
        "the learning rate has decayed to 0 by epoch 2000 "
        f"({how} is below the smallest float)",
        lambda: schedule(2000),
    )


def test_schedules_take_numpy_integer_epochs():
    assert step_decay(0.8)(np.int64(10)) == 0.4


# Mutation testing: a changed default, bound or message name went unnoticed before.
def test_schedules_have_the_documented_defaults():
    assert constant(0.3)(0) == constant(0.3)(1000) == 0.3
    assert [step_decay(1.0)(e) for e in (0, 9, 10, 19, 20)] == [
        1.0,
        1.0,
        0.5,
        0.5,
        0.25,
    ]
    assert inverse_time(1.0)(10) == pytest.approx(0.5, rel=1e-12)  # decay 0.1
    # decay 0.05
    assert exponential(1.0)(20) == pytest.approx(math.exp(-1.0), rel=1e-12)
    assert step_decay(0.8, factor=1.0)(100) == 0.8  # factor 1 allowed
    assert inverse_time(0.7, decay=0.0)(50) == exponential(0.7, decay=0.0)(50) == 0.7


# Mutation testing: a changed default, bound or message name went unnoticed before.
@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: constant(0.0), "eta must be > 0, but it is 0"),
        (lambda: step_decay(-1.0), "eta must be > 0"),
        (lambda: step_decay(1.0, factor=0.0), "factor must be > 0, but it is 0"),
        (lambda: step_decay(1.0, factor=1.5), "factor must be <= 1, but it is 1.5"),
        (
            lambda: step_decay(1.0, every=0),
            "every must be an integer >= 1, but it is 0",
        ),
        (lambda: inverse_time(0.0), "eta must be > 0"),
        (lambda: inverse_time(1.0, decay=-0.1), "decay must be >= 0, but it is -0.1"),
        (lambda: exponential(0.0), "eta must be > 0"),
        (lambda: exponential(1.0, decay=-1.0), "decay must be >= 0"),
        (lambda: GradientDescent(0.0), "eta must be > 0"),
        (
            lambda: GradientDescent(lambda epoch: -0.1).learning_rate(3),
            "eta, the schedule <lambda>, returned -0.1 at epoch 3; a learning rate "
            "must be a finite number > 0",
        ),
        (lambda: Momentum(0.1, mu=1.0), "mu must be < 1, but it is 1.0"),
        (lambda: Momentum(0.1, mu=-0.1), "mu must be >= 0"),
        (
            lambda: dropout_mask((2, 2), 1.0, np.random.default_rng(0)),
            "rate must be < 1",
        ),
        (
            lambda: dropout_mask((2, 2), -0.5, np.random.default_rng(0)),
            "rate must be >= 0",
        ),
        (lambda: Regularizer("l3", 0.1), "kind must be 'l1' or 'l2', but it is 'l3'"),
        (lambda: Regularizer("l2", -1.0), "lam must be >= 0, but it is -1.0"),
        (
            lambda: Regularizer("l2", 0.1).penalty([np.ones(2)], n=0),
            "n must be an integer >= 1",
        ),
        (
            lambda: Regularizer("l2", 0.1).gradient([np.ones(2)], n=0),
            "n must be an integer >= 1",
        ),
        (
            lambda: Regularizer("l1", 0.1).shrink([np.ones(2)], 0.1, n=0),
            "n must be an integer >= 1",
        ),
        (
            lambda: Regularizer("l2", 0.1).shrink([np.ones(2)], 0.1, n=1),
            "shrink is the L1 step; L2 uses its gradient",
        ),
        (lambda: l1_norm([1.0, np.nan]), "v must contain only finite numbers"),
        (lambda: l2_norm([np.inf]), "v must contain only finite numbers"),
    ],
)
def test_bad_schedule_optimizer_dropout_and_penalty_settings_are_named(make, message):
    with pytest.raises(
        ValueError,
        match="^"
        + message.replace("(", r"\(")
        .replace(")", r"\)")
        .replace("[", r"\[")
        .replace(".", r"\."),
    ):
        make()


# Fresh review (issue 16): a Python int or Fraction beyond float64 raised a bare
# OverflowError that named nothing.
def test_constant_names_an_eta_beyond_float64():
    refuses(
        ValueError,
        "eta must be a number within float64's range (magnitudes "
        "up to about 1.8e308), but it is 1e+400",
        lambda: constant(10**400),
    )


# Fresh review (issue 16): every schedule was a closure, which pickle refuses
# ("Can't pickle local object 'constant.<locals>.schedule'").
@pytest.mark.parametrize("schedule", SCHEDULES, ids=repr)
def test_every_schedule_survives_a_pickle_round_trip(schedule):
    loaded = pickle.loads(pickle.dumps(schedule))
    assert [loaded(e) for e in (0, 7, 10, 33)] == [schedule(e) for e in (0, 7, 10, 33)]
    assert repr(loaded) == repr(schedule)
    refuses(ValueError, "epoch must be an integer >= 0", lambda: loaded(-1))


def test_a_schedule_shows_how_it_was_made():
    assert [repr(s) for s in SCHEDULES] == [
        "constant(0.1)",
        "step_decay(0.1, factor=0.5, every=10)",
        "inverse_time(0.1, decay=0.1)",
        "exponential(0.1, decay=0.05)",
    ]


# Review 18, F4: a schedule that decays to 0 partway was found only in the epoch it
# did, after the weights had changed; the first such epoch is known before training.
@pytest.mark.parametrize(
    "schedule",
    [
        step_decay(0.5, factor=0.001, every=1),
        step_decay(0.1, factor=0.5, every=3),
        exponential(0.1, decay=0.5),
        inverse_time(1e-300, decay=1e20),
        constant(1e-300),
        exponential(0.1, decay=1e-6),
    ],
    ids=repr,
)
def test_first_zero_is_the_first_epoch_a_scan_refuses(schedule):
    """Catches a bisection off by one, or one that returns an epoch still above 0."""
    epochs = 3000
    refused = []
    for epoch in range(epochs):
        try:
            schedule(epoch)
        except ValueError:
            refused.append(epoch)
    assert schedule.first_zero(epochs) == (refused[0] if refused else None)
    if refused:  # the epoch before the first zero is still fine, so is a shorter run
        assert schedule(refused[0] - 1) > 0
        assert schedule.first_zero(refused[0]) is None
        assert schedule.first_zero(refused[0] + 1) == refused[0]


def test_first_zero_of_no_epochs_is_none():
    assert step_decay(0.5, factor=0.001, every=1).first_zero(0) is None


def test_a_schedule_refuses_an_unknown_keyword_pointing_at_its_own_name():
    """Issue 16 (F11, F12): step_decay(0.1, gamma=0.5) was Python's bare TypeError;
    gamma is PyTorch's name of the factor, refused with a pointer to it."""
    from ffnn_edu import UnknownNameError

    with pytest.raises(UnknownNameError) as caught:
        step_decay(0.1, gamma=0.5)
    assert str(caught.value) == (
        "step_decay() got an unknown keyword argument 'gamma'; the keyword arguments "
        "are eta, factor and every; 'gamma' is PyTorch's factor of a step decay: "
        "here 'factor'"
    )
