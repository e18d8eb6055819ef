"""What every self-check says: nothing judged while the placeholder ``...`` is there,
"give more digits" for a right answer rounded too far, limits checked as limits."""

import datetime
import json
import re
import warnings
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from ffnn_edu.show import check
from ffnn_edu.show.check.feedback import (
    FLOAT32_ROUNDING,
    FLOAT64_ROUNDING,
    UNQUOTE,
    Feedback,
    Pending,
    as_number,
    as_numbers,
    compare,
    compare_count,
    compare_limit,
    decimals_needed,
    in_the_page,
    matrix_results,
    more_digits_message,
    rounding_allowance,
    rounds_to,
    run_answer,
    swapped_answers,
    weights_and_bias_swapped,
)
from ffnn_edu.show.check.web import near, sum_off


@pytest.mark.parametrize("name", check._CHECKS)
def test_every_check_waits_for_an_answer(name):
    checker = getattr(check, name)
    n_args = checker.__wrapped__.__code__.co_argcount
    verdict = checker(*([...] * n_args))
    assert isinstance(verdict, Pending)
    shown = verdict._repr_markdown_() + repr(verdict)
    for word in ("Right", "Not yet", "✅", "❌", "hint"):
        assert word not in shown


def test_a_placeholder_in_any_argument_is_enough_to_wait():
    assert isinstance(check.backprop_w1(-0.05, ...), Pending)
    assert isinstance(check.samples_processed([..., ..., ...]), Pending)
    assert isinstance(check.delta_rule_step([6.0, ..., 3.0]), Pending)
    assert not isinstance(check.backprop_w1(-0.05, 0.2), Pending)


@pytest.mark.parametrize(
    "answer, exact",
    [(1.33, 4 / 3), (0.73, 0.734), ([0.73, 1.33], [0.734, 4 / 3]), (-0.82, -0.8234)],
)
def test_a_right_answer_with_too_few_digits_is_told_to_give_more(answer, exact):
    verdict = compare(answer, exact, hints=[(lambda a: True, "a conceptual hint")])
    assert not verdict.correct
    assert verdict.message.startswith("Right idea") and "3 decimals" in verdict.message
    assert str(round(np.ravel(exact)[0], 3)) not in verdict.message


@pytest.mark.parametrize(
    "answer, exact",
    [(1.34, 4 / 3), (1.0, 4 / 3), (0.8, 0.734), ([1.0, 0.0, 0.0], [0.71, 0.26, 0.04])],
)
def test_a_wrong_or_whole_one_digit_answer_is_not_called_a_rounding(answer, exact):
    assert not rounds_to(np.asarray(answer), np.asarray(exact), 5e-4)
    assert not compare(answer, exact).message.startswith("Right idea")


@pytest.mark.parametrize(
    "answer, exact",
    [
        (0.7, 0.69612215),  # 0.70 typed: a float keeps no trailing zero
        (0.1, 0.10499),  # 0.10
        ([0.7, 0.09, -0.79], [0.69612215, 0.09420989, -0.79033204]),
        (2.0, 2.00312),  # 2.00
    ],
)
def test_a_rounding_to_two_decimals_ending_in_zero_is_told_to_give_more_digits(
    answer, exact
):
    # the slip: rounds_to asked each entry to show two decimals or two digits
    assert rounds_to(np.asarray(answer), np.asarray(exact), 5e-4)
    verdict = compare(answer, exact, hints=[(lambda a: True, "a conceptual hint")])
    assert verdict.message == more_digits_message(5e-4)


def test_a_trailing_zero_counts_only_to_fewer_decimals_than_the_tolerance_needs():
    # 0.7 is 0.70004 rounded to 2 and 3 decimals, but 5e-5 needs 5 decimals, and 1e-2
    # needs 2: 0.7 for 0.70004 is then simply right (within 1e-2)
    assert rounds_to(np.asarray(0.7), np.asarray(0.70004), 5e-5)
    assert not rounds_to(np.asarray(0.7), np.asarray(0.81), 5e-5)  # 0.8 rounded


