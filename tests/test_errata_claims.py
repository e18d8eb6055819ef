"""Proofs for the errata page's entries on the sources' claims about learning (textbook
chapters 4 and 5, the crash-course article): each test computes what
is right with the package.
"""

import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork, GradientDescent, train
from ffnn_edu.experiments.error_surfaces import descend, local_minimum
from ffnn_edu.experiments.worked_examples import SOURCE_221, backprop_221_values
from ffnn_edu.nn.datasets import and_gate, lunch_meals, or_gate, two_moons, xor
from ffnn_edu.nn.gradient_check import numerical_gradient
from ffnn_edu.nn.losses import get_loss, half_sse
from ffnn_edu.nn.optimizers import Momentum
from ffnn_edu.nn.perceptron import Perceptron
from ffnn_edu.nn.preprocessing import train_val_test_split
from ffnn_edu.nn.regularization import Regularizer


def test_printed_operands_of_the_221_example_do_not_give_the_printed_results():
    """The source writes -(1 - 0.6155) = -0.3844 and 0.6155(1 - 0.6155) = 0.2365. With
    the operands it prints, the first is -0.3845 exactly and the second 0.23666: slips
    of arithmetic on the page, not digits cut from the exact values."""
    assert -(1 - 0.6155) == pytest.approx(-0.3845, abs=1e-12)
    product = 0.6155 * (1 - 0.6155)
    assert product == pytest.approx(0.23665975, abs=1e-12)
    # neither is 0.2365
    assert round(product, 4) == 0.2367 and int(product * 1e4) / 1e4 == 0.2366


def test_w4_new_printed_with_three_decimals_is_the_cut_off_value():
    """0.307 is the exact w4_new (0.30758...) cut after three decimals, as the source
    cuts all its values; rounded, it would be 0.308, and with four decimals like the
    other weights 0.3076."""
    w4 = backprop_221_values()["w4_new"]
    assert int(w4 * 1000) / 1000 == SOURCE_221["w4_new"] == 0.307
    assert round(w4, 3) == 0.308 and round(w4, 4) == 0.3076


def test_the_gradient_can_grow_through_sigmoid_layers_when_the_weights_are_large():
    """The slope bound 1/4 does not make a vanishing gradient inevitable: backwards
    through a sigmoid layer the gradient is multiplied by slope times weight. With
    weights 8 and every logit at 0 (slope 1/4) each layer doubles it."""
    depth = 5
    net = FeedForwardNetwork([1] * (depth + 1), "sigmoid")
    # all logits are 0
    net.set_weights([[[8.0]]] * depth, [[0.0]] + [[-4.0]] * (depth - 1))
    grads = net.backprop([[0.0]], [[1.0]], "half_sse")
    sizes = [abs(float(d[0, 0])) for d in grads.deltas]  # delta of layer 1 ... L
    assert [round(a / b, 12) for a, b in zip(sizes, sizes[1:])] == [2.0] * (depth - 1)


def test_with_cross_entropy_a_sigmoid_classifier_has_an_unbounded_error():
    """Under the squared error a sigmoid output can cost at most 1/2 per case; under
    cross-entropy a confidently wrong output costs about |z| and grows without bound."""
    half_sse, bce = get_loss("half_sse"), get_loss("binary_cross_entropy")
    net = FeedForwardNetwork((1, 1), "sigmoid")
    losses = []
    for logit in (5.0, 10.0, 20.0, 30.0):
        net.set_weights([[[logit]]], [[0.0]])
        y = net.forward([[1.0]])
        assert half_sse(y, [[0.0]]) < 0.5
        losses.append(bce(y, [[0.0]]))
    # keeps growing with the logit
    assert all(b > a + 4 for a, b in zip(losses, losses[1:]))
    assert losses[-1] > 25


