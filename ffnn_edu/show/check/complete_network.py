"""Self-checks for the chapter on the complete network (shop data, splits, leaks)."""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Sequence

import numpy as np

from ffnn_edu.nn.classifier import ConvergenceWarning, NetworkClassifier
from ffnn_edu.nn.datasets import new_shop_data, shop_data
from ffnn_edu.nn.preprocessing import Standardizer, train_val_test_split
from ffnn_edu.nn.validation import check_sizes

from .feedback import Feedback, as_numbers, shape_message
from .web import Field, Stage, WebCheck, equals, sum_off, web_check

__all__ = ["leak", "split_sizes", "new_data_prediction"]

#: The mask of the leak exercise: ``np.random.default_rng(LEAK_SEED).random(10) < 0.5``.
LEAK_SEED = 3
#: Rows and fractions of the split-size exercise.
SPLIT_ROWS, SPLIT_FRACTIONS = 25, (0.8, 0.1, 0.1)
#: The chapter's network for the shop data (in the spirit of the textbook's script).
SHOP_SETTINGS = {
    "hidden_layer_sizes": (30,),
    "activation": "sigmoid",
    "loss": "mse",
    "eta": 2.0,
    "epochs": 150,
    "batch_size": 2,
    "seed": 0,
}


def _rows(answer: Sequence[int], name: str) -> set[int] | Feedback:
    """The row numbers in ``answer`` as a set, or Feedback saying what is wrong."""
    try:
        is_mask = np.asarray(answer).dtype.kind == "b"
    except (TypeError, ValueError):
        is_mask = False
    if is_mask:
        return Feedback(
            False,
            f"{name} holds True/False values. Give the row numbers "
            f"instead, e.g. [0, 4, 7] (np.flatnonzero turns a mask into "
            f"them).",
        )
    values = as_numbers(answer, name, form="a list of row numbers, e.g. [0, 4, 7]")
    if isinstance(values, Feedback):
        return values
    values = values.ravel()
    if values.size and (values != np.round(values)).any():
        return Feedback(False, f"{name} must hold whole row numbers.")
    if values.size and (values.min() < 0 or values.max() > 9):
        return Feedback(False, f"{name}: the shop table has rows 0 to 9 only.")
    return {int(v) for v in values}


def leak(test_rows: Sequence[int], train_rows: Sequence[int]) -> Feedback:
    """Exercise: the rows the textbook's script tests on, and the rows it trains on.

    The mask is drawn as the script does, but reproducibly:
    ``np.random.default_rng(3).random(10) < 0.5``.

    Examples
    --------
    >>> leak([0, 1], [2, 3]).correct
    False
    """
    mask = np.random.default_rng(LEAK_SEED).random(10) < 0.5
    chosen, others = (
        set(np.flatnonzero(mask).tolist()),
        set(np.flatnonzero(~mask).tolist()),
    )
    test = _rows(test_rows, "test_rows")
    if isinstance(test, Feedback):
        return test
    train = _rows(train_rows, "train_rows")
    if isinstance(train, Feedback):
        return train
    if test != others:
        if test == chosen:
            return Feedback(
                False,
                "Those are the rows where the mask is True; the script tests on the "
                "rows where it is False (~mask).",
            )
        return Feedback(
            False,
            "The test rows are the rows whose random number is not below 0.5. Print "
            "the mask and read them off.",
        )
    if train == set(range(10)):
        return Feedback(
            True,
            "The script builds its training arrays from the whole table, so every test "
            "row was also a training row.",
        )
    if train == chosen:
        return Feedback(
            False,
            "That is the training part the script intended. Look again at which table "
            "its training arrays are built from.",
        )
    return Feedback(
        False,
        "The test rows are right. For the training rows, check which table the "
        "training arrays come from.",
    )


@web_check
def split_sizes_form() -> WebCheck:
    """The split-size exercise, for the Python check and the web page."""
    zeros = np.zeros((SPLIT_ROWS, 1))
    split = train_val_test_split(zeros, zeros[:, 0], SPLIT_FRACTIONS)
    expected = (len(split.y_train), len(split.y_val), len(split.y_test))
    half_up = (
        "Python's round() sends a half to the nearest even number, so round(2.5) is 2, "
        "not 3."
    )
    stage = Stage(
        "count",
        ("n_train", "n_val", "n_test"),
        expected,
        hints=[
            (
                sum_off(SPLIT_ROWS),
                f"The three sets share out all {SPLIT_ROWS} rows, so the sizes must "
                f"add up to {SPLIT_ROWS}: training gets whatever is left.",
            ),
            (equals([None, 3, None]), half_up),
            (equals([None, None, 3]), half_up),
        ],
        options={
            "axes": "one count per set, in the order training, validation, test",
            "praise": "Validation and test get round(0.1 * 25) rows each, training the "
            "rest.",
            "generic_hint": "Validation and test get round(fraction * n) rows each (at "
            "least one); training gets the rest. Try it with np.zeros((25, 1)).",
            "not_whole": "Sets hold whole rows: the sizes must be whole numbers.",
            "what": "your list of sizes",
        },
    )
    return WebCheck(
        "split_sizes",
        (
            Field("n_train", "Training rows"),
            Field("n_val", "Validation rows"),
            Field("n_test", "Test rows"),
        ),
        (stage,),
    )


