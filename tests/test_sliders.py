"""Slider figures: frames drawn once, the live widget swaps them, the static HTML carries them."""
import json
import re
from html.parser import HTMLParser

import matplotlib.pyplot as plt
import numpy as np
import pytest

from ffnn_edu.nn.classifier import NetworkClassifier
from ffnn_edu.nn.datasets import two_moons
from ffnn_edu.show.sliders import SliderFigure, training_explorer

CALLS = []


def _render(eta, lam=0.0):
    CALLS.append((eta, lam))
    fig, ax = plt.subplots(figsize=(2, 1.5))
    ax.plot([0, 1], [0, eta + lam])
    ax.set_title(f"eta={eta}, lam={lam}")
    return fig


@pytest.fixture
def figure():
    return SliderFigure(_render, {"eta": [0.1, 1.0, 3.0], "lam": [0.0, 0.5]},
                        code="train(eta={eta}, lam={lam})",
                        labels={"eta": "η (learning rate)", "lam": "λ"}, alt="A line")


class _Page(HTMLParser):
    """Collects start tags, ids and the text of each element; fails on unbalanced tags."""

    VOID = {"input", "img", "br", "meta", "link"}

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
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
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


def test_frames_are_pngs_drawn_once_and_differ_by_slider_value(figure):
    CALLS.clear()
    a, b = figure.frame(eta=0.1, lam=0.0), figure.frame(eta=3.0, lam=0.0)
    assert a.startswith(b"\x89PNG") and b.startswith(b"\x89PNG")
    assert a != b
    assert len(CALLS) == 6                  # every combination, once
    figure.static_html()
    figure.frame(eta=1.0, lam=0.5)
    assert len(CALLS) == 6                  # ... and never again
    assert plt.get_fignums() == []          # every rendered figure is closed


def test_frames_are_drawn_at_twice_the_shown_density(figure):
    from PIL import Image
    import io

    page = figure.static_html()
    png = Image.open(io.BytesIO(figure.frame(eta=0.1, lam=0.0)))
    img = [attrs for tag, attrs in parse(page).tags if tag == "img"][0]
    assert png.size == (2 * int(img["width"]), 2 * int(img["height"]))
    assert png.mode == "P"                  # a palette image: small


def test_static_html_has_a_range_input_per_slider_every_frame_and_every_code(figure):
    page = figure.static_html()
    inputs = [attrs for tag, attrs in parse(page).tags if tag == "input"]
    assert [(a["max"], a["value"]) for a in inputs] == [("2", "1"), ("1", "1")]
    assert json.loads(inputs[0]["data-values"]) == ["0.1", "1", "3"]
    frames, codes = script_data(page, "frames"), script_data(page, "codes")
    assert sorted(frames) == sorted(codes) == [f"{i},{j}" for i in range(3) for j in range(2)]
    assert len(set(frames.values())) == 6
    assert codes["2,0"] == "train(eta=3.0, lam=0.0)"
    assert 'alt="A line"' in page and "η (learning rate)" in page
    assert "<code>train(eta=1.0, lam=0.5)</code>" in page      # the initial setting's code


def test_two_identical_figures_get_different_ids_that_stay_the_same_between_runs():
    make = lambda: SliderFigure(_render, {"eta": [0.1, 1.0]}, code="eta={eta}", alt="Same")
    first, second = make(), make()
    a, b = first.static_html(), second.static_html()
    ids = parse(a + b).ids
    assert len(ids) == 2 and ids[0] != ids[1]
    assert ids[0].split("-")[2] == ids[1].split("-")[2]      # same content hash
    assert f"getElementById({json.dumps(ids[0])})" in a
    assert first.element_id() == ids[0]                       # deterministic


