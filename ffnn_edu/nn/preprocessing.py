"""Splitting data into training, validation and test sets, scaling inputs, one-hot.

Chapter 9 (The complete network) splits and scales; chapter 10 (Several classes) codes
class labels as one-hot targets with :func:`one_hot`.

The order of operations matters: split first, then compute any statistics
(such as the mean and spread used for scaling) **from the training set only**,
then apply them to the other sets. Anything learned from test rows, whether
weights or scaling constants, leaks information the final evaluation is
supposed not to have.

:class:`Standardizer` follows scikit-learn's conventions for a transformer without
depending on it, so it also works inside scikit-learn (in a ``Pipeline`` before a
:class:`~ffnn_edu.nn.classifier.NetworkClassifier`, in ``cross_val_score``); its input
checker :func:`features` words its errors as scikit-learn's checks expect.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .validation import (
    Array,
    HyperParameters,
    InputTypeError,
    as_array,
    check_count,
    check_fitted,
    check_number,
    check_rows_match,
    check_seed,
    check_work,
    checked,
    counted,
    exactly,
    no_overflow,
)


def sample_table(value: object, name: str) -> Array:
    """Checker: a 2-D array of finite numbers, a row per sample (to split or scale).

    A 1-D input is refused rather than guessed at: ``[1, 2, 3]`` could be three
    samples of one feature or one sample of three, and the two readings give
    different scalings and splits.

    Examples
    --------
    >>> sample_table([1.0, 2.0, 3.0], "X")
    Traceback (most recent call last):
    ...
    ValueError: X must be 2-D, one row per sample and one column per feature, but it
    has shape (3,); use X.reshape(-1, 1) for one feature per sample, or X.reshape(1,
    -1) for a single sample
    """
    array = as_array(value, name)
    if array.ndim != 2:
        hint = (
            f"; use {name}.reshape(-1, 1) for one feature per sample, or "
            f"{name}.reshape(1, -1) for a single sample"
            if array.ndim == 1
            else ""
        )
        raise ValueError(
            f"{name} must be 2-D, one row per sample and one column per feature, "
            f"but it has shape {array.shape}{hint}"
        )
    return array


_RESHAPE = (
    "Reshape your data either using array.reshape(-1, 1) if your data has a single "
    "feature or array.reshape(1, -1) if it contains a single sample"
)


def features(value: Any, name: str) -> Array:
    """Checker: a 2-D array of finite reals, one sample per row, one feature per column.

    The messages use scikit-learn's words where its estimator checks look for them
    ("sparse", "Complex data not supported", "Reshape your data", "0 feature(s)").

    Raises
    ------
    TypeError
        For a sparse matrix; and (as an :class:`InputTypeError`, also a ``ValueError``,
        as scikit-learn's ``check_array`` refuses them) for something that is not
        numbers (text, None) and for complex numbers.
    ValueError
        For a shape other than 2-D, no samples or no features, NaN or infinity.

    Examples
    --------
    >>> features([[1, 2], [3, 4]], "X").shape
    (2, 2)
    >>> features([1.0, 2.0], "X")
    Traceback (most recent call last):
    ...
    ValueError: X must have 2 dimension(s), one row per sample and one column per
    feature, but it has shape (2,). Reshape your data either using array.reshape(-1,
    1) if your data has a single feature or array.reshape(1, -1) if it contains a
    single sample
    >>> features(np.zeros((3, 0)), "X")
    Traceback (most recent call last):
    ...
    ValueError: X must not be empty: it has 0 feature(s) (shape=(3, 0)) while a minimum
    of 1 is required.
    """
    # scipy.sparse, without importing it
    if hasattr(value, "toarray") and hasattr(value, "nnz"):
        raise TypeError(
            f"{name} must be a dense array, but it is a {type(value).__name__}: sparse "
            f"input is not supported (convert it with {name}.toarray())"
        )
    try:
        array = as_array(value, name, allow_empty=True)
    except TypeError as error:
        if _holds_complex(value):
            raise InputTypeError(f"{error}: Complex data not supported") from None
        raise
    if array.ndim != 2:
        raise ValueError(
            f"{name} must have 2 dimension(s), one row per sample and one column per "
            f"feature, but it has shape {array.shape}. {_RESHAPE}"
        )
    for axis, what in enumerate(("sample(s)", "feature(s)")):
        if array.shape[axis] == 0:
            raise ValueError(
                f"{name} must not be empty: it has 0 {what} (shape={array.shape}) "
                "while a minimum of 1 is required."
            )
    return array


def _holds_complex(value: Any) -> bool:
    """Whether ``value`` converts to an array of complex numbers."""
    try:
        return np.asarray(value).dtype.kind == "c"
    except (TypeError, ValueError):
        return False


#: How far :func:`train_val_test_split`'s three fractions may add up from 1.
_FRACTIONS_TOLERANCE = 1e-9


def _fractions(value: Any) -> list[float]:
    """The three shares of :func:`train_val_test_split`, checked."""
    wanted = (
        "three shares (train, validation, test) that add "
        "up to 1, such as (0.8, 0.1, 0.1)"
    )
    if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__len__"):
        raise TypeError(
            f"fractions must be {wanted}, but it is {value!r} ({type(value).__name__})"
        )
    if len(value) != 3:
        raise ValueError(f"fractions must be {wanted}, but it is {value!r}")
    shares = [
        check_number(f, "every share in fractions", low=0.0, high=1.0) for f in value
    ]
    total = sum(shares)
    if abs(total - 1.0) > _FRACTIONS_TOLERANCE:
        raise ValueError(
            f"fractions must add up to 1, but they add up to {exactly(total)} "
            f"(further from 1 than the tolerance, {exactly(_FRACTIONS_TOLERANCE)})"
        )
    return shares


def _refuse_no_training_rows(n: int, shares: list[float], sizes: list[int]) -> None:
    """Say why no row is left for training: the training share 0, or too few rows.

    Examples
    --------
    >>> _refuse_no_training_rows(10, [0.0, 1.0, 0.0], [10, 0])
    Traceback (most recent call last):
    ...
    ValueError: fractions must give training a share above 0, but its share (the first
    of fractions (0, 1, 0)) is 0, which leaves no rows for training
    >>> _refuse_no_training_rows(10, [0.05, 0.95, 0.0], [10, 0])
    Traceback (most recent call last):
    ...
    ValueError: 10 samples are too few to leave any for training with fractions (0.05,
    0.95, 0): validation and test take round(share x 10) rows each (at least 1 for a
    share above 0), 10 and 0
    """
    # the shares as given, without float noise (1 - 0.999 is 0.0010000000000000009):
    # no digit of theirs is what is refused
    shown_shares = f"({', '.join(f'{share:g}' for share in shares)})"
    if shares[0] == 0:
        raise ValueError(
            "fractions must give training a share above 0, but its share (the first "
            f"of fractions {shown_shares}) is 0, which leaves no rows for training"
        )
    raise ValueError(
        f"{'1 sample is' if n == 1 else f'{n} samples are'} too few to leave any for "
        f"training with fractions {shown_shares}: validation and test take "
        f"round(share x {n}) rows each (at least 1 for a share above 0), "
        f"{sizes[0]} and {sizes[1]}"
    )


class Split(NamedTuple):
    """Training, validation and test data, plus the row numbers each came from."""

    X_train: Array
    y_train: Array
    X_val: Array
    y_val: Array
    X_test: Array
    y_test: Array
    indices: dict[str, NDArray[np.intp]]


def train_val_test_split(
    X: ArrayLike,
    y: ArrayLike,
    fractions: tuple[float, float, float] = (0.8, 0.1, 0.1),
    seed: int = 0,
) -> Split:
    """Shuffle the rows with ``seed``, cut them into training, validation and test sets.

    The validation and test sets get ``round(fraction * n)`` rows each (at
    least one if their fraction is positive); the training set gets the rest.
    The three sets never share a row.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
        Always 2-D: a single feature is a column, ``X.reshape(-1, 1)``.
    y : array_like, shape (n_samples,) or (n_samples, n_outputs)
    fractions : (float, float, float)
        Shares for training, validation and test; they must add up to 1.
        A share may be 0 (e.g. ``(0.8, 0.0, 0.2)`` for a plain train/test split).
    seed : int

    Raises
    ------
    ValueError
        If ``X`` is not 2-D, ``X`` and ``y`` differ in length, ``fractions`` is
        not three shares in [0, 1] adding up to 1 (within 1e-9), or the
        training share is 0 or there are too few rows to leave one for training
        (the message says which).

    Examples
    --------
    >>> from ffnn_edu.nn.datasets import shop_data
    >>> X, y, _ = shop_data()
    >>> split = train_val_test_split(X, y, seed=0)
    >>> len(split.y_train), len(split.y_val), len(split.y_test)
    (8, 1, 1)
    """
    X = sample_table(X, "X")
    y = as_array(y, "y", ndim=(1, 2))
    check_rows_match(X, y, "X", "y")
    shares = _fractions(fractions)
    n = X.shape[0]
    sizes = [max(1, round(s * n)) if s > 0 else 0 for s in shares[1:]]
    if n - sum(sizes) < 1:
        _refuse_no_training_rows(n, shares, sizes)
    order = np.random.default_rng(check_seed(seed)).permutation(n)
    n_val, n_test = sizes
    parts = {
        "train": np.sort(order[n_val + n_test :]),
        "val": np.sort(order[:n_val]),
        "test": np.sort(order[n_val : n_val + n_test]),
    }
    return Split(
        X[parts["train"]],
        y[parts["train"]],
        X[parts["val"]],
        y[parts["val"]],
        X[parts["test"]],
        y[parts["test"]],
        parts,
    )


#: Most row indices :func:`k_fold_indices` returns in all, ``k`` pairs of ``n`` rows
#: (80 MB; leave-one-out on the 1797 digits needs about 3.2 million).
MAX_FOLD_ROWS = 10_000_000


def k_fold_indices(n: int, k: int, seed: int = 0) -> list[tuple[Array, Array]]:
    """The ``k`` (training rows, test rows) pairs of k-fold cross-validation.

    Chapter 9, A complete network: the ``n`` rows are shuffled with ``seed`` and cut
    into ``k`` folds whose sizes differ by at most one; fold ``i`` is the test set of
    pair ``i`` and the other folds are its training set. Every row is tested exactly
    once. ``k = n`` is leave-one-out. (Stone 1974; Hastie, Tibshirani and Friedman
    2009, sec. 7.10.)

    Raises
    ------
    TypeError
        If ``n``, ``k`` or ``seed`` is not a whole number.
    ValueError
        If ``k`` is not between 2 and ``n``, or ``k`` times ``n`` is above
        :data:`MAX_FOLD_ROWS`.

    Examples
    --------
    >>> [test.tolist() for _, test in k_fold_indices(5, 2, seed=0)]
    [[2, 3, 4], [0, 1]]
    """
    n = check_count(n, "n", low=2)
    k = check_count(k, "k", low=2)
    if k > n:
        raise ValueError(
            f"k must be at most the number of rows n = {n} (each fold needs a row), "
            f"but it is {k}"
        )
    check_work(
        n * k,
        MAX_FOLD_ROWS,
        f"row indices (k: {k} pairs x n: {n} rows)",
        "MAX_FOLD_ROWS",
    )
    order = np.random.default_rng(check_seed(seed)).permutation(n)
    folds = np.array_split(order, k)
    return [
        (np.sort(np.concatenate(folds[:i] + folds[i + 1 :])), np.sort(fold))
        for i, fold in enumerate(folds)
    ]


def _fits_the_standardizer(arguments: dict) -> None:
    """Relation for ``transform``: the Standardizer is fitted, on ``X``'s columns."""
    standardizer, X = arguments["self"], arguments["X"]
    check_fitted(
        standardizer, "mean_", "call fit(X) before transform or inverse_transform"
    )
    if X.shape[1] != standardizer.mean_.shape[0]:
        raise ValueError(
            # scikit-learn's words, plural even for 1 (its checks look for them)
            f"X has {X.shape[1]} features, but Standardizer is expecting "
            f"{standardizer.mean_.shape[0]} features as input (X must have shape "
            f"(n, {standardizer.mean_.shape[0]}), one row per sample and one column "
            f"per feature, as when the Standardizer was fitted, but it has shape "
            f"{X.shape})"
        )


class Standardizer(HyperParameters):
    """Shift and scale each input column to mean 0 and standard deviation 1.

    Fit it on the training set only, then transform every set with the
    training set's numbers. Columns that do not vary are left unscaled; so are
    columns whose spread is below ``2**-44`` (about 6e-14) times their largest
    size, since such a spread is mostly rounding error, which scaling would
    blow up into values of order 1.
    ``X`` is always 2-D, one row per sample (a 1-D array is refused: use
    ``X.reshape(-1, 1)`` for one feature).

    It is a scikit-learn transformer too, without the package depending on
    scikit-learn: ``fit(X, y=None)`` ignores ``y``, so a ``Pipeline``
    (``make_pipeline(Standardizer(), NetworkClassifier())``), ``cross_val_score``
    and ``clone`` take it in place of scikit-learn's ``StandardScaler``; it has
    no hyper-parameters (``get_params()`` is ``{}``). It names its output columns as
    its input ones (:meth:`get_feature_names_out`) and gives NumPy arrays only
    (:meth:`set_output` takes ``"default"``).

    Attributes
    ----------
    mean_ : ndarray
    scale_ : ndarray
    n_features_in_ : int
        The number of columns seen in ``fit``.

    Examples
    --------
    >>> s = Standardizer().fit([[1.0, 10.0], [3.0, 10.0]])
    >>> s.transform([[2.0, 10.0], [5.0, 12.0]])
    array([[0., 0.],
           [3., 2.]])
    >>> s.inverse_transform([[0.0, 0.0], [3.0, 2.0]])
    array([[ 2., 10.],
           [ 5., 12.]])
    """

    def __sklearn_tags__(self) -> Any:
        """What scikit-learn needs to know about this estimator (its "tags").

        Only scikit-learn calls this method, so it imports scikit-learn here; the
        package itself never does. The tags say: a transformer, whose ``fit`` needs
        no ``y``, on a dense 2-D array of finite numbers, with the same number of
        columns out as in; every other tag keeps its default. No check of
        scikit-learn's ``check_estimator`` is declared as not applying: all of them
        pass (``tests/test_classifier_sklearn.py`` runs them).
        """
        from sklearn.utils import Tags, TargetTags, TransformerTags

        return Tags(
            estimator_type=None,
            target_tags=TargetTags(required=False),
            transformer_tags=TransformerTags(preserves_dtype=["float64"]),
        )

    def __init__(self) -> None:
        """No hyper-parameters: ``Standardizer(with_mean=False)`` is refused.

        By :class:`~ffnn_edu.nn.validation.HyperParameters`, with an
        :class:`~ffnn_edu.nn.validation.UnknownNameError` that says it takes no
        keyword arguments.
        """

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"

    @checked(X=features)
    def fit(self, X: Array, y: object = None) -> Standardizer:
        """Learn each column's mean and standard deviation from ``X`` (``y`` unused).

        Computed on the columns rescaled by a power of two (exact in floating
        point), so that squares of values near the largest float cannot overflow.

        Examples
        --------
        >>> Standardizer().fit_transform([[1e308], [-1e308]])
        array([[ 1.],
               [-1.]])
        """
        _, power = np.frexp(np.abs(X).max(axis=0))  # |X| < 2**power in every column
        unit = np.ldexp(X, -power)
        self.mean_ = np.ldexp(unit.mean(axis=0), power)
        spread = np.ldexp(unit.std(axis=0), power)
        size = np.abs(X).max(axis=0)
        self.scale_ = np.where(spread > np.ldexp(size, -44), spread, 1.0)
        self.n_features_in_ = X.shape[1]
        return self

    @checked(
        _fits_the_standardizer,
        no_overflow(
            "X lies too far from the mean learned in fit: "
            "the standardized values overflow"
        ),
        X=features,
    )
    def transform(self, X: Array) -> Array:
        """Apply the learned shift and scale.

        Raises
        ------
        ~ffnn_edu.nn.validation.NotFittedError
            Before :meth:`fit`.
        """
        return (X - self.mean_) / self.scale_

    def fit_transform(self, X: Array, y: object = None) -> Array:
        """``fit(X)`` then ``transform(X)`` (``y`` unused)."""
        return self.fit(X).transform(X)

    @checked(
        _fits_the_standardizer,
        no_overflow(
            "X lies too far from 0 for the scale learned in fit: "
            "the values in the original units overflow"
        ),
        X=features,
    )
    def inverse_transform(self, X: Array) -> Array:
        """Undo :meth:`transform`: scale back and shift back to the original units.

        Raises
        ------
        ~ffnn_edu.nn.validation.NotFittedError
            Before :meth:`fit`.
        """
        return X * self.scale_ + self.mean_

    def get_feature_names_out(self, input_features: Any = None) -> NDArray[np.object_]:
        """The names of the output columns: those of the input, one for one.

        ``input_features`` (the input columns' names, as a ``Pipeline`` or a
        ``ColumnTransformer`` passes them) come back as they are, once checked to be
        one per column seen in ``fit`` (and the names ``fit`` recorded in
        ``feature_names_in_``, if it did). Without them: ``feature_names_in_`` if
        recorded, else ``x0, x1, ...``, as scikit-learn names unnamed columns.

        Raises
        ------
        ~ffnn_edu.nn.validation.NotFittedError
            Before :meth:`fit`.
        ValueError
            If ``input_features`` has not one name per column seen in ``fit``, or
            differs from ``feature_names_in_``.

        Examples
        --------
        >>> s = Standardizer().fit([[1.0, 10.0], [3.0, 12.0]])
        >>> s.get_feature_names_out()
        array(['x0', 'x1'], dtype=object)
        >>> s.get_feature_names_out(["height", "weight"])
        array(['height', 'weight'], dtype=object)
        >>> s.get_feature_names_out(["height"])
        Traceback (most recent call last):
        ...
        ValueError: input_features should have length equal to number of features (2)
        seen in fit, one name per column, but it has 1: ['height']
        """
        check_fitted(self, "n_features_in_", "call fit(X) before get_feature_names_out")
        recorded = getattr(self, "feature_names_in_", None)
        if input_features is None:
            if recorded is not None:
                return np.asarray(recorded, dtype=object)
            return np.asarray([f"x{i}" for i in range(self.n_features_in_)], object)
        names = np.asarray(input_features, dtype=object)
        if names.ndim != 1 or len(names) != self.n_features_in_:
            raise ValueError(
                # scikit-learn's words (its checks look for them)
                "input_features should have length equal to number of features "
                f"({self.n_features_in_}) seen in fit, one name per column, but it has "
                f"{len(names) if names.ndim == 1 else f'shape {names.shape}'}: "
                f"{names.tolist()}"
            )
        if recorded is not None and not np.array_equal(names, recorded):
            raise ValueError(
                f"input_features is not equal to feature_names_in_: it is "
                f"{names.tolist()}, and fit saw the columns {list(recorded)}"
            )
        return names

    def set_output(self, *, transform: str | None = None) -> Standardizer:
        """Choose the container of the output: only NumPy arrays (``"default"``).

        scikit-learn's ``Pipeline.set_output`` calls this on every step; ``None``
        (change nothing) and ``"default"`` (NumPy arrays) return the Standardizer,
        which always gives arrays. ``"pandas"`` and ``"polars"`` are refused: the
        package does not depend on either.

        Examples
        --------
        >>> Standardizer().set_output(transform="default")
        Standardizer()
        >>> Standardizer().set_output(transform="pandas")
        Traceback (most recent call last):
        ...
        ValueError: the Standardizer gives NumPy arrays only: set_output(transform=...)
        takes None or 'default', but it is 'pandas' (the package does not depend on
        pandas or polars; convert the output yourself)
        """
        if transform is not None and transform != "default":
            raise ValueError(
                "the Standardizer gives NumPy arrays only: set_output(transform=...) "
                f"takes None or 'default', but it is {transform!r} (the package does "
                "not depend on pandas or polars; convert the output yourself)"
            )
        return self


def class_numbers(labels: object, n_classes: int, name: str = "labels") -> np.ndarray:
    """Class numbers 0 to ``n_classes - 1`` as an int array, or an error naming it.

    Parameters
    ----------
    labels : array_like, shape (n,)
        Whole numbers from 0 to ``n_classes - 1`` (as ints or floats).
    n_classes : int
    name : str
        The argument's name, used in the error message.

    Raises
    ------
    TypeError
        If ``labels`` is not an array of numbers.
    ValueError
        If it is not 1-D, or holds a value that is not a whole number from 0 to
        ``n_classes - 1``.

    Examples
    --------
    >>> class_numbers([2.0, 0.0], 3)
    array([2, 0])
    >>> class_numbers([0, 3], 3, "y_true")
    Traceback (most recent call last):
    ...
    ValueError: y_true must be whole numbers from 0 to 2, but they include 3
    """
    y = as_array(labels, name, ndim=1)
    bad = (y != np.round(y)) | (y < 0) | (y >= n_classes)
    if bad.any():
        raise ValueError(
            f"{name} must be whole numbers from 0 to {n_classes - 1}, but they "
            f"include {exactly(y[bad][0])}"
        )
    return y.astype(int)


#: Most entries of a table of one-hot targets, :func:`one_hot`'s labels times
#: ``n_classes`` (800 MB of float64).
MAX_ONE_HOT_ENTRIES = 10**8


def one_hot(labels: ArrayLike, n_classes: int) -> Array:
    """Targets with a column per class: 1 in the column of the sample's class, else 0.

    Chapter 10, Several classes: the target of a sample of class :math:`c` is
    the row :math:`t_k = [k = c]`, :math:`k = 0, \\dots, K - 1`
    (Bishop 2006, sec. 4.3.4).

    Parameters
    ----------
    labels : array_like of int, shape (n,)
        Class numbers 0, 1, ..., ``n_classes - 1``.
    n_classes : int

    Returns
    -------
    ndarray, shape (n, n_classes)

    Raises
    ------
    TypeError
        If ``labels`` is not an array of numbers, or ``n_classes`` not an integer.
    ValueError
        If a label is not a whole number from 0 to ``n_classes - 1``, ``n_classes``
        is below 1, or the table would hold more than :data:`MAX_ONE_HOT_ENTRIES`.

    Examples
    --------
    >>> one_hot([2, 0, 1], 3)
    array([[0., 0., 1.],
           [1., 0., 0.],
           [0., 1., 0.]])
    >>> one_hot(np.arange(20_000), 20_000)
    Traceback (most recent call last):
    ...
    ValueError: this would make 400000000 one-hot entries (labels: 20000 labels x
    n_classes: 20000 columns), more than MAX_ONE_HOT_ENTRIES = 100000000
    """
    k = check_count(n_classes, "n_classes")
    y = class_numbers(labels, k, "labels")
    check_work(
        y.size * k,
        MAX_ONE_HOT_ENTRIES,
        f"one-hot entries (labels: {counted(y.size, 'label')} x n_classes: "
        f"{counted(k, 'column')})",
        "MAX_ONE_HOT_ENTRIES",
    )
    return np.eye(k)[y]
