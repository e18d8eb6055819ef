r"""Finite differences: checking backpropagation without calculus.

Nudge one weight up by a small :math:`\varepsilon`, measure the error
:math:`E^+`; nudge it down, measure :math:`E^-`; then

.. math:: \frac{\partial E}{\partial w} \approx \frac{E^+ - E^-}{2\varepsilon}

(the *central* difference, whose error shrinks like :math:`\varepsilon^2`).
It needs two forward passes per weight, so it is far too slow to train with,
but it is the standard way to test a backpropagation implementation.

A verdict you can trust
-----------------------
A finite difference is itself only an estimate, with two errors of its own:

* **truncation**: the curve is not straight over the step; the central
  difference :math:`D(h)` is off by about :math:`\tfrac16 E'''(w)\, h^2`;
* **round-off**: :math:`E^+` and :math:`E^-` carry rounding errors of about
  :math:`\epsilon_\text{mach} |E|` (:math:`\epsilon_\text{mach} \approx
  2.2 \times 10^{-16}`), which the division by :math:`2h` magnifies.

:func:`gradient_check` therefore scales the step to each parameter,
:math:`h = \varepsilon \max(|w|, 1)`, computes :math:`D(h)` and
:math:`D(2h)`, and uses the two both ways: Richardson extrapolation
:math:`(4D(h) - D(2h))/3` cancels the :math:`h^2` term (the estimate it
reports), and :math:`|D(2h) - D(h)|/3`, the truncation error of
:math:`D(h)`, plus the round-off bound :math:`\epsilon_\text{mach}|E|/h`
bound the error of that estimate. Backpropagation *agrees* when every entry
lies within ten times that error bound or within the relative tolerance. An
entry smaller than its error bound cannot be checked by finite differences
at all, and the report says how many there were. A wrong gradient (a missing
factor, a wrong sign, a 1% slip in an entry larger than the
finite-difference error) still DISAGREEs.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from .losses import Loss
from .network import FeedForwardNetwork
from .regularization import Regularizer
from .validation import Array, check_number

_ROUND_OFF = 16 * np.finfo(np.float64).eps   # rounding of E, with room for long sums
_SAFETY = 10.0                                  # how far the error estimate is trusted


def numerical_gradient(error: Callable[[], float], params: Sequence[Array],
                       eps: float = 1e-5) -> list[Array]:
    r"""Central-difference estimate of the gradient of ``error()`` for every entry of ``params``.

    Each entry is changed in place, ``error()`` is re-evaluated, and the entry
    is restored exactly.

    Parameters
    ----------
    error : callable
        Computes the error from the current values of ``params``.
    params : sequence of ndarray
        Arrays to differentiate with respect to (modified and restored).
    eps : float
        Step :math:`\varepsilon`.

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
    r""":math:`\|a - b\| / (\|a\| + \|b\|)`, and 0 when both are zero.

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
class FiniteDifferences:
    """Finite-difference derivatives with an estimate of their own error.

    Attributes
    ----------
    gradient : list of ndarray
        Richardson-extrapolated central differences, shaped like the parameters.
    error : list of ndarray
        Estimated absolute error of each entry (truncation plus round-off).
    steps : list of ndarray
        The step :math:`h` used for each entry.
    """

    gradient: list[Array]
    error: list[Array]
    steps: list[Array]


def finite_differences(error: Callable[[], float], params: Sequence[Array],
                       eps: float = 1e-5) -> FiniteDifferences:
    r"""Derivatives of ``error()`` by finite differences, with an error estimate per entry.

    Each entry :math:`w` of ``params`` gets its own step :math:`h = \varepsilon
    \max(|w|, 1)` (rounded so that :math:`w + h - w` is exactly :math:`h`), and

    .. math::
        D(h) = \frac{E(w + h) - E(w - h)}{2h}, \qquad
        \text{estimate} = \frac{4 D(h) - D(2h)}{3}, \qquad
        \text{error} \approx \frac{|D(2h) - D(h)|}{3} + \frac{16\,\epsilon_\text{mach} |E|}{h}.

    Parameters
    ----------
    error : callable
        Computes the error from the current values of ``params``.
    params : sequence of ndarray
        Arrays to differentiate with respect to (modified and restored exactly).
    eps : float
        Relative step :math:`\varepsilon`.

    Examples
    --------
    >>> w = np.array([3.0])
    >>> fd = finite_differences(lambda: float(np.exp(w[0])), [w])
    >>> bool(abs(fd.gradient[0][0] - np.exp(3.0)) < fd.error[0][0] < 1e-8)
    True
    """
    eps = check_number(eps, "eps", low=0.0, low_inclusive=False)
    gradients, errors, steps = [], [], []
    for p in params:
        g, err, hs = np.zeros_like(p), np.zeros_like(p), np.zeros_like(p)
        for i in np.ndindex(p.shape):
            saved = p[i]
            h = float((saved + eps * max(abs(saved), 1.0)) - saved)   # exactly representable
            values = []
            for step in (h, -h, 2 * h, -2 * h):
                p[i] = saved + step
                values.append(error())
            p[i] = saved
            d1 = (values[0] - values[1]) / (2 * h)
            d2 = (values[2] - values[3]) / (4 * h)
            g[i] = (4 * d1 - d2) / 3
            err[i] = abs(d2 - d1) / 3 + _ROUND_OFF * max(abs(v) for v in values) / h
            hs[i] = h
        gradients.append(g)
        errors.append(err)
        steps.append(hs)
    return FiniteDifferences(gradients, errors, steps)


@dataclass
class GradientCheckReport:
    """Backpropagation's gradients beside finite differences, parameter by parameter.

    Attributes
    ----------
    names : list of str
        ``"W0"``, ``"b1"``, ... in the order of the network's parameters.
    backprop, numerical : list of ndarray
        The two gradients.
    fd_errors : list of ndarray
        The estimated error of each finite-difference entry (see
        :func:`finite_differences`).
    relative_errors : list of float
        :func:`relative_error` of the two gradients, for each parameter array.
    """

    names: list[str]
    backprop: list[Array]
    numerical: list[Array]
    fd_errors: list[Array]
    relative_errors: list[float]

    @property
    def max_relative_error(self) -> float:
        """The worst relative error over all parameters."""
        return max(self.relative_errors)

    def mismatches(self, tolerance: float = 1e-7) -> list[Array]:
        r"""For each parameter, a boolean array: where the two gradients disagree.

        An entry disagrees when :math:`|g - d|` exceeds both ten times the
        finite-difference error estimate and ``tolerance`` times :math:`|g| + |d|`.
        """
        return [np.abs(g - d) > np.maximum(_SAFETY * e, tolerance * (np.abs(g) + np.abs(d)))
                for g, d, e in zip(self.backprop, self.numerical, self.fd_errors)]

    def unresolved(self) -> int:
        """How many non-zero entries are below their finite-difference error (uncheckable)."""
        return int(sum((((np.abs(g) + np.abs(d)) <= _SAFETY * e) & ((g != 0) | (d != 0))).sum()
                       for g, d, e in zip(self.backprop, self.numerical, self.fd_errors)))

    def passed(self, tolerance: float = 1e-7) -> bool:
        """True if no entry disagrees (see :meth:`mismatches`)."""
        return not any(m.any() for m in self.mismatches(tolerance))

    def __str__(self) -> str:
        lines = [f"{'parameter':>9}  {'shape':>8}  {'relative error':>14}  "
                 f"{'finite-difference error':>23}"]
        for name, g, d, err, rel in zip(self.names, self.backprop, self.numerical,
                                        self.fd_errors, self.relative_errors):
            if not g.any() and not d.any():
                lines.append(f"{name:>9}  {str(g.shape):>8}  {'0':>14}  {'0':>23}")
                continue
            fd = float(np.linalg.norm(err) / (np.linalg.norm(g) + np.linalg.norm(d)))
            lines.append(f"{name:>9}  {str(g.shape):>8}  {_bound(rel):>14}  {_bound(fd):>23}")
        verdict = "agree" if self.passed() else "DISAGREE"
        lines.append(f"backpropagation and finite differences {verdict} "
                     f"(largest relative error {_bound(self.max_relative_error)})")
        if self.unresolved():
            lines.append(f"{self.unresolved()} entries are smaller than their finite-difference "
                         "error, too small to be checked this way")
        return "\n".join(lines)


def _bound(value: float) -> str:
    """A small relative error as a power-of-ten bound (``'< 1e-09'``); from 0.001 on, the value.

    Printing a bound, not 8.48e-11, keeps the report free of digits that
    depend on the order of floating-point sums (BLAS builds differ).

    Examples
    --------
    >>> _bound(8.48e-11), _bound(0.0), _bound(0.0123)
    ('< 1e-10', '0', '0.012')
    """
    if value == 0:
        return "0"
    if value >= 1e-3:
        return f"{value:.2g}"
    return f"< 1e{int(np.floor(np.log10(value))) + 1:+03d}"


def gradient_check(network: FeedForwardNetwork, X: ArrayLike, T: ArrayLike,
                   loss: str | Loss = "half_sse", *, regularizer: Regularizer | None = None,
                   n: int | None = None, eps: float = 1e-5) -> GradientCheckReport:
    r"""Compare ``network.backprop`` with finite differences that know their own error.

    Parameters
    ----------
    network : FeedForwardNetwork
    X, T : array_like
        A batch of inputs and targets.
    loss : str or Loss
    regularizer : Regularizer, optional
        Penalty added to the error (its gradient is added to backprop's).
    n : int, optional
        The :math:`n` in the penalty's :math:`\lambda/n`; defaults to the batch size.
    eps : float
        Relative finite-difference step (see :func:`finite_differences`).

    Examples
    --------
    >>> net = FeedForwardNetwork((3, 4, 2), seed=0)
    >>> X = np.random.default_rng(0).normal(size=(5, 3))
    >>> report = gradient_check(net, X, np.ones((5, 2)) * 0.5)
    >>> report.passed()
    True
    >>> report.backprop[0][0, 0] *= 1.01          # a 1% slip in one entry
    >>> report.passed()
    False
    """
    loss = network.check_loss(loss)
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

    numeric = finite_differences(error, network.parameters(), eps)
    names = []
    for l in range(network.n_layers):
        names.append(f"W{l}")
        if network.biases is not None:
            names.append(f"b{l + 1}")
    errors = [relative_error(a, b) for a, b in zip(analytic, numeric.gradient)]
    return GradientCheckReport(names, analytic, numeric.gradient, numeric.error, errors)
