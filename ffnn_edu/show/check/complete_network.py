"""Self-checks for the chapter on the complete network (shop data, splits, leaks)."""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from ffnn_edu.nn.classifier import ConvergenceWarning, NetworkClassifier, hidden_sizes
from ffnn_edu.nn.datasets import new_shop_data, shop_data
from ffnn_edu.nn.losses import get_loss
from ffnn_edu.nn.preprocessing import Standardizer, train_val_test_split
from ffnn_edu.nn.training import evaluate
from ffnn_edu.nn.validation import bounded_list, counted

from .feedback import Feedback, as_numbers, shape_message
from .web import Field, Stage, WebCheck, equals, reordered, sum_off, web_check

__all__ = ["leak", "split_sizes", "new_data_prediction"]

#: The mask of the leak exercise: ``np.random.default_rng(LEAK_SEED).random(10) < 0.5``.
LEAK_SEED = 3
#: Rows of the shop table, the most row numbers an answer of the leak exercise holds.
SHOP_ROWS = 10
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


def _rows(answer: Iterable[int], what: str) -> set[int] | Feedback:
    """The row numbers in ``answer`` as a set, or Feedback saying what is wrong.

    ``what`` names the rows in the messages, in the plural ("your test rows"). Any
    collection of row numbers will do, since their order does not matter: a list, a
    tuple, an array, a range, a set, the keys of a dict.
    """
    What = what[:1].upper() + what[1:]  # the same at the start of a sentence
    if isinstance(answer, np.ndarray) and answer.size > SHOP_ROWS:
        return Feedback(False, _too_many_rows(what, f"hold {answer.size} entries"))
    if isinstance(answer, Iterable) and not isinstance(
        answer, (str, bytes, np.ndarray, Mapping)
    ):
        # counted before it is read: range(10**8) or itertools.count() is refused
        # (validation.bounded_list), not walked to its end
        try:
            answer = bounded_list(answer, what, (SHOP_ROWS, "SHOP_ROWS", "rows"))
        except ValueError:
            try:
                held = f"hold {len(answer)} entries"
            except TypeError:  # an iterator: read one entry past the table
                held = f"go on past {SHOP_ROWS} entries"
            return Feedback(False, _too_many_rows(what, held))
    try:
        is_mask = np.asarray(answer).dtype.kind == "b"
    except (TypeError, ValueError):
        is_mask = False
    if is_mask:
        return Feedback(
            False,
            f"{What} are True/False values. Give the row numbers "
            f"instead, e.g. [0, 4, 7] (np.flatnonzero turns a mask into "
            f"them).",
        )
    values = as_numbers(answer, what, form="a list of row numbers, e.g. [0, 4, 7]")
    if isinstance(values, Feedback):
        return values
    values = values.ravel()
    if values.size and (values != np.round(values)).any():
        return Feedback(False, f"{What} must be whole row numbers.")
    if values.size and (values.min() < 0 or values.max() > 9):
        return Feedback(False, f"{What}: the shop table has rows 0 to 9 only.")
    return {int(v) for v in values}


def _too_many_rows(what: str, held: str) -> str:
    """What an answer of more row numbers than the table has rows is told."""
    return (
        f"The shop table has {SHOP_ROWS} rows (0 to {SHOP_ROWS - 1}), and each goes "
        f"in at most once; {what} {held}."
    )


