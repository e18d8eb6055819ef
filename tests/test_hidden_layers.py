"""A hidden layer solves XOR: hand weights, the x1*x2 feature, linear layers collapse,
linear hidden units stay linear while tanh units do not, and how often random starts get
stuck."""

import numpy as np
import pytest

from ffnn_edu import FeedForwardNetwork, GradientDescent, Perceptron, train
from ffnn_edu.experiments.hidden_layers import (
    MAX_LINE_CHECKS,
    MAX_STARTS,
    TIE,
    accuracy_with_ties,
    best_linear_accuracy,
    collapse_linear_layers,
    hand_set_xor_network,
    hidden_unit_functions,
    hidden_unit_lines,
    product_feature,
    train_many,
)
from ffnn_edu.nn.datasets import and_gate, two_moons, xor

from helpers import refuses

X_XOR, T_XOR = xor()


def test_hand_set_threshold_network_computes_xor_exactly():
    assert np.array_equal(hand_set_xor_network().forward(X_XOR)[:, 0], T_XOR)


@pytest.mark.parametrize("scale", [10.0, 20.0])
def test_hand_set_sigmoid_network_computes_xor(scale):
    y = hand_set_xor_network("sigmoid", scale=scale).forward(X_XOR)[:, 0]
    assert np.array_equal(y >= 0.5, T_XOR == 1) and np.abs(y - T_XOR).max() < 0.01


def test_hidden_units_are_or_and_and():
    net = hand_set_xor_network()
    hidden = net.forward(X_XOR, return_all=True).activations[1]
    assert np.array_equal(hidden[:, 0], [0, 1, 1, 1])  # OR
    assert np.array_equal(hidden[:, 1], [0, 0, 0, 1])  # AND
    assert np.allclose(hidden_unit_lines(net), [[1, 1, -0.5], [1, 1, -1.5]])
    assert hidden_unit_functions(net) == ["OR", "AND"]


def test_boolean_function_names_are_the_sixteen_truth_tables():
    from ffnn_edu.experiments.hidden_layers import BOOLEAN_FUNCTIONS

    assert len(set(BOOLEAN_FUNCTIONS.values())) == 16
    X = X_XOR
    for bits, name in [
        ((0, 1, 1, 0), "XOR"),
        ((1, 0, 0, 1), "equality"),
        ((0, 0, 1, 0), "x1 and not x2"),
        ((1, 1, 0, 1), "x2 or not x1"),
    ]:
        x1, x2 = X[:, 0].astype(bool), X[:, 1].astype(bool)
        truth = {
            "XOR": x1 ^ x2,
            "equality": x1 == x2,
            "x1 and not x2": x1 & ~x2,
            "x2 or not x1": x2 | ~x1,
        }[name]
        assert tuple(truth.astype(int)) == bits and BOOLEAN_FUNCTIONS[bits] == name


def test_product_feature_makes_xor_separable_for_one_perceptron():
    unit = Perceptron(max_epochs=100).fit(product_feature(X_XOR), T_XOR)
    assert unit.converged_ and unit.score(product_feature(X_XOR), T_XOR) == 1.0
    assert not Perceptron(max_epochs=100).fit(X_XOR, T_XOR).converged_


def test_the_perceptron_rule_on_the_product_feature_stops_with_zero_margin():
    """Chapter 8: two of the four XOR points end exactly on the plane (logit 0)."""
    features = product_feature(X_XOR)
    unit = Perceptron(max_epochs=100).fit(features, T_XOR)
    logits = features @ unit.weights_ + unit.bias_
    assert logits.tolist() == [-1.0, 0.0, 0.0, -2.0]
    # a unit with room on both sides exists: logits at least 1/2 away from 0
    margin = product_feature(X_XOR) @ np.array([1.0, 1.0, -2.0]) - 0.5
    assert np.all(np.abs(margin) == 0.5) and np.array_equal(margin > 0, T_XOR == 1)


@pytest.mark.parametrize(
    "sizes, seed", [((2, 3, 1), 0), ((2, 5, 4, 2), 1), ((3, 2, 1), 2)]
)
def test_linear_layers_collapse_into_one(sizes, seed):
    acts = ["linear"] * (len(sizes) - 2) + ["sigmoid"]
    net = FeedForwardNetwork(sizes, acts, seed=seed)
    for b in net.biases:
        b[:] = np.random.default_rng(seed).normal(size=b.shape)
    X = np.random.default_rng(seed + 10).normal(size=(20, sizes[0]))
    W, b = collapse_linear_layers(net)
    assert W.shape == (sizes[0], sizes[-1])
    assert np.allclose(net.forward(X), 1 / (1 + np.exp(-(X @ W + b))), atol=1e-12)


