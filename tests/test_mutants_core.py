"""Worked values for the core maths, each catching a wrong line the rest of the suite let through.

Found by mutation testing of activations, losses, network and gradient_check (mutmut on the
undecorated kernels, hand-made slips in the bodies of ``@checked`` functions): every test below
failed on at least one such slip and passes on the real code. Each docstring names the slip and
works the expected value out by hand.
"""
import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork
from ffnn_edu.nn.activations import (arctan_derivative, binary_step, get_activation, linear,
                                  tanh, tanh_derivative)
from ffnn_edu.nn.gradient_check import (GradientCheckReport, error_bound_text,
                                        finite_differences, gradient_check, numerical_gradient,
                                        one_sided_slopes_jump, relative_error)
from ffnn_edu.nn.losses import get_loss
from ffnn_edu.nn.regularization import Regularizer

# --- activations -------------------------------------------------------------------------


def test_the_step_fires_at_exactly_zero():
    """Catches ``z > 0`` for ``z >= 0``: the threshold unit outputs 1 when its sum is exactly 0."""
    assert binary_step([-1e-300, 0.0, 1e-300]).tolist() == [0.0, 1.0, 1.0]


def test_tanh_values_and_slope():
    """Catches tanh computed as arctan, and the slope taken from z instead of tanh(z).

    tanh(1) = (e - 1/e)/(e + 1/e) = 0.761594...; its slope 1 - tanh(1)^2 = 0.419974...
    (arctan(1) = pi/4 = 0.785398..., and 1 - 1^2 = 0 would be the slope computed from z).
    """
    assert tanh([1.0])[0] == pytest.approx((np.e - 1 / np.e) / (np.e + 1 / np.e), rel=1e-15)
    assert tanh([1.0])[0] == pytest.approx(0.7615941559557649, rel=1e-15)
    assert tanh_derivative([1.0])[0] == pytest.approx(1 - 0.7615941559557649 ** 2, rel=1e-14)
    assert tanh_derivative([0.0, 1.0])[1] == pytest.approx(0.41997434161402614, rel=1e-14)


def test_arctan_slope_is_one_over_one_plus_z_squared():
    """Catches ``1 / (1 + z)`` and ``1 / (1 - z z)``: at z = 2 the slope is 1/5, at z = -1
    it is 1/2."""
    assert arctan_derivative([2.0, -1.0, 0.0]).tolist() == pytest.approx([0.2, 0.5, 1.0],
                                                                           rel=1e-15)


def test_linear_returns_a_new_array():
    """Catches ``return z``: writing into the output of ``linear`` must not change its input."""
    z = np.array([1.0, -2.0])
    y = linear(z)
    y[0] = 7.0
    assert z.tolist() == [1.0, -2.0]


def test_softmax_slope_message_in_full():
    """Catches any change to the message that explains why softmax has no elementwise slope."""
    with pytest.raises(ValueError) as info:
        get_activation("softmax").derivative(y=[0.5, 0.5])
    assert str(info.value) == (
        "softmax has no elementwise slope: each output depends on every logit of its row "
        "(its derivative is a Jacobian matrix, see softmax_jacobian). Pair a softmax output "
        "with the categorical_cross_entropy loss, whose delta y - t the network computes "
        "directly")


def test_unknown_activation_message_in_full():
    """Catches a changed list of the known activations in get_activation's message."""
    with pytest.raises(ValueError) as info:
        get_activation("swish")
    assert str(info.value) == ("activation must be one of arctan, linear, relu, sigmoid, "
                               "softmax, step, tanh, but it is 'swish'")

# --- losses --------------------------------------------------------------------------------


