"""Chapter 12, Learning rate and momentum: tuning on a validation set; test set unseen.

:func:`tune_learning_rate` trains one network per candidate learning rate on
the training set, scores each on the validation set, picks the lowest
validation loss and only then measures the winner once on the test set. With
each score it reports the *standard error* of the validation loss,
:math:`s/\\sqrt{n}` for the spread :math:`s` of the per-sample losses over
:math:`n` validation points: differences smaller than about two standard
errors are within the luck of which points landed in the validation set.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np

from ffnn_edu.nn.losses import binary_cross_entropy_terms
from ffnn_edu.nn.network import MAX_LAYER_SIZE, FeedForwardNetwork
from ffnn_edu.nn.optimizers import GradientDescent
from ffnn_edu.nn.preprocessing import Split, Standardizer
from ffnn_edu.nn.regularization import Regularizer
from ffnn_edu.nn.training import (
    SATURATED_MOST,
    SATURATED_WITHIN,
    SCALE_ADVICE,
    SCALED_WITHIN,
    _apart,
    accuracy,
    check_run_size,
    offset_column,
    saturated_share,
    train,
)
from ffnn_edu.nn.validation import (
    Array,
    as_array,
    check_binary,
    check_count,
    check_number,
    check_seed,
    check_work,
    counted,
)

#: Most training runs of a search: the learning rates of :func:`tune_learning_rate`,
#: the (eta, lam) pairs of :func:`grid_search`, the trials of :func:`random_search`
#: (the book tries eight rates and a grid of at most 50 pairs).
MAX_RUNS = 50
#: Most epochs a search trains in all, runs times epochs (the book's grid makes
#: at most 50 x 300); each epoch is one full-batch step on the training set.
MAX_EPOCHS_IN_ALL = 100_000
#: The largest root mean square of a training column at or below which the inputs
#: count as scaled (standardized columns have 1): saturation of a network on such
#: inputs comes from its training (a large rate), not from the inputs, and
#: :func:`unscaled_inputs` stays silent about them.
SCALED_INPUTS = 5.0
#: The least rise of a run's validation loss after its lowest value, as a share of
#: the value it ended at, that counts as a rise (:attr:`Candidate.rose_after_minimum`,
#: said in :attr:`Tuning.message`). Measured (review 23, F6): the chapter's eta = 3
#: ended at 0.244 after 0.237 in epoch 208, a rise of 2.9 %, worth fewer epochs; on
#: the two moons times 40, eta = 0.03 for 200 epochs ended 0.015 % (seed 0) and 0.35 %
#: (seed 4) above its lowest, the wobble of a loss that has stopped falling. The same
#: line decides whether a run ended above the untrained network's loss
#: (:attr:`Candidate.ended_above_start`): a rise of round-off, 1e-9, was called
#: "training made it worse" (review 23).
ROSE_MATERIALLY = 0.01
#: How many standard errors of the difference lower the validation loss of the same
#: rates on standardized inputs must end for :func:`tune_learning_rate` to say that
#: standardizing helped (:func:`standardized_better`). The difference is taken sample
#: by sample on the same validation rows, so the luck of which rows landed there is
#: shared. Measured (review 23, F7): on circles times 8 standardizing lowered the best
#: validation loss by 4.0 and 2.0 standard errors (seeds 0 and 2); on chapter 12's
#: two moons times 8 by 1.2, 1.5 and 0.7 (seeds 0 to 2), within the luck of the 80
#: validation rows though the accuracy rose (0.850 to 0.887 for seed 0); blobs with a
#: column of standard deviation 8.7 ended at 0.004 either way.
STANDARDIZED_BETTER = 2.0


def cross_entropy_per_sample(network: FeedForwardNetwork, X: Array, y: Array) -> Array:
    """Binary cross-entropy of every sample, shape (n_samples,).

    Its mean is the loss :func:`~ffnn_edu.nn.training.train` reports. The logarithms
    are clipped as in :mod:`ffnn_edu.nn.losses` (only where they would blow up), so one
    sample contributes at most about 34.5, and a right output its exact small loss.

    Examples
    --------
    >>> net = FeedForwardNetwork((1, 1), bias=False)
    >>> net.set_weights([[[0.0]]])
    >>> cross_entropy_per_sample(net, [[1.0], [2.0]], [0.0, 1.0]).round(4)
    array([0.6931, 0.6931])
    """
    if not isinstance(network, FeedForwardNetwork):
        raise TypeError(
            "network must be a FeedForwardNetwork, but it "
            f"is a {type(network).__name__}"
        )
    X = network.check_inputs(X)
    T = network.check_targets(X, y)
    # the loss's own terms: the same clip, log1p for ln(1 - Y), no -0.0
    return binary_cross_entropy_terms(network.run_forward(X).output, T).mean(axis=1)


@dataclass(frozen=True)
class Candidate:
    """One learning rate tried: its scores after training.

    Attributes
    ----------
    eta : float
    train_loss, val_loss : float
        Cross-entropy on the training and validation sets after training.
    val_standard_error : float
        Standard error of ``val_loss`` (spread of the per-sample losses over
        the square root of the number of validation points).
    val_accuracy : float
    network : FeedForwardNetwork
        The trained network.
    lam : float
        The L2 penalty's rate (0: none).
    diverged : bool
        Whether its training diverged (such a candidate is never the winner).
    start_val_loss : float
        Validation loss of the untrained network (epoch 0): ``val_loss`` above it by
        at least :data:`ROSE_MATERIALLY` of ``val_loss`` says training made it worse.
        NaN if not given.
    lowest_val_loss : float
        The lowest validation loss of the run, in epoch ``lowest_epoch``: ``val_loss``
        above it by at least :data:`ROSE_MATERIALLY` of ``val_loss`` says the loss rose
        after a minimum. NaN if not given.
    lowest_epoch : int
        The epoch of ``lowest_val_loss`` (0: before any update).
    epochs : int
        Epochs trained (0 if not given).
    """

    eta: float
    train_loss: float
    val_loss: float
    val_standard_error: float
    val_accuracy: float
    network: FeedForwardNetwork
    lam: float = 0.0
    diverged: bool = False
    start_val_loss: float = float("nan")
    lowest_val_loss: float = float("nan")
    lowest_epoch: int = 0
    epochs: int = 0

    @property
    def setting(self) -> str:
        """The candidate's rates as the book writes them: ``eta = 3`` (and ``lam``)."""
        return f"eta = {self.eta:g}" + (f", lam = {self.lam:g}" if self.lam else "")

    @property
    def ended_above_start(self) -> bool:
        """Whether training left the validation loss materially above the untrained one.

        By at least :data:`ROSE_MATERIALLY` of the value it ended at, the line of
        :attr:`rose_after_minimum`: a rise of round-off (1e-9) or of a run that hardly
        moved is no sign that training made the network worse.
        """
        return _rose_materially(self.val_loss, self.start_val_loss)

    @property
    def rose_after_minimum(self) -> bool:
        """Whether the validation loss ended materially above its lowest of the run.

        By at least :data:`ROSE_MATERIALLY` of the value it ended at: a loss that has
        stopped falling wobbles by less, and fewer epochs would not help it.
        """
        return _rose_materially(self.val_loss, self.lowest_val_loss)