def test_collapse_refuses_nonlinear_hidden_layers():
    with pytest.raises(ValueError, match="only linear hidden layers"):
        collapse_linear_layers(FeedForwardNetwork((2, 2, 1), "tanh"))


def test_best_linear_accuracy_of_gates():
    assert best_linear_accuracy(*and_gate()) == 1.0
    assert best_linear_accuracy(*xor()) == 0.75


@pytest.mark.parametrize("seed", [0, 3])
def test_best_linear_accuracy_bounds_random_lines_and_is_nearly_reached(seed):
    X, t = two_moons(60, seed=seed)
    best = best_linear_accuracy(X, t)
    rng = np.random.default_rng(seed)
    angles = rng.uniform(0, 2 * np.pi, 20000)
    normals = np.c_[np.cos(angles), np.sin(angles)]
    offsets = rng.uniform(-2, 2, 20000)
    accs = np.mean(((X @ normals.T + offsets) > 0) == (t[:, None] == 1), axis=0)
    assert accs.max() <= best + 1e-12
    assert accs.max() >= best - 2 / 60


@pytest.mark.parametrize("loss", ["half_sse", "mse", "binary_cross_entropy"])
def test_train_many_takes_the_steps_of_train(loss):
    runs = train_many(
        (2, 2, 1), X_XOR, T_XOR, loss=loss, eta=2.0, epochs=40, seeds=[3, 8]
    )
    for i, seed in enumerate([3, 8]):
        net = FeedForwardNetwork((2, 2, 1), seed=seed)
        history = train(
            net, X_XOR, T_XOR, loss=loss, optimizer=GradientDescent(2.0), epochs=40
        )
        for p, q in zip(net.parameters(), runs.network(i).parameters()):
            assert np.allclose(p, q, atol=1e-12)
        assert np.allclose(runs.accuracy[i], history.train_accuracy)
        assert runs.loss[i] == pytest.approx(history.train_loss[-1])


def test_train_many_rejects_bad_input():
    with pytest.raises(ValueError, match="seeds"):
        train_many((2, 2, 1), X_XOR, T_XOR, seeds=[])
    with pytest.raises(ValueError, match="eta"):
        train_many((2, 2, 1), X_XOR, T_XOR, eta=0.0)
    with pytest.raises(ValueError, match="diverged"):
        train_many(
            (2, 4, 1),
            X_XOR,
            T_XOR,
            activation=["linear", "linear"],
            loss="half_sse",
            eta=50.0,
            epochs=200,
            seeds=[0],
        )


# The chapter's claims
# -------------------------------------------------------------------


@pytest.mark.parametrize("seeds", [range(100), range(100, 200), range(200, 300)])
def test_stuck_rate_of_sigmoid_2_2_1_on_xor_lies_in_the_stated_band(seeds):
    runs = train_many(
        (2, 2, 1), X_XOR, T_XOR, loss="half_sse", eta=5.0, epochs=2000, seeds=seeds
    )
    assert 0.04 <= runs.stuck_rate <= 0.25
    assert set(runs.outcomes()) <= {0.5, 0.75, 1.0}
    # stuck means stuck: of the starts unsolved after 1000 epochs, at most 2 in 100 are
    # solved by epoch 2000 (and none unlearns XOR)
    assert np.all(runs.solved() >= runs.solved(1000))
    assert runs.solved().sum() - runs.solved(1000).sum() <= 2
    # the chapter's two kinds of stuck network: a merged pair answers 1/2 to both cases,
    # each just on the wrong side (score 0.5); a merged three answers
    # 2/3 to all three (score 0.75)
    stuck = np.flatnonzero(~runs.solved())
    outputs = np.array([runs.network(i).forward(X_XOR)[:, 0] for i in stuck])
    pair = (np.abs(outputs - 1 / 2) < 0.01).sum(axis=1) == 2
    three = (np.abs(outputs - 2 / 3) < 0.01).sum(axis=1) == 3
    assert np.all(pair ^ three)
    assert np.all(runs.final_accuracy[stuck[pair]] == 0.5)
    assert np.all(runs.final_accuracy[stuck[three]] == 0.75)
    at_half = np.abs(outputs[pair] - 1 / 2) < 0.01
    assert np.all(outputs[pair][at_half & (T_XOR == 1)] < 0.5)
    assert np.all(outputs[pair][at_half & (T_XOR == 0)] >= 0.5)
    # backpropagation finds several different pairs of hidden
    # features, not just OR and AND
    pairs = {
        tuple(sorted(hidden_unit_functions(runs.network(i))))
        for i in np.flatnonzero(runs.solved())
    }
    assert len(pairs) >= 3


