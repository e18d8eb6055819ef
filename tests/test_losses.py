"""nn.losses: a wrong type as a loss name raises TypeError; CLIP is public."""

import re
import warnings

import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork, train
from ffnn_edu.nn.activations import softmax
from ffnn_edu.nn.gradient_check import numerical_gradient
from ffnn_edu.nn.losses import (
    ALIASES,
    CLIP,
    LOSSES,
    binary_cross_entropy,
    categorical_cross_entropy,
    get_loss,
)


@pytest.mark.parametrize("name", [["mse"], {"mse": 1}, None, 1.0])
def test_get_loss_refuses_something_that_is_no_name_with_type_error(name):
    with pytest.raises(TypeError, match=r"\(a name\) or a Loss, but it is"):
        get_loss(name)


def test_get_loss_refuses_an_unknown_name_with_value_error():
    with pytest.raises(ValueError, match=r"but it is 'hinge'$"):
        get_loss("hinge")


def test_clip_bounds_the_cross_entropy_of_a_saturated_output():
    assert CLIP == 1e-15
    assert binary_cross_entropy([[0.0]], [[1.0]]) == pytest.approx(-np.log(CLIP))


@pytest.fixture
def net():
    return FeedForwardNetwork((2, 3, 1), seed=0)


def test_labels_outside_0_1_for_the_binary_loss_are_refused(net):
    with pytest.raises(
        ValueError,
        match=r"t must contain only the labels 0 and 1, but it contains 2\.0",
    ):
        binary_cross_entropy([[0.3]], [[2.0]])
    with pytest.raises(ValueError, match=r"^T must contain only the labels 0 and 1"):
        train(net, np.zeros((2, 2)), [0.0, 0.5], loss="binary_cross_entropy")
    with pytest.raises(
        ValueError,
        match=(r"^T_val must contain only the labels 0 and 1, but it contains 2\.0"),
    ):
        train(
            net,
            np.zeros((2, 2)),
            [0.0, 1.0],
            loss="binary_cross_entropy",
            validation=(np.zeros((2, 2)), [0.0, 2.0]),
        )
    with pytest.raises(ValueError, match="y must lie in"):
        binary_cross_entropy([[1.5]], [[1.0]])


@pytest.mark.parametrize("name", [["mse"], np.array(["mse"]), {}, {"mse": 1}])
def test_get_loss_refuses_unhashable_names_with_its_message(name):
    with pytest.raises(
        TypeError,
        match=r"^loss must be one of binary_cross_entropy, "
        r"categorical_cross_entropy, cross_entropy, half_sse, mse \(a name\) or a "
        r"Loss, but it is",
    ):
        get_loss(name)


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_loss_derivatives_match_finite_differences(name):
    loss = LOSSES[name]
    rng = np.random.default_rng(1)
    y = rng.uniform(0.05, 0.95, size=(4, 3))
    t = rng.integers(0, 2, size=(4, 3)).astype(float)
    error = loss
    if name == "categorical_cross_entropy":
        t = rng.dirichlet(np.ones(3), size=4)
        # outputs are probability rows; a step in one entry leaves the simplex,
        # which the checked entry refuses: differentiate its unchecked kernel
        y = rng.dirichlet(np.ones(3), size=4)
        error = loss.value
    numeric = numerical_gradient(lambda: error(y, t), [y])[0]
    assert loss.derivative(y, t) == pytest.approx(numeric, rel=1e-6, abs=1e-9)


def test_cross_entropy_at_outputs_of_exactly_zero_and_one():
    """Catches a dropped clip in binary cross-entropy and its gradient (0 log 0: NaN).

    y = t exactly costs nothing, +0.0 (the clip on y itself gave it -log(1 - 1e-15) =
    1e-15). A confident wrong
    output y = 0 for t = 1 costs -log(1e-15) = 34.538776...; the gradient there is
    (1e-15 - 1)/(1e-15 (1 - 1e-15)) = -1e15; y = 1 for t = 0 gives its mirror, 1e15
    (1 - y clipped at 1e-15, review 21). Where y = t the gradient
    -t/y + (1 - t)/(1 - y) is -1 (y = t = 1) or 1 (y = t = 0),
    here over a mean of 2 samples.
    """
    E = get_loss("binary_cross_entropy")
    exact_hit = E([[0.0], [1.0]], [[0.0], [1.0]])
    assert exact_hit == 0.0 and np.copysign(1.0, exact_hit) == 1.0
    assert E([[0.0]], [[1.0]]) == pytest.approx(15 * np.log(10), rel=1e-12)
    assert E.derivative(
        [[1.0], [0.0]], [[1.0], [0.0]]
    ).ravel().tolist() == pytest.approx([-0.5, 0.5], rel=1e-14)
    assert E.derivative([[0.0]], [[1.0]])[0, 0] == pytest.approx(-1e15, rel=1e-12)
    assert E.derivative([[1.0]], [[0.0]])[0, 0] == pytest.approx(1e15, rel=1e-12)


