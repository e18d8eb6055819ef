"""Slider figures: frames drawn once, swapped by the live widget, in static HTML."""

import base64
import io
import json
import re
import warnings
from html.parser import HTMLParser

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from ffnn_edu import FeedForwardNetwork, gradient_check
from ffnn_edu.nn import datasets as D
from ffnn_edu.nn.classifier import NetworkClassifier
from ffnn_edu.nn.datasets import two_moons
from ffnn_edu.nn.validation import UnknownNameError
from ffnn_edu.show.plotting import WEB_BOOK_ENV
from ffnn_edu.show.sliders import MAX_FRAMES, SliderFigure, training_explorer

from helpers import (
    HIDDEN_LAYER_SIZES_BEYOND_THE_LIMITS,
    SETTINGS_FIT_REFUSES,
    raises,
    raises_all,
)

CALLS = []


def _render(eta, lam=0.0):
    CALLS.append((eta, lam))
    fig, ax = plt.subplots(figsize=(2, 1.5))
    ax.plot([0, 1], [0, eta + lam])
    ax.set_title(f"eta={eta}, lam={lam}")
    return fig


@pytest.fixture
def figure():
    return SliderFigure(
        _render,
        {"eta": [0.1, 1.0, 3.0], "lam": [0.0, 0.5]},
        code="train(eta={eta}, lam={lam})",
        labels={"eta": "η (learning rate)", "lam": "λ"},
        alt="A line",
    )