@pytest.mark.parametrize(
    "form, what, says",
    [
        ("a list of 3 whole numbers", "your list of counts", "is None, not numbers"),
        ("an array of numbers of shape (2, 2)", "W", "W is None, not numbers"),
        ("a list of 2 numbers", "the weights", "are None, not numbers"),
        ("a single number", "the bias", "The bias is None, not a number"),
        ("a whole number", "the row", "The row is None, not a number"),
    ],
)
def test_none_is_told_it_is_not_numbers_of_the_expected_form(form, what, says):
    """Issue 16: "Your list of counts is None, not a number", "W is None, not a number":
    None followed the answer's name, text and truth values the expected form."""
    message = as_numbers(None, what, form=form).message
    assert says in message
    text = as_numbers("x", what, form=form).message
    assert (" not numbers" in text) == (" not numbers" in message)


def test_counts_in_the_messages_agree_with_their_nouns():
    assert more_digits_message(0.05).endswith("at least 1 decimal.")
    assert compare([1.0, 2.0], [1.0]).message == (
        "Your answer must have shape (1,): 1 number; got shape (2,)."
    )


def test_run_answer_turns_only_an_overflow_into_feedback():
    def overflows():
        raise ValueError("the forward pass overflowed: X or the weights are too large")

    def other():
        raise ValueError("W must have 2 rows")

    verdict = run_answer(overflows, "network", "XOR")
    assert not verdict.correct and "XOR needs only moderate weights" in verdict.message
    assert run_answer(lambda: 3, "network", "XOR") == 3
    with pytest.raises(ValueError, match=r"^W must have 2 rows$"):
        run_answer(other, "network", "XOR")


def test_decimals_needed_follows_the_tolerance():
    assert [decimals_needed(t) for t in (0.5, 0.05, 5e-4, 1e-6)] == [0, 1, 3, 6]


@pytest.mark.parametrize(
    "answer, correct",
    [
        (0.1, True),
        (0.0995, True),
        (0.099, True),
        (0.0989, False),
        (0.1001, False),
        (0.2, False),
    ],
)
def test_a_limit_is_right_at_or_just_below_it(answer, correct):
    assert compare_limit(answer, 0.1).correct is correct


@pytest.mark.parametrize("limit", [0.1, 13.486, 2 / 3, 1 / 7, 3e-5])
def test_a_limit_rounded_to_float32_is_right_and_just_past_it_is_not(limit):
    """Issue 16, kind D: a float32 rounding of the limit lies up to a relative 6e-8
    above it and was told "Just past the limit"; past it by 2e-7 or more (a learner's
    "just past" is the limit times 1.001) still is."""
    assert compare_limit(np.float32(limit), limit).correct
    assert compare_limit(float(np.float32(limit)), limit).correct  # via .item()
    assert compare_limit(np.nextafter(limit, 1.0), limit).correct  # float64's
    for past in (limit * (1 + 2e-7), limit * 1.001):
        assert compare_limit(past, limit).message.startswith("Just past the limit")


@pytest.mark.parametrize("limit", [0.1, 13.48617666891436, 2 / 3, 1 / 7, 3e-5])
def test_a_decimal_above_a_limit_is_past_it_however_close(limit):
    """Issue 16, kind D: the float32 allowance applied to any answer, so 13.486177
    typed (2.5e-8 above the limit 13.4861766689...) and 0.10000001 were "Right!",
    though any value above the limit fails. Only a float32 number (a float32 result)
    gets float32's rounding; any other, float64's."""
    for above in (1e-7, 2.5e-8, 0.9 * FLOAT32_ROUNDING):
        past = float(f"{limit * (1 + above):.9g}")  # typed with nine digits
        assert past > limit * (1 + FLOAT64_ROUNDING)
        assert rounding_allowance(past) == FLOAT64_ROUNDING  # no float32 number
        verdict = compare_limit(past, limit)
        assert verdict.message.startswith("Just past the limit"), (limit, past)
    edge = limit * (1 + FLOAT32_ROUNDING)  # right only if a float32 number (2/3's is)
    assert compare_limit(edge, limit).correct is (float(np.float32(edge)) == edge)


