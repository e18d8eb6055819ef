"""nn.validation: every checker once, and a wrong type raises TypeError as the docstring
promises."""

import inspect
import re
import warnings
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork, NetworkClassifier
from ffnn_edu.nn import activations
from ffnn_edu.nn.datasets import two_moons
from ffnn_edu.nn.delta_rule import delta_rule_update, linear_neuron
from ffnn_edu.nn.logistic_neuron import logistic_rule_gradient, logistic_rule_update
from ffnn_edu.nn.neuron import layer_logits
from ffnn_edu.nn.perceptron import Perceptron, perceptron_update, threshold_unit
from ffnn_edu.nn.preprocessing import Standardizer, train_val_test_split
from ffnn_edu.nn.validation import (
    InputTypeError,
    KnownKeywords,
    NotFittedError,
    UnknownNameError,
    apart,
    array,
    as_array,
    as_labels,
    as_samples,
    beyond_float64,
    bounded_list,
    check_count,
    check_number,
    check_probability_rows,
    check_seed,
    check_sizes,
    check_work,
    checked,
    did_you_mean,
    dropout_rate,
    epoch_number,
    exactly,
    flag,
    known_names,
    labels,
    matrix,
    optional_count,
    positive,
    probability_tolerance,
    random_generator,
    refuses_unknown_keywords,
    rows_match,
    samples,
    scalar,
    shown,
    suggest_name,
    takes,
    validation_pair,
    values,
    vector,
)
from ffnn_edu.show.display import show_source

from helpers import raises


@pytest.mark.parametrize("checker", [array, vector, matrix, values, scalar, as_samples])
def test_none_where_numbers_belong_raises_type_error(checker):
    with pytest.raises(TypeError, match=r"^x must be an array of numbers, not None$"):
        checker(None, "x")


@pytest.mark.parametrize(
    "value",
    [[1.0, None], [[1.0, 2.0], [None, 3.0]], np.array([1.0, None], dtype=object)],
)
def test_none_inside_an_array_raises_type_error(value):
    with pytest.raises(
        TypeError, match=r"^X must be an array of numbers, but it holds None$"
    ):
        as_array(value, "X")


def test_nan_is_still_a_value_error():
    with pytest.raises(ValueError, match="finite numbers"):
        as_array([1.0, np.nan], "x")


@pytest.mark.parametrize(
    "value, shown, where",
    [
        (np.array([1.0, np.longdouble("1e4000")], dtype=np.longdouble), "1e+4000", 1),
        (np.array([np.longdouble("-1e4000"), 1.0]), "-1e+4000", 0),
        ([1, 10**400], "1e+400", 1),
        ([1.0, Decimal("2.5e400")], "2.5e+400", 1),
        ([Fraction(10**400, 3), 1], "3.3333e+399", 0),
    ],
    ids=["longdouble", "negative-longdouble", "int", "decimal", "fraction"],
)
def test_a_finite_number_beyond_float64_is_named_not_called_infinity(
    value, shown, where
):
    # issue 16, kind D: a longdouble 1e4000 was "NaN or infinity" (the cast to float64
    # made it inf), a Python int 10**400 a bare OverflowError naming no argument
    message = (
        "X must hold numbers within float64's range (magnitudes up to about 1.8e308), "
        f"but it holds {shown} at index ({where},)"
    )
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        as_array(value, "X")


def test_a_single_number_beyond_float64_is_named():
    with pytest.raises(ValueError, match=r"^x must be a number within float64's range"):
        as_array(10**400, "x")


class _ArrayOnly:
    """An array-like with ``__array__`` and no ``__getitem__`` (a table wrapper)."""

    def __init__(self, rows):
        self.rows = rows

    def __array__(self, dtype=None, copy=None):
        return np.asarray(self.rows, dtype=dtype)