def _rose_materially(end: float, before: float) -> bool:
    """Whether ``end`` rose above ``before`` by :data:`ROSE_MATERIALLY` of ``end``.

    >>> _rose_materially(0.5, 0.495), _rose_materially(0.5, 0.4951)
    (True, False)
    """
    rise = end - before
    return bool(rise >= ROSE_MATERIALLY * end and rise > 0)


@dataclass(frozen=True)
class Tuning:
    """The candidates, the winner and its one test measurement."""

    candidates: list[Candidate]
    best: Candidate
    test_accuracy: float
    #: The measured words for unstandardized (or tiny) inputs on which the same rates
    #: did measurably worse than on standardized ones (:func:`standardized_better`),
    #: led by the saturated hidden units of every rate tried where
    #: :func:`unscaled_inputs` measured them; empty otherwise (review 24: saturation
    #: alone was said where standardizing did not measurably help).
    unscaled: str = ""

    @property
    def best_index(self) -> int:
        """Position of the winner in the grid (0 = smallest rate)."""
        return self.candidates.index(self.best)

    @property
    def message(self) -> str:
        """How the winner was chosen, and what its run did that a reader should know.

        The winner has the lowest validation loss *at the end* of its run, so no run
        that ended lower loses to it; but it may have been lower still before (its
        loss rose after a minimum by at least :data:`ROSE_MATERIALLY` of its end
        value: fewer epochs, or early stopping, might do better), or may even have
        ended above the untrained network's, by as much (training made it worse on
        the validation set, the lowest of a grid of bad rates). Both are said, with
        the two losses compared printed apart; and
        so are inputs on which the same rates measurably did better standardized
        (:attr:`unscaled`): the search then compares rates that all suffer from the
        inputs, and scaling them comes first (a run made worse is then not told to
        try other rates).

        Examples
        --------
        >>> from ffnn_edu.nn.datasets import two_moons
        >>> from ffnn_edu.nn.preprocessing import train_val_test_split
        >>> split = train_val_test_split(*two_moons(400, noise=0.3, seed=0),
        ...                              fractions=(0.6, 0.2, 0.2), seed=0)
        >>> print(tune_learning_rate(split, (3.0,), epochs=300).message)
        Best: eta = 3, with the lowest final validation loss, 0.244 after 300 epochs.
        Its validation loss was lower before: 0.237 in epoch 208, then it rose (fewer
        epochs, or early stopping, might do better).
        """
        best = self.best
        end, worse = f"{best.val_loss:.3g}", ""
        if best.ended_above_start:
            end, start = _apart_3(best.val_loss, best.start_val_loss)
            worse = (
                f"But training made it worse on the validation set: the untrained "
                f"network's loss was {start} (no rate tried ended lower"
                + ("; try others)." if not self.unscaled else ").")
            )
        elif best.rose_after_minimum:
            end, lowest = _apart_3(best.val_loss, best.lowest_val_loss)
            worse = (
                f"Its validation loss was lower before: {lowest} in epoch "
                f"{best.lowest_epoch}, then it rose (fewer epochs, or early stopping, "
                "might do better)."
            )
        said = [
            f"Best: {best.setting}, with the lowest final validation loss, "
            f"{end} after {counted(best.epochs, 'epoch')}."
        ]
        if worse:
            said.append(worse)
        if self.unscaled:
            said.append(self.unscaled)
        return " ".join(said)


