"""Time one training epoch: ffnn_edu's vectorised minibatches against a per-sample loop.

The per-sample loop is the way classic tutorial code (Nielsen's ``network.py``) handles a
minibatch: it backpropagates one training case at a time and adds up the gradients. ffnn_edu
pushes the whole minibatch through as one matrix product per layer. Both do the same
arithmetic (checked below on a slice of the data before timing), on a 784-30-10 sigmoid
network with 60,000 generated samples (the shape of MNIST; the pixels are random numbers).

Run with ``make bench`` (or ``.venv/bin/python bench/bench_epoch.py``).
"""
from __future__ import annotations

import platform
import time

import numpy as np

from ffnn_edu.losses import get_loss
from ffnn_edu.network import FeedForwardNetwork
from ffnn_edu.optimizers import GradientDescent
from ffnn_edu.training import train_epoch

SIZES = (784, 30, 10)
N_SAMPLES = 60_000
ETA = 3.0  # Nielsen's learning rate for this network; the loop divides it by the batch size


def sigmoid(z: np.ndarray) -> np.ndarray:
    """The tutorial sigmoid (no input checks; fine here, the logits stay small)."""
    return 1.0 / (1.0 + np.exp(-z))


def make_data(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Random 'pixels' in [0, 1] and one-hot labels for 10 classes."""
    rng = np.random.default_rng(seed)
    X = rng.random((n, SIZES[0]))
    T = np.eye(SIZES[-1])[rng.integers(0, SIZES[-1], n)]
    return X, T


def per_sample_epoch(weights: list[np.ndarray], biases: list[np.ndarray], X: np.ndarray,
                     T: np.ndarray, batch_size: int, order: np.ndarray) -> None:
    """One epoch the tutorial way: a Python loop over the cases of every minibatch."""
    for start in range(0, len(order), batch_size):
        rows = order[start:start + batch_size]
        sum_w = [np.zeros_like(w) for w in weights]
        sum_b = [np.zeros_like(b) for b in biases]
        for i in rows:
            activations = [X[i]]
            for w, b in zip(weights, biases):
                activations.append(sigmoid(activations[-1] @ w + b))
            y = activations[-1]
            delta = (y - T[i]) * y * (1 - y)
            for layer in range(len(weights) - 1, -1, -1):
                sum_w[layer] += np.outer(activations[layer], delta)
                sum_b[layer] += delta
                if layer:
                    a = activations[layer]
                    delta = (weights[layer] @ delta) * a * (1 - a)
        step = ETA / len(rows)
        for w, b, gw, gb in zip(weights, biases, sum_w, sum_b):
            w -= step * gw
            b -= step * gb


def vectorised_epoch(net: FeedForwardNetwork, X: np.ndarray, T: np.ndarray,
                     batch_size: int, order: np.ndarray) -> None:
    """One epoch with ffnn_edu: one matrix product per layer and minibatch."""
    # half_sse sums over the batch, so eta / batch_size gives the loop's averaged step.
    train_epoch(net, X[order], T[order], loss=get_loss("half_sse"),
                optimizer=GradientDescent(ETA / batch_size), epoch=0, batch_size=batch_size,
                rng=np.random.default_rng(0), shuffle=False)


def bare_epoch(weights: list[np.ndarray], biases: list[np.ndarray], X: np.ndarray,
               T: np.ndarray, batch_size: int, order: np.ndarray) -> None:
    """The least a vectorised epoch can do: the same products, with no checks or bookkeeping.

    Not how anyone should write a teaching package; it is here as the floor that shows how
    much of ffnn_edu's time is arithmetic every vectorised version has to do.
    """
    (W1, W2), (b1, b2) = weights, biases
    step = ETA / batch_size
    for start in range(0, len(order), batch_size):
        rows = order[start:start + batch_size]
        x, t = X[rows], T[rows]
        hidden = sigmoid(x @ W1 + b1)
        y = sigmoid(hidden @ W2 + b2)
        delta2 = (y - t) * y * (1 - y)
        delta1 = (delta2 @ W2.T) * hidden * (1 - hidden)
        W2 -= step * (hidden.T @ delta2)
        b2 -= step * delta2.sum(axis=0)
        W1 -= step * (x.T @ delta1)
        b1 -= step * delta1.sum(axis=0)


def check_same_arithmetic(X: np.ndarray, T: np.ndarray, batch_size: int) -> float:
    """Largest weight difference after one short epoch of each: must be round-off."""
    net = FeedForwardNetwork(SIZES, "sigmoid", seed=1)
    weights = [w.copy() for w in net.weights]
    biases = [b.copy() for b in net.biases]
    order = np.arange(len(X))
    per_sample_epoch(weights, biases, X, T, batch_size, order)
    vectorised_epoch(net, X, T, batch_size, order)
    mine = [p for pair in zip(weights, biases) for p in pair]
    return max(float(np.abs(a - b).max()) for a, b in zip(net.parameters(), mine))


def best_of(repeats: int, run) -> float:
    """Smallest wall-clock time of ``repeats`` runs (the least disturbed one)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    X, T = make_data(N_SAMPLES)
    print(f"784-30-10 sigmoid network, {N_SAMPLES:,} samples, one epoch "
          f"(numpy {np.__version__}, {platform.python_implementation()} "
          f"{platform.python_version()}, {platform.machine()})")
    print(f"{'batch':>5}  {'per-sample loop':>15}  {'ffnn_edu':>9}  {'speed-up':>8}  "
          f"{'bare numpy':>10}  {'its speed-up':>12}  {'max |Δw|':>9}")
    for batch_size in (10, 128):
        difference = check_same_arithmetic(X[:1280], T[:1280], batch_size)
        order = np.random.default_rng(2).permutation(N_SAMPLES)
        net = FeedForwardNetwork(SIZES, "sigmoid", seed=1)
        weights = [w.copy() for w in net.weights]
        biases = [b.copy() for b in net.biases]
        loop = best_of(2, lambda: per_sample_epoch(weights, biases, X, T, batch_size, order))
        fast = best_of(3, lambda: vectorised_epoch(net, X, T, batch_size, order))
        bare = best_of(3, lambda: bare_epoch(weights, biases, X, T, batch_size, order))
        print(f"{batch_size:>5}  {loop:>14.2f}s  {fast:>8.2f}s  {loop / fast:>7.1f}x  "
              f"{bare:>9.2f}s  {loop / bare:>11.1f}x  {difference:>9.1e}")


if __name__ == "__main__":
    main()
