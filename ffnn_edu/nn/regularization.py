"""L1 and L2 regularization: penalties on the size of the weights.

Regularization adds a term to the error: :math:`E^\\text{reg} = E + R(\\mathbf{w})`.
Following the textbook, with :math:`n` training samples and regularization
rate :math:`\\lambda`,

.. math::
    R_{L_2} = \\frac{\\lambda}{n} \\sum_w w^2, \\qquad
    R_{L_1} = \\frac{\\lambda}{n} \\sum_w |w| .

Differentiating carefully,

.. math::
    \\frac{\\partial R_{L_2}}{\\partial w} = \\frac{2\\lambda}{n} w, \\qquad
    \\frac{\\partial R_{L_1}}{\\partial w}
    = \\frac{\\lambda}{n} \\operatorname{sign}(w).

The textbook writes :math:`\\frac{\\lambda}{n} w` for the L2 derivative,
dropping the factor 2 (Nielsen avoids it by defining the penalty with
:math:`\\frac{\\lambda}{2n}`). The penalties apply to the weights, not the
biases. At :math:`w = 0`, where :math:`|w|` has no slope, the L1 derivative is
taken as 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .validation import (
    Array,
    array,
    as_array,
    check_count,
    check_number,
    checked,
    instance_of,
    no_overflow,
    positive,
    refuses_unknown_keywords,
    suggest_name,
)


@checked(no_overflow("v is too large: the sum of |v_i| overflows"), v=array)
def l1_norm(v: Array) -> float:
    """:math:`\\|v\\|_1 = \\sum_i |v_i|`.

    Examples
    --------
    >>> l1_norm([0.5, 0.5]), l1_norm([-1, 0])
    (1.0, 1.0)
    """
    return float(np.abs(v).sum())


@checked(no_overflow("v is too large: its L2 norm overflows"), v=array)
def l2_norm(v: Array) -> float:
    """:math:`\\|v\\|_2 = \\sqrt{\\sum_i v_i^2} = s \\sqrt{\\sum_i (v_i/s)^2}`.

    The two forms are equal for any :math:`s > 0`. Here :math:`s` is the largest
    :math:`|v_i|` rounded down to a power of two (``_power_of_two_scale``), so
    each :math:`v_i/s` is exact and lies in :math:`(-2, 2)`: the squares neither
    underflow to 0 (entries of 1e-170, whose squares 1e-340 are below the smallest
    float) nor overflow (entries of 1e170), and the norm is a float whenever the
    true norm is one. Where the plain formula works, both give the same float.

    Examples
    --------
    >>> round(l2_norm([0.5, 0.5]), 6), l2_norm([-1, 0])
    (0.707107, 1.0)
    >>> l2_norm([3e-170, 4e-170]), l2_norm([3e170, 4e170])
    (5e-170, 5e+170)
    """
    s = _power_of_two_scale([v])
    return float(s * np.sqrt(((v / s) ** 2).sum()))


def _power_of_two_scale(arrays: Sequence[Array]) -> np.float64:
    """The largest :math:`|a_i|` over all ``arrays``, rounded down to a power of two.

    Dividing by it is exact (only the exponent changes), and the quotients lie in
    :math:`(-2, 2)`, so their squares can be summed without underflow or overflow.
    All zeros (or no entries at all) give 1.

    Examples
    --------
    >>> float(_power_of_two_scale([np.array([3.0, -5.0]), np.array([0.5])]))
    4.0
    >>> float(_power_of_two_scale([np.zeros(2)]))
    1.0
    """
    largest = max((float(np.abs(a).max()) for a in arrays if a.size), default=0.0)
    if largest == 0:
        return np.float64(1.0)
    return np.ldexp(np.float64(1.0), int(np.frexp(largest)[1]) - 1)


def _times_s_squared(rate: float, total: float, s: np.float64) -> float:
    """``rate * s**2 * total`` for a power of two ``s``, with no rounding of its own.

    The exponents of the three factors are added before the one multiplication, so a
    product that is a float is not lost to an intermediate that underflows or
    overflows (``s**2`` alone is 0 for ``s = 2**-600``); where none does, it is the
    float ``rate * total * s**2``.

    Examples
    --------
    >>> _times_s_squared(0.5, 3.0, np.ldexp(1.0, -600))  # 1.5 * 2**-1200 is 0
    0.0
    >>> _times_s_squared(2.0**300, 3.0, np.ldexp(1.0, -600)) == 3 * 2.0**-900
    True
    """
    (m_rate, e_rate), (m_total, e_total) = np.frexp(rate), np.frexp(total)
    e_s = int(np.frexp(s)[1]) - 1  # s = 2**e_s
    return float(np.ldexp(m_rate * m_total, int(e_rate) + int(e_total) + 2 * e_s))


def _weight_arrays(value: Any, name: str) -> list[Array]:
    """Checker: a list of arrays of real numbers, one per layer (``network.weights``).

    The arrays themselves are returned (not copies), so
    ``shrink`` can change them in place.
    """
    if not isinstance(value, (list, tuple)) or not all(
        isinstance(w, np.ndarray) for w in value
    ):
        raise TypeError(
            f"{name} must be a list of numpy arrays, one per layer (such as "
            f"network.weights), but it is {value!r}"
        )
    for k, w in enumerate(value):
        if w.dtype.kind not in "biuf":
            raise TypeError(
                f"{name}[{k}] must hold real numbers, but its dtype is {w.dtype}"
            )
    return list(value)


def _finite_weight_arrays(value: Any, name: str) -> list[Array]:
    """Checker: like ``_weight_arrays``, and every weight a finite number.

    The training loop calls ``gradient`` and ``shrink`` unchecked on the network's own
    weights, so a run whose weights blow up is reported by ``train`` as diverged (naming
    eta and lam) rather than stopped in the middle of an epoch.
    """
    weights = _weight_arrays(value, name)
    for k, w in enumerate(weights):
        as_array(w, f"{name}[{k}]", allow_empty=True)  # refuses NaN and infinity
    return weights


def _float_weights(arguments: dict[str, Any]) -> None:
    """Relation for ``Regularizer.shrink``: the weights it changes hold floats."""
    for k, w in enumerate(arguments["weights"]):
        if w.dtype.kind != "f":
            raise TypeError(
                f"weights[{k}] must be a float array (shrink changes it in "
                f"place, and an array of dtype {w.dtype} cannot hold a step "
                f"such as 0.1)"
            )


def _l1_only(arguments: dict[str, Any]) -> None:
    """Relation for ``Regularizer.shrink``: only the L1 penalty has a shrink step."""
    if arguments["self"].kind != "l1":
        raise ValueError("shrink is the L1 step; L2 uses its gradient")


#: Names other libraries and texts give the penalties, each with what it names and the
#: package's name for it: a refusal of one of them says which name is meant. They are
#: refused, not accepted (one vocabulary); keys are lower case, with ``_`` for a hyphen
#: or a space.
OTHER_NAMES: dict[str, tuple[str, str]] = {
    "ridge": ("ridge regression's penalty, the squared L2 norm", "l2"),
    "tikhonov": ("Tikhonov's penalty, the squared L2 norm", "l2"),
    "weight_decay": ("the L2 penalty, which decays the weights", "l2"),
    "lasso": ("the lasso's penalty, the L1 norm", "l1"),
}


@refuses_unknown_keywords
@dataclass(frozen=True)
class Regularizer:
    """An L1 or L2 penalty with rate ``lam``.

    Parameters
    ----------
    kind : {"l1", "l2"}
    lam : float
        Regularization rate :math:`\\lambda \\ge 0`.

    Examples
    --------
    >>> reg = Regularizer("l2", lam=0.5)
    >>> reg.penalty([np.array([[1.0, -2.0]])], n=10)
    0.25
    >>> reg.gradient([np.array([[1.0, -2.0]])], n=10)[0]
    array([[ 0.1, -0.2]])
    """

    kind: str
    lam: float
    #: Whether this penalty takes a step of its own after the
    #: optimizer's (L1 with lam > 0).
    proximal: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.kind, str) or self.kind not in ("l1", "l2"):
            raise ValueError(
                f"kind must be 'l1' or 'l2', but it is {self.kind!r}"
                f"{suggest_name(self.kind, ('l1', 'l2'), OTHER_NAMES)}"
            )
        check_number(self.lam, "lam", low=0.0)
        object.__setattr__(self, "proximal", self.kind == "l1" and self.lam > 0)

    @checked(
        no_overflow("the weights or lam are too large: the penalty overflows"),
        weights=_finite_weight_arrays,
        n=check_count,
    )
    def penalty(self, weights: Sequence[Array], n: int) -> float:
        """:math:`R(\\mathbf{w})` summed over every weight matrix."""
        if self.kind == "l2":
            # sum of w^2 = s^2 * sum of (w/s)^2, s a power of two: nothing underflows
            s = _power_of_two_scale(weights)
            total = sum(np.sum(np.square(w / s)) for w in weights)
            return _times_s_squared(self.lam / n, total, s)
        total = sum(np.sum(np.abs(w), dtype=float) for w in weights)
        return float(self.lam / n * total)  # total is a numpy float: overflow is caught

    @checked(
        no_overflow("the weights or lam are too large: the gradient overflows"),
        weights=_finite_weight_arrays,
        n=check_count,
    )
    def gradient(self, weights: Sequence[Array], n: int) -> list[Array]:
        """:math:`\\partial R / \\partial w` for every weight matrix."""
        if self.kind == "l2":
            # w first: numpy sees overflow
            return [2.0 * w * self.lam / n for w in weights]
        return [self.lam / n * np.sign(w) for w in weights]

    @checked(
        _l1_only,
        _float_weights,
        weights=_finite_weight_arrays,
        eta=positive,
        n=check_count,
    )
    def shrink(self, weights: Sequence[Array], eta: float, n: int) -> None:
        """Apply the L1 step as a clipped (proximal) step, in place.

        Each weight moves :math:`\\eta\\lambda/n` towards 0 but stops at 0
        instead of crossing it. This is what lets L1 set weights *exactly* to
        zero; a plain sign step would make them hop around 0 instead. For
        L2 this is not used: its gradient step already shrinks smoothly.
        """
        step = eta * self.lam / n
        for w in weights:
            np.copyto(w, np.sign(w) * np.maximum(np.abs(w) - step, 0.0))

    # --- the training loop's kernels: its arguments were checked once per epoch -------

    def fold_into(
        self, grads: list[Array], weights: list[Array], n: int
    ) -> list[Array]:
        """The error's gradients with the penalty's folded in, for gradient descent.

        L2: :math:`\\partial E/\\partial w + 2\\lambda w / n` for every weight matrix.
        L1: the gradients unchanged, as its step is the clipped step
        :meth:`proximal_step`, taken by the optimizer after its own. The
        training loop's kernel: unchecked.

        Examples
        --------
        >>> Regularizer("l2", 0.5).fold_into([np.ones(2)], [np.array([1.0, -2.0])], 10)
        [array([1.1, 0.8])]
        >>> Regularizer("l1", 0.5).fold_into([np.ones(2)], [np.array([1.0, -2.0])], 10)
        [array([1., 1.])]
        """
        if self.kind != "l2" or self.lam == 0:
            return grads
        penalty = type(self).gradient.__wrapped__(self, weights, n)  # type: ignore[attr-defined]
        return [g + r for g, r in zip(grads, penalty)]

    def proximal_step(self, weights: list[Array], eta: float, n: int) -> None:
        """The L1 clipped step (:meth:`shrink`) on checked weights, in place; L2: none.

        The optimizer calls it after its own step (see
        :meth:`~ffnn_edu.nn.optimizers.GradientDescent.update`). Unchecked.

        Examples
        --------
        >>> w = np.array([0.3, -0.05])
        >>> Regularizer("l1", 1.0).proximal_step([w], eta=1.0, n=10); w
        array([ 0.2, -0. ])
        """
        if self.proximal:
            type(self).shrink.__wrapped__(self, weights, eta, n)  # type: ignore[attr-defined]


#: No penalty at all: the training loop's stand-in for ``regularizer=None``.
NO_PENALTY = Regularizer("l2", 0.0)


def as_penalty(value: Any, name: str) -> Regularizer:
    """Checker: a :class:`Regularizer`, or None (returned as :data:`NO_PENALTY`).

    Examples
    --------
    >>> as_penalty(None, "regularizer") is NO_PENALTY
    True
    >>> as_penalty("l2", "regularizer")
    Traceback (most recent call last):
    ...
    TypeError: regularizer must be a Regularizer or None, but it is 'l2' (str)
    """
    return (
        NO_PENALTY
        if value is None
        else instance_of(Regularizer, optional=True)(value, name)
    )
