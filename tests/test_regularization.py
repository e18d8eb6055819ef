"""The penalties' kernels for the training loop: the L2 term folded in, the L1 proximal step."""
import numpy as np
import pytest

from ffnn_edu.nn.regularization import NO_PENALTY, Regularizer, as_penalty


def test_fold_into_adds_the_l2_gradient_two_lambda_w_over_n():
    w, g = [np.array([[1.0, -2.0]])], [np.array([[0.5, 0.5]])]
    folded = Regularizer("l2", 0.5).fold_into(g, w, 10)
    np.testing.assert_array_equal(folded[0], [[0.6, 0.3]])
    assert g[0].tolist() == [[0.5, 0.5]]                         # the gradients are not changed


@pytest.mark.parametrize("reg", [Regularizer("l1", 0.5), Regularizer("l2", 0.0), NO_PENALTY])
def test_fold_into_leaves_the_gradients_alone_without_an_l2_term(reg):
    g = [np.ones(2)]
    assert reg.fold_into(g, [np.ones(2)], 4) is g


def test_proximal_step_is_the_l1_clipped_step_and_nothing_for_l2():
    w = np.array([0.3, -0.05, 0.0])
    Regularizer("l1", 1.0).proximal_step([w], eta=1.0, n=10)
    np.testing.assert_allclose(w, [0.2, 0.0, 0.0], rtol=0, atol=1e-15)
    v = np.array([0.3, -0.05])
    Regularizer("l2", 1.0).proximal_step([v], eta=1.0, n=10)
    assert v.tolist() == [0.3, -0.05]
    assert Regularizer("l1", 0.1).proximal and not Regularizer("l1", 0.0).proximal
    assert not Regularizer("l2", 0.1).proximal


def test_as_penalty_makes_none_no_penalty_and_refuses_other_types():
    assert as_penalty(None, "regularizer") is NO_PENALTY and NO_PENALTY.lam == 0.0
    reg = Regularizer("l1", 0.1)
    assert as_penalty(reg, "regularizer") is reg
    with pytest.raises(TypeError, match="^regularizer must be a Regularizer or None, but it is "
                                        "'l2' \\(str\\)"):
        as_penalty("l2", "regularizer")