@pytest.mark.parametrize("data, hidden", [("xor", 4), ("moons", 16)])
def test_linear_hidden_units_never_beat_the_best_line_but_tanh_units_do(data, hidden):
    X, t = (X_XOR, T_XOR) if data == "xor" else two_moons(200, seed=0)
    best = best_linear_accuracy(X, t)
    kwargs = dict(loss="binary_cross_entropy", eta=0.5, epochs=1000, seeds=range(5))
    linear = train_many(
        (2, hidden, 1), X, t, activation=["linear", "sigmoid"], **kwargs
    )
    tanh = train_many((2, hidden, 1), X, t, activation=["tanh", "sigmoid"], **kwargs)
    assert linear.final_accuracy.max() <= best
    if data == "xor":
        assert best == 0.75 and np.all(tanh.final_accuracy == 1.0)
    else:
        assert best < 0.93 and np.all(tanh.final_accuracy >= 0.95)


XOR = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])

XOR_TARGETS = np.array([0.0, 1.0, 1.0, 0.0])


def test_best_linear_accuracy_of_equal_points_is_not_a_perfect_line():
    """Two equal points fix no line: they once made every point count as separable."""
    assert best_linear_accuracy(np.zeros((4, 2)), XOR_TARGETS) == 0.5
    assert best_linear_accuracy(np.r_[XOR, XOR[:1]], np.r_[XOR_TARGETS, 0.0]) == 0.8


@pytest.mark.parametrize(
    "error, message, make",
    [
        (
            ValueError,
            "epoch must be at most 3 (the epochs trained), but it is 99",
            lambda runs: runs.solved(99),
        ),
        (
            TypeError,
            "epoch must be an integer >= 0, but it is 1.5 (float)",
            lambda runs: runs.solved(1.5),
        ),
        (
            ValueError,
            "index must be a start number from 0 to 1, but it is 5",
            lambda runs: runs.network(5),
        ),
        (
            ValueError,
            "index must be an integer >= 0, but it is -1",
            lambda runs: runs.network(-1),
        ),
    ],
)
def test_many_runs_name_a_bad_epoch_or_start(error, message, make):
    runs = train_many((2, 2, 1), XOR, XOR_TARGETS, epochs=3, seeds=[0, 1])
    refuses(error, message, lambda: make(runs))


def test_train_many_refuses_more_than_max_starts():
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        train_many((2, 2, 1), X_XOR, T_XOR, epochs=1, seeds=range(MAX_STARTS + 1))
    assert str(refused.value) == (
        "this would make 10001 networks, one per seed, more than MAX_STARTS = 10000"
    )


def test_train_many_refuses_a_billion_seeds_before_reading_them():
    """seeds=range(10**9) was checked seed by seed (minutes) before the count was."""
    refuses(
        ValueError,
        "this would make 1000000000 networks, one per seed, more than MAX_STARTS",
        lambda: train_many((2, 2, 1), X_XOR, T_XOR, epochs=1, seeds=range(10**9)),
    )


def test_train_many_refuses_more_epochs_in_all_than_its_limit():
    """epochs=10**9 asked numpy for 15 GB of recorded losses (a MemoryError)."""
    refuses(
        ValueError,
        "this would make 2000000000 epochs in all (2 seeds x 1000000000 epochs), more "
        "than MAX_EPOCHS_IN_ALL = 10000000",
        lambda: train_many((2, 2, 1), X_XOR, T_XOR, epochs=10**9, seeds=range(2)),
    )


