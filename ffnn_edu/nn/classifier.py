r"""A ready-to-use classifier in the scikit-learn style.

:class:`NetworkClassifier` bundles a :class:`~ffnn_edu.nn.network.FeedForwardNetwork`,
an optimizer and :func:`~ffnn_edu.nn.training.train` behind ``fit`` / ``predict``,
following scikit-learn's conventions without depending on it:
hyper-parameters go to ``__init__`` (and :meth:`~NetworkClassifier.get_params`
/ :meth:`~NetworkClassifier.set_params`), what is learned gets a trailing
underscore (``classes_``, ``n_features_in_``, ``network_``, ``history_``),
``fit`` returns the classifier, and predicting before ``fit`` raises
:class:`~ffnn_edu.nn.validation.NotFittedError`. A misspelt hyper-parameter, in
``NetworkClassifier(etaa=0.1)`` or in ``set_params``, raises
:class:`~ffnn_edu.nn.validation.UnknownNameError` (scikit-learn's ``ValueError`` and
Python's ``TypeError``), which names the one meant.

It also works *inside* scikit-learn, when that is installed: in a ``Pipeline``
(after a ``StandardScaler``), in ``cross_val_score`` and in ``GridSearchCV``
(over ``eta`` and ``lam``, say); it passes scikit-learn's
``check_estimator``. For that it gives scikit-learn its tags
(``NetworkClassifier.__sklearn_tags__``), refuses a continuous target
("Unknown label type: continuous"), reads labels given as a column ``(n, 1)``
with a :class:`~ffnn_edu.nn.validation.DataConversionWarning`, counts a label
not seen in ``fit`` as wrong in :meth:`~NetworkClassifier.score`, and words
its errors as scikit-learn's checks expect; a :class:`NotFittedError` is also
scikit-learn's own once scikit-learn is loaded. A ``fit`` whose training diverged
(or ended far above its start, or learned nothing from inputs far too small) warns with
a :class:`ConvergenceWarning` (scikit-learn's too, once it is loaded), as
scikit-learn's own estimators warn of a fit that did not converge, so that the caller
of a ``Pipeline`` or a ``GridSearchCV`` hears of it.

Class labels may be of any kind (``"yes"``/``"no"``, ``3``/``7``, ...);
``classes_`` holds them sorted, and column :math:`k` of
:meth:`~NetworkClassifier.predict_proba` is the probability of ``classes_[k]``.

Output layer and loss
---------------------
With the default ``loss="cross_entropy"``:

* **two classes**: one sigmoid output, the probability of ``classes_[1]``,
  trained with binary cross-entropy;
* **K > 2 classes**: K softmax outputs, one probability per class, trained
  with categorical cross-entropy on one-hot targets.

Both pairings let the network compute :math:`\delta^{(L)} = y - t` from the
logits, so a confidently wrong output still gets a full-size gradient.
``loss="mse"`` or ``"half_sse"`` (the chapters' squared errors) use sigmoid
outputs instead: one for two classes, one per class (on one-hot targets) for
more; :meth:`~NetworkClassifier.predict_proba` then divides each row by its
sum (computed from the logits, so a row still sums to 1 where every sigmoid
rounds to 0).
"""

from __future__ import annotations

import copy
import functools
import numbers
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from .activations import get_activation, softmax
from .losses import get_loss, other_name
from .network import (
    MAX_LAYER_SIZE,
    MAX_LAYERS,
    MAX_PARAMETERS,
    FeedForwardNetwork,
    ForwardPass,
    check_activations,
)
from .optimizers import AdaGrad, Adam, GradientDescent, Momentum, Nesterov, RMSProp
from .preprocessing import features, one_hot
from .regularization import OTHER_NAMES as OTHER_PENALTY_NAMES
from .regularization import Regularizer
from .training import (
    MAX_EPOCHS,
    SCALE_ADVICE,
    History,
    check_forward_fits,
    check_run_size,
    check_updates,
    evaluate,
    train,
)
from .validation import (
    Array,
    DataConversionWarning,
    HyperParameters,
    InputTypeError,
    NotFittedError,
    as_array,
    as_labels,
    check_count,
    check_fitted,
    check_number,
    check_rows_match,
    check_seed,
    check_sizes,
    check_work,
    checked,
    counted,
    dropout_rate,
    rows_match,
    scikit_learn_twin,
    suggest_name,
    validation_pair,
    warn_caller,
)

__all__ = [
    "ConvergenceWarning",
    "InputTypeError",
    "NetworkClassifier",
    "NotFittedError",
    "check_hyperparameters",
    "check_layers",
    "check_loss_name",
    "convergence_trouble",
    "hidden_sizes",
    "network_sizes",
    "trained_loss",
]

_LOSSES = (
    "cross_entropy",
    "binary_cross_entropy",
    "categorical_cross_entropy",
    "mse",
    "half_sse",
)
_CROSS_ENTROPIES = (
    "cross_entropy",
    "binary_cross_entropy",
    "categorical_cross_entropy",
)


def check_loss_name(loss: Any) -> str:
    """``loss`` after checking it is one of the names ``NetworkClassifier`` takes.

    In the classifier's words, for everything that builds one (the slider explorer,
    the live figure).

    Examples
    --------
    >>> check_loss_name("hinge")
    Traceback (most recent call last):
    ...
    ValueError: loss must be one of cross_entropy, binary_cross_entropy,
    categorical_cross_entropy, mse, half_sse, but it is 'hinge'

    A name another library gives a loss is refused too, with the name meant (the
    package keeps one vocabulary; :data:`~ffnn_edu.nn.losses.OTHER_NAMES`):

    >>> check_loss_name("log_loss")
    Traceback (most recent call last):
    ...
    ValueError: loss must be one of cross_entropy, binary_cross_entropy,
    categorical_cross_entropy, mse, half_sse, but it is 'log_loss'; 'log_loss' is
    scikit-learn's name for the cross-entropy: here 'cross_entropy'
    """
    if not isinstance(loss, str) or loss not in _LOSSES:
        raise ValueError(
            f"loss must be one of {', '.join(_LOSSES)}, but it is {loss!r}"
            f"{other_name(loss, _LOSSES)}"
        )
    return loss


def trained_loss(loss: str, n_classes: int) -> str:
    """The loss a classifier of ``n_classes`` classes trains with, named by ``loss``.

    The cross-entropies, whichever name, are the binary one for two classes (one
    sigmoid output) and the categorical one for more (a softmax output).

    Examples
    --------
    >>> trained_loss("categorical_cross_entropy", 2), trained_loss("cross_entropy", 3)
    ('binary_cross_entropy', 'categorical_cross_entropy')
    """
    if check_loss_name(loss) not in _CROSS_ENTROPIES:
        return loss
    return "binary_cross_entropy" if n_classes == 2 else "categorical_cross_entropy"


