r"""A fully connected feed-forward network: forward pass and backpropagation.

Weight convention
-----------------
The package follows the textbook: ``weights[l][j, k]`` is the weight on the
connection **from** neuron ``j`` of layer ``l`` **to** neuron ``k`` of layer
``l + 1``, so ``weights[l]`` has shape ``(n_l, n_{l+1})``. With one sample per
row of ``X`` the forward pass needs no transposes:

.. math:: Z^{(l+1)} = A^{(l)} W^{(l)} + \mathbf{b}^{(l+1)}, \qquad
          A^{(l+1)} = f(Z^{(l+1)}),

where :math:`A^{(0)} = X`. For a single column vector :math:`\mathbf{x}` this
is the textbook's :math:`\mathbf{z} = W^\top \mathbf{x}`.

The crash-course article (and Nielsen's book) index the other way round:
:math:`w^l_{jk}` goes from neuron :math:`k` of layer :math:`l-1` to neuron
:math:`j` of layer :math:`l`, the matrix has shape ``(n_l, n_{l-1})`` and the
forward pass reads :math:`z^l = w^l a^{l-1} + b^l` for a column vector. The
two matrices are transposes of each other: the article's :math:`w^l` is
``weights[l - 1].T`` here. Rows-are-samples data (how tables and numpy arrays
arrive) is why the package keeps the textbook's orientation.

Backpropagation
---------------
With :math:`\delta^{(l)} = \partial E / \partial Z^{(l)}` (one row per
sample), the four equations of backpropagation become

.. math::
    \delta^{(L)} = \frac{\partial E}{\partial A^{(L)}} \odot f'(Z^{(L)}), \quad
    \delta^{(l)} = \big(\delta^{(l+1)} W^{(l)\top}\big) \odot f'(Z^{(l)}),

.. math::
    \frac{\partial E}{\partial W^{(l)}} = A^{(l)\top} \delta^{(l+1)}, \quad
    \frac{\partial E}{\partial \mathbf{b}^{(l+1)}} = \textstyle\sum_n \delta^{(l+1)}_n .
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from .activations import Activation, get_activation
from .dropout import dropout_mask
from .losses import Loss, get_loss
from .validation import (
    Array,
    as_array,
    as_samples,
    as_targets,
    check_number,
    check_sizes,
    check_work,
    checked,
    counted,
    dropout_rate,
    flag,
    no_overflow,
    random_generator,
    seed,
)


@dataclass
class ForwardPass:
    r"""Everything the forward pass computed, layer by layer.

    Attributes
    ----------
    activations : list of ndarray
        :math:`A^{(0)} = X, A^{(1)}, \dots, A^{(L)}` (one more entry than
        ``logits``): what each layer passes on, after dropout if any.
    logits : list of ndarray
        :math:`Z^{(1)}, \dots, Z^{(L)}`, each of shape ``(n_samples, n_l)``.
    outputs : list of ndarray
        :math:`f(Z^{(1)}), \dots, f(Z^{(L)})` before dropout, from which the
        backward pass computes the slopes; the same arrays as
        ``activations[1:]`` where no dropout was applied.
    masks : list of ndarray or None
        The dropout mask applied to each layer (None where no dropout).

    Examples
    --------
    >>> passed = ForwardPass([np.array([[1.0, 2.0]])])
    >>> passed.add_layer(np.array([[0.5]]), np.array([[0.6]]))
    >>> passed.output, len(passed.logits)
    (array([[0.6]]), 1)
    """

    activations: list[Array]
    logits: list[Array] = field(default_factory=list)
    outputs: list[Array] = field(default_factory=list)
    masks: list[Array | None] = field(default_factory=list)

    @property
    def output(self) -> Array:
        """The latest layer's outputs; after the pass, the output :math:`A^{(L)}`."""
        return self.activations[-1]

    def add_layer(self, Z: Array, A: Array, mask: Array | None = None) -> None:
        """Keep a layer: its logits ``Z``, outputs ``A = f(Z)`` and dropout ``mask``.

        The next layer receives ``A`` (times ``mask``, if one is given).
        """
        self.logits.append(Z)
        self.outputs.append(A)
        self.masks.append(mask)
        self.activations.append(A if mask is None else A * mask)

    def slope(self, l: int, f: Activation) -> Array:
        r"""How layer ``l + 1``'s outputs move with its logits: :math:`f'(Z)`.

        With a dropout mask :math:`M` (chapter 13) the layer passed on
        :math:`f(Z) \odot M`, so the slope is :math:`f'(Z) \odot M`: a dropped unit
        passes no gradient back.

        Examples
        --------
        >>> from ffnn_edu.nn.activations import get_activation
        >>> passed = ForwardPass([np.array([[1.0]])])
        >>> passed.add_layer(np.array([[0.0, 0.0]]), np.array([[0.5, 0.5]]),
        ...                  np.array([[2.0, 0.0]]))
        >>> passed.slope(0, get_activation("sigmoid"))
        array([[0.5, 0. ]])
        """
        slope = f.output_slope(self.outputs[l])
        mask = self.masks[l]
        return slope if mask is None else slope * mask


