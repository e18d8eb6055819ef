"""The penalties' kernels for the training loop: L2 folded in, the L1 proximal step."""

import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork, GradientDescent, train
from ffnn_edu.nn.datasets import gaussian_blobs
from ffnn_edu.nn.dropout import dropout_mask
from ffnn_edu.nn.regularization import (
    NO_PENALTY,
    Regularizer,
    as_penalty,
    l1_norm,
    l2_norm,
)

from helpers import refuses


def test_fold_into_adds_the_l2_gradient_two_lambda_w_over_n():
    w, g = [np.array([[1.0, -2.0]])], [np.array([[0.5, 0.5]])]
    folded = Regularizer("l2", 0.5).fold_into(g, w, 10)
    np.testing.assert_array_equal(folded[0], [[0.6, 0.3]])
    assert g[0].tolist() == [[0.5, 0.5]]  # the gradients are not changed


@pytest.mark.parametrize(
    "reg", [Regularizer("l1", 0.5), Regularizer("l2", 0.0), NO_PENALTY]
)
def test_fold_into_leaves_the_gradients_alone_without_an_l2_term(reg):
    g = [np.ones(2)]
    assert reg.fold_into(g, [np.ones(2)], 4) is g


def test_proximal_step_is_the_l1_clipped_step_and_nothing_for_l2():
    w = np.array([0.3, -0.05, 0.0])
    Regularizer("l1", 1.0).proximal_step([w], eta=1.0, n=10)
    np.testing.assert_allclose(w, [0.2, 0.0, 0.0], rtol=0, atol=1e-15)
    v = np.array([0.3, -0.05])
    Regularizer("l2", 1.0).proximal_step([v], eta=1.0, n=10)
    assert v.tolist() == [0.3, -0.05]
    assert Regularizer("l1", 0.1).proximal and not Regularizer("l1", 0.0).proximal
    assert not Regularizer("l2", 0.1).proximal


def test_as_penalty_makes_none_no_penalty_and_refuses_other_types():
    assert as_penalty(None, "regularizer") is NO_PENALTY and NO_PENALTY.lam == 0.0
    reg = Regularizer("l1", 0.1)
    assert as_penalty(reg, "regularizer") is reg
    with pytest.raises(
        TypeError,
        match=r"^regularizer must be a Regularizer or None, but it is 'l2' \(str\)",
    ):
        as_penalty("l2", "regularizer")


@pytest.mark.parametrize(
    "error, message, make",
    [
        (
            ValueError,
            "weights[0] must contain only finite numbers",
            lambda: Regularizer("l2", 0.1).penalty([np.array([np.nan])], 10),
        ),
        (
            ValueError,
            "weights[1] must contain only finite numbers",
            lambda: Regularizer("l1", 0.1).penalty(
                [np.ones(2), np.array([np.inf])], 10
            ),
        ),
        (
            ValueError,
            "the weights or lam are too large: the penalty overflows",
            lambda: Regularizer("l2", 0.1).penalty([np.array([1e200])], 10),
        ),
        (
            ValueError,
            "the weights or lam are too large: the penalty overflows",
            lambda: Regularizer("l2", 1e308).penalty([np.array([10.0])], 1),
        ),
        (
            ValueError,
            "the weights or lam are too large: the penalty overflows",
            lambda: Regularizer("l1", 1e308).penalty([np.array([10.0])], 1),
        ),
        (
            TypeError,
            "weights[0] must hold real numbers, but its dtype is complex128",
            lambda: Regularizer("l2", 0.1).gradient([np.array([1j])], 1),
        ),
        (
            TypeError,
            "weights[0] must hold real numbers, but its dtype is <U1",
            lambda: Regularizer("l2", 0.1).penalty([np.array(["a"])], 1),
        ),
        (
            TypeError,
            "weights[0] must be a float array (shrink changes it in place",
            lambda: Regularizer("l1", 0.1).shrink([np.array([1])], 0.5, 1),
        ),
        (
            TypeError,
            "n must be an integer >= 1, but it is 10.0 (float)",
            lambda: Regularizer("l2", 0.1).penalty([np.ones(2)], 10.0),
        ),
        (
            ValueError,
            "kind must be 'l1' or 'l2', but it is array(",
            lambda: Regularizer(np.array(["l2", "l1"]), 0.1),
        ),
        (
            ValueError,
            "v is too large: the sum of |v_i| overflows",
            lambda: l1_norm([1e308, 1e308]),
        ),
        (
            ValueError,
            "v is too large: its L2 norm overflows",
            lambda: l2_norm([1.7e308, 1.7e308]),
        ),
        (TypeError, "v must be an array of numbers, not str", lambda: l2_norm("ab")),
    ],
)
def test_penalties_refuse_what_would_give_nan_or_infinity(error, message, make):
    refuses(error, message, make)


def test_penalties_of_integer_weights_are_right():
    reg = Regularizer("l2", 0.5)
    assert reg.penalty([np.array([[1, -2]])], n=10) == reg.penalty(
        [np.array([[1.0, -2.0]])], 10
    )


