"""Time how a self-check reads a learner's array: ``feedback.as_numbers``.

Every check reads its answer through
:func:`ffnn_edu.show.check.feedback.as_numbers`, which refuses text, None, complex
numbers, truth values, dates, NaN and infinity with a message that names the problem.
Chapter 13's ``check.dropout_implementation`` reads four 400 x 250 masks a learner's
``make_mask`` returns (two per rate), and chapter 16's checks read arrays of the digits'
size. This script times ``as_numbers`` on arrays of that size, as the checks call it:

* a float64 mask (kept units scaled by ``1 / (1 - rate)``), a bool mask (accepted with
  ``allow_bool``, as the dropout check does), an int64 mask and a float32 one;
* for comparison, the same mask as a list of lists, which numpy must read entry by entry
  whatever ``as_numbers`` does, and a float64 mask with one NaN (refused);
* the dropout self-check as a whole (``check.dropout_implementation`` with a right
  ``make_mask``).

Run with ``python bench/bench_answers.py`` (``--repeats N``, default 7); it prints the
median and best time of each in milliseconds. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from ffnn_edu.show.check.dropout import dropout_implementation
from ffnn_edu.show.check.feedback import Feedback, as_numbers

#: The shape of the dropout self-check's masks: 400 samples, 250 units.
SHAPE = (400, 250)


def _timed(call: Callable[[], Any], repeats: int) -> tuple[float, float]:
    """Median and best wall-clock time of ``call`` over ``repeats`` runs, in ms."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times), min(times)


def _masks() -> dict[str, tuple[Any, bool]]:
    """The answers timed, each with whether it is read with ``allow_bool``."""
    rng = np.random.default_rng(0)
    kept = rng.random(SHAPE) >= 0.5
    with_nan = kept / 0.5
    with_nan[123, 45] = np.nan
    return {
        "float64 mask": (kept / 0.5, False),
        "bool mask (allow_bool)": (kept, True),
        "int64 mask": (kept.astype(np.int64), False),
        "float32 mask": ((kept / 0.5).astype(np.float32), False),
        "float64 mask with a NaN (refused)": (with_nan, False),
        "list of lists (float)": ((kept / 0.5).tolist(), False),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    repeats = parser.parse_args().repeats
    print(f"as_numbers on a {SHAPE[0]} x {SHAPE[1]} answer, ms (median, best):")
    for name, (answer, allow_bool) in _masks().items():
        result = as_numbers(answer, "your mask", allow_bool=allow_bool)
        verdict = "refused" if isinstance(result, Feedback) else "read"
        read = functools.partial(as_numbers, answer, "your mask", allow_bool=allow_bool)
        median, best = _timed(read, repeats)
        print(f"  {name:<36} {median:8.2f} {best:8.2f}  ({verdict})")

    def make_mask(shape: tuple[int, int], rate: float, rng: Any) -> np.ndarray:
        return (rng.random(shape) >= rate) / (1 - rate)

    median, best = _timed(lambda: dropout_implementation(make_mask), repeats)
    whole = f"{median:.1f} median, {best:.1f} best"
    print(f"check.dropout_implementation (right), ms: {whole}")


if __name__ == "__main__":
    main()