def test_only_a_number_float32_holds_gets_float32s_rounding():
    assert rounding_allowance(np.float32(2) / np.float32(20)) == FLOAT32_ROUNDING
    assert rounding_allowance(float(np.float32(13.486177))) == FLOAT32_ROUNDING
    assert rounding_allowance(np.float16(0.1)) == FLOAT32_ROUNDING  # float32 holds it
    for typed in (13.486177, 0.10000001, 0.1, 1e300):
        assert rounding_allowance(typed) == FLOAT64_ROUNDING == 1e-12


def test_just_past_a_limit_says_so_without_the_value():
    verdict = compare_limit(13.49, 13.486)
    assert not verdict.correct and "Just past the limit" in verdict.message
    assert "13.4" not in verdict.message


@pytest.mark.parametrize(
    "answer, message", [("a lot", "single number"), (np.inf, "NaN")]
)
def test_compare_limit_reports_malformed_answers(answer, message):
    assert message in compare_limit(answer, 1.0).message


@pytest.mark.parametrize(
    "what, expected",
    [
        ("the weights", "The weights have a decimal comma"),
        ("the bias", "The bias has a decimal comma"),
        ("your list of counts", "Your list of counts has a decimal comma"),
        ("the logits z", "The logits z have a decimal comma"),
        ("the learning rate η", "The learning rate η has a decimal comma"),
        ("the outputs y", "The outputs y have a decimal comma"),
        ("W", "W has a decimal comma"),
    ],
)
def test_messages_agree_with_the_name_of_the_answer(what, expected):
    """Issue 16: "The weights is text" (the verb agrees with the name now), and a
    symbol after the noun is its name, not the noun ("The logits z has")."""
    assert compare("0,5", [1.0, 2.0], what=what).message.startswith(expected)
    assert compare(None, [1.0, 2.0], what=what).message.startswith(
        expected.replace("have a decimal comma", "are None").replace(
            "has a decimal comma", "is None"
        )
    )


@pytest.mark.parametrize(
    "answer, message",
    [
        (None, "The weights are None, not numbers"),
        ([None, 1.0], "The weights contain None"),
        ([True, False], "The weights hold truth values (True/False), not numbers"),
        ([1j, 2.0], "The weights hold complex numbers"),
        ([1.0, np.inf], "The weights contain NaN or infinity"),
        ([1.0, 10**400], "The weights hold a number too large for a floating-point"),
    ],
)
def test_every_message_of_as_numbers_agrees_with_a_plural_name(answer, message):
    assert compare(answer, [1.0, 2.0], what="the weights").message.startswith(message)


@pytest.mark.parametrize(
    "expected, whole, form",
    [
        (0.5, False, "a single number"),
        (3, True, "a whole number"),
        ([1.0, 2.0, 3.0], True, "a list of 3 whole numbers"),
        (np.zeros((2, 2)), False, "an array of numbers of shape (2, 2)"),
    ],
)
def test_a_malformed_answer_is_asked_for_the_shape_the_check_expects(
    expected, whole, form
):
    """Issue 16: text for a list was asked for "a whole number" (and a single number
    for "a number or a list of numbers")."""
    judge = compare_count if whole else compare
    numbers = "a number" if np.ndim(expected) == 0 else "numbers"
    assert judge("x", expected).message == (
        f"Your answer should be {form}; 'x' is text, not {numbers}. {UNQUOTE}"
    )


@pytest.mark.parametrize(
    "call",
    [
        lambda: check.sigmoid_chain_bound(0),
        lambda: check.backprop_w1(0, 0.1),
        lambda: compare(0.0, 0.0012),
        lambda: compare([0.0, 0.0], [0.004, 0.0012]),
    ],
)
def test_an_answer_of_0_is_no_rounding_of_a_value_that_is_not_0(call):
    """0 was "Right idea: ... agrees with the exact value to the digits you gave"."""
    verdict = call()
    assert not verdict.correct and "Right idea" not in verdict.message


