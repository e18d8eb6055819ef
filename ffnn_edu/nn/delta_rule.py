r"""The linear neuron and the delta rule.

A linear neuron outputs its weighted sum, :math:`y = \mathbf{w}^\top\mathbf{x}`
(no activation, bias absorbed). The delta rule moves every weight in
proportion to its input and to the residual :math:`t - y`:

.. math:: \Delta w_i = \eta\, x_i\, (t - y).

Summed over training cases this is exactly gradient descent on
:math:`E = \tfrac12\sum_n (t^{(n)} - y^{(n)})^2`, because
:math:`\partial E/\partial w_i = -\sum_n x_i^{(n)}(t^{(n)} - y^{(n)})`. So
training a ``FeedForwardNetwork((n, 1), "linear", bias=False)`` with the
``"half_sse"`` loss and :func:`ffnn_edu.nn.training.train` *is* the delta rule;
this module spells out the single step.
"""

from __future__ import annotations

from .validation import (
    Array,
    checked,
    inputs_match_weights,
    no_overflow,
    positive,
    rows_match,
    samples,
    values,
    vector,
)

_TOO_LARGE = "x and w (or eta) are too large: the weighted sum or the update overflows"


@checked(no_overflow(_TOO_LARGE), inputs_match_weights("x", "w"), x=samples, w=vector)
def linear_neuron(x: Array, w: Array) -> Array:
    r""":math:`y = \mathbf{w}^\top \mathbf{x}` for each sample (row) of ``x``.

    Examples
    --------
    The lunch example: guessed prices per kilogram times the quantities bought.

    >>> linear_neuron([0.23, 0.15, 0.27], [6, 3, 3]).round(10)
    array([2.64])
    """
    return x @ w


@checked(
    no_overflow(_TOO_LARGE),
    rows_match("x", "t"),
    inputs_match_weights("x", "w"),
    x=samples,
    t=values,
    w=vector,
    eta=positive,
)
def delta_rule_update(x: Array, t: Array, w: Array, eta: float) -> Array:
    r"""Weights after a step: :math:`w_i + \eta \sum_n x_i^{(n)}(t^{(n)} - y^{(n)})`.

    Parameters
    ----------
    x : array_like, shape (n_inputs,) or (n_samples, n_inputs)
        One case, or a batch whose updates are summed.
    t : float or array_like, shape (n_samples,)
        Targets.
    w : array_like, shape (n_inputs,)
    eta : float
        Learning rate :math:`\eta > 0`.

    Examples
    --------
    One lunch, with :math:`\eta = 1/3` (the textbook's "divide the residual
    among the three prices"):

    >>> delta_rule_update([0.23, 0.15, 0.27], 3.0, [6, 3, 3], eta=1/3).round(4)
    array([6.0276, 3.018 , 3.0324])
    """
    residual = t - linear_neuron(x, w)
    return w + eta * x.T @ residual