def test_train_many_refuses_seeds_whose_stacked_networks_pass_the_limits_together():
    """Issue 16: (2, 99 999, 1) x 10 000 seeds started 1.2e13 multiply-adds."""
    refuses(
        ValueError,
        "this would make 4000000000 activations (seeds: 10000 networks x X: 4 samples "
        "x layer_sizes: 100000 neurons), more than MAX_ACTIVATIONS = 20000000",
        lambda: train_many(
            (2, 99_999, 1), X_XOR, T_XOR, seeds=range(10_000), epochs=1000
        ),
    )
    refuses(
        ValueError,
        "this would make 1280040000000 sample-weight-epochs (seeds: 100 runs x X: 4 "
        "samples x layer_sizes: 32001 weights and biases x epochs: 100000 epochs), "
        "more than MAX_WORK = 1000000000000",
        lambda: train_many(
            (2, 8000, 1), X_XOR, T_XOR, seeds=range(100), epochs=100_000
        ),
    )


def test_train_many_counts_one_seed_in_the_singular():
    """Issue 16: the refusal of one seed's run read "(1 seeds x ...)"."""
    refuses(
        ValueError,
        "this would make 1000000000 epochs in all (1 seed x 1000000000 epochs), more "
        "than MAX_EPOCHS_IN_ALL = 10000000",
        lambda: train_many((2, 2, 1), X_XOR, T_XOR, epochs=10**9, seeds=[0]),
    )


def _best_line_by_every_direction(X, t):
    """Exact reference: one normal inside every arc between the directions at which two
    points' projections swap (the order along the normal is fixed inside an arc), and
    every threshold between two different projections."""
    X, positive = np.asarray(X, float), np.asarray(t) == 1
    gaps = (X[:, None] - X[None]).reshape(-1, 2)
    gaps = gaps[(gaps != 0).any(axis=1)]
    swaps = np.unique(np.mod(np.arctan2(gaps[:, 1], gaps[:, 0]) + np.pi / 2, 2 * np.pi))
    inside = (
        (swaps + np.r_[swaps[1:], swaps[:1] + 2 * np.pi]) / 2 if len(swaps) else [0]
    )
    best = max(positive.sum(), (~positive).sum())
    for angle in inside:
        along = X @ np.array([np.cos(angle), np.sin(angle)])
        places = np.unique(along)
        for cut in (places[:-1] + places[1:]) / 2:
            best = max(best, ((along > cut) == positive).sum())
    return best / len(X)


def test_best_linear_accuracy_of_collinear_points_counts_only_what_a_line_gets():
    """A fresh reviewer: the points on a candidate line counted right on both sides."""
    assert best_linear_accuracy([[0, 0], [1, 1], [2, 2], [3, 3]], [0, 1, 0, 1]) == 0.75
    assert best_linear_accuracy([[0, 0], [1, 1], [2, 2], [3, 3]], [0, 0, 1, 1]) == 1.0
    assert (
        best_linear_accuracy([[0, 0], [1, 0], [2, 0], [3, 0], [4, 0]], [1, 0, 1, 0, 1])
        == 0.6
    )


def test_best_linear_accuracy_of_equal_points_with_different_labels():
    assert best_linear_accuracy([[1, 2]], [1]) == 1.0
    assert best_linear_accuracy([[0, 0], [0, 0], [0, 0]], [0, 1, 1]) == 2 / 3
    # equal points go to the same side, also on a line through other points
    assert best_linear_accuracy([[0, 0], [1, 0], [1, 0], [2, 0]], [0, 0, 1, 1]) == 0.75
    assert best_linear_accuracy([[0, 0], [1, 0], [1, 0], [2, 0]], [0, 1, 1, 0]) == 0.75


@pytest.mark.parametrize("seed", range(4))
def test_best_linear_accuracy_is_exact_on_small_grids(seed):
    """Points on a 3 x 3 grid: three in a line and equal points are common."""
    rng = np.random.default_rng(seed)
    for _ in range(60):
        n = rng.integers(1, 9)
        X, t = rng.integers(0, 3, (n, 2)), rng.integers(0, 2, n)
        assert best_linear_accuracy(X, t) == _best_line_by_every_direction(X, t), (X, t)


@pytest.mark.parametrize("n, seed, best", [(60, 0, 0.9), (60, 3, 52 / 60)])
def test_best_linear_accuracy_of_two_moons_matches_every_direction(n, seed, best):
    """Points within round-off of the line were counted twice: 0.9167 for 0.9."""
    X, t = two_moons(n, seed=seed)
    assert best_linear_accuracy(X, t) == _best_line_by_every_direction(X, t) == best