#: The optimizers ``NetworkClassifier(optimizer=...)`` offers, by name.
OPTIMIZERS = ("gradient_descent", "nesterov", "adagrad", "rmsprop", "adam")
#: Names other libraries give the optimizers of :data:`OPTIMIZERS`, each with what it
#: names and the package's name: refused (one vocabulary), with the name meant.
OTHER_OPTIMIZER_NAMES: dict[str, tuple[str, str]] = {
    "sgd": (
        "(stochastic) gradient descent, as scikit-learn and Keras call it",
        "gradient_descent",
    ),
    "momentum": ("gradient descent with momentum (set mu)", "gradient_descent"),
    "nag": ("Nesterov's accelerated gradient", "nesterov"),
}
_FITTED = (
    "classes_",
    "n_classes_",
    "n_features_in_",
    "network_",
    "history_",
    "output_loss_",
)


class ConvergenceWarning(UserWarning):
    """Warns that :meth:`NetworkClassifier.fit` ended on a training run that went wrong.

    Given when training diverged: the text is the verdict of ``history_.message``
    (in which epoch and why the run blew up, and which epoch's weights the network
    was given back), after the classifier's settings, so a warning from inside a
    ``GridSearchCV`` says which grid point it came from. The fitted classifier is still
    usable, on those restored weights; ``history_.diverged`` is True.

    scikit-learn's estimators warn with ``sklearn.exceptions.ConvergenceWarning`` when
    their training does not converge, and code written for them filters that class
    (``warnings.filterwarnings("ignore", category=ConvergenceWarning)``). The package
    does not depend on scikit-learn, so this class is its own; but once the caller has
    loaded scikit-learn (``sklearn.exceptions`` imported, as it is by anyone who names
    its warning), the warning given is an instance of both classes
    (:func:`~ffnn_edu.nn.validation.scikit_learn_twin`), so a filter or a
    ``pytest.warns`` on either catches it. Without scikit-learn, filter this class.

    Examples
    --------
    >>> import warnings
    >>> from ffnn_edu.nn.datasets import two_moons
    >>> X, y = two_moons(20, seed=0)
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     clf = NetworkClassifier(4, eta=1000.0, epochs=20).fit(X, y)
    >>> [w.category.__name__ for w in caught], clf.history_.diverged
    (['ConvergenceWarning'], True)
    >>> str(caught[0].message) == f"{clf!r}: {clf.history_.message}"
    True
    """


def convergence_trouble(history: History) -> str | None:
    """What :meth:`NetworkClassifier.fit` warns of after training, or None if nothing.

    A diverged run: its verdict, which says what was done (the weights of an earlier
    epoch given back); a run whose loss ended far above where it started
    (``history.ended_high``), or one that learned nothing from ``X`` (ended no lower
    than the best constant output, ``history.learned_nothing``; inputs far too small,
    ``history.small_inputs``, are one of its causes), unless it was only cut short
    while its loss fell (``history.still_falling``, too few ``epochs``; its
    message says so, unwarned, as a short fit of a lesson is): the message that says
    so; a run that learned and lost it (``history.unstable``: its loss had been well
    below that constant's and ended no lower, or far above its lowest); a run whose
    loss ended no lower than that constant's although it classifies clearly better
    than the largest class (``history.classifies``: its loss is no better, measured;
    review 24, F1). Not a
    poor fit below that constant on large targets (``history.large_targets``) or
    inputs (``history.large_inputs``): its message is a note of measured facts with
    a conditional remedy, as the best fit the data allow is not known (review 23,
    F1, F2). The
    one place that decides what a fit warns of; every fit warns of it with
    :class:`ConvergenceWarning`.
    """
    nothing = history.learned_nothing and not history.still_falling
    trouble = history.diverged or history.ended_high or nothing or history.unstable
    trouble = trouble or history.classifies  # its loss is no better (review 24, F1)
    return history.message if trouble else None


def _warns_of_trouble(
    fit: Callable[..., NetworkClassifier],
) -> Callable[..., NetworkClassifier]:
    """Make a fit whose training went wrong warn (:func:`convergence_trouble`).

    The outermost wrapper of ``fit``, so that the warning points at the caller's line.
    ``__wrapped__`` stays the body, so :func:`~ffnn_edu.nn.validation.unchecked` still
    reaches it.
    """

    @functools.wraps(fit)
    def wrapper(
        self: NetworkClassifier, *args: Any, **kwargs: Any
    ) -> NetworkClassifier:
        fitted = fit(self, *args, **kwargs)
        trouble = convergence_trouble(fitted.history_)
        if trouble is not None:
            warning = scikit_learn_twin(ConvergenceWarning, "ConvergenceWarning")
            warn_caller(warning(f"{fitted!r}: {trouble}"))
        return fitted

    wrapper.__wrapped__ = getattr(fit, "__wrapped__", fit)
    return wrapper


def given_labels(value: Any, name: str) -> np.ndarray:
    """Checker: class labels, one per sample; a column ``(n, 1)`` is read as its labels.

    A column of labels is accepted with a
    :class:`~ffnn_edu.nn.validation.DataConversionWarning`, in scikit-learn's words; for
    the rest see :func:`~ffnn_edu.nn.validation.as_labels`.

    Raises
    ------
    TypeError
        For None (as an :class:`InputTypeError`, also a ``ValueError``), or what
        :func:`~ffnn_edu.nn.validation.as_labels` refuses.
    ValueError
        For a shape other than ``(n,)`` or ``(n, 1)``, no labels, NaN or infinity.

    Examples
    --------
    >>> given_labels(["no", "yes"], "y")
    array(['no', 'yes'], dtype='<U3')
    >>> given_labels(None, "y")
    Traceback (most recent call last):
    ...
    ffnn_edu.nn.validation.InputTypeError: the classifier requires y to be passed, but
    the target y is None
    """
    if value is None:
        raise InputTypeError(
            f"the classifier requires {name} to be passed, "
            f"but the target {name} is None"
        )
    # e.g. a pandas Series
    if hasattr(value, "__array__") and not isinstance(value, np.ndarray):
        value = np.asarray(value)
    if _is_column(value):
        warn_caller(
            scikit_learn_twin(DataConversionWarning, "DataConversionWarning")(
                f"A column-vector {name} was passed when a 1d array was "
                f"expected. Please change the shape of {name} to "
                "(n_samples, ), for example using ravel()."
            )
        )
        value = (
            value[:, 0] if isinstance(value, np.ndarray) else [row[0] for row in value]
        )
    return as_labels(value, name)


_KINDS = {"U": "strings", "S": "bytes"}


