"""Tests of ``ffnn_edu.nn.dropout``."""

import numpy as np
import pytest

from ffnn_edu.nn.dropout import MAX_MASK_ENTRIES, dropout_mask
from ffnn_edu.nn.network import MAX_ACTIVATIONS

from helpers import refuses

RNG = np.random.default_rng(0)


@pytest.mark.parametrize(
    "error, message, make",
    [
        (
            ValueError,
            "shape must be a tuple such as (n_samples, n_units) (or (n_units,) for one "
            "sample), but it is ()",
            lambda: dropout_mask((), 0.5, RNG),
        ),
        (
            ValueError,
            "shape must be a tuple such as (n_samples, n_units) (or (n_units,) for one "
            "sample), but it is (2, 3, 4)",
            lambda: dropout_mask((2, 3, 4), 0.5, RNG),
        ),
        (
            TypeError,
            "shape must be a tuple such as (n_samples, n_units), but it is 5 (int)",
            lambda: dropout_mask(5, 0.5, RNG),
        ),
        (
            TypeError,
            "shape must be a tuple such as (n_samples, n_units), but it is 'ab' (str)",
            lambda: dropout_mask("ab", 0.5, RNG),
        ),
        (
            TypeError,
            "every entry of shape must be an integer >= 1, but it is 2.0 (float)",
            lambda: dropout_mask((2.0,), 0.5, RNG),
        ),
        (
            TypeError,
            "every entry of shape must be an integer >= 1, but it is True (bool)",
            lambda: dropout_mask((True, 2), 0.5, RNG),
        ),
        (
            ValueError,
            "every entry of shape must be an integer >= 1, but it is 0",
            lambda: dropout_mask((0, 2), 0.5, RNG),
        ),
        (
            ValueError,
            "this would make 1e+24 mask entries (shape: 1000000000000 x "
            "1000000000000), more than MAX_MASK_ENTRIES = 20000000",
            lambda: dropout_mask((10**12, 10**12), 0.5, RNG),
        ),
        (
            TypeError,
            "rate must be a number, not str",
            lambda: dropout_mask((2,), "0.5", RNG),
        ),
        (
            ValueError,
            "rate must be a finite number, but it is nan",
            lambda: dropout_mask((2,), np.nan, RNG),
        ),
        (
            TypeError,
            "rng must be a numpy.random.Generator, such as numpy.random.default_rng(0) "
            "(it draws the dropout masks)",
            lambda: dropout_mask((2,), 0.5, 0),
        ),
        (
            TypeError,
            "rng must be a numpy.random.Generator, such as numpy.random.default_rng(0) "
            "(it draws the dropout masks)",
            lambda: dropout_mask((2,), 0.5, np.random.RandomState(0)),
        ),
    ],
)
def test_dropout_mask_refuses_odd_shapes_rates_and_generators(error, message, make):
    refuses(error, message, make)


def test_dropout_mask_takes_numpy_integers_and_one_sample():
    assert dropout_mask((np.int64(2), 3), 0.5, np.random.default_rng(0)).shape == (2, 3)
    assert dropout_mask([4], 0.0, np.random.default_rng(0)).tolist() == [1.0] * 4


# Mutation testing: a changed default, bound or message name went unnoticed before.
def test_mask_keeps_each_unit_with_probability_one_minus_rate():
    mask = dropout_mask((200, 500), 0.3, np.random.default_rng(2))
    assert set(np.unique(mask)) == {0.0, 1 / 0.7}
    assert (mask > 0).mean() == pytest.approx(0.7, abs=0.005)
    assert mask.shape == (200, 500)


# Mutation testing: a changed default, bound or message name went unnoticed before.
@pytest.mark.parametrize(
    "make, message",
    [
        (
            lambda: dropout_mask((2, 2), 0.5, None),
            "rng must be a numpy.random.Generator",
        ),
        (
            lambda: dropout_mask(5, 0.5, np.random.default_rng(0)),
            "shape must be a tuple",
        ),
        (lambda: dropout_mask((2, 2), 0.5, 7), "rng must be a numpy.random.Generator"),
    ],
)
def test_dropout_mask_refuses_wrong_types_with_type_error(make, message):
    with pytest.raises(TypeError, match="^" + message):
        make()


# Fresh review (issue 16): a limit of 1e9 entries let a 17 GB mask through.
def test_dropout_mask_refuses_more_entries_than_a_pass_may_make_naming_the_limit():
    assert MAX_MASK_ENTRIES == MAX_ACTIVATIONS
    refuses(
        ValueError,
        "this would make 1000000000 mask entries (shape: 50000 x 20000), more than "
        "MAX_MASK_ENTRIES = 20000000",
        lambda: dropout_mask((50_000, 20_000), 0.5, np.random.default_rng(0)),
    )
    largest = dropout_mask((20_000, 1_000), 0.5, np.random.default_rng(0))
    assert largest.size == 2 * 10**7


# Fresh review (issue 16): a rate beyond float64 raised a bare OverflowError.
def test_dropout_mask_names_a_rate_beyond_float64():
    refuses(
        ValueError,
        "rate must be a number within float64's range (magnitudes up to about "
        "1.8e308), but it is 1e+400",
        lambda: dropout_mask((2,), 10**400, np.random.default_rng(0)),
    )