def _apart_3(a: float, b: float) -> tuple[str, str]:
    """``a`` and ``b`` with the book's 3 significant digits, or as many as differ.

    A sentence that compares two losses must print them apart ("0.43 in epoch 188,
    then it rose" to 0.43 says nothing; review 23, F6): where 3 digits print them
    alike, ``_apart`` of :mod:`ffnn_edu.nn.training` gives 4 or more.

    >>> _apart_3(0.24399, 0.23699), _apart_3(0.62503, 0.62497)
    (('0.244', '0.237'), ('0.62503', '0.62497'))
    """
    shown = f"{a:.3g}", f"{b:.3g}"
    return shown if shown[0] != shown[1] or a == b else _apart(a, b)


def tune_learning_rate(
    split: Split,
    etas: Sequence[float] = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0),
    *,
    hidden: int = 20,
    epochs: int = 300,
    seed: int = 0,
) -> Tuning:
    """Pick the learning rate with the lowest validation loss; test the winner once.

    Every candidate trains a fresh 2-``hidden``-1 network (tanh hidden layer,
    sigmoid output, initial weights from ``seed``; the same for all candidates)
    for ``epochs`` epochs of full-batch gradient descent on the binary
    cross-entropy of ``split``'s training set.

    Inputs whose training columns are not standardized (a standard deviation or
    absolute mean above :data:`~ffnn_edu.nn.training.SCALED_WITHIN`, or every
    standard deviation below its inverse: tiny inputs) are tried again,
    standardized, with the same rates; :attr:`Tuning.unscaled` says when that
    measurably did better (:func:`standardized_better`), with the saturated hidden
    units of every rate where :func:`unscaled_inputs` measured them, and says nothing
    otherwise: a remedy is named only where it was measured to help. Such a search
    does twice the work, and its work check counts both.

    Parameters
    ----------
    split : Split
        From :func:`~ffnn_edu.nn.preprocessing.train_val_test_split`, with 0/1 labels.
    etas : sequence of float
        The grid, smallest first.
    hidden, epochs, seed
        The network and the training budget.

    Returns
    -------
    Tuning

    Raises
    ------
    TypeError
        If ``split`` is not a :class:`~ffnn_edu.nn.preprocessing.Split` (e.g. the
        ``(X, y)`` pair of a data set, not yet split), or ``etas`` is not a sequence:
        a single number, or an iterator such as a generator (it has no length to
        count before training).
    ValueError
        If the grid is empty or longer than :data:`MAX_RUNS` (50; counted before any
        rate is read), the runs
        together train more than :data:`MAX_EPOCHS_IN_ALL` epochs, a learning
        rate is not positive, the validation set has fewer than 2 rows (its
        standard error needs two), or a label is not 0 or 1; or if every
        candidate's training diverged (no winner: a diverged run is never best).

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import two_moons
    >>> from ffnn_edu.nn.preprocessing import train_val_test_split
    >>> split = train_val_test_split(*two_moons(100, seed=0), fractions=(0.6, 0.2, 0.2))
    >>> result = tune_learning_rate(split, (0.1, 1.0), epochs=20)
    >>> [c.eta for c in result.candidates], 0.0 <= result.test_accuracy <= 1.0
    ([0.1, 1.0], True)
    """
    _checked_split(split)
    check_work(  # counted before any rate is read: range(1, 10**9) takes minutes
        _grid_size(etas, "etas", "learning rates such as (0.1, 1.0)"),
        MAX_RUNS,
        "training runs, one per learning rate in etas",
        "MAX_RUNS",
    )
    etas = _learning_rates(etas)
    hidden = check_count(hidden, "hidden")
    epochs = check_count(epochs, "epochs")
    X = np.asarray(split.X_train, dtype=float)
    again = _unstandardized(X)  # the same rates run again on standardized inputs
    runs = ("etas, twice (once standardized)", 2 * len(etas)) if again else None
    _check_total(runs or ("etas", len(etas)), epochs, split, hidden)
    candidates = [_candidate(split, eta, 0.0, hidden, epochs, seed) for eta in etas]
    tuning = _tested(split, candidates)
    if not again:
        return tuning
    scaler = Standardizer().fit(X)
    standard = split._replace(
        X_train=scaler.transform(X),
        X_val=scaler.transform(split.X_val),
        X_test=scaler.transform(split.X_test),
    )
    others = [_candidate(standard, eta, 0.0, hidden, epochs, seed) for eta in etas]
    settled = [c for c in others if not c.diverged and np.isfinite(c.val_loss)]
    if not settled:  # nothing measured better: the saturation sentence unsaid too
        return replace(tuning, unscaled="")
    said = standardized_better(
        split, tuning.best, standard, min(settled, key=lambda c: c.val_loss)
    )
    if said and tuning.unscaled:
        # every rate saturated, and standardizing measurably did better: both said,
        # the saturation with the comparison that shows its remedy helps
        better = said.split(", and standardized they did better", 1)[1]
        said = f"{tuning.unscaled.rsplit('; ', 1)[0]}, and standardized they did "
        said += f"better{better}"
    return replace(tuning, unscaled=said)


