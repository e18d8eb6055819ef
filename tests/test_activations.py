"""nn.activations: the two slope names, the public kernels the chapters show, the
softmax Jacobian, and wrong types that raise TypeError."""

import re
import warnings

import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork
from ffnn_edu.nn.activations import (
    ACTIVATIONS,
    MAX_JACOBIAN_LOGITS,
    arctan_derivative,
    binary_step,
    get_activation,
    linear,
    sigmoid,
    sigmoid_derivative,
    sigmoid_kernel,
    sigmoid_output_slope,
    softmax,
    softmax_jacobian,
    softmax_kernel,
    softmax_parts,
    tanh,
    tanh_derivative,
    tanh_logit_slope,
)


def test_an_activation_has_exactly_two_slope_names():
    """Catches a third slope method creeping back (slope, slope_from_output, ...)."""
    act = get_activation("sigmoid")
    names = {n for n in dir(act) if "slope" in n or "derivative" in n}
    assert names == {"derivative", "output_slope"}


@pytest.mark.parametrize(
    "name", ["sigmoid", "tanh", "relu", "arctan", "linear", "step"]
)
def test_derivative_from_logits_and_from_outputs_agree_with_output_slope(name):
    # from z, the sigmoid, tanh and arctan use a form of the logit that is more
    # accurate than the output's (issue 16): the same slope to a few ulps here
    act = ACTIVATIONS[name]
    z = np.array([-2.5, -0.3, 0.7, 3.0])
    y = act.function(z)
    np.testing.assert_allclose(act.derivative(z), act.output_slope(y), rtol=1e-14)
    np.testing.assert_array_equal(act.derivative(y=y), act.output_slope(y))


def test_derivative_wants_exactly_one_of_z_and_y():
    act = get_activation("tanh")
    with pytest.raises(TypeError, match="exactly one of them"):
        act.derivative()
    with pytest.raises(TypeError, match="exactly one of them"):
        act.derivative([0.0], y=[0.0])


def test_derivative_refuses_a_string_as_z_with_type_error():
    with pytest.raises(TypeError, match="z must be an array of numbers"):
        get_activation("sigmoid").derivative("abc")


def test_derivative_refuses_none_inside_the_outputs_with_type_error():
    with pytest.raises(
        TypeError, match="y must be an array of numbers, but it holds None"
    ):
        get_activation("sigmoid").derivative(y=[0.5, None])


def test_the_shown_sigmoid_kernel_is_the_public_sigmoid_without_its_checks():
    z = np.array([-1000.0, -3.0, 0.0, 0.351, 1000.0])
    np.testing.assert_array_equal(sigmoid_kernel(z), sigmoid(z))
    assert (
        sigmoid_kernel(z).tolist()[:1] == [0.0]
        and sigmoid_kernel(z).tolist()[-1] == 1.0
    )
    np.testing.assert_allclose(
        sigmoid_kernel(z[1:4]), 1 / (1 + np.exp(-z[1:4])), rtol=1e-15
    )


def test_the_shown_sigmoid_slope_is_y_times_one_minus_y():
    y = np.array([0.0, 0.2, 0.5, 1.0])
    assert sigmoid_output_slope(y).tolist() == pytest.approx(
        [0.0, 0.16, 0.25, 0.0], abs=1e-16
    )
    np.testing.assert_allclose(
        sigmoid_derivative(np.array([0.0, 2.0])),
        sigmoid_output_slope(sigmoid_kernel(np.array([0.0, 2.0]))),
        rtol=1e-15,
    )


def test_the_shown_softmax_kernel_is_the_public_softmax_and_the_network_s():
    z = np.array([[2.0, 1.0, 0.1], [1000.0, 999.0, 998.0]])
    np.testing.assert_array_equal(softmax_kernel(z), softmax(z))
    assert get_activation("softmax").function is softmax_kernel
    assert get_activation("sigmoid").function is sigmoid_kernel
    assert get_activation("sigmoid").output_slope is sigmoid_output_slope


