"""Self-checks for the dropout chapter.

The exercises use one hidden unit whose activation is ``EXERCISE_ACTIVATION``
and a dropout rate of ``EXERCISE_RATE``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache

import numpy as np

from ffnn_edu.nn.dropout import dropout_mask
from ffnn_edu.nn.validation import apart

from .feedback import Feedback, as_numbers, matrix_results, shape_message
from .web import (
    Field,
    Stage,
    WebCheck,
    at_zero,
    near,
    not_negative,
    positive,
    web_check,
)

__all__ = [
    "dropout_scale",
    "kept_and_mean_activation",
    "prediction_scale",
    "dropout_implementation",
]

EXERCISE_RATE = 0.25
EXERCISE_ACTIVATION = 0.6


def _keep() -> float:
    return 1.0 - EXERCISE_RATE


def _package_scale() -> float:
    """The nonzero value of a package mask (the scale of the kept units)."""
    mask = dropout_mask((1, 64), EXERCISE_RATE, np.random.default_rng(0))
    return float(mask.max())


@web_check
def dropout_scale_form() -> WebCheck:
    """The inverted-dropout factor, for the Python check and the web page."""
    keep = _keep()
    stage = Stage(
        "compare",
        ("factor",),
        _package_scale(),
        hints=[
            at_zero(
                "A factor of 0 would switch the kept units off too: a kept unit keeps "
                "its value and is made larger."
            ),
            positive(
                "The factor is positive: a kept unit keeps its sign and is made "
                "larger. Check the sign."
            ),
            (
                near(keep, atol=2e-3),
                "That is the probability of keeping a unit. Kept units must be made "
                "larger, not smaller, to make up for the ones that were dropped.",
            ),
            (
                near(EXERCISE_RATE, atol=2e-3),
                "That is the dropout rate itself; the factor depends on the chance of "
                "keeping a unit.",
            ),
            (
                near(1.0 / EXERCISE_RATE, atol=2e-3),
                "You divided by the dropout rate; divide by the probability of keeping "
                "the unit.",
            ),
        ],
        options={
            "tolerance": 2e-3,
            "praise": "Kept units are scaled up so that the average over many masks is "
            "unchanged.",
            "generic_hint": "The factor is chosen so that (chance of keeping) x factor "
            "= 1.",
        },
    )
    return WebCheck("dropout_scale", (Field("factor", "Factor"),), (stage,))


def dropout_scale(factor: float) -> Feedback:
    """Exercise: the factor inverted dropout multiplies a kept unit by at rate 0.25.

    Examples
    --------
    >>> dropout_scale(0.75).correct
    False
    """
    return dropout_scale_form().judge(factor)


@web_check
def kept_and_mean_activation_form() -> WebCheck:
    """A kept unit's value and the mean, for the Python check and the page."""
    a, keep = EXERCISE_ACTIVATION, _keep()
    kept_value = a * _package_scale()
    kept = Stage(
        "compare",
        ("kept",),
        kept_value,
        hints=[
            not_negative(
                "A kept unit keeps the sign of its activation and is made larger. "
                "Check the sign."
            ),
            (
                near(a, atol=2e-3),
                "That is the activation before the mask: a kept unit is also rescaled.",
            ),
            (
                near(a * keep, atol=2e-3),
                "You multiplied by the chance of keeping the unit; inverted dropout "
                "divides by it.",
            ),
            (
                near(0.0, atol=2e-3),
                "Zero is what a dropped unit sends; the question asks about a kept "
                "one.",
            ),
        ],
        options={
            "tolerance": 2e-3,
            "generic_hint": "Multiply the activation by the inverted-dropout factor.",
            "what": "the value if kept",
        },
    )
    mean = Stage(
        "compare",
        ("mean",),
        a,
        hints=[
            not_negative(
                "The mean of the positive kept value and 0 is positive. Check the sign."
            ),
            (
                near(a * keep, atol=2e-3),
                "That would be the mean without the rescaling. Weigh the kept value "
                "(not 0.6) by its probability.",
            ),
            (
                near(kept_value, atol=2e-3),
                "That is the value when the unit is kept; the unit is dropped a "
                "quarter of the time.",
            ),
        ],
        options={
            "tolerance": 2e-3,
            "praise": "Both right: the rescaling leaves the expected activation "
            "unchanged.",
            "generic_hint": "The kept value is right. The mean is P(kept) x kept value "
            "+ P(dropped) x 0.",
            "what": "the mean value",
        },
    )
    return WebCheck(
        "kept_and_mean_activation",
        (Field("kept", "Value if kept"), Field("mean", "Mean value")),
        (kept, mean),
        swapped="You swapped the two answers: both values are right, but each is in "
        "the other's box. A kept unit sends the rescaled value; the mean also counts "
        "the times it is dropped.",
    )


