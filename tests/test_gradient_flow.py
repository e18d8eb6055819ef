"""Chapter 11's claims about gradients in an eight-layer network, for several starting
weights: sigmoid layers fade the gradient within the bound ||W||_2 / 4 per layer, large
weights even the layers out by saturating the units, ReLU gradients explode when the
weights double, tanh + Glorot and ReLU + He keep the layers level while sigmoid + 4 x
Glorot does not, and the identity path of a residual block keeps the error signal
alive."""

import re
import warnings

import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork
from ffnn_edu.experiments.batch_sizes import (
    compare_batch_sizes,
    minibatch_gradient_cosines,
)
from ffnn_edu.experiments.gradient_flow import (
    backward_factors,
    initial_weight_scale,
    layer_gradient_norms,
    residual_backward_norms,
)
from ffnn_edu.experiments.hidden_layers import (
    best_linear_accuracy,
    collapse_linear_layers,
    hidden_unit_functions,
    hidden_unit_lines,
    product_feature,
    train_many,
)
from ffnn_edu.experiments.multiclass import logit_gradient_numeric
from ffnn_edu.nn.activations import sigmoid
from ffnn_edu.nn.datasets import two_moons

from helpers import refuses

N_IN, DEPTH = 16, 8
SIZES = (N_IN,) * DEPTH + (1,)
rng = np.random.default_rng(0)
X = rng.normal(size=(64, N_IN))
T = rng.integers(0, 2, size=(64, 1)).astype(float)
SEEDS = [1, 2, 3, 4]


def sigmoid_net(seed, scale=None):
    return FeedForwardNetwork(SIZES, "sigmoid", seed=seed, weight_scale=scale)


@pytest.mark.parametrize("seed", SEEDS)
def test_sigmoid_gradients_fade_towards_the_inputs(seed):
    norms = layer_gradient_norms(sigmoid_net(seed), X, T)
    assert np.all(np.diff(norms) > 0)
    assert norms[-1] / norms[0] > 1e4


@pytest.mark.parametrize("seed", SEEDS)
def test_each_sigmoid_layer_stays_within_its_bound_and_shrinks_the_signal(seed):
    f = backward_factors(sigmoid_net(seed), X, T)
    assert np.all(f.factor <= f.bound)
    assert np.all(f.factor < 0.35)
    assert np.all((f.mean_slope > 0.2) & (f.mean_slope <= 0.25))


@pytest.mark.parametrize("seed", SEEDS)
def test_large_sigmoid_weights_even_out_the_layers_by_saturating_them(seed):
    net = sigmoid_net(seed)
    big = net.copy()
    big.weights = [16 * W for W in net.weights]
    norms = layer_gradient_norms(big, X, T)
    base = layer_gradient_norms(net, X, T)
    assert norms[0] / norms[-1] > 100 * base[0] / base[-1]
    slopes = [
        big.activations[0].derivative(z).mean()
        for z in big.forward(X, return_all=True).logits[:-1]
    ]
    assert np.mean(slopes) < 0.05


def test_for_the_chapters_network_large_weights_shrink_every_layer():
    net = sigmoid_net(1)
    by_factor = {}
    for c in (4, 16):
        big = net.copy()
        big.weights = [c * W for W in net.weights]
        by_factor[c] = layer_gradient_norms(big, X, T)
    assert np.all(by_factor[16] < by_factor[4])


@pytest.mark.parametrize("seed", SEEDS)
def test_doubling_relu_weights_explodes_the_gradient(seed):
    he = initial_weight_scale("he", N_IN)
    norms = {
        c: layer_gradient_norms(
            FeedForwardNetwork(
                SIZES,
                ["relu"] * (DEPTH - 1) + ["linear"],
                seed=seed,
                weight_scale=c * he,
            ),
            X,
            T,
        )
        for c in (1, 2)
    }
    assert norms[2].max() / norms[1].max() > 1e4