def test_sigmoid_docstring_names_the_formula_its_code_uses():
    """Catches the docstring describing a two-branch exp form the code does not use."""
    assert "tanh" in sigmoid.__doc__ and "e^{-|z|}" not in sigmoid.__doc__


def test_softmax_jacobian_lives_in_the_library_and_has_zero_column_sums():
    J = softmax_jacobian([2.0, 1.0, 0.1])
    y = softmax(np.array([2.0, 1.0, 0.1]))
    np.testing.assert_allclose(J, np.diag(y) - np.outer(y, y), rtol=0, atol=0)
    assert np.abs(J.sum(axis=0)).max() < 1e-15


def test_softmax_jacobian_refuses_a_string_with_type_error():
    with pytest.raises(TypeError, match="z must be an array of numbers"):
        softmax_jacobian("abc")


@pytest.mark.parametrize("name", [["relu"], {"relu": 1}, None, 3])
def test_get_activation_refuses_something_that_is_no_name_with_type_error(name):
    with pytest.raises(TypeError, match=r"\(a name\) or an Activation, but it is"):
        get_activation(name)


def test_get_activation_refuses_an_unknown_name_with_value_error():
    with pytest.raises(ValueError, match=r"but it is 'swish'$"):
        get_activation("swish")


ELEMENTWISE = sorted(name for name, act in ACTIVATIONS.items() if act.elementwise)


def _reference_sigmoid(z):
    small = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + small), small / (1.0 + small))


def test_sigmoid_in_one_stable_pass_matches_the_two_branch_form():
    z = np.r_[np.linspace(-50, 50, 200_001), -1e3, 1e3, -1e300, 1e300, 0.0]
    y = sigmoid_kernel(z)  # no warning: pytest turns warnings into errors
    assert np.abs(y - _reference_sigmoid(z)).max() <= 2.3e-16
    assert y[-5:].tolist() == [0.0, 1.0, 0.0, 1.0, 0.5]
    assert ((y >= 0) & (y <= 1)).all()


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_slope_from_the_output_is_the_derivative(name):
    act = get_activation(name)
    z = np.linspace(-4, 4, 81) + 0.013
    assert act.derivative(y=act(z)) == pytest.approx(
        act.derivative(z), rel=1e-14, abs=1e-15
    )


@pytest.mark.parametrize(
    "name,y,slope",
    [
        ("sigmoid", [0.2, 0.5], [0.16, 0.25]),
        ("tanh", [-0.5, 0.9], [0.75, 0.19]),
        ("linear", [-3.0, 7.0], [1.0, 1.0]),
        ("relu", [0.0, 2.0], [0.0, 1.0]),
        ("step", [0.0, 1.0], [0.0, 0.0]),
    ],
)
def test_the_book_formulas_for_the_slope(name, y, slope):
    assert get_activation(name).derivative(y=y) == pytest.approx(slope, abs=1e-15)


@pytest.mark.parametrize("name", [["relu"], np.array(["relu"]), {"relu"}])
def test_get_activation_refuses_unhashable_names_with_its_message(name):
    with pytest.raises(
        TypeError,
        match=r"^activation must be one of arctan, linear, relu, "
        r"sigmoid, softmax, step, tanh \(a name\) or an "
        r"Activation, but it is",
    ):
        get_activation(name)


@pytest.mark.parametrize(
    "name,y,message",
    [
        ("sigmoid", 2.0, "between 0 and 1, but it contains 2.0"),
        ("sigmoid", -0.5, "between 0 and 1, but it contains -0.5"),
        ("tanh", 3.0, "between -1 and 1, but it contains 3.0"),
        ("relu", -1.0, "at least 0, but it contains -1.0"),
        ("arctan", 2.0, "between -1.5708 and 1.5708, but it contains 2.0"),
    ],
)
def test_derivative_from_outputs_refuses_outputs_the_activation_cannot_give(
    name, y, message
):
    with pytest.raises(
        ValueError, match=f"^y must hold outputs of the {name} activation, {message}$"
    ):
        get_activation(name).derivative(y=y)


