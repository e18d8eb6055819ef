"""The self-checks of the chapter on the complete network: right answers pass, typical
mistakes get their hint, malformed answers are reported."""

import itertools

import numpy as np
import pytest

from ffnn_edu.nn.classifier import ConvergenceWarning, NetworkClassifier
from ffnn_edu.nn.datasets import new_shop_data, shop_data
from ffnn_edu.nn.preprocessing import Standardizer, train_val_test_split
from ffnn_edu.show import check
from ffnn_edu.show.check.complete_network import (
    LEAK_SEED,
    SHOP_SETTINGS,
    SPLIT_FRACTIONS,
    SPLIT_ROWS,
)

MASK = np.random.default_rng(LEAK_SEED).random(10) < 0.5
TESTED = np.flatnonzero(~MASK).tolist()
INTENDED = np.flatnonzero(MASK).tolist()


def test_leak_accepts_the_test_rows_and_all_ten_training_rows():
    assert TESTED and INTENDED  # the exercise's mask splits both ways
    assert check.leak(TESTED, range(10)).correct
    assert check.leak(np.array(TESTED[::-1]), list(range(9, -1, -1))).correct


@pytest.mark.parametrize(
    "test, train, hint",
    [
        (INTENDED, range(10), "mask is True"),
        ([TESTED[0]], range(10), "Print the mask"),
        (TESTED, INTENDED, "intended"),
        (TESTED, TESTED, "which table"),
        (TESTED, [0, 1, 12], "rows 0 to 9"),
        ([0.5], range(10), "whole row numbers"),
        ("abc", range(10), "list of row numbers"),
    ],
)
def test_leak_recognises_mistakes(test, train, hint):
    feedback = check.leak(test, train)
    assert not feedback.correct
    assert hint in feedback.message


def test_split_sizes_accepts_what_the_package_does():
    zeros = np.zeros((SPLIT_ROWS, 1))
    split = train_val_test_split(zeros, zeros[:, 0], SPLIT_FRACTIONS)
    sizes = len(split.y_train), len(split.y_val), len(split.y_test)
    assert sizes == (21, 2, 2)  # round(2.5) == 2 in Python
    assert check.split_sizes(*sizes).correct


@pytest.mark.parametrize(
    "sizes, hint",
    [
        ((20, 3, 2), "round(2.5) is 2"),
        ((19, 3, 3), "round(2.5) is 2"),
        ((20, 2, 2), "add up to 25"),
        ((20, 2.5, 2.5), "whole numbers"),
        ((23, 1, 1), "round(fraction * n)"),
    ],
)
def test_split_sizes_recognises_mistakes(sizes, hint):
    feedback = check.split_sizes(*sizes)
    assert not feedback.correct
    assert hint in feedback.message


def _pipeline(seed=0, scale_training=True, rows=slice(None)):
    X, y, _ = shop_data()
    scaler = Standardizer().fit(X[rows])
    settings = {**SHOP_SETTINGS, "seed": seed}
    train_X = scaler.transform(X) if scale_training else X
    return scaler, NetworkClassifier(**settings).fit(train_X, y)


@pytest.mark.parametrize("seed", [0, 1, 2, 4, 5])
def test_new_data_prediction_accepts_the_right_method_with_any_seed(seed):
    X_new, _ = new_shop_data()
    scaler, clf = _pipeline(seed)
    labels = clf.predict(scaler.transform(X_new))
    assert check.new_data_prediction(scaler, clf, labels).correct
    assert check.new_data_prediction(scaler, clf, list(labels)).correct