class _Page(HTMLParser):
    """Collects start tags, ids and each element's text; fails on unbalanced tags."""

    VOID = frozenset({"input", "img", "br", "meta", "link"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.tags, self.ids, self.text = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if dict(attrs).get("id"):
            self.ids.append(dict(attrs)["id"])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (
            f"</{tag}> closes {self.stack[-1:]}"
        )
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(page):
    parser = _Page()
    parser.feed(page)
    parser.close()
    assert parser.stack == [], f"unclosed elements {parser.stack}"
    return parser


def script_data(page, name):
    return json.loads(re.search(rf"var {name}=(\{{.*?\}});", page).group(1))


def test_frames_are_pngs_drawn_when_first_asked_for_and_never_again(figure):
    CALLS.clear()
    a, b = figure.frame(eta=0.1, lam=0.0), figure.frame(eta=3.0, lam=0.0)
    assert a.startswith(b"\x89PNG") and b.startswith(b"\x89PNG")
    assert a != b
    assert CALLS == [(0.1, 0.0), (3.0, 0.0)]  # only the frames asked for
    assert figure.is_drawn(eta=3.0, lam=0.0) and not figure.is_drawn(eta=1.0, lam=0.5)
    figure.static_html()
    assert len(CALLS) == 6  # every combination, once
    figure.frame(eta=1.0, lam=0.5)
    assert len(CALLS) == 6  # ... and never again
    assert list(figure.frames()) == [(i, j) for i in range(3) for j in range(2)]
    assert plt.get_fignums() == []  # every rendered figure is closed


def test_frames_are_drawn_at_twice_the_shown_density(figure):
    import io

    from PIL import Image

    page = figure.static_html()
    png = Image.open(io.BytesIO(figure.frame(eta=0.1, lam=0.0)))
    img = [attrs for tag, attrs in parse(page).tags if tag == "img"][0]
    assert png.size == (2 * int(img["width"]), 2 * int(img["height"]))
    assert png.mode == "P"  # a palette image: small


def test_static_html_has_a_range_input_per_slider_every_frame_and_every_code(figure):
    page = figure.static_html()
    inputs = [attrs for tag, attrs in parse(page).tags if tag == "input"]
    assert [(a["max"], a["value"]) for a in inputs] == [("2", "1"), ("1", "1")]
    assert json.loads(inputs[0]["data-values"]) == ["0.1", "1", "3"]
    # a screen reader announces the value, not the position
    assert [a["aria-valuetext"] for a in inputs] == ["1", "0.5"]
    frames, codes = script_data(page, "frames"), script_data(page, "codes")
    assert (
        sorted(frames)
        == sorted(codes)
        == [f"{i},{j}" for i in range(3) for j in range(2)]
    )
    assert len(set(frames.values())) == 6
    assert codes["2,0"] == "train(eta=3.0, lam=0.0)"
    assert 'alt="A line"' in page and "η (learning rate)" in page
    assert "<code>train(eta=1.0, lam=0.5)</code>" in page  # the initial setting's code


def test_two_identical_figures_get_different_ids_that_stay_the_same_between_runs():
    make = lambda: SliderFigure(
        _render, {"eta": [0.1, 1.0]}, code="eta={eta}", alt="Same"
    )
    first, second = make(), make()
    a, b = first.static_html(), second.static_html()
    ids = parse(a + b).ids
    assert len(ids) == 2 and ids[0] != ids[1]
    assert ids[0].split("-")[2] == ids[1].split("-")[2]  # same content hash
    assert f"getElementById({json.dumps(ids[0])})" in a
    assert first.element_id() == ids[0]  # deterministic


def test_labels_values_alt_and_code_are_escaped():
    nasty = "a \"quoted\" <b>bold</b> & 'single'"
    figure = SliderFigure(
        lambda mode: _render(1.0),
        {"mode": ['x"<y', "</script>&"]},
        code=lambda mode: f"print({mode!r}) # </script><!-- & {nasty}",
        labels={"mode": nasty},
        alt=nasty,
    )
    page = figure.static_html()
    parsed = parse(page)
    label_input = [attrs for tag, attrs in parsed.tags if tag == "input"][0]
    assert label_input["aria-label"] == nasty
    assert label_input["aria-valuetext"] == "</script>&"  # the initial position
    assert json.loads(label_input["data-values"]) == ['x"<y', "</script>&"]
    assert [attrs for tag, attrs in parsed.tags if tag == "img"][0]["alt"] == nasty
    assert nasty in "".join(parsed.text)  # label text and code
    script = page[page.index("<script>") + len("<script>") : page.rindex("</script>")]
    assert "</" not in script and "<!--" not in script
    codes = script_data(page, "codes")
    assert codes["1"] == f"print('</script>&') # </script><!-- & {nasty}"


def test_code_must_fit_the_sliders():
    with pytest.raises(ValueError, match=r"code must be a str\.format template"):
        SliderFigure(_render, {"eta": [1.0]}, code="train(eta={rate})", alt="x")
    with pytest.raises(ValueError, match="code must produce non-empty text"):
        SliderFigure(_render, {"eta": [1.0]}, code=lambda eta: "", alt="x")


def test_render_prepare_is_called_once_with_every_setting():
    seen = []

    def render(eta):
        return _render(eta)

    render.prepare = seen.append
    figure = SliderFigure(render, {"eta": [0.1, 1.0]}, code="{eta}", alt="x")
    figure.frame(eta=1.0)  # one frame: prepared with every setting, as all are
    figure.static_html()
    assert seen == [[{"eta": 0.1}, {"eta": 1.0}]]


def test_widget_draws_a_setting_once_then_swaps_its_frame_and_code_in_place(figure):
    CALLS.clear()
    box = figure.widget()
    eta_slider, lam_slider, image, code = box.children
    assert CALLS == [(1.0, 0.5)]  # the initial setting only
    before = image.value
    eta_slider.value = 3.0
    assert image.value != before and box.children[2] is image
    lam_slider.value = 0.0
    assert CALLS[1:] == [(3.0, 0.5), (3.0, 0.0)]  # each drawn when first reached
    eta_slider.value = 1.0
    lam_slider.value = 0.5
    eta_slider.value = 3.0
    assert len(CALLS) == 4  # (1.0, 0.0) is new; the others are swapped in
    assert len(figure.redraw_seconds) == 5
    assert image.value == figure.frame(eta=3.0, lam=0.5)
    assert code.value.endswith("<code>train(eta=3.0, lam=0.5)</code></pre>")


def test_mimebundle_for_the_web_book_offers_the_widget_and_every_frame(
    figure, monkeypatch
):
    monkeypatch.setenv(WEB_BOOK_ENV, "1")
    CALLS.clear()
    bundle = figure._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"] == figure.static_html()
    assert len(CALLS) == 6
    assert bundle["text/plain"] == "SliderFigure(eta, lam; 3 x 2 positions)"


def test_mimebundle_elsewhere_draws_and_shows_only_the_initial_setting(
    figure, monkeypatch
):
    monkeypatch.delenv(WEB_BOOK_ENV, raising=False)
    CALLS.clear()
    bundle = figure._repr_mimebundle_()
    assert CALLS == [(1.0, 0.5)]
    assert "application/vnd.jupyter.widget-view+json" in bundle
    page = parse(bundle["text/html"])
    assert [tag for tag, _ in page.tags if tag in ("input", "script")] == []
    (img,) = [attrs for tag, attrs in page.tags if tag == "img"]
    assert img["alt"] == "A line"
    shown = base64.b64decode(img["src"].split(",", 1)[1])
    assert shown == figure.frame(eta=1.0, lam=0.5)
    text = "".join(page.text)
    assert "η (learning rate) = 1, λ = 0.5" in text
    assert "train(eta=1.0, lam=0.5)" in text


def test_bad_slider_definitions_are_refused():
    with pytest.raises(ValueError, match="at least one value"):
        SliderFigure(_render, {"eta": []}, code="x", alt="x")
    with pytest.raises(ValueError, match="alt must describe"):
        SliderFigure(_render, {"eta": [1.0]}, code="x", alt="  ")
    with pytest.raises(ValueError, match="not one of its slider positions"):
        SliderFigure(_render, {"eta": [1.0]}, code="x", initial={"eta": 2.0}, alt="x")


@pytest.fixture(scope="module")
def moons():
    X, y = two_moons(80, noise=0.3, seed=0)
    return X[:40], y[:40], X[40:], y[40:]


def test_training_explorer_code_names_the_test_data_it_was_given(moons):
    """Chapter 11 shows the first 200 test points; its code said (X_test, y_test)."""
    plain = training_explorer(*moons, epochs=5)
    assert plain.code(lam=0.1).endswith("validation_data=(X_test, y_test))")
    part = training_explorer(*moons, epochs=5, test_code="(X_test[:40], y_test[:40])")
    assert part.code(lam=0.1).endswith("validation_data=(X_test[:40], y_test[:40]))")
    with pytest.raises(TypeError, match="test_code must be a str such as"):
        training_explorer(*moons, epochs=5, test_code=("X_test", "y_test"))


def test_training_explorer_titles_frames_with_the_sliders_it_was_given(moons):
    explorer = training_explorer(*moons, epochs=30, eta=1.0, title="Moons")
    fig = explorer(dropout=0.0, epochs=30)
    suptitle, ylabels = fig.texts[0].get_text(), [ax.get_ylabel() for ax in fig.axes]
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    plt.close(fig)
    assert (
        suptitle == "Moons\ndropout rate p = 0, 30 epochs"
    )  # two lines: narrow figure
    assert ylabels == ["$x_2$", "cross-entropy loss"]
    assert legend == [
        "training, class 0",
        "training, class 1",
        "test, class 0",
        "test, class 1",
    ]
    with pytest.raises(ValueError, match="penalty must be 'l1' or 'l2'"):
        training_explorer(*moons, penalty="l3")
    with pytest.raises(ValueError, match="the explorer got an unknown slider 'rate'"):
        explorer(rate=0.1)
    with pytest.raises(ValueError, match="unknown slider 'etaa'") as caught:
        explorer(etaa=0.5)
    message = str(caught.value)
    assert message.endswith("; did you mean 'eta'?") and "[" not in message


def test_training_explorer_prepare_refuses_an_iterator_and_too_many_settings(moons):
    """Issue 16: prepare read its settings twice, and a generator was used up by the
    first reading: nothing was trained and the loss axis was left at 0. More settings
    than MAX_FRAMES are refused before any is trained."""
    explorer = training_explorer(*moons, epochs=5)
    with pytest.raises(TypeError, match=r"^settings must be a list of dicts"):
        explorer.prepare({"lam": lam} for lam in (0.0, 0.1))
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        explorer.prepare([{"lam": 0.0}] * 201)
    assert str(refused.value) == (
        "this would make 201 training runs, one per setting, more than MAX_FRAMES = 200"
    )
    assert explorer.loss_limit is None


def test_training_explorer_frames_share_one_loss_axis(moons):
    explorer = training_explorer(*moons, epochs=40, eta=1.0)
    settings = [{"lam": lam} for lam in (0.0, 0.1, 3.0)]
    explorer.prepare(settings)
    limits = []
    for values in settings:
        fig = explorer(**values)
        limits.append((fig.axes[1].get_ylim(), fig.axes[1].get_xlim()))
        plt.close(fig)
    assert limits[0] == limits[1] == limits[2]
    highest = max(
        max(
            *explorer.run(**v).classifier.history_.val_loss,
            *explorer.run(**v).classifier.history_.train_loss,
        )
        for v in settings
    )
    assert highest <= limits[0][0][1] < 1.2 * highest


def test_training_explorer_code_reproduces_each_epoch_snapshot(moons):
    explorer = training_explorer(*moons, epochs=60, eta=1.0, batch_size=10, seed=2)
    run = explorer.run(dropout=0.2, epochs=60)
    code = explorer.code(dropout=0.2, epochs=20)
    assert "dropout=0.2" in code and "epochs=20" in code and "batch_size=10" in code
    X_train, y_train, X_test, y_test = moons
    namespace = {
        "NetworkClassifier": NetworkClassifier,
        "X_train": X_train,
        "y_train": y_train,
        "X_test": X_test,
        "y_test": y_test,
    }
    exec(code, namespace)
    retrained = namespace["clf"].network_.forward(X_test)
    assert np.allclose(run.network(20).forward(X_test), retrained, atol=1e-10)
    assert not np.allclose(run.network(60).forward(X_test), retrained, atol=1e-3)


def test_training_explorer_trains_with_the_optimizer_it_is_given(moons):
    """An explorer over eta with Adam: its classifier, its code and its run use Adam."""
    explorer = training_explorer(*moons, epochs=15, optimizer="adam", batch_size=10)
    run = explorer.run(eta=0.01)
    assert run.classifier.optimizer == "adam"
    code = explorer.code(eta=0.01)
    assert 'optimizer="adam"' in code
    X_train, y_train, X_test, y_test = moons
    namespace = {"NetworkClassifier": NetworkClassifier, "X_train": X_train}
    namespace.update(y_train=y_train, X_test=X_test, y_test=y_test)
    exec(code, namespace)
    assert namespace["clf"].history_.train_loss == run.classifier.history_.train_loss
    plain = training_explorer(*moons, epochs=15, batch_size=10).run(eta=0.01)
    assert plain.classifier.history_.train_loss != run.classifier.history_.train_loss
    assert "optimizer" not in training_explorer(*moons).code(eta=0.01)
    with pytest.raises(ValueError, match=r"^optimizer must be one of gradient_descent"):
        training_explorer(*moons, optimizer="sgd")


@pytest.fixture
def net():
    return FeedForwardNetwork((2, 3, 1), seed=0)


def test_gradient_check_and_sliders_check_their_arguments(net):
    with pytest.raises(ValueError, match=r"eps, the step relative.*must be > 0"):
        gradient_check(net, np.zeros((1, 2)), [[0.0]], eps=0)
    with pytest.raises(ValueError, match="alt must describe the figure"):
        SliderFigure(lambda eta: None, {"eta": [1]}, code="{eta}", alt=" ")
    with pytest.raises(ValueError, match="at least one value for every slider"):
        SliderFigure(lambda eta: None, {"eta": []}, code="{eta}", alt="x")
    with pytest.raises(ValueError, match="initial value 5 for 'eta' is not one of"):
        SliderFigure(
            lambda eta: None, {"eta": [1, 2]}, code="{eta}", initial={"eta": 5}, alt="x"
        )


def _render_empty_axes(eta):
    fig, _ = plt.subplots(figsize=(1, 1))
    return fig


# --- SliderFigure ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs,error,part",
    [
        (
            dict(sliders={"eta": 0.5}),
            TypeError,
            "sliders['eta'] must be a list of slider positions",
        ),
        (
            dict(sliders={"eta": "abc"}),
            TypeError,
            "sliders['eta'] must be a list of slider positions",
        ),
        (dict(sliders={1: [1, 2]}), TypeError, "every slider name must be a str"),
        (dict(sliders={"eta": [1, 1.0, 2]}), ValueError, "must not repeat a position"),
        (dict(labels=["a"]), TypeError, "labels must be a dict"),
        (dict(initial=[1]), TypeError, "initial must be a dict"),
        (
            dict(initial={"mu": 1}),
            ValueError,
            "SliderFigure(initial=...) got an unknown slider 'mu'; the only slider "
            "is eta",
        ),
        (
            dict(labels={"mu": "μ"}),
            ValueError,
            "SliderFigure(labels=...) got an unknown slider 'mu'; the only slider is "
            "eta",
        ),
    ],
)
def test_slider_figure_checks_its_arguments(kwargs, error, part):
    args = dict(sliders={"eta": [1, 2]}, code="{eta}", alt="x") | kwargs
    raises_all(error, part, call=lambda: SliderFigure(_render_empty_axes, **args))


@pytest.fixture(scope="module")
def moons_60():
    return D.two_moons(60, seed=0)


@pytest.mark.parametrize("epochs", [0, -5])
def test_explorer_refuses_fewer_than_one_epoch(moons_60, epochs):
    X, y = moons_60
    explorer = training_explorer(X[:40], y[:40], X[40:], y[40:], epochs=5)
    raises_all(
        ValueError,
        "epochs must be an integer >= 1",
        call=lambda: explorer(eta=0.5, epochs=epochs),
    )
    raises_all(
        ValueError,
        "epochs must be an integer >= 1",
        call=lambda: training_explorer(X[:40], y[:40], X[40:], y[40:], epochs=epochs),
    )


@pytest.mark.parametrize("seed,flip", [(0, False), (1, True), (2, False)])
def test_explorer_title_shows_the_classifiers_test_accuracy(seed, flip):
    X, y = D.two_moons(60, seed=seed)
    y = 1 - y if flip else y
    explorer = training_explorer(X[:40], y[:40], X[40:], y[40:], epochs=20, seed=seed)
    title = explorer(eta=0.5).axes[0].get_title()
    clf = explorer.run(eta=0.5).classifier
    assert title == f"Decision boundary (test accuracy {clf.score(X[40:], y[40:]):.2f})"


def _strings(y):
    return np.where(y == 1, "a", "b")


@pytest.mark.parametrize(
    "change,error,part",
    [
        (
            dict(y_train=lambda y: y + 1),
            ValueError,
            "y_train must hold the labels 0 and 1 (the explorer shades the probability "
            "of class 1), but it contains 2.0",
        ),
        (
            dict(y_test=lambda y: y + 1),
            ValueError,
            "y_test must hold the labels 0 and 1",
        ),
        (
            dict(y_train=lambda y: np.arange(len(y)) % 3),
            ValueError,
            "y_train must hold the labels 0 and 1",
        ),
        (dict(y_train=_strings), TypeError, "y_train must hold the labels 0 and 1"),
        (
            dict(X_train=lambda X: np.c_[X, X[:, 0]]),
            ValueError,
            "X_train must hold 2-D points, shape (n, 2)",
        ),
        (dict(X_test=lambda X: X[:, 0]), ValueError, "X_test must have 2 dimension(s)"),
        (
            dict(y_train=lambda y: y[:5]),
            ValueError,
            "y_train must hold one label per row of X_train",
        ),
    ],
)
def test_explorer_checks_its_data(moons_60, change, error, part):
    X, y = moons_60
    data = dict(X_train=X[:40], y_train=y[:40], X_test=X[40:], y_test=y[40:])
    data = {k: change[k](v) if k in change else v for k, v in data.items()}
    raises_all(error, part, call=lambda: training_explorer(**data, epochs=3))


@pytest.mark.parametrize(
    "settings,error,part",
    [
        (dict(hidden_layer_sizes=30), TypeError, "write (30,) for one hidden layer"),
        (dict(resolution=1), ValueError, "resolution must be an integer >= 2"),
        (dict(title=None), TypeError, "title must be a str"),
    ],
)
def test_explorer_checks_its_settings(moons_60, settings, error, part):
    X, y = moons_60
    raises_all(
        error,
        part,
        call=lambda: training_explorer(X[:40], y[:40], X[40:], y[40:], **settings),
    )


@pytest.mark.parametrize(
    "kwargs,error,part",
    [
        (dict(fig=None), TypeError, "fig must be a matplotlib Figure"),
        (dict(colors=1000), ValueError, "colors must be at most 256"),
        (dict(colors=1), ValueError, "colors must be an integer >= 2"),
        (dict(dpi=0), ValueError, "dpi must be an integer >= 1"),
    ],
)
def test_figure_png_checks_its_arguments(kwargs, error, part):
    from matplotlib.figure import Figure

    from ffnn_edu.show.sliders import figure_png

    args = dict(fig=Figure(figsize=(1, 1))) | kwargs
    raises_all(error, part, call=lambda: figure_png(**args))


def _render_blank_figure(a):
    return Figure(figsize=(1, 1))


def _slider(**changes):
    arguments = dict(sliders={"a": [1, 2]}, code="a={a}", alt="x") | changes
    return SliderFigure(_render_blank_figure, **arguments)


# --- slider figures -------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes,error,name",
    [
        (dict(alt=None), TypeError, "alt"),
        (dict(alt=5), TypeError, "alt"),
        (dict(dpi=0), ValueError, "dpi"),
        (dict(dpi="a"), TypeError, "dpi"),
        (dict(density=2.7), TypeError, "density"),
        (dict(density=0), ValueError, "density"),
        (dict(code="{a.foo}"), ValueError, "code"),
        (dict(code="{a:q}"), ValueError, "code"),
        (dict(sliders=[1, 2]), TypeError, "sliders"),
    ],
)
def test_slider_figure_names_a_bad_argument(changes, error, name):
    raises(error, name, lambda: _slider(**changes))