def split_sizes(n_train: int, n_val: int, n_test: int) -> Feedback:
    """Exercise: the sizes ``train_val_test_split`` gives 25 rows at (0.8, 0.1, 0.1).

    Examples
    --------
    >>> split_sizes(20, 3, 2).correct
    False
    """
    return split_sizes_form().judge(n_train, n_val, n_test)


def new_data_prediction(
    scaler: Standardizer, classifier: NetworkClassifier, labels: Sequence[int]
) -> Feedback:
    """Exercise: retrain on all ten rows and predict the three new baskets.

    The check re-runs the pipeline you describe instead of comparing with one
    random run, so any whole-number seed passes: it verifies that ``scaler`` was
    fitted on the ten rows of ``shop_data()``, that ``classifier`` has the chapter's
    settings (only ``seed`` may differ; the parameters the chapter does not set keep
    their defaults) and was trained on the ten scaled
    rows (a fresh classifier with the same parameters, trained so, must give
    the same probabilities), and that ``labels`` are what it predicts for the
    new rows after the same scaler.

    The labels may be the shop's 0 and 1 or renamed (``"buy"``/``"leave"``, True and
    False, ...), in either order of ``classes_``; the answer is then in the same
    names. A classifier made with ``seed=None`` cannot be re-run: its labels are
    judged, and the check asks for a whole-number seed to judge its training.

    Examples
    --------
    >>> new_data_prediction(Standardizer(), NetworkClassifier(), [0, 1, 0]).correct
    False
    """
    X, y, _ = shop_data()
    X_new, _ = new_shop_data()
    if not isinstance(scaler, Standardizer) or not hasattr(scaler, "mean_"):
        return Feedback(
            False,
            "Pass the Standardizer you fitted (after .fit) as the first argument.",
        )
    if not isinstance(classifier, NetworkClassifier) or not hasattr(
        classifier, "network_"
    ):
        return Feedback(
            False,
            "Pass the NetworkClassifier you trained (after .fit) as the second "
            "argument.",
        )
    if scaler.mean_.shape != (X.shape[1],) or not np.allclose(
        scaler.mean_, X.mean(axis=0)
    ):
        return Feedback(
            False,
            "The scaler was not fitted on the ten labelled rows: after the test, every "
            "labelled row is training data, for the scaling constants too.",
        )
    params = classifier.get_params()
    chapter = {
        **NetworkClassifier().get_params(),
        **SHOP_SETTINGS,
    }  # the rest at defaults
    wrong = sorted(
        k
        for k, v in chapter.items()
        if k != "seed" and not _same_setting(_effective(classifier, k), v)
    )
    if wrong:
        return Feedback(
            False,
            f"Use the chapter's settings (only the seed may differ); these "
            f"differ: {', '.join(wrong)}.",
        )
    scaled_X, scaled_new = scaler.transform(X), scaler.transform(X_new)
    classes = classifier.classes_
    if len(classes) != 2:
        return Feedback(
            False,
            f"Your classifier learned {len(classes)} classes, but the shop's rows "
            "have two (purchase or not): train it on the ten rows and their labels.",
        )
    if params["seed"] is None:
        return _unrepeatable(classifier, labels, scaled_new, X_new)
    # The labels the classifier may have been trained on: y itself (0 and 1) or y
    # renamed, e.g. "buy"/"leave", whose sorted classes_ may put the purchase first.
    index = y.astype(int)
    named = classes[index]
    try:
        mine = classifier.predict_proba(scaled_new)
        trained = _refit_labels(params, scaled_X, scaled_new, classes, index, mine)
        unscaled = (
            None
            if trained is not None
            else _refit_labels(params, X, scaled_new, classes, index, mine)
        )
    except (TypeError, ValueError) as error:
        return Feedback(
            False,
            f"Your classifier cannot be repeated on the ten scaled rows "
            f"({error}). Train it on all three inputs of the ten rows, with "
            f"the chapter's settings.",
        )
    if trained is None:
        if unscaled is not None:
            return Feedback(
                False,
                "The classifier was trained on unscaled rows. Train it on the scaler's "
                "transform of the ten rows.",
            )
        return Feedback(
            False,
            "The classifier was not trained on the ten scaled labelled rows (all of "
            "them, with their labels).",
        )
    if _shop_classes(classes) and not np.array_equal(trained, named):
        return Feedback(
            False,
            "The classifier was trained with the labels swapped: 1 for an abandoned "
            "basket, 0 for a purchase. Train it on the shop's own labels y.",
        )
    left, bought = (_label(trained[y == v][0]) for v in (0, 1))
    return _judge_labels(
        classifier,
        labels,
        scaled_new,
        X_new,
        f"{left} (basket abandoned) or {bought} (purchase)",
    )