def column_stats(X: Array) -> tuple[Array, Array, Array]:
    """Each column's mean, standard deviation and root mean square, kept finite.

    Each column is divided by its largest absolute entry first and the results
    multiplied back, so that the squares of entries of 1e200 do not overflow (numpy
    warned, review 25) and those of 1e-300 do not underflow to a spread of 0.

    Examples
    --------
    >>> mean, spread, rms = column_stats(np.array([[1e200, 3e-300], [-1e200, 1e-300]]))
    >>> [f"{v:.3g}" for v in (*mean, *spread, *rms)]
    ['0', '2e-300', '1e+200', '1e-300', '1e+200', '2.24e-300']
    """
    X = np.asarray(X, dtype=float)
    top = np.abs(X).max(axis=0, initial=0.0)
    top = np.where(top > 0, top, 1.0)
    unit = X / top
    return (
        top * unit.mean(axis=0),
        top * unit.std(axis=0),
        top * np.sqrt((unit**2).mean(axis=0)),
    )


def _unstandardized(X: Array) -> bool:
    """Whether training inputs ``X`` are tried again standardized.

    A column's standard deviation or absolute mean above
    :data:`~ffnn_edu.nn.training.SCALED_WITHIN`, or every column's standard
    deviation below its inverse (tiny inputs: review 24, F6, two moons times 1e-3,
    where every rate ended at the knows-nothing loss).

    >>> _unstandardized(np.array([[1e-3, 0.0], [-1e-3, 2e-3]]))
    True
    """
    mean, spread, _ = column_stats(X)
    offset = np.abs(mean)
    return bool(
        np.any(spread > SCALED_WITHIN)
        or np.any(offset > SCALED_WITHIN)
        or np.all(spread < 1.0 / SCALED_WITHIN)
    )


