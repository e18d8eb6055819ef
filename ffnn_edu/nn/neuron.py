r"""One artificial neuron: weighted sum, bias, logit, activation.

A neuron multiplies each input :math:`x_i` by its weight :math:`w_i`, adds the
products and its bias :math:`b`, and calls the result the *logit*

.. math:: z = b + \sum_i w_i x_i = b + \mathbf{w}^\top \mathbf{x},

then passes the logit through its activation function: :math:`y = f(z)`. The
crash-course article calls the same sum :math:`s` (and uses :math:`z` for the
sum *without* the bias).
"""

from __future__ import annotations

from .activations import Activation, get_activation
from .validation import (
    Array,
    checked,
    inputs_match_weights,
    matrix,
    no_overflow,
    samples,
    scalar,
    vector,
)

_TOO_LARGE = "x and w (or eta) are too large: the weighted sum or the update overflows"
_TOO_LARGE_W = "x and W are too large: the weighted sums overflow"


@checked(
    no_overflow(_TOO_LARGE),
    inputs_match_weights("x", "w"),
    x=samples,
    w=vector,
    b=scalar,
)
def logit(x: Array, w: Array, b: float = 0.0) -> Array:
    r""":math:`z = b + \sum_i w_i x_i` for each sample (row) of ``x``.

    Parameters
    ----------
    x : array_like, shape (n_inputs,) or (n_samples, n_inputs)
    w : array_like, shape (n_inputs,)
    b : float

    Examples
    --------
    The textbook's perceptron example:

    >>> logit([0.3, 0.4], [2, -3], b=0.5).round(10)
    array([-0.1])
    """
    return x @ w + b


def _one_neuron_activation(value: str | Activation, name: str) -> Activation:
    """Checker: an activation that acts on one neuron's logit alone (not a softmax)."""
    f = get_activation(value)
    if not f.elementwise:
        raise ValueError(
            f"{name} must act on one neuron's logit alone, but {f.name!r} needs a "
            f"whole layer of logits (for one neuron use 'sigmoid')"
        )
    return f


@checked(activation=_one_neuron_activation)
def neuron_output(
    x: Array,
    w: Array,
    b: float = 0.0,
    # the checker turns a name into an Activation:
    activation: Activation = "sigmoid",  # type: ignore[assignment]
) -> Array:
    r""":math:`y = f(z)`: the neuron's output for each sample of ``x``.

    Examples
    --------
    >>> neuron_output([0.23, 0.82], [0.1, 0.4]).round(4)
    array([0.5869])
    """
    return activation.function(logit(x, w, b))


@checked(no_overflow(_TOO_LARGE_W), inputs_match_weights("x", "W"), x=vector, W=matrix)
def layer_logits(x: Array, W: Array) -> Array:
    r""":math:`\mathbf{z} = W^\top \mathbf{x}` for a layer with weight matrix ``W``.

    ``W[j, k]`` is the weight from input neuron ``j`` to neuron ``k`` of the
    layer (the textbook's orientation), so ``W`` has one row per input.

    Examples
    --------
    The textbook's matrix example:

    >>> layer_logits([10, 20], [[0.1, 0.2, 0.3], [1, 2, 3]]).round(10)
    array([21., 42., 63.])
    """
    return W.T @ x
