"""The optimizers: eta as a schedule, the training loop's update, momentum's velocity."""
import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork, GradientDescent, Momentum
from ffnn_edu.nn.regularization import NO_PENALTY, Regularizer
from ffnn_edu.nn.schedules import step_decay


def test_eta_is_the_schedule_and_learning_rate_its_checked_value():
    opt = GradientDescent(step_decay(0.8, factor=0.5, every=2))
    assert [opt.eta(e) for e in range(4)] == [0.8, 0.8, 0.4, 0.4]
    assert opt.learning_rate(3) == 0.4
    assert GradientDescent(0.3).eta(1000) == 0.3


def test_update_is_the_step_then_the_l1_clipped_step_with_the_epochs_eta():
    net, twin = FeedForwardNetwork((2, 2, 1), seed=3), FeedForwardNetwork((2, 2, 1), seed=3)
    X, T = np.array([[1.0, -2.0]]), np.array([[1.0]])
    opt = GradientDescent(step_decay(0.8, factor=0.5, every=1))
    opt.update(net, net.backprop(X, T), 1, Regularizer("l1", 2.0), 4)
    GradientDescent(0.4).step(twin.parameters(), twin.backprop(X, T).as_list(), 0)
    Regularizer("l1", 2.0).shrink(twin.weights, 0.4, 4)          # eta of epoch 1 is 0.4
    for p, q in zip(net.parameters(), twin.parameters()):
        np.testing.assert_array_equal(p, q)


@pytest.mark.parametrize("regularizer", [NO_PENALTY, Regularizer("l2", 5.0)])
def test_update_takes_no_extra_step_without_an_l1_penalty(regularizer):
    net, twin = FeedForwardNetwork((2, 2, 1), seed=3), FeedForwardNetwork((2, 2, 1), seed=3)
    X, T = np.array([[1.0, -2.0]]), np.array([[1.0]])
    Momentum(0.1, 0.9).update(net, net.backprop(X, T), 0, regularizer, 4)
    Momentum(0.1, 0.9).step(twin.parameters(), twin.backprop(X, T).as_list(), 0)
    for p, q in zip(net.parameters(), twin.parameters()):
        np.testing.assert_array_equal(p, q)


def test_momentum_velocities_start_at_zero_and_are_kept():
    opt, w = Momentum(0.1, 0.5), np.array([1.0, 2.0])
    v = opt.velocities([w])
    assert v[0].tolist() == [0.0, 0.0] and opt.velocities([w]) is v
    opt.step([w], [np.array([1.0, 1.0])], 0)
    assert opt.velocity[0].tolist() == [-0.1, -0.1]


def test_check_parameters_refuses_a_velocity_of_another_shape_only_for_momentum():
    GradientDescent(0.1).check_parameters([np.zeros(3)])            # nothing to refuse
    opt = Momentum(0.1, 0.9)
    opt.step([np.zeros(2)], [np.ones(2)], 0)
    with pytest.raises(ValueError, match=r"^params have shapes \[\(3,\)\], but this Momentum"):
        opt.check_parameters([np.zeros(3)])


def test_the_optimizer_still_checks_the_epoch_it_hands_to_a_package_schedule():
    """The optimizer keeps a package schedule's body; its own methods check the epoch."""
    opt = GradientDescent(step_decay(0.8))
    with pytest.raises(ValueError, match="^epoch must be an integer >= 0, but it is -1"):
        opt.step([np.zeros(1)], [np.ones(1)], -1)
    with pytest.raises(ValueError, match=r"^epoch must be at most 2\*\*53"):
        opt.learning_rate(2 ** 60)


def test_a_learners_own_schedule_is_kept_as_it_is():
    def halving(epoch):
        return 1.0 / 2 ** epoch
    assert GradientDescent(halving).eta is halving
    assert Momentum(halving, 0.5).learning_rate(3) == 0.125