def standardized_better(
    split: Split, best: Candidate, standard: Split, other: Candidate
) -> str:
    """The sentence for inputs on which standardizing measurably helped, or ``""``.

    ``best`` won on ``split``, ``other`` on ``standard``, the same data standardized
    with the training set's means and standard deviations. Said when ``other``'s
    validation loss is lower by more than :data:`STANDARDIZED_BETTER` standard errors
    of the difference, measured sample by sample on the same validation rows; else
    the difference is within the luck of those rows, and nothing is said. The
    sentence names the training column farthest from standardized, the two losses
    and the remedy, which the measurement shows helps.

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import circles
    >>> from ffnn_edu.nn.preprocessing import train_val_test_split
    >>> X, y = circles(400, seed=0)
    >>> split = train_val_test_split(8 * X, y, fractions=(0.6, 0.2, 0.2), seed=0)
    >>> print(tune_learning_rate(split, (1.0, 3.0)).unscaled)
    The inputs are not standardized (column 1 of split.X_train has standard
    deviation 4.43), and standardized they did better: the best validation loss
    of the same rates was 0.034 (eta = 3) against 0.0994 (eta = 1), 4.0
    standard errors lower; scale the inputs first, e.g. with a Standardizer
    (ffnn_edu.nn.preprocessing) or scikit-learn's StandardScaler, then tune again.
    """
    raw = cross_entropy_per_sample(best.network, split.X_val, split.y_val)
    scaled = cross_entropy_per_sample(other.network, standard.X_val, standard.y_val)
    gain = raw - scaled
    error = gain.std(ddof=1) / np.sqrt(gain.size)
    if not gain.mean() > STANDARDIZED_BETTER * error:
        return ""
    mean, spread, _ = column_stats(split.X_train)
    offset = np.abs(mean)
    j, k = int(np.argmax(np.maximum(spread, offset))), int(np.argmax(offset))
    tiny = (
        "no column of split.X_train has a standard deviation above "
        f"{spread.max(initial=0.0):.3g}"
    )
    # a tiny spread is named first, whatever the offset (review 25, F7: times 1e-3
    # plus 0.003 was "not standardized (column 0 has mean 0.00347)")
    what = (
        f"far from 0 and hardly vary (column {k} of split.X_train has mean "
        f"{mean[k]:.3g}, and {tiny})"
        if np.all(spread < 1.0 / SCALED_WITHIN) and offset[k] > SCALED_WITHIN
        else f"too small ({tiny})"
        if np.all(spread < 1.0 / SCALED_WITHIN)
        else f"not standardized (column {j} of split.X_train has standard "
        f"deviation {spread[j]:.3g})"
        if spread[j] >= offset[j]
        else f"not standardized (column {j} of split.X_train has mean {mean[j]:.3g})"
    )
    lower, higher = _apart_3(other.val_loss, best.val_loss)
    times = "many" if error == 0 else f"{gain.mean() / error:.1f}"
    return (
        f"The inputs are {what}, "
        "and standardized they did better: the best validation loss of the same "
        f"rates was {lower} ({other.setting}) against {higher} ({best.setting}), "
        f"{times} standard errors lower; "
        f"{SCALE_ADVICE.format(name='the inputs')}, then tune again."
    )


def _grid_size(value: object, name: str, what: str) -> int:
    """How many rates the grid argument ``value`` holds, counted without reading them.

    A list, tuple, range or 1-D array; anything else is refused with a ``TypeError``
    naming ``name`` and ``what`` it should hold: a generator or ``map`` has no length to
    count before training, and a search that read it twice would find it empty the
    second time (a grid's inner axis is read once per rate of the outer one).

    Examples
    --------
    >>> _grid_size((x for x in [0.0, 0.01]), "lams", "L2 rates such as (0.0, 0.01)")
    Traceback (most recent call last):
    ...
    TypeError: lams must be a sequence of L2 rates such as (0.0, 0.01) (a list, tuple,
    range or array), but it is an iterator (generator): it has no length to count
    before training and can be read only once; pass a list instead
    """
    if isinstance(value, (str, bytes)) or not (
        isinstance(value, Sequence)
        or (isinstance(value, np.ndarray) and value.ndim == 1)
    ):
        kind = type(value).__name__
        got = (
            f"an iterator ({kind}): it has no length to count before training and "
            "can be read only once; pass a list instead"
            if isinstance(value, Iterator)
            else f"{value!r} ({kind}); write (0.1,) for one rate"
        )
        raise TypeError(
            f"{name} must be a sequence of {what} (a list, tuple, range or array), "
            f"but it is {got}"
        )
    if len(value) == 0:
        raise ValueError(f"{name} must hold at least one rate, but it is empty")
    return len(value)


def _learning_rates(etas: Sequence[float]) -> list[float]:
    """The learning rates of ``etas`` as floats, each checked to be > 0."""
    return [
        check_number(eta, "every learning rate in etas", low=0.0, low_inclusive=False)
        for eta in etas
    ]


