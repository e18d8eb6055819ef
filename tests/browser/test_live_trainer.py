"""The twin test: the page's live trainer (``book/_live/trainer.js``) equals ``train``.

Headless Chromium loads the ES module from a temporary folder served on 127.0.0.1 (no
built book needed), and runs a ``Trainer`` on settings, initial weights, data and
minibatch orders that come from ``ffnn_edu`` (numpy's generator cannot be reproduced in
JavaScript, so the permutations ``train`` draws from ``default_rng(seed)`` are handed to
the page). After every epoch its weights and biases must equal those ``train`` reports
to its callback to 1e-12 (relative to the largest entry of each weight matrix or bias
vector, at least 1), its losses the History's, and when a run diverges, its verdict must
be train's: the same epoch, the same sentence, the same weights kept.

numpy's BLAS adds the terms of a matrix product in its own order (which depends on the
processor: see ``make nbval-kernel2``), the page adds them one after the other; the two
agree to the last bit or two. A chaotic run (a learning rate far beyond the stable
range, where the book itself says the last digits depend on the processor) multiplies
such a difference by 10 to 100 per epoch, so the diverging cases below are runs whose
verdict comes before round-off can grow: they pass under every OpenBLAS kernel tried
(SkylakeX, Haswell, Zen, Sandybridge, Nehalem, Core2, Prescott, Atom).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from bookbrowser import served

from ffnn_edu.experiments.overfitting import overfitting_moons
from ffnn_edu.nn.datasets import two_moons, xor
from ffnn_edu.nn.losses import get_loss
from ffnn_edu.nn.network import FeedForwardNetwork
from ffnn_edu.nn.optimizers import GradientDescent, Momentum
from ffnn_edu.nn.regularization import Regularizer
from ffnn_edu.nn.training import DivergenceMonitor, evaluate, train

TRAINER = Path(__file__).resolve().parents[2] / "book" / "_live" / "trainer.js"
TOLERANCE = 1e-12


@dataclass(frozen=True)
class Case:
    """One run of ``train``, and the same run in the page."""

    # "moons200" (or "moons200-sorted", by class), "overfitting", "sine" or "xor"
    data: str
    sizes: tuple[int, ...] = (2, 8, 1)
    activation: tuple[str, ...] = ("tanh", "sigmoid")
    loss: str = "binary_cross_entropy"
    eta: float = 0.5
    mu: float = 0.0
    penalty: str | None = None
    lam: float = 0.0
    batch_size: int | None = None
    epochs: int = 20
    shuffle: bool = True
    seed: int = 0
    dropout: float = 0.0
    validation: bool = True
    expect: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


CASES = {
    # chapter 11 (regularization): 2-60-1 tanh, cross-entropy, eta = 1, full batch, L2
    "ch11-l2": Case(
        "overfitting", (2, 60, 1), eta=1.0, penalty="l2", lam=0.1, epochs=30
    ),
    "ch11-lam0": Case("overfitting", (2, 60, 1), eta=1.0, epochs=30),
    "ch11-l1-exact-zeros": Case(
        "overfitting",
        (2, 60, 1),
        eta=1.0,
        penalty="l1",
        lam=3.0,
        epochs=30,
        expect={"zeros": True},
    ),
    # chapter 12 (learning rate and momentum): 2-8-1 tanh on 200 moons, eta and mu
    "ch12-momentum": Case("moons200", eta=0.5, mu=0.9, epochs=40),
    "ch12-small-eta": Case("moons200", eta=0.03, epochs=40),
    "minibatch-ragged-momentum-l1": Case(
        "moons200", eta=0.5, mu=0.9, penalty="l1", lam=0.5, batch_size=32, epochs=15
    ),
    "minibatch-ragged-l2": Case(
        "moons200", eta=0.2, penalty="l2", lam=0.3, batch_size=48, epochs=10, seed=3
    ),
    "online": Case("moons200", eta=0.05, batch_size=1, epochs=3),
    "relu-mse-no-shuffle": Case(
        "moons200",
        activation=("relu", "sigmoid"),
        loss="mse",
        eta=2.0,
        batch_size=50,
        shuffle=False,
        epochs=20,
    ),
    "sigmoid-half-sse": Case(
        "moons200",
        activation=("sigmoid", "sigmoid"),
        loss="half_sse",
        eta=0.05,
        epochs=20,
    ),
    "two-hidden-layers": Case(
        "moons200",
        (2, 5, 4, 1),
        ("tanh", "relu", "sigmoid"),
        eta=0.3,
        mu=0.5,
        batch_size=64,
        epochs=10,
    ),
    # diverging runs: every kind of verdict train gives
    # up 20-fold in epoch 2, the last epoch: "rose above ..., reaching"
    "diverged-loss-stayed-up": Case(
        "moons200", eta=30.0, epochs=2, expect={"diverged": True}
    ),
    # above the limit in epoch 2, below it in 3, above it from epoch 4, falling in
    # epochs 5 to 8 (no verdict while the loss falls), rising again in epoch 9: "stayed
    # above ... for 6 epochs in a row, falling in 4 of them, and rose again in the last"
    "diverged-loss-fell-back-then-rose": Case(
        "moons200", eta=30.0, epochs=50, expect={"diverged": True}
    ),
    "diverged-loss-kept-rising": Case(
        "moons200", eta=100.0, epochs=50, expect={"diverged": True}
    ),
    "diverged-linear-output": Case(
        "sine",
        (1, 8, 1),
        ("tanh", "linear"),
        loss="mse",
        eta=5.0,
        epochs=50,
        validation=False,
        expect={"diverged": True},
    ),
    "diverged-stuck-bounded-loss": Case(
        "moons200",
        loss="mse",
        eta=1e4,
        batch_size=100,
        epochs=60,
        expect={"diverged": True},
    ),
    "diverged-overflow": Case(
        "moons200", eta=1e306, epochs=5, expect={"diverged": True}
    ),
    # dropout: the masks train draws (between the permutations, from the same generator)
    "ch13-dropout": Case(
        "overfitting", (2, 40, 1), eta=1.0, batch_size=10, dropout=0.3, epochs=10
    ),
    "dropout-two-hidden-layers-momentum": Case(
        "moons200",
        (2, 6, 5, 1),
        ("tanh", "relu", "sigmoid"),
        eta=0.3,
        mu=0.5,
        dropout=0.5,
        batch_size=64,
        epochs=8,
    ),
    "dropout-full-batch-l1": Case(
        "moons200", eta=0.5, penalty="l1", lam=0.5, dropout=0.2, epochs=8
    ),
    "diverged-with-penalty": Case(
        "overfitting",
        (2, 60, 1),
        eta=60.0,
        penalty="l2",
        lam=0.1,
        epochs=30,
        expect={"diverged": True},
    ),
    # a loss that swings up and down every epoch (a cycle, so round-off does not grow),
    # with no verdict, and ends far above its start: the sentence that says so
    "thrashing-ends-high": Case(
        "xor",
        (2, 4, 1),
        ("sigmoid", "sigmoid"),
        eta=40.0,
        epochs=200,
        validation=False,
    ),
    # chapter 14's online learning on data sorted by class, without shuffling: it ends
    # far above its start, and the sentence names the order of the samples first
    "sorted-online-no-shuffle-ends-high": Case(
        "moons200-sorted",
        eta=0.5,
        batch_size=1,
        shuffle=False,
        epochs=10,
        validation=False,
    ),
    # a divergence on the same sorted data, online: the verdict names the order of the
    # samples first too (review 24, F8), in epoch 2, before round-off can grow
    "sorted-online-no-shuffle-diverges": Case(
        "moons200-sorted",
        eta=10.0,
        batch_size=1,
        shuffle=False,
        epochs=10,
        validation=False,
        expect={"diverged": True},
    ),
    # the verdict names the momentum as a possible cause, in both languages
    "diverged-with-momentum": Case(
        "moons200", eta=30.0, mu=0.9, epochs=10, expect={"diverged": True}
    ),
}


def dataset(name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    if name.startswith("moons200"):
        X, y = two_moons(200, seed=0)
        if name.endswith("-sorted"):
            order = np.argsort(y, kind="stable")
            X, y = X[order], y[order]
        return X, y, X[::4], y[::4]
    if name == "overfitting":
        X_train, y_train, X_test, y_test = overfitting_moons()
        return X_train, y_train, X_test[:200], y_test[:200]
    if name == "xor":
        X, t = xor()
        return X, t, X, t
    rng = np.random.default_rng(0)
    X = rng.uniform(-2.0, 2.0, size=(100, 1))
    return X, np.sin(X), X[:20], np.sin(X[:20])


def replay_generator(case: Case, n: int) -> tuple[list[list[int]] | None, list | None]:
    """What ``train`` draws from ``default_rng(seed)``, in its order: per epoch a
    permutation (with ``shuffle``), then per minibatch one dropout mask per hidden layer
    (with dropout), ``(random(shape) < 1 - rate) / (1 - rate)`` as ``dropout_mask``
    draws it; flat lists."""
    rng = np.random.default_rng(case.seed)
    batch = n if case.batch_size is None else min(case.batch_size, n)
    keep, orders, masks = 1.0 - case.dropout, [], []
    for _ in range(case.epochs):
        orders.append(rng.permutation(n).tolist() if case.shuffle else list(range(n)))
        if case.dropout > 0:
            masks.append(
                [
                    [
                        ((rng.random((min(batch, n - start), units)) < keep) / keep)
                        .ravel()
                        .tolist()
                        for units in case.sizes[1:-1]
                    ]
                    for start in range(0, n, batch)
                ]
            )
    return (orders if case.shuffle else None), (masks if case.dropout > 0 else None)


def python_run(case: Case) -> dict[str, Any]:
    """``train`` on the case, with the parameters after each epoch and its orders."""
    X, T, X_val, T_val = dataset(case.data)
    net = FeedForwardNetwork(case.sizes, list(case.activation), seed=case.seed)
    initial = {
        "weights": [w.tolist() for w in net.weights],
        "biases": [b.tolist() for b in net.biases],
    }
    orders, masks = replay_generator(case, len(X))
    after: list[dict[str, Any]] = []
    optimizer = (
        Momentum(case.eta, case.mu) if case.mu > 0 else GradientDescent(case.eta)
    )
    history = train(
        net,
        X,
        T,
        loss=case.loss,
        optimizer=optimizer,
        epochs=case.epochs,
        batch_size=case.batch_size,
        shuffle=case.shuffle,
        seed=case.seed,
        dropout=case.dropout,
        regularizer=None
        if case.penalty is None
        else Regularizer(case.penalty, case.lam),
        validation=(X_val, T_val) if case.validation else None,
        callback=lambda _e, n, _h: after.append(
            {
                "weights": [w.tolist() for w in n.weights],
                "biases": [b.tolist() for b in n.biases],
            }
        ),
    )
    settings = {
        "layerSizes": list(case.sizes),
        "activation": list(case.activation),
        "loss": case.loss,
        "eta": case.eta,
        "mu": case.mu,
        "penalty": case.penalty,
        "lam": case.lam,
        "batchSize": case.batch_size,
        "epochs": case.epochs,
    }
    data = {"X": X.tolist(), "T": np.reshape(T, (len(X), -1)).tolist()}
    if case.validation:
        data |= {
            "Xval": X_val.tolist(),
            "Tval": np.reshape(T_val, (len(X_val), -1)).tolist(),
        }
    return {
        "settings": settings,
        "initial": initial,
        "data": data,
        "orders": orders,
        "masks": masks,
        "history": history,
        "after": after,
        "final": {
            "weights": [w.tolist() for w in net.weights],
            "biases": [b.tolist() for b in net.biases],
        },
    }


@pytest.fixture(scope="module")
def trainer_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The trainer module, served alone from a temporary folder on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("live-trainer")
    shutil.copy(TRAINER, folder / "trainer.js")
    (folder / "index.html").write_text(
        "<!doctype html><title>twin test</title>", encoding="utf-8"
    )
    with served(folder) as url:
        yield url


@pytest.fixture(scope="module")
def page(chromium: Any, trainer_url: str) -> Iterator[Any]:
    context = chromium.new_context()
    page = context.new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(trainer_url) else outside.append(request.url)
        ),
    )
    page.goto(trainer_url + "index.html")
    yield page
    context.close()
    assert not outside, f"the twin test's page asked for files elsewhere: {outside}"


# train's twin in the page: a Trainer run epoch by epoch, in train's minibatch orders
# (null: no shuffle) and with its dropout masks, keeping the weights and biases after
# every epoch inside the lines (after a divergence, the Trainer has the last good ones)
RUN_JS = """
async ([settings, initial, data, orders, masks]) => {
  const {Trainer} = await import('./trainer.js');
  const trainer = new Trainer(settings, initial, data);
  const weightsPerEpoch = [], biasesPerEpoch = [];
  while (!trainer.done) {
    const e = trainer.epochDone;
    trainer.epoch(orders === null ? null : orders[e], masks?.[e]);
    if (!trainer.diverged) {
      const p = trainer.parameters();
      weightsPerEpoch.push(p.weights);
      biasesPerEpoch.push(p.biases);
    }
  }
  const p = trainer.parameters(), h = trainer.history;
  return {
    weightsPerEpoch, biasesPerEpoch,
    loss: {train: h.trainLoss, val: h.valLoss},
    accuracy: {train: h.trainAccuracy, val: h.valAccuracy},
    epochs: trainer.epochDone, iterations: trainer.iterations,
    diverged: trainer.diverged, message: trainer.message,
    weights: p.weights, biases: p.biases,
  };
}
"""


def largest_gap(js: dict[str, Any], py: dict[str, Any]) -> float:
    """The largest difference between two parameter sets, array by array, relative to
    the array's largest entry (at least 1): a step w - eta g that nearly cancels leaves
    a round-off the size of eta g's last bit, not of the small w it produces."""
    gap = 0.0
    for key in ("weights", "biases"):
        for a, b in zip(js[key], py[key], strict=True):
            a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
            assert a.shape == b.shape
            gap = max(
                gap, float(np.max(np.abs(a - b)) / max(1.0, float(np.max(np.abs(b)))))
            )
    return gap


