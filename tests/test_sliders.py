"""Slider figures: the live widget redraws in place; the static HTML carries every frame."""
import json
import re

import matplotlib.pyplot as plt
import pytest

from ffnn_edu.datasets import two_moons
from ffnn_edu.sliders import SliderFigure, training_explorer


def _render(eta, lam=0.0):
    fig, ax = plt.subplots(figsize=(2, 1.5))
    ax.plot([0, 1], [0, eta + lam])
    ax.set_title(f"eta={eta}, lam={lam}")
    return fig


@pytest.fixture
def figure():
    return SliderFigure(_render, {"eta": [0.1, 1.0, 3.0], "lam": [0.0, 0.5]},
                        labels={"eta": "η (learning rate)", "lam": "λ"}, alt="A line")


def test_frames_are_pngs_that_differ_by_slider_value(figure):
    a, b = figure.frame(eta=0.1, lam=0.0), figure.frame(eta=3.0, lam=0.0)
    assert a.startswith(b"\x89PNG") and b.startswith(b"\x89PNG")
    assert a != b
    assert plt.get_fignums() == []          # every rendered figure is closed


def test_static_html_has_a_range_input_per_slider_and_every_frame(figure):
    page = figure.static_html()
    inputs = re.findall(r'<input type="range" min="0" max="(\d+)"[^>]*value="(\d+)"', page)
    assert inputs == [("2", "1"), ("1", "1")]   # 3 and 2 positions, starting in the middle
    assert json.loads(re.search(r"data-values='([^']*)'", page).group(1)) == ["0.1", "1", "3"]
    frames = json.loads(re.search(r"var frames=(\{.*?\});", page).group(1))
    assert sorted(frames) == [f"{i},{j}" for i in range(3) for j in range(2)]
    assert len(set(frames.values())) == 6
    assert 'alt="A line"' in page and "η (learning rate)" in page


def test_widget_redraws_the_same_image_in_place(figure):
    box = figure.widget()
    eta_slider, lam_slider, image = box.children
    before = image.value
    eta_slider.value = 3.0
    assert image.value != before and box.children[-1] is image
    lam_slider.value = 0.0
    assert len(figure.redraw_seconds) == 2
    assert image.value == figure.frame(eta=3.0, lam=0.0)


def test_mimebundle_offers_the_widget_and_the_static_twin(figure):
    bundle = figure._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"].startswith('<div class="slider-figure"')
    assert bundle["text/plain"] == "SliderFigure(eta, lam; 3 x 2 positions)"


def test_bad_slider_definitions_are_refused():
    with pytest.raises(ValueError, match="at least one value"):
        SliderFigure(_render, {"eta": []}, alt="x")
    with pytest.raises(ValueError, match="alt must describe"):
        SliderFigure(_render, {"eta": [1.0]}, alt="  ")
    with pytest.raises(ValueError, match="not one of its slider positions"):
        SliderFigure(_render, {"eta": [1.0]}, initial={"eta": 2.0}, alt="x")


def test_training_explorer_draws_boundary_and_losses_for_the_settings():
    X, y = two_moons(60, seed=0)
    render = training_explorer(X[:40], y[:40], X[40:], y[40:], epochs=20, title="Moons")
    fig = render(eta=0.5, lam=0.01, mu=0.5, dropout=0.2)
    suptitle = fig._suptitle.get_text()
    ylabels = [ax.get_ylabel() for ax in fig.axes]
    plt.close(fig)
    assert suptitle == "Moons: $\\eta$ = 0.5, $\\lambda$ = 0.01, $\\mu$ = 0.5, dropout 0.2"
    assert ylabels == ["$x_2$", "loss (binary_cross_entropy)"]
    with pytest.raises(ValueError, match="penalty must be 'l1' or 'l2'"):
        training_explorer(X, y, X, y, penalty="l3")