def leak(test_rows: Iterable[int], train_rows: Iterable[int]) -> Feedback:
    """Exercise: the rows the textbook's script tests on, and the rows it trains on.

    The mask is drawn as the script does, but reproducibly:
    ``np.random.default_rng(3).random(10) < 0.5``. Each answer is a collection of row
    numbers in any order (a list, an array, a set, ...).

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
    test = _rows(test_rows, "your test rows")
    if isinstance(test, Feedback):
        return test
    train = _rows(train_rows, "your training rows")
    if isinstance(train, Feedback):
        return train
    if (train, test) == (others, set(range(10))):
        return Feedback(
            False,
            "Both answers are right, but in each other's place: the check takes "
            "the test rows first, then the training rows, leak(test_rows, "
            "train_rows).",
        )
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
    shares = [fraction * SPLIT_ROWS for fraction in SPLIT_FRACTIONS[1:]]
    # rounding a half up, as by hand, where Python's round() goes to the even number
    up = [int(np.floor(share + 0.5)) for share in shares]

    def half_up(share: float, by_hand: int) -> str:
        return (
            f"Python's round() sends a half to the nearest even number, so "
            f"round({share:g}) is {round(share)}, not {by_hand}."
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
            *(
                (equals(box), half_up(share, by_hand))
                for box, share, by_hand in (
                    ([None, up[0], None], shares[0], up[0]),
                    ([None, None, up[1]], shares[1], up[1]),
                )
                if share % 1 == 0.5  # a half, which round() and a hand part on
            ),
            *reordered(
                expected,
                "Right sizes, wrong order: training first, then validation, then test.",
            ),
        ],
        options={
            "axes": "one count per set, in the order training, validation, test",
            "praise": f"Validation and test get round({SPLIT_FRACTIONS[1]:g} * "
            f"{SPLIT_ROWS}) rows each, training the rest.",
            "generic_hint": "Validation and test get round(fraction * n) rows each (at "
            "least one); training gets the rest. Try it with np.zeros((25, 1)).",
            "not_whole": "Sets hold whole rows: the sizes must be whole numbers.",
            "what": "the three sizes",
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

    The check verifies that ``scaler`` was fitted on the ten rows of ``shop_data()``,
    that ``classifier`` has the chapter's settings (only ``seed`` may differ; the
    parameters the chapter does not set keep their defaults) and was trained on the
    ten scaled rows with their labels, and that ``labels`` are what it predicts for
    the new rows after the same scaler.

    The rows may have been given in any order (e.g. put back together from a split).
    With minibatches the order changes the trained network, so the check does not
    re-run the training; it reads the training set off what does not depend on the
    order: its network's loss on the ten scaled labelled rows must be a training
    loss it recorded (the last one, unless the run diverged and kept earlier
    weights), its number of updates that of ten rows, and (with a whole-number
    seed, which fixes the untrained network) the recorded loss before training that
    of the untrained network on those rows. Any seed passes, ``seed=None`` too, and
    so do rows rounded to float32 (or, after scaling, to float16) before ``fit``.

    The labels may be the shop's 0 and 1 or renamed (``"buy"``/``"leave"``, True and
    False, ...), in either order of ``classes_``; the answer is then in the same
    names.

    Examples
    --------
    >>> new_data_prediction(Standardizer(), NetworkClassifier(), [0, 1, 0]).correct
    False
    """
    X, y, _ = shop_data()
    X_new, _ = new_shop_data()
    if isinstance(scaler, NetworkClassifier) and isinstance(classifier, Standardizer):
        return Feedback(
            False,
            "The scaler and the classifier are in each other's place: the check "
            "takes the Standardizer first, then the NetworkClassifier, then the "
            "labels.",
        )
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
        if scaler.mean_.shape == (X.shape[1],) and np.allclose(
            scaler.mean_, X.astype(np.float16).mean(axis=0, dtype=np.float64)
        ):
            return Feedback(False, _rounded_rows_message("scaler"))
        return Feedback(
            False,
            "The scaler was not fitted on the ten labelled rows: after the test, every "
            "labelled row is training data, for the scaling constants too.",
        )
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
    if classifier.n_features_in_ != X.shape[1]:
        return Feedback(
            False,
            "Your classifier was trained on "
            f"{counted(classifier.n_features_in_, 'input')}. "
            f"Train it on all three inputs of the ten rows, with the chapter's "
            f"settings.",
        )
    # The labels the classifier may have been trained on: y itself (0 and 1) or y
    # renamed, e.g. "buy"/"leave", whose sorted classes_ may put the purchase first.
    index = y.astype(int)
    named = classes[index]
    try:
        trained, precision = _trained_in_some_precision(classifier, scaled_X, index)
        unscaled = (
            None
            if trained is not None
            else _trained_in_some_precision(classifier, X, index)[0]
        )
        roughly = (
            trained is None
            and unscaled is None
            and _trained_labels(classifier, _in(scaled_X, np.float16), index, 1e-3)
            is not None
        )
    except (TypeError, ValueError) as error:
        return Feedback(
            False,
            f"Your classifier cannot be run on the ten scaled rows ({error}). "
            f"Train it on all three inputs of the ten rows, with the chapter's "
            f"settings.",
        )
    if trained is None:
        if unscaled is not None:
            return Feedback(
                False,
                "The classifier was trained on unscaled rows. Train it on the scaler's "
                "transform of the ten rows.",
            )
        if roughly:
            return Feedback(False, _rounded_rows_message("classifier"))
        return Feedback(
            False,
            "The classifier was not trained on the ten scaled labelled rows, each "
            "with its own label (in any order): the training loss it recorded is not "
            "its loss on them, so it saw other rows, fewer or more of them, or other "
            "labels.",
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
        precision,
    )


#: The precisions a learner's rows may have been rounded to before ``fit`` (an
#: ``.astype(np.float32)``), each with how far its losses may stray: in float64 the
#: rounding of a sum taken in another order; rows rounded to float32 at another step
#: (a scaler fitted on float32 rows) moved the loss by about 1e-8 of it, rows of
#: another set by a tenth of it or more.
_PRECISIONS = ((np.float64, 1e-9), (np.float32, 1e-6), (np.float16, 1e-6))


def _in(X: np.ndarray, precision: type[np.floating]) -> np.ndarray:
    """The rows ``X`` rounded to ``precision``, as the float64 array ``fit`` makes."""
    return X.astype(precision).astype(np.float64)