@pytest.mark.parametrize(
    "name,y,slope",
    [
        ("sigmoid", 0.5, 0.25),
        ("sigmoid", 1.0, 0.0),
        ("tanh", -1.0, 0.0),
        ("relu", 5.0, 1.0),
        ("linear", -7.0, 1.0),
    ],
)
def test_derivative_from_outputs_on_outputs_in_range(name, y, slope):
    assert float(get_activation(name).derivative(y=y)) == slope


def test_arctan_derivative_of_a_huge_logit_is_zero_without_a_warning():
    from ffnn_edu.nn.activations import arctan_derivative

    assert float(arctan_derivative(1e308)) == 0.0
    assert float(arctan_derivative(-1e200)) == 0.0


@pytest.mark.parametrize("z", [1.0, np.ones((2, 2, 2))])
def test_the_softmax_activation_needs_rows_of_logits(z):
    with pytest.raises(
        ValueError, match=r"^z must have 1 or 2 dimension\(s\) for softmax"
    ):
        get_activation("softmax")(z)


def test_softmax_of_logits_far_apart():
    assert np.array_equal(softmax([[1e308, -1e308]]), [[1.0, 0.0]])
    net = FeedForwardNetwork((1, 2), "softmax", bias=False)
    net.set_weights([[[1e308, -1e308]]])
    assert np.array_equal(net.forward([[1.0]]), [[1.0, 0.0]])


ACTIVATION_NAMES = sorted(name for name, act in ACTIVATIONS.items() if act.elementwise)


@pytest.mark.parametrize("name", ACTIVATION_NAMES)
def test_activation_derivatives_match_finite_differences(name):
    act = get_activation(name)
    z = np.linspace(-4, 4, 81) + 0.013  # avoid the kinks of step and ReLU at 0
    numeric = (act(z + 1e-6) - act(z - 1e-6)) / 2e-6
    assert act.derivative(z) == pytest.approx(numeric, abs=1e-7)


def test_softmax_ignores_a_constant_added_to_every_logit_and_never_overflows():
    z = np.array([2.0, 1.0, 0.1])
    for c in (-50.0, 3.0, 700.0):
        np.testing.assert_allclose(softmax(z + c), softmax(z), rtol=1e-12)
    np.testing.assert_allclose(
        softmax([1000.0, 999.0, 998.0]), softmax([2.0, 1.0, 0.0])
    )
    with np.errstate(over="ignore", invalid="ignore"):
        direct = np.exp([1000.0, 999.0]) / np.exp([1000.0, 999.0]).sum()
    assert np.isnan(direct).all()  # what the chapter shows the direct formula doing


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_jacobian_matches_measured_slopes_and_its_columns_sum_to_zero(seed):
    z = np.random.default_rng(seed).normal(0, 2, 4)
    J = softmax_jacobian(z)
    h = 1e-6
    measured = np.column_stack(
        [(softmax(z + h * e) - softmax(z - h * e)) / (2 * h) for e in np.eye(4)]
    )
    assert np.abs(J - measured).max() < 1e-9
    np.testing.assert_allclose(J.sum(axis=0), 0.0, atol=1e-15)
    y = softmax(z)
    np.testing.assert_allclose(np.diag(J), y * (1 - y))


def test_the_step_fires_at_exactly_zero():
    """Catches ``z > 0`` for ``z >= 0``: a threshold unit gives 1 when its sum is 0."""
    assert binary_step([-1e-300, 0.0, 1e-300]).tolist() == [0.0, 1.0, 1.0]


