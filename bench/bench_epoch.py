"""Time one training epoch: ffnn_edu versus scikit-learn, PyTorch and a bare numpy loop.

The task is the one of issue 12: one epoch of plain minibatch gradient descent (no
momentum, no penalty) for a 784-30-10 network with sigmoid units, on 60,000 generated
samples of MNIST's shape (random "pixels" in [0, 1], one-hot labels), in float64, at
minibatch sizes 10 and 128. Every contender trains sigmoid outputs
with the binary cross-entropy:

``ffnn_edu``
    ``train(..., loss="binary_cross_entropy")``; the time of one epoch is the time
    between two of its epoch callbacks, so it includes what ``train`` does once per
    epoch besides the updates (shuffling, the training loss and accuracy for the
    history, the divergence check, the copy of the weights it may fall back to).
``bare numpy``
    The least a vectorised epoch can do: the same products and the same once-per-epoch
    training loss and accuracy, with no checks and no objects. Not how a teaching
    package should be written; the floor that shows what the arithmetic costs. Before
    timing, the script checks that it and ffnn_edu end an epoch with the same
    weights (round-off apart).
``train_epoch``
    ffnn_edu's epoch without the history: the updates alone, as the libraries below do
    them (neither computes a loss over the whole training set after the epoch),
    including ``train_epoch``'s checks of its arguments. The ratio to the fastest
    library is given for ``train`` and, in parentheses, for ``train_epoch``.
``train Adam``
    The ``ffnn_edu`` epoch with ``Adam(0.001)`` (the paper's default rate) instead of
    plain gradient descent: what a rate per weight costs (two moving averages, a bias
    correction and a square root per weight and update). Its ratio to the ``ffnn_edu``
    column is printed under each row.
``scikit-learn``
    ``MLPClassifier(solver="sgd", activation="logistic")`` fitted for one epoch on the
    one-hot targets (which makes its outputs sigmoids with the binary log-loss), with
    momentum and the L2 penalty switched off, ``max_iter=1``. Its time includes its
    checks of the data.
``PyTorch``
    ``nn.Sequential(Linear, Sigmoid, Linear)`` with ``BCEWithLogitsLoss`` and
    ``optim.SGD``, the usual loop over shuffled minibatches (CPU, float64).
``PyTorch+hist``
    The same epoch, then the loss and accuracy of the whole training set under
    ``torch.no_grad()``: what a PyTorch user writes to get ``train``'s learning curve.
    The like-for-like partner of the ``ffnn_edu`` column (its ratio is printed on its
    own); it is not counted among the libraries above.

scikit-learn and PyTorch are not dependencies of ffnn-edu: the script compares against
each one it can import, and says which it could not.

Run with ``python bench/bench_epoch.py`` (``--threads 2`` lets the BLAS libraries use
two threads; the default, one, is steadier on a shared machine). Times are CPU seconds
of the process by default: on a machine shared with other jobs the wall clock mostly
measures the waiting, and with one thread CPU time is what the epoch takes on an idle
machine (``--clock wall`` for wall time, the right clock with two threads). The
contenders take turns, one epoch each, ``--repeats`` times, and each keeps its best
epoch; the ratios are taken within the run, so a machine whose speed drifts slows
everyone alike. The "noise" column is the largest ratio of slowest to
fastest epoch of any contender.
"""

from __future__ import annotations

import argparse
import contextlib
import platform
import time
import warnings
from collections.abc import Callable

import numpy as np

from ffnn_edu.nn.losses import get_loss
from ffnn_edu.nn.network import FeedForwardNetwork
from ffnn_edu.nn.optimizers import Adam, GradientDescent
from ffnn_edu.nn.training import train, train_epoch

SIZES = (784, 30, 10)
N_SAMPLES = 60_000
# The binary cross-entropy of ffnn_edu and PyTorch averages over the n x 10 entries of a
# batch, scikit-learn's sums over the 10 outputs and averages over the n samples: its
# steps are 10 times larger, so it gets a learning rate 10 times smaller.
ETA = 5.0