@dataclass
class Gradients:
    r"""Derivatives of the error with respect to every weight and bias.

    Attributes
    ----------
    weights : list of ndarray
        ``weights[l]`` is :math:`\partial E/\partial W^{(l)}`, shaped like the weights.
    biases : list of ndarray or None
        ``biases[l]`` is :math:`\partial E/\partial \mathbf{b}^{(l+1)}`;
        None without biases.
    deltas : list of ndarray
        :math:`\delta^{(1)}, \dots, \delta^{(L)}`: the error derivatives with
        respect to each layer's logits, one row per sample.
    compute_loss : callable
        Computes the error :math:`E`; see :attr:`loss`.
    """

    weights: list[Array]
    biases: list[Array] | None
    deltas: list[Array]
    compute_loss: Callable[[], float] = field(repr=False)

    @cached_property
    def loss(self) -> float:
        """The error :math:`E` of the forward pass that was differentiated.

        :meth:`FeedForwardNetwork.backprop` computes it (an overflow raises
        its ``ValueError``); the training loop's fast path
        :meth:`~FeedForwardNetwork.run_backward` leaves it to be computed when
        first asked for, as the backward pass does not need it.
        """
        return self.compute_loss()

    def as_list(self) -> list[Array]:
        """All gradients, in the order of :meth:`FeedForwardNetwork.parameters`."""
        return _interleaved(self.weights, self.biases)


def _interleaved(weights: list[Array], biases: list[Array] | None) -> list[Array]:
    """``[W0, b1, W1, b2, ...]``, or the weights without biases (per iteration)."""
    if biases is None:
        return list(weights)
    both: list[Array] = []
    for pair in zip(weights, biases):
        both += pair
    return both


def _inputs_fit(arguments: dict[str, Any]) -> None:
    """Relation for ``@checked`` methods: ``X`` fits the network's input layer.

    And the pass on it fits in memory: at most :data:`MAX_ACTIVATIONS` samples times
    neurons, counted before anything is computed.
    """
    network = arguments["self"]
    arguments["X"] = X = network.check_inputs(arguments["X"])
    check_activations(network.layer_sizes, len(X))


def _targets_fit(arguments: dict[str, Any]) -> None:
    """Relation for ``@checked`` methods: ``T`` fits the output layer, the loss both."""
    network = arguments["self"]
    loss = arguments["loss"] = network.check_loss(arguments["loss"])
    arguments["T"] = loss.check_targets(
        network.check_targets(arguments["X"], arguments["T"]), "T"
    )


def parameter_entry(index: tuple[int, ...]) -> str:
    """``[2, 1]`` for a matrix entry, ``[1]`` for a vector's (as numpy prints them)."""
    return "[" + ", ".join(str(int(i)) for i in index) + "]"


_SET_BY_HAND = "set by hand? use set_weights, which checks shapes"


def _check_array_list(
    network: FeedForwardNetwork,
    name: str,
    arrays: Any,
    shapes: list[tuple[int, ...]],
    what: tuple[str, str],
    role: Callable[[int], str],
) -> None:
    """Refuse ``arrays`` unless it is a list of float arrays of ``shapes``.

    ``role(l)`` says what the rows and columns of array ``l`` are (for the message
    only: the check itself compares types and shapes).
    """
    sizes = network.layer_sizes
    if not isinstance(arrays, list):
        held = counted(len(shapes), *what)
        raise ValueError(
            f"the network's {name} must be a list of {held}, one per layer "
            f"transition of layer_sizes {sizes}, but it is a "
            f"{type(arrays).__name__} ({_SET_BY_HAND})"
        )
    if len(arrays) != len(shapes):
        held = counted(len(shapes), *what)
        raise ValueError(
            f"the network's {name} must hold {held}, one per layer transition of "
            f"layer_sizes {sizes}, but it holds {len(arrays)} ({_SET_BY_HAND})"
        )
    for l, (p, shape) in enumerate(zip(arrays, shapes)):
        if type(p) is np.ndarray and p.dtype.kind == "f" and p.shape == shape:
            continue
        entry = f"{name}[{l}]"
        if not isinstance(p, np.ndarray):
            raise ValueError(
                f"the network's {entry} must be a float array of shape {shape}, "
                f"but it is a {type(p).__name__} ({_SET_BY_HAND})"
            )
        if isinstance(p, np.matrix):  # its * and its rows differ; a memmap is fine
            raise ValueError(
                f"the network's {entry} must be a numpy array, not np.matrix, whose "
                "rows stay 2-d and whose * multiplies matrices (set by hand? use "
                "set_weights, or np.asarray(...) to convert it)"
            )
        if p.dtype.kind != "f":
            raise ValueError(
                f"the network's {entry} must be a float array, but its dtype is "
                f"{p.dtype} (set by hand? use set_weights, which converts to float "
                "and checks shapes)"
            )
        if p.shape != shape:
            raise ValueError(
                f"the network's {entry} must have shape {shape}, {role(l)}, but it "
                f"has shape {p.shape} ({_SET_BY_HAND})"
            )