@pytest.mark.parametrize("seed", SEEDS)
def test_matching_initialisation_keeps_tanh_and_relu_layers_level_but_not_sigmoid(seed):
    glorot, he = (
        initial_weight_scale("glorot", N_IN, N_IN),
        initial_weight_scale("he", N_IN),
    )
    tanh = FeedForwardNetwork(
        SIZES, ["tanh"] * (DEPTH - 1) + ["sigmoid"], seed=seed, weight_scale=glorot
    )
    relu = FeedForwardNetwork(
        SIZES, ["relu"] * (DEPTH - 1) + ["sigmoid"], seed=seed, weight_scale=he
    )
    for net in (tanh, relu):
        n = layer_gradient_norms(net, X, T)
        assert 0.3 < n[0] / n[-1] < 3
    default = layer_gradient_norms(sigmoid_net(seed), X, T)
    four = layer_gradient_norms(sigmoid_net(seed, 4 * glorot), X, T)
    assert four[0] / four[-1] > 100 * default[0] / default[-1]
    assert four[0] / four[-1] < 0.5


@pytest.mark.parametrize("seed", SEEDS)
def test_identity_path_keeps_the_error_signal(seed):
    net = sigmoid_net(seed)
    h0 = sigmoid(X[:1] @ net.weights[0])
    plain, residual = residual_backward_norms(
        net.weights[1:-1], h0, np.full((1, N_IN), 0.25)
    )
    assert plain[-1] < 0.01 * plain[0]
    assert np.all((residual > 0.5) & (residual < 2.0))


def test_initial_weight_scales_follow_lecun_glorot_and_he():
    assert initial_weight_scale("lecun", 16) == pytest.approx(0.25)
    assert initial_weight_scale("glorot", 16, 16) == pytest.approx(0.25)
    assert initial_weight_scale("he", 16) == pytest.approx(np.sqrt(2) / 4)
    with pytest.raises(ValueError, match="n_out"):
        initial_weight_scale("glorot", 16)
    with pytest.raises(ValueError, match="rule"):
        initial_weight_scale("xavier", 16)


def test_unknown_hidden_activation_is_refused():
    net = FeedForwardNetwork((2, 3, 1), ["arctan", "sigmoid"])
    with pytest.raises(ValueError, match="largest slope"):
        backward_factors(net, X[:4, :2], T[:4])


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_large_weights_never_make_sigmoid_gradients_explode(seed):
    net = sigmoid_net(seed)
    default = layer_gradient_norms(net, X, T).max()
    for c in (4, 16, 64):
        big = net.copy()
        big.weights = [c * W for W in net.weights]
        assert layer_gradient_norms(big, X, T).max() < 5 * default


XOR = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])

T_XOR = np.array([0.0, 1.0, 1.0, 0.0])

NET = FeedForwardNetwork((2, 3, 1), seed=0)

X40, Y40 = two_moons(40, seed=0)


