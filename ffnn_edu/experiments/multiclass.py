"""Chapter 10, Several classes: softmax versus sigmoid outputs; finite-difference check.

With :math:`K` classes a network gets :math:`K` output neurons, one per
class, and the target of a sample is its **one-hot** vector: 1 for its class,
0 everywhere else. A softmax output layer turns the :math:`K` logits into
probabilities that add up to 1,

.. math:: y_k = \\frac{e^{z_k}}{\\sum_j e^{z_j}},

and its slopes form a matrix, because every output depends on every logit
(:math:`I` is the identity matrix):

.. math:: \\frac{\\partial y_k}{\\partial z_j} = y_k(I_{kj} - y_j),
          \\qquad \\frac{\\partial \\mathbf{y}}{\\partial \\mathbf{z}}
          = \\operatorname{diag}(\\mathbf{y}) - \\mathbf{y}\\mathbf{y}^\\top .

With the categorical cross-entropy :math:`E = -\\sum_k t_k \\ln y_k` the chain
rule sums over the outputs and collapses to
:math:`\\partial E/\\partial z_j = y_j - t_j` (Bishop 2006, sec. 4.3.4;
Goodfellow et al. 2016, sec. 6.2.2.3). This module computes these pieces
separately so the book can check each step; the network itself uses
``activations.softmax`` and ``losses.categorical_cross_entropy``. The tools the chapter
uses live in the library: ``nn.preprocessing.one_hot``,
``nn.activations.softmax_jacobian`` and ``nn.metrics.confusion_matrix`` (chapter 16).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from ffnn_edu.nn.activations import sigmoid, softmax, softmax_jacobian
from ffnn_edu.nn.classifier import NetworkClassifier
from ffnn_edu.nn.datasets import gaussian_blobs
from ffnn_edu.nn.losses import binary_cross_entropy
from ffnn_edu.nn.network import FeedForwardNetwork
from ffnn_edu.nn.optimizers import GradientDescent
from ffnn_edu.nn.preprocessing import one_hot, train_val_test_split
from ffnn_edu.nn.training import accuracy, train
from ffnn_edu.nn.validation import (
    Array,
    as_array,
    check_number,
    check_work,
    checked,
    exactly,
    no_overflow,
    vector,
)

#: The centres of the three clouds of chapter 10's three-class example.
THREE_CENTRES = ((-1.5, -1.0), (1.5, -1.0), (0.0, 1.5))
#: The spread (standard deviation) of each of those three clouds.
THREE_SPREAD = 0.8
#: Network settings shared by the sigmoid-output and the softmax-output runs.
THREE_SETTINGS = {
    "hidden": 8,
    "activation": "tanh",
    "eta": 0.5,
    "epochs": 150,
    "batch_size": 10,
}

#: Most logits :func:`logit_gradient_numeric` nudges: each nudge evaluates the error
#: over all of them, so the work grows with the square of their count (4000 logits
#: took a quarter of a second, a million would take hours).
MAX_NUMERIC_LOGITS = 4096


def logit_gradient_numeric(z: ArrayLike, t: ArrayLike, step: float = 1e-6) -> Array:
    """Numerical :math:`\\partial E/\\partial z_j` of softmax plus cross-entropy.

    :math:`E` is the categorical cross-entropy of the softmax output; the derivative is
    taken by central differences. Nudges each logit by :math:`\\pm` ``step`` and
    measures how :math:`E = -\\sum_k t_k \\ln \\mathrm{softmax}(\\mathbf{z})_k` changes,
    without using any formula for the derivative; the book compares the result
    with :math:`\\mathbf{y} - \\mathbf{t}`.

    Parameters
    ----------
    z : array_like, shape (K,)
        Logits of one sample.
    t : array_like, shape (K,)
        Its target: non-negative numbers that add up to 1 (usually one-hot).
    step : float
        The nudge, 0 < step <= 1; small enough to measure a slope, large enough
        to change every logit (``z + step != z``).

    Raises
    ------
    ValueError
        If ``z`` and ``t`` differ in shape, ``t`` is no distribution, ``step`` is out
        of range or lost on a logit, or ``z`` holds more than
        :data:`MAX_NUMERIC_LOGITS` logits (counted before any work).

    Examples
    --------
    >>> logit_gradient_numeric([0.0, 0.0], [1.0, 0.0]).round(6)
    array([-0.5,  0.5])
    """
    z = as_array(z, "z", ndim=1)
    check_work(
        z.size,
        MAX_NUMERIC_LOGITS,
        f"nudged logits (z), each evaluating the error over all {z.size}",
        "MAX_NUMERIC_LOGITS",
    )
    t = as_array(t, "t", ndim=1)
    if t.shape != z.shape:
        raise ValueError(f"t must have the shape of z, {z.shape}, but it has {t.shape}")
    if (t < 0).any() or abs(t.sum() - 1.0) > 1e-9:
        raise ValueError(
            "t must hold non-negative numbers that add up to 1 (within 1e-09), but "
            f"it holds {t.tolist()}, adding up to {exactly(t.sum())}"
        )
    h = check_number(step, "step", low=0.0, high=1.0, low_inclusive=False)
    if (z + h == z).any():
        raise ValueError(
            f"step must move every logit to another float, but z + step rounds "
            f"back to z (step = {h:g}, largest |z| = {np.abs(z).max():g}); "
            f"choose a step of about 1e-6 times |z|"
        )

    def error(logits: Array) -> float:
        shifted = logits - logits.max()
        return float(-(t * (shifted - np.log(np.exp(shifted).sum()))).sum())

    grad = np.empty_like(z)
    for j in range(z.size):
        nudge = np.zeros_like(z)
        nudge[j] = h
        grad[j] = (error(z + nudge) - error(z - nudge)) / (2 * h)
    return grad


def _same_shape_as_z(arguments: dict) -> None:
    """Relation for ``squared_error_logit_gradient``: one target per logit."""
    if arguments["t"].shape != arguments["z"].shape:
        raise ValueError(
            f"t must have the shape of z, {arguments['z'].shape}, "
            f"but it has {arguments['t'].shape}"
        )


@checked(_same_shape_as_z, z=vector, t=vector)
def squared_error_logit_gradient(z: ArrayLike, t: ArrayLike) -> Array:
    """:math:`\\partial E/\\partial z_j` of a softmax output under the squared error.

    :math:`E = \\tfrac12 \\sum_k (y_k - t_k)^2` with
    :math:`\\mathbf{y} = \\mathrm{softmax}(\\mathbf{z})`. The chain rule sums over
    the outputs, :math:`\\delta_j = \\sum_k (y_k - t_k)\\, \\partial y_k/\\partial z_j`,
    the softmax's Jacobian (transposed) times :math:`\\mathbf{y} - \\mathbf{t}`.
    Nothing cancels here, unlike with the cross-entropy: every :math:`\\delta_j` keeps
    the factor :math:`y_j`, so an output that is confidently wrong learns slowly again
    (chapter 10's exercise 4; the package's network refuses a softmax output with any
    loss but the categorical cross-entropy).

    Parameters
    ----------
    z : array_like, shape (K,)
        Logits of one sample.
    t : array_like, shape (K,)
        Its target.

    Returns
    -------
    ndarray, shape (K,)

    Examples
    --------
    >>> squared_error_logit_gradient([0.0, 0.0], [1.0, 0.0])
    array([-0.25,  0.25])
    """
    y = softmax(z)
    return softmax_jacobian(z).T @ (y - t)


class OutputComparison(NamedTuple):
    """Sigmoid outputs against a softmax output on the same three-class data."""

    sigmoid_row_sums: Array
    softmax_row_sums: Array
    sigmoid_accuracy: float
    softmax_accuracy: float
    softmax_classifier: NetworkClassifier
    X_test: Array
    y_test: Array


def three_class_data(seed: int = 0) -> tuple[Array, Array, Array, Array]:
    """The chapter's three clouds of 300 points, split 2:1 into training and test.

    Returns ``X_train, y_train, X_test, y_test`` (labels 0, 1, 2 as ints).

    Examples
    --------
    >>> X_train, y_train, X_test, y_test = three_class_data()
    >>> X_train.shape, X_test.shape, sorted(set(y_test.tolist()))
    ((200, 2), (100, 2), [0, 1, 2])
    """
    X, y = gaussian_blobs(300, centers=THREE_CENTRES, spread=THREE_SPREAD, seed=seed)
    s = train_val_test_split(X, y.astype(int), fractions=(2 / 3, 0.0, 1 / 3), seed=seed)
    return s.X_train, s.y_train.astype(int), s.X_test, s.y_test.astype(int)


def compare_outputs(seed: int = 0) -> OutputComparison:
    """Train one network with three independent sigmoid outputs, one with a softmax.

    Both have the same hidden layer (``THREE_SETTINGS``) and are trained on
    :func:`three_class_data` with the same seed; the sigmoid network learns
    the one-hot targets with the binary cross-entropy of each output, the
    softmax network is a :class:`NetworkClassifier` (categorical
    cross-entropy). The binary cross-entropy averages over the three outputs
    as well as over the samples, the categorical one over the samples only, so
    the sigmoid network gets a learning rate three times larger: both then take
    steps of the same size. Returned are the sums of the three outputs for
    every test point, and the test accuracies.

    Examples
    --------
    >>> result = compare_outputs(seed=0)
    >>> bool(np.allclose(result.softmax_row_sums, 1.0))
    True
    """
    X_train, y_train, X_test, y_test = three_class_data(seed)
    s = THREE_SETTINGS
    net = FeedForwardNetwork(
        (2, s["hidden"], 3), [s["activation"], "sigmoid"], seed=seed
    )
    train(
        net,
        X_train,
        one_hot(y_train, 3),
        loss=binary_cross_entropy,
        optimizer=GradientDescent(3 * s["eta"]),
        epochs=s["epochs"],
        batch_size=s["batch_size"],
        seed=seed,
    )
    Y_sigmoid = net.forward(X_test)
    clf = NetworkClassifier(
        (s["hidden"],),
        activation=s["activation"],
        eta=s["eta"],
        epochs=s["epochs"],
        batch_size=s["batch_size"],
        seed=seed,
    ).fit(X_train, y_train)
    P = clf.predict_proba(X_test)
    T = one_hot(y_test, 3)
    return OutputComparison(
        Y_sigmoid.sum(axis=1),
        P.sum(axis=1),
        accuracy(Y_sigmoid, T),
        clf.score(X_test, y_test),
        clf,
        X_test,
        y_test,
    )


def _same_length(arguments: dict) -> None:
    """Relation for ``two_class_softmax``: one logit of each class per sample."""
    if arguments["z0"].shape != arguments["z1"].shape:
        raise ValueError(
            f"z0 and z1 must have the same length, but they have "
            f"{arguments['z0'].size} and {arguments['z1'].size}"
        )


@checked(
    _same_length,
    no_overflow("z0 and z1 are too far apart: z1 - z0 overflows"),
    z0=vector,
    z1=vector,
)
def two_class_softmax(z0: ArrayLike, z1: ArrayLike) -> tuple[Array, Array]:
    """Probability of class 1: two-output softmax, and one sigmoid of the difference.

    The two agree: :math:`e^{z_1}/(e^{z_0}+e^{z_1}) = \\sigma(z_1 - z_0)`, so
    a single sigmoid output is the two-class softmax with the logit of class
    0 fixed at 0.

    Examples
    --------
    >>> p_softmax, p_sigmoid = two_class_softmax([0.0, 1.0], [2.0, -1.0])
    >>> bool(np.allclose(p_softmax, p_sigmoid))
    True
    """
    return softmax(np.c_[z0, z1])[:, 1], sigmoid(z1 - z0)