def _same_kind(y: np.ndarray, classes: np.ndarray, name: str) -> None:
    """Refuse labels of another kind than the classes (text against numbers).

    ``"1"`` is never equal to ``1``: a score of such labels would be 0 whatever the
    predictions, so it is refused, as scikit-learn refuses it (booleans count as
    numbers, as there), with a ``ValueError``: the argument is of the right type (an
    array of labels), its values are not labels of this classifier.

    Examples
    --------
    >>> _same_kind(np.array(["0", "1"]), np.array([0, 1]), "y")
    Traceback (most recent call last):
    ...
    ValueError: y must hold labels of the kind seen in fit (numbers, such as 0), but it
    holds strings, such as '0'
    """
    kind, seen = (_KINDS.get(a.dtype.kind, "numbers") for a in (y, classes))
    if kind != seen:
        raise ValueError(
            f"{name} must hold labels of the kind seen in fit ({seen}, such as "
            f"{classes[0].item()!r}), but it holds {kind}, such as {y[0].item()!r}"
        )


def labelled_pair(value: Any, name: str) -> Any:
    """Checker for ``fit``: None, or a pair ``(X_val, y_val)`` of inputs and labels.

    :func:`~ffnn_edu.nn.validation.validation_pair` in the classifier's words (labels
    ``y``, not targets ``T``).

    Examples
    --------
    >>> labelled_pair(np.zeros((4, 2)), "validation_data")
    Traceback (most recent call last):
    ...
    TypeError: validation_data must be a pair (X_val, y_val) of validation inputs and
    labels, or None, but it is of type ndarray
    """
    return validation_pair(
        value, name, pair="(X_val, y_val)", holds="validation inputs and labels"
    )


def _is_column(value: Any) -> bool:
    """Whether ``value`` is a column: shape ``(n, 1)``, or a list of 1-item rows."""
    if isinstance(value, np.ndarray):
        return value.ndim == 2 and value.shape[1] == 1
    return (
        isinstance(value, (list, tuple))
        and len(value) > 0
        and all(
            isinstance(row, (list, tuple, np.ndarray)) and len(row) == 1
            for row in value
        )
    )


def class_labels(value: Any, name: str) -> np.ndarray:
    """Checker for ``fit``: :func:`given_labels` that are classes, not continuous.

    Labels are refused as continuous (in scikit-learn's words) when they are floats and
    not all whole numbers: ``[0.0, 1.0]`` are two classes, ``[0.37, 1.2, ...]`` a
    regression target.

    Examples
    --------
    >>> class_labels([0.0, 1.0, 1.0], "y")
    array([0., 1., 1.])
    >>> class_labels([0.5, 1.25, 3.0], "y")
    Traceback (most recent call last):
    ...
    ValueError: Unknown label type: continuous. y must hold class labels, but it holds
    numbers that are not whole, such as 0.5. Maybe you are trying to fit a classifier,
    which expects discrete classes on a regression target with continuous values.
    """
    y = given_labels(value, name)
    if y.dtype.kind == "f" and (y != np.round(y)).any():
        raise ValueError(
            f"Unknown label type: continuous. {name} must hold class labels, "
            "but it holds numbers that are not whole, such as "
            f"{y[y != np.round(y)][0].item()!r}. Maybe you are trying to fit "
            "a classifier, which expects discrete classes on a regression "
            "target with continuous values."
        )
    return y


def _two_classes(arguments: dict[str, Any]) -> None:
    """Relation for ``fit``: the labels ``y`` hold at least two classes."""
    classes = np.unique(arguments["y"])
    if len(classes) < 2:
        raise ValueError(
            "y must contain at least two classes, but it contains only "
            f"{classes[0].item()!r} (one class, in "
            f"{counted(len(arguments['y']), 'sample')})"
        )


def _size_fits(arguments: dict[str, Any]) -> None:
    """Relation for ``fit``: the network and the run are within the library's limits.

    Checked before the network is built, in the names of ``fit``'s and the
    classifier's arguments: the network's own refusals name its ``layer_sizes``, which
    the caller never gave. The layers (:func:`check_layers`), then samples times
    neurons, and samples times weights times epochs, by
    :func:`~ffnn_edu.nn.training.check_run_size`.
    """
    clf, X, validation = arguments["self"], arguments["X"], arguments["validation_data"]
    k = len(np.unique(arguments["y"]))
    hidden = clf._hidden_sizes()
    sizes = (X.shape[1], *hidden, 1 if k == 2 else k)
    epochs = check_count(clf.epochs, "epochs")
    check_work(epochs, MAX_EPOCHS, "epochs (epochs)", "MAX_EPOCHS")  # as train would
    check_layers(sizes, k)
    check_run_size(
        sizes,
        len(X),
        epochs,
        validation=0 if validation is None else len(validation[0]),
        names=("X", "hidden_layer_sizes", "epochs", "validation_data"),
        outputs="one per class in y" if k > 2 else "for the two classes in y",
    )
    batch_size = clf.batch_size
    check_updates(
        epochs,
        len(X),
        None if batch_size is None else check_count(batch_size, "batch_size"),
    )


def _shown(sizes: tuple[int, ...]) -> str:
    """Layer sizes for a message: the tuple, or how many there are if they are many."""
    return str(sizes) if len(sizes) <= 8 else f"(with {len(sizes)} entries)"


def check_layers(sizes: tuple[int, ...], k: int) -> None:
    """Refuse the network of ``sizes`` (for ``k`` classes) beyond the network's limits.

    :data:`~ffnn_edu.nn.network.MAX_LAYER_SIZE`, :data:`~ffnn_edu.nn.network.MAX_LAYERS`
    and :data:`~ffnn_edu.nn.network.MAX_PARAMETERS`, each named with its value and with
    the argument that sets the count: ``y`` (one output neuron per class, one for two),
    ``X`` (one input neuron per feature) or ``hidden_layer_sizes``. ``fit`` calls it,
    and so do the figures that build a classifier's network before any fit (the
    slider and live figures of ``ffnn_edu.show``), after counting
    ``hidden_layer_sizes`` against ``MAX_LAYERS`` (:func:`hidden_sizes`).

    Examples
    --------
    >>> check_layers((2, 30, 200_000), 200_000)
    Traceback (most recent call last):
    ...
    ValueError: y has 200000 distinct labels (classes): the network would need 200000
    output neurons, one per class, more than MAX_LAYER_SIZE = 100000
    """
    features, *hidden = sizes[:-1]
    if sizes[-1] > MAX_LAYER_SIZE:
        raise ValueError(
            f"y has {k} distinct labels (classes): the network would need {k} output "
            f"neurons, one per class, more than MAX_LAYER_SIZE = {MAX_LAYER_SIZE}"
        )
    if features > MAX_LAYER_SIZE:
        raise ValueError(
            f"X has {features} features (columns): the network would need {features} "
            f"input neurons, one per feature, more than MAX_LAYER_SIZE = "
            f"{MAX_LAYER_SIZE}"
        )
    wide = [n for n in hidden if n > MAX_LAYER_SIZE]
    if wide:
        raise ValueError(
            f"hidden_layer_sizes {_shown(tuple(hidden))} asks for a hidden layer of "
            f"{wide[0]} neurons, more than MAX_LAYER_SIZE = {MAX_LAYER_SIZE}"
        )
    if len(sizes) > MAX_LAYERS:
        raise ValueError(
            f"hidden_layer_sizes has {len(hidden)} entries (hidden layers): with the "
            f"input and the output layer the network would have {len(sizes)} layers, "
            f"more than MAX_LAYERS = {MAX_LAYERS}"
        )
    check_work(
        sum((n_in + 1) * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:])),
        MAX_PARAMETERS,
        f"weights and biases (X: {counted(features, 'feature')}, hidden_layer_sizes "
        f"{_shown(tuple(hidden))}, y: {k} classes, so layers {_shown(sizes)})",
        "MAX_PARAMETERS",
    )


