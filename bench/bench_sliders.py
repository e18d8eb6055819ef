"""Time the book's slider figures: drawing every frame once, and a live slider move.

A :class:`ffnn_edu.show.sliders.SliderFigure` trains each network once (for all of its
epochs) when it is first displayed; the web book's build then draws every combination of
slider positions, a notebook run elsewhere only the initial one (the widget draws each
other position when a slider first reaches it), and the frames are kept; the live widget
swaps the stored PNG and code on a move to a position drawn before. A slider over a
continuous parameter (η, λ, μ, the dropout rate) also stops between the positions; a
move to such a value not yet drawn retrains with ``ffnn_edu`` and draws the frame, which
is then kept. This script builds the slider figures of chapters 11
(``11_regularization``, λ and epochs), 12 (``12_learning_rate_momentum``, η and μ) and
13 (``13_dropout``, dropout rate and epochs) exactly as the chapters do, and reports

* the time to draw every frame (train every setting, draw and compress every frame,
  build the widget and the static HTML twin): what the chapter's displaying cell costs
  in the web book's build;
* the time of a live move to a position, measured inside the widget's own handler
  (``redraw_seconds``), median and maximum over every position of every slider, moved
  the way a reader would;
* the time of a live move to a value between the positions, not drawn before (retrain
  and draw), median and maximum over several values of each continuous slider, and of a
  move back to one of them (drawn before: shown at once); the goal is
  a median of at most 0.3 s;
* the size of the static HTML twin, which is what the figure adds to the built page.

Run with ``make bench`` (or ``.venv/bin/python bench/bench_sliders.py``). With ``--lab``
it also starts JupyterLab on a free local port and moves the sliders of chapter 13's
figure in headless Chromium (``/usr/bin/chromium``), timing each move
from key press to new image.
"""

from __future__ import annotations

import itertools
import textwrap
import time
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np

from ffnn_edu.experiments.error_surfaces import VALLEY_SLIDER, descend, elongated_bowl
from ffnn_edu.experiments.overfitting import overfitting_moons
from ffnn_edu.show.plotting import PALETTE, use_book_style
from ffnn_edu.show.sliders import SliderFigure, live_positions, training_explorer

#: How many values between the positions each continuous slider is moved to.
OFF_GRID_MOVES = 7


def chapter7() -> SliderFigure:
    X_train, y_train, X_test, y_test = overfitting_moons()
    explorer = training_explorer(
        X_train,
        y_train,
        X_test[:200],
        y_test[:200],
        hidden_layer_sizes=(60,),
        eta=1.0,
        epochs=1000,
        penalty="l2",
        title="60 tanh neurons, 40 training points",
    )
    return SliderFigure(
        explorer,
        {"lam": [0.0, 0.03, 0.1, 0.3, 1.0, 3.0], "epochs": [100, 300, 1000]},
        initial={"lam": 0.0, "epochs": 1000},
        code=explorer.code,
        alt="chapter 7",
    )


def chapter8() -> SliderFigure:
    """Chapter 12's valley slider: 60 steps of descent with momentum on the elongated
    bowl, at the chapter's positions (``VALLEY_SLIDER``), stacked as the chapter draws
    it, with the error axis holding every path and the path's message below."""
    valley = elongated_bowl(20)
    grid = valley.grid(101)
    values = {name: list(positions) for name, positions in VALLEY_SLIDER.items()}

    def path_of(eta: float, mu: float) -> Any:
        return descend(valley, [-4.0, 1.0], eta=eta, mu=mu, steps=60, limit=1e3)

    paths = [path_of(eta, mu) for eta in values["eta"] for mu in values["mu"]]
    lowest = min(path.errors.min() for path in paths)
    highest = max(path.errors.max() for path in paths)
    error_range = 10 ** np.floor(np.log10(lowest)), 10 ** np.ceil(np.log10(highest))

    def render_valley(eta: float, mu: float) -> plt.Figure:
        path = path_of(eta, mu)
        fig, (bowl_ax, error_ax) = plt.subplots(2, 1, figsize=(4.9, 7.3))
        bowl_ax.contour(*grid, levels=12, cmap="cividis", linewidths=0.8)
        bowl_ax.plot(
            *path.points.T,
            "o-",
            color=PALETTE["vermillion"],
            markersize=3,
            label="path",
        )
        bowl_ax.plot(-4.0, 1.0, "s", color=PALETTE["black"], label="start")
        bowl_ax.set_xlim(-5, 5)
        bowl_ax.set_ylim(-1.5, 1.5)
        bowl_ax.set_xlabel("$w_1$")
        bowl_ax.set_ylabel("$w_2$")
        bowl_ax.set_title("Elongated bowl" + (": diverged!" if path.diverged else ""))
        bowl_ax.legend(loc="lower right", fontsize=9.5)
        error_ax.semilogy(path.errors, color=PALETTE["blue"])
        error_ax.set_ylim(*error_range)
        error_ax.set_xlim(0, 60)
        error_ax.set_xlabel("step")
        error_ax.set_ylabel("error $E$ (log scale)")
        error_ax.set_title(f"final error {path.errors[-1]:.2g}")
        fig.suptitle(f"η = {eta:g}, μ = {mu:g}")
        fig.text(0.03, 0.11, textwrap.fill(path.message, 60), fontsize=9.5, va="top")
        fig.subplots_adjust(left=0.17, right=0.97, bottom=0.19, top=0.91, hspace=0.42)
        return fig

    return SliderFigure(
        render_valley,
        values,
        code=(
            "path = descend(elongated_bowl(20), [-4.0, 1.0], "
            "eta={eta}, mu={mu}, steps=60, limit=1e3)"
        ),
        initial={"eta": 0.025, "mu": 0.5},
        alt="chapter 12",
    )


