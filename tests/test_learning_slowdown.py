"""The learning slowdown: a confidently wrong sigmoid neuron barely learns under the
squared error and learns fast under cross-entropy; a summed error with eta equals a mean
one with n eta."""

import pickle

import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork
from ffnn_edu.experiments.learning_slowdown import (
    backprop_delta,
    chain_rule_delta,
    confidently_wrong_neuron,
    summed,
    train_confidently_wrong,
    train_sum_and_mean,
)
from ffnn_edu.nn.datasets import and_gate, two_moons

from helpers import raises_all


def _starts():
    """Nielsen's start, hand-picked ones for both targets, random confident starts."""
    fixed = [(2.0, 2.0, 0.0), (3.0, 1.0, 0.0), (-2.0, -2.0, 1.0), (-1.5, -3.0, 1.0)]
    rng = np.random.default_rng(2024)
    random = []
    for _ in range(4):
        z = rng.uniform(3.5, 5.0)  # logit of a confidently wrong start
        share = rng.uniform(0.2, 0.8)
        target = float(rng.integers(0, 2))
        sign = 1.0 if target == 0.0 else -1.0
        random.append((sign * share * z, sign * (1 - share) * z, target))
    return fixed + random


@pytest.mark.parametrize("w, b, t", _starts())
def test_squared_error_barely_moves_while_cross_entropy_falls_fast(w, b, t):
    slow = train_confidently_wrong("half_sse", w=w, b=b, t=t, epochs=50)
    fast = train_confidently_wrong("binary_cross_entropy", w=w, b=b, t=t, epochs=50)
    assert abs(slow.outputs[0] - t) > 0.95  # confidently wrong
    assert slow.loss_fraction_left(30) > 0.9  # barely moves in 30 epochs
    assert fast.loss_fraction_left(30) < 0.2  # falls fast
    assert fast.epochs_until_right() is not None and fast.epochs_until_right() <= 30
    assert slow.epochs_until_right() is None  # still wrong after 50 epochs


@pytest.mark.parametrize("w, b, t", _starts()[:4])
def test_squared_error_gets_there_much_later(w, b, t):
    slow = train_confidently_wrong(
        "half_sse", w=w, b=b, t=t, epochs=3000
    ).epochs_until_right()
    fast = train_confidently_wrong(
        "binary_cross_entropy", w=w, b=b, t=t, epochs=100
    ).epochs_until_right()
    assert slow is not None and fast is not None and slow > 5 * fast


def test_squared_error_needs_232_epochs_and_cross_entropy_17_as_in_nielsen():
    slow = train_confidently_wrong("half_sse")
    fast = train_confidently_wrong("binary_cross_entropy")
    assert slow.outputs[0] == pytest.approx(0.98201379, abs=1e-8)
    assert slow.epochs_until_right() == 232 and fast.epochs_until_right() == 17
    assert slow.outputs[-1] == pytest.approx(0.20, abs=0.01)  # Nielsen's figure: 0.20


def test_a_mildly_wrong_start_learns_under_both():
    for loss in ("half_sse", "binary_cross_entropy"):
        run = train_confidently_wrong(loss, w=0.6, b=0.9)
        assert run.epochs_until_right() < 50


def test_cross_entropy_delta_is_output_minus_target():
    y = np.linspace(0.001, 0.999, 101)
    for t in (0.0, 1.0):
        T = np.full_like(y, t)
        # the two factors of the chain rule, multiplied: the derivation's claim
        assert np.allclose(
            chain_rule_delta("binary_cross_entropy", y, T), y - t, atol=1e-12
        )
        # the network's backpropagation (which uses y - t for sigmoid + cross-entropy)
        assert np.allclose(
            backprop_delta("binary_cross_entropy", y, T), y - t, atol=1e-12
        )
        for delta in (backprop_delta, chain_rule_delta):
            assert np.allclose(
                delta("half_sse", y, T), (y - t) * y * (1 - y), atol=1e-12
            )