@pytest.mark.parametrize(
    "error, message, make",
    [
        (
            TypeError,
            "network must be a FeedForwardNetwork, but it is None",
            lambda: layer_gradient_norms(None, XOR, T_XOR),
        ),
        (
            TypeError,
            "network must be a FeedForwardNetwork, but it is None",
            lambda: backward_factors(None, XOR, T_XOR),
        ),
        (
            ValueError,
            "network must have a hidden layer, but it has layer sizes (2, 1)",
            lambda: backward_factors(FeedForwardNetwork((2, 1)), XOR, T_XOR),
        ),
        (
            ValueError,
            "the error signal arriving at layer 1 is zero, so the factor it is "
            "multiplied by on the way back is undefined: the outputs match the "
            "targets (the output error is 0)",
            lambda: backward_factors(NET, XOR, NET.forward(XOR)),
        ),
        (
            TypeError,
            "rule must be 'lecun', 'glorot' or 'he', but it is array(",
            lambda: initial_weight_scale(np.array(["he", "x"]), 3),
        ),
        (
            TypeError,
            "n_out must be an integer >= 1, but it is 'x' (str)",
            lambda: initial_weight_scale("lecun", 3, n_out="x"),
        ),
        (
            TypeError,
            "weights must be a list of square weight "
            "matrices, one per block, but it is 3",
            lambda: residual_backward_norms(3, [[0.0, 0.0]], [[1.0, 0.0]]),
        ),
        (
            ValueError,
            "weights must hold at least one block's matrix, but it is empty",
            lambda: residual_backward_norms([], [[0.0, 0.0]], [[1.0, 0.0]]),
        ),
        (
            ValueError,
            "weights[0] must have shape (2, 2) (square, as wide "
            "as h0), but it has shape (2, 3)",
            lambda: residual_backward_norms(
                [np.ones((2, 3))], [[0.0, 0.0]], [[1.0, 0.0]]
            ),
        ),
        (
            ValueError,
            "signal must have the shape of h0, (2, 2), but it has shape (1, 2)",
            lambda: residual_backward_norms(
                [np.eye(2)], [[0, 0], [1, 1]], [[1.0, 0.0]]
            ),
        ),
        (
            ValueError,
            "weights or h0 are too large: a block's logits overflow",
            lambda: residual_backward_norms(
                [np.full((2, 2), 1e308)], [[1.0, 1.0]], [[1.0, 0.0]]
            ),
        ),
        (
            TypeError,
            "batch_sizes must be a list of batch sizes (None for the "
            "full batch), but it is 16 (int)",
            lambda: compare_batch_sizes(X40, Y40, 16, updates=4, seeds=(0,)),
        ),
        (
            ValueError,
            "batch_sizes must hold at least one entry, but it is empty",
            lambda: compare_batch_sizes(X40, Y40, (), updates=4, seeds=(0,)),
        ),
        (
            TypeError,
            "every entry of seeds must be an integer >= 0, but it is 1.5 (float)",
            lambda: compare_batch_sizes(X40, Y40, (None,), updates=4, seeds=(1.5,)),
        ),
        (
            TypeError,
            "seeds must be a list of seeds, but it is 'ab' (str)",
            lambda: compare_batch_sizes(X40, Y40, (None,), updates=4, seeds="ab"),
        ),
        (
            ValueError,
            "eta = 10 makes the batch-size-1 run diverge; choose a smaller eta",
            lambda: compare_batch_sizes(
                X40,
                Y40 * 1e10,
                (1,),
                activation="linear",
                loss="mse",
                eta=10,
                updates=100,
                seeds=(0,),
            ),
        ),
        (
            TypeError,
            "network must be a FeedForwardNetwork, but it is None",
            lambda: minibatch_gradient_cosines(None, XOR, T_XOR, 2),
        ),
        (
            ValueError,
            "the full-batch gradient is zero, so it has no direction to compare",
            lambda: minibatch_gradient_cosines(
                NET, XOR, NET.forward(XOR), 2, loss="half_sse"
            ),
        ),
        (
            ValueError,
            "X, T or the weights are too large: a gradient overflows",
            lambda: minibatch_gradient_cosines(
                FeedForwardNetwork((2, 3, 1), "linear", seed=0),
                XOR * 1e200,
                T_XOR,
                2,
                loss="mse",
                draws=2,
            ),
        ),
        (
            TypeError,
            "network must be a FeedForwardNetwork, but it is None",
            lambda: hidden_unit_lines(None),
        ),
        (
            ValueError,
            "network must have 2 inputs and a hidden layer (layer sizes such as "
            "(2, 2, 1)), but it has layer sizes (2, 1)",
            lambda: hidden_unit_functions(FeedForwardNetwork((2, 1))),
        ),
        (
            TypeError,
            "threshold must be a number, not str",
            lambda: hidden_unit_functions(NET, "a"),
        ),
        (
            ValueError,
            "X is too large: the product x1 * x2 overflows",
            lambda: product_feature([[1e200, 1e200]]),
        ),
        (
            TypeError,
            "network must be a FeedForwardNetwork, but it is None",
            lambda: collapse_linear_layers(None),
        ),
        (
            ValueError,
            "the weights are too large: their product overflows",
            lambda: collapse_linear_layers(
                FeedForwardNetwork((2, 2, 1), "linear", weight_scale=1e200, seed=0)
            ),
        ),
        (
            ValueError,
            "X is too large: the distances between its points overflow",
            lambda: best_linear_accuracy(XOR * 1e200, T_XOR),
        ),
        (
            TypeError,
            "seeds must be a list of seeds such as range(100), but it is 3 (int)",
            lambda: train_many((2, 2, 1), XOR, T_XOR, epochs=2, seeds=3),
        ),
        (
            TypeError,
            "every entry of seeds must be an integer >= 0, but it is 1.5 (float)",
            lambda: train_many((2, 2, 1), XOR, T_XOR, epochs=2, seeds=[1.5]),
        ),
        (
            ValueError,
            "step must be <= 1, but it is 1e+308",
            lambda: logit_gradient_numeric([0.0, 1.0], [0, 1], step=1e308),
        ),
        (
            ValueError,
            "step must move every logit to another "
            "float, but z + step rounds back to z",
            lambda: logit_gradient_numeric([1e308, 0.0], [0, 1]),
        ),
        (
            ValueError,
            "step must move every logit to another "
            "float, but z + step rounds back to z",
            lambda: logit_gradient_numeric([0.0, 1.0], [0, 1], step=1e-300),
        ),
    ],
)
def test_measurements_refuse_what_they_cannot_measure(error, message, make):
    refuses(error, message, make)


