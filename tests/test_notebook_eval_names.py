"""A number the prose quotes stays the number it quotes: no later cell reuses its name.

A Markdown cell's ``{eval}`` roles are evaluated by the notebook's kernel. The web
book's build evaluates them in order, as it reaches each cell; JupyterLab
(jupyterlab-myst, ``make lab``) evaluates them again once the cells have run, with the
kernel's final values. So a name an ``{eval}`` reads must not be bound again by a later
code cell (``x`` of a worked example, reused for another input three cells on, showed
the wrong number in JupyterLab, or an error). A cell that quotes such a value keeps it
under a name of its own (see chapter 1's ``quoted``). ``tests/browser/test_lab.py``
runs one chapter in JupyterLab; this test holds all of them, without a browser.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "book").glob("[0-9][0-9]_*.ipynb"))
EVAL_ROLE = re.compile(r"\{eval\}`([^`]*)`")


def bound_at_top_level(source: str) -> set[str]:
    """Names a code cell binds in the kernel: assignments, loops, imports, definitions.

    Names bound only inside a function, a lambda or a comprehension are local to it.
    """
    names: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            return
        if isinstance(node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp)):
            return
        if isinstance(node, ast.GeneratorExp):
            return
        targets: list[ast.AST] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For, ast.NamedExpr)):
            targets = [node.target]
        elif isinstance(node, (ast.With,)):
            targets = [item.optional_vars for item in node.items if item.optional_vars]
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        for target in targets:
            names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
        for child in ast.iter_child_nodes(node):
            visit(child)

    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics: not Python, bind nothing we read
        return names
    visit(tree)
    return names


def names_read(expression: str) -> set[str]:
    """Free names of an ``{eval}`` expression (not those its comprehensions bind)."""
    tree = ast.parse(expression, mode="eval")
    local = {
        n.id
        for node in ast.walk(tree)
        if isinstance(node, ast.comprehension)
        for n in ast.walk(node.target)
        if isinstance(n, ast.Name)
    }
    return {
        n.id
        for n in ast.walk(tree)
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
    } - local


def rebound_names(path: Path) -> list[str]:
    """``cell id: names`` per Markdown cell whose evals read a name rebound later."""
    cells = json.loads(path.read_text())["cells"]
    found = []
    for i, cell in enumerate(cells):
        if cell["cell_type"] != "markdown":
            continue
        read: set[str] = set()
        for expression in EVAL_ROLE.findall("".join(cell["source"])):
            read |= names_read(expression)
        later: set[str] = set()
        for other in cells[i + 1 :]:
            if other["cell_type"] == "code":
                later |= bound_at_top_level("".join(other["source"]))
        if read & later:
            found.append(f"cell {cell.get('id')}: {sorted(read & later)}")
    return found


def test_a_name_bound_again_later_is_found():
    assert bound_at_top_level("for x in range(3):\n    pass\nk = 1") == {"x", "k"}
    assert bound_at_top_level("def f():\n    x = 2\n") == {"f"}
    assert bound_at_top_level("y = [z for z in range(3)]") == {"y"}
    assert names_read("[k for k in x]") == {"x"}


def test_a_notebook_that_reuses_a_quoted_name_is_reported(tmp_path):
    notebook = tmp_path / "00_example.ipynb"
    cells = [
        {"cell_type": "code", "id": "a", "source": ["x = [12.0]"]},
        {"cell_type": "markdown", "id": "b", "source": ["{eval}`x[0]`"]},
        {"cell_type": "code", "id": "c", "source": ["x = [10.0, 20.0]"]},
    ]
    notebook.write_text(json.dumps({"cells": cells}))
    assert rebound_names(notebook) == ["cell b: ['x']"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_later_cell_rebinds_a_name_the_prose_quotes(path: Path) -> None:
    assert rebound_names(path) == []
