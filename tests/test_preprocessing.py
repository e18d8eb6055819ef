"""nn.preprocessing: one_hot and class_numbers (moved from experiments.multiclass), and
the public sample_table checker."""

import numpy as np
import pytest

from ffnn_edu.nn.preprocessing import (
    MAX_ONE_HOT_ENTRIES,
    Standardizer,
    class_numbers,
    k_fold_indices,
    one_hot,
    sample_table,
    train_val_test_split,
)
from ffnn_edu.nn.validation import NotFittedError, UnknownNameError

from helpers import raises, raises_all, refuses


def test_one_hot_marks_each_sample_s_class():
    np.testing.assert_array_equal(
        one_hot([1, 0, 2], 3), [[0, 1, 0], [1, 0, 0], [0, 0, 1]]
    )


def test_one_hot_refuses_a_string_count_with_type_error():
    with pytest.raises(TypeError, match="n_classes"):
        one_hot([0, 1], "3")


def test_one_hot_refuses_a_table_too_large_naming_its_arguments_and_the_limit():
    """Issue 16: "n_classes = 200000 gives ... one-hot entries, more than the 1e8 a
    table of targets may hold" left the limit unnamed."""
    assert MAX_ONE_HOT_ENTRIES == 10**8
    with pytest.raises(ValueError, match=r"^this would make 400000000") as refused:
        one_hot(np.arange(20_000), 20_000)
    assert str(refused.value) == (
        "this would make 400000000 one-hot entries (labels: 20000 labels x "
        "n_classes: 20000 columns), more than MAX_ONE_HOT_ENTRIES = 100000000"
    )
    # one column past the limit (the table at the limit would take 800 MB to make)
    with pytest.raises(ValueError, match=r"^this would make 100010000 one-hot"):
        one_hot(np.arange(10_000), 10_001)


def test_one_hot_refuses_none_labels_with_type_error():
    with pytest.raises(TypeError, match="labels must be an array of numbers"):
        one_hot(None, 3)


def test_class_numbers_accepts_whole_floats_and_names_the_argument():
    assert class_numbers([2.0, 0.0], 3).tolist() == [2, 0]
    with pytest.raises(
        ValueError,
        match=r"^y_pred must be whole numbers from 0 to 1, but they include 0\.5$",
    ):
        class_numbers([0.5], 2, "y_pred")


def test_sample_table_refuses_a_1d_array_with_a_hint():
    with pytest.raises(ValueError, match=r"X.reshape\(-1, 1\)"):
        sample_table([1.0, 2.0], "X")
    assert sample_table([[1.0, 2.0]], "X").shape == (1, 2)


def test_split_refuses_fractions_too_few_rows_and_unequal_rows():
    X, y = np.zeros((10, 2)), np.zeros(10)
    with pytest.raises(
        ValueError, match=r"fractions must add up to 1, but they add up to 1\.1"
    ):
        train_val_test_split(X, y, (0.8, 0.2, 0.1))
    with pytest.raises(ValueError, match="too few to leave any for training"):
        train_val_test_split(X[:2], y[:2], (0.2, 0.4, 0.4))
    with pytest.raises(ValueError, match="X and y must have the same number of rows"):
        train_val_test_split(X, y[:5])
    with pytest.raises(
        ValueError,
        match=r"^X has 3 features, but Standardizer is expecting 2 features as input "
        r"\(X must have shape \(n, 2\), one row per sample and one column per "
        r"feature, as when the Standardizer was fitted, but it has shape \(3, 3\)\)$",
    ):
        Standardizer().fit(X).transform(np.zeros((3, 3)))


X10, Y10 = np.arange(20.0).reshape(10, 2), np.arange(10.0) % 2


# --- 1-D X in preprocessing -----------------------------------------------------------


def test_one_dimensional_X_is_refused_by_the_split_with_the_reshape_hint():
    raises_all(
        ValueError,
        "X must be 2-D, one row per sample and one column per feature, but it has "
        "shape (",
        "X.reshape(-1, 1)",
        call=lambda: train_val_test_split(np.arange(10.0), Y10),
    )


@pytest.mark.parametrize(
    "call",
    [
        lambda: Standardizer().fit_transform([1.0, 2.0, 3.0]),
        lambda: Standardizer().fit([1.0, 2.0, 3.0]),
        lambda: Standardizer().fit([[1.0], [2.0]]).transform([4.0, 5.0]),
        lambda: Standardizer().fit([[1.0], [2.0]]).inverse_transform([4.0, 5.0]),
    ],
)
def test_one_dimensional_X_is_refused_by_the_standardizer_in_scikit_learns_words(call):
    raises_all(
        ValueError,
        "X must have 2 dimension(s), one row per sample and one column per feature, "
        "but it has shape (",
        "Reshape your data either using array.reshape(-1, 1)",
        call=call,
    )