def _deep(depth: int, activation: str, weight_scale: float | None):
    rng = np.random.default_rng(0)
    X, T = rng.normal(size=(8, 4)), rng.uniform(size=(8, 1))
    net = FeedForwardNetwork(
        (4,) + (4,) * depth + (1,),
        [activation] * depth + ["sigmoid"],
        seed=0,
        weight_scale=weight_scale,
    )
    return net, X, T


def test_a_signal_stopped_by_saturated_tanh_units_is_not_blamed_on_the_targets():
    """Tanh units saturated by weights of scale 10: every unit of layer 80 of 100 has
    a slope of exactly 0, so the signal is 0 at layer 79, while the outputs miss the
    targets; the message said 'the outputs match the targets', and then that the
    signal underflowed (below 1e-308), though the zero is exact."""
    net, X, T = _deep(100, "tanh", 10.0)
    refuses(
        ValueError,
        "the error signal arriving at layer 79 is zero, so the factor it is "
        "multiplied by on the way back is undefined: every unit of layer 80 has slope "
        "0 on these samples (saturated units, whose activation's slope rounds to "
        "exactly 0)",
        lambda: backward_factors(net, X, T),
    )


_CANNOT = "is zero, so the factor it is multiplied by on the way back is undefined: "


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_outputs_that_match_their_targets_are_named_as_the_cause(seed):
    net = FeedForwardNetwork((2, 3, 3, 1), "relu", seed=seed)
    X = np.random.default_rng(seed).uniform(0.5, 1.0, size=(4, 2))
    net.biases[-1] = np.array([1.0])  # a live output unit: its outputs are 1 + ...
    refuses(
        ValueError,
        f"the error signal arriving at layer 2 {_CANNOT}the outputs match the "
        "targets (the output error is 0); use targets the network misses",
        lambda: backward_factors(net, X, net.forward(X)),
    )


def test_a_dead_relu_output_unit_is_named_not_matching_targets():
    """The reviewer's case: outputs [0, 0], targets [1, 1]; the message said 'the
    outputs match the targets'."""
    net = FeedForwardNetwork((2, 3, 3, 1), "relu", seed=0)
    assert net.forward(np.ones((2, 2))).tolist() == [[0.0], [0.0]]
    refuses(
        ValueError,
        f"the error signal arriving at layer 2 {_CANNOT}every unit of the output "
        "layer has slope 0 on these samples (ReLU units whose weighted sums are all "
        "<= 0: dead units)",
        lambda: backward_factors(net, np.ones((2, 2)), np.ones((2, 1))),
    )


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize(
    "activations, biases_at, start, not_said",
    [
        # the output unit's sum is < 0: dead
        (
            "relu",
            2,
            f"the error signal arriving at layer 2 {_CANNOT}every unit of the output "
            "layer has slope 0 on these samples (ReLU units",
            (),
        ),
        # every sum of layer 2 is < 0: dead
        (
            ["relu", "relu", "linear"],
            1,
            f"the error signal arriving at layer 1 {_CANNOT}every unit of layer 2 has "
            "slope 0 on these samples (ReLU units",
            ("1e-308", "rounded"),
        ),
    ],
    ids=["output-layer", "hidden-layer-not-underflow"],
)
def test_dead_relu_layers_are_named_for_any_starting_weights(
    activations, biases_at, start, not_said, seed
):
    net = FeedForwardNetwork((2, 3, 3, 1), activations, seed=seed)
    net.biases[biases_at] = np.full(len(net.biases[biases_at]), -100.0)
    with pytest.raises(ValueError, match="^" + re.escape(start)) as refused:
        backward_factors(net, XOR, np.ones((4, 1)))
    message = str(refused.value)
    for words in not_said:
        assert words not in message