def test_0_is_still_the_rounding_of_an_exact_0():
    assert rounds_to(np.asarray([0.0, 0.26]), np.asarray([0.0, 0.2595]), 5e-4)
    assert not rounds_to(np.asarray(0.0), np.asarray(0.0012), 5e-4)


@pytest.mark.parametrize(
    "answer, instead",
    [
        ("0,5", "0.5"),
        (" -1,25 ", "-1.25"),
        (["0,5", 1.0], "0.5"),
        ("\u22122,50", "-2.5"),
    ],
)
def test_a_decimal_comma_is_named_not_called_just_text(answer, instead):
    """A reader used to 0,5 learns what to write instead of "text, not a number"."""
    verdict = compare(answer, 0.5 if isinstance(answer, str) else [0.5, 1.0])
    assert verdict.message == (
        f"Your answer has a decimal comma: write {instead}, with a point. {UNQUOTE}"
    )
    assert "decimal comma" not in compare("0.5 0", 0.5).message


@pytest.mark.parametrize(
    "answer, whole, decimal", [("1,000", 1000, "1.0"), ("12,345", 12345, "12.345")]
)
def test_a_comma_before_three_digits_is_given_both_readings(answer, whole, decimal):
    """Issue 16: 1,000 was called a decimal comma (1.0), though it is a thousand in
    English: both readings are named, neither guessed."""
    assert compare_count(answer, 1000, what="the batch size").message == (
        "The batch size has a comma with three digits after it: if it separates "
        f"thousands, write {whole}; if it is a decimal comma, write {decimal}. "
        f"{UNQUOTE}"
    )


def test_commas_between_thousands_are_told_to_go():
    """1,000,000 is no decimal: only its thousands separators are named."""
    assert compare_count(" 1,000,000", 10**6).message == (
        "Your answer has commas that separate thousands, which a number here does "
        f"not: write 1000000. {UNQUOTE}"
    )


@pytest.mark.parametrize(
    "answer, text",
    [("abc", "'abc'"), ("0.5", "'0.5'"), (b"0.5", "'0.5'"), (" 1/x ", "'1/x'")],
)
def test_text_is_named_as_typed_and_asked_for_a_number_in_words_for_both_faces(
    answer, text
):
    """Issue 16: "is text, not a number: give a single number, without quotes" spoke
    Python to the web book's boxes, where every answer is typed text."""
    python = as_number(answer, "the learning rate η").message
    page = in_the_page(python)
    assert page == (
        f"The learning rate η should be a single number; {text} is text, not a number."
    )
    assert python == f"{page} {UNQUOTE}" and "quotes" not in page


def test_the_text_named_in_a_list_is_the_text_entry():
    """numpy turns [1, "0.5"] into the texts "1" and "0.5": the entry typed as text,
    "0.5", is the one named."""
    message = compare([1, "0.5"], [1.0, 0.5]).message
    assert "; '0.5' is text, not a number." in message


def test_an_answer_of_another_shape_is_told_the_shape_and_what_its_axes_hold():
    """Issue 16, kind D: "Expected 4 numbers for W, but got shape (4,)"."""
    assert compare(
        [1, 2, 3, 4],
        np.eye(2),
        what="W",
        axes="one row per input, one column per output unit",
    ).message == (
        "W must have shape (2, 2): one row per input, one column per output unit; "
        "got shape (4,)."
    )
    assert compare_count([1, 2], [1, 2, 3], axes="one count per run").message == (
        "Your answer must have shape (3,): one count per run; got shape (2,)."
    )
    # without axes: how many numbers; for one number, that it is one
    assert compare([1.0, 2.0], 0.5, what="the bias").message == (
        "The bias must be a single number; got shape (2,)."
    )