def test_large_initial_weights_make_the_gradient_vanish_in_a_sigmoid_network():
    """The source expects 'a very large gradient' from very large initial weights. In a
    sigmoid network they saturate the units, and the gradient of the first layer shrinks
    instead."""
    X, t = two_moons(200, seed=0)

    def first_layer_gradient(scale):
        norms = [
            np.linalg.norm(
                FeedForwardNetwork(
                    (2, 20, 20, 1), "sigmoid", weight_scale=scale, seed=s
                )
                .backprop(X, t, "mse")
                .weights[0]
            )
            for s in range(5)
        ]
        return float(np.median(norms))

    moderate, large, huge = (first_layer_gradient(s) for s in (0.5, 20.0, 100.0))
    assert large < moderate / 10 and huge < 1e-12


def test_the_finite_difference_recipe_needs_a_learning_rate():
    """The source's recipe steps every weight by the whole estimate, w <- w - (E+ -
    E-)/(2 eps), that is with eta = 1. On the lunch meals (summed squared error) that
    diverges; with a small learning rate the same estimates find the prices."""
    meals, bills = lunch_meals(30, seed=0)

    def error(w):
        return 0.5 * float(np.sum((bills - meals @ w) ** 2))

    def finite_difference_descent(eta, steps=200, eps=1e-6):
        w = np.array([6.0, 3.0, 3.0])
        for _ in range(steps):
            estimate = np.array(
                [
                    (error(w + eps * e) - error(w - eps * e)) / (2 * eps)
                    for e in np.eye(3)
                ]
            )
            w = w - eta * estimate
            if not np.all(np.abs(w) < 1e6):
                return None
        return w

    assert finite_difference_descent(eta=1.0) is None  # the recipe as printed
    assert finite_difference_descent(eta=0.1, steps=2000) == pytest.approx(
        [10, 3, 5], abs=1e-3
    )


def test_the_textbooks_default_learning_rates_are_not_safe_or_fast():
    """The source calls 1/n the default and 10 'perfectly ok'. On the lunch, one step at
    1/n = 1/3 removes only eta |q|^2 = 4.9 % of a meal's residual, while eta = 10 makes
    online training on 30 meals diverge: what a rate does depends on the size of the
    inputs."""
    q = np.array([0.23, 0.15, 0.27])
    assert (1 / 3) * q @ q == pytest.approx(0.0494, abs=1e-4)
    meals, bills = lunch_meals(30, seed=0)
    history = train(
        FeedForwardNetwork((3, 1), "linear", bias=False),
        meals,
        bills,
        loss="half_sse",
        optimizer=GradientDescent(10.0),
        batch_size=1,
        epochs=60,
    )
    assert history.diverged


def test_l1_sets_weights_exactly_to_zero_where_l2_only_shrinks_them():
    """The source says L1 makes many weights 'slightly smaller'. Its point is that it
    makes the weights of irrelevant inputs exactly 0; L2 leaves them small but
    non-zero."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 10))
    t = X @ np.array([3.0, -2.0, 0, 0, 0, 0, 0, 0, 0, 0]) + 0.1 * rng.normal(size=200)
    zeros = {}
    for kind in ("l1", "l2"):
        net = FeedForwardNetwork((10, 1), "linear", bias=False, seed=0)
        train(
            net,
            X,
            t,
            loss="mse",
            optimizer=GradientDescent(0.05),
            epochs=300,
            regularizer=Regularizer(kind, 20.0),
        )
        zeros[kind] = int(np.sum(net.weights[0][2:] == 0.0))
        assert abs(net.weights[0][0, 0]) > 2.5  # the relevant inputs survive
    assert zeros == {"l1": 8, "l2": 0}


def test_ten_percent_of_the_rest_is_not_ten_percent():
    """The source holds out 10 % for testing, then 10 % of the remaining training data
    for validation, and calls the result 80/10/10. It is 81/9/10."""
    assert (1 - 0.1) * 0.1 == pytest.approx(0.09)
    X = np.arange(1000.0).reshape(-1, 1)
    first = train_val_test_split(X, X[:, 0], fractions=(0.9, 0.0, 0.1), seed=0)
    rest = first.X_train
    second = train_val_test_split(rest, rest[:, 0], fractions=(0.9, 0.1, 0.0), seed=0)
    assert (len(second.X_train), len(second.X_val), len(first.X_test)) == (810, 90, 100)


def test_a_random_mask_split_can_leave_a_set_empty():
    """The script splits its ten rows with an unseeded mask, rand(n) < share. Each row
    is a coin flip, so with share 0.5 both sets are non-empty only with probability 1 -
    2/2^10, and with the share 0.95 the text mentions the test set is empty 60 % of the
    time."""
    n = 10
    assert 0.95**n == pytest.approx(0.599, abs=1e-3)
    masks = np.random.default_rng(0).random((20_000, n)) < 0.95
    empty_test = np.mean(masks.all(axis=1))
    assert empty_test == pytest.approx(0.95**n, abs=0.01)


def test_gradient_descent_can_stop_in_a_local_minimum():
    """The article: 'eventually, gradient descent will have found the very bottom of the
    cost function'. Started on the wrong side of the double valley, it settles in the
    local minimum, whose error is higher than the global one's."""
    surface = local_minimum()
    end = descend(surface, [2.0, 1.0], eta=0.1, steps=500).final
    local, global_ = surface.minima[1], surface.minima[0]
    assert end == pytest.approx(local, abs=1e-6)
    assert float(surface(end)) > float(surface(global_)) + 0.5


