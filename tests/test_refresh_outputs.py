"""``.ci/refresh_outputs.py``: the stored {eval} values of the prose.

jupyterlab-myst shows a Markdown cell's ``{eval}`` roles from the cell's
``metadata.user_expressions`` before anything runs; ``refresh_outputs.py`` stores them
when it refreshes a notebook's outputs. These tests run its client on a small notebook,
and check that every chapter has a stored value for every expression of its prose (that
the stored values are those of the built book is checked against the built pages in
``tests/browser/test_stored_expressions.py``).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))

_spec = importlib.util.spec_from_file_location(
    "refresh_outputs", ROOT / ".ci" / "refresh_outputs.py"
)
assert _spec is not None and _spec.loader is not None
refresh_outputs = importlib.util.module_from_spec(_spec)
sys.modules["refresh_outputs"] = (
    refresh_outputs  # dataclasses look their module up there
)
_spec.loader.exec_module(refresh_outputs)


def test_eval_expressions_lists_each_role_once_in_order() -> None:
    text = "a {eval}`x` b {eval}`f'{y:.3f}'` c {eval}`x` d {eval}``z[`k`]`` `{eval}`"
    assert refresh_outputs.eval_expressions(text) == ["x", "f'{y:.3f}'", "z[`k`]"]


def test_refresh_stores_each_cells_values_where_the_cell_stands(
    tmp_path: Path,
) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.cells = [
        nbformat.v4.new_code_cell("x = 2"),
        nbformat.v4.new_markdown_cell("x is {eval}`x`, a third {eval}`f'{x / 3:.3f}'`"),
        nbformat.v4.new_code_cell("x = 5"),
        nbformat.v4.new_markdown_cell("now {eval}`x`"),
        nbformat.v4.new_markdown_cell("no roles here"),
    ]
    nb.cells[4].metadata["user_expressions"] = [{"expression": "stale"}]
    path = tmp_path / "small.ipynb"
    nbformat.write(nb, path)

    refresh_outputs.refresh(path)

    cells = json.loads(path.read_text())["cells"]
    ok = {"status": "ok", "metadata": {}}
    assert cells[1]["metadata"]["user_expressions"] == [
        {"expression": "x", "result": {**ok, "data": {"text/plain": "2"}}},
        {
            "expression": "f'{x / 3:.3f}'",
            "result": {**ok, "data": {"text/plain": "'0.667'"}},
        },
    ]
    # the value after the code cells above, not after the whole notebook (mutant: all
    # expressions evaluated at the end would store 5 in cell 1)
    assert cells[3]["metadata"]["user_expressions"] == [
        {"expression": "x", "result": {**ok, "data": {"text/plain": "5"}}}
    ]
    assert "user_expressions" not in cells[4]["metadata"]
    assert cells[2]["execution_count"] == 2


def test_refresh_fails_on_an_expression_the_kernel_cannot_evaluate(
    tmp_path: Path,
) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.cells = [nbformat.v4.new_markdown_cell("broken {eval}`undefined_name + 1`")]
    path = tmp_path / "broken.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(RuntimeError, match=r"undefined_name.*NameError"):
        refresh_outputs.refresh(path)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_eval_role_of_a_chapter_has_a_stored_value(notebook: Path) -> None:
    missing = []
    for index, cell in enumerate(json.loads(notebook.read_text())["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        expressions = refresh_outputs.eval_expressions("".join(cell["source"]))
        stored = {
            entry["expression"]: entry["result"]
            for entry in cell["metadata"].get("user_expressions", [])
        }
        for expression in expressions:
            result = stored.get(expression, {})
            if result.get("status") != "ok" or "text/plain" not in result.get(
                "data", {}
            ):
                missing.append(f"Markdown cell {index + 1}: {{eval}}`{expression}`")
        extra = sorted(set(stored) - set(expressions))
        if extra:
            missing.append(f"Markdown cell {index + 1}: stale values for {extra}")
    assert not missing, (
        f"{notebook.name}: run `.venv/bin/python .ci/refresh_outputs.py "
        f"book/{notebook.name}`; no stored value for:\n" + "\n".join(missing)
    )