def test_a_huge_l1_step_sets_the_weights_to_zero():
    w = np.array([1.0, -3.0])
    Regularizer("l1", 1e308).shrink([w], 1e308, 1)
    assert w.tolist() == [0.0, 0.0]


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_penalty_gradient_and_shrink_refuse_non_finite_weights(bad):
    """The training loop calls them unchecked on the network's own weights (train
    reports a blow-up as a divergence); called directly, they refuse NaN and infinity by
    name."""
    weights = [np.array([[1.0, bad]])]
    with pytest.raises(
        ValueError, match=r"^weights\[0\] must contain only finite numbers"
    ):
        Regularizer("l2", 0.1).gradient(weights, 10)
    with pytest.raises(
        ValueError, match=r"^weights\[0\] must contain only finite numbers"
    ):
        Regularizer("l1", 0.1).shrink(weights, 0.5, 10)


def test_penalty_gradient_refuses_overflow():
    with pytest.raises(
        ValueError, match="the weights or lam are too large: the gradient overflows"
    ):
        Regularizer("l2", 1e308).gradient([np.array([[1e10]])], 1)


def test_l1_sets_weights_exactly_to_zero_and_l2_does_not():
    X, y = gaussian_blobs(200, seed=0)
    # 8 useless inputs
    X = np.hstack([X, np.random.default_rng(0).normal(size=(200, 8))])
    zeros = {}
    for kind in ("l1", "l2"):
        net = FeedForwardNetwork((10, 6, 1), seed=0)
        train(
            net,
            X,
            y,
            epochs=300,
            optimizer=GradientDescent(1.0),
            regularizer=Regularizer(kind, 0.5),
        )
        zeros[kind] = int((net.weights[0] == 0).sum())
    assert zeros["l1"] > 20
    assert zeros["l2"] == 0


# Mutation testing: a changed default, bound or message name went unnoticed before.
def test_norms_and_penalties_by_hand():
    assert l1_norm([3.0, -4.0]) == 7.0 and l2_norm([3.0, -4.0]) == 5.0
    weights = [np.array([[1.0, -2.0]]), np.array([3.0])]
    assert Regularizer("l1", 0.5).penalty(weights, n=2) == pytest.approx(0.25 * 6.0)
    assert Regularizer("l2", 0.5).penalty(weights, n=2) == pytest.approx(0.25 * 14.0)
    grad = Regularizer("l1", 0.5).gradient([np.array([2.0, 0.0, -3.0])], n=5)[0]
    np.testing.assert_allclose(grad, [0.1, 0.0, -0.1], rtol=1e-12)


# Mutation testing: a changed default, bound or message name went unnoticed before.
@pytest.mark.parametrize(
    "make, message",
    [
        (
            lambda: Regularizer("l1", 0.1).shrink([np.ones(2)], eta=0.0, n=4),
            "eta must be > 0",
        ),
        (
            lambda: dropout_mask((5, 0), 0.5, np.random.default_rng(0)),
            "every entry of shape must be an integer >= 1",
        ),
    ],
)
def test_shown_functions_check_their_arguments(make, message):
    with pytest.raises(ValueError, match="^" + message):
        make()


def test_the_unchecked_formulas_stay_reachable():
    """``__wrapped__`` is the body the chapters show: the formula alone."""
    mask = dropout_mask.__wrapped__((2, 3), 0.5, np.random.default_rng(0))
    assert mask.shape == (2, 3)
    reg = Regularizer("l2", 0.5)
    assert Regularizer.gradient.__wrapped__(reg, [np.ones(2)], 5)[0].tolist() == [
        0.2,
        0.2,
    ]


# Mutation testing: the penalty of integer weights is summed in floats (an int64 square
# or sum would wrap around), and an empty weight array is accepted.
def test_the_penalty_of_integer_weights_does_not_wrap_around():
    assert Regularizer("l2", 0.5).penalty([np.array([4_000_000_000])], n=1) == 8e18
    assert Regularizer("l1", 0.5).penalty([np.array([2**62, 2**62])], n=1) == 2.0**62


def test_the_penalty_accepts_an_empty_weight_array():
    weights = [np.zeros((0, 2)), np.array([[1.0, -2.0]])]
    assert Regularizer("l2", 0.5).penalty(weights, n=10) == 0.25
    assert Regularizer("l2", 0.5).gradient(weights, n=10)[0].shape == (0, 2)


# --- Mutation testing: equivalent survivors (`make mutation`, see CONTRIBUTING.md) ----
# _weight_arrays: `w.dtype.kind not in "biuf"` -> `not in "XXbiufXX"`. numpy has no
#   dtype kind "X", so the same dtypes pass.


# Fresh review: sqrt(sum(v**2)) squared 1e-170 to 0 (a norm of 0.0) and refused 1e170
# (the squares overflow) although both norms are floats.
def test_l2_norm_of_tiny_and_huge_vectors_is_their_true_size():
    assert l2_norm([3e-170, 4e-170]) == 5e-170
    assert l2_norm([3e170, 4e170]) == 5e170
    assert l2_norm([5e-324, 0.0]) == 5e-324  # the smallest float
    assert l2_norm([1e308, -1e308]) == pytest.approx(np.sqrt(2) * 1e308, rel=1e-15)