def _check_total(runs: tuple[str, int], epochs: int, split: Split, hidden: int) -> None:
    """Refuse a search whose runs together are too much work.

    ``runs`` names the argument that sets the runs and their number. The runs together
    may train at most :data:`MAX_EPOCHS_IN_ALL` epochs, and their work (runs times
    training and validation rows times weights and biases times epochs) must stay
    within the training loop's :data:`~ffnn_edu.nn.training.MAX_WORK`
    (:func:`~ffnn_edu.nn.training.check_run_size`): each run within it alone is no
    bound on the total.

    Examples
    --------
    >>> _check_total(("etas", 8), 10**6, None, 20)
    Traceback (most recent call last):
    ...
    ValueError: this would make 8000000 epochs in all (etas: 8 runs x epochs: 1000000
    epochs), more than MAX_EPOCHS_IN_ALL = 100000
    """
    name, count = runs
    check_work(
        count * epochs,
        MAX_EPOCHS_IN_ALL,
        f"epochs in all ({name}: {counted(count, 'run')} x epochs: "
        f"{counted(epochs, 'epoch')})",
        "MAX_EPOCHS_IN_ALL",
    )
    if hidden > MAX_LAYER_SIZE:
        return  # the network refuses its layer, naming it
    check_run_size(
        (split.X_train.shape[1], hidden, 1),
        len(split.X_train),
        epochs,
        validation=len(split.X_val),
        names=("split.X_train", "hidden", "epochs", "split.X_val"),
        runs=runs,
        outputs="",
    )


def _candidate(
    split: Split, eta: float, lam: float, hidden: int, epochs: int, seed: int
) -> Candidate:
    """Train one 2-``hidden``-1 network with ``eta`` (and an L2 penalty ``lam``)."""
    net = FeedForwardNetwork(
        (split.X_train.shape[1], hidden, 1), ["tanh", "sigmoid"], seed=seed
    )
    history = train(
        net,
        split.X_train,
        split.y_train,
        loss="binary_cross_entropy",
        optimizer=GradientDescent(eta),
        epochs=epochs,
        regularizer=Regularizer("l2", lam) if lam > 0 else None,
        validation=(split.X_val, split.y_val),
    )
    per_sample = cross_entropy_per_sample(net, split.X_val, split.y_val)
    return Candidate(
        eta,
        history.train_loss[-1],
        history.val_loss[-1],
        float(per_sample.std(ddof=1) / np.sqrt(per_sample.size)),
        history.val_accuracy[-1],
        net,
        lam,
        history.diverged,
        history.val_loss[0],
        min(history.val_loss),
        int(np.argmin(history.val_loss)),
        len(history.val_loss) - 1,
    )


def _tested(split: Split, candidates: list[Candidate]) -> Tuning:
    """The candidate with the lowest final validation loss, tested once on the test set.

    Judged by where each run ended, never by a minimum it passed and left: a run that
    ended lower always wins over one that ended higher. :attr:`Tuning.message` says
    when the winner's loss had been lower before, or ended above the untrained one.

    A candidate whose training diverged is never the winner (nor one whose validation
    loss is not a finite number); if every candidate is such, there is no winner to
    test, and a ValueError says so.
    """
    settled = [c for c in candidates if not c.diverged and np.isfinite(c.val_loss)]
    if not settled:
        tried = ", ".join(
            f"eta={c.eta:g}" + (f" lam={c.lam:g}" if c.lam else "") for c in candidates
        )
        raise ValueError(
            f"every candidate's training diverged ({tried}), so none is best: "
            "try smaller learning rates"
        )
    best = min(settled, key=lambda c: c.val_loss)
    X_test = best.network.check_inputs(split.X_test)
    test_accuracy = accuracy(
        best.network.run_forward(X_test).output,
        best.network.check_targets(X_test, split.y_test),
    )
    return Tuning(
        candidates, best, test_accuracy, unscaled_inputs(split.X_train, settled)
    )


