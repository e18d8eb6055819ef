"""Chapters 1 to 7 and 15: the sources' worked examples, printed and exact answers.

Each example is given as the numbers the textbook starts from, the numbers it
prints (``SOURCE_*``), and a function that recomputes everything with
``ffnn_edu``. Chapters, the errata page and the tests all read from here,
so every number in the book has one origin.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ffnn_edu.nn.delta_rule import delta_rule_update, linear_neuron
from ffnn_edu.nn.network import FeedForwardNetwork
from ffnn_edu.nn.neuron import layer_logits, logit
from ffnn_edu.nn.perceptron import perceptron_update
from ffnn_edu.nn.validation import check_number, checked

#: The perceptron example: x = (0.3, 0.4), w = (2, -3), b = 0.5, target 1.
PERCEPTRON = {"x": (0.3, 0.4), "w": (2.0, -3.0), "b": 0.5, "t": 1.0}
#: What the textbook prints for it: z = -0.1, new (w, b) = (2.3, -2.6, 1.5).
SOURCE_PERCEPTRON = {"z": -0.1, "new": (2.3, -2.6, 1.5)}

#: The matrix example (Fig. 4.2): a 2x3 weight matrix and the inputs x = (10, 20).
#: The text only fixes 0.1 x1 + x2 = 21 (the rows of the matrix are proportional);
#: x = (10, 20) is the figure's input.
MATRIX = {"W": ((0.1, 0.2, 0.3), (1.0, 2.0, 3.0)), "x": (10.0, 20.0)}
#: What the textbook prints for it: z = (21, 42, 63).
SOURCE_MATRIX = {"z": (21.0, 42.0, 63.0)}

#: The lunch example: guessed prices per kg, kilograms bought, the price paid,
#: and the "true" prices the text states.
LUNCH = {
    "guess": (6.0, 3.0, 3.0),
    "quantities": (0.23, 0.15, 0.27),
    "paid": 3.0,
    "true_prices": (10.0, 3.0, 5.0),
    "eta": 1 / 3,
}
#: The textbook prints the products, their sum, and a residual of 0.35.
SOURCE_LUNCH = {"products": (1.38, 0.45, 0.81), "prediction": 2.64, "residual": 0.35}

#: The 2-2-1 backpropagation example (Fig. 4.5): inputs to A and B, target, learning
#: rate, and the six weights w1 (A->C), w2 (A->D), w3 (B->C), w4
#: (B->D), w5 (C->F), w6 (D->F).
BACKPROP_221 = {
    "x": (0.23, 0.82),
    "t": 1.0,
    "eta": 0.7,
    "w": {"w1": 0.1, "w2": 0.5, "w3": 0.4, "w4": 0.3, "w5": 0.2, "w6": 0.6},
}

#: Every intermediate value the textbook prints for the 2-2-1 example.
SOURCE_221 = {
    "z_C": 0.351,
    "z_D": 0.361,
    "y_C": 0.5868,
    "y_D": 0.5892,
    "z_F": 0.4708,
    "y_F": 0.6155,
    "E": 0.0739,
    "dE/dy_F": -0.3844,
    "dy_F/dz_F": 0.2365,
    "dE/dz_F": -0.0909,
    "dE/dw5": -0.0533,
    "dE/dw6": -0.0535,
    "w5_new": 0.2373,
    "w6_new": 0.6374,
    "dE/dy_C": -0.0181,
    "dy_C/dz_C": 0.2424,
    "dE/dw3": -0.0035,
    "w3_new": 0.4024,
    "w1_new": 0.1007,
    "dE/dy_D": -0.0545,
    "dy_D/dz_D": 0.2420,
    "w2_new": 0.502,
    "w4_new": 0.307,
    "z_C_new": 0.3531,
    "y_C_new": 0.5873,
    "y_D_new": 0.5907,
    "z_F_new": 0.5158,
    "y_F_new": 0.6261,
    "E_new": 0.0699,
}

_NAMES = ("w1", "w2", "w3", "w4", "w5", "w6")


def _named_weights(value: Any, name: str) -> dict[str, float] | None:
    """Checker: None, or a dict giving each of w1 ... w6 a finite number."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise TypeError(
            f"{name} must be a dict such as {{'w1': 0.1, ..., 'w6': 0.6}} or None, "
            f"but it is {value!r} ({type(value).__name__})"
        )
    if set(value) != set(_NAMES):
        raise ValueError(
            f"{name} must give exactly the weights {', '.join(_NAMES)}, but its "
            f"keys are {sorted(value, key=str)}"
        )
    return {k: check_number(value[k], f"{name}[{k!r}]") for k in _NAMES}


@checked(weights=_named_weights)
def backprop_221_network(weights: dict[str, float] | None = None) -> FeedForwardNetwork:
    """The 2-2-1 sigmoid network without biases, with the example's weights.

    ``weights[0] = [[w1, w2], [w3, w4]]`` (rows A, B; columns C, D) and
    ``weights[1] = [[w5], [w6]]``.

    Examples
    --------
    >>> backprop_221_network().weights[0]
    array([[0.1, 0.5],
           [0.4, 0.3]])
    """
    w = BACKPROP_221["w"] if weights is None else weights
    net = FeedForwardNetwork((2, 2, 1), "sigmoid", bias=False)
    net.set_weights([[[w["w1"], w["w2"]], [w["w3"], w["w4"]]], [[w["w5"]], [w["w6"]]]])
    return net


