"""Chapter 10's comparison of full-batch, minibatch and online learning: per epoch the
small batches get further, per update the large batches make steadier progress (five
seeds)."""

import numpy as np
import pytest

from ffnn_edu.experiments.batch_sizes import (
    MAX_DRAWS,
    MAX_UPDATES,
    compare_batch_sizes,
    minibatch_gradient_cosines,
)
from ffnn_edu.nn.datasets import two_moons
from ffnn_edu.nn.network import FeedForwardNetwork
from ffnn_edu.nn.optimizers import GradientDescent
from ffnn_edu.nn.training import train

from helpers import refuses

X, Y = two_moons(400, noise=0.2, seed=3)


@pytest.fixture(scope="module")
def runs():
    return compare_batch_sizes(
        X, Y, (None, 16, 1), eta=0.5, updates=800, record_every=20
    )


def test_runs_count_updates_per_epoch_and_share_the_start(runs):
    full, _mini, _online = runs
    assert [r.iterations_per_epoch for r in runs] == [1, 25, 400]
    assert [r.label for r in runs] == [
        "full batch",
        "minibatch (b = 16)",
        "online (b = 1)",
    ]
    for r in runs:
        assert r.loss.shape == (5, len(r.updates))
        assert r.updates[0] == 0 and r.updates[-1] == 800
        # same starting weights for every batch size
        np.testing.assert_array_equal(r.loss[:, 0], full.loss[:, 0])
    with pytest.raises(ValueError, match="update"):
        full.at_update(7000)


def test_per_epoch_smaller_batches_get_further_for_every_seed(runs):
    full, mini, online = runs
    for epoch in (1, 2):
        assert np.all(online.at_epoch(epoch) < mini.at_epoch(epoch))
        assert np.all(mini.at_epoch(epoch) < full.at_epoch(epoch))


def test_per_update_full_batch_is_steady_and_small_batches_are_not(runs):
    full, mini, online = runs
    ups = lambda r: (np.diff(r.loss, axis=1) > 0).sum(axis=1)
    assert np.all(ups(full) == 0)  # the full-batch loss never rises
    assert np.all(ups(mini) >= 5)
    assert np.all(ups(online) >= 10)


def test_per_update_online_lags_and_spreads(runs):
    full, _mini, online = runs
    for u in (40, 100, 200, 400, 800):
        assert online.at_update(u).mean() > full.at_update(u).mean() + 0.02
        assert online.at_update(u).std() > 2 * full.at_update(u).std()


def test_per_update_minibatch_of_16_keeps_up_with_full_batch(runs):
    full, mini, _ = runs
    for u in (20, 40, 100, 200, 400, 800):
        assert abs(mini.at_update(u).mean() - full.at_update(u).mean()) < 0.01


def test_after_a_few_hundred_updates_full_and_minibatch_share_a_plateau(runs):
    full, mini, _ = runs
    assert np.ptp(np.r_[full.at_update(400), full.at_update(800)]) < 0.01
    assert abs(mini.at_update(800).mean() - full.at_update(800).mean()) < 0.005


def test_minibatch_gradient_agrees_better_with_the_full_gradient_as_the_batch_grows():
    for seed in (1, 2, 3):
        net = FeedForwardNetwork((2, 8, 1), seed=seed)
        cos = {
            b: minibatch_gradient_cosines(net, X, Y, b, seed=seed)
            for b in (1, 4, 16, 64)
        }
        means = [cos[b].mean() for b in (1, 4, 16, 64)]
        assert np.all(np.diff(means) > 0)
        uphill = [(cos[b] < 0).mean() for b in (1, 4, 16, 64)]
        assert uphill[0] > 0.25 and uphill[-1] < 0.05
        assert minibatch_gradient_cosines(net, X, Y, 400, draws=2).min() > 1 - 1e-12


def test_compare_batch_sizes_and_cosines_name_a_bad_argument():
    with pytest.raises(ValueError, match="eta"):
        compare_batch_sizes(X, Y, eta=0.0)
    with pytest.raises(ValueError, match="seeds"):
        compare_batch_sizes(X, Y, seeds=())
    with pytest.raises(ValueError, match="batch_size"):
        minibatch_gradient_cosines(FeedForwardNetwork((2, 1)), X, Y, 401)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_online_learning_on_sorted_data_needs_shuffling(seed):
    from ffnn_edu import GradientDescent, train

    order = np.argsort(Y, kind="stable")
    Xs, Ys = X[order], Y[order]
    result = {}
    for b, epochs in ((1, 10), (16, 100)):
        for shuffle in (False, True):
            net = FeedForwardNetwork((2, 8, 1), seed=seed)
            h = train(
                net,
                Xs,
                Ys,
                loss="binary_cross_entropy",
                optimizer=GradientDescent(0.5),
                epochs=epochs,
                batch_size=b,
                shuffle=shuffle,
                seed=0,
            )
            result[b, shuffle] = (h, (net.forward(Xs)[:, 0] >= 0.5).mean())
    # online without shuffling: nearly everything called class
    # 1, accuracy of a coin flip
    assert (
        result[1, False][1] > 0.95
        and abs(result[1, False][0].train_accuracy[-1] - 0.5) < 0.05
    )
    assert result[1, True][0].train_accuracy[-1] > 0.85
    # minibatches suffer less, but shuffling still helps
    assert (
        result[16, False][0].train_accuracy[-1]
        > result[1, False][0].train_accuracy[-1] + 0.2
    )
    assert result[16, True][0].train_loss[-1] < result[16, False][0].train_loss[-1]


