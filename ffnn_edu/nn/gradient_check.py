r"""Finite differences: checking backpropagation without calculus.

Nudge one weight up by a small :math:`\varepsilon`, measure the error
:math:`E^+`; nudge it down, measure :math:`E^-`; then

.. math:: \frac{\partial E}{\partial w} \approx \frac{E^+ - E^-}{2\varepsilon}

(the *central* difference, whose error shrinks like :math:`\varepsilon^2`).
It needs two forward passes per weight, so it is far too slow to train with,
but it is the standard way to test a backpropagation implementation.

Two steps called ``eps``
------------------------
:func:`numerical_gradient`, the formula above as chapters 3 and 6 teach it, takes
``eps`` as the *absolute* step :math:`\varepsilon` added to every entry, whatever its
size. :func:`finite_differences` and :func:`gradient_check` take ``eps`` as the step
*relative to each weight*, :math:`h = \varepsilon \max(|w|, 1)` (:math:`|w|`
``eps``, at least ``eps``), so that a large weight's step is not lost to rounding.
Both default to 1e-5, the same step for weights up to 1 in size. Renaming either
would break the book's and the learners' calls of both, so the name stays and every
docstring and message that speaks of ``eps`` says which step it is ("the absolute
step added to each entry", "relative to each weight").

A verdict you can trust
-----------------------
A finite difference is itself only an estimate, with two errors of its own:

* **truncation**: the curve is not straight over the step; the central
  difference :math:`D(h)` is off by about :math:`\tfrac16 E'''(w)\, h^2`;
* **round-off**: :math:`E^+` and :math:`E^-` carry rounding errors of about
  :math:`\epsilon_\text{mach}` (:math:`\approx 2.2 \times 10^{-16}`) times the size of
  the *terms* :math:`E` is computed from, which the division by :math:`2h` magnifies.
  That size can be far above :math:`|E|`: a confident, correct output (logit 20, loss
  :math:`2 \times 10^{-9}`) has a logit summed from terms of size 20, and each of their
  rounding errors moves :math:`E` by :math:`|\partial E/\partial z|` times it.

:func:`gradient_check` therefore scales the step to each parameter,
:math:`h = \varepsilon \max(|w|, 1)`, computes :math:`D(h)` and
:math:`D(2h)`, and uses the two both ways: Richardson extrapolation
:math:`(4D(h) - D(2h))/3` cancels the :math:`h^2` term (the estimate it
reports), and :math:`|D(2h) - D(h)|/3`, the truncation error of
:math:`D(h)`, plus the round-off bound :math:`(16\,S + 2\,S_y)\,\epsilon_\text{mach}/h`
bound the error of that estimate, where :math:`S` is the size of the terms (at least
:math:`|E|`; :func:`term_size` for a network), rounded in sums that may be long, and
:math:`S_y` the size of the outputs a loss is computed from
(:func:`output_term_size`), each rounded only a few times in its activation, in no
long sum (a sweep of saturated networks measured at most
:math:`0.33\,\epsilon_\text{mach} S_y`; with the factor 16 on :math:`S_y` too, a 10%
slip in the gradient of a saturated squared-error output passed). Both sizes are taken
at each of the points the difference visits, the largest of them: where every output
equals its target (a stationary point) they are 0 at the point itself, since
:math:`\partial E/\partial y = 0` there, but not a step away, and the rounding of
:math:`E(w \pm h)` (an output of 0.5 rounded by :math:`5 \times 10^{-17}`, times
:math:`|y - t| \approx 10^{-6}`) made a right gradient of 0 DISAGREE. Backpropagation
*disagrees* where an entry lies beyond ten times that error bound and beyond the
relative tolerance. It *agrees* only on entries that the bound can judge: ten times
the bound must be under 0.8 % of the entry (the mean of :math:`|g|` and :math:`|d|`),
so that a slip of 1 % in a checked entry always DISAGREEs. An entry whose bound is a
larger share of it cannot be checked (a 10 % slip in the gradient of a saturated
squared-error output, where the error is flat to round-off, passed as "agree"), and
the report says how many there were; when no entry can be checked it says so, and
why, instead of a verdict. Nor can the check pass when an array went unchecked: more
than half of its entries that are not 0 (and not at a kink), every one of them in the
example that prompted this (a sign slip in the hidden biases' gradient beside weights
that agree printed "agree"), since a slip in it would not show; the report leads with
"cannot tell", the arrays and why, and the other arrays' agreement only follows. Half
or fewer unchecked entries leave the verdict as it was. A wrong gradient (a missing
factor, a wrong sign, a 1% slip in a checked entry) still DISAGREEs.

A sample of the entries
-----------------------
Every entry costs five evaluations of the error, so a network of thousands of weights
takes seconds. ``gradient_check(..., entries=30)`` compares a random sample of 30
entries of *each* parameter array (every entry of a smaller array), seeded, so the
same entries are drawn on every run. That is the advice of the CS231n course notes
(Karpathy, "Neural Networks Part 3", section "Gradient checks": check only a few
dimensions, but a few of every separate parameter, so that a small bias vector is
not left out of a sample of one long vector). A slip in backpropagation that changes
many entries (a wrong slope, a missing factor, a transposed matrix) shows in any such
sample; a slip in a single entry is found only by the full check, the default.

A kink (a ReLU at input 0, :math:`|w|` of an L1 penalty at 0) has no derivative to
check. At the point itself the one-sided slopes differ; within the step (a ReLU input
within about :math:`\varepsilon` of 0) the difference straddles the kink, so an entry
that disagrees is measured again with a step 16 times smaller, and if that one sees a
kink, or agrees while the two differences disagree with each other beyond both their
error bounds (which a smooth error cannot make them do), the entry is reported as near
a kink, not as a DISAGREE. A network of smooth activations (sigmoid, tanh, ...) with no
L1 penalty has no kink, and no entry of it is ever near one. A weight of
exactly 0 under an L1 penalty is a kink whatever the step.

Gradients too small to check
----------------------------
An entry :math:`g` of the gradient is *tiny* where a change of its parameter by its size
(at least 1) would move the error by less than :math:`10^{-12}` of itself,
:math:`|g| \max(|w|, 1) < 10^{-12} |E|`: its finite difference is lost in the rounding
of :math:`E` whatever the step, and no learning rate that trains the other weights moves
it. Beside an error above 1 per output and sample the test is relative to the error's
size: the share is taken as if the error were scaled to 1 per output and sample (times
:math:`\sqrt{e}` for an error of :math:`e` each), since a large error (targets 1e20
times too large) makes every gradient a small share of itself; those entries are told to
scale the targets, as below. The report names the arrays that hold tiny entries and why:
a factor of the gradient that is below :math:`10^{-4}` on every sample (the weight's
inputs; the unit's own slope, where its activations lie at the flat ends of a sigmoid or
tanh; the weights or slopes further up; the outputs' slope, or outputs that already sit
on their targets), or, where none is, the product of many layers (a vanishing gradient),
or terms that cancel (the error is flat in that direction). A gradient of exactly 0
because no error reaches a hidden unit from above is told from one whose unit is itself
saturated or dead: the report says where the error stops (a saturated layer above,
outputs on their targets or limits, an underflow on the way back).

When the error's own rounding, :math:`16\,\epsilon_\text{mach}|E|/h`, swamps the
entries of an array, the report names one cause, tried in this order:

1. the step: ``eps`` below the default, 1e-5, where the default's rounding (smaller
   by as much as the step is larger) would check them: take a larger ``eps``;
2. the error: above 1 per output and sample, more than targets and outputs in
   [0, 1] give (at most 0.5 of squared error): scale the targets, or the outputs,
   down (or, with a penalty, the weights or its rate);
3. the gradients: small beside an error of ordinary size, and why, as for tiny
   entries (a factor below 1e-4, or gradients that shrink layer by layer towards
   the input layer, a vanishing gradient), which no scaling of the targets mends.

Only the second advises scaling the targets; a reviewer's 0/1 targets (an error of
0.25) were told to, when the step was 1e-10:

>>> from ffnn_edu.nn.network import FeedForwardNetwork
>>> rng = np.random.default_rng(0)
>>> X, T = rng.normal(size=(4, 2)), rng.random((4, 1))
>>> net = FeedForwardNetwork((2, 3, 1), seed=0)
>>> report = gradient_check(net, X, T, eps=1e-10)
>>> report.unchecked_arrays()
['b1']
>>> "with this step: eps = 1e-10 (relative to each weight) is too small" in str(report)
True
>>> gradient_check(net, X, T).passed()
True
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .activations import ACTIVATIONS
from .losses import LOSSES, Loss
from .network import FeedForwardNetwork, ForwardPass, Gradients, parameters_finite
from .regularization import Regularizer
from .training import MAX_WORK, data_fit
from .validation import (
    Array,
    as_array,
    check_float_arrays,
    check_number,
    checked,
    counted,
    instance_of,
    optional_count,
    seed,
    shown,
)

_ROUND_OFF = 16 * np.finfo(np.float64).eps  # rounding of E, with room for long sums
# rounding of an output in its activation, relative to |y|: a few roundings, no sum (a
# sweep of saturated squared-error networks measured at most 0.33 eps of it)
_OUTPUT_ROUND_OFF = 2 * np.finfo(np.float64).eps
_SAFETY = 10.0  # how far the error estimate is trusted
# an entry is checked only where ten times its error bound is below this share of
# |g| + |d| (0.8 % of the entry, the mean of the two): then a checked entry with a slip
# of 1 % (|g - d| = 0.01 |d| > 0.004 (|g| + |d|)) always disagrees. Where the bound is a
# larger share, a slip of 10 % passed beside a saturated squared-error output.
_SHARE = 0.004
# an array is unchecked where more than this share of its compared entries that are
# not 0 (and not at a kink) could not be checked: a slip in it (a sign, a factor) would
# not show, so the check cannot pass whatever the other arrays say (a sign slip in b1,
# every entry of it within its error bound, printed "agree"). A few unchecked entries
# among many that agree leave the array checked.
_UNCHECKED_ARRAY = 0.5
# gradient_check's default relative step: a smaller one whose rounding swamps the
# gradients is named as the cause where the default's would not
_DEFAULT_EPS = 1e-5
# an error is large (the targets', or the outputs', scale the cause of its rounding)
# above this much per output and sample: targets and outputs in [0, 1] give at most
# 0.5 of squared error, and ln 2 = 0.69 of cross-entropy at an output of 0.5
_LARGE_ERROR = 1.0
# an entry whose difference disagrees is measured again with a step this many times
# smaller: a kink within the first step spoils the first estimate, not the second
_FINER = 16.0
# an agreement with a relative error this large says why it counts: the CS231n notes
# (Karpathy, "Neural Networks Part 3", "Gradient checks") call 1e-4 too high for a
# smooth error, and a 10 % slip printed "agree (largest relative error 0.048)"
_LOOSE = 1e-4
_LOOSE_AGREEMENT = (
    "the relative error is large for an agreement: it counts as one because every "
    "entry lies within ten times its finite-difference error (last column), which is "
    "large beside these gradients (from rounding or curvature); finite differences "
    "cannot check them more closely here, and a slip of that size would pass (try "
    "other inputs or weights)"
)
# below 2.2e-308 numbers are subnormal: their rounding error
# is absolute, up to this much
_UNDERFLOW = 16 * float(np.finfo(np.float64).smallest_subnormal)
# a gradient entry is tiny where changing its parameter by its size (at least 1) would
# change the error by less than this share of the error: finite differences cannot see
# it (their step is at most 0.01 of that size, and E rounds at 16 x 2.2e-16 of itself,
# so ten times their error bound is over 3.5e-12 of it), and no learning rate that
# trains the other weights moves it
_TINY = 1e-12
# a tiny gradient whose sum over the samples lost this share of the size of its terms
# (8 of its 16 digits) is 0 up to their cancellation, not made of small terms
_CANCEL = 1e-8
# from this many layers between a gradient and the outputs, tiny factors that no
# single layer holds are called a vanishing gradient (a product over many layers)
_DEEP = 4
# a factor of a tiny gradient (the inputs of a weight, a slope beside its largest, the
# weights that carry the error back) is named as a cause where it is below this on
# every sample: of three factors (an input, a slope, the outputs' slope) whose product
# is below 1e-12, one is below 1e-4
_TINY_FACTOR = 1e-4


def _check_difference_work(
    entries: int, evaluations: int, cost: int, what: str, way_out: str
) -> None:
    """Refuse finite differences above :data:`~ffnn_edu.nn.training.MAX_WORK` work.

    ``entries`` differenced x ``evaluations`` of the error each x ``cost`` of one
    evaluation (``what`` says what ``cost`` counts); the message names the count, the
    limit and ``way_out``.

    A unit costs no more here than in :func:`~ffnn_edu.nn.training.train`, so the one
    limit means about the same wall time in both (measured on the development machine,
    2 cores, under load, CPU seconds per unit): :func:`gradient_check` 1.5e-9 (100
    inputs, 100 hidden, 10 outputs, 1000 samples), 4.1e-10 (50-100-10, 100 samples),
    1.0e-9 (20-30-5, 200 samples), 6.7e-9 (100-100-10, one sample), against ``train``'s
    3.8e-9, 6.5e-10, 1.8e-9 and 1.1e-8 on the same networks and data (full batches);
    so a run at :data:`~ffnn_edu.nn.training.MAX_WORK` takes some 7 to 111 minutes
    here, against ``train``'s 11 to 175 (and 2 hours in minibatches of 10).
    """
    work = entries * evaluations * cost
    if work > MAX_WORK:
        raise ValueError(
            f"this would make {work} units of work ({entries} entries compared x "
            f"{evaluations} evaluations of the error x {what}), more than MAX_WORK = "
            f"{MAX_WORK} (hours of numpy); {way_out}"
        )


def _relative_step(value: Any, name: str) -> float:
    """Checker: the finite-difference step relative to a weight, from 1e-10 to 0.01."""
    what = f"{name}, the step relative to each weight (|w| {name}, at least {name}),"
    step = check_number(value, what, low=0.0, low_inclusive=False)
    if not 1e-10 <= step <= 1e-2:
        raise ValueError(
            f"{what} must lie between 1e-10 and 0.01, but it is {value}: larger steps "
            "measure the curvature of the error rather than its slope, smaller ones "
            "mostly rounding (the default 1e-5 balances the two)"
        )
    return step


def _tolerance(value: Any, name: str) -> float:
    """Checker: a relative error above 0 and at most 0.01."""
    tolerance = check_number(value, name, low=0.0, low_inclusive=False)
    if tolerance > 1e-2:
        raise ValueError(
            f"{name} must lie in (0, 0.01], but it is {value}: it is a relative error, "
            "and from 1/3 on even a gradient off by a factor of 2 passes (1e-7, the "
            "default, to 1e-4 are the useful values)"
        )
    return tolerance


def _float_arrays(params: Any, name: str) -> list[Array]:
    """Checker: a list of float arrays, which finite differences change and restore.

    An integer array would silently round every nudge away (``w[0] = 3 + 1e-5`` stores
    3), and a list cannot be changed in place by index tuples.
    """
    return check_float_arrays(
        params,
        name,
        "changed in place and restored; an integer array "
        "would round every small step away",
    )


def _check_float64(params: list[Array], names: list[str], remedy: str) -> None:
    """Refuse a parameter array that is not float64, by ``names``, with ``remedy``.

    The relative step, down to 1e-10 of an entry, and the rounding of the error that
    the bound allows for (about 2.2e-16 of it) are float64's: in float16 a step of
    1e-5 rounds away (the difference is 0 and the division fails), and its
    rounding, about 1e-3 of each entry, swamps every gradient.
    """
    for p, name in zip(params, names):
        if p.dtype != np.float64:
            raise ValueError(
                f"{name} must be float64 for finite differences, but its dtype is "
                f"{p.dtype}: a step of eps (relative to each weight, down to 1e-10) "
                f"is lost in its rounding, about {np.finfo(p.dtype).eps:.0e} of each "
                f"entry; {remedy}"
            )


def _check_steps_finite(
    params: list[Array],
    names: list[str],
    eps: float,
    masks: Sequence[NDArray[np.bool_]],
) -> None:
    r"""Refuse an entry that a finite-difference step would carry beyond float64.

    Each entry :math:`w` is evaluated at :math:`w \pm 2h`, :math:`h = \varepsilon
    \max(|w|, 1)`: within that of the largest float (about 1.8e308), the step itself
    overflows (numpy warned, and the error came out inf or nan). Only the entries
    ``masks`` marks are differenced, so only they count; named by ``names``.
    """
    for p, mask, name in zip(params, masks, names):
        with np.errstate(over="ignore", invalid="ignore"):  # the overflow looked for
            # the step of _one_entry, rounded as there
            h = (p + eps * np.maximum(np.abs(p), 1.0)) - p
            reach = np.stack([p + 2 * h, p - 2 * h])
        far = mask & ~np.isfinite(reach).all(axis=0)
        if far.any():
            at = tuple(int(k) for k in np.argwhere(far)[0])
            raise ValueError(
                f"{name} must stay a finite number a finite-difference step away, but "
                f"its entry at {at} is {p[at]:.6g}: a step of eps = {eps:g} relative "
                "to it (|w| eps, twice) overflows it beyond the largest float (about "
                "1.8e308); check the gradient at smaller weights"
            )


def entries_per_array(value: Any, name: str) -> int | None:
    """Checker: None (every entry), or how many entries of each array to compare."""
    if value is None:
        return None
    wanted = (
        "a whole number >= 1 (how many entries of each parameter array to compare) "
        "or None (every entry)"
    )
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{name} must be {wanted}, but it is {value!r} ({type(value).__name__})"
        )
    if value < 1:
        raise ValueError(f"{name} must be {wanted}, but it is {shown(int(value))}")
    return int(value)


@checked(params=_float_arrays, entries=entries_per_array, seed=seed)
def sample_entries(
    params: Sequence[Array], entries: int | None = None, seed: int | None = 0
) -> list[NDArray[np.bool_]]:
    """For each array of ``params``, a mask of the entries a gradient check compares.

    ``entries`` entries of each array, drawn at random without repetition (all of an
    array that has no more than ``entries``); ``entries=None`` takes every entry. One
    generator seeded with ``seed`` draws for the arrays in turn, so the same seed gives
    the same sample (None: a fresh one each time).

    Raises
    ------
    TypeError, ValueError
        For ``params`` that are not float arrays, ``entries`` that is not a whole
        number >= 1 or None, or a bad ``seed``; the message names the argument.

    Examples
    --------
    >>> masks = sample_entries([np.zeros((64, 10)), np.zeros(10)], entries=30)
    >>> [int(m.sum()) for m in masks]
    [30, 10]
    """
    rng = np.random.default_rng(seed)
    masks = []
    for p in params:
        mask = np.ones(p.shape, dtype=bool)
        if entries is not None and p.size > entries:
            mask = np.zeros(p.shape, dtype=bool)
            mask.flat[rng.choice(p.size, size=entries, replace=False)] = True
        masks.append(mask)
    return masks


def _error_function(value: Any, name: str) -> Callable[[], float]:
    """Checker: something to call with no arguments."""
    if not callable(value):
        raise TypeError(
            f"{name} must be a function of no arguments that returns the error, "
            f"but it is {value!r} ({type(value).__name__})"
        )
    return value


def _evaluate_error(error: Callable[[], float]) -> float:
    """``error()`` as a finite float, or a ValueError/TypeError saying what it gave."""
    value = error()
    try:
        if isinstance(value, (str, bytes, bool, np.bool_)) or np.ndim(value) != 0:
            raise TypeError
        number = float(value)
    except OverflowError:  # a Python int or Fraction beyond float64
        raise ValueError(
            "error must return a number within float64's range (magnitudes up to "
            f"about 1.8e308), but it returned {shown(value)}"
        ) from None
    except (TypeError, ValueError):
        raise TypeError(
            f"error must return one number (the error), but it returned "
            f"{value!r} ({type(value).__name__})"
        ) from None
    if not np.isfinite(number):
        raise ValueError(
            f"error must return a finite number, but it returned {number} "
            f"(is the step too large, or the error undefined here?)"
        )
    return number


def _step_overflows(
    value: float,
    loss: Loss,
    regularizer: Regularizer | None,
    at_point: float,
    eps: float,
) -> None:
    """Refuse an error that a finite-difference step took beyond the largest float.

    :func:`gradient_check`'s error is finite at the network's weights (backprop
    computed it); the message names that error, its size and the step.
    """
    error = loss.said + (" plus the penalty" if regularizer else "")
    raise ValueError(
        f"{error} on X and T must stay a finite number a finite-difference step from "
        f"the network's weights, but it is {at_point:.3g} at them, so near the "
        f"largest float (about 1.8e308) that a step of eps = {eps:g} relative to "
        f"each weight (|w| eps, at least eps) made it {value}; scale X and T (or use "
        "smaller weights) so the loss is of ordinary size"
    )


def _absolute_step(value: Any, name: str) -> float:
    """Checker: the step of :func:`numerical_gradient`, between 1e-15 and 1."""
    what = f"{name}, the absolute step added to each entry,"
    step = check_number(value, what, low=0.0, low_inclusive=False)
    if not 1e-15 <= step <= 1.0:
        raise ValueError(
            f"{what} must lie between 1e-15 and 1, but it is {value}: larger steps "
            "measure the curvature of the error rather than its slope, smaller ones "
            "only rounding (1e-5 to 1e-7 suit entries of size about 1)"
        )
    return step


def numerical_gradient(
    error: Callable[[], float], params: Sequence[Array], eps: float = 1e-5
) -> list[Array]:
    r"""Central differences: the gradient of ``error()`` for every entry of ``params``.

    Each entry is changed in place, ``error()`` is re-evaluated, and the entry
    is restored exactly.

    Parameters
    ----------
    error : callable
        Computes the error from the current values of ``params``.
    params : list of ndarray
        Float arrays to differentiate with respect to (modified and restored).
    eps : float
        The absolute step :math:`\varepsilon` added to (and taken from) each entry,
        the same for every entry whatever its size, between 1e-15 and 1; not
        :func:`gradient_check`'s ``eps``, which is relative to each weight.

    Raises
    ------
    TypeError
        If ``error`` is not callable or does not return a number, or
        ``params`` is not a list of float arrays.
    ValueError
        For a step outside [1e-15, 1], a step lost to rounding (an entry so
        large that ``w + eps == w``), an error that is not finite, or more work
        than :data:`~ffnn_edu.nn.training.MAX_WORK`: the entries x 2 evaluations x
        the entries each evaluation reads.

    Examples
    --------
    >>> w = np.array([3.0])
    >>> numerical_gradient(lambda: float(w[0] ** 2), [w])[0].round(6)
    array([6.])
    >>> numerical_gradient(lambda: float(w[0] ** 2), [np.array([3])])
    Traceback (most recent call last):
    ...
    TypeError: params must be a list of float numpy arrays (changed in place and
    restored; an integer array would round every small step away), but entry 0 is an
    array of dtype int64; convert it with np.asarray(..., dtype=float)
    """
    error = _error_function(error, "error")
    params = _float_arrays(params, "params")
    eps = _absolute_step(eps, "eps")
    size = sum(p.size for p in params)
    _check_difference_work(
        size,
        2,
        size,
        f"{size} entries read by each evaluation",
        "difference fewer or smaller arrays, or a sample of them with "
        "finite_differences(error, params, only=sample_entries(params, entries=30))",
    )
    grads = []
    for p in params:
        g = np.zeros_like(p)
        for i in np.ndindex(p.shape):
            saved = p[i]
            if saved + eps == saved or saved - eps == saved:
                raise ValueError(
                    "eps, the absolute step added to each entry, must be large "
                    f"enough to change every entry, but {saved!r} + {eps:g} rounds "
                    f"back to {saved!r}"
                )
            try:
                p[i] = saved + eps
                e_plus = _evaluate_error(error)
                p[i] = saved - eps
                e_minus = _evaluate_error(error)
            finally:
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
    >>> round(relative_error([1e200], [2e200]), 4)
    0.3333

    Raises
    ------
    TypeError, ValueError
        For something that is not an array of finite numbers, or two
        different shapes.
    """
    a, b = as_array(a, "a", allow_empty=True), as_array(b, "b", allow_empty=True)
    if a.shape != b.shape:
        raise ValueError(
            f"a and b must have the same shape, but they have {a.shape} and {b.shape}"
        )
    largest = max(float(np.abs(a).max(initial=0.0)), float(np.abs(b).max(initial=0.0)))
    if largest == 0:
        return 0.0
    a, b = a / largest, b / largest  # the ratio is the same; the norms cannot overflow
    return float(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)))


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
    kinks : list of ndarray
        True where the error is not differentiable: the one-sided slopes
        :math:`(E(w+h) - E(w))/h` and :math:`(E(w) - E(w-h))/h` differ by a jump
        that does not shrink with the step (as at a ReLU's kink), so no
        derivative exists there to compare with.
    """

    gradient: list[Array]
    error: list[Array]
    steps: list[Array]
    kinks: list[NDArray[np.bool_]]


def finite_differences(
    error: Callable[[], float],
    params: Sequence[Array],
    eps: float = 1e-5,
    *,
    term_size: float = 0.0,
    output_size: float = 0.0,
    only: Sequence[NDArray[np.bool_]] | None = None,
) -> FiniteDifferences:
    r"""Derivatives of ``error()`` by finite differences, with an error estimate each.

    Each entry :math:`w` of ``params`` gets its own step :math:`h = \varepsilon
    \max(|w|, 1)` (rounded so that :math:`w + h - w` is exactly :math:`h`), and

    .. math::
        D(h) = \frac{E(w + h) - E(w - h)}{2h}, \qquad
        \text{estimate} = \frac{4 D(h) - D(2h)}{3}, \qquad
        \text{error} \approx \frac{|D(2h) - D(h)|}{3}
            + \frac{(16\,S + 2\,S_y)\,\epsilon_\text{mach}}{h},

    where :math:`S`, the size of the terms :math:`E` is computed from, is the larger of
    ``term_size`` and the largest :math:`|E|` met, and :math:`S_y` is ``output_size``.
    Where :math:`E` underflows into the
    subnormal numbers (below :math:`2.2 \times 10^{-308}`), whose rounding error is
    absolute, :math:`16 \times 4.9 \times 10^{-324}` is added to
    :math:`(16\,S + 2\,S_y)\,\epsilon_\text{mach}`.

    Parameters
    ----------
    error : callable
        Computes the error from the current values of ``params``.
    params : list of ndarray
        Float64 arrays to differentiate with respect to (modified and restored
        exactly); the same errors as :func:`numerical_gradient` for bad ones, and a
        ValueError for another float type (a step in float16 rounds away).
    eps : float
        The step relative to each weight, :math:`\varepsilon` in
        :math:`h = \varepsilon \max(|w|, 1)`, between 1e-10 and 0.01; not
        :func:`numerical_gradient`'s absolute step.
    term_size : float, optional
        The size of the terms the error is summed from, when it is larger than the error
        itself (the rounding errors of :math:`E` are relative to it, not to
        :math:`|E|`), one size for every point. :func:`gradient_check` takes
        :func:`term_size` anew at each point it evaluates, since near a stationary
        point it grows with the step. Default 0: :math:`|E|` alone.
    output_size : float, optional
        The size of the outputs the error is computed from, each rounded relative to
        itself a few times in its activation, not in a long sum (hence 2, not 16, units
        of :math:`\epsilon_\text{mach}`); :func:`gradient_check` takes
        :func:`output_term_size` at each point. Default 0.
    only : list of boolean ndarray, optional
        For each array of ``params``, True at the entries to difference (see
        :func:`sample_entries`); the others are not evaluated and stay 0 in every
        result. Default: every entry.

    Examples
    --------
    >>> w = np.array([3.0])
    >>> fd = finite_differences(lambda: float(np.exp(w[0])), [w])
    >>> bool(abs(fd.gradient[0][0] - np.exp(3.0)) < fd.error[0][0] < 1e-8)
    True
    """
    error = _error_function(error, "error")
    params = _float_arrays(params, "params")
    _check_float64(
        params,
        [f"params[{k}]" for k in range(len(params))],
        "convert it with .astype(float) before error() is defined, so that error() "
        "reads the converted array",
    )
    eps = _relative_step(eps, "eps")
    masks = _masks(only, params)
    _check_steps_finite(
        params, [f"params[{k}]" for k in range(len(params))], eps, masks
    )
    size = sum(p.size for p in params)
    _check_difference_work(
        int(sum(m.sum() for m in masks)),
        5,
        size,
        f"{size} entries read by each evaluation",
        "difference a sample with only=sample_entries(params, entries=30)",
    )
    return _differences(
        lambda: (_evaluate_error(error), term_size, output_size), params, eps, masks
    )


#: The error at the current parameters, with the sizes of the terms and of the outputs
#: it is computed from there (term_size, output_size), which bound its rounding.
Evaluation = Callable[[], tuple[float, float, float]]


def _differences(
    evaluate: Evaluation,
    params: list[Array],
    eps: float,
    masks: Sequence[NDArray[np.bool_]],
) -> FiniteDifferences:
    """The body of :func:`finite_differences`, on checked arguments.

    ``evaluate()`` gives the error with the sizes of its terms and outputs at each
    point (see :func:`_one_entry`).
    """
    gradients, errors, steps, kinks = [], [], [], []
    for p, mask in zip(params, masks):
        g, err, hs = np.zeros_like(p), np.zeros_like(p), np.zeros_like(p)
        kink = np.zeros(p.shape, dtype=bool)
        for i in np.ndindex(p.shape):
            if not mask[i]:
                continue
            g[i], err[i], hs[i], kink[i] = _one_entry(evaluate, p, i, eps)
        gradients.append(g)
        errors.append(err)
        steps.append(hs)
        kinks.append(kink)
    return FiniteDifferences(gradients, errors, steps, kinks)


def _masks(
    only: Sequence[NDArray[np.bool_]] | None, params: list[Array]
) -> list[NDArray[np.bool_]]:
    """``only`` checked: a boolean array per array of ``params``; None: all True."""
    if only is None:
        return [np.ones(p.shape, dtype=bool) for p in params]
    masks = list(only) if isinstance(only, (list, tuple)) else None
    if (
        masks is None
        or len(masks) != len(params)
        or not all(
            isinstance(m, np.ndarray) and m.dtype == bool and m.shape == p.shape
            for m, p in zip(masks, params)
        )
    ):
        raise TypeError(
            "only must be a list of boolean arrays, one of the shape of each array "
            f"of params ({[p.shape for p in params]}), as sample_entries returns"
        )
    return masks


def _one_entry(
    evaluate: Evaluation,
    p: Array,
    i: tuple[int, ...],
    eps: float,
) -> tuple[float, float, float, bool]:
    r"""Estimate, error bound, step and kink flag of entry ``i`` of ``p``.

    The body of :func:`finite_differences` for one entry (checked arguments).
    ``evaluate()`` gives the error and the sizes of its terms and outputs at each of
    the five points, and the bound takes the largest of each: the rounding of
    :math:`E(w \pm h)` is relative to the sizes *there*. At a point where every
    output equals its target, :math:`\partial E/\partial y = 0` and the sizes are
    0, but a step away they are not: an output of 0.5 rounded by 5e-17 moved a
    squared error by :math:`|y - t|` (about :math:`10^{-6}`) times it, and the
    difference, 6e-18, was 20 times the bound taken at the point alone.
    """
    saved = p[i]
    # exactly representable
    h = float((saved + eps * max(float(abs(saved)), 1.0)) - saved)
    points = []
    try:
        for step in (h, -h, 2 * h, -2 * h, 0.0):
            p[i] = saved + step
            points.append(evaluate())
    finally:
        p[i] = saved
    values = [value for value, _, _ in points]
    d1 = (values[0] - values[1]) / (2 * h)
    d2 = (values[2] - values[3]) / (4 * h)
    noise = (
        _ROUND_OFF * max(*(terms for _, terms, _ in points), *(abs(v) for v in values))
        + _OUTPUT_ROUND_OFF * max(outputs for _, _, outputs in points)
        + _UNDERFLOW
    ) / h
    return (
        (4 * d1 - d2) / 3,
        abs(d2 - d1) / 3 + noise,
        h,
        one_sided_slopes_jump(values, h, noise),
    )


def one_sided_slopes_jump(values: list[float], h: float, noise: float) -> bool:
    r"""Whether the slopes left and right of :math:`w` differ by a jump (a kink).

    ``values`` are :math:`E(w+h), E(w-h), E(w+2h), E(w-2h), E(w)`. The
    difference of the one-sided slopes, :math:`J(h) = (E(w+h) - 2E(w) +
    E(w-h))/h`, is about :math:`h E''(w)` where :math:`E` is smooth, so it
    doubles with the step; at a kink it is the jump in slope, whatever the
    step. A kink: :math:`J(h)` is above the rounding noise and
    :math:`J(2h)` is far from :math:`2 J(h)`.

    Parameters
    ----------
    values : list of 5 float
        :math:`E(w+h), E(w-h), E(w+2h), E(w-2h), E(w)`.
    h : float
        The step, > 0.
    noise : float
        The rounding noise of one value of :math:`E`.

    Examples
    --------
    >>> one_sided_slopes_jump([1.0, 1.0, 2.0, 2.0, 0.0], 1.0, 0.0)   # |w| at 0: a kink
    True
    >>> one_sided_slopes_jump([1.0, 1.0, 4.0, 4.0, 0.0], 1.0, 0.0)   # w**2: smooth
    False
    """
    plus, minus, plus2, minus2, centre = values
    jump = (plus - 2 * centre + minus) / h
    jump2 = (plus2 - 2 * centre + minus2) / (2 * h)
    return bool(
        abs(jump) > _SAFETY * 4 * noise and abs(jump2 - 2 * jump) > 0.5 * abs(jump)
    )


@dataclass
class GradientCheckReport:
    r"""Backpropagation's gradients beside finite differences, parameter by parameter.

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
        :func:`relative_error` of the two gradients, for each parameter array
        (leaving out the entries where the error is not differentiable), as the
        report was made (inf where an entry is not finite); an edit to the arrays
        does not change them, but every method and the printed report, and
        :attr:`max_relative_error`, compute from the arrays as they are.
    kinks : list of ndarray, optional
        True where the error is not differentiable (see
        :class:`FiniteDifferences`); such entries cannot be checked.
    near_kinks : list of ndarray, optional
        True where an entry of ``kinks`` lies not at the point but within the step
        of a kink (a ReLU input within about ``eps`` of 0, a weight within ``eps`` of
        0 under the L1 penalty): the difference straddles the kink, so it is not a
        derivative (it disagrees with backpropagation while a step 16 times smaller
        agrees, or the weight is closer to 0 than the step).
    penalty_kinks : list of ndarray, optional
        True where an entry of ``kinks`` is a weight of exactly 0 under an L1
        penalty, whose :math:`|w|` has its kink there whatever the step.
    silent_outputs : tuple of int, optional
        ``(silent, outputs)``: of the ``outputs`` error signals
        :math:`\partial E/\partial z` of the output layer (one per sample and
        output), how many are exactly 0 (the output rounded to exactly its target,
        or to its limit where its slope is 0). When all are, nothing flows back and
        every gradient is 0 because the output saturated, not because of a unit
        or an input.
    dead_ends : int, optional
        How many hidden units have outgoing weights that are all 0 (as from an
        all-zero start): no error flows back to them, so their incoming gradients
        are 0.
    saturated : tuple of int, optional
        ``(units, entries)``: how many hidden units are saturated (a bounded
        activation such as tanh or the sigmoid whose slope is exactly 0 on every
        sample, its input being so large), and how many of the compared entries
        are their incoming weights and biases, which are 0 in both gradients since
        no error flows back through a unit without slope.
    sampled : list of ndarray, optional
        True at the entries that were compared (see :func:`sample_entries`); the
        others were not differenced, hold 0 in ``numerical`` and ``fd_errors``, and
        count nowhere. None (the default): every entry was compared.
    underflowed : int, optional
        How many of the compared entries are 0 in both gradients because their terms
        underflowed: an input or activation times an error signal, both non-zero,
        below the smallest normal number (2.2e-308), so each rounds to 0.
    zeroed : tuple of (int, float), optional
        ``(entries, largest)``: how many of the compared entries are 0 in both
        gradients although the true gradient there is not 0 (the check's own sum
        of inputs or activations times error signals is not 0, and at most
        ``largest``): too small for finite differences to see, and set to 0 by
        backpropagation itself, not by underflow.
    rounded_outputs, subnormal : list of ndarray, optional
        True where most of an entry's finite-difference error bound is the rounding
        of the outputs (a saturated output under a loss computed from it, where the
        error is flat to round-off), or the absolute rounding of an error that
        underflowed into the subnormal numbers: the report names that cause when
        nothing could be checked.
    relative_sizes : list of ndarray, optional
        :math:`|g|\,\max(|w|, 1) / |E|` for each entry of backpropagation's gradient
        :math:`g`: the share of the error :math:`E` that a change of the parameter
        :math:`w` by its size (at least 1) moves. An entry that is not 0, not
        checkable and below 1e-12 is *tiny*: finite differences cannot see it, and
        training does not move it; the report names those entries by array. Beside
        an error above 1 per output and sample, the share is first taken as if the
        error were 1 each (``_shares_of_ordinary_error``): an entry small only
        beside a large error is not tiny, and the report names the error's size.
    tiny_causes : list of str, optional
        For each parameter array, why its tiny entries are tiny ('' where it has
        none): which factor of the gradient is below 1e-4 on every sample (the
        inputs, the unit's own slope, the weights or slopes further up, the outputs'
        slope) and where, with the share of saturated activations.
    silenced : tuple of (int, str), optional
        ``(entries, why)``: how many of the compared entries are 0 in both
        gradients because no error reaches their hidden unit from above although its
        own slope is not 0 (it is neither saturated nor dead), and why nothing
        arrives (the outputs or a layer above saturated, or the error underflowed on
        its way back).
    at_targets : int, optional
        How many of the outputs (one per sample and output) equal their targets
        exactly where the output activation is not flat (not saturated). When all of
        them do and no penalty acts (see ``penalty``), the loss is at its minimum, a
        stationary point: its true gradient is 0, and finite differences there
        measure only rounding; the report says so.
    penalty : str, optional
        What a penalty adds at this point, beyond the data term: ``""`` nothing (no
        penalty, a strength of 0, or an L2 penalty on weights all 0), ``"gradient"``
        a gradient that is not 0 (a penalised weight is not 0), ``"kink"`` an L1
        penalty's kink at every weight (all 0). With either, outputs all at their
        targets make the data term's gradient 0, not the loss's: no stationary point.
    penalty_gradients : list of ndarray, optional
        The penalty's gradient that :func:`gradient_check` added to backpropagation's
        (0 for the biases), one array per parameter array. An entry is checked by
        its data term, :math:`g - p` beside :math:`d - p`: where that is 0 within its
        finite-difference error (every output at its target, or a dead unit's
        weights), only the penalty's gradient, which the check adds itself, was
        compared, and nothing of backpropagation (see :meth:`penalty_only`).
    rounded_error : list of ndarray, optional
        True where most of an entry's finite-difference error bound is the rounding
        of the error :math:`E` itself, :math:`16\,\epsilon_\text{mach} |E| / h`: the
        report names the error's size as the cause when nothing could be checked.
    error : float, optional
        :math:`E` at the point (with the penalty, if there is one).
    eps : float, optional
        The relative step the differences took (None: unknown): where it is below
        the default, 1e-5, and the error's rounding over it swamps entries that the
        default step would check, the report names the step as the cause.
    small_causes : list of str, optional
        For each parameter array, why its unchecked entries whose bound is mostly the
        error's rounding are small beside an error that is not large ('' where it has
        none), as ``tiny_causes`` (a factor below 1e-4, or a vanishing gradient).
    changed_by_backprop : list of str, optional
        The names of the parameter arrays that ``backprop`` itself changed (it
        updated the weights as a side effect); :func:`gradient_check` restored them
        before comparing. The report leads with this cause and does not pass: a
        gradient must leave the network as it found it.
    cancelled_errors : tuple of (int, str), optional
        ``(entries, why)``: how many compared entries are 0 in both gradients because
        the output error cancels over the samples, and why it does, measured ('' when
        it does not): every sample gives the same output, and the error signals
        :math:`\delta^{(L)}_n`, not 0, sum to 0 within :math:`10^{-8}` of their sizes
        (targets that balance around that output). A bias's gradient is this sum
        times factors the same on every sample (the slopes on its way, where they do
        not vary): 0 up to rounding. The report names this cause for those zeros and
        for the bias entries whose terms cancel, instead of guessing one.
    step_units : int, optional
        How many hidden units have the step activation, whose slope is exactly 0
        everywhere: no error flows back through them, so their incoming weights and
        bias get none, and backpropagation cannot train them. The zeros line names
        them, not "a unit that never responds".
    """

    names: list[str]
    backprop: list[Array]
    numerical: list[Array]
    fd_errors: list[Array]
    relative_errors: list[float]
    kinks: list[NDArray[np.bool_]] | None = None
    silent_outputs: tuple[int, int] = (0, 0)
    sampled: list[NDArray[np.bool_]] | None = None
    near_kinks: list[NDArray[np.bool_]] | None = None
    penalty_kinks: list[NDArray[np.bool_]] | None = None
    dead_ends: int = 0
    saturated: tuple[int, int] = (0, 0)
    underflowed: int = 0
    zeroed: tuple[int, float] = (0, 0.0)
    rounded_outputs: list[NDArray[np.bool_]] | None = None
    subnormal: list[NDArray[np.bool_]] | None = None
    relative_sizes: list[Array] | None = None
    tiny_causes: list[str] | None = None
    silenced: tuple[int, str] = (0, "")
    at_targets: int = 0
    penalty: str = ""
    penalty_gradients: list[Array] | None = None
    rounded_error: list[NDArray[np.bool_]] | None = None
    error: float = 0.0
    eps: float | None = None
    small_causes: list[str] | None = None
    changed_by_backprop: list[str] | None = None
    cancelled_errors: tuple[int, str] = (0, "")
    step_units: int = 0

    def __post_init__(self) -> None:
        """Refuse a report of nothing: with no entry, a verdict would be vacuous."""
        if not any(np.size(g) for g in self.backprop):
            raise ValueError(
                "backprop must hold at least one gradient entry to check, but it "
                f"has none ({counted(len(self.backprop), 'array')}, "
                f"{'empty' if len(self.backprop) == 1 else 'all empty'}): a check of "
                "nothing cannot pass"
            )

    @property
    def max_relative_error(self) -> float:
        """The worst relative error over all parameters, from the arrays as they are.

        Over the compared entries that are not at a kink, computed afresh (an edit to
        ``backprop`` or ``numerical`` shows here; ``relative_errors`` keeps the values
        the report was made with); inf where an entry of either gradient is not
        finite, a disagreement beyond any tolerance.

        Raises
        ------
        ValueError
            When no entry could be checked (the report says "nothing could be
            checked", and :meth:`passed` is False): the number would measure only
            rounding and curvature, and read as a verdict (review 21).

        Examples
        --------
        >>> g, d, e = np.array([1.0, 2.0]), np.array([1.0, 2.0]), np.full(2, 1e-12)
        >>> GradientCheckReport(["W0"], [g], [d], [e], [0.0]).max_relative_error
        0.0
        >>> loose = GradientCheckReport(["W0"], [g], [d * 1.1], [e * 1e12], [0.0])
        >>> loose.max_relative_error
        Traceback (most recent call last):
        ...
        ValueError: max_relative_error has no value: nothing could be checked (none of
        the 2 entries is large enough beside its finite-difference error to compare; see
        print(report) for why)
        """
        if self.not_finite():
            return float("inf")
        self._refuse_nothing_checked("max_relative_error")
        return max(
            relative_error(np.where(k, 0.0, g), np.where(k, 0.0, d))
            for g, d, k in zip(
                self._compared_backprop(), self._numerical(), self._kinks()
            )
        )

    def _kinks(self) -> list[NDArray[np.bool_]]:
        if self.kinks is None:
            return [np.zeros(g.shape, dtype=bool) for g in self.backprop]
        return self.kinks

    def _sampled(self) -> list[NDArray[np.bool_]]:
        if self.sampled is None:
            return [np.ones(g.shape, dtype=bool) for g in self.backprop]
        return self.sampled

    def _not_finite(self) -> list[NDArray[np.bool_]]:
        """Where an entry of either gradient, or its error bound, is not a number.

        NaN, inf or -inf in backpropagation's gradient (compared or not), or in the
        finite difference or its error bound at a compared entry: each is a
        disagreement (see :meth:`mismatches`), and every other count and the table
        read such an entry as 0, so that no comparison with NaN (always False) and
        no inf - inf hides it or turns the rest into NaN.
        """
        return [
            ~np.isfinite(g) | (s & ~(np.isfinite(d) & np.isfinite(e)))
            for g, d, e, s in zip(
                self.backprop, self.numerical, self.fd_errors, self._sampled()
            )
        ]

    def _finite(self, arrays: list[Array]) -> list[Array]:
        """``arrays``, 0 where an entry is not finite or was not compared."""
        return [
            np.where(s & ~n, a, 0.0)
            for a, s, n in zip(arrays, self._sampled(), self._not_finite())
        ]

    def _numerical(self) -> list[Array]:
        """The finite differences, 0 where an entry is not finite (see _not_finite)."""
        return self._finite(self.numerical)

    def _fd_errors(self) -> list[Array]:
        """The differences' error bounds, 0 where an entry is not finite."""
        return self._finite(self.fd_errors)

    def _compared_backprop(self) -> list[Array]:
        """Backpropagation's gradients, 0 where no finite difference was taken.

        And 0 where an entry is not finite (see :meth:`_not_finite`).
        """
        return self._finite(self.backprop)

    def not_finite(self) -> int:
        """How many entries are NaN, inf or -inf in either gradient (see mismatches)."""
        return int(sum(n.sum() for n in self._not_finite()))

    def _not_finite_text(self) -> str:
        """Which entries are not finite, and in what: the first one of each array.

        ``"backprop's dW0 contains nan at (0, 0)"``, with the count of the others
        in that array, one clause per array and gradient.
        """
        parts = []
        for name, g, d, e, s in zip(
            self.names, self.backprop, self.numerical, self.fd_errors, self._sampled()
        ):
            for whose, values in (
                ("backprop's", g),
                ("the finite differences'", np.where(s, d, 0.0)),
                ("the finite-difference error bounds'", np.where(s, e, 0.0)),
            ):
                bad = ~np.isfinite(values)
                if bad.any():
                    parts.append(
                        f"{whose} d{name} contains " + _first_not_finite(values, bad)
                    )
        return "; ".join(parts)

    def _penalty_parts(self) -> list[Array]:
        """The penalty's gradient at the compared entries, 0 elsewhere."""
        if self.penalty_gradients is None:
            return [np.zeros(g.shape) for g in self.backprop]
        return [
            np.where(s, p, 0.0) for p, s in zip(self.penalty_gradients, self._sampled())
        ]

    def _data_sizes(self) -> list[Array]:
        r""":math:`|g - p| + |d - p|`: the data term's size in both gradients."""
        return [
            np.abs(g - p) + np.abs(d - p)
            for g, d, p in zip(
                self._compared_backprop(), self._numerical(), self._penalty_parts()
            )
        ]

    def _penalty_only_entries(self) -> list[NDArray[np.bool_]]:
        """Where the compared value is the penalty's gradient alone (penalty_only)."""
        return [
            (p != 0)
            & (z <= _SAFETY * e)
            & (np.abs(g) + np.abs(d) > _SAFETY * e)
            & ~j
            & ~k
            for g, d, e, p, z, j, k in zip(
                self._compared_backprop(),
                self._numerical(),
                self._fd_errors(),
                self._penalty_parts(),
                self._data_sizes(),
                self._judged(),
                self._kinks(),
            )
        ]

    def penalty_only(self) -> int:
        r"""How many entries compare only the penalty's gradient, not backpropagation.

        Entries where the penalty's gradient :math:`p` is not 0 but the data term's,
        :math:`g - p` and :math:`d - p`, is 0 within ten times the finite-difference
        error (outputs at their targets, a dead unit's weights): the check adds
        :math:`p` itself, so their agreement says nothing of backpropagation, and
        they are not checked. A wrong backpropagation at outputs on their targets
        under an L2 penalty passed as "agree" when they counted.
        """
        return int(sum(f.sum() for f in self._penalty_only_entries()))

    def total(self) -> int:
        """How many entries the gradient has (compared or not)."""
        return int(sum(g.size for g in self.backprop))

    def compared(self) -> int:
        """How many entries were compared: all of them, or the sample's."""
        return int(sum(s.sum() for s in self._sampled()))

    @checked(tolerance=_tolerance)
    def mismatches(self, tolerance: float = 1e-7) -> list[NDArray[np.bool_]]:
        r"""For each parameter, a boolean array: where the two gradients disagree.

        An entry disagrees when :math:`|g - d|` exceeds both ten times the
        finite-difference error estimate and ``tolerance`` times :math:`|g| + |d|`
        (a relative error, at most 0.01), unless the error is not differentiable there.
        An entry that is NaN, inf or -inf in either gradient (or in its error bound)
        disagrees, kink or not: no comparison with NaN is ever True, and inf > inf is
        not, so a NaN that backprop returned, or an edit that put one there, passed.

        >>> net = FeedForwardNetwork((2, 1), seed=0)
        >>> report = gradient_check(net, [[1.0, 2.0]], [[0.5]])
        >>> report.backprop[0][1, 0] = np.nan
        >>> [m.tolist() for m in report.mismatches()], report.passed()
        ([[[False], [True]], [False]], False)
        >>> print(report)  # doctest: +NORMALIZE_WHITESPACE
        parameter     shape  relative error  finite-difference error
               W0    (2, 1)    not a number                  < 1e-09
               b1      (1,)         < 1e-12                  < 1e-09
        backpropagation and finite differences DISAGREE:
        backprop's dW0 contains nan at (1, 0)
        """
        return [
            (
                np.abs(g - d)
                > np.maximum(_SAFETY * e, tolerance * (np.abs(g) + np.abs(d)))
            )
            & ~k
            | n
            for g, d, e, k, n in zip(
                self._compared_backprop(),
                self._numerical(),
                self._fd_errors(),
                self._kinks(),
                self._not_finite(),
            )
        ]

    def unresolved(self) -> int:
        r"""How many non-zero entries are within their difference error (uncheckable).

        Within ten times it: :math:`|g| + |d| \le 10 e`. See :meth:`loose` for the
        entries above it that still cannot be checked.
        """
        return int(
            sum(
                (((np.abs(g) + np.abs(d)) <= _SAFETY * e) & ((g != 0) | (d != 0))).sum()
                for g, d, e in zip(
                    self._compared_backprop(), self._numerical(), self._fd_errors()
                )
            )
        )

    def loose(self) -> int:
        r"""How many entries lie above their difference error, but not far enough.

        :math:`|g| + |d|` is above ten times the error bound :math:`e`, but ten
        times :math:`e` is 0.4 % of :math:`|g| + |d|` or more, and the two gradients
        lie within it: a 1 % slip could hide in the bound, so the entry is unchecked.
        """
        return int(
            sum(
                (((np.abs(g) + np.abs(d)) > _SAFETY * e) & ~j & ~k & ~o).sum()
                for g, d, e, j, k, o in zip(
                    self._compared_backprop(),
                    self._numerical(),
                    self._fd_errors(),
                    self._judged(),
                    self._kinks(),
                    self._penalty_only_entries(),
                )
            )
        )

    def zeros(self) -> int:
        """How many compared entries are 0 in both gradients (nothing to compare)."""
        return int(
            sum(
                ((g == 0) & (d == 0) & s & ~n).sum()
                for g, d, s, n in zip(
                    self.backprop, self.numerical, self._sampled(), self._not_finite()
                )
            )
        )

    def _tiny_entries(self) -> list[NDArray[np.bool_]]:
        """Where an entry is tiny: not 0, not checkable, below 1e-12 of the error.

        See ``relative_sizes``; none without them.
        """
        if self.relative_sizes is None:
            return [np.zeros(g.shape, dtype=bool) for g in self.backprop]
        shares = _shares_of_ordinary_error(
            self.relative_sizes, self.error, self.silent_outputs[1]
        )
        return [
            (z < _TINY) & (g != 0) & ~c & ~k
            for z, g, c, k in zip(
                shares,
                self._compared_backprop(),
                self._checkable_entries(),
                self._kinks(),
            )
        ]

    def tiny(self) -> int:
        """How many entries are tiny (see ``relative_sizes``), too small to check."""
        return int(sum(t.sum() for t in self._tiny_entries()))

    def not_differentiable(self) -> int:
        """How many compared entries sit where the error is not differentiable.

        Those at a kink, within the step of one (:meth:`near_kink`) and at an L1
        penalty's kink (:meth:`penalty_kink`) alike.
        """
        return int(sum((k & s).sum() for k, s in zip(self._kinks(), self._sampled())))

    def near_kink(self) -> int:
        """How many entries are within the step of a kink (see ``near_kinks``)."""
        return _count(self.near_kinks)

    def penalty_kink(self) -> int:
        """How many entries are weights of exactly 0 under an L1 penalty."""
        return _count(self.penalty_kinks)

    def _judged(self) -> list[NDArray[np.bool_]]:
        """Where the error bound can judge an entry, kinks or not (see checkable).

        By the data term (see ``penalty_gradients``): the penalty's gradient, which
        the check adds itself, checks nothing of backpropagation.
        """
        return [
            (_SAFETY / _SHARE * e < z) | (np.abs(g - d) > _SAFETY * e)
            for g, d, e, z in zip(
                self._compared_backprop(),
                self._numerical(),
                self._fd_errors(),
                self._data_sizes(),
            )
        ]

    def _checkable_entries(self) -> list[NDArray[np.bool_]]:
        return [j & ~k for j, k in zip(self._judged(), self._kinks())]

    def checkable(self) -> int:
        r"""How many entries could be checked: no kink, and the error bound can judge.

        An entry is checked where ten times its finite-difference error bound is under
        0.4 % of :math:`|g| + |d|` (0.8 % of the entry), so that a slip of 1 % in it
        shows, or where the two gradients lie further apart than ten times the bound
        (a disagreement, whatever the bound's share). The share is the module's
        promise: a 1 % slip in a checked entry DISAGREEs; beside a saturated
        squared-error output the bound was 6 % of an entry, and a gradient off by a
        factor of 2 passed as "agree".
        """
        return int(sum(c.sum() for c in self._checkable_entries()))

    def checked_relative_error(self) -> float:
        """The worst :func:`relative_error` over the entries that could be checked.

        The verdict's number: an entry below its finite-difference error (a gradient
        that underflows, or a confident output's) may have a relative error of 1
        without any slip, and does not count. Inf where an entry of either gradient
        is not finite, as :attr:`max_relative_error` (it read 0, a perfect agreement,
        for a NaN in backprop's gradient).

        Raises
        ------
        ValueError
            When no entry could be checked (it read 0, a perfect agreement).
        """
        if self.not_finite():
            return float("inf")
        self._refuse_nothing_checked("checked_relative_error")
        return max(
            relative_error(np.where(c, g, 0.0), np.where(c, d, 0.0))
            for g, d, c in zip(
                self._compared_backprop(), self._numerical(), self._checkable_entries()
            )
        )

    def _refuse_nothing_checked(self, what: str) -> None:
        """Refuse a relative error, ``what``, of a report that checked nothing."""
        if self.checkable() == 0:
            total = self.compared()
            none = (
                "the only entry is not"
                if total == 1
                else f"none of the {total} entries is"
            )
            raise ValueError(
                f"{what} has no value: nothing could be checked ({none} large enough "
                "beside its finite-difference error to compare; see print(report) for "
                "why)"
            )

    def _unchecked_entries(self) -> list[NDArray[np.bool_]]:
        """Where a compared entry is not 0, not at a kink, and could not be checked."""
        return [
            ~c & ~k & ((g != 0) | (d != 0))
            for c, k, g, d in zip(
                self._checkable_entries(),
                self._kinks(),
                self._compared_backprop(),
                self._numerical(),
            )
        ]

    def unchecked_arrays(self) -> list[str]:
        """The parameter arrays that could not be checked, by name.

        An array is unchecked where more than half of its compared entries that are
        not 0 in both gradients and not at a kink could not be checked (see
        :meth:`checkable`): a slip in it (a wrong sign, a missing factor) would not
        show, whatever the other arrays say. A few unchecked entries among many
        checked ones leave the array checked (half or fewer, such as 1 of 2); an
        array whose entries are all 0 or all at kinks is not named here (the report
        says why on its own lines).

        Examples
        --------
        >>> net = FeedForwardNetwork((3, 4, 2), "tanh", seed=0)
        >>> net.biases = [np.full(b.shape, 1e-10) for b in net.biases]
        >>> X = np.random.default_rng(0).normal(size=(4, 3))
        >>> T = np.random.default_rng(1).uniform(-0.8, 0.8, size=(4, 2))
        >>> # odd samples: each bias gradient cancels to about 1e-10 over the pairs
        >>> report = gradient_check(net, np.vstack([X, -X]), np.vstack([T, -T]))
        >>> report.unchecked_arrays(), report.passed()
        (['b1', 'b2'], False)
        """
        share = _UNCHECKED_ARRAY
        return [
            name
            for name, u, c in zip(
                self.names, self._unchecked_entries(), self._checkable_entries()
            )
            if u.any() and u.sum() > share * (u.sum() + c.sum())
        ]

    @checked(tolerance=_tolerance)
    def passed(self, tolerance: float = 1e-7) -> bool:
        """True if every array was checked and no entry disagrees.

        Entries that cannot be checked (see :meth:`checkable`) cannot disagree, nor
        can they agree: when none could be checked this is False (nothing was
        checked, so nothing passed), and so it is when a whole array, or more than
        half of its entries that are not 0, could not be checked
        (:meth:`unchecked_arrays`), since a slip there would not show; the printed
        report then says which arrays could not be checked and why, and that it
        cannot tell, instead of "agree". It is False, too, when backprop changed the
        network's parameters (``changed_by_backprop``).
        """
        if self.changed_by_backprop:
            return False  # backprop changed the network: not a gradient to trust
        if self.checkable() == 0 or self.unchecked_arrays():
            return False
        return not any(m.any() for m in self.mismatches(tolerance))

    def __str__(self) -> str:
        # an array named unchecked in the lead line reads "not checkable" in the
        # table too, unless an entry of it disagrees (then its error is the news)
        mismatched = [m.any() for m in self.mismatches()]
        unchecked = [] if any(mismatched) else self.unchecked_arrays()
        lines = [
            f"{'parameter':>9}  {'shape':>8}  {'relative error':>14}  "
            f"{'finite-difference error':>23}"
        ]
        for name, g, d, err, c, n, off in zip(
            self.names,
            self._compared_backprop(),
            self._numerical(),
            self._fd_errors(),
            self._checkable_entries(),
            self._not_finite(),
            mismatched,
        ):
            if not g.any() and not d.any() and not n.any():
                lines.append(f"{name:>9}  {g.shape!s:>8}  {'0':>14}  {'0':>23}")
                continue
            # above 1 the number says only that the error exceeds the gradients
            fd = _norm_ratio(err, g, d)
            fd_text = "> 1" if fd > 1 else error_bound_text(fd)
            # the verdict's measure: only the entries that could be checked count; an
            # array that disagrees shows its value, never a bound that reads as small
            rel = (
                error_bound_text(
                    relative_error(np.where(c, g, 0.0), np.where(c, d, 0.0)),
                    disagrees=bool(off),
                )
                if c.any() and name not in unchecked and not n.any()
                # no number: the verdict line says where
                else "not a number"
                if n.any()
                else "not checkable"
            )
            lines.append(f"{name:>9}  {g.shape!s:>8}  {rel:>14}  {fd_text:>23}")
        total, checkable = self.compared(), self.checkable()
        if self.sampled is not None:
            lines.append(
                f"a random sample of {total} of the {self.total()} entries was "
                "compared (a few of every parameter array)"
            )
        if self.not_finite():
            # the verdict, whatever else could be checked: a number that is not one
            # is the learner's first bug (the other lines still say what they can)
            lines.append(
                "backpropagation and finite differences DISAGREE: "
                + self._not_finite_text()
            )
        elif checkable == 0 and self.penalty_only():
            lines.append(
                "nothing of backpropagation could be checked: in none of the "
                f"{total} entries is the data term's gradient large enough to compare "
                "with finite differences " + self._why_unchecked()
            )
        elif checkable == 0:
            lines.append(
                f"nothing could be checked: none of the {total} entries is large "
                "enough to compare with finite differences " + self._why_unchecked()
            )
        else:
            disagree = any(mismatched)
            if unchecked:
                lines.append(self._unchecked_arrays_line(unchecked))
            every = len(unchecked) == len(self.names)
            verdict = (
                "DISAGREE"
                if disagree
                else f"agree on {counted(checkable, 'entry', 'entries')} that could "
                "be checked, too few to check any array"
                if every
                else "agree on the arrays that could be checked"
                if unchecked
                else "agree"
            )
            # over the arrays whose relative error the table shows (every entry
            # checked where no array is)
            largest = max(
                relative_error(np.where(c, g, 0.0), np.where(c, d, 0.0))
                for name, g, d, c in zip(
                    self.names,
                    self._compared_backprop(),
                    self._numerical(),
                    self._checkable_entries(),
                )
                if name not in unchecked or every
            )
            lines.append(
                f"backpropagation and finite differences {verdict} (largest "
                f"relative error {error_bound_text(largest, disagrees=disagree)})"
            )
            if verdict == "agree" and self.checked_relative_error() >= _LOOSE:
                lines.append(_LOOSE_AGREEMENT)
            if checkable < total:
                lines.append(f"{checkable} of the {total} entries could be checked")
        if self.unresolved():
            unresolved = self.unresolved()
            lines.append(
                f"{_entries(unresolved)} smaller than "
                f"{'its' if unresolved == 1 else 'their'} finite-difference error, "
                "too small to be checked this way"
            )
        lines.extend(self._tiny_lines())
        if self.penalty_only():
            only = self.penalty_only()
            lines.append(
                f"{_entries(only)} the penalty's gradient alone: the data term's "
                "gradient is 0 there"
                + (
                    " (every output equals its target)"
                    if self._at_targets()
                    else " within its finite-difference error"
                )
                + ", so only the penalty's gradient, which the check adds itself, "
                "could be compared, nothing of backpropagation"
            )
        if self.loose():
            loose = self.loose()
            its = "its" if loose == 1 else "their"
            lines.append(
                f"{_entries(loose)} above {its} finite-difference error, but not "
                f"enough to be checked: ten times {its} error is over 0.8 % of "
                f"{'it' if loose == 1 else 'them'}, so a slip of 1 % could hide in it"
            )
        if self.zeros():
            lines.append(self._zeros_line())
        at_kink = self.not_differentiable() - self.near_kink() - self.penalty_kink()
        if at_kink:
            lines.append(
                f"{_entries(at_kink)} not differentiable here: the "
                "slopes on the two sides of the point differ (as at a ReLU's kink), so "
                "there is no derivative to check; move the point"
            )
        if self.penalty_kink():
            count = self.penalty_kink()
            lines.append(
                f"{_entries(count)} {'a weight' if count == 1 else 'weights'} of "
                "exactly 0 under the L1 penalty, where |w| has its kink whatever the "
                "step: not differentiable, "
                "so there is no derivative to check (a smaller eps does not help); "
                "move the point"
            )
        if self.near_kink():
            lines.append(
                f"{_entries(self.near_kink())} within the step of a kink (a ReLU input "
                "or an L1-penalised weight near 0): the difference straddles it and "
                "is not a derivative; take an eps (relative to each weight) whose step "
                "is smaller than the distance to the kink, or move the point"
            )
        if self.changed_by_backprop:
            changed = self.changed_by_backprop
            lines.insert(
                0,
                f"backprop changed the network's {_names(changed)} (it, or the "
                "run_forward or run_backward the check calls, updated the parameters "
                "as it computed); a gradient must leave the "
                "network as it found it: the check restored "
                f"{_plural(len(changed), 'it', 'them')} and compared at the original "
                "point, so this check does not pass",
            )
        return "\n".join(lines)

    def _unchecked_arrays_line(self, unchecked: list[str]) -> str:
        """The line that leads a report whose arrays could not all be checked."""
        flags = [
            u if name in unchecked else np.zeros(u.shape, dtype=bool)
            for name, u in zip(self.names, self._unchecked_entries())
        ]
        count = _count(flags)
        among = sum(
            int((u | c).sum())
            for name, u, c in zip(
                self.names, self._unchecked_entries(), self._checkable_entries()
            )
            if name in unchecked
        )
        them = "it" if len(unchecked) == 1 else "them"
        return (
            f"cannot tell: {_names(unchecked)} could not be checked, {count} of "
            f"the {among} entries that are not 0 being too small to compare with "
            f"finite differences {self._why_unchecked(flags)}. A slip in {them} (a "
            "wrong sign, a missing factor) would not show, so the check has not "
            f"passed, whatever the other arrays say; check {them} at a point where "
            f"{'its' if them == 'it' else 'their'} gradients are larger"
        )

    def _why_unchecked(self, among: list[NDArray[np.bool_]] | None = None) -> str:
        """Why no entry could be checked, with advice, in brackets or after a colon.

        Saturated outputs (most of every unchecked entry's error bound is the rounding
        of the outputs) and underflow (most of it is the absolute rounding of
        subnormal numbers) are named; otherwise the advice alone. ``among``: only
        these unchecked entries (those of the arrays that could not be checked);
        default every unchecked entry.
        """
        unchecked = self._unchecked_entries() if among is None else among
        if self._stationary():
            return _STATIONARY
        if self._at_targets() and self.penalty == "gradient":
            return _STATIONARY_DATA
        if any(u.any() for u in unchecked):
            for flags, why in (
                (self.rounded_outputs, _FLAT_OUTPUTS),
                (self.subnormal, _SUBNORMAL_ERROR),
                (self._tiny_entries(), _TINY_GRADIENTS),
                (self.rounded_error, self._rounding_cause(unchecked)),
            ):
                if flags is not None and all(
                    (f | ~u).all() for f, u in zip(flags, unchecked)
                ):
                    return why
        found = self._small_causes(unchecked)
        if not self._error_is_large() and any("vanishing gradient" in c for c in found):
            text = (
                "at this point: these gradients are small beside the finite "
                "differences' error (the rounding of the error and of the terms it is "
                "summed from, over the step)"
            )
            return text + _SHRINK + "".join(f"; {c}" for c in found)
        return "(try other inputs or weights)"

    def _small_causes(self, unchecked: list[NDArray[np.bool_]]) -> list[str]:
        """The distinct ``small_causes`` of the arrays with ``unchecked`` entries."""
        groups: dict[str, list[str]] = {}
        for name, cause, u in zip(self.names, self.small_causes or [], unchecked):
            if cause and u.any():
                groups.setdefault(cause, []).append(name)
        if not groups:
            return []
        # name the arrays, as the lines below do, when there are other unchecked ones
        tiny = [n for n, t in zip(self.names, self._tiny_entries()) if t.any()]
        if not tiny:
            return list(groups)
        return [f"{_names(names)}: {cause}" for cause, names in groups.items()] + [
            f"{_names(tiny)}: tiny (the lines below say why)"
        ]

    def _error_is_large(self) -> bool:
        """Whether the error is above 1 per output and sample (see _LARGE_ERROR)."""
        return abs(self.error) > _LARGE_ERROR * max(self.silent_outputs[1], 1)

    def _rounding_cause(self, unchecked: list[NDArray[np.bool_]]) -> str:
        r"""Why the rounding :math:`16\,\epsilon_\text{mach}|E|/h` swamps these entries.

        In this order: the step (``eps`` below the default, 1e-5, whose rounding
        would be small enough to check every one of the ``unchecked`` entries: the
        rounding shrinks as the step grows); the error (above 1 per output and
        sample, more than targets and outputs in [0, 1] give: scale the targets, or
        with a penalty, the weights); else the gradients, small beside an error of
        ordinary size, and why (``small_causes``: a vanishing gradient, a factor
        below 1e-4). Only the error's size calls for scaling the targets.
        """
        if self.eps is not None and self.eps < _DEFAULT_EPS:
            scale = self.eps / _DEFAULT_EPS  # the rounding at the default, at most
            if all(
                ((_SAFETY / _SHARE * e * scale < z) | ~u).all()
                for e, z, u in zip(self._fd_errors(), self._data_sizes(), unchecked)
            ):
                return _small_step(self.eps, self.error)
        if self._error_is_large():
            return _large_error(self.error, self.penalty)
        found = self._small_causes(unchecked)
        text = (
            f"at this point: the error, {abs(self.error):.0e}, is not large (at most "
            "1 per output and sample, as targets and outputs in [0, 1] give), but "
            "these gradients are small beside it: its rounding (a few times 2.2e-16 "
            "of it, over the step) exceeds them, so finite differences measure "
            "rounding"
        )
        if any("vanishing gradient" in c for c in found):
            text += _SHRINK
        return text + "".join(f"; {c}" for c in found)

    def _tiny_lines(self) -> list[str]:
        """One line per cause of tiny entries: the arrays, how many, how small, why."""
        groups: dict[str, list[tuple[str, int, float]]] = {}
        causes = self.tiny_causes or [""] * len(self.names)
        sizes = self.relative_sizes or []
        for name, flags, size, cause in zip(
            self.names, self._tiny_entries(), sizes, causes
        ):
            if flags.any():
                group = groups.setdefault(cause, [])
                group.append((name, int(flags.sum()), float(size[flags].max())))
        lines = []
        for cause, group in groups.items():
            count = sum(n for _, n, _ in group)
            largest = max(z for _, _, z in group)
            lines.append(
                f"{_names([name for name, _, _ in group])}: {_entries(count)} tiny, "
                f"not 0: changing {_plural(count, 'its parameter', 'each parameter')}"
                f" by its size (at least 1) would move the error by at most "
                f"{largest:.0e} of itself, too little to be checked by finite "
                "differences or to be trained" + (f"; {cause}" if cause else "")
            )
        return lines

    def _at_targets(self) -> bool:
        """Whether every output equals its target: the data term is at its minimum."""
        return 0 < self.at_targets == self.silent_outputs[1]

    def _stationary(self) -> bool:
        """Whether the loss is at its minimum: outputs at targets, no penalty acting."""
        return self._at_targets() and not self.penalty

    def _zeros_line(self) -> str:
        """The line on the entries that are 0 in both gradients, naming the cause."""
        silent, outputs = self.silent_outputs
        count = self.zeros()
        zeros = _entries(count)
        if self._stationary():
            return (
                f"{zeros} 0 in both gradients because every output equals its target: "
                "the loss is at its minimum, a stationary point, where its gradient "
                "is 0: nothing to compare (try other weights or targets)"
            )
        if self._at_targets():
            them = "it" if count == 1 else "them"
            beside = (
                "this is no stationary point of the loss, since the penalty's gradient "
                "on the other weights is not 0"
                if self.penalty == "gradient"
                else "the loss is not differentiable here, since every weight is 0, "
                "where the L1 penalty has its kink"
            )
            return (
                f"{zeros} 0 in both gradients because every output equals its target, "
                f"so the data term's gradient is 0, and the penalty adds nothing to "
                f"{them} (a bias, or a weight of 0); {beside}: nothing to compare"
            )
        if silent and silent == outputs:
            return (
                f"{zeros} 0 in both gradients because every output {_SATURATED_OUTPUT}"
                ", so no error flows back: nothing to compare (try other weights or "
                "targets)"
            )
        units, explained = self.saturated
        if self.underflowed or self.silenced[0] or self.zeroed[0]:
            return self._underflow_zeros_line()
        if not units:
            others = self._other_zeros(count)
            return f"{zeros} 0 in both gradients{others}: nothing to compare"
        one = units == 1
        cause = (
            f"{units} hidden unit{'' if one else 's'} "
            f"{'is' if one else 'are'} saturated (on every sample "
            f"{'its' if one else 'their'} input is so large that "
            f"{'its' if one else 'their'} activation's slope is "
            f"exactly 0), so no error flows back through {'it' if one else 'them'} "
            f"to {'its' if one else 'their'} incoming weights and bias"
        )
        rest = count - explained
        if rest <= 0:
            return (
                f"{zeros} 0 in both gradients: {cause}: nothing to compare (smaller "
                "weights or inputs bring "
                + ("it" if one else "them")
                + " back to where the slope is not 0)"
            )
        return (
            f"{zeros} 0 in both gradients: {explained} because {cause}; the other "
            f"{rest}{self._other_zeros(rest)}: nothing to compare"
        )

    def _underflow_zeros_line(self) -> str:
        """The zeros line naming underflow, or no error reaching a unit from above.

        Used when some entries are 0 because their terms underflowed
        (``underflowed``), because no error reaches their unit (``silenced``), or
        because backpropagation returned 0 where the true gradient is tiny but not 0
        (``zeroed``).
        """
        count, lost = self.zeros(), self.underflowed
        units, saturated = self.saturated
        quiet, why = self.silenced
        mine, largest = self.zeroed
        zeroed = _zeroed(mine, largest)
        rest = count - lost - saturated - quiet - mine
        if rest <= 0 and not units and sum(map(bool, (lost, quiet, mine))) == 1:
            cause = (
                f"{_UNDERFLOWED}: nothing to compare (scale the inputs or the weights "
                "up)"
                if lost
                else f"{zeroed}: nothing to compare"
                if mine
                else f"{why}: nothing to compare"
            )
            return f"{_entries(count)} 0 in both gradients: {cause}"
        parts = []
        if mine:
            parts.append(f"{mine} because {zeroed}")
        if lost:
            parts.append(
                f"{lost} because {_UNDERFLOWED} (scale the inputs or weights up)"
            )
        if units:
            parts.append(
                f"{saturated} because {units} hidden unit{'s' * (units > 1)} "
                f"{'are' if units > 1 else 'is'} saturated (activation's slope exactly "
                "0 on every sample)"
            )
        if quiet:
            parts.append(f"{quiet} because {why}")
        if rest > 0:
            parts.append(f"the other {rest}{self._other_zeros(rest)}")
        return (
            f"{_entries(count)} 0 in both gradients: "
            + "; ".join(parts)
            + (": nothing to compare")
        )

    def _other_zeros(self, rest: int) -> str:
        """The causes of ``rest`` zeros in both, besides all outputs and saturation.

        The zeros of a cancelling output error (``cancelled_errors``) are named with
        that measured cause, all ``rest`` of them when it explains as many.
        """
        silent, outputs = self.silent_outputs
        if silent:
            return (
                " (a unit that never responds, an input of 0, or an output that "
                f"{_SATURATED_OUTPUT} on {silent} of the {outputs} output errors)"
            )
        if self.dead_ends:
            units = f"{self.dead_ends} hidden unit" + "s" * (self.dead_ends > 1)
            return (
                f": the weights leaving {units} are all 0, so no error flows back to "
                + ("it" if self.dead_ends == 1 else "them")
                + " (as from an all-zero start), or a unit never responds, or an "
                "input is 0"
            )
        explained, why = self.cancelled_errors
        explained = min(explained, rest)
        if self.step_units:
            units = f"{self.step_units} step unit" + "s" * (self.step_units > 1)
            return (
                f" ({units} in the hidden layers, whose slope is exactly 0 everywhere,"
                " pass no error back to their incoming weights and bias: a step unit"
                " cannot be trained by backpropagation; or an input of 0)"
            )
        if explained and explained == rest:
            return f" because {why}"
        if explained:
            return (
                f" ({explained} because {why}; the others: a unit that never "
                "responds, or an input of 0)"
            )
        return " (a unit that never responds, or an input of 0)"


def _zeroed(entries: int, largest: float) -> str:
    """Why ``entries`` are 0 in both: backpropagation's own 0 where the truth is not."""
    it = "it" if entries == 1 else "they"
    return (
        f"backpropagation returned 0 where the true gradient is not 0 (the check's "
        f"own inputs or activations times error signals sum to as much as "
        f"{largest:.0e}, too little for finite differences to see, so {it} "
        f"{'is' if entries == 1 else 'are'} 0 there too): these zeros are "
        "backpropagation's (an array or entries set to 0), not underflow's"
    )


_UNDERFLOWED = (
    "their terms underflowed (an input or activation times an error signal, both "
    "non-zero but so small that their product is below 2.2e-308, the smallest normal "
    "number, rounds to 0)"
)
_FLAT_OUTPUTS = (
    "at this point: the outputs are saturated (within rounding of their limits, "
    "where the output activation is flat), so the loss is flat to round-off there and "
    "finite differences measure rounding, not slope; check at a point where the "
    "outputs are not saturated (smaller weights into the output layer, or targets "
    "inside the outputs' range), or with a cross-entropy loss on its own output "
    "activation, which is computed from the logits without this rounding"
)
_SUBNORMAL_ERROR = (
    "at this point: the error underflowed (below 2.2e-308 numbers lose their digits "
    "and round by an absolute amount, so finite differences measure rounding); scale "
    "the inputs or the weights up"
)
_TINY_GRADIENTS = (
    "at this point: every entry that is not 0 is tiny, a share of the error far below "
    "what finite differences can see (the lines below say where and why)"
)
_CANCELLED = (
    "the gradient's terms (over the samples, and over the paths back from the outputs) "
    "are not small but cancel, so it is 0 up to rounding: the error is flat in this "
    "direction here (a minimum or another stationary point, or a direction the loss "
    "does not see, such as shifting every softmax logit alike), and there is nothing "
    "to check"
)
_UNIT_REMEDY = (
    "smaller weights or inputs bring them back to where the slope is not nearly 0"
)
_OUTPUT_REMEDY = (
    "smaller weights into the output layer; a cross-entropy loss on its own output "
    "activation has the error signal y - t, which does not vanish there"
)
_STATIONARY = (
    "at this point: every output equals its target, so the loss is at its minimum, a "
    "stationary point, where its true gradient is 0 and finite differences measure "
    "only rounding; check at a point where the outputs differ from their targets "
    "(other weights or targets)"
)
_STATIONARY_DATA = (
    "at this point: every output equals its target, so the data term is at its "
    "minimum, a stationary point, where its true gradient is 0 and finite differences "
    "measure only rounding; check at a point where the outputs differ from their "
    "targets (other weights or targets)"
)


_SHRINK = (
    "; they shrink layer by layer towards the input layer (scaling the targets does "
    "not help)"
)


def _small_step(eps: float, error: float) -> str:
    """Why nothing could be checked when the step is too small for the rounding."""
    return (
        f"with this step: eps = {eps:.0e} (relative to each weight) is too small: "
        f"the error's rounding (a few times 2.2e-16 of the error, {abs(error):.0e}, "
        "over the step, so it grows as the step shrinks) exceeds these gradients, so "
        "finite differences measure rounding (take a larger eps: the default, "
        f"{_DEFAULT_EPS:.0e}, would check them)"
    )


def _large_error(error: float, penalty: str = "") -> str:
    """Why nothing could be checked when the error's own rounding swamps the entries.

    With a penalty that adds to the error (``penalty`` not ''), the penalty on large
    weights may be what makes it large, so the advice names it too.
    """
    remedy = (
        "scale the targets, or the outputs, down, so that the error is not so large"
        if not penalty
        else "the error includes the penalty: with large weights it may be most of "
        "it, so check with smaller weights or a smaller penalty rate, or scale the "
        "targets down"
    )
    return (
        f"at this point: the error, {abs(error):.0e}, is too large beside its "
        "gradients: its rounding (a few times 2.2e-16 of it, over the step) exceeds "
        f"them, so finite differences measure rounding ({remedy})"
    )


_SATURATED_OUTPUT = (
    "rounded to exactly its target, or to its limit where its slope is 0 (a saturated "
    "output, such as a sigmoid whose input is 40)"
)


def _norm_ratio(a: Array, g: Array, d: Array) -> float:
    r""":math:`\|a\| / (\|g\| + \|d\|)`, all scaled by the largest entry first.

    Gradients of 1e-170 and below have norms that underflow to 0 (their squares do),
    which made the ratio 0/0; scaled, the ratio is the same and every norm is about 1.
    ``a`` and the gradients are scaled apart, since they may be hundreds of powers of
    ten apart (an error of 1e-17 beside gradients of 1e-297).

    Examples
    --------
    >>> _norm_ratio(np.array([3e-17, 4e-17]), np.array([1e-297]), np.array([0.0]))
    5e+280
    """
    size_a = float(np.abs(a).max(initial=0.0))
    size_gd = max(float(np.abs(x).max(initial=0.0)) for x in (g, d))
    if size_a == 0:
        return 0.0
    if size_gd == 0:
        return float("inf")
    # each scaled by its own largest entry: scaled by one common size, gradients of
    # 1e-297 beside an error of 1e-17 underflowed to 0 and the ratio divided by zero
    norms = np.linalg.norm(g / size_gd) + np.linalg.norm(d / size_gd)
    with np.errstate(over="ignore"):  # above 1.8e308 the ratio is inf
        sizes = np.float64(size_a) / size_gd
        return float(np.linalg.norm(a / size_a) / norms * sizes)


def _count(flags: list[NDArray[np.bool_]] | None) -> int:
    """How many entries are True (0 for None)."""
    return 0 if flags is None else int(sum(f.sum() for f in flags))


def _entries(count: int) -> str:
    """``'1 entry is'`` or ``'3 entries are'``."""
    return "1 entry is" if count == 1 else f"{count} entries are"


def _first_not_finite(values: Array, bad: NDArray[np.bool_]) -> str:
    """``'nan at (0, 0)'``, and how many other entries ``bad`` holds."""
    where = tuple(int(i) for i in np.argwhere(bad)[0])
    first = float(values[where])
    text = f"{first} at {where if len(where) != 1 else f'({where[0]},)'}"
    others = int(bad.sum()) - 1
    if others:
        text += f" and {counted(others, 'other entry', 'other entries')}"
    return text


def error_bound_text(value: float, disagrees: bool = False) -> str:
    """A relative error as the report prints it: a bound below 0.001, two digits above.

    Below 0.001 the text is a power-of-ten bound (``'< 1e-09'``); from 0.001 on it is
    the value to two digits. With ``disagrees`` (the error of an array, or the
    largest, of a check that DISAGREEs) it is the value to two digits at any size:
    a bound such as ``'< 1e-03'`` reads as small, and hid that 5e-4 is far over the
    tolerance (review 21).

    Printing a bound, not 8.48e-11, keeps the report free of digits that
    depend on the order of floating-point sums (BLAS builds differ); a disagreement
    lies beyond ten times its finite-difference error, so its two digits do not.

    Examples
    --------
    >>> error_bound_text(8.48e-11), error_bound_text(0.0), error_bound_text(0.0123)
    ('< 1e-10', '0', '0.012')
    >>> error_bound_text(5.04e-4), error_bound_text(5.04e-4, disagrees=True)
    ('< 1e-03', '0.0005')
    """
    if value == 0:
        return "0"
    if not np.isfinite(value):  # an entry that is not a number (see mismatches)
        return "not a number" if np.isnan(value) else "infinite"
    if value >= 1e-3 or disagrees:
        return f"{value:.2g}"
    return f"< 1e{int(np.floor(np.log10(value))) + 1:+03d}"


def _layer_deltas(value: Any, name: str) -> list[Array]:
    """Checker: the deltas of every layer, float arrays (``Gradients.deltas``)."""
    return check_float_arrays(value, name, "a delta per layer, as Gradients.deltas")


def _forward_fits(arguments: dict[str, Any]) -> None:
    """Relation: ``X`` has a column per input neuron of ``network``."""
    arguments["X"] = arguments["network"].check_inputs(arguments["X"])


@checked(_forward_fits, network=instance_of(FeedForwardNetwork), deltas=_layer_deltas)
def term_size(network: FeedForwardNetwork, X: Array, deltas: Sequence[Array]) -> float:
    r"""The size of the terms a network's error is computed from, for its rounding.

    Every logit :math:`z = \sum_i a_i w_i + b` is rounded relative to the size of its
    terms, :math:`\sum_i |a_i w_i| + |b|`, not to :math:`|z|`, and each rounding moves
    the error :math:`E` by :math:`|\partial E/\partial z| = |\delta|` times it. Summed
    over the layers,

    .. math:: S = \sum_l \sum_{n, j} |\delta^{(l)}_{nj}|
        \Big(\sum_i |A^{(l-1)}_{ni}| |W^{(l-1)}_{ij}| + |b^{(l)}_j|\Big),

    a first-order bound (in units of :math:`\epsilon_\text{mach}`) on how far rounding
    moves :math:`E`, which can be far above :math:`|E|`: a confident, correct sigmoid
    output with logit 20 has loss :math:`2 \times 10^{-9}` but
    :math:`S \approx 20 \times 2
    \times 10^{-9}`, and more where the logit is a difference of large terms.

    Parameters
    ----------
    network : FeedForwardNetwork
    X : ndarray, shape (n_samples, n_inputs)
        Checked inputs.
    deltas : list of ndarray
        :math:`\delta^{(l)} = \partial E/\partial Z^{(l)}` of
        every layer (``Gradients.deltas``).

    Examples
    --------
    >>> net = FeedForwardNetwork((1, 1), "linear", bias=False)
    >>> net.set_weights([[[3.0]]])
    >>> term_size(net, np.array([[2.0]]), [np.array([[0.5]])])
    3.0
    """
    return _term_size(network, network.run_forward(X), deltas)


def _term_size(
    network: FeedForwardNetwork, passed: ForwardPass, deltas: Sequence[Array]
) -> float:
    """:func:`term_size` of a forward pass already made."""
    return float(
        sum(
            np.sum(np.abs(delta) * (np.abs(A) @ np.abs(W) + np.abs(b)))
            for delta, A, W, b in zip(
                deltas, passed.activations, network.weights, network.bias_terms
            )
        )
    )


@checked(data_fit, network=instance_of(FeedForwardNetwork))
def output_term_size(
    network: FeedForwardNetwork, X: Array, T: Array, loss: Loss
) -> float:
    r"""The size of the outputs' terms in the error, for the rounding of the outputs.

    A loss computed from the outputs :math:`y` (not from the logits) sees each
    :math:`y` rounded relative to :math:`|y|`: a confident sigmoid output rounds to
    within :math:`10^{-16}` of 1, which moves a squared error by
    :math:`|\partial E/\partial y|` times it, however small :math:`|1 - y|` is. The
    size is :math:`\sum |\partial E/\partial y|\,|y|`, and 0 where the loss is
    computed from the logits (a cross-entropy on its own output activation).

    Examples
    --------
    >>> from ffnn_edu.nn.losses import get_loss
    >>> net = FeedForwardNetwork((1, 1), bias=False)
    >>> net.set_weights([[[30.0]]])
    >>> X, T = np.array([[1.0]]), np.array([[1.0]])
    >>> output_term_size(net, X, T, get_loss("binary_cross_entropy"))
    0.0
    >>> 0 < output_term_size(net, X, T, get_loss("half_sse")) < 1e-12
    True
    """
    return _output_term_size(network, network.run_forward(X), T, loss)


def _output_term_size(
    network: FeedForwardNetwork, passed: ForwardPass, T: Array, loss: Loss
) -> float:
    """:func:`output_term_size` of a forward pass already made."""
    if (
        loss.pairs_with(network.activations[-1].name)
        and loss.value_from_logits is not None
    ):
        return 0.0
    Y = passed.output
    return float(np.sum(np.abs(loss.gradient(Y, T)) * np.abs(Y)))


@checked(
    data_fit,
    parameters_finite,
    network=instance_of(FeedForwardNetwork),
    regularizer=instance_of(Regularizer, optional=True),
    n=optional_count,
    eps=_relative_step,
    entries=entries_per_array,
    seed=seed,
)
def gradient_check(
    network: FeedForwardNetwork,
    X: Array,
    T: Array,
    loss: Loss = "half_sse",  # type: ignore[assignment]  # data_fit: name -> Loss
    *,
    regularizer: Regularizer | None = None,
    n: int | None = None,
    eps: float = 1e-5,
    entries: int | None = None,
    seed: int | None = 0,
) -> GradientCheckReport:
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
        The finite-difference step relative to each weight, :math:`|w|` ``eps``, at
        least ``eps`` (see :func:`finite_differences`), between 1e-10 and 0.01; not
        :func:`numerical_gradient`'s absolute step.
    entries : int, optional
        Compare only this many entries of each parameter array, drawn at random
        (:func:`sample_entries`; every entry of an array that has no more), as the
        CS231n course notes advise for large networks (Karpathy, "Neural Networks
        Part 3", "Gradient checks": check a few dimensions of every parameter). 30
        suits a network of thousands of weights: a slip that changes many entries
        shows in the sample, a slip in one entry only in the full check. Default
        None: every entry.
    seed : int, optional
        Seed of the sample (None: a fresh one); unused without ``entries``.

    A ``backprop`` that returns NaN or inf (a learner's, in a subclass) DISAGREEs, the
    report naming the entry; one that returns gradients of the wrong number, shape or
    kind is refused before any comparison, by the report's names ("backprop returned
    dW0 of shape (4, 3), expected (3, 4) (the shape of weights[0]); transposed?").

    Raises
    ------
    TypeError
        If ``network`` is not a FeedForwardNetwork or ``regularizer`` not a Regularizer,
        or ``entries`` or ``seed`` is not a whole number (or None), or
        ``network.backprop`` returned a gradient that is not a numpy array of numbers
        or is of a float type coarser than float64 (float16's rounding would make it
        DISAGREE).
    ValueError
        For data that do not fit the network, a network whose weights or biases are
        not finite numbers of the shapes its layers say
        (:func:`~ffnn_edu.nn.network.check_parameters`) or not float64 (a step of
        ``eps`` is lost in float16's rounding), ``n``/``eps`` out of range,
        gradients from ``network.backprop`` of the wrong number or shape (``dW0``
        transposed), ``entries`` below 1 or ``seed`` below 0, or more work than
        :data:`~ffnn_edu.nn.training.MAX_WORK` (the entries compared x 5
        evaluations x samples x weights and biases): pass ``entries=``.

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
    >>> sample = gradient_check(net, X, np.ones((5, 2)) * 0.5, entries=3)
    >>> sample.compared(), sample.total(), sample.passed()
    (11, 26, True)
    """
    n = X.shape[0] if n is None else n
    params = network.parameters()
    _check_float64(
        params, _parameter_texts(network), "use set_weights, or .astype(float)"
    )
    sampled = sample_entries(params, entries, seed)
    _check_steps_finite(params, _parameter_texts(network), eps, sampled)
    weights = sum(p.size for p in params)
    _check_difference_work(
        int(sum(s.sum() for s in sampled)),
        5,
        X.shape[0] * weights,
        f"X: {counted(X.shape[0], 'sample')} x network: {weights} weights and biases",
        "compare a sample of each parameter array with entries= (entries=30 "
        "suits a large network)",
    )
    # copies: a backprop that updates the weights as it goes (a learner's) would
    # move the point the differences are taken at; the check restores them
    before = [p.copy() for p in params]
    grads = _returned_gradients(network.backprop(X, T, loss), network)
    changed = _restore_parameters(network, before)
    params = network.parameters()
    # so may run_forward or run_backward, which the differences below call at every
    # step (a subclass's run_backward that updates the weights): every call into the
    # network is restored as it returns, so each difference is taken at its own point
    # and the report's "compared at the original point" holds
    guard = _Restoring(network)
    added = [np.zeros(p.shape) for p in params]
    if regularizer is not None:
        penalty = regularizer.gradient(network.weights, n)
        grads.weights = [g + r for g, r in zip(grads.weights, penalty)]
        # in the order of the parameters: each weight's, then 0 for its bias
        added = [
            a
            for l, r in enumerate(penalty)
            for a in (
                [r]
                if network.biases is None
                else [r, np.zeros(network.biases[l].shape)]
            )
        ]
    analytic = grads.as_list()

    def evaluate() -> tuple[float, float, float]:
        # the error, and the sizes its rounding is relative to, at this point
        with np.errstate(over="ignore", invalid="ignore"):
            passed = guard(network.run_forward, X)
            value = guard(network.output_loss, passed, T, loss)
            if regularizer is not None:
                value += regularizer.penalty(network.weights, n)
        if not np.isfinite(value):  # finite at the point (backprop): a step's doing
            _step_overflows(value, loss, regularizer, grads.loss, eps)
        deltas = guard(network.run_backward, passed, T, loss).deltas
        return (
            _evaluate_error(lambda: value),
            _term_size(network, passed, deltas),
            _output_term_size(network, passed, T, loss),
        )

    numeric = _differences(evaluate, params, eps, sampled)
    penalty_kinks = [
        at & s for at, s in zip(_penalty_kinks(network, regularizer, params), sampled)
    ]
    refined = (
        [np.zeros(p.shape, dtype=bool) for p in params]
        if _smooth(network, loss, regularizer)
        else _near_kinks(evaluate, params, analytic, numeric, eps, sampled)
    )
    # an L1-penalised weight within the step of 0 (not at 0): the kink is beside the
    # point, not at it, however the difference saw it
    beside = _penalty_kinks(network, regularizer, params, numeric.steps)
    near_kinks = [(n & ~k) | (k & b) for n, k, b in zip(refined, numeric.kinks, beside)]
    kinks = [
        k | near | at for k, near, at in zip(numeric.kinks, near_kinks, penalty_kinks)
    ]
    names = []
    for l in range(network.n_layers):
        names.append(f"W{l}")
        if network.biases is not None:
            names.append(f"b{l + 1}")
    errors = [
        relative_error(np.where(k | ~s, 0.0, a), np.where(k | ~s, 0.0, b))
        if np.isfinite(a).all() and np.isfinite(b).all()
        else float("inf")  # a NaN from backprop: a disagreement the report shows
        for a, b, k, s in zip(analytic, numeric.gradient, kinks, sampled)
    ]
    passed = guard(network.run_forward, X)
    # the outputs' rounding at the point itself: large where they are saturated
    outputs = _output_term_size(network, passed, T, loss)
    out_delta = grads.deltas[-1]
    silent = (int(np.count_nonzero(out_delta == 0)), int(out_delta.size))
    value = evaluate()[0]  # E at the point
    chain = _Chain(
        network,
        guard(network.run_forward, X),
        grads.deltas,
        loss.pairs_with(network.activations[-1].name)
        and loss.delta_from_logits is not None,
        value,
        grads.loss,
        T,
    )
    sizes = _relative_sizes(analytic, params, value)
    tiny = [
        (z < _TINY) & (a != 0) & s & ~k
        for z, a, s, k in zip(
            _shares_of_ordinary_error(sizes, value, silent[1]), analytic, sampled, kinks
        )
    ]
    lost, zeroed = _underflowed(
        network, X, T, loss, params, analytic, numeric.gradient, sampled
    )
    cancelled = _cancelled_errors(chain, names, analytic, numeric.gradient, sampled)
    report = GradientCheckReport(
        names,
        analytic,
        numeric.gradient,
        numeric.error,
        errors,
        kinks,
        silent,
        sampled=None if all(s.all() for s in sampled) else sampled,
        near_kinks=[n & ~at for n, at in zip(near_kinks, penalty_kinks)],
        dead_ends=_dead_ends(network),
        penalty_kinks=penalty_kinks,
        saturated=_saturated(network, X, params, analytic, numeric.gradient, sampled),
        underflowed=lost,
        zeroed=zeroed,
        rounded_outputs=[
            _OUTPUT_ROUND_OFF * outputs / np.where(h > 0, h, 1.0) >= e / 2
            for h, e in zip(numeric.steps, numeric.error)
        ],
        subnormal=[
            _UNDERFLOW / np.where(h > 0, h, 1.0) >= e / 2
            for h, e in zip(numeric.steps, numeric.error)
        ],
        relative_sizes=sizes,
        tiny_causes=_tiny_causes(chain, names, tiny, analytic, sizes),
        silenced=_silenced(chain, params, analytic, numeric.gradient, sampled),
        at_targets=_at_targets(network, passed.output, T),
        penalty=_penalty_acts(network, regularizer),
        penalty_gradients=added,
        rounded_error=[
            _ROUND_OFF * abs(value) / np.where(h > 0, h, 1.0) >= e / 2
            for h, e in zip(numeric.steps, numeric.error)
        ],
        error=value,
        eps=eps,
        changed_by_backprop=changed
        + [name for name in guard.changed if name not in changed],
        cancelled_errors=cancelled,
        step_units=sum(
            w.shape[1]
            for w, f in zip(network.weights, network.activations[:-1])
            if f.name == "step"
        ),
    )
    # why the unchecked entries that are not tiny are small (beside an error that is
    # not large): the same causes as for tiny entries
    small = [u & ~t for u, t in zip(report._unchecked_entries(), tiny)]
    if any(f.any() for f in small):
        report.small_causes = _tiny_causes(chain, names, small, analytic, sizes)
    # the helpers' own forward passes are not guarded one by one: the network is
    # left as the caller gave it all the same
    late = _restore_parameters(network, before)
    report.changed_by_backprop = (report.changed_by_backprop or []) + [
        name for name in late if name not in (report.changed_by_backprop or [])
    ]
    return report


class _Restoring:
    """Calls into ``network`` that leave its parameters as they found them.

    ``guard(method, *args)`` calls ``method``, and where it changed a parameter (a
    subclass's ``run_backward`` that updates the weights) puts the values back into
    the very arrays the network had before the call, which the finite differences
    hold and step in place; ``changed`` collects the report's names of the arrays
    changed, in order.
    """

    def __init__(self, network: FeedForwardNetwork) -> None:
        self.network = network
        self.changed: list[str] = []

    def __call__(self, method: Callable[..., Any], *args: Any) -> Any:
        network = self.network
        arrays = network.parameters()
        before = [a.copy() for a in arrays]
        result = method(*args)
        names = _parameter_names(network)
        now = network.parameters()
        for name, array, old, new in zip(names, arrays, before, now):
            if new is not array or not np.array_equal(array, old, equal_nan=True):
                if name not in self.changed:
                    self.changed.append(name)
                np.copyto(array, old)
        if len(now) != len(arrays) or any(a is not b for a, b in zip(now, arrays)):
            # an array replaced: the network's own arrays go back in their places
            network.weights[:] = arrays[:: 1 if network.biases is None else 2]
            if network.biases is not None:
                network.biases[:] = arrays[1::2]
        return result


def _parameter_texts(network: FeedForwardNetwork) -> list[str]:
    """The network's parameter arrays in words, in order: "the network's weights[0]"."""
    kinds = ["weights"] if network.biases is None else ["weights", "biases"]
    return [
        f"the network's {kind}[{l}]" for l in range(network.n_layers) for kind in kinds
    ]


def _parameter_names(network: FeedForwardNetwork) -> list[str]:
    """The report's names of ``network.parameters()``: W0, b1, W1, b2, ..."""
    names = []
    for l in range(network.n_layers):
        names.append(f"W{l}")
        if network.biases is not None:
            names.append(f"b{l + 1}")
    return names


def _restore_parameters(network: FeedForwardNetwork, before: list[Array]) -> list[str]:
    """The report's names of the parameter arrays backprop changed, put back as given.

    ``before`` holds copies of ``network.parameters()`` taken before the call; an array
    that now differs (in a value, a shape or by being replaced) is restored, so the
    differences are taken at the point backprop was asked about, and the network is
    left as the caller gave it.
    """
    names = []
    for l in range(network.n_layers):
        names.append(f"W{l}")
        if network.biases is not None:
            names.append(f"b{l + 1}")
    now = network.parameters()
    changed = [
        name
        for name, old, new in zip(names, before, now)
        if np.shape(new) != old.shape or not np.array_equal(new, old, equal_nan=True)
    ]
    if changed or len(now) != len(before):
        weights = before[:: 1 if network.biases is None else 2]
        biases = None if network.biases is None else before[1::2]
        network.set_weights(weights, biases)
    return changed


def _returned_gradients(grads: Any, network: FeedForwardNetwork) -> Gradients:
    """What ``network.backprop`` returned, checked before anything is compared with it.

    A subclass's backprop (a learner's) may return gradients of the wrong number,
    shape or kind; each is named here, by the report's names (``dW0`` for the
    gradient of ``weights[0]``, ``db1`` for ``biases[0]``), instead of numpy's
    broadcasting error or an empty table. Whole numbers are taken as floats; NaN and
    inf are kept, and the report shows them as a disagreement (see
    :meth:`GradientCheckReport.mismatches`).
    """
    if not isinstance(grads, Gradients):
        raise TypeError(
            "backprop must return a Gradients (weights, biases, deltas), as "
            f"FeedForwardNetwork.backprop does, but it returned {_kind(grads)}"
        )
    groups: list[tuple[str, str, str, Any, list[Array]]] = [
        ("weight", "dW", "weights", grads.weights, network.weights)
    ]
    if network.biases is not None:
        if grads.biases is None:
            raise ValueError(
                f"backprop's biases gradients are None, expected "
                f"{network.n_layers} (one per biases[l]): the network has biases"
            )
        groups.append(("bias", "db", "biases", grads.biases, network.biases))
    elif grads.biases is not None:
        raise ValueError(
            "backprop returned biases gradients, but the network has no biases: "
            "they should be None"
        )
    checked_groups = []
    for what, prefix, attribute, given, params in groups:
        if not isinstance(given, (list, tuple)):
            raise TypeError(
                f"backprop's {attribute} gradients must be a list of arrays, one per "
                f"{attribute}[l], but they are {_kind(given)}"
            )
        if len(given) != len(params):
            raise ValueError(
                f"backprop returned {counted(len(given), f'{what} gradient')}, "
                f"expected {len(params)} (one per {attribute}[l])"
            )
        arrays = []
        for l, (g, p) in enumerate(zip(given, params)):
            name = f"{prefix}{l + (what == 'bias')}"
            expected = f"(the shape of {attribute}[{l}])"
            if not isinstance(g, np.ndarray):
                raise TypeError(
                    f"backprop returned {name} as {_kind(g)}, expected a numpy array "
                    f"of shape {p.shape} {expected}"
                )
            if g.shape != p.shape:
                hint = (
                    "; transposed?"
                    if g.ndim == 2 and g.shape == p.shape[::-1]
                    else "; summed with keepdims=True?"
                    if g.shape == (1, *p.shape)
                    else ""
                )
                raise ValueError(
                    f"backprop returned {name} of shape {g.shape}, expected "
                    f"{p.shape} {expected}{hint}"
                )
            if g.dtype.kind in "iu":  # whole numbers: the same gradient, as floats
                g = g.astype(float)
            elif g.dtype.kind != "f":
                raise TypeError(
                    f"backprop returned {name} of dtype {g.dtype}, expected an array "
                    "of numbers (float)"
                )
            elif np.finfo(g.dtype).eps > np.finfo(np.float64).eps:
                raise TypeError(
                    f"backprop returned {name} of dtype {g.dtype}, expected float64: "
                    f"its rounding, about {np.finfo(g.dtype).eps:.0e} of each entry, "
                    "is above what finite differences can tell apart, and its entries "
                    "would DISAGREE (compute the gradients in float64)"
                )
            arrays.append(g)
        checked_groups.append(arrays)
    grads.weights = checked_groups[0]
    if network.biases is not None:
        grads.biases = checked_groups[1]
    return grads


def _kind(value: Any) -> str:
    """``'a list'``, ``'None'``: what a value is, for the messages."""
    if value is None:
        return "None"
    name = type(value).__name__
    return f"an {name}" if name[0] in "aeiou" else f"a {name}"


def _penalty_acts(network: FeedForwardNetwork, regularizer: Regularizer | None) -> str:
    r"""What the penalty adds here: ``""``, ``"gradient"`` or ``"kink"``.

    See ``GradientCheckReport.penalty``: a gradient where a penalised weight is not
    0 (L2's :math:`2\lambda w/n`, L1's :math:`\pm\lambda/n`), L1's kink where all
    are 0, nothing without a penalty or with a strength of 0.
    """
    if regularizer is None or regularizer.lam == 0:
        return ""
    if any(np.any(W != 0) for W in network.weights):
        return "gradient"
    return "kink" if regularizer.kind == "l1" else ""


def _relative_sizes(
    analytic: list[Array], params: list[Array], value: float
) -> list[Array]:
    r"""For every entry, :math:`|g|\,\max(|w|, 1) / |E|`: a share of the error.

    The share that a change of the parameter by its size (at least 1) moves, to
    first order. Below :data:`_TINY` the entry is too small to check or to train.
    Infinite where the error is 0 (nothing is small beside it).
    """
    if value == 0:
        return [np.full(a.shape, np.inf) for a in analytic]
    with np.errstate(over="ignore"):
        return [
            np.abs(a) * np.maximum(np.abs(p), 1.0) / abs(value)
            for a, p in zip(analytic, params)
        ]


def _shares_of_ordinary_error(
    sizes: list[Array], error: float, outputs: int
) -> list[Array]:
    r"""The shares ``sizes`` as they would be beside an error of ordinary size.

    A gradient is *tiny* (:data:`_TINY`) where it is small beside the error, but a
    large error makes every gradient small beside it: squared error grows as the
    square of the outputs' distance from their targets, its gradient only as that
    distance, so targets 1e20 times too large gave gradients of 5.6e19 a share of
    1e-20, reported as "tiny ... too little to be trained" beside small inputs and
    error signals, when the cause was the error's size (named at targets 1e12 times
    too large, not at 1e13). So the test is relative to the error's size: the
    shares are those of the error scaled to 1 per output and sample
    (:data:`_LARGE_ERROR`, as targets scaled down give it), each multiplied by
    :math:`\sqrt{e}` for an error of :math:`e` per output and sample above 1, and
    left alone otherwise. An entry tiny by this measure is tiny whatever the
    targets' scale; the others, small only beside a large error, are told to scale
    the targets down (:func:`_large_error`).

    Examples
    --------
    >>> z = [np.array([1e-20, 1e-30])]
    >>> [float(s) for s in _shares_of_ordinary_error(z, 1e40, 1)[0]]
    [1.0, 1e-10]
    >>> float(_shares_of_ordinary_error(z, 0.5, 1)[0][0])
    1e-20
    """
    per = abs(error) / max(outputs, 1) / _LARGE_ERROR
    factor = float(np.sqrt(per)) if per > 1 else 1.0
    with np.errstate(over="ignore"):
        return [z * factor for z in sizes]


def _at_targets(network: FeedForwardNetwork, Y: Array, T: Array) -> int:
    """How many outputs ``Y`` equal their targets exactly, the activation not flat.

    Flat: a slope of exactly 0 (a sigmoid output rounded to 1), or for a softmax an
    output of exactly 0 or 1; such an output is saturated at its target, not at a
    minimum of the loss in its logit.
    """
    act = network.activations[-1]
    moving = act.output_slope(Y) != 0 if act.elementwise else (Y > 0) & (Y < 1)
    return int(np.count_nonzero((Y == T) & moving))


def _underflowed(
    network: FeedForwardNetwork,
    X: Array,
    T: Array,
    loss: Loss,
    params: list[Array],
    analytic: list[Array],
    numeric: list[Array],
    sampled: list[NDArray[np.bool_]],
) -> tuple[int, tuple[int, float]]:
    r"""Compared entries 0 in both gradients: by underflow, and by backprop alone.

    A weight's gradient is :math:`\sum_n A_{ni}\,\delta_{nj}`, a bias's
    :math:`\sum_n \delta_{nj}`, with the package's own error signals
    :math:`\delta`. Where the check's own sum is not 0 (beyond the rounding of its
    terms), the true gradient is not 0, only too small for finite differences to
    see: a 0 from backpropagation there is backpropagation's own (an array or
    entries set to 0), not underflow. Where the own sum is 0 too, each column of
    :math:`A` and of :math:`\delta` is scaled by a power of two to a largest entry
    of about 1 (exactly, with ``ldexp``) and the sum taken again: where that is not
    0, the terms (inputs of 1e-200 times error signals of 1e-200) rounded to 0
    below the smallest normal number.

    Returns
    -------
    tuple
        ``(underflowed, (zeroed, largest))``: the entries whose terms underflowed;
        those that backpropagation alone made 0, with the largest size of their
        true gradient (0.0 when there are none).
    """
    passed = network.run_forward(X)
    deltas = FeedForwardNetwork.run_backward(network, passed, T, loss).deltas
    count = zeroed = 0
    largest = 0.0
    biases = network.biases if network.biases is not None else [None] * len(deltas)
    for A, W, b, delta in zip(passed.activations, network.weights, biases, deltas):
        _, a_exp = np.frexp(np.abs(A).max(axis=0))
        _, d_exp = np.frexp(np.abs(delta).max(axis=0))
        scaled = np.ldexp(A, -a_exp).T @ np.ldexp(delta, -d_exp)
        own = [
            (W, A.T @ delta, np.abs(A).T @ np.abs(delta), scaled),
            (b, delta.sum(axis=0), np.abs(delta).sum(axis=0), None),
        ]
        for k, p in enumerate(params):
            for q, total, terms, rescaled in own:
                if p is not q:
                    continue
                zero = (analytic[k] == 0) & (numeric[k] == 0) & sampled[k]
                # beyond the rounding of its terms: a true gradient, not a residue
                true = np.abs(total) > 16 * np.finfo(float).eps * terms
                mine = zero & true
                zeroed += int(mine.sum())
                if mine.any():
                    largest = max(largest, float(np.abs(total[mine]).max()))
                if rescaled is not None:
                    count += int((zero & (total == 0) & (rescaled != 0)).sum())
    return count, (zeroed, largest)


def _dead_ends(network: FeedForwardNetwork) -> int:
    """How many hidden units have outgoing weights that are all 0.

    No error flows back through such a unit (its delta is 0), so the gradients of its
    incoming weights and bias are 0: the all-zero start of chapter 6.
    """
    return int(sum((W == 0).all(axis=1).sum() for W in network.weights[1:]))


def _saturated(
    network: FeedForwardNetwork,
    X: Array,
    params: list[Array],
    analytic: list[Array],
    numeric: list[Array],
    sampled: list[NDArray[np.bool_]],
) -> tuple[int, int]:
    """Saturated hidden units, and the compared entries their saturation zeroes.

    A unit is saturated when its activation is bounded, elementwise and sloped at 0
    (tanh, the sigmoid, arctan; not the step, whose slope is 0 everywhere, nor ReLU,
    which does not saturate but stops responding), and its slope is exactly 0 on
    every sample of ``X``. Its incoming weights and bias then get no error: the
    entries counted are those of them that were compared and are 0 in both
    gradients.
    """
    passed = network.run_forward(X)
    units = entries = 0
    for l, act in enumerate(network.activations[:-1]):
        low, high = act.output_range
        at_zero = act.output_slope(act.function(np.zeros((1, 1))))
        if not (act.elementwise and np.isfinite([low, high]).all() and at_zero.all()):
            continue
        flat = (passed.slope(l, act) == 0).all(axis=0)
        if not flat.any():
            continue
        units += int(flat.sum())
        incoming = [network.weights[l]] + (
            [network.biases[l]] if network.biases is not None else []
        )
        for k, p in enumerate(params):
            if any(p is q for q in incoming):
                zero = (analytic[k] == 0) & (numeric[k] == 0) & sampled[k]
                entries += int((zero & np.broadcast_to(flat, p.shape)).sum())
    return units, entries


def _penalty_kinks(
    network: FeedForwardNetwork,
    regularizer: Regularizer | None,
    params: list[Array],
    steps: list[Array] | None = None,
) -> list[NDArray[np.bool_]]:
    """Where an L1 penalty puts a kink: the weights (not biases) that are exactly 0.

    With ``steps`` (the finite differences' step of each entry): the weights that are
    not 0 but within their step of it, where the difference straddles the kink.

    :math:`|w|` has its kink at 0 whatever the step, so no finite difference, however
    small, measures a derivative there.
    """
    flags = [np.zeros(p.shape, dtype=bool) for p in params]
    if regularizer is None or regularizer.kind != "l1" or regularizer.lam == 0:
        return flags
    for W in network.weights:
        for k, p in enumerate(params):
            if p is W:
                if steps is None:
                    flags[k] = W == 0
                else:
                    flags[k] = (W != 0) & (np.abs(W) < steps[k])
    return flags


def _smooth(
    network: FeedForwardNetwork, loss: Loss, regularizer: Regularizer | None
) -> bool:
    """Whether the error is smooth everywhere: no kink for a difference to straddle.

    True when every activation is one of the package's smooth ones (sigmoid, tanh,
    arctan, linear, softmax, by their functions, not their names), the loss is one of
    the package's and no L1 penalty is added; ReLU, the step, an activation or loss
    of one's own and :math:`|w|` may have kinks.
    """
    smooth = {
        ACTIVATIONS[name].function
        for name in ("sigmoid", "tanh", "arctan", "linear", "softmax")
    }
    return (
        all(act.function in smooth for act in network.activations)
        and LOSSES.get(loss.name) == loss  # == : also one asked for by an alias
        and (regularizer is None or regularizer.kind != "l1" or regularizer.lam == 0)
    )


def _near_kinks(
    evaluate: Evaluation,
    params: list[Array],
    analytic: list[Array],
    numeric: FiniteDifferences,
    eps: float,
    sampled: list[NDArray[np.bool_]],
) -> list[NDArray[np.bool_]]:
    """Entries whose difference straddles a kink: it disagrees, a finer one does not.

    A kink within the step (a ReLU input or an L1-penalised weight within about
    ``eps`` of 0) spoils the difference and its error estimate, which both assume
    a smooth error, and backpropagation seems to DISAGREE. Each entry that
    disagrees (and is no kink already) is measured again with a step 16 times
    smaller (no smaller than 1e-10). The entry is near a kink only with evidence of
    one: the finer difference sees a kink itself, or it agrees with backpropagation
    by the test of :meth:`GradientCheckReport.mismatches` (ten times its error bound
    or the default relative tolerance) while the two differences disagree with each
    other beyond both their error bounds, which no smooth error can make them do.
    The finer step's round-off bound is 16 times larger, so agreeing with it alone is
    no evidence: a slip of 1e-6 in a smooth network's gradient agreed with it. A wrong
    gradient near a kink disagrees with the finer difference too.
    """
    finer = max(eps / _FINER, 1e-10)
    flags = [np.zeros(p.shape, dtype=bool) for p in params]
    if finer >= eps:
        return flags
    tolerance = 1e-7  # the default of mismatches and passed
    for p, a, g, e, k, s, flag in zip(
        params, analytic, numeric.gradient, numeric.error, numeric.kinks, sampled, flags
    ):
        coarse_wrong = np.abs(a - g) > np.maximum(
            _SAFETY * e, tolerance * (np.abs(a) + np.abs(g))
        )
        for i in zip(*np.nonzero(coarse_wrong & ~k & s)):
            g2, e2, _, kink = _one_entry(evaluate, p, i, finer)
            agrees = abs(a[i] - g2) <= max(
                _SAFETY * e2, tolerance * (abs(a[i]) + abs(g2))
            )
            apart = abs(g[i] - g2) > _SAFETY * (e[i] + e2)
            flag[i] = kink or (agrees and apart)
    return flags


def _plural(count: int, one: str, many: str) -> str:
    """``one`` for a count of 1, else ``many``."""
    return one if count == 1 else many


def _names(names: Sequence[str]) -> str:
    """``'W0'``, ``'W0 and b1'``, ``'W0, b1 and W1'``; from five on, the ends only.

    >>> _names(["W0", "b1", "W1", "b2", "W2"])
    'W0, b1, ... b2, W2 (5 arrays)'
    """
    if len(names) > 4:
        first, last = ", ".join(names[:2]), ", ".join(names[-2:])
        return f"{first}, ... {last} ({len(names)} arrays)"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@dataclass
class _Chain:
    r"""A network's backward pass at one point, to say why its error signals are small.

    A weight's gradient is its input times the error signal :math:`\delta` of the
    unit it feeds; that signal is the output's, carried back through the weights
    and multiplied by the slope of every layer on the way. Where a gradient is tiny
    or 0, one of those factors is: :meth:`tiny_causes` and :meth:`why_nothing_arrives`
    say which, and whether it is the unit's own slope or something further up.
    """

    network: FeedForwardNetwork
    passed: ForwardPass  # the network's forward pass on X
    deltas: Sequence[Array]
    from_logits: bool  # the output's signal is y - t, whatever its slope
    error: float  # E at the point, with the penalty if there is one
    loss: float  # the loss alone
    targets: Array
    cancelled: str = ""  # why the output error cancels over the samples, if it does

    def bounded(self, m: int) -> bool:
        """Whether layer ``m``'s activation (1-based) has finite limits to saturate."""
        low, high = self.network.activations[m - 1].output_range
        return bool(np.isfinite([low, high]).all())

    def slope_ratio(self, m: int) -> Array:
        """Layer ``m``'s slopes on each sample, beside its activation's largest.

        A bounded activation (sigmoid, tanh, arctan) is steepest at 0, and its slope
        there is the scale (a sigmoid's 0.25 is as steep as it gets); any other
        activation's slope is taken as it is (ReLU's 1, linear's 1).
        """
        act = self.network.activations[m - 1]
        slope = self.passed.slope(m - 1, act)
        if self.bounded(m):
            largest = float(act.output_slope(act.function(np.zeros((1, 1))))[0, 0])
            if largest > 0:
                return np.asarray(slope / largest)
        return np.asarray(slope)

    def outputs_signal(self, plural: bool = False) -> str:
        """``"the output's error signal"``, or the outputs' (``plural``: signals)."""
        whose = "output's" if self.network.weights[-1].shape[1] == 1 else "outputs'"
        return f"the {whose} error signal{'s' * plural}"

    def layer(self, m: int) -> str:
        """``'hidden layer 2'`` or ``'the output layer'``."""
        return "the output layer" if m == self.network.n_layers else f"hidden layer {m}"

    def saturation(self, m: int, units: NDArray[np.bool_], own: bool = False) -> str:
        """Which of layer ``m``'s ``units`` are saturated, and how close to the limits.

        The share of their activations whose slope is below 1e-4 of the largest, and
        the farthest of those from the nearer limit of the activation. ``own``: the
        units are those of the layer whose error signal is described ("its units").
        """
        act = self.network.activations[m - 1]
        ratio = self.slope_ratio(m)[:, units]
        flat = ratio < _TINY_FACTOR
        count, total = int(units.sum()), int(units.size)
        output = m == self.network.n_layers
        kind = "output" if output else "unit"
        of = "" if output or own else f" of {self.layer(m)}"
        if count < total:
            who = f"{count} of {'its' if own else 'the'} {total} {kind}s{of}"
        elif own and not output:
            who = f"its own {_plural(count, 'unit', 'units')}"
        else:
            who = f"the {_plural(count, kind, f'{count} {kind}s')}{of}"
        one = count == 1
        if not self.bounded(m):
            return (
                f"the slope of {who} is at most {float(ratio.max()):.0e} on every "
                "sample"
            )
        low, high = act.output_range
        Y = self.passed.outputs[m - 1][:, units]
        gap = float(np.minimum(np.abs(Y - low), np.abs(Y - high))[flat].max())
        values = "value" if output else "activation"
        its = "its" if one else "their"
        share = (
            f"{its} {values} on the one sample"
            if flat.size == 1
            else f"all {int(flat.size)} of {its} {values}s"
            if flat.all()
            else f"{int(flat.sum())} of {its} {int(flat.size)} {values}s"
        )
        lie = "lies" if flat.size == 1 else "lie"
        where = (
            f"within {gap:.0e} of {low:.3g} or {high:.3g}"
            if gap > 0
            else f"at {low:.3g} or {high:.3g}"
        )
        return (
            f"{who} {'is' if one else 'are'} saturated: {share} {lie} {where}, where "
            f"the {'output ' if output else ''}{act.name} is flat"
        )

    def signal_causes(
        self, m: int, units: NDArray[np.bool_]
    ) -> list[tuple[str, str, str]]:
        """The factors below 1e-4 on every sample in the error signal of layer ``m``.

        From the layer's own ``units`` upward, each as ``(where, text, remedy)``:
        ``where`` is ``"own"`` for the units' own slope, ``"above"`` for the weights
        that carry the error back to them and the slopes of the layers above, up to
        the outputs' slope (no factor where the output's signal is y - t, computed
        from the logits).
        """
        L = self.network.n_layers
        causes = []
        for layer in range(m, L + 1):
            sloped = layer < L or not self.from_logits
            if sloped and self.slope_ratio(layer)[:, units].max() < _TINY_FACTOR:
                causes.append(
                    (
                        "own" if layer == m else "above",
                        self.saturation(layer, units, own=layer == m),
                        _OUTPUT_REMEDY if layer == L else _UNIT_REMEDY,
                    )
                )
            if layer == L and not causes:
                causes.extend(self.on_target(units, "own" if layer == m else "above"))
            if layer < L:
                W = self.network.weights[layer][units]
                size = float(np.abs(W).max(initial=0.0))
                if 0 < size < _TINY_FACTOR:
                    causes.append(
                        (
                            "above",
                            f"the weights W{layer} that carry the error back to "
                            f"{self.layer(layer)} are at most {size:.0e}",
                            "scale them up",
                        )
                    )
                units = np.ones(self.network.weights[layer].shape[1], dtype=bool)
        return causes

    def on_target(
        self, units: NDArray[np.bool_], where: str
    ) -> list[tuple[str, str, str]]:
        """The outputs ``units`` if their error signals are tiny beside the others'.

        With slopes that are not tiny, an output's error signal is small where the
        output is close to its target: confident and right, it has little left to
        learn, and the weights into it get tiny gradients. When ``units`` are all the
        outputs, they count only where the loss is below 1e-4 of the error, which a
        penalty makes; and they are confident and right only within 1e-4 of their
        targets: farther, the cause is the penalty's size alone (outputs 0.7 off
        beside a penalty of 5e118 were called confident and right). Empty
        otherwise; ``where`` is the cause's place (``"own"`` or ``"above"``, see
        :meth:`signal_causes`).
        """
        delta = np.abs(self.deltas[-1])
        largest = float(delta.max(initial=0.0))
        if units.all():
            small = abs(self.loss) < _TINY_FACTOR * abs(self.error)
        else:
            small = float(delta[:, units].max()) < _TINY_FACTOR * largest
        if not small:
            return []
        count = int(units.sum())
        gap = float(np.abs(self.passed.output - self.targets)[:, units].max())
        near = f"within {gap:.0e} of" if gap > 0 else "exactly on"
        if units.all() and not gap < _TINY_FACTOR:
            # the penalty's size alone: outputs 0.7 off their targets beside a
            # penalty of 5e118 were "confident and right" (review 25, F8)
            return [
                (
                    where,
                    f"the penalty makes the error {abs(self.error):.0e}, while the "
                    f"loss is only {self.loss:.0e}",
                    "the penalty's size alone makes the data term's gradients tiny "
                    "beside the error: check with smaller weights or a smaller "
                    "penalty rate",
                )
            ]
        if units.all():
            who = f"the {_plural(count, 'output is', f'{count} outputs are')}"
            beside = (
                f"so the loss is only {self.loss:.0e}, while the penalty makes the "
                f"error {abs(self.error):.0e}"
            )
        else:
            who = f"{count} of the {units.size} outputs {_plural(count, 'is', 'are')}"
            beside = f"while the others' error signals reach {largest:.0e}"
        return [
            (
                where,
                f"{who} {near} {_plural(count, 'its target', 'their targets')} on "
                f"every sample, {beside}",
                "confident and right: nothing is wrong, and there is little left "
                "for these weights to learn",
            )
        ]

    def signal_text(
        self,
        m: int,
        units: NDArray[np.bool_],
        what: str,
        entries: tuple[int | None, NDArray[np.bool_]] | None = None,
        share: float | None = None,
    ) -> str:
        """Why ``what`` (the error signal of layer ``m``'s ``units``) is tiny.

        ``entries``: ``(l, mask)``, the tiny entries of ``W{l}`` (``l`` None: of
        layer ``m``'s biases, ``mask`` over its units), whose inputs are factors too;
        ``share``: the largest of their shares of the error (``relative_sizes``).
        Where no factor is below 1e-4 on every sample, what is below it on each
        sample (:meth:`sample_factors`), as measured, is said instead.
        """
        causes = self.signal_causes(m, units)
        own = [(text, remedy) for where, text, remedy in causes if where == "own"]
        above = [(text, remedy) for where, text, remedy in causes if where == "above"]
        parts = []
        if own:
            parts.append(f"{what} is tiny because {own[0][0]} ({own[0][1]})")
        if above:
            parts.append(
                ("and the error signal reaching it" if own else "the error signal ")
                + ("" if own else f"reaching {self.layer(m)}")
                + " from above is already tiny, because "
                + ", and ".join(f"{text} ({remedy})" for text, remedy in above)
            )
        if parts:
            return ", ".join(parts)
        if self.network.n_layers - m >= _DEEP:
            return (
                "no single factor of these gradients (an input, a slope, a weight) is "
                "below 1e-4 on every sample, but their product over the layers the "
                "error passes back through is: a vanishing gradient (fewer layers, or "
                "activations and weights that keep the error signal's size on its way "
                "back)"
            )
        return self.per_sample_text(m, entries or (None, units), share)

    def sample_factors(
        self, m: int, entries: tuple[int | None, NDArray[np.bool_]]
    ) -> list[tuple[str, NDArray[np.bool_], NDArray[np.bool_]]]:
        """The factors of the ``entries``' terms, and the samples where each is small.

        ``entries`` as in :meth:`signal_text`. Each factor as ``(text, every,
        some)``: ``every`` (one flag per sample) where it is below 1e-4 for every
        one of the entries, ``some`` where it is for at least one. The factors: the
        entries' inputs (absolute, for weights), the slope of the units they feed
        (beside the activation's largest), and the error signal those units get
        (beside its largest over the samples and the layer's units): from above,
        summed over absolute values (so an upper bound of it), or for the output
        layer its own error signal.
        """
        l, mask = entries
        L = self.network.n_layers
        grid = mask if l is not None else mask[None, :]  # (inputs, units)
        factors: list[tuple[str, Array]] = []
        if l is not None:
            A = np.abs(self.passed.activations[l])
            where = "" if l == 0 else f", the activations of {self.layer(l)},"
            factors.append((f"their inputs{where} are below 1e-4", A[:, :, None]))
        if m < L or not self.from_logits:
            whose = (
                "the output's"
                if m == L and grid.shape[1] == 1
                else "the outputs'"
                if m == L
                else f"the units they feed, in {self.layer(m)},"
            )
            scale = " of the activation's largest" if self.bounded(m) else ""
            factors.append(
                (
                    f"the slope of {whose} is below 1e-4{scale}",
                    self.slope_ratio(m)[:, None, :],
                )
            )
        if m < L:
            signal = np.abs(self.deltas[m]) @ np.abs(self.network.weights[m]).T
            text = f"the error signal reaching {self.layer(m)} from above"
        else:
            signal = np.abs(self.deltas[-1])
            text = self.outputs_signal()
        largest = float(signal.max(initial=0.0))
        factors.append(
            (
                f"{text} is below 1e-4 of its largest",
                signal[:, None, :] / (largest if largest > 0 else 1.0),
            )
        )
        found = []
        for text, size in factors:
            small = np.broadcast_to(size < _TINY_FACTOR, (size.shape[0], *grid.shape))
            chosen = small[:, grid]  # (samples, entries)
            found.append(
                (
                    text,
                    np.asarray(chosen.all(axis=1), dtype=bool),
                    np.asarray(chosen.any(axis=1), dtype=bool),
                )
            )
        return found

    def per_sample_text(
        self, m: int, entries: tuple[int | None, NDArray[np.bool_]], share: float | None
    ) -> str:
        """What is small on each sample where no factor is small on every sample."""
        found = self.sample_factors(m, entries)
        samples = found[0][1].size
        every = np.zeros(samples, dtype=bool)
        parts = []
        for text, on_all, _ in found:
            if on_all.any():
                every |= on_all
                count = int(on_all.sum())
                parts.append(f"on {count} of the {samples} samples {text}")
        listed = "an input, a slope, the error signal"
        if parts:
            rest = samples - int(every.sum())
            head = (
                "no single factor of these gradients is below 1e-4 on every sample, "
                "but on each sample one is: "
                if not rest
                else "no single factor of these gradients is below 1e-4 on every "
                "sample: "
            )
            tail = (
                f", and on the other {rest} no one factor ({listed}) is below 1e-4 "
                "for all of these entries"
                if rest
                else ""
            )
            listing = "; ".join(parts)
            return head + listing + tail
        if any(some.any() for _, _, some in found):
            return (
                f"no one factor of these gradients ({listed}) is below 1e-4 for all "
                "of these entries on any sample"
            )
        none = f"no factor of these gradients ({listed}) is below 1e-4 on any sample"
        if share is None:
            return none
        moved = share * abs(self.error)
        # only an error above 1 per output and sample is too large (_LARGE_ERROR), and
        # only a share that is not tiny beside an error of ordinary size is small
        # beside the error alone (review 22: a relative test, not moved >= 1e-12)
        large = abs(self.error) > _LARGE_ERROR * max(self.deltas[-1].size, 1)
        ordinary = _shares_of_ordinary_error(
            [np.array(share)], self.error, self.deltas[-1].size
        )[0]
        if large and float(ordinary) >= _TINY:
            return (
                f"{none}: they move the error by up to {moved:.0e}, tiny only beside "
                f"the error itself, {abs(self.error):.0e}, whose rounding finite "
                "differences cannot see past (scale the targets, or the outputs, "
                "down, so that the error is not so large)"
            )
        return (
            f"{none}: their terms are products of several factors, none of them "
            "below 1e-4, that together are tiny"
        )

    def tiny_causes(
        self, l: int, weights: bool, mask: NDArray[np.bool_], sizes: Array
    ) -> str:
        """Why the entries ``mask`` of ``W{l}`` (or of ``b{l+1}``) are tiny.

        ``sizes``: the array's shares of the error (``relative_sizes``).

        A weight's entries whose input is below 1e-4 on every sample are put down to
        it; the others (and a bias's) to the error signal of the unit they feed.
        """
        small_input = np.zeros(mask.shape, dtype=bool)
        if weights:
            A = np.abs(self.passed.activations[l]).max(axis=0)
            small_input = mask & (A < _TINY_FACTOR)[:, None]
        rest = mask & ~small_input
        parts = []
        if small_input.any():
            parts.append(self.small_inputs(l, np.asarray(small_input.any(axis=1))))
        if rest.any():
            units = np.asarray(rest.any(axis=0) if weights else rest, dtype=bool)
            m = l + 1
            what = (
                self.outputs_signal()
                if m == self.network.n_layers
                else f"the error signal of {self.layer(m)}"
            )
            parts.append(
                self.signal_text(
                    m,
                    units,
                    what,
                    (l if weights else None, rest),
                    float(sizes[rest].max()),
                )
            )
        if len(parts) == 2:
            count = int(small_input.sum())
            return (
                f"for {count} of them {parts[0]}, and for the other "
                f"{int(rest.sum())} {parts[1]}"
            )
        return parts[0]

    def small_inputs(self, l: int, rows: NDArray[np.bool_]) -> str:
        """The inputs ``rows`` of ``W{l}``, below 1e-4 on every sample."""
        size = float(np.abs(self.passed.activations[l][:, rows]).max(initial=0.0))
        if l == 0 and size == 0:
            # no "scale the inputs up" for inputs of exactly 0 (review 25, F8)
            return (
                "its inputs are exactly 0 on every sample, so the data term gives "
                "these weights no gradient and only the penalty's is left (an input "
                "that is always 0 carries nothing to learn; scaling it changes "
                "nothing)"
            )
        if l == 0:
            return f"its inputs are at most {size:.0e} (scale the inputs up)"
        low = self.network.activations[l - 1].output_range[0]
        count = int(rows.sum())
        at_limit = (
            f" ({_plural(count, 'that unit is', 'those units are')} saturated at "
            f"{low:.3g})"
            if self.bounded(l) and low == 0
            else ""
        )
        return (
            f"its inputs, the activations of {self.layer(l)}, are at most "
            f"{size:.0e}{at_limit}"
        )

    def why_nothing_arrives(
        self, m: int, units: NDArray[np.bool_], rows: NDArray[np.bool_], there: str
    ) -> str:
        """Why no error reaches hidden layer ``m``'s ``units`` on the samples ``rows``.

        ``there`` names those samples in the text ("on every sample").

        What arrives is the error signal of layer ``m + 1`` carried back through the
        weights ``W{m}``: it is 0 where that signal is 0 (the outputs rounded to their
        targets or limits, or layer ``m + 1``'s slope is 0, or nothing reaches it in
        turn), or where the products underflowed.
        """
        L = self.network.n_layers
        ahead = (self.network.weights[m][units] != 0).any(axis=0)
        above = self.deltas[m][rows][:, ahead]
        if (above != 0).any():
            size = float(np.abs(above).max())
            W = np.abs(self.network.weights[m][units][:, ahead])
            own = self.passed.slope(m - 1, self.network.activations[m - 1])
            terms = (np.abs(above) @ W.T) * np.abs(own[rows][:, units])
            if terms.max() >= np.finfo(float).tiny:  # normal numbers: no underflow
                return f"the terms it is summed from cancel to exactly 0 {there}"
            what = (
                self.outputs_signal(plural=True)
                if m + 1 == L
                else f"the error signals of {self.layer(m + 1)}"
            )
            underflow = (
                f"it underflowed to 0 on its way back ({what} are at most {size:.0e} "
                f"{there}, and their products with the weights and slopes fall below "
                "4.9e-324, the smallest number, and round to 0)"
            )
            if not self.signal_causes(m + 1, ahead) and (
                size >= _TINY_FACTOR * abs(self.error)
            ):
                return (
                    f"{underflow}: the error itself is only {abs(self.error):.0e} (a "
                    "confident, correct network), and its error signals are no larger"
                )
            return f"{underflow}, and " + self.signal_text(
                m + 1, ahead, what.replace(" signals", " signal")
            )
        if m + 1 == L:
            return (
                f"{self.outputs_signal(plural=True)} are 0 {there}: each output "
                f"{_SATURATED_OUTPUT}"
            )
        ends = (self.network.weights[m + 1][ahead] == 0).all(axis=1)
        if ends.all():
            return (
                f"the units of {self.layer(m + 1)} above pass no error back: the "
                "weights leaving them are all 0 (as from an all-zero start)"
            )
        slope = self.passed.slope(m, self.network.activations[m])[rows][:, ahead]
        flat = (slope == 0).all(axis=1)
        stop = (
            "saturated (their activation's slope is exactly 0)"
            if self.bounded(m + 1)
            else "not responding (their activation's slope is 0)"
        )
        if flat.all():
            return f"the units of {self.layer(m + 1)} above are {stop} {there}"
        beyond = rows.copy()
        beyond[rows] = ~flat
        onward = ahead.copy()
        onward[ahead] = ~ends
        further = self.why_nothing_arrives(
            m + 1, onward, beyond, "there" if flat.any() else there
        )
        if not flat.any():
            return further
        return (
            f"the units of {self.layer(m + 1)} above are {stop} on some of those "
            f"samples, and on the others {further}"
        )


def _silenced(
    chain: _Chain,
    params: list[Array],
    analytic: list[Array],
    numeric: list[Array],
    sampled: list[NDArray[np.bool_]],
) -> tuple[int, str]:
    """Compared entries 0 in both gradients because no error reaches their unit.

    A hidden unit whose error signal is 0 on every sample, though its own slope is
    not 0 on every sample (it is neither saturated nor dead) and its outgoing
    weights are not all 0: the error that arrives from above is 0 where it
    responds. Its incoming weights and bias get no error; the count of those
    entries, and the words that say why nothing arrives
    (:meth:`_Chain.why_nothing_arrives`).
    """
    network = chain.network
    count, causes = 0, []
    for m in range(1, network.n_layers):
        delta = chain.deltas[m - 1]
        slope = chain.passed.slope(m - 1, network.activations[m - 1])
        silent = (
            (delta == 0).all(axis=0)
            & (slope != 0).any(axis=0)
            & (network.weights[m] != 0).any(axis=1)
        )
        if not silent.any():
            continue
        incoming = [network.weights[m - 1]] + (
            [network.biases[m - 1]] if network.biases is not None else []
        )
        for k, p in enumerate(params):
            if any(p is q for q in incoming):
                zero = (analytic[k] == 0) & (numeric[k] == 0) & sampled[k]
                count += int((zero & np.broadcast_to(silent, p.shape)).sum())
        rows = (slope[:, silent] != 0).any(axis=1)
        units = int(silent.sum())
        there = (
            "on every sample"
            if rows.all()
            else f"on the {int(rows.sum())} "
            f"{_plural(int(rows.sum()), 'sample', 'samples')} where "
            f"{_plural(units, 'it responds', 'they respond')}"
        )
        causes.append(
            f"no error reaches {units} {_plural(units, 'unit', 'units')} of "
            f"{chain.layer(m)} from above, though "
            f"{_plural(units, 'its own slope is', 'their own slopes are')} not 0 "
            f"({_plural(units, 'it is', 'they are')} neither saturated nor dead): "
            + chain.why_nothing_arrives(m, silent, rows, there)
        )
    return count, ", and ".join(causes)


def _tiny_causes(
    chain: _Chain,
    names: list[str],
    tiny: list[NDArray[np.bool_]],
    analytic: list[Array],
    sizes: list[Array],
) -> list[str]:
    """For each parameter array, why its ``tiny`` entries are tiny ('' where none).

    A gradient entry is a sum of terms, over the samples and the paths back from the
    outputs (:func:`_term_sizes`): where the terms are tiny too,
    :meth:`_Chain.tiny_causes` names the small factor; where the entry is below 1e-8
    of them, they cancel (the error is flat in that direction, and the gradient is 0
    up to rounding), and no factor is to blame.
    """
    causes = []
    for name, flags, a, z, terms in zip(
        names, tiny, analytic, sizes, _term_sizes(chain, names)
    ):
        cancel = flags & (np.abs(a) < _CANCEL * terms)
        small = flags & ~cancel
        weights = name.startswith("W")
        l = int(name[1:]) if weights else int(name[1:]) - 1
        text = chain.tiny_causes(l, weights, small, z) if small.any() else ""
        if cancel.any():
            count = int(cancel.sum())
            why = _CANCELLED
            if _cancels_with_errors(chain, name):
                why = f"{chain.cancelled}, so the terms of this gradient cancel to 0"
            text = f"{text}; for {count} of them, {why}" if text else why
        causes.append(text)
    return causes


def _cancelled_errors(
    chain: _Chain,
    names: list[str],
    analytic: list[Array],
    numeric: list[Array],
    sampled: list[NDArray[np.bool_]],
) -> tuple[int, str]:
    r"""Whether the output error cancels over the samples, measured, and its zeros.

    For each output :math:`k`, the error signals :math:`\delta^{(L)}_{nk}` (``y - t``
    for a cross-entropy on its own output activation) are compared with their sum
    over the samples. Where every sample gives the same output and some signals are
    not 0 but their sum is below :math:`10^{-8}` of their sizes, the targets balance
    around that output and the errors cancel. A bias's gradient is then that sum
    times factors the same on every sample (the weights and slopes on its way back,
    where no slope varies; :func:`_cancels_with_errors`): 0 up to rounding. The text
    is also stored on the chain (``_Chain.cancelled``), so that the headline, the
    tiny-entry lines and the zeros line name one measured cause.

    Returns
    -------
    tuple
        ``(entries, why)``: the compared bias entries that are 0 in both gradients
        for this cause, and its text ('' when the output error does not cancel).
    """
    delta = chain.deltas[-1]
    y_all = chain.passed.output
    sizes = np.abs(delta).sum(axis=0)
    total = np.abs(delta.sum(axis=0))
    same = np.ptp(y_all, axis=0) <= 1e-6 * np.maximum(np.abs(y_all).max(axis=0), 1e-300)
    cancels = (sizes > 0) & (total <= _CANCEL * sizes) & same
    if not cancels.any():
        return 0, ""
    k = int(np.argmax(cancels))
    y, t = y_all[:, k], chain.targets[:, k]
    n = delta.shape[0]
    size = np.abs(y - t).mean() if chain.from_logits else sizes[k] / n
    above = int((t > y).sum())
    chain.cancelled = (
        f"the output {'error y - t' if chain.from_logits else 'error signal'}, "
        f"about {float(size):.1g} in size on each of the {n} samples, sums to "
        f"{'0' if total[k] == 0 else f'{float(total[k]):.0e}'} over them: every "
        f"sample gives the same output, {float(y.mean()):.2g} (the inputs barely "
        f"differ), and the targets balance around it ({above} above, {n - above} "
        "below)"
    )
    count = sum(
        int(((a == 0) & (d == 0) & s).sum())
        for name, a, d, s in zip(names, analytic, numeric, sampled)
        if _cancels_with_errors(chain, name)
    )
    return count, chain.cancelled


def _cancels_with_errors(chain: _Chain, name: str) -> bool:
    """Whether bias ``name``'s terms are the cancelling output error times one factor.

    True for a bias when the output error cancels (``_Chain.cancelled``) and no slope
    on its way back varies over the samples: each term is the output error times a
    factor the same on every sample, so the sum is 0 up to rounding.
    """
    if not chain.cancelled or not name.startswith("b"):
        return False
    network = chain.network
    for i in range(int(name[1:]) - 1, network.n_layers - 1):
        slope = np.abs(chain.passed.slope(i, network.activations[i]))
        if (np.ptp(slope, axis=0) > 1e-6 * slope.max(axis=0)).any():
            return False
    return True


def _term_sizes(chain: _Chain, names: list[str]) -> list[Array]:
    r"""For each parameter array, the size of the terms its gradient is summed from.

    Backpropagation with every sum taken over absolute values, so that nothing
    cancels: :math:`S^{(L)} = |\delta^{(L)}|`, :math:`S^{(l)} = (S^{(l+1)}
    |W^{(l)}|^\top) \odot |f'(Z^{(l)})|`, and :math:`|A^{(l)}|^\top S^{(l+1)}` for
    a weight, :math:`\sum_n S^{(l+1)}_n` for a bias. Sums over the samples and over
    the paths back from the outputs both count: a hidden unit whose weights to a
    softmax's outputs are all equal receives error signals that sum to 0 over them.
    """
    network = chain.network
    S = [np.abs(chain.deltas[-1])]
    sizes = []
    with np.errstate(over="ignore"):  # inf: terms too large to cancel to a tiny sum
        for l in range(network.n_layers - 1, 0, -1):
            slope = chain.passed.slope(l - 1, network.activations[l - 1])
            S.insert(0, (S[0] @ np.abs(network.weights[l]).T) * np.abs(slope))
        for name in names:
            if name.startswith("W"):
                l = int(name[1:])
                sizes.append(np.abs(chain.passed.activations[l]).T @ S[l])
            else:
                sizes.append(S[int(name[1:]) - 1].sum(axis=0))
    return sizes