def _label(value: object) -> str:
    """A class label as a learner types it: ``'buy'``, ``1`` (not ``1.0``), ``True``."""
    item = value.item() if isinstance(value, np.generic) else value
    if isinstance(item, float) and item.is_integer():
        item = int(item)
    return repr(item)


def _shop_classes(classes: np.ndarray) -> bool:
    """Whether the classes are the shop's own labels, 0 and 1 (or False and True)."""
    return classes.dtype.kind in "biuf" and set(classes.tolist()) == {0, 1}


def _refit_labels(
    params: dict[str, object],
    X: np.ndarray,
    scaled_new: np.ndarray,
    classes: np.ndarray,
    index: np.ndarray,
    mine: np.ndarray,
) -> np.ndarray | None:
    """The labels that, trained on ``X`` with ``params``, give probabilities ``mine``.

    They are the shop's labels (``index``, 0 or 1) named by ``classes``, in either
    order; None if neither order does. A refit that diverges does not warn: it repeats
    a guess at the learner's fit (whose own fit warned them), and the verdict says what
    went wrong.
    """
    for labels in (classes[index], classes[1 - index]):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            again = NetworkClassifier(**params).fit(X, labels)
        again = again.predict_proba(scaled_new)
        if again.shape == mine.shape and np.allclose(again, mine):
            return labels
    return None


def _unrepeatable(
    classifier: NetworkClassifier,
    labels: Sequence[object],
    scaled_new: np.ndarray,
    X_new: np.ndarray,
) -> Feedback:
    """The verdict for a classifier made with ``seed=None``, whose fit cannot be re-run.

    Its labels are judged; whether it was trained on the ten scaled rows cannot be
    checked, and the message says so and asks for a seed.
    """
    classes = classifier.classes_
    choices = (
        "0 (basket abandoned) or 1 (purchase)"
        if _shop_classes(classes)
        else " or ".join(_label(c) for c in classes)
    )
    verdict = _judge_labels(classifier, labels, scaled_new, X_new, choices)
    if not verdict.correct:
        return verdict
    return Feedback(
        False,
        "Your labels are what your classifier predicts for the scaled new rows, and "
        "the scaler and the settings are right. But the classifier was made with "
        "seed=None, so its training cannot be repeated, and this check repeats it to "
        "see which rows it was trained on. Make it with a whole-number seed (any, "
        "e.g. seed=1), fit it again and check again.",
    )


def _judge_labels(
    classifier: NetworkClassifier,
    labels: Sequence[object],
    scaled_new: np.ndarray,
    X_new: np.ndarray,
    choices: str,
) -> Feedback:
    """Whether ``labels`` are what ``classifier`` predicts for the scaled new rows.

    Labels of any kind: numbers (0 and 1), truth values, or the text the classifier
    was trained on; ``choices`` names the two classes for the messages.
    """
    classes = classifier.classes_
    text_classes = classes.dtype.kind in "US"
    if text_classes:
        try:
            given = np.asarray(labels)
        except (TypeError, ValueError):
            return Feedback(False, f"Give your labels as a list of {choices}.")
        if given.dtype.kind not in "US":
            return Feedback(
                False,
                f"Your classifier's classes are text, {choices}: give the labels "
                "its predict returns.",
            )
    else:
        form = (
            "a list of 0s and 1s" if _shop_classes(classes) else f"a list of {choices}"
        )
        parsed = as_numbers(labels, "your list of labels", form=form, allow_bool=True)
        if isinstance(parsed, Feedback):
            return parsed
        given = parsed
    if given.shape != (len(X_new),):
        return Feedback(
            False,
            shape_message(
                "your list of labels",
                (len(X_new),),
                "one label per new row of new_shop_data(), in its order",
                given,
            ),
        )
    if not np.isin(given, classes).all():
        return Feedback(False, f"Each label is {choices}.")
    if np.array_equal(given, classifier.predict(scaled_new)):
        return Feedback(
            True,
            "Scaler and network were fitted on all ten rows, and the new rows went "
            "through the same scaler before predict.",
        )
    if np.array_equal(given, classifier.predict(X_new)):
        return Feedback(
            False,
            "These match the labels the classifier gives unscaled new rows: did the "
            "new rows go through the same scaler's transform before predict?",
        )
    return Feedback(
        False,
        "These are not the labels your classifier predicts for the scaled new rows; "
        "print classifier.predict(...) and compare.",
    )


def _effective(classifier: NetworkClassifier, name: str) -> object:
    """The setting ``name`` as the classifier uses it.

    A single int of ``hidden_layer_sizes`` is one hidden layer, as ``NetworkClassifier``
    documents.
    """
    value = classifier.get_params().get(name)
    if name == "hidden_layer_sizes":
        one_layer = isinstance(value, numbers.Integral) and not isinstance(value, bool)
        try:
            return check_sizes((value,) if one_layer else value, name, at_least=0)
        except ValueError:
            return value
    return value


def _same_setting(a: object, b: object) -> bool:
    """Settings compare equal, tuples and lists alike (never by broadcasting arrays)."""
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return list(a) == list(b)
    try:
        return bool(a == b)
    except (TypeError, ValueError):  # e.g. an array where a single number belongs
        return False
