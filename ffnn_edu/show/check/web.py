"""Self-checks that the web book can judge too, from one declaration.

A check written with this module declares its exercise once, as a :class:`WebCheck`:
the answer boxes (one :class:`Field` per argument of the check), and for each box a
:class:`Stage` holding the expected value, its tolerance, the praise and the hints for
typical wrong answers. The Python check calls :meth:`WebCheck.judge`; the book's
extension (``book/_ext/answer_checks.py``) writes the same declaration into the page
as JSON (:meth:`WebCheck.page_data`), where ``book/_static/answer_check.js`` judges a
typed answer the way :func:`~ffnn_edu.show.check.feedback.compare` and its siblings
do. So the value, the tolerance and every message come from the package at build
time, and are typed only here.

A hint's test must be expressible in the page, so it is a :class:`Rule` (close to a
value, below or above a bound, a sum that is off), not a Python lambda.

What the page holds: the expected value is part of the page's data (a tolerance cannot
be judged without it), base64-encoded so that it is neither shown nor found by the
page's search; the box never prints it. A reader who decodes the page's source can
read it, as they can read the hidden solution below every exercise.
"""

from __future__ import annotations

import base64
import functools
import html
import inspect
import itertools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

import numpy as np

from ffnn_edu.nn.validation import counted

from .feedback import (
    FLOAT32_ROUNDING,
    FLOAT64_ROUNDING,
    NOT_YET,
    RIGHT,
    Feedback,
    answer_form,
    as_number,
    as_numbers,
    compare,
    compare_count,
    compare_limit,
    decimals_needed,
    in_the_page,
    more_digits_message,
    rounds_to,
    swapped_answers,
)

__all__ = [
    "Rule",
    "near",
    "equals",
    "below",
    "above",
    "at_most",
    "sum_off",
    "positive",
    "not_negative",
    "reordered",
    "Field",
    "Stage",
    "WebCheck",
    "web_check",
    "REGISTRY",
]

#: Every check that the web book can judge: its name -> the function building its
#: declaration (filled by :func:`web_check`).
REGISTRY: dict[str, Callable[[], WebCheck]] = {}

#: What an answer box says when a box is still empty.
EMPTY = "Type an answer in every box, then press Check."

_KINDS = ("near", "below", "above", "at_most", "sum_off")


@dataclass(frozen=True)
class Rule:
    """A test of an answer (a float array of the expected shape) that the page can run.

    Build one with :func:`near`, :func:`equals`, :func:`below`, :func:`above`,
    :func:`at_most` or :func:`sum_off`.

    Examples
    --------
    >>> near(0.5, atol=1e-3)(np.array(0.5004))
    True
    >>> near([None, 3.0], atol=0, rtol=0)(np.array([7.0, 3.0]))  # None: any value
    True
    >>> below(0.0)(np.array(-1.0)), sum_off(1.0, atol=1e-3)(np.array([0.5, 0.6]))
    (True, True)
    """

    kind: str
    value: Any
    atol: float = 0.0
    rtol: float = 0.0
    #: Made by :func:`reordered`: the right values in another order (the page reads
    #: it as any "near" rule; :class:`Stage` gives it the stage's own tolerance and
    #: words it where it meets another slip).
    reorders: bool = False
    #: A "near" rule's second reading, for a reordering in a stage judged by
    #: ``compare``: that stage's tolerance, and the rule also recognises ``value``
    #: rounded to too few decimals for it (:func:`~.feedback.rounds_to`), which
    #: ``compare`` tells "give more digits" in the asked order. 0: no second reading.
    rounded: float = 0.0

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise ValueError(f"kind must be one of {_KINDS}, got {self.kind!r}")

    def __call__(self, a: np.ndarray) -> bool:
        """True if the answer ``a`` is of the kind this rule recognises."""
        if self.kind == "near":
            values = np.ravel(np.asarray(self.value, dtype=object))
            given = np.ravel(a)
            if given.size != values.size:
                return False
            if all(
                v is None or abs(g - v) <= self.atol + self.rtol * abs(v)
                for g, v in zip(given.tolist(), values.tolist())
            ):
                return True
            return (
                self.rounded > 0
                and None not in values.tolist()
                and rounds_to(given, values.astype(float), self.rounded)
            )
        if self.kind == "sum_off":
            with np.errstate(over="ignore"):  # answers of 1e308 add up to inf
                total = float(np.sum(a))
            return not abs(total - self.value) <= self.atol + self.rtol * abs(
                self.value
            )
        compare_to = {
            "below": np.less,
            "above": np.greater,
            "at_most": np.less_equal,
        }[self.kind]
        return bool(np.all(compare_to(a, self.value)))

    def as_json(self) -> dict[str, Any]:
        """The rule as the page's script reads it."""
        value = self.value
        if self.kind == "near":
            value = [
                None if v is None else float(v)
                for v in np.ravel(np.asarray(value, dtype=object)).tolist()
            ]
        else:
            value = float(value)
        data = {"kind": self.kind, "value": value, "atol": self.atol, "rtol": self.rtol}
        if self.rounded > 0:  # answer_check.js's roundsTo takes the decimals needed
            data["decimals"] = decimals_needed(self.rounded)
        return data


