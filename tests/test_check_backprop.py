"""The self-checks of the backpropagation chapters: right answers pass, typical mistakes
get their hint (naming the layer and the kind of mistake), and the hint never holds the
answer."""

import numpy as np
import pytest

from ffnn_edu.show import check
from ffnn_edu.show.check import backprop as backprop_module
from ffnn_edu.show.check.backprop import IMPLEMENTATION_CASES
from ffnn_edu.show.check.web import REGISTRY


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def make(
    output_slope=True,
    hidden_slope=True,
    sign=1.0,
    scale_by_n=False,
    transpose_dW2=False,
    per_sample_db1=False,
    hidden_slope_at_logit=False,
    hidden_through_W2=True,
):
    def backprop(X, T, W1, b1, W2, b2):
        Z1 = X @ W1 + b1
        H = sigmoid(Z1)
        Y = sigmoid(H @ W2 + b2)
        d2 = sign * (Y - T) * (Y * (1 - Y) if output_slope else 1.0)
        slope = Z1 * (1 - Z1) if hidden_slope_at_logit else H * (1 - H)
        back = (
            d2 @ W2.T
            if hidden_through_W2
            else d2.sum(axis=1, keepdims=True) * np.ones_like(H)
        )
        d1 = back * (slope if hidden_slope else 1.0)
        grads = [X.T @ d1, d1 if per_sample_db1 else d1.sum(0), H.T @ d2, d2.sum(0)]
        if transpose_dW2:
            grads[2] = grads[2].T
        if scale_by_n:
            grads = [g / len(X) for g in grads]
        return tuple(grads)

    return backprop


def test_a_right_implementation_passes_on_every_case():
    assert len(IMPLEMENTATION_CASES) >= 2
    assert check.backprop_implementation(make()).correct


@pytest.mark.parametrize(
    "kwargs, words",
    [
        (dict(sign=-1.0), ["output layer's weights", "sign"]),
        (
            dict(scale_by_n=True),
            ["output layer's weights", "divided by the number of samples"],
        ),
        (
            dict(output_slope=False),
            ["output layer's weights", "slope of the output sigmoid"],
        ),
        (
            dict(hidden_slope=False),
            ["hidden layer's weights", "slope of the hidden sigmoid"],
        ),
        (dict(hidden_slope_at_logit=True), ["hidden layer's weights", "logit"]),
        (dict(transpose_dW2=True), ["dW2", "transposed"]),
        (dict(per_sample_db1=True), ["db1", "one row per sample"]),
        (
            dict(hidden_through_W2=False),
            ["output layer's gradients are right", "hidden layer's weights"],
        ),
    ],
)
def test_typical_mistakes_are_named_by_layer_and_kind(kwargs, words):
    feedback = check.backprop_implementation(make(**kwargs))
    assert not feedback.correct
    for word in words:
        assert word in feedback.message


def test_malformed_answers_are_reported():
    assert "function itself" in check.backprop_implementation(42).message
    assert "four arrays" in check.backprop_implementation(lambda *a: (1, 2, 3)).message

    def broken(X, T, W1, b1, W2, b2):
        raise KeyError("oops")

    assert "raised KeyError" in check.backprop_implementation(broken).message
    assert not check.backprop_implementation(...).correct  # the placeholder: no verdict


def test_the_hints_give_no_numbers_away():
    for function in (
        make(sign=-1.0),
        make(hidden_slope=False),
        make(hidden_through_W2=False),
        carried_back_the_error,
        output_from_the_error,
    ):
        message = check.backprop_implementation(function).message
        assert not any(
            ch.isdigit()
            for ch in message.replace("dW1", "")
            .replace("dW2", "")
            .replace("db1", "")
            .replace("db2", "")
            .replace("W2", "")
        )


def test_the_older_checks_still_judge():
    assert not check.backprop_w1(0.001, 0.1).correct
    assert not check.backprop_target_zero_w5(0.25).correct
    assert check.best_epsilon(1e-4).correct


def _with(changes):
    """The right gradients, some replaced: changes maps an index to a function."""

    def backprop(X, T, W1, b1, W2, b2):
        grads = list(make()(X, T, W1, b1, W2, b2))
        for i, change in changes.items():
            grads[i] = change(grads[i])
        return tuple(grads)

    return backprop


@pytest.mark.parametrize(
    "changes, words",
    [
        # dW1 off and db1 of the wrong shape: the shape is
        # reported, nothing is broadcast
        ({0: lambda g: g * 1.1, 1: lambda g: g[:3]}, ["db1", "shape (3,)"]),
        ({0: lambda g: g * 2, 1: lambda g: g.sum()}, ["db1", "shape ()"]),
        ({0: lambda g: g * 1.1, 3: lambda g: g[:1]}, ["db2", "shape (1,)"]),
        ({1: lambda g: g * 1.1, 2: lambda g: g[:, :1]}, ["dW2", "shape"]),
    ],
)
def test_every_shape_is_compared_before_any_value(changes, words):
    verdict = check.backprop_implementation(_with(changes))
    assert not verdict.correct
    for word in words:
        assert word in verdict.message


