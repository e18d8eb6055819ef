"""Showing things in a notebook: the package's real source, and tables of numbers.

The book never pastes a copy of package code; it calls :func:`show_source`,
so what the reader sees is what runs.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import math
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from ffnn_edu.nn.validation import (
    bounded_list,
    check_count,
    check_work,
    checked,
    flag,
)

#: Most decimals :func:`table` prints of a float. A float64 holds 15 to 17 significant
#: digits, so a number near 1 has nothing more to show after its 17th decimal than the
#: rounding of its binary fraction (the book prints at most 6); a billion decimals
#: made a gigabyte of Markdown for one cell. A number too small or too large for its
#: decimals is shown in scientific notation.
MAX_DIGITS = 17
#: Size from which :func:`table` shows a float in scientific notation: 1 000 000 with
#: 4 decimals is already 12 characters, twice a loss like 0.6156, and a phone shows
#: only four columns of numbers; 1.5e20 took 26.
SCIENTIFIC_FROM = 1e6
#: Most rows :func:`table` writes (the book's longest table has 29; a generator of rows
#: that never ends was read forever).
MAX_TABLE_ROWS = 10_000
#: Most columns :func:`table` writes, counted before a header is read (the book's widest
#: table has 4, all a phone shows; a confusion matrix of 10 classes, or a setting per
#: column over a long sweep, fits well within 100). With :data:`MAX_TABLE_ROWS` it
#: holds a table to a million cells: 200 columns of 20 000 made 30 MB of Markdown, and
#: a header or row that never ended was read forever. Each row is read no further than
#: one cell past its headers.
MAX_TABLE_COLUMNS = 100


def show_source(obj: Any) -> SourceListing:
    """The source code of a package function, class or method, as a highlighted listing.

    The listing is emitted as a fenced Markdown code block, so the book's Pygments style
    highlights it (no style sheet is repeated in every output) and JupyterLab shows it
    the same way. Docstrings are shown as plain text: reST roles (math, func, class,
    ...) are dropped, their content stays, and formulas are written with Unicode
    symbols, see :func:`plain_docstring_math`.

    Examples
    --------
    >>> from ffnn_edu.nn.activations import sigmoid
    >>> listing = show_source(sigmoid)
    >>> "def sigmoid" in listing.data
    True
    >>> ":math:" in listing.data
    False

    Raises
    ------
    TypeError
        If ``obj`` is not a function, class, method or module written in Python
        (a number, a string, an instance or a numpy ufunc has no source to show).
    """
    wanted = "a function, class, method or module written in Python"
    if not (
        inspect.isfunction(obj)
        or inspect.ismethod(obj)
        or inspect.isclass(obj)
        or inspect.ismodule(obj)
    ):
        hint = (
            "; for an instance, show its class: show_source(type(obj))"
            if hasattr(type(obj), "__module__")
            and not isinstance(
                obj, (str, bytes, int, float, complex, type(None), np.ufunc)
            )
            else ""
        )
        raise TypeError(
            f"obj must be {wanted}, but it is {obj!r} ({type(obj).__name__}){hint}"
        )
    try:
        source = inspect.getsource(obj)
    except (OSError, TypeError) as error:
        raise TypeError(
            f"obj must be {wanted} whose source file can be read, but for "
            f"{obj!r} Python says: {error}"
        ) from None
    return SourceListing(_clean_docstrings(textwrap.dedent(source)))


class SourceListing:
    """Source code shown by :func:`show_source` (Markdown code block, or plain text)."""

    def __init__(self, code: str) -> None:
        self.data = code

    def _repr_markdown_(self) -> str:
        fence = "`" * max(
            3, 1 + max((len(run) for run in re.findall("`+", self.data)), default=0)
        )
        return f"{fence}python\n{self.data.rstrip()}\n{fence}"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.data.rstrip())


def _clean_docstrings(code: str) -> str:
    """``code`` with :func:`plain_docstring_math` applied to every docstring's lines."""
    lines = code.splitlines(keepends=True)
    spans = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(
            node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
        ):
            first = node.body[0] if node.body else None
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                spans.append(slice(first.lineno - 1, first.end_lineno))
    # keeps line numbers valid
    for span in sorted(spans, key=lambda s: s.start, reverse=True):
        lines[span] = plain_docstring_math("".join(lines[span])).splitlines(
            keepends=True
        )
    return "".join(lines)


