"""The Python half of the live figures (``ffnn_edu.show.live``): what it writes.

The page half (``book/_live/*.js``) is tested in Chromium:
``tests/browser/test_live_trainer.py`` (the trainer equals ``train``) and
``tests/browser/test_live_figure.py`` (the figure).
"""

from __future__ import annotations

import base64
import contextlib
import io
import itertools
import json
import re

import numpy as np
import pytest

from ffnn_edu.experiments.overfitting import overfitting_moons
from ffnn_edu.nn.classifier import NetworkClassifier
from ffnn_edu.nn.datasets import two_moons
from ffnn_edu.nn.network import FeedForwardNetwork
from ffnn_edu.nn.validation import UnknownNameError
from ffnn_edu.show.live import MAX_POINTS, MAX_RESOLUTION, LiveFigure, live_figure

from helpers import HIDDEN_LAYER_SIZES_BEYOND_THE_LIMITS


@pytest.fixture(scope="module")
def moons() -> tuple[np.ndarray, ...]:
    X, y = two_moons(60, seed=0)
    return X[:40], y[:40], X[40:], y[40:]


def figure(moons: tuple[np.ndarray, ...], **settings: object) -> LiveFigure:
    return live_figure(*moons, **{"epochs": 50, **settings})


def spec_of(html_text: str) -> dict:
    found = re.search(
        r'<script type="application/json" class="live-data">(.*?)</script>',
        html_text,
        re.DOTALL,
    )
    assert found, "the figure must carry its data in a JSON script element"
    return json.loads(found.group(1))


def test_sliders_stop_at_the_e24_numbers_and_at_the_values_asked_for(moons) -> None:
    fig = figure(
        moons, sliders={"eta": (0.01, 100.0), "lam": (0.001, 10.0), "mu": (0.0, 0.99)}
    )
    eta, lam, mu = fig.positions["eta"], fig.positions["lam"], fig.positions["mu"]
    assert (len(eta), len(lam), len(mu)) == (97, 98, 49)  # 24 per factor of 10
    assert eta[0] == 0.01 and eta[24] == 0.1 and eta[48] == 1.0 and eta[-1] == 100.0
    assert eta[1] == 0.011 and eta[49] == 1.1  # between the grid 0.01, 0.03, 0.1, ...
    assert lam[0] == 0.0 and lam[1] == 0.001 and lam[49] == 0.1 and lam[-1] == 10.0
    assert mu[0] == 0.0 and mu[24] == 0.9 and mu[-1] == 0.99
    for values in (eta, lam[1:], mu):
        assert all(a < b for a, b in itertools.pairwise(values)), (
            "the positions must rise"
        )
    # every value chapters 11 and 12 use is a position, exactly
    assert {0.03, 0.3, 3.0, 10.0} <= set(eta) and {
        0.0,
        0.03,
        0.1,
        0.3,
        1.0,
        3.0,
    } <= set(lam)
    assert {0.0, 0.9, 0.99} <= set(mu) and 0.5 not in mu
    asked = figure(moons, sliders={"eta": (0.001, 5.0, 100.0), "mu": (0.0, 0.5, 0.99)})
    assert {0.001, 0.01, 0.03, 0.1, 1.0, 5.0, 10.0, 30.0} <= set(asked.positions["eta"])
    assert {0.0, 0.5, 0.9, 0.99} <= set(asked.positions["mu"])
    assert asked.positions["mu"][7:10] == [0.49, 0.5, 0.53]


def test_starting_values_move_to_the_nearest_position(moons) -> None:
    fig = figure(
        moons,
        eta=0.5,
        lam=0.1,
        mu=0.9,
        sliders={"eta": (0.01, 100.0), "lam": (0.001, 10.0), "mu": (0.0, 0.99)},
    )
    assert fig.values == {"eta": 0.51, "lam": 0.1, "mu": 0.9}
    assert fig.start == {"eta": 41, "lam": 49, "mu": 24}
    fixed = figure(moons, eta=0.5, mu=0.3, sliders={"lam": (0.001, 10.0)})
    # no slider: as given
    assert fixed.values["eta"] == 0.5 and fixed.values["mu"] == 0.3