@pytest.mark.parametrize(
    "y, t, shown",
    [
        ([1 - 1e-16], [0.0], "y[0] is 0.9999999999999999"),  # was 0.111, true 1.0
        ([1e-16], [1.0], "y[0] is 1e-16"),  # was -0.1, true -1.0
        ([0.5, 1e-300], [0.0, 1.0], "y[1] is 1e-300"),  # was -1e-285, true -1.0
        (1e-16, 1.0, "y is 1e-16"),
    ],
)
def test_chain_rule_delta_refuses_outputs_where_the_cross_entropy_clips(y, t, shown):
    # there Loss.derivative is clipped while the slope y(1 - y) is not, so the
    # product is not the derivation's y - t; a refusal, never a wrong number
    for loss in ("binary_cross_entropy", summed("binary_cross_entropy", 3)):
        raises_all(
            ValueError,
            "y must lie between CLIP = 1e-15 and 1 - CLIP",
            shown,
            "the loss clips its derivative there",
            "backprop_delta gives the delta there",
            call=lambda loss=loss: chain_rule_delta(loss, y, t),
        )
    # backprop_delta, from the logits, stays right there
    assert backprop_delta("binary_cross_entropy", [1e-16], [1.0]) == pytest.approx(
        [-1.0]
    )


def test_chain_rule_delta_is_y_minus_t_up_to_clip_and_for_half_sse_beyond():
    # CLIP itself is not clipped, nor the largest double with 1 - y >= CLIP (the
    # double 1 - 1e-15 is 1 - 9.992e-16, which the loss clips since review 21)
    y = np.array([1e-15, 1.0 - 10 * 2.0**-53])
    assert chain_rule_delta("binary_cross_entropy", y, [1.0, 0.0]) == pytest.approx(
        y - [1.0, 0.0], abs=1e-15
    )
    # the squared error clips nothing: no refusal, the product (y - t) y (1 - y)
    assert chain_rule_delta("half_sse", [1e-300], [1.0]) == pytest.approx([-1e-300])


def test_output_delta_rejects_outputs_outside_the_open_interval():
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        backprop_delta("half_sse", [1.0], [0.0])
    with pytest.raises(ValueError, match="same shape"):
        backprop_delta("half_sse", [0.5, 0.5], [0.0])
    with pytest.raises(ValueError, match=r"^y must lie") as outside:
        backprop_delta("half_sse", 1.5, 0.0)
    assert str(outside.value) == (
        "y must lie strictly between 0 and 1 (a sigmoid output), but y is 1.5"
    )


def test_output_delta_names_a_sigmoid_output_rounded_to_its_limit():
    # review17 fault 11: sigmoid(40.0) is 1.0 in float64, a real sigmoid output,
    # but was refused as "y must lie strictly between 0 and 1 (a sigmoid output)"
    saturated = 1 / (1 + np.exp(-np.array([40.0, 0.0])))
    with pytest.raises(ValueError, match=r"^y must lie") as refused:
        backprop_delta("mse", saturated, [0.0, 1.0])
    message = str(refused.value)
    assert message.startswith(
        "y must lie strictly between 0 and 1, but y[0] is 1.0, which sigmoid(z) "
        "gives in float64 for every z above about 37: a sigmoid output rounded to "
        "its limit, so its logit ln(y/(1 - y))"
    )
    assert "cannot be recovered" in message
    assert message.endswith(
        "pass a less saturated output (sigmoid(30.0) is 1 - 9.4e-14)"
    )
    with pytest.raises(ValueError, match=r"^y must lie") as low:
        chain_rule_delta("half_sse", [0.0], [1.0])
    assert "y[0] is 0.0, which sigmoid(z) gives in float64 for every z below about" in (
        str(low.value)
    )
    assert "slope y(1 - y) reads 0" in str(low.value)
    assert str(low.value).endswith("(sigmoid(-30.0) is 9.4e-14)")


def test_train_confidently_wrong_rejects_soft_targets():
    with pytest.raises(ValueError, match="t must be the label 0 or 1"):
        train_confidently_wrong("half_sse", t=0.3)


def test_confidently_wrong_neuron_output():
    assert confidently_wrong_neuron(2.0, 2.0).forward([[1.0]])[0, 0] == pytest.approx(
        1 / (1 + np.exp(-4.0))
    )


def test_summed_is_n_times_the_mean():
    rng = np.random.default_rng(0)
    y = rng.uniform(0.05, 0.95, size=(7, 1))
    t = rng.integers(0, 2, size=(7, 1)).astype(float)
    E = summed("binary_cross_entropy", 7)
    from ffnn_edu.nn.losses import binary_cross_entropy

    assert E(y, t) == pytest.approx(7 * binary_cross_entropy(y, t))
    assert np.allclose(E.derivative(y, t), 7 * binary_cross_entropy.derivative(y, t))