def test_best_linear_accuracy_refuses_more_line_checks_than_its_limit():
    """5000 points asked numpy for 466 GiB (a MemoryError)."""
    assert MAX_LINE_CHECKS == 100_000_000
    refuses(
        ValueError,
        "this would make 62487500000 line checks (X: 12497500 pairs of points x 5000 "
        "points), more than MAX_LINE_CHECKS = 100000000",
        lambda: best_linear_accuracy(np.zeros((5000, 2)), np.zeros(5000)),
    )


@pytest.mark.parametrize(
    "call",
    [
        lambda: product_feature([1.0, 2.0]),
        lambda: best_linear_accuracy([1.0, 2.0], [1.0]),
    ],
)
def test_one_dimensional_inputs_are_refused_as_ambiguous_like_sample_table(call):
    """product_feature([1., 2.]) read one sample where sample_table refuses to guess."""
    refuses(
        ValueError,
        "X must be 2-D, one row per sample and one column per feature, but it has "
        "shape (2,); use X.reshape(-1, 1) for one feature per sample, or "
        "X.reshape(1, -1) for a single sample",
        call,
    )


def test_best_linear_accuracy_names_labels_that_do_not_fit():
    refuses(
        ValueError,
        "X must have shape (n, 2) and t one label per row of X, but X has shape (3, 2) "
        "and t (2,)",
        lambda: best_linear_accuracy(np.zeros((3, 2)), [0, 1]),
    )
    refuses(
        ValueError,
        "t must contain only the labels 0 and 1, but it contains 2.0",
        lambda: best_linear_accuracy(np.zeros((2, 2)), [0, 2]),
    )


# Ties: an output on the threshold scores 1/2, whichever side rounding puts it
# -------------------------------------------------------------------

CHAPTER_SETTINGS = dict(loss="binary_cross_entropy", eta=0.5, epochs=1000)


def test_accuracy_with_ties_scores_an_output_at_one_half_as_a_coin_toss():
    assert accuracy_with_ties([0.5, 0.5 + 1e-9, 0.5 - 1e-9], [1, 0, 1]) == 0.5
    # outside the tie the threshold decides, as in accuracy
    assert accuracy_with_ties([0.5 + 2 * TIE, 0.5 - 2 * TIE], [1, 0]) == 1.0
    # tie=0: only an exact 1/2 is a tie (accuracy would count it as class 1)
    assert accuracy_with_ties([0.5, 0.5 - 1e-12], [1, 1], tie=0.0) == 0.25


def test_accuracy_with_ties_splits_a_tie_of_several_outputs_among_them():
    Y = [[0.4, 0.4, 0.2], [0.3, 0.3, 0.3], [0.1, 0.2, 0.7]]
    T = [[0, 1, 0], [0, 0, 1], [1, 0, 0]]
    assert accuracy_with_ties(Y, T) == pytest.approx((1 / 2 + 1 / 3 + 0) / 3)


def test_accuracy_with_ties_names_bad_arguments():
    refuses(
        ValueError,
        "Y and T must have the same shape, (n_samples,) or (n_samples, n_outputs), "
        "but they have (2,) and (3,)",
        lambda: accuracy_with_ties([0.5, 0.5], [0, 1, 1]),
    )
    refuses(
        ValueError,
        "tie must be >= 0, but it is -1e-06",
        lambda: accuracy_with_ties([0.5], [1], tie=-1e-6),
    )


# Review 20, F7: targets that are not classes, and a tie of 1/2 or more, were scored.
@pytest.mark.parametrize(
    "Y, T, message",
    [
        ([0.7], [0.7], "T must contain only the labels 0 and 1, but it contains 0.7"),
        ([0.6], [2], "T must contain only the labels 0 and 1, but it contains 2.0"),
        (
            [[0.4, 0.6]],
            [[0, 0]],
            "T must hold one-hot rows (a single 1, the rest 0) when there are "
            "several outputs, but row 0 is [0.0, 0.0]",
        ),
        (
            [[0.1, 0.9], [0.4, 0.6]],
            [[0, 1], [1, 1]],
            "T must hold one-hot rows (a single 1, the rest 0) when there are "
            "several outputs, but row 1 is [1.0, 1.0]",
        ),
        (
            [[0.4, 0.6, 0.0]],
            [[0.5, 0.5, 0]],
            "T must contain only the labels 0 and 1, but it contains 0.5",
        ),
    ],
)
def test_accuracy_with_ties_refuses_targets_that_are_not_classes(Y, T, message):
    refuses(ValueError, message, lambda: accuracy_with_ties(Y, T))