@pytest.mark.parametrize(
    "changes, message",
    [
        (
            {2: lambda g: g[:, :1]},
            "dW2 must have shape (4, 2): one row per hidden neuron, one column per "
            "output neuron, like W2; got shape (4, 1).",
        ),
        (
            {0: lambda g: g.ravel()},
            "dW1 must have shape (3, 4): one row per input, one column per hidden "
            "neuron, like W1; got shape (12,).",
        ),
        (
            {1: lambda g: g[:3]},
            "db1 must have shape (4,): one entry per hidden neuron, like b1; got "
            "shape (3,).",
        ),
    ],
)
def test_a_gradient_of_another_shape_is_told_what_its_rows_and_columns_hold(
    changes, message
):
    """Issue 16, kind D: "dW2 has shape (4, 1), but the output layer's weights (dW2)
    have shape (4, 2)" said nothing of what the axes hold."""
    assert check.backprop_implementation(_with(changes)).message == message


@pytest.mark.parametrize("i", range(4))
def test_complex_gradients_are_refused(i):
    verdict = check.backprop_implementation(_with({i: lambda g: g + 1j}))
    assert not verdict.correct and "complex" in verdict.message
    verdict = check.backprop_implementation(_with({i: lambda g: g.astype(complex)}))
    assert not verdict.correct and "complex" in verdict.message


@pytest.mark.parametrize(
    "result, words",
    [
        (lambda g: None, "None"),
        (lambda g: "dW1", "text"),
        (lambda g: [[1.0], [1.0, 2.0]], "dW"),
    ],
)
def test_a_malformed_gradient_is_named(result, words):
    verdict = check.backprop_implementation(_with({2: result}))
    assert not verdict.correct and words in verdict.message and "dW2" in verdict.message


def test_a_dict_of_gradients_is_asked_for_as_four_arrays():
    def as_dict(*args):
        return dict(zip(("dW1", "db1", "dW2", "db2"), make()(*args)))

    assert "four arrays" in check.backprop_implementation(as_dict).message


def test_a_generator_that_fails_while_it_is_read_is_reported():
    def lazy(X, T, W1, b1, W2, b2):
        yield np.zeros_like(W1)
        raise TypeError("halfway")

    verdict = check.backprop_implementation(lazy)
    assert not verdict.correct and "TypeError: halfway" in verdict.message
    for result in (None, 3.0, np.float64(2.0), np.array(1.0), "abcd"):
        verdict = check.backprop_implementation(lambda *args, r=result: r)
        assert not verdict.correct and "four arrays" in verdict.message


def test_an_endless_generator_of_gradients_is_asked_for_as_four_arrays():
    """Issue 16 (E): the result was read to its end, and an endless one had none."""

    def endless(X, T, W1, b1, W2, b2):
        while True:
            yield np.zeros_like(W1)

    verdict = check.backprop_implementation(endless)
    assert not verdict.correct
    assert verdict.message == "Return four arrays, in the order dW1, db1, dW2, db2."


def test_best_epsilon_too_fine_blames_cancellation_not_noise():
    """At eps = 1e-7 the estimate is still good to about 1e-9 (relative): the message
    says it loses digits to rounding, not that it is "mostly rounding noise"."""
    feedback = check.best_epsilon(1e-7)
    assert not feedback.correct and "rounding costs more accuracy" in feedback.message
    assert "noise" not in feedback.message


# --- near-miss answers diagnosed where they go wrong (issue 16, kind D) ---------------


def make_with(change):
    """A right implementation whose four gradients ``change(grads, d1, d2)`` alters."""

    def backprop(X, T, W1, b1, W2, b2):
        H = sigmoid(X @ W1 + b1)
        Y = sigmoid(H @ W2 + b2)
        d2 = (Y - T) * Y * (1 - Y)
        d1 = (d2 @ W2.T) * H * (1 - H)
        return tuple(change([X.T @ d1, d1.sum(0), H.T @ d2, d2.sum(0)], d1, d2))

    return backprop


def _keepdims(which):
    def change(grads, d1, d2):
        grads[which] = (d1 if which == 1 else d2).sum(axis=0, keepdims=True)
        return grads

    return change


@pytest.mark.parametrize("which,name", [(1, "db1"), (3, "db2")])
def test_a_bias_gradient_kept_as_a_row_is_not_called_one_row_per_sample(which, name):
    """sum(axis=0, keepdims=True) gives shape (1, k): it said "one row per sample"."""
    feedback = check.backprop_implementation(make_with(_keepdims(which)))
    assert not feedback.correct
    assert "one row per sample" not in feedback.message
    assert f"{name} has shape (1, " in feedback.message
    assert (
        "keepdims=True" in feedback.message
        and "the values are right" in feedback.message
    )


@pytest.mark.parametrize(
    "change",
    [
        lambda g, d1, d2: [g[0], d1[0], g[2], g[3]],  # the first sample's delta only
        lambda g, d1, d2: [g[0], d1[-1], g[2], g[3]],  # the last one's
        lambda g, d1, d2: [g[0], d1.max(axis=0), g[2], g[3]],
    ],
)
def test_a_hidden_bias_gradient_not_summed_over_the_samples_is_pointed_at_the_sum(
    change,
):
    """It said: check how delta goes back via W2; but dW1, from that delta, is right."""
    feedback = check.backprop_implementation(make_with(change))
    assert not feedback.correct
    assert "carried back through W2" not in feedback.message
    assert "hidden layer's weights (dW1) are right" in feedback.message
    assert "hidden layer's biases (db1) are off" in feedback.message
    assert "summed over the samples" in feedback.message