def check_structure(network: FeedForwardNetwork) -> None:
    """Refuse a network whose parameters or activations do not fit ``layer_sizes``.

    ``weights[l]`` must be a float numpy array (not a subclass such as np.matrix) of
    shape ``(layer_sizes[l], layer_sizes[l + 1])`` and ``biases[l]`` one of shape
    ``(layer_sizes[l + 1],)``,
    one of each per layer transition (``biases`` None exactly when the network has
    none), with one activation per non-input layer. An array replaced by hand with
    one of another shape would make numpy's matmul or broadcasting fail with a
    message about operands, or (a matrix of the wrong width in the last layer) give
    outputs of the wrong shape without a word; an extra matrix would be ignored.
    Shapes, types and counts only: no entry is read.

    Examples
    --------
    >>> net = FeedForwardNetwork((2, 3, 1), seed=0)
    >>> check_structure(net)
    >>> net.weights[0] = net.weights[0].T
    >>> check_structure(net)
    Traceback (most recent call last):
    ...
    ValueError: the network's weights[0] must have shape (2, 3), one row per neuron
    of layer 0 (from) and one column per neuron of layer 1 (to), but it has shape (3,
    2) (set by hand? use set_weights, which checks shapes)
    """
    sizes = network.layer_sizes
    n = len(sizes) - 1
    _check_array_list(
        network,
        "weights",
        network.weights,
        [(sizes[l], sizes[l + 1]) for l in range(n)],
        ("matrix", "matrices"),
        lambda l: (
            f"one row per neuron of layer {l} (from) and one column per neuron of "
            f"layer {l + 1} (to)"
        ),
    )
    if network.bias and network.biases is None:
        raise ValueError(
            f"the network's biases must hold {counted(n, 'vector')} (it was built "
            f"with biases), but they are None ({_SET_BY_HAND})"
        )
    if not network.bias and network.biases is not None:
        raise ValueError(
            "the network's biases must be None (it was built with bias=False), but "
            f"they are a {type(network.biases).__name__} (set by hand? re-create "
            "the network with bias=True to have biases)"
        )
    if network.biases is not None:
        _check_array_list(
            network,
            "biases",
            network.biases,
            [(sizes[l + 1],) for l in range(n)],
            ("vector", "vectors"),
            lambda l: f"one bias per neuron of layer {l + 1}",
        )
    activations = network.activations
    if not isinstance(activations, list) or len(activations) != n:
        held = (
            f"it holds {len(activations)}"
            if isinstance(activations, list)
            else f"it is a {type(activations).__name__}"
        )
        raise ValueError(
            f"the network's activations must be a list of "
            f"{counted(n, 'function')}, one per non-input layer of layer_sizes "
            f"{sizes}, but {held} (set by hand? re-create the network with "
            "activation=...)"
        )
    for l, f in enumerate(activations):
        if not isinstance(f, Activation):
            raise ValueError(
                f"the network's activations[{l}] must be an Activation, but it is "
                f"a {type(f).__name__} (set by hand? re-create the network with "
                "activation=..., which takes names)"
            )


def check_parameters(network: FeedForwardNetwork) -> None:
    """Refuse a network whose parameters are not finite numbers of the right shapes.

    First the structure (:func:`check_structure`: counts, types and shapes against
    ``layer_sizes``), then the values: the forward pass of a network with a weight or
    bias that is not a finite number is NaN or infinite for every sample, and
    every result computed from it (outputs, gradients, losses, predictions) would be
    NaN without a word; an overflow message would blame the data. One scan of the
    parameters; the message names the first array and entry at fault.

    Examples
    --------
    >>> net = FeedForwardNetwork((2, 3, 1), seed=0)
    >>> check_parameters(net)
    >>> net.weights[1][2, 0] = np.inf
    >>> check_parameters(net)
    Traceback (most recent call last):
    ...
    ValueError: the network's weights[1] must contain only finite numbers, but
    weights[1][2, 0] is inf (set by hand? re-create the network or restore saved
    weights)
    """
    check_structure(network)
    if all(np.isfinite(p).all() for p in network.parameters()):
        return
    arrays = [(f"weights[{l}]", W) for l, W in enumerate(network.weights)]
    if network.biases is not None:
        arrays += [(f"biases[{l}]", b) for l, b in enumerate(network.biases)]
    for name, p in arrays:
        bad = np.argwhere(~np.isfinite(p))
        if len(bad):
            index = tuple(bad[0])
            raise ValueError(
                f"the network's {name} must contain only finite numbers, but "
                f"{name}{parameter_entry(index)} is {float(p[index])!r} (set by "
                "hand? re-create the network or restore saved weights)"
            )


def parameters_finite(arguments: dict[str, Any]) -> None:
    """Relation for ``@checked`` uses of a network: its parameters are finite numbers.

    Finite numbers in float arrays of the shapes its ``layer_sizes`` say, with one
    activation per layer (see :func:`check_parameters`). The network is the method's
    ``self`` or the function's ``network`` argument.
    """
    network = arguments["self"] if "self" in arguments else arguments["network"]
    check_parameters(network)


def _rng_for_dropout(arguments: dict[str, Any]) -> None:
    """Relation for ``forward`` and ``backprop``: dropout needs random numbers."""
    if arguments["dropout"] > 0:
        random_generator("it draws the dropout masks")(arguments["rng"], "rng")