@pytest.mark.parametrize("tie", [0.5, 0.7])
def test_accuracy_with_ties_refuses_a_tie_of_one_half_or_more(tie):
    refuses(
        ValueError,
        f"tie must be < 0.5, but it is {tie}",
        lambda: accuracy_with_ties([0.9], [1], tie=tie),
    )
    assert accuracy_with_ties([0.9], [1], tie=0.3) == 1.0
    assert accuracy_with_ties([[0.2, 0.8]], [[0.0, 1.0]]) == 1.0  # one-hot, as floats


@pytest.fixture(scope="module")
def xor_linear_runs():
    return train_many(
        (2, 4, 1),
        X_XOR,
        T_XOR,
        activation=["linear", "sigmoid"],
        seeds=range(5),
        **CHAPTER_SETTINGS,
    )


def test_xor_with_linear_hidden_units_ends_at_one_half_and_scores_a_tie(
    xor_linear_runs,
):
    """Chapter 8's table: the outputs end at 1/2 for all four points, a tie on every
    seed; final_accuracy (0.25 to 0.75 by the sign of rounding) once went into it."""
    outputs = xor_linear_runs.outputs[..., 0]
    assert np.all(np.abs(outputs - 0.5) < TIE / 100)
    assert np.array_equal(xor_linear_runs.final_accuracy_with_ties, np.full(5, 0.5))
    assert xor_linear_runs.final_accuracy_with_ties.max() < best_linear_accuracy(
        X_XOR, T_XOR
    )


@pytest.mark.parametrize("nudge", [1e-12, -1e-12])
def test_tie_score_does_not_depend_on_the_sign_of_rounding(xor_linear_runs, nudge):
    """Mutant: the plain threshold scores the 16 sign patterns from 0.0 to 1.0."""
    for Y in xor_linear_runs.outputs:
        assert accuracy_with_ties(Y + nudge, T_XOR[:, np.newaxis]) == 0.5
    signs = np.array([[(k >> i) & 1 for i in range(4)] for k in range(16)]) * 2 - 1
    for pattern in signs:
        assert accuracy_with_ties(0.5 + nudge * pattern, T_XOR) == 0.5


@pytest.mark.parametrize("data, hidden", [("xor", 4), ("moons", 16)])
def test_tie_score_keeps_the_accuracy_of_decided_outputs(data, hidden):
    """tanh runs still solve XOR; the two moons (outputs far from 1/2) keep their
    accuracies, linear or tanh."""
    X, t = (X_XOR, T_XOR) if data == "xor" else two_moons(200, seed=0)
    for act in ("linear", "tanh") if data == "moons" else ("tanh",):
        runs = train_many(
            (2, hidden, 1),
            X,
            t,
            activation=[act, "sigmoid"],
            seeds=range(5),
            **CHAPTER_SETTINGS,
        )
        assert np.array_equal(runs.final_accuracy_with_ties, runs.final_accuracy)
        assert np.all(np.abs(runs.outputs - 0.5) > 100 * TIE)
    if data == "xor":
        assert np.all(runs.final_accuracy_with_ties == 1.0)


# Review 21: train_many resolved the loss name before the network was known, and never
# asked the output layer: "cross_entropy" trained a linear output with the binary
# cross-entropy (clipped outputs), and no refusal named what was written.
def test_train_many_refuses_cross_entropy_for_a_linear_output_by_the_name_written():
    X, t = xor()
    refuses(
        ValueError,
        "the cross_entropy loss needs a sigmoid output layer (where it is "
        "binary_cross_entropy) or a softmax output layer",
        lambda: train_many(
            (2, 2, 1),
            X,
            t,
            activation=["tanh", "linear"],
            loss="cross_entropy",
            epochs=2,
            seeds=[0],
        ),
    )


def test_train_many_takes_cross_entropy_as_the_loss_of_a_sigmoid_output():
    X, t = xor()
    runs = [
        train_many((2, 2, 1), X, t, loss=loss, eta=0.5, epochs=5, seeds=[0, 1])
        for loss in ("cross_entropy", "binary_cross_entropy")
    ]
    assert runs[0].loss.tolist() == runs[1].loss.tolist()