def test_an_output_bias_gradient_not_summed_over_the_samples_is_pointed_at_the_sum():
    feedback = check.backprop_implementation(
        make_with(lambda g, d1, d2: [*g[:3], d2[0]])
    )
    assert "output layer's weights (dW2) are right" in feedback.message
    assert "output layer's biases (db2) are off" in feedback.message


@pytest.mark.parametrize(
    "change, shape, cause",
    [
        (
            lambda g, d1, d2: [g[0], d1.sum(axis=1), g[2], g[3]],
            "db1 has one value per sample",
            "summed over the neurons (axis 1)",
        ),
        (
            lambda g, d1, d2: [g[0], d1, g[2], g[3]],
            "db1 has one row per sample",
            "the hidden layer's delta, not yet summed",
        ),
    ],
    ids=["summed-over-the-neurons", "one-row-per-sample"],
)
def test_a_hidden_bias_gradient_of_the_wrong_shape_names_its_shape_and_cause(
    change, shape, cause
):
    feedback = check.backprop_implementation(make_with(change))
    assert shape in feedback.message
    assert cause in feedback.message


@pytest.mark.parametrize(
    "order",
    [(2, 3, 0, 1), (0, 2, 1, 3), (1, 0, 3, 2), (3, 2, 1, 0)],
)
def test_gradients_in_the_wrong_order_are_diagnosed_as_the_wrong_order(order):
    """They were reported as a shape error ('dW1 has shape (4, 2), but ...')."""
    feedback = check.backprop_implementation(
        make_with(lambda g, d1, d2: [g[k] for k in order])
    )
    names = ", ".join(("dW1", "db1", "dW2", "db2")[k] for k in order)
    assert not feedback.correct
    assert feedback.message == (
        "Your function returns the gradients in the wrong order: by their values they "
        f"are {names}. Return them as dW1, db1, dW2, db2."
    )


def test_wrong_gradients_in_the_wrong_order_are_recognised_by_their_shapes():
    def change(g, d1, d2):
        return [2 * g[2], g[3], g[0], g[1]]  # dW2 (doubled), db2, dW1, db1

    feedback = check.backprop_implementation(make_with(change))
    assert (
        "in the wrong order: by their shapes they are dW2, db2, dW1, db1"
        in feedback.message
    )


# --- dE/dx_A, the input with two arrows out (chapter 7) ---

# By hand from the example: deltas of C and D, then the two weights leaving x_A.
_Y_C, _Y_D = sigmoid(0.1 * 0.23 + 0.4 * 0.82), sigmoid(0.5 * 0.23 + 0.3 * 0.82)
_Y_F = sigmoid(0.2 * _Y_C + 0.6 * _Y_D)
_DELTA_F = -(1.0 - _Y_F) * _Y_F * (1 - _Y_F)
_DELTA_C = 0.2 * _DELTA_F * _Y_C * (1 - _Y_C)
_DELTA_D = 0.6 * _DELTA_F * _Y_D * (1 - _Y_D)
_DX_A = 0.1 * _DELTA_C + 0.5 * _DELTA_D


def test_input_gradient_accepts_the_sum_over_both_paths():
    assert _DX_A == pytest.approx(-0.007046, abs=1e-6)
    assert check.backprop_input_gradient(_DX_A).correct
    assert check.backprop_input_gradient(round(_DX_A, 5)).correct


@pytest.mark.parametrize(
    "answer, hint",
    [
        (0.1 * _DELTA_C, "one of the two paths"),
        (0.5 * _DELTA_D, "one of the two paths"),
        (0.4 * _DELTA_C + 0.3 * _DELTA_D, "derivative for x_B"),
        (-_DX_A, "sign is not"),
        (round(_DX_A, 3), "Give more digits: at least 5 decimals"),
        (0.5, "Follow the arrows out of x_A"),
        ("-0.007", "text, not a number"),
    ],
)
def test_input_gradient_names_the_mistake(answer, hint):
    feedback = check.backprop_input_gradient(answer)
    assert not feedback.correct
    assert hint in feedback.message
    assert "0.00704" not in feedback.message and "0.00705" not in feedback.message


# --- a factor 2 and a sign slip in the hidden layer only (issue 16, kind D, again) ----


@pytest.mark.parametrize(
    "factor, words",
    [
        (2.0, "twice the package's: E carries a factor 1/2"),
        (0.5, "half the package's"),
        (0.3, "times one constant factor"),
    ],
)
def test_gradients_off_by_a_constant_factor_are_named_so(factor, words):
    """All four gradients times 2 (E = sum of squares without its 1/2) got the generic
    'are off. Build the output layer's delta first ...'."""
    feedback = check.backprop_implementation(
        make_with(lambda g, d1, d2: [factor * x for x in g])
    )
    assert not feedback.correct
    assert feedback.message.startswith("The output layer's weights (dW2) are ")
    assert words in feedback.message


def test_gradients_divided_by_the_number_of_error_entries_name_the_mean_over_all():
    """Issue 16 (D): the mean over all n x k entries of Y - T (5 samples x 2 outputs on
    the first case), instead of a sum, was "the package's times one constant
    factor" with no cause named."""
    feedback = check.backprop_implementation(
        make_with(lambda g, d1, d2: [x / d2.size for x in g])
    )
    assert not feedback.correct
    assert feedback.message == (
        "The output layer's weights (dW2) are the package's divided by n x k = 5 x 2 = "
        "10, the number of entries of the error Y - T (5 samples times 2 outputs): a "
        "mean over all the entries of the error rather than a sum; E adds up the "
        "errors of every sample and every output, with no mean over either, so the "
        "gradients add up too."
    )


