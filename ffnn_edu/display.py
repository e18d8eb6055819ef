"""Showing things in a notebook: the package's real source, and tables of numbers.

The book never pastes a copy of package code; it calls :func:`show_source`,
so what the reader sees is what runs.
"""
from __future__ import annotations

import inspect
from collections.abc import Sequence
from typing import Any


def show_source(obj: Any) -> Any:
    """The source code of a package function, class or method, syntax-highlighted.

    Examples
    --------
    >>> from ffnn_edu.activations import sigmoid
    >>> "def sigmoid" in show_source(sigmoid).data
    True
    """
    from IPython.display import Code

    return Code(inspect.getsource(obj), language="python")


def _cell(value: Any, digits: int) -> str:
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], digits: int = 4) -> Any:
    """A Markdown table; floats are shown with ``digits`` decimals.

    Examples
    --------
    >>> print(table(["name", "value"], [["y_F", 0.615606]]).data)
    | name | value |
    |---|---|
    | y_F | 0.6156 |
    """
    from IPython.display import Markdown

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(v, digits) for v in row) + " |" for row in rows]
    return Markdown("\n".join(lines))