def test_code_is_the_classifier_call_that_reproduces_the_run(moons) -> None:
    fig = figure(
        moons,
        hidden_layer_sizes=(60,),
        penalty="l1",
        sliders={"eta": (0.01, 100.0), "lam": (0.001, 10.0)},
    )
    assert fig.code(eta=1.1, lam=0.0) == (
        "from ffnn_edu import NetworkClassifier\n"
        'clf = NetworkClassifier((60,), activation="tanh", penalty="l1",\n'
        "                        eta=1.1, lam=0, epochs=50, batch_size=None,\n"
        "                        seed=0)\n"
        "clf.fit(X_train, y_train, validation_data=(X_test, y_test))\n"
        "print(clf.history_.message)"
    )
    part = figure(
        moons, train_code="X_moons, y_moons", test_code="(X_test[:9], y_test[:9])"
    )
    assert part.code().splitlines()[3] == (
        "clf.fit(X_moons, y_moons, validation_data=(X_test[:9], y_test[:9]))"
    )
    printed = io.StringIO()
    X_train, y_train, X_test, y_test = moons
    with contextlib.redirect_stdout(printed):  # the code runs as pasted, import and all
        exec(
            fig.code(lam=0.1),
            {
                "X_train": X_train,
                "y_train": y_train,
                "X_test": X_test,
                "y_test": y_test,
            },
        )
    # fit is that run
    assert printed.getvalue().strip() == fig.fit(lam=0.1).history_.message
    plain = figure(moons, loss="mse", batch_size=10)
    assert plain.code() == (
        "from ffnn_edu import NetworkClassifier\n"
        'clf = NetworkClassifier((8,), activation="tanh", loss="mse", eta=0.51,\n'
        "                        epochs=50, batch_size=10, seed=0)\n"
        "clf.fit(X_train, y_train, validation_data=(X_test, y_test))\n"
        "print(clf.history_.message)"
    )


def test_page_gets_the_classifiers_initial_weights_and_the_data_exactly(moons) -> None:
    X_train, _, _, y_test = moons
    fig = figure(moons, hidden_layer_sizes=(5,), seed=3)
    spec = spec_of(fig._repr_html_())
    # as NetworkClassifier
    net = FeedForwardNetwork((2, 5, 1), ["tanh", "sigmoid"], seed=3)
    for got, want in zip(spec["initial"]["weights"], net.weights, strict=True):
        assert np.array_equal(np.array(got), want)
    assert spec["settings"] == {
        "layerSizes": [2, 5, 1],
        "activation": ["tanh", "sigmoid"],
        "loss": "binary_cross_entropy",
        "batchSize": None,
        "epochs": 50,
    }
    # JSON floats round-trip
    assert np.array_equal(np.array(spec["data"]["X"]), X_train)
    assert np.array_equal(np.array(spec["data"]["Tval"]), y_test)
    assert spec["orders"] is None, "full batch: the page sums in the data's order"


def test_minibatch_orders_are_numpys_draws_for_every_epoch(moons) -> None:
    spec = figure(moons, batch_size=16, epochs=7, seed=5).spec()
    orders = np.frombuffer(base64.b64decode(spec["orders"]), dtype="<u2").reshape(7, 40)
    rng = np.random.default_rng(5)
    for epoch in range(7):
        assert np.array_equal(orders[epoch], rng.permutation(40))
    with pytest.raises(
        ValueError,
        match="epochs times the training points must be at most 50000 for minibatches",
    ):
        figure(moons, batch_size=16, epochs=2000)  # 80 000 indices
    # full batch: none needed
    assert figure(moons, epochs=2000).spec()["orders"] is None


