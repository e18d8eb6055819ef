"""The sources' worked examples, number by number.

The 2-2-1 example is checked against an independent reference written here in plain
Python (math.exp, no numpy, no package code): the package must agree with it to 1e-9,
and with the textbook's printed values to the textbook's precision (which ones the
textbook gets wrong in the last digit is pinned down in test_errata.py).
"""

import math

import numpy as np
import pytest

from ffnn_edu.experiments.worked_examples import (
    BACKPROP_221,
    LUNCH,
    MATRIX,
    PERCEPTRON,
    SOURCE_221,
    SOURCE_LUNCH,
    SOURCE_MATRIX,
    SOURCE_PERCEPTRON,
    backprop_221_network,
    backprop_221_values,
    lunch_values,
    matrix_values,
    perceptron_values,
)
from ffnn_edu.nn.neuron import layer_logits, logit
from ffnn_edu.nn.perceptron import perceptron_update


def test_perceptron_example_updates_to_2_3_minus_2_6_1_5():
    v = perceptron_values()
    assert v["z"] == pytest.approx(SOURCE_PERCEPTRON["z"], abs=1e-12)
    assert v["case"] == "add"
    assert v["new"] == pytest.approx(SOURCE_PERCEPTRON["new"], abs=1e-12)
    step = perceptron_update(
        PERCEPTRON["x"], PERCEPTRON["t"], PERCEPTRON["w"], PERCEPTRON["b"]
    )
    assert step.prediction == 0
    assert logit(PERCEPTRON["x"], PERCEPTRON["w"], PERCEPTRON["b"])[0] < 0


def test_matrix_example_gives_21_42_63():
    assert matrix_values() == pytest.approx(SOURCE_MATRIX["z"], abs=1e-12)
    W = np.array(MATRIX["W"])
    x = np.array(MATRIX["x"])
    assert layer_logits(x, W) == pytest.approx(W.T @ x)
    # the rows are proportional, so any x with 0.1 x1 + x2 = 21 gives the same result
    assert layer_logits([0.0, 21.0], W) == pytest.approx([21.0, 42.0, 63.0])


def test_lunch_example_gives_the_sources_products_residual_and_update():
    v = lunch_values()
    assert v["products"] == pytest.approx(SOURCE_LUNCH["products"], abs=1e-12)
    assert v["prediction"] == pytest.approx(SOURCE_LUNCH["prediction"], abs=1e-12)
    assert v["residual"] == pytest.approx(0.36, abs=1e-12)
    # one delta-rule step with eta = 1/3: each price moves by quantity * 0.36 / 3
    expected = np.array(LUNCH["guess"]) + np.array(LUNCH["quantities"]) * 0.36 / 3
    assert v["updated_guess"] == pytest.approx(expected, abs=1e-12)
    assert v["updated_guess"] == pytest.approx((6.0276, 3.018, 3.0324), abs=1e-12)


def _reference_221(
    weights, x=BACKPROP_221["x"], t=BACKPROP_221["t"], eta=BACKPROP_221["eta"]
):
    """The whole example in plain Python, following the textbook's formulas."""

    def s(z):
        return 1.0 / (1.0 + math.exp(-z))

    w1, w2, w3, w4, w5, w6 = (weights[k] for k in ("w1", "w2", "w3", "w4", "w5", "w6"))
    xa, xb = x
    z_C, z_D = xa * w1 + xb * w3, xa * w2 + xb * w4
    y_C, y_D = s(z_C), s(z_D)
    z_F = y_C * w5 + y_D * w6
    y_F = s(z_F)
    out = {
        "z_C": z_C,
        "z_D": z_D,
        "y_C": y_C,
        "y_D": y_D,
        "z_F": z_F,
        "y_F": y_F,
        "E": 0.5 * (t - y_F) ** 2,
        "dE/dy_F": -(t - y_F),
        "dy_F/dz_F": y_F * (1 - y_F),
    }
    out["dE/dz_F"] = out["dE/dy_F"] * out["dy_F/dz_F"]
    out["dE/dw5"], out["dE/dw6"] = out["dE/dz_F"] * y_C, out["dE/dz_F"] * y_D
    out["dE/dy_C"], out["dE/dy_D"] = w5 * out["dE/dz_F"], w6 * out["dE/dz_F"]
    out["dy_C/dz_C"], out["dy_D/dz_D"] = y_C * (1 - y_C), y_D * (1 - y_D)
    d_C, d_D = out["dE/dy_C"] * out["dy_C/dz_C"], out["dE/dy_D"] * out["dy_D/dz_D"]
    out.update(
        {"dE/dw1": d_C * xa, "dE/dw3": d_C * xb, "dE/dw2": d_D * xa, "dE/dw4": d_D * xb}
    )
    for k in ("w1", "w2", "w3", "w4", "w5", "w6"):
        out[f"{k}_new"] = weights[k] - eta * out[f"dE/d{k}"]
    return out


