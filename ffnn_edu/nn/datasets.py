"""Data sets: logic gates, parity, the textbook's shop data, lunches, 2-D toys, digits.

Everything is generated with numpy or read from the small data files that
ship inside the package (``ffnn_edu/data/``, described in its README);
nothing is downloaded.

Inputs come back as a float array with one sample per row, targets as a 1-D
float array of 0/1 labels (or, for the lunches, prices).
"""

from __future__ import annotations

import codecs
import csv
import gzip
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .validation import (
    Array,
    as_array,
    check_count,
    check_number,
    check_seed,
    check_work,
    counted,
    did_you_mean,
)

#: The column of the shop data (:func:`shop_data`) that holds the target.
SHOP_TARGET = "user_action"
#: Largest ``n_bits`` of :func:`parity`: 2**16 = 65,536 rows of 16 bits (8 MB); every
#: extra bit doubles the rows, and 30 bits would need about 8 GB.
MAX_PARITY_BITS = 16
#: Largest ``turns`` of :func:`spirals`: far beyond any spiral a network can learn from
#: a few hundred points, and small enough that the angles stay finite.
MAX_SPIRAL_TURNS = 100.0
#: Most samples a generated data set may have (:func:`two_moons`, :func:`circles`,
#: :func:`spirals`, :func:`gaussian_blobs`, :func:`lunch_meals`): 16 MB of 2-D points,
#: where ten billion would fill the memory before any message. :func:`read_csv` reads
#: at most as many data rows (5 million rows of ``0,0`` took it 31 s).
MAX_SAMPLES = 1_000_000
#: Number of images in the packaged digits file (the UCI test set ``optdigits.tes``).
DIGITS_COUNT = 1797


def sample_count(value: object, name: str, low: int = 1) -> int:
    """Checker: a whole number of samples from ``low`` to :data:`MAX_SAMPLES`.

    Examples
    --------
    >>> sample_count(10**10, "n_samples")
    Traceback (most recent call last):
    ...
    ValueError: this would make 10000000000 samples (n_samples), more than MAX_SAMPLES
    = 1000000
    """
    n = check_count(value, name, low=low)
    check_work(n, MAX_SAMPLES, f"samples ({name})", "MAX_SAMPLES")
    return n


def _gate(labels: list[int]) -> tuple[Array, Array]:
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    return X, np.array(labels, dtype=np.float64)


def and_gate() -> tuple[Array, Array]:
    """Logical AND of two bits.

    Examples
    --------
    >>> and_gate()[1]
    array([0., 0., 0., 1.])
    """
    return _gate([0, 0, 0, 1])


def or_gate() -> tuple[Array, Array]:
    """Logical OR of two bits.

    Examples
    --------
    >>> or_gate()[1]
    array([0., 1., 1., 1.])
    """
    return _gate([0, 1, 1, 1])


def xor() -> tuple[Array, Array]:
    """Exclusive or: 1 when exactly one of the two bits is 1.

    Examples
    --------
    >>> xor()[1]
    array([0., 1., 1., 0.])
    """
    return _gate([0, 1, 1, 0])


def parity(n_bits: int) -> tuple[Array, Array]:
    """All :math:`2^n` bit strings of length ``n_bits``, 1 for an odd number of ones.

    ``parity(2)`` is XOR. (The textbook describes parity as "as many ones as
    zeros"; that coincides with XOR for two bits only. Odd parity is the usual
    definition, and no single threshold unit can compute it for any
    :math:`n \\ge 2`.)

    Raises
    ------
    ValueError
        If ``n_bits`` is not a whole number from 1 to ``MAX_PARITY_BITS`` (16).

    Examples
    --------
    >>> X, t = parity(3)
    >>> X.shape, t.tolist()
    ((8, 3), [0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0])
    """
    n_bits = check_count(n_bits, "n_bits")
    if n_bits > MAX_PARITY_BITS:
        raise ValueError(
            f"n_bits must be at most {MAX_PARITY_BITS} (2**{MAX_PARITY_BITS} rows; "
            f"every extra bit doubles the memory), but it is {n_bits}"
        )
    X = np.array(list(itertools.product((0, 1), repeat=n_bits)), dtype=np.float64)
    return X, X.sum(axis=1) % 2