def test_gradients_times_the_number_of_error_entries_name_the_count():
    feedback = check.backprop_implementation(
        make_with(lambda g, d1, d2: [x * d2.size for x in g])
    )
    assert feedback.message.startswith(
        "The output layer's weights (dW2) are the package's times n x k = 5 x 2 = 10, "
        "the number of entries of the error Y - T (5 samples times 2 outputs): "
    )


def test_a_factor_in_the_hidden_layer_only_is_placed_there():
    feedback = check.backprop_implementation(
        make_with(lambda g, d1, d2: [2 * g[0], 2 * g[1], g[2], g[3]])
    )
    assert feedback.message.startswith(
        "The output layer's gradients are right, but the hidden layer's weights (dW1) "
        "are twice the package's"
    )


@pytest.mark.parametrize(
    "change, start",
    [
        # A hidden delta with the wrong sign (slope written H (H - 1)) was told 'the
        # derivative with respect to the output is Y - T, not T - Y', while the output
        # layer's gradients were right.
        (
            lambda g, d1, d2: [-g[0], -g[1], g[2], g[3]],
            "The output layer's gradients are right, but the hidden layer's weights "
            "(dW1) come out with the wrong sign",
        ),
        (
            lambda g, d1, d2: [-g[0], g[1], -g[2], g[3]],
            "Both weight gradients (dW1 and dW2) come out with the wrong sign, but "
            "both bias gradients are right, so the deltas are right: the sign slips in "
            "where the weight gradients are made from them",
        ),
    ],
    ids=["hidden-layer-only", "weight-gradients-only"],
)
def test_a_sign_slip_in_some_gradients_only_is_not_blamed_on_y_minus_t(change, start):
    feedback = check.backprop_implementation(make_with(change))
    assert "Y - T" not in feedback.message
    assert feedback.message.startswith(start)


# From an issue: near misses that got the generic "are off. Build the output layer's
# delta first ..." or a hint naming another fault.
def test_a_forward_pass_without_biases_is_named():
    def no_biases(X, T, W1, b1, W2, b2):
        H = sigmoid(X @ W1)
        Y = sigmoid(H @ W2)
        d2 = (Y - T) * Y * (1 - Y)
        d1 = (d2 @ W2.T) * H * (1 - H)
        return X.T @ d1, d1.sum(0), H.T @ d2, d2.sum(0)

    feedback = check.backprop_implementation(no_biases)
    assert not feedback.correct
    assert feedback.message.startswith(
        "The output layer's weights (dW2) are off: your forward pass leaves out the "
        "biases"
    )


def test_new_parameters_returned_instead_of_gradients_are_named_without_the_rate():
    def stepped(X, T, W1, b1, W2, b2):
        grads = make()(X, T, W1, b1, W2, b2)
        return tuple(p - 0.5 * g for p, g in zip((W1, b1, W2, b2), grads))

    message = check.backprop_implementation(stepped).message
    assert message.startswith(
        "Your function returns new weights and biases, each parameter moved against "
        "its gradient, not the gradients themselves."
    )
    assert "0.5" not in message


# Issue 16: an ascent step (p + eta g) got the generic "dW2 are off ..."; a sign slip in
# the weight gradients alone (biases right) was blamed on "Y - T, not T - Y", which
# would flip the bias gradients too; a factor in X.T @ delta alone (X doubled in place)
# was said to slip in "where delta is carried back", with db1, from that delta, right.
@pytest.mark.parametrize("eta", [0.1, 1.0])
def test_new_parameters_moved_along_the_gradient_are_named_with_the_sign(eta):
    def ascent(X, T, W1, b1, W2, b2):
        grads = make()(X, T, W1, b1, W2, b2)
        return tuple(p + eta * g for p, g in zip((W1, b1, W2, b2), grads))

    message = check.backprop_implementation(ascent).message
    assert message.startswith(
        "Your function returns new weights and biases, not the gradients themselves, "
        "and each parameter is moved along its gradient (a plus where a step has a "
        "minus)"
    )
    assert "goes against the gradient" in message and str(eta) not in message


@pytest.mark.parametrize(
    "negated, start",
    [
        (
            (2,),
            "The output layer's weights (dW2) come out with the wrong sign, but the "
            "output layer's biases (db2) are right",
        ),
        (
            (3,),
            "The output layer's biases (db2) come out with the wrong sign, but the "
            "output layer's weights (dW2) are right",
        ),
        (
            (1, 3),
            "Both bias gradients (db1 and db2) come out with the wrong sign",
        ),
        (
            (2, 3),
            "The output layer's gradients come out with the wrong sign, but the hidden "
            "layer's, carried back from the same delta, are right",
        ),
        (
            (0, 2, 3),
            "The output layer's weights (dW2) come out with the wrong sign, but not "
            "all the gradients do, so the output's error Y - T is not to blame",
        ),
    ],
)
def test_a_partial_sign_slip_is_placed_where_it_comes_in(negated, start):
    feedback = check.backprop_implementation(
        make_with(
            lambda g, d1, d2: [-x if k in negated else x for k, x in enumerate(g)]
        )
    )
    assert feedback.message.startswith(start)
    assert "not T - Y" not in feedback.message