def test_categorical_cross_entropy_at_an_output_of_zero():
    """Catches a dropped lower clip: 0 log 0 and 0/0 must count as 0, not NaN.

    y = (1, 0), t = (1, 0): E = -log 1 = 0 and dE/dy = -t/y =
    (-1, 0) (one sample, no mean).
    """
    E = get_loss("categorical_cross_entropy")
    assert E([[1.0, 0.0]], [[1.0, 0.0]]) == 0.0
    assert E.derivative([[1.0, 0.0]], [[1.0, 0.0]]).tolist() == [[-1.0, 0.0]]


def test_categorical_cross_entropy_from_logits_shifts_each_row_by_its_own_maximum():
    """Catches the maximum taken over the whole batch instead of each row.

    Row 1: z = (1000, 0), t = (1, 0): E = log(1 + e^-1000) = 0 (to double precision).
    Row 2: z = (0, 1), t = (0, 1): E = log(1 + e^-1) = 0.313261687518...
    The mean over the two rows is 0.156630843759...; shifting row 2 by 1000 gives log 0.
    """
    E = get_loss("categorical_cross_entropy")
    z = np.array([[1000.0, 0.0], [0.0, 1.0]])
    t = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert E.value_from_logits(z, t) == pytest.approx(
        np.log1p(np.exp(-1.0)) / 2, rel=1e-14
    )


@pytest.mark.parametrize(
    "name, y, t, message",
    [
        (
            "half_sse",
            [[1.0]],
            [[np.nan]],
            "t must contain only finite numbers, but it contains "
            "NaN or infinity at index (0, 0)",
        ),
        (
            "categorical_cross_entropy",
            [[0.5, 0.5]],
            [[0.5, 0.6]],
            "t must hold one row of probabilities per sample (non-negative, "
            "summing to 1), but row 0 sums to 1.1 (further from 1 than the tolerance, "
            "1e-09)",
        ),
    ],
)
def test_bad_targets_of_a_loss_are_called_t(name, y, t, message):
    """Catches the target array left unnamed in a loss's messages."""
    with pytest.raises(ValueError, match=r"^t must ") as info:
        get_loss(name)(y, t)
    assert str(info.value) == message


def test_unknown_loss_message_in_full():
    """Catches a changed list of the known losses in get_loss's message."""
    with pytest.raises(ValueError, match=r"^loss must be one of ") as info:
        get_loss("hinge")
    assert str(info.value) == (
        "loss must be one of binary_cross_entropy, "
        "categorical_cross_entropy, cross_entropy, half_sse, mse, but it is 'hinge'"
    )


def test_binary_mean_convention_is_over_every_entry():
    net = FeedForwardNetwork((1, 2), "sigmoid", bias=False)
    net.set_weights([[[40.0, -40.0]]])
    X, T = np.ones((3, 1)), np.zeros((3, 2))
    grads = net.backprop(X, T, "binary_cross_entropy")
    assert grads.deltas[-1] == pytest.approx(
        np.tile([[1.0, 0.0]], (3, 1)) / 6, abs=1e-17
    )
    assert grads.loss == pytest.approx((40.0 + np.log1p(np.exp(-40.0))) / 2, rel=1e-15)


def test_losses_from_logits_equal_losses_of_probabilities_where_nothing_saturates():
    rng = np.random.default_rng(3)
    z = rng.normal(size=(6, 4))
    t = rng.dirichlet(np.ones(4), size=6)
    assert categorical_cross_entropy.value_from_logits(z, t) == pytest.approx(
        categorical_cross_entropy(softmax(z), t), rel=1e-12
    )
    labels = rng.integers(0, 2, size=(6, 4)).astype(float)
    y = 1.0 / (1.0 + np.exp(-z))
    assert binary_cross_entropy.value_from_logits(z, labels) == pytest.approx(
        binary_cross_entropy(y, labels), rel=1e-12
    )


