"""Geometry of network diagrams: where neurons sit and where weight labels fit.

:func:`ffnn_edu.show.plotting.draw_network` draws; this module decides where. A
weight label is a rotated rectangle lying along its edge; it is slid along the
edge until it clears every neuron, every note and every label placed before it.
All coordinates here are display pixels, so the test of "does not overlap" is
the one a reader's eye makes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ffnn_edu.nn.validation import check_sizes, check_work, checked, counted

#: Horizontal distance between layers and vertical distance
#: between neurons (data units).
LAYER_GAP, NEURON_GAP = 3.0, 1.5
#: Radius of a neuron's circle (data units).
RADIUS = 0.36
#: Most neurons a diagram places (:func:`neuron_positions`) and
#: :func:`~ffnn_edu.show.plotting.draw_network` draws, one circle each (10 000 took six
#: seconds, a million would take ten minutes); also the most boxes of a computational
#: graph (:func:`~ffnn_edu.show.computational_graph.draw_graph`).
MAX_DRAWN_NEURONS = 1_000


def diagram_sizes(value: Any, name: str) -> tuple[int, ...]:
    """Checker: the neurons per layer of a diagram, at most :data:`MAX_DRAWN_NEURONS`.

    A list, tuple, ``range`` or 1-D array is counted before any size is read (every
    layer holds a neuron or more), and the sizes are added up before any neuron is
    placed.

    Examples
    --------
    >>> diagram_sizes((10**9, 2), "layer_sizes")
    Traceback (most recent call last):
    ...
    ValueError: this would make 1000000002 neurons (layer_sizes with 2 layers, up to
    1000000000 wide), more than MAX_DRAWN_NEURONS = 1000
    """
    if isinstance(value, (list, tuple, range)) or (
        isinstance(value, np.ndarray) and value.ndim == 1
    ):
        check_work(
            len(value),
            MAX_DRAWN_NEURONS,
            f"neurons or more ({name} with {len(value)} layers)",
            "MAX_DRAWN_NEURONS",
        )
    sizes = check_sizes(value, name)
    check_work(
        sum(sizes),
        MAX_DRAWN_NEURONS,
        f"neurons ({name} with {counted(len(sizes), 'layer')}, up to {max(sizes)} "
        "wide)",
        "MAX_DRAWN_NEURONS",
    )
    return sizes


@checked(layer_sizes=diagram_sizes)
def neuron_positions(
    layer_sizes: Sequence[int],
) -> dict[tuple[int, int], tuple[float, float]]:
    """Centre of neuron ``j`` of layer ``l``: layers left to right, centred on y = 0.

    Raises
    ------
    TypeError, ValueError
        If ``layer_sizes`` is not a sequence of sizes >= 1 (:func:`diagram_sizes`), or
        holds more than :data:`MAX_DRAWN_NEURONS` neurons, counted before any is placed.

    Examples
    --------
    >>> neuron_positions((2, 1))
    {(0, 0): (0.0, 0.75), (0, 1): (0.0, -0.75), (1, 0): (3.0, 0.0)}
    """
    return {
        (l, j): (LAYER_GAP * l, NEURON_GAP * ((n - 1) / 2 - j))
        for l, n in enumerate(layer_sizes)
        for j in range(n)
    }


@dataclass(frozen=True)
class Box:
    """A rectangle in display pixels: centre, direction of its long side, half-sizes."""

    centre: np.ndarray
    along: np.ndarray
    half_length: float
    half_height: float

    def corners(self) -> np.ndarray:
        """The four corners, shape (4, 2)."""
        across = np.array([-self.along[1], self.along[0]])
        a, b = self.half_length * self.along, self.half_height * across
        return np.array(
            [
                self.centre + a + b,
                self.centre + a - b,
                self.centre - a - b,
                self.centre - a + b,
            ]
        )

    def overlaps(self, other: Box) -> bool:
        """Separating-axis test for two rotated rectangles."""
        mine, theirs = self.corners(), other.corners()
        for box in (self, other):
            for axis in (box.along, np.array([-box.along[1], box.along[0]])):
                p, q = mine @ axis, theirs @ axis
                if p.max() <= q.min() or q.max() <= p.min():
                    return False
        return True

    def distance_to(self, point: np.ndarray) -> float:
        """Distance from ``point`` to the rectangle (0 inside)."""
        across = np.array([-self.along[1], self.along[0]])
        d = point - self.centre
        u = max(abs(d @ self.along) - self.half_length, 0.0)
        v = max(abs(d @ across) - self.half_height, 0.0)
        return float(np.hypot(u, v))


def fits(
    box: Box, circles: Sequence[tuple[np.ndarray, float]], placed: Sequence[Box]
) -> bool:
    """True if ``box`` clears every circle ``(centre, radius)`` and every placed box."""
    return all(box.distance_to(c) > r for c, r in circles) and not any(
        box.overlaps(other) for other in placed
    )


def slide_along_edge(
    start: np.ndarray,
    end: np.ndarray,
    preferred: float,
    half_length: float,
    half_height: float,
    circles: Sequence[tuple[np.ndarray, float]],
    placed: Sequence[Box],
    step: float = 0.02,
) -> tuple[float, Box, bool]:
    """Where on the way from ``start`` to ``end`` (nearest ``preferred``) a label fits.

    Candidates are tried in order of distance from ``preferred`` (between 0.08
    and 0.92 of the edge). Returns the fraction, the label's box and whether
    it fits; if no place fits, the preferred place and False.
    """
    vector = end - start
    along = vector / np.linalg.norm(vector)
    offsets = np.arange(0.0, 1.0, step)
    candidates = [preferred] + [preferred + s * o for o in offsets[1:] for s in (-1, 1)]
    for t in candidates:
        if not 0.08 <= t <= 0.92:
            continue
        box = Box(start + t * vector, along, half_length, half_height)
        if fits(box, circles, placed):
            return t, box, True
    return (
        preferred,
        Box(start + preferred * vector, along, half_length, half_height),
        False,
    )