def test_new_data_prediction_recognises_mistakes():
    X, y, _ = shop_data()
    X_new, _ = new_shop_data()
    scaler, clf = _pipeline()
    right = clf.predict(scaler.transform(X_new))
    unscaled_new = clf.predict(X_new)
    assert not np.array_equal(right, unscaled_new)  # forgetting to scale matters here
    assert (
        "unscaled new rows"
        in check.new_data_prediction(scaler, clf, unscaled_new).message
    )
    assert (
        "not the labels"
        in check.new_data_prediction(scaler, clf, [1 - right[0], *right[1:]]).message
    )
    with pytest.warns(ConvergenceWarning):  # unscaled rows blow this run up
        raw_scaler, raw = _pipeline(scale_training=False)
    assert (
        "trained on unscaled rows"
        in check.new_data_prediction(
            raw_scaler, raw, raw.predict(raw_scaler.transform(X_new))
        ).message
    )
    six = Standardizer().fit(X[:6])
    assert "ten labelled rows" in check.new_data_prediction(six, clf, right).message
    other = NetworkClassifier(**{**SHOP_SETTINGS, "eta": 0.5}).fit(
        scaler.transform(X), y
    )
    assert "eta" in check.new_data_prediction(scaler, other, right).message
    partial = NetworkClassifier(**SHOP_SETTINGS).fit(scaler.transform(X[:6]), y[:6])
    assert (
        "not trained on the ten"
        in check.new_data_prediction(scaler, partial, right).message
    )
    assert (
        "0 (basket abandoned)"
        in check.new_data_prediction(scaler, clf, [2, 0, 0]).message
    )
    assert (
        "one label per new row"
        in check.new_data_prediction(scaler, clf, [0, 1]).message
    )
    assert "fitted" in check.new_data_prediction(Standardizer(), clf, right).message
    assert (
        "trained"
        in check.new_data_prediction(scaler, NetworkClassifier(), right).message
    )


@pytest.mark.parametrize("sizes", [30, (30,), [30], np.array([30]), np.int64(30)])
def test_new_data_prediction_takes_every_spelling_of_one_hidden_layer_of_30(sizes):
    X, y, _ = shop_data()
    X_new, _ = new_shop_data()
    scaler = Standardizer().fit(X)
    clf = NetworkClassifier(**{**SHOP_SETTINGS, "hidden_layer_sizes": sizes}).fit(
        scaler.transform(X), y
    )
    assert check.new_data_prediction(
        scaler, clf, clf.predict(scaler.transform(X_new))
    ).correct


@pytest.mark.parametrize("sizes", [31, (30, 30), (20,)])
def test_new_data_prediction_still_refuses_other_hidden_layers(sizes):
    X, y, _ = shop_data()
    X_new, _ = new_shop_data()
    scaler = Standardizer().fit(X)
    clf = NetworkClassifier(**{**SHOP_SETTINGS, "hidden_layer_sizes": sizes}).fit(
        scaler.transform(X), y
    )
    verdict = check.new_data_prediction(
        scaler, clf, clf.predict(scaler.transform(X_new))
    )
    assert not verdict.correct and "hidden_layer_sizes" in verdict.message


@pytest.mark.parametrize(
    "labels, words",
    [
        (None, "None"),
        ("010", "text"),
        ([0, 1j, 0], "complex"),
        ([0, 10**400, 1], "too large"),
    ],
)
def test_new_data_prediction_reports_malformed_labels(labels, words):
    scaler, clf = _pipeline()
    verdict = check.new_data_prediction(scaler, clf, labels)
    assert not verdict.correct and words in verdict.message


@pytest.mark.parametrize(
    "rows, words",
    [
        (MASK, "True/False"),
        (10**400, "too large"),
        ([0, None], "None"),
        ([1j], "complex"),
    ],
)
def test_leak_reports_malformed_rows(rows, words):
    verdict = check.leak(rows, range(10))
    assert not verdict.correct and words in verdict.message


# mu=0.9 blows the run up, and its fit warns; what is pinned here is the check's verdict
@pytest.mark.filterwarnings("ignore::ffnn_edu.nn.classifier.ConvergenceWarning")
@pytest.mark.parametrize("extra", [dict(dropout=0.5), dict(lam=0.1), dict(mu=0.9)])
def test_new_data_prediction_refuses_settings_the_chapter_does_not_use(extra):
    X, y, _ = shop_data()
    X_new, _ = new_shop_data()
    scaler = Standardizer().fit(X)
    clf = NetworkClassifier(**{**SHOP_SETTINGS, **extra}).fit(scaler.transform(X), y)
    verdict = check.new_data_prediction(
        scaler, clf, clf.predict(scaler.transform(X_new))
    )
    assert not verdict.correct and next(iter(extra)) in verdict.message