def chapter9() -> SliderFigure:
    X_train, y_train, X_test, y_test = overfitting_moons(n_test=200)
    explorer = training_explorer(
        X_train,
        y_train,
        X_test,
        y_test,
        hidden_layer_sizes=(40,),
        eta=1.0,
        epochs=200,
        batch_size=10,
        seed=0,
        title="Two moons, 40 training points",
    )
    return SliderFigure(
        explorer,
        {"dropout": [0.0, 0.1, 0.2, 0.3, 0.4, 0.5], "epochs": [25, 100, 200]},
        initial={"dropout": 0.0, "epochs": 200},
        code=explorer.code,
        alt="chapter 9",
    )


def sweep_grid(box, figure: SliderFigure) -> None:
    """Move each slider of a live widget through all its positions (the frames drawn
    when the figure was displayed), then back to its start."""
    for name, control in zip(figure.sliders, box.children):
        start = control.value
        for value in figure.sliders[name]:
            if value != control.value:
                control.value = value
        control.value = start


def between(
    figure: SliderFigure, name: str, count: int = OFF_GRID_MOVES
) -> list[float]:
    """``count`` stops of slider ``name``'s live widget between its positions."""
    stops = [
        v
        for v in live_positions(figure.sliders[name], figure.scales[name])
        if v not in figure.sliders[name]
    ]
    return [stops[round(i)] for i in np.linspace(0, len(stops) - 1, count)]