def test_slider_figure_frames_and_render():
    figure = _slider()
    raises(ValueError, "a=5 is not one of the positions", lambda: figure.frame(a=5))
    raises(ValueError, "missing a", lambda: figure.frame())
    raises(ValueError, "unknown b", lambda: figure.frame(a=1, b=2))
    assert figure.frame(a=1)[:4] == b"\x89PNG"
    nothing = SliderFigure(lambda a: None, {"a": [1]}, code="{a}", alt="x")
    raises(TypeError, "render must return a matplotlib Figure", nothing.static_html)
    raises(
        TypeError,
        "render must be a function",
        lambda: SliderFigure(5, {"a": [1]}, code="{a}", alt="x"),
    )


# --- values between the positions, in the live widget ---------------------------------


def test_float_sliders_are_continuous_on_the_scale_of_their_positions():
    from ffnn_edu.show.sliders import inferred_scale, live_positions

    assert inferred_scale([0.0, 0.03, 0.1, 0.3, 1.0, 3.0]) == "log"  # chapter 11's λ
    assert inferred_scale([0.003, 0.03, 0.1, 0.3]) == "log"  # chapter 12's η
    assert inferred_scale([0.0, 0.5, 0.9]) == "linear"  # chapter 12's μ
    # chapter 13's rate
    assert inferred_scale([0.0, 0.1, 0.2, 0.3, 0.4, 0.5]) == "linear"
    assert inferred_scale([100, 300, 1000]) == "grid"  # epochs stay on their grid
    lams = live_positions([0.0, 0.03, 0.1, 0.3, 1.0, 3.0], "log")
    assert lams[:4] == [0.0, 0.03, 0.033, 0.036] and lams[-2:] == [2.7, 3.0]
    assert len(lams) == 50 and {0.1, 0.3, 1.0} <= set(lams)
    rates = live_positions([0.0, 0.1, 0.2, 0.3, 0.4, 0.5], "linear")
    assert rates == [i / 100 for i in range(51)]
    assert live_positions([100, 300, 1000], "grid") == [100, 300, 1000]


