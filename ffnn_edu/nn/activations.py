r"""Activation functions (nonlinearities) and their derivatives.

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

:meth:`Activation.slope_from_output` is that column (the backward pass uses
it); :meth:`Activation.derivative` gives the same slope as a function of the
logit, for plotting :math:`f'(z)` against :math:`z`.

The sigmoid is computed as :math:`\sigma(z) = \tfrac12\big(1 + \tanh(z/2)\big)`,
the same function in a form that never overflows: ``sigmoid(-1000.0)`` is
exactly 0 and ``sigmoid(1000.0)`` exactly 1, with no warning.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np
from numpy.typing import ArrayLike

from .validation import Array, array, as_array, checked


# Raw kernels: no validation, used by the network's inner loop (where a diverging
# run may produce inf, which training must detect and report rather than raise on).
# Functions take the logit z; slopes take the output y = f(z).

def _step(z: Array) -> Array:
    return (z >= 0).astype(np.float64)


def _zero(y: Array) -> Array:
    return np.zeros_like(y)


def _identity(z: Array) -> Array:
    return z.copy()


def _one(y: Array) -> Array:
    return np.ones_like(y)


def _sigmoid(z: Array) -> Array:
    y = np.tanh(0.5 * z)    # sigma(z) = (1 + tanh(z/2)) / 2: nothing can overflow
    y += 1.0
    y *= 0.5
    return y


def _sigmoid_slope(y: Array) -> Array:
    return y * (1.0 - y)


def _tanh_slope(y: Array) -> Array:
    return 1.0 - y * y


def _relu(z: Array) -> Array:
    return np.maximum(z, 0.0)


def _relu_slope(y: Array) -> Array:
    return (y > 0).astype(np.float64)


def _arctan_slope(y: Array) -> Array:
    return np.cos(y) ** 2


def _softmax(z: Array) -> Array:
    with np.errstate(over="ignore"):   # a gap beyond -1.8e308 gives -inf, and exp(-inf) = 0 exactly
        e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _no_slope(z: Array) -> Array:
    raise ValueError(
        "softmax has no elementwise slope: each output depends on every logit of its row "
        "(its derivative is a Jacobian matrix). Pair a softmax output with the "
        "categorical_cross_entropy loss, whose delta y - t the network computes directly")


@checked(z=array)
def binary_step(z: ArrayLike) -> Array:
    r"""Binary step: 1 where :math:`z \ge 0`, else 0 (the threshold unit's rule).

    Examples
    --------
    >>> binary_step([-0.1, 0.0, 2.0])
    array([0., 1., 1.])
    """
    return _step(z)


@checked(z=array)
def binary_step_derivative(z: ArrayLike) -> Array:
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
def linear(z: ArrayLike) -> Array:
    """Identity :math:`f(z) = z` (the linear neuron).

    Examples
    --------
    >>> linear([-2.0, 3.0])
    array([-2.,  3.])
    """
    return _identity(z)


@checked(z=array)
def linear_derivative(z: ArrayLike) -> Array:
    """Slope of the identity: 1 everywhere.

    Examples
    --------
    >>> linear_derivative([-2.0, 3.0])
    array([1., 1.])
    """
    return _one(z)


@checked(z=array)
def sigmoid(z: ArrayLike) -> Array:
    r"""Logistic function :math:`\sigma(z) = 1 / (1 + e^{-z})`.

    Computed as :math:`1/(1+e^{-|z|})` or :math:`e^{-|z|}/(1+e^{-|z|})`, so
    the exponential never overflows.

    Examples
    --------
    >>> sigmoid([0.0, 0.351]).round(4)
    array([0.5   , 0.5869])
    >>> sigmoid([-1000.0, 1000.0])
    array([0., 1.])
    """
    return _sigmoid(z)


@checked(z=array)
def sigmoid_derivative(z: ArrayLike) -> Array:
    r"""Slope of the logistic function, :math:`\sigma'(z) = \sigma(z)(1-\sigma(z))`.

    In the output-based form of the sources, :math:`dy/dz = y(1-y)`. Its
    largest value is 1/4, at :math:`z = 0`.

    Examples
    --------
    >>> float(sigmoid_derivative(0.0))
    0.25
    """
    return _sigmoid_slope(_sigmoid(z))


@checked(z=array)
def tanh(z: ArrayLike) -> Array:
    """Hyperbolic tangent, a sigmoid-shaped curve from -1 to 1.

    Examples
    --------
    >>> float(tanh(0.0))
    0.0
    """
    return np.tanh(z)


@checked(z=array)
def tanh_derivative(z: ArrayLike) -> Array:
    r"""Slope of tanh, :math:`1 - \tanh^2(z)`.

    Examples
    --------
    >>> float(tanh_derivative(0.0))
    1.0
    """
    return _tanh_slope(np.tanh(z))


@checked(z=array)
def relu(z: ArrayLike) -> Array:
    r"""Rectified linear unit, :math:`\max(0, z)`.

    Examples
    --------
    >>> relu([-1.0, 0.5])
    array([0. , 0.5])
    """
    return _relu(z)


@checked(z=array)
def relu_derivative(z: ArrayLike) -> Array:
    """Slope of ReLU: 1 for :math:`z > 0`, else 0 (at 0 we take 0).

    Examples
    --------
    >>> relu_derivative([-1.0, 0.0, 0.5])
    array([0., 0., 1.])
    """
    return _relu_slope(_relu(z))


@checked(z=array)
def arctan(z: ArrayLike) -> Array:
    r"""Inverse tangent, a sigmoid-shaped curve from :math:`-\pi/2` to :math:`\pi/2`.

    Examples
    --------
    >>> float(arctan(1.0)) == float(np.pi / 4)
    True
    """
    return np.arctan(z)


@checked(z=array)
def arctan_derivative(z: ArrayLike) -> Array:
    """Slope of arctan, :math:`1 / (1 + z^2)`.

    Examples
    --------
    >>> float(arctan_derivative(1.0))
    0.5
    >>> float(arctan_derivative(1e308))    # z * z overflows; the slope rounds to 0 anyway
    0.0
    """
    with np.errstate(over="ignore"):      # beyond |z| = 1e154 the true slope is below 1e-308
        return 1.0 / (1.0 + z * z)


@checked(z=partial(as_array, ndim=(1, 2)))
def softmax(z: ArrayLike) -> Array:
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
    return _softmax(z)


@dataclass(frozen=True)
class Activation:
    r"""An activation function paired with its slope.

    Calling the object, or its ``derivative`` and ``slope_from_output``
    methods, checks the input; the network's inner loop uses the unchecked
    ``function`` and ``output_slope`` kernels, because a diverging run must be
    detected and reported by the training loop rather than stopped by an
    exception halfway through.

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
    >>> float(act(0.0)), float(act.derivative(0.0)), float(act.slope_from_output(0.5))
    (0.5, 0.25, 0.25)
    """

    name: str
    function: Callable[[Array], Array]
    output_slope: Callable[[Array], Array]
    elementwise: bool = True
    output_range: tuple[float, float] = (-np.inf, np.inf)

    @checked(z=array)
    def __call__(self, z: ArrayLike) -> Array:
        if not self.elementwise and z.ndim not in (1, 2):
            raise ValueError(f"z must have 1 or 2 dimension(s) for {self.name} (one row of "
                             f"logits per sample), but it has shape {z.shape}")
        return self.function(z)

    def slope(self, z: Array) -> Array:
        r""":math:`f'(z)` on an unchecked float array of logits."""
        return self.output_slope(self.function(z))

    @checked(z=array)
    def derivative(self, z: ArrayLike) -> Array:
        r""":math:`f'(z)` as a function of the logit, elementwise (for plotting against :math:`z`)."""
        return self.slope(z)

    @checked(y=array)
    def slope_from_output(self, y: ArrayLike) -> Array:
        r""":math:`f'(z)` from the output :math:`y = f(z)`, as backpropagation computes it.

        Raises
        ------
        ValueError
            If ``y`` holds a value the activation cannot output (outside
            ``output_range``): the formula would give a slope that belongs to
            no logit, such as :math:`2(1 - 2) = -2` for a sigmoid.

        Examples
        --------
        >>> get_activation("sigmoid").slope_from_output(2.0)
        Traceback (most recent call last):
        ...
        ValueError: y must hold outputs of the sigmoid activation, between 0 and 1, but it contains 2.0
        """
        low, high = self.output_range
        outside = (y < low) | (y > high)
        if outside.any():
            where = (f"at least {low:g}" if high == np.inf else
                     f"between {low:g} and {high:g}")
            raise ValueError(f"y must hold outputs of the {self.name} activation, {where}, "
                             f"but it contains {float(y[outside].flat[0])!r}")
        return self.output_slope(y)


ACTIVATIONS: dict[str, Activation] = {
    act.name: act for act in (
        Activation("step", _step, _zero, output_range=(0.0, 1.0)),
        Activation("linear", _identity, _one),
        Activation("sigmoid", _sigmoid, _sigmoid_slope, output_range=(0.0, 1.0)),
        Activation("tanh", np.tanh, _tanh_slope, output_range=(-1.0, 1.0)),
        Activation("relu", _relu, _relu_slope, output_range=(0.0, np.inf)),
        Activation("arctan", np.arctan, _arctan_slope, output_range=(-np.pi / 2, np.pi / 2)),
        Activation("softmax", _softmax, _no_slope, elementwise=False, output_range=(0.0, 1.0)),
    )
}


def get_activation(activation: str | Activation) -> Activation:
    """Look up an activation by name (or pass an :class:`Activation` through).

    Raises
    ------
    ValueError
        For an unknown name; the message lists the known ones.

    Examples
    --------
    >>> get_activation("relu").name
    'relu'
    >>> get_activation("softplus")
    Traceback (most recent call last):
    ...
    ValueError: activation must be one of arctan, linear, relu, sigmoid, softmax, step, tanh, but it is 'softplus'
    """
    if isinstance(activation, Activation):
        return activation
    if not isinstance(activation, str) or activation not in ACTIVATIONS:   # lists are no names
        known = ", ".join(sorted(ACTIVATIONS))
        raise ValueError(f"activation must be one of {known}, but it is {activation!r}")
    return ACTIVATIONS[activation]