def _settings_fit(arguments: dict[str, Any]) -> None:
    """Relation for ``fit``: the hyper-parameters are valid (checked before building).

    The rates keep their symbols' names: ``eta`` > 0, ``0 <= mu < 1``, ``lam >= 0`` with
    ``penalty`` "l1" or "l2"; ``optimizer`` is one of :data:`OPTIMIZERS`, ``mu`` is
    0 unless the optimizer uses momentum.
    """
    clf = arguments["self"]
    check_number(clf.eta, "eta", low=0.0, low_inclusive=False)
    check_number(clf.mu, "mu", low=0.0, high=1.0, high_inclusive=False)
    if not isinstance(clf.optimizer, str) or clf.optimizer not in OPTIMIZERS:
        raise ValueError(
            f"optimizer must be one of {', '.join(OPTIMIZERS)}, but it is "
            f"{clf.optimizer!r}"
            f"{suggest_name(clf.optimizer, OPTIMIZERS, OTHER_OPTIMIZER_NAMES)}"
        )
    if clf.mu > 0 and clf.optimizer not in ("gradient_descent", "nesterov"):
        raise ValueError(
            f"mu must be 0 with optimizer={clf.optimizer!r}, which has no momentum "
            f"rate, but it is {clf.mu!r}; set mu=0 (or use gradient_descent or "
            f"nesterov for momentum)"
        )
    check_number(clf.lam, "lam", low=0.0)
    if not isinstance(clf.penalty, str) or clf.penalty not in ("l1", "l2"):
        raise ValueError(
            f"penalty must be 'l1' or 'l2', but it is {clf.penalty!r}"
            f"{suggest_name(clf.penalty, ('l1', 'l2'), OTHER_PENALTY_NAMES)}"
        )


def check_hyperparameters(clf: NetworkClassifier) -> None:
    """Refuse ``clf``'s hyper-parameters as ``fit`` would, before any data is seen.

    Every check of ``fit`` that needs no data: each setting alone (the names of
    ``loss``, ``activation``, ``optimizer`` and ``penalty``, the ranges of ``eta``,
    ``mu``, ``lam`` and ``dropout``, ``hidden_layer_sizes``, ``epochs``,
    ``batch_size``, ``patience`` and ``seed``) and the settings together (``mu`` only
    with an optimizer that has momentum, ``dropout`` only with hidden layers), in
    ``fit``'s words. ``fit`` runs it first; the slider and live figures of
    ``ffnn_edu.show`` run it on the classifiers of their settings when they are built,
    so that a setting ``fit`` refuses is refused before the first frame.

    Examples
    --------
    >>> check_hyperparameters(NetworkClassifier(mu=0.9, optimizer="adam"))
    Traceback (most recent call last):
    ...
    ValueError: mu must be 0 with optimizer='adam', which has no momentum rate, but it
    is 0.9; set mu=0 (or use gradient_descent or nesterov for momentum)
    """
    arguments = {"self": clf}
    check_loss_name(clf.loss)
    get_activation(clf.activation)
    _settings_fit(arguments)
    _dropout_fits(arguments)
    check_work(
        check_count(clf.epochs, "epochs"), MAX_EPOCHS, "epochs (epochs)", "MAX_EPOCHS"
    )
    for name in ("batch_size", "patience"):
        if getattr(clf, name) is not None:
            check_count(getattr(clf, name), name)
    check_seed(clf.seed, "seed")


def _hyperparameters_fit(arguments: dict[str, Any]) -> None:
    """Relation for ``fit``: the hyper-parameters, by :func:`check_hyperparameters`."""
    check_hyperparameters(arguments["self"])


def _dropout_fits(arguments: dict[str, Any]) -> None:
    """Relation for ``fit``: ``dropout`` is a rate, and 0 without hidden layers.

    In the classifier's words: train's refusal names the network's layer sizes, which
    the caller never gave.
    """
    clf = arguments["self"]
    rate = dropout_rate(clf.dropout, "dropout")
    if rate > 0 and not clf._hidden_sizes():
        raise ValueError(
            f"dropout must be 0 with hidden_layer_sizes={clf.hidden_layer_sizes!r} "
            f"(it drops hidden units, and the network would have none), but it is "
            f"{rate:g}"
        )


def _inputs_fit_the_network(arguments: dict[str, Any]) -> None:
    """Relation for ``fit``: the untrained network's forward pass and loss are numbers.

    On ``X``, and on the inputs of ``validation_data``.
    :func:`~ffnn_edu.nn.training.train` refuses data on which the forward pass or the
    loss overflows before training, naming its own ``X`` and ``T``; the targets ``T``
    that ``fit`` makes of ``y`` are 0s and 1s, so here the refusal names ``X`` (or
    ``validation X``), the caller's inputs. The same network as
    :meth:`~NetworkClassifier.train_network` builds (same seed) is built on a copy of
    the classifier, which stays as it was. ``predict`` refuses inputs whose forward
    pass overflows; ``fit`` refuses them too, rather than train on infinities that a
    saturating activation hides.

    Examples
    --------
    >>> X = [[1.7e308, 1.7e308], [-1.7e308, -1.7e308]]
    >>> NetworkClassifier(4, activation="tanh").fit(X, [0, 1])
    Traceback (most recent call last):
    ...
    ValueError: X must be of a size the untrained network can handle, but its forward
    pass on X overflows (the largest |value| in X is 1.7e+308); scale X first, e.g.
    with a Standardizer (ffnn_edu.nn.preprocessing) or scikit-learn's StandardScaler
    """
    X, y, probe = arguments["X"], arguments["y"], copy.copy(arguments["self"])
    probe.classes_ = np.unique(y)
    probe.n_classes_, probe.n_features_in_ = len(probe.classes_), X.shape[1]
    network = FeedForwardNetwork(
        probe.layer_sizes(), probe.layer_activations(), seed=probe.seed
    )
    data = [("X", X, y)]
    if arguments["validation_data"] is not None:
        X_val, y_val = probe._check_data(
            *arguments["validation_data"], prefix="validation ", fitted=False
        )
        data.append(("validation X", X_val, y_val))
    for name, inputs, labels in data:
        check_forward_fits(network, inputs, name)
        with np.errstate(over="ignore", invalid="ignore"):
            loss, _ = evaluate(
                network,
                get_loss(probe.output_loss()),
                inputs,
                probe._targets(labels, name.replace("X", "y")),
            )
        if not np.isfinite(loss):
            raise ValueError(
                f"{name} must be of a size the untrained network can handle, but its "
                f"loss on {name} overflows (the largest |value| in {name} is "
                f"{np.abs(inputs).max():.3g}); {SCALE_ADVICE.format(name=name)}"
            )