def _trained_in_some_precision(
    classifier: NetworkClassifier, X: np.ndarray, index: np.ndarray
) -> tuple[np.ndarray | None, type[np.floating]]:
    """The labels the classifier was trained on with ``X`` in some precision, and it.

    A learner may round the scaled rows to float32 (or float16) before ``fit``; the
    rows are then the same, and the losses the history recorded are those of the
    rounded rows.
    """
    for precision, rtol in _PRECISIONS:
        labels = _trained_labels(classifier, _in(X, precision), index, rtol)
        if labels is not None:
            return labels, precision
    return None, np.float64


def _rounded_rows_message(what: str) -> str:
    """What a learner hears whose ``what`` was fitted on rows rounded to float16."""
    if what == "scaler":
        effect = "and its constants are off by that rounding"
    else:
        effect = "so roughly that the check cannot tell them from other rows"
    return (
        f"The {what} seems to have been fitted on the ten rows rounded to float16 "
        f"(half precision, about 3 significant digits) at some step, {effect}. Keep "
        "the rows in float64 (numpy's default) or float32."
    )


def _same_loss(a: float, b: float, rtol: float) -> bool:
    """Two losses equal but for rounding (see :data:`_PRECISIONS`)."""
    return bool(np.isclose(a, b, rtol=rtol, atol=0.0))


def _label(value: object) -> str:
    """A class label as a learner types it: ``'buy'``, ``1`` (not ``1.0``), ``True``."""
    item = value.item() if isinstance(value, np.generic) else value
    if isinstance(item, float) and item.is_integer():
        item = int(item)
    return repr(item)


def _shop_classes(classes: np.ndarray) -> bool:
    """Whether the classes are the shop's own labels, 0 and 1 (or False and True)."""
    return classes.dtype.kind in "biuf" and set(classes.tolist()) == {0, 1}


def _trained_labels(
    classifier: NetworkClassifier, X: np.ndarray, index: np.ndarray, rtol: float = 1e-9
) -> np.ndarray | None:
    """The labels the classifier was trained on with the rows ``X``, in any order.

    They are the shop's labels (``index``, 0 or 1) named by ``classes_``, in either
    order; None if the classifier's training history fits neither. It fits when the
    network's loss on ``(X, labels)`` is a training loss the history recorded (the
    last, or that of the epoch whose weights a diverged run kept), the number of
    updates is that of ``len(X)`` rows, and, for a whole-number seed, the recorded
    loss before training is the untrained network's on ``(X, labels)``. None of
    these depends on the order of the rows. Losses are compared within ``rtol`` of
    each other (see :data:`_PRECISIONS`).
    A refit does not warn should it diverge: it repeats a guess at the learner's fit
    (whose own fit warned them), and the verdict says what went wrong.
    """
    history, classes = classifier.history_, classifier.classes_
    seed = classifier.get_params()["seed"]
    repeatable = isinstance(seed, numbers.Integral)
    loss = get_loss(classifier.output_loss_)  # the loss it was trained with
    for labels in (classes[index], classes[1 - index]):
        T = (labels == classes[1]).astype(np.float64)[:, np.newaxis]
        # one epoch from the same start: its loss before training, its updates
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            start = NetworkClassifier(
                **{
                    **classifier.get_params(),
                    "epochs": 1,
                    "seed": seed if repeatable else 0,
                }
            ).fit(X, labels)
        kept = evaluate(classifier.network_, loss, X, T)[0]
        if (
            any(_same_loss(kept, r, rtol) for r in history.train_loss)
            and history.iterations[-1]
            == start.history_.iterations[-1] * (len(history.epoch) - 1)
            and (
                not repeatable
                or _same_loss(start.history_.train_loss[0], history.train_loss[0], rtol)
            )
        ):
            return labels
    return None


def _judge_labels(
    classifier: NetworkClassifier,
    labels: Sequence[object],
    scaled_new: np.ndarray,
    X_new: np.ndarray,
    choices: str,
    precision: type[np.floating] = np.float64,
) -> Feedback:
    """Whether ``labels`` are what ``classifier`` predicts for the scaled new rows.

    Labels of any kind: numbers (0 and 1), truth values, or the text the classifier
    was trained on; ``choices`` names the two classes for the messages. A classifier
    trained on rows rounded to ``precision`` may predict for the new rows rounded so
    too.
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
    if any(
        np.array_equal(given, classifier.predict(_in(scaled_new, p)))
        for p in {np.float64, precision}
    ):
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
    documents; a list of sizes is counted before any is read (a list of ten million,
    set after ``fit``, took 18 s to be read entry by entry).
    """
    value = classifier.get_params().get(name)
    if name == "hidden_layer_sizes":
        try:
            return hidden_sizes(value, name)
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