def near(value: Any, *, atol: float = 1e-8, rtol: float = 1e-5) -> Rule:
    """Every entry within ``atol + rtol * |value|`` of ``value`` (numpy's ``isclose``).

    ``value`` is a number or a list; an entry ``None`` accepts anything.
    """
    return Rule("near", value, atol=atol, rtol=rtol)


def equals(value: Any) -> Rule:
    """Exactly ``value`` (for counts, which are compared as whole numbers)."""
    return Rule("near", value, atol=0.0, rtol=0.0)


def below(bound: float) -> Rule:
    """Every entry ``< bound``."""
    return Rule("below", bound)


def above(bound: float) -> Rule:
    """Every entry ``> bound``."""
    return Rule("above", bound)


def at_most(bound: float) -> Rule:
    """Every entry ``<= bound``."""
    return Rule("at_most", bound)


def sum_off(total: float, *, atol: float = 1e-8, rtol: float = 1e-5) -> Rule:
    """The entries do *not* add up to ``total`` (within ``atol + rtol * |total|``)."""
    return Rule("sum_off", total, atol=atol, rtol=rtol)


def positive(message: str) -> tuple[Rule, str]:
    """The hint for a sign slip in a quantity that must be positive (a rate, a step).

    Put first among a stage's hints: an answer at or below 0 gets ``message`` (which
    says that the quantity is positive), not a hint about its size ("too small").
    """
    return at_most(0.0), message


def at_zero(message: str) -> tuple[Rule, str]:
    """The hint for an answer of exactly 0 where the quantity must be positive.

    Put before :func:`positive`, whose message is about a sign slip: 0 is not below
    0 ("with eta below 0 every step goes uphill" was said of eta = 0, where nothing
    moves at all).
    """
    return equals(0.0), message


def not_negative(message: str) -> tuple[Rule, str]:
    """The hint for a sign slip in a quantity that may be 0 but is never negative.

    A norm, a probability, a loss, a count; see :func:`positive`.
    """
    return below(0.0), message


def reordered(expected: Any, message: str) -> list[tuple[Rule, str]]:
    """The hints for the right values in another order: each says ``message``.

    One :func:`near` rule per other arrangement of the entries of ``expected`` (all of
    them for up to 4 entries, else the reversed order), so the page needs no rule of a
    new kind. Put them after a stage's hints of particular slips, whose arrangement
    of the right values (a transposed matrix, ReLU of the logits' negatives) has a
    cause of its own to name. ``message`` says the values are right and which order is
    asked, not the values. An order that is also the right values negated, or the
    value of a slip declared after it, is worded as either by :class:`Stage`.

    The rules match exactly; :class:`Stage` gives them its own tolerance for a right
    answer, so that an order counts as the right values just where the same numbers
    in the asked order would be right, or told they are the right values rounded to
    too few decimals (in a stage of ``compare``). A wider tolerance called a slip the
    right values: delta_rule_step's matched within 0.0052, 26 times its 2e-4, and so
    told the textbook residual's prices, two of them swapped, "Right prices".

    Examples
    --------
    >>> hints = reordered([1.0, 2.0, 3.0], "Right values, wrong order.")
    >>> len(hints), hints[0][0](np.array([1.0, 3.0, 2.0]))
    (5, True)
    >>> hints[0][0](np.array([1.0, 3.0, 2.001]))  # in a Stage: its tolerance
    False
    >>> reordered([2.0, 2.0], "Right values, wrong order.")  # no other order
    []
    """
    values = np.ravel(np.asarray(expected, dtype=float))
    orders = (
        itertools.permutations(values.tolist())
        if values.size <= 4
        else [values[::-1].tolist()]
    )
    others = dict.fromkeys(tuple(o) for o in orders)
    others.pop(tuple(values.tolist()), None)
    return [(Rule("near", list(o), reorders=True), message) for o in others]