def test_l2_norm_is_the_plain_formula_where_the_squares_are_floats():
    rng = np.random.default_rng(0)
    for power in (-100, -3, 0, 5, 100):
        v = rng.normal(size=17) * 10.0**power
        assert l2_norm(v) == float(np.sqrt((v**2).sum()))  # the same float, bit for bit


def test_l2_norm_scales_by_a_power_of_two_that_neither_overflows_nor_is_zero():
    assert l2_norm([1.7e308]) == 1.7e308  # scale 2**1023, not 2**1024 = infinity
    assert l2_norm(np.zeros((2, 3))) == 0.0  # all zeros: scale 1, not 0/0
    assert l2_norm([0.75, -3.0, 5.0]) == float(np.sqrt(0.75**2 + 34))


# Fresh review: the L2 penalty squared the weights before the rate could scale them, so
# tiny weights with a large rate gave 0 and huge ones with a tiny rate overflowed.
def test_l2_penalty_is_a_float_whenever_the_true_penalty_is_one():
    assert Regularizer("l2", 1e300).penalty([np.array([1e-170])], 1) == pytest.approx(
        1e-40, rel=1e-15
    )
    huge = [np.array([3e170]), np.array([[4e170]])]
    assert Regularizer("l2", 1e-300).penalty(huge, 2) == pytest.approx(1.25e41)
    assert Regularizer("l2", 0.0).penalty(huge, 2) == 0.0


def test_l2_penalty_is_the_plain_formula_where_the_squares_are_floats():
    rng = np.random.default_rng(1)
    weights = [rng.normal(size=(3, 4)), rng.normal(size=(4, 1)) * 1e-3]
    plain = 0.3 / 7 * sum(np.sum(w**2) for w in weights)
    assert Regularizer("l2", 0.3).penalty(weights, 7) == float(plain)


# Fresh review: a wrong type raised ValueError and a wrong dtype sometimes ValueError,
# sometimes TypeError; CONTRIBUTING.md: a wrong type (or dtype) is a TypeError.
@pytest.mark.parametrize(
    "make, message",
    [
        (
            lambda: Regularizer("l2", 0.1).penalty([[1.0, 2.0]], 10),
            "weights must be a list of numpy arrays, one per layer",
        ),
        (
            lambda: Regularizer("l2", 0.1).penalty(np.array([1.0, 2.0]), 10),
            "weights must be a list of numpy arrays, one per layer",
        ),
        (
            lambda: Regularizer("l2", 0.1).gradient(np.ones((2, 2)), n=4),
            "weights must be a list of numpy arrays, one per layer",
        ),
        (
            lambda: Regularizer("l1", 0.1).shrink([[0.5]], 0.1, 1),
            "weights must be a list of numpy arrays, one per layer",
        ),
        (
            lambda: Regularizer("l1", 0.1).shrink([np.ones(2, dtype=int)], 0.1, 1),
            "weights[0] must be a float array (shrink changes it in place",
        ),
        (
            lambda: Regularizer("l2", 0.1).gradient([np.ones(2) + 0j], 1),
            "weights[0] must hold real numbers, but its dtype is complex128",
        ),
        (
            lambda: Regularizer("l1", 0.1).penalty([np.array([None])], 1),
            "weights[0] must hold real numbers, but its dtype is object",
        ),
    ],
)
def test_regularizer_methods_refuse_wrong_types_with_type_error(make, message):
    refuses(TypeError, message, make)


# Fresh review (issue 16): a Python int or Fraction beyond float64 raised a bare
# OverflowError that named nothing.
def test_regularizer_names_a_lam_beyond_float64():
    refuses(
        ValueError,
        "lam must be a number within float64's range (magnitudes "
        "up to about 1.8e308), but it is 1e+400",
        lambda: Regularizer("l2", 10**400),
    )


# Fresh review (issue 16): a near miss of a name gets the name meant.
def test_regularizer_points_a_capitalised_kind_at_its_name():
    refuses(
        ValueError,
        "kind must be 'l1' or 'l2', but it is 'L1'; did you mean 'l1'?",
        lambda: Regularizer("L1", 0.1),
    )


def test_a_regularizer_refuses_an_unknown_keyword_by_name():
    """Issue 16 (F11): Regularizer("l2", lamda=0.1) was Python's bare TypeError."""
    from ffnn_edu import UnknownNameError

    with pytest.raises(UnknownNameError, match=r"Regularizer\(\) .*did you mean 'lam'"):
        Regularizer("l2", lamda=0.1)


@pytest.mark.parametrize("kind, meant", [("ridge", "l2"), ("Lasso", "l1")])
def test_a_regularizer_points_a_penalty_of_another_library_at_its_own(kind, meant):
    """Issue 16 (F12): ridge and lasso are the L2 and L1 penalties under other names;
    still refused (one vocabulary), with the package's name."""
    with pytest.raises(ValueError, match=f"here '{meant}'"):
        Regularizer(kind, 0.1)