def test_categorical_cross_entropy_on_probabilities_is_the_mean_over_samples():
    y = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]])
    t = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    assert categorical_cross_entropy(y, t) == pytest.approx(
        -(np.log(0.7) + np.log(0.8)) / 2
    )
    assert categorical_cross_entropy.derivative(y, t)[0, 0] == pytest.approx(
        -1 / 0.7 / 2
    )


def test_categorical_targets_must_be_probability_rows():
    with pytest.raises(ValueError, match="row 1 sums to 2"):
        categorical_cross_entropy([[0.5, 0.5], [0.5, 0.5]], [[1.0, 0.0], [1.0, 1.0]])
    with pytest.raises(ValueError, match="non-negative"):
        get_loss("categorical_cross_entropy").check_targets([[-0.5, 1.5]])


# --- cancellation-free losses from the logits (issue 16, kind B) ----------------------


def _exact(expression):
    """Evaluate ``expression(Decimal)`` with 60 digits and round once to a float."""
    from decimal import Decimal, localcontext

    with localcontext() as context:
        context.prec = 60
        return float(expression(Decimal))


def _bce_exact(z: float, t: float) -> float:
    # softplus(z) - t z, exactly
    return _exact(lambda D: (1 + D(z).exp()).ln() - D(t) * D(z))


def _cce_exact(z: list[float], k: int) -> float:
    return _exact(lambda D: sum(D(v).exp() for v in z).ln() - D(z[k]))


@pytest.mark.parametrize("t", [0.0, 1.0])
def test_binary_cross_entropy_from_logits_keeps_its_relative_accuracy(t):
    """softplus(z) - t z cancelled: at z = 20, t = 1 it kept ~6 digits of 2.06e-9."""
    rng = np.random.default_rng(int(t))
    sign = 1.0 if t == 1.0 else -1.0  # confident and correct, then everything else
    for z in np.concatenate(
        [sign * np.linspace(16.0, 40.0, 97), rng.uniform(-40, 40, 100)]
    ):
        got = binary_cross_entropy.value_from_logits(np.array([[z]]), np.array([[t]]))
        assert got == pytest.approx(_bce_exact(float(z), t), rel=1e-14, abs=0.0)


def test_categorical_cross_entropy_from_logits_keeps_its_relative_accuracy():
    """ln sum e^z - z_k cancelled for the target of a confident, right softmax."""
    rng = np.random.default_rng(3)
    for gap in np.linspace(16.0, 40.0, 49):
        z = [gap + rng.normal(), rng.normal(), rng.normal() - 2.0]
        for k in range(3):  # the correct class and two wrong ones
            T = np.eye(3)[[k]]
            got = categorical_cross_entropy.value_from_logits(np.array([z]), T)
            assert got == pytest.approx(_cce_exact(z, k), rel=1e-14, abs=0.0)


@pytest.mark.parametrize("t", [0.0, 1.0])
def test_binary_delta_from_logits_keeps_its_relative_accuracy(t):
    """sigmoid(z) - t from the rounded output: 0 at z = 40, t = 1 (true -4.2e-18)."""
    z = np.concatenate([np.linspace(-40.0, 40.0, 161)])[:, None]
    T = np.full_like(z, t)
    got = binary_cross_entropy.delta_from_logits(z, T)
    exact = np.array(
        [_exact(lambda D, v=v: 1 / (1 + (-D(float(v))).exp()) - D(t)) for v in z[:, 0]]
    )
    np.testing.assert_allclose(got[:, 0], exact / z.size, rtol=1e-15, atol=0.0)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_binary_delta_from_logits_is_the_two_sigmoid_kernels_bit_for_bit(seed):
    """(1 - t) sigmoid(z) - t sigmoid(-z), over n, to the last bit, from one tanh and
    one exp of |z| (catches a form picked on the wrong side of 0, or for NaN)."""
    from ffnn_edu.nn.activations import sigmoid_kernel

    rng = np.random.default_rng(seed)
    z = rng.normal(size=(300, 2)) * rng.choice([1e-9, 1.0, 30.0, 800.0], size=(300, 2))
    z[:7, 0] = [0.0, -0.0, np.inf, -np.inf, np.nan, 5e-324, -745.5]
    T = (rng.random(z.shape) < 0.5).astype(float)
    expected = ((1.0 - T) * sigmoid_kernel(z) - T * sigmoid_kernel(-z)) / T.size
    got = binary_cross_entropy.delta_from_logits(z, T)
    np.testing.assert_array_equal(got, expected)  # NaN where NaN, every bit elsewhere


