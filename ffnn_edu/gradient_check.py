"""Finite differences: checking backpropagation without calculus.

Nudge one weight up by a small :math:`\\varepsilon`, measure the error
:math:`E^+`; nudge it down, measure :math:`E^-`; then

.. math:: \\frac{\\partial E}{\\partial w} \\approx \\frac{E^+ - E^-}{2\\varepsilon}

(the *central* difference, whose error shrinks like :math:`\\varepsilon^2`).
It needs two forward passes per weight, so it is far too slow to train with,
but it is the standard way to test a backpropagation implementation.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from .losses import Loss, get_loss
from .network import FeedForwardNetwork
from .regularization import Regularizer
from .validation import Array, check_number


def numerical_gradient(error: Callable[[], float], params: Sequence[Array],
                       eps: float = 1e-5) -> list[Array]:
    """Central-difference estimate of the gradient of ``error()`` for every entry of ``params``.

    Each entry is changed in place, ``error()`` is re-evaluated, and the entry
    is restored exactly.

    Parameters
    ----------
    error : callable
        Computes the error from the current values of ``params``.
    params : sequence of ndarray
        Arrays to differentiate with respect to (modified and restored).
    eps : float
        Step :math:`\\varepsilon`.

    Examples
    --------
    >>> w = np.array([3.0])
    >>> numerical_gradient(lambda: float(w[0] ** 2), [w])[0].round(6)
    array([6.])
    """
    eps = check_number(eps, "eps", low=0.0, low_inclusive=False)
    grads = []
    for p in params:
        g = np.zeros_like(p)
        for i in np.ndindex(p.shape):
            saved = p[i]
            p[i] = saved + eps
            e_plus = error()
            p[i] = saved - eps
            e_minus = error()
            p[i] = saved
            g[i] = (e_plus - e_minus) / (2.0 * eps)
        grads.append(g)
    return grads


def relative_error(a: ArrayLike, b: ArrayLike) -> float:
    """:math:`\\|a - b\\| / (\\|a\\| + \\|b\\|)`, and 0 when both are zero.

    Examples
    --------
    >>> relative_error([1.0, 2.0], [1.0, 2.0])
    0.0
    >>> round(relative_error([1.0], [1.1]), 4)
    0.0476
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


@dataclass
class GradientCheckReport:
    """Backpropagation's gradients beside finite differences, parameter by parameter.

    Attributes
    ----------
    names : list of str
        ``"W0"``, ``"b1"``, ... in the order of the network's parameters.
    backprop, numerical : list of ndarray
        The two gradients.
    relative_errors : list of float
        :func:`relative_error` for each parameter array.
    """

    names: list[str]
    backprop: list[Array]
    numerical: list[Array]
    relative_errors: list[float]

    @property
    def max_relative_error(self) -> float:
        """The worst relative error over all parameters."""
        return max(self.relative_errors)

    def passed(self, tolerance: float = 1e-7) -> bool:
        """True if every relative error is below ``tolerance``."""
        return self.max_relative_error < tolerance

    def __str__(self) -> str:
        lines = [f"{'parameter':>9}  {'shape':>8}  {'relative error':>14}"]
        for name, g, err in zip(self.names, self.backprop, self.relative_errors):
            lines.append(f"{name:>9}  {str(g.shape):>8}  {err:14.2e}")
        verdict = "agree" if self.passed() else "DISAGREE"
        lines.append(f"backpropagation and finite differences {verdict} "
                     f"(largest relative error {self.max_relative_error:.2e})")
        return "\n".join(lines)


def gradient_check(network: FeedForwardNetwork, X: ArrayLike, T: ArrayLike,
                   loss: str | Loss = "half_sse", *, regularizer: Regularizer | None = None,
                   n: int | None = None, eps: float = 1e-5) -> GradientCheckReport:
    """Compare ``network.backprop`` with central finite differences.

    Parameters
    ----------
    network : FeedForwardNetwork
    X, T : array_like
        A batch of inputs and targets.
    loss : str or Loss
    regularizer : Regularizer, optional
        Penalty added to the error (its gradient is added to backprop's).
    n : int, optional
        The :math:`n` in the penalty's :math:`\\lambda/n`; defaults to the batch size.
    eps : float
        Finite-difference step.

    Examples
    --------
    >>> net = FeedForwardNetwork((3, 4, 2), seed=0)
    >>> X = np.random.default_rng(0).normal(size=(5, 3))
    >>> report = gradient_check(net, X, np.ones((5, 2)) * 0.5)
    >>> report.passed()
    True
    """
    loss = get_loss(loss)
    X = network.check_inputs(X)
    T = network.check_targets(X, T)
    n = X.shape[0] if n is None else n
    grads = network.backprop(X, T, loss)
    if regularizer is not None:
        penalty = regularizer.gradient(network.weights, n)
        grads.weights = [g + r for g, r in zip(grads.weights, penalty)]
    analytic = grads.as_list()

    def error() -> float:
        value = network.output_loss(network.run_forward(X), T, loss)
        if regularizer is not None:
            value += regularizer.penalty(network.weights, n)
        return value

    numeric = numerical_gradient(error, network.parameters(), eps)
    names = []
    for l in range(network.n_layers):
        names.append(f"W{l}")
        if network.biases is not None:
            names.append(f"b{l + 1}")
    errors = [relative_error(a, b) for a, b in zip(analytic, numeric)]
    return GradientCheckReport(names, analytic, numeric, errors)