def test_cross_entropy_at_outputs_of_exactly_zero_and_one():
    """Catches a dropped clip in the binary cross-entropy and its gradient (0 log 0 gives NaN).

    y = t exactly costs (almost) nothing: -log(1 - 1e-15) = 1e-15. A confident wrong output
    y = 0 for t = 1 costs -log(1e-15) = 34.538776...; the gradient there is
    (1e-15 - 1)/(1e-15 (1 - 1e-15)) = -1e15; y = 1 for t = 0 gives 1/(1 - top) for the
    upper clip top. Where y = t the gradient
    -t/y + (1 - t)/(1 - y) is -1 (y = t = 1) or 1 (y = t = 0), here over a mean of 2 samples.
    """
    E = get_loss("binary_cross_entropy")
    assert E([[0.0], [1.0]], [[0.0], [1.0]]) == pytest.approx(1e-15, rel=1e-3)
    assert E([[0.0]], [[1.0]]) == pytest.approx(15 * np.log(10), rel=1e-12)
    assert E.derivative([[1.0], [0.0]], [[1.0], [0.0]]).ravel().tolist() == pytest.approx(
        [-0.5, 0.5], rel=1e-14)
    assert E.derivative([[0.0]], [[1.0]])[0, 0] == pytest.approx(-1e15, rel=1e-12)
    top = 1.0 - 1e-15                      # the upper clip, the double 1 - 9.992e-16
    assert E.derivative([[1.0]], [[0.0]])[0, 0] == pytest.approx(1 / (1 - top), rel=1e-12)


def test_categorical_cross_entropy_at_an_output_of_zero():
    """Catches a dropped lower clip: 0 log 0 and 0/0 must count as 0, not NaN.

    y = (1, 0), t = (1, 0): E = -log 1 = 0 and dE/dy = -t/y = (-1, 0) (one sample, no mean).
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
    assert E.value_from_logits(z, t) == pytest.approx(np.log1p(np.exp(-1.0)) / 2, rel=1e-14)


@pytest.mark.parametrize("name, y, t, message", [
    ("half_sse", [[1.0]], [[np.nan]],
     "t must contain only finite numbers, but it contains NaN or infinity at index (0, 0)"),
    ("categorical_cross_entropy", [[0.5, 0.5]], [[0.5, 0.6]],
     "t must hold one row of probabilities per sample (non-negative, summing to 1), but row 0 "
     "sums to 1.1"),
])
def test_bad_targets_of_a_loss_are_called_t(name, y, t, message):
    """Catches the target array left unnamed in a loss's messages."""
    with pytest.raises(ValueError) as info:
        get_loss(name)(y, t)
    assert str(info.value) == message


def test_unknown_loss_message_in_full():
    """Catches a changed list of the known losses in get_loss's message."""
    with pytest.raises(ValueError) as info:
        get_loss("hinge")
    assert str(info.value) == ("loss must be one of binary_cross_entropy, "
                               "categorical_cross_entropy, half_sse, mse, but it is 'hinge'")

# --- gradient_check ------------------------------------------------------------------------


@pytest.mark.parametrize("eps", [0.0, -1e-5])
def test_numerical_gradient_needs_a_positive_step(eps):
    """Catches a dropped or loosened check of ``eps`` (a step of 0 divides by 0; a negative
    step silently works, so only the check can refuse it)."""
    w = np.array([3.0])
    with pytest.raises(ValueError, match=r"^eps must be > 0, but it is"):
        numerical_gradient(lambda: float(w[0] ** 2), [w], eps=eps)


def test_tolerance_message_in_full():
    """Catches any change to the message that explains the range of ``tolerance``."""
    report = GradientCheckReport(["W0"], [np.ones(1)], [np.ones(1)], [np.zeros(1)], [0.0])
    with pytest.raises(ValueError) as info:
        report.passed(tolerance=0.5)
    assert str(info.value) == (
        "tolerance must lie in (0, 0.01], but it is 0.5: it is a relative error, and from "
        "1/3 on even a gradient off by a factor of 2 passes (1e-7, the default, to 1e-4 "
        "are the useful values)")


def test_a_report_without_kinks_has_none():
    """Catches the stand-in kink masks (when ``kinks`` is not given) being of the wrong type."""
    report = GradientCheckReport(["W0"], [np.array([[1.0, 2.0]])], [np.array([[1.0, 2.5]])],
                                 [np.zeros((1, 2))], [0.5 / 4.5])
    assert report.not_differentiable() == 0
    assert [m.tolist() for m in report.mismatches()] == [[[False, True]]]
    assert not report.passed()


def test_a_mismatch_needs_ten_times_the_error_estimate():
    """Catches the safety factor 10 dropped, and ``>=`` for ``>``, in ``mismatches``.

    Entry 1: |g - d| = 1e-3 is 5 times its error estimate 2e-4: not a mismatch (it would be
    without the factor 10). Entry 2: |g - d| = 0.625 equals 10 x 0.0625: not a mismatch.
    Entry 3: |g - d| = 0.5 > 10 x 0.01 and > 1e-7 x 2.5: a mismatch.
    """
    g = np.array([1.0, 1.625, 1.5])
    d = np.array([1.001, 1.0, 1.0])
    e = np.array([2e-4, 0.0625, 0.01])
    report = GradientCheckReport(["W0"], [g], [d], [e], [relative_error(g, d)])
    assert report.mismatches()[0].tolist() == [False, False, True]