def test_all_four_gradients_negated_are_still_blamed_on_y_minus_t():
    feedback = check.backprop_implementation(
        make_with(lambda g, d1, d2: [-x for x in g])
    )
    assert feedback.message.endswith(
        "and so do the other three: the error's derivative with respect to the output "
        "is Y - T, not T - Y."
    )


def test_a_factor_in_the_product_with_the_input_is_placed_there():
    def doubles_x_in_place(X, T, W1, b1, W2, b2):
        H = sigmoid(X @ W1 + b1)
        Y = sigmoid(H @ W2 + b2)
        d2 = (Y - T) * Y * (1 - Y)
        d1 = (d2 @ W2.T) * H * (1 - H)
        X *= 2  # after the forward pass: only X.T @ d1 sees it
        return X.T @ d1, d1.sum(0), H.T @ d2, d2.sum(0)

    feedback = check.backprop_implementation(doubles_x_in_place)
    assert feedback.message.startswith(
        "The hidden layer's weights (dW1) are twice the package's, but the hidden "
        "layer's biases (db1) are right, so that layer's delta is right: the factor "
        "slips in where dW1 is made from it"
    )
    assert "carried back" not in feedback.message


@pytest.mark.parametrize("factor", [2.0, 0.5])
def test_a_factor_in_the_output_gradients_only_is_not_blamed_on_e(factor):
    feedback = check.backprop_implementation(
        make_with(lambda g, d1, d2: [g[0], g[1], factor * g[2], factor * g[3]])
    )
    assert "E carries" not in feedback.message and "E's 1/2" not in feedback.message
    assert "the hidden layer's, carried back from the same delta, are right" in (
        feedback.message
    )


def test_a_weight_gradient_off_with_its_bias_gradient_right_points_at_the_product():
    feedback = check.backprop_implementation(
        make_with(lambda g, d1, d2: [g[0], g[1], g[2] + 0.01 * g[2] ** 2, g[3]])
    )
    assert feedback.message.startswith(
        "The output layer's weights (dW2) are off, but the output layer's biases "
        "(db2) are right, so that layer's delta is right: check how dW2 is made"
    )
    assert "Build the output layer's delta first" not in feedback.message


def test_a_delta_slip_is_named_only_when_both_gradients_of_its_layer_show_it():
    def no_slope_in_dw2_only(X, T, W1, b1, W2, b2):
        H = sigmoid(X @ W1 + b1)
        Y = sigmoid(H @ W2 + b2)
        d2 = (Y - T) * Y * (1 - Y)
        d1 = (d2 @ W2.T) * H * (1 - H)
        return X.T @ d1, d1.sum(0), H.T @ (Y - T), d2.sum(0)

    feedback = check.backprop_implementation(no_slope_in_dw2_only)
    assert "delta lacks the slope" not in feedback.message
    assert "output layer's biases (db2) are right" in feedback.message


def test_a_mean_over_the_outputs_is_named_in_the_hint_for_half():
    # Case 1 has two outputs: a mean over them halves every gradient, which was
    # blamed on E's 1/2 alone.
    feedback = check.backprop_implementation(
        make_with(lambda g, d1, d2: [x / d2.shape[1] for x in g])
    )
    assert "half the package's" in feedback.message
    assert "with no mean over them" in feedback.message


def _bias_means(*which):
    """Right gradients, but the bias gradients of the layers in ``which`` taken as
    their delta's mean over the samples, not its sum."""

    def change(grads, d1, d2):
        for i in which:
            grads[i] = (d1 if i == 1 else d2).mean(axis=0)
        return grads

    return change


def _hidden_delta_over_n(grads, d1, d2):
    """Right output gradients; the hidden delta divided by the number of samples."""
    n = d1.shape[0]
    return [grads[0] / n, grads[1] / n, grads[2], grads[3]]


@pytest.mark.parametrize(
    "change, words",
    [
        # mutant: delta.mean(axis=0) for db2 was blamed on E ("E adds up the
        # samples' errors"), though dW2 being right shows E is a sum already
        (
            _bias_means(3),
            [
                "db2 is the mean of the output layer's deltas over the samples",
                "dW2 is right",
                "the bias gradient is their sum",
            ],
        ),
        (
            _bias_means(1),
            [
                "db1 is the mean of the hidden layer's deltas over the samples",
                "dW1 is right",
                "the bias gradient is their sum",
            ],
        ),
        (
            _bias_means(1, 3),
            [
                "Both bias gradients (db1 and db2) are the means of their layers' "
                "deltas over the samples",
                "both weight gradients are right",
                "the deltas' sum over the samples",
            ],
        ),
        # mutant: a 1/n in the hidden delta only, also blamed on E
        (
            _hidden_delta_over_n,
            [
                "The output layer's gradients are right",
                "hidden layer's weights "
                "(dW1) are the package's divided by the number of samples",
                "where delta is carried back to the hidden layer",
                "E is not to blame",
            ],
        ),
    ],
)
def test_a_mean_in_some_gradients_only_is_placed_where_it_comes_in(change, words):
    feedback = check.backprop_implementation(make_with(change))
    assert not feedback.correct
    for word in words:
        assert word in feedback.message
    assert "so the gradients add up too" not in feedback.message


def test_a_mean_error_dividing_all_four_gradients_is_blamed_on_e():
    feedback = check.backprop_implementation(
        make_with(lambda g, d1, d2: [x / d1.shape[0] for x in g])
    )
    assert feedback.message == (
        "The output layer's weights (dW2) are the package's divided by the number "
        "of samples, and so are the other three. E adds up the samples' errors, so "
        "the gradients add up too."
    )