def kept_and_mean_activation(kept: float, mean: float) -> Feedback:
    """Exercise: what the next layer receives from a kept unit, and on average.

    The unit's activation is 0.6 and the dropout rate is 0.25.

    Examples
    --------
    >>> kept_and_mean_activation(0.6, 0.45).correct
    False
    """
    return kept_and_mean_activation_form().judge(kept, mean)


@web_check
def prediction_scale_form() -> WebCheck:
    """The factor at prediction time, for the Python check and the page."""
    keep = _keep()
    stage = Stage(
        "compare",
        ("factor",),
        1.0,
        hints=[
            not_negative(
                "A factor below 0 would flip the sign of every activation. Check "
                "the sign."
            ),
            (
                near(keep),
                "Multiplying by the keep probability at prediction time belongs to the "
                "original, non-inverted dropout. Here the rescaling already happened "
                "during training.",
            ),
            (
                near(1.0 / keep),
                "That factor is applied during training, to the units that were kept.",
            ),
            (near(0.0), "Nothing is dropped when the network predicts."),
        ],
        options={
            "tolerance": 1e-9,
            "praise": "At prediction time the full network runs unchanged.",
            "generic_hint": "Think about where the rescaling happened: during training "
            "or during prediction?",
        },
    )
    return WebCheck("prediction_scale", (Field("factor", "Factor"),), (stage,))


def prediction_scale(factor: float) -> Feedback:
    """Exercise: the factor hidden activations are multiplied by at prediction time.

    The network was trained with inverted dropout at rate 0.25.

    Examples
    --------
    >>> prediction_scale(0.75).correct
    False
    """
    return prediction_scale_form().judge(factor)


def _mask(
    make_mask: Callable[..., np.ndarray],
    shape: tuple[int, int],
    rate: float,
    rng: np.random.Generator,
) -> np.ndarray | Feedback:
    """A mask from the learner's function, as finite reals of ``shape``, or Feedback."""
    try:
        result = make_mask(shape, rate, rng)
    except Exception as error:  # the learner's code: report, don't crash
        return Feedback(
            False,
            f"Your function raised {type(error).__name__}: {error}. "
            "It is called as make_mask(shape, rate, rng).",
        )
    matrices = matrix_results([("the mask", result)])
    if matrices is not None:
        return matrices
    # the form names the shape, so that a mask too large to read (9 million numbers)
    # is still told the shape it should have (issue 16)
    mask = as_numbers(
        result,
        "your mask",
        form=f"an array of numbers of shape {shape}",
        allow_bool=True,
    )
    if isinstance(mask, Feedback):
        return mask
    if mask.shape != shape:
        return Feedback(
            False,
            shape_message(
                "your mask",
                shape,
                "the shape make_mask was given, one row per sample and one column "
                "per unit",
                mask,
            ),
        )
    scale = 1.0 / (1.0 - rate)
    kind = np.dtype(getattr(result, "dtype", mask.dtype))
    if kind.kind in "iu" and not scale.is_integer():
        # the values check read an astype(int) of a scaled mask as "only 0s and 1s:
        # scale the kept units up", though the learner had; at rate 0.5 the factor,
        # 2, is whole, so an integer mask shows there whether it was scaled
        cannot = (
            f"Your mask is an integer array ({kind}), which cannot hold the scale "
            f"factor of the kept units at rate {rate}, 1/(1 - {rate}) = {scale:g}"
        )
        halved = _mask(make_mask, shape, 0.5, np.random.default_rng(0))
        if isinstance(halved, np.ndarray) and set(np.unique(halved).tolist()) == {
            0.0,
            2.0,
        }:
            return Feedback(
                False,
                f"{cannot}: you scale the kept units (by 2 at rate 0.5), but a cast "
                f"to int (astype(int)) cuts the scaled values to whole numbers, "
                f"{scale:g} to {int(scale)}. Keep the mask in floats (leave out the "
                "int dtype or astype).",
            )
        return Feedback(
            False,
            f"{cannot}. Keep the mask in floats (leave out the int dtype or astype), "
            "and scale the kept units up by 1/(1 - rate).",
        )
    return mask