def test_tanh_values_and_slope():
    """Catches tanh computed as arctan, and the slope taken from z instead of tanh(z).

    tanh(1) = (e - 1/e)/(e + 1/e) = 0.761594...; its slope 1 - tanh(1)^2 = 0.419974...
    (arctan(1) = pi/4 = 0.785398..., and 1 - 1^2 = 0 would be
    the slope computed from z).
    """
    assert tanh([1.0])[0] == pytest.approx(
        (np.e - 1 / np.e) / (np.e + 1 / np.e), rel=1e-15
    )
    assert tanh([1.0])[0] == pytest.approx(0.7615941559557649, rel=1e-15)
    assert tanh_derivative([1.0])[0] == pytest.approx(
        1 - 0.7615941559557649**2, rel=1e-14
    )
    assert tanh_derivative([0.0, 1.0])[1] == pytest.approx(
        0.41997434161402614, rel=1e-14
    )


def test_arctan_slope_is_one_over_one_plus_z_squared():
    """Catches ``1 / (1 + z)`` and ``1 / (1 - z z)``: at z = 2 the slope is 1/5, at z =
    -1 it is 1/2."""
    assert arctan_derivative([2.0, -1.0, 0.0]).tolist() == pytest.approx(
        [0.2, 0.5, 1.0], rel=1e-15
    )


def test_linear_returns_a_new_array():
    """Catches ``return z``: writing into ``linear``'s output must not change z."""
    z = np.array([1.0, -2.0])
    y = linear(z)
    y[0] = 7.0
    assert z.tolist() == [1.0, -2.0]


def test_softmax_slope_message_in_full():
    """Catches any change to the message on why softmax has no elementwise slope."""
    with pytest.raises(ValueError, match=r"^softmax has no elementwise slope") as info:
        get_activation("softmax").derivative(y=[0.5, 0.5])
    assert str(info.value) == (
        "softmax has no elementwise slope: each output depends on every logit of "
        "its row (its derivative is a Jacobian matrix, see softmax_jacobian). Pair "
        "a softmax output with the categorical_cross_entropy loss, whose delta y - "
        "t the network computes directly"
    )


def test_unknown_activation_message_in_full():
    """Catches a changed list of the known activations in get_activation's message."""
    with pytest.raises(ValueError, match=r"^activation must be one of ") as info:
        get_activation("swish")
    assert str(info.value) == (
        "activation must be one of arctan, linear, relu, sigmoid, "
        "softmax, step, tanh, but it is 'swish'"
    )


def test_softmax_rows_are_probabilities_and_shift_invariant():
    z = np.array([[1.0, 2.0, 3.0], [1001.0, 1002.0, 1003.0], [-1e3, 0.0, 1e3]])
    y = softmax(z)
    assert y.sum(axis=1) == pytest.approx(np.ones(3), abs=1e-15)
    assert y[0] == pytest.approx(y[1], rel=1e-14)
    assert y[0] == pytest.approx(np.exp([1, 2, 3]) / np.exp([1, 2, 3]).sum(), rel=1e-15)


# --- relative accuracy near saturation (issue 16, kind B) -----------------------------


def _sigmoid_exact(z: float) -> float:
    """1/(1 + e^{-z}) in 60-digit decimal arithmetic, rounded once to a float."""
    from decimal import Decimal, localcontext

    with localcontext() as context:
        context.prec = 60
        return float(1 / (1 + (-Decimal(z)).exp()))


def test_sigmoid_of_minus_40_keeps_its_digits():
    """The tanh form gave 0.0: 1 + tanh(-20) cancels to nothing."""
    assert sigmoid(-40.0) == 4.248354255291589e-18
    assert sigmoid_kernel(np.array([-40.0]))[0] == 4.248354255291589e-18


def test_sigmoid_has_relative_error_below_1e_15_on_minus_700_to_700():
    """Many points, against 60-digit arithmetic; the tanh form erred 100 % at -700."""
    rng = np.random.default_rng(16)
    z = np.concatenate(
        [
            np.linspace(-700.0, 700.0, 4001),
            rng.uniform(-40.0, 40.0, 2000),
            [-700.0, 0.0, 700.0],
        ]
    )
    exact = np.array([_sigmoid_exact(float(v)) for v in z])
    relative = np.abs(sigmoid(z) - exact) / exact
    assert relative.max() <= 1e-15
    assert sigmoid(-1000.0) == 0.0 and sigmoid(1000.0) == 1.0  # still no overflow