@pytest.mark.parametrize("loss", ["binary_cross_entropy", "mse"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_sum_with_eta_equals_mean_with_n_eta(loss, seed):
    X, t = two_moons(40, seed=seed)
    net = FeedForwardNetwork((2, 3, 1), ["tanh", "sigmoid"], seed=seed)
    result = train_sum_and_mean(net, X, t, loss=loss, eta=0.02, epochs=60)
    assert result.n == 40
    assert result.largest_weight_gap < 1e-10
    assert np.allclose(
        result.mean_losses["sum, eta"], result.mean_losses["mean, n eta"], atol=1e-12
    )
    # with the same eta, the mean takes n-fold shorter steps and lags behind
    assert result.mean_losses["mean, eta"][-1] > result.mean_losses["sum, eta"][-1]


def test_sum_and_mean_leaves_the_start_unchanged():
    net = FeedForwardNetwork((2, 1), seed=0)
    before = [p.copy() for p in net.parameters()]
    train_sum_and_mean(net, *and_gate(), epochs=5)
    assert all(np.array_equal(p, q) for p, q in zip(before, net.parameters()))


def test_squared_error_delta_peaks_at_two_thirds_then_shrinks():
    y = np.linspace(0.01, 0.99, 99)
    delta = backprop_delta("half_sse", y, np.zeros_like(y))
    assert y[np.argmax(delta)] == pytest.approx(2 / 3, abs=0.01)
    # past the peak, the more wrong the output, the smaller the step
    assert np.all(np.diff(delta[y > 0.67]) < 0)


def test_summed_cross_entropy_is_minus_log_likelihood():
    from ffnn_edu.nn.losses import binary_cross_entropy

    rng = np.random.default_rng(5)
    y = rng.uniform(0.05, 0.95, size=12)
    t = rng.integers(0, 2, size=12).astype(float)
    likelihood = np.prod(np.where(t == 1, y, 1 - y))
    assert 12 * binary_cross_entropy(y, t) == pytest.approx(
        -np.log(likelihood), rel=1e-12
    )


def test_train_sum_and_mean_refuses_a_network_of_the_wrong_type_with_type_error():
    from ffnn_edu.experiments.learning_slowdown import train_sum_and_mean

    with pytest.raises(TypeError, match=r"^network must be a FeedForwardNetwork"):
        train_sum_and_mean(None, [[0.0, 1.0]], [1.0])


# --- the slowdown run -----------------------------------------------------------------


@pytest.mark.parametrize(
    "epoch,error",
    [(-1, ValueError), (11, ValueError), (50, ValueError), (2.0, TypeError)],
)
def test_loss_fraction_left_checks_the_epoch(epoch, error):
    run = train_confidently_wrong("half_sse", epochs=10)
    raises_all(
        error,
        "epoch must be a whole number from 0 to 10",
        call=lambda: run.loss_fraction_left(epoch),
    )


def test_a_diverged_slowdown_run_says_so():
    run = train_confidently_wrong("binary_cross_entropy", eta=1e308, epochs=3)
    assert run.diverged and "diverged" in run.message
    calm = train_confidently_wrong("binary_cross_entropy", epochs=3)
    assert not calm.diverged and len(calm.outputs) == 4


@pytest.mark.parametrize(
    "function", ["train_confidently_wrong", "backprop_delta", "chain_rule_delta"]
)
def test_slowdown_functions_want_a_loss_for_a_sigmoid_neuron(function):
    from ffnn_edu.experiments import learning_slowdown

    call = getattr(learning_slowdown, function)
    args = () if function == "train_confidently_wrong" else (0.5, 1.0)
    raises_all(
        ValueError,
        "loss must suit one sigmoid output neuron",
        "'categorical_cross_entropy' needs a softmax output",
        call=lambda: call("categorical_cross_entropy", *args),
    )


def test_cross_entropys_gain_grows_with_the_confidence_of_the_wrong_start():
    """Chapter 5: not a larger learning rate, since the speed-up depends on the start.

    From the mild start (w = 0.6, b = 0.9) the cross-entropy crosses 1/2 4.5 times
    sooner, from w = b = 2 13.6 times sooner; the gain rises with the logit.
    """

    def speedup(w: float, b: float, t: float = 0.0) -> float:
        slow = train_confidently_wrong("half_sse", w=w, b=b, t=t, epochs=300)
        fast = train_confidently_wrong(
            "binary_cross_entropy", w=w, b=b, t=t, epochs=300
        )
        return slow.epochs_until_right() / fast.epochs_until_right()

    assert speedup(0.6, 0.9) == 36 / 8
    assert speedup(2.0, 2.0) == 232 / 17
    gains = [speedup(w, w) for w in (1.0, 1.5, 2.0)]
    assert gains[0] < gains[1] < gains[2]
    assert speedup(-1.5, -1.5, t=1.0) == gains[1]  # target 1, the mirrored start


def test_train_sum_and_mean_refuses_more_epochs_in_all_than_its_limit():
    with pytest.raises(
        ValueError,
        match=r"3000000 epochs in all \(3 runs x 1000000 epochs\), more than "
        r"MAX_EPOCHS_IN_ALL = 100000",
    ):
        train_sum_and_mean(
            FeedForwardNetwork((2, 1), seed=0), *and_gate(), epochs=10**6
        )


def test_train_sum_and_mean_refuses_three_runs_whose_work_passes_the_limit():
    """Issue 16: each of the three runs passed train's MAX_WORK alone."""
    X, T = np.zeros((10_000, 100)), np.zeros((10_000, 1))
    with pytest.raises(
        ValueError,
        match=r"^this would make 3060030000000 sample-weight-epochs \(the summed and "
        r"the two mean forms: 3 runs x X: 10000 samples x network: 102001 weights and "
        r"biases x epochs: 1000 epochs\), more than MAX_WORK = 1000000000000$",
    ):
        train_sum_and_mean(
            FeedForwardNetwork((100, 1000, 1)), X, T, loss="mse", epochs=1000
        )


def test_the_learning_slowdown_experiment_on_a_small_input_is_not_named():
    # Fresh review of issue 16: the neuron on x = 0.005 learns (loss 2.136 -> 0.02487)
    # but was told it learned nothing from X, its inputs too small; one sample
    run = train_confidently_wrong("binary_cross_entropy", x=0.005)
    assert run.message == (
        "Trained for 300 epochs (300 iterations); training loss 2.136 -> 0.02487."
    )


# Fresh review (issue 16): a summed loss was built from lambdas, which pickle refuses.
@pytest.mark.parametrize("loss", ["binary_cross_entropy", "mse", "half_sse"])
def test_a_summed_loss_survives_a_pickle_round_trip(loss):
    E = summed(loss, 3)
    loaded = pickle.loads(pickle.dumps(E))
    y = np.array([[0.2], [0.7], [0.9]])
    t = np.array([[0.0], [1.0], [1.0]])
    assert loaded.name == E.name == f"{loss}, summed over 3 samples"
    assert loaded(y, t) == E(y, t)
    np.testing.assert_array_equal(loaded.derivative(y, t), E.derivative(y, t))
    assert (loaded.value_from_logits is None) == (E.value_from_logits is None)
    if E.value_from_logits is not None:
        z = np.array([[-1.0], [0.5], [40.0]])
        assert loaded.value_from_logits(z, t) == E.value_from_logits(z, t) > 0
        np.testing.assert_array_equal(loaded.delta(y, t), E.delta(y, t))


# Review 21: the refusal named 'binary_cross_entropy' when the learner wrote
# "cross_entropy"; it names what was written.
def test_chain_rule_delta_names_the_loss_as_written_when_it_refuses_a_clipped_output():
    raises_all(
        ValueError,
        "y must lie between CLIP = 1e-15 and 1 - CLIP for 'cross_entropy', but",
        call=lambda: chain_rule_delta("cross_entropy", [1e-16], [1.0]),
    )


# Review 21: the loss clips ln(1 - y) where 1 - y < CLIP, and the double 1 - CLIP is
# 1 - 9.992e-16, inside that: y = 1 - CLIP passed as unclipped.
def test_chain_rule_delta_refuses_the_double_one_minus_clip_which_the_loss_clips():
    raises_all(
        ValueError,
        "y must lie between CLIP",
        "y[0] is 0.999999999999999",
        call=lambda: chain_rule_delta("binary_cross_entropy", [1.0 - 1e-15], [0.0]),
    )
