"""nn.validation: every checker once, and a wrong type raises TypeError as the docstring promises."""
import numpy as np
import pytest

from ffnn_edu.nn.validation import (array, as_array, as_labels, as_samples, labels, matrix,
                                    scalar, values, vector)
from ffnn_edu.nn.validation import (dropout_rate, epoch_number, random_generator, takes,
                                    validation_pair)


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


def test_epoch_number_is_a_count_from_zero_up_to_two_to_the_53():
    assert epoch_number(0, "epoch") == 0 and epoch_number(2 ** 53, "epoch") == 2 ** 53
    with pytest.raises(ValueError, match=r"^epoch must be at most 2\*\*53"):
        epoch_number(2 ** 53 + 1, "epoch")
    with pytest.raises(TypeError, match="^epoch must be an integer >= 0"):
        epoch_number(1.0, "epoch")


def test_dropout_rate_is_zero_up_to_but_not_one():
    assert dropout_rate(0, "rate") == 0.0 and dropout_rate(0.99, "rate") == 0.99
    with pytest.raises(ValueError, match="^rate must be < 1"):
        dropout_rate(1.0, "rate")


def test_random_generator_refuses_other_random_states_with_type_error_and_says_why():
    rng = np.random.default_rng(0)
    assert random_generator("it shuffles")(rng, "rng") is rng
    with pytest.raises(TypeError, match=r"^rng must be a numpy\.random\.Generator, such as "
                                        r"numpy\.random\.default_rng\(0\) \(it shuffles\), but "
                                        r"it is RandomState"):
        random_generator("it shuffles")(np.random.RandomState(0), "rng")


def test_validation_pair_is_none_or_two_things():
    assert validation_pair(None, "validation") is None
    assert validation_pair([1, 2], "validation") == [1, 2]
    with pytest.raises(TypeError, match="^validation_data must be a pair .* a str$"):
        validation_pair("ab", "validation_data")


def test_takes_says_whether_a_function_accepts_n_positional_arguments():
    assert takes(lambda a, b, c: None, 3) and not takes(lambda a: None, 3)
    assert takes(print, 3)
