"""Self-checks for the chapter on neurons, layers and weight matrices."""

from __future__ import annotations

import numpy as np

from ffnn_edu.nn.activations import get_activation
from ffnn_edu.nn.network import FeedForwardNetwork

from .feedback import Feedback, as_whole_number
from .web import Field, Stage, WebCheck, equals, near, reordered, web_check

__all__ = [
    "LAYER_EXERCISE",
    "COUNT_EXERCISE",
    "ARTICLE_WEIGHT",
    "layer_output",
    "parameter_count",
    "weight_entry",
]

#: Exercise 1: a layer of two ReLU neurons fed by two inputs (package orientation: rows
#: = from).
LAYER_EXERCISE = {"W": ((1.0, -2.0), (3.0, 0.5)), "x": (2.0, -1.0), "b": (0.5, 5.0)}
#: Exercise 2: the layer sizes whose weights and biases are to be counted.
COUNT_EXERCISE = (784, 100, 10)
#: Exercise 3: the article's weight w^2_{31} (from neuron 1 of layer 1 to neuron 3 of
#: layer 2).
ARTICLE_WEIGHT = {"l": 2, "j": 3, "k": 1}


def _layer_exercise() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    ex = LAYER_EXERCISE
    return np.array(ex["W"]), np.array(ex["x"]), np.array(ex["b"])


@web_check
def layer_output_form() -> WebCheck:
    """The logits and ReLU outputs of the exercise's layer, for Python and the page."""
    W, x, b = _layer_exercise()
    net = FeedForwardNetwork((2, 2), "relu")
    net.set_weights([W], [b])
    passed = net.forward(x, return_all=True)
    z_exact, y_exact = passed.logits[0][0], passed.output[0]
    relu = get_activation("relu").function
    relu_hint = (
        "The logits are right; ReLU keeps a positive logit and turns a negative one "
        "into 0."
    )
    logits = Stage(
        "compare",
        ("z",),
        z_exact,
        hints=[
            (
                near(W @ x + b),
                "You multiplied by W itself. Its rows belong to the inputs (from), its "
                "columns to the neurons (to), so neuron k collects column k of W: use "
                "W transposed.",
            ),
            (near(W.T @ x), "The weighted sums are right; now add each neuron's bias."),
            (
                near(W @ x),
                "Two things: use W transposed (rows are 'from'), and add the biases.",
            ),
            *reordered(
                z_exact,
                "Right values, wrong order: z1 is the logit of neuron 1, z2 that of "
                "neuron 2.",
            ),
        ],
        options={
            "axes": "one logit per neuron of the layer, (z1, z2)",
            "tolerance": 1e-6,
            "praise": "The logits are right.",
            "generic_hint": "For neuron k: z_k = b_k + sum over inputs j of W[j, k] "
            "x_j.",
            "what": "the logits z",
        },
    )
    outputs = Stage(
        "compare",
        ("y",),
        y_exact,
        hints=[
            (
                near(z_exact),
                "The logits are right, but the outputs still have to go through the "
                "activation.",
            ),
            (
                near(get_activation("sigmoid").function(z_exact), atol=1e-3),
                "The logits are right; this layer's activation is ReLU, not the "
                "sigmoid.",
            ),
            # before the ReLU slips: here ReLU(-z) is the right y reversed
            *reordered(
                y_exact,
                "Right values, wrong order: y1 is the output of neuron 1 (the ReLU of "
                "z1), y2 that of neuron 2.",
            ),
            (near(relu(-z_exact)), relu_hint),
            (near(np.abs(z_exact)), relu_hint),
        ],
        options={
            "axes": "one output per neuron of the layer, (y1, y2)",
            "tolerance": 1e-6,
            "praise": "Both the logits and the outputs are right.",
            "generic_hint": "The logits are right; apply y = max(0, z) to each of "
            "them.",
            "what": "the outputs y",
        },
    )
    return WebCheck(
        "layer_output",
        (Field("z", "Logits z, e.g. [1, 2]"), Field("y", "Outputs y, e.g. [1, 2]")),
        (logits, outputs),
        swapped="You swapped the two answers: both lists are right, but each is in "
        "the other's box. The logits come first; the outputs are the ReLU of them.",
    )


def layer_output(z, y) -> Feedback:
    """Exercise: logits ``z`` and ReLU outputs ``y`` of :data:`LAYER_EXERCISE`'s layer.

    Examples
    --------
    >>> layer_output([4.5, 10.5], [4.5, 10.5]).correct
    False
    """
    return layer_output_form().judge(z, y)


