"""nn.activations: the two slope names, the public kernels the chapters show, the softmax
Jacobian, and wrong types that raise TypeError."""
import numpy as np
import pytest

from ffnn_edu.nn.activations import (ACTIVATIONS, get_activation, sigmoid, sigmoid_derivative,
                                     sigmoid_kernel, sigmoid_output_slope, softmax,
                                     softmax_jacobian, softmax_kernel)


def test_an_activation_has_exactly_two_slope_names():
    """Catches a third slope method creeping back (slope, slope_from_output, ...)."""
    act = get_activation("sigmoid")
    names = {n for n in dir(act) if "slope" in n or "derivative" in n}
    assert names == {"derivative", "output_slope"}


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "arctan", "linear", "step"])
def test_derivative_from_logits_and_from_outputs_agree_with_output_slope(name):
    act = ACTIVATIONS[name]
    z = np.array([-2.5, -0.3, 0.7, 3.0])
    y = act.function(z)
    np.testing.assert_array_equal(act.derivative(z), act.output_slope(y))
    np.testing.assert_array_equal(act.derivative(y=y), act.output_slope(y))


def test_derivative_wants_exactly_one_of_z_and_y():
    act = get_activation("tanh")
    with pytest.raises(TypeError, match="exactly one of them"):
        act.derivative()
    with pytest.raises(TypeError, match="exactly one of them"):
        act.derivative([0.0], y=[0.0])


def test_derivative_refuses_a_string_as_z_with_type_error():
    with pytest.raises(TypeError, match="z must be an array of numbers"):
        get_activation("sigmoid").derivative("abc")


def test_derivative_refuses_none_inside_the_outputs_with_type_error():
    with pytest.raises(TypeError, match="y must be an array of numbers, but it holds None"):
        get_activation("sigmoid").derivative(y=[0.5, None])


def test_the_shown_sigmoid_kernel_is_the_public_sigmoid_without_its_checks():
    z = np.array([-1000.0, -3.0, 0.0, 0.351, 1000.0])
    np.testing.assert_array_equal(sigmoid_kernel(z), sigmoid(z))
    assert sigmoid_kernel(z).tolist()[:1] == [0.0] and sigmoid_kernel(z).tolist()[-1] == 1.0
    np.testing.assert_allclose(sigmoid_kernel(z[1:4]), 1 / (1 + np.exp(-z[1:4])), rtol=1e-15)


def test_the_shown_sigmoid_slope_is_y_times_one_minus_y():
    y = np.array([0.0, 0.2, 0.5, 1.0])
    assert sigmoid_output_slope(y).tolist() == pytest.approx([0.0, 0.16, 0.25, 0.0], abs=1e-16)
    np.testing.assert_array_equal(sigmoid_derivative(np.array([0.0, 2.0])),
                                  sigmoid_output_slope(sigmoid_kernel(np.array([0.0, 2.0]))))


def test_the_shown_softmax_kernel_is_the_public_softmax_and_the_network_s():
    z = np.array([[2.0, 1.0, 0.1], [1000.0, 999.0, 998.0]])
    np.testing.assert_array_equal(softmax_kernel(z), softmax(z))
    assert get_activation("softmax").function is softmax_kernel
    assert get_activation("sigmoid").function is sigmoid_kernel
    assert get_activation("sigmoid").output_slope is sigmoid_output_slope


def test_sigmoid_docstring_names_the_formula_its_code_uses():
    """Catches the docstring describing a two-branch exp form the code does not use."""
    assert "tanh" in sigmoid.__doc__ and "e^{-|z|}" not in sigmoid.__doc__


def test_softmax_jacobian_lives_in_the_library_and_has_zero_column_sums():
    J = softmax_jacobian([2.0, 1.0, 0.1])
    y = softmax(np.array([2.0, 1.0, 0.1]))
    np.testing.assert_allclose(J, np.diag(y) - np.outer(y, y), rtol=0, atol=0)
    assert np.abs(J.sum(axis=0)).max() < 1e-15


def test_softmax_jacobian_refuses_a_string_with_type_error():
    with pytest.raises(TypeError, match="z must be an array of numbers"):
        softmax_jacobian("abc")


@pytest.mark.parametrize("name", [["relu"], {"relu": 1}, None, 3])
def test_get_activation_refuses_something_that_is_no_name_with_type_error(name):
    with pytest.raises(TypeError, match=r"\(a name\) or an Activation, but it is"):
        get_activation(name)


def test_get_activation_refuses_an_unknown_name_with_value_error():
    with pytest.raises(ValueError, match="but it is 'swish'$"):
        get_activation("swish")
