r"""Chapter 8, A hidden layer solves XOR: hand-set weights, random starts, nonlinearity.

No single threshold unit computes XOR, because no straight line separates
:math:`\{(0,1), (1,0)\}` from :math:`\{(0,0), (1,1)\}`. Two hidden units and
an output unit do it: one hidden unit fires for "at least one 1" (OR), the
other for "both 1" (AND), and the output unit fires for "OR but not AND".
This module holds the pieces the chapter needs:

``hand_set_xor_network``
    a 2-2-1 network with those weights (threshold or sigmoid units);
``hidden_unit_lines``
    the line :math:`w_1 x_1 + w_2 x_2 + b = 0` of every hidden unit;
``product_feature``
    the handcrafted feature :math:`x_1 x_2`, with which a single perceptron
    separates XOR;
``collapse_linear_layers``
    two linear layers are one: :math:`W = W^{(0)} W^{(1)}`,
    :math:`\mathbf b = \mathbf b^{(1)} W^{(1)} + \mathbf b^{(2)}`;
``best_linear_accuracy``
    the best accuracy any straight line reaches on 2-D data (exact);
``train_many``
    full-batch backpropagation for many random starts at once, to count
    how often a start gets stuck;
``accuracy_with_ties``
    the accuracy with an output that sits on the decision threshold (within
    ``TIE``) scored as a coin toss, ½, so that a network whose outputs end at
    ½ scores the same on every machine.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ffnn_edu.nn.activations import Activation
from ffnn_edu.nn.losses import Loss
from ffnn_edu.nn.network import FeedForwardNetwork
from ffnn_edu.nn.preprocessing import sample_table
from ffnn_edu.nn.training import check_run_size
from ffnn_edu.nn.validation import (
    Array,
    array,
    as_array,
    check_binary,
    check_count,
    check_number,
    check_work,
    checked,
    counted,
    instance_of,
    no_overflow,
    sequence_of,
)

__all__ = [
    "BOOLEAN_FUNCTIONS",
    "MAX_LINE_CHECKS",
    "TIE",
    "ManyRuns",
    "accuracy_with_ties",
    "best_linear_accuracy",
    "collapse_linear_layers",
    "hand_set_xor_network",
    "hidden_unit_functions",
    "hidden_unit_lines",
    "product_feature",
    "train_many",
]

#: Weights of the hand-set XOR network for threshold units: hidden unit 1 is OR
#: (:math:`x_1 + x_2 - 0.5 \ge 0`), hidden unit 2 is AND
#: (:math:`x_1 + x_2 - 1.5 \ge 0`), the output is "OR and not AND"
#: (:math:`h_1 - h_2 - 0.5 \ge 0`).
XOR_WEIGHTS = ([[1.0, 1.0], [1.0, 1.0]], [[1.0], [-1.0]])
#: The matching biases.
XOR_BIASES = ([-0.5, -1.5], [-0.5])

_network = instance_of(FeedForwardNetwork)


def _two_inputs_and_a_hidden_layer(arguments: dict[str, Any]) -> None:
    """Relation: the network reads points of the plane and has a first hidden layer."""
    sizes = arguments["network"].layer_sizes
    if sizes[0] != 2 or len(sizes) < 3:
        raise ValueError(
            f"network must have 2 inputs and a hidden layer (layer sizes such as "
            f"(2, 2, 1)), but it has layer sizes {sizes}"
        )


def hand_set_xor_network(
    activation: str = "step", scale: float = 1.0
) -> FeedForwardNetwork:
    """A 2-2-1 network whose weights are set by hand to compute XOR.

    Parameters
    ----------
    activation : str
        ``"step"`` (threshold units: the outputs are exactly 0 and 1) or
        ``"sigmoid"`` (smooth units: outputs close to 0 and 1 when ``scale``
        is large).
    scale : float
        Every weight and bias is multiplied by ``scale`` (> 0). A threshold
        unit does not care; a sigmoid unit gets steeper.

    Returns
    -------
    FeedForwardNetwork

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import xor
    >>> X, t = xor()
    >>> hand_set_xor_network().forward(X).ravel()
    array([0., 1., 1., 0.])
    >>> hand_set_xor_network("sigmoid", scale=20).forward(X).round(3).ravel()
    array([0., 1., 1., 0.])
    """
    scale = check_number(scale, "scale", low=0.0, low_inclusive=False)
    net = FeedForwardNetwork((2, 2, 1), activation)
    net.set_weights(
        [scale * np.array(w) for w in XOR_WEIGHTS],
        [scale * np.array(b) for b in XOR_BIASES],
    )
    return net


@checked(_two_inputs_and_a_hidden_layer, network=_network)
def hidden_unit_lines(network: FeedForwardNetwork) -> Array:
    """The line :math:`w_1 x_1 + w_2 x_2 + b = 0` where a first-layer unit's logit is 0.

    Parameters
    ----------
    network : FeedForwardNetwork
        A network with two inputs.

    Returns
    -------
    ndarray of shape (n_hidden, 3)
        One row ``(w1, w2, b)`` per unit of the first hidden layer. A
        threshold unit fires on the side where :math:`w_1x_1 + w_2x_2 + b \\ge 0`;
        a sigmoid unit outputs ½ on the line.

    Examples
    --------
    >>> hidden_unit_lines(hand_set_xor_network())
    array([[ 1. ,  1. , -0.5],
           [ 1. ,  1. , -1.5]])
    """
    W = network.weights[0]
    b = network.biases[0] if network.biases is not None else np.zeros(W.shape[1])
    return np.c_[W.T, b]


#: Names of the 16 Boolean functions of two bits, keyed by their outputs on the inputs
#: (0, 0), (0, 1), (1, 0), (1, 1), in that order (the order of
#: :func:`ffnn_edu.nn.datasets.xor`).
BOOLEAN_FUNCTIONS = {
    (0, 0, 0, 0): "always 0",
    (0, 0, 0, 1): "AND",
    (0, 0, 1, 0): "x1 and not x2",
    (0, 0, 1, 1): "x1",
    (0, 1, 0, 0): "x2 and not x1",
    (0, 1, 0, 1): "x2",
    (0, 1, 1, 0): "XOR",
    (0, 1, 1, 1): "OR",
    (1, 0, 0, 0): "NOR",
    (1, 0, 0, 1): "equality",
    (1, 0, 1, 0): "not x2",
    (1, 0, 1, 1): "x1 or not x2",
    (1, 1, 0, 0): "not x1",
    (1, 1, 0, 1): "x2 or not x1",
    (1, 1, 1, 0): "NAND",
    (1, 1, 1, 1): "always 1",
}


@checked(_two_inputs_and_a_hidden_layer, network=_network, threshold=check_number)
def hidden_unit_functions(
    network: FeedForwardNetwork, threshold: float = 0.5
) -> list[str]:
    """The Boolean function each first-layer unit computes on the square's four corners.

    A unit's output counts as 1 where it is at least ``threshold`` (use 0.0
    for tanh units).

    Examples
    --------
    >>> hidden_unit_functions(hand_set_xor_network())
    ['OR', 'AND']
    """
    corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    hidden = network.forward(corners, return_all=True).activations[1]
    bits = (hidden >= threshold).astype(int)
    return [
        BOOLEAN_FUNCTIONS[tuple(int(v) for v in bits[:, k])]
        for k in range(bits.shape[1])
    ]


def _two_columns(arguments: dict[str, Any]) -> None:
    """Relation: ``X`` holds points of the plane, one ``(x1, x2)`` per row."""
    X = arguments["X"]
    if X.shape[1] != 2:
        raise ValueError(f"X must have 2 columns (x1, x2), but it has shape {X.shape}")


@checked(
    _two_columns,
    no_overflow("X is too large: the product x1 * x2 overflows"),
    X=sample_table,
)
def product_feature(X: ArrayLike) -> Array:
    """Append the handcrafted feature :math:`x_1 x_2` to two-column inputs.

    ``X`` must be 2-D, one row ``(x1, x2)`` per sample: a single sample is
    ``[[x1, x2]]``.

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import xor
    >>> product_feature(xor()[0])
    array([[0., 0., 0.],
           [0., 1., 0.],
           [1., 0., 0.],
           [1., 1., 1.]])
    """
    return np.c_[X, X[:, 0] * X[:, 1]]


@checked(
    no_overflow("the weights are too large: their product overflows"),
    network=instance_of(FeedForwardNetwork),
)
def collapse_linear_layers(network: FeedForwardNetwork) -> tuple[Array, Array]:
    """The single layer that computes the same function as a network's linear layers.

    For a hidden layer with the identity activation,
    :math:`(XW^{(0)} + \\mathbf b^{(1)})W^{(1)} + \\mathbf b^{(2)}
    = X\\,(W^{(0)}W^{(1)}) + (\\mathbf b^{(1)}W^{(1)} + \\mathbf b^{(2)})`:
    the product of the weight matrices is one weight matrix. Repeated for
    every layer, all of them collapse into one.

    Parameters
    ----------
    network : FeedForwardNetwork
        Every hidden layer must be ``"linear"`` (the output layer's activation
        is applied after the collapsed layer and may be anything).

    Returns
    -------
    W : ndarray of shape (n_inputs, n_outputs)
    b : ndarray of shape (n_outputs,)
        The output layer's activation applied to ``X @ W + b`` gives
        ``network.forward(X)``.

    Examples
    --------
    >>> net = FeedForwardNetwork((2, 3, 1), ["linear", "sigmoid"], seed=1)
    >>> W, b = collapse_linear_layers(net)
    >>> W.shape, b.shape
    ((2, 1), (1,))
    """
    hidden = [a.name for a in network.activations[:-1]]
    if any(name != "linear" for name in hidden):
        raise ValueError(
            f"network must have only linear hidden layers to collapse, but its "
            f"hidden activations are {hidden}"
        )
    W = np.eye(network.layer_sizes[0])
    b = np.zeros(network.layer_sizes[0])
    for l, W_l in enumerate(network.weights):
        W = W @ W_l
        b = b @ W_l
        if network.biases is not None:
            b = b + network.biases[l]
    return W, b


#: Most line checks :func:`best_linear_accuracy` makes: pairs of points times points,
#: :math:`n^2(n-1)/2` for ``n`` points (some 580 points; chapter 8's two moons of 200
#: points make 3 980 000). The pairs are handled in blocks, so memory stays small (45 MB
#: at 500 points); this bounds the time, about 1.1 s per 10 000 000 on the development
#: machine.
MAX_LINE_CHECKS = 100_000_000
#: Line checks :func:`best_linear_accuracy` holds in memory at once (a few arrays of
#: this many entries).
_LINE_BLOCK = 500_000


def _points_with_labels(arguments: dict[str, Any]) -> None:
    """Relation: ``X`` holds points of the plane, one 0/1 label per point in ``t``."""
    X, t = arguments["X"], arguments["t"]
    if X.shape[1] != 2 or X.shape[0] != t.shape[0]:
        raise ValueError(
            f"X must have shape (n, 2) and t one label per row of X, "
            f"but X has shape {X.shape} and t {t.shape}"
        )
    n = X.shape[0]
    check_work(
        n * n * (n - 1) // 2,
        MAX_LINE_CHECKS,
        f"line checks (X: {n * (n - 1) // 2} pairs of points x {n} points)",
        "MAX_LINE_CHECKS",
    )


def _labels(value: Any, name: str) -> Array:
    """Checker: a 1-D array of 0/1 labels."""
    labels = as_array(value, name, ndim=1)
    check_binary(labels, name)
    return labels


def _best_around_lines(X: Array, positive: Array, i: Array, j: Array) -> Array:
    """Most points a line near the line through ``X[i]`` and ``X[j]`` gets right.

    The points off the line keep their side, either side being class 1. The
    points on it (round-off aside) are assigned by where a slightly turned line
    crosses it: those before the crossing go to one side, those after to the
    other, so the best split of them along the line is a 1-D threshold.
    """
    point, direction = X[i][:, np.newaxis, :], (X[j] - X[i])[:, np.newaxis, :]
    offset = X[np.newaxis, :, :] - point  # (pairs, n, 2)
    side = direction[..., 0] * offset[..., 1] - direction[..., 1] * offset[..., 0]
    on_line = np.abs(side) <= 1e-12 * (1 + np.abs(X).max()) ** 2
    plus, minus = (side > 0) & ~on_line, (side < 0) & ~on_line
    off_right = np.maximum(
        (plus & positive).sum(axis=1) + (minus & ~positive).sum(axis=1),
        (minus & positive).sum(axis=1) + (plus & ~positive).sum(axis=1),
    )
    # the points on the line, in order along it (the others last)
    along = np.where(on_line, (offset * direction).sum(axis=2), np.inf)
    order = np.argsort(along, axis=1)
    along = np.take_along_axis(along, order, axis=1)
    on_sorted = np.take_along_axis(on_line, order, axis=1)
    ones_before = np.cumsum(positive[order] & on_sorted, axis=1)
    zeros_before = np.cumsum(~positive[order] & on_sorted, axis=1)
    start = np.zeros((len(i), 1), dtype=ones_before.dtype)
    ones_before = np.c_[start, ones_before]  # (pairs, n + 1): before cut k
    zeros_before = np.c_[start, zeros_before]
    ones, zeros = ones_before[:, -1:], zeros_before[:, -1:]
    # a cut falls between two places on the line (equal points go together)
    ends = np.ones((len(i), 1), dtype=bool)
    cuts = np.c_[ends, along[:, 1:] != along[:, :-1], ends]
    cuts &= np.arange(X.shape[0] + 1) <= on_line.sum(axis=1, keepdims=True)
    on_right = np.maximum(
        ones_before + zeros - zeros_before,  # class 1 before the cut, 0 after
        zeros_before + ones - ones_before,  # class 0 before, 1 after
    )
    return off_right + np.where(cuts, on_right, 0).max(axis=1)


@checked(
    _points_with_labels,
    no_overflow("X is too large: the distances between its points overflow"),
    X=sample_table,
    t=_labels,
)
def best_linear_accuracy(X: ArrayLike, t: ArrayLike) -> float:
    """The highest accuracy any straight line reaches on 2-D points with 0/1 labels.

    Exact for any points, also three or more on a line and equal points with
    different labels. A best line can be moved until it touches two different
    data points; a tiny shift or turn of the line through them then keeps the
    points off it on their sides and splits the points on it at one place
    along it, either way round. So it suffices to try the line through every
    pair of points, both ways round, with the best such split of the points
    on it. With fewer than two different points, the best is the larger class.

    Parameters
    ----------
    X : array_like, shape (n, 2)
        At most ``MAX_LINE_CHECKS`` (100 000 000) pairs of points times points,
        some 580 points.
    t : array_like, shape (n,)
        Labels 0 and 1.

    Returns
    -------
    float
        Share of points a best line classifies correctly.

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import and_gate, xor
    >>> best_linear_accuracy(*and_gate()), best_linear_accuracy(*xor())
    (1.0, 0.75)
    >>> best_linear_accuracy([[0, 0], [1, 1], [2, 2], [3, 3]], [0, 1, 0, 1])
    0.75
    """
    positive = t == 1.0
    best = max(positive.sum(), (~positive).sum())  # every point on one side
    i, j = np.triu_indices(len(X), k=1)
    distinct = (X[i] != X[j]).any(axis=1)  # two equal points fix no line
    i, j = i[distinct], j[distinct]
    block = max(1, _LINE_BLOCK // len(X))
    for start in range(0, len(i), block):
        pairs = slice(start, start + block)
        best = max(best, _best_around_lines(X, positive, i[pairs], j[pairs]).max())
    return int(best) / len(X)


#: How close to the decision threshold ½ an output must be to count as a tie in
#: :func:`accuracy_with_ties`. Far above rounding: an output of ½ computed in another
#: order of operations (another BLAS kernel) moves by some 1e-16 .. 1e-10 (chapter
#: 8's XOR runs with linear hidden units end at most 4.2e-10 from ½). Far below any
#: decision a trained network makes on the book's data: the output nearest ½ of
#: chapter 8's other runs is 1.6e-4 from it (a stuck XOR network of the hundred
#: starts, whose merged pair of cases creeps towards ½), of its two-moons runs 4.9e-4.
TIE = 1e-6


def _same_shape(arguments: dict[str, Any]) -> None:
    """Relation: ``Y`` and ``T`` hold one output and one target per entry."""
    Y, T = arguments["Y"], arguments["T"]
    if Y.shape != T.shape or Y.ndim not in (1, 2):
        raise ValueError(
            f"Y and T must have the same shape, (n_samples,) or (n_samples, "
            f"n_outputs), but they have {Y.shape} and {T.shape}"
        )


def _class_targets(value: Any, name: str) -> Array:
    """Checker: targets 0/1, or one-hot rows (a single 1) when there are several."""
    T = array(value, name)
    check_binary(T, name)
    if T.ndim == 2 and T.shape[1] > 1:
        ones = T.sum(axis=1)
        if (ones != 1).any():
            row = int(np.argmax(ones != 1))
            raise ValueError(
                f"{name} must hold one-hot rows (a single 1, the rest 0) when there "
                f"are several outputs, but row {row} is {T[row].tolist()}"
            )
    return T


def _scores_with_ties(Y: Array, T: Array, tie: float) -> Array:
    """:func:`accuracy_with_ties` on 2-D arrays or on a stack of them, one a network."""
    if T.shape[-1] == 1:
        right = ((Y >= 0.5) == (T >= 0.5)).astype(float)
        score = np.where(np.abs(Y - 0.5) <= tie, 0.5, right)
        return np.asarray(score.mean(axis=(-2, -1)))
    tied = Y >= Y.max(axis=-1, keepdims=True) - tie  # the outputs level with the top
    target = np.take_along_axis(tied, T.argmax(axis=-1)[..., np.newaxis], axis=-1)
    return np.asarray((target[..., 0] / tied.sum(axis=-1)).mean(axis=-1))


@checked(
    _same_shape,
    Y=array,
    T=_class_targets,
    tie=lambda value, name: check_number(
        value, name, low=0.0, high=0.5, high_inclusive=False
    ),
)
def accuracy_with_ties(Y: ArrayLike, T: ArrayLike, tie: float = TIE) -> float:
    """Share of samples classified correctly, an output on the threshold scoring ½.

    As :func:`ffnn_edu.nn.training.accuracy` (one output: class 1 when the
    output is at least ½), except that an output within ``tie`` of ½ is no
    decision but a tie, and scores ½: the expected score of breaking the tie
    by a coin toss. Without this, an output of exactly ½ counts as class 1,
    and an output that rounding puts a hair below or above ½ is scored 0 or 1
    depending on the machine. With several outputs, the class is the largest
    output, and a sample whose largest outputs lie within ``tie`` of each
    other scores 1/k if the target is one of those k.

    Parameters
    ----------
    Y : array_like, shape (n_samples,) or (n_samples, n_outputs)
        Outputs.
    T : array_like, the shape of ``Y``
        Targets: 0/1 with one output, one-hot rows (a single 1) with several.
    tie : float
        Largest distance from the threshold that counts as a tie, from 0 up to
        but not including ½ (at ½ every output would be a tie); ``TIE`` = 1e-6
        by default.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``Y`` and ``T`` are not arrays of finite numbers of the same shape,
        ``T`` holds a target other than 0 and 1 or a row that is not one-hot,
        or ``tie`` is negative or ½ or more.

    Examples
    --------
    >>> accuracy_with_ties([0.5, 0.5 - 1e-12, 0.9, 0.2], [0, 1, 1, 1])
    0.5
    >>> accuracy_with_ties([[0.4, 0.4], [0.1, 0.9]], [[1, 0], [1, 0]])
    0.25

    Source: the score of a tie broken at random; the threshold rule of
    :func:`ffnn_edu.nn.training.accuracy` otherwise.
    """
    Y, T = np.asarray(Y, dtype=float), np.asarray(T, dtype=float)
    if T.ndim == 1:
        Y, T = Y[:, np.newaxis], T[:, np.newaxis]
    return float(_scores_with_ties(Y, T, tie))


@dataclass
class ManyRuns:
    """Many networks of the same architecture, trained from different random starts.

    Attributes
    ----------
    seeds : list of int
        The seed of each start (``FeedForwardNetwork(..., seed=s)``).
    accuracy : ndarray of shape (n_seeds, epochs + 1)
        Training accuracy of every network after every epoch (column 0: the start).
    loss : ndarray of shape (n_seeds,)
        Final training loss of every network.
    template : FeedForwardNetwork
        The architecture (layer sizes, activations, bias).
    weights, biases : list of ndarray
        Final parameters, stacked: ``weights[l][i]`` belongs to seed ``seeds[i]``.
    outputs : ndarray of shape (n_seeds, n_samples, n_outputs)
        Every network's outputs on the training data after the last epoch.
    targets : ndarray of shape (n_samples, n_outputs)
        The training targets.
    """

    seeds: list[int]
    accuracy: Array
    loss: Array
    template: FeedForwardNetwork
    weights: list[Array]
    biases: list[Array]
    outputs: Array
    targets: Array

    @property
    def final_accuracy(self) -> Array:
        """Training accuracy of every network after the last epoch."""
        return self.accuracy[:, -1]

    def solved(self, epoch: int | None = None) -> Array:
        """True for every network that classifies every training case correctly."""
        epochs = self.accuracy.shape[1] - 1
        if epoch is not None and check_count(epoch, "epoch", low=0) > epochs:
            raise ValueError(
                f"epoch must be at most {epochs} (the "
                f"epochs trained), but it is {epoch}"
            )
        column = self.accuracy[:, -1 if epoch is None else epoch]
        return column == 1.0

    @property
    def stuck_rate(self) -> float:
        """Share of starts that misclassify a training case after the last epoch."""
        return float(np.mean(~self.solved()))

    @property
    def final_accuracy_with_ties(self) -> Array:
        """Training accuracy after the last epoch, an output at the threshold scoring ½.

        :func:`accuracy_with_ties` of every network's final outputs: unlike
        :attr:`final_accuracy`, it does not depend on the sign of a
        rounding-sized deviation of an output from ½ (a network with linear
        hidden units on XOR ends at the constant output ½ and scores 0.5 on
        every machine).
        """
        return _scores_with_ties(self.outputs, self.targets, TIE)

    def outcomes(self) -> dict[float, int]:
        """Starts per final training accuracy, e.g. ``{0.5: 3, 0.75: 9, 1.0: 88}``."""
        values, counts = np.unique(self.final_accuracy, return_counts=True)
        return {float(v): int(c) for v, c in zip(values, counts)}

    def network(self, index: int) -> FeedForwardNetwork:
        """The trained network of start number ``index`` (not the seed)."""
        if check_count(index, "index", low=0) >= len(self.seeds):
            raise ValueError(
                "index must be a start number from 0 to "
                f"{len(self.seeds) - 1}, but it is {index}"
            )
        net = self.template.copy()
        net.set_weights(
            [w[index] for w in self.weights],
            [b[index] for b in self.biases] if net.biases is not None else None,
        )
        return net


def _per_network(kernel: Callable[[Array, Array], Array], Y: Array, T: Array) -> Array:
    """Apply a loss kernel (gradient or delta) to stacked networks, each with its loss.

    The package's losses are either sums over entries (``half_sse``) or means
    over entries (``mse``, the cross-entropies). Called on a stack of ``S``
    networks' outputs, a mean would also average over the ``S`` networks and
    shrink every gradient ``S``-fold; a probe on one and on two entries tells
    which kind the kernel is, and the stack's result is scaled back.
    """
    probe_one = kernel(np.full((1, 1), 0.25), np.zeros((1, 1)))[0, 0]
    probe_two = kernel(np.full((2, 1), 0.25), np.zeros((2, 1)))[0, 0]
    is_mean = not np.isclose(probe_one, probe_two)
    return kernel(Y, T) * (Y.shape[0] if is_mean else 1)


#: Most starts :func:`train_many` trains at once (the book makes 100).
MAX_STARTS = 10_000
#: Most epochs :func:`train_many` runs in all, seeds times epochs (the book runs
#: 100 x 2000); each start keeps its loss after every epoch.
MAX_EPOCHS_IN_ALL = 10_000_000


@checked(
    seeds=sequence_of(
        lambda v, n: check_count(v, n, low=0),
        "seeds such as range(100)",
        # refused before a seed is read: range(10**9) would take minutes to walk
        (MAX_STARTS, "MAX_STARTS", "networks, one per seed"),
    ),
)
def train_many(
    layer_sizes: Sequence[int],
    X: ArrayLike,
    T: ArrayLike,
    *,
    activation: str | Activation | Sequence[str | Activation] = "sigmoid",
    loss: str | Loss = "half_sse",
    eta: float = 1.0,
    epochs: int = 1000,
    seeds: Sequence[int] = range(100),
) -> ManyRuns:
    """Train one network per seed by full-batch gradient descent, all at once.

    Each network starts as ``FeedForwardNetwork(layer_sizes, activation, seed=s)``
    and takes exactly the steps :func:`ffnn_edu.nn.training.train` would take
    with ``optimizer=GradientDescent(eta)`` and ``batch_size=None``; the
    networks are stacked so one matrix product serves all of them, which
    makes a hundred starts affordable in a notebook.

    Parameters
    ----------
    layer_sizes : sequence of int
    X : array_like, shape (n_samples, n_inputs)
    T : array_like, shape (n_samples,) or (n_samples, n_outputs)
    activation : str, Activation or sequence of them
        As for :class:`FeedForwardNetwork`.
    loss : str or Loss
        ``"half_sse"`` (default), ``"mse"`` or ``"binary_cross_entropy"``.
    eta : float
        Learning rate (> 0).
    epochs : int
        Full-batch steps; seeds times epochs at most ``MAX_EPOCHS_IN_ALL``
        (10 000 000).
    seeds : sequence of int
        One start per seed (whole numbers >= 0), at most ``MAX_STARTS`` (10 000).
        The starts are trained together, so their work (seeds times samples times
        weights and biases times epochs) must stay within the training loop's
        :data:`~ffnn_edu.nn.training.MAX_WORK`, and their activations and weights
        within its other limits (:func:`~ffnn_edu.nn.training.check_run_size`).

    Returns
    -------
    ManyRuns

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import xor
    >>> runs = train_many((2, 2, 1), *xor(), eta=2.0, epochs=2000, seeds=range(10))
    >>> runs.outcomes()
    {0.5: 1, 1.0: 9}
    """
    eta = check_number(eta, "eta", low=0.0, low_inclusive=False)
    epochs = check_count(epochs, "epochs")
    check_work(
        len(seeds) * epochs,
        MAX_EPOCHS_IN_ALL,
        f"epochs in all ({counted(len(seeds), 'seed')} x {counted(epochs, 'epoch')})",
        "MAX_EPOCHS_IN_ALL",
    )
    template = FeedForwardNetwork(layer_sizes, activation, seed=seeds[0])
    loss = template.check_loss(loss)  # an alias: the loss of this output layer
    X, T = template.check_data(X, T, loss)
    # the seeds' networks are stacked: their work, activations and weights add up
    check_run_size(
        template.layer_sizes,
        len(X),
        epochs,
        names=("X", "layer_sizes", "epochs", "no validation"),
        runs=("seeds", len(seeds)),
        at_once=True,
    )
    nets = [FeedForwardNetwork(layer_sizes, activation, seed=s) for s in seeds]
    weights = [
        np.stack([net.weights[l] for net in nets]) for l in range(template.n_layers)
    ]
    biases = (
        [
            np.stack([net.biases[l] for net in nets])[:, np.newaxis, :]
            for l in range(template.n_layers)
        ]
        if template.bias
        else []
    )
    acts = template.activations
    if any(not f.elementwise for f in acts):
        raise ValueError(
            "train_many supports elementwise activations only (no softmax)"
        )
    paired = loss.pairs_with(acts[-1].name)
    TT = np.broadcast_to(T, (len(seeds),) + T.shape)
    acc = np.empty((len(seeds), epochs + 1))

    def forward() -> tuple[list[Array], list[Array]]:
        logits, outs = [], [np.broadcast_to(X, (len(seeds),) + X.shape)]
        for l, f in enumerate(acts):
            z = outs[-1] @ weights[l]
            if biases:
                z = z + biases[l]
            logits.append(z)
            outs.append(f.function(z))
        return logits, outs

    def accuracies(Y: Array) -> Array:
        if T.shape[1] == 1:
            return np.mean((Y >= 0.5) == (TT >= 0.5), axis=(1, 2))
        return np.mean(Y.argmax(axis=2) == TT.argmax(axis=2), axis=1)

    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        logits, outs = forward()
        acc[:, 0] = accuracies(outs[-1])
        for epoch in range(1, epochs + 1):
            if paired:  # sigmoid with cross-entropy: delta = y - t, as in the network
                delta = _per_network(loss.delta, outs[-1], TT)
            else:
                delta = _per_network(loss.gradient, outs[-1], TT) * acts[
                    -1
                ].output_slope(outs[-1])
            for l in range(template.n_layers - 1, -1, -1):
                grad_w = np.swapaxes(outs[l], 1, 2) @ delta
                if l > 0:
                    back = (delta @ np.swapaxes(weights[l], 1, 2)) * acts[
                        l - 1
                    ].output_slope(outs[l])
                if biases:
                    biases[l] = biases[l] - eta * delta.sum(axis=1, keepdims=True)
                weights[l] = weights[l] - eta * grad_w
                if l > 0:
                    delta = back
            logits, outs = forward()
            if not np.isfinite(outs[-1]).all():
                raise ValueError(
                    f"training diverged in epoch {epoch}: an output became "
                    f"infinite or NaN; eta = {eta:g} is probably too large"
                )
            acc[:, epoch] = accuracies(outs[-1])
    final = np.array(
        [
            loss.value_from_logits(logits[-1][i], T)
            if paired
            else loss.value(outs[-1][i], T)
            for i in range(len(seeds))
        ]
    )
    return ManyRuns(
        seeds,
        acc,
        final,
        template,
        weights,
        [b[:, 0, :] for b in biases],
        np.array(outs[-1]),
        T,
    )
