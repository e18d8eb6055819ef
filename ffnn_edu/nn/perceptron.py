r"""The binary threshold unit and the perceptron learning rule.

A binary threshold unit outputs 1 when its logit :math:`z = b + \mathbf{w}
\cdot \mathbf{x}` is at least 0, and 0 otherwise. The perceptron rule trains
it one case at a time:

1. if the prediction is right, change nothing;
2. if it predicted 0 but should have said 1, **add** the input to the weights
   (and 1 to the bias);
3. if it predicted 1 but should have said 0, **subtract** the input from the
   weights (and 1 from the bias).

Treating the bias as the weight of an extra input that is always 1 (*bias
absorption*) makes the bias update the same as every other weight's.

If some line (hyperplane) separates the two classes, the rule finds one in a
finite number of updates. For XOR and the other parity problems none exists,
and the rule cycles for ever; :class:`Perceptron` stops after ``max_epochs``
and reports that it did not converge. Stopping there does not by itself show
that no line exists (a small margin or badly scaled inputs make the rule slow);
the message says so, unless the weights came back to an earlier epoch's start,
which proves the cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from .training import MAX_UPDATES, MAX_WORK
from .validation import (
    Array,
    KnownKeywords,
    as_array,
    as_samples,
    binary_labels,
    check_count,
    check_fitted,
    check_number,
    check_work,
    checked,
    counted,
    inputs_match_weights,
    label,
    no_overflow,
    rows_match,
    samples,
    scalar,
    shown,
    unchecked,
    vector,
)

_TOO_LARGE = "x and w (or eta) are too large: the weighted sum or the update overflows"


@checked(
    no_overflow(_TOO_LARGE),
    inputs_match_weights("x", "w"),
    x=samples,
    w=vector,
    b=scalar,
)
def threshold_unit(x: Array, w: Array, b: float = 0.0) -> Array:
    r"""1 where :math:`b + \mathbf{w}\cdot\mathbf{x} \ge 0`, else 0, for each sample.

    Examples
    --------
    >>> threshold_unit([0.3, 0.4], [2, -3], 0.5)
    array([0.])
    """
    return (x @ w + b >= 0).astype(np.float64)


def absorb_bias(X: ArrayLike) -> Array:
    """Prepend the constant input :math:`x_0 = 1`, whose weight plays the bias.

    Examples
    --------
    >>> absorb_bias([[0.3, 0.4]])
    array([[1. , 0.3, 0.4]])
    """
    X = as_samples(X, "X")
    return np.hstack([np.ones((X.shape[0], 1)), X])


@dataclass(frozen=True)
class PerceptronStep:
    """The result of applying the perceptron rule to one training case.

    Attributes
    ----------
    w : ndarray
        Weights after the update.
    b : float
        Bias after the update.
    prediction : int
        What the unit predicted *before* the update.
    case : str
        ``"correct"`` (nothing changes), ``"add"`` or ``"subtract"``.
    """

    w: Array
    b: float
    prediction: int
    case: str


@checked(
    no_overflow(_TOO_LARGE),
    inputs_match_weights("x", "w"),
    x=vector,
    t=label,
    w=vector,
    b=scalar,
)
def perceptron_update(x: Array, t: float, w: Array, b: float = 0.0) -> PerceptronStep:
    r"""Apply the perceptron rule to one training case ``(x, t)``.

    Examples
    --------
    The textbook's example: the unit says 0 but the target is 1, so the input
    is added to the weights and 1 to the bias.

    >>> step = perceptron_update([0.3, 0.4], 1, w=[2, -3], b=0.5)
    >>> step.case, step.w.round(10), round(step.b, 10)
    ('add', array([ 2.3, -2.6]), 1.5)
    """
    prediction = int(x @ w + b >= 0)
    if prediction == t:
        return PerceptronStep(w.copy(), b, prediction, "correct")
    if t == 1:
        return PerceptronStep(w + x, b + 1.0, prediction, "add")
    return PerceptronStep(w - x, b - 1.0, prediction, "subtract")


#: Most epochs :class:`Perceptron` runs (``max_epochs``): on data that is not linearly
#: separable it runs them all.
MAX_EPOCHS = 1_000_000

#: Inputs whose largest size is at most this are tiny beside the bias's step of 1: an
#: update moves each weight by a case's entry and the bias by 1, and the epochs the
#: rule needs grow about as one over the inputs' size squared. Measured on the AND
#: gate's cases times s: 6 epochs at s = 1, 53 at 0.1, 5003 at 0.01, 500 003 at 0.001
#: (OR: 4, 204, 20 002, and more than a million); at 0.3, 8 and 26, within the default
#: 100. :class:`Perceptron`'s message then names the scale of X before max_epochs.
TINY_INPUTS = 0.1

#: Most numbers :class:`Perceptron` keeps in ``history_`` (its weights and bias, so
#: ``n_inputs + 1`` numbers a state): the start and the first updates, as many as fit.
#: Each state costs some 200 bytes of Python besides its numbers, so this is at most
#: some 70 MB for two inputs; the book draws a few dozen states. Without it, a run of
#: :data:`~ffnn_edu.nn.training.MAX_UPDATES` updates would keep gigabytes.
MAX_HISTORY_VALUES = 1_000_000


def _check_steps(samples: int, inputs: int, epochs: int) -> None:
    """Refuse a fit whose worst case is too long: every case updates in every epoch.

    The rule visits each of ``samples`` cases in each of ``epochs`` epochs, one Python
    step each, and may update the weights and bias (``inputs + 1`` numbers) at every
    step. The steps must stay within :data:`~ffnn_edu.nn.training.MAX_UPDATES`, as the
    updates of :func:`~ffnn_edu.nn.training.train` do, and the numbers they touch
    within :data:`~ffnn_edu.nn.training.MAX_WORK`.

    Examples
    --------
    >>> _check_steps(100_000, 2, 100)
    >>> _check_steps(20_000, 2, 1_000)
    Traceback (most recent call last):
    ...
    ValueError: this would make up to 20000000 steps of the perceptron rule (X: 20000
    samples x max_epochs: 1000 epochs, an update possible at each), more than
    MAX_UPDATES = 10000000: fit fewer samples or lower max_epochs
    """
    made = f"X: {counted(samples, 'sample')} x max_epochs: {counted(epochs, 'epoch')}"
    steps = samples * epochs
    if steps > MAX_UPDATES:
        raise ValueError(
            f"this would make up to {shown(steps)} steps of the perceptron rule "
            f"({made}, an update possible at each), more than MAX_UPDATES = "
            f"{MAX_UPDATES}: fit fewer samples or lower max_epochs"
        )
    work = steps * (inputs + 1)
    if work > MAX_WORK:
        raise ValueError(
            f"this would make up to {shown(work)} sample-weight-epochs ({made} x "
            f"{inputs + 1} weights and bias, for X's {counted(inputs, 'input')}), "
            f"more than MAX_WORK = {MAX_WORK}: fit fewer samples, fewer inputs or "
            "lower max_epochs"
        )


def _inputs_as_fitted(arguments: dict[str, Any]) -> None:
    """Relation for ``predict``: the perceptron is fitted, on as many inputs as X."""
    perceptron, X = arguments["self"], arguments["X"]
    check_fitted(perceptron, "weights_", "call fit(X, t) before predict or score")
    fitted = perceptron.weights_.shape[0]
    if X.shape[-1] != fitted:
        raise ValueError(
            f"X has {counted(X.shape[-1], 'input')} per sample, but the perceptron "
            f"was fitted on {fitted}"
        )


def _settings_fit(arguments: dict[str, Any]) -> None:
    """Relation for ``fit``: ``max_epochs``, ``w_init`` and ``b_init`` fit ``X``.

    ``max_epochs`` is a count of at most :data:`MAX_EPOCHS`, and the run it allows
    on ``X`` is within the limits of ``_check_steps``; ``w_init`` (if given) finite
    numbers, one per input of ``X``, ``b_init`` a finite number.

    Examples
    --------
    >>> Perceptron(w_init=[0.0]).fit([[0.0, 1.0]], [1])
    Traceback (most recent call last):
    ...
    ValueError: w_init must have 2 entries, but it has 1
    """
    perceptron, X = arguments["self"], arguments["X"]
    max_epochs = check_count(perceptron.max_epochs, "max_epochs")
    check_work(max_epochs, MAX_EPOCHS, "epochs (max_epochs)", "MAX_EPOCHS")
    _check_steps(X.shape[0], X.shape[1], max_epochs)
    if perceptron.w_init is not None:
        w = as_array(perceptron.w_init, "w_init", ndim=1)
        if w.shape[0] != X.shape[1]:
            raise ValueError(
                f"w_init must have {counted(X.shape[1], 'entry', 'entries')}, but "
                f"it has {w.shape[0]}"
            )
    check_number(perceptron.b_init, "b_init")


class Perceptron(KnownKeywords):
    """A binary threshold unit trained with the perceptron rule.

    Parameters
    ----------
    max_epochs : int
        Passes over the training set before giving up, at most :data:`MAX_EPOCHS`.
    w_init : array_like, optional
        Starting weights (zeros by default).
    b_init : float
        Starting bias (a finite number).

    Raises
    ------
    ValueError
        From :meth:`fit`, before any work, for a run that could make more steps
        (samples of ``X`` times ``max_epochs``) than
        :data:`~ffnn_edu.nn.training.MAX_UPDATES`, or touch more numbers (those
        steps times the inputs and bias) than :data:`~ffnn_edu.nn.training.MAX_WORK`:
        the message names the count, the limit and what to reduce; for a
        ``w_init`` or ``b_init`` that is not finite, or so large that an update
        (adding or subtracting a case and 1) is lost to rounding: the rule could
        then never converge; for an ``X`` whose column mixes scales so far (1 and
        1e-20) that a case's entry is lost beside the weight the column's larger
        entries built (the message names the column and its ratio, and
        ``w_init``/``b_init`` only when they were given and large); or for inputs
        so large that a weighted sum overflows. A fit that raises leaves the
        perceptron as it was.

    Attributes
    ----------
    weights_ : ndarray
    bias_ : float
    converged_ : bool
        True if an epoch passed with no update (every case classified right).
    n_epochs_ : int
        Epochs run.
    history_ : list of (ndarray, float)
        Weights and bias at the start and after every update, for drawing the
        decision line as it moves: the first ones, as many as
        :data:`MAX_HISTORY_VALUES` numbers hold (``message_`` says when updates
        were left out; ``sum(errors_)`` counts them all).
    errors_ : list of int
        Misclassified cases (hence updates) in each epoch; 0 in the last one
        exactly when the run converged.
    message_ : str

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import and_gate, xor
    >>> Perceptron().fit(*and_gate()).converged_
    True
    >>> p = Perceptron(max_epochs=50).fit(*xor())
    >>> p.converged_, p.score(*xor()) < 1
    (False, True)
    >>> Perceptron().fit(*and_gate()).errors_
    [2, 3, 3, 2, 1, 0]
    """

    def __init__(
        self,
        max_epochs: int = 100,
        w_init: ArrayLike | None = None,
        b_init: float = 0.0,
    ) -> None:
        self.max_epochs = max_epochs
        self.w_init = w_init
        self.b_init = b_init

    @checked(rows_match("X", "t"), _settings_fit, X=samples, t=binary_labels)
    def fit(self, X: Array, t: Array) -> Perceptron:
        """Cycle through the cases in order until an epoch makes no update."""
        max_epochs, b = int(self.max_epochs), float(self.b_init)
        w = (
            np.zeros(X.shape[1])
            if self.w_init is None
            else np.array(self.w_init, dtype=np.float64)
        )
        history, errors, converged = [(w.copy(), b)], [], False
        keep = max(1, MAX_HISTORY_VALUES // (w.shape[0] + 1))  # states history_ holds
        update = unchecked(perceptron_update)  # the rule's kernel: X, t, w are checked
        # Brent's cycle check on the states at the start of the epochs: the saved
        # state is renewed at epochs 1, 2, 4, 8, ...; meeting it again proves a cycle
        saved, saved_epoch, repeated = (w.copy(), b), 1, None
        with np.errstate(over="raise", invalid="raise"):
            try:
                for epoch in range(1, max_epochs + 1):
                    if epoch > 1 and repeated is None:
                        if b == saved[1] and np.array_equal(w, saved[0]):
                            repeated = saved_epoch
                        elif epoch & (epoch - 1) == 0:  # a power of two
                            saved, saved_epoch = (w.copy(), b), epoch
                    changed = False
                    errors.append(0)
                    for x, target in zip(X, t):
                        step = update(x, float(target), w, b)
                        if step.case == "correct":
                            continue
                        if step.b == b or (step.w == w)[x != 0].any():
                            raise ValueError(self._lost_update(X, x, w, b, step))
                        w, b, changed = step.w, step.b, True
                        if len(history) < keep:
                            history.append((w.copy(), b))
                        errors[-1] += 1
                    if not changed:
                        converged = True
                        break
            except FloatingPointError:
                raise ValueError(
                    "X, w_init and b_init must be small enough for the weighted "
                    "sums and updates to stay finite, but they overflow (a result "
                    "beyond the largest float, about 1.8e308); scale the inputs "
                    "first"
                ) from None
        epoch = len(errors)  # the epochs run: each added its count of errors
        # set only now: a fit that raises leaves the perceptron as it was
        self.history_, self.errors_, self.converged_ = history, errors, converged
        self.weights_, self.bias_, self.n_epochs_ = w, b, epoch
        size = float(np.abs(X).max(initial=0.0))
        self.message_ = self._message(epoch, max_epochs, repeated, size)
        return self

    def _message(
        self, epoch: int, max_epochs: int, repeated: int | None, size: float = 1.0
    ) -> str:
        """What the run showed: converged, cycling (not separable), or undecided.

        Stopping at ``max_epochs`` alone does not show that the classes cannot be
        separated: the rule may only need more epochs. Only weights that come back
        to where they stood at the start of an earlier epoch prove a cycle, and
        then (by the convergence theorem) that no line separates the classes.
        ``size`` is the largest absolute entry of ``X``: at most
        :data:`TINY_INPUTS`, scaling ``X`` up comes before raising ``max_epochs``.
        """
        outcome = self._outcome(epoch, max_epochs, repeated, size)
        return outcome + self._history_kept()

    def _outcome(
        self, epoch: int, max_epochs: int, repeated: int | None, size: float = 1.0
    ) -> str:
        """The first part of :meth:`_message`: how the run ended and what it shows."""
        if self.converged_:
            return (
                f"Converged after {counted(epoch, 'epoch')} "
                f"({counted(sum(self.errors_), 'update')}): every training case "
                "is classified correctly."
            )
        stop = f"Did not converge in {counted(max_epochs, 'epoch')}: "
        if repeated is not None:
            return (
                stop + "the weights came back to where they stood at the start of "
                f"epoch {repeated}, so the rule repeats the same updates for ever; "
                "no straight line separates the two classes (on classes a line "
                "separates, the rule stops)."
            )
        if 0.0 < size <= TINY_INPUTS:
            # review 25, F4: AND times 1e-4 needs some 5e7 epochs, beyond MAX_EPOCHS
            return (
                stop + "the weights were still changing. The inputs are tiny beside "
                f"the bias's step of 1: the largest |x| in X is {size:.3g}, so an "
                "update moves each weight by at most that while it moves the bias "
                "by 1, and the rule crawls (the AND gate's cases times 0.01 need "
                "5003 epochs, times 1 only 6). Scale X up, to a largest |x| of "
                "about 1, rather than raise max_epochs, and fit again."
            )
        return (
            stop + "the weights were still changing. Either no straight line "
            "separates the two classes, or the rule needs more epochs (raise "
            "max_epochs): a small margin between the classes, or inputs of very "
            "different scales, make it slow."
        )

    def _history_kept(self) -> str:
        """A closing sentence when ``history_`` left updates out, else nothing."""
        updates, kept = sum(self.errors_), len(self.history_) - 1
        if kept == updates:
            return ""
        return (
            f" history_ keeps the start and the first {kept} of the {updates} "
            f"updates (MAX_HISTORY_VALUES = {MAX_HISTORY_VALUES} numbers, "
            f"{self.weights_.shape[0] + 1} a state)."
        )

    def _lost_update(
        self, X: Array, x: Array, w: Array, b: float, step: PerceptronStep
    ) -> str:
        """Why an update of ``w``, ``b`` by the case ``x`` was lost to rounding.

        The weight of a column is built from that column's entries; one entry too
        small beside them (1e-20 beside 1) is lost when added, whatever the start.
        ``w_init`` and ``b_init`` are named only when they were given and are large
        enough to swallow the update themselves.
        """
        lost = np.flatnonzero((step.w == w) & (x != 0))
        w0 = (
            None
            if self.w_init is None
            else np.array(self.w_init, dtype=np.float64).ravel()
        )
        b0 = float(self.b_init)
        top = np.abs(X).max(axis=0)  # each column's largest |x|
        # a start is large when it alone swallows the case, and is beyond what the
        # column's own entries build
        large_w = [
            int(j)
            for j in lost
            if w0 is not None and w0[j] + x[j] == w0[j] and abs(w0[j]) > top[j]
        ]
        large_b = step.b == b and b0 != 0 and b0 + 1 == b0
        case = (
            f"adding or subtracting the case {x.tolist()} and 1 leaves w = "
            f"{w.tolist()}, b = {b:g} as they are (rounding), so the rule could "
            "never converge"
        )
        causes = []
        for j in lost:
            if top[j] + abs(x[j]) != top[j]:  # the column alone does not lose it
                continue
            column = np.abs(X[:, j])
            column = column[column != 0]
            largest, smallest = float(column.max()), float(column.min())
            causes.append(
                f"X[:, {j}] mixes scales: its largest nonzero |x| is {largest:g} and "
                f"its smallest {smallest:g} (a ratio of {largest / smallest:.1e}), so "
                "the "
                f"weight w[{j}] = {w[j]:g}"
                + ("" if int(j) in large_w else " that the larger entries built")
                + f" cannot take the case's {x[j]:g}"
            )
        given = [
            name for name, large in (("w_init", large_w), ("b_init", large_b)) if large
        ]
        if causes:
            message = (
                "X must hold entries of comparable sizes within each column for an "
                f"update to change the weights, but {case}: "
                + "; ".join(causes)
                + "; scale the column, or set its tiny entries to 0"
            )
            if given:
                are = "is" if len(given) == 1 else "are"
                message += (
                    f". Also, {' and '.join(given)} {are} large enough to swallow "
                    "an update; start nearer 0"
                )
            return message
        if not given:  # grown large by the updates themselves
            return (
                f"the weights and bias must stay small enough for an update to "
                f"change them, but {case}; scale the inputs"
            )
        return (
            f"{' and '.join(given)} must be small enough for an update to change "
            f"{'it' if len(given) == 1 else 'them'}, but {case}; start nearer 0"
        )

    @checked(_inputs_as_fitted, X=samples)
    def predict(self, X: Array) -> Array:
        """0/1 predictions of the trained unit.

        Raises
        ------
        ~ffnn_edu.nn.validation.NotFittedError
            Before :meth:`fit`.
        ValueError
            For an ``X`` with another number of inputs per sample than the perceptron
            was fitted on.
        """
        return threshold_unit(X, self.weights_, self.bias_)

    @checked(rows_match("X", "t"), X=samples, t=binary_labels)
    def score(self, X: Array, t: Array) -> float:
        """Share of cases classified correctly (``t``: a 0/1 label per row of ``X``)."""
        return float(np.mean(self.predict(X) == t))