@pytest.mark.parametrize("name", list(CASES))
def test_live_trainer_computes_what_train_computes(page: Any, name: str) -> None:
    case = CASES[name]
    py = python_run(case)
    history = py["history"]
    js = page.evaluate(
        RUN_JS, [py["settings"], py["initial"], py["data"], py["orders"], py["masks"]]
    )

    assert js["diverged"] == history.diverged == case.expect.get("diverged", False), (
        js["message"],
        history.message,
    )
    assert js["message"] == history.message
    assert js["epochs"] == history.epoch[-1]
    assert js["iterations"] == history.iterations[-1]
    assert len(js["weightsPerEpoch"]) == len(py["after"]) >= 1 or history.diverged
    for epoch, expected in enumerate(py["after"], start=1):
        got = {
            "weights": js["weightsPerEpoch"][epoch - 1],
            "biases": js["biasesPerEpoch"][epoch - 1],
        }
        gap = largest_gap(got, expected)
        assert gap <= TOLERANCE, f"epoch {epoch}: weights differ by {gap:.3g}"
    assert largest_gap(js, py["final"]) <= TOLERANCE
    np.testing.assert_allclose(
        js["loss"]["train"], history.train_loss, rtol=1e-12, atol=1e-14
    )
    np.testing.assert_allclose(
        js["loss"]["val"], history.val_loss, rtol=1e-12, atol=1e-14
    )
    assert js["accuracy"]["train"] == history.train_accuracy
    assert js["accuracy"]["val"] == history.val_accuracy
    if case.expect.get("zeros"):
        zeros_js = [np.asarray(w) == 0.0 for w in js["weights"]]
        zeros_py = [np.asarray(w) == 0.0 for w in py["final"]["weights"]]
        assert sum(int(z.sum()) for z in zeros_py) > 0, (
            "the L1 case should zero some weights"
        )
        for a, b in zip(zeros_js, zeros_py, strict=True):
            assert (a == b).all(), "L1 set other weights exactly to 0 in the page"


