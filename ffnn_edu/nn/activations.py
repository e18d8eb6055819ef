r"""Activation functions (nonlinearities) and their derivatives (chapter 4).

A neuron first forms its logit :math:`z = b + \sum_i w_i x_i` and then applies
an activation function :math:`y = f(z)`. Backpropagation also needs the slope
:math:`f'(z)`. As the textbook does, the package writes each slope **in terms
of the output** :math:`y`, which the forward pass has already computed:

==========  ===========================  =================================
activation  :math:`y = f(z)`             slope :math:`f'(z)` from :math:`y`
==========  ===========================  =================================
step        :math:`[z \ge 0]`            0
linear      :math:`z`                    1
sigmoid     :math:`1/(1 + e^{-z})`       :math:`y(1 - y)`
tanh        :math:`\tanh z`              :math:`1 - y^2`
ReLU        :math:`\max(0, z)`           :math:`[y > 0]`
arctan      :math:`\arctan z`            :math:`\cos^2 y = 1/(1 + z^2)`
==========  ===========================  =================================

An :class:`Activation` has two slope names, one per variable:
``Activation.output_slope`` is that column, :math:`f'` as a function of the
output :math:`y` (the unchecked kernel the backward pass calls), and
:meth:`Activation.derivative` is :math:`f'` as a function of the logit
:math:`z` (checked, for plotting :math:`f'(z)` against :math:`z`).

The sigmoid is computed as :math:`\sigma(z) = \tfrac12\big(1 + \tanh(z/2)\big)` for
:math:`z \ge 0` and as :math:`e^z/(1 + e^z)` for :math:`z < 0` (:func:`sigmoid_kernel`),
the same function in forms that never overflow and keep full relative accuracy:
``sigmoid(-40.0)`` is 4.248354255291589e-18, ``sigmoid(-1000.0)`` is exactly 0 and
``sigmoid(1000.0)`` exactly 1, with no warning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np

from .validation import (
    Array,
    array,
    as_array,
    checked,
    refuses_unknown_keywords,
    suggest_name,
    vector,
)

# Raw kernels: no validation, used by the network's inner loop (where a diverging run
# may produce inf, which training must detect and report rather than raise on).
# Functions take the logit z; slopes take the output y = f(z). The three
# a chapter shows are public.


def _step(z: Array) -> Array:
    return (z >= 0).astype(np.float64)


def _zero(y: Array) -> Array:
    return np.zeros_like(y)


def _identity(z: Array) -> Array:
    return z.copy()


def _one(y: Array) -> Array:
    return np.ones_like(y)


def sigmoid_kernel(z: Array) -> Array:
    r"""The sigmoid :math:`1/(1 + e^{-z})`, unchecked, accurate and without overflow.

    ``z`` is a float array of any shape, the result has its shape. Two forms of the one
    function, each where it keeps every digit:

    * :math:`z \ge 0`: :math:`(1 + \tanh(z/2))/2` (multiply numerator and denominator of
      :math:`1/(1 + e^{-z})` by :math:`e^{z/2}`); the output lies in [1/2, 1], so adding
      1 to :math:`\tanh` loses nothing;
    * :math:`z < 0`: :math:`e^{z}/(1 + e^{z})`; here :math:`1 + \tanh(z/2)` would cancel
      (at :math:`z = -40` it is exactly 0, while :math:`\sigma(-40) \approx 4.25 \times
      10^{-18}`), and :math:`e^{z}` cannot overflow.

    The relative error is at most :math:`10^{-15}` on :math:`[-700, 700]` (tested
    against 60-digit arithmetic); :func:`sigmoid` checks ``z`` and calls this kernel, as
    does the network's forward pass.

    Examples
    --------
    >>> sigmoid_kernel(np.array([-1000.0, 0.0, 1000.0]))
    array([0. , 0.5, 1. ])
    >>> float(sigmoid_kernel(np.array(-40.0)))
    4.248354255291589e-18
    """
    y = np.asarray(np.tanh(0.5 * z))
    y += 1.0
    y *= 0.5
    negative = z < 0
    if negative.any():
        e = np.exp(np.minimum(z, 0.0))
        np.divide(e, 1.0 + e, out=y, where=negative)  # e/(1 + e) where z < 0
    return y[()]  # [()]: a 0-d input gives a scalar


def sigmoid_output_slope(y: Array) -> Array:
    r"""The sigmoid's slope from its output, :math:`dy/dz = y(1 - y)`, unchecked.

    ``y`` holds outputs of the sigmoid (any shape); backpropagation multiplies by this
    slope (the derivation is in chapter 4).

    Examples
    --------
    >>> sigmoid_output_slope(np.array([0.5, 0.9]))
    array([0.25, 0.09])
    """
    return y * (1.0 - y)


def _tanh_slope(y: Array) -> Array:
    return 1.0 - y * y


# Slopes from the logit z, for Activation.derivative(z) and the public *_derivative
# functions. Where the output has saturated, y rounds to 1 and y(1 - y) or 1 - y^2
# cancels (sigmoid(37.0) is exactly 1.0, though its slope is 8.5e-17); these forms of
# the same slopes never subtract from 1, so they keep their relative accuracy.


def sigmoid_logit_slope(z: Array) -> Array:
    r"""The sigmoid's slope from its logit, :math:`\sigma(z)\,\sigma(-z)`, unchecked.

    It is :math:`\sigma(z)(1 - \sigma(z))`, since :math:`1 - \sigma(z) =
    \sigma(-z)`, written without the subtraction: for a large positive :math:`z`,
    :math:`\sigma(z)` rounds to 1 and :math:`1 - \sigma(z)` to 0, while
    :math:`\sigma(-z)` keeps every digit. Within a few units in the last place on
    :math:`[-700, 700]` (tested against 60-digit arithmetic), and symmetric:
    the slope at :math:`z` is the slope at :math:`-z`.

    Examples
    --------
    >>> print(f"{float(sigmoid_logit_slope(np.array(37.0))):.12e}")
    8.533047625744e-17
    """
    return sigmoid_kernel(z) * sigmoid_kernel(-z)


def tanh_logit_slope(z: Array) -> Array:
    r"""The slope of tanh from its logit, :math:`4\,\sigma(2z)\,\sigma(-2z)`, unchecked.

    It is :math:`1 - \tanh^2 z`, since :math:`\tanh z = 2\sigma(2z) - 1`, so
    :math:`1 - \tanh z = 2\sigma(-2z)` and :math:`1 + \tanh z = 2\sigma(2z)`; written
    this way nothing cancels where :math:`\tanh z` rounds to :math:`\pm 1`, and nothing
    overflows (:math:`1/\cosh^2 z` would, beyond :math:`|z| = 710`). Within a few units
    in the last place on :math:`[-700, 700]`.

    Examples
    --------
    >>> print(f"{float(tanh_logit_slope(np.array(20.0))):.12e}")
    1.699341702117e-17
    """
    # beyond |z| = 9e307, 2z is +-inf, whose sigmoids are exactly 1 and 0: slope 0
    with np.errstate(over="ignore"):
        twice = 2.0 * z
    return 4.0 * sigmoid_kernel(twice) * sigmoid_kernel(-twice)


def _arctan_logit_slope(z: Array) -> Array:
    # beyond |z| = 1e154 the true slope is below 1e-308
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + z * z)


def _relu(z: Array) -> Array:
    return np.maximum(z, 0.0)


def _relu_slope(y: Array) -> Array:
    return (y > 0).astype(np.float64)


def _arctan_slope(y: Array) -> Array:
    return np.cos(y) ** 2


def softmax_kernel(z: Array) -> Array:
    r"""Softmax along each row, :math:`y_k = e^{z_k} / \sum_j e^{z_j}`, unchecked.

    ``z`` has shape (n_classes,) or (n_samples, n_classes). The largest logit of a row
    is subtracted first (the same value), so nothing overflows; :func:`softmax` checks
    ``z`` and calls this kernel, as does the network's output layer.

    Examples
    --------
    >>> softmax_kernel(np.array([[1000.0, 0.0]]))
    array([[1., 0.]])
    """
    # a gap beyond -1.8e308 gives -inf, and exp(-inf) = 0 exactly
    with np.errstate(over="ignore"):
        e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def softmax_parts(z: Array) -> tuple[Array, Array, Array]:
    r"""For each row of logits ``z``: ``e``, their sum ``S``, and ``S - e`` per entry.

    Unchecked; :math:`e = \exp(z - \max z)`, ``z`` of shape (n_samples, n_classes). The
    softmax is :math:`e/S`, and :math:`1 - y = (S - e)/S`; :math:`S - e` is summed
    without the entry, not subtracted, at the largest logit of a row (the one entry
    whose :math:`e` can be close to :math:`S`), so that where one logit dominates, the
    small sum of the others keeps every digit. The losses use it for the categorical
    cross-entropy and its delta, :func:`softmax_jacobian` for its diagonal.

    Examples
    --------
    >>> e, S, others = softmax_parts(np.array([[40.0, 0.0]]))
    >>> float(others[0, 0] / S[0, 0])      # 1 - softmax: 4.2e-18, where 1 - y gives 0
    4.248354255291589e-18
    """
    top = z.argmax(axis=1)
    rows = np.arange(z.shape[0])
    # a gap beyond -1.8e308 gives -inf, and exp(-inf) = 0 exactly (as in softmax)
    with np.errstate(over="ignore"):
        e = np.exp(z - z[rows, top][:, np.newaxis])
    total = e.sum(axis=1, keepdims=True)
    others = total - e
    e_rest = e.copy()
    e_rest[rows, top] = 0.0
    others[rows, top] = e_rest.sum(axis=1)
    return e, total, others


def _no_slope(z: Array) -> Array:
    raise ValueError(
        "softmax has no elementwise slope: each output depends on every logit of "
        "its row (its derivative is a Jacobian matrix, see softmax_jacobian). Pair "
        "a softmax output with the categorical_cross_entropy loss, whose delta y - "
        "t the network computes directly"
    )


@checked(z=array)
def binary_step(z: Array) -> Array:
    r"""Binary step: 1 where :math:`z \ge 0`, else 0 (the threshold unit's rule).

    Examples
    --------
    >>> binary_step([-0.1, 0.0, 2.0])
    array([0., 1., 1.])
    """
    return _step(z)


@checked(z=array)
def binary_step_derivative(z: Array) -> Array:
    """Slope of the binary step: 0 everywhere (undefined at 0, taken as 0).

    A zero slope carries no information about which way to move a weight,
    which is why gradient descent cannot train threshold units.

    Examples
    --------
    >>> binary_step_derivative([-1.0, 1.0])
    array([0., 0.])
    """
    return _zero(z)


@checked(z=array)
def linear(z: Array) -> Array:
    """Identity :math:`f(z) = z` (the linear neuron).

    Examples
    --------
    >>> linear([-2.0, 3.0])
    array([-2.,  3.])
    """
    return _identity(z)


@checked(z=array)
def linear_derivative(z: Array) -> Array:
    """Slope of the identity: 1 everywhere.

    Examples
    --------
    >>> linear_derivative([-2.0, 3.0])
    array([1., 1.])
    """
    return _one(z)


@checked(z=array)
def sigmoid(z: Array) -> Array:
    r"""Logistic function :math:`\sigma(z) = 1 / (1 + e^{-z})`.

    Computed by :func:`sigmoid_kernel` in two forms of the same function, each where it
    keeps every digit: :math:`\tfrac12\big(1 + \tanh(z/2)\big)` for :math:`z \ge 0` and
    :math:`e^z/(1 + e^z)` for :math:`z < 0`. Nothing can overflow, and the relative
    error is at most :math:`10^{-15}` for :math:`z` in :math:`[-700, 700]`, also where
    the output is tiny (below :math:`-745`, :math:`e^z` underflows and the output is 0).

    Examples
    --------
    >>> sigmoid([0.0, 0.351]).round(4)
    array([0.5   , 0.5869])
    >>> sigmoid([-1000.0, 1000.0])
    array([0., 1.])
    >>> float(sigmoid(-40.0))
    4.248354255291589e-18
    """
    return sigmoid_kernel(z)


@checked(z=array)
def sigmoid_derivative(z: Array) -> Array:
    r"""Slope of the logistic function, :math:`\sigma'(z) = \sigma(z)(1-\sigma(z))`.

    In the output-based form of the sources, :math:`dy/dz = y(1-y)`. Its
    largest value is 1/4, at :math:`z = 0`. Computed as :math:`\sigma(z)\sigma(-z)`
    (:func:`sigmoid_logit_slope`), which keeps its relative accuracy where
    :math:`\sigma(z)` has rounded to 1.

    Examples
    --------
    >>> float(sigmoid_derivative(0.0))
    0.25
    >>> float(sigmoid_derivative(37.0)) == float(sigmoid_derivative(-37.0))
    True
    """
    return sigmoid_logit_slope(z)


@checked(z=array)
def tanh(z: Array) -> Array:
    """Hyperbolic tangent, a sigmoid-shaped curve from -1 to 1.

    Examples
    --------
    >>> float(tanh(0.0))
    0.0
    """
    return np.tanh(z)


@checked(z=array)
def tanh_derivative(z: Array) -> Array:
    r"""Slope of tanh, :math:`1 - \tanh^2(z)`.

    Computed as :math:`4\sigma(2z)\sigma(-2z)` (:func:`tanh_logit_slope`), the same
    number without the cancellation of :math:`1 - \tanh^2 z` where :math:`\tanh z`
    has rounded to :math:`\pm 1`.

    Examples
    --------
    >>> float(tanh_derivative(0.0))
    1.0
    >>> float(tanh_derivative(20.0))
    1.6993417021166355e-17
    """
    return tanh_logit_slope(z)


@checked(z=array)
def relu(z: Array) -> Array:
    r"""Rectified linear unit, :math:`\max(0, z)`.

    Examples
    --------
    >>> relu([-1.0, 0.5])
    array([0. , 0.5])
    """
    return _relu(z)


@checked(z=array)
def relu_derivative(z: Array) -> Array:
    """Slope of ReLU: 1 for :math:`z > 0`, else 0 (at 0 we take 0).

    Examples
    --------
    >>> relu_derivative([-1.0, 0.0, 0.5])
    array([0., 0., 1.])
    """
    return _relu_slope(_relu(z))


@checked(z=array)
def arctan(z: Array) -> Array:
    r"""Inverse tangent, a sigmoid-shaped curve from :math:`-\pi/2` to :math:`\pi/2`.

    Examples
    --------
    >>> float(arctan(1.0)) == float(np.pi / 4)
    True
    """
    return np.arctan(z)


@checked(z=array)
def arctan_derivative(z: Array) -> Array:
    """Slope of arctan, :math:`1 / (1 + z^2)`.

    Examples
    --------
    >>> float(arctan_derivative(1.0))
    0.5
    >>> float(arctan_derivative(1e308))  # z * z overflows; the slope rounds to 0
    0.0
    """
    return _arctan_logit_slope(z)


@checked(z=partial(as_array, ndim=(1, 2)))
def softmax(z: Array) -> Array:
    r"""Softmax over each row: :math:`y_k = e^{z_k} / \sum_j e^{z_j}`.

    The outputs of a row are positive and sum to 1, so they can be read as the
    probabilities of the classes. Computed as :math:`e^{z_k - \max_j z_j} /
    \sum_j e^{z_j - \max_j z_j}` (the same value), so nothing overflows.
    Softmax is only used as an output layer, with the
    ``categorical_cross_entropy`` loss.

    Parameters
    ----------
    z : array_like, shape (n_classes,) or (n_samples, n_classes)

    Examples
    --------
    >>> softmax([[1.0, 2.0, 3.0]]).round(4)
    array([[0.09  , 0.2447, 0.6652]])
    >>> softmax([[1000.0, 0.0]])
    array([[1., 0.]])
    >>> softmax([[1e308, -1e308]])
    array([[1., 0.]])
    """
    return softmax_kernel(z)


#: Most logits :func:`softmax_jacobian` takes: its matrix holds the square of their
#: count in floats (4096 logits: 128 MiB).
MAX_JACOBIAN_LOGITS = 4096


def _jacobian_logits(value: object, name: str) -> Array:
    """Checker: a vector of at most :data:`MAX_JACOBIAN_LOGITS` logits."""
    z = vector(value, name)
    if z.size > MAX_JACOBIAN_LOGITS:
        raise ValueError(
            f"{name} must hold at most MAX_JACOBIAN_LOGITS = {MAX_JACOBIAN_LOGITS} "
            f"logits, but it holds {z.size}: the Jacobian would be a {z.size} x "
            f"{z.size} matrix of {z.size**2} floats ({z.size**2 * 8 / 2**30:.1f} GiB)"
        )
    return z


@checked(z=_jacobian_logits)
def softmax_jacobian(z: Array) -> Array:
    r"""The softmax's Jacobian: the slopes :math:`\partial y_k / \partial z_j`.

    Chapter 10, Several classes. Every output depends on every logit, so the
    slopes form a matrix, :math:`\partial y_k / \partial z_j = y_k (I_{kj} - y_j)`
    (Bishop 2006, sec. 4.3.4).

    Parameters
    ----------
    z : array_like, shape (K,)
        The logits of one sample.

    Returns
    -------
    ndarray, shape (K, K)
        :math:`\operatorname{diag}(\mathbf{y}) - \mathbf{y}\mathbf{y}^\top` with
        :math:`\mathbf{y} = \mathrm{softmax}(\mathbf{z})`; its diagonal
        :math:`y_k(1 - y_k)` is computed with :math:`1 - y_k` from the other outputs
        (:func:`softmax_parts`), so it keeps its digits where :math:`y_k` is close to 1.
        Each column sums to 0:
        raising one logit takes exactly as much probability from the other
        classes as it gives to its own.

    Raises
    ------
    TypeError
        If ``z`` is not an array of numbers.
    ValueError
        If ``z`` is not 1-D, is empty, holds NaN or infinity, or holds more than
        :data:`MAX_JACOBIAN_LOGITS` logits.

    Examples
    --------
    >>> softmax_jacobian([0.0, 0.0])
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    """
    e, total, others = softmax_parts(z[np.newaxis, :])
    y = (e / total)[0]
    jacobian = np.diag(y) - np.outer(y, y)
    # y(1 - y), 1 - y exact
    jacobian[np.diag_indices_from(jacobian)] = y * (others / total)[0]
    return jacobian


def _optional_array(value: object, name: str) -> Array | None:
    """Checker for :meth:`Activation.derivative`: None, or an array (:func:`array`)."""
    return None if value is None else array(value, name)


def _logits_or_outputs(arguments: dict) -> None:
    """Relation for :meth:`Activation.derivative`: exactly one of ``z`` and ``y``.

    A ``y`` must also be one the activation can output: outside ``output_range`` the
    formula would give a slope that belongs to no logit, such as :math:`2(1 -
    2) = -2` for a sigmoid.
    """
    act, z, y = arguments["self"], arguments["z"], arguments["y"]
    if (z is None) == (y is None):
        raise TypeError(
            "derivative needs the logits z or (as the keyword y=) the outputs "
            "y = f(z), exactly one of them"
        )
    if y is None:
        return
    low, high = act.output_range
    outside = (y < low) | (y > high)
    if outside.any():
        where = (
            f"at least {low:g}" if high == np.inf else f"between {low:g} and {high:g}"
        )
        raise ValueError(
            f"y must hold outputs of the {act.name} activation, {where}, "
            f"but it contains {float(y[outside].flat[0])!r}"
        )


@refuses_unknown_keywords
@dataclass(frozen=True)
class Activation:
    r"""An activation function paired with its slope.

    The slope has two names, one per variable it is written in:
    ``output_slope(y)``, :math:`f'` from the output :math:`y = f(z)` (an
    unchecked kernel, what backpropagation multiplies by), and
    ``derivative(z)``, :math:`f'` from the logit (checked, for a learner and
    for plots). Calling the object, or ``derivative``, checks the input; the
    network's inner loop uses the unchecked ``function`` and ``output_slope``
    kernels, because a diverging run must be detected and reported by the
    training loop rather than stopped by an exception halfway through.

    Parameters
    ----------
    name : str
        Short name used in the book and in :func:`get_activation`.
    function : callable
        :math:`y = f(z)` on a float array, applied elementwise, unchecked.
    output_slope : callable
        The slope :math:`f'(z)` written in terms of the output :math:`y`
        (e.g. :math:`y(1-y)` for the sigmoid), unchecked.
    elementwise : bool
        False for softmax, whose outputs each depend on the whole row of
        logits; such an activation may only be an output layer, paired with
        its loss (see :mod:`ffnn_edu.nn.losses`).
    output_range : (float, float)
        The smallest and largest output, e.g. (0, 1) for the sigmoid; the
        training loop uses it to tell when a squared error is bounded.

    Examples
    --------
    >>> act = get_activation("sigmoid")
    >>> (float(act(0.0)), float(act.derivative(0.0)),
    ...  float(act.output_slope(np.float64(0.5))))
    (0.5, 0.25, 0.25)
    """

    name: str
    function: Callable[[Array], Array]
    output_slope: Callable[[Array], Array]
    elementwise: bool = True
    output_range: tuple[float, float] = (-np.inf, np.inf)

    @checked(z=array)
    def __call__(self, z: Array) -> Array:
        """Outputs :math:`y = f(z)` of the logits ``z``, checked (softmax: by rows)."""
        if not self.elementwise and z.ndim not in (1, 2):
            raise ValueError(
                f"z must have 1 or 2 dimension(s) for {self.name} (one row of "
                f"logits per sample), but it has shape {z.shape}"
            )
        return self.function(z)

    @checked(_logits_or_outputs, z=_optional_array, y=_optional_array)
    def derivative(self, z: Array | None = None, *, y: Array | None = None) -> Array:
        r"""The slope :math:`f'(z)`, elementwise, from logits ``z`` or outputs ``y=``.

        ``derivative(z)`` evaluates the slope at the logits (to plot it against
        :math:`z`), for the sigmoid, tanh and arctan in a form of the logit that
        keeps its relative accuracy where the output has saturated
        (:func:`sigmoid_derivative`, :func:`tanh_derivative`,
        :func:`arctan_derivative`); ``derivative(y=y)`` from outputs
        :math:`y = f(z)` the forward pass has computed, as backpropagation does
        (with ``output_slope``).

        Raises
        ------
        TypeError
            If neither or both of ``z`` and ``y`` are given.
        ValueError
            If ``y`` holds a value the activation cannot output (outside
            ``output_range``): the formula would give a slope that belongs to
            no logit, such as :math:`2(1 - 2) = -2` for a sigmoid.

        Examples
        --------
        >>> sigmoid_ = get_activation("sigmoid")
        >>> float(sigmoid_.derivative(0.0)), float(sigmoid_.derivative(y=0.5))
        (0.25, 0.25)
        >>> sigmoid_.derivative(y=2.0)
        Traceback (most recent call last):
        ...
        ValueError: y must hold outputs of the sigmoid activation, between 0 and 1,
        but it contains 2.0
        """
        if z is not None:
            from_logits = _LOGIT_SLOPES.get(self.function)
            if from_logits is not None:  # keeps the digits a saturated output lost
                return from_logits(z)
            return self.output_slope(self.function(z))
        assert y is not None  # the relation _logits_or_outputs made sure
        return self.output_slope(y)


#: The slope as a function of the logit, for ``Activation.derivative(z)``, where the
#: output-based form would cancel: keyed by the activation's function.
_LOGIT_SLOPES: dict[Callable[[Array], Array], Callable[[Array], Array]] = {
    sigmoid_kernel: sigmoid_logit_slope,
    np.tanh: tanh_logit_slope,
    np.arctan: _arctan_logit_slope,
}


#: Names other libraries and texts give the activations, each with what it names and
#: the package's name for it: a refusal of one of them says which name is meant. They
#: are refused, not accepted (one vocabulary); keys are lower case, with ``_`` for a
#: hyphen or a space.
OTHER_NAMES: dict[str, tuple[str, str]] = {
    "logistic": ("scikit-learn's name for the sigmoid", "sigmoid"),
    "identity": ("scikit-learn's name for the linear activation", "linear"),
    "heaviside": ("the Heaviside step function", "step"),
    "threshold": ("the threshold (step) function", "step"),
    "atan": ("the arctangent", "arctan"),
    "rectifier": ("the rectified linear unit", "relu"),
}

#: The activations by name, as ``get_activation`` and ``FeedForwardNetwork`` take
#: them.
ACTIVATIONS: dict[str, Activation] = {
    act.name: act
    for act in (
        Activation("step", _step, _zero, output_range=(0.0, 1.0)),
        Activation("linear", _identity, _one),
        Activation(
            "sigmoid", sigmoid_kernel, sigmoid_output_slope, output_range=(0.0, 1.0)
        ),
        Activation("tanh", np.tanh, _tanh_slope, output_range=(-1.0, 1.0)),
        Activation("relu", _relu, _relu_slope, output_range=(0.0, np.inf)),
        Activation(
            "arctan", np.arctan, _arctan_slope, output_range=(-np.pi / 2, np.pi / 2)
        ),
        Activation(
            "softmax",
            softmax_kernel,
            _no_slope,
            elementwise=False,
            output_range=(0.0, 1.0),
        ),
    )
}


def get_activation(activation: str | Activation) -> Activation:
    """Look up an activation by name (or pass an :class:`Activation` through).

    Raises
    ------
    TypeError
        For something that is neither a name (a string) nor an :class:`Activation`,
        such as a list or a dict; the message lists the known names.
    ValueError
        For an unknown name; the message lists the known ones.

    Examples
    --------
    >>> get_activation("relu").name
    'relu'
    >>> get_activation("softplus")
    Traceback (most recent call last):
    ...
    ValueError: activation must be one of arctan, linear, relu, sigmoid, softmax, step,
    tanh, but it is 'softplus'
    """
    if isinstance(activation, Activation):
        return activation
    known = ", ".join(sorted(ACTIVATIONS))
    if not isinstance(activation, str):  # a list or an array is no name
        raise TypeError(
            f"activation must be one of {known} (a name) or an Activation, but it "
            f"is {activation!r} ({type(activation).__name__})"
        )
    if activation not in ACTIVATIONS:
        raise ValueError(
            f"activation must be one of {known}, but it is {activation!r}"
            f"{suggest_name(activation, ACTIVATIONS, OTHER_NAMES)}"
        )
    return ACTIVATIONS[activation]
