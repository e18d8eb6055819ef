r"""Error (cost) functions and their derivatives with respect to the output.

Four losses, each a function of the network's outputs ``y`` and the targets
``t`` (arrays of the same shape, one sample per row):

``half_sse``
    :math:`E = \tfrac12 \sum_n \sum_o (t_o^{(n)} - y_o^{(n)})^2`, the error
    used in the textbook's worked examples. It is **half the sum of squared
    errors**, not a mean, although the textbook calls it the mean squared
    error. Its derivative is :math:`\partial E/\partial y = -(t - y)`.
``mse``
    Mean squared error, the mean of :math:`(t - y)^2` over every entry (what
    Keras's ``"mean_squared_error"`` computes). For a single output and
    :math:`n` samples, ``mse == 2 * half_sse / n``.
``binary_cross_entropy``
    :math:`-\frac1N\sum [t\ln y + (1-t)\ln(1-y)]`, the **mean over all**
    :math:`N` **entries** (samples times outputs), for targets that are 0 or 1
    and outputs between 0 and 1. On probabilities, the logarithm that would blow up
    is clipped: :math:`\ln\max(y, 10^{-15})` and :math:`\ln\max(1 - y,
    10^{-15})`, so a saturated, wrong output costs at most :math:`15 \ln 10 \approx
    34.5` (its gradient at most :math:`10^{15}` per entry) instead of infinity, the same
    at 0 and at 1, while a right output, however confident, keeps its small loss to
    every digit (0 for an exact hit).
``categorical_cross_entropy``
    :math:`-\frac1n\sum_n \sum_k t_k^{(n)} \ln y_k^{(n)}`, the **mean over the**
    :math:`n` **samples** of the cross-entropy between a target row (one-hot,
    or any row of probabilities) and an output row of probabilities, the
    output of a softmax layer.

Losses computed from the logits
-------------------------------
The two cross-entropies each have a *canonical* output activation: the
sigmoid for the binary one, the softmax for the categorical one. With that
pairing the chain rule collapses: the error derivative with respect to the
output layer's logits is

.. math:: \delta^{(L)} = \frac{\partial E}{\partial z^{(L)}} = \frac{y - t}{N}

(:math:`N` entries for the binary loss, :math:`n` samples for the
categorical one), and the loss itself can be written in the logits with
:math:`\operatorname{softplus}(z) = \ln(1 + e^z)` and the log-sum-exp,

.. math::
    E_\text{binary} = \frac1N \sum \big[\operatorname{softplus}(z) - t z\big],
    \qquad
    E_\text{categorical} = \frac1n \sum_n \Big[\ln \sum_k e^{z_k} \sum_k t_k
    - \sum_k t_k z_k\Big],

which stay exact where the probabilities round to 0 or 1 (a sigmoid output
with logit 40 and target 0 has loss 40, not the clipped 34.54). They are evaluated in
forms in which nothing cancels, so that a confident, *correct* output keeps every digit
of its small loss too:
:math:`\operatorname{softplus}(z) - tz = (\max(z, 0) - tz) + \ln(1 + e^{-|z|})` (for a
label 0 or 1 the first term is exactly 0 when the output is right), and
:math:`\ln\sum_j e^{z_j} - z_k = (\max_j z_j - z_k) + \ln(1 + r)` with :math:`r` the sum
of :math:`e^{z_j - \max z}` over the other logits. Computed naively,
:math:`\operatorname{softplus}(20)
- 20` keeps about 6 of the 16 digits of :math:`2.06 \times 10^{-9}`. The output delta
:math:`y - t` comes from the logits in the same spirit (``Loss.delta_from_logits``).
:class:`~ffnn_edu.nn.network.FeedForwardNetwork` uses these forms whenever the
output activation is the loss's ``output`` (see :class:`Loss`); ``Loss(y, t)`` itself
works on probabilities, as the book's examples do.

Each :class:`Loss` checks its arguments (matching shapes, finite numbers,
labels 0/1 for the binary loss, probability rows for the categorical one)
when called; the network and the training loop use the unchecked kernels.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

import numpy as np
from numpy.typing import ArrayLike

from .activations import softmax_parts
from .validation import (
    Array,
    as_array,
    check_binary,
    check_probability_rows,
    checked,
    no_overflow,
    refuses_unknown_keywords,
    suggest_name,
)

#: The cross-entropies clip an output before a logarithm that would blow up, ln y to
#: ln max(y, CLIP) and ln(1 - y) to ln max(1 - y, CLIP), so that a saturated, wrong
#: output (0 or 1 exactly) costs at most -ln(1e-15), about 34.5, never infinity, the
#: same at both ends. The other term is not clipped: a right output's small loss keeps
#: its digits.
CLIP = 1e-15
_LN_CLIP = float(np.log(CLIP))  # the floor of both logarithms, the same at both ends
_TOO_FAR = "y and t are too far apart: the loss of their difference overflows"

_Raw = TypeVar("_Raw", bound=Callable[..., Any])


def _in_float64(function: _Raw) -> _Raw:
    """Run a raw loss function on float64 copies of its two arrays.

    A loss's ``value`` and ``gradient`` are attributes of a public object, callable
    unchecked: on float16 input :data:`CLIP` (1e-15) rounds to 0 and ``1 - CLIP`` to 1,
    so a clipped logarithm was ln 0 = -inf (review 20 F10). In float64 every clip holds
    whatever the caller's dtype; float64 input is used as it is, with no copy.
    """

    @functools.wraps(function)
    def in_float64(y: ArrayLike, t: ArrayLike) -> Any:
        return function(
            np.asarray(y, dtype=np.float64), np.asarray(t, dtype=np.float64)
        )

    return cast(_Raw, in_float64)


@_in_float64
def _half_sse(y: Array, t: Array) -> float:
    return 0.5 * float(np.sum((t - y) ** 2))


@_in_float64
def _half_sse_gradient(y: Array, t: Array) -> Array:
    return -(t - y)


@_in_float64
def _mse(y: Array, t: Array) -> float:
    return float(np.mean((t - y) ** 2))


@_in_float64
def _mse_gradient(y: Array, t: Array) -> Array:
    return -2.0 * (t - y) / t.size


@_in_float64
def binary_cross_entropy_terms(y: Array, t: Array) -> Array:
    """The binary cross-entropy of each entry, :math:`-[t \\ln y + (1-t)\\ln(1-y)]`.

    Each logarithm is clipped only where it would blow up (see :data:`CLIP`): a wrong,
    saturated output costs at most :math:`15 \\ln 10`, a right one its exact small loss
    (``log1p`` keeps the digits of :math:`\\ln(1 - y)` for a small ``y``), and an exact
    hit +0.0, never -0.0. Unchecked; the loss and ``tuning`` average these.

    Examples
    --------
    >>> y, t = np.array([1e-20, 1.0, 0.0, 1.0]), np.array([0.0, 1.0, 1.0, 0.0])
    >>> binary_cross_entropy_terms(y, t).tolist()  # right, hit, wrong at 0 and at 1
    [1e-20, 0.0, 34.538776394910684, 34.538776394910684]
    """
    # ln(1 - y) as log1p(-y): for a small y, 1 - y rounds to a number near 1 and the
    # logarithm of it keeps only the digits of y that survived the rounding
    # (ln(1 - 1e-13) lost 3 digits of 4e-4 relative error); log1p keeps them all.
    # Clipping y itself put a floor of 1e-15 under every right output's loss.
    # Both logarithms are floored at ln CLIP, so the two ends cost the same: clipping
    # y at 1 - CLIP left ln(1 - y) at ln 9.992e-16 (1 - CLIP rounds to 1 - 9 x 2^-53),
    # and y = 1 cost 34.5396 against y = 0's 34.5388 (review 21). The min keeps
    # log1p(-1) = -inf (and its warning) out; the max does the clipping.
    terms = t * np.log(np.maximum(y, CLIP)) + (1.0 - t) * np.maximum(
        np.log1p(-np.minimum(y, 1.0 - CLIP)), _LN_CLIP
    )
    return 0.0 - terms  # 0.0 - (-0.0) is +0.0, where -terms would give -0.0


@_in_float64
def _bce(y: Array, t: Array) -> float:
    return float(np.mean(binary_cross_entropy_terms(y, t))) + 0.0  # no -0.0


@_in_float64
def _bce_gradient(y: Array, t: Array) -> Array:
    # -t/y + (1 - t)/(1 - y), each denominator clipped only where it would vanish, so
    # a right output's slope is exact (1/(1 - 1e-20), not 1/(1 - 1e-15)) and a wrong,
    # saturated one's is at most 1e15 per entry at either end: max(1 - y, CLIP), not
    # 1 - min(y, 1 - CLIP), which gave 1.0008e15 at y = 1 (review 21)
    return ((1.0 - t) / np.maximum(1.0 - y, CLIP) - t / np.maximum(y, CLIP)) / t.size


@_in_float64
def _bce_from_logits(z: Array, t: Array) -> float:
    # softplus(z) - t z = (max(z, 0) - t z) + ln(1 + e^{-|z|}): for t = 1 and z > 0 the
    # first term is exactly 0, for t = 0 and z < 0 too, so a confident, correct output
    # keeps every digit of its small loss (softplus(20) - 20
    # would cancel to about 6 digits)
    losses = (np.maximum(z, 0.0) - t * z) + np.log1p(np.exp(-np.abs(z)))
    return float(losses.sum() / losses.size)  # the mean, as np.mean computes it


@_in_float64
def _bce_delta(y: Array, t: Array) -> Array:
    return (y - t) / t.size


@_in_float64
def _bce_delta_from_logits(z: Array, t: Array) -> Array:
    # sigma(z) - t = (1 - t) sigma(z) - t sigma(-z), as sigma(z) + sigma(-z) = 1: for a
    # label 0 or 1 one term is exactly 0, so a confident, correct output's small delta
    # keeps its digits
    y, y_other = _sigmoid_pair(z)
    return ((1.0 - t) * y - t * y_other) / t.size


def _sigmoid_pair(z: Array) -> tuple[Array, Array]:
    """``sigmoid_kernel(z), sigmoid_kernel(-z)``, the same numbers, in one pass.

    Each of the two takes, at every entry, one of ``sigmoid_kernel``'s forms: the
    tanh form :math:`(1 + \\tanh(a/2))/2` at its argument :math:`a \\ge 0`, the exp
    form :math:`e^{-a}/(1 + e^{-a})` at :math:`-a < 0`, with :math:`a = |z|` either
    way. So both forms are computed once, on :math:`|z|`, and each result picks its
    form entry by entry (NaN takes the tanh form, as in ``sigmoid_kernel``).

    Examples
    --------
    >>> from ffnn_edu.nn.activations import sigmoid_kernel
    >>> z = np.array([-800.0, -3.0, -0.0, 0.0, 2.5, np.inf])
    >>> y, y_other = _sigmoid_pair(z)
    >>> bool((y == sigmoid_kernel(z)).all() and (y_other == sigmoid_kernel(-z)).all())
    True
    """
    a = np.abs(z)
    tanh_form = np.tanh(0.5 * a)
    tanh_form += 1.0
    tanh_form *= 0.5
    e = np.exp(-a)
    exp_form = e / (1.0 + e)
    return np.where(z < 0, exp_form, tanh_form), np.where(z > 0, exp_form, tanh_form)


@_in_float64
def _cce(y: Array, t: Array) -> float:
    # only ln y can blow up (y <= 1); 0.0 - x, not -x: a perfect prediction's
    # sum of 0 * ln y terms is -0.0, and its loss +0.0
    return float(0.0 - np.sum(t * np.log(np.maximum(y, CLIP))) / t.shape[0])


@_in_float64
def _cce_gradient(y: Array, t: Array) -> Array:
    return (0.0 - t) / np.maximum(y, CLIP) / t.shape[0]


@_in_float64
def _cce_from_logits(z: Array, t: Array) -> float:
    # ln sum_j e^{z_j} - z_k = (top - z_k) + ln(1 + rest), rest = the sum of e^{z_j -
    # top} over the other logits: both terms >= 0, so nothing cancels for
    # a confident, correct output
    # a gap top - z_k beyond 1.8e308 is inf: where the target is 0 its term is 0 (not
    # 0 * inf = NaN); where it is not, the loss itself is too large for a float
    top = z.max(axis=1, keepdims=True)
    _, _, others = softmax_parts(z)
    rest = others[np.arange(z.shape[0]), z.argmax(axis=1)][:, np.newaxis]
    with np.errstate(over="ignore"):
        gap = np.where(t != 0, top - z, 0.0)
    return float(np.sum(t * (gap + np.log1p(rest))) / t.shape[0])


@_in_float64
def _cce_delta(y: Array, t: Array) -> Array:
    return (y - t) / t.shape[0]


@_in_float64
def _cce_delta_from_logits(z: Array, t: Array) -> Array:
    # y - t = y (1 - t) - t (1 - y) for rows of t that sum to 1, with 1 - y = (sum of
    # the other e^{z_j}) / (sum of all): nothing cancels where one output is close to 1
    e, total, others = softmax_parts(z)
    return ((1.0 - t) * (e / total) - t * (others / total)) / t.shape[0]


@refuses_unknown_keywords
@dataclass(frozen=True)
class Loss:
    r"""Error function :math:`E(y, t)` and its gradient :math:`\partial E/\partial y`.

    Parameters
    ----------
    name : str
        Name used in the book and by :func:`get_loss`.
    value : callable
        ``value(y, t) -> float`` on output probabilities, unchecked.
    gradient : callable
        ``gradient(y, t) -> array`` shaped like ``y``, unchecked.
    targets : str
        What the targets must be: ``"numbers"``, ``"labels"`` (0 or 1) or
        ``"probability rows"`` (non-negative rows that sum to 1, within
        :func:`~ffnn_edu.nn.validation.probability_tolerance` of the data's dtype:
        1e-9, more for float32 rows, whose sums miss 1 by some 1e-8).
    output : str, optional
        The canonical output activation, if the loss has one. With it the
        network computes the loss and :math:`\delta^{(L)}` from the logits.
    value_from_logits : callable, optional
        ``value_from_logits(z, t) -> float``: the loss of ``output(z)``, stable
        for any finite logits.
    delta : callable, optional
        ``delta(y, t) -> array``: :math:`\partial E/\partial z` of the output
        layer when ``y = output(z)``, i.e. :math:`(y - t)` times the mean factor, from
        the outputs (for the chapters' experiments that hold only outputs).
    delta_from_logits : callable, optional
        ``delta_from_logits(z, t) -> array``: the same :math:`\delta^{(L)}` from the
        logits, in a form where nothing cancels; the network uses it (a loss with
        ``output`` but without it gets :math:`\partial E/\partial y \odot f'(z)`). Where
        an output rounds to 1, :math:`y - t` from the rounded output loses the digits of
        a small delta (:math:`\sigma(40) - 1` is exactly 0, the true value
        :math:`-4.2 \times 10^{-18}`).
    alias : str, optional
        The other name of :data:`ALIASES` the loss was asked for by
        (``"cross_entropy"``), which the messages name (:attr:`Loss.said`); set by
        :meth:`~ffnn_edu.nn.network.FeedForwardNetwork.check_loss`. It is no part of
        the loss: ``==`` and ``repr`` ignore it.

    Examples
    --------
    >>> E = get_loss("half_sse")
    >>> round(E([[0.6156]], [[1.0]]), 4)
    0.0739
    >>> E.derivative([[0.6156]], [[1.0]])
    array([[-0.3844]])
    >>> get_loss("binary_cross_entropy").value_from_logits(
    ...     np.array([[40.0]]), np.array([[0.0]]))
    40.0
    """

    name: str
    value: Callable[[Array, Array], float]
    gradient: Callable[[Array, Array], Array]
    targets: str = "numbers"
    output: str | None = None
    value_from_logits: Callable[[Array, Array], float] | None = None
    delta: Callable[[Array, Array], Array] | None = None
    delta_from_logits: Callable[[Array, Array], Array] | None = None
    alias: str | None = field(default=None, compare=False, repr=False)

    @property
    def said(self) -> str:
        """The loss in a message's words: by the name the user wrote, then its own.

        Examples
        --------
        >>> from dataclasses import replace
        >>> binary_cross_entropy.said
        'the binary_cross_entropy loss'
        >>> replace(binary_cross_entropy, alias="cross_entropy").said
        'the cross_entropy loss (here binary_cross_entropy)'
        """
        if self.alias is None or self.alias == self.name:
            return f"the {self.name} loss"
        return f"the {self.alias} loss (here {self.name})"

    def pairs_with(self, activation_name: str) -> bool:
        """True if ``activation_name`` is this loss's canonical output activation."""
        return self.output is not None and self.output == activation_name

    def check_targets(self, t: ArrayLike, name: str = "t") -> Array:
        """Return the targets as a float array after checking they suit this loss."""
        dtype = getattr(t, "dtype", None)  # a float32 table's sums miss 1 by more
        t = as_array(t, name)
        if self.targets == "labels":
            check_binary(t, name)
        elif self.targets == "probability rows":
            check_probability_rows(t, name, dtype)
        return t

    def check(self, y: ArrayLike, t: ArrayLike) -> tuple[Array, Array]:
        """Return ``y`` and ``t`` as float arrays after checking them."""
        dtype = getattr(y, "dtype", None)  # float32 softmax outputs, before as_array
        y = as_array(y, "y")
        t = self.check_targets(t)
        if y.shape != t.shape:
            raise ValueError(
                "y and t must have the same shape, but "
                f"they have {y.shape} and {t.shape}"
            )
        if self.targets == "probability rows":
            # outputs of a softmax, as the targets: rows that do not sum to 1 are
            # no distribution, and the loss of them means nothing (softmax's
            # round-off, a few units of 1e-16 in float64 and 1e-8 in float32, is
            # inside the tolerance, which scales with the dtype's epsilon)
            check_probability_rows(y, "y", dtype)
        if self.targets != "numbers" and ((y < 0) | (y > 1)).any():
            raise ValueError(f"y must lie in [0, 1] for the {self.name} loss")
        return y, t

    @checked(no_overflow(_TOO_FAR))
    def __call__(self, y: ArrayLike, t: ArrayLike) -> float:
        """The error :math:`E` of outputs ``y`` against targets ``t``, checked."""
        return self.value(*self.check(y, t))

    @checked(no_overflow(_TOO_FAR))
    def derivative(self, y: ArrayLike, t: ArrayLike) -> Array:
        r""":math:`\partial E / \partial y`, shaped like ``y``."""
        return self.gradient(*self.check(y, t))


#: Half the sum of squared errors, :math:`E = \tfrac12 \sum (y - t)^2`: the delta
#: rule's error, whose gradient is the residual :math:`y - t` itself.
half_sse = Loss("half_sse", _half_sse, _half_sse_gradient)
#: The mean of the squared errors over every sample and output.
mse = Loss("mse", _mse, _mse_gradient)
#: Cross-entropy of 0/1 labels and sigmoid outputs (one per class of two).
binary_cross_entropy = Loss(
    "binary_cross_entropy",
    _bce,
    _bce_gradient,
    targets="labels",
    output="sigmoid",
    value_from_logits=_bce_from_logits,
    delta=_bce_delta,
    delta_from_logits=_bce_delta_from_logits,
)
#: Cross-entropy of one-hot rows and a softmax output (a neuron per class).
categorical_cross_entropy = Loss(
    "categorical_cross_entropy",
    _cce,
    _cce_gradient,
    targets="probability rows",
    output="softmax",
    value_from_logits=_cce_from_logits,
    delta=_cce_delta,
    delta_from_logits=_cce_delta_from_logits,
)

#: The four losses by name, as ``get_loss`` and ``train(..., loss=...)`` take them.
LOSSES: dict[str, Loss] = {
    loss.name: loss
    for loss in (half_sse, mse, binary_cross_entropy, categorical_cross_entropy)
}


#: Other names of the losses, in this one place for the whole package (``train``,
#: ``get_loss``, the gradient check, the network's ``check_loss``, ...).
#: ``"cross_entropy"``, ``NetworkClassifier``'s default, is the cross-entropy that pairs
#: with the output layer: the binary one for sigmoid outputs (two classes), the
#: categorical one for a softmax output.
ALIASES: dict[str, dict[str | None, str]] = {
    "cross_entropy": {
        None: "binary_cross_entropy",
        "sigmoid": "binary_cross_entropy",
        "softmax": "categorical_cross_entropy",
    },
}


#: Names other libraries and texts give the losses, each with what it names and the
#: package's name for it: a refusal of one of them says which name is meant. They are
#: refused, not accepted (the package keeps one vocabulary); keys are lower case, with
#: ``_`` for a hyphen or a space.
OTHER_NAMES: dict[str, tuple[str, str]] = {
    "log_loss": ("scikit-learn's name for the cross-entropy", "cross_entropy"),
    "logloss": ("another name for the cross-entropy (log loss)", "cross_entropy"),
    "log": ("scikit-learn's old name for the cross-entropy", "cross_entropy"),
    "nll": (
        "the negative log-likelihood, which for class probabilities is the "
        "cross-entropy",
        "cross_entropy",
    ),
    "crossentropy": ("the cross-entropy", "cross_entropy"),
    "logistic": (
        "the logistic loss, the cross-entropy of sigmoid outputs",
        "cross_entropy",
    ),
    "bce": ("the binary cross-entropy", "binary_cross_entropy"),
    "binary_crossentropy": (
        "Keras's name for the binary cross-entropy",
        "binary_cross_entropy",
    ),
    "cce": ("the categorical cross-entropy", "categorical_cross_entropy"),
    "categorical_crossentropy": (
        "Keras's name for the categorical cross-entropy",
        "categorical_cross_entropy",
    ),
    "mean_squared_error": ("Keras's name for the mean squared error", "mse"),
    "squared_error": ("scikit-learn's name for the squared error", "mse"),
}


def other_name(loss: object, known: Iterable[str]) -> str:
    """The close of a refusal of the loss name ``loss``: which of ``known`` is meant.

    For a name of :data:`OTHER_NAMES` (scikit-learn's ``"log_loss"``, ``"bce"``,
    ``"nll"``...) whose meaning is among ``known``, what it names and the package's
    name; otherwise :func:`~ffnn_edu.nn.validation.did_you_mean` (a near miss), or ""
    (:func:`~ffnn_edu.nn.validation.suggest_name` with :data:`OTHER_NAMES`).

    Examples
    --------
    >>> other_name("log_loss", ["cross_entropy", "mse"])
    "; 'log_loss' is scikit-learn's name for the cross-entropy: here 'cross_entropy'"
    >>> other_name("msee", ["cross_entropy", "mse"]), other_name("hinge", ["mse"])
    ("; did you mean 'mse'?", '')
    """
    return suggest_name(loss, known, OTHER_NAMES)


def _alias_outputs(meanings: dict[str | None, str]) -> str:
    """The output layers an alias of :data:`ALIASES` pairs with, in words."""
    return " or ".join(
        f"a {output} output layer (where it is {meant})"
        for output, meant in meanings.items()
        if output is not None
    )


def _known_names() -> str:
    return ", ".join(sorted([*LOSSES, *ALIASES]))


def get_loss(loss: str | Loss, output: str | None = None) -> Loss:
    """Look up a loss by name or alias (or pass a :class:`Loss` through).

    Parameters
    ----------
    loss : str or Loss
        A name of ``LOSSES`` or an alias of :data:`ALIASES`.
    output : str, optional
        The name of the output activation, which an alias may depend on:
        ``"cross_entropy"`` is ``binary_cross_entropy`` for ``"sigmoid"`` (and without
        an output named), ``categorical_cross_entropy`` for ``"softmax"``.

    Raises
    ------
    TypeError
        For something that is neither a name (a string) nor a :class:`Loss`.
    ValueError
        For an unknown name; the message lists the known ones. For an alias and an
        ``output`` it pairs with no loss for (``"cross_entropy"`` and ``"relu"``): the
        message names the alias as written and the output layers it needs.

    Examples
    --------
    >>> get_loss("mse").name
    'mse'
    >>> get_loss("cross_entropy").name, get_loss("cross_entropy", output="softmax").name
    ('binary_cross_entropy', 'categorical_cross_entropy')
    >>> get_loss("hinge")
    Traceback (most recent call last):
    ...
    ValueError: loss must be one of binary_cross_entropy, categorical_cross_entropy,
    cross_entropy, half_sse, mse, but it is 'hinge'
    >>> get_loss("cross_entropy", output="relu")
    Traceback (most recent call last):
    ...
    ValueError: the cross_entropy loss needs a sigmoid output layer (where it is
    binary_cross_entropy) or a softmax output layer (where it is
    categorical_cross_entropy), but the output layer is relu
    >>> get_loss(["mse"])
    Traceback (most recent call last):
    ...
    TypeError: loss must be one of binary_cross_entropy, categorical_cross_entropy,
    cross_entropy, half_sse, mse (a name) or a Loss, but it is ['mse'] (list)
    """
    if isinstance(loss, Loss):
        return loss
    if not isinstance(loss, str):  # a list or an array is no name
        raise TypeError(
            f"loss must be one of {_known_names()} (a name) or a Loss, but it is "
            f"{loss!r} ({type(loss).__name__})"
        )
    if loss in ALIASES:
        meanings = ALIASES[loss]
        if output is not None and output not in meanings:
            # the alias means nothing for this output layer: a refusal of the loss it
            # fell back on named a loss that was never written (review 21)
            raise ValueError(
                f"the {loss} loss needs {_alias_outputs(meanings)}, but the output "
                f"layer is {output}"
            )
        loss = meanings[output]
    if loss not in LOSSES:
        raise ValueError(
            f"loss must be one of {_known_names()}, but it is {loss!r}"
            f"{other_name(loss, [*LOSSES, *ALIASES])}"
        )
    return LOSSES[loss]