def _patience_fits(arguments: dict[str, Any]) -> None:
    """Relation for ``fit``: ``patience`` comes with ``validation_data``.

    In the classifier's words: train's refusal names its own validation=(X_val, T_val).
    """
    clf = arguments["self"]
    if clf.patience is not None and arguments["validation_data"] is None:
        raise ValueError(
            f"patience={clf.patience!r} (early stopping) needs "
            "fit(X, y, validation_data=(X_val, y_val)), the data whose loss it "
            "watches, but validation_data is None"
        )


def _all_or_nothing(
    fit: Callable[..., NetworkClassifier],
) -> Callable[..., NetworkClassifier]:
    """Make a failed ``fit`` leave the fitted attributes unchanged (scikit-learn's way).

    A fit that raises, in its checks, in training or in a callback, must not leave a
    half-fitted classifier (new ``classes_``, an untrained ``network_``) that predicts.
    """

    @functools.wraps(fit)
    def wrapper(
        self: NetworkClassifier, *args: Any, **kwargs: Any
    ) -> NetworkClassifier:
        before = {
            name: self.__dict__[name] for name in _FITTED if name in self.__dict__
        }
        try:
            return fit(self, *args, **kwargs)
        except BaseException:
            for name in _FITTED:
                self.__dict__.pop(name, None)
            self.__dict__.update(before)
            raise

    return wrapper


def _unweighted(
    fit: Callable[..., NetworkClassifier],
) -> Callable[..., NetworkClassifier]:
    """Make ``fit(..., sample_weight=...)`` say that weighted training is not offered.

    ``fit``'s signature stays without ``sample_weight``, so scikit-learn (which reads
    the signature) knows that the classifier does not train on weights and sends
    none; a caller who passes them is told what to do instead. ``__wrapped__`` stays
    the body, so :func:`~ffnn_edu.nn.validation.unchecked` still reaches it.
    """

    @functools.wraps(fit)
    def wrapper(
        self: NetworkClassifier, *args: Any, **kwargs: Any
    ) -> NetworkClassifier:
        if "sample_weight" in kwargs:
            raise TypeError(
                "fit() takes no sample_weight: NetworkClassifier does not offer "
                "weighted training (every sample counts alike in its loss). To count "
                "a sample k times, repeat its row k times in X and y (np.repeat); "
                "score(X, y, sample_weight=...) does take weights"
            )
        return fit(self, *args, **kwargs)

    wrapper.__wrapped__ = getattr(fit, "__wrapped__", fit)
    return wrapper