def _quick_mask(
    make_mask: Callable[..., np.ndarray],
    shape: tuple[int, int],
    rate: float,
    rng: np.random.Generator,
) -> np.ndarray | Feedback:
    """A mask as :func:`_mask` gives it, taken as returned if a plain finite real array.

    :func:`_mask` reads every entry (for text), some 40 ms a mask of 100 000; the
    extra calls of :func:`_too_even_totals` would make the check four times slower.
    Anything else (an error, another type, shape or value) is called again through
    :func:`_mask` for its message.
    """
    try:
        result = make_mask(shape, rate, rng)
    except Exception:  # the learner's code: _mask reports it
        result = None
    if (
        type(result) is np.ndarray
        and result.dtype.kind in "biuf"
        and result.shape == shape
        and bool(np.isfinite(result).all())
    ):
        return result
    return _mask(make_mask, shape, rate, rng)


def _agreement(dropped: np.ndarray, axis: int) -> float:
    """How often neighbouring samples (axis 0) or units (axis 1) share their fate."""
    first = dropped[:-1] if axis == 0 else dropped[:, :-1]
    second = dropped[1:] if axis == 0 else dropped[:, 1:]
    return float(np.mean(first == second))


#: Entries this close to 0 but not 0 are named as "near 0, not 0" when they are at
#: least 1 % of the mask: rounded to nine decimals they read as 0, and a mask of 1e-12
#: for its dropped units was told it "drops none of the units" (issue 16, kind D).
_NEAR_ZERO = 1e-6


def _percent(fraction: float, decimals: int = 0) -> str:
    """``fraction`` as a percentage, never 0 % or 100 % of something that is neither.

    More decimals where fewer would read as none or all.

    >>> _percent(0.2), _percent(0.003), _percent(0.9996, 1), _percent(1.0)
    ('20%', '0.3%', '99.96%', '100%')
    """
    for more in range(decimals, 10):
        text = f"{fraction:.{more}%}"
        if fraction in (0.0, 1.0) or float(text[:-1]) not in (0.0, 100.0):
            return text
    return f"{fraction:%}"


def _near_zero(mask: np.ndarray, rate: float) -> Feedback | None:
    """Feedback if some entries are near 0 but not exactly 0, else None."""
    tiny = (mask != 0.0) & (np.abs(mask) < _NEAR_ZERO)
    if np.mean(tiny) < 0.01:  # a stray small value among others is no dropped unit
        return None
    values = np.unique(mask[tiny])
    what = (
        f"{float(values[0]):.3g}"
        if values.size == 1
        else f"between {float(values.min()):.3g} and {float(values.max()):.3g}"
    )
    return Feedback(
        False,
        f"At rate {rate} the dropped entries must be exactly 0, but about "
        f"{_percent(float(np.mean(tiny)))} of your entries are {what} (near 0, not 0). "
        "Multiply by exactly 0 to drop a unit.",
    )


def _other_values(mask: np.ndarray, rate: float) -> str:
    """The entries that are neither 0 nor the kept scale, named with their shares."""
    scale = 1.0 / (1.0 - rate)
    other = (mask != 0.0) & ~np.isclose(mask, scale, rtol=1e-6, atol=0.0)
    values, counts = np.unique(np.round(mask[other], 9), return_counts=True)
    if values.size == 0 or values.size > 3:
        return ""
    named = ", ".join(
        f"about {_percent(count / mask.size)} are {apart(value, scale, 4)}"
        for value, count in zip(values.tolist(), counts.tolist(), strict=True)
    )
    return f" None of your entries is exactly 0: {named}."


