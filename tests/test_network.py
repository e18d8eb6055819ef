"""The forward pass as its formula, and the training-time forward pass with dropout."""
import numpy as np

from ffnn_edu import FeedForwardNetwork
from ffnn_edu.nn.dropout import dropout_mask
from ffnn_edu.nn.losses import get_loss
from ffnn_edu.nn.network import ForwardPass


def test_run_forward_is_z_equals_a_w_plus_b_and_a_equals_f_of_z_layer_by_layer():
    net = FeedForwardNetwork((3, 4, 2), ["tanh", "sigmoid"], seed=3)
    net.set_weights(net.weights, [np.array([0.1, -0.2, 0.0, 0.3]), np.array([0.5, -0.5])])
    X = np.array([[1.0, 0.5, -1.0], [0.0, 2.0, 1.0]])
    passed = net.run_forward(X)
    A1 = np.tanh(X @ net.weights[0] + net.biases[0])
    A2 = 1 / (1 + np.exp(-(A1 @ net.weights[1] + net.biases[1])))
    np.testing.assert_allclose(passed.activations[1], A1, rtol=1e-15)
    np.testing.assert_allclose(passed.output, A2, rtol=1e-15)
    assert passed.masks == [None, None] and passed.outputs[0] is passed.activations[1]


def test_a_network_without_biases_adds_nothing():
    net = FeedForwardNetwork((2, 1), "linear", bias=False)
    net.set_weights([[[2.0], [3.0]]])
    assert net.bias_terms == [0.0]
    assert net.run_forward(np.array([[1.0, 1.0]])).output.tolist() == [[5.0]]


def test_the_dropout_forward_thins_hidden_layers_with_the_masks_dropout_mask_draws():
    net = FeedForwardNetwork((2, 6, 1), "sigmoid", seed=1)
    X = np.array([[0.5, -1.0], [1.0, 2.0]])
    passed = net.run_forward_with_dropout(X, 0.5, np.random.default_rng(7))
    mask = dropout_mask((2, 6), 0.5, np.random.default_rng(7))
    np.testing.assert_array_equal(passed.masks[0], mask)
    assert passed.masks[1] is None                           # the output layer is never thinned
    np.testing.assert_array_equal(passed.activations[1], passed.outputs[0] * mask)
    np.testing.assert_array_equal(passed.outputs[0], net.run_forward(X).outputs[0])


def test_run_backprop_is_backprop_without_the_checks():
    net = FeedForwardNetwork((2, 3, 1), seed=2)
    X, T = np.array([[0.2, 0.7]]), np.array([[1.0]])
    fast = net.run_backprop(X, T, get_loss("half_sse"))
    checked = net.backprop(X, T)
    for g, h in zip(fast.as_list(), checked.as_list()):
        np.testing.assert_array_equal(g, h)
    dropped = net.run_backprop(X, T, get_loss("half_sse"), 0.5, np.random.default_rng(3))
    again = net.backprop(X, T, dropout=0.5, rng=np.random.default_rng(3))
    for g, h in zip(dropped.as_list(), again.as_list()):
        np.testing.assert_array_equal(g, h)


def test_forward_pass_add_layer_keeps_z_the_outputs_and_what_the_next_layer_receives():
    passed = ForwardPass([np.array([[1.0]])])
    passed.add_layer(np.array([[0.5]]), np.array([[0.6]]), np.array([[2.0]]))
    assert passed.logits[0].tolist() == [[0.5]] and passed.outputs[0].tolist() == [[0.6]]
    assert passed.output.tolist() == [[1.2]] and passed.masks[0].tolist() == [[2.0]]
