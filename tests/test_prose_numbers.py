"""No number that a cell computes is typed into a chapter's prose.

The book's rule: a number in the text that the notebook computes comes from the
computation, through an ``{eval}`` role, so it cannot drift from what the code prints.
This test reads the Markdown cells of every notebook under ``book/`` and fails on a
*typed* decimal number with three or more significant decimals (``0.615``, ``0.0739``,
``6.0276``; not ``0.001`` or ``0.037``) outside maths (``$...$``, ``$$...$$``), roles
(``{eval}`...```, ``{cite}`...``` and the like), code spans and fenced code, link
targets and URLs. Such a number is almost always a computed value pasted by hand.

Exceptions are numbers quoted from a source as the source prints them (a misprint
discussed in the errata, a table of the textbook): each is listed, with its reason, in
``tests/prose_numbers_allowlist.txt``. An entry that no longer matches anything fails
too, so the list stays as short as the book needs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))
ALLOWLIST = Path(__file__).with_name("prose_numbers_allowlist.txt")

TYPED_NUMBER = re.compile(r"(?<![\w.])(\d+)\.(\d{3,})(?!\w|\.\d)")


def significant_decimals(whole: str, decimals: str) -> int:
    """Decimals that carry precision: 0.0739 has 3 (the zero only places the point)."""
    return len(decimals.lstrip("0")) if int(whole) == 0 else len(decimals)


NOT_PROSE = [
    # fenced code (and code directives)
    re.compile(r"^(`{3,}|~{3,}).*?^\1", re.M | re.S),
    re.compile(r"\$\$.*?\$\$", re.S),  # display maths
    # inline maths (within a paragraph)
    re.compile(r"(?<!\\)\$(?:(?!\n\s*\n)[^$])+?(?<!\\)\$"),
    re.compile(r"\{[\w:-]+\}(`+)(.+?)\1", re.S),  # roles: {eval}`...`, {cite}`...`
    re.compile(r"(`+).+?\1", re.S),  # code spans
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"<!--.*?-->", re.S),  # HTML comments
    re.compile(r"https?://\S+"),  # bare URLs
]


def prose(markdown: str) -> str:
    """The Markdown with everything that is not prose replaced by a space."""
    for pattern in NOT_PROSE:
        markdown = pattern.sub(" ", markdown)
    return markdown


def typed_numbers(notebook: Path) -> list[tuple[int, str, str]]:
    """``(cell index, number, context)`` for each typed number in the prose."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    found = []
    for index, cell in enumerate(cells):
        if cell["cell_type"] != "markdown":
            continue
        text = prose("".join(cell["source"]))
        for match in TYPED_NUMBER.finditer(text):
            if significant_decimals(match[1], match[2]) < 3:
                continue
            context = text[max(0, match.start() - 50) : match.end() + 30].replace(
                "\n", " "
            )
            found.append((index, match[0], " ".join(context.split())))
    return found


def allowlist() -> dict[tuple[str, str], str]:
    """``{(notebook file name, number): reason}`` from the allowlist file."""
    allowed = {}
    for number, line in enumerate(
        ALLOWLIST.read_text(encoding="utf-8").splitlines(), 1
    ):
        entry = line.split("#", 1)[0].split()
        if not entry:
            continue
        reason = line.split("#", 1)[1].strip() if "#" in line else ""
        assert len(entry) == 2 and reason, (
            f"{ALLOWLIST.name}:{number}: expected "
            "'<notebook>.ipynb <number>  # <reason>'"
        )
        allowed[(entry[0], entry[1])] = reason
    return allowed


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_no_typed_numbers_in_prose(notebook):
    allowed = allowlist()
    offenders = [
        (index, number, context)
        for index, number, context in typed_numbers(notebook)
        if (notebook.name, number) not in allowed
    ]
    assert not offenders, (
        f"{notebook.name}: numbers typed into the prose; write each one a cell "
        "computes as {eval}`expr` (source quotes go into "
        "tests/prose_numbers_allowlist.txt with a "
        "reason):\n" + "\n".join(f"  cell {i}: {n}   …{c}…" for i, n, c in offenders)
    )


def test_every_allowlist_entry_is_still_needed():
    present = {(p.name, number) for p in NOTEBOOKS for _, number, _ in typed_numbers(p)}
    stale = sorted(set(allowlist()) - present)
    assert not stale, (
        f"{ALLOWLIST.name}: entries that match no typed number "
        f"any more (remove them): {stale}"
    )


@pytest.mark.parametrize(
    "markdown, expected",
    [
        ("The loss falls to 0.2134 after training.", ["0.2134"]),
        ("Loss {eval}`f'{loss:.4f}'` and $w = 0.5123$ and `x = 1.2345`.", []),
        ("$$\nE = 0.12345\n$$\nbut 3.14159 stays", ["3.14159"]),
        ("so $4/3 \\approx\n1.3333$, and $a$\n\n0.1234 $b$", ["0.1234"]),
        ("η = 0.5, 200 epochs, 1e-9, version 2.4.6, 12.50 and 1,000.5", []),
        (
            "rates 0.1, 0.01, 0.001, a step 0.037, but 0.0739 and 6.0276",
            ["0.0739", "6.0276"],
        ),
        (
            "```python\nprint(0.12345)\n```\nSee [paper](https://arxiv.org/abs/1502.03167).",
            [],
        ),
        (":::{admonition} Solution\nThe answer is 0.6225.\n:::", ["0.6225"]),
    ],
)
def test_the_detector(markdown, expected, tmp_path):
    notebook = tmp_path / "nb.ipynb"
    notebook.write_text(
        json.dumps({"cells": [{"cell_type": "markdown", "source": [markdown]}]})
    )
    assert [number for _, number, _ in typed_numbers(notebook)] == expected


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_display_maths_stands_in_a_paragraph_of_its_own(notebook):
    """A ``$$`` line right after a line of text is read as inline maths: MyST then
    mixes formulas and prose (three solutions did). A blank line must come first."""
    glued = []
    for cell in json.loads(notebook.read_text())["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        lines, opening, fence = "".join(cell["source"]).split("\n"), True, False
        for i, line in enumerate(lines):
            if line.strip().startswith("```"):
                fence = not fence
            if fence or line.strip() != "$$":
                continue
            before = lines[i - 1].strip() if i else ""
            if opening and before and not before.startswith((":", "::::")):
                glued.append(f"{cell.get('id')}: {before[:60]!r}")
            opening = not opening
    assert glued == []
