"""A chapter in JupyterLab (``make lab``) reads as it does on the web.

jupyterlab-myst renders the chapters' MyST Markdown in JupyterLab: admonitions, dropdown
solutions, ``:::`` fences, and ``{eval}`` roles, whose values appear once the kernel has
run the cells. This test starts JupyterLab (as ``make lab`` does, with ``--allow-root``
when run as root) on a copy of one chapter, opens it in headless Chromium, runs all
cells from the Run menu as a reader would, and checks what the Markdown cells show. It
needs no built book, so `make test` runs it beside the build (`make lab-check`).

Known limits of JupyterLab (not checked here): ``{ref}`` to a label in another chapter
and ``{cite}`` show the label with a "not found" mark, because JupyterLab sees one
notebook at a time and no bibliography.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bookbrowser import REPO, as_list, is_local
from playwright.sync_api import TimeoutError as PlaywrightTimeout

BOOK = REPO / "book"
EVAL_ROLE = re.compile(r"\{eval\}`")
ADMONITION = re.compile(r"^:{3,}\{(admonition|note|tip|warning|important)\}", re.M)
# MyST markup that must not show as text in a rendered Markdown cell.
RAW_MARKUP = [
    "{eval}",
    "{ref}",
    "{cite}",
    "{admonition}",
    ":::",
    ":class: dropdown",
    "```{",
]


def markdown_sources(path: Path) -> list[str]:
    return [
        "".join(cell["source"])
        for cell in json.loads(path.read_text())["cells"]
        if cell["cell_type"] == "markdown"
    ]


def chapter_for_the_test() -> Path | None:
    """The first chapter with both an admonition and an {eval} role in its Markdown
    (``FFNN_LAB_NOTEBOOK`` names another notebook to test instead)."""
    chosen = os.environ.get("FFNN_LAB_NOTEBOOK")
    for path in [Path(chosen)] if chosen else sorted(BOOK.glob("*.ipynb")):
        text = "\n".join(markdown_sources(path))
        if EVAL_ROLE.search(text) and ADMONITION.search(text):
            return path
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def lab() -> Iterator[tuple[str, Path, Path]]:
    """JupyterLab serving a temporary folder holding a copy of the chapter: (URL,
    chapter, JupyterLab's log file)."""
    chapter = chapter_for_the_test()
    if chapter is None:
        pytest.fail(
            "no chapter has both an admonition and an {eval} role to test in JupyterLab"
        )
    folder = Path(tempfile.mkdtemp(prefix="ffnn-lab-"))
    shutil.copy(chapter, folder / chapter.name)
    # Render every cell, not only those scrolled into view (JupyterLab's default
    # windowing would leave the Markdown cells above the last one
    # empty after "Run All Cells").
    settings = folder / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    port, token = free_port(), secrets.token_hex(16)
    root = ["--allow-root"] if os.geteuid() == 0 else []
    log = (folder / "lab.log").open("w")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("jupyter")),
            "lab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            f"--ServerApp.token={token}",
            f"--ServerApp.root_dir={folder}",
            f"--LabApp.user_settings_dir={folder / 'settings'}",
            f"--LabApp.workspaces_dir={folder / 'workspaces'}",
            *root,
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/status?token={token}", timeout=1
                )
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(
                        f"JupyterLab exited: {(folder / 'lab.log').read_text()[-2000:]}"
                    )
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not answer within 2 minutes")
        yield (
            f"http://127.0.0.1:{port}/lab/tree/{chapter.name}?token={token}",
            chapter,
            folder / "lab.log",
        )
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


# The kernel is ready for "Run All Cells". The toolbar's execution indicator says "idle"
# before any kernel exists (its kernel name then reads "No Kernel"); a "Run All Cells"
# in that moment asks for a kernel in a dialog and runs nothing, so both must agree.
KERNEL_READY_JS = r"""
() => {
  const name =
    document.querySelector('.jp-Toolbar-kernelName')?.textContent?.trim() ?? '';
  const status =
    document.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status;
  return name !== '' && name !== 'No Kernel' && status === 'idle';
}
"""

# After "Run All Cells": every code cell has an execution count, none is queued or
# running. A dialog (JupyterLab asking something) ends the wait early, with its text.
ALL_RUN_JS = r"""
() => {
  const dialog = document.querySelector('.jp-Dialog');
  if (dialog) return {dialog: dialog.textContent.slice(0, 300)};
  const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
    .map((el) => el.textContent);
  return prompts.length > 0 && prompts.every((text) => /\[\d+\]/.test(text))
    && {dialog: ''};
}
"""

