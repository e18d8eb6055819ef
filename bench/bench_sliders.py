"""Time the book's slider figures: drawing every frame once, and a live slider move.

A :class:`ffnn_edu.show.sliders.SliderFigure` draws every combination of slider positions when it
is first displayed (training each network once, for all of its epochs) and keeps the frames;
the live widget then only swaps the stored PNG and code on a move. This script builds the two
slider figures of chapters 7 and 9 exactly as the chapters do, and reports

* the time to display the figure (train every setting, draw and compress every frame, build
  the widget and the static HTML twin): what the chapter's displaying cell costs;
* the time of a live move, measured inside the widget's own handler (``redraw_seconds``),
  median and maximum over every position of every slider, moved the way a reader would;
* the size of the static HTML twin, which is what the figure adds to the built page.

Run with ``make bench`` (or ``.venv/bin/python bench/bench_sliders.py``). With ``--lab`` it
also starts JupyterLab on a free local port and moves every slider of chapter 9's figure in
headless Chromium (``/usr/bin/chromium``), timing each move from key press to new image.
"""

from __future__ import annotations

import itertools
import time

import matplotlib

matplotlib.use("Agg")

import numpy as np

from ffnn_edu.experiments.overfitting import overfitting_moons
from ffnn_edu.show.plotting import use_book_style
from ffnn_edu.show.sliders import SliderFigure, training_explorer


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


def sweep(box) -> None:
    """Move each slider of a live widget through all its positions, then back to its start."""
    for control in box.children:
        if not hasattr(control, "options"):
            continue
        start = control.value
        for _label, value in control.options:
            if value != control.value:
                control.value = value
        control.value = start


def main() -> None:
    use_book_style()
    print(
        "display = train + draw + widget and HTML; wall-clock seconds (CPU seconds of this "
        "process in brackets: on a loaded machine the wall clock is longer)"
    )
    print(
        f"{'figure':<10} {'frames':>6} {'train':>13} {'draw':>13} {'display':>13} "
        f"{'html':>7} {'moves':>5} {'median move':>11} {'max move':>9}"
    )
    for name, make in (("chapter 7", chapter7), ("chapter 9", chapter9)):
        figure = make()
        clocks = [(time.perf_counter(), time.process_time())]
        figure.render.prepare(
            [
                figure._values(key)
                for key in itertools.product(*(range(len(v)) for v in figure.sliders.values()))
            ]
        )
        clocks.append((time.perf_counter(), time.process_time()))
        figure.frames()
        clocks.append((time.perf_counter(), time.process_time()))
        bundle = figure._repr_mimebundle_()  # the rest of what displaying does
        clocks.append((time.perf_counter(), time.process_time()))

        def step(a: int, b: int, clocks: list[tuple[float, float]] = clocks) -> str:
            """Wall time (CPU time) from clock ``a`` to clock ``b`` of this figure."""
            return f"{clocks[b][0] - clocks[a][0]:5.1f}s ({clocks[b][1] - clocks[a][1]:4.1f})"

        html_kb = len(bundle["text/html"].encode()) / 1024
        box = figure.widget()
        figure.redraw_seconds.clear()
        sweep(box)
        moves = np.array(figure.redraw_seconds) * 1000
        print(
            f"{name:<10} {len(figure.frames()):>6} {step(0, 1)} {step(1, 2)} {step(0, 3)} "
            f"{html_kb:>5.0f}kB "
            f"{len(moves):>5} {np.median(moves):>9.2f}ms {moves.max():>7.2f}ms"
        )
    print(
        "A move's time is the widget's Python handler (swap the stored PNG and code); the "
        "browser then shows a ~35 kB PNG sent over the kernel's websocket."
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
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


def lab(chromium: str = "/usr/bin/chromium") -> None:
    """Move every slider of chapter 9's figure in a real JupyterLab (headless Chromium).

    Each move is timed from the key press on the slider to the moment the widget's image
    changes in the page, so the kernel round trip and the browser's update are included.
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
                args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
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
              const name = document.querySelector('.jp-Toolbar-kernelName')?.textContent?.trim();
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
            latencies = []
            handles = page.locator(".widget-slider .noUi-handle")
            for index in range(handles.count()):
                handle = handles.nth(index)
                positions = round(
                    float(handle.get_attribute("aria-valuemax"))
                    - float(handle.get_attribute("aria-valuemin"))
                )
                for key in ["ArrowRight"] * positions + ["ArrowLeft"] * positions:
                    before = page.evaluate("window.__changes.length")
                    t0 = page.evaluate("performance.now()")
                    handle.press(key)
                    try:
                        page.wait_for_function(f"window.__changes.length > {before}", timeout=5_000)
                    except Exception:  # noqa: BLE001 (at an end: the key did not move it)
                        continue
                    latencies.append(page.evaluate("window.__changes.at(-1)") - t0)
            browser.close()
        moves = np.array(latencies)
        print(
            f"JupyterLab, {len(moves)} moves: median {np.median(moves):.0f} ms, "
            f"max {moves.max():.0f} ms (key press to new image in the page)"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    import sys

    main()
    if "--lab" in sys.argv[1:]:
        lab()
