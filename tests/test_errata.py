"""Each test proves one entry of the errata page (book/errata.md) with the package.

The page shows these functions verbatim, so every test reads as a short argument:
what the source says, and the computation that shows what is right.
"""

import itertools

import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork, train
from ffnn_edu.experiments.worked_examples import (
    BACKPROP_221,
    LUNCH,
    SOURCE_221,
    SOURCE_LUNCH,
    backprop_221_network,
    backprop_221_values,
    lunch_values,
)
from ffnn_edu.nn.activations import sigmoid_derivative
from ffnn_edu.nn.datasets import parity, shop_data
from ffnn_edu.nn.dropout import dropout_mask
from ffnn_edu.nn.gradient_check import numerical_gradient
from ffnn_edu.nn.losses import half_sse, mse
from ffnn_edu.nn.optimizers import Momentum
from ffnn_edu.nn.perceptron import Perceptron
from ffnn_edu.nn.preprocessing import train_val_test_split
from ffnn_edu.nn.regularization import Regularizer


def test_lunch_residual_is_0_36():
    """The source: 3 - 2.64 leaves 0.35. It leaves 0.36."""
    v = lunch_values()
    assert v["prediction"] == pytest.approx(2.64, abs=1e-12)
    assert v["residual"] == pytest.approx(0.36, abs=1e-12)
    assert v["residual"] != pytest.approx(SOURCE_LUNCH["residual"], abs=1e-3)


def test_lunch_true_prices_do_not_give_the_bill():
    """The source's 'true' prices (10, 3, 5) make this meal cost 4.10, not 3 as paid."""
    v = lunch_values()
    assert v["true_bill"] == pytest.approx(4.10, abs=1e-12)
    assert v["true_bill"] != pytest.approx(LUNCH["paid"], abs=0.5)


def test_half_sse_is_not_the_mean_squared_error():
    """The source calls E = 1/2 sum (t - y)^2 the mean squared error; it is half SSE."""
    t = np.array([[1.0], [0.0], [1.0], [1.0]])
    y = np.array([[0.8], [0.3], [0.4], [1.0]])
    squares = ((t - y) ** 2).sum()  # 0.04 + 0.09 + 0.36 + 0 = 0.49
    assert half_sse(y, t) == pytest.approx(squares / 2)  # 0.245: half the sum
    assert mse(y, t) == pytest.approx(squares / 4)  # 0.1225: the mean
    assert half_sse(y, t) != pytest.approx(mse(y, t))


def test_delta_rule_gradient_has_no_extra_half():
    """The source writes dE/dw_i = 1/2 sum_n ...; the square already cancels the 1/2."""
    rng = np.random.default_rng(0)
    X, t, w = rng.normal(size=(5, 3)), rng.normal(size=5), rng.normal(size=3)

    def error():
        return 0.5 * float(((t - X @ w) ** 2).sum())

    numeric = numerical_gradient(error, [w])[0]
    correct = -(X.T @ (t - X @ w))  # -sum_n x_i (t - y)
    assert numeric == pytest.approx(correct, rel=1e-7)
    assert not np.allclose(numeric, 0.5 * correct, rtol=1e-3)


def test_error_derivative_is_minus_the_residual():
    """The dE/dy derivation multiplies where it should subtract, yet gets -(t - y)."""
    for t, y in [(1.0, 0.6156), (0.0, 0.3), (1.0, 1.7)]:
        y_arr = np.array([y])
        numeric = numerical_gradient(
            lambda t=t, y_arr=y_arr: 0.5 * float((t - y_arr[0]) ** 2), [y_arr]
        )[0][0]
        assert numeric == pytest.approx(-(t - y), rel=1e-8)


def test_output_weight_gradient_is_hidden_output_times_delta():
    """The source: dE/dw_ho = y_i dE/dz_j; it is y_h (hidden output) times dE/dz_o."""
    net = FeedForwardNetwork((3, 4, 2), seed=3)
    X = np.random.default_rng(1).normal(size=(1, 3))
    T = np.array([[1.0, 0.0]])
    passed = net.forward(X, return_all=True)
    y_h = passed.activations[1][0]
    dE_dz_o = net.backprop(X, T).deltas[1][0]

    def error():
        return half_sse(net.forward(X), T)

    numeric = numerical_gradient(error, [net.weights[1]])[0]
    assert numeric == pytest.approx(np.outer(y_h, dE_dz_o), rel=1e-7)


def test_hidden_logit_of_C_uses_w1_and_w3():
    """The source: z_C = x1 w1 + x2 w2, but w2 goes A to D: z_C = x_A w1 + x_B w3."""
    x_A, x_B = BACKPROP_221["x"]
    w = BACKPROP_221["w"]
    z_C = backprop_221_values()["z_C"]
    assert z_C == pytest.approx(x_A * w["w1"] + x_B * w["w3"], abs=1e-12)  # 0.351
    assert z_C != pytest.approx(x_A * w["w1"] + x_B * w["w2"], abs=1e-3)  # 0.433
    changed = dict(w, w2=-5.0)  # w2 cannot move z_C
    y_C = backprop_221_network(changed).forward([BACKPROP_221["x"]], return_all=True)
    assert y_C.logits[0][0, 0] == pytest.approx(z_C, abs=1e-12)