def _with_tolerance(stage: Stage, hints: Hints) -> list[tuple[Rule, str]]:
    """``hints`` with each reordering given the tolerance of ``stage``'s right answer.

    A stage of ``compare``: its ``tolerance``, and the right values rounded to too
    few decimals for it (``compare`` tells those "give more digits"); of ``count``:
    exact whole numbers, as :func:`~.feedback.compare_count` compares them.
    """
    tolerance = stage._setting("tolerance") if stage.kind == "compare" else 0.0
    return [
        (replace(r, atol=tolerance, rtol=0.0, rounded=tolerance), m)
        if r.reorders
        else (r, m)
        for r, m in hints
    ]


def _lower_first(message: str) -> str:
    """``message`` inside a sentence: "The logits are right" -> "the logits are right".

    A first word with capitals inside ("ReLU") or a symbol ("W") stays as it is.
    """
    first = message.split(" ", 1)[0]
    if len(first) > 1 and first[1:].islower():
        return message[:1].lower() + message[1:]
    return message


def _other_causes(
    expected: Any, hints: Sequence[tuple[Rule, str]]
) -> list[tuple[Rule, str]]:
    """``hints`` with each reordering that is also another slip worded as both.

    An arrangement of the right values that is also their negation (the logits
    [-0.5, 0.5] reversed are [0.5, -0.5]) or the value of a slip declared after it
    (ReLU of the logits' negatives) is said to be either: "Right values, wrong order"
    alone sent a learner whose slip was a sign to swap right entries. A slip declared
    *before* the reorderings is matched first and names its own arrangement (a
    transposed matrix), as :func:`reordered` asks.
    """
    negated = -np.asarray(expected, dtype=float)
    worded: list[tuple[Rule, str]] = []
    for i, (rule, message) in enumerate(hints):
        if rule.reorders:
            value = np.asarray(rule.value, dtype=float)
            later = [
                m
                for r, m in hints[i + 1 :]
                if r.kind == "near" and not r.reorders and r(value)
            ]
            if rule(negated):
                message += (
                    " The same numbers are also the right ones with every sign "
                    "flipped: if the order is as you meant it, check the signs."
                )
            for other in dict.fromkeys(later):
                message += (
                    " The same numbers also come from another slip: "
                    + _lower_first(other)
                )
        worded.append((rule, message))
    return worded


#: What a negative count is told; every ``"count"`` stage says it first.
NEGATIVE_COUNT = "A count is never negative: check the sign."


@dataclass(frozen=True)
class Field:
    """One answer box: the check's argument ``name`` and the label the page shows."""

    name: str
    label: str


Hints = Sequence[tuple[Rule, str]]


