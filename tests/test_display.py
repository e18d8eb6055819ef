"""show_source listings (clean docstrings, no repeated CSS) and sharp figures."""

import ast
import importlib
import inspect
import pkgutil
import re
from decimal import Decimal
from fractions import Fraction

import matplotlib.pyplot as plt
import numpy as np
import pytest

import ffnn_edu
from ffnn_edu import FeedForwardNetwork
from ffnn_edu.nn.activations import sigmoid
from ffnn_edu.show.display import plain_docstring_math, show_source, table
from ffnn_edu.show.plotting import use_book_style

from helpers import raises_all

MODULES = sorted(m.name for m in pkgutil.walk_packages(ffnn_edu.__path__, "ffnn_edu."))
TEX_COMMAND = re.compile(
    r"\\(frac|sum|partial|sigma|lambda|eta|mathbf|cdot|odot|top|qquad|"
    r"operatorname|sqrt|tanh|max|ge|le)\b"
)


def docstrings(code: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(
            node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
        ):
            text = ast.get_docstring(node, clean=False)
            if text:
                found.append(text)
    return found


@pytest.mark.parametrize("name", MODULES)
def test_listing_docstrings_carry_no_rest_markup(name):
    """Each docstring a listing shows reads as text: no roles, TeX, double backslash."""
    listing = show_source(importlib.import_module(name)).data
    for text in docstrings(listing):
        assert not re.search(r":[a-z]+:`", text), (
            f"{name}: a reST role is left:\n{text}"
        )
        assert ".. math::" not in text, f"{name}: a math directive is left:\n{text}"
        assert not TEX_COMMAND.search(text), f"{name}: TeX markup is left:\n{text}"
        assert "\\\\" not in text, f"{name}: a doubled backslash is left:\n{text}"


def test_listing_is_a_fenced_code_block_without_style_sheet():
    listing = show_source(sigmoid)
    markdown = listing._repr_markdown_()
    assert markdown.startswith("```python\n") and markdown.endswith("\n```")
    # (after the decorator that declares its checks)
    assert "\ndef sigmoid(" in markdown
    assert not hasattr(listing, "_repr_html_"), "HTML output would repeat a style sheet"
    assert "<style" not in markdown


def test_listing_fence_is_longer_than_any_backtick_run_in_the_code():
    from ffnn_edu.show.display import SourceListing

    markdown = SourceListing('x = "```"')._repr_markdown_()
    assert markdown.startswith("````python\n") and markdown.endswith("\n````")


def test_listing_keeps_the_code_itself():
    """Only docstrings change: every line of code outside them is shown as written."""
    import inspect

    source = inspect.getsource(sigmoid)
    code_lines = [line for line in source.splitlines() if "return" in line]
    listing = show_source(sigmoid).data
    for line in code_lines:
        assert line in listing


@pytest.mark.parametrize(
    "rest, plain",
    [
        (r":math:`\sigma(z) = 1 / (1 + e^{-z})`", "σ(z) = 1 / (1 + e^(-z))"),
        (r":math:`\\sigma'(z) = \\sigma(z)(1-\\sigma(z))`", "σ'(z) = σ(z)(1-σ(z))"),
        (r":math:`\frac{\lambda}{n} \sum_w w^2`", "(λ)/(n) Σ_w w^2"),
        (r":math:`\|v\|_2 = \sqrt{\sum_i v_i^2}`", "‖v‖_2 = √Σ_i v_i^2"),
        (r":math:`A^{(l)\top} \delta^{(l+1)}`", "A^(l)ᵀ δ^(l+1)"),
        (r":math:`XW^{(0)} + \\mathbf b^{(1)}`", "XW^(0) + b^(1)"),
        (r":math:`\mathrm d w + \boldsymbol\delta`", "d w + δ"),
        (
            r"see :func:`~ffnn_edu.nn.training.train` and :class:`History`",
            "see ffnn_edu.nn.training.train and History",
        ),
        (
            "Text\n\n.. math::\n    \\eta \\cdot g\n\nafter",
            "Text\n\n    η · g\n\nafter",
        ),
    ],
)
def test_plain_docstring_math_turns_rest_math_into_plain_text(rest, plain):
    assert plain_docstring_math(rest) == plain


def _docstrings_of_the_package():
    for info in pkgutil.walk_packages(ffnn_edu.__path__, "ffnn_edu."):
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if getattr(obj, "__module__", None) != info.name:
                continue
            members = [obj]
            if isinstance(obj, type):
                members += [v for v in vars(obj).values() if callable(v)]
            for member in members:
                yield f"{info.name}.{name}", inspect.getdoc(member) or ""


def test_no_docstring_of_the_package_shows_tex_residue_as_plain_text():
    """A listing (show_source) never prints a TeX command such as "mathbf b^(1)"."""
    residue = re.compile(
        r"\\[A-Za-z]{2,}|\b(mathbf|mathrm|mathit|boldsymbol|operatorname|frac|tfrac"
        r"|cdot|odot|partial|quad|ldots|cdots)\b"
    )
    found = {
        where: match[0]
        for where, doc in _docstrings_of_the_package()
        if (match := residue.search(plain_docstring_math(doc).replace("\\n", " ")))
    }
    assert found == {}


def test_book_style_sends_retina_figures_in_a_kernel():
    """In IPython a figure is sent at twice its layout size, shown at layout width."""
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        use_book_style()
        figure, axes = plt.subplots()
        axes.plot([0, 1], [0, 1])
        data, metadata = shell.display_formatter.format(figure)
        plt.close(figure)
    finally:
        InteractiveShell.clear_instance()
    # bbox_inches="tight" trims the margins, so the layout size is at most 6 x 4 inches
    # at 80 dpi. Only the width is marked (a fixed height would distort a figure the
    # page scales down).
    assert set(metadata["image/png"]) == {"width"}
    width = metadata["image/png"]["width"]
    assert 0.8 * 480 <= width <= 480
    png = data["image/png"]
    import base64
    import struct

    raw = base64.b64decode(png) if isinstance(png, str) else png
    natural = struct.unpack(">II", raw[16:24])
    # The width mark is the PNG's width halved and rounded down, so
    # the PNG may be 1 px wider.
    assert natural[0] in (2 * width, 2 * width + 1), (
        f"the PNG ({natural}) is not drawn at twice the layout width ({width})"
    )


@pytest.mark.parametrize(
    "headers,rows,digits,error,part",
    [
        (
            ["a", "b"],
            [[1], [1, 2, 3]],
            4,
            ValueError,
            "every row must have one cell per header (2), but row 0 has 1",
        ),
        (
            "ab",
            [[1, 2]],
            4,
            TypeError,
            "headers must be a list of cells, but it is 'ab'",
        ),
        (["a"], ["xyz"], 4, TypeError, "row 0 of rows must be a list of cells"),
        (
            ["a"],
            [[0.5]],
            -1,
            ValueError,
            "digits must be an integer >= 0, but it is -1",
        ),
        (["a"], [[0.5]], 2.0, TypeError, "digits must be an integer >= 0"),
        ([], [], 4, ValueError, "headers must name at least one column"),
        (
            ["", "training"],
            [["loss", 0.5]],
            4,
            ValueError,
            "headers[0] is empty, but every column needs a header",
        ),
        (["a", " "], [[1, 2]], 4, ValueError, "headers[1] is empty"),
    ],
)
def test_table_checks_its_input(headers, rows, digits, error, part):
    raises_all(error, part, call=lambda: table(headers, rows, digits=digits))


@pytest.mark.parametrize(
    "rows,transpose,error,part",
    [
        ([["0", 1]], "yes", TypeError, "transpose must be True or False"),
        ([], True, ValueError, "rows must not be empty when transpose=True"),
        (
            [["0", 1], [" ", 2]],
            True,
            ValueError,
            "the first cell of row 1 is empty, but transposed it heads a column",
        ),
    ],
)
def test_table_checks_what_it_turns_on_its_side(rows, transpose, error, part):
    raises_all(
        error, part, call=lambda: table(["λ", "loss"], rows, transpose=transpose)
    )


def test_table_transposed_heads_a_column_with_each_rows_first_cell():
    # a setting per column, a measurement per row: the corner keeps headers[0]
    text = table(
        ["λ", "test loss", "test error", "crossings"],
        [["0", 0.6371, 0.2351, 2], [0.1, 0.3354, 0.147, 1]],
        digits=2,
        transpose=True,
    ).data
    assert text.splitlines() == [
        "| λ | 0 | 0.10 |",
        "|---|---|---|",
        "| test loss | 0.64 | 0.34 |",
        "| test error | 0.24 | 0.15 |",
        "| crossings | 2 | 1 |",
    ]


def test_table_escapes_pipes_and_formats_numpy_floats():
    text = table(["a", "b"], [["x|y", np.float32(0.123456789)]]).data
    assert text.splitlines()[2] == "| x\\|y | 0.1235 |"


def _cell_of(value, digits=4):
    """The one cell a table of ``value`` shows."""
    return table(["a"], [[value]], digits=digits).data.splitlines()[2][2:-2]


# Issue 16 (D, a fresh reviewer): 1e-9 showed as 0.0000, -1e-5 as -0.0000 and 1.5e20
# as 150000000000000000000.0000; a learner tabulating gradient norms read 0.
@pytest.mark.parametrize(
    "value,shown",
    [
        (1e-9, "1.0000e-09"),
        (-1e-5, "-1.0000e-05"),
        (np.float32(-4e-5), "-4.0000e-05"),
        (1.5e20, "1.5000e+20"),
        (-2.5e6, "-2.5000e+06"),
        (999_999.99999, "1.0000e+06"),  # rounds up to the bound
    ],
)
def test_table_shows_a_tiny_or_huge_float_in_scientific_notation(value, shown):
    assert _cell_of(value) == shown


@pytest.mark.parametrize(
    "value,shown",
    [
        (0.615606, "0.6156"),
        (-0.25, "-0.2500"),
        (0.00005, "0.0001"),  # rounds to a nonzero value: decimals as before
        (999_999.5, "999999.5000"),
    ],
)
def test_table_keeps_its_decimals_for_an_ordinary_float(value, shown):
    assert _cell_of(value) == shown


@pytest.mark.parametrize("value", [0.0, -0.0, np.float64(-0.0)])
def test_table_shows_zero_and_negative_zero_as_zero(value):
    assert _cell_of(value) == "0.0000"


@pytest.mark.parametrize(
    "value,shown",
    [(float("nan"), "nan"), (float("inf"), "inf"), (-np.inf, "-inf")],
)
def test_table_shows_nan_and_infinities_by_name(value, shown):
    assert _cell_of(value) == shown


@pytest.mark.parametrize(
    "value,shown", [(0, "0"), (3, "3"), (10**20, str(10**20)), (np.int64(-7), "-7")]
)
def test_table_shows_whole_numbers_as_they_are(value, shown):
    assert _cell_of(value) == shown


def test_table_scientific_notation_follows_the_digits():
    assert _cell_of(1e-9, digits=2) == "1.00e-09"
    assert _cell_of(0.3, digits=0) == "3e-01"  # 0 decimals would read 0
    assert _cell_of(-0.0, digits=0) == "0"


# Issue 16 (a fresh reviewer): float() turned a np.longdouble beyond float64's range
# into 0.0000 (1e-400) or inf (1e400); numpy now formats it as it is.
@pytest.mark.parametrize(
    "text,shown",
    [
        ("1e-400", "1.0000e-400"),
        ("-1e-400", "-1.0000e-400"),
        ("1e400", "1.0000e+400"),
        ("-2.5e4000", "-2.5000e+4000"),
        ("-0.0", "0.0000"),
    ],
)
def test_table_shows_a_longdouble_beyond_float64_without_zero_or_inf(text, shown):
    assert _cell_of(np.longdouble(text)) == shown


@pytest.mark.parametrize(
    "value", [0.615606, -0.25, 1e-9, 0.00005, 999_999.5, 999_999.99999, 1.5e20, 0.3]
)
@pytest.mark.parametrize("digits", [0, 2, 4])
def test_table_shows_a_longdouble_in_float64_range_as_the_float(value, digits):
    # the same choices and text as for a float: only the range differs
    assert _cell_of(np.longdouble(value), digits) == _cell_of(value, digits)


@pytest.mark.parametrize(
    "value,shown",
    [
        (np.array(3.0), "3.0000"),
        (np.array(np.float32(0.25)), "0.2500"),
        (np.array(1e-9), "1.0000e-09"),
        (np.array(np.longdouble("1e400")), "1.0000e+400"),
        (np.array(np.longdouble("-1e-400")), "-1.0000e-400"),
        (np.array(7), "7"),
        (np.float32(0.25), "0.2500"),
        (np.int64(5), "5"),
    ],
    ids=repr,
)
def test_table_shows_a_0d_array_and_a_numpy_scalar_as_their_number(value, shown):
    """Issue 16, fresh review: np.array(3.0) was shown as 3.0 beside 3.0000."""
    assert _cell_of(value) == shown


def test_table_shows_nan_and_infinite_longdoubles_by_name():
    cells = [_cell_of(np.longdouble(x)) for x in ("nan", "inf", "-inf")]
    assert cells == ["nan", "inf", "-inf"]


@pytest.mark.parametrize(
    "value,shown",
    [
        (Decimal("1e-400"), "1E-400"),
        (Decimal("-1e400"), "-1E+400"),
        (Fraction(1, 10**400), "1/1" + "0" * 400),
    ],
)
def test_table_shows_decimals_and_fractions_beyond_float_range_as_str(value, shown):
    # they are not floats: str writes them exactly, never 0 nor inf
    assert _cell_of(value) == shown


def test_table_takes_rows_from_a_generator():
    assert table(["k"], ([k] for k in range(2))).data.splitlines()[2:] == [
        "| 0 |",
        "| 1 |",
    ]


# Issue 16 (E): digits had no upper bound (a billion decimals made a gigabyte of
# Markdown for one cell), and a generator of rows that never ends was read forever.
def test_table_refuses_more_decimals_than_max_digits_naming_the_limit():
    from ffnn_edu.show.display import MAX_DIGITS

    assert MAX_DIGITS == 17
    widest = table(["x"], [[1 / 3]], digits=MAX_DIGITS).data.splitlines()[2]
    assert widest == "| 0.33333333333333331 |"  # the limit itself
    with pytest.raises(ValueError, match=r"^this would make") as refused:
        table(["x"], [[0.5]], digits=10**9)
    assert str(refused.value) == (
        "this would make 1000000000 decimals per number (digits), more than "
        "MAX_DIGITS = 17"
    )


def test_table_counts_its_rows_before_reading_them():
    import itertools

    from ffnn_edu.show.display import MAX_TABLE_ROWS

    assert len(table(["k"], [[0]] * MAX_TABLE_ROWS).data.splitlines()) == 10_002
    with pytest.raises(ValueError, match=r"^this would make") as refused:
        table(["k"], ([k] for k in itertools.count()))
    assert str(refused.value) == (
        "this would make 10001 or more rows (rows, an iterator, read as far as 10001 "
        "entries), more than MAX_TABLE_ROWS = 10000"
    )
    never_read = [object()] * (MAX_TABLE_ROWS + 1)  # no row may be looked at
    with pytest.raises(ValueError, match=r"^this would make 10001 rows \(rows with"):
        table(["k"], never_read)


# Issue 16 (E): headers and rows were read whole, with no limit: 200 rows of
# range(20_000) under range(20_000) headers made 30 MB of Markdown, and a row that
# never ended was read forever.
def test_table_counts_its_columns_before_reading_a_header():
    import itertools

    from ffnn_edu.show.display import MAX_TABLE_COLUMNS

    assert MAX_TABLE_COLUMNS == 100
    widest = table(range(MAX_TABLE_COLUMNS), [range(MAX_TABLE_COLUMNS)]).data
    assert widest.splitlines()[2] == "| " + " | ".join(map(str, range(100))) + " |"
    with pytest.raises(ValueError, match=r"^this would make") as refused:
        table(range(20_000), [range(20_000)] * 200)
    assert str(refused.value) == (
        "this would make 20000 columns (headers with 20000 entries), more than "
        "MAX_TABLE_COLUMNS = 100"
    )
    with pytest.raises(ValueError, match=r"^this would make") as refused:
        table(itertools.count(), [[0]])
    assert str(refused.value) == (
        "this would make 101 or more columns (headers, an iterator, read as far as "
        "101 entries), more than MAX_TABLE_COLUMNS = 100"
    )


def test_table_reads_a_row_no_further_than_one_cell_past_its_headers():
    import itertools

    endless = itertools.count()
    with pytest.raises(ValueError, match=r"^every row must have") as refused:
        table(["a", "b"], [[1, 2], endless])
    assert str(refused.value) == (
        "every row must have one cell per header (2), but row 1 has more (an "
        "iterator, read as far as 3 cells)"
    )
    assert next(endless) == 3  # cells 0, 1 and 2 were read, no more
    with pytest.raises(ValueError, match=r"^every row must have") as refused:
        table(["a", "b"], [range(10**12)])  # counted, not read
    assert str(refused.value) == (
        "every row must have one cell per header (2), but row 0 has 1000000000000"
    )
    rows = ((k, k * k) for k in range(2))  # generators of cells, in a generator
    assert table(["k", "k²"], (iter(row) for row in rows)).data.splitlines()[2:] == [
        "| 0 | 0 |",
        "| 1 | 1 |",
    ]


@pytest.mark.parametrize(
    "obj,part",
    [
        (3, "it is 3 (int)"),
        (np.tanh, "(ufunc)"),
        ("sigmoid", "(str)"),
        (FeedForwardNetwork((2, 1)), "show_source(type(obj))"),
    ],
)
def test_show_source_explains_what_it_can_show(obj, part):
    raises_all(
        TypeError,
        "obj must be a function, class, method or module written in Python",
        part,
        call=lambda: show_source(obj),
    )


def test_plain_docstring_math_wants_text():
    raises_all(TypeError, "text must be a str", call=lambda: plain_docstring_math(None))