def test_new_data_prediction_survives_a_setting_changed_to_an_array_after_fit():
    scaler, clf = _pipeline()
    clf.set_params(eta=np.array([2.0, 2.0]))
    verdict = check.new_data_prediction(scaler, clf, [0, 1, 0])
    assert not verdict.correct and "eta" in verdict.message


def test_new_data_prediction_counts_hidden_layer_sizes_set_after_fit_before_reading():
    """Issue 16 (E): ten million sizes set after fit were read one by one (18 s)."""
    from ffnn_edu.nn.network import MAX_LAYERS

    scaler, clf = _pipeline()
    clf.set_params(hidden_layer_sizes=[object()] * (MAX_LAYERS + 1))  # never read
    verdict = check.new_data_prediction(scaler, clf, [0, 1, 0])
    assert verdict.message == (
        "Use the chapter's settings (only the seed may differ); these differ: "
        "hidden_layer_sizes."
    )


def test_new_data_prediction_says_the_shape_of_the_labels_and_what_it_holds():
    """Issue 16, kind D: "Give one label per new row (3), got shape (2,)"."""
    scaler, clf = _pipeline()
    assert check.new_data_prediction(scaler, clf, [[0, 1, 0]]).message == (
        "Your list of labels must have shape (3,): one label per new row of "
        "new_shop_data(), in its order; got shape (1, 3)."
    )


def test_new_data_prediction_reports_a_classifier_trained_on_two_inputs():
    X, y, _ = shop_data()
    scaler = Standardizer().fit(X)
    clf = NetworkClassifier(**SHOP_SETTINGS).fit(scaler.transform(X)[:, :2], y)
    verdict = check.new_data_prediction(scaler, clf, [0, 1, 0])
    assert not verdict.correct and "all three inputs" in verdict.message


def _fitted_on(labels, seed=0):
    """The chapter's classifier, fitted on the ten scaled rows with ``labels``."""
    X, _, _ = shop_data()
    scaler = Standardizer().fit(X)
    settings = {**SHOP_SETTINGS, "seed": seed}
    return scaler, NetworkClassifier(**settings).fit(scaler.transform(X), labels)


def test_new_data_prediction_accepts_an_unseeded_run_and_still_judges_its_labels():
    """Issue 16: with seed=None the check used to refit and blame the data ("not
    trained on the ten scaled labelled rows"), later to ask for a seed. It reads the
    training rows off what needs no seed: the network's loss on the ten rows is the
    last training loss its history recorded."""
    X, y, _ = shop_data()
    X_new, _ = new_shop_data()
    # an unseeded run differs every time; take one whose labels for scaled and for
    # unscaled new rows differ, so that each answer below means one thing
    for _ in range(50):
        scaler, clf = _fitted_on(y, seed=None)
        right = clf.predict(scaler.transform(X_new))
        unscaled = clf.predict(X_new)
        if list(right) != list(unscaled):
            break
    assert check.new_data_prediction(scaler, clf, right).correct
    assert clf.get_params()["seed"] is None  # the check did not change the classifier
    wrong = check.new_data_prediction(scaler, clf, [2, 0, 0])
    assert wrong.message == "Each label is 0 (basket abandoned) or 1 (purchase)."
    # a wrong answer that is neither the right labels nor the unscaled rows' labels
    wrong_labels = next(
        labels
        for labels in itertools.product((0, 1), repeat=len(right))
        if list(labels) not in (list(right), list(unscaled))
    )
    other = check.new_data_prediction(scaler, clf, list(wrong_labels))
    assert "not the labels" in other.message
    unseeded = {**SHOP_SETTINGS, "seed": None}
    partial = NetworkClassifier(**unseeded).fit(scaler.transform(X[:6]), y[:6])
    verdict = check.new_data_prediction(scaler, partial, [0, 1, 0])
    assert "not trained on the ten" in verdict.message


