"""nn.losses: a wrong type as a loss name raises TypeError; CLIP is public."""
import numpy as np
import pytest

from ffnn_edu.nn.losses import CLIP, binary_cross_entropy, get_loss


@pytest.mark.parametrize("name", [["mse"], {"mse": 1}, None, 1.0])
def test_get_loss_refuses_something_that_is_no_name_with_type_error(name):
    with pytest.raises(TypeError, match=r"\(a name\) or a Loss, but it is"):
        get_loss(name)


def test_get_loss_refuses_an_unknown_name_with_value_error():
    with pytest.raises(ValueError, match="but it is 'hinge'$"):
        get_loss("hinge")


def test_clip_bounds_the_cross_entropy_of_a_saturated_output():
    assert CLIP == 1e-15
    assert binary_cross_entropy([[0.0]], [[1.0]]) == pytest.approx(-np.log(CLIP))