def test_tolerance_is_relative_to_both_gradients_and_kinks_never_disagree():
    """Catches the tolerance taken relative to |g| alone, ``passed`` ignoring its tolerance,
    and a disagreement counted at a kink.

    g = 1, d = 1.015: |g - d| = 0.015 is within 0.01 x (1 + 1.015) = 0.02015, so with
    tolerance 0.01 they agree (0.01 x |g| = 0.01 would not), and with the default 1e-7 they
    do not. At a kink, g = 0.5 against d = 0.25 is no disagreement.
    """
    g, d, e = np.array([1.0, 0.5]), np.array([1.015, 0.25]), np.zeros(2)
    report = GradientCheckReport(["W0"], [g], [d], [e], [relative_error(g, d)],
                                 [np.array([False, True])])
    assert report.mismatches(tolerance=0.01)[0].tolist() == [False, False]
    assert report.passed(tolerance=0.01)
    assert report.mismatches()[0].tolist() == [True, False]
    assert not report.passed()

def test_entry_counts_at_their_boundaries():
    """Catches ``<=`` for ``<`` in the unresolved count and ``|`` for ``&`` in the zero count.

    Entry 1: |g| + |d| = 2.5 equals 10 x 0.25, the error estimate: unresolved.
    Entry 2: g = 1, d = 0: neither zero in both nor unresolved (1 > 10 x 0.01).
    Entry 3: g = 0, d = 1e-12 < 10 x 1e-10: unresolved. Entry 4: both 0: a zero.
    """
    g = np.array([1.25, 1.0, 0.0, 0.0])
    d = np.array([1.25, 0.0, 1e-12, 0.0])
    e = np.array([0.25, 0.01, 1e-10, 0.0])
    report = GradientCheckReport(["W0"], [g], [d], [e], [relative_error(g, d)])
    assert report.unresolved() == 2
    assert report.zeros() == 1
    assert report.checkable() == 1


def test_report_text_in_full():
    """Catches a changed header, row, verdict, count or message of the printed report.

    W0: entry (0, 0) differs by 2e-4 (> 1e-7 (|g| + |d|), a mismatch), so they DISAGREE; the
    relative error of W0 is 2e-4 / (1 + 1.0002) < 1e-4 (the kink at (1, 1) is left out).
    Its finite-difference error is about 1e-3 / (1.118 + 1.031) < 1e-3. b1 is 0 in both.
    W1: backprop says 0, finite differences 1e-12 (below its error 1e-10, so unresolved);
    relative error 1, finite-difference error 1e-10 / 1e-12 = 100.
    Checkable: (0, 0) and (1, 0) of W0, 2 of 6 entries.
    """
    k0 = np.array([[False, False], [False, True]])
    g0, d0 = np.array([[1.0, 0.0], [1e-9, 0.5]]), np.array([[1.0002, 0.0], [1e-9, 0.25]])
    e0 = np.array([[1e-12, 0.0], [1e-12, 1e-3]])
    g1, d1 = np.zeros((1, 1)), np.array([[1e-12]])
    rel = [relative_error(np.where(k0, 0.0, g0), np.where(k0, 0.0, d0)), 0.0,
           relative_error(g1, d1)]
    report = GradientCheckReport(
        ["W0", "b1", "W1"], [g0, np.zeros(1), g1], [d0, np.zeros(1), d1],
        [e0, np.zeros(1), np.array([[1e-10]])], rel,
        [k0, np.zeros(1, bool), np.zeros((1, 1), bool)])
    assert str(report) == "\n".join([
        "parameter     shape  relative error  finite-difference error",
        "       W0    (2, 2)         < 1e-04                  < 1e-03",
        "       b1      (1,)               0                        0",
        "       W1    (1, 1)               1                    1e+02",
        "backpropagation and finite differences DISAGREE (largest relative error 1)",
        "2 of the 6 entries could be checked",
        "1 entry is smaller than its finite-difference error, too small to be checked this way",
        "2 entries are 0 in both gradients (a unit that never responds, or an input of 0): "
        "nothing to compare",
        "1 entry is not differentiable here: the slopes on the two sides of the point differ "
        "(as at a ReLU's kink), so there is no derivative to check; move the point"])