def test_the_plateau_is_the_loss_of_a_straight_boundary(runs):
    from ffnn_edu import GradientDescent, train

    straight = train(
        FeedForwardNetwork((2, 1), seed=0),
        X,
        Y,
        loss="binary_cross_entropy",
        optimizer=GradientDescent(5.0),
        epochs=300,
    ).train_loss[-1]
    full, mini, _ = runs
    for r in (full, mini):
        assert abs(r.at_update(800).mean() - straight) < 0.01


X40, Y40 = two_moons(40, seed=0)


@pytest.mark.parametrize(
    "error, message, update",
    [
        (TypeError, "update must be an integer >= 0, but it is 'a' (str)", "a"),
        (
            ValueError,
            "update must be one of the recorded update counts, but 7 is not",
            7,
        ),
    ],
)
def test_batch_run_names_a_bad_update(error, message, update):
    (run,) = compare_batch_sizes(
        X40, Y40, (None,), updates=4, record_every=2, seeds=(0,)
    )
    refuses(error, message, lambda: run.at_update(update))
    refuses(
        ValueError,
        "epoch must be an integer >= 0, but it is -1",
        lambda: run.at_epoch(-1),
    )


def test_compare_batch_sizes_refuses_more_than_max_updates_in_all():
    X, y = two_moons(40, seed=0)
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        compare_batch_sizes(
            X, y, (None, 16, 1), updates=1_000_000, seeds=(0, 1, 2, 3, 4)
        )
    assert str(refused.value) == (
        "this would make 15000000 weight updates in all (3 batch_sizes x 5 seeds x "
        "1000000 updates), more than MAX_UPDATES = 10000000: train fewer runs, fewer "
        "epochs or larger batches"
    )
    assert MAX_UPDATES == 10_000_000


def test_minibatch_gradient_cosines_refuses_more_than_max_draws():
    X, y = two_moons(40, seed=0)
    net = FeedForwardNetwork((2, 8, 1), seed=1)
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        minibatch_gradient_cosines(net, X, y, 4, draws=MAX_DRAWS + 1)
    assert str(refused.value) == (
        "this would make 100001 minibatch gradients "
        "(draws), more than MAX_DRAWS = 100000"
    )


def _flat_gradient(net, X, y, rows):
    grads = net.backprop(X[rows], y[rows], "binary_cross_entropy")
    return np.concatenate([g.ravel() for g in grads.as_list()])


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_after_training_minibatch_gradients_point_almost_anywhere(seed):
    """Chapter 14, exercise 4 (modify and run): near the end of training the full
    gradient is short, a minibatch's is not, so their cosines fall for every batch
    size."""
    X, y = two_moons(400, noise=0.2, seed=3)
    net = FeedForwardNetwork((2, 8, 1), seed=seed)
    rng = np.random.default_rng(0)

    def measure():
        full = np.linalg.norm(_flat_gradient(net, X, y, np.arange(400)))
        mini = np.mean(
            [
                np.linalg.norm(
                    _flat_gradient(net, X, y, rng.choice(400, 16, replace=False))
                )
                for _ in range(100)
            ]
        )
        cos = {
            b: minibatch_gradient_cosines(net, X, y, b, draws=200, seed=1).mean()
            for b in (1, 16, 64)
        }
        return full, mini, cos

    full0, mini0, cos0 = measure()
    train(
        net,
        X,
        y,
        loss="binary_cross_entropy",
        optimizer=GradientDescent(0.5),
        epochs=2000,
    )
    full1, mini1, cos1 = measure()
    assert full1 < full0 / 10 and mini1 > mini0 / 3
    assert all(cos1[b] < cos0[b] / 2 for b in (1, 16, 64))
    assert cos1[64] < 0.3


def test_compare_batch_sizes_refuses_a_billion_seeds_before_reading_them():
    """seeds=range(10**9) was checked seed by seed (minutes) before the count was."""
    X, y = two_moons(20, seed=0)
    refuses(
        ValueError,
        "this would make 1000000000 runs, one per seed, more than MAX_RUNS = 10000",
        lambda: compare_batch_sizes(X, y[:, None], seeds=range(10**9)),
    )


def test_compare_batch_sizes_names_the_limit_of_a_count_of_runs():
    """Issue 16: ten million seeds were said to be more than MAX_UPDATES."""
    X, y = two_moons(20, seed=0)
    refuses(
        ValueError,
        "this would make 10000000 runs, one per seed, more than MAX_RUNS = 10000",
        lambda: compare_batch_sizes(X, y[:, None], seeds=range(10**7)),
    )