def read_csv(
    path: str | Path, target: str | None = None
) -> tuple[Array, Array | None, list[str]]:
    """Read a CSV file of numbers with a header row.

    Parameters
    ----------
    path : str or Path
    target : str, optional
        Name of the column holding the labels; it is split off from the inputs.

    Returns
    -------
    X : ndarray, shape (n_rows, n_features)
    y : ndarray or None
        The target column, if ``target`` was given.
    features : list of str
        Names of the columns of ``X``.

    Raises
    ------
    TypeError
        If ``path`` is not a file name or ``target`` not a column name.
    ValueError
        If the file is larger than :data:`MAX_CSV_BYTES` or has more lines than a
        header and :data:`MAX_SAMPLES` rows (counted before any is read, blank lines
        included), or more columns than :data:`MAX_COLUMNS`, is not
        UTF-8 text, is empty, has a first row of numbers only
        (data, not column names), a column without a name or a column name twice, the
        target column is missing (with the column meant, for a near miss such as
        ``"Y"`` for ``"y"``) or is the only column, a row has the wrong number
        of cells, or a cell is empty, not a finite number, too large for a float, or
        a number as Python writes it but a CSV file does not (``1_000``, full-width
        digits), or a quote (``"``) opens a cell and is never closed or is followed by
        more text; the message gives the line and column.

    Notes
    -----
    The file is read as UTF-8; a byte-order mark at its start (which Excel
    writes when it saves "CSV UTF-8") is dropped, so it does not become part
    of the first column's name.
    """
    if not isinstance(path, (str, Path)):
        raise TypeError(
            "path must be a file name (str or Path), but it is "
            f"{path!r} ({type(path).__name__})"
        )
    if target is not None and not isinstance(target, str):
        raise TypeError(
            "target must be a column name (str), but it is "
            f"{target!r} ({type(target).__name__})"
        )
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:
        raise ValueError(
            f"{path.name} is {size:,} bytes, more than MAX_CSV_BYTES = "
            f"{MAX_CSV_BYTES:,}: read_csv holds every number as an 8-byte float, "
            "so a larger file may fill the memory; read it in parts"
        )
    lines = _check_utf8(path)
    if lines > MAX_SAMPLES + 1:
        raise ValueError(
            f"{path.name} has {lines:,} lines (blank ones included), more than a "
            f"header and MAX_SAMPLES = "
            f"{MAX_SAMPLES:,} data rows, the most any data set of the package has; "
            "read it in parts"
        )
    header: list[str] = []
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = _numbered_rows(csv.reader(handle, strict=True))
            first = next(rows, None)
            if first is None:
                raise ValueError(
                    f"{path.name} is empty: expected a header row and data rows"
                )
            header = _header(path.name, first[1], target, rows)
            k = None if target is None else header.index(target)
            X, y = _number_table(path.name, header, rows, k, size, lines)
    except _QuoteError as error:
        raise ValueError(_quote_problem(path, header, error)) from None
    if not len(X):
        raise ValueError(f"{path.name} has a header but no data rows")
    if k is None:
        return X, None, header
    if len(header) == 1:
        raise ValueError(
            f"{path.name} has no input columns: its only column is the target "
            f"{target!r}, so there is nothing to predict it from"
        )
    return X, y, header[:k] + header[k + 1 :]


#: Largest CSV file :func:`read_csv` reads, in bytes (200 MB). Its peak memory is at
#: most about 4 times the file's size (800 MB here): one 8-byte float per cell, and a
#: cell takes at least 2 bytes of the file (a digit and a comma or line break); the
#: worst case is a file of one-digit numbers (measured with tracemalloc: 4.0 times a
#: 20 MB file; it was 8 times before the numbers went straight into one array). MNIST's
#: training set as a CSV file (60,000 rows of 785 numbers) is about 110 MB and becomes
#: a 377 MB float array. 800 MB is about the most a laptop should be asked for
#: without warning.
MAX_CSV_BYTES = 200_000_000

#: Most columns :func:`read_csv` reads (100,000): MNIST as a CSV file has 785 and the
#: digits data 64 inputs; a row of 100,000 numbers is 800 KB as floats. The header is
#: counted against it before any data row is read (2,000,000 columns of a 29 MB file
#: took hours when duplicate names were sought cell by cell).
MAX_COLUMNS = 100_000

#: Bytes of a file :func:`read_csv` reads at once to check that it is UTF-8 text.
_BLOCK_BYTES = 2**20


