"""The {eval} values stored in the notebooks are the values the built book shows.

``.ci/refresh_outputs.py`` stores each Markdown cell's {eval} results in the cell's
``metadata.user_expressions``, which jupyterlab-myst shows before the cells run; myst-nb
computes them again when it builds the book. Each chapter's page shows its {eval}
values as ``<span class="output text_plain">`` elements, in the order of the roles in
the notebook: this test reads them from the built page and compares them with the
stored values (as myst-nb shows a string, without its quotes). A stored value that is
stale (the chapter's code changed and its outputs were not refreshed) fails here.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from bookbrowser import REPO, as_list

EVAL_ROLE = re.compile(r"\{eval\}(`+)(.+?)\1", re.S)
INLINE_OUTPUT = re.compile(r'<span class="output text_plain">(.*?)</span>', re.S)
QUOTED = re.compile(r"^([\"']).*\1$", re.S)  # myst-nb's rule for a string's quotes
NOTEBOOKS = sorted((REPO / "book").glob("*.ipynb"))


def stored_values(notebook: Path) -> list[tuple[str, str]]:
    """(expression, text shown) for each {eval} role of the notebook, in order."""
    values = []
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        stored = {
            entry["expression"]: entry["result"].get("data", {}).get("text/plain")
            for entry in cell["metadata"].get("user_expressions", [])
        }
        for match in EVAL_ROLE.finditer("".join(cell["source"])):
            text = stored.get(match.group(2))
            if text is not None and QUOTED.match(text):
                text = text[1:-1]
            values.append((match.group(2), str(text)))
    return values


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_stored_eval_values_are_the_built_pages_values(
    notebook: Path, book_dir: Path
) -> None:
    page = book_dir / "book" / notebook.with_suffix(".html").name
    assert page.is_file(), f"the built book has no page {page.name}"
    shown = [
        html.unescape(text)
        for text in INLINE_OUTPUT.findall(page.read_text(encoding="utf-8"))
    ]
    stored = stored_values(notebook)
    assert len(shown) == len(stored), (
        f"{page.name} shows {len(shown)} {{eval}} values, {notebook.name} has "
        f"{len(stored)} {{eval}} roles"
    )
    stale = [
        f"{{eval}}`{expression}`: stored {text!r}, the page shows {built!r}"
        for (expression, text), built in zip(stored, shown)
        if text != built
    ]
    assert not stale, (
        f"{notebook.name}: stored values differ from the built page (run "
        f"`.venv/bin/python .ci/refresh_outputs.py book/{notebook.name}`):\n"
        + as_list(stale)
    )
