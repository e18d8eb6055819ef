"""What a self-check says back: right, or what is wrong and a hint, never the answer.

Three outcomes:

* :class:`Feedback` with ``correct=True``: the answer is right;
* :class:`Feedback` with ``correct=False``: what looks wrong, and a hint;
* :class:`Pending`: the exercise cell still holds the placeholder ``...``, so
  there is nothing to judge yet. This is what the static web book shows, so a
  reader sees no verdict (and no hint) before trying.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from numpy.typing import ArrayLike

from ffnn_edu.experiments.printed_values import rounded as rounded_half_up
from ffnn_edu.nn.datasets import comma_readings
from ffnn_edu.nn.validation import beyond_float64, counted

#: The first words of a verdict, in the notebook and in the web book's answer boxes.
RIGHT, NOT_YET = "Right!", "Not yet."

#: The relative spacing of float32 numbers, 2**-23 (about 1.2e-7): a float32 rounding
#: of a value, or one float32 operation on it (``np.float32(2) / np.float32(20)``),
#: lies within it of the value. A check that compares an answer exactly allows this
#: much to a float32 number (:func:`rounding_allowance`), so a right answer computed
#: in float32 is right; a slip a learner makes (13.49 for 13.486, or the limit times
#: 1.001) is some ten thousand times larger.
FLOAT32_ROUNDING = float(np.finfo(np.float32).eps)

#: What such a check allows any other number: the rounding of float64 arithmetic
#: (a right value computed by another formula, ``0.1**4`` for 1e-4), with room.
FLOAT64_ROUNDING = 1e-12


def rounding_allowance(x: float) -> float:
    """How far (relative) ``x`` may lie from a right value and be its rounding.

    :data:`FLOAT32_ROUNDING` if float32 holds ``x`` exactly (a float32 result, also
    passed through ``float()`` or ``.item()``), else :data:`FLOAT64_ROUNDING`: a
    decimal typed a little above a limit (13.486177 for 13.4861766689) is no float32
    number, and is beyond it. The answer boxes apply the same test
    (``Math.fround(x) === x`` in ``answer_check.js``).

    Examples
    --------
    >>> rounding_allowance(np.float32(2) / np.float32(20)) == FLOAT32_ROUNDING
    True
    >>> rounding_allowance(0.10000001), rounding_allowance(0.1)  # typed decimals
    (1e-12, 1e-12)
    """
    with np.errstate(over="ignore"):  # beyond float32's range: no float32 number
        exact = float(np.float32(x)) == float(x)
    return FLOAT32_ROUNDING if exact else FLOAT64_ROUNDING


@dataclass(frozen=True)
class Feedback:
    """The verdict of a self-check.

    Attributes
    ----------
    correct : bool
    message : str
        Praise, or a description of what is off and a hint. It never
        contains the expected answer.

    Examples
    --------
    >>> Feedback(True, "Well done.")
    Right! Well done.
    """

    correct: bool
    message: str

    def __repr__(self) -> str:
        return f"{RIGHT if self.correct else NOT_YET} {self.message}"

    def _repr_markdown_(self) -> str:
        mark = f"✅ **{RIGHT}**" if self.correct else f"❌ **{NOT_YET}**"
        return f"{mark} {self.message}"


@dataclass(frozen=True)
class Pending:
    """No answer yet: the exercise cell still passes ``...``.

    Examples
    --------
    >>> Pending()
    Replace ... with your answer and run the cell again.
    """

    correct = False

    def __repr__(self) -> str:
        return "Replace ... with your answer and run the cell again."

    def _repr_markdown_(self) -> str:
        return "*Replace `...` with your answer and run the cell again.*"


Check = TypeVar("Check", bound=Callable[..., Any])
Result = TypeVar("Result")


def run_answer(run: Callable[[], Result], unit: str, task: str) -> Result | Feedback:
    """``run()`` on a learner's weights, or Feedback if they overflow ``unit``.

    A self-check never raises on a numeric answer: weights of 1e308 make the
    library's forward pass (or threshold unit) refuse, rightly, with advice for a
    training run ("scale the inputs"); a learner who typed them is told instead that
    the weights are too large for the arithmetic, and that ``task`` needs only
    moderate ones. Errors of any other kind are not caught.

    Examples
    --------
    >>> from ffnn_edu.nn.perceptron import threshold_unit
    >>> run_answer(lambda: threshold_unit(np.ones((1, 2)), np.full(2, 1e308), 0.0),
    ...            "unit", "AND")
    Not yet. These weights are so large that the unit's arithmetic overflows (beyond
    about 1.8e308); AND needs only moderate weights.
    """
    try:
        return run()
    except ValueError as error:
        if "overflow" not in str(error):
            raise
    return Feedback(
        False,
        f"These weights are so large that the {unit}'s arithmetic overflows (beyond "
        f"about 1.8e308); {task} needs only moderate weights.",
    )


def _holds_placeholder(answer: Any) -> bool:
    """True for ``...`` itself and for a list or tuple with ``...`` anywhere inside."""
    if answer is Ellipsis:
        return True
    return isinstance(answer, (list, tuple)) and any(
        _holds_placeholder(a) for a in answer
    )


def waits_for_an_answer(check: Check) -> Check:
    """Make a self-check return :class:`Pending` while any argument is still ``...``.

    Every public check of :mod:`ffnn_edu.show.check` is wrapped this way, so an
    exercise cell can run with its placeholder without judging (or hinting at)
    anything.

    Examples
    --------
    >>> @waits_for_an_answer
    ... def double_of_two(answer):
    ...     return compare(answer, 4)
    >>> double_of_two(...)
    Replace ... with your answer and run the cell again.
    >>> double_of_two([1, ...])
    Replace ... with your answer and run the cell again.
    >>> double_of_two(4)
    Right! That is the value the package computes.
    """

    @functools.wraps(check)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if any(_holds_placeholder(a) for a in (*args, *kwargs.values())):
            return Pending()
        return check(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def _digits(x: float) -> tuple[int, int]:
    """Decimals and significant digits typed: 1.33 -> (2, 3), 0.073 -> (3, 2)."""
    text = np.format_float_positional(float(x), trim="-")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return decimals, len(text.replace("-", "").replace(".", "").lstrip("0"))


def decimals_needed(tolerance: float) -> int:
    """The fewest decimals whose rounding error fits within ``tolerance``.

    Examples
    --------
    >>> decimals_needed(5e-4), decimals_needed(2e-4)
    (3, 4)
    """
    d = 0
    while 0.5 * 10.0**-d > tolerance:
        d += 1
    return d


def rounds_to(given: np.ndarray, target: np.ndarray, tolerance: float) -> bool:
    """True if ``given`` is ``target`` rounded, right but too rough for ``tolerance``.

    One rule for any number of decimals: every entry of ``given`` must be ``target``
    rounded (half to even, as Python's ``round``, or half up, as at school: 0.13
    and 0.12 for 0.125 both count), or cut off, to the decimals it shows, or to
    more of them (a float keeps no trailing zero: 0.70 typed is 0.7, 0.0 is 0),
    but to fewer decimals than ``tolerance`` needs (so the answer is right but
    needs more digits). A whole number of one digit is read as typed with one
    decimal (2.0 for 2.00312 is 2.00;
    1, 0, 0 for 0.71, 0.26, 0.04 is no rounding: a guess), and an answer of zeros
    shows no digit of a value that is not 0 (0 for 0.0012).

    Examples
    --------
    >>> rounds_to(np.array(1.33), np.array(4 / 3), 5e-4)
    True
    >>> rounds_to(np.array(1.34), np.array(4 / 3), 5e-4)
    False
    >>> rounds_to(np.array(0.4), np.array(0.36), 5e-4)  # one decimal, as two
    True
    >>> rounds_to(np.array(0.7), np.array(0.6961), 5e-4)  # 0.70, typed as a float
    True
    >>> rounds_to(np.array(1.41), np.array(2**0.5 + 0.004), 5e-4)  # cut off
    True
    >>> rounds_to(np.array(0.13), np.array(0.125), 5e-4)  # a tie, half up
    True
    >>> rounds_to(np.array(0.0), np.array(0.0012), 5e-4)  # 0 shows no digit
    False
    >>> rounds_to(np.array([0.7, 0.3, 0.0]),
    ...           np.array([0.7054, 0.2595, 0.0351]), 5e-4)
    True
    >>> rounds_to(np.array([1.0, 0.0, 0.0]),  # whole numbers of one digit: a guess
    ...           np.array([0.7054, 0.2595, 0.0351]), 5e-4)
    False
    """
    needed = decimals_needed(tolerance)
    entries = [(float(g), float(t)) for g, t in zip(given.ravel(), target.ravel())]
    shown = any(g != 0 for g, t in entries) or not any(t for _, t in entries)
    return shown and all(_rounded(g, t, needed) for g, t in entries)


def _rounded(g: float, t: float, needed: int) -> bool:
    """Whether ``g`` is ``t`` rounded or cut off to fewer than ``needed`` decimals.

    Rounded: by Python's ``round`` (the float's binary value, a tie to the even
    digit) or half up on ``t``'s shortest decimal form
    (:func:`~ffnn_edu.experiments.printed_values.rounded`: 2.675 is 2.68).

    ``g`` shows some decimals; rounded or cut off to more of them (up to
    ``needed - 1``), ``t`` may end in zeros that the float ``g`` cannot show, so
    those count too; a whole number of one digit counts from one decimal on. Cut
    off: ``g`` lies between 0 and ``t`` (or is 0), less than one unit of the last
    decimal from it.
    """
    decimals, significant = _digits(g)
    # a whole number of one digit (1, 0) shows no decimal: read as typed 1.0 or 0.0
    first = decimals if decimals > 0 or significant >= 2 else 1
    for d in range(first, needed):
        if np.isclose(round(t, d), g, rtol=0, atol=1e-12):
            return True
        if np.isclose(rounded_half_up(t, d), g, rtol=0, atol=1e-12):
            return True
        toward = g == 0 or (g > 0) == (t > 0)
        if toward and abs(g) <= abs(t) and abs(t) - abs(g) < 10.0**-d - 1e-12:
            return True
    return False


def more_digits_message(tolerance: float, what: str = "your answer") -> str:
    """What :func:`compare` says to the exact value rounded to too few decimals.

    ``what`` names the answer, so that a check of several boxes says which one
    needs the digits.

    Examples
    --------
    >>> more_digits_message(5e-4)[-38:]
    'Give more digits: at least 3 decimals.'
    >>> more_digits_message(2e-4, "the weights")[:39]
    'Right idea: the weights agree with the '
    """
    agrees = "agree" if _plural(what) else "agrees"
    return (
        f"Right idea: {what} {agrees} with the exact value to the digits you gave. "
        "Give more digits: at least "
        f"{counted(decimals_needed(tolerance), 'decimal')}."
    )


#: A hint of :func:`compare`: a test of the reader's wrong answer and the words shown
#: when it holds (a sign slip, a missing factor), for every chapter's checks.
Hint = tuple[Callable[[np.ndarray], bool], str]


def _capital(text: str) -> str:
    """``text`` at the start of a sentence: "the bias" -> "The bias".

    Names of code (``dW1``, ``test_rows``) stay as they are.
    """
    return text[:1].upper() + text[1:] if text.startswith(("your ", "the ")) else text


#: Words ending in "s" that name one thing ("the bias"), not several ("the weights").
_SINGULAR_S = ("bias", "loss", "class", "axis", "basis", "status")


def _plural(what: str) -> bool:
    """Whether ``what`` names several things: "the weights", not "the bias" or "dW1".

    The noun that counts is the first one ("your list of counts" is one list), its
    last word in lower-case letters: a symbol after it ("the logits z", "the learning
    rate η") is the noun's name. Names of code (``W``, ``test_rows``) are one variable
    each.

    Examples
    --------
    >>> [_plural(w) for w in ("the weights", "the bias", "your list of counts", "W")]
    [True, False, False, False]
    >>> [_plural(w) for w in ("the logits z", "the bias b'", "the gradient dE/dw1")]
    [True, False, False]
    """
    if not what.startswith(("the ", "your ")):
        return False
    words = what.split(" of ")[0].split()[1:]
    nouns = [w for w in words if re.fullmatch(r"[a-z]{2,}", w)]
    noun = nouns[-1] if nouns else ""
    return noun.endswith("s") and not noun.endswith(_SINGULAR_S)


def _verb(what: str, one: str, several: str) -> str:
    """``what`` and the verb that agrees with it: "The bias is", "The weights are"."""
    return f"{_capital(what)} {several if _plural(what) else one}"


#: The forms of answer that are one number: "not a number" rather than "not numbers".
_ONE_NUMBER = ("a single number", "a whole number")


#: Dates and durations, which numpy casts to a float (a count of days, seconds, ...).
_TIMES = (np.datetime64, np.timedelta64, datetime.date, datetime.timedelta)


def _a_time(raw: np.ndarray) -> str:
    """What date or duration ``raw`` holds ("date (datetime64)"), or "" if none.

    numpy casts a ``datetime64`` or ``timedelta64`` to a float without a word (the
    days or seconds since 1970), so an answer of one was judged as that number.

    Examples
    --------
    >>> _a_time(np.asarray(np.datetime64("2020"))), _a_time(np.asarray([1, 2]))
    ('date (datetime64)', '')
    >>> _a_time(np.asarray([1, datetime.timedelta(1)], dtype=object))
    'duration (timedelta)'
    """
    if raw.dtype.kind in "mM":
        value = raw.dtype.type(0, "s")
    elif raw.dtype.kind == "O":
        value = next((v for v in raw.ravel().tolist() if isinstance(v, _TIMES)), None)
        if value is None:
            return ""
    else:
        return ""
    kind = (
        "duration"
        if isinstance(value, (np.timedelta64, datetime.timedelta))
        else "date"
    )
    return f"{kind} ({type(value).__name__})"


def _not_numbers(form: str) -> str:
    """What an answer of ``form`` is when it is text or None: "a number" or "numbers".

    The expected answer's form decides, not the name of the answer: "your list of
    counts" is a list of numbers, "W" a matrix of them.

    Examples
    --------
    >>> _not_numbers("a whole number"), _not_numbers("a list of 3 whole numbers")
    ('a number', 'numbers')
    """
    return (
        "a number" if form in _ONE_NUMBER or form.startswith("a number ") else "numbers"
    )


def answer_form(expected: ArrayLike, *, whole: bool = False) -> str:
    """What an answer of the shape of ``expected`` looks like, for the messages.

    Examples
    --------
    >>> answer_form(0.5), answer_form([1, 2], whole=True)
    ('a single number', 'a list of 2 whole numbers')
    >>> answer_form(np.zeros((2, 2)))
    'an array of numbers of shape (2, 2)'
    """
    shape = np.shape(expected)
    number = "whole number" if whole else "number"
    if shape == ():
        return "a whole number" if whole else "a single number"
    if len(shape) == 1:
        return f"a list of {shape[0]} {number}s"
    return f"an array of {number}s of shape {shape}"


#: Said in Python only, after what is wrong with an answer that is text: there, text is
#: what quotes make. A web answer box holds text whatever is typed into it, so the page
#: says the same message without this sentence (:func:`in_the_page`).
UNQUOTE = "Numbers go without quotes."


def in_the_page(message: str) -> str:
    """``message`` as the web book's answer boxes say it: without :data:`UNQUOTE`.

    The one difference between a Python check's words and its answer box's.

    Examples
    --------
    >>> print(as_number("abc").message)
    Your answer should be a single number; 'abc' is text, not a number. Numbers go
    without quotes.
    >>> print(in_the_page(as_number("abc").message))
    Your answer should be a single number; 'abc' is text, not a number.
    """
    return message.removesuffix(" " + UNQUOTE)


def _typed(text: str | bytes) -> str:
    """Text as a reader typed it, as the answer boxes read it: stripped, "−" as "-"."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return text.replace("\u2212", "-").strip()


def _texts(answer: Any) -> list[str | bytes]:
    """The texts in a learner's answer, in order, nested lists and arrays searched.

    Read from the answer itself: numpy turns ``[1, "0.5"]`` into the texts "1", "0.5".
    """
    if isinstance(answer, (str, bytes)):
        return [answer]
    if isinstance(answer, np.ndarray):
        return [v for v in answer.ravel().tolist() if isinstance(v, (str, bytes))]
    if isinstance(answer, (list, tuple)):
        return [t for a in answer for t in _texts(a)]
    return []


def _comma_message(has: str, whole: str | None, decimal: str | None) -> str:
    """What to write instead of a number with a comma (see ``comma_readings``).

    ``has`` is the answer's name and verb ("Your answer has"). The words of the
    thousands separator are those of :func:`~ffnn_edu.nn.datasets.read_csv`.
    """
    if decimal is None:
        return (
            f"{has} commas that separate thousands, which a number here does not: "
            f"write {whole}."
        )
    if whole is None:
        return f"{has} a decimal comma: write {decimal}, with a point."
    return (
        f"{has} a comma with three digits after it: if it separates thousands, "
        f"write {whole}; if it is a decimal comma, write {decimal}."
    )


#: The most numbers :func:`as_numbers` reads from an answer unless told otherwise:
#: every exercise's answer is at most some thousands of numbers.
MAX_ANSWER_NUMBERS = 10**6

#: At least this many numbers are read from an answer of a given shape before it is
#: refused as too long, so that any list one types or pastes is told its shape, in
#: Python as in the web book's answer boxes.
FEW_NUMBERS = 10_000


def _count_numbers(answer: Any, most: int) -> tuple[int, bool]:
    """How many numbers numpy would make of ``answer``, and whether all were counted.

    Lists, tuples and ranges are what ``np.asarray`` reads entry by entry (a range
    of 1e8 becomes an array of 800 MB); a ``range`` or an array is counted by its
    length, a list no further than a little past ``most`` (then the count is short).
    Anything else (a number, a text, a generator, which numpy keeps as one object)
    counts as one.
    """
    if isinstance(answer, np.ndarray):
        return int(answer.size), True
    if isinstance(answer, range):
        return len(answer), True
    if isinstance(answer, (list, tuple)):
        count = 0
        for i, entry in enumerate(answer):
            n, whole = _count_numbers(entry, most - count)
            count += n
            if count > most:
                return count, whole and i == len(answer) - 1
        return count, True
    return 1, True


def as_numbers(
    answer: Any,
    what: str = "your answer",
    *,
    form: str = "a number or a list of numbers",
    allow_bool: bool = False,
    most: int = MAX_ANSWER_NUMBERS,
) -> np.ndarray | Feedback:
    """The answer as an array of real, finite floats, or Feedback saying why not.

    Every check reads a learner's answer through this function (or :func:`as_number`),
    so text, ``None`` (a function without ``return``), complex numbers, truth values,
    ragged lists and numbers too large for a float get a message that names the
    problem instead of a Python error or a wrong verdict.

    Parameters
    ----------
    answer : object
        What the learner passed.
    what : str
        How messages name the answer, e.g. ``"the bias"`` or ``"dW1"``.
    form : str
        What a valid answer looks like, for the messages.
    allow_bool : bool
        Accept True/False as 1/0 (for answers that are labels).
    most : int
        The most numbers the answer may hold; a longer one is refused, counted before
        numpy reads it (``range(10**8)`` was made an array of 800 MB first).

    Examples
    --------
    >>> as_numbers([0.5, 2])
    array([0.5, 2. ])
    >>> as_numbers(None, "the bias")
    Not yet. The bias is None, not a number: does a function you wrote lack its return?
    >>> as_numbers(1 + 2j)
    Not yet. Your answer is a complex number; give real numbers.
    >>> as_numbers(10 ** 400)
    Not yet. Your answer is too large for a floating-point number (the largest is about
    1.8e308).
    >>> as_numbers("0,5")
    Not yet. Your answer has a decimal comma: write 0.5, with a point. Numbers go
    without quotes.
    >>> print(as_numbers([1, "0.5"], "the weights", form="a list of 2 numbers").message)
    The weights should be a list of 2 numbers; '0.5' is text, not a number. Numbers go
    without quotes.
    >>> as_numbers(range(10**8), form="a list of 2 numbers", most=10_000)
    Not yet. Your answer holds 100000000 numbers; give a list of 2 numbers.
    """
    is_, holds, contains = (
        _verb(what, *verbs)
        for verbs in (("is", "are"), ("holds", "hold"), ("contains", "contain"))
    )
    numbers = _not_numbers(form)
    count, whole = _count_numbers(answer, most)
    if count > most:
        held = counted(count, "number") if whole else f"more than {most} numbers"
        return Feedback(False, f"{holds} {held}; give {form}.")
    if answer is None:
        return Feedback(
            False,
            f"{is_} None, not {numbers}: does a function you wrote lack its return?",
        )
    try:
        raw = np.asarray(answer)
    except (TypeError, ValueError):
        return Feedback(
            False,
            f"Give {what} as {form} (a list of lists needs rows of equal length).",
        )
    # an array of bool, int or float holds no None, text, complex number or date: read
    # it whole, without going through its entries in Python (a 400 x 250 mask took
    # 40 ms), with the same refusals
    numeric = isinstance(answer, np.ndarray) and raw.dtype.kind in "biuf"
    if raw.dtype.kind == "O" and any(v is None for v in raw.ravel().tolist()):
        return Feedback(
            False,
            f"{contains} None where a number belongs: does a "
            f"function you wrote lack its return?",
        )
    texts = (
        []
        if numeric
        else _texts(answer)
        or [v for v in raw.ravel().tolist() if isinstance(v, (str, bytes))]
    )
    if texts:
        # a number typed with a comma is told what to write instead, before "text"
        commas = (comma_readings(_typed(v)) for v in texts)
        readings = next((r for r in commas if r is not None), None)
        if readings is not None:
            has = _verb(what, "has", "have")
            return Feedback(False, f"{_comma_message(has, *readings)} {UNQUOTE}")
        # one text is the whole answer, or an entry of a list that should be a number
        one = _not_numbers(form) if raw.ndim == 0 else "a number"
        return Feedback(
            False,
            f"{_capital(what)} should be {form}; '{_typed(texts[0])}' is text, not "
            f"{one}. {UNQUOTE}",
        )
    single = raw.ndim == 0
    if raw.dtype.kind == "c" or (
        raw.dtype.kind == "O"
        and any(
            isinstance(v, (complex, np.complexfloating)) for v in raw.ravel().tolist()
        )
    ):
        kind = f"{is_} a complex number" if single else f"{holds} complex numbers"
        return Feedback(False, f"{kind}; give real numbers.")
    if raw.dtype.kind == "b" and not allow_bool:
        kind = f"{is_} a truth value" if single else f"{holds} truth values"
        return Feedback(False, f"{kind} (True/False), not {numbers}: give {form}.")
    time = _a_time(raw)
    if time:
        kind = f"{is_} a {time}" if single else f"{holds} a {time}"
        return Feedback(False, f"{kind}, not {numbers}: give {form}.")
    too_large = (
        f"{is_} too large for a floating-point number"
        if single
        else f"{holds} a number too large for a floating-point number"
    ) + " (the largest is about 1.8e308)."
    try:
        with np.errstate(over="ignore"):  # a longdouble beyond float64: named below
            given = raw.astype(float)
    except OverflowError:  # a Python int or Fraction
        return Feedback(False, too_large)
    except (TypeError, ValueError):
        return Feedback(False, f"Give {what} as {form}.")
    infinite = ~np.isfinite(given)
    if infinite.any():
        # a Decimal or longdouble beyond float64 became infinity in the cast
        if (
            bool(np.isfinite(raw[infinite]).any())  # a finite float (longdouble)
            if numeric
            else any(beyond_float64(v) for v in raw[infinite].tolist())
        ):
            return Feedback(False, too_large)
        return Feedback(False, f"{is_ if single else contains} NaN or infinity.")
    return given


_LOW_PRECISION = {
    np.dtype(np.float32): "float32 (single precision, about 7 significant digits)",
    np.dtype(np.float16): "float16 (half precision, about 3 significant digits)",
}


def low_precision(answers: Sequence[Any]) -> tuple[str, float] | None:
    """The lowest float precision among a learner's arrays: its name and epsilon.

    None when every answer is float64 (numpy's default), a list or a whole number. A
    float32 result of a right formula differs from the package's float64 value by
    about 1e-7 of its size, which a check that compares at 1e-6 of it took for a
    wrong formula ("dW2 are off, but db2 are right").

    Examples
    --------
    >>> low_precision([np.zeros(2, dtype=np.float32), np.zeros(2)])
    ('float32 (single precision, about 7 significant digits)', 1.1920928955078125e-07)
    >>> low_precision([np.zeros(2), [1.0, 2.0]]) is None
    True
    """
    dtypes = [
        np.dtype(getattr(a, "dtype", None) or np.float64)
        for a in answers
        if isinstance(a, (np.ndarray, np.generic))
    ]
    low = [d for d in dtypes if d in _LOW_PRECISION]
    if not low:
        return None
    worst = max(low, key=lambda d: float(np.finfo(d).eps))
    return _LOW_PRECISION[worst], float(np.finfo(worst).eps)


def matrix_results(results: Sequence[tuple[str, Any]]) -> Feedback | None:
    """Feedback naming the results of a learner's function that are ``np.matrix``.

    ``results`` pairs each result with its name ("db2", "the mask"). An ``np.matrix``
    is 2-D whatever is done to it (a sum over the samples stays a row, so a bias
    gradient cannot come out as a vector) and its ``*`` is the matrix product, not
    the product entry by entry; a check that reported the shape told such a learner
    to "sum without keepdims=True", which changes nothing for a matrix. None when no
    result is one.

    Examples
    --------
    >>> row = np.zeros((1, 2)).view(np.matrix)  # what np.matrix([[0, 0]]) makes
    >>> print(matrix_results([("dW2", np.zeros((3, 2))), ("db2", row)]).message)
    Your function returns db2 as an np.matrix, not as a plain numpy array. An
    np.matrix stays 2-D whatever you do to it (a sum over one axis is still a row or
    a column), and its * is the matrix product, not the product entry by entry. Work
    with plain arrays (np.asarray or np.array make one of a matrix), with @ for a
    matrix product.
    >>> matrix_results([("dW2", np.zeros((3, 2)))]) is None
    True
    """
    names = [name for name, value in results if isinstance(value, np.matrix)]
    if not names:
        return None
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    one = len(names) == 1
    kind = "an np.matrix" if one else "np.matrix objects"
    plain = "a plain numpy array" if one else "plain numpy arrays"
    return Feedback(
        False,
        f"Your function returns {listed} as {kind}, not as {plain}. An np.matrix "
        "stays 2-D whatever you do to it (a sum over one axis is still a row or a "
        "column), and its * is the matrix product, not the product entry by entry. "
        "Work with plain arrays (np.asarray or np.array make one of a matrix), with "
        "@ for a matrix product.",
    )


def agrees_at_precision(
    given: Sequence[np.ndarray], expected: Sequence[np.ndarray], eps: float
) -> bool:
    """Every array within 32 ``eps`` of the largest entry of its expected array.

    The rounding of a right formula in that precision: a few roundings per entry,
    in sums of a few dozen terms (a float32 backpropagation measured at most 3
    epsilon), far below a slip of a formula (a missing slope, a factor of n).
    """
    return all(
        g.shape == e.shape
        and bool(np.all(np.abs(g - e) <= 32 * eps * float(np.abs(e).max(initial=0.0))))
        for g, e in zip(given, expected)
    )


def as_number(
    answer: Any, what: str = "your answer", form: str = "a single number"
) -> float | Feedback:
    """A single real, finite number, or Feedback saying why the answer is not one.

    ``form`` is what the messages ask for ("a whole number" for an index).

    Examples
    --------
    >>> as_number(0.25)
    0.25
    >>> as_number([1, 2], "the bias")
    Not yet. Give the bias as a single number, not a list (it has shape (2,)).
    >>> as_number("abc", "the bias")
    Not yet. The bias should be a single number; 'abc' is text, not a number. Numbers
    go without quotes.
    """
    given = as_numbers(answer, what, form=form, most=FEW_NUMBERS)
    if isinstance(given, Feedback):
        return given
    if given.shape != ():
        return Feedback(
            False,
            f"Give {what} as {form}, not a list (it has shape {given.shape}).",
        )
    return float(given)


def shape_message(what: str, shape: tuple[int, ...], axes: str, given: Any) -> str:
    """A shape refusal: the shape ``what`` must have, what its axes hold, what it has.

    ``axes`` says in the chapter's symbols what runs along each axis ("one row per
    input (x1, x2), one column per output unit"); for an answer of one number, what
    it is asked for instead ("a single number").

    Examples
    --------
    >>> print(shape_message("W", (2, 2), "one row per input (x1, x2), one column "
    ...                     "per output unit", np.zeros(4)))
    W must have shape (2, 2): one row per input (x1, x2), one column per output unit;
    got shape (4,).
    >>> print(shape_message("the bias", (), "a single number", np.zeros(2)))
    The bias must be a single number; got shape (2,).
    """
    got = f"got shape {np.shape(given)}."
    if shape == ():
        return f"{_capital(what)} must be {axes}; {got}"
    return f"{_capital(what)} must have shape {shape}: {axes}; {got}"


def _same_shape(
    answer: Any,
    expected: ArrayLike,
    what: str,
    form: str | None = None,
    *,
    whole: bool = False,
    axes: str | None = None,
) -> tuple[np.ndarray, np.ndarray] | Feedback:
    """Answer and expected value as float arrays of the same shape, or Feedback.

    Hints run only after this, so a hint never sees an answer of the wrong shape.
    ``form`` (what the messages ask for) is by default :func:`answer_form` of
    ``expected``, ``whole`` numbers for counts; ``axes`` what the expected shape's
    axes hold, for the message of an answer of another shape (:func:`shape_message`;
    by default, how many numbers that is).
    """
    if form is None:
        form = answer_form(expected, whole=whole)
    most = max(10 * int(np.size(expected)), FEW_NUMBERS)
    given = as_numbers(answer, what, form=form, most=most)
    if isinstance(given, Feedback):
        return given
    target = np.asarray(expected, dtype=float)
    if given.shape != target.shape:
        if axes is None:
            axes = (
                "a single number"
                if target.ndim == 0
                else counted(target.size, "number")
            )
        return Feedback(False, shape_message(what, target.shape, axes, given))
    return given, target


def _first_hint(given: np.ndarray, hints: Sequence[Hint]) -> str | None:
    for recognises, message in hints:
        if recognises(given):
            return message
    return None


def compare(
    answer: ArrayLike,
    expected: ArrayLike,
    *,
    tolerance: float = 5e-4,
    hints: Sequence[Hint] = (),
    praise: str = "That is the value the package computes.",
    generic_hint: str = "Recompute it step by step.",
    what: str = "your answer",
    form: str | None = None,
    axes: str | None = None,
) -> Feedback:
    """Compare a reader's answer with the expected one and pick the most specific hint.

    Parameters
    ----------
    answer, expected : array_like
        Numbers of the same shape (an answer of the wrong shape is reported as such;
        text, None, complex numbers and the like are refused by :func:`as_numbers`).
    tolerance : float
        Largest accepted absolute difference per entry (answers rounded to 3-4
        decimals should pass). An answer that is the exact value rounded to fewer
        decimals than the tolerance allows is told so ("give more digits"),
        not sent after a conceptual hint, unless a "near" hint names a slip whose
        value it is (0.1, a random guess, for 0.1022).
    hints : sequence of (predicate, message)
        ``predicate(answer)`` recognises a typical mistake; the first match's
        message is returned. Predicates only see finite float answers of the
        expected shape.
    praise, generic_hint : str
        Messages for a right answer and for a wrong one no hint recognises.
    what : str
        How messages about a malformed answer name it (for checks with several answers).
    form : str, optional
        What those messages ask for; by default :func:`answer_form` of ``expected``
        ("a single number", "a list of 3 numbers", ...).
    axes : str, optional
        What the axes of ``expected`` hold, in the chapter's symbols, for the message
        of an answer of another shape ("one probability per class"); by default how
        many numbers it holds. See :func:`shape_message`.

    Examples
    --------
    >>> compare(0.36, 0.36)
    Right! That is the value the package computes.
    >>> compare(-0.36, 0.36,
    ...         hints=[(lambda a: np.allclose(a, -0.36), "Check the sign.")])
    Not yet. Check the sign.
    >>> compare(0.73, 0.7341).message.startswith("Right idea")
    True
    >>> compare(None, 0.36)
    Not yet. Your answer is None, not a number: does a function you wrote lack its
    return?
    """
    parsed = _same_shape(answer, expected, what, form, axes=axes)
    if isinstance(parsed, Feedback):
        return parsed
    given, target = parsed
    if np.allclose(given, target, rtol=0, atol=tolerance):
        return Feedback(True, praise)
    if tolerance > 0 and rounds_to(given, target, tolerance):
        # a slip that gives this very value (0.1, a random guess, for 0.1022) names
        # the answer better than its digits do
        named = _first_hint(given, [h for h in hints if _names_a_value(h[0])])
        return Feedback(False, named or more_digits_message(tolerance, what))
    return Feedback(False, _first_hint(given, hints) or generic_hint)


def _names_a_value(recognises: Callable[[np.ndarray], bool]) -> bool:
    """Whether a hint's test is a "near" rule of a slip's value (not a reordering).

    Such a slip, when the answer is its value, is the better-grounded reading of an
    answer that is also the right value rounded to its digits; a test of a property
    (a sum off 1) or a reordering (the right values) is not.
    """
    return getattr(recognises, "kind", None) == "near" and not getattr(
        recognises, "reorders", False
    )


def compare_count(
    answer: ArrayLike,
    expected: ArrayLike,
    *,
    hints: Sequence[Hint] = (),
    praise: str = "That is the count the package gives.",
    generic_hint: str = "Count again, step by step.",
    not_whole: str = "A count is a whole number: give a whole number, not a fraction.",
    what: str = "your answer",
    form: str | None = None,
    axes: str | None = None,
) -> Feedback:
    """Check an answer that is a count (or several): whole numbers, compared exactly.

    A fraction is never right, however close: it gets ``not_whole`` before any hint
    (only floating-point rounding noise, a relative 1e-9, is forgiven). A malformed
    answer is asked for ``form``, by default :func:`answer_form` of ``expected`` in
    whole numbers ("a whole number", "a list of 3 whole numbers"), and one of another
    shape is told what ``axes`` hold (as in :func:`compare`).

    Examples
    --------
    >>> compare_count(14, 14)
    Right! That is the count the package gives.
    >>> compare_count(13.6, 14).message
    'A count is a whole number: give a whole number, not a fraction.'
    >>> (compare_count([3, 2.0], [3, 2]).correct,
    ...  compare_count(16.999999999999996, 17).correct)
    (True, True)
    """
    parsed = _same_shape(answer, expected, what, form, whole=True, axes=axes)
    if isinstance(parsed, Feedback):
        return parsed
    given, target = parsed
    whole = np.round(given)
    if (np.abs(given - whole) > 1e-9 * np.maximum(1.0, np.abs(given))).any():
        return Feedback(False, not_whole)
    given = whole  # a count computed in floating point may be off by rounding noise
    if np.array_equal(given, target):
        return Feedback(True, praise)
    return Feedback(False, _first_hint(given, hints) or generic_hint)


def as_whole_number(answer: Any, what: str = "your answer") -> int | Feedback:
    """A single whole number (e.g. an index), or Feedback saying why it is not one.

    Examples
    --------
    >>> as_whole_number(2.0)
    2
    >>> as_whole_number(2.9, "the row")
    Not yet. Give the row as a whole number, not 2.9.
    """
    given = as_number(answer, what, form="a whole number")
    if isinstance(given, Feedback):
        return given
    if given != round(given):
        return Feedback(False, f"Give {what} as a whole number, not {given:g}.")
    return int(given)


def swapped_answers(
    check: Callable[[Any, Any], Feedback], first: Any, second: Any, message: str
) -> Feedback | None:
    """``message`` as a wrong verdict if ``check`` finds the answers right exchanged.

    The one test of "you swapped the two answers" for every check of two answers:
    :class:`~ffnn_edu.show.check.web.WebCheck`'s ``swapped`` and
    :func:`weights_and_bias_swapped` both call it. A swap is said only of values that,
    exchanged, are right, so a learner is never sent to exchange wrong values.

    Parameters
    ----------
    check : callable
        Judges two answers in the check's order: ``check(first, second)``.
    first, second : object
        The two answers as given.
    message : str
        What a swap is told; it should not give the values away.

    Returns
    -------
    Feedback or None
        ``Feedback(False, message)`` if ``check(second, first)`` is right, else None.

    Examples
    --------
    >>> def pair(a, b):  # right for a = 1, b = 2
    ...     return Feedback(a == 1 and b == 2, "")
    >>> swapped_answers(pair, 2, 1, "You swapped them.")
    Not yet. You swapped them.
    >>> swapped_answers(pair, 3, 1, "You swapped them.") is None
    True
    """
    if check(second, first).correct:
        return Feedback(False, message)
    return None


def weights_and_bias_swapped(
    w: Any, b: Any, n: int, check: Callable[[Any, Any], Feedback]
) -> Feedback | None:
    """Feedback if ``w`` is one number and ``b`` holds ``n``: the two exchanged.

    For the checks that take ``(w, b)``, a list of ``n`` weights and a bias, and accept
    any ``(w, b)`` that computes the asked function (so they cannot be a
    :class:`~ffnn_edu.show.check.web.WebCheck`, whose page knows one right value);
    ``check`` is the check itself. The answers are said to be swapped only when
    ``check`` finds them right exchanged, by :func:`swapped_answers` (the test
    WebCheck's ``swapped`` makes); otherwise the message says which answer comes
    first and what each is, without a verdict on the values. Before this, the two
    were told only that ``w`` had the wrong shape.

    Examples
    --------
    >>> def unit(w, b):  # right for w = [1, 2], b = -0.5
    ...     return Feedback(list(w) == [1.0, 2.0] and b == -0.5, "")
    >>> weights_and_bias_swapped(-0.5, [1.0, 2.0], 2, unit)
    Not yet. The weights and the bias are in each other's place: the check takes the
    2 weights first, as a list, then the bias, one number.
    >>> weights_and_bias_swapped(0.0, [0.0, 0.0], 2, unit)
    Not yet. The weights come first, as a list of 2 numbers; the bias is one number.
    >>> weights_and_bias_swapped([1.0, 2.0], -0.5, 2, unit) is None
    True
    """
    weights, bias = as_numbers(w), as_numbers(b)
    if isinstance(weights, Feedback) or isinstance(bias, Feedback):
        return None
    if weights.shape != () or bias.shape != (n,):
        return None
    swapped = swapped_answers(
        check,
        w,
        b,
        "The weights and the bias are in each other's place: the check takes the "
        f"{counted(n, 'weight')} first, as a list, then the bias, one number.",
    )
    if swapped is not None:
        return swapped
    return Feedback(
        False,
        f"The weights come first, as a list of {counted(n, 'number')}; the bias is "
        "one number.",
    )


def compare_limit(
    answer: ArrayLike,
    limit: float,
    *,
    relative: float = 0.01,
    hints: Sequence[Hint] = (),
    praise: str = "That is the limit.",
    generic_hint: str = "Work out where the factor leaves [-1, 1].",
    beyond: str = "Just past the limit: at this value the iteration no longer "
    "shrinks. Give the limit itself, with enough digits, or a value just below it.",
    what: str = "your answer",
) -> Feedback:
    """Check an answer that is an upper limit (e.g. the largest stable learning rate).

    A value at or just below ``limit`` (within ``relative`` of it) is right, since every
    such value still works; any value above the limit does not work, however close it
    is, unless it is the limit's rounding (:func:`rounding_allowance`): a float32
    number within :data:`FLOAT32_ROUNDING` of it (the limit computed in float32), any
    other within :data:`FLOAT64_ROUNDING`. A decimal typed above the limit is beyond
    it, 13.486177 for 13.4861766689 too.

    Examples
    --------
    >>> compare_limit(0.099, 0.1).correct, compare_limit(0.1, 0.1).correct
    (True, True)
    >>> compare_limit(np.float32(2) / np.float32(20), 0.1).correct  # 1.5e-8 above
    True
    >>> compare_limit(0.10000001, 0.1).message.startswith("Just past the limit")
    True
    >>> compare_limit(13.49, 13.486).message.startswith("Just past the limit")
    True
    >>> compare_limit(0.1 * 1.001, 0.1).message.startswith("Just past the limit")
    True
    """
    given = as_number(answer, what)
    if isinstance(given, Feedback):
        return given
    limit = float(limit)  # a Decimal or Fraction limit, as answers may be
    if limit * (1.0 - relative) <= given <= limit * (1.0 + rounding_allowance(given)):
        return Feedback(True, praise)
    if limit < given <= limit * (1.0 + relative):
        return Feedback(False, beyond)
    return Feedback(False, _first_hint(np.asarray(given), hints) or generic_hint)