def make_data(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Random 'pixels' in [0, 1] and one-hot labels for 10 classes."""
    rng = np.random.default_rng(seed)
    X = rng.random((n, SIZES[0]))
    T = np.eye(SIZES[-1])[rng.integers(0, SIZES[-1], n)]
    return X, T


def sigmoid(z: np.ndarray) -> np.ndarray:
    """The tutorial sigmoid (no overflow guard: the logits here stay small)."""
    return 1.0 / (1.0 + np.exp(-z))


def fresh_parameters(seed: int = 1) -> list[np.ndarray]:
    """ffnn_edu's initial weights and biases, [W1, b1, W2, b2], for every contender."""
    return [
        p.copy() for p in FeedForwardNetwork(SIZES, "sigmoid", seed=seed).parameters()
    ]


# --- ffnn_edu -------------------------------------------------------------------------


def ffnn_edu_run(
    X: np.ndarray,
    T: np.ndarray,
    batch_size: int,
    epochs: int,
    shuffle: bool = True,
    optimizer: GradientDescent | None = None,
) -> tuple[list[float], FeedForwardNetwork]:
    """Train ``epochs`` epochs; return the epoch callbacks' time stamps and the net.

    The optimizer is ``GradientDescent(ETA)`` unless another is given.
    """
    net = FeedForwardNetwork(SIZES, "sigmoid", seed=1)
    stamps: list[float] = []
    history = train(
        net,
        X,
        T,
        loss="binary_cross_entropy",
        optimizer=optimizer or GradientDescent(ETA),
        epochs=epochs,
        batch_size=batch_size,
        shuffle=shuffle,
        callback=lambda *_: stamps.append(clock()),
    )
    assert not history.diverged, history.message
    return stamps, net


def ffnn_edu_epoch(X: np.ndarray, T: np.ndarray, batch_size: int) -> float:
    """Seconds of a whole epoch of ``train``: the second, from callback to callback."""
    stamps, _ = ffnn_edu_run(X, T, batch_size, epochs=2)
    return stamps[1] - stamps[0]


def ffnn_edu_adam_epoch(X: np.ndarray, T: np.ndarray, batch_size: int) -> float:
    """Seconds of a whole epoch of ``train`` with ``Adam(0.001)``.

    The same epoch as :func:`ffnn_edu_epoch` but for the optimizer; the difference is
    what Adam's two averages, its bias correction and its square roots cost per update.
    """
    stamps, _ = ffnn_edu_run(X, T, batch_size, epochs=2, optimizer=Adam(0.001))
    return stamps[1] - stamps[0]


def ffnn_edu_updates(X: np.ndarray, T: np.ndarray, batch_size: int) -> float:
    """Seconds of ``train_epoch`` alone (input checks included): updates, no history."""
    net = FeedForwardNetwork(SIZES, "sigmoid", seed=1)
    return timed(
        lambda: train_epoch(
            net,
            X,
            T,
            loss=get_loss("binary_cross_entropy"),
            optimizer=GradientDescent(ETA),
            epoch=0,
            batch_size=batch_size,
            rng=np.random.default_rng(0),
        )
    )


# --- bare numpy -----------------------------------------------------------------------


def bare_epoch(
    params: list[np.ndarray],
    X: np.ndarray,
    T: np.ndarray,
    batch_size: int,
    order: np.ndarray,
) -> tuple[float, float]:
    """One epoch of updates, then training loss and accuracy (as ffnn_edu's history)."""
    W1, b1, W2, b2 = params
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        x, t = X[rows], T[rows]
        hidden = sigmoid(x @ W1 + b1)
        y = sigmoid(hidden @ W2 + b2)
        delta2 = (y - t) / t.size
        delta1 = (delta2 @ W2.T) * hidden * (1 - hidden)
        W2 -= ETA * (hidden.T @ delta2)
        b2 -= ETA * delta2.sum(axis=0)
        W1 -= ETA * (x.T @ delta1)
        b1 -= ETA * delta1.sum(axis=0)
    y = sigmoid(sigmoid(X @ W1 + b1) @ W2 + b2)
    loss = float(-np.mean(T * np.log(y) + (1 - T) * np.log(1 - y)))
    return loss, float(np.mean(y.argmax(axis=1) == T.argmax(axis=1)))


def bare_timed_epoch(X: np.ndarray, T: np.ndarray, batch_size: int) -> float:
    params = fresh_parameters()
    order = np.random.default_rng(0).permutation(len(X))
    return timed(lambda: bare_epoch(params, X, T, batch_size, order))


def check_same_arithmetic(X: np.ndarray, T: np.ndarray, batch_size: int) -> float:
    """Largest weight gap of ffnn_edu and the bare loop after an unshuffled epoch."""
    _, net = ffnn_edu_run(X, T, batch_size, epochs=1, shuffle=False)
    params = fresh_parameters()
    bare_epoch(params, X, T, batch_size, np.arange(len(X)))
    return max(float(np.abs(a - b).max()) for a, b in zip(net.parameters(), params))


# --- scikit-learn ---------------------------------------------------------------------


def sklearn_epoch(X: np.ndarray, T: np.ndarray, batch_size: int) -> float:
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    clf = MLPClassifier(
        hidden_layer_sizes=(SIZES[1],),
        activation="logistic",
        solver="sgd",
        alpha=0.0,
        batch_size=batch_size,
        learning_rate_init=ETA / 10,
        momentum=0.0,
        nesterovs_momentum=False,
        max_iter=1,
        shuffle=True,
        random_state=0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return timed(lambda: clf.fit(X, T))


# --- PyTorch --------------------------------------------------------------------------


def torch_epoch(
    X: np.ndarray, T: np.ndarray, batch_size: int, history: bool = False
) -> float:
    """Seconds of one epoch; with ``history``, then training loss and accuracy too."""
    import torch

    torch.manual_seed(0)
    model = torch.nn.Sequential(
        torch.nn.Linear(SIZES[0], SIZES[1]),
        torch.nn.Sigmoid(),
        torch.nn.Linear(SIZES[1], SIZES[2]),
    ).double()
    optimizer = torch.optim.SGD(model.parameters(), lr=ETA)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    Xt, Tt = torch.from_numpy(X), torch.from_numpy(T)

    def epoch() -> None:
        order = torch.randperm(len(Xt))
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            optimizer.zero_grad()
            loss_fn(model(Xt[rows]), Tt[rows]).backward()
            optimizer.step()
        if history:
            with torch.no_grad():
                logits = model(Xt)
                float(loss_fn(logits, Tt))
                float((logits.argmax(dim=1) == Tt.argmax(dim=1)).double().mean())

    return timed(epoch)


def torch_epoch_with_history(X: np.ndarray, T: np.ndarray, batch_size: int) -> float:
    return torch_epoch(X, T, batch_size, history=True)


# --- measuring ------------------------------------------------------------------------

clock: Callable[[], float] = time.process_time  # main() switches it for --clock wall


def timed(run: Callable[[], object]) -> float:
    start = clock()
    run()
    return clock() - start


def thread_settings(threads: int | None) -> contextlib.AbstractContextManager:
    """Limit the BLAS (and OpenMP) thread pools of every library, if asked to."""
    if threads is None:
        return contextlib.nullcontext()
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        print(
            "threadpoolctl is not installed, so the BLAS threads are the "
            "library default; start with OPENBLAS_NUM_THREADS=1 (or pip "
            "install threadpoolctl) to pin them"
        )
        return contextlib.nullcontext()
    with contextlib.suppress(ImportError):
        import torch

        torch.set_num_threads(threads)
    return threadpool_limits(limits=threads)


def describe_threads() -> str:
    parts = []
    try:
        from threadpoolctl import threadpool_info

        blas = {
            (i["internal_api"], i["num_threads"])
            for i in threadpool_info()
            if i["user_api"] == "blas"
        }
        parts.append(
            "BLAS " + ", ".join(f"{api}: {n} thread(s)" for api, n in sorted(blas))
        )
    except ImportError:
        parts.append("BLAS threads unknown (threadpoolctl not installed)")
    with contextlib.suppress(ImportError):
        import torch

        parts.append(f"torch: {torch.get_num_threads()} thread(s)")
    return "; ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="BLAS/OpenMP threads for every library (0: libraries' defaults)",
    )
    parser.add_argument(
        "--repeats", type=int, default=3, help="turns of one epoch each"
    )
    parser.add_argument(
        "--clock",
        choices=("cpu", "wall"),
        default="cpu",
        help="CPU time of the process (steady on a busy machine; with one "
        "thread it is the time an idle machine would take) or wall time",
    )
    parser.add_argument("--batches", type=int, nargs="+", default=[10, 128])
    args = parser.parse_args()
    global clock
    clock = time.perf_counter if args.clock == "wall" else time.process_time
    X, T = make_data(N_SAMPLES)
    contenders: dict[str, Callable[[np.ndarray, np.ndarray, int], float]] = {
        "ffnn_edu": ffnn_edu_epoch,
        "bare numpy": bare_timed_epoch,
        "train_epoch": ffnn_edu_updates,
        "train Adam": ffnn_edu_adam_epoch,
    }
    missing = []
    for name, module, run in (
        ("scikit-learn", "sklearn", sklearn_epoch),
        ("PyTorch", "torch", torch_epoch),
        ("PyTorch+hist", "torch", torch_epoch_with_history),
    ):
        try:
            __import__(module)
            contenders[name] = run
        except ImportError:
            missing.append(name)
    with thread_settings(args.threads or None):
        versions = [f"numpy {np.__version__}"]
        for name in ("sklearn", "torch"):
            with contextlib.suppress(ImportError):
                versions.append(f"{name} {__import__(name).__version__}")
        print(
            f"784-30-10 sigmoid network, {N_SAMPLES:,} samples, one epoch of plain "
            f"SGD, float64; best of {args.repeats} epochs, {args.clock} time"
        )
        print(
            f"{platform.python_implementation()} {platform.python_version()}, "
            f"{platform.machine()}, {', '.join(versions)}; {describe_threads()}"
        )
        if missing:
            libraries = dict.fromkeys(name.split("+")[0] for name in missing)
            print(f"not importable, left out: {', '.join(libraries)}")
        header = "".join(f"{name:>14}" for name in contenders)
        print(
            f"{'batch':>5}{header}  {'ffnn_edu (train_epoch) / fastest library':>41}"
            f"  {'ffnn_edu / PyTorch+hist':>23}  {'ffnn_edu / bare':>15}"
            f"  {'max |Δw| vs bare':>16}  {'noise':>6}"
        )
        for batch_size in args.batches:
            difference = check_same_arithmetic(X[:2560], T[:2560], batch_size)
            times: dict[str, list[float]] = {name: [] for name in contenders}
            for _ in range(args.repeats):  # round robin: drift hits everyone alike
                for name, run in contenders.items():
                    times[name].append(run(X, T, batch_size))
            best = {name: min(seconds) for name, seconds in times.items()}
            spread = max(max(seconds) / min(seconds) for seconds in times.values())
            libraries = [best[n] for n in ("scikit-learn", "PyTorch") if n in best]
            versus = (
                f"{best['ffnn_edu'] / min(libraries):.2f} "
                f"({best['train_epoch'] / min(libraries):.2f})"
                if libraries
                else "-"
            )
            alike = (
                f"{best['ffnn_edu'] / best['PyTorch+hist']:.2f}"
                if "PyTorch+hist" in best
                else "-"
            )
            cells = "".join(f"{best[name]:>13.3f}s" for name in contenders)
            print(
                f"{batch_size:>5}{cells}  {versus:>41}  {alike:>23}  "
                f"{best['ffnn_edu'] / best['bare numpy']:>15.2f}  {difference:>16.1e}"
                f"  {spread:>5.2f}x"
            )
            print(
                f"{'':>5}an epoch of train with Adam takes "
                f"{best['train Adam'] / best['ffnn_edu']:.2f} times one with "
                f"GradientDescent"
            )


if __name__ == "__main__":
    main()