def test_report_when_every_entry_is_checked_and_agrees():
    """Catches a changed 'agree' and the 'k of n entries' line printed when all n were checked."""
    net = FeedForwardNetwork((2, 2, 1), "tanh", seed=1)
    report = gradient_check(net, [[0.5, -1.0], [1.5, 0.25]], [[1.0], [0.0]])
    text = str(report)
    assert report.checkable() == 9
    assert "backpropagation and finite differences agree (largest relative error < 1e-" in text
    assert "could be checked" not in text
    assert "nothing could be checked" not in text


def test_nothing_could_be_checked_message_in_full():
    """Catches a changed message for a report with no entry large enough to compare."""
    report = GradientCheckReport(["W0"], [np.zeros(2)], [np.zeros(2)], [np.zeros(2)], [0.0])
    assert str(report).splitlines()[-2] == (
        "nothing could be checked: none of the 2 entries is large enough to compare with finite "
        "differences (try other inputs or weights)")


def test_unresolved_entries_in_the_plural():
    """Catches 'its' printed for more than one unresolved entry."""
    report = GradientCheckReport(["W0"], [np.array([1e-12, 2e-12, 1.0])],
                                 [np.array([1e-12, 2e-12, 1.0])],
                                 [np.array([1e-10, 1e-10, 0.0])], [0.0])
    assert "2 entries are smaller than their finite-difference error" in str(report)


@pytest.mark.parametrize("value, text", [
    (0.0, "0"), (9.99e-4, "< 1e-03"), (1e-3, "0.001"), (2e-4, "< 1e-03"), (8.48e-11, "< 1e-10"),
    (0.5, "0.5"), (1.0, "1")])
def test_bound_of_a_relative_error(value, text):
    """Catches an off-by-one exponent and a moved switch from bound to value at 0.001."""
    assert error_bound_text(value) == text


def _line(w: float) -> FeedForwardNetwork:
    net = FeedForwardNetwork((1, 1), "linear", bias=False)
    net.set_weights([[[w]]])
    return net


def test_gradient_check_uses_the_given_n_for_the_penalty():
    """Catches ``n`` replaced by the batch size.

    One weight w = 1, x = 1, t = 3: dE/dw = -(t - w x) x = -2; L2 with lam = 0.5 and n = 4
    adds 2 lam w / n = 0.25, so backprop's column holds -1.75 (n = 1 would give -1).
    """
    report = gradient_check(_line(1.0), [[1.0]], [[3.0]], regularizer=Regularizer("l2", 0.5),
                            n=4)
    assert report.backprop[0].tolist() == [[-1.75]]
    assert report.passed()


def test_gradient_check_uses_the_given_step():
    """Catches ``eps`` ignored by gradient_check.

    E = (3 - w)^2 / 2 is quadratic, so D(h) = D(2h) up to rounding and the error estimate is
    the rounding term 16 eps_mach max|E| / h; with eps = 0.01 at w = 1: h = 0.01 and
    max|E| = E(1 - 2h) = 2.02^2 / 2, about 7.2e-12 (the default 1e-5 gives about 7e-10).
    """
    report = gradient_check(_line(1.0), [[1.0]], [[3.0]], eps=1e-2)
    expected = 16 * np.finfo(float).eps * (2.02 ** 2 / 2) / 0.01
    assert report.fd_errors[0][0, 0] == pytest.approx(expected, rel=0.05)


def test_a_kink_is_left_out_of_the_relative_error():
    """Catches the relative error computed over entries where no derivative exists.

    A ReLU unit whose weight is exactly 0 sits on its kink: backprop takes the slope 0 there,
    finite differences see about -1/2 (x = 1, t = 1), but the entry is a kink, so it is left
    out and the relative error of W0 is 0 (it would be 1).
    """
    net = FeedForwardNetwork((1, 1, 1), ["relu", "linear"], bias=False)
    net.set_weights([[[0.0]], [[1.0]]])
    report = gradient_check(net, [[1.0]], [[1.0]])
    assert report.not_differentiable() == 1
    assert report.backprop[0].tolist() == [[0.0]]
    assert report.numerical[0][0, 0] == pytest.approx(-0.5, abs=1e-3)
    assert report.relative_errors[0] == 0.0
    assert report.passed()

