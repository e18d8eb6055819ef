#!/usr/bin/env python3
"""Execute notebooks in place so their stored outputs match the package.

nbval (in `make test`) re-runs every notebook and compares the fresh outputs
with the stored ones, so after changing the package or a notebook, refresh
the stored outputs with `make notebooks` (this script) and commit them.

The values of the prose's {eval}`expr` roles are stored too: each Markdown
cell's expressions are evaluated in the kernel where the cell stands (after
the code cells above it have run, as myst-nb does when it builds the book)
and kept in the cell's ``metadata.user_expressions``, in the shape of a
Jupyter ``execute_reply``'s ``user_expressions`` (a list of ``{"expression":
..., "result": {"status": "ok", "data": {...}, "metadata": {}}}``). That is
what jupyterlab-myst reads, so `make lab` shows the numbers in the text
before the learner runs anything.

usage: python .ci/refresh_outputs.py [notebook ...]   (default: every book/*.ipynb)
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.util import ensure_async

ROOT = Path(__file__).resolve().parents[1]
#: An {eval} role in MyST Markdown: {eval}`expr` (or with more backticks around).
EVAL_ROLE = re.compile(r"\{eval\}(`+)(.+?)\1", re.S)


def eval_expressions(markdown: str) -> list[str]:
    """The expressions of the {eval} roles in ``markdown``, in order, each once."""
    return list(dict.fromkeys(m.group(2) for m in EVAL_ROLE.finditer(markdown)))


class ExpressionClient(NotebookClient):
    """Runs the code cells and stores each Markdown cell's {eval} results."""

    async def async_execute_cell(
        self, cell: Any, cell_index: int, *args: Any, **kwargs: Any
    ) -> Any:
        if cell.cell_type != "markdown":
            return await super().async_execute_cell(cell, cell_index, *args, **kwargs)
        expressions = eval_expressions(cell.source)
        if not expressions:
            cell.metadata.pop("user_expressions", None)
            return cell
        assert self.kc is not None
        msg_id = await ensure_async(
            self.kc.execute(
                "",
                silent=True,
                store_history=False,
                user_expressions={str(i): e for i, e in enumerate(expressions)},
            )
        )
        reply = await self.async_wait_for_reply(msg_id, cell)
        if reply is None or reply["content"]["status"] != "ok":
            raise RuntimeError(
                f"cell {cell_index}: the kernel did not evaluate {expressions}"
            )
        results = reply["content"]["user_expressions"]
        stored = []
        for i, expression in enumerate(expressions):
            result = dict(results[str(i)])
            if result.get("status") != "ok":
                raise RuntimeError(
                    f"cell {cell_index}: {{eval}}`{expression}` failed: "
                    f"{result.get('ename')}: {result.get('evalue')}"
                )
            stored.append({"expression": expression, "result": result})
        cell.metadata["user_expressions"] = stored
        return cell


def refresh(path: Path) -> None:
    started = time.perf_counter()
    nb = nbformat.read(path, as_version=4)
    client = ExpressionClient(
        nb,
        timeout=300,
        kernel_name="python3",
        store_widget_state=False,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    print(f"{name}: executed in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    paths = [Path(p).resolve() for p in sys.argv[1:]] or sorted(
        (ROOT / "book").glob("*.ipynb")
    )
    for p in paths:
        refresh(p)