def _lower_tail_ratio(df: int) -> float:
    """The variance ratio a chi-square with ``df`` degrees falls below once in 1e9.

    Wilson-Hilferty, six standard deviations below the mean: 0.631 for 399 degrees,
    0.551 for 249, within 0.2 % of the exact quantile and a hair below it.
    """
    c = 2.0 / (9.0 * df)
    return float((1.0 - c - 6.0 * np.sqrt(c)) ** 3)


def _chi_square_cdf(x: float, df: int) -> float:
    """P(chi-square with ``df`` degrees < ``x``), by the incomplete gamma series."""
    if x <= 0.0:
        return 0.0
    a, y = df / 2.0, x / 2.0
    term = total = 1.0
    n = 0
    while term > 1e-17 * total:
        n += 1
        term *= y / (a + n)
        total += term
    return math.exp(a * math.log(y) - y - math.lgamma(a + 1.0)) * total


@cache
def _lower_tail_quantile(df: int, alpha: float = 1e-9) -> float:
    """The variance ratio (chi-square over ``df``) a right mask falls below w.p. alpha.

    Exact (bisection on the series), for the few degrees of :func:`_too_even_totals`,
    where Wilson-Hilferty's six standard deviations are far off: 0.0309 for 15 degrees,
    scipy's chi2.ppf(1e-9, 15) / 15 to twelve digits.
    """
    low, high = 0.0, float(df)
    for _ in range(100):
        middle = (low + high) / 2.0
        if _chi_square_cdf(middle, df) < alpha:
            low = middle
        else:
            high = middle
    return low / df


def _too_even_counts(dropped: np.ndarray, share: float) -> Feedback | None:
    """Feedback if the number dropped per sample (or per unit) varies too little.

    Drawn unit by unit, the count of a row of n entries is binomial, variance
    n p (1 - p); a mask that drops exactly rate x n units in every sample (a
    permutation of a fixed set of zeros) passes every other test. The spread of the
    counts, over its binomial variance, is a chi-square over its degrees of freedom;
    a spread below :func:`_lower_tail_ratio` happens to a right mask with probability
    below 1e-9 per test (four tests a call). Issue 16 (kind D, a fresh reviewer).
    """
    for axis in (0, 1):
        counts = dropped.sum(axis=1 - axis)
        n = dropped.shape[1 - axis]
        ratio = float(np.var(counts, ddof=1)) / (n * share * (1.0 - share))
        if ratio >= _lower_tail_ratio(counts.size - 1):
            continue
        low, high = int(counts.min()), int(counts.max())
        if axis == 0:
            same = f"Every sample drops exactly the same number of units ({low} of {n})"
            narrow = (
                f"The number of units a sample drops varies far less than independent "
                f"draws would make it (from {low} to {high} of {n} in every sample)"
            )
            why = "so the number dropped varies from sample to sample"
        else:
            same = (
                f"Every unit is dropped in exactly the same number of samples ({low} "
                f"of {n})"
            )
            narrow = (
                f"The number of samples that drop a unit varies far less than "
                f"independent draws would make it (from {low} to {high} of {n} for "
                "every unit)"
            )
            why = "so how often a unit is dropped varies from unit to unit"
        return Feedback(
            False,
            f"{same if low == high else narrow}: a proper mask draws each unit of each "
            f"sample on its own, {why}.",
        )
    return None


_SWITCHED_OFF = (
    "Units are dropped with probability 1 - rate: the rate is the chance of being "
    "switched OFF."
)


def _same_share(p: float, q: float, n: int) -> bool:
    """Whether shares ``p`` and ``q`` of ``n`` draws each differ by sampling noise only.

    Within four standard errors of their difference: two masks of 100,000 entries that
    drop the same share differ by about 0.2 % at rate 0.3, while 0.2 % and 0.5 % (a
    rate read as a percentage) differ by eleven standard errors, and were called equal
    ("the share it drops ignores rate") when 2 points counted as equal.
    """
    noise = np.sqrt((p * (1 - p) + q * (1 - q)) / n)
    return bool(abs(p - q) <= 4 * noise + 1e-12)