@web_check
def parameter_count_form() -> WebCheck:
    """The parameter-count exercise as the Python check and the web page judge it."""
    sizes = COUNT_EXERCISE
    net = FeedForwardNetwork(sizes)
    exact_w = sum(w.size for w in net.weights)
    exact_b = sum(b.size for b in net.biases)
    weights = Stage(
        "count",
        ("n_weights",),
        exact_w,
        hints=[
            (
                equals(sum(sizes)),
                "That is the number of neurons. A weight sits on each connection, and "
                "every neuron connects to every neuron of the next layer.",
            ),
            (
                equals(np.prod(sizes)),
                "That multiplies all three sizes. Count the connections between each "
                "pair of neighbouring layers separately, then add the counts.",
            ),
            *(
                (
                    equals(m * n),
                    "That is one of the two weight matrices; the network has another "
                    "one.",
                )
                for m, n in zip(sizes, sizes[1:])
            ),
            (
                equals(exact_w + exact_b),
                "You counted the biases as well; give the weights alone first.",
            ),
        ],
        options={
            "what": "the number of weights",
            "praise": "The number of weights is right.",
            "generic_hint": "Between two layers of sizes m and n there are m * n "
            "weights; add up over the pairs of neighbouring layers.",
        },
    )
    biases = Stage(
        "count",
        ("n_biases",),
        exact_b,
        hints=[
            (
                equals(sum(sizes)),
                "The input neurons have no bias: they only hand on the inputs.",
            ),
            *(
                (
                    equals(n),
                    "Every neuron after the input layer has a bias, hidden and output "
                    "alike.",
                )
                for n in (sizes[-1], sizes[1])
            ),
        ],
        options={
            "what": "the number of biases",
            "praise": "Both counts are right.",
            "generic_hint": "One bias per neuron, but only for neurons that compute "
            "something.",
        },
    )
    return WebCheck(
        "parameter_count",
        (Field("n_weights", "Weights"), Field("n_biases", "Biases")),
        (weights, biases),
        swapped="You swapped the two answers: both counts are right, but each is in "
        "the other's box. Weights sit on the connections, biases on the neurons.",
    )


def parameter_count(n_weights: int, n_biases: int) -> Feedback:
    """Exercise: how many weights and biases a 784-100-10 network has.

    Examples
    --------
    >>> parameter_count(894, 894).correct
    False
    """
    return parameter_count_form().judge(n_weights, n_biases)


#: Said after what is wrong with one of weight_entry's answers.
_THREE_INDICES = (
    "The check takes three whole numbers: the matrix, the row and the column."
)


def weight_entry(layer: int, j: int, k: int) -> Feedback:
    """Exercise: the entry ``net.weights[layer][j, k]`` that holds :math:`w^2_{31}`.

    Examples
    --------
    >>> weight_entry(1, 3, 1).correct
    False
    """
    ex = ARTICLE_WEIGHT
    want = (ex["l"] - 2, ex["k"] - 1, ex["j"] - 1)
    indices = []
    for value, what in ((layer, "the matrix index"), (j, "the row"), (k, "the column")):
        index = as_whole_number(value, what)
        if isinstance(index, Feedback):
            return Feedback(False, f"{index.message} {_THREE_INDICES}")
        indices.append(index)
    if min(indices) < 0:
        return Feedback(
            False,
            "A negative index counts from the end (-1 is the last), so which entry it "
            "names depends on how many layers and neurons the network has, and the "
            "exercise fixes neither. Count from the start, from 0, as the package's "
            "list and numpy's rows and columns do.",
        )
    given = tuple(indices)
    if given == want:
        return Feedback(
            True,
            "The package stores it in the first matrix, row 'from', column 'to', "
            "counting from 0.",
        )
    if given[0] != want[0]:
        if given[0] in (ex["l"], ex["l"] - 1):
            return Feedback(
                False,
                "Check the matrix: the article numbers layers from 1 (the input layer) "
                "and names a weight after the layer it enters; the package's list "
                "counts weight matrices from 0, and weights[0] leaves the input layer.",
            )
        return Feedback(
            False, "Check the matrix: which two layers does this weight connect?"
        )
    if given[1:] == (want[2], want[1]):
        return Feedback(
            False,
            "Right matrix, but row and column are swapped: the article writes the "
            "receiving neuron first, the package puts the sending neuron in the row.",
        )
    if given[1:] in ((want[1] + 1, want[2] + 1), (want[2] + 1, want[1] + 1)):
        return Feedback(
            False,
            "Right matrix; the article counts neurons from 1, numpy counts rows and "
            "columns from 0.",
        )
    return Feedback(
        False,
        "Right matrix. Now: which neuron does the weight leave (row) and which does it "
        "enter (column)?",
    )