def _reordered(order, seed=0):
    """The chapter's scaler and network, fitted on the ten rows taken in ``order``."""
    X, y, _ = shop_data()
    scaler = Standardizer().fit(X[order])
    settings = {**SHOP_SETTINGS, "seed": seed}
    return scaler, NetworkClassifier(**settings).fit(
        scaler.transform(X[order]), y[order]
    )


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_new_data_prediction_accepts_the_ten_rows_in_any_order(seed):
    """Issue 16: the check refitted on the file's order, and with minibatches of 2 the
    order changes the network, so the rows of a split put back together (train, val,
    test) got "not trained on the ten scaled labelled rows"."""
    X, y, _ = shop_data()
    X_new, _ = new_shop_data()
    split = train_val_test_split(X, y, (0.8, 0.1, 0.1), seed=seed)
    order = np.concatenate([split.indices[k] for k in ("train", "val", "test")])
    shuffled = np.random.default_rng(seed).permutation(len(y))
    for rows in (order, shuffled):
        assert sorted(rows) == list(range(10)) and list(rows) != list(range(10))
        scaler, clf = _reordered(rows, seed)
        file_order = NetworkClassifier(**{**SHOP_SETTINGS, "seed": seed})
        file_order.fit(scaler.transform(X), y)
        new = scaler.transform(X_new)
        # the order matters to the network (that is why the refit failed)
        assert not np.allclose(clf.predict_proba(new), file_order.predict_proba(new))
        assert check.new_data_prediction(scaler, clf, clf.predict(new)).correct


def test_new_data_prediction_accepts_the_split_put_back_together_as_in_the_issue():
    """The reviewer's pipeline: vstack of a split's three parts, no seed given."""
    X, y, _ = shop_data()
    X_new, _ = new_shop_data()
    sp = train_val_test_split(X, y, (0.8, 0.1, 0.1))
    X_all = np.vstack([sp.X_train, sp.X_val, sp.X_test])
    y_all = np.concatenate([sp.y_train, sp.y_val, sp.y_test])
    scaler = Standardizer().fit(X_all)
    clf = NetworkClassifier(**SHOP_SETTINGS).fit(scaler.transform(X_all), y_all)
    verdict = check.new_data_prediction(
        scaler, clf, clf.predict(scaler.transform(X_new))
    )
    assert verdict.correct, verdict.message


@pytest.mark.parametrize(
    "rows, labels",
    [
        (np.r_[0:10, 0:10], np.r_[0:10, 0:10]),  # every row twice
        (np.r_[0:9, 0], np.r_[0:9, 0]),  # row 9 missing, row 0 twice
        (np.arange(10), np.r_[1:10, 0]),  # the labels shifted by one row
    ],
    ids=["twice", "one-row-repeated", "labels-off-by-one"],
)
def test_new_data_prediction_refuses_other_rows_whatever_their_order(rows, labels):
    X, y, _ = shop_data()
    scaler = Standardizer().fit(X)
    clf = NetworkClassifier(**SHOP_SETTINGS).fit(scaler.transform(X)[rows], y[labels])
    verdict = check.new_data_prediction(scaler, clf, [0, 1, 0])
    assert not verdict.correct
    assert "not trained on the ten scaled labelled rows" in verdict.message
    assert "in any order" in verdict.message


@pytest.mark.parametrize("seed", [0, 3])
@pytest.mark.parametrize(
    "rename",
    [
        lambda y: np.where(y == 1, "buy", "leave"),  # classes_ put the purchase first
        lambda y: np.where(y == 1, "yes", "no"),
        lambda y: y == 1,
        lambda y: np.where(y == 1, 7, 3),
    ],
)
def test_new_data_prediction_accepts_labels_of_any_kind(rename, seed):
    """Issue 16: a classifier fitted on "buy"/"leave" got "not trained on the ten
    scaled labelled rows", since its predict_proba columns are in the other order."""
    _, y, _ = shop_data()
    X_new, _ = new_shop_data()
    scaler, clf = _fitted_on(rename(y), seed)
    labels = clf.predict(scaler.transform(X_new))
    assert check.new_data_prediction(scaler, clf, labels).correct
    assert check.new_data_prediction(scaler, clf, list(labels)).correct