def _check_utf8(path: Path) -> int:
    """Refuse ``path`` unless it is UTF-8 text, naming the first byte that is not.

    Read in chunks, before any other check (a file that is not UTF-8 text has no
    cells to speak of); return its number of lines, as an editor counts them (a last
    line without a line break counts), which bounds its rows. The byte is named by its
    line and its place in the line, both counted from 1 as an editor counts them (a
    character before it counts once, however many bytes it takes), and by its value.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1  # the line the next byte is in
    last = b"\n"  # the file's last byte so far
    with path.open("rb") as handle:
        # the characters of that line before it; a byte-order mark, which no editor
        # shows, is none
        before = -(handle.read(len(codecs.BOM_UTF8)) == codecs.BOM_UTF8)
        handle.seek(0)
        while True:
            chunk = handle.read(_BLOCK_BYTES)
            data = decoder.getstate()[0] + chunk  # after a character cut in two
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                raise ValueError(
                    _not_utf8(path.name, data, error.start, line, before)
                ) from None
            if not chunk:
                return line - (last == b"\n")
            last = chunk[-1:]
            whole = data[: len(data) - len(decoder.getstate()[0])]
            newlines = whole.count(b"\n")
            line += newlines
            before = (0 if newlines else before) + _characters(
                whole[whole.rfind(b"\n") + 1 :]
            )


#: The bytes that continue a UTF-8 character (0x80 to 0xBF); every other starts one.
_CONTINUING = bytes(range(0x80, 0xC0))


def _characters(data: bytes) -> int:
    """How many UTF-8 characters start in ``data``."""
    return len(data.translate(None, _CONTINUING))


def _not_utf8(name: str, data: bytes, at: int, line: int, before: int) -> str:
    """Why a file is refused whose byte ``at`` of ``data`` is not UTF-8.

    ``data`` starts in line ``line`` of the file, after ``before`` characters of it.

    Examples
    --------
    >>> latin1 = "a,b\\n1,é\\n".encode("latin-1")  # é is the one byte 0xe9 there
    >>> print(_not_utf8("f.csv", latin1, 6, 1, 0))
    f.csv must be UTF-8 text, but its line 2, character 3, is the byte 0xe9, which is
    not UTF-8 there (save the file as 'CSV UTF-8'; it may be Latin-1 or Windows-1252,
    where 0xe9 is 'é')
    """
    head = data[:at]
    newline = head.rfind(b"\n")
    line += head.count(b"\n")
    column = (0 if newline >= 0 else before) + _characters(head[newline + 1 :]) + 1
    byte = data[at]
    old = bytes([byte]).decode("cp1252", errors="ignore")
    old_codes = "Windows-1252" if byte < 0xA0 else "Latin-1 or Windows-1252"
    guess = (
        f"; it may be {old_codes}, where 0x{byte:02x} is {old!r}"
        if old.isprintable() and old.strip()
        else ""
    )
    return (
        f"{name} must be UTF-8 text, but its line {line}, character {column}, is the "
        f"byte 0x{byte:02x}, which is not UTF-8 there (save the file as 'CSV UTF-8'"
        f"{guess})"
    )


def _header(
    name: str,
    first: list[str],
    target: str | None,
    rows: Iterator[tuple[str, list[str]]],
) -> list[str]:
    """The column names of a file's first row ``first``, refused with the reason."""
    if len(first) > MAX_COLUMNS:
        raise ValueError(
            f"{name} has {len(first):,} columns in its header, more than MAX_COLUMNS "
            f"= {MAX_COLUMNS:,}, the most read_csv reads; read it in parts"
        )
    header = [cell.strip() for cell in first]
    if "" in header:
        blank = header.index("")
        # only a blank at the end is what a trailing comma leaves
        where = (
            "(a trailing comma?)"
            if blank == len(header) - 1
            else "(the first name is blank: a leading comma or a space?)"
            if blank == 0
            else f"(a blank between {header[blank - 1]!r} and the next name: two "
            "commas in a row?)"
        )
        raise ValueError(
            f"{name} must name every column in its header, but column "
            f"{blank + 1} of {len(header)} has no name {where}"
        )
    if all(_is_number(cell) for cell in header):
        raise ValueError(
            f"{name} must start with a header row of column names, but its first "
            f"row {header} looks like data, not column names (every cell is a "
            "number): add a row of names above the data, such as "
            + ",".join(f"x{k + 1}" for k in range(len(header)))
        )
    twice = sorted(cell for cell, times in Counter(header).items() if times > 1)
    if twice:
        raise ValueError(
            f"{name} must name every column once, but it has {twice} more than once"
        )
    if target is not None and target not in header:
        separator = _other_separator(header[0]) if len(header) == 1 else None
        hint = (
            f" ({_COMMAS_ONLY.format(separator)})"
            if separator
            else _header_further_down(list(itertools.islice(rows, 5)), target)
            # a near miss: "Y" for "y" (names are matched exactly, as written), or a
            # space around the name, which the header's names are stripped of
            or did_you_mean(target.strip(), header)
        )
        raise ValueError(
            f"{name} has no column {target!r}; its columns are {header}{hint}"
        )
    return header