# --- network -------------------------------------------------------------------------------


def test_set_weights_names_the_type_it_got():
    """Catches the type name left out of the message for weights that are not a list."""
    net = FeedForwardNetwork((1, 1))
    with pytest.raises(TypeError, match=r"\(ndarray\)$"):
        net.set_weights(np.ones((1, 1)), [np.zeros(1)])


def test_default_weights_are_normal_with_sd_one_over_root_fan_in_and_biases_start_at_zero():
    """Catches a scale of 1/n_in for 1/sqrt(n_in), and biases that start at 1.

    With 4 inputs the standard deviation is 1/sqrt(4) = 1/2; the draws are numpy's for the
    seed, layer by layer (3 hidden units have sd 1/sqrt(3)).
    """
    net = FeedForwardNetwork((4, 3, 2), seed=5)
    rng = np.random.default_rng(5)
    assert np.array_equal(net.weights[0], rng.normal(0.0, 0.5, size=(4, 3)))
    assert np.array_equal(net.weights[1], rng.normal(0.0, 1 / np.sqrt(3), size=(3, 2)))
    assert [b.tolist() for b in net.biases] == [[0.0, 0.0, 0.0], [0.0, 0.0]]


def test_set_weights_keeps_its_own_copies():
    """Catches weights or biases stored without copying: changing the caller's arrays later
    must not change the network."""
    net = FeedForwardNetwork((1, 1), "linear")
    w, b = np.array([[2.0]]), np.array([0.5])
    net.set_weights([w], [b])
    w[0, 0], b[0] = 10.0, 10.0
    assert net.forward([[1.0]]).tolist() == [[2.5]]


@pytest.mark.parametrize("values, noise, kink", [
    ((1.0, 1.0, 2.0, 2.0, 0.0), 0.045, True),    # |w| at 0: J(h) = 2 > 40 x 0.045 = 1.8
    ((1.0, 1.0, 2.0, 2.0, 0.0), 0.05, False),    # J(h) = 2 is not above 40 x 0.05 = 2
    ((1.0, 1.0, 2.0, 2.0, 0.0), 0.1, False),     # J(h) = 2 is 20 times the noise: noise
    ((1.0, 1.0, 4.0, 4.0, 0.0), 0.0, False),     # w^2: J(2h) = 4 = 2 J(h), smooth
    ((1.0, 1.0, 5.0, 5.0, 0.0), 0.0, False),     # J(2h) - 2 J(h) = 1, not above J(h)/2 = 1
    ((1.0, 1.0, 5.5, 5.5, 0.0), 0.0, True),      # J(2h) - 2 J(h) = 1.5 > 1
])
def test_a_kink_at_the_thresholds(values, noise, kink):
    """Catches moved thresholds of the kink test (h = 1: J(h) = E(w+h) - 2E(w) + E(w-h),
    J(2h) = (E(w+2h) - 2E(w) + E(w-2h))/2; a kink needs J(h) > 10 x 4 x noise and
    |J(2h) - 2 J(h)| > J(h)/2)."""
    assert one_sided_slopes_jump(list(values), 1.0, noise) is kink


def test_finite_differences_of_a_cubic_worked_out():
    """Catches a wrong step or error estimate in finite_differences.

    E = w^3 at w = 1 with eps = 0.01: h = 0.01 (times max(|w|, 1) = 1); D(h) = 3 + h^2,
    D(2h) = 3 + 4 h^2, so the estimate (4 D(h) - D(2h))/3 = 3 and the error estimate
    |D(2h) - D(h)|/3 = h^2 = 1e-4 (plus a rounding term below 1e-10). At w = 4 the step is
    4h = 0.04, so the error is 0.04^2.
    """
    w = np.array([1.0, 4.0])
    fd = finite_differences(lambda: float(np.sum(w ** 3)), [w], eps=1e-2)
    assert fd.steps[0].tolist() == pytest.approx([0.01, 0.04], rel=1e-12)
    assert fd.gradient[0].tolist() == pytest.approx([3.0, 48.0], rel=1e-10)
    assert fd.error[0].tolist() == pytest.approx([0.01 ** 2, 0.04 ** 2], rel=1e-6)
    assert w.tolist() == [1.0, 4.0]


