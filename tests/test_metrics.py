"""nn.metrics: the confusion matrix (moved from experiments.multiclass)."""

import numpy as np
import pytest

from ffnn_edu.nn.metrics import confusion_matrix


def test_confusion_matrix_rows_are_true_classes_columns_predictions():
    M = confusion_matrix([0, 1, 1, 2], [0, 2, 1, 2], 3)
    assert M.tolist() == [[1, 0, 0], [0, 1, 1], [0, 0, 1]]
    assert M.dtype.kind == "i"


def test_confusion_matrix_refuses_none_with_type_error():
    with pytest.raises(TypeError, match="y_true must be an array of numbers"):
        confusion_matrix(None, [0], 2)


def test_confusion_matrix_refuses_a_float_class_count_with_type_error():
    with pytest.raises(TypeError, match="n_classes"):
        confusion_matrix([0], [0], 2.0)


def test_confusion_matrix_counts_true_against_predicted():
    M = confusion_matrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 2, 0], 3)
    np.testing.assert_array_equal(M, [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    assert M.trace() == 4 and M.sum() == 6
    with pytest.raises(ValueError, match="same length"):
        confusion_matrix([0, 1], [0], 2)


def test_confusion_matrix_refuses_more_classes_than_max_classes():
    """n_classes = 10**6 asked numpy for a 7.3 TiB table."""
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        confusion_matrix([0, 1], [0, 1], 10**6)
    assert str(refused.value) == (
        "this would make 1000000 classes (n_classes), more than MAX_CLASSES = 1000"
    )