def test_new_data_prediction_judges_renamed_labels_in_their_own_names():
    _, y, _ = shop_data()
    X, _, _ = shop_data()
    X_new, _ = new_shop_data()
    scaler, clf = _fitted_on(np.where(y == 1, "buy", "leave"))
    right = clf.predict(scaler.transform(X_new))
    assert (
        check.new_data_prediction(scaler, clf, ["buy", "x", "buy"]).message
        == "Each label is 'leave' (basket abandoned) or 'buy' (purchase)."
    )
    assert (
        "classes are text" in check.new_data_prediction(scaler, clf, [1, 0, 1]).message
    )
    unscaled_new = clf.predict(X_new)
    assert not np.array_equal(right, unscaled_new)  # forgetting to scale matters here
    assert (
        "unscaled new rows"
        in check.new_data_prediction(scaler, clf, unscaled_new).message
    )
    with pytest.warns(ConvergenceWarning):  # unscaled rows blow this run up
        raw = NetworkClassifier(**SHOP_SETTINGS).fit(
            X, np.where(y == 1, "buy", "leave")
        )
    assert (
        "trained on unscaled rows"
        in check.new_data_prediction(
            scaler, raw, raw.predict(scaler.transform(X_new))
        ).message
    )


def test_new_data_prediction_names_labels_swapped_to_one_for_an_abandoned_basket():
    _, y, _ = shop_data()
    X_new, _ = new_shop_data()
    scaler, clf = _fitted_on(1 - y)
    verdict = check.new_data_prediction(
        scaler, clf, clf.predict(scaler.transform(X_new))
    )
    assert not verdict.correct and "labels swapped" in verdict.message


def test_new_data_prediction_refuses_a_classifier_of_three_classes():
    scaler, clf = _fitted_on(np.arange(10) % 3)
    verdict = check.new_data_prediction(scaler, clf, [0, 1, 0])
    assert not verdict.correct and "learned 3 classes" in verdict.message


@pytest.mark.parametrize("seed", [0, 1, None])
@pytest.mark.parametrize(
    "pipeline",
    ["rounded after scaling", "scaler fitted on float32 rows", "float32 rows scaled"],
)
def test_new_data_prediction_accepts_rows_rounded_to_float32(pipeline, seed):
    """Issue 16, kind D: ``scaler.transform(X).astype(np.float32)`` got "it saw other
    rows, fewer or more of them, or other labels": its losses, compared at 1e-9 of
    each other, differ from the float64 rows' by the float32 rounding (about 1e-8)."""
    X, y, _ = shop_data()
    X_new, _ = new_shop_data()
    f32 = X.astype(np.float32)
    scaler = Standardizer().fit(
        f32 if pipeline == "scaler fitted on float32 rows" else X
    )
    rows = {
        "rounded after scaling": lambda: scaler.transform(X).astype(np.float32),
        "scaler fitted on float32 rows": lambda: scaler.transform(f32),
        "float32 rows scaled": lambda: scaler.transform(f32),
    }[pipeline]()
    clf = NetworkClassifier(**{**SHOP_SETTINGS, "seed": seed}).fit(rows, y)
    for new in (scaler.transform(X_new), scaler.transform(X_new).astype(np.float32)):
        verdict = check.new_data_prediction(scaler, clf, clf.predict(new))
        assert verdict.correct, verdict.message


def test_new_data_prediction_still_refuses_other_float32_rows():
    X, y, _ = shop_data()
    scaler = Standardizer().fit(X)
    rows = scaler.transform(X).astype(np.float32)
    flipped = y.copy()
    flipped[3] = 1 - flipped[3]
    for clf in (
        NetworkClassifier(**SHOP_SETTINGS).fit(rows[:9], y[:9]),
        NetworkClassifier(**SHOP_SETTINGS).fit(rows, flipped),
    ):
        verdict = check.new_data_prediction(scaler, clf, [0, 1, 0])
        assert "not trained on the ten scaled labelled rows" in verdict.message