def test_sigmoid_of_a_scalar_is_a_scalar_on_both_sides_of_zero():
    assert isinstance(sigmoid_kernel(np.float64(-3.0)), np.floating)
    assert isinstance(sigmoid_kernel(np.float64(3.0)), np.floating)
    assert float(sigmoid(-3.0)) == pytest.approx(_sigmoid_exact(-3.0), rel=1e-15)


def test_sigmoid_keeps_the_tanh_form_bit_for_bit_for_non_negative_logits():
    """The book's printed numbers come from z >= 0 as before; only z < 0 changed."""
    z = np.linspace(0.0, 50.0, 1001)
    assert np.array_equal(sigmoid(z), 0.5 * (1.0 + np.tanh(0.5 * z)))


def _softmax_jacobian_exact(z):
    from decimal import Decimal, localcontext

    with localcontext() as context:
        context.prec = 60
        e = [Decimal(v).exp() for v in z]
        y = [v / sum(e) for v in e]
        return np.array(
            [
                [float(y[k] * ((1 if j == k else 0) - y[j])) for j in range(len(z))]
                for k in range(len(z))
            ]
        )


@pytest.mark.parametrize("gap", [0.0, 5.0, 16.0, 24.0, 40.0])
def test_softmax_jacobian_keeps_the_digits_of_a_confident_outputs_slope(gap):
    """Its diagonal y(1 - y) was y - y*y: 0 at a logit gap of 40 (truly 5.8e-18)."""
    rng = np.random.default_rng(int(gap))
    z = [gap, float(rng.normal()), float(rng.normal()) - 1.0]
    np.testing.assert_allclose(
        softmax_jacobian(z), _softmax_jacobian_exact(z), rtol=1e-14, atol=0.0
    )
    assert np.abs(softmax_jacobian(z).sum(axis=0)).max() <= 1e-15


# Mutation testing: the message of a derivative given neither z nor y, and softmax (not
# elementwise) on one sample's logits.
def test_a_derivative_without_z_or_y_says_it_needs_exactly_one():
    with pytest.raises(
        TypeError,
        match=r"^derivative needs the logits z or \(as the keyword y=\) the outputs "
        r"y = f\(z\), exactly one of them$",
    ):
        get_activation("sigmoid").derivative()


def test_the_softmax_activation_takes_one_sample_as_a_vector():
    y = get_activation("softmax")(np.array([0.0, np.log(3.0)]))
    assert y == pytest.approx([0.25, 0.75])


def test_get_activation_names_the_type_of_what_it_refuses():
    with pytest.raises(TypeError, match=r"but it is 3 \(int\)$"):
        get_activation(3)


def _logistic_slope_exact(z: float, k: int) -> float:
    """k^2 e^{-k|z|} / (1 + e^{-k|z|})^2 in 60 digits, rounded once: the slope of the
    sigmoid (k = 1) and of tanh (k = 2), since tanh z = 2 sigma(2z) - 1."""
    from decimal import Decimal, localcontext

    with localcontext() as context:
        context.prec = 60
        u = (-k * abs(Decimal(z))).exp()
        return float(k * k * u / (1 + u) ** 2)


@pytest.mark.parametrize(
    "derivative, k, name",
    [(sigmoid_derivative, 1, "sigmoid"), (tanh_derivative, 2, "tanh")],
)
def test_the_slopes_from_the_logit_are_within_3_ulps_on_minus_700_to_700(
    derivative, k, name
):
    """Issue 16: y(1 - y) and 1 - y^2 from a rounded y cancelled for positive z
    (sigmoid_derivative(30.0) off by 1.7e-4 relative, (37.0) and tanh's (20.0) 0)."""
    rng = np.random.default_rng(16 + k)
    z = np.concatenate(
        [
            np.linspace(-700.0, 700.0, 4001),
            rng.uniform(-40.0, 40.0, 2000),
            [-37.0, -30.0, 0.0, 20.0, 30.0, 37.0],
        ]
    )
    exact = np.array([_logistic_slope_exact(float(v), k) for v in z])
    for slope in (derivative(z), get_activation(name).derivative(z)):
        assert (np.abs(slope - exact) / np.spacing(exact)).max() <= 3.0