def test_a_dead_relu_hidden_layer_is_named_not_underflow():
    """The reviewer's second case: ReLU hidden layers, linear output; the message said
    the signal vanished below 1e-308 and rounded to 0, but layer 2's units are dead and
    the zero is exact."""
    net = FeedForwardNetwork((2, 3, 3, 1), ["relu", "relu", "linear"], seed=0)
    refuses(
        ValueError,
        f"the error signal arriving at layer 1 {_CANNOT}every unit of layer 2 has "
        "slope 0 on these samples (ReLU units whose weighted sums are all <= 0: "
        "dead units)",
        lambda: backward_factors(net, np.ones((2, 2)), np.ones((2, 1))),
    )


def test_a_zero_from_different_dead_layers_on_different_samples_names_each():
    """On sample 0 layer 2 is dead, on sample 1 layer 3 and on sample 2 the output
    matches its target: the product of the slopes (or the error) is 0 on each."""
    net = FeedForwardNetwork((1, 1, 1, 1, 1), ["relu"] * 3 + ["linear"], seed=0)
    net.set_weights(
        [[[1.0]], [[-1.0]], [[-1.0]], [[1.0]]], [[0.0], [0.5], [0.25], [0.0]]
    )
    X = np.array([[1.0], [-1.0], [1.0]])
    T = np.array([[1.0], [1.0], [net.forward(X)[2, 0]]])
    dead = "(ReLU units whose weighted sums are all <= 0: dead units)"
    refuses(
        ValueError,
        f"the error signal arriving at layer 1 {_CANNOT}on each sample the output "
        "error or the product of the slopes on the way back is exactly 0: every unit "
        f"of layer 2 has slope 0 on samples [0] {dead}; every unit of layer 3 has "
        f"slope 0 on samples [1] {dead}; the outputs match the targets on samples [2]",
        lambda: backward_factors(net, X, T),
    )


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_signal_that_underflowed_is_named_as_underflow(seed):
    """200 linear layers of weights of scale 0.005: each multiplies the signal by
    about 0.02, no slope is 0, and the product falls below the smallest number."""
    rng = np.random.default_rng(seed)
    X, T = rng.normal(size=(8, 4)), rng.uniform(size=(8, 1))
    net = FeedForwardNetwork(
        (4,) + (4,) * 200 + (1,),
        ["linear"] * 200 + ["sigmoid"],
        seed=seed,
        weight_scale=0.005,
    )
    with pytest.raises(
        ValueError, match=r"^the error signal arriving at layer \d+ "
    ) as e:
        backward_factors(net, X, T)
    message = str(e.value)
    assert (
        "it vanished on its way back from the output: the factors are not 0, but "
        "their product fell below 4.9e-324"
    ) in message
    assert "slope 0" not in message and "match the targets" not in message