def test_new_data_prediction_accepts_rows_rounded_to_float16_after_scaling():
    X, y, _ = shop_data()
    X_new, _ = new_shop_data()
    scaler = Standardizer().fit(X)
    clf = NetworkClassifier(**SHOP_SETTINGS).fit(
        scaler.transform(X).astype(np.float16), y
    )
    verdict = check.new_data_prediction(
        scaler, clf, clf.predict(scaler.transform(X_new))
    )
    assert verdict.correct, verdict.message


def test_new_data_prediction_names_float16_rounding_before_scaling_not_other_rows():
    """Rows rounded to float16 before scaling move the losses by about 1e-5 of them,
    more than the check can tell from other rows: it names the precision."""
    X, y, _ = shop_data()
    f16 = X.astype(np.float16)
    scaler = Standardizer().fit(X)
    clf = NetworkClassifier(**SHOP_SETTINGS).fit(scaler.transform(f16), y)
    verdict = check.new_data_prediction(scaler, clf, [0, 1, 0])
    assert not verdict.correct
    assert verdict.message.startswith(
        "The classifier seems to have been fitted on the ten rows rounded to float16"
    )
    assert "other rows, fewer or more" not in verdict.message
    rounded_scaler = Standardizer().fit(f16)
    verdict = check.new_data_prediction(rounded_scaler, clf, [0, 1, 0])
    assert verdict.message == (
        "The scaler seems to have been fitted on the ten rows rounded to float16 (half "
        "precision, about 3 significant digits) at some step, and its constants are "
        "off by that rounding. Keep the rows in float64 (numpy's default) or float32."
    )


def test_leak_names_the_two_answers_swapped():
    """Issue 16, kind D: leak(train_rows, test_rows) sent the learner after the test
    rows ("the rows whose random number is not below 0.5"), which were right."""
    verdict = check.leak(list(range(10)), TESTED)
    assert verdict.message == (
        "Both answers are right, but in each other's place: the check takes the test "
        "rows first, then the training rows, leak(test_rows, train_rows)."
    )


@pytest.mark.parametrize(
    "collect",
    [
        set,
        frozenset,
        tuple,
        np.array,
        lambda rows: dict.fromkeys(rows).keys(),
        lambda rows: (r for r in rows),
        lambda rows: map(int, rows),
    ],
    ids=["set", "frozenset", "tuple", "array", "dict-keys", "generator", "map"],
)
def test_leak_accepts_the_rows_in_any_collection(collect):
    """Issue 16, kind D: sets (the check compares sets itself) were told "Give
    test_rows as a list of row numbers"."""
    verdict = check.leak(collect(TESTED), collect(range(10)))
    assert verdict.correct, verdict.message


def test_split_sizes_names_right_sizes_in_another_order():
    """Issue 16, kind D: the right sizes in another order got the generic hint."""
    for sizes in ((2, 21, 2), (2, 2, 21)):
        assert check.split_sizes(*sizes).message == (
            "Right sizes, wrong order: training first, then validation, then test."
        )


def test_new_data_prediction_names_scaler_and_classifier_swapped():
    scaler, clf = _pipeline()
    verdict = check.new_data_prediction(clf, scaler, [0, 1, 0])
    assert verdict.message.startswith(
        "The scaler and the classifier are in each other's place"
    )


@pytest.mark.parametrize(
    "rows, held",
    [
        (range(10**12), "hold 1000000000000 entries"),
        (itertools.count(), "go on past 10 entries"),
        (np.arange(11), "hold 11 entries"),
        (list(range(11)), "hold 11 entries"),
    ],
)
def test_leak_counts_the_rows_before_reading_them(rows, held):
    """Issue 16, kind E: leak read any iterable to its end with list() first, so
    range(10**8) took gigabytes and itertools.count() never ended. More entries than
    the table's 10 rows are refused, counted first (an iterator read to its 11th)."""
    verdict = check.leak(rows, [0, 1])
    assert verdict.message == (
        "The shop table has 10 rows (0 to 9), and each goes in at most once; your "
        f"test rows {held}."
    )
    assert check.leak(TESTED, rows).message.endswith(f"your training rows {held}.")
    assert check.leak(iter(TESTED), (r for r in range(10))).correct