ROOT = Path(__file__).resolve().parents[1]
CHECK_CALL = re.compile(r"\bcheck\.([A-Za-z_]\w*)\(")


def _named_checks():
    """Every ``check.<name>(`` in the package's sources and the book's prose."""
    named = []
    for path in sorted((ROOT / "ffnn_edu").rglob("*.py")):
        named += [(path.name, n) for n in CHECK_CALL.findall(path.read_text())]
    for path in sorted((ROOT / "book").glob("*.md")):
        named += [(path.name, n) for n in CHECK_CALL.findall(path.read_text())]
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] == "markdown":
                text = "".join(cell["source"])
                named += [(path.name, n) for n in CHECK_CALL.findall(text)]
    return named


# Issue 16 (D): the docstring of ffnn_edu.show.check (what help(check) shows) used
# check.backprop_w5_gradient(-0.05), which does not exist.
def test_every_check_named_in_docstrings_and_the_books_prose_exists():
    named = _named_checks()
    assert len({n for _, n in named}) >= 10  # the scan finds the book's checks
    missing = sorted({(where, n) for where, n in named if not hasattr(check, n)})
    assert missing == []


@pytest.mark.parametrize(
    "what, start",
    [
        ("your answer", "Right idea: your answer agrees"),
        ("the weights", "Right idea: the weights agree"),
        ("the new weight w1", "Right idea: the new weight w1 agrees"),
    ],
)
def test_the_digits_message_names_the_answer_that_needs_them(what, start):
    """Issue 16, kind D: a check of two boxes said "Give more digits" without saying
    which box; compare names the answer by its ``what``."""
    assert more_digits_message(5e-4, what).startswith(start)
    verdict = compare(0.73, 0.7341, what=what)
    assert verdict.message == more_digits_message(5e-4, what)


def _unit(w, b):
    """A check of (w, b) that is right for w = [1, 2, 3], b = 0.5."""
    return Feedback(np.array_equal(w, [1, 2, 3]) and b == 0.5, "")


def test_weights_and_bias_swapped_needs_one_number_and_a_list_of_n():
    assert weights_and_bias_swapped(0.5, [1, 2, 3], 3, _unit).message.startswith(
        "The weights and the bias are in each other's place"
    )
    assert weights_and_bias_swapped(0.5, [1, 2], 3, _unit) is None  # not n weights
    assert weights_and_bias_swapped("a", [1, 2], 2, _unit) is None  # text: own message
    assert weights_and_bias_swapped([1, 2], 0.5, 2, _unit) is None  # in their places


def test_weights_and_bias_are_called_swapped_only_when_exchanged_they_are_right():
    """Issue 16, kind D: one number and a list of n were told "in each other's place"
    on their shape alone, although exchanged they were wrong too (as WebCheck's
    swapped= says a swap only of right values); they are told the order and the
    forms instead, and no value."""
    verdict = weights_and_bias_swapped(0.0, [1, 2, 3], 3, _unit)
    assert verdict.message == (
        "The weights come first, as a list of 3 numbers; the bias is one number."
    )


def test_swapped_answers_says_a_swap_only_of_answers_right_exchanged():
    """The one test behind WebCheck's swapped= and weights_and_bias_swapped."""
    calls = []

    def pair(a, b):
        calls.append((a, b))
        return Feedback(a == 1 and b == 2, "")

    assert swapped_answers(pair, 2, 1, "Swapped.").message == "Swapped."
    assert calls == [(1, 2)]  # the check is asked about the exchanged pair
    assert swapped_answers(pair, 2, 3, "Swapped.") is None
    assert swapped_answers(pair, 1, 2, "Swapped.") is None  # right as given


_TOO_LARGE = "too large for a floating-point number (the largest is about 1.8e308)."