def _matrix(rows, dtype=None):
    """An ``np.matrix`` (what scipy.sparse's .todense() returns), deprecated."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        return np.matrix(rows, dtype=dtype)


# The forms of X a learner may pass, each built from nested lists.
_FORMS = {
    "matrix": _matrix,
    "array-only": _ArrayOnly,
    "list": lambda rows: rows,
    "tuple": lambda rows: tuple(tuple(row) for row in rows),
    "ndarray": np.array,  # float64, longdouble or object, as its entries need
}


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf], ids=["nan", "inf", "-inf"])
@pytest.mark.parametrize("form", _FORMS.values(), ids=_FORMS.keys())
def test_nan_or_infinity_is_named_with_its_index_whatever_form_x_takes(form, bad):
    # issue 16 (a fresh review): the look-up of a non-finite entry indexed X itself,
    # value[1][1]: an np.matrix raised IndexError (its row is a 1 x 2 matrix), an object
    # with only __array__ "TypeError: ... not subscriptable"
    message = (
        "X must contain only finite numbers, but it contains NaN or infinity at "
        "index (1, 1)"
    )
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        as_array(form([[0.0, 1.0], [1.0, bad], [2.0, 0.0]]), "X")


@pytest.mark.parametrize(
    "big, shown",
    [
        (10**400, "1e+400"),
        (np.longdouble("1e4000"), "1e+4000"),
        (Decimal("-1e400"), "-1e+400"),
    ],
    ids=["int", "longdouble", "decimal"],
)
@pytest.mark.parametrize("form", _FORMS.values(), ids=_FORMS.keys())
def test_a_number_beyond_float64_is_named_whatever_form_x_takes(form, big, shown):
    # issue 16 (a fresh review): the same look-up, for a finite number too large
    message = (
        "X must hold numbers within float64's range (magnitudes up to about 1.8e308), "
        f"but it holds {shown} at index (1, 1)"
    )
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        as_array(form([[0, 1], [1, big], [2, 0]]), "X")


def test_a_longdouble_matrix_beyond_float64_is_named_without_a_warning():
    X = _matrix([[0.0, 1.0], [1.0, 2.0]], dtype=np.longdouble)
    X[1, 0] = np.longdouble("-1e4000")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"holds -1e\+4000 at index \(1, 0\)$"):
            as_array(X, "X")


@pytest.mark.parametrize(
    "entry, beyond",
    [
        (10**400, True),
        (Decimal("-1e400"), True),
        (Fraction(10**400, 3), True),
        (np.longdouble("1e4000"), True),
        (10**308, False),
        (1e308, False),
        (np.inf, False),
        (Decimal("Infinity"), False),
        (Decimal("NaN"), False),
        ("1e400", False),
        (1 + 2j, False),
        (None, False),
    ],
)
def test_beyond_float64_is_true_only_for_a_finite_number_float64_cannot_hold(
    entry, beyond
):
    assert beyond_float64(entry) is beyond


@pytest.mark.parametrize("value", [[Decimal("Infinity")], [Decimal("NaN")]])
def test_an_infinite_or_nan_decimal_is_still_not_finite(value):
    with pytest.raises(ValueError, match="contains NaN or infinity at index"):
        as_array(value, "x")


def test_decimals_and_fractions_within_range_are_read_as_floats():
    assert as_array([Decimal("1.5"), Fraction(1, 4)], "x").tolist() == [1.5, 0.25]


@pytest.mark.parametrize("value", [None, {"a": 1}, "yes", b"no", object()])
def test_labels_that_are_no_list_raise_type_error(value):
    with pytest.raises(
        TypeError, match=r"^y must be a list or 1-D array of class labels"
    ):
        as_labels(value, "y")
    with pytest.raises(TypeError):
        labels(value, "y")


def test_a_single_number_as_labels_is_still_a_value_error():
    with pytest.raises(ValueError, match="must be 1-D"):
        as_labels(3, "y")


def test_epoch_number_is_a_count_from_zero_up_to_two_to_the_53():
    assert epoch_number(0, "epoch") == 0 and epoch_number(2**53, "epoch") == 2**53
    with pytest.raises(ValueError, match=r"^epoch must be at most 2\*\*53"):
        epoch_number(2**53 + 1, "epoch")
    with pytest.raises(TypeError, match=r"^epoch must be an integer >= 0"):
        epoch_number(1.0, "epoch")


def test_dropout_rate_is_zero_up_to_but_not_one():
    assert dropout_rate(0, "rate") == 0.0 and dropout_rate(0.99, "rate") == 0.99
    with pytest.raises(ValueError, match=r"^rate must be < 1"):
        dropout_rate(1.0, "rate")


def test_random_generator_refuses_other_random_states_with_type_error_and_says_why():
    rng = np.random.default_rng(0)
    assert random_generator("it shuffles")(rng, "rng") is rng
    with pytest.raises(
        TypeError,
        match=r"^rng must be a numpy\.random\.Generator, such as "
        r"numpy\.random\.default_rng\(0\) \(it shuffles\), but "
        r"it is RandomState",
    ):
        random_generator("it shuffles")(np.random.RandomState(0), "rng")


def test_validation_pair_is_none_or_two_things():
    assert validation_pair(None, "validation") is None
    assert validation_pair([1, 2], "validation") == [1, 2]
    with pytest.raises(TypeError, match=r"^validation_data must be a pair .* a str$"):
        validation_pair("ab", "validation_data")


def test_takes_says_whether_a_function_accepts_n_positional_arguments():
    assert takes(lambda a, b, c: None, 3) and not takes(lambda a: None, 3)
    assert takes(print, 3)


def test_object_labels_must_be_finite_numbers():
    with pytest.raises(ValueError, match="y must contain only finite numbers"):
        as_labels(np.array([0.0, np.nan], dtype=object), "y")


X4 = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])

XOR = np.array([0, 1, 1, 0])


@pytest.mark.parametrize(
    "seed,error",
    [(-1, ValueError), (1.5, TypeError), ("a", TypeError), (True, TypeError)],
)
def test_bad_seeds_are_refused_by_name_everywhere(seed, error):
    for call in (
        lambda: FeedForwardNetwork((2, 2, 1), seed=seed),
        lambda: NetworkClassifier(epochs=1, seed=seed).fit(X4, XOR),
        lambda: train_val_test_split(X4, XOR, seed=seed),
        lambda: two_moons(20, seed=seed),
        lambda: check_seed(seed),
    ):
        raises(error, "seed must be a whole number >= 0", call)


def test_seed_none_means_an_unrepeatable_start():
    assert check_seed(None) is None
    FeedForwardNetwork((2, 1), seed=None)


@pytest.mark.parametrize(
    "bad",
    [
        np.array([[1 + 5j, 1]]),
        np.array([[1 + 0j, 1]]),
        [[1 + 2j, 1]],
        [np.complex128(1), 1.0],
    ],
)
def test_complex_numbers_are_refused_not_cut_to_their_real_part(bad):
    raises(TypeError, "X must hold real numbers", lambda: as_array(bad, "X"))
    raises(
        TypeError,
        "X must hold real numbers",
        lambda: FeedForwardNetwork((2, 1)).forward(bad),
    )


def test_perceptron_and_standardizer_before_fit_raise_not_fitted_error():
    message = raises(
        NotFittedError, "Perceptron is not fitted", lambda: Perceptron().predict(X4)
    )
    assert "fit(X, t)" in message
    raises(
        NotFittedError,
        "Standardizer is not fitted",
        lambda: Standardizer().transform([[1.0, 2.0]]),
    )
    raises(
        NotFittedError, "Perceptron is not fitted", lambda: Perceptron().score(X4, XOR)
    )


@pytest.mark.parametrize(
    "value,error",
    [
        (None, TypeError),
        ("10", TypeError),
        (2.0, TypeError),
        (True, TypeError),
        (0, ValueError),
        (-3, ValueError),
    ],
)
def test_check_count_tells_a_wrong_type_from_a_wrong_value(value, error):
    raises(
        error, "epochs must be an integer >= 1", lambda: check_count(value, "epochs")
    )


def test_optional_count_passes_none_and_checks_anything_else_as_a_count():
    assert optional_count(None, "patience") is None
    assert optional_count(np.int64(5), "patience") == 5
    assert type(optional_count(np.int64(5), "patience")) is int
    raises(
        ValueError,
        "patience must be an integer >= 1, but it is 0",
        lambda: optional_count(0, "patience"),
    )
    raises(
        TypeError,
        "patience must be an integer >= 1",
        lambda: optional_count(2.0, "patience"),
    )


SHOWN = [
    layer_logits,
    threshold_unit,
    perceptron_update,
    linear_neuron,
    delta_rule_update,
    logistic_rule_gradient,
    logistic_rule_update,
    activations.sigmoid_kernel,
    activations.sigmoid_output_slope,
    FeedForwardNetwork.run_forward,
    FeedForwardNetwork.run_backward,
    NetworkClassifier.fit,
]

CHECK_WORDS = ("as_array", "as_samples", "check_", "raise ", "isinstance", "ndim")


def _body(function):
    """The function's code after its docstring."""
    source = inspect.getsource(inspect.unwrap(function))
    doc = function.__doc__
    if doc:
        source = source.split('"""', 2)[-1]
    return source


