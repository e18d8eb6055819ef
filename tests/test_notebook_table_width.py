"""Tables fit a phone: no chapter's table has more than four columns.

On a phone 390 pixels wide the text column is 358 px, and ``book/_static/phones.css``
gives every table column at least 5em of 14 px text (70 px, with its padding): five
columns need 354 px before a single header is longer than a short word, so a table of
five columns scrolls sideways, and four columns of numbers with short headers fit. This
test holds the Markdown tables of the chapters (in Markdown cells and in the stored
outputs of ``display.table``) to four columns, without building the book; whether each
table then fits is measured in the built pages by ``tests/browser/test_phones.py``
(long words and formulas can make a table of fewer columns too wide).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "book").glob("[0-9][0-9]_*.ipynb"))
#: The most columns a chapter's table may have (see the module docstring).
PHONE_COLUMNS = 4

_CELL_SEPARATOR = re.compile(r"(?<!\\)\|")
_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")


def markdown_tables(text: str) -> list[list[str]]:
    """The tables of a Markdown text, each as its lines (header, rule, rows)."""
    lines, tables, i = text.split("\n"), [], 0
    while i < len(lines):
        if (
            lines[i].lstrip().startswith("|")
            and i + 1 < len(lines)
            and _RULE.match(lines[i + 1])
        ):
            j = i
            while j < len(lines) and lines[j].lstrip().startswith("|"):
                j += 1
            tables.append(lines[i:j])
            i = j
        else:
            i += 1
    return tables


def columns(header: str) -> int:
    """How many cells a header line has (an escaped ``\\|`` stays in its cell)."""
    return len(_CELL_SEPARATOR.split(header.strip().strip("|")))


def wide_tables(path: Path, limit: int) -> list[str]:
    """``cell id: header`` of each table of more than ``limit`` columns."""
    found = []
    for cell in json.loads(path.read_text())["cells"]:
        texts = ["".join(cell["source"])] if cell["cell_type"] == "markdown" else []
        texts += [
            "".join(output["data"]["text/markdown"])
            for output in cell.get("outputs", [])
            if "text/markdown" in output.get("data", {})
        ]
        for text in texts:
            for table in markdown_tables(text):
                if columns(table[0]) > limit:
                    found.append(f"cell {cell.get('id')}: {table[0]}")
    return found


def test_the_check_counts_the_columns_of_a_table_in_a_cell_and_an_output(
    tmp_path: Path,
) -> None:
    five = "| a | b \\| c | d | e | f |\n|---|---|---|---|---|\n| 1 | 2 | 3 | 4 | 5 |"
    four = "text\n\n| a | b | c | d |\n|---|---|---|---|\n| 1 | 2 | 3 | 4 |"
    cells = [
        {"cell_type": "markdown", "id": "m", "source": [four]},
        {
            "cell_type": "code",
            "id": "c",
            "source": ["table(...)"],
            "outputs": [{"data": {"text/markdown": [five]}}],
        },
    ]
    notebook = tmp_path / "n.ipynb"
    notebook.write_text(json.dumps({"cells": cells}))
    assert wide_tables(notebook, 4) == ["cell c: | a | b \\| c | d | e | f |"]
    assert wide_tables(notebook, 5) == []
    assert wide_tables(notebook, 3) == [
        "cell m: | a | b | c | d |",
        "cell c: | a | b \\| c | d | e | f |",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_table_of_a_chapter_has_at_most_four_columns(path: Path) -> None:
    wide = wide_tables(path, PHONE_COLUMNS)
    assert not wide, (
        f"{path.name}: tables of more than {PHONE_COLUMNS} columns scroll sideways "
        f"on a phone; turn them (display.table(..., transpose=True)), split them or "
        f"merge columns:\n" + "\n".join(wide)
    )


def test_every_chapter_is_checked() -> None:
    assert len(NOTEBOOKS) >= 16