#: Most neurons in one layer of a :class:`FeedForwardNetwork`, far above the book's
#: widest; a layer of a billion would fill the memory before any message.
MAX_LAYER_SIZE = 100_000
#: Most weights and biases of a :class:`FeedForwardNetwork` in all (80 MB of them).
MAX_PARAMETERS = 10_000_000
#: Most layers of a :class:`FeedForwardNetwork`.
MAX_LAYERS = 1_000
#: Most activations one pass of a network on one data set may make: samples times
#: neurons (160 MB of float64 a matrix; the forward pass keeps the logits and the
#: outputs of every layer, backpropagation a delta of each). The training loop
#: (:func:`~ffnn_edu.nn.training.check_run_size`) and every pass on a user's ``X``
#: count against it.
MAX_ACTIVATIONS = 20_000_000


def check_activations(
    layer_sizes: Sequence[int],
    samples: int,
    x: str = "X",
    neurons: str | None = None,
    *,
    runs: int = 1,
    stacked: str = "",
) -> None:
    """Refuse a pass above :data:`MAX_ACTIVATIONS`: ``samples`` times the neurons.

    ``x`` names the data whose ``samples`` rows pass, ``neurons`` says what sets the
    neurons (``"network: 101 neurons"`` by default); ``runs`` stacked networks
    (``stacked`` names them) multiply the count. The count is built only when it is
    refused, so the training loop's passes pay one product.

    Examples
    --------
    >>> check_activations((2, 10, 1), 200)
    >>> check_activations((2, 100_000, 1), 250)
    Traceback (most recent call last):
    ...
    ValueError: this would make 25000250 activations (X: 250 samples x network: 100001
    neurons), more than MAX_ACTIVATIONS = 20000000
    """
    units = sum(layer_sizes[1:])
    if samples * units * runs <= MAX_ACTIVATIONS:
        return
    if neurons is None:
        neurons = f"network: {counted(units, 'neuron')}"
    check_work(
        samples * units * runs,
        MAX_ACTIVATIONS,
        f"activations ({stacked}{x}: {counted(samples, 'sample')} x {neurons})",
        "MAX_ACTIVATIONS",
    )


def _layer_sizes(value: Any, name: str) -> tuple[int, ...]:
    """Checker: an input layer, an output layer and any hidden layers between them.

    Refuses a network beyond :data:`MAX_LAYERS`, :data:`MAX_LAYER_SIZE` or
    :data:`MAX_PARAMETERS`, naming the count and the limit.

    Examples
    --------
    >>> _layer_sizes((2, 10**9, 1), "layer_sizes")
    Traceback (most recent call last):
    ...
    ValueError: this would make 1000000000 neurons in one layer (layer_sizes (2,
    1000000000, 1)), more than MAX_LAYER_SIZE = 100000
    """
    sizes = check_sizes(value, name, most=(MAX_LAYERS, "MAX_LAYERS"))  # counted first
    if len(sizes) < 2:
        raise ValueError(
            f"{name} needs at least an input and an output "
            f"layer, but it is {list(sizes)}"
        )
    shown = str(sizes) if len(sizes) <= 8 else f"with {len(sizes)} entries"
    check_work(
        max(sizes),
        MAX_LAYER_SIZE,
        f"neurons in one layer ({name} {shown})",
        "MAX_LAYER_SIZE",
    )
    check_work(
        sum((n_in + 1) * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:])),
        MAX_PARAMETERS,
        f"weights and biases ({name} {shown})",
        "MAX_PARAMETERS",
    )
    return sizes


def _activation_names(value: Any, name: str) -> Any:
    """Checker: one activation (a name or an Activation), or a list or tuple of them."""
    if isinstance(value, (str, Activation)):
        return value
    if isinstance(value, (list, tuple)):
        return list(value)
    raise TypeError(
        f"{name} must be an activation name such as 'sigmoid', an Activation, or "
        f"a list of them (one per non-input layer), but it is {value!r}"
    )


def _weight_scale(value: Any, name: str) -> float | None:
    """Checker: None (the default scale) or a finite standard deviation >= 0."""
    return None if value is None else check_number(value, name, low=0.0)


def _array_list(value: Any, name: str) -> Any:
    """Checker: a list or tuple of arrays, one per layer."""
    if isinstance(value, (list, tuple)):
        return value
    raise TypeError(
        f"{name} must be a list of arrays, one per layer, but it is {value!r} "
        f"({type(value).__name__})"
    )


def _optional_array_list(value: Any, name: str) -> Any:
    """Checker: None, or a list or tuple of arrays, one per layer."""
    return None if value is None else _array_list(value, name)


def _softmax_has_classes(arguments: dict[str, Any]) -> None:
    """Relation for the constructor: a softmax output layer has at least two neurons."""
    activation, sizes = arguments["activation"], arguments["layer_sizes"]
    last = activation if isinstance(activation, (str, Activation)) else activation[-1]
    if get_activation(last).name == "softmax" and sizes[-1] < 2:
        raise ValueError(
            "a softmax output layer needs at least 2 neurons (one per class), but "
            f"layer_sizes ends with {sizes[-1]}: a single softmax output is always 1, "
            "so its loss and gradient are 0. For two classes use one sigmoid output"
        )


_TOO_LARGE = (
    "the forward pass overflowed: X or the weights are too large (scale the inputs, "
    "e.g. with Standardizer, or check that training did not diverge)"
)