# The only printed values of the example that match the exact
# ones when those are rounded.
AGREE_WHEN_ROUNDED = {"z_C", "z_D", "E", "dE/dy_F", "w1_new", "dy_D/dz_D", "w2_new"}


def test_221_example_source_values_drift_in_the_fourth_decimal():
    """The source cuts digits off instead of rounding and reuses the cut values, so 22
    of its 29 printed values differ from the exact ones rounded to the same decimals."""
    exact = backprop_221_values()
    for name, printed in SOURCE_221.items():
        decimals = len(repr(printed).split(".")[1])
        agrees = round(exact[name], decimals) == printed
        assert agrees == (name in AGREE_WHEN_ROUNDED), name
        # close, all the same
        assert exact[name] == pytest.approx(printed, abs=6e-4), name
    assert round(exact["y_C"], 4) == 0.5869 and int(exact["y_C"] * 1e4) / 1e4 == 0.5868


def test_221_example_w4_new_is_0_3076():
    """The source prints w4_new = 0.307; the other weights get four decimals: 0.3076."""
    w4 = backprop_221_values()["w4_new"]
    assert round(w4, 4) == 0.3076
    assert round(w4, 3) == 0.308 != SOURCE_221["w4_new"]


def test_l2_penalty_gradient_has_factor_two():
    """The source differentiates (lambda/n) sum w^2 to (lambda/n) w; the derivative is
    2 lambda w / n."""
    lam, n = 0.3, 10
    w = np.array([[0.5, -1.2], [2.0, 0.1]])
    reg = Regularizer("l2", lam)
    numeric = numerical_gradient(lambda: reg.penalty([w], n), [w])[0]
    assert numeric == pytest.approx(2 * lam / n * w, rel=1e-7)
    assert reg.gradient([w], n)[0] == pytest.approx(numeric, rel=1e-7)
    assert not np.allclose(numeric, lam / n * w)


def _textbook_momentum(eta, mu, gradient, steps, w=0.0):
    """The source's rule: w_new = w_old - eta dE/dw + mu |w_old - w_older|."""
    older = w
    for _ in range(steps):
        w, older = w - eta * gradient(w) + mu * abs(w - older), w
    return w


def test_momentum_must_not_take_an_absolute_value():
    """With |w_old - w_older| the momentum term always pushes up, whatever the slope.

    On E = w the weight should run downhill (to the left) ever faster; on E = -w it
    should run to the right just as fast. The classical rule does both; the source's
    rule brakes the first and accelerates the second.
    """
    eta, mu, steps = 0.1, 0.9, 100
    moves = {}
    for slope in (+1.0, -1.0):
        w = np.zeros(1)
        opt = Momentum(eta, mu)
        for _ in range(steps):
            opt.step([w], [np.array([slope])], epoch=0)
        moves[slope] = (
            w[0],
            _textbook_momentum(eta, mu, lambda _, slope=slope: slope, steps),
        )
    classical_down, textbook_down = moves[+1.0]
    classical_up, textbook_up = moves[-1.0]
    assert classical_down == pytest.approx(-classical_up)  # symmetric
    assert classical_down < -90  # ~ -eta/(1-mu) per step
    assert textbook_up == pytest.approx(classical_up, rel=1e-9)  # uphill: the same
    assert textbook_down > -6  # downhill: braked
    assert textbook_down == pytest.approx(-eta / (1 + mu) * steps, rel=0.05)


def test_ten_minibatches_of_1000_make_one_epoch():
    """The source: 10 000 samples in 10 minibatches; 'ten iterations (the size of the
    minibatch) is one epoch'. Ten is the number of minibatches; each holds 1000
    samples."""
    X = np.random.default_rng(0).normal(size=(10_000, 2))
    t = (X[:, 0] > 0).astype(float)
    history = train(FeedForwardNetwork((2, 1)), X, t, batch_size=1000, epochs=3)
    assert history.iterations == [0, 10, 20, 30]


def test_source_script_trains_on_its_test_rows():
    """The Keras script builds its training arrays from raw_data, i.e. every row, so the
    rows it later tests on were trained on. A proper split keeps them apart."""
    X, y, _ = shop_data()
    mask = np.random.default_rng(0).random(len(y)) < 0.5  # the script's split ...
    test_rows = set(np.flatnonzero(~mask))
    trained_rows = set(range(len(y)))  # ... but it trains on raw_data
    assert test_rows and test_rows <= trained_rows
    split = train_val_test_split(X, y, fractions=(0.5, 0.0, 0.5), seed=0)
    assert not set(split.indices["train"]) & set(split.indices["test"])
    assert sorted([*split.indices["train"], *split.indices["test"]]) == list(
        range(len(y))
    )


