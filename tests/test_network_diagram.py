"""Where a diagram's neurons sit: the count of neurons is bounded before any is placed.

(The geometry of labels and boxes is tested through ``draw_network`` in
``test_plotting.py``.)"""

import re

import numpy as np
import pytest

from ffnn_edu.show.network_diagram import MAX_DRAWN_NEURONS, neuron_positions


def test_neuron_positions_places_every_neuron_of_a_range_or_an_array():
    assert MAX_DRAWN_NEURONS == 1000
    assert neuron_positions(range(1, 3)) == neuron_positions(np.array([1, 2]))
    assert neuron_positions([1, 2]) == {
        (0, 0): (0.0, 0.0),
        (1, 0): (3.0, 0.75),
        (1, 1): (3.0, -0.75),
    }
    assert len(neuron_positions([500, 500])) == MAX_DRAWN_NEURONS  # the limit itself


# Issue 16 (E): neuron_positions((10**9, 2)) built a dict of a billion positions, and a
# range of layers was read entry by entry, with no limit counted.
@pytest.mark.parametrize(
    "sizes, message",
    [
        (
            (10**9, 2),
            "this would make 1000000002 neurons (layer_sizes with 2 layers, up to "
            "1000000000 wide), more than MAX_DRAWN_NEURONS = 1000",
        ),
        (
            range(1, 10**12),
            "this would make 999999999999 neurons or more (layer_sizes with "
            "999999999999 layers), more than MAX_DRAWN_NEURONS = 1000",
        ),
        (
            [object()] * 1001,  # no size may be looked at
            "this would make 1001 neurons or more (layer_sizes with 1001 layers), more "
            "than MAX_DRAWN_NEURONS = 1000",
        ),
    ],
)
def test_neuron_positions_refuses_more_neurons_than_max_drawn_neurons(sizes, message):
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        neuron_positions(sizes)


def test_neuron_positions_names_its_argument_for_sizes_that_are_no_sizes():
    with pytest.raises(TypeError, match=r"^layer_sizes must be a sequence of layer"):
        neuron_positions(3)
    with pytest.raises(ValueError, match=r"^every entry of layer_sizes must be an int"):
        neuron_positions([2, 0])