def test_norms_and_factors_of_signals_below_1e_150_are_not_0_or_nan():
    """400 sigmoid layers: the first layers' gradients are about 1e-282, whose squares
    underflow; the norm was 0 and the factor 0/0 (NaN, with a RuntimeWarning)."""
    net, X, T = _deep(400, "sigmoid", None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        norms = layer_gradient_norms(net, X, T)
        factors = backward_factors(net, X, T)
    assert 0 < norms.min() < 1e-250
    assert np.isfinite(factors.factor).all() and (factors.factor > 0).all()
    assert (factors.factor <= factors.bound * (1 + 1e-9)).all()


# From an issue: a million blocks were walked (seconds) instead of refused.
def test_residual_norms_refuse_more_blocks_than_a_network_may_have_layers():
    with pytest.raises(ValueError, match=r"^this would make") as error:
        residual_backward_norms([np.eye(2)] * 1001, [[0.0, 0.0]], [[1.0, 0.0]])
    assert str(error.value) == (
        "this would make 1001 blocks (weights), more than MAX_LAYERS = 1000"
    )
    plain, residual = residual_backward_norms(
        [np.eye(2)] * 1000, [[0.0, 0.0]], [[1.0, 0.0]]
    )
    assert plain.shape == residual.shape == (1000,)


# Fresh review: np.linalg.norm squares the entries, so a plain signal of 1e-187 after 31
# sigmoid blocks had a norm of 0; scaled, its norm keeps shrinking block by block.
def test_residual_backward_norms_do_not_round_a_tiny_signal_to_zero():
    plain, residual = residual_backward_norms(
        [np.eye(2)] * 31, [[0.0, 0.0]], [[1.0, 0.0]]
    )
    assert 0 < plain[-1] < plain[-2] < 1e-180
    assert residual[-1] > 1.0


# Fresh review (issue 16): "Glorot" was refused with no hint that only the capital
# letter was wrong.
def test_initial_weight_scale_points_a_capitalised_rule_at_its_name():
    message = (
        "rule must be 'lecun', 'glorot' or 'he', but it is 'Glorot'; did you mean "
        "'glorot'?"
    )
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        initial_weight_scale("Glorot", 3, 3)


def test_error_signals_that_cancel_to_exactly_0_are_named_as_cancelling():
    """Layer 2's (linear) unit feeds two outputs with weights 1 and 1, whose errors are
    +1 and -1: what it receives is 1 - 1 = 0 exactly, with no slope 0 and no
    underflow."""
    net = FeedForwardNetwork((1, 1, 1, 2), "linear", seed=0)
    net.set_weights([[[1.0]], [[1.0]], [[1.0, 1.0]]], [[0.0], [0.0], [0.0, 0.0]])
    X = np.array([[0.5], [-0.25]])
    T = X + np.array([[-1.0, 1.0]])  # outputs (x, x): errors exactly +1 and -1
    refuses(
        ValueError,
        f"the error signal arriving at layer 1 {_CANNOT}the terms it is summed from "
        "cancel to exactly 0 (the weights carry the error signal of layer 2 back to "
        "nothing)",
        lambda: backward_factors(net, X, T),
    )


def test_a_signal_stopped_by_zero_weights_is_not_named_underflow():
    net = FeedForwardNetwork((1, 1, 1, 1), ["sigmoid", "sigmoid", "linear"], seed=0)
    net.set_weights([[[1.0]], [[1.0]], [[0.0]]], [[0.0], [0.0], [0.5]])
    refuses(
        ValueError,
        f"the error signal arriving at layer 1 {_CANNOT}on every path back the "
        "product of the output error, the weights and the slopes is exactly 0",
        lambda: backward_factors(net, np.array([[0.5], [-0.5]]), np.ones((2, 1))),
    )


# Issue 16 (review 18, F11): other libraries' names of the rules were refused with no
# suggestion; they are still refused (one vocabulary), naming the package's rule.
@pytest.mark.parametrize(
    "rule, meant",
    [
        ("xavier", "glorot"),
        ("Xavier", "glorot"),
        ("xavier_uniform", "glorot"),
        ("glorot_uniform", "glorot"),
        ("kaiming", "he"),
        ("kaiming_normal", "he"),
        ("he_normal", "he"),
        ("lecun_normal", "lecun"),
    ],
)
def test_initial_weight_scale_refuses_other_libraries_names_suggesting_its_own(
    rule, meant
):
    with pytest.raises(ValueError, match=r"^rule must be") as caught:
        initial_weight_scale(rule, 100, 50)
    message = str(caught.value)
    assert message.startswith(
        f"rule must be 'lecun', 'glorot' or 'he', but it is {rule!r}; {rule!r} is "
    )
    assert message.endswith(f": here {meant!r}")


def test_initial_weight_scale_still_points_a_near_miss_at_the_name_meant():
    refuses(
        ValueError,
        "rule must be 'lecun', 'glorot' or 'he', but it is 'glorrot'; did you mean "
        "'glorot'?",
        lambda: initial_weight_scale("glorrot", 100, 50),
    )
