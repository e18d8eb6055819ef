"""Error (cost) functions and their derivatives with respect to the output.

Three losses, each a function of the network's outputs ``y`` and the targets
``t`` (arrays of the same shape, one sample per row):

``half_sse``
    :math:`E = \\tfrac12 \\sum_n \\sum_o (t_o^{(n)} - y_o^{(n)})^2`, the error
    used in the textbook's worked examples. It is **half the sum of squared
    errors**, not a mean, although the textbook calls it the mean squared
    error. Its derivative is :math:`\\partial E/\\partial y = -(t - y)`.
``mse``
    Mean squared error, the mean of :math:`(t - y)^2` over every entry (what
    Keras's ``"mean_squared_error"`` computes). For a single output and
    :math:`n` samples, ``mse == 2 * half_sse / n``.
``binary_cross_entropy``
    :math:`-\\frac1N\\sum [t\\ln y + (1-t)\\ln(1-y)]` over all :math:`N`
    entries, for targets that are 0 or 1 and outputs strictly between 0 and
    1. Outputs are clipped to :math:`[10^{-15}, 1-10^{-15}]` so a saturated
    sigmoid gives a large, finite loss instead of infinity.

Each :class:`Loss` checks its arguments (matching shapes, finite numbers,
labels 0/1 for the binary loss) when called; the training loop uses the
unchecked ``value`` and ``gradient`` kernels.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from .validation import Array, as_array, check_binary

_CLIP = 1e-15


def _half_sse(y: Array, t: Array) -> float:
    return 0.5 * float(np.sum((t - y) ** 2))


def _half_sse_gradient(y: Array, t: Array) -> Array:
    return -(t - y)


def _mse(y: Array, t: Array) -> float:
    return float(np.mean((t - y) ** 2))


def _mse_gradient(y: Array, t: Array) -> Array:
    return -2.0 * (t - y) / t.size


def _bce(y: Array, t: Array) -> float:
    y = np.clip(y, _CLIP, 1.0 - _CLIP)
    return float(-np.mean(t * np.log(y) + (1.0 - t) * np.log(1.0 - y)))


def _bce_gradient(y: Array, t: Array) -> Array:
    y = np.clip(y, _CLIP, 1.0 - _CLIP)
    return (y - t) / (y * (1.0 - y)) / t.size


@dataclass(frozen=True)
class Loss:
    """An error function :math:`E(y, t)` with its gradient :math:`\\partial E/\\partial y`.

    Parameters
    ----------
    name : str
        Name used in the book and by :func:`get_loss`.
    value : callable
        ``value(y, t) -> float``, unchecked.
    gradient : callable
        ``gradient(y, t) -> array`` shaped like ``y``, unchecked.
    binary : bool
        True if the targets must be the labels 0 and 1.

    Examples
    --------
    >>> E = get_loss("half_sse")
    >>> round(E([[0.6156]], [[1.0]]), 4)
    0.0739
    >>> E.derivative([[0.6156]], [[1.0]])
    array([[-0.3844]])
    """

    name: str
    value: Callable[[Array, Array], float]
    gradient: Callable[[Array, Array], Array]
    binary: bool = False

    def check_targets(self, t: ArrayLike, name: str = "t") -> Array:
        """Return the targets as a float array after checking they suit this loss."""
        t = as_array(t, name)
        if self.binary:
            check_binary(t, name)
        return t

    def check(self, y: ArrayLike, t: ArrayLike) -> tuple[Array, Array]:
        """Return ``y`` and ``t`` as float arrays after checking them."""
        y = as_array(y, "y")
        t = self.check_targets(t)
        if y.shape != t.shape:
            raise ValueError(
                f"y and t must have the same shape, but they have {y.shape} and {t.shape}")
        if self.binary:
            if ((y < 0) | (y > 1)).any():
                raise ValueError(f"y must lie in [0, 1] for the {self.name} loss")
        return y, t

    def __call__(self, y: ArrayLike, t: ArrayLike) -> float:
        return self.value(*self.check(y, t))

    def derivative(self, y: ArrayLike, t: ArrayLike) -> Array:
        """:math:`\\partial E / \\partial y`, shaped like ``y``."""
        return self.gradient(*self.check(y, t))


half_sse = Loss("half_sse", _half_sse, _half_sse_gradient)
mse = Loss("mse", _mse, _mse_gradient)
binary_cross_entropy = Loss("binary_cross_entropy", _bce, _bce_gradient, binary=True)

LOSSES: dict[str, Loss] = {loss.name: loss for loss in (half_sse, mse, binary_cross_entropy)}


def get_loss(loss: str | Loss) -> Loss:
    """Look up a loss by name (or pass a :class:`Loss` through).

    Examples
    --------
    >>> get_loss("mse").name
    'mse'
    >>> get_loss("hinge")
    Traceback (most recent call last):
    ...
    ValueError: loss must be one of binary_cross_entropy, half_sse, mse, but it is 'hinge'
    """
    if isinstance(loss, Loss):
        return loss
    if loss not in LOSSES:
        raise ValueError(f"loss must be one of {', '.join(sorted(LOSSES))}, but it is {loss!r}")
    return LOSSES[loss]