_ROLE = re.compile(r":(\w+):`~?([^`]+)`")
_MATH_DIRECTIVE = re.compile(r"^(\s*)\.\. math::[ \t]*")
_SYMBOLS = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "varepsilon": "ε",
    "eta": "η",
    "theta": "θ",
    "lambda": "λ",
    "mu": "μ",
    "rho": "ρ",
    "sigma": "σ",
    "tau": "τ",
    "phi": "φ",
    "varphi": "φ",
    "omega": "ω",
    "Delta": "Δ",
    "Sigma": "Σ",
    "nabla": "∇",
    "partial": "∂",
    "sum": "Σ",
    "prod": "Π",
    "cdot": "·",
    "times": "×",
    "odot": "⊙",
    "le": "≤",
    "leq": "≤",
    "ge": "≥",
    "geq": "≥",
    "ne": "≠",
    "neq": "≠",
    "approx": "≈",
    "infty": "∞",
    "to": "→",
    "rightarrow": "→",
    "leftarrow": "←",
    "in": "∈",
    "pm": "±",
    "sqrt": "√",
    "ldots": "…",
    "dots": "…",
    "lVert": "‖",
    "rVert": "‖",
    "top": "ᵀ",
    "textstyle": "",
    "displaystyle": "",
}
_SPACING = re.compile(r"\\[,;:! ]|\\q?quad\b|\\(left|right|big|Big)\b\s*")
_SYMBOL = re.compile(
    r"\\("
    + "|".join(sorted(map(re.escape, _SYMBOLS), key=len, reverse=True))
    + r")(?![A-Za-z])"
)
_FRAC = re.compile(r"\\frac\{([^{}]*)\}\{([^{}]*)\}")
_WRAPPER = re.compile(
    r"\\(mathbf|mathrm|mathit|text|operatorname|boldsymbol)\{([^{}]*)\}"
)
_SCRIPT = re.compile(r"([_^])\{([^{}]*)\}")
# a font command without braces (\mathbf b): the letter after it stays, the command goes
_FONT = re.compile(
    r"\\(mathbf|mathrm|mathit|mathsf|mathcal|boldsymbol|bm)(?![A-Za-z])\s*"
)
_COMMAND = re.compile(r"\\([A-Za-z]+)")


def plain_docstring_math(text: str) -> str:
    """Docstring text without reST markup: roles dropped, maths written in Unicode.

    Math roles and math directive blocks become plain formulas (Greek letters and
    operators as symbols, fractions as ``(a)/(b)``); other
    roles keep only their content.

    Examples
    --------
    >>> print(plain_docstring_math(
    ...     r"Logit :math:`z = b + \\sum_i w_i x_i`, see :func:`train`."))
    Logit z = b + Σ_i w_i x_i, see train.
    >>> print(plain_docstring_math(
    ...     r":math:`\\frac{\\partial E}{\\partial w_{jk}} \\ge 0`"))
    (∂E)/(∂w_jk) ≥ 0
    """
    if not isinstance(text, str):
        raise TypeError(
            f"text must be a str, but it is {text!r} ({type(text).__name__})"
        )
    lines, block_indent = [], None
    for line in text.splitlines(keepends=True):
        indent = len(line) - len(line.lstrip())
        if block_indent is not None and line.strip() and indent <= block_indent:
            block_indent = None
        directive = _MATH_DIRECTIVE.match(line)
        if directive:
            block_indent = indent
            line = line[directive.end() :]
            if not line.strip():
                continue
            line = directive[1] + "    " + line
        if block_indent is not None and line.strip():
            line = _plain_math(line).rstrip() + "\n"
        lines.append(line)
    return _ROLE.sub(
        lambda m: _plain_math(m[2]) if m[1] == "math" else m[2], "".join(lines)
    )


def _plain_math(tex: str) -> str:
    # non-raw docstrings double "\\"
    tex = tex.replace("\\\\", "\\").replace("\\|", "‖")
    tex = _SYMBOL.sub(lambda m: _SYMBOLS[m[1]], _SPACING.sub(" ", tex))
    previous = None
    while previous != tex:  # innermost braces first
        previous = tex
        tex = _WRAPPER.sub(r"\2", tex)
        tex = _SCRIPT.sub(
            lambda m: (
                m[1]
                + (
                    f"({m[2]})"
                    if re.search(r"[ +\-*/=,]", m[2])
                    and not re.fullmatch(r"\(.*\)", m[2])
                    else m[2]
                )
            ),
            tex,
        )
        tex = _FRAC.sub(lambda m: f"({m[1]})/({m[2]})", tex)
    tex = (
        _COMMAND.sub(r"\1", _FONT.sub("", tex))
        .replace("{", "")
        .replace("}", "")
        .replace("^ᵀ", "ᵀ")
    )
    return re.sub(r"(?<=[∂∇]) (?=\w)", "", tex)


