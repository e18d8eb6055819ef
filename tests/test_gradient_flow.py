"""Chapter 11's claims about gradients in an eight-layer network, for several starting weights:
sigmoid layers fade the gradient within the bound ||W||_2 / 4 per layer, large weights even
the layers out by saturating the units, ReLU gradients explode when the weights double,
tanh + Glorot and ReLU + He keep the layers level while sigmoid + 4 x Glorot does not, and the
identity path of a residual block keeps the error signal alive."""
import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork
from ffnn_edu.nn.activations import sigmoid
from ffnn_edu.experiments.gradient_flow import (backward_factors, initial_weight_scale, layer_gradient_norms,
                                    residual_backward_norms)

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
    slopes = [big.activations[0].derivative(z).mean()
              for z in big.forward(X, return_all=True).logits[:-1]]
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
    norms = {c: layer_gradient_norms(FeedForwardNetwork(SIZES, ["relu"] * (DEPTH - 1) + ["linear"],
                                                         seed=seed, weight_scale=c * he), X, T)
             for c in (1, 2)}
    assert norms[2].max() / norms[1].max() > 1e4


@pytest.mark.parametrize("seed", SEEDS)
def test_matching_initialisation_keeps_tanh_and_relu_layers_level_but_not_sigmoid(seed):
    glorot, he = initial_weight_scale("glorot", N_IN, N_IN), initial_weight_scale("he", N_IN)
    tanh = FeedForwardNetwork(SIZES, ["tanh"] * (DEPTH - 1) + ["sigmoid"], seed=seed,
                              weight_scale=glorot)
    relu = FeedForwardNetwork(SIZES, ["relu"] * (DEPTH - 1) + ["sigmoid"], seed=seed,
                              weight_scale=he)
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
    plain, residual = residual_backward_norms(net.weights[1:-1], h0, np.full((1, N_IN), 0.25))
    assert plain[-1] < 0.01 * plain[0]
    assert np.all((residual > 0.5) & (residual < 2.0))


def test_initial_weight_scales():
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