#: How many masks :func:`_one_draw_per_mask` asks for at rate 0.5: a mask made from
#: one random number comes out all kept or all dropped, each half the time, so both
#: turn up unless the calls all fall one way (a chance of 2 in 2**30).
_PROBE_CALLS = 30


def _one_draw_per_mask(
    make_mask: Callable[..., np.ndarray], shape: tuple[int, int]
) -> Feedback | None:
    """Feedback if the masks are made from one random number each, else None.

    Called when a mask dropped none or all of its units. A right mask of ``shape``
    does that with a chance below 0.8 ** 100,000; a mask made from one draw for the
    whole array does it every time, all kept on some calls and all dropped on
    others. A mask that keeps all (or drops all) on every call is left to the
    share's message (it ignores rate). Issue 16: ``np.full(shape, float(rng.random()
    >= rate))`` was told only "drops none of the units".
    """
    rng = np.random.default_rng(2)
    fates = set()
    for _ in range(_PROBE_CALLS):
        mask = _mask(make_mask, shape, 0.5, rng)
        if isinstance(mask, Feedback):
            return mask
        dropped = mask == 0.0
        if dropped.any() and not dropped.all():
            return None  # not one fate for the whole mask: judged by the share
        fates.add(bool(dropped.all()))
        if len(fates) == 2:
            return Feedback(
                False,
                "Each of your masks keeps all its units or drops all of them: on "
                "some calls every unit is kept, on others every unit is dropped. "
                "One random number decides the whole mask. Draw one random number "
                "per unit and per sample, so that each unit of each sample is "
                "dropped on its own.",
            )
    return None


#: How many masks :func:`_too_even_totals` compares at each rate (the two the check
#: makes, and more from the same rng): the spread of 16 totals falls below
#: :func:`_lower_tail_quantile` (3.1 % of the binomial variance) once in 1e9 for a
#: right mask, and 16 totals all the same count happen with a chance below 300**-15.
_TOTAL_CALLS = 16


def _too_even_totals(
    make_mask: Callable[..., np.ndarray],
    masks: list[np.ndarray],
    rate: float,
    rng: np.random.Generator,
) -> Feedback | None:
    """Feedback if the number dropped in all varies too little from call to call.

    Drawn unit by unit, the total dropped of a mask of N entries is binomial, variance
    N rate (1 - rate); a mask that drops a fixed number of entries placed at random
    (``rng.choice(size, round(rate * size), replace=False)``) passes the tests of
    rows and columns, whose counts still spread. The totals of ``masks`` and of more
    calls on ``rng``, up to :data:`_TOTAL_CALLS`, are compared with that variance as
    :func:`_too_even_counts` compares the rows'. Issue 16 (kind D, a fresh reviewer):
    exactly 20 000 of 100 000 dropped on every call was praised.
    """
    masks = list(masks)
    shape = (masks[0].shape[0], masks[0].shape[1])
    while len(masks) < _TOTAL_CALLS:
        mask = _quick_mask(make_mask, shape, rate, rng)
        if isinstance(mask, Feedback):
            return mask
        masks.append(mask)
    totals = np.array([int(np.count_nonzero(mask == 0.0)) for mask in masks])
    n = masks[0].size
    ratio = float(np.var(totals, ddof=1)) / (n * rate * (1.0 - rate))
    if ratio >= _lower_tail_quantile(totals.size - 1):
        return None
    low, high = int(totals.min()), int(totals.max())
    what = (
        f"Every call drops exactly the same number of units in all ({low} of {n})"
        if low == high
        else "The number of units a call drops in all varies far less than "
        f"independent draws would make it (from {low} to {high} of {n} over "
        f"{totals.size} calls)"
    )
    return Feedback(
        False,
        f"{what}: a proper mask draws each unit of each sample on its own, so the "
        "total varies from call to call.",
    )