# --- the Standardizer as a scikit-learn transformer (without scikit-learn) ---------


def test_standardizer_fit_and_fit_transform_take_and_ignore_y():
    X = np.array([[1.0, 10.0], [3.0, 10.0], [5.0, 16.0]])
    alone = Standardizer().fit_transform(X)
    np.testing.assert_array_equal(Standardizer().fit_transform(X, [0, 1, 0]), alone)
    np.testing.assert_array_equal(
        Standardizer().fit(X, y=[0, 1, 0]).transform(X), alone
    )
    fitted = Standardizer().fit(X, None)
    np.testing.assert_array_equal(fitted.mean_, [3.0, 12.0])
    assert fitted.n_features_in_ == 2


def test_standardizer_has_no_hyper_parameters_and_names_an_unknown_one():
    s = Standardizer()
    assert s.get_params() == {} and s.get_params(deep=False) == {}
    assert s.set_params() is s
    assert repr(s) == "Standardizer()"
    with pytest.raises(
        UnknownNameError,
        match=r"^Standardizer.set_params\(\) got an unknown parameter 'with_mean'; it "
        r"takes no parameters$",
    ):
        s.set_params(with_mean=False)


@pytest.mark.parametrize("caught", [TypeError, ValueError])
def test_standardizer_refuses_a_keyword_as_set_params_refuses_a_parameter(caught):
    """Standardizer(with_mean=False) was Python's "takes no arguments"; now it is
    the one UnknownNameError, a TypeError as Python has it and a ValueError."""
    with pytest.raises(caught) as refused:
        Standardizer(with_mean=False)
    assert isinstance(refused.value, UnknownNameError)
    assert str(refused.value) == (
        "Standardizer() got an unknown keyword argument 'with_mean'; it takes no "
        "keyword arguments"
    )


def test_inverse_transform_gives_back_the_original_values():
    X = np.array([[1.0, 10.0], [3.0, 10.0], [8.0, -4.0]])
    s = Standardizer().fit(X)
    np.testing.assert_allclose(s.inverse_transform(s.transform(X)), X, rtol=1e-15)
    # the constant column is only shifted: scale_ is 1 there
    np.testing.assert_array_equal(
        s.inverse_transform([[0.0, 0.0], [1.0, 2.0]])[:, 1],
        [X[:, 1].mean(), X[:, 1].mean() + 2.0 * X[:, 1].std()],
    )


def test_inverse_transform_refuses_before_fit_and_on_other_columns():
    raises(
        NotFittedError,
        "This Standardizer is not fitted yet: call fit(X) before transform or "
        "inverse_transform",
        call=lambda: Standardizer().inverse_transform([[0.0, 1.0]]),
    )
    with pytest.raises(ValueError, match="X has 1 features, but Standardizer is"):
        Standardizer().fit(np.eye(2)).inverse_transform([[1.0]])


def test_standardizer_names_its_output_columns_one_for_one():
    s = Standardizer().fit(np.arange(6.0).reshape(2, 3))
    names = s.get_feature_names_out()
    assert names.dtype == object and names.tolist() == ["x0", "x1", "x2"]
    given = s.get_feature_names_out(["a", "b", "c"])
    assert given.dtype == object and given.tolist() == ["a", "b", "c"]
    refuses(
        ValueError,
        "input_features should have length equal to number of features (3) seen in "
        "fit, one name per column, but it has 2: ['a', 'b']",
        lambda: s.get_feature_names_out(["a", "b"]),
    )
    raises(
        NotFittedError,
        "This Standardizer is not fitted yet: call fit(X) before get_feature_names_out",
        call=lambda: Standardizer().get_feature_names_out(),
    )


def test_standardizer_set_output_keeps_arrays_and_refuses_pandas_and_polars():
    s = Standardizer()
    assert s.set_output() is s and s.set_output(transform="default") is s
    for container in ("pandas", "polars"):
        refuses(
            ValueError,
            "the Standardizer gives NumPy arrays only: set_output(transform=...) "
            f"takes None or 'default', but it is '{container}'",
            lambda c=container: s.set_output(transform=c),
        )