# The epochs up there as (loss above its limit, weights above theirs with no new lowest
# loss), their losses as multiples of the limit, the last largest weight as a multiple
# of the weight limit: every shape of verdict the words tell apart, some no run of the
# cases above reaches (the weights, the two by turns).
VERDICTS = {
    "rose-above": ([(1, 0)], [2.0], 0.5),
    "kept-rising": ([(1, 0)] * 3, [1.5, 2.0, 3.0], 0.5),
    "stayed-flat": ([(1, 0)] * 3, [2.0, 2.0, 2.0], 0.5),
    "stood-then-rose": ([(1, 0)] * 3, [2.0, 2.0, 3.0], 0.5),
    "fell-then-rose": ([(1, 0)] * 5, [3.0, 2.0, 1.5, 1.2, 1.4], 0.5),
    "fell-then-stopped": ([(1, 0)] * 4, [3.0, 2.0, 1.5, 1.5], 0.5),
    "weights-one-epoch": ([(0, 1)], [0.5], 2.0),
    "weights-three-epochs": ([(0, 1)] * 3, [0.5, 0.5, 0.5], 2.0),
    "weights-then-loss": ([(0, 1), (1, 0)], [0.5, 2.0], 0.5),
    "loss-then-weights": ([(1, 0), (0, 1), (1, 1)], [2.0, 0.5, 2.0], 3.0),
}