def test_the_slopes_of_saturated_logits_keep_their_digits_and_symmetry():
    """The reviewer's inputs: 0.0 where the true slopes are 8.53e-17 and 1.7e-17."""
    assert (
        sigmoid_derivative(37.0)
        == sigmoid_derivative(-37.0)
        == pytest.approx(8.533047625744066e-17, rel=1e-15, abs=0.0)
    )
    assert sigmoid_derivative(30.0) == pytest.approx(
        9.357622968838423e-14, rel=1e-15, abs=0.0
    )
    assert (
        tanh_derivative(20.0)
        == tanh_derivative(-20.0)
        == pytest.approx(1.6993417021166355e-17, rel=1e-15, abs=0.0)
    )
    # arctan's slope from z is 1/(1 + z^2); cos^2(arctan z) lost it near pi/2
    assert get_activation("arctan").derivative(np.array([1e10]))[0] == pytest.approx(
        1e-20, rel=1e-15, abs=0.0
    )
    assert sigmoid_derivative(1000.0) == tanh_derivative(-1000.0) == 0.0  # no warning


def test_softmax_jacobian_refuses_more_logits_than_its_limit():
    """20000 logits allocated a 3 GiB matrix unguarded (issue 16, E)."""
    with pytest.raises(ValueError, match="MAX_JACOBIAN_LOGITS") as caught:
        softmax_jacobian(np.zeros(20000))
    assert str(caught.value) == (
        "z must hold at most MAX_JACOBIAN_LOGITS = 4096 logits, but it holds 20000: "
        "the Jacobian would be a 20000 x 20000 matrix of 400000000 floats (3.0 GiB)"
    )
    assert softmax_jacobian(np.zeros(MAX_JACOBIAN_LOGITS)).shape == (4096, 4096)


# --- Mutation testing: equivalent survivors (`make mutation`, see CONTRIBUTING.md) ----
# _step, _relu_slope: `.astype(np.float64)` -> `.astype(None)`. numpy's default dtype,
#   which astype(None) gives, is float64.
# sigmoid_kernel: `negative = z < 0` -> `z <= 0`, which sends z = 0 (and -0.0) to the
#   branch for negative z: e^0 / (1 + e^0) is exactly 0.5, as (tanh(0) + 1) / 2 is.
# sigmoid_kernel: `np.exp(np.minimum(z, 0.0))` -> `np.minimum(z, 1.0)`: e is used only
#   where z < 0, where both minima are z; elsewhere e^1 cannot overflow either.


# Mutation testing: these public functions were reached only by doctests (which the
# mutation run does not collect); the tests above call the
# kernels through get_activation.
def test_the_public_activation_functions_give_their_values():
    from ffnn_edu.nn import activations as A

    z = np.array([-2.0, 0.0, 3.0])
    assert A.relu(z).tolist() == [0.0, 0.0, 3.0]
    assert A.relu_derivative(z).tolist() == [0.0, 0.0, 1.0]
    assert A.binary_step(z).tolist() == [0.0, 1.0, 1.0]
    assert A.binary_step_derivative(z).tolist() == [0.0, 0.0, 0.0]
    assert A.linear(z).tolist() == [-2.0, 0.0, 3.0]
    assert A.linear_derivative(z).tolist() == [1.0, 1.0, 1.0]
    assert A.arctan(z).tolist() == np.arctan(z).tolist()
    assert A.arctan_derivative(z) == pytest.approx(1 / (1 + z**2), rel=1e-15)