def _softmax_minus_t_exact(z: list[float], t: list[float]) -> list[float]:
    def entry(D, j):
        return D(z[j]).exp() / sum(D(v).exp() for v in z) - D(t[j])

    return [_exact(lambda D, j=j: entry(D, j)) for j in range(len(z))]


def test_categorical_delta_from_logits_keeps_its_relative_accuracy():
    """y - t for the target of a confident softmax output: 1 - y_k cancelled."""
    rng = np.random.default_rng(4)
    for gap in (0.0, 5.0, 16.0, 24.0, 40.0):
        z = [gap, float(rng.normal()), float(rng.normal()) - 1.0]
        t = [1.0, 0.0, 0.0]
        got = categorical_cross_entropy.delta_from_logits(np.array([z]), np.array([t]))[
            0
        ]
        np.testing.assert_allclose(
            got, _softmax_minus_t_exact(z, t), rtol=1e-14, atol=0.0
        )


@pytest.mark.parametrize("name", ["binary_cross_entropy", "categorical_cross_entropy"])
def test_deltas_from_logits_equal_y_minus_t_where_nothing_saturates(name):
    loss = get_loss(name)
    rng = np.random.default_rng(5)
    if name == "binary_cross_entropy":
        z, T = rng.normal(size=(6, 2)), rng.integers(0, 2, size=(6, 2)).astype(float)
        y = 1 / (1 + np.exp(-z))
    else:
        z, T = rng.normal(size=(6, 3)), np.eye(3)[rng.integers(0, 3, size=6)]
        y = softmax(z)
    np.testing.assert_allclose(
        loss.delta_from_logits(z, T), loss.delta(y, T), rtol=1e-13
    )


# --- one vocabulary for loss names (issue 16, kind D) ---------------------------------


def test_cross_entropy_is_an_alias_resolved_for_the_output_layer():
    assert get_loss("cross_entropy") is binary_cross_entropy
    assert get_loss("cross_entropy", output="sigmoid") is binary_cross_entropy
    assert get_loss("cross_entropy", output="softmax") is categorical_cross_entropy
    assert set(ALIASES) == {"cross_entropy"}


@pytest.mark.parametrize(
    "layers,activation,T,expected",
    [
        ((2, 3, 1), ["tanh", "sigmoid"], [[0.0], [1.0], [1.0]], "binary_cross_entropy"),
        ((2, 3, 3), ["tanh", "softmax"], np.eye(3), "categorical_cross_entropy"),
    ],
)
def test_train_and_the_gradient_check_accept_the_classifiers_loss_name(
    layers, activation, T, expected
):
    """train(loss="cross_entropy") was refused, although NetworkClassifier's default."""
    from ffnn_edu import gradient_check
    from ffnn_edu.nn.training import knows_nothing_loss

    X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    T = np.asarray(T, dtype=float)
    by_alias, by_name = (
        FeedForwardNetwork(layers, activation, seed=1) for _ in range(2)
    )
    aliased = train(by_alias, X, T, loss="cross_entropy", epochs=5)
    named = train(by_name, X, T, loss=expected, epochs=5)
    assert aliased.train_loss == named.train_loss
    assert by_alias.check_loss("cross_entropy").name == expected
    assert gradient_check(by_alias, X, T, "cross_entropy").passed()
    assert knows_nothing_loss(by_alias, "cross_entropy", T) == knows_nothing_loss(
        by_alias, expected, T
    )


def test_the_cross_entropy_alias_refuses_a_linear_output_by_the_name_written():
    # review 21: the refusal named "the binary_cross_entropy loss", never written
    with pytest.raises(
        ValueError,
        match=r"^the cross_entropy loss needs a sigmoid output layer \(where it is "
        r"binary_cross_entropy\) or a softmax output layer .* output layer is linear$",
    ):
        FeedForwardNetwork((2, 1), "linear").check_loss("cross_entropy")