@pytest.mark.parametrize("function", SHOWN, ids=lambda f: f.__qualname__)
def test_shown_functions_are_maths_without_checks(function):
    body = _body(function)
    assert not [word for word in CHECK_WORDS if word in body], body
    assert len([line for line in body.splitlines() if line.strip()]) <= 14


@pytest.mark.parametrize(
    "function",
    [
        layer_logits,
        threshold_unit,
        perceptron_update,
        linear_neuron,
        delta_rule_update,
        logistic_rule_gradient,
        logistic_rule_update,
        NetworkClassifier.fit,
    ],
)
def test_show_source_shows_the_declared_checks_above_the_function(function):
    shown = show_source(function).data
    assert shown.lstrip().startswith("@checked(")
    assert f"def {function.__name__}(" in shown


def test_the_decorator_checks_converts_and_relates_arguments():
    @checked(rows_match("x", "t"), x=samples, t=values, eta=positive)
    def step(x, t, eta=1.0):
        return x, t, eta

    x, t, eta = step([1.0, 2.0], 3)
    assert x.shape == (1, 2) and t.tolist() == [3.0] and eta == 1.0
    with pytest.raises(ValueError, match="eta must be > 0"):
        step([1.0, 2.0], 3, eta=0)
    with pytest.raises(ValueError, match="x and t must have the same number of rows"):
        step([[1.0], [2.0]], [1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="missing a required argument: 't'"):
        step([1.0])
    assert step.__wrapped__("x", "t", "eta") == ("x", "t", "eta")  # the bare function


def test_a_misspelt_keyword_of_a_checked_function_is_named_with_the_one_meant():
    """Issue 16, fresh review: a checked __init__ was called "__init__()", and a
    misspelt keyword got no hint."""

    class Box:
        @checked(eta=positive)
        def __init__(self, x, *, eta=1.0, epochs=3): ...

    with pytest.raises(UnknownNameError) as refused:
        Box(1, epoch=5)
    assert str(refused.value) == (
        "Box() got an unknown keyword argument 'epoch'; the keyword arguments are x, "
        "eta and epochs; did you mean 'epochs'?"
    )
    with pytest.raises(TypeError, match=r"^Box\(\) missing a required argument"):
        Box()


def test_python_argument_errors_of_a_checked_function_name_the_function():
    # issue 16: signature.bind's TypeError dropped the function's name
    from ffnn_edu import NetworkClassifier
    from ffnn_edu.nn.network import FeedForwardNetwork
    from ffnn_edu.nn.training import train

    X, y = np.zeros((4, 2)), np.array([0.0, 1.0, 0.0, 1.0])
    with pytest.raises(
        TypeError, match=r"^fit\(\) got an unknown keyword argument 'weights'; the"
    ):
        NetworkClassifier().fit(X, y, weights=y)  # sample_weight: test_classifier.py
    with pytest.raises(TypeError, match=r"^fit\(\) missing a required argument: 'y'$"):
        NetworkClassifier().fit(X)
    with pytest.raises(
        TypeError, match=r"^train\(\) got an unknown keyword argument 'lr'; the"
    ):
        train(FeedForwardNetwork((2, 1)), X, y, lr=0.1)

    @checked(x=samples)
    def step(x):
        return x

    with pytest.raises(TypeError, match=r"^step\(\) too many positional arguments$"):
        step([1.0], 2.0)


def test_a_checker_for_a_missing_parameter_is_caught_when_declared():
    with pytest.raises(TypeError, match=r"has no parameter.*eta"):

        @checked(eta=positive)
        def step(x):
            return x


def test_checked_functions_compute_what_they_did():
    assert delta_rule_update(
        [0.23, 0.15, 0.27], 3.0, [6, 3, 3], eta=1 / 3
    ) == pytest.approx([6.0276, 3.018, 3.0324], abs=1e-4)
    step = perceptron_update(np.array([0.3, 0.4]), 0, [2, -3], 0.5)
    assert step.case == "correct" and step.prediction == 0
    step = perceptron_update([0.3, 0.4], 0, [2, 3], 0.5)
    assert step.case == "subtract" and step.w.tolist() == [1.7, 2.6] and step.b == -0.5


def test_unchecked_runs_the_body_of_a_checked_function_or_bound_method_without_checks():
    from ffnn_edu import GradientDescent
    from ffnn_edu.nn.validation import unchecked

    w = np.array([1.0])
    with pytest.raises(
        ValueError, match="grads must hold one gradient per parameter array"
    ):
        GradientDescent(0.5).step([w], [], 0)  # checked: refused
    unchecked(GradientDescent(0.5).step)([w], [np.array([1.0])], 0)  # the body alone
    assert w.tolist() == [0.5]
    assert unchecked(delta_rule_update) is delta_rule_update.__wrapped__
    assert unchecked(len) is len  # nothing to unwrap: itself


TYPED_CALLS = """
from ffnn_edu import GradientDescent
from ffnn_edu.nn.delta_rule import delta_rule_update
from ffnn_edu.nn.validation import unchecked
reveal_type(delta_rule_update)
delta_rule_update([1.0], 2.0)
GradientDescent(0.5).step([], [], epoch="0")
reveal_type(unchecked(GradientDescent(0.5).step))
"""


def test_checked_and_unchecked_keep_the_signature_for_a_type_checker(tmp_path):
    """@checked is typed with a ParamSpec: mypy sees the wrapped function's params."""
    api = pytest.importorskip("mypy.api")
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    (tmp_path / "calls.py").write_text(TYPED_CALLS)
    report, _, _ = api.run(
        [
            str(tmp_path / "calls.py"),
            "--follow-imports=silent",
            "--no-incremental",
            "--cache-dir=/dev/null",
            "--config-file=" + str(root / "pyproject.toml"),
        ]
    )
    assert 'Revealed type is "def (x: ' in report  # not "Any" or "def (*Any)"
    assert (
        'Missing positional arguments "w", "eta" in call to "delta_rule_update"'
        in report
    )
    assert (
        'Argument "epoch" to "step" of "GradientDescent" has incompatible type "str"'
        in report
    )
    # no self
    assert 'Revealed type is "def (params: typing.Sequence[numpy.ndarray[' in report
    assert 'epoch: int)"' in report


def _fake_scikit_learn(monkeypatch):
    """A stand-in for ``sklearn.exceptions`` in ``sys.modules`` (no scikit-learn)."""
    import sys
    import types

    fake = types.ModuleType("sklearn.exceptions")

    class NotFittedError(ValueError, AttributeError):
        pass

    class DataConversionWarning(UserWarning):
        pass

    fake.NotFittedError, fake.DataConversionWarning = (
        NotFittedError,
        DataConversionWarning,
    )
    monkeypatch.setitem(sys.modules, "sklearn.exceptions", fake)
    return fake


def test_not_fitted_error_is_also_scikit_learns_once_scikit_learn_is_loaded(
    monkeypatch,
):
    fake = _fake_scikit_learn(monkeypatch)
    for model in (NetworkClassifier(), Perceptron(), Standardizer()):
        with pytest.raises(fake.NotFittedError) as info:
            (model.transform if isinstance(model, Standardizer) else model.predict)(
                [[0.0, 1.0]]
            )
        assert isinstance(info.value, NotFittedError)
        assert type(info.value).__name__ == "NotFittedError"
        assert "is not fitted yet" in str(info.value)
    # one class per pair: the same class every time
    from ffnn_edu.nn.validation import scikit_learn_twin

    assert scikit_learn_twin(NotFittedError, "NotFittedError") is scikit_learn_twin(
        NotFittedError, "NotFittedError"
    )


def test_not_fitted_error_is_the_packages_own_without_scikit_learn(monkeypatch):
    import sys

    from ffnn_edu.nn.validation import DataConversionWarning, scikit_learn_twin

    monkeypatch.delitem(sys.modules, "sklearn.exceptions", raising=False)
    assert scikit_learn_twin(NotFittedError, "NotFittedError") is NotFittedError
    assert scikit_learn_twin(DataConversionWarning, "DataConversionWarning") is (
        DataConversionWarning
    )
    with pytest.raises(NotFittedError) as info:
        NetworkClassifier().predict([[0.0, 1.0]])
    assert type(info.value) is NotFittedError


def test_a_column_of_labels_warns_scikit_learns_data_conversion_warning_too(
    monkeypatch,
):
    from ffnn_edu.nn.validation import DataConversionWarning

    fake = _fake_scikit_learn(monkeypatch)
    X, y = two_moons(20, seed=0)
    with pytest.warns(fake.DataConversionWarning) as warned:
        # enough epochs to learn: after one the loss ended above the class
        # frequencies' (review 17, fault 6 warns of that)
        NetworkClassifier(epochs=10).fit(X, y[:, np.newaxis])
    assert isinstance(warned[0].message, DataConversionWarning)


def test_bounded_list_counts_before_it_reads_and_reads_an_iterator_no_further():
    """Issue 16 (E): a range or an endless generator was walked entry by entry
    before any limit was checked."""
    import itertools

    limit = (3, "MAX_ROWS", "rows")
    assert bounded_list(range(3), "rows", limit) == [0, 1, 2]  # the limit itself
    assert bounded_list(iter("abc"), "rows", limit) == ["a", "b", "c"]
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        bounded_list(range(10**15), "rows", limit)
    assert str(refused.value) == (
        "this would make 1000000000000000 rows (rows with 1000000000000000 entries), "
        "more than MAX_ROWS = 3"
    )
    endless = itertools.count()
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        bounded_list(endless, "rows", limit)
    assert str(refused.value) == (
        "this would make 4 or more rows (rows, an iterator, read as far as 4 "
        "entries), more than MAX_ROWS = 3"
    )
    assert next(endless) == 4  # read one entry past the limit, and no further


def test_check_work_refuses_only_above_the_limit_naming_count_and_limit():
    # the limit itself is allowed
    assert check_work(200, 200, "frames", "MAX_FRAMES") is None
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        check_work(201, 200, "frames", "MAX_FRAMES")
    assert (
        str(refused.value) == "this would make 201 frames, more than MAX_FRAMES = 200"
    )


@pytest.mark.parametrize(
    "value, text",
    [
        ([["1", "2"]], "'1'"),
        (np.array(["0.5", "1.5"]), "'0.5'"),
        (np.array([1.0, "x"], dtype=object), "'x'"),
        ([1.0, [2.0, b"3"]], "b'3'"),
    ],
)
def test_as_array_refuses_text_inside_an_array(value, text):
    """numpy reads "1" as 1.0, so [["1", "2"]] was taken for numbers while a lone "1"
    was refused; text anywhere in the array is now a TypeError naming it."""
    with pytest.raises(TypeError) as refused:
        as_array(value, "X")
    assert (
        str(refused.value) == f"X must be an array of numbers, but it holds text {text}"
    )


@pytest.mark.parametrize("value", ["no", "False", 0, 1, None, 1.0])
def test_flag_refuses_what_is_not_true_or_false(value):
    """A string such as "no" is truthy: shuffle="no" shuffled."""
    with pytest.raises(TypeError, match=r"^shuffle must be True or False, but it is "):
        flag(value, "shuffle")


def test_check_sizes_counts_the_layers_before_reading_a_size():
    """Issue 16 (E): with ``most`` the count is refused first, naming count and limit;
    the entries (here one that is no size) are not read."""
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        check_sizes([2] * 5 + ["x"], "sizes", most=(4, "MAX_LAYERS"))
    assert str(refused.value) == (
        "this would make 6 layers (sizes with 6 entries), more than MAX_LAYERS = 4"
    )
    assert check_sizes(np.array([2, 3]), "sizes", most=(2, "MAX_LAYERS")) == (2, 3)
    with pytest.raises(TypeError, match=r"^every entry of sizes must be an integer"):
        check_sizes([2, "x"], "sizes", most=(4, "MAX_LAYERS"))


def test_warn_caller_names_the_first_line_outside_the_package():
    """Called from outside the package, it names that line itself."""
    from ffnn_edu.nn.validation import warn_caller

    with pytest.warns(UserWarning, match="look here") as caught:
        warn_caller("look here")
    assert caught[0].filename == __file__
    assert caught[0].lineno == inspect.currentframe().f_lineno - 2


# Issue 16 (A): scikit-learn's check_array refuses text in X with a ValueError ("could
# not convert string to float"), and its unique_labels refuses labels of mixed kinds
# with one ("Mix of label input types"); the package raised a TypeError only, which
# code written for scikit-learn (except ValueError) did not catch.
@pytest.mark.parametrize(
    "value, message",
    [
        ([["1", "x"]], "X must be an array of numbers, but it holds text '1'"),
        (
            np.array([[1.0, "x"]], dtype=object),
            "X must be an array of numbers, but it holds text 'x'",
        ),
        ([[1.0, None]], "X must be an array of numbers, but it holds None"),
        ("1.5", "X must be an array of numbers, not str"),
        (
            [[1.0, {}]],
            "X must be an array of numbers (float() argument must be a "
            "string or a real number, not 'dict')",
        ),
        (
            [[1 + 2j]],
            "X must hold real numbers, but it holds complex numbers (casting "
            "them to real would drop the imaginary parts)",
        ),
    ],
)
def test_data_that_is_not_numbers_is_a_value_error_and_a_type_error(value, message):
    for error in (ValueError, TypeError, InputTypeError):
        with pytest.raises(error) as refused:
            as_array(value, "X")
        assert str(refused.value) == message


@pytest.mark.parametrize(
    "value, words",
    [
        ([1, "a", 2], "but it mixes int, str"),
        (np.array([1.5, "a"], dtype=object), "but it mixes float, str"),
        ([None, None], "but it holds NoneType"),
        (None, "must be a list or 1-D array of class labels, but it is None"),
    ],
)
def test_labels_of_mixed_or_no_kind_are_a_value_error_and_a_type_error(value, words):
    for error in (ValueError, TypeError, InputTypeError):
        with pytest.raises(error, match=r"^y must ") as refused:
            as_labels(value, "y")
        assert words in str(refused.value)


# Fresh review (issue 16): a Python int or Fraction beyond float64 raised a bare
# OverflowError that named nothing.
@pytest.mark.parametrize(
    "value, shown", [(10**400, "1e+400"), (Fraction(-(10**400), 3), "-3.3333e+399")]
)
def test_check_number_names_a_number_beyond_float64(value, shown):
    message = (
        "eta must be a number within float64's range (magnitudes up to about 1.8e308), "
        f"but it is {shown}"
    )
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        check_number(value, "eta", low=0.0)


# Fresh review (issue 16): huge whole numbers were printed in hundreds of digits.
@pytest.mark.parametrize(
    "make, message",
    [
        (
            lambda: check_count(-(10**400), "epochs"),
            "epochs must be an integer >= 1, but it is -1e+400",
        ),
        (
            lambda: check_seed(-(10**400)),
            "seed must be a whole number >= 0 (or None "
            "for an unrepeatable start), but it is -1e+400",
        ),
        (
            lambda: epoch_number(10**400, "epoch"),
            "epoch must be at most 2**53, but it is 1e+400",
        ),
        (
            lambda: check_number(10**300, "mu", high=1.0),
            "mu must be <= 1, but it is 1e+300",
        ),
    ],
)
def test_huge_whole_numbers_are_shown_in_a_few_digits(make, message):
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        make()


def test_shown_keeps_short_numbers_as_written():
    assert [shown(v) for v in (12, 10**19, Fraction(1, 3), 0.5)] == [
        "12",
        "10000000000000000000",
        "1/3",
        "0.5",
    ]


# Fresh review (issue 16): one helper ends every refusal of a name.
@pytest.mark.parametrize(
    "value, known, close",
    [
        ("Glorot", ("lecun", "glorot", "he"), "; did you mean 'glorot'?"),
        ("sigmiod", ("sigmoid", "tanh"), "; did you mean 'sigmoid'?"),
        ("hinge", ("l1", "l2"), ""),
        ("sgd", ("sigmoid", "tanh"), ""),  # difflib's default cutoff matched these
        (None, ("l1", "l2"), ""),
    ],
)
def test_did_you_mean_names_the_closest_known_name_or_nothing(value, known, close):
    assert did_you_mean(value, known) == close


def test_known_names_lists_the_accepted_names_in_words_and_ends_with_the_one_meant():
    with pytest.raises(UnknownNameError, match="unknown slider") as caught:
        known_names({"eta": 1, "etaa": 2}, ["eta", "lam", "mu"], "sliders", "slider")
    assert str(caught.value) == (
        "sliders got an unknown slider 'etaa'; the sliders are eta, lam and mu; "
        "did you mean 'eta'?"
    )
    with pytest.raises(ValueError, match=r"'gamma'; the sliders are eta and lam$"):
        known_names(["gamma"], ["eta", "lam"], "sliders", "slider")
    assert known_names(["mu", "eta"], ["eta", "mu"], "sliders", "slider") is None


def test_exactly_shows_every_digit_only_where_g_hides_some():
    assert exactly(2.0) == "2" and exactly(1e-9) == "1e-09"
    assert exactly(1.0000001) == "1.0000001"  # :g says 1
    assert exactly(np.float32(1.0000001)) == "1.0000001192092896"


def test_apart_gives_a_number_the_digits_that_tell_it_from_the_other():
    assert apart(0.010000000000000002, 0.0100001, 4) == "0.01"
    assert apart(0.0100001, 0.010000000000000002, 4) == "0.0100001"
    assert apart(0.5, 0.5, 4) == "0.5"  # equal numbers need no more digits
    assert apart(np.float32(1.0000001), 1.0) == "1.0000001"
    assert apart(1.0000000000000002, 1.0) == "1.0000000000000002"


def test_probability_tolerance_grows_with_the_log_of_the_row_length_not_the_length():
    assert probability_tolerance(np.float64, 10) == 1e-9
    assert probability_tolerance(np.float64, 10**6) == 1e-9
    assert probability_tolerance(np.int64, 3) == 1e-9  # whole-number targets
    eps32 = float(np.finfo(np.float32).eps)
    assert probability_tolerance(np.float32, 10) == 8 * eps32 * 5  # ceil(log2 10) + 1
    assert probability_tolerance(np.float32, 1) == 8 * eps32
    # review 19 F3: 4 eps per entry let float32 rows of 1e5 miss 1 by 0.048
    assert probability_tolerance(np.float32, 10**5) < 2e-5
    assert probability_tolerance(np.float16, 100) == 0.0625  # was 0.39


def _softmax_in(dtype, n, seed):
    """Softmax rows computed in ``dtype`` throughout, as a float16 or float32 model."""
    z = np.random.default_rng(seed).normal(scale=3.0, size=(50, n)).astype(dtype)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("dtype", [np.float16, np.float32])
@pytest.mark.parametrize("n", [3, 100, 10_000])
def test_probability_rows_accept_softmax_outputs_computed_in_their_dtype(dtype, n):
    y = _softmax_in(dtype, n, seed=n)
    assert y.dtype == dtype
    check_probability_rows(y.astype(float), "y", dtype)


@pytest.mark.parametrize("dtype", [np.float16, np.float32])
def test_probability_rows_far_from_one_are_refused_however_long(dtype):
    # review 19 F3: float16 rows of 100 entries of 0.007 sum to 0.70 and passed
    rows = np.full((2, 100), 0.007).astype(dtype)
    with pytest.raises(ValueError, match=r"row 0 sums to 0\.(69|70)"):
        check_probability_rows(rows.astype(float), "y", dtype)
    check_probability_rows(
        rows.astype(float) / rows.astype(float).sum(1)[:, None], "y", dtype
    )


def test_float64_probability_rows_are_still_held_to_1e_9():
    y = _softmax_in(np.float64, 10_000, seed=0)
    check_probability_rows(y, "y")
    y[:, 0] += 2e-9
    with pytest.raises(ValueError, match=r"the tolerance, 1e-09\)$"):
        check_probability_rows(y, "y")


def test_probability_rows_name_the_tolerance_they_were_held_to():
    rows = np.array([[0.5, 0.5000001]])
    with pytest.raises(
        ValueError,
        match=r"row 0 sums to 1\.0000000999999998 \(further from 1 than the tolerance, "
        r"1e-09\)$",
    ):
        check_probability_rows(rows, "t")
    check_probability_rows(rows, "t", np.float32)  # within float32's few eps


def test_suggest_name_names_what_another_librarys_name_means_if_it_is_known():
    names = {"xavier": ("another name for Glorot's rule", "glorot")}
    assert suggest_name("Xavier", ["glorot"], names) == (
        "; 'Xavier' is another name for Glorot's rule: here 'glorot'"
    )
    # the package's name is not among those known here: no suggestion of it
    assert suggest_name("xavier", ["he"], names) == ""
    assert suggest_name("glorrot", ["glorot"], names) == "; did you mean 'glorot'?"


def test_known_names_points_a_keyword_of_another_library_at_the_packages():
    """Issue 16 (F12): lr is PyTorch's learning rate, eta here; the pointer comes only
    where the function called takes the package's keyword."""
    with pytest.raises(
        UnknownNameError, match=re.escape("'lr' is PyTorch's learning rate: here 'eta'")
    ):
        known_names(["lr"], ["eta", "mu"], "f()", "keyword argument")
    with pytest.raises(UnknownNameError) as caught:
        known_names(["lr"], ["mu"], "f()", "keyword argument")
    assert "here" not in str(caught.value)


def test_known_keywords_keeps_a_class_and_names_the_subclass_called():
    """F11: the decorator wraps a dataclass's __init__ in place (the class pickles and
    keeps its signature), and KnownKeywords names the subclass that inherits an
    __init__, not the class that wrote it."""
    import dataclasses
    import inspect

    @refuses_unknown_keywords
    @dataclasses.dataclass(frozen=True)
    class Pair:
        a: int
        b: int = 0

    assert inspect.signature(Pair).parameters.keys() == {"a", "b"}
    assert Pair(1, b=2) == Pair(1, 2)
    with pytest.raises(UnknownNameError, match=r"^Pair\(\) got .*'c'"):
        Pair(1, c=2)

    class Base(KnownKeywords):
        def __init__(self, eta=0.1):
            self.eta = eta

    class Child(Base):
        pass

    with pytest.raises(UnknownNameError, match=r"^Child\(\) got .*'lr'.*here 'eta'"):
        Child(lr=0.5)
    with pytest.raises(UnknownNameError, match=r"^KnownKeywords\(\) .*takes no"):
        KnownKeywords(x=1)


def test_refuses_unknown_keywords_decorates_classes_only():
    """Functions refuse unknown keywords by @checked; the class decorator says so."""
    with pytest.raises(TypeError, match=r"decorates a class.*@checked"):
        refuses_unknown_keywords(len)