@pytest.mark.parametrize("eps", [1e-10, 1e-2])
def test_the_ends_of_the_step_range_are_allowed(eps):
    """Catches ``<`` for ``<=`` at either end of the allowed relative step [1e-10, 0.01]."""
    w = np.array([2.0])
    fd = finite_differences(lambda: float(w[0] ** 2), [w], eps=eps)
    assert fd.gradient[0][0] == pytest.approx(4.0, rel=1e-5)


def test_step_message_in_full():
    """Catches any change to the message that explains the range of the step."""
    w = np.array([2.0])
    with pytest.raises(ValueError) as info:
        finite_differences(lambda: float(w[0] ** 2), [w], eps=0.1)
    assert str(info.value) == (
        "eps must lie between 1e-10 and 0.01, but it is 0.1: it is the step "
        "relative to each weight, and larger steps measure the curvature of the error "
        "rather than its slope, smaller ones mostly rounding (the default 1e-5 balances "
        "the two)")


@pytest.mark.parametrize("rate, message", [(1.0, "dropout must be < 1, but it is 1.0"),
                                           (-0.1, "dropout must be >= 0, but it is -0.1")])
def test_dropout_rate_range(rate, message):
    """Catches a dropped end of the dropout range [0, 1) in forward and backprop."""
    net = FeedForwardNetwork((1, 2, 1))
    with pytest.raises(ValueError, match=rf"^{message}$"):
        net.forward([[1.0]], dropout=rate)
    with pytest.raises(ValueError, match=rf"^{message}$"):
        net.backprop([[1.0]], [[1.0]], dropout=rate)


def test_bad_labels_are_called_T():
    """Catches the targets named 't' (the loss's own name) in backprop's message."""
    net = FeedForwardNetwork((1, 1))
    with pytest.raises(ValueError, match=r"^T must contain only the labels 0 and 1, but it "
                                         r"contains 0.5$"):
        net.backprop([[1.0]], [[0.5]], "binary_cross_entropy")


@pytest.mark.parametrize("bias", [True, False])
def test_a_copy_computes_what_the_original_computes(bias):
    """Catches a copy that loses its bias flag, or cannot copy a network without biases."""
    net = FeedForwardNetwork((2, 3, 1), bias=bias, seed=2)
    twin = net.copy()
    assert twin.bias is bias
    assert repr(twin) == repr(net)
    X = [[0.5, -1.0]]
    assert np.array_equal(twin.forward(X), net.forward(X))
    twin.weights[0][0, 0] += 1.0
    assert not np.array_equal(twin.forward(X), net.forward(X))


@pytest.mark.parametrize("weights, biases, message", [
    ([[[1.0]], [[1.0]]], [[0.0]], r"^weights must hold 1 matrices, but it holds 2$"),
    ([[[1.0]]], [[0.0], [0.0]], r"^biases must hold 1 vectors for a network with biases$"),
    ([[[1.0]]], [[[0.0]]], r"^biases\[0\] must have shape \(1,\), but it has shape \(1, 1\)$"),
])
def test_set_weights_refuses_extra_layers_and_misshapen_biases(weights, biases, message):
    """Catches extra matrices or bias vectors silently ignored, and a (1, 1) bias taken for (1,)."""
    net = FeedForwardNetwork((1, 1), "linear")
    with pytest.raises(ValueError, match=message):
        net.set_weights(weights, biases)



def test_a_one_neuron_softmax_layer_message_in_full():
    """Catches the message quoting the hidden layer's size (3) instead of the last (1), or
    any other change to it."""
    with pytest.raises(ValueError) as info:
        FeedForwardNetwork((2, 3, 1), ["sigmoid", "softmax"])
    assert str(info.value) == (
        "a softmax output layer needs at least 2 neurons (one per class), but layer_sizes ends "
        "with 1: a single softmax output is always 1, so its loss and gradient are 0. For two "
        "classes use one sigmoid output")


def test_repr_names_the_activations():
    """Catches the activation names left out of the network's repr."""
    assert repr(FeedForwardNetwork((2, 3, 1), ["tanh", "sigmoid"], bias=False)) == (
        "FeedForwardNetwork(layer_sizes=(2, 3, 1), activation=['tanh', 'sigmoid'], bias=False)")
