"""nn.preprocessing: one_hot and class_numbers (moved from experiments.multiclass), and the
public sample_table checker."""
import numpy as np
import pytest

from ffnn_edu.nn.preprocessing import class_numbers, one_hot, sample_table


def test_one_hot_marks_each_sample_s_class():
    np.testing.assert_array_equal(one_hot([1, 0, 2], 3), [[0, 1, 0], [1, 0, 0], [0, 0, 1]])


def test_one_hot_refuses_a_string_count_with_type_error():
    with pytest.raises(TypeError, match="n_classes"):
        one_hot([0, 1], "3")


def test_one_hot_refuses_none_labels_with_type_error():
    with pytest.raises(TypeError, match="labels must be an array of numbers"):
        one_hot(None, 3)


def test_class_numbers_accepts_whole_floats_and_names_the_argument():
    assert class_numbers([2.0, 0.0], 3).tolist() == [2, 0]
    with pytest.raises(ValueError, match="^y_pred must be whole numbers from 0 to 1, but they "
                                         "include 0.5$"):
        class_numbers([0.5], 2, "y_pred")


def test_sample_table_refuses_a_1d_array_with_a_hint():
    with pytest.raises(ValueError, match=r"X.reshape\(-1, 1\)"):
        sample_table([1.0, 2.0], "X")
    assert sample_table([[1.0, 2.0]], "X").shape == (1, 2)