class NetworkClassifier(HyperParameters):
    r"""A feed-forward network classifier trained by backpropagation.

    Training is unweighted: ``fit`` takes no ``sample_weight`` (it says so, and how to
    count a sample k times: repeat its row k times), so scikit-learn, which reads
    ``fit``'s signature, passes it none, in a ``Pipeline``, ``cross_val_score`` or
    ``GridSearchCV``. :meth:`score` takes ``sample_weight`` for a weighted accuracy.

    Parameters
    ----------
    hidden_layer_sizes : sequence of int, or int
        Neurons in each hidden layer, e.g. ``(30,)`` (a single ``30`` means the same).
    activation : str
        Activation of the hidden layers (the output layer is fixed by the
        loss and the number of classes; see the module description).
    loss : str
        ``"cross_entropy"`` (default: binary for two classes, categorical for
        more), ``"binary_cross_entropy"`` or ``"categorical_cross_entropy"``
        (both mean the same default choice), ``"mse"`` or ``"half_sse"``.
    eta : float
        Learning rate :math:`\eta`.
    mu : float
        Momentum rate :math:`\mu` (0 for plain gradient descent), for
        ``optimizer="gradient_descent"`` (classical momentum when > 0) or
        ``"nesterov"``; the other optimizers need ``mu=0``.
    optimizer : str
        How a gradient becomes a step (see :mod:`~ffnn_edu.nn.optimizers`):
        ``"gradient_descent"`` (:class:`~ffnn_edu.nn.optimizers.GradientDescent`,
        or :class:`~ffnn_edu.nn.optimizers.Momentum` when ``mu > 0``),
        ``"nesterov"`` (:class:`~ffnn_edu.nn.optimizers.Nesterov` with ``mu``), or a
        rate per weight with its papers' defaults: ``"adagrad"``, ``"rmsprop"``,
        ``"adam"``, each with the learning rate ``eta``.
    penalty : {"l2", "l1"}
        Which weight penalty ``lam`` sets (see
        :class:`~ffnn_edu.nn.regularization.Regularizer`).
    lam : float
        Regularization rate :math:`\lambda` (0 for no penalty).
    dropout : float
        Dropout rate for the hidden units.
    epochs : int
        Maximum number of epochs.
    batch_size : int or None
        Minibatch size; None for full batch. One larger than the training set is
        clipped to it, with a ``UserWarning`` (as scikit-learn's ``MLPClassifier``).
    patience : int, optional
        Early stopping patience (needs ``validation_data`` in ``fit``).
    seed : int
        Seed for the initial weights, shuffling and dropout.

    Attributes
    ----------
    classes_ : ndarray
        The class labels seen in ``fit``, sorted.
    n_classes_ : int
    n_features_in_ : int
    network_ : FeedForwardNetwork
    history_ : History
    output_loss_ : str
        The loss the network was trained with (:meth:`output_loss` at fit):
        "binary_cross_entropy", "categorical_cross_entropy", "mse" or "half_sse".
        :meth:`predict_proba` reads it, so that a ``loss`` set after fit changes
        nothing until the next fit (scikit-learn's convention).

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import two_moons
    >>> X, y = two_moons(200, noise=0.1, seed=0)
    >>> labels = np.where(y == 1, "yes", "no")
    >>> clf = NetworkClassifier((10,), activation="tanh", eta=0.5, epochs=200,
    ...                         batch_size=10).fit(X, labels)
    >>> clf.classes_
    array(['no', 'yes'], dtype='<U3')
    >>> P = clf.predict_proba(X[:2])
    >>> P.shape, P.sum(axis=1)
    ((2, 2), array([1., 1.]))
    >>> clf.predict(X[:2]), labels[:2], clf.score(X, labels) > 0.95
    (array(['no', 'yes'], dtype='<U3'), array(['no', 'yes'], dtype='<U3'), True)
    """

    def __init__(
        self,
        hidden_layer_sizes: Sequence[int] = (30,),
        activation: str = "sigmoid",
        loss: str = "cross_entropy",
        eta: float = 0.5,
        mu: float = 0.0,
        optimizer: str = "gradient_descent",
        penalty: str = "l2",
        lam: float = 0.0,
        dropout: float = 0.0,
        epochs: int = 150,
        batch_size: int | None = 2,
        patience: int | None = None,
        seed: int = 0,
    ) -> None:
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.loss = loss
        self.eta = eta
        self.mu = mu
        self.optimizer = optimizer
        self.penalty = penalty
        self.lam = lam
        self.dropout = dropout
        self.epochs = epochs
        self.batch_size = batch_size
        self.patience = patience
        self.seed = seed

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The hyper-parameters, by name (``deep`` is accepted for scikit-learn's sake).

        Examples
        --------
        >>> NetworkClassifier(eta=0.1).get_params()["eta"]
        0.1
        """
        return super().get_params(deep)

    def set_params(self, **params: Any) -> NetworkClassifier:
        """Set hyper-parameters by name; returns ``self``.

        Raises
        ------
        ~ffnn_edu.nn.validation.UnknownNameError
            For a name that is not a hyper-parameter (a ``ValueError``, as in
            scikit-learn, and a ``TypeError``); the message names it, every
            hyper-parameter and the one meant. The constructor refuses a misspelt
            keyword with the same error.

        Examples
        --------
        >>> NetworkClassifier().set_params(eta=0.2, epochs=10).eta
        0.2
        >>> NetworkClassifier().set_params(learning_rate=0.2)
        Traceback (most recent call last):
        ...
        ffnn_edu.nn.validation.UnknownNameError: NetworkClassifier.set_params() got an
        unknown parameter 'learning_rate'; the parameters are hidden_layer_sizes,
        activation, loss, eta, mu, optimizer, penalty, lam, dropout, epochs, batch_size,
        patience and seed; 'learning_rate' is the learning rate of scikit-learn and
        Keras: here 'eta'
        >>> NetworkClassifier(etaa=0.1)
        Traceback (most recent call last):
        ...
        ffnn_edu.nn.validation.UnknownNameError: NetworkClassifier() got an unknown
        keyword argument 'etaa'; the keyword arguments are hidden_layer_sizes,
        activation, loss, eta, mu, optimizer, penalty, lam, dropout, epochs, batch_size,
        patience and seed; did you mean 'eta'?
        """
        return super().set_params(**params)

    def __sklearn_tags__(self) -> Any:
        """What scikit-learn needs to know about this estimator (its "tags").

        scikit-learn 1.6 and later ask every estimator for its tags: without them a
        ``Pipeline``'s ``predict`` and ``score``, ``cross_val_score``, ``GridSearchCV``
        and ``is_classifier`` fail. Only scikit-learn calls this method, so it imports
        scikit-learn here; the package itself never does (it works without it).

        The tags say: a classifier (``is_classifier`` is True), whose ``fit`` needs
        ``y`` (one label per sample: one output, no multi-label), with two or more
        classes (``multi_class``), on a dense 2-D array of finite numbers (no sparse
        matrices, no NaN, no strings), deterministic for a given ``seed``, and fitted
        before it predicts. Every tag keeps its default value except the classifier's
        three, so no check of scikit-learn's ``check_estimator`` is declared as not
        applying: all of them pass (``tests/test_classifier_sklearn.py`` runs them, and
        checks these tags).
        """
        from sklearn.utils import ClassifierTags, Tags, TargetTags

        return Tags(
            estimator_type="classifier",
            target_tags=TargetTags(required=True),
            classifier_tags=ClassifierTags(multi_class=True, multi_label=False),
        )

    def __repr__(self) -> str:
        defaults = NetworkClassifier().get_params()
        changed = [
            f"{name}={value!r}"
            for name, value in self.get_params().items()
            if not _same(value, defaults[name])
        ]
        return f"NetworkClassifier({', '.join(changed)})"

    @checked(
        rows_match("X", "y"),
        _two_classes,
        _hyperparameters_fit,
        _patience_fits,
        _size_fits,
        _inputs_fit_the_network,
        X=features,
        y=class_labels,
        validation_data=labelled_pair,
    )
    @_all_or_nothing
    def fit(
        self,
        X: Array,
        y: np.ndarray,
        validation_data: tuple[ArrayLike, ArrayLike] | None = None,
        *,
        callback: Callable[[int, FeedForwardNetwork, History], None] | None = None,
    ) -> NetworkClassifier:
        """Learn ``y``'s classes, train a fresh network on ``(X, y)``; return ``self``.

        The training itself is :meth:`train_network`, on the labels coded as the
        network's targets. ``callback(epoch, network, history)``, if given, is called
        after every epoch (see :func:`~ffnn_edu.nn.training.train`), e.g. to record the
        penalty.

        If training diverges, ``history_.diverged`` is True and
        ``history_.message`` says what happened; the network keeps the weights
        of the last epoch before the blow-up (the untrained ones if it came at
        once), and ``fit`` warns with a :class:`ConvergenceWarning` whose text is
        that verdict.

        Labels given as a column, shape ``(n, 1)``, are read as the labels they hold,
        with a :class:`~ffnn_edu.nn.validation.DataConversionWarning`.

        Warns
        -----
        ConvergenceWarning
            If training diverged (see above); scikit-learn's too, once it is loaded.

        Raises
        ------
        TypeError
            For a sparse matrix; and (as an :class:`InputTypeError`, also a
            ``ValueError``, as scikit-learn refuses them) for ``X`` that is not
            numbers (text such as ``[["1", "x"]]``, None, complex numbers), labels of
            mixed kinds (``[1, "a", 2]``) or of no kind, or ``y=None``.
        ValueError
            If ``y`` holds a single class, or numbers that are not whole (a continuous
            target: "Unknown label type: continuous"), if the labels of
            ``validation_data`` are of another kind than ``y``'s (text against
            numbers) or not among them, or for bad data or hyper-parameters. A fit
            that raises (in its checks, in training or in ``callback``) leaves the
            classifier as it was: unfitted, or with the model of its last successful
            fit.
        """
        self.classes_ = np.unique(y)
        self.n_classes_, self.n_features_in_ = len(self.classes_), X.shape[1]
        return self.train_network(
            X, self._targets(y, "y"), self._validation(validation_data), callback
        )

    def train_network(
        self,
        X: Array,
        T: Array,
        validation: tuple[Array, Array] | None = None,
        callback: Callable[[int, FeedForwardNetwork, History], None] | None = None,
    ) -> NetworkClassifier:
        """:meth:`fit`'s recipe: make the network, pick the optimizer, train, keep all.

        ``T`` holds the targets of the output layer (one column per output neuron),
        ``validation`` a pair of validation inputs and targets, or None. :meth:`fit`
        calls it once the classes are known; it sets ``network_``, ``history_`` and
        ``output_loss_`` (the loss trained with, which :meth:`predict_proba` reads: a
        ``loss`` set after fit changes nothing until the next fit).
        """
        network = FeedForwardNetwork(
            self.layer_sizes(), self.layer_activations(), seed=self.seed
        )
        optimizer = self.make_optimizer()
        regularizer = Regularizer(self.penalty, self.lam) if self.lam > 0 else None
        output_loss = self.output_loss()
        history = train(
            network,
            X,
            T,
            loss=output_loss,
            optimizer=optimizer,
            epochs=self.epochs,
            batch_size=self.batch_size,
            seed=self.seed,
            regularizer=regularizer,
            dropout=self.dropout,
            validation=validation,
            patience=self.patience,
            callback=callback,
        )
        self.network_, self.history_ = network, history
        self.output_loss_ = output_loss
        return self

    def make_optimizer(self) -> GradientDescent:
        """The optimizer that ``optimizer``, ``eta`` and ``mu`` name (checked by fit).

        Examples
        --------
        >>> NetworkClassifier(eta=0.1, mu=0.9).make_optimizer()
        Momentum(eta=0.1, mu=0.9)
        >>> NetworkClassifier(eta=0.001, optimizer="adam").make_optimizer()
        Adam(eta=0.001, beta1=0.9, beta2=0.999, epsilon=1e-08)
        """
        _settings_fit({"self": self})
        if self.optimizer == "nesterov":
            return Nesterov(self.eta, self.mu)
        if self.optimizer == "adagrad":
            return AdaGrad(self.eta)
        if self.optimizer == "rmsprop":
            return RMSProp(self.eta)
        if self.optimizer == "adam":
            return Adam(self.eta)
        return Momentum(self.eta, self.mu) if self.mu > 0 else GradientDescent(self.eta)

    def predict_proba(self, X: ArrayLike) -> Array:
        """Class probabilities, shape ``(n_samples, n_classes)``; each row sums to 1.

        Column ``k`` is the probability of ``classes_[k]``; with two classes,
        column 1 is the sigmoid output and column 0 its complement (as in
        scikit-learn). It reads only what ``fit`` learned (``output_loss_``, not
        ``loss``): hyper-parameters set after fit change nothing until the next fit.
        """
        X = self._check_inputs(X)
        passed = self.network_.forward(X, return_all=True)
        assert isinstance(passed, ForwardPass)
        out = passed.output
        if self.n_classes_ == 2:
            return np.hstack([1.0 - out, out])
        if self.output_loss_ == "categorical_cross_entropy":
            return out
        return _normalised_sigmoids(passed.logits[-1])

    def predict(self, X: ArrayLike) -> np.ndarray:
        """Predicted class labels (from ``classes_``): the most probable class."""
        P = self.predict_proba(X)
        return self.classes_[P.argmax(axis=1)]

    def score(
        self, X: ArrayLike, y: ArrayLike, sample_weight: ArrayLike | None = None
    ) -> float:
        """Accuracy: the share of samples whose label is predicted correctly.

        A label that is not one of ``classes_`` (not seen in ``fit``) is never
        predicted, so its sample counts as wrong (as in scikit-learn).
        ``sample_weight``, one finite weight >= 0 per sample (not all 0), makes it
        the weighted share, as scikit-learn's ``ClassifierMixin.score``; weights as
        large as 1e308 are scaled (exactly, by a power of two) before they are summed.

        Examples
        --------
        >>> X = [[0.0], [0.1], [0.9], [1.0]]
        >>> clf = NetworkClassifier(2, eta=2.0, epochs=300).fit(X, ["a", "a", "b", "b"])
        >>> clf.score(X, ["a", "a", "b", "c"])
        0.75
        >>> clf.score(X, ["a", "a", "b", "c"], sample_weight=[1, 1, 1, 5])
        0.375

        Raises
        ------
        ValueError
            For labels of another kind than ``classes_`` (text against numbers), or
            bad sample weights; see :meth:`predict_proba` for ``X``.
        """
        X, y = self._check_data(X, y)
        _same_kind(y, self.classes_, "y")
        right = self.predict(X) == y
        if sample_weight is None:
            return float(np.mean(right))
        w = as_array(sample_weight, "sample_weight", ndim=1)
        if w.shape != y.shape:
            raise ValueError(
                f"sample_weight must hold one weight per sample, shape {y.shape}, "
                f"but it has shape {w.shape}"
            )
        if (w < 0).any():
            raise ValueError(
                "sample_weight must hold weights >= 0, but it contains "
                f"{float(w[w < 0][0])!r}"
            )
        if not w.any():
            raise ValueError(
                "sample_weight must not be all 0: the weighted accuracy would be 0/0"
            )
        # scaled by a power of two near their largest (exact, so the average keeps
        # every digit): weights near float64's top (1e308) would sum to infinity
        _, exponent = np.frexp(w.max())
        return float(np.average(right, weights=np.ldexp(w, -exponent)))

    # --- checks and set-up, kept out of fit so that fit reads as the recipe ---

    def _check_fitted(self) -> None:
        check_fitted(
            self, "network_", "call fit(X, y) before predict, predict_proba or score"
        )

    def _check_inputs(self, X: ArrayLike, name: str = "X") -> Array:
        """``X`` for the fitted network: its columns, and a pass that fits in memory."""
        self._check_fitted()
        X = self._check_columns(X, name)
        sizes = self.network_.layer_sizes
        units, out = sum(sizes[1:]), sizes[-1]
        classes = "one per class" if self.n_classes_ > 2 else "for the two classes"
        check_activations(
            sizes,
            len(X),
            name,
            f"{counted(units, 'neuron')}: {units - out} hidden (hidden_layer_sizes) "
            f"and {counted(out, 'output')}, {classes}",
        )
        return X

    def _check_columns(self, X: ArrayLike, name: str) -> Array:
        X = features(X, name)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(
                # scikit-learn's words, plural even for 1 (its checks look for them)
                f"{name} has {X.shape[1]} features, but {type(self).__name__} is "
                f"expecting {self.n_features_in_} features as input (the columns "
                f"seen in fit; {name} has shape {X.shape})"
            )
        return X

    def _check_data(
        self, X: ArrayLike, y: ArrayLike, prefix: str = "", *, fitted: bool = True
    ) -> tuple[Array, np.ndarray]:
        X = (self._check_inputs if fitted else self._check_columns)(X, f"{prefix}X")
        y = given_labels(y, f"{prefix}y")
        check_rows_match(X, y, f"{prefix}X", f"{prefix}y")
        return X, y

    def _validation(
        self, data: tuple[ArrayLike, ArrayLike] | None
    ) -> tuple[Array, Array] | None:
        if data is None:
            return None
        X_val, y_val = self._check_data(*data, prefix="validation ", fitted=False)
        return X_val, self._targets(y_val, "validation y")

    def _encode(self, y: np.ndarray, name: str) -> np.ndarray:
        """The index of each label in ``classes_``; labels of another kind are refused.

        ``"0"`` against classes 0 and 1 is told that it is text against numbers (as
        :meth:`score` tells it), not that ``"0"`` is a label unseen in fit.
        """
        _same_kind(y, self.classes_, name)
        unseen = ~np.isin(y, self.classes_)
        if unseen.any():
            seen = ", ".join(repr(c) for c in self.classes_.tolist())
            raise ValueError(
                f"{name} contains the label {y[unseen][0].item()!r}, which is not "
                f"one of the classes seen in fit ({seen})"
            )
        return np.searchsorted(self.classes_, y)

    def output_loss(self) -> str:
        """The loss the network trains with: ``loss``, "cross_entropy" made specific.

        "cross_entropy" becomes binary (two classes, one sigmoid output) or categorical
        (more, one softmax output per class).

        Examples
        --------
        >>> clf = NetworkClassifier()
        >>> clf.n_classes_ = 3
        >>> clf.output_loss()
        'categorical_cross_entropy'
        """
        if check_loss_name(self.loss) not in _CROSS_ENTROPIES:
            return self.loss  # its name is checked before n_classes_ is read
        return trained_loss(self.loss, self.n_classes_)

    def _hidden_sizes(self) -> tuple[int, ...]:
        """``hidden_layer_sizes`` checked; a single int is one hidden layer."""
        return hidden_sizes(self.hidden_layer_sizes)

    def layer_sizes(self) -> list[int]:
        """Neurons per layer: the features, the hidden layers, then the outputs.

        The output layer has one neuron for two classes, otherwise one per class.
        """
        return [
            self.n_features_in_,
            *self._hidden_sizes(),
            1 if self.n_classes_ == 2 else self.n_classes_,
        ]

    def layer_activations(self) -> list[str]:
        """Each layer's activation: ``activation`` for hidden ones, then the output's.

        The output layer is a softmax for the categorical
        cross-entropy, a sigmoid otherwise.
        """
        output = (
            "softmax"
            if self.output_loss() == "categorical_cross_entropy"
            else "sigmoid"
        )
        return [self.activation] * len(self._hidden_sizes()) + [output]

    def _targets(self, y: np.ndarray, name: str) -> Array:
        """0/1 column for two classes, one-hot rows for more."""
        index = self._encode(y, name)
        if self.n_classes_ == 2:
            return index[:, np.newaxis].astype(np.float64)
        return one_hot(index, self.n_classes_)


# fit refuses sample_weight in words, and warns of a training run that went wrong;
# wrapped here rather than decorated, so that fit's listing (show_source) starts with
# its declared checks, as every checked function's.
NetworkClassifier.fit = _warns_of_trouble(  # type: ignore[method-assign]
    _unweighted(NetworkClassifier.fit)
)


def hidden_sizes(
    hidden_layer_sizes: Any, name: str = "hidden_layer_sizes"
) -> tuple[int, ...]:
    """``hidden_layer_sizes`` as :class:`NetworkClassifier` reads it, checked.

    A single int is one hidden layer; a list, tuple, ``range`` or numpy array of ints
    one layer per entry, counted before any entry is read (a list of 10**8 entries
    took longer than 20 s to be refused). The chapters' experiments use it to size
    the networks a classifier of their settings would build, before they build any.

    Examples
    --------
    >>> hidden_sizes(30), hidden_sizes((8, 4))
    ((30,), (8, 4))
    >>> hidden_sizes("10")
    Traceback (most recent call last):
    ...
    TypeError: hidden_layer_sizes must be an int (one hidden layer) or a sequence of
    hidden layer sizes such as (30,) or (8, 4), but it is '10' (str)
    """
    one_layer = isinstance(hidden_layer_sizes, numbers.Integral) and not isinstance(
        hidden_layer_sizes, bool
    )
    if not one_layer and not isinstance(
        hidden_layer_sizes, (list, tuple, range, np.ndarray)
    ):  # check_sizes's example, (2, 3, 1), reads as the sizes of every layer
        raise TypeError(
            f"{name} must be an int (one hidden layer) or a sequence of hidden layer "
            f"sizes such as (30,) or (8, 4), but it is {hidden_layer_sizes!r} "
            f"({type(hidden_layer_sizes).__name__})"
        )
    return check_sizes(
        (hidden_layer_sizes,) if one_layer else hidden_layer_sizes,
        name,
        at_least=0,
        most=(MAX_LAYERS, "MAX_LAYERS"),
    )


def network_sizes(
    hidden_layer_sizes: Any, X: Array, y: Array, name: str = "hidden_layer_sizes"
) -> tuple[int, ...]:
    """Neurons per layer of the network a classifier fitted on ``(X, y)`` would build.

    The features, the hidden layers, then one output for two classes (or fewer),
    otherwise one per class (as :meth:`NetworkClassifier.layer_sizes`).

    Examples
    --------
    >>> network_sizes(8, np.zeros((4, 2)), np.array([0, 1, 2, 1]))
    (2, 8, 3)
    """
    classes = len(np.unique(y))
    return (
        X.shape[1],
        *hidden_sizes(hidden_layer_sizes, name),
        1 if classes <= 2 else classes,
    )


def _normalised_sigmoids(z: Array) -> Array:
    r"""Each row of sigmoids over its sum, :math:`\sigma(z_k) / \sum_j \sigma(z_j)`.

    Computed as the softmax of :math:`\log\sigma(z_k) = -\log(1 + e^{-z_k})`
    (the same value), so rows still sum to 1 where every sigmoid rounds to 0.

    Examples
    --------
    >>> _normalised_sigmoids(np.array([[-800.0, -801.0, -900.0]])).round(4)
    array([[0.7311, 0.2689, 0.    ]])
    """
    return softmax(-np.logaddexp(0.0, -z))


def _same(a: Any, b: Any) -> bool:
    """Whether two hyper-parameter values are equal (tuples and lists alike)."""
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return list(a) == list(b)
    return type(a) is type(b) and a == b
