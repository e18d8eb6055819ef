"""The answer boxes judge as the Python checks do: same verdict, same words.

Every check of :data:`ffnn_edu.show.check.web.REGISTRY` is put on one page with
``book/_static/answer_check.js`` (served from a temporary folder on 127.0.0.1; no built
book needed). For each check a set of answers is typed into its form: the right value
(exact and rounded), near misses, one answer for every hint of its declaration, wrong
values, a wrong count of numbers, text, numbers with commas, an overflow, rows of
unequal length. Each answer also goes, as the numbers the box would read from the same
text, to the Python check, and the box's status must read exactly as the Python verdict
prints, in the words of the page (``feedback.in_the_page``: without the advice on
quotes, which only a Python call needs). A wrong answer's status never holds the
expected value, unless the reader typed it.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import numpy as np
import pytest
from bookbrowser import served

from ffnn_edu.nn.datasets import comma_readings
from ffnn_edu.show import check
from ffnn_edu.show.check.feedback import in_the_page
from ffnn_edu.show.check.web import REGISTRY, Stage, WebCheck

SCRIPT = Path(__file__).resolve().parents[2] / "book" / "_static" / "answer_check.js"
NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
FRACTION = re.compile(r"([+-]?(?:\d+\.?\d*|\.\d+))/(\d+\.?\d*|\.\d+)")


# --- what the box reads from a typed text, as the Python check receives it ----------


def _number(token: str) -> float | Decimal | None:
    """A number, or a fraction "p/q" divided as the page's script divides it.

    A number written finite but beyond a float ("1e400") is what the reader wrote, a
    Decimal, which the check names as too large (the page's script does too).
    """
    fraction = FRACTION.fullmatch(token)
    if fraction:
        top, bottom = float(fraction.group(1)), float(fraction.group(2))
        if bottom == 0:  # JavaScript: 2/0 is Infinity, 0/0 is NaN
            return math.copysign(math.inf, top) if top else math.nan
        return top / bottom
    if not NUMBER.fullmatch(token):
        return None
    value = float(token)
    return value if math.isfinite(value) else Decimal(token)


def _numbers(text: str) -> list[float | Decimal] | None:
    values = [_number(t) for t in re.split(r"[\s,]+", text) if t]
    if any(v is None for v in values):
        return None
    return [v for v in values if v is not None]


def as_argument(text: str, scalar: bool = False) -> Any:
    """The value a reader means by ``text`` in a box (the rules of answer_check.js).

    "0.5" is a number, "1/3" too, "1, 2" and "[1, 2]" are lists, "[[1, 2], [3, 4]]" is
    a list of rows; anything else stays text (and the check says it is text). In a box
    that wants one number (``scalar``), a number with a comma ("0,5", "1,000") is text,
    which the check reads as such (``comma_readings``).
    """
    t = text.replace("\u2212", "-").strip()
    if scalar and comma_readings(t) is not None:
        return text
    matrix = re.fullmatch(r"\[\s*\[(.*)\]\s*\]", t, re.S)
    if matrix:
        rows = [_numbers(r) for r in re.split(r"\]\s*,?\s*\[", matrix.group(1))]
        return text if any(r is None for r in rows) else rows
    bracketed = t.startswith("[") and t.endswith("]")
    values = _numbers(t[1:-1] if bracketed else t)
    if values is None:
        return text
    return values[0] if not bracketed and len(values) == 1 else values


def test_as_argument_reads_numbers_lists_rows_and_text():
    assert as_argument(" 0.25 ") == 0.25
    assert as_argument("1, 2") == [1.0, 2.0] and as_argument("[3 4]") == [3.0, 4.0]
    assert as_argument("[5]") == [5.0]
    assert as_argument("[[1, 2], [3, 4]]") == [[1.0, 2.0], [3.0, 4.0]]
    assert as_argument("\u22121.5") == -1.5
    assert as_argument("1/3") == 1 / 3 and as_argument("-1/4, 2") == [-0.25, 2.0]
    assert as_argument("abc") == "abc" and as_argument("1/x") == "1/x"
    assert as_argument("0,5") == [0.0, 5.0] and as_argument("0,5", True) == "0,5"
    assert as_argument("1,000") == [1.0, 0.0] and as_argument("1,000", True) == "1,000"
    assert as_argument("1,000,000", True) == "1,000,000"
    assert as_argument("1e400") == Decimal("1e400")
    assert as_argument("[0.5, \u22121e400]") == [0.5, Decimal("-1e400")]


# --- the answers tried on every check ------------------------------------------------


def _text(value: Any) -> str:
    array = np.asarray(value, dtype=float)
    if array.ndim == 0:
        return repr(float(array))
    if array.ndim == 1:
        return "[" + ", ".join(repr(float(v)) for v in array) + "]"
    return "[" + ", ".join(_text(row) for row in array) + "]"


def _rounded(value: Any, decimals: int) -> Any:
    return np.round(np.asarray(value, dtype=float), decimals)


def _rule_answer(rule: Any, expected: np.ndarray) -> np.ndarray:
    """An answer that the rule (a hint's test) recognises."""
    if rule.kind == "near":
        values = np.ravel(np.asarray(rule.value, dtype=object))
        filled = [e if v is None else v for v, e in zip(values, np.ravel(expected))]
        return np.reshape(np.array(filled, dtype=float), expected.shape)
    if rule.kind == "sum_off":
        return expected + np.eye(1, expected.size).reshape(expected.shape) * 3
    bound = float(rule.value)
    step = {"below": -1.0, "above": 1.0, "at_most": 0.0}[rule.kind]
    return np.full(expected.shape, bound + step * max(1.0, abs(bound)))


def _same_sum(answer: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """``answer`` with its first entry moved so that it adds up as ``expected`` does."""
    moved = answer.astype(float).copy()
    if moved.ndim == 1 and moved.size > 1:
        moved[0] += expected.sum() - moved.sum()
    return moved


def _first_hint_answer(stage: Stage, k: int, expected: np.ndarray) -> np.ndarray:
    """An answer whose first matching hint is hint ``k`` (hints are tried in order).

    A bound's answer one unit past the bound may fall to an earlier hint (a rate below
    a small limit is also below 0, where a sign hint comes first): then try closer.
    """
    rule = stage.hints[k][0]
    answer = _rule_answer(rule, expected)
    if rule.kind in ("below", "above", "at_most"):
        bound = float(rule.value)
        for step in (1.0, 0.5, 0.1, 0.01):
            sign = 1.0 if rule.kind == "above" else -1.0
            size = step * max(abs(bound), 1e-9)
            # at_most's bound itself is tried first (step 1.0); an answer of exactly
            # 0 may have a hint of its own before the sign hint, so then go below
            moved = sign * size
            candidate = np.full(expected.shape, bound + moved)
            if step == 1.0:
                candidate = answer
            if not any(r(candidate) for r, _ in stage.hints[:k]) and rule(candidate):
                return candidate
    return answer


def stage_answers(stage: Stage) -> list[Any]:
    """Values (arrays) or texts to try on one stage."""
    expected = np.asarray(stage.expected, dtype=float)
    answers: list[Any] = [expected]
    answers += [_first_hint_answer(stage, k, expected) for k in range(len(stage.hints))]
    answers += [_same_sum(_rule_answer(r, expected), expected) for r, _ in stage.hints]
    if stage.kind == "compare":
        tolerance = stage.options.get("tolerance", 5e-4)
        decimals = max(0, -math.floor(math.log10(tolerance)))
        answers += [_rounded(expected, d) for d in range(1, decimals + 2)]
        answers += [expected + 3 * tolerance, expected - 40 * tolerance, -expected]
        # another order: rounded (the right values), just beyond the tolerance (not)
        for rule in [r for r, _ in stage.hints if r.reorders][:2]:
            order = _rule_answer(rule, expected)
            answers += [_rounded(order, 2), order + 1.25 * tolerance]
    elif stage.kind == "count":
        answers += [expected + 0.5, expected + 1, expected * 2 + 7, expected - 1e-12]
    else:
        relative = stage.options.get("relative", 0.01)
        answers += [expected * f for f in (1 - relative / 2, 1 + relative / 2, 2, 0.5)]
        # above the limit: float32's rounding of it (a float32 number: right) and a
        # decimal as close (not), and float64's rounding (right)
        float32 = float(np.float32(expected))
        answers += [float32, expected * (1 + 2.5e-8), np.nextafter(expected, np.inf)]
    answers += ["abc", "1e400", "1/3", "2/0", "0,5", "[[1, 2], [3]]"]
    answers += ["1,000", "\u221212,500", "1,000,000", "{text} $&"]
    answers += ["[1, 2, 3, 4, 5, 6, 7]"]
    if expected.ndim == 0:
        answers.append("[0.5]")
    else:
        answers.append("0.5")
    return answers


def cases(web: WebCheck) -> Iterator[dict[str, str]]:
    """Texts for every box: each stage's answers, the other boxes right."""
    right = {}
    for stage in web.stages:
        expected = np.asarray(stage.expected, dtype=float)
        parts = [expected] if len(stage.fields) == 1 else list(expected)
        right.update({n: _text(v) for n, v in zip(stage.fields, parts)})
    for stage in web.stages:
        for answer in stage_answers(stage):
            texts = dict(right)
            if isinstance(answer, str):
                for i, name in enumerate(stage.fields):
                    texts[name] = answer if i == 0 else texts[name]
            elif len(stage.fields) == 1:
                texts[stage.fields[0]] = _text(answer)
            else:
                for name, value in zip(stage.fields, np.ravel(answer)):
                    texts[name] = _text(value)
            yield texts
        if len(stage.fields) > 1:
            yield {**right, stage.fields[0]: "[1, 2]"}  # one box holds a list
            # a list and a number with a comma: numpy cannot make one array of them
            yield {**right, stage.fields[0]: "[1, 2]", stage.fields[-1]: "2,5"}
            yield {**right, stage.fields[-1]: "abc"}
    if web.swapped is not None:
        yield swapped_texts(web)


def swapped_texts(web: WebCheck) -> dict[str, str]:
    """The two right answers, each typed into the other's box."""
    first, second = (f.name for f in web.fields)
    right = next(iter(cases(web)))  # the first case: every box right
    return {first: right[second], second: right[first]}


SWAPPED = sorted(name for name in REGISTRY if REGISTRY[name]().swapped is not None)


def _scalar_fields(web: WebCheck) -> set[str]:
    """The boxes that hold one number: each of several boxes judged together."""
    return {
        name
        for stage in web.stages
        if len(stage.fields) > 1 or np.ndim(stage.expected) == 0
        for name in stage.fields
    }


def python_verdict(web: WebCheck, texts: dict[str, str]) -> Any:
    scalar = _scalar_fields(web)
    return getattr(check, web.name)(
        *(as_argument(texts[f.name], f.name in scalar) for f in web.fields)
    )


def page_words(verdict: Any) -> str:
    """The Python verdict as the box must say it (the one declared difference)."""
    return in_the_page(repr(verdict).strip())


def untyped(status: str, texts: dict[str, str]) -> str:
    """``status`` without what the reader typed, and its readings with a comma.

    A message that says "write 1000" to "1,000" tells the reader nothing they did not
    type, even where 1000 is the answer.
    """
    for text in texts.values():
        t = text.replace("\u2212", "-").strip()
        for part in (t, *(comma_readings(t) or ())):
            if part:
                status = status.replace(part, "")
    return status


def expected_strings(web: WebCheck) -> list[re.Pattern[str]]:
    """How the expected value could be spelled: each entry, rounded to 2 to 6 decimals.

    Small whole numbers (below 10) are left out: they occur in any sentence.
    """
    spellings = set()
    for stage in web.stages:
        for e in np.ravel(np.asarray(stage.expected, dtype=float)):
            if e == round(e):
                if abs(e) >= 10:
                    spellings.add(str(int(e)))
                continue
            for d in range(2, 7):
                text = f"{e:.{d}f}".rstrip("0")
                if len(text.lstrip("-0.")) >= 2:
                    spellings.add(text)
    return [re.compile(rf"(?<![\d.]){re.escape(s)}(?!\d)") for s in spellings]


# --- the page ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def form_page(chromium: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    folder = tmp_path_factory.mktemp("answer-checks")
    shutil.copy(SCRIPT, folder / SCRIPT.name)
    forms = "".join(REGISTRY[name]().form_html() for name in sorted(REGISTRY))
    (folder / "index.html").write_text(
        f'<!doctype html><html lang="en"><meta charset="utf-8"><title>boxes</title>'
        f'<body>{forms}<script src="{SCRIPT.name}"></script></body></html>',
        encoding="utf-8",
    )
    with served(folder) as url:
        context = chromium.new_context()
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)
        yield page
        context.close()
        assert not errors, errors


def submit(page: Any, name: str, texts: dict[str, str]) -> str:
    form = page.locator(f'form[data-name="{name}"]')
    for field, text in texts.items():
        form.locator(f'input[name="{field}"]').fill(text)
    form.locator("button").click()
    return form.locator("[role=status]").text_content()


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_answer_box_gives_the_python_checks_verdict_and_words(form_page, name):
    web = REGISTRY[name]()
    seen = set()
    right = 0
    patterns = expected_strings(web)
    for texts in cases(web):
        verdict = python_verdict(web, texts)
        status = submit(form_page, name, texts)
        assert status == page_words(verdict), (texts, status, repr(verdict))
        if verdict.correct:
            right += 1
        else:
            shown = [p.pattern for p in patterns if p.search(untyped(status, texts))]
            assert not shown, (texts, status)
        seen.add(verdict.message)
    # the answers reach a right verdict and every hint of the declaration
    assert right >= 2
    hints = {m for stage in web.stages for _, m in stage.hints}
    if web.swapped is not None:
        hints.add(web.swapped)
    missed = {m for m in hints if not any(m in message for message in seen)}
    assert not missed


def test_the_swapped_pairs_are_the_declared_ones():
    """The checks of two answers that say "you swapped" when they are exchanged."""
    assert SWAPPED == [
        "backprop_w1",
        "kept_and_mean_activation",
        "layer_output",
        "norms_of_vector",
        "parameter_count",
        "tanh_as_sigmoid",
        "textbook_epoch",
        "two_linear_layers",
    ]


@pytest.mark.parametrize("name", SWAPPED)
def test_a_swapped_pair_of_right_answers_is_told_it_is_swapped(form_page, name):
    """Both right values, each in the other's box: the box says so, as Python does."""
    web = REGISTRY[name]()
    texts = swapped_texts(web)
    verdict = python_verdict(web, texts)
    status = submit(form_page, name, texts)
    assert not verdict.correct and verdict.message == web.swapped
    assert status == page_words(verdict) == f"Not yet. {web.swapped}"
    assert "swapped" in status
    assert not [p.pattern for p in expected_strings(web) if p.search(status)], status
    # one of the two right, the other not: the stage's own hint, not "swapped"
    right = next(iter(cases(web)))
    first = web.fields[0].name
    half = {**right, first: texts[first]}
    assert submit(form_page, name, half) == page_words(python_verdict(web, half))
    assert "swapped the two answers" not in submit(form_page, name, half)


def test_a_fraction_is_read_as_its_value(form_page):
    """A reader may type 4/3 or 1/4096 for a value the page asks for."""
    for name, text in (
        ("dropout_scale", "4/3"),
        ("mean_learning_rate", "1/2"),
        ("sigmoid_chain_bound", "1/4096"),
    ):
        field = REGISTRY[name]().fields[0].name
        assert submit(form_page, name, {field: text}).startswith("Right!"), name
    assert submit(form_page, "mean_learning_rate", {"eta": "1/3"}).startswith("Not yet")


def test_a_number_beyond_a_float_is_named_too_large_in_the_box_as_in_python(form_page):
    """Issue 16 (a fresh review): "1e400" was "NaN or infinity" in the box; the Python
    check names a Decimal 1e400 (or an int 10**400) too large for a float."""
    largest = "too large for a floating-point number (the largest is about 1.8e308)."
    for name, texts, said in (
        ("mean_learning_rate", {"eta": "1e400"}, f"Your answer is {largest}"),
        ("largest_stable_eta", {"eta": "\u22121e400"}, f"Your answer is {largest}"),
        (
            "delta_rule_step",
            {"new_prices": "6, 1e400"},
            f"Your answer holds a number {largest}",
        ),
        (
            "split_sizes",
            {"n_train": "21", "n_val": "1e400", "n_test": "2"},
            f"The three sizes hold a number {largest}",
        ),
    ):
        status = submit(form_page, name, texts)
        assert status == f"Not yet. {said}", (name, status)
        assert status == page_words(python_verdict(REGISTRY[name](), texts))
    # a fraction is divided, as before: 1/0 is infinity, not a number too large
    status = submit(form_page, "mean_learning_rate", {"eta": "1/0"})
    assert "NaN or infinity" in status


def test_a_decimal_comma_is_named_in_the_box_as_in_python(form_page):
    """0,5 in a box of one number is a decimal comma, not the list [0, 5]."""
    for name, texts, said in (
        ("mean_learning_rate", {"eta": "0,5"}, "a decimal comma: write 0.5, with a"),
        ("largest_stable_eta", {"eta": "0,10"}, "a decimal comma: write 0.1, with a"),
        (
            "split_sizes",
            {"n_train": "21", "n_val": "2,0", "n_test": "2"},
            "The three sizes have a decimal comma: write 2.0, with a point.",
        ),
    ):
        status = submit(form_page, name, texts)
        assert said in status, (name, status)
        assert status == page_words(python_verdict(REGISTRY[name](), texts))
        assert "quotes" not in status
    # in a box of a list, "1,2" stays a list
    status = submit(form_page, "delta_rule_step", {"new_prices": "6,3"})
    assert "decimal comma" not in status and "(2,)" in status


def test_a_thousand_with_a_comma_is_given_both_readings_in_the_box_as_in_python(
    form_page,
):
    """Issue 16: 1,000 for the batch size (a thousand) was told it has a decimal comma,
    0.5 for 0,5; a comma before three digits is named as either."""
    name, texts = "textbook_epoch", {"batch_size": "1,000", "iterations": "30"}
    status = submit(form_page, name, texts)
    assert status == (
        "Not yet. The batch size has a comma with three digits after it: if it "
        "separates thousands, write 1000; if it is a decimal comma, write 1.0."
    )
    assert status == page_words(python_verdict(REGISTRY[name](), texts))
    texts = {"batch_size": "1000", "iterations": "30,000,000"}
    assert submit(form_page, name, texts) == (
        "Not yet. The number of iterations has commas that separate thousands, which "
        "a number here does not: write 30000000."
    )
    # in a box of a list, "1,000" stays two numbers
    status = submit(form_page, "samples_processed", {"counts": "1,000"})
    assert "comma" not in status and "(2,)" in status


def test_text_is_named_as_typed_without_the_advice_on_quotes(form_page):
    """Issue 16: "l2 is text, not a number: give a single number, without quotes" named
    the argument, and quotes, in a box that holds nothing but text."""
    status = submit(form_page, "norms_of_vector", {"l1": "5", "l2": " sqrt(9) "})
    assert status == (
        "Not yet. The L2 norm should be a single number; 'sqrt(9)' is text, not a "
        "number."
    )
    python = python_verdict(REGISTRY["norms_of_vector"](), {"l1": "5", "l2": "sqrt(9)"})
    assert status == page_words(python) and "quotes" in python.message


def test_an_empty_box_asks_for_an_answer_instead_of_judging(form_page):
    status = submit(form_page, "norms_of_vector", {"l1": "5", "l2": ""})
    assert status == REGISTRY["norms_of_vector"]().page_data()["empty"]


def test_the_boxes_work_by_keyboard(form_page):
    form = form_page.locator('form[data-name="momentum_step"]')
    form.locator("input").fill("0.5")
    form.locator("input").press("Enter")
    status = form.locator("[role=status]").text_content()
    assert status == page_words(check.momentum_step(0.5))


# --- the built book ------------------------------------------------------------------

CHAPTER_NOTEBOOKS = sorted(
    p.name for p in (SCRIPT.parents[1]).glob("[0-9][0-9]_*.ipynb")
)


def _right_texts(web: WebCheck) -> dict[str, str]:
    return next(iter(cases(web)))  # the first case: every box right


def _wrong_texts(web: WebCheck) -> dict[str, str]:
    """Every box right but the first stage's, which gets its first hint's answer."""
    stage = web.stages[0]
    expected = np.asarray(stage.expected, dtype=float)
    answer = _rule_answer(stage.hints[0][0], expected) if stage.hints else expected + 1
    texts = _right_texts(web)
    parts = [answer] if len(stage.fields) == 1 else list(np.ravel(answer))
    texts.update({n: _text(v) for n, v in zip(stage.fields, parts)})
    return texts


def _chapter_page(book_dir: Path, number: int) -> str:
    (page,) = sorted(book_dir.glob(f"book/{number:02d}_*.html"))
    return page.relative_to(book_dir).as_posix()


@pytest.mark.parametrize("number", range(1, 17))
def test_a_chapters_answer_boxes_say_right_or_give_the_hint(
    browser, base_url, book_dir, number
):
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(base_url + _chapter_page(book_dir, number))
    forms = page.locator("form.answer-check")
    assert forms.count() >= 1
    for i in range(forms.count()):
        name = forms.nth(i).get_attribute("data-name")
        web = REGISTRY[name]()
        patterns = expected_strings(web)
        text_before = forms.nth(i).inner_text()
        assert not [p.pattern for p in patterns if p.search(text_before)]
        for texts, word in (
            (_wrong_texts(web), "Not yet."),
            (_right_texts(web), "Right!"),
        ):
            status = submit(page, name, texts)
            verdict = python_verdict(web, texts)
            assert status == page_words(verdict) and status.startswith(word), status
            assert not [p.pattern for p in patterns if p.search(status)], status
    page.context.close()


@pytest.mark.parametrize("number", range(1, 17))
def test_a_chapter_says_where_its_code_is_and_how_to_run_it(
    browser, base_url, book_dir, number
):
    rel = _chapter_page(book_dir, number)
    page = browser.new_context().new_page()
    page.goto(base_url + rel)
    box = page.locator("aside.how-to-run")
    assert box.count() == 1
    text = box.inner_text()
    for words in ("make book", "make test", "make lab", Path(rel).stem + ".ipynb"):
        assert words in text
    # the box sits in the exercises' section, before the first answer box
    section = box.locator("xpath=ancestor::section[1]")
    assert "Exercise" in section.locator("h2, h1").first.inner_text()
    href = box.locator("a.how-to-run-archive").get_attribute("href")
    response = page.request.get(urljoin(page.url, href))
    assert response.status == 200 and response.body()[:2] == b"PK"
    page.context.close()


def test_the_landing_page_says_how_to_run_the_book(browser, base_url):
    page = browser.new_context().new_page()
    page.goto(base_url + "book/intro.html")
    box = page.locator("aside.how-to-run")
    text = box.inner_text()
    assert all(w in text for w in ("make book", "make test", "make lab", "book/"))
    href = box.locator("a.how-to-run-archive").get_attribute("href")
    assert page.request.get(urljoin(page.url, href)).status == 200
    page.context.close()


def test_the_notebook_archive_holds_every_chapter_without_outputs(book_dir):
    archive = book_dir / "_downloads" / "ffnn-edu-notebooks.zip"
    with zipfile.ZipFile(archive) as zipped:
        notebooks = [n for n in zipped.namelist() if n.endswith(".ipynb")]
        names = sorted(Path(n).name for n in notebooks)
        assert names == CHAPTER_NOTEBOOKS and len(names) == 16
        # and the package they import, installable on its own
        inside = set(zipped.namelist())
        for needed in (
            "pyproject.toml",
            "ffnn_edu/__init__.py",
            "ffnn_edu/nn/training.py",
        ):
            assert f"ffnn-edu-notebooks/{needed}" in inside
        for name in notebooks:
            notebook = json.loads(zipped.read(name))
            code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
            assert code and all(c["outputs"] == [] for c in code)