def test_backprop_w1_swapped_says_so():
    """dE/dw1 = -0.001014 and the new w1 = 0.10071 typed the other way round."""
    verdict = check.backprop_w1(0.10071, -0.001014)
    assert not verdict.correct
    assert verdict.message.startswith("You swapped the two answers")
    assert check.backprop_w1(-0.001014, 0.10071).correct


def test_best_epsilon_takes_a_choice_as_computed_but_not_a_typed_neighbour():
    """0.1**4 (float64's rounding) and np.float32(1e-4) are the choice 1e-4; a typed
    1.00000001e-4 is none of the choices (float32's allowance is for float32 numbers
    only, as in compare_limit)."""
    assert check.best_epsilon(0.1**4).correct
    assert check.best_epsilon(np.float32(1e-4)).correct
    assert check.best_epsilon(1.00000001e-4).message.startswith("Pick one of")


def test_best_epsilon_says_the_step_is_positive_to_a_negative_choice():
    verdict = check.best_epsilon(-1e-4)
    assert not verdict.correct
    assert verdict.message.startswith("The step is positive")


# Issue 16 (D): a right backpropagation computed in float32 was told "dW2 are off, but
# db2 are right": its gradients differ from the package's float64 ones by about 1e-7
# of their size, and the check compares at 1e-6.
def make_in(dtype, **kwargs):
    right = make(**kwargs)

    def backprop(X, T, W1, b1, W2, b2):
        return right(*(a.astype(dtype) for a in (X, T, W1, b1, W2, b2)))

    return backprop


@pytest.mark.parametrize(
    "dtype, words",
    [
        (np.float32, "float32 (single precision, about 7 significant digits)"),
        (np.float16, "float16 (half precision, about 3 significant digits)"),
    ],
)
def test_a_right_backprop_in_low_precision_passes_and_is_told_its_precision(
    dtype, words
):
    feedback = check.backprop_implementation(make_in(dtype))
    assert feedback.correct, feedback.message
    assert feedback.message == (
        "All four gradients agree with the package's on two random networks "
        f"with biases, to the precision of {words}, in which your function computes "
        "them. Your backward pass is right; in float64, numpy's default, it would "
        "agree to some 15 digits."
    )


@pytest.mark.parametrize("dtype", [np.float32, np.float16])
@pytest.mark.parametrize(
    "kwargs", [dict(output_slope=False), dict(scale_by_n=True), dict(sign=-1.0)]
)
def test_a_wrong_backprop_in_low_precision_is_wrong_and_told_to_use_float64(
    dtype, kwargs
):
    feedback = check.backprop_implementation(make_in(dtype, **kwargs))
    assert not feedback.correct
    assert "differ from the package's: a step is off" in feedback.message
    assert "Compute in float64" in feedback.message


def test_a_low_precision_backprop_of_the_wrong_shape_gets_the_shape_message():
    feedback = check.backprop_implementation(make_in(np.float32, transpose_dW2=True))
    assert not feedback.correct and "transposed" in feedback.message


def test_backprop_w1_says_which_answer_needs_more_digits():
    """Issue 16, kind D: "Right idea ... Give more digits" did not say which of the
    two boxes it meant."""
    from ffnn_edu.experiments.worked_examples import backprop_221_values

    v = backprop_221_values()
    gradient, weight = v["dE/dw1"], v["w1_new"]
    assert check.backprop_w1(gradient, weight).correct
    assert check.backprop_w1(gradient, round(weight, 3)).message == (
        "Right idea: the new weight w1 agrees with the exact value to the digits you "
        "gave. Give more digits: at least 4 decimals."
    )
    # the first box's tolerance (2e-5) takes every rounding of dE/dw1 to 3 or more
    # decimals; the message names the quantity there too
    first = REGISTRY["backprop_w1"]().stages[0]
    assert first.options["what"] == "the gradient dE/dw1"


@pytest.mark.parametrize("eps", [0.1**4, 1e-2 * 1e-2, 10.0**-4])
def test_best_epsilon_accepts_the_right_step_however_it_was_computed(eps):
    """0.1**4 is 0.00010000000000000002: it was told "Pick one of 0.1, 0.0001, ..."."""
    assert check.best_epsilon(eps).correct
    assert "step is positive" in check.best_epsilon(-eps).message


@pytest.mark.parametrize("eps", [1e-1, 1e-4, 1e-7, 1e-10, 1e-13])
def test_best_epsilon_reads_a_float32_step_as_the_choice_it_rounds(eps):
    """Issue 16, kind D: np.float32(1e-4), 1e-4 rounded to float32, was told "Pick one
    of 0.1, 0.0001, ..." (a relative 1e-9 is tighter than float32's rounding)."""
    rounded = check.best_epsilon(np.float32(eps))
    assert rounded.message == check.best_epsilon(eps).message
    assert check.best_epsilon(np.float32(1e-4)).correct
    assert check.best_epsilon(1.001e-4).message.startswith("Pick one of")


def _as_matrices(which):
    """The learner's gradients, those at ``which`` wrapped in np.matrix."""
    right = make()

    def backprop(X, T, W1, b1, W2, b2):
        grads = list(right(X, T, W1, b1, W2, b2))
        return tuple(np.matrix(g) if i in which else g for i, g in enumerate(grads))

    return backprop