def test_html_is_labelled_hidden_without_javascript_and_the_same_every_run(
    moons,
) -> None:
    fig = figure(
        moons, sliders={"eta": (0.01, 100.0), "mu": (0.0, 0.99)}, title="Moons"
    )
    text = fig._repr_html_()
    assert (
        text
        == figure(
            moons, sliders={"eta": (0.01, 100.0), "mu": (0.0, 0.99)}, title="Moons"
        )._repr_html_()
    )
    uid = fig.element_id()
    assert f'<figure class="live-figure" id="{uid}" hidden>' in text
    assert text.startswith(
        f'<p class="live-fallback" id="{uid}-fallback"><em>A live figure '
        "belongs here: in the web book, with JavaScript, this network trains "
        "in the page as you move η and μ."
    )
    for name, shown in (("eta", "0.51"), ("mu", "0")):
        assert f'<label for="{uid}-{name}">' in text
        assert re.search(
            rf'<input type="range" id="{uid}-{name}"[^>]*aria-valuetext="'
            rf'[ημ] = {shown}"',
            text,
        )
    assert 'data-action="play"' in text and 'data-action="reset"' in text
    assert 'role="status"' in text and text.count('role="img"') == 2
    # each canvas says what it shows, not where it is: on a phone they are stacked
    assert re.findall(r'role="img" aria-label="([^"]*)"', text) == [
        "Moons. The decision regions and the data.",
        "The training loss and the test loss per epoch, on an axis that grows to the "
        "run's highest loss.",
    ]
    assert "http" not in text, "no request may leave the machine"
    bundle = fig._repr_mimebundle_()
    # what a PDF shows
    assert bundle["text/plain"] == (
        "[Live figure, in the web book only: the network trains in "
        "the page as you move η and μ.]"
    )


def test_loss_axis_top_is_rounded_so_no_blas_round_off_shows() -> None:
    X_train, y_train, X_test, y_test = overfitting_moons()
    fig = live_figure(
        X_train, y_train, X_test[:200], y_test[:200], hidden_layer_sizes=(60,)
    )
    assert fig.loss_limit == 0.95


@pytest.mark.parametrize(
    "settings, error, words",
    [
        (
            {"sliders": {"gamma": (0.1, 1.0)}},
            ValueError,
            r"^LiveFigure\(sliders=\.\.\.\) got an unknown slider 'gamma'; the "
            "sliders are eta, lam and mu$",
        ),
        (
            {"sliders": {"etaa": (0.1, 1.0)}},
            ValueError,
            "unknown slider 'etaa'; the sliders are eta, lam and mu; did you mean "
            "'eta'?",
        ),
        ({"sliders": {}}, ValueError, "sliders must name at least one of eta, lam, mu"),
        (
            {"sliders": {"eta": (0.0, 1.0)}},
            ValueError,
            "eta slider must run from low to high",
        ),
        (
            {"sliders": {"eta": (1.0, 0.1)}},
            ValueError,
            "eta slider must run from low to high",
        ),
        ({"sliders": {"mu": (0.0, 1.0)}}, ValueError, "mu slider must run"),
        # :g printed 1.0000001 as 1, hiding why it is refused (review 17, fault 7)
        (
            {"sliders": {"mu": (0.0, 1.0000001)}},
            ValueError,
            r"runs from 0 to 1\.0000001$",
        ),
        ({"sliders": [("eta", 0.1, 1.0)]}, TypeError, "sliders must be a dict"),
        ({"hidden_layer_sizes": 8}, TypeError, "hidden_layer_sizes must be a sequence"),
        ({"activation": "softmax"}, ValueError, "activation must be"),
        ({"loss": "hinge"}, ValueError, "loss must be one of"),
        ({"penalty": "l3"}, ValueError, "penalty must be"),
        ({"test_code": None}, TypeError, "test_code must be a str"),
        ({"train_code": ("X", "y")}, TypeError, "train_code must be a str"),
        ({"eta": 0.0}, ValueError, "eta"),
        ({"mu": 1.0}, ValueError, "mu"),
    ],
)
def test_bad_settings_are_refused_by_name(moons, settings, error, words) -> None:
    with pytest.raises(error, match=words):
        figure(moons, **settings)