def _wrong_share(
    make_mask: Callable[..., np.ndarray],
    shape: tuple[int, int],
    rate: float,
    share: float,
) -> Feedback:
    """What a mask that drops ``share`` of the units at ``rate`` does wrong.

    It may drop none or all, ignore ``rate`` (it drops as many at another rate),
    read the rate as the chance of keeping a unit, or drop some other share.
    """
    if share in (0.0, 1.0):
        return Feedback(
            False,
            f"At rate {rate} your mask drops {'none' if share == 0.0 else 'all'} of "
            "the units: each unit is dropped with probability rate.",
        )
    other = 0.5 if rate != 0.5 else 0.2
    mask = _mask(make_mask, shape, other, np.random.default_rng(1))
    if isinstance(mask, Feedback):
        return mask
    other_share = float(np.mean(mask == 0.0))
    n = mask.size
    if _same_share(share, other_share, n):
        return Feedback(
            False,
            f"At rate {rate} your mask drops {_percent(share)} of the units, and as "
            f"many ({_percent(other_share)}) at rate {other}: the share it drops "
            "ignores rate. "
            "Drop each unit with probability rate, the argument your function is "
            "given.",
        )
    if _same_share(share, rate / 100, n) and _same_share(other_share, other / 100, n):
        return Feedback(
            False,
            f"At rate {rate} your mask drops {_percent(share, 1)} of the units, and "
            f"{_percent(other_share, 1)} at rate {other}: about a hundredth of rate "
            "each time, far fewer than rate at every rate. Is rate read as a "
            "percentage? It is a probability between 0 and 1: drop each unit with "
            "probability rate itself.",
        )
    if share < rate / 3 and other_share < other / 3:
        return Feedback(
            False,
            f"At rate {rate} your mask drops {_percent(share, 1)} of the units, and "
            f"{_percent(other_share, 1)} at rate {other}: far fewer than rate at "
            "every rate. "
            "Drop each unit with probability rate.",
        )
    if abs(share - (1.0 - rate)) < 0.02:
        return Feedback(False, _SWITCHED_OFF)
    return Feedback(
        False,
        f"At rate {rate} your mask drops {_percent(share)} of the units: each unit is "
        "dropped with probability rate.",
    )