@pytest.mark.parametrize(
    "big",
    [10**400, -(10**400), Fraction(10**400, 3), Decimal("1e400"), Decimal("-1e400")]
    + [np.longdouble("1e4000"), np.longdouble("-1e4000")],
    ids=["int", "-int", "fraction", "decimal", "-decimal", "longdouble", "-longdouble"],
)
def test_a_number_beyond_a_float_is_named_too_large_not_nan_or_infinity(big):
    # issue 16 (a fresh review): a Decimal 1e400 and a longdouble 1e4000 were "NaN or
    # infinity" (the cast to float made them inf) while 10**400 and a Fraction were
    # "too large", and the longdouble's cast let a RuntimeWarning escape
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        one = as_numbers(big)
        several = as_numbers([0.5, big], "the weights")
    assert one.message == f"Your answer is {_TOO_LARGE}"
    assert several.message == f"The weights hold a number {_TOO_LARGE}"


def test_a_self_check_names_a_decimal_beyond_a_float_as_too_large():
    assert repr(check.sigmoid_slope_at_two(Decimal("1e400"))) == (
        f"Not yet. Your answer is {_TOO_LARGE}"
    )


@pytest.mark.parametrize(
    "answer", [np.inf, [0.5, np.nan], Decimal("Infinity"), [Decimal("NaN"), 1]]
)
def test_nan_and_infinity_in_any_type_are_still_named_so(answer):
    assert "NaN or infinity" in as_numbers(answer).message


_NUMERIC_ANSWERS = {
    "float64": np.array([[0.0, 2.0], [2.0, 0.0]]),
    "float32": np.array([0.5, 2.0], dtype=np.float32),
    "float16": np.array([0.5, 2.0], dtype=np.float16),
    "int64": np.array([[1, -2], [3, 4]]),
    "uint64": np.array([0, 2**64 - 1], dtype=np.uint64),
    "longdouble": np.array([0.5, 2.0], dtype=np.longdouble),
    "bool": np.array([True, False]),
    "nan": np.array([[0.5, np.nan], [1.0, 2.0]]),
    "-inf float32": np.array([np.float32("-inf"), 1.0], dtype=np.float32),
    "longdouble 1e4000": np.array([np.longdouble("1e4000"), 1.0]),
    "longdouble 1e4000 and nan": np.array(
        [np.nan, np.longdouble("-1e4000")], dtype=np.longdouble
    ),
    "longdouble nan": np.array([np.nan, 1.0], dtype=np.longdouble),
    "one float": np.array(np.inf),
    "one bool": np.array(True),
}


@pytest.mark.parametrize("answer", _NUMERIC_ANSWERS.values(), ids=_NUMERIC_ANSWERS)
@pytest.mark.parametrize("allow_bool", [False, True])
def test_as_numbers_reads_a_numeric_array_as_it_reads_the_same_list(answer, allow_bool):
    # a bool/int/float ndarray is read whole (vectorised); the list of the same entries
    # still goes entry by entry: the two must agree on the value or the message (a
    # slip: a fast path that forgot NaN, the longdouble's "too large", or truth values)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fast = as_numbers(answer, "the mask", allow_bool=allow_bool)
        slow = as_numbers(answer.tolist(), "the mask", allow_bool=allow_bool)
        if answer.dtype == np.longdouble:  # tolist keeps longdouble entries
            slow = as_numbers(
                np.array(answer, dtype=object), "the mask", allow_bool=allow_bool
            )
    if isinstance(slow, Feedback):
        assert isinstance(fast, Feedback) and fast.message == slow.message
    else:
        assert fast.dtype == np.float64 and np.array_equal(fast, slow)


def test_as_numbers_refuses_a_numeric_array_with_the_same_messages():
    mask = np.ones((400, 250))
    mask[7, 9] = np.nan
    assert (
        as_numbers(mask, "your mask").message == "Your mask contains NaN or infinity."
    )
    assert as_numbers(mask > 0, "your mask").message == (
        "Your mask holds truth values (True/False), not a number: give a number or a "
        "list of numbers."
    )
    huge = np.array([1.0, np.longdouble("1e4000")], dtype=np.longdouble)
    assert as_numbers(huge).message == f"Your answer holds a number {_TOO_LARGE}"