def test_the_minimum_is_where_the_slope_is_zero_not_the_curvature():
    """The textbook finds the minimum 'when we have the curvature of 0'. At a minimum
    the slope is 0 and the curvature is positive; where the curvature is 0 (an
    inflection point) the slope is not 0, so that point is no minimum."""
    surface = local_minimum()
    w1 = surface.minima[1][0]
    slope = lambda w: w**3 - 2 * w + 0.3  # dE/dw1 of the surface
    curvature = lambda w: 3 * w**2 - 2  # d2E/dw1^2
    assert slope(w1) == pytest.approx(0.0, abs=1e-9) and curvature(w1) > 1.0
    inflection = np.sqrt(2 / 3)
    assert curvature(inflection) == pytest.approx(0.0, abs=1e-12)
    assert abs(slope(inflection)) > 0.7


def test_a_linear_activation_collapses_the_network():
    """The article allows 'any differentiable function' as the activation. The identity
    is differentiable, but two linear layers are one linear layer (W1 W2), so a network
    with linear hidden units cannot learn XOR, while tanh hidden units can."""
    rng = np.random.default_rng(0)
    W1, W2, X = (
        rng.normal(size=(2, 5)),
        rng.normal(size=(5, 1)),
        rng.normal(size=(7, 2)),
    )
    assert np.allclose((X @ W1) @ W2, X @ (W1 @ W2))
    X4, t4 = xor()
    accuracy = {}
    for hidden in ("linear", "tanh"):
        best = 0.0
        for seed in range(5):
            net = FeedForwardNetwork((2, 4, 1), [hidden, "sigmoid"], seed=seed)
            history = train(
                net,
                X4,
                t4,
                loss="binary_cross_entropy",
                optimizer=GradientDescent(1.0),
                epochs=2000,
            )
            best = max(best, history.train_accuracy[-1])
        accuracy[hidden] = best
    assert accuracy["linear"] <= 0.75 and accuracy["tanh"] == 1.0


def test_a_square_is_smaller_than_the_absolute_value_below_one_and_reorders_errors():
    """The textbook: squaring gives a measure like the absolute value, only larger, and
    as it is used in relative terms the size does not matter. Below 1 the square is the
    smaller of the two (the 2-2-1 example's own residual is one such case), and the two
    measures can rank the same pair of error vectors in opposite orders."""
    residual = 1 - backprop_221_values()["y_F"]
    assert residual == pytest.approx(0.3844, abs=1e-4)
    assert residual**2 == pytest.approx(0.1478, abs=1e-4) and residual**2 < residual
    spread, one_big = np.array([1.0, 1.0, 1.0]), np.array([2.5, 0.0, 0.0])
    assert np.abs(spread).sum() == 3.0 and np.abs(one_big).sum() == 2.5
    assert (spread**2).sum() == 3.0 and (one_big**2).sum() == 6.25
    # by absolute values one_big is better; by squares, spread is
    zeros = np.zeros((3, 1))
    assert half_sse(spread[:, None], zeros) < half_sse(one_big[:, None], zeros)


