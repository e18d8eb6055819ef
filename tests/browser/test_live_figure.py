"""Live figures (``ffnn_edu.show.live`` + ``book/_live/live_figure.js``) in Chromium.

The figures are written by Python into pages of a temporary folder beside a copy of
``book/_live/*.js`` (as the book ships them), served on 127.0.0.1; no built book is
needed. A learner's actions are played with the keyboard and the mouse: moving a slider
must retrain and redraw the picture, the code shown must be the code that reproduces the
run (it is run here, and must print the sentence the page shows at the end of the run,
diverged or not), and reset must go back to epoch 0 and stop (as Playground's does), and
Play then replay the same run; after a divergence the numbers shown are those of the
weights drawn (the ones train keeps).
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from bookbrowser import served

from ffnn_edu.experiments.overfitting import overfitting_moons
from ffnn_edu.nn.classifier import ConvergenceWarning, NetworkClassifier
from ffnn_edu.nn.datasets import two_moons
from ffnn_edu.show.live import LiveFigure

LIVE = Path(__file__).resolve().parents[2] / "book" / "_live"


def figures() -> dict[str, tuple[LiveFigure, tuple[np.ndarray, ...]]]:
    X_train, y_train, X_test, y_test = overfitting_moons()
    regularization = (X_train, y_train, X_test[:200], y_test[:200])
    X, y = two_moons(200, seed=0)
    moons = (X[:150], y[:150], X[150:], y[150:])
    return {
        # chapter 11's network, shorter
        "lam": (
            LiveFigure(
                *regularization,
                hidden_layer_sizes=(60,),
                eta=1.0,
                lam=0.1,
                epochs=60,
                sliders={"eta": (0.01, 100.0), "lam": (0.001, 10.0)},
                title="60 tanh neurons",
            ),
            regularization,
        ),
        # minibatches: the page replays numpy's orders
        "momentum": (
            LiveFigure(
                *moons,
                hidden_layer_sizes=(8,),
                eta=0.1,
                mu=0.5,
                epochs=40,
                batch_size=16,
                sliders={"eta": (0.01, 100.0), "mu": (0.0, 0.99)},
            ),
            moons,
        ),
    }


FIGURES = figures()


@pytest.fixture(scope="module")
def live_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("live-figure")
    (folder / "_live").mkdir()
    for script in LIVE.glob("*.js"):
        shutil.copy(script, folder / "_live")
    for name, (fig, _) in FIGURES.items():
        (folder / f"{name}.html").write_text(
            '<!doctype html><html lang="en" data-content_root="./"><head><meta '
            'charset="utf-8"><meta name="viewport" content="width=device-width, '
            'initial-scale=1"><link rel="icon" href="data:,">'
            f"<title>{name}</title></head><body "
            'style="margin:8px;font-family:sans-serif">'
            f"{fig._repr_html_()}</body></html>",
            encoding="utf-8",
        )
    (folder / "elsewhere").mkdir()  # a page with no _live/ beside it (as in JupyterLab)
    (folder / "elsewhere" / "lam.html").write_text(
        f"<!doctype html><meta charset='utf-8'>{FIGURES['lam'][0]._repr_html_()}",
        encoding="utf-8",
    )
    with served(folder) as url:
        yield url


@contextlib.contextmanager
def opened(
    chromium: Any, site: str, name: str, width: int = 1366, frame_ms: int | None = None
) -> Iterator[Any]:
    """The live figure ``name`` open in a new page; ``frame_ms`` slows its frames.

    A figure trains one frame's epochs per animation frame (60 a second in headless
    Chromium, so chapter 11's 60 epochs take a second); with ``frame_ms`` the page's
    animation frames come every ``frame_ms`` milliseconds instead, so that a test's
    steps between two states cannot outlast the run on a loaded machine.
    """
    context = chromium.new_context(viewport={"width": width, "height": 900})
    if frame_ms is not None:
        context.add_init_script(
            "window.requestAnimationFrame = (step) => "
            f"setTimeout(() => step(performance.now()), {frame_ms});"
            "window.cancelAnimationFrame = (id) => clearTimeout(id);"
        )
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(site) or r.url.startswith("data:")
            else problems.append(f"request outside: {r.url}")
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on(
        "console",
        lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None,
    )
    page.goto(site + f"{name}.html")
    page.wait_for_function("document.querySelector('figure.live-figure').liveFigure")
    try:
        yield page
    finally:
        context.close()
    assert not problems, problems


def run_to_end(page: Any, timeout: float = 20_000) -> str:
    page.wait_for_function(
        "document.querySelector('.live-status').textContent.length > 0", timeout=timeout
    )
    return page.inner_text(".live-status")


def python_message(code: str, data: tuple[np.ndarray, ...]) -> str:
    """Run the figure's "this setting as code"; return what it prints.

    A run that diverges (or ends far above its start) also warns, as the code would
    in a notebook, with the same sentence.
    """
    X_train, y_train, X_test, y_test = data
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always", ConvergenceWarning)
        exec(
            code,
            {
                "NetworkClassifier": NetworkClassifier,
                "X_train": X_train,
                "y_train": y_train,
                "X_test": X_test,
                "y_test": y_test,
            },
        )
    message = printed.getvalue().strip()
    warned = [str(x.message) for x in w if issubclass(x.category, ConvergenceWarning)]
    trouble = message.startswith("Training diverged") or "ended at" in message
    assert len(warned) == trouble and all(x.endswith(message) for x in warned)
    return message


CANVAS_JS = "() => [...document.querySelectorAll('canvas')].map((c) => c.toDataURL())"


def test_figure_shows_with_javascript_and_its_sliders_show_pythons_values(
    chromium, live_site
):
    for name, (fig, _) in FIGURES.items():
        with opened(chromium, live_site, name) as page:
            assert page.is_visible("figure.live-figure")
            assert page.locator(".live-fallback").count() == 0, (
                "the note without JavaScript"
            )
            assert page.inner_text(".live-code") == fig.code()
            for slider, values in fig.positions.items():
                shown = page.evaluate(
                    """([id, n]) => {
                    const el = document.getElementById(id), out = [];
                    for (let p = 0; p < n; p++) {
                        el.value = String(p);
                        el.dispatchEvent(new Event('input', {bubbles: true}));
                        out.push([el.parentElement.querySelector('output').textContent,
                                  el.getAttribute('aria-valuetext')]);
                    }
                    return out;
                }""",
                    [f"{fig.element_id()}-{slider}", len(values)],
                )
                symbol = {"eta": "η", "lam": "λ", "mu": "μ"}[slider]
                assert shown == [[f"{v:g}", f"{symbol} = {v:g}"] for v in values]


def test_a_slider_moved_by_keyboard_retrains_redraws_and_rewrites_the_code(
    chromium, live_site
):
    # 250 ms frames: the run is still playing when its button is read, however
    # loaded the machine (a clean-clone CI run saw it end first: "false")
    fig, _ = FIGURES["momentum"]
    with opened(chromium, live_site, "momentum", frame_ms=250) as page:
        before = page.evaluate(CANVAS_JS)
        eta = page.locator("#" + fig.element_id() + "-eta")
        eta.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        position = fig.start["eta"] + 2
        value = fig.positions["eta"][position]
        assert eta.get_attribute("aria-valuetext") == f"η = {value:g}"
        assert page.inner_text(f"output[for='{fig.element_id()}-eta']") == f"{value:g}"
        assert page.inner_text(".live-code") == fig.code(eta=value)
        assert page.get_attribute("[data-action=play]", "aria-pressed") == "true"
        page.wait_for_function(
            "document.querySelector('.live-epoch output').textContent > 5"
        )
        after = page.evaluate(CANVAS_JS)
        assert before[0] != after[0], "the decision regions were not redrawn"
        assert before[1] != after[1], "the loss curves were not redrawn"


@pytest.mark.parametrize(
    "name, moves",
    [("momentum", {}), ("lam", {}), ("lam", {"lam": 0}), ("momentum", {"eta": "End"})],
)
def test_the_run_ends_with_the_sentence_its_code_prints(
    chromium, live_site, name, moves
):
    fig, data = FIGURES[name]
    with opened(chromium, live_site, name) as page:
        for slider, key in moves.items():
            element = page.locator(f"#{fig.element_id()}-{slider}")
            element.focus()
            page.keyboard.press("Home" if key == 0 else key)
        if not moves:
            page.click("[data-action=play]")
        shown = run_to_end(page)
        code = page.inner_text(".live-code")
        assert shown == python_message(code, data)
        if moves.get("eta") == "End":
            assert shown.startswith("Training diverged in epoch")
            # the numbers line: the weights train keeps (and the
            # picture shows), not the blow-up
            kept = int(re.search(r"weights it had after epoch (\d+)", shown).group(1))
            h = page.evaluate(
                "document.querySelector('figure').liveFigure.trainer.history"
            )
            assert len(h["trainLoss"]) > kept + 1, (
                "the history goes on past the weights kept"
            )
            assert page.inner_text(".live-numbers") == (
                f"weights of epoch {kept}: training loss "
                f"{h['trainLoss'][kept]:.4g}, test loss {h['valLoss'][kept]:.4g}, "
                f"test accuracy {h['valAccuracy'][kept]:.3g}"
            )
        else:
            assert shown.startswith(f"Trained for {fig.epochs} epochs")
            assert page.inner_text(".live-epoch output") == str(fig.epochs)


#: The lowest pixel of the loss curves (the only coloured strokes of the loss canvas
#: but its legend) in each of some columns, in CSS pixels from the top.
CURVE_BOTTOMS_JS = """(columns) => {
  const canvas = document.querySelectorAll('canvas')[1];
  const ratio = canvas.width / canvas.clientWidth;
  const data = canvas.getContext('2d').getImageData(
    0, 0, canvas.width, canvas.height).data;
  const coloured = (x, y) => {
    const rgb = data.slice(4 * (y * canvas.width + x), 4 * (y * canvas.width + x) + 3);
    return Math.max(...rgb) - Math.min(...rgb) > 60;
  };
  return columns.map((c) => {
    const x = Math.round(c * ratio);
    for (let y = canvas.height - 1; y >= 0; y--) if (coloured(x, y)) return y / ratio;
    return null;
  });
}"""


#: Whether each column's top edge of the loss plot's box (y = 10 CSS px in
#: live_figure.js) is drawn: some pixel of rows 9 to 11 darker than white.
FRAME_TOP_JS = """(columns) => {
  const canvas = document.querySelectorAll('canvas')[1];
  const ratio = canvas.width / canvas.clientWidth;
  const data = canvas.getContext('2d').getImageData(
    0, 0, canvas.width, canvas.height).data;
  return columns.map((c) => {
    const x = Math.round(c * ratio);
    let darkest = 255;
    for (let y = Math.floor(9 * ratio); y <= Math.ceil(11 * ratio); y++) {
      darkest = Math.min(darkest, data[4 * (y * canvas.width + x)]);
    }
    return darkest < 240;
  });
}"""


def test_the_loss_plots_box_stays_solid_after_the_dashed_test_loss(chromium, live_site):
    """The test loss's dashes carried over to the box of the next frame, so its top
    edge read as a dashed test loss at the top of the axis (a reader's stumble)."""
    with opened(chromium, live_site, "momentum") as page:
        page.click("[data-action=play]")
        run_to_end(page)
        width = page.evaluate("document.querySelectorAll('canvas')[1].clientWidth")
        columns = list(range(int(width / 2), int(width / 2) + 40))
        assert all(page.evaluate(FRAME_TOP_JS, columns))


def test_the_loss_axis_grows_to_hold_a_diverging_runs_losses(chromium, live_site):
    # a run whose loss passes ten times its start: with the axis fixed at
    # fig.loss_limit its curve left the picture after the first epoch
    fig, _ = FIGURES["momentum"]
    with opened(chromium, live_site, "momentum") as page:
        page.locator(f"#{fig.element_id()}-eta").focus()
        page.keyboard.press("End")
        assert run_to_end(page).startswith("Training diverged")
        h = page.evaluate("document.querySelector('figure').liveFigure.trainer.history")
        top_loss = max([fig.loss_limit, *h["trainLoss"], *h["valLoss"]])
        assert top_loss > 5 * fig.loss_limit
        # the height the page drew at (the flex row may stretch the canvas on screen)
        height = page.evaluate(
            "(c => c.height * c.clientWidth / c.width)"
            "(document.querySelectorAll('canvas')[1])"
        )
        left, top, bottom = 52, 10, height - 30  # the plot's box in live_figure.js
        # epoch 0 is drawn at the left edge of the box, at the height of its loss on
        # an axis from 0 to the highest loss of the run (the slip: the fixed axis)
        first = min(h["trainLoss"][0], h["valLoss"][0])
        start = top + (bottom - top) * (1 - first / top_loss)
        near_start = page.evaluate(CURVE_BOTTOMS_JS, [left - 1, left, left + 1])
        lowest = max(y for y in near_start if y is not None)
        assert lowest == pytest.approx(start, abs=3)


def test_reset_goes_back_to_epoch_0_and_stops_and_play_replays_the_same_run(
    chromium, live_site
):
    with opened(chromium, live_site, "momentum") as page:
        page.click("[data-action=play]")
        run_to_end(page)
        first = page.evaluate(
            "document.querySelector('figure').liveFigure.trainer.history"
        )
        page.click("[data-action=reset]")
        assert page.inner_text(".live-status") == ""
        page.wait_for_timeout(300)
        assert page.inner_text(".live-epoch output") == "0", (
            "reset must not start playing"
        )
        assert page.get_attribute("[data-action=play]", "aria-pressed") == "false"
        assert page.inner_text("[data-action=play]") == "Play"
        page.click("[data-action=play]")
        second_status = run_to_end(page)
        second = page.evaluate(
            "document.querySelector('figure').liveFigure.trainer.history"
        )
        assert first == second and second_status
        assert len(second["trainLoss"]) == FIGURES["momentum"][0].epochs + 1


def test_pause_stops_the_epoch_counter(chromium, live_site):
    # 250 ms frames: 60 epochs take 15 s, so the run is still playing when the key is
    # pressed, however loaded the machine (at 60 frames a second it could end first,
    # and the key then started a new run: a clean-clone run saw the counter go 2 -> 8)
    with opened(chromium, live_site, "lam", frame_ms=250) as page:
        page.click("[data-action=play]")
        page.wait_for_function(
            "document.querySelector('.live-epoch output').textContent > 3"
        )
        page.keyboard.press("Tab")  # the button keeps working from the keyboard too
        page.focus("[data-action=play]")
        assert page.get_attribute("[data-action=play]", "aria-pressed") == "true"
        page.keyboard.press("Enter")
        stopped = page.inner_text(".live-epoch output")
        assert 3 < int(stopped) < 60
        page.wait_for_timeout(300)
        assert page.inner_text(".live-epoch output") == stopped
        assert page.get_attribute("[data-action=play]", "aria-pressed") == "false"
        assert page.inner_text("[data-action=play]") == "Play"


def test_legible_on_a_phone(chromium, live_site):
    with opened(chromium, live_site, "lam", width=390) as page:
        sizes = page.evaluate("""() => ({
            page: document.documentElement.scrollWidth,
            canvases: [...document.querySelectorAll('canvas')].map(
                (c) => c.getBoundingClientRect().width),
            inputs: [...document.querySelectorAll('input[type=range]')].map(
                (c) => c.getBoundingClientRect().right),
            font: parseFloat(
              getComputedStyle(document.querySelector('.live-numbers')).fontSize),
        })""")
        assert sizes["page"] <= 390, "the figure must not make the page scroll sideways"
        assert all(250 <= w <= 390 for w in sizes["canvases"])
        assert all(right <= 390 for right in sizes["inputs"])
        assert sizes["font"] >= 14


def test_without_javascript_a_sentence_stands_in_for_the_figure(chromium, live_site):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_site + "lam.html")
        assert not page.is_visible("figure.live-figure")
        assert page.inner_text(".live-fallback").startswith(
            "A live figure belongs here"
        )
    finally:
        context.close()


def test_where_the_scripts_cannot_be_found_the_sentence_stays(chromium, live_site):
    context = chromium.new_context()
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(live_site + "elsewhere/lam.html")
        page.wait_for_timeout(500)
        assert not page.is_visible("figure.live-figure")
        assert page.inner_text(".live-fallback").startswith(
            "A live figure belongs here"
        )
        assert not errors, "a failed import must not raise in the page"
    finally:
        context.close()