def _cell(value: Any, digits: int) -> str:
    """One table cell: floats (also numpy's) by ``_float_text``, ``|`` escaped.

    A 0-d numpy array is its one number (``value[()]`` keeps its numpy type, so a
    ``np.longdouble`` keeps its range).
    """
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, (float, np.floating)):
        text = _float_text(value, digits)
    else:
        text = str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _float_text(value: float, digits: int) -> str:
    """``value`` with ``digits`` decimals, or in scientific notation where they mislead.

    A float that is not 0 but rounds to 0 at ``digits`` decimals, or whose rounded
    size is :data:`SCIENTIFIC_FROM` or more, is written in scientific notation with
    ``digits`` decimals in its mantissa, so a tiny gradient never reads as 0 (or
    "-0") and a huge loss does not stretch its column. 0 and -0.0 are written as 0;
    NaN and the infinities as ``nan``, ``inf`` and ``-inf``.

    A numpy float wider than float64 (``np.longdouble``) is written by numpy's own
    formatting, not through ``float()``, which would turn 1e-400 into 0 and 1e400 into
    inf.

    Examples
    --------
    >>> [_float_text(x, 4) for x in (0.615606, -0.25, 1e-9, -1e-5, 1.5e20, -0.0)]
    ['0.6156', '-0.2500', '1.0000e-09', '-1.0000e-05', '1.5000e+20', '0.0000']
    """
    if isinstance(value, np.floating) and value.dtype.itemsize > 8:
        return _wide_float_text(value, digits)
    number = float(value)
    if number == 0:  # also -0.0
        return f"{0.0:.{digits}f}"
    text = f"{number:.{digits}f}"
    if not math.isfinite(number):
        return text
    rounded = abs(float(text))
    if rounded == 0 or rounded >= SCIENTIFIC_FROM:
        return f"{number:.{digits}e}"
    return text


def _wide_float_text(value: np.floating[Any], digits: int) -> str:
    """``_float_text`` for a float wider than float64, formatted by numpy as it is.

    The same choices as ``_float_text`` and the same text as Python's ``f"{x:.4f}"``
    and ``f"{x:.4e}"`` (both round the exact binary value), but the number is never
    turned into a float64, whose range ends near 1e-308 and 1.8e308.

    Examples
    --------
    >>> [_wide_float_text(np.longdouble(x), 4) for x in ("1e-400", "-1e400", "0.25")]
    ['1.0000e-400', '-1.0000e+400', '0.2500']
    """
    trim = "k" if digits else "-"  # digits=0: "2", not "2.", as Python writes it
    if value == 0:  # also -0.0
        return f"{0.0:.{digits}f}"
    text = np.format_float_positional(
        value, precision=digits, unique=False, fractional=True, trim=trim
    )
    if not np.isfinite(value):
        return text
    rounded = abs(float(text))  # the written digits: 0 or at least 1e6 even past float
    if rounded == 0 or rounded >= SCIENTIFIC_FROM:
        return np.format_float_scientific(
            value, precision=digits, unique=False, trim=trim, exp_digits=2
        )
    return text


def _refuse_no_list(value: Any, name: str) -> None:
    """Raise TypeError for a string (whose letters would become cells) or a non-list."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise TypeError(
            f"{name} must be a list of cells, but it is "
            f"{value!r} ({type(value).__name__})"
        )


def _headers(value: Any, name: str) -> list[Any]:
    """Checker: a table's headers, a list of one non-blank header per column.

    At most :data:`MAX_TABLE_COLUMNS`, counted before any is read.
    """
    _refuse_no_list(value, name)
    headers = bounded_list(
        value, name, (MAX_TABLE_COLUMNS, "MAX_TABLE_COLUMNS", "columns")
    )
    if not headers:
        raise ValueError(f"{name} must name at least one column")
    for i, header in enumerate(headers):
        if not str(header).strip():
            raise ValueError(
                f"{name}[{i}] is empty, but every column needs a header (a screen"
                f" reader reads it with each cell): {headers!r}"
            )
    return headers


def _digits(value: Any, name: str) -> int:
    """Checker: decimals of a float, a whole number from 0 to :data:`MAX_DIGITS`."""
    digits = check_count(value, name, low=0)
    check_work(digits, MAX_DIGITS, f"decimals per number ({name})", "MAX_DIGITS")
    return digits


def _rows(value: Any, name: str) -> list[Any]:
    """Checker: a table's rows, at most :data:`MAX_TABLE_ROWS`, counted before read."""
    _refuse_no_list(value, name)
    return bounded_list(value, name, (MAX_TABLE_ROWS, "MAX_TABLE_ROWS", "rows"))


def _one_cell_per_header(arguments: dict[str, Any]) -> None:
    """Relation: every row is a list of as many cells as there are headers."""
    width = len(arguments["headers"])
    arguments["rows"] = [
        _row_cells(row, i, width) for i, row in enumerate(arguments["rows"])
    ]