@dataclass(frozen=True)
class Stage:
    """How one answer is judged: by ``compare``, ``compare_count`` or ``compare_limit``.

    Parameters
    ----------
    kind : {"compare", "count", "limit"}
        Which of ``feedback``'s functions judges the answer.
    fields : tuple of str
        The answer boxes judged here; several boxes of single numbers are judged as
        one list (the check's arguments in that order).
    expected : float or sequence of float
        The right value (for ``"limit"``: the limit).
    options : dict
        The judging function's keyword arguments other than ``hints`` (``tolerance``,
        ``praise``, ``generic_hint``, ``what``, ``not_whole``, ``relative``, ...).
    hints : sequence of (Rule, str)
        Typical wrong answers and what to say to them; the first that matches is said.
    prefix : str
        Put before every message of a wrong answer (e.g. "The matrix is not right
        yet. ").
    """

    kind: str
    fields: tuple[str, ...]
    expected: Any
    hints: Hints = ()
    options: dict[str, Any] = field(default_factory=dict)
    prefix: str = ""

    def __post_init__(self) -> None:
        if self.kind not in _JUDGES:
            raise ValueError(f"kind must be one of {tuple(_JUDGES)}, got {self.kind!r}")
        hints = tuple(_other_causes(self.expected, _with_tolerance(self, self.hints)))
        if self.kind == "count":  # a sign slip, whatever the count
            hints = (not_negative(NEGATIVE_COUNT), *hints)
        object.__setattr__(self, "hints", hints)

    def form(self) -> str:
        """What a malformed answer is asked for (in the messages).

        "a single number", "a list of 3 whole numbers", ...; for several boxes judged
        together, "numbers" ("whole numbers").
        """
        whole = self.kind == "count"
        if len(self.fields) > 1:
            return "whole numbers" if whole else "numbers"
        if self.kind == "limit":
            return "a single number"
        return answer_form(self.expected, whole=whole)

    def judge(self, answer: Any) -> Feedback:
        """The verdict of the Python check on ``answer``."""
        verdict = self._judge_plain(answer)
        if verdict.correct or not self.prefix:
            return verdict
        return Feedback(False, self.prefix + verdict.message)

    def _judge_plain(self, answer: Any) -> Feedback:
        form = {} if self.kind == "limit" else {"form": self.form()}
        return _JUDGES[self.kind](
            answer, self.expected, hints=self.hints, **form, **self.options
        )

    def _setting(self, name: str) -> Any:
        """An option, or the judging function's default for it."""
        if name in self.options:
            return self.options[name]
        return _DEFAULTS[self.kind][name]

    def page_data(self) -> dict[str, Any]:
        """Everything the page needs to judge this stage, messages included."""
        what, form = self._setting("what"), self.form()
        data: dict[str, Any] = {
            "kind": self.kind,
            "fields": list(self.fields),
            "expected": np.asarray(self.expected, dtype=float).tolist(),
            "hints": [{"rule": rule.as_json(), "message": m} for rule, m in self.hints],
            "praise": self._setting("praise"),
            "generic": self._setting("generic_hint"),
            "prefix": self.prefix,
            "messages": _malformed_messages(self, what, form),
        }
        if self.kind == "compare":
            tolerance = self._setting("tolerance")
            data["tolerance"] = tolerance
            data["decimals"] = decimals_needed(tolerance) if tolerance > 0 else 0
            data["more_digits"] = more_digits_message(tolerance, what)
        elif self.kind == "count":
            data["not_whole"] = self._setting("not_whole")
        else:
            data["relative"] = self._setting("relative")
            # feedback.rounding_allowance: float32's for a number float32 holds
            data["rounding"] = FLOAT32_ROUNDING
            data["noise"] = FLOAT64_ROUNDING
            data["beyond"] = self._setting("beyond")
        return data


_JUDGES: dict[str, Callable[..., Feedback]] = {
    "compare": compare,
    "count": compare_count,
    "limit": compare_limit,
}


def _defaults(function: Callable[..., Any]) -> dict[str, Any]:
    return {
        name: p.default
        for name, p in inspect.signature(function).parameters.items()
        if p.default is not inspect.Parameter.empty
    }


_DEFAULTS = {kind: _defaults(function) for kind, function in _JUDGES.items()}

# A shape no answer box produces, replaced by "{shape}" in the message templates.
_ODD = 97

#: Stand-in answers whose messages become the page's templates: each stand-in's parts
#: (a text, the readings of a number with a comma) are replaced by a name in braces,
#: which the page's script fills in from what the reader typed.
_STAND_INS = {
    "text": ("{text}", {}),
    "decimal_comma": ("97,5", {"97.5": "{decimal}"}),
    "ambiguous_comma": ("975,319", {"975319": "{thousands}", "975.319": "{decimal}"}),
    "thousands": ("975,319,864", {"975319864": "{thousands}"}),
}


