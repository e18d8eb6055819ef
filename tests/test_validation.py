"""nn.validation: a wrong type raises TypeError, as the module's docstring promises."""
import numpy as np
import pytest

from ffnn_edu.nn.validation import (array, as_array, as_labels, as_samples, labels, matrix,
                                    scalar, values, vector)


@pytest.mark.parametrize("checker", [array, vector, matrix, values, scalar, as_samples])
def test_none_where_numbers_belong_raises_type_error(checker):
    with pytest.raises(TypeError, match="^x must be an array of numbers, not None$"):
        checker(None, "x")


@pytest.mark.parametrize("value", [[1.0, None], [[1.0, 2.0], [None, 3.0]],
                                   np.array([1.0, None], dtype=object)])
def test_none_inside_an_array_raises_type_error(value):
    with pytest.raises(TypeError, match="^X must be an array of numbers, but it holds None$"):
        as_array(value, "X")


def test_nan_is_still_a_value_error():
    with pytest.raises(ValueError, match="finite numbers"):
        as_array([1.0, np.nan], "x")


@pytest.mark.parametrize("value", [None, {"a": 1}, "yes", b"no", object()])
def test_labels_that_are_no_list_raise_type_error(value):
    with pytest.raises(TypeError, match="^y must be a list or 1-D array of class labels"):
        as_labels(value, "y")
    with pytest.raises(TypeError):
        labels(value, "y")


def test_a_single_number_as_labels_is_still_a_value_error():
    with pytest.raises(ValueError, match="must be 1-D"):
        as_labels(3, "y")