@pytest.mark.parametrize("seed, K", [(0, 2), (1, 3), (2, 5), (3, 10)])
def test_softmax_jacobian_is_symmetric(seed, K):
    """Chapter 10, exercise 5: dy_k/dz_j = dy_j/dz_k for every pair of classes."""
    z = np.random.default_rng(seed).normal(0, 3, K)
    J = softmax_jacobian(z)
    np.testing.assert_array_equal(J, J.T)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_tanh_hidden_layer_is_a_sigmoid_layer_with_doubled_weights(seed):
    """Chapter 4, exercise 4: tanh(z) = 2 sigma(2z) - 1, so doubling the hidden
    weights and biases, doubling the next layer's weights and taking their column sums
    off its biases turns a tanh network into a sigmoid network with the same outputs."""
    rng = np.random.default_rng(seed)
    tanh_net = FeedForwardNetwork((3, 4, 2), ["tanh", "linear"], seed=seed)
    W0, W1 = tanh_net.weights
    b1, b2 = tanh_net.biases
    sigmoid_net = FeedForwardNetwork((3, 4, 2), ["sigmoid", "linear"])
    sigmoid_net.set_weights([2 * W0, 2 * W1], [2 * b1, b2 - W1.sum(axis=0)])
    X = rng.normal(0, 2, (100, 3))
    np.testing.assert_allclose(sigmoid_net.forward(X), tanh_net.forward(X), atol=1e-12)


# Fresh review (issue 16): a near miss of a name gets the name meant.
def test_get_activation_points_a_near_miss_at_its_name():
    with pytest.raises(
        ValueError, match=re.escape("but it is 'ReLU'; did you mean 'relu'?")
    ):
        get_activation("ReLU")
    with pytest.raises(ValueError, match=r"but it is 'swish'$"):
        get_activation("swish")


BIG = np.finfo(float).max
EXTREME = [BIG, -BIG, 1e308, -1e308, 1e200, -1e200, 710.0, -710.0, 0.0, 5e-324]
EXTREME_PAIRS = [np.array([a, b]) for a in EXTREME for b in EXTREME]


# Review 17, fault 12f: softmax_jacobian([1e308, -1e308]) was right but warned of an
# overflow in softmax_parts (z - max z is -inf); tanh's slope warned beyond 9e307
# (2z is inf). No finite input may make an activation warn.
@pytest.mark.parametrize(
    "name, f",
    [
        ("softmax_jacobian", softmax_jacobian),
        ("softmax", softmax),
        ("softmax_kernel", lambda z: softmax_kernel(z[np.newaxis, :])),
        ("softmax_parts", lambda z: softmax_parts(z[np.newaxis, :])),
        ("sigmoid", sigmoid),
        ("sigmoid_derivative", sigmoid_derivative),
        ("tanh", tanh),
        ("tanh_derivative", tanh_derivative),
        ("tanh_logit_slope", tanh_logit_slope),
        ("arctan_derivative", arctan_derivative),
    ]
    + [
        (f"{name}.derivative", get_activation(name).derivative)
        for name in sorted(ACTIVATIONS)
        if name != "softmax"
    ],
)
def test_no_activation_warns_on_extreme_finite_inputs(name, f):
    for z in EXTREME_PAIRS:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            f(z)


def test_the_softmax_jacobian_of_logits_2e308_apart_is_right_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        jacobian = softmax_jacobian(np.array([1e308, -1e308]))
    assert jacobian.tolist() == [[0.0, -0.0], [-0.0, 0.0]]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert tanh_derivative(np.array([BIG, -BIG])).tolist() == [0.0, 0.0]


@pytest.mark.parametrize(
    "name, meant", [("logistic", "sigmoid"), ("identity", "linear")]
)
def test_an_activation_of_another_library_is_refused_with_the_name_meant(name, meant):
    """Issue 16 (F12): scikit-learn's "logistic" is the sigmoid; refused (one
    vocabulary), with the package's name."""
    with pytest.raises(
        ValueError, match=f"'{name}' is scikit-learn's name .*: here '{meant}'"
    ):
        get_activation(name)