def dropout_implementation(make_mask: Callable[..., np.ndarray]) -> Feedback:
    r"""Exercise: write inverted dropout yourself, ``make_mask(shape, rate, rng)``.

    The learner's function must return an array of the given shape whose entries are 0
    (the unit is dropped, with probability ``rate``, independently for every unit and
    every sample) or :math:`1/(1 - \text{rate})` (kept and scaled up), drawn afresh on
    every call from ``rng``. The check runs it for two rates on a large shape and judges
    what the masks do, so any correct implementation passes:

    * the values (0 and the one scale factor; entries near 0 but not 0 are named) and
      the share of dropped entries;
    * that samples get different masks, and units within a sample too (neighbouring rows
      and columns agree about as often as independent draws would), that no mask is
      decided by one random number (all kept on some calls, all dropped on others), and
      that the number dropped per sample and per unit spreads as a binomial count does
      (not the same rate x n in every row, say), and so does the number dropped in all
      from call to call (not exactly rate x size on every call);
    * that two calls give different masks, and that the same seed gives the same masks
      (the randomness comes from ``rng``, not from ``np.random`` or a generator of its
      own).

    Examples
    --------
    >>> dropout_implementation(lambda shape, rate, rng: np.ones(shape)).correct
    False
    >>> dropout_implementation(lambda shape, rate, rng:
    ...     (rng.random(shape) >= rate) / (1 - rate)).correct
    True
    """
    if not callable(make_mask):
        return Feedback(
            False,
            "Pass your function itself, e.g. check.dropout_implementation(my_mask), "
            "not the result of calling it.",
        )
    shape = (400, 250)
    for rate in (0.2, 0.5):
        rng = np.random.default_rng(0)
        first = _mask(make_mask, shape, rate, rng)
        if isinstance(first, Feedback):
            return first
        second = _mask(make_mask, shape, rate, rng)
        if isinstance(second, Feedback):
            return second
        near = _near_zero(first, rate)
        if near is not None:
            return near
        values = set(np.unique(np.round(first, 9)).tolist())
        kept = values - {0.0}
        dropped = first == 0.0
        share = float(np.mean(dropped))
        if len(kept) > 1:
            return Feedback(
                False,
                f"At rate {rate} your mask holds values other than 0 and the "
                "one scale factor of the kept units."
                + (_other_values(first, rate) if share == 0.0 else ""),
            )
        if 0.0 < share < 1.0:
            if (dropped == dropped[0]).all():
                return Feedback(
                    False,
                    "Every sample gets the same mask: the same units are dropped for "
                    "all rows. Dropout draws afresh for every sample (every training "
                    "case trains its own thinned network), so draw one random number "
                    "per unit and per sample.",
                )
            if (dropped == dropped[:, :1]).all():
                return Feedback(
                    False,
                    "Within a sample all units are dropped or all are kept: your mask "
                    "switches off whole samples. Draw one random number per unit and "
                    "per sample.",
                )
        else:
            whole = _one_draw_per_mask(make_mask, shape)
            if whole is not None:
                return whole
        # The share first: a wrong share also makes a right-looking scale wrong (and a
        # scale that makes up for the wrong share look right), so it explains both.
        if abs(share - rate) > 0.02:
            return _wrong_share(make_mask, shape, rate, share)
        scale = min(kept) if kept else 0.0
        if scale == 1.0:
            return Feedback(
                False,
                "Your mask holds only 0s and 1s: the kept units must also be scaled "
                "up, so that the expected value of a unit stays the same (inverted "
                "dropout).",
            )
        if 0.0 < scale < 1.0:
            return Feedback(
                False,
                f"At rate {rate} your mask scales the kept units down (by a factor "
                "below 1). Inverted dropout scales them up in training, so that the "
                "expected value of a unit stays the same and prediction needs no "
                "scaling.",
            )
        right = round(1.0 / (1.0 - rate), 9)
        if scale > 1.0 and scale != right:
            return Feedback(
                False,
                f"At rate {rate} your mask scales the kept units up by "
                f"{apart(scale, right, 4)}, but then the expected value of a unit is "
                f"{apart(scale * (1.0 - rate), 1.0, 4)} times what it was: the factor "
                "must make up for exactly the share of units dropped, no more and no "
                "less.",
            )
        if scale != right:
            return Feedback(
                False,
                f"At rate {rate} your mask holds values other than 0 and the "
                "one scale factor of the kept units.",
            )
        independent = rate**2 + (1.0 - rate) ** 2  # P(two independent entries agree)
        if abs(_agreement(dropped, 0) - independent) > 0.03:
            return Feedback(
                False,
                "Neighbouring samples get masks that agree more (or less) often than "
                "independent draws would: every unit of every sample needs its own "
                "random draw.",
            )
        if abs(_agreement(dropped, 1) - independent) > 0.03:
            return Feedback(
                False,
                "Neighbouring units get masks that agree more (or less) often than "
                "independent draws would: every unit of every sample needs its own "
                "random draw.",
            )
        even = _too_even_counts(dropped, share)
        if even is not None:
            return even
        if np.array_equal(first, second):
            return Feedback(
                False,
                "Two calls gave the same mask: draw a fresh one from rng every time "
                "(every batch gets its own).",
            )
        again = _mask(make_mask, shape, rate, np.random.default_rng(0))
        if isinstance(again, Feedback):
            return again
        if not np.array_equal(first, again):
            return Feedback(
                False,
                "Two generators with the same seed gave different masks, so your mask "
                "does not come from rng alone. Draw the random numbers from the rng "
                "argument (not from np.random or a generator of your own), so that a "
                "run can be repeated.",
            )
        total = _too_even_totals(make_mask, [first, second], rate, rng)
        if total is not None:
            return total
    return Feedback(
        True,
        "Your masks drop the right share of units, independently for every unit and "
        "sample, scale the survivors so the expected activation is unchanged, and come "
        "fresh from rng on every call.",
    )