def _number_table(
    name: str,
    header: list[str],
    rows: Iterator[tuple[str, list[str]]],
    k: int | None,
    size: int,
    lines: int,
) -> tuple[Array, Array]:
    """The data ``rows`` as the inputs ``X`` and the column ``k`` (if any) as ``y``.

    Each row is converted as it is read, straight into two float arrays made once:
    a row of ``c`` cells takes at least ``2 c`` of the file's ``size`` bytes (a
    character and a comma or line break a cell; only the last row may lack its line
    break), so the arrays never hold more than about 4 bytes per byte of the file, and
    no list of Python floats or second copy of the table is made. They shrink in place
    to the rows read, and grow (should the file have grown since it was measured);
    a row past :data:`MAX_SAMPLES` is refused. The file's ``lines`` bound the rows too.
    """
    width = len(header)
    room = max(1, min((size + 1) // (2 * width), lines))
    X = np.empty((room, width - (k is not None)))
    y = np.empty(room if k is not None else 0)
    i = 0
    for line, row in rows:
        if i == MAX_SAMPLES:
            raise ValueError(
                f"{name}, {line}: more than MAX_SAMPLES = {MAX_SAMPLES:,} data rows, "
                "the most any data set of the package has; read it in parts"
            )
        if len(row) != width:
            raise ValueError(
                f"{name}, {line}: expected {counted(width, 'cell')}, "
                f"found {len(row)}{_why_cells_differ(header, row, first=i == 0)}"
            )
        numbers = []
        for col, cell in enumerate(row):
            if not cell.strip():
                raise ValueError(
                    f"{name}, {line}, column {header[col]!r}: the cell is empty "
                    "(a missing value): fill it in, or delete the row"
                )
            number, problem = _read_cell(cell)
            if problem:
                raise ValueError(f"{name}, {line}, column {header[col]!r}: {problem}")
            numbers.append(number)
        if i == room:
            room *= 2
            X.resize((room, X.shape[1]), refcheck=False)
            if k is not None:
                y.resize(room, refcheck=False)
        if k is not None:
            y[i] = numbers.pop(k)
        X[i] = numbers
        i += 1
    X.resize((i, X.shape[1]), refcheck=False)
    if k is not None:
        y.resize(i, refcheck=False)
    return X, y


#: A number as a CSV file writes it: digits 0-9, an optional sign, point and exponent.
_CSV_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)


def _read_cell(cell: str) -> tuple[float, str | None]:
    """The number a CSV cell holds, or NaN and what is wrong with it.

    ``float`` reads more than a CSV file holds: it reads ``1_000`` as 1000 and
    full-width ``１２`` as 12, which no spreadsheet writes; those are refused with
    the form to write, named before a number too large for a float, which they may
    also be. Spaces around a number are fine, and a minus sign written as U+2212
    (``−5``, pasted from a PDF or a web page) is a minus, as in the answer boxes.

    Examples
    --------
    >>> _read_cell(" 2.5e3 ")
    (2500.0, None)
    >>> _read_cell("1e400")[1]
    "'1e400' is too large for a float (the largest is about 1.8e308)"
    >>> _read_cell("-1e400")[1]
    "'-1e400' is too far below zero for a float (the lowest is about -1.8e308)"
    >>> _read_cell("-inf")[1]
    "'-inf' is not a finite number"
    >>> _read_cell("1_000")[1]
    "'1_000' is not a number as a CSV file writes it (underscores): write 1000"
    >>> print(_read_cell("１２.5")[1])
    '１２.5' is not a number as a CSV file writes it (digits other than 0-9): write
    12.5
    >>> _read_cell("\u22125")
    (-5.0, None)
    >>> print(_read_cell("1_000e400")[1])
    '1_000e400' is not a number as a CSV file writes it (underscores): write 1000e400,
    which is too large for a float (the largest is about 1.8e308)
    """
    text = _with_minus(cell.strip())
    try:
        number = float(text)
    except ValueError:
        return np.nan, f"{cell!r} is not a finite number{_why_not_a_number(cell)}"
    # float's extras first, refused whatever the value: underscores between digits,
    # digits of other scripts (float reads no inf or nan written so)
    extras = []
    if "_" in text:
        extras.append("underscores")
    if not text.isascii():
        extras.append("digits other than 0-9")
    if extras:
        plain = "".join(str(unicodedata.decimal(c, c)) for c in text.replace("_", ""))
        written = (
            f"{cell!r} is not a number as a CSV file writes it "
            f"({' and '.join(extras)}): write {plain}"
        )
        if np.isfinite(number):
            return np.nan, written
        return np.nan, f"{written}, which is {_beyond_a_float(number)}"
    if not np.isfinite(number) and _CSV_NUMBER.fullmatch(text):
        return np.nan, f"{cell!r} is {_beyond_a_float(number)}"
    if not np.isfinite(number):  # inf, infinity, nan, in any case
        return np.nan, f"{cell!r} is not a finite number"
    return number, None  # a CSV number, or a form the pattern missed: float is right


def _with_minus(text: str) -> str:
    """``text`` with each minus sign U+2212 as the ASCII '-' (as the answer boxes)."""
    return text.replace("\u2212", "-")


def _beyond_a_float(number: float) -> str:
    """Why a finite number that float read as ±inf (``number``) is refused."""
    if number > 0:
        return f"too large for a float (the largest is about {_BIG})"
    return f"too far below zero for a float (the lowest is about -{_BIG})"


#: float64's largest number (1.797...e308), as the messages write it.
_BIG = "1.8e308"


def _is_number(text: str) -> bool:
    """Whether ``text`` reads as a number (as ``float`` reads it, inf and nan too)."""
    try:
        float(_with_minus(text))
    except ValueError:
        return False
    return True


_COMMAS_ONLY = (
    "the file seems to separate its cells by {} rather than by commas, and read_csv "
    "reads comma-separated files: save it as CSV with commas"
)
_SEPARATORS = {";": "';'", "\t": "tabs", "|": "'|'"}
_COMMENT = " (a comment line? read_csv reads no comments: delete the line)"


def _other_separator(text: str) -> str | None:
    """The name of a separator other than the comma that ``text`` holds, if any."""
    return next((name for c, name in _SEPARATORS.items() if c in text), None)


#: A number with commas between groups of three digits: "1,000", "12,345", "1,000,000".
#: The commas separate thousands, or (one comma) it is a decimal comma: 1,000 is a
#: thousand in English and 1.0 in German. ``book/_static/answer_check.js`` has the same
#: pattern, for the web book's answer boxes.
THOUSANDS = re.compile(r"[+-]?[1-9]\d{0,2}(?:,\d{3})+")
#: A number with a decimal comma: "0,5", "2,25", "0,500" (one that :data:`THOUSANDS`
#: does not match). ``answer_check.js`` has the same pattern.
DECIMAL_COMMA = re.compile(r"[+-]?\d*,\d+")


def comma_readings(text: str) -> tuple[str | None, str | None] | None:
    """What a number written with a comma may mean: as a whole number, as a decimal.

    ``text`` (stripped) read with thousands separators and read with a decimal comma,
    each as Python writes the number, or None where that reading is impossible; None
    if ``text`` is not a number with a comma. A comma followed by exactly three digits
    may be either, so "1,000" has both readings; a decimal reading drops trailing
    zeros (1.0, not 1.000, which a reader of a decimal comma takes for a thousand).
    The web book's answer boxes read typed text the same way (``answer_check.js``).

    Examples
    --------
    >>> comma_readings("1,000"), comma_readings("12,345,678")
    (('1000', '1.0'), ('12345678', None))
    >>> comma_readings(" 0,5 "), comma_readings("2,250"), comma_readings("0.5")
    ((None, '0.5'), ('2250', '2.25'), None)
    """
    text = text.strip()
    if THOUSANDS.fullmatch(text):
        decimal = _with_a_point(text) if text.count(",") == 1 else None
        return text.replace(",", ""), decimal
    if DECIMAL_COMMA.fullmatch(text):
        return None, _with_a_point(text)
    return None


def _with_a_point(text: str) -> str:
    """A number with one decimal comma, written with a point: "2,50" -> "2.5"."""
    number = text.replace(",", ".").rstrip("0")
    return number + "0" if number.endswith(".") else number


def _why_not_a_number(cell: str) -> str:
    """What may have made ``cell`` unreadable: a separator, a comment, a decimal comma.

    Examples
    --------
    >>> _why_not_a_number("1;2;0").startswith(" (the file seems to separate its cells")
    True
    >>> _why_not_a_number("1,5")
    " (the decimal point must be '.', not a comma: write 1.5)"
    >>> print(_why_not_a_number("1,000"))
     (a comma with three digits after it: if it separates thousands, write 1000; if it
    is a decimal comma, write 1.0)
    >>> _why_not_a_number("12,345,678")
    ' (the commas separate thousands, which a number here does not: write 12345678)'
    >>> _why_not_a_number("# note")
    ' (a comment line? read_csv reads no comments: delete the line)'
    >>> print(_why_not_a_number("\u20132"))
     (its '\u2013' is an en dash (U+2013), not a minus sign: write -2 with the
    keyboard's minus/hyphen)
    >>> _why_not_a_number("x")
    ''
    """
    separator = _other_separator(cell)
    if separator:
        return f" ({_COMMAS_ONLY.format(separator)})"
    dash = _dash_for_minus(cell)
    if dash:
        return dash
    if cell.lstrip().startswith("#"):
        return _COMMENT
    readings = comma_readings(cell)
    if readings is None:
        return ""
    whole, decimal = readings
    if decimal is None:
        return (
            " (the commas separate thousands, which a number here does not: write "
            f"{whole})"
        )
    if whole is not None:
        # 1,000 is a thousand in English and 1.0 in German: say both
        return (
            " (a comma with three digits after it: if it separates thousands, write "
            f"{whole}; if it is a decimal comma, write {decimal})"
        )
    return f" (the decimal point must be '.', not a comma: write {decimal})"


#: Dashes that look like a minus sign and are not one. The minus sign U+2212 is read
#: as a minus; these are named instead, since an en dash may also be a range ("2–3").
LOOK_ALIKE_MINUS = {
    "\u2012": "a figure dash (U+2012)",
    "\u2013": "an en dash (U+2013)",
    "\u2014": "an em dash (U+2014)",
    "\ufe63": "a small hyphen-minus (U+FE63)",
    "\uff0d": "a full-width hyphen-minus (U+FF0D)",
}


def _dash_for_minus(cell: str) -> str:
    """What a dash that looks like a minus sign in ``cell`` is, and what to write.

    Examples
    --------
    >>> print(_dash_for_minus("1e\u20145"))
     (its '\u2014' is an em dash (U+2014), not a minus sign: write 1e-5 with the
    keyboard's minus/hyphen)
    >>> print(_dash_for_minus("2\u20133"))
     (its '\u2013' is an en dash (U+2013), not a minus sign, and a cell holds one
    number: write a minus with the keyboard's minus/hyphen, as in -2)
    >>> _dash_for_minus("-2")
    ''
    """
    dashes = [dash for dash in LOOK_ALIKE_MINUS if dash in cell]
    if not dashes:
        return ""
    named = " and ".join(f"{dash!r} is {LOOK_ALIKE_MINUS[dash]}" for dash in dashes)
    text = cell.strip()
    for dash in dashes:
        text = text.replace(dash, "-")
    plain = "".join(str(unicodedata.decimal(c, c)) for c in _with_minus(text))
    if _is_number(plain) and np.isfinite(float(plain)):
        return (
            f" (its {named}, not a minus sign: write {plain} with the keyboard's "
            "minus/hyphen)"
        )
    return (
        f" (its {named}, not a minus sign, and a cell holds one number: write a "
        "minus with the keyboard's minus/hyphen, as in -2)"
    )


def _why_cells_differ(header: list[str], row: list[str], first: bool) -> str:
    """What may have made ``row`` longer or shorter than ``header``, if it can tell.

    ``first`` says that ``row`` is the first row below the header.

    Examples
    --------
    >>> _why_cells_differ(["a", "b"], ["1", "2", ""], first=True)
    ' (a trailing comma? the extra cell is empty)'
    >>> _why_cells_differ(["# shop data"], ["a", "b"], first=True)[:40]
    ' (a title or comment line above the head'
    >>> _why_cells_differ(["a", "b"], ["1", "5", "2"], first=True)[:30]
    ' (if a number has a decimal co'
    >>> _why_cells_differ(["a", "b"], ["x", "y", "z"], first=False)
    ''
    """
    separator = _other_separator(
        " ".join(row + header[:1] if len(header) == 1 else row)
    )
    if separator:
        return f" ({_COMMAS_ONLY.format(separator)})"
    if row[0].lstrip().startswith("#"):
        return _COMMENT
    if not any(cell.strip() for cell in row):
        return " (a line of spaces only? delete it)"
    if first and (
        header[0].lstrip().startswith("#")
        or (len(row) > len(header) and not any(_is_number(cell) for cell in row))
    ):
        return (
            " (a title or comment line above the header? read_csv takes the first "
            f"line, {','.join(header)!r}, as the column names: delete the line(s) "
            "above them)"
        )
    extra = len(row) - len(header)
    if extra > 0 and not any(cell.strip() for cell in row[len(header) :]):
        return (
            " (a trailing comma? the extra cell is empty)"
            if extra == 1
            else " (trailing commas? the extra cells are empty)"
        )
    if extra > 0 and sum(not cell.strip() for cell in row) >= extra:
        return " (two commas in a row? the row has an empty cell)"
    if extra > 0 and _split_decimals(row) >= extra:
        return (
            " (if a number has a decimal comma, such as 1,5, or a thousands "
            "separator, such as 1,000, it makes two cells: the decimal point must be "
            "'.', and thousands take no separator)"
        )
    return ""


def _split_decimals(row: list[str]) -> int:
    """How many decimal numbers split at a decimal comma ``row`` may hold.

    Each is a whole number followed by a cell of digits only (``1,5`` read as ``'1'``
    and ``'5'``); the pairs do not overlap.

    Examples
    --------
    >>> _split_decimals(["1", "5", "2"]), _split_decimals(["1.5", "2", ""])
    (1, 0)
    """
    count, j = 0, 0
    while j < len(row) - 1:
        if re.fullmatch(r"\s*[+-]?\d+", row[j]) and re.fullmatch(r"\d+\s*", row[j + 1]):
            count, j = count + 1, j + 2
        else:
            j += 1
    return count


def _header_further_down(rows: list[tuple[str, list[str]]], target: str) -> str:
    """Where ``target`` is, if one of the ``rows`` below the first names it.

    ``rows`` are the (line, cells) pairs below the header, of which a title line
    above the real header took the place.

    Examples
    --------
    >>> _header_further_down([("line 2", ["a", "y"])], "y")[:31]
    " (line 2 names a column 'y': a "
    """
    for line, row in rows:
        if target in (cell.strip() for cell in row):
            return (
                f" ({line} names a column {target!r}: a title or comment line above "
                "the header? read_csv takes the first line as the column names: "
                "delete the line(s) above them)"
            )
    return ""


def _numbered_rows(reader: Any) -> Iterator[tuple[str, list[str]]]:
    """The non-blank rows of a ``csv.reader``, each after the file line(s) it came from.

    The lines are counted in the file, as an editor numbers them: a blank row still
    takes a line, and a quoted cell with a line break in it makes its row take two or
    more (``"lines 4-5"``). A row the reader refuses (a quote never closed, text after
    a closing quote, a cell too long) raises :class:`_QuoteError` with its lines.

    Examples
    --------
    >>> import io
    >>> list(_numbered_rows(csv.reader(io.StringIO('a,b\\n\\n1,"x\\ny"\\n3,4\\n'))))
    [('line 1', ['a', 'b']), ('lines 3-4', ['1', 'x\\ny']), ('line 5', ['3', '4'])]
    """
    last = 0
    try:
        for row in reader:
            first, last = last + 1, reader.line_num
            if row:
                lines = f"line {first}" if first == last else f"lines {first}-{last}"
                yield lines, row
    except csv.Error as error:
        raise _QuoteError(last + 1, reader.line_num, str(error)) from None


class _QuoteError(Exception):
    """A row that ``csv.reader`` refused: the lines it spans and the reader's reason."""

    def __init__(self, first: int, last: int, reason: str) -> None:
        super().__init__(reason)
        self.first, self.last, self.reason = first, last, reason


def _quote_problem(path: Path, header: list[str], error: _QuoteError) -> str:
    """What is wrong with the row ``error`` names, found by reading its lines again.

    A quote opens a cell only as the cell's first character, and a quoted cell runs,
    line breaks and commas included, to the next quote that is not doubled (``""``).
    """
    with path.open(newline="", encoding="utf-8-sig") as handle:
        lines = itertools.islice(handle, error.first - 1, error.last)
        opened, after = _scan_quotes(lines, error.first)

    def where(line: int, cell: int) -> str:
        column = repr(header[cell]) if cell < len(header) else str(cell + 1)
        return f"{path.name}, line {line}, column {column}"

    if "field limit" in error.reason:
        limit = csv.field_size_limit()
        if opened is None:
            return (
                f"{path.name}, line {error.last}: a cell is longer than {limit:,} "
                "characters, which no table of numbers needs"
            )
        return (
            f'{where(*opened)}: a quote (") opens a cell that runs on for more than '
            f"{limit:,} characters, to line {error.last}: a quote never closed? (close "
            "it, or delete it)"
        )
    if after is not None:
        line, cell, char = after
        return (
            f'{where(line, cell)}: the quote (") that closes the cell is followed by '
            f"{char!r}: a quoted cell ends at its closing quote (delete the quotes "
            "around a number)"
        )
    if opened is not None:
        rest = f" (to line {error.last})" if error.last > opened[0] else ""
        return (
            f'{where(*opened)}: a quote (") opens a cell that is never closed, so the '
            f"rest of the file{rest} was read into it: close the quote, or delete it"
        )
    return f"{path.name}, line {error.last}: {error.reason}"  # pragma: no cover


def _scan_quotes(
    lines: Iterator[str], line: int
) -> tuple[tuple[int, int] | None, tuple[int, int, str] | None]:
    """Where the quote open after ``lines`` opened; what follows a closing quote.

    ``lines`` start a row, at line ``line`` of the file. The first is (line, cell
    index) or None; the second, for the first closing quote followed by more than a
    comma or line break, is (line, cell index, that character) or None.

    Examples
    --------
    >>> _scan_quotes(iter(['1,"2\\n', '3,4\\n']), 3)
    ((3, 1), None)
    >>> _scan_quotes(iter(['"a""b",c\\n', '1,"2"x\\n']), 5)
    (None, (6, 1, 'x'))
    """
    opened: tuple[int, int] | None = None
    cell, state = 0, "start"  # start, plain, quoted, closed (a quote in a quoted cell)
    for number, text in enumerate(lines, start=line):
        for char in text:
            if state == "quoted":
                state = "closed" if char == '"' else "quoted"
            elif char == '"' and state in ("start", "closed"):
                if state == "start":  # else a doubled quote, inside the cell
                    opened = (number, cell)
                state = "quoted"
            elif char in ",\r\n":
                cell = cell + 1 if char == "," else 0
                state, opened = "start", None
            elif state == "closed":
                return None, (number, cell, char)
            else:
                state = "plain"
    return (opened if state == "quoted" else None), None


def _packaged(name: str) -> Path:
    return Path(str(resources.files("ffnn_edu") / "data" / name))


def shop_data() -> tuple[Array, Array, list[str]]:
    """The textbook's web-shop data (``data.csv``): who completed the purchase.

    Ten rows; inputs ``includes_a_book``, ``purchase_after_21`` and ``total``,
    target ``user_action`` (1 = bought, 0 = abandoned the basket).

    Examples
    --------
    >>> X, y, names = shop_data()
    >>> X.shape, int(y.sum()), names
    ((10, 3), 5, ['includes_a_book', 'purchase_after_21', 'total'])
    """
    X, y, names = read_csv(_packaged("data.csv"), target=SHOP_TARGET)
    assert y is not None
    return X, y, names


def new_shop_data() -> tuple[Array, list[str]]:
    """The three unlabelled rows of ``new_data.csv``, to predict.

    Examples
    --------
    >>> new_shop_data()[0][:, 2]
    array([73.75, 64.97,  3.78])
    """
    X, _, names = read_csv(_packaged("new_data.csv"))
    return X, names


def lunch_meals(
    n_meals: int, prices: tuple[float, ...] = (10.0, 3.0, 5.0), seed: int = 0
) -> tuple[Array, Array]:
    """Random lunches: kilograms of chicken, zucchini and rice, and the total paid.

    Quantities are drawn uniformly between 0.1 and 0.4 kg; each total is the
    exact price of the meal at ``prices`` euros per kilogram (one price per
    food, at least one, none negative).

    Raises
    ------
    ValueError
        If ``prices`` is empty, a single number, negative or not finite.

    Examples
    --------
    >>> q, totals = lunch_meals(5, seed=1)
    >>> q.shape, bool(np.allclose(totals, q @ [10, 3, 5]))
    ((5, 3), True)
    """
    n_meals = sample_count(n_meals, "n_meals")
    if np.ndim(prices) != 1:
        raise ValueError(
            f"prices must hold one price per food (euros per kilogram), such as "
            f"(10.0, 3.0, 5.0), but it is {prices!r}"
        )
    prices_arr = as_array(prices, "prices", ndim=1)
    if (prices_arr < 0).any():
        raise ValueError(
            f"every price in prices must be >= 0, but prices is {prices!r}"
        )
    rng = np.random.default_rng(check_seed(seed))
    quantities = rng.uniform(0.1, 0.4, size=(n_meals, prices_arr.size))
    return quantities, quantities @ prices_arr


def _labelled(
    parts: list[Array], rng: np.random.Generator, scales: str = "noise"
) -> tuple[Array, Array]:
    X = np.vstack(parts)
    if not np.isfinite(X).all():
        raise ValueError(
            "the points overflow (beyond the largest float, about "
            f"1.8e308): {scales} is too large"
        )
    y = np.concatenate([np.full(len(p), float(k)) for k, p in enumerate(parts)])
    order = rng.permutation(len(y))
    return X[order], y[order]


def two_moons(
    n_samples: int = 200, noise: float = 0.2, seed: int = 0
) -> tuple[Array, Array]:
    """Two interleaving half circles, labelled 0 and 1.

    Examples
    --------
    >>> X, y = two_moons(100, seed=0)
    >>> X.shape, float(y.mean())
    ((100, 2), 0.5)
    """
    n = sample_count(n_samples, "n_samples", low=2)
    noise = check_number(noise, "noise", low=0.0)
    rng = np.random.default_rng(check_seed(seed))
    a = np.linspace(0, np.pi, n // 2)
    b = np.linspace(0, np.pi, n - n // 2)
    upper = np.c_[np.cos(a), np.sin(a)]
    lower = np.c_[1 - np.cos(b), 0.5 - np.sin(b)]
    parts = [p + rng.normal(0, noise, p.shape) for p in (upper, lower)]
    return _labelled(parts, rng)


def circles(
    n_samples: int = 200, noise: float = 0.1, factor: float = 0.5, seed: int = 0
) -> tuple[Array, Array]:
    """A ring (label 0) around a smaller ring (label 1), ``factor`` times its radius.

    Examples
    --------
    >>> X, y = circles(100, seed=0)
    >>> X.shape
    (100, 2)
    """
    n = sample_count(n_samples, "n_samples", low=2)
    noise = check_number(noise, "noise", low=0.0)
    factor = check_number(
        factor, "factor", low=0.0, high=1.0, low_inclusive=False, high_inclusive=False
    )
    rng = np.random.default_rng(check_seed(seed))
    parts = []
    for count, radius in ((n // 2, 1.0), (n - n // 2, factor)):
        angle = rng.uniform(0, 2 * np.pi, count)
        ring = radius * np.c_[np.cos(angle), np.sin(angle)]
        parts.append(ring + rng.normal(0, noise, ring.shape))
    return _labelled(parts, rng)


def spirals(
    n_samples: int = 200, noise: float = 0.1, turns: float = 1.5, seed: int = 0
) -> tuple[Array, Array]:
    """Two intertwined spirals, a problem that needs a curved boundary everywhere.

    Each arm winds ``turns`` times (0 < ``turns`` <= ``MAX_SPIRAL_TURNS``, 100).

    Examples
    --------
    >>> X, y = spirals(100, seed=0)
    >>> X.shape
    (100, 2)
    """
    n = sample_count(n_samples, "n_samples", low=2)
    noise = check_number(noise, "noise", low=0.0)
    turns = check_number(
        turns, "turns", low=0.0, high=MAX_SPIRAL_TURNS, low_inclusive=False
    )
    rng = np.random.default_rng(check_seed(seed))
    parts = []
    for k, count in enumerate((n // 2, n - n // 2)):
        r = np.linspace(0.15, 1.0, count)
        angle = 2 * np.pi * turns * r + k * np.pi
        arm = r[:, np.newaxis] * np.c_[np.cos(angle), np.sin(angle)]
        parts.append(arm + rng.normal(0, noise, arm.shape))
    return _labelled(parts, rng)


def gaussian_blobs(
    n_samples: int = 200,
    centers: tuple[tuple[float, float], ...] = ((-1.0, -1.0), (1.0, 1.0)),
    spread: float = 0.6,
    seed: int = 0,
) -> tuple[Array, Array]:
    """Round clouds of points, one class per centre (labels 0, 1, ...).

    Examples
    --------
    >>> X, y = gaussian_blobs(90, centers=((0, 0), (2, 0), (0, 2)))
    >>> X.shape, sorted(set(y.tolist()))
    ((90, 2), [0.0, 1.0, 2.0])
    """
    centres = as_array(centers, "centers", ndim=2)
    if centres.shape[1] != 2:
        raise ValueError(
            f"centers must hold one (x, y) pair per class, shape (n_classes, 2), "
            f"but it has shape {centres.shape}"
        )
    n = sample_count(n_samples, "n_samples", low=len(centres))
    spread = check_number(spread, "spread", low=0.0)
    rng = np.random.default_rng(check_seed(seed))
    counts = [n // len(centres) + (k < n % len(centres)) for k in range(len(centres))]
    with np.errstate(over="ignore"):
        parts = [c + rng.normal(0, spread, (m, 2)) for c, m in zip(centres, counts)]
    return _labelled(parts, rng, "spread or a centre")


def load_digits() -> tuple[Array, NDArray[np.int64]]:
    """1,797 handwritten digits: UCI's "Optical Recognition of Handwritten Digits".

    Each image is an 8 x 8 grid of integers from 0 (white) to 16 (black):
    32 x 32 black-and-white scans were cut into 4 x 4 blocks and the black
    pixels of each block counted. The file is the data set's test part
    (``optdigits.tes``, written by 13 people), as scikit-learn ships it in
    ``sklearn/datasets/data/digits.csv.gz``: 1,797 rows of 64 pixel values
    (row by row, top left first) and the digit. It is read from the package;
    nothing is downloaded.

    Source: E. Alpaydin and C. Kaynak (1998), *Optical Recognition of
    Handwritten Digits*, UCI Machine Learning Repository,
    https://archive.ics.uci.edu/dataset/80, licensed under Creative Commons
    Attribution 4.0 (CC BY 4.0).

    Returns
    -------
    X : ndarray, shape (1797, 64)
        Pixel values 0 to 16 as floats; ``X[i].reshape(8, 8)`` is image ``i``.
    y : ndarray of int, shape (1797,)
        The digit each image shows, 0 to 9.

    Raises
    ------
    ValueError
        If the packaged file is damaged (wrong number of rows or columns,
        pixels outside 0..16, labels outside 0..9).

    Examples
    --------
    >>> X, y = load_digits()
    >>> X.shape, y[:10].tolist()
    ((1797, 64), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    >>> np.bincount(y).tolist()
    [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    """
    with gzip.open(_packaged("digits.csv.gz"), "rt", encoding="ascii") as handle:
        table = np.loadtxt(handle, delimiter=",", dtype=np.int64, ndmin=2)
    if table.shape != (DIGITS_COUNT, 65):
        raise ValueError(
            f"digits.csv.gz must hold {DIGITS_COUNT} rows of 65 numbers, "
            f"but it has shape {table.shape}"
        )
    X, y = table[:, :64], table[:, 64]
    if X.min() < 0 or X.max() > 16 or y.min() < 0 or y.max() > 9:
        raise ValueError("digits.csv.gz must hold pixels 0..16 and labels 0..9")
    return X.astype(np.float64), y