def _computed_in_matrices(X, T, W1, b1, W2, b2):
    """The whole backward pass in np.matrix, * as the matrix product."""
    X, T, W1, b1, W2, b2 = (np.matrix(a) for a in (X, T, W1, b1, W2, b2))
    H = sigmoid(X * W1 + b1)
    Y = sigmoid(H * W2 + b2)
    d2 = np.multiply(np.multiply(Y - T, Y), 1 - Y)
    d1 = np.multiply(np.multiply(d2 * W2.T, H), 1 - H)
    return X.T * d1, d1.sum(0), H.T * d2, d2.sum(0)


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")  # np.matrix's own
@pytest.mark.parametrize(
    "function, names",
    [
        (_as_matrices({0, 1, 2, 3}), "dW1, db1, dW2 and db2 as np.matrix objects"),
        (_as_matrices({3}), "db2 as an np.matrix"),
        (_as_matrices({0}), "dW1 as an np.matrix"),  # right shape, still a matrix
        (_computed_in_matrices, "dW1, db1, dW2 and db2 as np.matrix objects"),
    ],
)
def test_gradients_returned_as_np_matrix_are_told_to_be_plain_arrays(function, names):
    """Issue 16: the four right gradients wrapped in np.matrix were told "db2 has shape
    (1, 2), a row, as sum(axis=0, keepdims=True) leaves it ... Sum without
    keepdims=True", which a matrix cannot do: it is 2-D whatever is summed."""
    feedback = check.backprop_implementation(function)
    assert not feedback.correct
    assert f"Your function returns {names}, not as " in feedback.message
    assert "np.asarray or np.array" in feedback.message
    assert "keepdims" not in feedback.message


# A fresh review (issue 16, kind D): a variant that spoils a layer found right was the
# verdict. The check's convention: E = 1/2 sum (Y - T)^2 over samples and outputs, so
# the output delta is (Y - T) Y (1 - Y), carried back as delta @ W2.T.
def carried_back_the_error(X, T, W1, b1, W2, b2):
    H = sigmoid(X @ W1 + b1)
    Y = sigmoid(H @ W2 + b2)
    d2 = (Y - T) * Y * (1 - Y)  # the output delta: right
    d1 = ((Y - T) @ W2.T) * H * (1 - H)  # carries back Y - T, not d2
    return X.T @ d1, d1.sum(0), H.T @ d2, d2.sum(0)


def output_from_the_error(X, T, W1, b1, W2, b2):
    H = sigmoid(X @ W1 + b1)
    Y = sigmoid(H @ W2 + b2)
    d2 = (Y - T) * Y * (1 - Y)
    d1 = (d2 @ W2.T) * H * (1 - H)  # carried back from the right delta
    return X.T @ d1, d1.sum(0), H.T @ (Y - T), (Y - T).sum(0)


@pytest.mark.parametrize(
    "cases",
    [None, (((3, 4, 2), 5, 21), ((2, 3, 1), 4, 22), ((4, 2, 3), 6, 23))],
    ids=["the-checks-own-cases", "three-other-shapes"],
)
@pytest.mark.parametrize(
    "implementation, message",
    [
        (
            carried_back_the_error,
            "The hidden layer's weights (dW1) are off: dW2 and db2 are right, so your "
            "output layer's delta is right; but what you carry back through W2 to the "
            "hidden layer is not that delta: it lacks the slope of the output sigmoid.",
        ),
        (
            output_from_the_error,
            "The output layer's weights (dW2) are off: dW1 and db1 are right, so the "
            "delta you carry back to the hidden layer is right; but dW2 and db2 are "
            "not made from that delta: what they are made from lacks the slope of the "
            "output sigmoid.",
        ),
    ],
    ids=["error-carried-back-not-the-delta", "output-gradients-from-the-error"],
)
def test_a_slip_on_one_side_of_the_carried_delta_is_not_blamed_on_the_other(
    implementation, message, cases, monkeypatch
):
    if cases is not None:
        monkeypatch.setattr(backprop_module, "IMPLEMENTATION_CASES", cases)
    feedback = check.backprop_implementation(implementation)
    assert not feedback.correct
    assert feedback.message == message


def test_a_missing_output_slope_in_both_uses_of_the_delta_is_still_named_so():
    feedback = check.backprop_implementation(make(output_slope=False))
    assert feedback.message == (
        "The output layer's weights (dW2) are off: the output layer's delta lacks "
        "the slope of the output sigmoid."
    )


@pytest.mark.parametrize("hidden_at_logit", [False, True])
def test_the_slope_taken_at_the_output_logit_is_named(hidden_at_logit):
    def at_logit(X, T, W1, b1, W2, b2):
        Z1 = X @ W1 + b1
        H = sigmoid(Z1)
        Z2 = H @ W2 + b2
        d2 = (sigmoid(Z2) - T) * Z2 * (1 - Z2)
        d1 = (d2 @ W2.T) * (Z1 * (1 - Z1) if hidden_at_logit else H * (1 - H))
        return X.T @ d1, d1.sum(0), H.T @ d2, d2.sum(0)

    feedback = check.backprop_implementation(at_logit)
    assert feedback.message.startswith("The output layer's weights (dW2) are off: ")
    assert "not its logit" in feedback.message