def test_the_standardizer_refuses_sparse_complex_and_empty_input_as_scikit_learn():
    class Sparse:  # what the checker reads of a scipy.sparse matrix
        nnz = 1

        def toarray(self):
            return np.eye(2)

    with pytest.raises(TypeError, match="sparse input is not supported"):
        Standardizer().fit(Sparse())
    with pytest.raises(ValueError, match="Complex data not supported"):
        Standardizer().fit(np.eye(2) * 1j)
    with pytest.raises(ValueError, match=r"0 feature\(s\) \(shape=\(3, 0\)\)"):
        Standardizer().fit(np.zeros((3, 0)))


def test_a_column_of_one_feature_still_standardizes():
    Z = Standardizer().fit_transform(np.array([1.0, 2.0, 3.0]).reshape(-1, 1))
    np.testing.assert_allclose(Z[:, 0], [-1.224744871391589, 0.0, 1.224744871391589])


@pytest.mark.parametrize(
    "fractions,error,parts",
    [
        (
            0.8,
            TypeError,
            ("fractions must be three shares (train, validation, test)", "0.8"),
        ),
        (None, TypeError, ("fractions must be three shares",)),
        ((0.8, 0.2), ValueError, ("fractions must be three shares",)),
        ((80, 10, 10), ValueError, ("every share in fractions must be <= 1", "80")),
        ((0.8, 0.3, 0.1), ValueError, ("fractions must add up to 1",)),
    ],
)
def test_bad_fractions_are_named(fractions, error, parts):
    raises_all(error, *parts, call=lambda: train_val_test_split(X10, Y10, fractions))


def test_a_column_that_varies_only_by_rounding_is_not_blown_up():
    Z = Standardizer().fit_transform([[1.0], [1.0 + 2e-16]])
    assert np.abs(Z).max() < 1e-15
    # about 8600 ulps: real spread
    Z = Standardizer().fit_transform([[1e6], [1e6 + 1e-6]])
    np.testing.assert_allclose(Z[:, 0], [-1.0, 1.0])


def test_standardizer_handles_values_near_the_largest_float():
    Z = Standardizer().fit_transform([[1e308], [-1e308]])
    assert np.array_equal(Z, [[1.0], [-1.0]])
    s = Standardizer().fit([[1e308, 1.0], [1e308, 3.0]])
    assert np.array_equal(s.mean_, [1e308, 2.0]) and np.array_equal(
        s.scale_, [1.0, 1.0]
    )


def test_standardizer_refuses_a_transform_that_overflows():
    s = Standardizer().fit([[0.0], [1e-300]])
    raises(ValueError, "X lies too far from the mean", lambda: s.transform([[1e300]]))


def test_split_is_80_10_10_disjoint_and_seeded():
    X = np.arange(200.0).reshape(100, 2)
    y = np.arange(100.0)
    split = train_val_test_split(X, y, seed=7)
    assert (len(split.X_train), len(split.X_val), len(split.X_test)) == (80, 10, 10)
    rows = np.concatenate([split.indices[k] for k in ("train", "val", "test")])
    np.testing.assert_array_equal(np.sort(rows), np.arange(100))
    np.testing.assert_array_equal(split.y_test, y[split.indices["test"]])
    np.testing.assert_array_equal(split.X_val, X[split.indices["val"]])
    again = train_val_test_split(X, y, seed=7)
    np.testing.assert_array_equal(again.indices["test"], split.indices["test"])
    assert not np.array_equal(
        train_val_test_split(X, y, seed=8).indices["test"], split.indices["test"]
    )


def test_split_rejects_bad_fractions():
    with pytest.raises(ValueError, match="fractions"):
        train_val_test_split(np.zeros((10, 2)), np.zeros(10), fractions=(0.8, 0.3, 0.1))


def test_standardizer_uses_the_training_rows_only():
    train = np.array([[1.0, 5.0], [3.0, 5.0]])
    scaler = Standardizer().fit(train)
    np.testing.assert_array_equal(scaler.mean_, [2.0, 5.0])
    # constant column left unscaled
    np.testing.assert_array_equal(scaler.scale_, [1.0, 1.0])
    np.testing.assert_array_equal(scaler.transform([[4.0, 6.0]]), [[2.0, 1.0]])
    with pytest.raises(ValueError, match=r"X must have shape \(n, 2\)"):
        scaler.transform([[1.0, 2.0, 3.0]])