class _NoEntries(np.ndarray):
    """An array that fails if its entries are listed in Python (``tolist``)."""

    def tolist(self):  # type: ignore[override]
        raise AssertionError("read entry by entry")


def test_as_numbers_reads_a_numeric_array_without_listing_its_entries():
    # the speed-up of bench/bench_answers.py: no entry of a 400 x 250 mask goes
    # through Python (the mutant: reading texts from every array again)
    mask = (np.random.default_rng(0).random((400, 250)) >= 0.5) / 0.5
    read = as_numbers(mask.view(_NoEntries), "your mask")
    assert type(read) is np.ndarray and np.array_equal(read, mask)


def test_as_numbers_counts_a_range_before_numpy_reads_it():
    """Issue 16, kind E: as_numbers called np.asarray before any length check, so a
    range of 1e12 passed to a check was made an array (terabytes) first."""
    verdict = as_numbers(range(10**12), form="a list of 2 numbers", most=10_000)
    assert verdict.message == (
        "Your answer holds 1000000000000 numbers; give a list of 2 numbers."
    )
    nested = as_numbers([range(10**12), range(10**12)], "the weights", most=100)
    assert nested.message == (
        "The weights hold more than 100 numbers; give a number or a list of numbers."
    )
    assert as_numbers(range(3)).tolist() == [0.0, 1.0, 2.0]


def test_a_check_reads_a_little_more_than_its_expected_size():
    """compare refuses an answer far longer than the expected value before reading it,
    and tells one of a few more entries its shape (as the page's boxes do)."""
    assert compare(range(10**12), [0.5, 0.5]).message == (
        "Your answer holds 1000000000000 numbers; give a list of 2 numbers."
    )
    assert compare(list(range(97)), [0.5, 0.5]).message.endswith("got shape (97,).")
    assert as_number(range(10**12)).message == (
        "Your answer holds 1000000000000 numbers; give a single number."
    )


def test_a_list_check_refuses_a_huge_range_at_once():
    """Issue 16, kind E: check.layer_output(range(10**12), ...) allocated the range."""
    verdict = check.layer_output(range(10**12), [0.0, 0.5])
    assert verdict.message == (
        "The logits z hold 1000000000000 numbers; give a list of 2 numbers."
    )


def test_matrix_results_names_each_np_matrix_and_passes_plain_arrays():
    """Issue 16: a learner's np.matrix results were given shape advice (keepdims)
    that a matrix, 2-D whatever is done to it, cannot follow."""
    row = np.zeros((1, 2)).view(np.matrix)
    plain = [("dW1", np.zeros((2, 2))), ("db1", np.zeros(2)), ("db2", [0.0, 0.0])]
    assert matrix_results(plain) is None
    one = matrix_results([*plain, ("dW2", row)])
    assert not one.correct
    assert one.message.startswith(
        "Your function returns dW2 as an np.matrix, not as a plain numpy array."
    )
    two = matrix_results([("db1", row), ("dW2", np.zeros(2)), ("db2", row)])
    assert two.message.startswith(
        "Your function returns db1 and db2 as np.matrix objects, not as plain numpy "
        "arrays."
    )


# Issue 16 (D, a fresh review): numpy casts a datetime64 or timedelta64 to a float
# (days or seconds since 1970), so largest_stable_eta(np.datetime64("2020")) got the
# conceptual hint instead of a refusal.
@pytest.mark.parametrize(
    "answer, message",
    [
        (np.datetime64("2020"), "Your answer is a date (datetime64), not a number"),
        (
            np.timedelta64(1, "s"),
            "Your answer is a duration (timedelta64), not a number",
        ),
        (datetime.timedelta(3), "Your answer is a duration (timedelta), not a number"),
        (
            [1, datetime.date(2020, 1, 1)],
            "Your answer holds a date (date), not a number",
        ),
    ],
)
def test_a_date_or_duration_is_refused_as_not_a_number_by_every_check(answer, message):
    feedback = check.largest_stable_eta(answer)
    assert not feedback.correct
    assert feedback.message == f"{message}: give a single number."


