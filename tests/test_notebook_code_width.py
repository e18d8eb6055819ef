"""Code fits its column: no line of a chapter's code cell is longer than ruff's limit.

The package is held to ``line-length`` (pyproject.toml) by ``ruff check``; the notebooks
are not linted (their outputs are compared by nbval), so this test holds their code
cells to the same width. The web book's code font is sized so that this many columns
fit at 1366 px (``tests/browser/test_code_width.py`` checks the built pages).
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))


def line_length() -> int:
    """The house's line length, as ruff reads it from pyproject.toml."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return config["tool"]["ruff"]["line-length"]


def long_code_lines(path: Path, limit: int) -> list[str]:
    """``cell id, line number: line`` for each code-cell line longer than ``limit``."""
    cells = json.loads(path.read_text())["cells"]
    found = []
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        for number, line in enumerate("".join(cell["source"]).split("\n"), start=1):
            if len(line) > limit:
                found.append(f"cell {cell.get('id')}, line {number}: {line}")
    return found


def test_the_line_length_is_88() -> None:
    assert line_length() == 88


def test_the_check_finds_a_line_one_column_too_long(tmp_path: Path) -> None:
    cell = {"cell_type": "code", "id": "x", "source": ["a = 1\n", "b = " + "1" * 85]}
    notebook = tmp_path / "n.ipynb"
    notebook.write_text(json.dumps({"cells": [cell]}))
    assert long_code_lines(notebook, 88) == [f"cell x, line 2: b = {'1' * 85}"]
    assert long_code_lines(notebook, 89) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_keep_within_the_line_length(path: Path) -> None:
    long = long_code_lines(path, line_length())
    assert not long, (
        f"{path.name}: code lines over {line_length()} columns:\n" + "\n".join(long)
    )


def test_every_chapter_is_checked() -> None:
    assert len(NOTEBOOKS) >= 16