def test_a_linear_slider_makes_at_most_max_live_stops_between_its_positions():
    """Issue 16 (E): positions 0, 1e-10 and 1 asked for a stop every 1e-11, 1e11 of
    them, and SliderFigure.widget() (and so displaying the figure) never returned."""
    from ffnn_edu.show.sliders import MAX_LIVE_STOPS, live_positions

    stops = live_positions([0.0, 1e-10, 1.0], "linear")
    assert len(stops) == MAX_LIVE_STOPS + 2  # 0, 0.001, ..., 1 and the position 1e-10
    assert stops[:4] == [0.0, 1e-10, 0.001, 0.002] and stops[-1] == 1.0
    assert stops == sorted(stops)


def test_widget_slider_stops_between_positions_of_a_continuous_parameter(figure):
    box = figure.widget()
    eta_slider, lam_slider = box.children[:2]
    assert figure.scales == {"eta": "log", "lam": "linear"}
    assert [v for _, v in lam_slider.options] == [0.0, 0.1, 0.2, 0.3, 0.4, 0.5]
    assert [label for label, _ in eta_slider.options][:3] == ["0.1", "0.11", "0.12"]
    assert not eta_slider.continuous_update  # a stop that retrains: only where let go
    grid_only = _slider().widget().children[0]
    assert [v for _, v in grid_only.options] == [1, 2] and grid_only.continuous_update


def test_a_value_between_positions_is_drawn_for_that_value_and_kept(figure):
    box = figure.widget()
    eta_slider, _lam_slider, image, code = box.children
    figure.frames()
    CALLS.clear()
    eta_slider.value = 0.47  # between the positions 0.1 and 1.0
    assert CALLS == [(0.47, 0.5)]  # drawn for that value (λ at its initial 0.5)
    assert code.value.endswith("<code>train(eta=0.47, lam=0.5)</code></pre>")
    between = bytes(image.value)
    assert between.startswith(b"\x89PNG")
    assert between not in (
        figure.frame(eta=0.1, lam=0.5),
        figure.frame(eta=1.0, lam=0.5),
    )
    eta_slider.value = 1.0  # a position: its frame drawn beforehand
    assert image.value == figure.frame(eta=1.0, lam=0.5) and len(CALLS) == 1
    eta_slider.value = 0.47  # drawn before: shown without drawing again
    assert image.value == between and len(CALLS) == 1
    assert figure.is_drawn(eta=0.47, lam=0.5) and not figure.is_drawn(eta=0.51, lam=0.5)
    # any value, not only the stops
    assert figure.frame(eta=0.2, lam=0.25)[:4] == b"\x89PNG"
    assert CALLS[-1] == (0.2, 0.25) and len(figure.redraw_seconds) == 3


def test_the_static_twin_keeps_only_the_positions(figure):
    before = figure.static_html()
    figure.frame(eta=0.47, lam=0.25)
    assert figure.static_html() == before
    assert sorted(script_data(before, "frames")) == [
        f"{i},{j}" for i in range(3) for j in range(2)
    ]


@pytest.mark.parametrize(
    "values,error,message",
    [
        (
            dict(eta="fast", lam=0.0),
            TypeError,
            "the slider 'eta' takes a number from 0.1 to 3",
        ),
        (
            dict(eta=0.5, lam=None),
            TypeError,
            "the slider 'lam' takes a number from 0 to 0.5",
        ),
        (
            dict(eta=5.0, lam=0.0),
            ValueError,
            "the slider 'eta' goes from 0.1 to 3, but got eta=5.0",
        ),
        # fresh review (issue 16): not 401 digits
        (
            dict(eta=10**400, lam=0.0),
            ValueError,
            "the slider 'eta' goes from 0.1 to 3, but got eta=1e+400",
        ),
        (dict(eta=0.05, lam=0.0), ValueError, "the slider 'eta' goes from 0.1 to 3"),
        (dict(eta=1.0, lam=-0.1), ValueError, "the slider 'lam' goes from 0 to 0.5"),
        (
            dict(eta=float("nan"), lam=0.0),
            ValueError,
            "the slider 'eta' goes from 0.1 to 3",
        ),
        (
            dict(eta=1.0, lam=False),
            TypeError,
            "the slider 'lam' takes one of its positions",
        ),
        (dict(eta=1.0), ValueError, "missing lam"),
    ],
)
def test_a_bad_value_for_a_continuous_slider_is_refused_naming_the_slider(
    figure, values, error, message
):
    CALLS.clear()
    with pytest.raises(error, match=re.escape(message)):
        figure.frame(**values)
    # nothing drawn for it (at most the positions)
    assert CALLS == [] or len(CALLS) == 6


def test_a_grid_slider_refuses_values_between_its_positions():
    figure = _slider()  # integer positions 1, 2: a grid
    assert figure.scales == {"a": "grid"}
    raises(
        ValueError,
        "a=1.5 is not one of the positions of the slider 'a'",
        lambda: figure.frame(a=1.5),
    )
    floats = _slider(sliders={"a": [1.0, 2.0]}, code="a={a}", scales={"a": "grid"})
    raises(ValueError, "a=1.5 is not one of the positions", lambda: floats.frame(a=1.5))


@pytest.mark.parametrize(
    "changes,error,message",
    [
        (dict(scales={"a": "cubic"}), ValueError, "scales['a'] must be one of"),
        (
            dict(scales={"b": "log"}),
            ValueError,
            "SliderFigure(scales=...) got an unknown slider 'b'",
        ),
        (dict(scales=["log"]), TypeError, "scales must be a dict"),
        (dict(scales={"a": 10}), TypeError, "scales['a'] must be a str"),
        (
            dict(sliders={"a": ["x", "y"]}, scales={"a": "linear"}),
            ValueError,
            "scales['a'] = 'linear' needs numbers",
        ),
        (
            dict(sliders={"a": [-1.0, 0.0]}, scales={"a": "log"}),
            ValueError,
            "scales['a'] = 'log' needs positions >= 0 with one above 0",
        ),
    ],
)
def test_slider_figure_checks_its_scales(changes, error, message):
    raises(error, message, lambda: _slider(**changes))


def test_training_explorer_trains_for_a_value_between_positions_on_the_shared_axes(
    moons,
):
    explorer = training_explorer(*moons, epochs=30, eta=1.0)
    figure = SliderFigure(
        explorer,
        {"lam": [0.0, 0.1, 1.0], "epochs": [10, 30]},
        code=explorer.code,
        alt="x",
    )
    figure.frames()
    limit, trained = explorer.loss_limit, set(explorer._runs)
    png = figure.frame(lam=0.3, epochs=30)
    # one more run, for λ 0.3
    assert set(explorer._runs) - trained == {(1.0, 0.3, 0.0, 0.0)}
    assert explorer.loss_limit == limit  # the same loss axis as the positions' frames
    assert png not in (
        figure.frame(lam=0.1, epochs=30),
        figure.frame(lam=1.0, epochs=30),
    )
    assert "lam=0.3," in figure.code_for(lam=0.3, epochs=30)
    fig = explorer(lam=0.3, epochs=30)
    assert fig.texts[0].get_text() == "λ = 0.3, 30 epochs"
    clf = explorer.classifier(eta=1.0, lam=0.3, mu=0.0, dropout=0.0, epochs=30)
    clf.fit(moons[0], moons[1])
    assert np.array_equal(
        explorer.run(lam=0.3, epochs=30).network(30).weights[0], clf.network_.weights[0]
    )