_TOO_LARGE_BACKPROP = (
    "backpropagation overflowed: X, T or the weights are too large (scale the "
    "inputs and targets, e.g. with Standardizer, or check that training did "
    "not diverge)"
)


class FeedForwardNetwork:
    r"""A feed-forward network of any layer sizes.

    Parameters
    ----------
    layer_sizes : sequence of int
        Neurons per layer, input layer first: ``(2, 2, 1)`` is the textbook's
        2-2-1 network. At most :data:`MAX_LAYERS` layers of at most
        :data:`MAX_LAYER_SIZE` neurons, with at most :data:`MAX_PARAMETERS` weights and
        biases in all.
    activation : str, Activation or sequence of them
        One activation for every non-input layer, or one per layer.
    bias : bool
        Whether neurons have biases. ``bias=False`` reproduces the worked
        example, whose neurons have none.
    weight_scale : float, optional
        Standard deviation of the random initial weights. By default
        :math:`1/\sqrt{n_\text{in}}` for a layer with :math:`n_\text{in}` inputs.
    seed : int
        Seed for the initial weights (biases start at 0).

    Examples
    --------
    The textbook's 2-2-1 example, with the weights set by hand:

    >>> net = FeedForwardNetwork((2, 2, 1), bias=False)
    >>> net.set_weights([[[0.1, 0.5], [0.4, 0.3]], [[0.2], [0.6]]])
    >>> net.forward([0.23, 0.82]).round(4)
    array([[0.6156]])
    >>> grads = net.backprop([0.23, 0.82], [1.0])
    >>> grads.weights[1].round(4)
    array([[-0.0534],
           [-0.0536]])
    """

    @checked(
        _softmax_has_classes,
        layer_sizes=_layer_sizes,
        activation=_activation_names,
        bias=flag,
        weight_scale=_weight_scale,
        seed=seed,
    )
    def __init__(
        self,
        layer_sizes: Sequence[int],
        activation: str | Activation | Sequence[str | Activation] = "sigmoid",
        *,
        bias: bool = True,
        weight_scale: float | None = None,
        seed: int = 0,
    ) -> None:
        sizes = list(layer_sizes)
        self.layer_sizes = tuple(sizes)
        n_layers = len(sizes) - 1
        if isinstance(activation, (str, Activation)):
            activation = [activation] * n_layers
        if len(activation) != n_layers:
            raise ValueError(
                f"activation must name one function per non-input layer ({n_layers}), "
                f"but it has {len(activation)}"
            )
        self.activations = [get_activation(a) for a in activation]
        for l, f in enumerate(self.activations[:-1]):
            if not f.elementwise:
                raise ValueError(
                    f"activation {f.name!r} can only be used in the output layer, "
                    f"but it is given for hidden layer {l + 1}"
                )
        self.bias = bool(bias)
        #: the ``weight_scale`` the network was made with (None: the default), named
        #: when its weights make a pass overflow
        self.weight_scale = weight_scale
        rng = np.random.default_rng(seed)
        self.weights: list[Array] = []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            scale = 1.0 / np.sqrt(n_in) if weight_scale is None else weight_scale
            self.weights.append(rng.normal(0.0, scale, size=(n_in, n_out)))
        self.biases: list[Array] | None = (
            [np.zeros(n) for n in sizes[1:]] if self.bias else None
        )

    def __repr__(self) -> str:
        names = [a.name for a in self.activations]
        return (
            f"FeedForwardNetwork(layer_sizes={self.layer_sizes}, activation={names}, "
            f"bias={self.bias})"
        )

    @property
    def n_layers(self) -> int:
        """Number of weight layers (layers minus the input layer)."""
        return len(self.weights)

    def parameters(self) -> list[Array]:
        """Weights and biases, ``[W0, b1, W1, b2, ...]`` (weights if no biases).

        The arrays are the network's own, so updating them in place trains the network.
        """
        return _interleaved(self.weights, self.biases)

    @checked(weights=_array_list, biases=_optional_array_list)
    def set_weights(
        self, weights: Sequence[ArrayLike], biases: Sequence[ArrayLike] | None = None
    ) -> None:
        """Set the weights (and biases) by hand.

        Parameters
        ----------
        weights : sequence of array_like
            ``weights[l]`` of shape ``(n_l, n_{l+1})`` (rows: from, columns: to).
        biases : sequence of array_like, optional
            ``biases[l]`` of shape ``(n_{l+1},)``. Required if and only if the
            network has biases.
        """
        if len(weights) != self.n_layers:
            raise ValueError(
                f"weights must hold {counted(self.n_layers, 'matrix', 'matrices')}, "
                f"but it holds {len(weights)}"
            )
        new = []
        for l, (w, n_in, n_out) in enumerate(
            zip(weights, self.layer_sizes[:-1], self.layer_sizes[1:])
        ):
            w = as_array(w, f"weights[{l}]")
            if w.shape != (n_in, n_out):
                raise ValueError(
                    f"weights[{l}] must have shape {(n_in, n_out)}, one row per "
                    f"neuron of layer {l} (from) and one column per neuron of layer "
                    f"{l + 1} (to), but it has shape {w.shape}"
                )
            new.append(w.copy())
        if self.biases is None and biases is not None:
            raise ValueError(
                "biases were given, but the network was built with bias=False"
            )
        if self.biases is not None:
            if biases is None or len(biases) != self.n_layers:
                raise ValueError(
                    f"biases must hold {counted(self.n_layers, 'vector')} for a "
                    "network with biases"
                )
            new_b = []
            for l, (b, n_out) in enumerate(zip(biases, self.layer_sizes[1:])):
                b = as_array(b, f"biases[{l}]")
                if b.shape != (n_out,):
                    raise ValueError(
                        f"biases[{l}] must have shape {(n_out,)}, one bias per neuron "
                        f"of layer {l + 1}, but it has shape {b.shape}"
                    )
                new_b.append(b.copy())
            self.biases = new_b
        self.weights = new

    def copy(self) -> FeedForwardNetwork:
        """An independent copy with the same architecture and parameters.

        The copy is of the network's own class, with its other attributes, so a
        subclass that overrides a step (a learner's ``backprop``) keeps it in copies:
        :func:`~ffnn_edu.nn.diagnostics.diagnose` trains a copy.
        """
        twin = object.__new__(type(self))
        twin.__dict__.update(self.__dict__)
        twin.layer_sizes = self.layer_sizes
        twin.activations = list(self.activations)
        twin.bias = self.bias
        twin.weight_scale = self.weight_scale
        twin.weights = [w.copy() for w in self.weights]
        twin.biases = None if self.biases is None else [b.copy() for b in self.biases]
        return twin

    def check_inputs(self, X: ArrayLike, name: str = "X") -> Array:
        """``X`` as a 2-D float array with one column per input neuron."""
        X = as_samples(X, name)
        if X.shape[1] != self.layer_sizes[0]:
            raise ValueError(
                f"{name} must have shape (n, {self.layer_sizes[0]}), one row per "
                f"sample and one column per input neuron, but it has shape {X.shape}"
            )
        return X

    def check_targets(self, X: Array, T: ArrayLike, name: str = "T") -> Array:
        """``T`` as a 2-D float array: a row per row of ``X``, a column per output."""
        return as_targets(T, X.shape[0], self.layer_sizes[-1], name)

    def check_data(
        self,
        X: ArrayLike,
        T: ArrayLike,
        loss: Loss,
        names: tuple[str, str] = ("X", "T"),
    ) -> tuple[Array, Array]:
        """``X`` and ``T`` as float arrays that fit the network and the loss's targets.

        ``names`` are the arguments' names in the messages (e.g. ``("X_val", "T_val")``
        for :func:`~ffnn_edu.nn.training.train`'s ``validation=(X_val, T_val)``).

        Examples
        --------
        >>> net = FeedForwardNetwork((2, 1))
        >>> net.check_data([[0, 1]], [[2]], get_loss("binary_cross_entropy"))
        Traceback (most recent call last):
        ...
        ValueError: T must contain only the labels 0 and 1, but it contains 2.0
        >>> net.check_data([[0, 1]], [[5]], get_loss("mse"))
        Traceback (most recent call last):
        ...
        ValueError: T must lie where the sigmoid output layer can reach, between 0 and
        1, but it contains 5.0
        """
        X = self.check_inputs(X, names[0])
        T = loss.check_targets(self.check_targets(X, T, names[1]), names[1])
        f = self.activations[-1]
        low, high = f.output_range
        outside = (T < low) | (T > high)
        if outside.any():
            where = (
                f"at least {low:g}"
                if high == np.inf
                else f"between {low:g} and {high:g}"
            )
            raise ValueError(
                f"{names[1]} must lie where the {f.name} output layer can reach, "
                f"{where}, but it contains {float(T[outside].flat[0])!r}"
            )
        return X, T

    def check_loss(self, loss: str | Loss) -> Loss:
        """The :class:`~ffnn_edu.nn.losses.Loss`, checked to suit the output layer.

        A softmax output needs categorical cross-entropy, and categorical
        cross-entropy a softmax output (one neuron per class); binary
        cross-entropy needs outputs between 0 and 1 (a sigmoid output layer).
        An alias is resolved for this output layer (``"cross_entropy"``: the
        cross-entropy that pairs with it; see :data:`~ffnn_edu.nn.losses.ALIASES`); for
        an output layer it has no meaning for, the refusal names the alias as written.
        A loss asked for by an alias keeps it (``alias``), so that later messages
        name the loss as written (:attr:`~ffnn_edu.nn.losses.Loss.said`).

        Examples
        --------
        >>> FeedForwardNetwork((2, 3), "softmax").check_loss("cross_entropy").name
        'categorical_cross_entropy'
        >>> FeedForwardNetwork((2, 1)).check_loss("cross_entropy").name
        'binary_cross_entropy'
        >>> FeedForwardNetwork((2, 1), "linear").check_loss("binary_cross_entropy")
        Traceback (most recent call last):
        ...
        ValueError: the binary_cross_entropy loss needs outputs between 0 and 1 (a
        sigmoid output layer), but the output layer is linear
        >>> FeedForwardNetwork((2, 3), "relu").check_loss("categorical_cross_entropy")
        Traceback (most recent call last):
        ...
        ValueError: the categorical_cross_entropy loss needs a softmax output layer
        with one neuron per class (at least 2), but the output layer is relu, with 3
        neurons
        >>> FeedForwardNetwork((2, 1), "linear").check_loss("cross_entropy")
        Traceback (most recent call last):
        ...
        ValueError: the cross_entropy loss needs a sigmoid output layer (where it is
        binary_cross_entropy) or a softmax output layer (where it is
        categorical_cross_entropy), but the output layer is linear
        """
        f = self.activations[-1]
        written, loss = loss, get_loss(loss, output=f.name)
        if not f.elementwise and not loss.pairs_with(f.name):
            raise ValueError(
                f"a {f.name} output layer needs the loss whose output it is "
                f"(categorical_cross_entropy), but the loss is {loss.name!r}"
            )
        if loss.output == "sigmoid" and f.name != "sigmoid":
            raise ValueError(
                f"the {loss.name} loss needs outputs between 0 and 1 (a sigmoid "
                f"output layer), but the output layer is {f.name}"
            )
        if loss.output == "softmax" and f.name != "softmax":
            n = self.layer_sizes[-1]
            raise ValueError(
                f"the {loss.name} loss needs a softmax output layer with one "
                f"neuron per class (at least 2), but the output layer is "
                f"{f.name}, with {n} neuron{'s' if n > 1 else ''}"
            )
        if isinstance(written, str) and written != loss.name:  # an alias
            return replace(loss, alias=written)
        return loss

    @checked(
        _inputs_fit,
        parameters_finite,
        no_overflow(_TOO_LARGE),
        _rng_for_dropout,
        dropout=dropout_rate,
        return_all=flag,
    )
    def forward(
        self,
        X: Array,
        *,
        return_all: bool = False,
        dropout: float = 0.0,
        rng: np.random.Generator | None = None,
    ) -> Array | ForwardPass:
        """Run the forward pass.

        Parameters
        ----------
        X : array_like, shape (n_samples, n_inputs) or (n_inputs,)
            One sample per row (a 1-D array is one sample).
        return_all : bool
            If True, return a :class:`ForwardPass` with every layer's logits
            and activations; otherwise just the output.
        dropout : float
            Probability of dropping each hidden unit (training only; see
            :func:`ffnn_edu.nn.dropout.dropout_mask`).
        rng : numpy.random.Generator, optional
            Random numbers for the dropout masks.

        Returns
        -------
        ndarray of shape (n_samples, n_outputs), or ForwardPass

        Raises
        ------
        ValueError
            If ``X`` does not fit the input layer, a weight or bias is not a finite
            number or an array of the shape ``layer_sizes`` says
            (:func:`check_parameters`), or the pass overflows.
        """
        result = (
            self.run_forward_with_dropout(X, dropout, rng)
            if rng is not None and dropout > 0
            else self.run_forward(X)
        )
        return result if return_all else result.output

    @property
    def bias_terms(self) -> Sequence[Array | float]:
        """The bias :math:`\\mathbf{b}` of each non-input layer (0 if none)."""
        return self.biases if self.biases is not None else [0.0] * self.n_layers

    def run_forward(self, X: Array) -> ForwardPass:
        r"""The forward pass on an already checked ``X`` (the training loop's path).

        Starting from :math:`A^{(0)} = X`, layer by layer
        :math:`Z^{(l+1)} = A^{(l)} W^{(l)} + \mathbf{b}^{(l+1)}` and
        :math:`A^{(l+1)} = f(Z^{(l+1)})`; ``passed.output`` is the latest :math:`A`.
        """
        passed = ForwardPass([X])
        for W, b, f in zip(self.weights, self.bias_terms, self.activations):
            Z = passed.output @ W + b
            passed.add_layer(Z, f.function(Z))
        return passed

    def run_forward_with_dropout(
        self, X: Array, rate: float, rng: np.random.Generator
    ) -> ForwardPass:
        r"""The forward pass of training with dropout, on an already checked ``X``.

        As :meth:`run_forward`, but every hidden layer's outputs :math:`A = f(Z)` are
        multiplied by a fresh dropout mask :math:`M`
        (:func:`~ffnn_edu.nn.dropout.dropout_mask`: 0 for a dropped unit,
        :math:`1/(1-\text{rate})` for a kept one), so the next layer receives
        :math:`A \odot M`. The output layer is never thinned.
        """
        passed = ForwardPass([X])
        layers = zip(self.weights, self.bias_terms, self.activations)
        for l, (W, b, f) in enumerate(layers):
            Z = passed.output @ W + b
            A = f.function(Z)
            hidden = l < self.n_layers - 1
            passed.add_layer(Z, A, dropout_mask(A.shape, rate, rng) if hidden else None)
        return passed

    @checked(
        _inputs_fit,
        _targets_fit,
        parameters_finite,
        no_overflow(_TOO_LARGE_BACKPROP),
        _rng_for_dropout,
        dropout=dropout_rate,
    )
    def backprop(
        self,
        X: Array,
        T: Array,
        loss: str | Loss = "half_sse",
        *,
        dropout: float = 0.0,
        rng: np.random.Generator | None = None,
    ) -> Gradients:
        """Gradients of the error on ``(X, T)`` with respect to every weight and bias.

        Parameters
        ----------
        X : array_like, shape (n_samples, n_inputs)
        T : array_like, shape (n_samples, n_outputs)
            Targets.
        loss : str or Loss
            Error function; the textbook's ``"half_sse"`` by default.
        dropout, rng
            As in :meth:`forward`; the same masks are used going backwards.

        Raises
        ------
        ValueError
            If ``T`` does not fit the output layer or the loss (see
            :meth:`check_targets` and :meth:`check_loss`), a weight or bias is
            not a finite number or an array of the shape ``layer_sizes`` says
            (:func:`check_parameters`), or the forward pass,
            the gradients or the loss overflow.

        Examples
        --------
        >>> FeedForwardNetwork((2, 3, 1), seed=0).backprop([[1, 1]], [[1e200]])
        Traceback (most recent call last):
        ...
        ValueError: backpropagation overflowed: X, T or the weights are too large (scale
        the inputs and targets, e.g. with Standardizer, or check that training did not
        diverge) (a result beyond the largest float, about 1.8e308)
        """
        assert isinstance(loss, Loss)  # _targets_fit made it one
        gradients = self.run_backprop(X, T, loss, dropout, rng)
        # computed here, inside the overflow guard, not later outside it
        _ = gradients.loss
        return gradients

    def run_backprop(
        self,
        X: Array,
        T: Array,
        loss: Loss,
        dropout: float = 0.0,
        rng: np.random.Generator | None = None,
    ) -> Gradients:
        """:meth:`backprop` on checked arrays (the training loop's fast path).

        The forward pass (:meth:`run_forward_with_dropout` if ``dropout > 0``, which
        needs ``rng``), then the backward pass :meth:`run_backward`; the loss is
        computed only when asked for.
        """
        passed = (
            self.run_forward_with_dropout(X, dropout, rng)
            if rng is not None and dropout > 0
            else self.run_forward(X)
        )
        return self.run_backward(passed, T, loss)

    def output_loss(self, passed: ForwardPass, T: Array, loss: Loss) -> float:
        r"""The error :math:`E` of a forward pass on targets ``T`` (checked arrays).

        If the output activation is the loss's canonical one (sigmoid with
        binary cross-entropy, softmax with categorical cross-entropy), the
        loss is computed from the logits (see :mod:`ffnn_edu.nn.losses`), exact
        even where the outputs round to 0 or 1.

        Examples
        --------
        >>> net = FeedForwardNetwork((1, 1), bias=False)
        >>> net.set_weights([[[40.0]]])
        >>> passed = net.run_forward(np.array([[1.0]]))
        >>> net.output_loss(passed, np.array([[0.0]]), get_loss("binary_cross_entropy"))
        40.0
        """
        if (
            loss.pairs_with(self.activations[-1].name)
            and loss.value_from_logits is not None
        ):
            return loss.value_from_logits(passed.logits[-1], T)
        return loss.value(passed.output, T)

    def output_delta(self, passed: ForwardPass, T: Array, loss: Loss) -> Array:
        r""":math:`\delta^{(L)} = \partial E/\partial Z^{(L)}` for the output layer.

        With the loss's canonical output activation this is :math:`(y - t)` times the
        loss's mean factor, from the logits (exact where y rounds to 1); otherwise
        :math:`\partial E/\partial y \odot f'(z)`.

        A softmax output with any other loss has no elementwise slope and
        raises ``ValueError`` (:meth:`check_loss` says so before training).
        """
        f = self.activations[-1]
        if loss.pairs_with(f.name) and loss.delta_from_logits is not None:
            return loss.delta_from_logits(passed.logits[-1], T)
        return loss.gradient(passed.output, T) * f.output_slope(passed.output)

    def run_backward(self, passed: ForwardPass, T: Array, loss: Loss) -> Gradients:
        r"""The four equations of backpropagation on checked arrays (the fast path).

        * (1) :math:`\delta^{(L)}` from :meth:`output_delta`;
        * (2) :math:`\delta^{(l)} = (\delta^{(l+1)} W^{(l)\top}) \odot f'(Z^{(l)})`, the
          slope read off the layer's outputs (:meth:`ForwardPass.slope`);
        * (3) :math:`\partial E/\partial W^{(l)} = A^{(l)\top} \delta^{(l+1)}`;
        * (4) :math:`\partial E/\partial \mathbf{b}^{(l+1)} = \sum_n \delta^{(l+1)}_n`.

        The loss value is not computed here; :attr:`Gradients.loss`
        computes it on demand.
        """
        deltas = [self.output_delta(passed, T, loss)]  # (1)
        for l in range(self.n_layers - 1, 0, -1):  # (2)
            slope = passed.slope(l - 1, self.activations[l - 1])
            delta = (deltas[0] @ self.weights[l].T) * slope
            deltas.insert(0, delta)
        weights = [A.T @ delta for A, delta in zip(passed.activations, deltas)]  # (3)
        biases = [delta.sum(axis=0) for delta in deltas]  # (4)
        on_demand = partial(self.output_loss, passed, T, loss)  # the loss, if asked for
        return Gradients(weights, biases if self.biases else None, deltas, on_demand)