def test_output_gradients_off_with_the_hidden_ones_right_do_not_blame_the_delta():
    def squared_output_gradients(X, T, W1, b1, W2, b2):
        H = sigmoid(X @ W1 + b1)
        Y = sigmoid(H @ W2 + b2)
        d2 = (Y - T) * Y * (1 - Y)
        d1 = (d2 @ W2.T) * H * (1 - H)
        return X.T @ d1, d1.sum(0), H.T @ d2**2, (d2**2).sum(0)

    feedback = check.backprop_implementation(squared_output_gradients)
    assert "Build the output layer's delta first" not in feedback.message
    assert feedback.message.startswith(
        "The output layer's weights (dW2) are off, but the hidden layer's gradients "
        "are right, so the output layer's delta carried back through W2 is right"
    )


@pytest.mark.parametrize(
    "change, start",
    [
        (
            lambda g, d1, d2: [-g[0], -g[1], g[2], g[3]],
            "The output layer's gradients are right, but the hidden layer's weights "
            "(dW1) come out with the wrong sign",
        ),
        (
            lambda g, d1, d2: [g[0], g[1], -g[2], -g[3]],
            "The output layer's gradients come out with the wrong sign, but the hidden "
            "layer's, carried back from the same delta, are right",
        ),
    ],
)
def test_a_sign_in_one_layer_only_is_placed_in_that_layer(change, start):
    feedback = check.backprop_implementation(make_with(change))
    assert feedback.message.startswith(start)
    assert "Y - T, not T - Y" not in feedback.message


def _loop_over_samples(first_only=False):
    """A loop over the samples that assigns (=) where it should add up (+=)."""

    def backprop(X, T, W1, b1, W2, b2):
        for x, t in zip(X[:1] if first_only else X, T):
            h = sigmoid(x @ W1 + b1)
            y = sigmoid(h @ W2 + b2)
            d2 = (y - t) * y * (1 - y)
            d1 = (d2 @ W2.T) * h * (1 - h)
            dW2, db2, dW1, db1 = np.outer(h, d2), d2, np.outer(x, d1), d1
        return dW1, db1, dW2, db2

    return backprop


@pytest.mark.parametrize("first_only, which", [(False, "last"), (True, "first")])
def test_gradients_of_one_sample_are_named_not_blamed_on_the_output_delta(
    first_only, which
):
    """The loop overwrote each sample's gradients: "Build the output layer's delta
    first" sent the learner to a delta that is right."""
    message = check.backprop_implementation(_loop_over_samples(first_only)).message
    assert message.startswith(
        "The output layer's weights (dW2) are off: they are those of one sample, "
        f"the {which}: E sums over all samples, so each gradient must add up every "
        "sample's contribution ("
    )
    assert "Build the output layer's delta" not in message
    assert ("accumulate, don't overwrite" in message) == (which == "last")


def test_one_sample_gradients_are_not_named_when_a_gradient_is_right():
    """A variant names a mistake only if it leaves right every gradient that is: the
    weights added up, the bias gradients of the last sample only."""

    def change(grads, d1, d2):
        return [grads[0], d1[-1], grads[2], d2[-1]]

    message = check.backprop_implementation(make_with(change)).message
    assert "one sample" not in message
    assert message.startswith("The output layer's weights (dW2) are right")


@pytest.mark.parametrize(
    "change, start",
    [
        (
            lambda g, d1, d2: [g[0].astype(np.int64), g[1], g[2], g[3]],
            "dW1 is an integer array (int64)",
        ),
        (
            lambda g, d1, d2: [g[0], g[1], np.zeros(g[2].shape, dtype=np.int32), g[3]],
            "dW2 is an integer array (int32)",
        ),
        (
            lambda g, d1, d2: [
                g[0],
                (g[1] > 0).astype(np.int64),
                g[2],
                g[3].astype(np.int64),
            ],
            "db1 and db2 are integer arrays (int64)",
        ),
    ],
)
def test_integer_gradients_are_named_by_their_dtype(change, start):
    """An int gradient was told "dW1 are off, but db1 are right ... check how dW1 is
    made"; its dtype cuts off the fractions."""
    message = check.backprop_implementation(make_with(change)).message
    assert message == (
        f"{start}: an integer cuts off the fractions, and a gradient's entries are "
        "fractions. Compute in floats (leave out the int dtype or astype)."
    )


def test_the_one_sample_hints_give_no_numbers_away():
    for first_only in (False, True):
        message = check.backprop_implementation(_loop_over_samples(first_only)).message
        assert not any(ch.isdigit() for ch in message.replace("dW2", ""))


def test_backprop_implementation_names_a_function_that_updates_its_weights():
    # a learner's backward pass that also takes the step: W2 changed before dW1 is
    # computed, which was judged "dW1 off" with no word of the cause (review17, 8)
    def sig(z):
        return 1 / (1 + np.exp(-z))

    def stepping(X, T, W1, b1, W2, b2):
        H = sig(X @ W1 + b1)
        Y = sig(H @ W2 + b2)
        d2 = (Y - T) * Y * (1 - Y)
        dW2 = H.T @ d2
        W2 -= 0.1 * dW2
        d1 = (d2 @ W2.T) * H * (1 - H)
        return X.T @ d1, d1.sum(0), dW2, d2.sum(0)

    feedback = check.backprop_implementation(stepping)
    assert not feedback.correct
    assert feedback.message.startswith("Your function changed the W2 it was given")
    assert "training loop" in feedback.message