def test_labels_values_alt_and_code_are_escaped():
    nasty = 'a "quoted" <b>bold</b> & \'single\''
    figure = SliderFigure(lambda mode: _render(1.0), {"mode": ['x"<y', "</script>&"]},
                          code=lambda mode: f"print({mode!r}) # </script><!-- & {nasty}",
                          labels={"mode": nasty}, alt=nasty)
    page = figure.static_html()
    parsed = parse(page)
    label_input = [attrs for tag, attrs in parsed.tags if tag == "input"][0]
    assert label_input["aria-label"] == nasty
    assert json.loads(label_input["data-values"]) == ['x"<y', "</script>&"]
    assert [attrs for tag, attrs in parsed.tags if tag == "img"][0]["alt"] == nasty
    assert nasty in "".join(parsed.text)                      # label text and code
    script = page[page.index("<script>") + len("<script>"):page.rindex("</script>")]
    assert "</" not in script and "<!--" not in script
    codes = script_data(page, "codes")
    assert codes["1"] == f"print('</script>&') # </script><!-- & {nasty}"


def test_code_must_fit_the_sliders():
    with pytest.raises(ValueError, match="code must be a str.format template"):
        SliderFigure(_render, {"eta": [1.0]}, code="train(eta={rate})", alt="x")
    with pytest.raises(ValueError, match="code must produce non-empty text"):
        SliderFigure(_render, {"eta": [1.0]}, code=lambda eta: "", alt="x")


def test_render_prepare_is_called_once_with_every_setting():
    seen = []

    def render(eta):
        return _render(eta)

    render.prepare = seen.append
    SliderFigure(render, {"eta": [0.1, 1.0]}, code="{eta}", alt="x").static_html()
    assert seen == [[{"eta": 0.1}, {"eta": 1.0}]]


def test_widget_swaps_the_cached_frame_and_code_in_place(figure):
    box = figure.widget()
    eta_slider, lam_slider, image, code = box.children
    CALLS.clear()
    before = image.value
    eta_slider.value = 3.0
    assert image.value != before and box.children[2] is image
    lam_slider.value = 0.0
    assert CALLS == []                      # nothing redrawn on a move
    assert len(figure.redraw_seconds) == 2
    assert image.value == figure.frame(eta=3.0, lam=0.0)
    assert code.value.endswith("<code>train(eta=3.0, lam=0.0)</code></pre>")


def test_mimebundle_offers_the_widget_and_the_static_twin(figure):
    bundle = figure._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"].startswith('<div class="slider-figure"')
    assert bundle["text/plain"] == "SliderFigure(eta, lam; 3 x 2 positions)"


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


def test_training_explorer_titles_frames_with_the_sliders_it_was_given(moons):
    explorer = training_explorer(*moons, epochs=30, eta=1.0, title="Moons")
    fig = explorer(dropout=0.0, epochs=30)
    suptitle, ylabels = fig.texts[0].get_text(), [ax.get_ylabel() for ax in fig.axes]
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    plt.close(fig)
    assert suptitle == "Moons: dropout rate p = 0, 30 epochs"
    assert ylabels == ["$x_2$", "cross-entropy loss"]
    assert legend == ["training, class 0", "training, class 1", "test, class 0", "test, class 1"]
    with pytest.raises(ValueError, match="penalty must be 'l1' or 'l2'"):
        training_explorer(*moons, penalty="l3")
    with pytest.raises(ValueError, match="sliders must be among"):
        explorer(rate=0.1)


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
    highest = max(max(*explorer.run(**v).classifier.history_.val_loss,
                      *explorer.run(**v).classifier.history_.train_loss) for v in settings)
    assert highest <= limits[0][0][1] < 1.2 * highest


def test_training_explorer_code_reproduces_each_epoch_snapshot(moons):
    explorer = training_explorer(*moons, epochs=60, eta=1.0, batch_size=10, seed=2)
    run = explorer.run(dropout=0.2, epochs=60)
    code = explorer.code(dropout=0.2, epochs=20)
    assert "dropout=0.2" in code and "epochs=20" in code and "batch_size=10" in code
    X_train, y_train, X_test, y_test = moons
    namespace = {"NetworkClassifier": NetworkClassifier, "X_train": X_train,
                 "y_train": y_train, "X_test": X_test, "y_test": y_test}
    exec(code, namespace)
    retrained = namespace["clf"].network_.forward(X_test)
    assert np.allclose(run.network(20).forward(X_test), retrained, atol=1e-10)
    assert not np.allclose(run.network(60).forward(X_test), retrained, atol=1e-3)