def test_slider_figure_refuses_a_million_frames_before_drawing_or_walking_any():
    def render(**values):
        raise AssertionError("no frame may be drawn")

    sliders = {"lam": list(range(1000)), "epochs": list(range(1000))}
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        SliderFigure(render, sliders, code="x", alt="a figure")
    assert str(refused.value) == (
        "this would make 1000000 frames, the sliders' lengths multiplied "
        "(lam: 1000 x epochs: 1000), more than MAX_FRAMES = 200"
    )


def test_slider_figure_accepts_exactly_max_frames():
    sf = SliderFigure(
        lambda a, b: plt.figure(),
        {"a": list(range(MAX_FRAMES // 2)), "b": [0, 1]},
        code="x",
        alt="a figure",
    )
    assert MAX_FRAMES == 200 and sf.initial == {"a": 50, "b": 1}
    with pytest.raises(ValueError, match=r"this would make 201 frames, .*\(a: 201\)"):
        SliderFigure(
            lambda a: plt.figure(), {"a": list(range(201))}, code="x", alt="a figure"
        )


def test_explorer_code_names_the_slider_values_first(moons):
    # a phone that cuts the first line off still shows what the sliders changed
    explorer = training_explorer(*moons, epochs=30, eta=1.0, batch_size=10)
    first = explorer.code(dropout=0.25, epochs=30).splitlines()[0]
    assert first.startswith("clf = NetworkClassifier((30,), dropout=0.25, epochs=30,")
    first = explorer.code(mu=0.9, eta=0.5).splitlines()[0]
    assert first.startswith("clf = NetworkClassifier((30,), mu=0.9, eta=0.5,")


@pytest.mark.parametrize("values", [{"lam": 0.1, "epochs": 30}, {"dropout": 0.5}])
def test_explorer_frames_fit_a_phone_with_no_text_below_font(moons, values):
    from PIL import Image

    from ffnn_edu.show.plotting import smallest_font_px
    from ffnn_edu.show.sliders import FONT, figure_png

    explorer = training_explorer(*moons, epochs=30, eta=1.0, penalty="l1", title="M")
    png = figure_png(explorer(**values), dpi=144)
    width, height = Image.open(io.BytesIO(png)).size
    # at most 360 CSS pixels wide (shown at 72 dpi), panels stacked
    assert width <= 2 * 360 and height > width
    assert smallest_font_px(png) == pytest.approx(FONT * 144 / 72, abs=0.01)


def test_figure_png_records_the_smallest_text_it_drew():
    from ffnn_edu.show.plotting import smallest_font_px
    from ffnn_edu.show.sliders import figure_png

    fig, ax = plt.subplots(figsize=(3, 2))
    ax.tick_params(labelsize=12)
    ax.set_title("small", fontsize=7)
    ax.text(0.5, 0.5, "   ", fontsize=3)  # blank: nothing to read
    assert smallest_font_px(figure_png(fig, dpi=144)) == pytest.approx(14.0)


@pytest.mark.parametrize(
    "settings, message",
    [
        (
            dict(resolution=10**6),
            "this would make 1000000 grid points per axis (resolution), more than "
            "MAX_RESOLUTION = 2000",
        ),
        (
            dict(epochs=10**9),
            "this would make 1000000000 epochs (epochs), more than MAX_EPOCHS = "
            "1000000",
        ),
    ],
)
def test_training_explorer_refuses_unbounded_work_when_built(moons, settings, message):
    """resolution=10**6 and epochs=10**9 were accepted; only the first frame refused."""
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        training_explorer(*moons, **settings)
    assert str(refused.value) == message


@pytest.mark.parametrize("penalty,lam", [("l2", 0.0), ("l2", 0.3), ("l1", 0.05)])
def test_explorer_penalty_is_fit_recording_penalty_bit_for_bit(moons, penalty, lam):
    """The explorer sums the penalty over all epochs at once, after training; the
    numbers are the experiment's, epoch by epoch (catches a bias summed as a weight,
    or L1's sum taken for L2)."""
    from ffnn_edu.experiments.overfitting import fit_recording_penalty

    explorer = training_explorer(
        *moons, hidden_layer_sizes=(6, 4), epochs=40, eta=1.0, penalty=penalty
    )
    run = explorer.run(lam=lam)
    clf = explorer.classifier(eta=1.0, lam=lam, mu=0.0, dropout=0.0, epochs=40)
    assert run.penalty == fit_recording_penalty(clf, *moons)
    assert len(run.penalty) == 40 and (any(run.penalty) == (lam > 0))


def test_a_frame_drawn_between_positions_is_packed_fast_with_the_same_pixels(moons):
    """A live frame off the grid is compressed at zlib level 1: a larger file, the
    pixels of the level-6 PNG that a position's frame gets."""
    from PIL import Image

    from ffnn_edu.show.sliders import figure_png

    explorer = training_explorer(*moons, epochs=20, eta=1.0)
    figure = SliderFigure(
        explorer, {"lam": [0.0, 0.1, 1.0]}, code=explorer.code, alt="moons"
    )
    live = figure.frame(lam=0.3)
    stored = figure_png(explorer(lam=0.3), 144)
    pixels = [
        np.asarray(Image.open(io.BytesIO(p)).convert("RGB")) for p in (live, stored)
    ]
    np.testing.assert_array_equal(*pixels)
    assert len(live) > len(stored)
    assert figure.frame(lam=0.1) == figure_png(explorer(lam=0.1), 144)


@pytest.mark.parametrize("level", [-1, 10, 2.5, True])
def test_figure_png_refuses_a_compress_level_zlib_has_not(level):
    from ffnn_edu.show.sliders import figure_png

    raises_all(
        ValueError,
        "compress_level must be a whole number from 0 to 9",
        call=lambda: figure_png(Figure(figsize=(1, 1)), compress_level=level),
    )


def _pixels(png):
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def _prepared_explorer(moons, settings):
    explorer = training_explorer(*moons, epochs=40, eta=1.0, title="Two moons")
    explorer.prepare(settings)
    return explorer


@pytest.mark.parametrize(
    "earlier, shown",
    [
        ({"lam": 0.0}, {"lam": 0.3}),
        ({"lam": 1.0}, {"lam": 0.0, "epochs": 10}),
        ({"lam": 0.3}, {"lam": 0.3, "epochs": 25}),
    ],
)
def test_a_frame_with_copied_still_texts_is_the_frame_drawn_in_full(
    moons, earlier, shown
):
    """An explorer's second frame copies its tick labels, axis labels and legend from
    the first: the same PNG as drawn in full on a fresh figure (catches a text copied
    from a frame where it stood elsewhere)."""
    from ffnn_edu.show.sliders import figure_png

    settings = [{"lam": lam, "epochs": 40} for lam in (0.0, 0.3, 1.0)]
    again = _prepared_explorer(moons, settings)
    figure_png(again(**earlier), 144)
    copied = figure_png(again(**shown), 144)
    assert again._figure.canvas.copied_sizes  # the texts were copied, not drawn
    fresh = _prepared_explorer(moons, settings)
    assert copied == figure_png(fresh(**shown), 144)
    assert not fresh._figure.canvas.copied_sizes  # a first frame is drawn in full


def test_a_diverged_frame_after_a_calm_one_is_the_frame_drawn_in_full(moons):
    """The note "diverged" is drawn inside the loss panel, the copied texts around."""
    from ffnn_edu.show.sliders import figure_png

    settings = [{"eta": 1.0}, {"eta": 300.0}]
    again = training_explorer(*moons, epochs=30, eta=1.0)
    again.prepare(settings)
    figure_png(again(eta=1.0), 144)
    diverged = figure_png(again(eta=300.0), 144)
    assert again.run(eta=300.0).classifier.history_.diverged
    fresh = training_explorer(*moons, epochs=30, eta=1.0)
    fresh.prepare(settings)
    np.testing.assert_array_equal(
        _pixels(diverged), _pixels(figure_png(fresh(eta=300.0), 144))
    )


def test_still_text_canvas_draws_in_full_when_the_limits_change():
    from ffnn_edu.show.sliders import StillTextCanvas, figure_png

    def still(fig):
        ax = fig.axes[0]
        return [*ax.xaxis.get_majorticklabels(), *ax.yaxis.get_majorticklabels()]

    def frame(top, canvas=True):
        fig = Figure(figsize=(3, 2))
        ax = fig.add_subplot()
        ax.plot([0, 1], [0, 1])
        ax.set_ylim(0, top)
        if canvas:
            StillTextCanvas(fig, still)
        return fig

    fig = frame(1.0)
    figure_png(fig, 100)
    ax = fig.axes[0]
    ax.set_ylim(0, 2.0)  # the y tick labels move: drawn anew
    assert figure_png(fig, 100) == figure_png(frame(2.0, canvas=False), 100)
    assert fig.canvas.copied_sizes == []
    ax.tick_params(axis="y", pad=12)  # the y tick labels move away from the axis
    assert figure_png(fig, 100) != figure_png(frame(2.0, canvas=False), 100)
    assert fig.canvas.copied_sizes == []  # drawn anew
    ax.tick_params(axis="y", pad=3.5)
    figure_png(fig, 100)  # back where they were: drawn anew once more
    ax.set_ylim(0, 2.0)  # the same limits again: copied, and still on the record of
    copied = figure_png(fig, 100)  # the smallest text (the figure has no other)
    assert len(fig.canvas.copied_sizes) == len(still(fig))
    assert copied == figure_png(frame(2.0, canvas=False), 100)


def test_still_text_canvas_draws_a_text_reaching_into_a_panel_every_time():
    """A tick label inside the plot (pad < 0) lies over what changes: never copied."""
    from ffnn_edu.show.sliders import StillTextCanvas, figure_png

    fig = Figure(figsize=(3, 2))
    ax = fig.add_subplot()
    ax.tick_params(axis="y", pad=-25)
    StillTextCanvas(fig, lambda f: f.axes[0].yaxis.get_majorticklabels())
    for height in (1.0, 0.5):
        ax.lines[0].remove() if ax.lines else None
        ax.plot([0, 1], [0, height])
        ax.set_ylim(0, 1)
        figure_png(fig, 100)
        assert fig.canvas.copied_sizes == []


# Issue 16 (E): the explorer read hidden_layer_sizes without the bound the library's
# layer-size check uses, and refused a network too large only when SliderFigure first
# trained it.
@pytest.mark.parametrize("sizes, message", HIDDEN_LAYER_SIZES_BEYOND_THE_LIMITS)
def test_explorer_counts_and_bounds_hidden_layer_sizes_when_built(
    moons, sizes, message
):
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        training_explorer(*moons, hidden_layer_sizes=sizes)


# Issue 16 (E): every run keeps a copy of the weights after every epoch; 100 000
# epochs of a 1000-neuron layer asked for 3.2 GB, and each setting as much again.
def test_explorer_refuses_more_kept_weights_than_max_parameters_before_training(
    moons,
):
    with pytest.raises(ValueError, match=r"^this would make") as refused:
        training_explorer(*moons, hidden_layer_sizes=(1000,), epochs=100_000)
    assert str(refused.value) == (
        "this would make 400100000 weights and biases kept, a copy after every epoch "
        "(epochs: 100000 x 4001 weights and biases of the network (2, 1000, 1)), more "
        "than MAX_PARAMETERS = 10000000"
    )
    explorer = training_explorer(*moons, hidden_layer_sizes=(100,), epochs=20_000)
    settings = [{"eta": eta, "epochs": 20_000} for eta in (0.1, 0.2, 0.3, 0.4, 0.5)]
    settings += [{"eta": 0.1, "epochs": 100}]  # the same run as the first
    with pytest.raises(ValueError, match=r"^this would make") as refused:
        explorer.prepare(settings)
    assert str(refused.value) == (
        "this would make 40100000 weights and biases kept, a copy after every epoch "
        "(5 runs, one per setting, x epochs: 20000 x 401 weights and biases of the "
        "network (2, 100, 1)), more than MAX_PARAMETERS = 10000000"
    )
    assert explorer._runs == {}  # nothing was trained


def test_a_log_slider_over_many_decades_makes_at_most_max_live_stops():
    """Issue 16 (E): positions 1e-300 and 1e300 made 14 400 E24 stops."""
    from ffnn_edu.show.sliders import MAX_LIVE_STOPS, live_positions

    # 61 decades: every other E24 number (E12); 201 decades: E3
    for positions, second in (([1e-30, 1e30], 1.2e-30), ([1e-100, 1e100], 2.2e-100)):
        stops = live_positions(positions, "log")
        assert len(stops) <= MAX_LIVE_STOPS + 2 and stops == sorted(stops)
        assert stops[1] == second
    assert len(live_positions([1e-300, 1e300], "log")) == 601  # one a decade
    assert len(live_positions([0.01, 100.0], "log")) == 97  # E24 where it fits


def test_explorer_refuses_points_too_far_apart_to_draw_when_built(moons):
    """Issue 16 (B/C): the first frame's grid overflowed (numpy's RuntimeWarning) and
    was refused as holding infinities, though every point was finite."""
    far = np.array([[1e308, 0.0], [-1e308, 1.0]])
    with pytest.raises(ValueError, match=r"^X_train with X_test must lie within"):
        training_explorer(far, [0, 1], *moons[2:])


def test_figure_png_refuses_more_than_max_pixels_before_drawing():
    """Issue 16 (E): dpi=10_000 asked a 6.4 x 4.8 inch figure for 3 billion pixels
    (12 GB of RGBA), unchecked; a SliderFigure draws at dpi times density."""
    from ffnn_edu.show.sliders import figure_png

    fig, _ = plt.subplots(figsize=(6.4, 4.8))
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        figure_png(fig, dpi=10_000)
    assert str(refused.value) == (
        "this would make 3072000000 pixels (a 6.4 x 4.8 inch figure at dpi = 10000), "
        "more than MAX_PIXELS = 50000000"
    )
    assert figure_png(fig, dpi=144)[:4] == b"\x89PNG"  # the book's density: drawn


# Issue 16 (E): a network of few weights kept few copies, so the limit on kept copies
# let a million epochs through (minutes of training); and a call could ask for more
# epochs than the explorer was built with, trained with no limit counted at all.
def test_explorer_refuses_more_epochs_in_all_than_max_epochs_in_all(moons):
    from ffnn_edu.experiments.overfitting import MAX_EPOCHS_IN_ALL

    assert MAX_EPOCHS_IN_ALL == 50_000
    with pytest.raises(ValueError, match=r"^this would make") as refused:
        training_explorer(*moons, hidden_layer_sizes=(), epochs=60_000)
    assert str(refused.value) == (
        "this would make 60000 epochs in all (epochs: 60000), more than "
        "MAX_EPOCHS_IN_ALL = 50000"
    )
    explorer = training_explorer(*moons, hidden_layer_sizes=(2,), epochs=10)
    settings = [{"eta": eta, "epochs": 10_000} for eta in (0.1, 0.2, 0.3, 0.4, 0.5)]
    settings.append({"eta": 0.6, "epochs": 10_001})  # the longest sets every run's
    with pytest.raises(ValueError, match=r"^this would make") as refused:
        explorer.prepare(settings)
    assert str(refused.value) == (
        "this would make 60006 epochs in all (6 runs, one per setting, x epochs: "
        "10001), more than MAX_EPOCHS_IN_ALL = 50000"
    )
    with pytest.raises(ValueError, match=r"^this would make") as refused:
        explorer(eta=0.5, epochs=1_000_000)  # 9 million kept copies: within their limit
    assert str(refused.value) == (
        "this would make 1000000 epochs in all (epochs: 1000000), more than "
        "MAX_EPOCHS_IN_ALL = 50000"
    )
    assert explorer._runs == {} and explorer._longest == 10  # nothing was trained


# Issue 16 (E): live_positions read every position before any limit: the stops of
# range(1, 10**12) were sorted entry by entry.
def test_live_positions_counts_the_positions_before_reading_one():
    from ffnn_edu.show.sliders import MAX_LIVE_STOPS, live_positions

    assert len(live_positions(range(MAX_LIVE_STOPS), "grid")) == MAX_LIVE_STOPS
    for scale in ("grid", "linear", "log"):
        with pytest.raises(ValueError, match=r"^this would make") as refused:
            live_positions(range(1, 10**12), scale)
        assert str(refused.value) == (
            "this would make 999999999999 positions (positions with 999999999999 "
            "entries), more than MAX_LIVE_STOPS = 1000"
        )
    endless = (0.5 * k for k in iter(int, 1))  # a generator that never ends
    with pytest.raises(ValueError, match=r"^this would make 1001 or more positions"):
        live_positions(endless, "linear")


# Issue 16 (E): dpi and density had no upper bound; figure_png(dpi=10**5) of a 6.4 x 4.8
# inch figure asked for 1.2 TB of pixels and died with std::bad_alloc.
def test_figure_png_refuses_more_dots_per_inch_or_pixels_than_the_limits():
    from ffnn_edu.show.plotting import MAX_DPI, MAX_PIXELS
    from ffnn_edu.show.sliders import figure_png

    assert (MAX_DPI, MAX_PIXELS) == (1200, 50_000_000)
    fig = plt.figure(figsize=(0.05, 0.05))  # 5000 x 5000 pixels at 100 000 dpi
    try:
        with pytest.raises(ValueError, match=r"^this would make") as refused:
            figure_png(fig, dpi=10**5)
        assert str(refused.value) == (
            "this would make 100000 dots per inch (dpi), more than MAX_DPI = 1200"
        )
        fig.set_size_inches(40, 20)  # 48 000 x 24 000 pixels at the largest dpi
        with pytest.raises(ValueError, match=r"^this would make") as refused:
            figure_png(fig, dpi=MAX_DPI)
        assert str(refused.value) == (
            "this would make 1152000000 pixels (a 40 x 20 inch figure at dpi = 1200), "
            "more than MAX_PIXELS = 50000000"
        )
        fig.set_size_inches(1, 1)
        png = figure_png(fig, dpi=MAX_DPI)  # the limit itself
        assert Image.open(io.BytesIO(png)).size == (1200, 1200)
    finally:
        plt.close(fig)


def test_slider_figure_refuses_frames_drawn_at_more_than_max_dpi():
    made = SliderFigure(_render, {"eta": [0.1]}, code="f", alt="x", dpi=600, density=2)
    assert made.dpi * made.density == 1200
    with pytest.raises(ValueError, match=r"^this would make") as refused:
        SliderFigure(_render, {"eta": [0.1]}, code="f", alt="x", dpi=10**5)
    assert str(refused.value) == (
        "this would make 200000 dots per inch (dpi: 100000 x density: 2), more than "
        "MAX_DPI = 1200"
    )


def _loss_panel_curves(fig):
    return {line.get_label(): line for line in fig.axes[1].lines}


# (activation, lam, eta): the epoch the run diverges in on the moons, the epochs its
# history keeps after epoch 0, and the finite penalties it kept (one per snapshot)
DIVERGED_RUNS = [
    ("tanh", 0.01, 30.0, 5, 5, 4),  # the loss of the epoch it diverged in is kept
    ("tanh", 0.01, 100.0, 2, 2, 1),
    ("tanh", 0.01, 1e4, 2, 2, 1),
    ("tanh", 0.01, 1e300, 2, 1, 0),  # the penalty of its one epoch overflows: inf
    ("tanh", 0.0, 100.0, 2, 2, 0),
    ("tanh", 0.0, 1e300, 2, 2, 0),  # a penalty of 0 * inf = NaN at lam = 0
    ("relu", 0.01, 30.0, 2, 2, 1),
    ("relu", 0.0, 1e300, 1, 0, 0),  # diverged in epoch 1: nothing kept
    ("relu", 0.01, 1e300, 1, 0, 0),
]


@pytest.mark.parametrize(
    "activation, lam, eta, diverged_in, kept, penalties", DIVERGED_RUNS
)
def test_a_diverged_run_is_drawn_as_far_as_it_got_with_a_note(
    moons, activation, lam, eta, diverged_in, kept, penalties
):
    """Each curve is drawn against its own epochs: the losses against the history's,
    the penalty against the snapshots' (one fewer when the epoch a run diverged in
    kept its loss); a penalty at lam = 0 or one that overflowed is not drawn (the
    explorer plotted the penalty against the history's epochs, and raised
    "x and y must have same first dimension"; a run that diverged in epoch 1 asked
    for the network after epoch 0 and raised "epoch must be an integer >= 1")."""
    from ffnn_edu.show.sliders import figure_png

    explorer = training_explorer(
        *moons, epochs=50, lam=lam, activation=activation, eta=1.0
    )
    fig = explorer(eta=eta)
    assert figure_png(fig, 72).startswith(b"\x89PNG")
    h = explorer.run(eta=eta).classifier.history_
    assert h.diverged and h.message.startswith(
        f"Training diverged in epoch {diverged_in}"
    )
    assert [t.get_text() for t in fig.axes[1].texts] == [
        "diverged:\nlearning rate too large"
    ]
    curves = _loss_panel_curves(fig)
    assert list(curves["training"].get_xdata()) == list(range(kept + 1))
    assert list(curves["test"].get_ydata()) == h.val_loss
    if penalties:
        assert list(curves["L2 penalty"].get_xdata()) == list(range(1, penalties + 1))
        assert np.isfinite(curves["L2 penalty"].get_ydata()).all()
    else:
        assert set(curves) == {"training", "test"}
    plt.close(fig)


def test_a_shorter_epochs_value_draws_every_curve_to_that_epoch(moons):
    """The epochs slider cuts the losses and the penalty at the same epoch, before
    the run diverged (in epoch 5) and after (its curves end where the run did)."""
    explorer = training_explorer(*moons, epochs=50, lam=0.01, eta=1.0)
    for epochs, losses, penalties in [(3, 4, 3), (4, 5, 4), (20, 6, 4)]:
        curves = _loss_panel_curves(explorer(eta=30.0, epochs=epochs))
        assert len(curves["training"].get_xdata()) == losses
        assert len(curves["test"].get_xdata()) == losses
        assert list(curves["L2 penalty"].get_xdata()) == list(range(1, penalties + 1))


def test_lam_zero_draws_no_penalty_curve_and_a_positive_lam_one(moons):
    """The curve is drawn for lam > 0, never at lam = 0 (where the penalty of a run
    that overflowed is 0 * inf = NaN, which counted as a penalty)."""
    explorer = training_explorer(*moons, epochs=10, eta=1.0)
    assert set(_loss_panel_curves(explorer(lam=0.0))) == {"training", "test"}
    assert set(_loss_panel_curves(explorer(lam=0.1))) == {
        "training",
        "test",
        "L2 penalty",
    }


@pytest.mark.parametrize("name", ["eta", "lam", "mu", "dropout"])
@pytest.mark.parametrize("value", [[0.1, 0.2], np.array(0.1), "0.1"])
def test_a_fixed_setting_that_is_no_number_is_refused_when_the_explorer_is_built(
    moons, name, value
):
    """eta=[0.1, 0.2] was kept, then the first frame broke: unhashable type: 'list'."""
    kind = type(value).__name__
    with pytest.raises(TypeError) as caught:
        training_explorer(*moons, epochs=5, **{name: value})
    assert str(caught.value) == (
        f"{name} must be a number (the value when {name} is not a slider; a slider's "
        f"values are given to the figure's sliders), not {kind}"
    )


def test_a_slider_value_that_is_no_number_is_refused_by_name(moons):
    explorer = training_explorer(*moons, epochs=5)
    with pytest.raises(TypeError, match=r"^eta must be a number .*, not list$"):
        explorer(eta=[0.1])


def test_the_explorer_takes_the_classifiers_loss_names_and_words(moons):
    """categorical_cross_entropy was refused, and the names listed as a Python list."""
    explorer = training_explorer(*moons, epochs=5, loss="categorical_cross_entropy")
    fig = explorer(eta=0.5)
    # the classifier's choice for two classes: one sigmoid output, the binary loss
    clf = explorer.run(eta=0.5).classifier
    assert clf.output_loss() == "binary_cross_entropy"
    assert fig.axes[1].get_ylabel() == "cross-entropy loss"
    assert 'loss="categorical_cross_entropy"' in explorer.code(eta=0.5)
    plt.close(fig)
    with pytest.raises(ValueError, match=r"^loss must be one of") as caught:
        training_explorer(*moons, epochs=5, loss="hinge")
    assert str(caught.value) == (
        "loss must be one of cross_entropy, binary_cross_entropy, "
        "categorical_cross_entropy, mse, half_sse, but it is 'hinge'"
    )


@pytest.mark.parametrize("settings, words", SETTINGS_FIT_REFUSES)
def test_a_setting_fit_refuses_is_refused_in_its_words_when_the_explorer_is_built(
    moons, settings, words
):
    """Each was kept, then refused by fit at the first frame (code() printed it).

    Also a fixed eta, lam, mu or dropout out of range: refused by fit before, at the
    first frame, then by a range table of the explorer's own, now by fit's checks.
    """
    with pytest.raises(ValueError, match=rf"^{next(iter(settings))} must") as caught:
        training_explorer(*moons, **{"epochs": 5, **settings})
    assert str(caught.value) == words


def test_a_slider_value_fit_refuses_is_refused_when_the_slider_figure_is_built(moons):
    """A mu slider with adam was kept, then refused by fit at the first frame."""
    explorer = training_explorer(*moons, epochs=5, optimizer="adam")
    with pytest.raises(ValueError, match=r"^mu must be 0 with optimizer='adam'.*0\.5"):
        SliderFigure(explorer, {"mu": [0.0, 0.5]}, code=explorer.code, alt="x")
    assert explorer._runs == {}  # refused before any training
    with pytest.raises(ValueError, match=r"^mu must be 0 with optimizer='adam'"):
        explorer.code(mu=0.5)


class Trained(Exception):
    """Raised by a stubbed fit: the explorer got past every guard to training."""


def test_explorer_refuses_more_weight_updates_in_all_before_training(monkeypatch):
    """Issue 16: the explorer counted epochs in all, not the minibatches in them: two
    settings of 5001 epochs in batches of 1 on 1000 points passed."""

    def fit(*args, **kwargs):
        raise Trained

    X, y = two_moons(1020, seed=0)
    explorer = training_explorer(
        X[:1000],
        y[:1000],
        X[1000:],
        y[1000:],
        hidden_layer_sizes=(2,),
        epochs=10,
        batch_size=1,
    )
    monkeypatch.setattr(NetworkClassifier, "fit", fit)
    with pytest.raises(ValueError, match=r"^this would make") as refused:
        explorer.prepare([{"eta": 0.1, "epochs": 5001}, {"eta": 0.2, "epochs": 5001}])
    assert str(refused.value) == (
        "this would make 10002000 weight updates in all (settings: 2 runs x epochs: "
        "5001 epochs x 1000 updates an epoch, X_train: 1000 samples in batches of "
        "batch_size: 1), more than MAX_UPDATES = 10000000: train fewer runs, fewer "
        "epochs or larger batches"
    )
    assert explorer._runs == {}  # nothing was trained
    with pytest.raises(Trained):  # exactly MAX_UPDATES: allowed, to training
        explorer.prepare([{"eta": 0.1, "epochs": 5000}, {"eta": 0.2, "epochs": 5000}])


def test_training_explorer_names_an_unknown_setting_and_its_settings(moons):
    """Issue 16, fresh review: training_explorer(..., epoch=5) said "__init__() got
    an unexpected keyword argument 'epoch'"."""
    with pytest.raises(UnknownNameError) as refused:
        training_explorer(*moons, epoch=5)
    assert str(refused.value) == (
        "training_explorer() got an unknown setting 'epoch'; the settings are "
        "hidden_layer_sizes, activation, loss, epochs, batch_size, penalty, eta, lam, "
        "mu, dropout, optimizer, seed, title, resolution and test_code; did you mean "
        "'epochs'?"
    )
    assert isinstance(refused.value, TypeError) and isinstance(
        refused.value, ValueError
    )


@pytest.mark.parametrize("caught", [TypeError, ValueError])
@pytest.mark.parametrize(
    "changes, words",
    [
        (
            dict(dpii=96),
            "SliderFigure() got an unknown keyword argument 'dpii'; the keyword "
            "arguments are render, sliders, code, labels, initial, scales, alt, dpi "
            "and density; did you mean 'dpi'?",
        ),
        (
            dict(labels={"etaa": "η"}),
            "SliderFigure(labels=...) got an unknown slider 'etaa'; the only slider is "
            "eta; did you mean 'eta'?",
        ),
    ],
)
def test_slider_figure_refuses_an_unknown_name_with_the_one_error(
    changes, words, caught
):
    """Issue 16: SliderFigure(..., dpii=96) was Python's "unexpected keyword
    argument", with no list of keywords and no hint; a misspelt keyword and a
    misspelt key of a dict are now one UnknownNameError, both TypeError and
    ValueError."""
    args = dict(sliders={"eta": [1, 2]}, code="{eta}", alt="x") | changes
    with pytest.raises(caught) as refused:
        SliderFigure(_render_empty_axes, **args)
    assert isinstance(refused.value, UnknownNameError)
    assert str(refused.value) == words


def test_live_positions_refuses_a_repeated_linear_position_by_name():
    # review17 fault 12e: [0.5, 0.5] made a gap of 0 and failed with "cannot convert
    # float NaN to integer" and RuntimeWarnings
    from ffnn_edu.show.sliders import live_positions

    for positions in ([0.5, 0.5], [0.0, 0.5, 1.0, 0.5]):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with pytest.raises(ValueError, match=r"^positions must") as refused:
                live_positions(positions, "linear")
        assert str(refused.value) == (
            "positions must not repeat a position (a linear slider steps by a fifth "
            "of the smallest gap between them), but 0.5 appears twice"
        )
    # unsorted positions are sorted, and a log slider's repeat changes no stop
    assert live_positions([0.5, 0.0, 0.25], "linear")[:3] == [0.0, 0.01, 0.02]
    assert live_positions([0.5, 0.5], "log") == [0.5]