def test_bad_points_are_refused_by_name(moons) -> None:
    X_train, y_train, X_test, y_test = moons
    with pytest.raises(ValueError, match="X_train must hold points in the plane"):
        live_figure(np.c_[X_train, X_train], y_train, X_test, y_test)
    with pytest.raises(
        ValueError, match=r"y_test must hold the labels 0 and 1, but it contains 3\.0"
    ):
        live_figure(X_train, y_train, X_test, y_test + 2 * (y_test == 1))
    with pytest.raises(ValueError, match="y_train must hold one label per row"):
        live_figure(X_train, y_train[:-1], X_test, y_test)


def test_the_book_ships_the_live_scripts_to_live_not_static(tmp_path) -> None:
    # The book's Sphinx extension: the lowest-versions run tests
    # the package without the book.
    pytest.importorskip("sphinx", reason="the book's requirements are not installed")
    import importlib.util
    from pathlib import Path
    from types import SimpleNamespace

    path = Path(__file__).resolve().parents[1] / "book" / "_ext" / "live_trainer.py"
    spec = importlib.util.spec_from_file_location("live_trainer", path)
    extension = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(extension)
    html = SimpleNamespace(
        outdir=str(tmp_path / "html"), builder=SimpleNamespace(format="html")
    )
    extension.ship_live_trainer(html, None)
    shipped = sorted(p.name for p in (tmp_path / "html" / "_live").iterdir())
    assert shipped == ["live_figure.js", "trainer.js"]
    assert not (tmp_path / "html" / "_static").exists()
    latex = SimpleNamespace(
        outdir=str(tmp_path / "latex"), builder=SimpleNamespace(format="latex")
    )
    extension.ship_live_trainer(latex, None)
    assert not (tmp_path / "latex").exists(), "the PDF needs no JavaScript"


def test_ch12_figure_trains_eta_10_to_the_end_and_diverges_a_few_positions_up() -> None:
    # The runs chapter 12's prose quotes, computed as its collapsed cell computes them.
    X_moons, y_moons = two_moons(200, seed=0)
    X_moons_test, y_moons_test = two_moons(100, seed=1)
    live = live_figure(
        X_moons,
        y_moons,
        X_moons_test,
        y_moons_test,
        hidden_layer_sizes=(8,),
        activation="tanh",
        eta=0.1,
        mu=0.0,
        epochs=300,
        sliders={"eta": (0.001, 5.0, 100.0), "mu": (0.0, 0.5, 0.99)},
    )
    assert {0.01, 0.03, 0.1, 1.0, 3.0, 5.0, 10.0, 30.0} <= set(live.positions["eta"])
    assert {0.0, 0.5, 0.9, 0.99} <= set(live.positions["mu"])
    at_10 = live.fit(eta=10.0).history_
    assert not at_10.diverged and len(at_10.train_loss) == 301
    # far above where it started
    assert max(at_10.train_loss) > 10 * at_10.train_loss[0]
    assert at_10.train_loss[-1] < 0.1 * at_10.train_loss[0]  # and then it recovers
    above = {
        eta: live.fit(eta=eta).history_ for eta in live.positions["eta"] if eta > 10
    }
    first = min(eta for eta, h in above.items() if h.diverged)
    last = max(eta for eta, h in above.items() if not h.diverged)
    assert (last, first) == (13.0, 15.0)
    assert all(h.diverged == (eta >= first) for eta, h in above.items()), (
        "one threshold"
    )
    slowest = max(len(h.train_loss) - 1 for h in above.values() if h.diverged)
    # eta = 33 falls back below its start in epoch 11 (no verdict while the loss
    # falls) and is stopped when it rises again, in epoch 14
    assert slowest == 14, "diverged within a few epochs"
    assert above[first].message.startswith(
        "Training diverged in epoch 4: the training loss"
    )


