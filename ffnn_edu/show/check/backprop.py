"""Self-checks for the backpropagation chapter."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import numpy as np

from ffnn_edu.experiments.worked_examples import (
    BACKPROP_221,
    backprop_221_network,
    backprop_221_values,
)
from ffnn_edu.nn.network import FeedForwardNetwork

from .feedback import (
    Feedback,
    agrees_at_precision,
    as_number,
    as_numbers,
    low_precision,
    matrix_results,
    rounding_allowance,
    shape_message,
)
from .web import Field, Stage, WebCheck, above, near, web_check

__all__ = [
    "backprop_w1",
    "backprop_target_zero_w5",
    "best_epsilon",
    "backprop_implementation",
    "backprop_input_gradient",
]


@web_check
def backprop_w1_form() -> WebCheck:
    """dE/dw1 and the new w1 of the 2-2-1 example, for Python and the web page."""
    v = backprop_221_values()
    exact = v["dE/dw1"]
    via_xB = v["dE/dy_C"] * v["dy_C/dz_C"] * BACKPROP_221["x"][1]
    no_slope = v["dE/dy_C"] * BACKPROP_221["x"][0]
    gradient = Stage(
        "compare",
        ("gradient",),
        exact,
        hints=[
            (
                near(-exact, atol=2e-5),
                "The sign is off: E falls when w1 grows, so the derivative is "
                "negative.",
            ),
            (
                near(via_xB, atol=2e-5),
                "w1 leaves neuron A, so the last factor is the input of A, not of B.",
            ),
            (
                near(no_slope, atol=2e-5),
                "You skipped the slope of C's sigmoid, y_C (1 - y_C).",
            ),
        ],
        options={
            "tolerance": 2e-5,
            "generic_hint": "Chain three factors: dE/dy_C, dy_C/dz_C and dz_C/dw1.",
            "what": "the gradient dE/dw1",
        },
    )
    weight = Stage(
        "compare",
        ("new_weight",),
        v["w1_new"],
        hints=[
            (
                near(0.1 + BACKPROP_221["eta"] * exact, atol=2e-4),
                "The gradient is right, but the update goes the wrong way: subtract "
                "eta times it.",
            ),
        ],
        options={
            "tolerance": 2e-4,
            "praise": "Both the derivative and the new weight are right.",
            "what": "the new weight w1",
            "generic_hint": "The derivative is right; now apply w1 - eta * dE/dw1 with "
            "eta = 0.7.",
        },
    )
    return WebCheck(
        "backprop_w1",
        (Field("gradient", "dE/dw1"), Field("new_weight", "New w1")),
        (gradient, weight),
        swapped="You swapped the two answers: both values are right, but each is in "
        "the other's box. dE/dw1 is the slope; the new w1 is the old one minus eta "
        "times it.",
    )


def backprop_w1(gradient: float, new_weight: float) -> Feedback:
    """Exercise: :math:`\\partial E/\\partial w_1` and the new :math:`w_1` (2-2-1 net).

    Examples
    --------
    >>> backprop_w1(0.001, 0.0993).correct
    False
    """
    return backprop_w1_form().judge(gradient, new_weight)


@web_check
def backprop_target_zero_w5_form() -> WebCheck:
    """The new w5 for target 0, for the Python check and the web page."""
    net = backprop_221_network()
    grads = net.backprop([BACKPROP_221["x"]], [[0.0]])
    w5 = BACKPROP_221["w"]["w5"]
    stage = Stage(
        "compare",
        ("new_w5",),
        w5 - BACKPROP_221["eta"] * grads.weights[1][0, 0],
        hints=[
            (
                above(w5),
                "With target 0 the output is too large, so w5 (which feeds a positive "
                "y_C into F) should shrink, not grow.",
            ),
        ],
        options={
            "tolerance": 2e-4,
            "generic_hint": "Only dE/dy_F = -(t - y_F) changes; redo the three factors "
            "with t = 0.",
        },
    )
    return WebCheck("backprop_target_zero_w5", (Field("new_w5", "New w5"),), (stage,))


def backprop_target_zero_w5(new_w5: float) -> Feedback:
    """Exercise: the new :math:`w_5` if the target of the example were 0 instead of 1.

    Examples
    --------
    >>> backprop_target_zero_w5(0.2373).correct
    False
    """
    return backprop_target_zero_w5_form().judge(new_w5)


def best_epsilon(eps: float) -> Feedback:
    """Exercise: the step that gives the most accurate central difference for dE/dw5.

    Examples
    --------
    >>> best_epsilon(1e-13).correct
    False
    """
    choices = (1e-1, 1e-4, 1e-7, 1e-10, 1e-13)
    pick = f"Pick one of {', '.join(f'{c:g}' for c in choices)}."
    value = as_number(eps, "your step")
    if isinstance(value, Feedback):
        return Feedback(False, f"{value.message} {pick}")
    # a choice as computed counts too: 0.1**4 is 0.00010000000000000002, and
    # np.float32(1e-4) is 1e-4 rounded to float32; 0.00010001 typed is no choice
    allowance = rounding_allowance(value)
    chosen = [c for c in choices if np.isclose(abs(value), c, rtol=allowance, atol=0)]
    if chosen and value < 0:
        return Feedback(
            False,
            f"The step is positive: the difference takes w + eps and w - eps. {pick}",
        )
    if not chosen:
        return Feedback(False, pick)
    eps = chosen[0]
    if eps == 1e-4:
        return Feedback(
            True,
            "Large steps suffer from the curvature of E (an error of order eps "
            "squared); tiny steps from rounding in E+ - E-.",
        )
    if eps > 1e-4:
        return Feedback(
            False,
            "Too coarse: the central difference has an error that grows like eps "
            "squared.",
        )
    return Feedback(
        False,
        "Too fine: E+ and E- agree in more of their digits, and the digits they share "
        "are lost when you subtract them, so rounding costs more accuracy than the "
        "smaller step gains.",
    )


#: The random networks the implementation exercise is checked on: (layer sizes, samples,
#: seed).
IMPLEMENTATION_CASES = (((3, 4, 2), 5, 11), ((2, 3, 1), 4, 12))
_NAMES = ("dW1", "db1", "dW2", "db2")
_WHAT = {
    "dW1": "the hidden layer's weights (dW1)",
    "db1": "the hidden layer's biases (db1)",
    "dW2": "the output layer's weights (dW2)",
    "db2": "the output layer's biases (db2)",
}
#: What the axes of each gradient hold: those of its parameter.
_AXES = {
    "dW1": "one row per input, one column per hidden neuron, like W1",
    "db1": "one entry per hidden neuron, like b1",
    "dW2": "one row per hidden neuron, one column per output neuron, like W2",
    "db2": "one entry per output neuron, like b2",
}


def _case(
    sizes: tuple[int, int, int], n: int, seed: int
) -> tuple[list[np.ndarray], ...]:
    """Inputs, targets, parameters of a random test network, and the right gradients."""
    rng = np.random.default_rng(seed)
    net = FeedForwardNetwork(sizes, "sigmoid", seed=seed)
    net.set_weights(net.weights, [rng.normal(0, 0.5, size=k) for k in sizes[1:]])
    X = rng.normal(size=(n, sizes[0]))
    T = rng.uniform(size=(n, sizes[2]))
    grads = net.backprop(X, T, loss="half_sse")
    params = [net.weights[0], net.biases[0], net.weights[1], net.biases[1]]
    expected = [grads.weights[0], grads.biases[0], grads.weights[1], grads.biases[1]]
    return [X, T], params, expected


def _variants(
    X: np.ndarray,
    T: np.ndarray,
    W1: np.ndarray,
    b1: np.ndarray,
    W2: np.ndarray,
    b2: np.ndarray,
) -> dict[str, list[np.ndarray]]:
    """Gradients of typical mistakes, to spot them: the name says what went wrong.

    Some spoil one layer only ("no hidden slope", "error carried back": the output
    delta right, the hidden one not; "output from the error": the other way round);
    :func:`_judge` names a mistake only if it leaves right every gradient that is.
    """

    def sig(z: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-z))

    H = sig(X @ W1 + b1)
    Y = sig(H @ W2 + b2)
    out = {}
    for name, d2_slope, d1_slope in (
        ("no output slope", False, True),
        ("no hidden slope", True, False),
    ):
        d2 = (Y - T) * (Y * (1 - Y) if d2_slope else 1.0)
        d1 = (d2 @ W2.T) * (H * (1 - H) if d1_slope else 1.0)
        out[name] = [X.T @ d1, d1.sum(0), H.T @ d2, d2.sum(0)]
    Z1 = X @ W1 + b1
    d2 = (Y - T) * Y * (1 - Y)
    d1 = (d2 @ W2.T) * Z1 * (1 - Z1)  # y(1 - y) applied to the logit
    out["slope of the logits"] = [X.T @ d1, d1.sum(0), H.T @ d2, d2.sum(0)]
    Z2 = H @ W2 + b2
    d2 = (Y - T) * Z2 * (1 - Z2)  # y(1 - y) applied to the output's logit
    d1 = (d2 @ W2.T) * H * (1 - H)
    out["slope of the output logits"] = [X.T @ d1, d1.sum(0), H.T @ d2, d2.sum(0)]
    # the output delta right, but one of its two uses takes the bare error Y - T
    d2 = (Y - T) * Y * (1 - Y)
    d1 = ((Y - T) @ W2.T) * H * (1 - H)
    out["error carried back"] = [X.T @ d1, d1.sum(0), H.T @ d2, d2.sum(0)]
    d1 = (d2 @ W2.T) * H * (1 - H)
    out["output from the error"] = [X.T @ d1, d1.sum(0), H.T @ (Y - T), (Y - T).sum(0)]
    H = sig(X @ W1)  # the forward pass without its biases
    Y = sig(H @ W2)
    d2 = (Y - T) * Y * (1 - Y)
    d1 = (d2 @ W2.T) * H * (1 - H)
    out["no biases forward"] = [X.T @ d1, d1.sum(0), H.T @ d2, d2.sum(0)]
    # a loop over the samples that assigns (=) where it should add up (+=): the
    # gradients of the last sample (or, looped once, of the first) alone
    for name, rows in (
        ("last sample only", slice(-1, None)),
        ("first sample only", slice(0, 1)),
    ):
        x, t = X[rows], T[rows]
        h = sig(x @ W1 + b1)
        y = sig(h @ W2 + b2)
        d2 = (y - t) * y * (1 - y)
        d1 = (d2 @ W2.T) * h * (1 - h)
        out[name] = [x.T @ d1, d1.sum(0), h.T @ d2, d2.sum(0)]
    return out


def _returned_order(
    got: list[np.ndarray], expected: list[np.ndarray]
) -> tuple[list[str], str] | None:
    """The names of the gradients ``got`` holds, in order, if not in the asked order.

    First by value (each array equals one of the package's gradients), else by shape
    (the shapes fit the parameters in another order but not in the asked one); None
    otherwise.
    """

    def same(g: np.ndarray, e: np.ndarray) -> bool:
        return g.shape == e.shape and bool(np.allclose(g, e, rtol=1e-6, atol=1e-10))

    def shaped(g: np.ndarray, e: np.ndarray) -> bool:
        return g.shape == e.shape

    identity = tuple(range(len(_NAMES)))
    for fits, by in ((same, "values"), (shaped, "shapes")):
        if all(fits(g, e) for g, e in zip(got, expected)):
            return (
                None  # in the asked order (right or wrong, the values are judged next)
            )
        for order in itertools.permutations(identity):
            if order != identity and all(
                fits(got[j], expected[k]) for j, k in enumerate(order)
            ):
                return [_NAMES[k] for k in order], by
    return None


def backprop_implementation(
    function: Callable[..., tuple[np.ndarray, ...]],
) -> Feedback:
    """Exercise: your own backpropagation for one hidden layer, checked by the package.

    ``function(X, T, W1, b1, W2, b2)`` must return ``(dW1, db1, dW2, db2)``,
    the gradients of :math:`E = \\tfrac12\\sum (Y - T)^2` (summed over samples
    and outputs) for sigmoid hidden and output neurons, with
    ``H = sigmoid(X @ W1 + b1)`` and ``Y = sigmoid(H @ W2 + b2)``. It is
    called on random networks with biases (``IMPLEMENTATION_CASES``) and
    compared with ``FeedForwardNetwork.backprop``, whose gradients the
    package's tests check against finite differences. The feedback names the
    first gradient that is off and the kind of mistake, not the formula.

    Examples
    --------
    >>> def lazy(X, T, W1, b1, W2, b2):
    ...     zeros = np.zeros_like
    ...     return zeros(W1), zeros(b1), zeros(W2), zeros(b2)
    >>> backprop_implementation(lazy).correct
    False
    """
    if not callable(function):
        return Feedback(
            False,
            "Pass the function itself, e.g. backprop_implementation(my_backprop), not "
            "the result of calling it.",
        )
    precision = ""
    for sizes, n, seed in IMPLEMENTATION_CASES:
        (X, T), params, expected = _case(sizes, n, seed)
        given = [X.copy(), T.copy(), *(p.copy() for p in params)]
        try:
            result = function(*given)
        except Exception as error:  # the learner's code may fail in any way
            return Feedback(
                False,
                f"Your function raised {type(error).__name__}: {error}. "
                f"It is called as function(X, T, W1, b1, W2, b2) with X of "
                f"shape {X.shape}, W1 {params[0].shape}, b1 "
                f"{params[1].shape}, W2 {params[2].shape}, b2 "
                f"{params[3].shape}.",
            )
        changed = _changed_parameters(given[2:], params)
        if changed is not None:
            return changed
        try:
            items = None if isinstance(result, (str, bytes, dict)) else iter(result)
        except TypeError:
            items = None
        try:
            # read one past the four asked for: an endless generator never ended
            parts = None if items is None else list(itertools.islice(items, 5))
        except (
            Exception
        ) as error:  # a generator runs the learner's code while it is read
            return Feedback(
                False,
                f"Reading your function's result raised {type(error).__name__}: "
                f"{error}.",
            )
        if parts is None or len(parts) != 4:
            return Feedback(
                False, "Return four arrays, in the order dW1, db1, dW2, db2."
            )
        matrices = matrix_results(list(zip(_NAMES, parts)))
        if matrices is not None:
            return matrices
        got = []
        for name, part in zip(_NAMES, parts):
            gradient = as_numbers(part, name, form="an array of numbers")
            if isinstance(gradient, Feedback):
                return gradient
            got.append(gradient)
        whole = _integer_gradients(parts, got, expected)
        if whole is not None:
            return whole
        low = low_precision(parts)
        if low is not None and all(g.shape == e.shape for g, e in zip(got, expected)):
            # judged at the precision the learner computed in, and said so: a right
            # float32 backprop was told "dW2 are off, but db2 are right"
            precision = low[0]
            if agrees_at_precision(got, expected, low[1]):
                continue
            return Feedback(
                False,
                f"Your function's gradients are computed in {precision}, and even "
                "at that precision they differ from the package's: a step is off. "
                "Compute in float64 (numpy's default; leave out the dtype or astype "
                "that lowers it), and this check can tell which step.",
            )
        verdict = _judge(got, expected, params, X, T)
        if verdict is not None:
            return verdict
    if precision:
        return Feedback(
            True,
            f"All four gradients agree with the package's on two random networks "
            f"with biases, to the precision of {precision}, in which your function "
            "computes them. Your backward pass is right; in float64, numpy's "
            "default, it would agree to some 15 digits.",
        )
    return Feedback(
        True,
        "All four gradients agree with the package's on two random networks with "
        "biases. Your backward pass is right.",
    )


def _changed_parameters(
    given: list[np.ndarray], originals: list[np.ndarray]
) -> Feedback | None:
    """Feedback naming the weights and biases the learner's function changed in place.

    A backward pass that also takes the step (``W1 -= eta * dW1``) changes the
    weights it was given; its gradients, if it used a changed weight, were judged
    off with no word of the cause. None when every parameter is as it was passed
    (``X`` and ``T`` are not judged here: a change of them shows in the gradients).
    """
    names = ["W1", "b1", "W2", "b2"]
    changed = [
        name
        for name, now, was in zip(names, given, originals)
        if now.shape != was.shape or not np.array_equal(now, was, equal_nan=True)
    ]
    if not changed:
        return None
    listed = (
        changed[0]
        if len(changed) == 1
        else (", ".join(changed[:-1]) + " and " + changed[-1])
    )
    return Feedback(
        False,
        f"Your function changed the {listed} it was given (in place, as "
        f"{changed[0]} -= ... or {changed[0]}[...] = ... do). A backward pass only "
        "computes the gradients and leaves the weights and biases as they were: the "
        "step that updates the weights comes after it, in the training loop. Compute "
        "on copies, or move the update out of the function.",
    )


def _integer_gradients(
    parts: list[Any], got: list[np.ndarray], expected: list[np.ndarray]
) -> Feedback | None:
    """Feedback naming the gradients returned as integer arrays, which are off.

    An integer array (``astype(int)``, or ``np.zeros(..., dtype=int)`` filled with
    the gradient) holds each entry with its fractions cut off; the values check told
    such a learner "dW1 are off, but db1 are right" and to check how dW1 is made. None
    when the shapes do not fit in the asked order (they are judged first) or no
    integer gradient is off.
    """
    if not all(g.shape == e.shape for g, e in zip(got, expected)):
        return None
    whole = [
        (name, np.dtype(part.dtype))
        for name, part, g, e in zip(_NAMES, parts, got, expected)
        if isinstance(part, (np.ndarray, np.generic))
        and np.dtype(part.dtype).kind in "iu"
        and not np.allclose(g, e, rtol=1e-6, atol=1e-10)
    ]
    if not whole:
        return None
    named = [name for name, _ in whole]
    names = " and ".join([", ".join(named[:-1]), named[-1]] if named[1:] else named)
    dtypes = ", ".join(sorted({str(d) for _, d in whole}))
    are = "is an integer array" if len(whole) == 1 else "are integer arrays"
    return Feedback(
        False,
        f"{names} {are} ({dtypes}): an integer cuts off the fractions, and a "
        "gradient's entries are fractions. Compute in floats (leave out the int "
        "dtype or astype).",
    )


def _judge(
    got: list[np.ndarray],
    expected: list[np.ndarray],
    params: list[np.ndarray],
    X: np.ndarray,
    T: np.ndarray,
) -> Feedback | None:
    """Feedback on the first wrong gradient (output layer first, as backprop goes).

    Every shape is compared before any value, so no comparison meets arrays that do not
    fit. Gradients returned in another order are recognised first, by their values or,
    failing that, by their shapes.
    """
    returned = _returned_order(got, expected)
    if returned is not None:
        names, by = returned
        return Feedback(
            False,
            f"Your function returns the gradients in the wrong order: by their {by} "
            "they are "
            f"{', '.join(names)}. Return them as dW1, db1, dW2, db2.",
        )
    order = (2, 3, 0, 1)
    n = X.shape[0]
    for i in order:
        name, g, e, p = _NAMES[i], got[i], expected[i], params[i]
        what = _WHAT[name]
        if g.shape != e.shape:
            bias = e.ndim == 1
            if bias and g.shape == (1, e.shape[0]):
                right = np.allclose(g[0], e, rtol=1e-6, atol=1e-10)
                return Feedback(
                    False,
                    f"{name} has shape {g.shape}, a row, as sum(axis=0, "
                    "keepdims=True) leaves "
                    f"it; {what} are a vector of shape {e.shape}, and a gradient is "
                    "shaped "
                    f"like its parameter. Sum without keepdims=True"
                    + (" (the values are right)." if right else "."),
                )
            if bias and g.shape == (n,) and n != e.shape[0]:
                return Feedback(
                    False,
                    f"{name} has one value per sample, shape {g.shape}: it was summed "
                    "over the neurons (axis 1). A bias gradient sums over the samples "
                    "(axis 0), "
                    f"one value per neuron, shape {e.shape}.",
                )
            if g.ndim == 2 and g.shape == e.shape[::-1] and e.ndim == 2:
                return Feedback(
                    False,
                    f"{name} has the shape of its weights transposed, "
                    f"{g.shape} instead of {e.shape}. A weight gradient is "
                    f"laid out like the weights (rows: from, columns: to); "
                    f"check which factor of the product is transposed.",
                )
            if bias and g.ndim == 2 and g.shape == (n, e.shape[0]):
                return Feedback(
                    False,
                    f"{name} has one row per sample, shape {g.shape}: "
                    f"{'the output' if i == 3 else 'the hidden'} layer's delta, not "
                    "yet summed. A bias gradient collects the contributions of all "
                    "samples "
                    f"into one value per neuron (sum over axis 0), shape {e.shape}.",
                )
            return Feedback(False, shape_message(name, p.shape, _AXES[name], g))
    step = _returned_step(got, expected, params)
    if step == "descent":
        return Feedback(
            False,
            "Your function returns new weights and biases, each parameter moved "
            "against its gradient, not the gradients themselves. Return dE/dW1, "
            "dE/db1, dE/dW2, dE/db2; the step is the optimizer's business.",
        )
    if step == "ascent":
        return Feedback(
            False,
            "Your function returns new weights and biases, not the gradients "
            "themselves, and each parameter is moved along its gradient (a plus "
            "where a step has a minus), which climbs the error. Return dE/dW1, "
            "dE/db1, dE/dW2, dE/db2; the step is the optimizer's business, and it "
            "goes against the gradient.",
        )
    variants = _variants(X, T, *params)
    right_at = [  # the gradients that are right: no diagnosis may call them wrong
        k
        for k in range(len(_NAMES))
        if np.allclose(got[k], expected[k], rtol=1e-6, atol=1e-10)
    ]
    for i in order:
        name, g, e = _NAMES[i], got[i], expected[i]
        partner = {0: 1, 1: 0, 2: 3, 3: 2}[i]  # the other gradient of i's layer
        what = _WHAT[name]
        What = what[:1].upper() + what[1:]  # the same at the start of a sentence
        if np.allclose(g, e, rtol=1e-6, atol=1e-10):
            continue
        if np.allclose(g, -e, rtol=1e-6, atol=1e-10):
            place = _slip_place(i, got, expected, -1.0)
            if place == "all":
                return Feedback(
                    False,
                    f"{What} come out with the wrong sign, and so do the other three: "
                    "the error's derivative with respect to the output is Y - T, not "
                    "T - Y.",
                )
            hint = _slip_hint(i, place, "come out with the wrong sign", "sign")
            return Feedback(
                False,
                hint
                or f"{What} come out with the wrong sign, but not all the gradients "
                "do, so the output's error Y - T is not to blame: look for the step "
                "where a minus slips in.",
            )
        if np.allclose(g * X.shape[0], e, rtol=1e-6, atol=1e-10):
            # E is blamed only when all four carry the 1/n: a right gradient shows
            # that the learner's E is a sum already (a bias mean was blamed on E)
            place = _slip_place(i, got, expected, 1 / X.shape[0])
            return Feedback(False, _mean_hint(i, place))
        factor = _common_factor(g, e)
        if factor is not None:
            place = _slip_place(i, got, expected, factor)
            return Feedback(False, _factor_hint(i, factor, place, T.shape))
        for mistake, hint in (
            (
                "no output slope",
                "the output layer's delta lacks the slope of the output sigmoid",
            ),
            (
                "no hidden slope",
                "the hidden layer's delta lacks the slope of the hidden sigmoid",
            ),
            (
                "slope of the logits",
                "y(1 - y) is the sigmoid's slope only when y is the neuron's output, "
                "not its logit",
            ),
            (
                "slope of the output logits",
                "y(1 - y) is the sigmoid's slope only when y is the neuron's output, "
                "not its logit",
            ),
            (
                "error carried back",
                "dW2 and db2 are right, so your output layer's delta is right; but "
                "what you carry back through W2 to the hidden layer is not that "
                "delta: it lacks the slope of the output sigmoid",
            ),
            (
                "output from the error",
                "dW1 and db1 are right, so the delta you carry back to the hidden "
                "layer is right; but dW2 and db2 are not made from that delta: what "
                "they are made from lacks the slope of the output sigmoid",
            ),
            (
                "last sample only",
                "they are those of one sample, the last: E sums over all samples, "
                "so each gradient must add up every sample's contribution "
                "(accumulate, don't overwrite)",
            ),
            (
                "first sample only",
                "they are those of one sample, the first: E sums over all samples, "
                "so each gradient must add up every sample's contribution (does "
                "your loop end, or return, after the first sample?)",
            ),
            (
                "no biases forward",
                "your forward pass leaves out the biases, so H and Y are not the "
                "network's outputs; every logit adds its layer's bias",
            ),
        ):
            # a delta's slip shows in both gradients made from it, weights and biases;
            # and a mistake is named only if it leaves right what is right: one that
            # spoils the output delta is no verdict when dW2 and db2 are right
            if all(
                np.allclose(got[k], variants[mistake][k], rtol=1e-6, atol=1e-10)
                for k in (i, partner)
            ) and all(
                np.allclose(variants[mistake][k], expected[k], rtol=1e-6, atol=1e-10)
                for k in right_at
            ):
                return Feedback(False, f"{What} are off: {hint}.")
        right = [m for m, gg, ee in zip(_NAMES, got, expected) if np.allclose(gg, ee)]
        weights = {1: "dW1", 3: "dW2"}.get(i)
        biases = {0: "db1", 2: "db2"}.get(i)
        if biases in right:  # the layer's delta is right: only its product is not
            return Feedback(
                False,
                f"{What} are off, but {_WHAT[biases]} are right, so that layer's "
                f"delta is right: check how {_NAMES[i]} is made from it (the product "
                "of delta with the layer's input).",
            )
        if (
            weights in right
        ):  # the layer's delta is right: only its sum over the samples is not
            return Feedback(
                False,
                f"{_WHAT[weights][:1].upper() + _WHAT[weights][1:]} are right, so "
                "that layer's "
                f"delta is right; {what} are off. A bias gradient is the layer's "
                "delta summed over the samples (axis 0), one value per neuron, each "
                "sample counted once.",
            )
        if i in (0, 1) and {"dW2", "db2"} <= set(right):
            return Feedback(
                False,
                f"The output layer's gradients are right, but {what} are "
                f"off. Check how delta is carried back through W2 to the "
                f"hidden layer, and what it is multiplied by there.",
            )
        if i in (2, 3) and {"dW1", "db1"} <= set(right):
            return Feedback(
                False,
                f"{What} are off, but the hidden layer's gradients are right, so the "
                "output layer's delta carried back through W2 is right: check what "
                "dW2 and db2 are made from (that same delta, with the layer's input "
                "for dW2, summed over the samples for db2).",
            )
        return Feedback(
            False,
            f"{What} are off. Build the output layer's delta first, from "
            f"Y - T and the sigmoid's slope, then the gradients from it.",
        )
    return None


def _returned_step(
    got: list[np.ndarray], expected: list[np.ndarray], params: list[np.ndarray]
) -> str | None:
    """Whether ``got`` are the parameters after a step ``p - eta * gradient``.

    One learning rate ``eta`` for all four (the shapes have been compared): "descent"
    for ``eta > 0``, "ascent" for ``eta < 0`` (``p + |eta| * gradient``), None if
    ``got`` is no such step.
    """
    steps = [p - g for g, p in zip(got, params)]
    size = sum(float(np.sum(e * e)) for e in expected)
    if size == 0:
        return None
    eta = sum(float(np.sum(s * e)) for s, e in zip(steps, expected)) / size
    if eta == 0 or not all(
        np.allclose(s, eta * e, rtol=1e-6, atol=1e-10) for s, e in zip(steps, expected)
    ):
        return None
    return "descent" if eta > 0 else "ascent"


def _slip_place(
    i: int, got: list[np.ndarray], expected: list[np.ndarray], factor: float
) -> str | None:
    """Where a slip that multiplies gradient ``i`` by ``factor`` comes in.

    "all": all four gradients carry it, so it is in the output layer's delta (or in
    E), carried back with it. "weights" ("biases"): both weight (bias) gradients
    carry it and both bias (weight) gradients are right, so the deltas are right and
    the slip is where the weight (bias) gradients are made from them. "formed": the
    other gradient of ``i``'s layer is right, so that layer's delta is right and the
    slip is where ``i`` is made from it.
    "output": both output-layer gradients carry it and the hidden layer's (carried
    back from the same delta) are right, so it comes in after the carrying back.
    "hidden": the output layer is right and the slip is in the hidden layer. None
    otherwise (the gradients are off in more than one way).
    """

    def fits(k: int, c: float) -> bool:
        return bool(np.allclose(got[k], c * expected[k], rtol=1e-6, atol=1e-10))

    partner = {0: 1, 1: 0, 2: 3, 3: 2}[i]
    if all(fits(k, factor) for k in range(4)):
        return "all"
    kind, other = ((0, 2), (1, 3)) if i in (0, 2) else ((1, 3), (0, 2))
    if all(fits(k, factor) for k in kind) and all(fits(k, 1.0) for k in other):
        return "weights" if i in (0, 2) else "biases"
    if fits(partner, 1.0):
        return "formed"
    if i in (2, 3) and fits(partner, factor) and fits(0, 1.0) and fits(1, 1.0):
        return "output"
    if i in (0, 1) and fits(2, 1.0) and fits(3, 1.0):
        return "hidden"
    return None


def _slip_hint(i: int, place: str | None, off: str, slip: str) -> str | None:
    """The hint for gradient ``i`` that is ``off`` by a ``slip``, by where it is.

    ``off`` says how (e.g. "come out with the wrong sign"), ``slip`` names it ("sign",
    "factor"), ``place`` is :func:`_slip_place`'s. None for "all" (and for no place),
    whose cause the caller names.
    """
    name = _NAMES[i]
    what = _WHAT[name]
    What = what[:1].upper() + what[1:]
    if place == "formed":
        partner = _NAMES[{0: 1, 1: 0, 2: 3, 3: 2}[i]]
        made = (
            "the product of delta with the layer's input"
            if name.startswith("dW")
            else "the sum of delta over the samples"
        )
        return (
            f"{What} {off}, but {_WHAT[partner]} are right, so that layer's delta is "
            f"right: the {slip} slips in where {name} is made from it ({made})."
        )
    if place in ("weights", "biases"):
        weights = place == "weights"
        kind, other = ("weight", "bias") if weights else ("bias", "weight")
        names = "dW1 and dW2" if weights else "db1 and db2"
        made = (
            "the product of delta with the layer's input"
            if weights
            else "the sum of delta over the samples"
        )
        return (
            f"Both {kind} gradients ({names}) {off}, but both {other} gradients are "
            f"right, so the deltas are right: the {slip} slips in where the {kind} "
            f"gradients are made from them ({made})."
        )
    if place == "output":
        return (
            f"The output layer's gradients {off}, but the hidden layer's, carried back "
            f"from the same delta, are right: the output layer's delta is right, and "
            f"the {slip} slips in where dW2 and db2 are made from it."
        )
    if place == "hidden":
        return (
            f"The output layer's gradients are right, but {what} {off}: the {slip} "
            "slips in where delta is carried back to the hidden layer (check the "
            "product through W2 and the slope it is multiplied by)."
        )
    return None


def _mean_hint(i: int, place: str | None) -> str:
    """The hint for gradient ``i``, the package's divided by the number of samples.

    A mean error E (E's sum over the samples divided by their number) is named only
    when all four gradients carry the 1/n; otherwise the hint says where the mean
    comes in (see :func:`_slip_place`): a bias gradient made as the mean of its
    layer's deltas over the samples, or a division in one layer.
    """
    name = _NAMES[i]
    what = _WHAT[name]
    What = what[:1].upper() + what[1:]
    off = "are the package's divided by the number of samples"
    layer = "hidden" if i in (0, 1) else "output"
    if place == "all":
        return (
            f"{What} {off}, and so are the other three. E adds up the samples' "
            "errors, so the gradients add up too."
        )
    if place == "formed" and name.startswith("db"):
        partner = _NAMES[i - 1]
        return (
            f"{name} is the mean of the {layer} layer's deltas over the samples (the "
            f"package's divided by the number of samples), but {partner} is right, "
            "so E and that layer's delta are right: the bias gradient is their sum, "
            "each sample counted once, as for the weights."
        )
    if place == "biases":
        return (
            "Both bias gradients (db1 and db2) are the means of their layers' deltas "
            "over the samples (the package's divided by the number of samples), but "
            "both weight gradients are right, so E and the deltas are right: a bias "
            "gradient is the deltas' sum over the samples, each sample counted once, "
            "as for the weights."
        )
    hint = _slip_hint(i, place, off, "division by the number of samples")
    if hint is not None:
        return (
            f"{hint} E is not to blame: it adds up the samples' errors, as the "
            "right gradients show."
        )
    return (
        f"{What} {off}, but not all the gradients are, so E (which adds up the "
        "samples' errors) is not to blame: look for the step where a mean over the "
        "samples is taken instead of a sum."
    )


def _common_factor(got: np.ndarray, expected: np.ndarray) -> float | None:
    """The number ``c`` with ``got = c * expected`` in every entry, if there is one.

    None when no single factor fits, or it is 1 or -1 (judged elsewhere) or 0.
    """
    size = float(np.sum(expected * expected))
    if size == 0:
        return None
    c = float(np.sum(got * expected)) / size
    if abs(abs(c) - 1) < 1e-6 or c == 0:
        return None
    return c if np.allclose(got, c * expected, rtol=1e-6, atol=1e-10) else None


def _factor_hint(
    i: int, factor: float, place: str | None, error_shape: tuple[int, ...]
) -> str:
    """The hint for gradient ``i``, the package's times one constant ``factor``.

    The causes that sit in E or in the output layer's delta (a missing or extra 1/2,
    a mean) are named only when all four gradients carry the factor; otherwise the
    hint says where the factor comes in (see :func:`_slip_place`). A factor of
    1/(n k) or n k, for the ``error_shape`` (n samples, k outputs) of Y - T, is
    named as that count: the mean over all the error's entries, where E sums them.
    """
    n, k = error_shape
    entries = (
        f"n x k = {n} x {k} = {n * k}, the number of entries of the error Y - T "
        f"({n} samples times {k} outputs)"
    )
    what = _WHAT[_NAMES[i]]
    What = what[:1].upper() + what[1:]
    if abs(factor - 2) < 1e-6:
        times = "twice the package's"
        why = (
            "E carries a factor 1/2 in front of the sum of squares, there to cancel "
            "the 2 that the square's derivative brings down"
        )
    elif abs(factor - 0.5) < 1e-6:
        times = "half the package's"
        why = (
            "the square's derivative brings down a 2, which E's 1/2 cancels: "
            "nothing is left to halve; and E adds up the errors of the outputs as it "
            "does those of the samples, with no mean over them"
        )
    elif k > 1 and abs(factor * n * k - 1) < 1e-6:
        times = f"the package's divided by {entries}"
        why = (
            "a mean over all the entries of the error rather than a sum; E adds up "
            "the errors of every sample and every output, with no mean over either, "
            "so the gradients add up too"
        )
    elif k > 1 and abs(factor / (n * k) - 1) < 1e-6:
        times = f"the package's times {entries}"
        why = (
            "every entry is off by that count, so something multiplies by the size "
            "of Y - T what should be the bare gradient"
        )
    else:
        times = "the package's times one constant factor"
        why = (
            "every entry is off by the same factor, so a constant (a learning rate, "
            "a count) multiplies what should be the bare gradient"
        )
    hint = _slip_hint(i, place, f"are {times}", "factor")
    if hint is not None:
        return hint
    if place == "all":
        return f"{What} are {times}: {why}."
    return (
        f"{What} are {times}, but not all the gradients are: look for the step "
        "where a constant multiplies this one."
    )


@web_check
def backprop_input_gradient_form() -> WebCheck:
    """dE/dx_A of the 2-2-1 example, for the Python check and the web page."""
    net = backprop_221_network()
    grads = net.backprop([BACKPROP_221["x"]], [[BACKPROP_221["t"]]], loss="half_sse")
    delta_c, delta_d = grads.deltas[0][0]
    (w_ac, w_ad), (w_bc, w_bd) = net.weights[0]
    exact = w_ac * delta_c + w_ad * delta_d
    one_path = (
        "That is one of the two paths. x_A has two arrows out, to z_C and to z_D: add "
        "the contributions of both."
    )
    stage = Stage(
        "compare",
        ("value",),
        exact,
        hints=[
            (near(w_ac * delta_c, atol=2e-5), one_path),
            (near(w_ad * delta_d, atol=2e-5), one_path),
            (
                near(w_bc * delta_c + w_bd * delta_d, atol=2e-5),
                "That is the derivative for x_B: use the weights that leave x_A, w1 "
                "(to C) and w2 (to D).",
            ),
            (
                near(-exact, atol=2e-5),
                "The size is right but the sign is not: the deltas of C and D are "
                "negative, and both weights leaving x_A are positive.",
            ),
        ],
        options={
            "tolerance": 2e-5,
            "praise": "The chain rule adds one term per arrow that leaves the input.",
            "generic_hint": "Follow the arrows out of x_A: dE/dx_A = w1 * dE/dz_C + "
            "w2 * dE/dz_D, with dE/dz_C = dE/dy_C * y_C (1 - y_C) and likewise for D.",
        },
    )
    return WebCheck("backprop_input_gradient", (Field("value", "dE/dx_A"),), (stage,))


def backprop_input_gradient(value: float) -> Feedback:
    """Exercise: :math:`\\partial E/\\partial x_A` of the 2-2-1 example (two paths).

    Examples
    --------
    >>> backprop_input_gradient(-0.0004).correct
    False
    """
    return backprop_input_gradient_form().judge(value)