def test_221_example_every_value_exactly():
    reference = _reference_221(BACKPROP_221["w"])
    new_weights = {
        k: reference[f"{k}_new"] for k in ("w1", "w2", "w3", "w4", "w5", "w6")
    }
    second = _reference_221(new_weights)
    for k in ("z_C", "z_D", "y_C", "y_D", "z_F", "y_F", "E"):
        reference[f"{k}_new"] = second[k]
    values = backprop_221_values()
    assert set(SOURCE_221) <= set(values)
    for name, exact in reference.items():
        assert values[name] == pytest.approx(exact, abs=1e-9), name


def test_221_example_as_the_source_prints_it():
    values = backprop_221_values()
    for name, printed in SOURCE_221.items():
        assert values[name] == pytest.approx(printed, abs=6e-4), name
    assert round(values["E"], 4) == 0.0739
    assert values["E_new"] < values["E"]  # one step lowers the error
    for name in ("y_C", "y_D", "y_F", "dE/dw5", "w5_new", "w6_new", "E_new"):
        assert round(values[name], 4) == pytest.approx(
            {
                "y_C": 0.5869,
                "y_D": 0.5893,
                "y_F": 0.6156,
                "dE/dw5": -0.0534,
                "w5_new": 0.2374,
                "w6_new": 0.6375,
                "E_new": 0.0698,
            }[name],
            abs=1e-12,
        ), name


def test_221_network_layout_and_gradients():
    net = backprop_221_network()
    assert net.biases is None
    assert net.weights[0] == pytest.approx(np.array([[0.1, 0.5], [0.4, 0.3]]))
    assert net.weights[1] == pytest.approx(np.array([[0.2], [0.6]]))
    grads = net.backprop([BACKPROP_221["x"]], [BACKPROP_221["t"]])
    v = backprop_221_values()
    assert grads.weights[0] == pytest.approx(
        np.array([[v["dE/dw1"], v["dE/dw2"]], [v["dE/dw3"], v["dE/dw4"]]]), abs=1e-15
    )
    assert grads.weights[1] == pytest.approx(
        np.array([[v["dE/dw5"]], [v["dE/dw6"]]]), abs=1e-15
    )
    assert grads.loss == pytest.approx(v["E"], abs=1e-15)
    assert grads.deltas[1] == pytest.approx(np.array([[v["dE/dz_F"]]]), abs=1e-15)


def test_gates_of_the_221_example_add_passes_on_and_multiply_swaps():
    """Chapter 7: z_F = w5 y_C + w6 y_D; the add gate hands dE/dz_F on unchanged, the
    multiply gate gives each input the other input's value times it."""
    from ffnn_edu.experiments.worked_examples import BACKPROP_221, backprop_221_values

    v, w = backprop_221_values(), BACKPROP_221["w"]
    arriving = v["dE/dz_F"]
    assert v["dE/dw5"] == pytest.approx(v["y_C"] * arriving, rel=1e-12)
    assert v["dE/dw6"] == pytest.approx(v["y_D"] * arriving, rel=1e-12)
    assert v["dE/dy_C"] == pytest.approx(w["w5"] * arriving, rel=1e-12)
    assert v["dE/dy_D"] == pytest.approx(w["w6"] * arriving, rel=1e-12)