def test_compare_batch_sizes_refuses_work_above_the_training_limit():
    X, y = two_moons(10_000, seed=0)
    refuses(
        ValueError,
        "this would make 2000700050000 sample-weight-updates (seeds: 5 x updates: "
        "10000 x batch_sizes: 10001 rows in all x layer_sizes: 4001 weights and "
        "biases), more than MAX_WORK = 1000000000000",
        lambda: compare_batch_sizes(
            X, y[:, None], (None, 1), layer_sizes=(2, 1000, 1), updates=10_000
        ),
    )


def test_a_batch_size_above_the_samples_is_clipped_with_a_warning():
    """Issue 16: a batch of 500 on 40 samples was clipped to the full batch silently
    (scikit-learn's MLPClassifier warns); the warning points at the caller."""
    X, y = two_moons(40, seed=0)
    with pytest.warns(UserWarning, match=r"^batch_sizes holds 500") as caught:
        full, clipped = compare_batch_sizes(
            X, y, (None, 500), updates=20, record_every=10, seeds=(0,)
        )
    assert [str(w.message) for w in caught] == [
        "batch_sizes holds 500, more than the 40 samples of X: that run takes the full "
        "batch of 40 samples (it is clipped, and labelled 'full batch')"
    ]
    assert caught[0].filename == __file__
    assert clipped.batch_size == 40 and clipped.label == "full batch"
    assert np.array_equal(clipped.loss, full.loss)


# Review 21: the loss name was resolved before the network was known, so
# "cross_entropy" became binary_cross_entropy for a softmax network too (and its
# refusal named that loss, never written); it is the loss of the output layer.
def test_cosines_take_cross_entropy_as_the_loss_of_a_softmax_output():
    X, y = two_moons(40, seed=0)
    T = np.eye(2)[y.astype(int)]
    net = FeedForwardNetwork((2, 3, 2), ["tanh", "softmax"], seed=0)
    by_alias = minibatch_gradient_cosines(net, X, T, 8, loss="cross_entropy", draws=5)
    named = minibatch_gradient_cosines(
        net, X, T, 8, loss="categorical_cross_entropy", draws=5
    )
    assert by_alias.tolist() == named.tolist()


def test_compare_batch_sizes_takes_cross_entropy_as_the_loss_of_a_softmax_output():
    X, y = two_moons(40, seed=0)
    T = np.eye(2)[y.astype(int)]
    settings = dict(
        layer_sizes=(2, 3, 2), activation=["tanh", "softmax"], updates=4, seeds=[0]
    )
    by_alias = compare_batch_sizes(X, T, [8], loss="cross_entropy", **settings)
    named = compare_batch_sizes(X, T, [8], loss="categorical_cross_entropy", **settings)
    assert by_alias[0].loss.tolist() == named[0].loss.tolist()


# --- issue 16, kind E: the recorded loss passes all of X, and is counted -------------


def test_compare_batch_sizes_refuses_a_recorded_loss_beyond_max_work():
    """Review: the work check counted each update's batch, not the recorded loss,
    a pass over all of X every record_every updates: record_every=1 on 10 000
    samples was 10 000 times the counted work. Refused before any training."""
    X, y = two_moons(10_000, seed=0)
    refuses(
        ValueError,
        "this would make up to 1000410040000 sample-weight-evaluations of the "
        "recorded loss (seeds: 1 x 25004 records in all batch_sizes, one every "
        "record_every: 1 update, at the first ten epoch ends, the start and the end "
        "x X: 10000 samples x layer_sizes: 4001 weights and biases), more than "
        "MAX_WORK = 1000000000000: raise record_every, or use fewer updates, seeds or "
        "samples",
        lambda: compare_batch_sizes(
            X,
            y[:, None],
            (1,),
            layer_sizes=(2, 1000, 1),
            updates=25_000,
            record_every=1,
            seeds=(0,),
        ),
    )


@pytest.mark.parametrize("n, refused", [(20_000, False), (20_001, True)])
def test_compare_batch_sizes_holds_the_recorded_loss_to_max_activations(n, refused):
    """The recorded loss passes all n samples through 1000 neurons at once: 2e7
    activations (MAX_ACTIVATIONS) run, one sample more is refused (it was not
    checked: 200 000 samples through 200 neurons ran). ReLU hidden units keep the
    run at the limit short: one update and two records."""
    X, y = two_moons(n, seed=0)

    def run():
        return compare_batch_sizes(
            X,
            y[:, None],
            (1,),
            layer_sizes=(2, 999, 1),
            activation=("relu", "sigmoid"),
            updates=1,
            seeds=(0,),
        )

    if not refused:
        assert run()[0].loss.shape == (1, 2)  # the start and the one update
        return
    refuses(
        ValueError,
        "this would make 20001000 activations in a recorded loss (X: 20001 samples at "
        "once x layer_sizes: 1000 neurons), more than MAX_ACTIVATIONS = 20000000: use "
        "fewer samples or fewer neurons",
        run,
    )