def _template(feedback: Feedback, parts: dict[str, str]) -> str:
    """The page's template of ``feedback``'s message: each part replaced by its name.

    The message is the web face (:func:`~ffnn_edu.show.check.feedback.in_the_page`),
    and every part (and every name, for the stand-in text "{text}") must be in it.
    """
    message = in_the_page(feedback.message)
    for part, name in parts.items():
        if part not in message:
            raise RuntimeError(f"no {part!r} in the message {message!r}")
        message = message.replace(part, name)
    if "{" not in message:
        raise RuntimeError(f"no part of the answer in the message {message!r}")
    return message


def _malformed_messages(stage: Stage, what: str, form: str) -> dict[str, str]:
    """What the Python check says to answers that are not numbers of the right shape.

    Each message is taken from the Python check itself, on a stand-in answer, in the
    words of the page (:func:`~ffnn_edu.show.check.feedback.in_the_page`): text (which
    the page names as typed, ``{text}``), a decimal comma ("97,5"), a comma before
    three digits ("975,319", a thousands separator or a decimal comma), commas between
    thousands ("975,319,864"), an infinite number, a number typed finite but beyond a
    float ("1e400"), a list of the wrong length (its shape becomes ``{shape}``) and,
    for boxes judged together, one box holding a list.
    """
    odd = np.zeros(_ODD)
    judge = stage._judge_plain
    ragged: Any = [[0.0, 0.0], [0.0]]
    if stage.kind == "limit":
        typed = {key: as_number(text, what) for key, (text, _) in _STAND_INS.items()}
        shape = _template(as_number(odd, what), {str((_ODD,)): "{shape}"})
        ragged_message = _message(as_numbers(ragged, what, form=form))
    elif len(stage.fields) == 1:
        typed = {key: judge(text) for key, (text, _) in _STAND_INS.items()}
        shape = _template(judge(odd), {str((_ODD,)): "{shape}"})
        ragged_message = judge(ragged).message
    else:
        n = len(stage.fields)
        typed = {key: judge((text,) * n) for key, (text, _) in _STAND_INS.items()}
        shape = _template(judge(odd), {str((_ODD,)): "{shape}"})
        ragged_message = judge(([0.0, 0.0], *[0.0] * (n - 1))).message
    templates = {
        key: _template(_feedback(typed[key]), parts)
        for key, (_, parts) in _STAND_INS.items()
    }
    return {
        **templates,
        "infinite_one": _message(as_numbers(np.inf, what, form=form)),
        "infinite_many": _message(as_numbers([0.0, np.inf], what, form=form)),
        # a number typed finite but beyond a float ("1e400"), as a Decimal reads it
        "too_large_one": _message(as_numbers(Decimal("1e400"), what, form=form)),
        "too_large_many": _message(
            as_numbers([0.0, Decimal("1e400")], what, form=form)
        ),
        "shape": shape,
        "ragged": ragged_message,
    }


def _feedback(result: Any) -> Feedback:
    if not isinstance(result, Feedback):
        raise RuntimeError(f"expected a Feedback, got {result!r}")
    return result


def _message(result: Any) -> str:
    return _feedback(result).message