def _row_cells(row: Any, i: int, width: int) -> list[Any]:
    """Row ``i`` as a list of its ``width`` cells, read no further than one past them.

    A row of more cells is refused with its length if it has one (a list, a
    ``range``), else after ``width + 1`` cells (a generator, which may never end).
    """
    _refuse_no_list(row, f"row {i} of rows")
    cells = list(itertools.islice(row, width + 1))
    if len(cells) == width:
        return cells
    if len(cells) < width:
        has = f"{len(cells)}: {cells!r}"
    else:
        try:
            has = str(len(row))
        except TypeError:
            has = f"more (an iterator, read as far as {width + 1} cells)"
    raise ValueError(
        f"every row must have one cell per header ({width}), but row {i} has {has}"
    )


def _transposable(arguments: dict[str, Any]) -> None:
    """Relation: a table to transpose has rows, each with a first cell to head one."""
    if not arguments["transpose"]:
        return
    if not arguments["rows"]:
        raise ValueError(
            "rows must not be empty when transpose=True: each row's first cell "
            "heads a column"
        )
    for i, row in enumerate(arguments["rows"]):
        if not str(row[0]).strip():
            raise ValueError(
                f"the first cell of row {i} is empty, but transposed it heads a "
                f"column, and every column needs a header: {row!r}"
            )


@checked(
    _one_cell_per_header,
    _transposable,
    headers=_headers,
    digits=_digits,
    rows=_rows,
    transpose=flag,
)
def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    digits: int = 4,
    transpose: bool = False,
) -> Any:
    """A Markdown table; floats are shown with ``digits`` decimals.

    A float too small to show at ``digits`` decimals (it would read 0 or "-0"), or
    of size :data:`SCIENTIFIC_FROM` or more, is shown in scientific notation with
    ``digits`` decimals in its mantissa; 0 is shown as 0. A numpy float wider than
    float64 (``np.longdouble``) is formatted as it is, so 1e-400 is never shown as 0 nor
    1e400 as inf. Other cells, whole numbers (``int``), ``Decimal`` and ``Fraction``
    among them, are shown as ``str`` gives them (exactly, whatever their size).

    A ``|`` inside a cell is escaped, so it stays in its cell.

    ``transpose=True`` turns the table on its side, for a table of many columns and few
    rows (settings side by side, each with many measurements): each row becomes a
    column headed by its first cell, and each header after the first begins a row of
    the measurements it names; ``headers[0]`` stays in the corner. A phone 390 pixels
    wide shows four columns of numbers (``book/_static/phones.css``), so a table of
    three settings and six measurements fits turned, and scrolls sideways as given.

    Raises
    ------
    TypeError
        If ``headers``, ``rows`` or a row is not a list (a string would be split
        into its letters), ``digits`` is not a whole number, or ``transpose`` is
        not True or False.
    ValueError
        If a header is empty (a screen reader reads each cell with its column's
        header, so every column needs one; transposed, the rows' first cells are the
        headers), a row has more or fewer cells than there are headers, ``digits`` < 0
        or above :data:`MAX_DIGITS`, there are more rows than :data:`MAX_TABLE_ROWS`
        or more headers than :data:`MAX_TABLE_COLUMNS` (counted before any is read;
        a row is read no further than one cell past the headers), or a table to
        transpose has no rows.

    Examples
    --------
    >>> print(table(["name", "value"], [["y_F", 0.615606]]).data)
    | name | value |
    |---|---|
    | y_F | 0.6156 |
    >>> print(table(["epoch", "gradient norm"],
    ...             [[1, 0.0312], [50, 1e-9], [90, 0.0]]).data)
    | epoch | gradient norm |
    |---|---|
    | 1 | 0.0312 |
    | 50 | 1.0000e-09 |
    | 90 | 0.0000 |
    >>> print(table(["λ", "test loss", "test error"],
    ...             [["0", 0.637, 0.235], ["0.1", 0.335, 0.147]],
    ...             digits=3, transpose=True).data)
    | λ | 0 | 0.1 |
    |---|---|---|
    | test loss | 0.637 | 0.335 |
    | test error | 0.235 | 0.147 |
    """
    from IPython.display import Markdown

    if transpose:
        headers, rows = (
            [headers[0], *(row[0] for row in rows)],
            [[name, *(row[k] for row in rows)] for k, name in enumerate(headers) if k],
        )
    lines = [
        "| " + " | ".join(_cell(h, digits) for h in headers) + " |",
        "|" + "---|" * len(headers),
    ]
    lines += ["| " + " | ".join(_cell(v, digits) for v in row) + " |" for row in rows]
    return Markdown("\n".join(lines))
