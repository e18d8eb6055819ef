"""Chapter 8: bumps from pairs of steep sigmoids, and what more of them buy."""

import numpy as np
import pytest

from ffnn_edu.experiments.universality import bump_network, largest_gap, wiggly


def test_a_bump_is_its_height_inside_and_zero_outside():
    net = bump_network(lambda x: np.full_like(x, 0.7), 1, steepness=60.0)
    inside = net.forward(np.array([[0.3], [0.5], [0.7]]))[:, 0]
    outside = net.forward(np.array([[-1.5], [2.5]]))[:, 0]
    assert np.allclose(inside, 0.7, atol=1e-6) and np.allclose(outside, 0.0, atol=1e-6)


def test_a_bump_is_two_sigmoid_units_with_opposite_output_weights():
    net = bump_network(wiggly, 3)
    assert net.layer_sizes == (1, 6, 1)
    assert [a.name for a in net.activations] == ["sigmoid", "linear"]
    out = net.weights[1][:, 0]
    assert np.allclose(out[0::2], -out[1::2])
    assert np.allclose(out[0::2], wiggly(np.array([1, 3, 5]) / 6))


@pytest.mark.parametrize(
    "f",
    [wiggly, np.sin, lambda x: np.abs(x - 0.4)],
    ids=["wiggly", "sine", "kink"],
)
def test_the_gap_halves_when_the_bumps_double(f):
    """Chapter 8's claim: the largest gap shrinks about in proportion to 1/n."""
    gaps = [largest_gap(bump_network(f, n), f) for n in (10, 20, 40, 80, 160)]
    assert all(b < a for a, b in zip(gaps, gaps[1:]))
    ratios = [a / b for a, b in zip(gaps, gaps[1:])]
    assert all(1.6 < r < 2.4 for r in ratios), ratios


def test_the_chapters_gaps():
    gaps = {n: largest_gap(bump_network(wiggly, n), wiggly) for n in (10, 20, 50)}
    assert gaps[10] > gaps[20] > gaps[50]
    assert gaps[50] < 0.05 < gaps[10]


@pytest.mark.parametrize(
    "kwargs, error, part",
    [
        ({"f": 3.0}, TypeError, "f must be a function"),
        ({"n_bumps": 0}, ValueError, "n_bumps"),
        ({"n_bumps": 10_000}, ValueError, "n_bumps must be at most 500"),
        ({"steepness": 0.0}, ValueError, "steepness"),
        ({"interval": (1.0, 0.0)}, ValueError, "interval must be (low, high)"),
    ],
)
def test_bump_network_refuses_bad_arguments_by_name(kwargs, error, part):
    arguments = {"f": wiggly, "n_bumps": 5, **kwargs}
    with pytest.raises(error) as info:
        bump_network(**arguments)
    assert part in str(info.value)


def test_largest_gap_refuses_more_points_than_max_points():
    """points=10**10 asked numpy for 75 GiB (a MemoryError)."""
    with pytest.raises(ValueError, match=r"^this would make ") as refused:
        largest_gap(bump_network(wiggly, 5), wiggly, points=10**10)
    assert str(refused.value) == (
        "this would make 10000000000 inputs (points), more than MAX_POINTS = 1000000"
    )