def test_live_figure_refuses_more_than_max_points_in_the_page(moons) -> None:
    X, y = two_moons(MAX_POINTS + 1, seed=0)
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        live_figure(X, y, *moons[2:])
    assert str(refused.value) == (
        "this would make 5001 points written into the page (rows of X_train), "
        "more than MAX_POINTS = 5000"
    )
    with pytest.raises(ValueError, match=r"5001 points .*\(rows of X_test\)"):
        live_figure(*moons[:2], X, y)


def test_live_figure_refuses_a_grid_finer_than_max_resolution(moons) -> None:
    assert figure(moons, resolution=MAX_RESOLUTION).resolution == 300
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        figure(moons, resolution=MAX_RESOLUTION + 1)
    assert str(refused.value) == (
        "this would make 301 grid points per side (resolution), "
        "more than MAX_RESOLUTION = 300"
    )


# From an issue: ten million full-batch epochs were written into the page for the
# reader's browser to run, not refused.
def test_more_epochs_than_max_epochs_are_refused_naming_the_count_and_the_limit():
    X, y = two_moons(40, seed=0)
    with pytest.raises(ValueError, match=r"^this would make") as error:
        live_figure(X[:30], y[:30], X[30:], y[30:], epochs=10**7)
    assert str(error.value) == (
        "this would make 10000000 epochs (epochs), more than MAX_EPOCHS = 1000000"
    )


# Issue 16 (E): hidden_layer_sizes was read without the bound the library's own
# layer-size check uses: a list of ten million sizes was walked before the network
# refused it, under a name (layer_sizes) the caller never gave.
@pytest.mark.parametrize(
    "sizes, message",
    [
        *HIDDEN_LAYER_SIZES_BEYOND_THE_LIMITS,
        pytest.param(
            range(1, 10**9),
            "this would make 999999999 layers (hidden_layer_sizes with 999999999 "
            "entries), more than MAX_LAYERS = 1000",
            id="a-range-of-more-layers-than-max-layers",
        ),
    ],
)
def test_hidden_layer_sizes_are_counted_and_bounded_as_the_classifier_bounds_them(
    moons, sizes, message
) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        figure(moons, hidden_layer_sizes=sizes)


# Issue 16 (E): a slider's values had no length limit; a million learning rates were
# each checked and written into the page as positions.
def test_a_slider_of_more_values_than_max_live_stops_is_refused_before_any_is_read(
    moons,
) -> None:
    from ffnn_edu.show.sliders import MAX_LIVE_STOPS

    rates = [0.01 + k * 1e-6 for k in range(MAX_LIVE_STOPS)]
    assert len(figure(moons, sliders={"eta": rates}).positions["eta"]) >= 1000
    never_read = [0.1, *[object()] * 10**6, 1.0]  # no entry may be looked at
    with pytest.raises(ValueError, match=r"^this would make") as refused:
        figure(moons, sliders={"eta": never_read})
    assert str(refused.value) == (
        "this would make 1000002 positions of the eta slider (sliders['eta'] with "
        "1000002 values), more than MAX_LIVE_STOPS = 1000"
    )


def test_a_slider_over_hundreds_of_decades_stops_at_a_coarser_series(moons) -> None:
    """Issue 16 (E): eta from 1e-300 to 1e300 wrote 14 400 E24 stops into the page."""
    eta = figure(moons, sliders={"eta": (1e-300, 1e300)}).positions["eta"]
    assert len(eta) == 601 and eta[:3] == [1e-300, 1e-299, 1e-298]
    assert eta[300] == 1.0 and eta[-1] == 1e300


def test_points_too_far_apart_to_draw_are_refused_when_the_figure_is_made(moons):
    """Issue 16 (B/C): the regions' extent overflowed in the page's aspect ratio (with
    numpy's RuntimeWarning), for points that were each finite."""
    far = np.array([[1e308, 0.0], [-1e308, 1.0]])
    with pytest.raises(ValueError, match=r"^X_train with X_test must lie within"):
        live_figure(far, [0, 1], *moons[2:])