def test_backpropagation_computes_the_gradient_and_changes_no_weight():
    """The textbook: 'mathematically speaking, backpropagation is' the update
    w <- w - eta grad E. Backpropagation returns the gradient (the finite differences
    agree) and leaves every weight as it was; the step is the optimizer's, and two
    optimizers given the same gradient take different steps."""
    X, t = two_moons(40, seed=0)
    t = t[:, None]
    net = FeedForwardNetwork((2, 5, 1), "sigmoid", seed=0)
    before = [p.copy() for p in net.parameters()]
    grads = net.backprop(X, t, "half_sse")
    assert all(np.array_equal(p, q) for p, q in zip(net.parameters(), before))
    numeric = numerical_gradient(
        lambda: get_loss("half_sse")(net.forward(X), t), net.parameters()
    )
    for exact, approx in zip(grads.as_list(), numeric):
        assert np.allclose(exact, approx, rtol=1e-5, atol=1e-8)
    steps = {}
    for name, optimizer in (
        ("plain", GradientDescent(0.5)),
        ("momentum", Momentum(0.5, mu=0.9)),
    ):
        params = [p.copy() for p in before]
        for epoch in range(2):  # the same gradient twice
            optimizer.step(params, grads.as_list(), epoch)
        steps[name] = params[0] - before[0]
    assert np.allclose(steps["plain"], -0.5 * 2 * grads.weights[0])
    assert np.allclose(steps["momentum"], -0.5 * 2.9 * grads.weights[0])


def test_a_batch_gradient_is_not_a_function_of_the_batch_mean_error():
    """The textbook: record each sample's squared error, take the mean, then
    backpropagate that mean. Two batches with the same mean squared error can have
    different gradients, so the mean error alone cannot be backpropagated; what is
    backpropagated is each sample's error, and the batch gradient is the mean of the
    samples' gradients."""
    net = FeedForwardNetwork((1, 1), "sigmoid")
    net.set_weights([[[0.5]]], [[0.0]])

    def batch(xs):
        X = np.array(xs, dtype=float)[:, None]
        return X, net.forward(X) - 0.3  # every output misses its target by 0.3

    (Xa, ta), (Xb, tb) = batch([1.0, 1.0]), batch([3.0, -2.0])
    mse_a, mse_b = (get_loss("mse")(net.forward(X), t) for X, t in ((Xa, ta), (Xb, tb)))
    assert mse_a == pytest.approx(0.09, abs=1e-12) == mse_b
    grad_a = net.backprop(Xa, ta, "mse").weights[0][0, 0]
    grad_b = net.backprop(Xb, tb, "mse").weights[0][0, 0]
    assert abs(grad_a - grad_b) > 0.1
    per_sample = [net.backprop(Xb[i : i + 1], tb[i : i + 1], "mse") for i in range(2)]
    assert grad_b == pytest.approx(np.mean([g.weights[0][0, 0] for g in per_sample]))


def test_the_perceptron_rule_of_the_1950s_already_trains_a_single_unit():
    """The article: before backpropagation in the 1980s, researchers had no way of
    teaching their networks anything. The perceptron rule (Rosenblatt) trains a single
    threshold unit: it learns AND and OR from their truth tables. What it cannot do is
    train hidden units, the gap backpropagation filled."""
    for gate in (and_gate, or_gate):
        X, t = gate()
        perceptron = Perceptron().fit(X, t)
        assert perceptron.converged_ and perceptron.score(X, t) == 1.0
