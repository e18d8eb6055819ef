"""draw_network: weight labels at the default place or at a chosen fraction of the edge."""
import matplotlib.pyplot as plt
import pytest

from ffnn_edu.plotting import draw_network


def label_positions(ax):
    return {text.get_text(): text.get_position() for text in ax.texts}


def test_weight_label_fraction_places_the_label_along_the_edge():
    fig, ax = plt.subplots()
    # (2, 3): neuron 0 of the input layer sits at (0, 0.5), neuron 2 of the next at (2.2, -1).
    draw_network(ax, (2, 3), weight_labels={(0, 0, 2): ("a", 0.5), (0, 0, 1): ("b", 0.0)})
    pos = label_positions(ax)
    x0, y0 = pos["b"]                          # fraction 0: at the neuron it leaves
    assert pos["a"] == pytest.approx((x0 + 0.5 * 2.2, y0 + 0.5 * (-1 - y0)))
    plt.close(fig)


def test_plain_string_labels_keep_their_default_place():
    fig, ax = plt.subplots()
    draw_network(ax, (1, 1), weight_labels={(0, 0, 0): "w"})
    assert label_positions(ax)["w"] == pytest.approx((0.3 * 2.2, 0.0))
    plt.close(fig)