@pytest.mark.parametrize("name", ["eta", "lam", "mu"])
@pytest.mark.parametrize("value", [[0.1, 0.2], np.array(0.1), "0.1"])
def test_a_fixed_setting_that_is_no_number_is_refused_when_the_figure_is_built(
    moons, name, value
) -> None:
    """As the explorer's eta=[0.1, 0.2], which was kept and broke the first frame."""
    kind = type(value).__name__
    with pytest.raises(TypeError) as caught:
        figure(moons, **{name: value})
    assert str(caught.value) == (
        f"{name} must be a number (the value when {name} is not a slider; a slider's "
        f"values are given to the figure's sliders), not {kind}"
    )


def test_the_live_figure_takes_the_classifiers_loss_names_and_words(moons) -> None:
    """categorical_cross_entropy was refused, and the names listed as a Python list."""
    fig = figure(moons, loss="categorical_cross_entropy")
    spec = spec_of(fig._repr_html_())
    # the classifier's choice for two classes: one sigmoid output, the binary loss
    assert spec["settings"]["loss"] == "binary_cross_entropy"
    assert spec["settings"]["activation"] == ["tanh", "sigmoid"]
    assert 'loss="categorical_cross_entropy"' in fig.code()
    with pytest.raises(ValueError, match=r"^loss must be one of") as caught:
        figure(moons, loss="hinge")
    assert str(caught.value) == (
        "loss must be one of cross_entropy, binary_cross_entropy, "
        "categorical_cross_entropy, mse, half_sse, but it is 'hinge'"
    )
    with pytest.raises(ValueError, match=r"^loss must be one of") as by_classifier:
        NetworkClassifier(loss="hinge").fit(*moons[:2])
    assert str(by_classifier.value) == str(caught.value)


def test_the_classifiers_own_checks_run_at_both_ends_of_every_slider_when_built(
    moons, monkeypatch
) -> None:
    """A setting fit refuses is refused by fit's checks when the figure is built."""
    import ffnn_edu.show.live as live

    seen: list[tuple[float, float, float]] = []

    def record(clf: NetworkClassifier) -> None:
        seen.append((clf.eta, clf.lam, clf.mu))

    monkeypatch.setattr(live, "check_hyperparameters", record)
    fig = figure(moons, eta=1.0, sliders={"eta": (0.1, 10.0), "mu": (0.0, 0.9)})
    # the values given (their ranges: eta > 0, ...), then both ends of every slider
    assert seen[0] == (1.0, 0.0, 0.0)
    assert sorted(seen[1:]) == [
        (0.1, 0.0, 0.0),
        (0.1, 0.0, 0.9),
        (10.0, 0.0, 0.0),
        (10.0, 0.0, 0.9),
    ]

    def refuse(clf: NetworkClassifier) -> None:
        raise ValueError("mu must be 0 with optimizer='adam'")

    monkeypatch.setattr(live, "check_hyperparameters", refuse)
    with pytest.raises(ValueError, match=r"^mu must be 0 with optimizer='adam'$"):
        figure(moons, sliders={"mu": (0.0, 0.9)})
    assert fig.classifier(eta=0.1).get_params()["eta"] == 0.1


@pytest.mark.parametrize(
    "make, setting, close",
    [
        (live_figure, "dropout", ""),
        (live_figure, "epoch", "; did you mean 'epochs'?"),
        (LiveFigure, "epoch", "; did you mean 'epochs'?"),
    ],
)
def test_an_unknown_setting_is_named_with_the_settings_accepted(
    moons, make, setting, close
):
    """Issue 16, fresh review: live_figure(..., dropout=0.5) said "__init__() got an
    unexpected keyword argument 'dropout'", naming neither function nor settings."""
    with pytest.raises(UnknownNameError) as refused:
        make(*moons, **{setting: 5})
    message = str(refused.value)
    caller, noun = (
        ("live_figure()", "setting")
        if make is live_figure
        else ("LiveFigure()", "keyword argument")
    )
    assert message.startswith(
        f"{caller} got an unknown {noun} {setting!r}; the {noun}s are "
    )
    assert message.endswith(close or "and test_code")
    assert "hidden_layer_sizes, activation, loss, epochs" in message