def test_one_hot_rows_mark_the_class_and_reject_unknown_labels():
    T = one_hot([2, 0, 1, 2], 3)
    np.testing.assert_array_equal(T.argmax(axis=1), [2, 0, 1, 2])
    np.testing.assert_array_equal(T.sum(axis=1), 1.0)
    with pytest.raises(ValueError, match="labels must be whole numbers from 0 to 2"):
        one_hot([0, 3], 3)
    with pytest.raises(ValueError, match="labels"):
        one_hot([0.5], 3)


@pytest.mark.parametrize("n, k, seed", [(10, 5, 0), (10, 3, 1), (7, 7, 2), (23, 4, 3)])
def test_k_folds_test_every_row_exactly_once_and_never_train_on_it(n, k, seed):
    from ffnn_edu.nn.preprocessing import k_fold_indices

    folds = k_fold_indices(n, k, seed)
    assert len(folds) == k
    tested = np.concatenate([test for _, test in folds])
    assert sorted(tested.tolist()) == list(range(n))
    sizes = [len(test) for _, test in folds]
    assert max(sizes) - min(sizes) <= 1
    for train, test in folds:
        assert not set(train) & set(test) and len(train) + len(test) == n


def test_k_folds_refuse_k_outside_2_to_n():
    from ffnn_edu.nn.preprocessing import k_fold_indices

    with pytest.raises(ValueError, match="k must be at most the number of rows n = 4"):
        k_fold_indices(4, 5)
    with pytest.raises(ValueError, match="k"):
        k_fold_indices(4, 1)
    with pytest.raises(TypeError, match="k"):
        k_fold_indices(4, 2.5)


def test_k_fold_indices_refuses_more_row_indices_than_max_fold_rows():
    """k_fold_indices(10**10, 5) raised a MemoryError; leave-one-out on a million rows
    would return 10**12 indices."""
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        k_fold_indices(10**10, 5)
    assert str(refused.value) == (
        "this would make 50000000000 row indices (k: 5 pairs x n: 10000000000 rows), "
        "more than MAX_FOLD_ROWS = 10000000"
    )


def test_split_of_one_sample_says_it_in_the_singular():
    """Issue 16: "1 samples are too few"."""
    with pytest.raises(ValueError, match=r"^1 sample is too few to leave any"):
        train_val_test_split(np.zeros((1, 2)), np.zeros(1))


def test_split_with_too_few_rows_prints_its_fractions_without_float_noise():
    """The shares printed as a tuple of reprs: (0.0010000000000000009, 0.0, 0.999)."""
    refuses(
        ValueError,
        "100 samples are too few to leave any for training with fractions "
        "(0.001, 0, 0.999)",
        lambda: train_val_test_split(
            np.zeros((100, 2)), np.zeros(100), (1 - 0.999, 0.0, 0.999)
        ),
    )


def test_fractions_off_one_by_1e_7_show_their_sum_and_the_tolerance():
    """:g printed 1.0000001 as "add up to 1" (review 17, fault 7)."""
    with pytest.raises(
        ValueError,
        match=r"^fractions must add up to 1, but they add up to 1\.0000001 \(further "
        r"from 1 than the tolerance, 1e-09\)$",
    ):
        train_val_test_split(
            np.zeros((10, 2)), np.zeros(10), fractions=(0.8, 0.1, 0.1000001)
        )


def test_a_label_just_off_a_whole_number_is_shown_with_every_digit():
    """:g printed 1.0000001 as "they include 1" (review 17, fault 7)."""
    with pytest.raises(ValueError, match=r"but they include 1\.0000001$"):
        one_hot([1.0000001], 3)


def test_a_training_share_of_0_is_named_as_the_cause():
    """It said "10 samples are too few to leave any for training": no number of rows
    would do (review 17, fault 12a)."""
    with pytest.raises(
        ValueError,
        match=r"^fractions must give training a share above 0, but its share \(the "
        r"first of fractions \(0, 1, 0\)\) is 0",
    ):
        train_val_test_split(np.zeros((10, 2)), np.zeros(10), fractions=(0, 1, 0))


def test_too_few_rows_says_how_many_validation_and_test_take():
    with pytest.raises(
        ValueError,
        match=r"^10 samples are too few to leave any for training with fractions "
        r"\(0\.05, 0\.95, 0\): validation and test take round\(share x 10\) rows "
        r"each \(at least 1 for a share above 0\), 10 and 0$",
    ):
        train_val_test_split(np.zeros((10, 2)), np.zeros(10), fractions=(0.05, 0.95, 0))
