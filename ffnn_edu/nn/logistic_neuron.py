r"""The logistic (sigmoid) neuron and its learning rule.

A logistic neuron squashes its logit with the sigmoid,
:math:`y = \sigma(z) = 1/(1 + e^{-z})`, :math:`z = \mathbf{w}^\top\mathbf{x}`
(bias absorbed). With :math:`E = \tfrac12\sum_n (t^{(n)} - y^{(n)})^2` the
chain rule gives

.. math::
    \frac{\partial E}{\partial w_i}
    = \sum_n \frac{\partial z}{\partial w_i}\frac{dy}{dz}\frac{\partial E}{\partial y}
    = -\sum_n x_i^{(n)}\, y^{(n)}(1 - y^{(n)})\,(t^{(n)} - y^{(n)}).

It is the delta rule with one extra factor, :math:`y(1-y)`: the slope of the
sigmoid, which is at most 1/4.
"""

from __future__ import annotations

from .activations import sigmoid
from .validation import (
    Array,
    checked,
    inputs_match_weights,
    no_overflow,
    positive,
    probabilities,
    rows_match,
    samples,
    vector,
)

_TOO_LARGE = "x and w (or eta) are too large: the weighted sum or the update overflows"


@checked(no_overflow(_TOO_LARGE), inputs_match_weights("x", "w"), x=samples, w=vector)
def logistic_neuron(x: Array, w: Array) -> Array:
    r""":math:`y = \sigma(\mathbf{w}^\top\mathbf{x})` for each sample (row) of ``x``.

    Examples
    --------
    >>> logistic_neuron([0.23, 0.82], [0.1, 0.4]).round(4)
    array([0.5869])
    """
    return sigmoid(x @ w)


@checked(
    no_overflow(_TOO_LARGE),
    rows_match("x", "t"),
    inputs_match_weights("x", "w"),
    x=samples,
    t=probabilities,
    w=vector,
)
def logistic_rule_gradient(x: Array, t: Array, w: Array) -> Array:
    r"""The gradient of the logistic neuron's error with respect to each weight.

    .. math::
        \partial E/\partial w_i = -\sum_n x_i^{(n)} y^{(n)}(1-y^{(n)})(t^{(n)}-y^{(n)}).

    Examples
    --------
    >>> logistic_rule_gradient([0.23, 0.82], 1.0, [0.1, 0.4]).round(6)
    array([-0.023039, -0.082138])
    """
    y = logistic_neuron(x, w)
    return -(x.T @ (y * (1.0 - y) * (t - y)))


@checked(no_overflow(_TOO_LARGE), x=samples, t=probabilities, w=vector, eta=positive)
def logistic_rule_update(x: Array, t: Array, w: Array, eta: float) -> Array:
    r"""New weights after one step of the logistic neuron's learning rule.

    Examples
    --------
    >>> logistic_rule_update([0.23, 0.82], 1.0, [0.1, 0.4], eta=0.7).round(4)
    array([0.1161, 0.4575])
    """
    return w - eta * logistic_rule_gradient(x, t, w)