def unscaled_inputs(X: Array, candidates: Sequence[Candidate]) -> str:
    """The sentence for training inputs ``X`` no learning rate can suit, or ``""``.

    Said when most hidden outputs saturated in every rate tried: for every network of
    ``candidates``, at least :data:`~ffnn_edu.nn.training.SATURATED_MOST` (half) of
    its hidden outputs on ``X`` within
    :data:`~ffnn_edu.nn.training.SATURATED_WITHIN` of their limits, where hardly any
    gradient passes (:func:`~ffnn_edu.nn.training.saturated_share`); and
    the inputs are not scaled, a column's root mean square above
    :data:`SCALED_INPUTS` (else the saturation came from the training, not the
    inputs). A few large entries alone are no reason: the few samples that carry them
    saturate, the others train as before. Measured (review 22): two moons with three
    outliers of 150 saturated under 8 % and tested as well as the clean data (0.98 and
    0.97 for seeds 0 and 1; standardized, 0.88 and 0.85), while two moons times 40
    (largest 87) saturated 83 % to 98 % and tested at 0.83 and 0.93 (standardized,
    0.98 and 0.97).

    The sentence explains by the inputs' offset or size, as the training loop's own
    lines (:mod:`ffnn_edu.nn.training`) measure them: a column whose mean is more
    than :data:`~ffnn_edu.nn.training.OFFSET_INPUTS` times its standard deviation
    away from 0, or else the largest absolute entry. The initial weights are made
    for inputs of about 1 and about 0, so every candidate starts from the same
    swamped first layer, whatever its rate. It gives the least and the most saturated
    share over ``candidates``, and the remedy: scale the inputs first, then tune.
    :func:`tune_learning_rate` says it only where the same rates on standardized
    inputs measurably did better (:func:`standardized_better`), with that
    comparison: two moons of noise 0.6 times 10 saturated every rate, yet
    standardized ended within the luck of the validation rows and tested lower
    (review 24).

    Parameters
    ----------
    X : ndarray, shape (n_samples, n_inputs)
        The training inputs of the search (``split.X_train``).
    candidates : sequence of Candidate
        The runs to measure (those that did not diverge), networks with a bounded
        hidden activation; at least one.

    Returns
    -------
    str
        The sentence, or ``""`` when fewer than half the hidden outputs saturated in
        some rate tried, or the inputs are scaled.

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import two_moons
    >>> from ffnn_edu.nn.preprocessing import train_val_test_split
    >>> X, y = two_moons(200, seed=0)
    >>> split = train_val_test_split(1000 * X, y, fractions=(0.6, 0.2, 0.2), seed=0)
    >>> result = tune_learning_rate(split, (0.1, 1.0), epochs=20)
    >>> print(unscaled_inputs(split.X_train, result.candidates))
    The inputs are not scaled: the largest |value| in split.X_train is 2318, while
    the initial weights are made for inputs of about 1, so every rate tried trained
    saturated hidden units (99% of their outputs within 0.001 of their limits,
    where hardly any gradient passes); scale the inputs first, e.g.
    with a Standardizer (ffnn_edu.nn.preprocessing) or scikit-learn's
    StandardScaler, then tune again.
    """
    X = np.asarray(X, dtype=float)
    # no bounded hidden layer (None) counts as none saturated
    shares = [saturated_share(c.network, X) or 0.0 for c in candidates]
    size = float(np.abs(X).max(initial=0.0))
    mean, spread, rms = column_stats(X)
    if min(shares) < SATURATED_MOST or rms.max(initial=0.0) <= SCALED_INPUTS:
        return ""
    # offset_column squares X unscaled: entries of 1e200 overflow its spread to inf,
    # which counts as no offset, and the sentence names the largest entry instead
    with np.errstate(over="ignore", invalid="ignore"):
        j = offset_column(X)
    if j is not None:
        what = (
            f"column {j} of split.X_train has mean {mean[j]:.4g} against a standard "
            f"deviation of {spread[j]:.3g}, while the initial weights are made for "
            "inputs about 0"
        )
    else:
        what = (
            f"the largest |value| in split.X_train is {size:.4g}, while the initial "
            "weights are made for inputs of about 1"
        )
    # whole percents cut down, never up: 99.88 % is 99 %, so 100 % means every one
    least, most = (f"{int(100 * share)}%" for share in (min(shares), max(shares)))
    within = least if least == most else f"{least} to {most}"
    return (
        f"The inputs are not scaled: {what}, so every rate tried trained "
        f"saturated hidden units ({within} of their outputs within "
        f"{SATURATED_WITHIN:g} of their limits, where hardly any gradient passes); "
        f"{SCALE_ADVICE.format(name='the inputs')}, then tune again."
    )


def _checked_split(split: Split) -> None:
    """A Split with 0/1 labels and at least two validation rows."""
    if not isinstance(split, Split):
        raise TypeError(
            f"split must be a Split made by train_val_test_split(X, y, fractions), "
            f"but it is a {type(split).__name__}; split the data first"
        )
    if len(split.y_val) < 2:
        raise ValueError(
            f"split must have at least 2 validation rows (the standard error of "
            f"the validation loss needs two), but it has {len(split.y_val)}; give "
            f"train_val_test_split a larger validation fraction"
        )
    for part in ("train", "val", "test"):
        check_binary(
            as_array(getattr(split, f"y_{part}"), f"split.y_{part}"), f"split.y_{part}"
        )


def _log_range(value: object, name: str) -> tuple[float, float]:
    """A pair (low, high) of positive numbers with low < high."""
    if not isinstance(value, tuple) or len(value) != 2:
        raise TypeError(f"{name} must be a pair (low, high), but it is {value!r}")
    low, high = (check_number(v, name, low=0.0, low_inclusive=False) for v in value)
    if not low < high:
        raise ValueError(f"{name} must have low < high, but it is {value!r}")
    return low, high


