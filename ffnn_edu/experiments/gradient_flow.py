"""Chapter 15, Vanishing gradients: how the gradient fares going back through layers.

Going back one layer, backpropagation multiplies the error signal by the
transposed weights and by the slopes of the layer's neurons,
:math:`\\delta^{(l)} = (\\delta^{(l+1)} W^{(l)\\top}) \\odot f'(Z^{(l)})`. With
sigmoid units every slope is at most :math:`\\tfrac14`, so a layer multiplies
the size of the signal by at most :math:`\\lVert W^{(l)} \\rVert_2 / 4`
(:math:`\\lVert W \\rVert_2` is the spectral norm, the largest factor by which
the matrix stretches a vector). Unless the weights stretch by more than 4 the
signal shrinks at every layer: the **vanishing gradient** (Hochreiter 1991).

This module measures it (:func:`layer_gradient_norms`,
:func:`backward_factors`), gives the initial weight scales that keep signals
steady for the usual units (:func:`initial_weight_scale`), and sketches the
identity path of a residual connection (:func:`residual_backward_norms`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ffnn_edu.nn.activations import sigmoid, sigmoid_derivative
from ffnn_edu.nn.losses import Loss, get_loss
from ffnn_edu.nn.network import MAX_LAYERS, FeedForwardNetwork
from ffnn_edu.nn.validation import (
    Array,
    as_array,
    check_count,
    check_work,
    checked,
    instance_of,
    matrix,
    no_overflow,
    suggest_name,
)

_network = instance_of(FeedForwardNetwork)


def _with_hidden_layer(arguments: dict[str, Any]) -> None:
    """Relation: the network has a hidden layer (or no signal goes back through one)."""
    if arguments["network"].n_layers < 2:
        raise ValueError(
            f"network must have a hidden layer, but it has layer sizes "
            f"{arguments['network'].layer_sizes}"
        )


@checked(network=_network)
def layer_gradient_norms(
    network: FeedForwardNetwork,
    X: ArrayLike,
    T: ArrayLike,
    loss: str | Loss = "half_sse",
) -> Array:
    """Frobenius norm of :math:`\\partial E/\\partial W^{(l)}` for each weight layer.

    Parameters
    ----------
    network : FeedForwardNetwork
    X, T : array_like
        Inputs and targets of one batch.
    loss : str or Loss

    Returns
    -------
    ndarray, shape (n_layers,)
        First entry: the layer next to the inputs.

    Examples
    --------
    >>> net = FeedForwardNetwork((2, 2, 1), bias=False)
    >>> net.set_weights([[[0.1, 0.5], [0.4, 0.3]], [[0.2], [0.6]]])
    >>> layer_gradient_norms(net, [[0.23, 0.82]], [[1.0]]).round(3)
    array([0.012, 0.076])
    """
    grads = network.backprop(X, T, loss)
    return np.array([_norm(g) for g in grads.weights])


def _norm(a: Array) -> float:
    """The Frobenius norm, also where squaring the entries underflows or overflows.

    ``np.linalg.norm`` squares the entries: gradients of 1e-170 and below, which a deep
    network's first layers get, have a norm of 0 that way. There the norm is taken of
    ``a`` divided by its largest entry and multiplied back.

    Examples
    --------
    >>> _norm(np.array([3e-200, 4e-200]))
    5e-200
    """
    norm = float(np.linalg.norm(a))
    if 1e-150 < norm < 1e150 or not a.any():
        return norm
    largest = float(np.abs(a).max())
    return largest * float(np.linalg.norm(a / largest))


def _norm_ratio(a: Array, b: Array) -> float:
    """``_norm(a) / _norm(b)``, with each scaled by its largest entry where needed.

    The norm of a signal of 1e-200 underflows to 0 (its squares do), which made the
    ratio 0 or 0/0; scaled apart, the ratio keeps its digits.

    Examples
    --------
    >>> _norm_ratio(np.array([3e-200, 4e-200]), np.array([1e-100]))
    5e-100
    """
    norm_a, norm_b = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    if 1e-150 < norm_a < 1e150 and 1e-150 < norm_b < 1e150:
        return norm_a / norm_b
    if not a.any():
        return 0.0
    size_a, size_b = float(np.abs(a).max()), float(np.abs(b).max())
    shape_a, shape_b = np.linalg.norm(a / size_a), np.linalg.norm(b / size_b)
    return float(shape_a / shape_b * (np.float64(size_a) / size_b))


@dataclass(frozen=True)
class BackwardFactors:
    """What each layer does to the error signal on the way back.

    Entry ``k`` describes the step from :math:`\\delta^{(l+1)}` back to
    :math:`\\delta^{(l)}` for ``l = n_layers - 1 - k``: the output end first.

    Attributes
    ----------
    layers : ndarray of int
        :math:`l` of each step (the layer the signal arrives at, counted from 1).
    factor : ndarray
        :math:`\\lVert\\delta^{(l)}\\rVert / \\lVert\\delta^{(l+1)}\\rVert`
        (Frobenius norms).
    bound : ndarray
        :math:`\\lVert W^{(l)}\\rVert_2 \\cdot \\max f'`, the most the step can
        multiply the signal by (for sigmoid units :math:`\\max f' = \\tfrac14`).
    mean_slope : ndarray
        Mean slope :math:`f'(Z^{(l)})` of the layer's neurons on the batch.
    """

    layers: Array
    factor: Array
    bound: Array
    mean_slope: Array


_MAX_SLOPE = {"sigmoid": 0.25, "tanh": 1.0, "relu": 1.0, "linear": 1.0}


@checked(_with_hidden_layer, network=_network)
def backward_factors(
    network: FeedForwardNetwork,
    X: ArrayLike,
    T: ArrayLike,
    loss: str | Loss = "half_sse",
) -> BackwardFactors:
    """Measure how much each layer multiplies the backpropagated error signal.

    Raises
    ------
    ValueError
        If a hidden activation has no known largest slope (sigmoid, tanh,
        ReLU and linear units are supported), or the error signal arriving at a
        layer is zero; the message says why, measured on the batch: the outputs match
        the targets, every unit of a layer has slope 0 (dead ReLU units, saturated
        units), or the signal underflowed on its way back.

    Examples
    --------
    >>> net = FeedForwardNetwork((4, 4, 4, 1), "sigmoid", seed=0)
    >>> rng = np.random.default_rng(0)
    >>> f = backward_factors(net, rng.normal(size=(8, 4)), rng.integers(0, 2, (8, 1)))
    >>> f.layers.tolist(), bool((f.factor <= f.bound).all())
    ([2, 1], True)
    """
    grads = network.backprop(X, T, loss)
    X = as_array(X, "X", ndim=2)
    passed = network.forward(X, return_all=True)
    layers, factor, bound, slope = [], [], [], []
    for l in range(network.n_layers - 1, 0, -1):
        name = network.activations[l - 1].name
        if name not in _MAX_SLOPE:
            raise ValueError(
                f"network has a hidden activation {name!r} whose largest slope "
                f"is not known; expected one of {sorted(_MAX_SLOPE)}"
            )
        if not grads.deltas[l].any():
            raise ValueError(
                f"the error signal arriving at layer {l} is zero, so the factor it is "
                "multiplied by on the way back is undefined: "
                + _zero_signal_cause(network, passed, l, X, T, loss)
            )
        layers.append(l)
        factor.append(_norm_ratio(grads.deltas[l - 1], grads.deltas[l]))
        bound.append(np.linalg.norm(network.weights[l], 2) * _MAX_SLOPE[name])
        slope.append(network.activations[l - 1].derivative(passed.logits[l - 1]).mean())
    return BackwardFactors(
        np.array(layers), np.array(factor), np.array(bound), np.array(slope)
    )


_DEAD = "ReLU units whose weighted sums are all <= 0: dead units"


def _zero_signal_cause(
    network: FeedForwardNetwork,
    passed: Any,
    k: int,
    X: Array,
    T: ArrayLike,
    loss: str | Loss,
) -> str:
    """Why ``grads.deltas[k]`` (the signal arriving at layer ``k``) is all 0, measured.

    On each sample the signal is 0 if the outputs equal the targets there (the output
    error is 0), or if every unit of a layer on the way back (from the output layer
    down to layer ``k + 1``) has slope exactly 0 there: saturated units, or dead ReLU
    units. Only where neither holds do the factors multiply to something nonzero, and
    the signal is 0 because that product fell below the smallest number (underflow),
    or its terms cancel. The same backward pass is repeated with the signal rescaled
    to its largest entry at each layer: nonzero there means underflow.
    """
    L = network.n_layers
    loss = get_loss(loss, network.activations[-1].name)
    T = network.check_targets(X, T)
    f = network.activations[-1]
    paired = loss.pairs_with(f.name) and loss.delta_from_logits is not None
    if paired:  # the delta is y - t, from the logits: no slope of its own
        error = loss.delta_from_logits(passed.logits[-1], T)
    else:
        error = loss.gradient(passed.output, T)
    matched = ~error.any(axis=1)  # samples whose outputs equal their targets
    # for each sample, the first layer (from the output end) whose units all have
    # slope 0 on it; 0 where none does
    flat_layer = np.zeros(len(X), dtype=int)
    for j in range(L, k, -1):  # layer j's slopes: layer L is the output layer
        if j < L:
            slope = passed.slope(j - 1, network.activations[j - 1])
        else:
            slope = np.ones_like(error) if paired else f.output_slope(passed.output)
        flat = ~slope.any(axis=1) & (flat_layer == 0) & ~matched
        flat_layer[flat] = j
    if matched.all():
        return (
            "the outputs match the targets (the output error is 0); use targets "
            "the network misses"
        )
    if (matched | (flat_layer > 0)).all():
        where = sorted(set(flat_layer[~matched].tolist()))
        if len(where) == 1 and not matched.any():
            j = where[0]
            name = "the output layer" if j == L else f"layer {j}"
            return (
                f"every unit of {name} has slope 0 on these samples "
                f"({_slope_zero_note(network, j)})"
            )
        parts = [
            f"every unit of {'the output layer' if j == L else f'layer {j}'} has "
            f"slope 0 on samples {np.flatnonzero(flat_layer == j).tolist()} "
            f"({_slope_zero_note(network, j)})"
            for j in where
        ]
        if matched.any():
            parts.append(
                "the outputs match the targets on samples "
                f"{np.flatnonzero(matched).tolist()}"
            )
        return (
            "on each sample the output error or the product of the slopes on the "
            "way back is exactly 0: " + "; ".join(parts)
        )
    if _rescaled_signal(network, passed, error, k, paired).any():
        return (
            "it vanished on its way back from the output: the factors are not 0, "
            "but their product fell below 4.9e-324, the smallest number, and "
            f"rounded to 0 (it still reached layer {k + 1}); use fewer layers, or "
            "weights that keep each layer's factor near 1"
        )
    if _rescaled_signal(network, passed, error, k, paired, absolute=True).any():
        return (
            "the terms it is summed from cancel to exactly 0 (the weights carry the "
            f"error signal of layer {k + 1} back to nothing)"
        )
    return (
        "on every path back the product of the output error, the weights and the "
        "slopes is exactly 0: each term has an output at its target, a weight of 0 "
        f"or a unit with slope 0 ({_DEAD}, or saturated units)"
    )


def _slope_zero_note(network: FeedForwardNetwork, j: int) -> str:
    """Why every unit of layer ``j`` (``n_layers``: the output layer) has slope 0."""
    if network.activations[j - 1].name == "relu":
        return _DEAD
    return "saturated units, whose activation's slope rounds to exactly 0"


def _rescaled_signal(
    network: FeedForwardNetwork,
    passed: Any,
    error: Array,
    k: int,
    paired: bool,
    absolute: bool = False,
) -> Array:
    """The backward pass from ``error`` down to ``deltas[k]``, rescaled at each step.

    Each sample's signal is divided by its largest entry before every factor is
    multiplied in, so it is 0 only where a factor is 0 or the terms cancel, not by
    underflow. ``absolute``: of the sizes of the factors (nothing cancels either).
    """
    size = np.abs if absolute else (lambda a: a)
    g = _per_sample_unit(size(error))
    if not paired:
        g = g * size(network.activations[-1].output_slope(passed.output))
    for l in range(network.n_layers - 1, k, -1):
        g = _per_sample_unit(_per_sample_unit(g) @ size(network.weights[l]).T)
        g = g * size(passed.slope(l - 1, network.activations[l - 1]))
    return np.asarray(g)


def _per_sample_unit(g: Array) -> Array:
    """``g`` with each row divided by its largest entry (rows of 0 stay 0).

    Examples
    --------
    >>> _per_sample_unit(np.array([[1e-300, -2e-300], [0.0, 0.0]]))
    array([[ 0.5, -1. ],
           [ 0. ,  0. ]])
    """
    largest = np.abs(g).max(axis=1, keepdims=True)
    return np.asarray(g / np.where(largest > 0, largest, 1.0))


#: Names other libraries give the rules of :func:`initial_weight_scale`, each with
#: (what it names, the package's name): refused, with the package's name suggested.
OTHER_RULE_NAMES: dict[str, tuple[str, str]] = {
    "xavier": ("another name for Glorot's rule (Xavier Glorot)", "glorot"),
    "xavier_normal": ("Glorot's rule with normal weights", "glorot"),
    "xavier_uniform": ("Glorot's rule with uniform weights", "glorot"),
    "glorot_normal": ("Keras's name for Glorot's rule, normal weights", "glorot"),
    "glorot_uniform": ("Keras's name for Glorot's rule, uniform weights", "glorot"),
    "kaiming": ("another name for He's rule (Kaiming He)", "he"),
    "kaiming_normal": ("He's rule with normal weights", "he"),
    "kaiming_uniform": ("He's rule with uniform weights", "he"),
    "he_normal": ("Keras's name for He's rule, normal weights", "he"),
    "he_uniform": ("Keras's name for He's rule, uniform weights", "he"),
    "lecun_normal": ("Keras's name for LeCun's rule, normal weights", "lecun"),
    "lecun_uniform": ("Keras's name for LeCun's rule, uniform weights", "lecun"),
}


def initial_weight_scale(rule: str, n_in: int, n_out: int | None = None) -> float:
    """Standard deviation of the initial weights of a layer, by a named rule.

    * ``"lecun"``: :math:`1/\\sqrt{n_\\text{in}}`, for units with slope 1 at 0
      such as tanh (LeCun et al. 1998); the package's default;
    * ``"glorot"``: :math:`\\sqrt{2/(n_\\text{in}+n_\\text{out})}`, for the same
      units, balancing the forward and the backward pass (Glorot and Bengio 2010);
    * ``"he"``: :math:`\\sqrt{2/n_\\text{in}}`, for ReLU units, of which about half
      pass nothing (He et al. 2015).

    None of them suits sigmoid units, whose slope at 0 is only ¼: to keep the
    backward signal steady their weights would have to be about four times
    larger, and weights that large saturate them.

    Raises
    ------
    ValueError
        For an unknown rule, or ``"glorot"`` without ``n_out``. A name other libraries
        use (``"xavier"``, ``"kaiming"``, ``"he_normal"``, ...; see
        :data:`OTHER_RULE_NAMES`) is refused too, with the package's name suggested.

    Examples
    --------
    >>> initial_weight_scale("glorot", 16, 16), initial_weight_scale("he", 16)
    (0.25, 0.3535533905932738)
    >>> initial_weight_scale("kaiming", 16)
    Traceback (most recent call last):
    ...
    ValueError: rule must be 'lecun', 'glorot' or 'he', but it is 'kaiming'; 'kaiming'
    is another name for He's rule (Kaiming He): here 'he'
    """
    n_in = check_count(n_in, "n_in")
    n_out = None if n_out is None else check_count(n_out, "n_out")
    if not isinstance(rule, str):
        raise TypeError(
            "rule must be 'lecun', 'glorot' or 'he', but it is "
            f"{rule!r} ({type(rule).__name__})"
        )
    if rule == "lecun":
        return float(1.0 / np.sqrt(n_in))
    if rule == "he":
        return float(np.sqrt(2.0 / n_in))
    if rule == "glorot":
        if n_out is None:
            raise ValueError("n_out is needed for the 'glorot' rule")
        return float(np.sqrt(2.0 / (n_in + n_out)))
    raise ValueError(
        f"rule must be 'lecun', 'glorot' or 'he', but it is {rule!r}"
        f"{suggest_name(rule, ('lecun', 'glorot', 'he'), OTHER_RULE_NAMES)}"
    )


def _square_blocks(weights: Any, name: str) -> list[Array]:
    """Checker: a non-empty list of square matrices, one per residual block."""
    if isinstance(weights, (str, bytes)) or not isinstance(weights, (list, tuple)):
        raise TypeError(
            f"{name} must be a list of square weight matrices, one per block, "
            f"but it is {weights!r} ({type(weights).__name__})"
        )
    if not weights:
        raise ValueError(
            f"{name} must hold at least one block's matrix, but it is empty"
        )
    check_work(len(weights), MAX_LAYERS, f"blocks ({name})", "MAX_LAYERS")
    return [as_array(W, f"weights[{k}]", ndim=2) for k, W in enumerate(weights)]


def _one_width(arguments: dict[str, Any]) -> None:
    """Relation: blocks are (width, width), as wide as ``h0``; ``signal`` likewise."""
    h, g = arguments["h0"], arguments["signal"]
    width = h.shape[1]
    for k, W in enumerate(arguments["weights"]):
        if W.shape != (width, width):
            raise ValueError(
                f"weights[{k}] must have shape {(width, width)} (square, as wide "
                f"as h0), but it has shape {W.shape}"
            )
    if g.shape != h.shape:
        raise ValueError(
            f"signal must have the shape of h0, {h.shape}, but it has shape {g.shape}"
        )


@checked(
    _one_width,
    no_overflow("weights or h0 are too large: a block's logits overflow"),
    weights=_square_blocks,
    h0=matrix,
    signal=matrix,
)
def residual_backward_norms(
    weights: Sequence[ArrayLike], h0: ArrayLike, signal: ArrayLike
) -> tuple[Array, Array]:
    """Pass an error signal back through sigmoid blocks, plain and with identity paths.

    The forward pass runs residual blocks :math:`h \\leftarrow h + \\sigma(h W)`
    from ``h0``. Going back through block :math:`k` (output end first), the
    plain chain computes :math:`g \\leftarrow (g \\odot \\sigma'(z_k)) W_k^\\top`
    and the residual chain :math:`g \\leftarrow g + (g \\odot \\sigma'(z_k)) W_k^\\top`
    (the identity path adds the signal itself). Both use the logits
    :math:`z_k` of the residual forward pass, so only the factor per block is
    comparable with a plain network's.

    Parameters
    ----------
    weights : sequence of square arrays
        One matrix per block.
    h0 : array_like, shape (1, width)
        The input of the first block.
    signal : array_like, shape (1, width)
        The error signal arriving at the last block.

    Returns
    -------
    (plain, residual) : two ndarrays of shape (n_blocks,)
        Size of the signal after passing back through 1, 2, ... blocks.

    Examples
    --------
    >>> W = [np.eye(2)] * 3
    >>> plain, res = residual_backward_norms(W, [[0.0, 0.0]], [[1.0, 0.0]])
    >>> bool(plain[-1] < 0.02), bool(res[-1] > 1.0)
    (True, True)
    """
    h, plain, residual = h0, signal, signal
    logits = []
    for W in weights:
        logits.append(h @ W)
        h = h + sigmoid(logits[-1])
    plain_norms, residual_norms = [], []
    for W, z in zip(weights[::-1], logits[::-1]):
        plain = (plain * sigmoid_derivative(z)) @ W.T
        residual = residual + (residual * sigmoid_derivative(z)) @ W.T
        plain_norms.append(_norm(plain))  # scaled where squares would underflow
        residual_norms.append(_norm(residual))
    return np.array(plain_norms), np.array(residual_norms)