# Mutation testing: Loss.check's message for outputs and targets of different shapes.
def test_a_loss_says_y_and_t_differ_in_shape():
    from ffnn_edu.nn.losses import get_loss

    with pytest.raises(
        ValueError,
        match=r"^y and t must have the same shape, but they have \(2,\) and \(1,\)$",
    ):
        get_loss("mse")([1.0, 2.0], [1.0])


# --- Mutation testing: equivalent survivors (`make mutation`, see CONTRIBUTING.md) ----
# _sigmoid_pair: `z < 0` -> `z <= 0` and `z > 0` -> `z >= 0`: they differ only at z = 0
#   (or -0), where both forms give exactly 0.5 (the tanh form (1 + 0) * 0.5, the exp
#   form 1 / (1 + 1)).


@pytest.mark.parametrize("t", [0.05, 0.3, 0.5, 0.8, 0.99])
def test_cross_entropy_with_a_target_between_0_and_1_is_smallest_at_y_equals_t(t):
    """Chapter 5, exercise 4: E(y) = -[t ln y + (1 - t) ln(1 - y)] (the package's
    categorical cross-entropy of the rows (y, 1 - y) and (t, 1 - t)) has its minimum
    at y = t, where it equals the entropy of t, above 0."""
    cce = get_loss("categorical_cross_entropy")
    y = np.linspace(1e-4, 1 - 1e-4, 9_999)
    E = np.array([cce([[v, 1 - v]], [[t, 1 - t]]) for v in y])
    assert abs(y[np.argmin(E)] - t) <= 1e-4
    entropy = -(t * np.log(t) + (1 - t) * np.log(1 - t))
    assert abs(cce([[t, 1 - t]], [[t, 1 - t]]) - entropy) < 1e-12
    assert E.min() >= entropy - 1e-12 and entropy > 0
    # the second derivative t / y^2 + (1 - t) / (1 - y)^2 is positive: convex
    assert np.all(np.diff(E, 2) > 0)


def test_the_smallest_cross_entropy_falls_to_0_only_as_t_reaches_0_or_1():
    cce = get_loss("categorical_cross_entropy")
    minima = [cce([[t, 1 - t]], [[t, 1 - t]]) for t in (1e-3, 1e-6, 1e-9)]
    assert np.all(np.diff(minima) < 0) and minima[-1] < 1e-7
    assert cce([[1.0, 0.0]], [[1.0, 0.0]]) == 0.0


def test_categorical_cross_entropy_refuses_outputs_whose_rows_do_not_sum_to_1():
    cce = get_loss("categorical_cross_entropy")
    with pytest.raises(
        ValueError,
        match=r"^y must hold one row of probabilities per sample \(non-negative, "
        r"summing to 1\), but row 0 sums to 2\.7 \(further from 1 than the "
        r"tolerance, 1e-09\)$",
    ):
        cce([[0.9, 0.9, 0.9]], [[1, 0, 0]])
    with pytest.raises(ValueError, match=r"row 1 sums to 0\.5"):
        cce.derivative([[0.2, 0.8], [0.25, 0.25]], [[1, 0], [0, 1]])


def test_categorical_cross_entropy_accepts_softmax_outputs_with_their_round_off():
    z = np.random.default_rng(0).normal(size=(1000, 50)) * 3
    y = softmax(z)
    assert np.abs(y.sum(axis=1) - 1).max() > 0  # round-off is there
    t = np.eye(50)[np.zeros(1000, dtype=int)]
    expected = -np.mean(np.log(y[:, 0]))
    assert get_loss("categorical_cross_entropy")(y, t) == pytest.approx(
        expected, rel=1e-6
    )


# outputs from just above the clip to 1/2, on a log scale, for both labels
_SMALL = np.geomspace(CLIP, 0.5, 157)


@pytest.mark.parametrize("t", [0.0, 1.0])
def test_binary_cross_entropy_on_probabilities_keeps_its_relative_accuracy(t):
    """ln(1 - y) lost digits of a small y: E([[1e-13]], [[0]]) was 1.000311e-13."""
    # t = 0 at an output y, t = 1 at an output 1 - y (exactly 1 - y for y >= 2^-53)
    for y in _SMALL:
        out = float(y) if t == 0.0 else 1.0 - float(y)
        got = binary_cross_entropy([[out]], [[t]])
        exact = _exact(lambda D, o=out: -(D(1) - D(o)).ln() if t == 0 else -D(o).ln())
        assert got == pytest.approx(exact, rel=4e-16, abs=0.0), out


