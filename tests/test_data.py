"""Data sets, splits and scaling: the values the chapters rely on."""
import numpy as np
import pytest

from ffnn_edu.nn.datasets import (and_gate, circles, gaussian_blobs, load_digits, lunch_meals,
                               new_shop_data, or_gate, parity, shop_data, spirals, two_moons,
                               xor)
from ffnn_edu.nn.preprocessing import Standardizer, train_val_test_split


def test_gates_are_the_truth_tables():
    inputs = [[0, 0], [0, 1], [1, 0], [1, 1]]
    for make, labels in ((and_gate, [0, 0, 0, 1]), (or_gate, [0, 1, 1, 1]), (xor, [0, 1, 1, 0])):
        X, t = make()
        np.testing.assert_array_equal(X, inputs)
        np.testing.assert_array_equal(t.ravel(), labels)


def test_parity_labels_odd_numbers_of_ones():
    X, t = parity(3)
    assert X.shape == (8, 3)
    np.testing.assert_array_equal(t.ravel(), X.sum(axis=1) % 2)


def test_shop_data_is_the_sources_table():
    X, y, names = shop_data()
    assert names == ["includes_a_book", "purchase_after_21", "total"]
    np.testing.assert_array_equal(X[:, 2], [13.43, 23.45, 45.56, 56.43, 44.44, 667.65, 56.66,
                                            43.44, 4.98, 43.33])
    np.testing.assert_array_equal(y.ravel(), [1, 1, 0, 0, 0, 1, 0, 1, 1, 0])
    X_new, new_names = new_shop_data()
    assert new_names == names and X_new.shape == (3, 3)


def test_lunch_meals_are_priced_by_the_true_prices():
    X, t = lunch_meals(5, prices=(10.0, 3.0, 5.0), seed=1)
    np.testing.assert_allclose(t.ravel(), X @ [10.0, 3.0, 5.0])


@pytest.mark.parametrize("make", [two_moons, circles, spirals, gaussian_blobs])
def test_toy_sets_are_seeded_balanced_two_class_sets(make):
    X, y = make(100, seed=3)
    X_again, y_again = make(100, seed=3)
    np.testing.assert_array_equal(X, X_again)
    np.testing.assert_array_equal(y, y_again)
    assert X.shape == (100, 2) and np.isfinite(X).all()
    assert set(np.unique(y)) == {0.0, 1.0}
    assert abs(int(y.sum()) - 50) <= 1
    assert not np.array_equal(X, make(100, seed=4)[0])


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
    assert not np.array_equal(train_val_test_split(X, y, seed=8).indices["test"],
                              split.indices["test"])


def test_split_rejects_bad_fractions():
    with pytest.raises(ValueError, match="fractions"):
        train_val_test_split(np.zeros((10, 2)), np.zeros(10), fractions=(0.8, 0.3, 0.1))


def test_standardizer_uses_the_training_rows_only():
    train = np.array([[1.0, 5.0], [3.0, 5.0]])
    scaler = Standardizer().fit(train)
    np.testing.assert_array_equal(scaler.mean_, [2.0, 5.0])
    np.testing.assert_array_equal(scaler.scale_, [1.0, 1.0])   # constant column left unscaled
    np.testing.assert_array_equal(scaler.transform([[4.0, 6.0]]), [[2.0, 1.0]])
    with pytest.raises(ValueError, match="X must have 2 columns"):
        scaler.transform([[1.0, 2.0, 3.0]])


def test_digits_are_the_uci_test_set_read_offline(monkeypatch):
    import hashlib
    import socket
    from importlib import resources

    def no_network(*args, **kwargs):
        raise AssertionError("load_digits must not open a network connection")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    X, y = load_digits()
    assert X.shape == (1797, 64) and X.dtype == np.float64
    assert y.shape == (1797,) and y.dtype.kind == "i"
    # images per digit as the UCI repository lists them for optdigits.tes
    np.testing.assert_array_equal(np.bincount(y), [178, 182, 177, 183, 181, 182, 181, 179,
                                                   174, 180])
    assert X.min() == 0 and X.max() == 16 and (X == np.round(X)).all()
    # the first image is a zero: dark ring, light centre
    image = X[0].reshape(8, 8)
    assert y[0] == 0 and image[3:5, 3:5].mean() < 2 and image[1:7, 1:7].max() >= 15
    data = (resources.files("ffnn_edu") / "data" / "digits.csv.gz").read_bytes()
    assert hashlib.sha256(data).hexdigest() == (
        "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22")


def test_a_damaged_digits_file_is_refused(tmp_path, monkeypatch):
    import gzip

    import ffnn_edu.nn.datasets as datasets

    short = tmp_path / "digits.csv.gz"
    with gzip.open(short, "wt") as handle:
        handle.write(",".join(["0"] * 65) + "\n")
    monkeypatch.setattr(datasets, "_packaged", lambda name: tmp_path / name)
    with pytest.raises(ValueError, match="must hold 1797 rows of 65 numbers"):
        load_digits()
    with gzip.open(short, "wt") as handle:
        handle.write(("0," * 64 + "12\n") * 1797)
    with pytest.raises(ValueError, match="labels 0..9"):
        load_digits()