@dataclass(frozen=True)
class WebCheck:
    """An exercise that both the Python check and the web page can judge.

    Parameters
    ----------
    name : str
        The check's name in :mod:`ffnn_edu.show.check` (``check.<name>(...)``).
    fields : sequence of Field
        One box per argument of the check, in the order of its arguments.
    stages : sequence of Stage
        Judged in order; the first stage that is not right gives the verdict,
        otherwise the last stage's praise does.
    praise : str, optional
        What a right answer is told, in place of the last stage's praise.
    swapped : str, optional
        For a check of two answers, each judged by a stage of its own: what a wrong
        answer is told when the two answers, exchanged, would both be right (the
        right values in the wrong boxes; tested by
        :func:`~ffnn_edu.show.check.feedback.swapped_answers`). Said in place of any
        hint; it should not give the values away.
    """

    name: str
    fields: tuple[Field, ...]
    stages: tuple[Stage, ...]
    praise: str | None = None
    swapped: str | None = None

    def __post_init__(self) -> None:
        names = [f.name for f in self.fields]
        judged = [n for s in self.stages for n in s.fields]
        if sorted(judged) != sorted(names):
            raise ValueError(
                f"stages must judge every field once: fields {names}, judged {judged}"
            )
        if self.swapped is not None and (
            len(self.fields) != 2 or any(len(s.fields) != 1 for s in self.stages)
        ):
            raise ValueError(
                "swapped needs two fields, each judged by a stage of its own, but "
                f"{self.name} has fields {names} judged as "
                f"{[list(s.fields) for s in self.stages]}"
            )

    def judge(self, *answers: Any) -> Feedback:
        """The verdict on the check's arguments, in the order of ``fields``."""
        if len(answers) != len(self.fields):
            raise TypeError(
                f"{self.name} takes {counted(len(self.fields), 'answer')} "
                f"({', '.join(f.name for f in self.fields)}), got {len(answers)}"
            )
        given = {f.name: a for f, a in zip(self.fields, answers)}
        verdict = self._judge_stages(given)
        if verdict.correct:
            return verdict if self.praise is None else Feedback(True, self.praise)
        if self.swapped is not None:
            first, second = (f.name for f in self.fields)
            swapped = swapped_answers(
                lambda a, b: self._judge_stages({first: a, second: b}),
                given[first],
                given[second],
                self.swapped,
            )
            if swapped is not None:
                return swapped
        return verdict

    def _judge_stages(self, given: dict[str, Any]) -> Feedback:
        """The first stage's verdict that is not right, or the last stage's."""
        verdict = Feedback(False, "")
        for stage in self.stages:
            parts = [given[n] for n in stage.fields]
            verdict = stage.judge(parts[0] if len(parts) == 1 else tuple(parts))
            if not verdict.correct:
                return verdict
        return verdict

    def page_data(self) -> dict[str, Any]:
        """The declaration as the page's script reads it (JSON-ready)."""
        return {
            "name": self.name,
            "fields": [{"name": f.name, "label": f.label} for f in self.fields],
            "stages": [s.page_data() for s in self.stages],
            "praise": self.praise,
            "swapped": self.swapped,
            "right": RIGHT,
            "wrong": NOT_YET,
            "empty": EMPTY,
        }

    def encoded(self) -> str:
        """``page_data()`` as base64 JSON: in the page's data, out of its text."""
        text = json.dumps(self.page_data(), ensure_ascii=False, separators=(",", ":"))
        return base64.b64encode(text.encode("utf-8")).decode("ascii")

    def form_html(self) -> str:
        """The answer box: a form with a labelled input per field and a status line.

        The page's script (``book/_static/answer_check.js``) judges it; the form
        shows none of ``page_data()`` as text.

        Examples
        --------
        >>> from ffnn_edu.show.check.web import REGISTRY
        >>> html = REGISTRY["momentum_step"]().form_html()
        >>> html.count("<input"), 'role="status"' in html, "0.33" in html
        (1, True, False)
        """
        rows = "".join(
            f'<span class="answer-check-field"><label for="{self._id(f)}">'
            f"{html.escape(f.label)}</label>"
            f'<input id="{self._id(f)}" name="{html.escape(f.name)}" type="text" '
            'inputmode="text" autocomplete="off" autocapitalize="off" '
            'spellcheck="false"></span>'
            for f in self.fields
        )
        return (
            f'<form class="answer-check" data-check="{self.encoded()}" '
            f'data-name="{html.escape(self.name)}" novalidate>'
            "<fieldset><legend>Check your answer in the page</legend>"
            f'<div class="answer-check-fields">{rows}'
            '<button type="submit">Check</button></div>'
            f'<output class="answer-check-status" role="status" aria-live="polite" '
            f'for="{" ".join(self._id(f) for f in self.fields)}"></output>'
            "</fieldset></form>"
        )

    def _id(self, f: Field) -> str:
        return html.escape(f"answer-{self.name}-{f.name}")


def web_check(build: Callable[[], WebCheck]) -> Callable[[], WebCheck]:
    """Register (and cache) a function that builds a :class:`WebCheck`.

    The function's name is the check's name followed by ``_form``.
    """
    cached = functools.cache(build)
    name = build.__name__.removesuffix("_form")
    REGISTRY[name] = cached
    return cached