@pytest.mark.parametrize("t", [0.0, 1.0])
def test_binary_cross_entropy_derivative_keeps_its_relative_accuracy(t):
    """dE/dy = (y - t) / (y (1 - y)) is 1/(1 - y) or -1/y: no cancellation left."""
    for y in _SMALL:
        out = float(y) if t == 0.0 else 1.0 - float(y)
        got = binary_cross_entropy.derivative([[out]], [[t]])[0, 0]
        exact = _exact(lambda D, o=out: 1 / (D(1) - D(o)) if t == 0 else -1 / D(o))
        assert got == pytest.approx(exact, rel=1e-15, abs=0.0), out


def test_categorical_cross_entropy_on_probabilities_keeps_its_relative_accuracy():
    """-ln y_k of the target's output, whether y_k is near 1 or near the clip."""
    for y in _SMALL:
        row = np.array([[1.0 - float(y), float(y)]])
        for k in range(2):
            got = categorical_cross_entropy(row, np.eye(2)[[k]])
            exact = _exact(lambda D, v=row[0, k]: -D(float(v)).ln())
            assert got == pytest.approx(exact, rel=4e-16, abs=0.0), (row, k)


# outputs below the clip, down to the smallest normal float's neighbourhood
_TINY = np.geomspace(1e-300, CLIP, 61)


@pytest.mark.parametrize("t", [0.0, 1.0])
def test_binary_cross_entropy_of_a_right_output_below_the_clip_is_exact(t):
    """The clip on y put a floor under a right output's loss and slope: E([[1e-20]],
    [[0]]) was 1.0000000000000007e-15 (true 1e-20), E([[1e-300]], [[0]]) 1e-15; its
    slope 1/(1 - 1e-15), not 1/(1 - 1e-20). Only the logarithm that blows up is
    clipped now."""
    for y in _TINY:
        # t = 0 at an output y; t = 1 at an output 1 - y, which is 1 for y < 2^-53
        out = float(y) if t == 0.0 else 1.0 - float(y)
        got = binary_cross_entropy([[out]], [[t]])
        # -ln(1 - y) = y + y^2/2 + y^3/3 + ... (1 - y rounds to 1 in 60 digits), the
        # rest below y^4 < 1e-60 y
        exact = _exact(
            lambda D, o=out: (
                D(o) + D(o) ** 2 / 2 + D(o) ** 3 / 3 if t == 0 else -D(o).ln()
            )
        )
        assert got == pytest.approx(exact, rel=4e-16, abs=0.0), out
        slope = binary_cross_entropy.derivative([[out]], [[t]])[0, 0]
        exact = _exact(lambda D, o=out: 1 / (D(1) - D(o)) if t == 0 else -1 / D(o))
        assert slope == pytest.approx(exact, rel=1e-15, abs=0.0), out


def test_binary_cross_entropy_still_caps_a_confident_wrong_output():
    """The documented cap: ln max(y, CLIP) and ln max(1 - y, CLIP), the same at both
    ends (review 21: the top was ln(1 - min(y, 1 - CLIP)), 34.53958 at y = 1)."""
    cap = _exact(lambda D: -D(CLIP).ln())  # 15 ln 10 = 34.538776394910684
    top = 1.0 - CLIP  # the double 1 - 9.992e-16, inside the cap: 1 - top < CLIP
    for y, t in [(1e-20, 1.0), (0.0, 1.0), (CLIP, 1.0)]:
        assert binary_cross_entropy([[y]], [[t]]) == pytest.approx(cap, rel=4e-16)
        assert binary_cross_entropy.derivative([[y]], [[t]])[0, 0] == pytest.approx(
            -1e15, rel=1e-15
        )
    for y in (1.0, top):
        assert binary_cross_entropy([[y]], [[0.0]]) == pytest.approx(cap, rel=4e-16)
        assert binary_cross_entropy.derivative([[y]], [[0.0]])[0, 0] == pytest.approx(
            1e15, rel=1e-15
        )