@pytest.mark.parametrize("name", list(VERDICTS))
def test_the_live_trainer_words_every_verdict_as_train_does(
    page: Any, name: str
) -> None:
    up, ratios, weight_ratio = VERDICTS[name]
    case = Case("moons200", epochs=1, validation=False)
    py = python_run(case)
    X, T, _, _ = dataset(case.data)
    net = FeedForwardNetwork(case.sizes, list(case.activation), seed=case.seed)
    loss = get_loss(case.loss)
    T = np.reshape(T, (len(X), -1))
    lines = DivergenceMonitor(
        net,
        loss,
        T,
        evaluate(net, loss, X, T)[0],
        Regularizer("l2", 0.0),
        10.0,
        3,
        1,
        X,
    ).lines
    losses = [r * lines.limit for r in ratios]
    largest = weight_ratio * lines.weight_limit
    n, high, heavy = len(up), sum(u[0] for u in up), sum(u[1] for u in up)
    if high == n:
        expected = lines.describe(losses)
    elif heavy == n:
        expected = lines.describe_weights(largest, n)
    else:
        expected = lines.describe_both(losses[-1], largest, (n, high, heavy))
    said = page.evaluate(
        """async ([settings, initial, data, up, losses, largest]) => {
          const {Trainer} = await import('./trainer.js');
          const trainer = new Trainer(settings, initial, data);
          trainer.up = up.map(([a, b]) => [a === 1, b === 1]);
          return trainer.blownUp(losses, largest);
        }""",
        [py["settings"], py["initial"], py["data"], up, losses, largest],
    )
    assert said == expected


def test_the_books_live_javascript_is_small_and_self_contained() -> None:
    scripts = sorted(TRAINER.parent.glob("*.js"))
    assert [s.name for s in scripts] == ["live_figure.js", "trainer.js"]
    total = sum(len(s.read_bytes()) for s in scripts)
    assert total <= 30_000, (
        f"the book's live JavaScript must stay within 30 KB, not {total}"
    )
    trainer = TRAINER.read_text(encoding="utf-8")
    assert "import " not in trainer, "the trainer imports nothing"
    for script in scripts:
        text = script.read_text(encoding="utf-8")
        assert "http" not in text and "fetch(" not in text, (
            f"{script.name} asks for files"
        )
        assert max(len(line) for line in text.splitlines()) <= 100