def grid_search(
    split: Split,
    etas: Sequence[float],
    lams: Sequence[float],
    *,
    hidden: int = 20,
    epochs: int = 300,
    seed: int = 0,
) -> Tuning:
    r"""Try every pair of a learning rate in ``etas`` and an L2 rate in ``lams``.

    The networks are those of :func:`tune_learning_rate`, with an L2 penalty of rate
    :math:`\lambda` (0 for none); the winner has the lowest validation loss.

    Raises
    ------
    TypeError
        If ``split`` is not a Split, or ``etas`` or ``lams`` is not a sequence: a
        single number, or an iterator such as a generator, which has no length to
        count and would be used up by the first learning rate's runs.
    ValueError
        If ``etas`` or ``lams`` is empty, a rate is negative (a learning rate not
        positive), there are more than :data:`MAX_RUNS` pairs (counted before any rate
        is read), or the validation set has fewer than 2 rows; or if every
        candidate's training diverged (no winner: a diverged run is never best).

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import two_moons
    >>> from ffnn_edu.nn.preprocessing import train_val_test_split
    >>> split = train_val_test_split(*two_moons(100, seed=0), fractions=(0.6, 0.2, 0.2))
    >>> found = grid_search(split, (0.1, 1.0), (0.0, 0.01), epochs=10)
    >>> [(c.eta, c.lam) for c in found.candidates]
    [(0.1, 0.0), (0.1, 0.01), (1.0, 0.0), (1.0, 0.01)]
    """
    _checked_split(split)
    n_etas = _grid_size(etas, "etas", "learning rates such as (0.1, 1.0)")
    n_lams = _grid_size(lams, "lams", "L2 rates such as (0.0, 0.01)")
    check_work(  # counted before a pair is made: 1000 x 1000 took seconds to refuse
        n_etas * n_lams,
        MAX_RUNS,
        f"training runs, one per (eta, lam) pair (etas: {n_etas} x lams: {n_lams})",
        "MAX_RUNS",
    )
    # each read once, into a list: a second pass over an iterator finds it empty
    etas = _learning_rates(etas)
    lams = [check_number(lam, "every rate in lams", low=0.0) for lam in lams]
    pairs = [(eta, lam) for eta in etas for lam in lams]
    hidden, epochs = check_count(hidden, "hidden"), check_count(epochs, "epochs")
    _check_total(("etas x lams", len(pairs)), epochs, split, hidden)
    return _tested(
        split, [_candidate(split, e, lam, hidden, epochs, seed) for e, lam in pairs]
    )


def random_search(
    split: Split,
    eta_range: tuple[float, float],
    lam_range: tuple[float, float],
    trials: int,
    *,
    search_seed: int = 0,
    hidden: int = 20,
    epochs: int = 300,
    seed: int = 0,
) -> Tuning:
    r"""Try ``trials`` pairs drawn log-uniformly from ``eta_range`` and ``lam_range``.

    Each of :math:`\log\eta` and :math:`\log\lambda` is drawn uniformly between the
    logarithms of its range's ends (random number generator ``search_seed``), as
    Bergstra and Bengio (2012) recommend for rates; every trial tries a new learning
    rate, where a grid of the same size repeats each of its few learning rates. The
    networks are those of :func:`grid_search`.

    Raises
    ------
    TypeError
        If ``split`` is not a Split or a range is not a pair.
    ValueError
        If a range is not two positive numbers, low < high, ``trials`` exceeds
        :data:`MAX_RUNS`, or the validation set has fewer than 2 rows; or if every
        candidate's training diverged (no winner: a diverged run is never best).

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import two_moons
    >>> from ffnn_edu.nn.preprocessing import train_val_test_split
    >>> split = train_val_test_split(*two_moons(100, seed=0), fractions=(0.6, 0.2, 0.2))
    >>> found = random_search(split, (0.01, 10.0), (1e-4, 1.0), 3, epochs=10)
    >>> all(0.01 <= c.eta <= 10.0 and 1e-4 <= c.lam <= 1.0 for c in found.candidates)
    True
    """
    _checked_split(split)
    etas, lams = _log_range(eta_range, "eta_range"), _log_range(lam_range, "lam_range")
    trials = check_count(trials, "trials")
    check_work(trials, MAX_RUNS, "training runs, one per trial (trials)", "MAX_RUNS")
    hidden, epochs = check_count(hidden, "hidden"), check_count(epochs, "epochs")
    _check_total(("trials", trials), epochs, split, hidden)
    rng = np.random.default_rng(check_seed(search_seed))
    log_eta = rng.uniform(*np.log(etas), size=trials)
    log_lam = rng.uniform(*np.log(lams), size=trials)
    return _tested(
        split,
        [
            _candidate(
                split, float(np.exp(e)), float(np.exp(lam)), hidden, epochs, seed
            )
            for e, lam in zip(log_eta, log_lam)
        ],
    )