# What the code cells' prompts and error outputs show, for a report when the run stalls.
STALLED_JS = r"""
() => 'prompts: ' + [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
  .map((el) => el.textContent.trim()).join(' ') + '\nerror and stderr outputs: ' +
  [...document.querySelectorAll(
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
  .map((el) => el.textContent.slice(-600)).join('\n---\n')
"""

MARKDOWN_CELLS_JS = r"""
() => [...document.querySelectorAll('.jp-Notebook .jp-MarkdownCell')].map((cell) => {
  // jupyterlab-myst renders a Markdown cell into div.myst (JupyterLab's own renderer
  // would use .jp-RenderedMarkdown, which would mean the extension did not load).
  const rendered = cell.querySelector('.jp-Cell-inputWrapper .myst');
  return {
    myst: !!rendered,
    text: rendered?.textContent ?? '',
    admonitions: rendered ? rendered.querySelectorAll('.myst-admonition').length : 0,
    dropdowns: rendered ? [...rendered.querySelectorAll('details.myst-admonition')]
      .map((d) => d.open) : [],
  };
})
"""


def test_chapter_renders_myst_in_jupyterlab(
    lab: tuple[str, Path, Path], chromium: Any
) -> None:
    url, chapter, log = lab
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(120_000)
    external: list[str] = []

    def route(request_route: Any) -> None:
        if is_local(request_route.request.url):
            request_route.continue_()
        else:
            external.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    try:
        page.goto(url)
        page.wait_for_selector(".jp-Notebook .jp-MarkdownCell")
        page.wait_for_function(KERNEL_READY_JS, polling=200)
        before = page.evaluate(MARKDOWN_CELLS_JS)
        page.click("div.lm-MenuBar-itemLabel:text-is('Run')")
        page.click("li.lm-Menu-item:has-text('Run All Cells')")
        try:
            outcome = page.wait_for_function(ALL_RUN_JS, polling=500).json_value()
        except PlaywrightTimeout:
            pytest.fail(
                f"{chapter.name}: the cells did not all run within 2 minutes.\n"
                f"{page.evaluate(STALLED_JS)}\nJupyterLab's log ends:\n"
                f"{log.read_text()[-2000:]}"
            )
        assert not outcome["dialog"], (
            f"{chapter.name}: JupyterLab asks: {outcome['dialog']}"
        )
        # the last Markdown cells render after the last code cell
        page.wait_for_timeout(1000)
        cells = page.evaluate(MARKDOWN_CELLS_JS)
    finally:
        context.close()

    sources = markdown_sources(chapter)
    assert len(cells) == len(sources), (
        f"{chapter.name}: JupyterLab shows {len(cells)} Markdown cells, "
        f"the notebook has {len(sources)}"
    )
    problems = []
    for index, (source, cell, unrun) in enumerate(zip(sources, cells, before)):
        where = f"Markdown cell {index + 1}"
        if not cell["myst"]:
            problems.append(f"{where} is not rendered by jupyterlab-myst")
            continue
        raw = [markup for markup in RAW_MARKUP if markup in cell["text"]]
        if raw:
            problems.append(
                f"{where} shows raw MyST markup {raw}: {cell['text'][:160]!r}"
            )
        if ADMONITION.search(source) and not cell["admonitions"]:
            problems.append(f"{where}: its admonition is not rendered as one")
        if ":class: dropdown" in source and (
            not cell["dropdowns"] or any(cell["dropdowns"])
        ):
            problems.append(
                f"{where}: its dropdown is not a collapsed "
                f"<details> (found {cell['dropdowns']})"
            )
        if EVAL_ROLE.search(source) and cell["text"] == unrun["text"]:
            problems.append(
                f"{where}: running the cells did not fill in its {{eval}} values: "
                f"{cell['text'][:160]!r}"
            )
    assert sum(bool(ADMONITION.search(s)) for s in sources) and any(
        EVAL_ROLE.search(s) for s in sources
    )
    assert not problems, f"{chapter.name} in JupyterLab:\n{as_list(problems, 25)}"
    assert not external, (
        f"JupyterLab asked other hosts for:\n{as_list(sorted(set(external)))}"
    )