def test_dropout_drops_units_per_case_and_keeps_the_expected_activation():
    """The source zeroes weights once per epoch; dropout zeroes hidden units, afresh for
    every case, and (inverted dropout) scales the survivors so the expected input to the
    next layer is unchanged. Prediction uses the whole network."""
    rng = np.random.default_rng(0)
    mask = dropout_mask((20_000, 30), 0.2, rng)
    assert mask.mean() == pytest.approx(1.0, abs=0.01)  # expectation preserved
    assert len({row.tobytes() for row in mask[:50]}) == 50  # a new mask per case
    net = FeedForwardNetwork((3, 8, 1), seed=0)
    X = rng.normal(size=(4, 3))
    assert np.array_equal(net.forward(X), net.forward(X))  # no dropout at prediction


def test_sigmoid_slope_is_at_most_a_quarter():
    """The source bounds the sigmoid's derivative by 1; the bound is 1/4 (at z = 0), so
    over eight sigmoid layers the slopes alone contribute a factor of at most 4^-8 =
    1/65 536 (the weights multiply in as well: see the test that large weights can make
    it grow)."""
    z = np.linspace(-20, 20, 400_001)
    slopes = sigmoid_derivative(z)
    assert slopes.max() == pytest.approx(0.25, abs=1e-12)
    assert z[slopes.argmax()] == pytest.approx(0.0, abs=1e-9)
    assert 0.25**8 == pytest.approx(1 / 65_536)


def test_parity_means_an_odd_number_of_ones():
    """The source defines parity as 'as many ones as zeros'. For three bits no string
    qualifies, so that 'parity' is the constant 0, which a perceptron learns at once.
    Real (odd) parity is not linearly separable for any n >= 2."""
    X, odd = parity(3)
    balanced = (X.sum(axis=1) == X.shape[1] / 2).astype(float)
    assert not balanced.any()
    assert Perceptron(max_epochs=100).fit(X, balanced).converged_
    assert not Perceptron(max_epochs=100).fit(X, odd).converged_


def test_xor_inequalities_have_no_solution_with_the_bias_added():
    """The source's four inequalities treat b as a threshold (w.x >= b) although its
    unit adds the bias (z = b + w.x). With the bias added they read w1 + w2 + b >= 0, b
    >= 0, w1 + b < 0, w2 + b < 0, and are still contradictory: no (w1, w2, b) on a fine
    grid classifies logical equality, (0,0) -> 1, (0,1) -> 0, (1,0) -> 0, (1,1) -> 1."""
    grid = np.linspace(-3, 3, 61)
    for w1, w2, b in itertools.product(grid, grid, grid):
        fires = [
            b + w1 * x1 + w2 * x2 >= 0 for x1, x2 in ((0, 0), (0, 1), (1, 0), (1, 1))
        ]
        assert fires != [True, False, False, True]


def test_article_input_is_a_column_of_n_rows():
    """The article calls its input column vector a 1 x n matrix; a column of n inputs is
    n x 1, and only that shape can be multiplied by the article's (n_out x n) weight
    matrix."""
    net = FeedForwardNetwork((3, 2), "linear", bias=False, seed=0)
    w_article = net.weights[0].T  # the article's w^l: (n_out, n_in)
    a = np.array([[0.5], [-1.0], [2.0]])  # n x 1
    assert a.shape == (3, 1)
    assert w_article @ a == pytest.approx(net.forward(a.T).T)
    with pytest.raises(ValueError, match=r"mismatch in its core dimension"):
        w_article @ a.T  # 1 x n does not fit


def test_article_delta_recursion_uses_the_next_layers_weights():
    """The article's recursion mixes z and s and writes delta^l for the output layer;
    with delta^l = dJ/ds^l it reads delta^l = (w^{l+1})^T delta^{l+1} * f'(s^l), which
    finite differences confirm on the logits of a hidden layer."""
    net = FeedForwardNetwork((2, 3, 2), "tanh", seed=4)
    X, T = np.array([[0.3, -0.7]]), np.array([[0.2, 0.9]])
    grads = net.backprop(X, T)
    passed = net.forward(X, return_all=True)
    z_hidden = passed.logits[0].copy()

    def error_from_hidden_logits():
        a = np.tanh(z_hidden)
        return half_sse(np.tanh(a @ net.weights[1] + net.biases[1]), T)

    numeric = numerical_gradient(error_from_hidden_logits, [z_hidden])[0]
    w_next = net.weights[1].T  # the article's w^{l+1}
    recursion = (w_next.T @ grads.deltas[1].T).T * (1 - np.tanh(passed.logits[0]) ** 2)
    assert numeric == pytest.approx(recursion, rel=1e-7)
    assert grads.deltas[0] == pytest.approx(recursion, rel=1e-12)