@pytest.mark.parametrize(
    "name, y, t",
    [
        ("binary_cross_entropy", [[1.0], [0.0]], [[1.0], [0.0]]),
        ("categorical_cross_entropy", [[1.0, 1e-20]], [[1.0, 0.0]]),
        ("categorical_cross_entropy", [[0.0, 1.0]], [[0.0, 1.0]]),
    ],
)
def test_a_perfect_prediction_costs_plus_zero(name, y, t):
    """cce([[1, 1e-20]], [[1, 0]]) was -0.0 (the sum of 0 * ln y terms, negated)."""
    loss = get_loss(name)
    for got in (loss(y, t), loss.value(np.array(y), np.array(t))):
        assert got == 0.0 and np.copysign(1.0, got) == 1.0


# Fresh review (issue 16): a near miss of a name gets the name meant.
def test_get_loss_points_a_near_miss_at_its_name():
    message = "but it is 'cross-entropy'; did you mean 'cross_entropy'?"
    with pytest.raises(ValueError, match=re.escape(message) + "$"):
        get_loss("cross-entropy")


# Found beside review 17's fault 12f: the cross-entropy from logits 2e308 apart took
# top - z = inf on the class of target 0, and 0 * inf gave NaN (and a warning) for a
# confident, correct output, whose loss is 0.
def test_the_cross_entropy_of_logits_2e308_apart_is_0_when_right_inf_when_wrong():
    loss = get_loss("categorical_cross_entropy")
    z = np.array([[1e308, -1e308]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        right = loss.value_from_logits(z, np.array([[1.0, 0.0]]))
        wrong = loss.value_from_logits(z, np.array([[0.0, 1.0]]))
    assert right == 0.0 and wrong == np.inf


def test_targets_off_one_by_1e_7_show_the_sum_with_every_digit_and_the_tolerance():
    """:g printed 0.9999998999999999 as "sums to 1", the very difference refused
    (review 17, fault 7)."""
    network = FeedForwardNetwork((2, 3, 3), ["tanh", "softmax"])
    with pytest.raises(
        ValueError,
        match=r"but row 0 sums to 0\.9999998999999999 \(further from 1 than the "
        r"tolerance, 1e-09\)$",
    ):
        train(
            network,
            np.zeros((1, 2)),
            [[0.3333333] * 3],
            loss="categorical_cross_entropy",
        )


def test_float32_softmax_outputs_are_probability_rows():
    """Their sums miss 1 by some 1e-8 (float32 rounding), which the float64 tolerance
    1e-9 refused; the tolerance scales with the dtype's epsilon."""
    y = np.float32([[0.2, 0.3, 0.5]])
    y = y / y.sum()
    assert abs(float(y.astype(float).sum()) - 1) > 1e-9  # the case the review found
    assert get_loss("categorical_cross_entropy")(y, [[0, 0, 1.0]]) == pytest.approx(
        -np.log(0.5), rel=1e-6
    )
    # the same numbers in float64 are still held to 1e-9
    with pytest.raises(ValueError, match=r"sums to 1\.0000000149011612 \(further"):
        get_loss("categorical_cross_entropy")(y.astype(float), [[0, 0, 1.0]])


@pytest.mark.parametrize("which", ["y", "t"])
def test_float16_rows_summing_to_0_70_are_refused_as_outputs_and_as_targets(which):
    # review 19 F3: 100 entries of 0.007 in float16 passed the old tolerance (0.39)
    loss = get_loss("categorical_cross_entropy")
    off = np.full((2, 100), 0.007).astype(np.float16)
    one_hot = np.zeros((2, 100), dtype=np.float16)
    one_hot[:, 0] = 1
    y, t = (off, one_hot) if which == "y" else (one_hot, off)
    with pytest.raises(
        ValueError, match=rf"^{which} must hold one row .* sums to 0\.(69|70)"
    ):
        loss(y, t)


@pytest.mark.parametrize(
    "other, meant",
    [
        (
            "log_loss",
            "; 'log_loss' is scikit-learn's name for the cross-entropy: here "
            "'cross_entropy'",
        ),
        ("nll", "for class probabilities is the cross-entropy: here 'cross_entropy'"),
        ("bce", "; 'bce' is the binary cross-entropy: here 'binary_cross_entropy'"),
        ("Categorical-Crossentropy", "here 'categorical_cross_entropy'"),
    ],
)
def test_a_loss_name_of_another_library_is_refused_with_the_name_meant(other, meant):
    # issue 16, kind C (review 17, 12c): refused (one vocabulary), but told
    with pytest.raises(ValueError, match=r"^loss must be one of") as error:
        get_loss(other)
    assert f"but it is {other!r}; " in str(error.value)
    assert str(error.value).endswith(meant[-40:]) and meant in str(error.value)


@pytest.mark.parametrize("dtype", [np.float16, np.float32])
@pytest.mark.parametrize("name", ["binary_cross_entropy", "categorical_cross_entropy"])
def test_raw_value_and_gradient_of_narrow_floats_are_finite_as_in_float64(dtype, name):
    # review 20 F10: CLIP = 1e-15 is 0 in float16, so a saturated, wrong output's
    # raw value was inf (and NaN in a float16 run)
    loss = get_loss(name)
    y, t = np.array([[1.0, 0.0]]), np.array([[0.0, 1.0]])
    narrow_y, narrow_t = y.astype(dtype), t.astype(dtype)
    assert loss.value(narrow_y, narrow_t) == loss.value(y, t) == loss(y, t)
    assert np.isfinite(loss.value(narrow_y, narrow_t))
    np.testing.assert_array_equal(
        loss.gradient(narrow_y, narrow_t), loss.gradient(y, t)
    )
    assert np.isfinite(loss.gradient(narrow_y, narrow_t)).all()


def test_train_points_logistic_at_the_cross_entropy():
    network = FeedForwardNetwork([2, 1], ["sigmoid"])
    with pytest.raises(ValueError, match="but it is 'logistic'") as refused:
        train(network, np.zeros((2, 2)), np.zeros((2, 1)), loss="logistic")
    assert str(refused.value).endswith(
        "'logistic' is the logistic loss, the cross-entropy of sigmoid outputs: "
        "here 'cross_entropy'"
    )


# Review 21: "cross_entropy" for an output layer it pairs with no loss for fell back on
# binary_cross_entropy, and the refusal named that loss, which was never written.
@pytest.mark.parametrize("output", ["relu", "linear", "tanh"])
def test_get_loss_names_the_alias_as_written_for_an_output_it_has_no_meaning_for(
    output,
):
    with pytest.raises(ValueError, match=r"^the cross_entropy loss needs") as caught:
        get_loss("cross_entropy", output=output)
    message = str(caught.value)
    assert message == (
        "the cross_entropy loss needs a sigmoid output layer (where it is "
        "binary_cross_entropy) or a softmax output layer (where it is "
        f"categorical_cross_entropy), but the output layer is {output}"
    )


def test_get_loss_still_resolves_the_alias_for_its_outputs_and_without_one():
    assert get_loss("cross_entropy") is binary_cross_entropy
    assert get_loss("cross_entropy", output="sigmoid") is binary_cross_entropy
    assert get_loss("cross_entropy", output="softmax") is categorical_cross_entropy


# Review 21: 1 - CLIP rounds to 1 - 9.99e-16, so the clip at the top was looser than at
# the bottom: y = 1 with t = 0 cost 34.53958 and had slope 1.0008e15, y = 0 with t = 1
# 34.53878 and -1e15.
@pytest.mark.parametrize("wrong", [1.0, 1.0 - 2**-53, 1.0 - CLIP])
def test_binary_cross_entropy_costs_the_same_at_both_saturated_ends(wrong):
    top = binary_cross_entropy([[wrong]], [[0.0]])
    bottom = binary_cross_entropy([[1.0 - wrong]], [[1.0]])
    assert top == bottom == -np.log(CLIP) == pytest.approx(34.538776394910684, abs=0)


@pytest.mark.parametrize("wrong", [1.0, 1.0 - 2**-53, 1.0 - CLIP])
def test_binary_cross_entropy_gradients_mirror_at_the_two_saturated_ends(wrong):
    top = binary_cross_entropy.derivative([[wrong]], [[0.0]])
    bottom = binary_cross_entropy.derivative([[1.0 - wrong]], [[1.0]])
    assert top[0, 0] == -bottom[0, 0] == 1.0 / CLIP


def test_binary_cross_entropy_of_a_right_confident_output_keeps_its_digits_at_one():
    # the clip at the top touches only 1 - y below CLIP: 1 - 1e-14 keeps ln 1e-14
    y = 1.0 - 1e-14
    assert binary_cross_entropy([[y]], [[0.0]]) == -np.log1p(-y)
    assert binary_cross_entropy.derivative([[y]], [[0.0]])[0, 0] == 1.0 / (1.0 - y)