def off_grid(figure: SliderFigure, box) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Move each continuous slider of a live widget to values between its positions,
    then back to each; the wall-clock times (ms) of the first moves (retrain and draw),
    their CPU times (ms, this process), and the wall-clock times of the moves back
    (drawn before)."""
    first, cpu, again = [], [], []
    for name, control in zip(figure.sliders, box.children):
        if figure.scales[name] == "grid":
            continue
        start, values = control.value, between(figure, name)
        for times in (first, again):
            for value in values:
                figure.redraw_seconds.clear()
                started = time.process_time()
                control.value = value
                if times is first:
                    cpu.append(time.process_time() - started)
                times.extend(figure.redraw_seconds)
        control.value = start
    return np.array(first) * 1000, np.array(cpu) * 1000, np.array(again) * 1000


def main() -> None:
    use_book_style()
    print(
        "display = train + draw + widget and HTML; wall-clock seconds (CPU seconds of "
        "this process in brackets: on a loaded machine the wall clock is longer)"
    )
    print(
        f"{'figure':<10} {'frames':>6} {'train':>13} {'draw':>13} {'display':>13} "
        f"{'html':>7} {'moves':>5} {'median move':>11} {'max move':>9}"
    )
    figures = (
        ("chapter 11", chapter7),
        ("chapter 12", chapter8),
        ("chapter 13", chapter9),
    )
    between_rows = []
    for name, make in figures:
        figure = make()
        clocks = [(time.perf_counter(), time.process_time())]
        prepare = getattr(figure.render, "prepare", None)
        if callable(prepare):
            prepare(
                [
                    figure._values(key)
                    for key in itertools.product(
                        *(range(len(v)) for v in figure.sliders.values())
                    )
                ]
            )
        clocks.append((time.perf_counter(), time.process_time()))
        figure.frames()
        clocks.append((time.perf_counter(), time.process_time()))
        bundle = figure._repr_mimebundle_()  # the rest of what displaying does
        clocks.append((time.perf_counter(), time.process_time()))

        def step(a: int, b: int, clocks: list[tuple[float, float]] = clocks) -> str:
            """Wall time (CPU time) from clock ``a`` to clock ``b`` of this figure."""
            wall, cpu = (clocks[b][i] - clocks[a][i] for i in (0, 1))
            return f"{wall:5.1f}s ({cpu:4.1f})"

        html_kb = len(bundle["text/html"].encode()) / 1024
        box = figure.widget()
        figure.redraw_seconds.clear()
        sweep_grid(box, figure)
        moves = np.array(figure.redraw_seconds) * 1000
        between_rows.append((name, *off_grid(figure, box)))
        print(
            f"{name:<10} {len(figure.frames()):>6} {step(0, 1)} {step(1, 2)} "
            f"{step(0, 3)} {html_kb:>5.0f}kB {len(moves):>5} "
            f"{np.median(moves):>9.2f}ms {moves.max():>7.2f}ms"
        )
    print(
        "A move's time is the widget's Python handler (swap the stored PNG and code); "
        "the browser then shows a ~35 kB PNG sent over the kernel's websocket."
    )
    print(
        f"\nMoves between the positions ({OFF_GRID_MOVES} values per "
        "continuous slider, at the other sliders' initial positions); "
        "goal: median first move <= 300 ms"
    )
    print(
        f"{'figure':<10} {'moves':>5} {'median first':>12} {'(CPU)':>7} "
        f"{'max first':>9} {'median again':>12}"
    )
    for name, first, cpu, again in between_rows:
        print(
            f"{name:<10} {len(first):>5} "
            f"{np.median(first):>10.0f}ms {np.median(cpu):>5.0f}ms "
            f"{first.max():>7.0f}ms {np.median(again):>10.2f}ms"
        )
    print(
        "A first move retrains with ffnn_edu (chapters 11 and 13: the whole "
        "run, every epoch kept, so the epochs slider is free afterwards) and "
        "draws and compresses the frame."
    )


LAB_NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": "from bench_sliders import chapter9\n"
            "from ffnn_edu.show.plotting import use_book_style\n"
            "use_book_style()\nchapter9()",
        }
    ],
    "metadata": {
        "kernelspec": {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


#: How many stops each slider is moved by in JupyterLab, one key press each, and back.
LAB_STEPS = 12


def lab(chromium: str = "/usr/bin/chromium") -> None:
    """Move the sliders of chapter 13's figure in a real JupyterLab (headless Chromium).

    Each slider goes ``LAB_STEPS`` stops to the right (the dropout rate's stops between
    its positions are not drawn yet: each retrains) and as many back (all drawn before),
    one arrow key press at a time. Each move is timed from the key press on the slider
    to the moment the widget's image changes in the page, so the kernel round trip and
    the browser's update are included.
    """
    import json
    import os
    import socket
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    from playwright.sync_api import sync_playwright

    repo = Path(__file__).resolve().parents[1]
    folder = Path(tempfile.mkdtemp(prefix="bench-sliders-lab-"))
    (folder / "bench.ipynb").write_text(json.dumps(LAB_NOTEBOOK))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": f"{repo}{os.pathsep}{repo / 'bench'}"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            "--IdentityProvider.token=",
            "--ServerApp.password=",
            f"--ServerApp.root_dir={folder}",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--allow-root",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium,
                headless=True,
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                ],
            )
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(180_000)
            for _ in range(60):
                try:
                    page.goto(f"http://127.0.0.1:{port}/lab/tree/bench.ipynb")
                    break
                except Exception:  # noqa: BLE001 (server not up yet)
                    time.sleep(1)
            page.wait_for_selector(".jp-Notebook .jp-Cell")
            # The toolbar says "idle" before a kernel exists (its name then reads "No
            # Kernel"); a cell run in that moment asks for a kernel instead of running.
            page.wait_for_function(
                """() => {
              const name = document.querySelector('.jp-Toolbar-kernelName')
                ?.textContent?.trim();
              const status = document.querySelector('.jp-Notebook-ExecutionIndicator')
                ?.dataset.status;
              return !!name && name !== 'No Kernel' && status === 'idle';
            }""",
                polling=200,
            )
            page.locator(".jp-Notebook .jp-Cell .cm-content").first.click()
            started = time.perf_counter()
            page.keyboard.press("Shift+Enter")
            page.wait_for_selector(".widget-image")
            print(
                f"JupyterLab: the cell displayed the figure after "
                f"{time.perf_counter() - started:.1f} s (wall clock)"
            )
            page.evaluate("""() => { window.__changes = [];
                const img = document.querySelector('.widget-image');
                new MutationObserver(() => window.__changes.push(performance.now()))
                    .observe(img, {attributes: true, attributeFilter: ['src']}); }""")
            latencies: dict[str, list[float]] = {"ArrowRight": [], "ArrowLeft": []}
            handles = page.locator(".widget-slider .noUi-handle")
            for index in range(handles.count()):
                handle = handles.nth(index)
                stops = round(
                    float(handle.get_attribute("aria-valuemax"))
                    - float(handle.get_attribute("aria-valuemin"))
                )
                steps = min(stops, LAB_STEPS)
                for key in ["ArrowRight"] * steps + ["ArrowLeft"] * steps:
                    before = page.evaluate("window.__changes.length")
                    t0 = page.evaluate("performance.now()")
                    handle.press(key)
                    try:
                        page.wait_for_function(
                            f"window.__changes.length > {before}", timeout=5_000
                        )
                    except Exception:  # noqa: BLE001 (at an end: the key did not move it)
                        continue
                    latencies[key].append(page.evaluate("window.__changes.at(-1)") - t0)
            browser.close()
        for key, what in (
            ("ArrowRight", "to stops mostly not drawn yet (retrain and draw)"),
            ("ArrowLeft", "back to stops drawn before"),
        ):
            moves = np.array(latencies[key])
            print(
                f"JupyterLab, {len(moves)} moves {what}: median {np.median(moves):.0f} "
                f"ms, max {moves.max():.0f} ms (key press to new image in the page)"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    import sys

    main()
    if "--lab" in sys.argv[1:]:
        lab()
