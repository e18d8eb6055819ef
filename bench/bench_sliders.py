"""Time a slider move: how long a live figure takes to retrain and redraw.

In JupyterLab, moving a slider of a :class:`ffnn_edu.sliders.SliderFigure` retrains the
network with the new hyper-parameters and redraws the figure in place. This script builds the
live widget for the kind of slider figures the book uses (a 2-D classifier retrained for each
η, λ, μ or dropout rate), moves every slider through all its positions the way a reader
would, and reports the redraw times collected by the widget itself (training, drawing and PNG
encoding together), plus the split between training and drawing.

Run with ``make bench`` (or ``.venv/bin/python bench/bench_sliders.py``).
"""
from __future__ import annotations

import time

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

from ffnn_edu.classifier import NetworkClassifier  # noqa: E402
from ffnn_edu.datasets import two_moons  # noqa: E402
from ffnn_edu.plotting import use_book_style  # noqa: E402
from ffnn_edu.sliders import SliderFigure, training_explorer  # noqa: E402

ETAS = [0.03, 0.1, 0.3, 1.0, 3.0]
LAMS = [0.0, 0.001, 0.01, 0.1]
FIGURES = {
    "η and λ (L2)": {"eta": ETAS, "lam": LAMS},
    "η and μ": {"eta": ETAS, "mu": [0.0, 0.5, 0.9]},
    "dropout rate": {"dropout": [0.0, 0.1, 0.2, 0.3, 0.4, 0.5]},
}


def moons() -> tuple[np.ndarray, ...]:
    X, y = two_moons(200, noise=0.3, seed=0)
    return X[:100], y[:100], X[100:], y[100:]


def sweep(figure: SliderFigure) -> list[float]:
    """Move each slider of the live widget through all its positions; return redraw times."""
    box = figure.widget()
    for control in box.children[:-1]:
        start = control.value
        for value in control.options:
            if value[1] != control.value:
                control.value = value[1]
        control.value = start
    return figure.redraw_seconds


def split_times(data: tuple[np.ndarray, ...], repeats: int = 5) -> tuple[float, float]:
    """Mean seconds spent training and drawing one frame (η = 0.3, λ = 0.01)."""
    render = training_explorer(*data, hidden_layer_sizes=(30,))
    # the classifier training_explorer trains for one frame, with its default settings
    classifier = NetworkClassifier((30,), activation="tanh", loss="binary_cross_entropy",
                                   eta=0.3, l2=0.01, epochs=300, batch_size=None, seed=0)
    fit = []
    for _ in range(repeats):
        started = time.perf_counter()
        classifier.fit(data[0], data[1], validation_data=data[2:])
        fit.append(time.perf_counter() - started)
    frame = SliderFigure(render, {"eta": [0.3]}, alt="timing")
    whole = []
    for _ in range(repeats):
        started = time.perf_counter()
        frame.frame(eta=0.3, lam=0.01)
        whole.append(time.perf_counter() - started)
    return float(np.mean(fit)), float(np.mean(whole) - np.mean(fit))


def main() -> None:
    use_book_style()
    data = moons()
    print("Live slider redraws (retrain 2-30-1 tanh network for 300 epochs on 100 points, "
          "redraw, encode PNG)")
    print(f"{'figure':<16} {'moves':>5} {'mean':>7} {'median':>7} {'max':>7}")
    for name, sliders in FIGURES.items():
        figure = SliderFigure(training_explorer(*data, hidden_layer_sizes=(30,)), sliders,
                              alt=name)
        times = np.array(sweep(figure))
        print(f"{name:<16} {len(times):>5} {times.mean():>6.2f}s {np.median(times):>6.2f}s "
              f"{times.max():>6.2f}s")
    fit, draw = split_times(data)
    print(f"one frame: training {fit:.2f}s, drawing and PNG encoding {draw:.2f}s")


if __name__ == "__main__":
    main()