def _weights_by_name(net: FeedForwardNetwork) -> dict[str, float]:
    (w1, w2), (w3, w4) = net.weights[0]
    (w5,), (w6,) = net.weights[1]
    return dict(zip(_NAMES, map(float, (w1, w2, w3, w4, w5, w6))))


def backprop_221_values() -> dict[str, float]:
    """Every quantity of the 2-2-1 example, computed exactly by the package.

    Keys match :data:`SOURCE_221`, plus ``"dE/dw1"``, ``"dE/dw2"``,
    ``"dE/dw4"`` and ``"z_D_new"``, which the textbook does not print.

    Examples
    --------
    >>> v = backprop_221_values()
    >>> round(v["y_F"], 4), round(v["w5_new"], 4), round(v["E_new"], 4)
    (0.6156, 0.2374, 0.0698)
    """
    ex = BACKPROP_221
    net = backprop_221_network()
    x, t = np.array([ex["x"]]), np.array([[ex["t"]]])
    passed = net.forward(x, return_all=True)
    grads = net.backprop(x, t, "half_sse")
    (z_C, z_D), (z_F,) = passed.logits[0][0], passed.logits[1][0]
    (y_C, y_D), (y_F,) = passed.activations[1][0], passed.activations[2][0]
    dE_dyF = -(ex["t"] - y_F)
    dE_dzF = float(grads.deltas[1][0, 0])
    dE_dyC, dE_dyD = (grads.deltas[1] @ net.weights[1].T)[0]
    g = {
        "dE/dw1": grads.weights[0][0, 0],
        "dE/dw2": grads.weights[0][0, 1],
        "dE/dw3": grads.weights[0][1, 0],
        "dE/dw4": grads.weights[0][1, 1],
        "dE/dw5": grads.weights[1][0, 0],
        "dE/dw6": grads.weights[1][1, 0],
    }
    old = _weights_by_name(net)
    new = {f"{k}_new": old[k] - ex["eta"] * g[f"dE/d{k}"] for k in _NAMES}
    second = backprop_221_network({k: new[f"{k}_new"] for k in _NAMES})
    after = second.forward(x, return_all=True)
    values = {
        "z_C": z_C,
        "z_D": z_D,
        "y_C": y_C,
        "y_D": y_D,
        "z_F": z_F,
        "y_F": y_F,
        "E": 0.5 * (ex["t"] - y_F) ** 2,
        "dE/dy_F": dE_dyF,
        "dy_F/dz_F": y_F * (1 - y_F),
        "dE/dz_F": dE_dzF,
        "dE/dy_C": dE_dyC,
        "dy_C/dz_C": y_C * (1 - y_C),
        "dE/dy_D": dE_dyD,
        "dy_D/dz_D": y_D * (1 - y_D),
        **g,
        **new,
        "z_C_new": after.logits[0][0, 0],
        "z_D_new": after.logits[0][0, 1],
        "y_C_new": after.activations[1][0, 0],
        "y_D_new": after.activations[1][0, 1],
        "z_F_new": after.logits[1][0, 0],
        "y_F_new": after.output[0, 0],
        "E_new": 0.5 * (ex["t"] - after.output[0, 0]) ** 2,
    }
    return {k: float(v) for k, v in values.items()}


def perceptron_values() -> dict[str, object]:
    """The perceptron example recomputed: the logit, the case, and the new (w, b).

    Examples
    --------
    >>> v = perceptron_values()
    >>> round(v["z"], 10), v["case"], v["new"]
    (-0.1, 'add', (2.3, -2.6, 1.5))
    """
    ex = PERCEPTRON
    step = perceptron_update(ex["x"], ex["t"], ex["w"], ex["b"])
    return {
        "z": float(logit(ex["x"], ex["w"], ex["b"])[0]),
        "case": step.case,
        "new": tuple(round(float(v), 10) for v in (*step.w, step.b)),
    }


def matrix_values() -> tuple[float, ...]:
    r""":math:`W^\top x` for the matrix example.

    Examples
    --------
    >>> matrix_values()
    (21.0, 42.0, 63.0)
    """
    return tuple(round(float(v), 10) for v in layer_logits(MATRIX["x"], MATRIX["W"]))


def lunch_values() -> dict[str, object]:
    """The lunch example recomputed from its quantities and prices.

    The products, prediction, residual, the bill at the stated true prices, and the
    prices after one delta-rule step.

    Examples
    --------
    >>> v = lunch_values()
    >>> v["prediction"], v["residual"], v["true_bill"]
    (2.64, 0.36, 4.1)
    """
    ex = LUNCH
    q, guess = np.array(ex["quantities"]), np.array(ex["guess"])
    prediction = float(linear_neuron(q, guess)[0])
    return {
        "products": tuple(round(float(v), 10) for v in q * guess),
        "prediction": round(prediction, 10),
        "residual": round(ex["paid"] - prediction, 10),
        "true_bill": round(float(linear_neuron(q, ex["true_prices"])[0]), 10),
        "updated_guess": tuple(
            float(v) for v in delta_rule_update(q, ex["paid"], guess, ex["eta"])
        ),
    }
