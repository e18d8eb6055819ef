"""Time the page's live trainer (``book/_live/trainer.js``) in headless Chromium.

Issue 19's budget: one epoch of a 2-8-1 network on 200 points in at most 0.2 ms, so that
a live figure redraws at least 20 times a second. This script serves ``book/_live`` from
a temporary folder on 127.0.0.1, loads the trainer in Debian's Chromium
(``/usr/bin/chromium``, or ``FFNN_CHROMIUM``) and times, for the 2-8-1 tanh network with
a sigmoid output and binary cross-entropy on ``two_moons(200)``
with 50 validation points:

* an epoch of ``Trainer.epoch`` (the updates, then the training and validation loss and
  the divergence checks, as ``train`` does after every epoch), full batch and in
  minibatches of 32 with momentum and the L2 penalty, as the median
  of 15 rounds of 200 epochs;
* a frame of a live figure: the 2-60-1 network of chapter 11 on its 40 points, 4 epochs
  and a redraw of both canvases (60 x 60 decision-region grid, loss curves).

Run with ``python bench/bench_live.py``; it prints milliseconds. Not a test: timings
depend on the machine (the tests check what is computed, never how fast).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import statistics
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from ffnn_edu.experiments.overfitting import overfitting_moons
from ffnn_edu.nn.datasets import two_moons
from ffnn_edu.nn.network import FeedForwardNetwork
from ffnn_edu.show.live import LiveFigure

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("FFNN_CHROMIUM", "/usr/bin/chromium")

EPOCH_JS = """
async ([settings, initial, data, rounds, epochs]) => {
  const {Trainer} = await import('./_live/trainer.js');
  const times = [];
  for (let r = 0; r < rounds; r++) {
    const t = new Trainer({...settings, epochs: epochs + 1}, initial, data);
    const start = performance.now();
    for (let e = 0; e < epochs; e++) t.epoch(null);
    times.push((performance.now() - start) / epochs);
  }
  return times;
}
"""

REDRAW_JS = """
async (rounds) => {
  const api = document.querySelector('figure.live-figure').liveFigure;
  api.setPlaying(false);
  const t = api.trainer, times = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (let e = 0; e < 4 && !t.done; e++) t.epoch(null);
    window.dispatchEvent(new Event('resize'));    // the figure's draw(): both canvases
    times.push(performance.now() - start);
  }
  return times;
}
"""


def main() -> None:
    X, y = two_moons(250, seed=0)
    net = FeedForwardNetwork((2, 8, 1), ["tanh", "sigmoid"], seed=0)
    initial = {
        "weights": [w.tolist() for w in net.weights],
        "biases": [b.tolist() for b in net.biases],
    }
    data = {
        "X": X[:200].tolist(),
        "T": [[t] for t in y[:200]],
        "Xval": X[200:].tolist(),
        "Tval": [[t] for t in y[200:]],
    }
    base = {
        "layerSizes": [2, 8, 1],
        "activation": ["tanh", "sigmoid"],
        "loss": "binary_cross_entropy",
        "eta": 0.5,
    }
    X_train, y_train, X_test, y_test = overfitting_moons()
    fig = LiveFigure(
        X_train,
        y_train,
        X_test[:200],
        y_test[:200],
        hidden_layer_sizes=(60,),
        eta=1.0,
        lam=0.1,
        epochs=1000,
        sliders={"eta": (0.01, 100.0), "lam": (0.001, 10.0)},
    )
    with tempfile.TemporaryDirectory() as folder:
        shutil.copytree(ROOT / "book" / "_live", Path(folder) / "_live")
        (Path(folder) / "index.html").write_text(
            '<!doctype html><html data-content_root="./"><meta charset="utf-8">'
            f'<link rel="icon" href="data:,"><body>{fig._repr_html_()}</body></html>',
            encoding="utf-8",
        )
        handler = functools.partial(
            http.server.SimpleHTTPRequestHandler, directory=folder
        )
        handler.log_message = lambda *args: None
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
                )
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html")
                page.wait_for_function("document.querySelector('figure').liveFigure")
                print(f"Chromium {browser.version}; milliseconds, median of 15 rounds")
                for name, extra in (
                    ("2-8-1, 200 points, full batch (warm-up)", {}),
                    ("2-8-1, 200 points, full batch", {}),
                    (
                        "2-8-1, 200 points, batches of 32, momentum, L2",
                        {"batchSize": 32, "mu": 0.9, "penalty": "l2", "lam": 0.01},
                    ),
                ):
                    times = page.evaluate(
                        EPOCH_JS, [{**base, **extra}, initial, data, 15, 200]
                    )
                    print(
                        f"epoch, {name}: {statistics.median(times):.4f} "
                        "ms (budget 0.2 ms)"
                    )
                redraw = page.evaluate(REDRAW_JS, 30)
                print(
                    "frame of chapter 11's live figure (4 epochs of 2-60-1 on 40 "
                    f"points and both canvases): {statistics.median(redraw):.2f} ms "
                    "(20 redraws a second leave 50 ms)"
                )
                browser.close()
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