def test_a_list_of_dates_is_refused_where_numbers_belong():
    dates = np.array(["2020-01-01", "2021-01-01"], dtype="datetime64[D]")
    assert as_numbers(dates, "the weights", form="a list of 2 numbers").message == (
        "The weights hold a date (datetime64), not numbers: give a list of 2 numbers."
    )


# the same review: a Decimal limit raised "unsupported operand type(s) for *"
@pytest.mark.parametrize("kind", [Decimal, Fraction])
def test_compare_limit_takes_a_decimal_or_fraction_limit_as_its_answers_are_taken(kind):
    limit = kind("0.1") if kind is Decimal else Fraction(1, 10)
    assert compare_limit(limit, limit).correct
    assert compare_limit(0.099, limit).correct
    assert compare_limit(limit * 2, limit).message == (
        "Work out where the factor leaves [-1, 1]."
    )


# Review 19, F15: [0.7, 0.3, 0.0], the softmax right to its 1 decimal, got the generic
# method hint, while [0.71, 0.26, 0.04] got "give more digits": one rule now for any
# number of decimals, rounded or cut off (the page's answer_check.js follows it too).
@pytest.mark.parametrize(
    "answer, exact",
    [
        (0.4, 0.36),  # one decimal, rounded
        (0.7, 0.734),
        (0.7, 0.79),  # cut off
        (1.41, 1.4179),  # cut off to two decimals
        ([0.7, 0.3, 0.0], [0.7054, 0.2595, 0.0351]),  # a 0 beside decimals shown
        ([0.0, 0.26], [0.004, 0.2595]),  # 0.00, 0.26: both rounded to 2 decimals
    ],
)
def test_an_answer_right_to_its_own_decimals_is_told_to_give_more_digits(answer, exact):
    assert rounds_to(np.asarray(answer), np.asarray(exact), 5e-4)
    verdict = compare(answer, exact, hints=[(lambda a: True, "a conceptual hint")])
    assert verdict.message == more_digits_message(5e-4)


# Review 20, F4: a tie rounded half up, as at school (0.13 for 0.125), was told to
# recompute; rounded half up, half to even or cut off, it is right to its decimals.
@pytest.mark.parametrize(
    "answer, exact",
    [
        (0.13, 0.125),  # half up
        (0.12, 0.125),  # half to even, and cut off
        (0.3, 0.25),
        (0.2, 0.25),
        (2.68, 2.675),  # half up on the shortest form (the float is 2.67499...)
        (2.67, 2.675),
        (-0.13, -0.125),  # away from zero
        ([0.13, 0.38], [0.125, 0.375]),
    ],
)
def test_a_tie_rounded_half_up_or_half_to_even_is_told_to_give_more_digits(
    answer, exact
):
    verdict = compare(answer, exact)
    assert verdict.message == more_digits_message(5e-4)


def test_a_value_one_past_a_ties_rounding_is_still_sent_to_recompute():
    assert not rounds_to(np.array(0.14), np.array(0.125), 5e-4)
    assert not rounds_to(np.array(0.11), np.array(0.125), 5e-4)
    assert not rounds_to(np.array(2.69), np.array(2.675), 5e-4)


def test_a_rounding_that_is_also_a_named_slips_value_gets_the_slips_hint():
    """0.1 is 0.1022 rounded to its decimal, and exactly a random guess's one in ten:
    the "near" hint of that slip names it better than "give more digits"; a hint on a
    property (a sum off 1) does not."""
    slip = (near(0.1, atol=1e-9), "A random guess.")
    assert compare(0.1, 0.1022, hints=[slip]).message == "A random guess."
    prop = (sum_off(1.0, atol=1e-3), "Off 1.")
    verdict = compare([0.71, 0.26, 0.04], [0.7054, 0.2595, 0.0351], hints=[prop])
    assert verdict.message == more_digits_message(5e-4)
