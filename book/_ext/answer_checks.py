"""Answer checks: exercise boxes the reader can check in the web book, without a kernel.

After each exercise cell that calls a registered self-check (``check.<name>(...)``, the
names of :data:`ffnn_edu.show.check.web.REGISTRY`), the page gets an answer box: a form
whose data is the check's declaration, judged in the page by
``book/_static/answer_check.js`` with the same values, tolerances and messages as the
Python check. The notebooks themselves are not changed.

Beside every chapter's exercises (at its first "Exercise" heading), and wherever the
``{how-to-run}`` directive stands (the landing page), a box says where the code lives
and how to run it: ``make book``, ``make test``, ``make lab``, and a link to one zip of
all chapter notebooks, which this extension writes into ``_downloads/`` when the build
finishes (outputs cleared, as in the single-notebook downloads).
"""

from __future__ import annotations

import html
import json
import re
import zipfile
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive

from ffnn_edu.show import check as _check
from ffnn_edu.show.check.web import REGISTRY

BOOK = Path(__file__).resolve().parents[1]
STATIC = BOOK / "_static"
ARCHIVE = "_downloads/ffnn-edu-notebooks.zip"
CHAPTER = re.compile(r"^\d\d_\w+\.ipynb$")
CALL = re.compile(r"\bcheck\.(\w+)\(")


def package_files(top: Path) -> list[Path]:
    """The files ``pip install .`` needs: the package, its data and its project file."""
    package = [
        p
        for p in sorted((top / "ffnn_edu").rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    ]
    extra = ["pyproject.toml", "README.md", "LICENSE", "LICENSE-CC-BY-4.0.txt"]
    return package + [top / name for name in extra]


def chapter_notebooks() -> list[Path]:
    """The chapters' notebooks, ``book/NN_name.ipynb``, in order."""
    return sorted(p for p in BOOK.glob("*.ipynb") if CHAPTER.match(p.name))


def _root(docname: str) -> str:
    """The relative path from a page to the top of the built book."""
    return "../" * docname.count("/")


def how_to_run_html(docname: str, notebook: str | None, modules: list[str]) -> str:
    """The "run it yourself" box of a page (``notebook`` None: the landing page)."""
    link = _root(docname) + ARCHIVE
    count = len(chapter_notebooks())
    if notebook is None:
        where = (
            "Every chapter is a Jupyter notebook in the folder <code>book/</code> of "
            "the ffnn-edu repository, and all of them import the package "
            "<code>ffnn_edu</code> from the same repository (library in "
            "<code>ffnn_edu/nn/</code>, demonstrations in "
            "<code>ffnn_edu/experiments/</code>, self-checks in "
            "<code>ffnn_edu/show/check/</code>)."
        )
    else:
        checks = ", ".join(f"<code>{html.escape(m)}</code>" for m in modules)
        where = (
            f"This page is the notebook <code>{html.escape(notebook)}</code> of the "
            "ffnn-edu repository; the code it calls is the package "
            "<code>ffnn_edu</code> in the same repository"
            + (f" (this chapter's self-checks: {checks})." if checks else ".")
        )
    return (
        '<aside class="how-to-run" aria-label="How to run the notebooks">'
        '<p class="how-to-run-title">Run the code yourself</p>'
        f"<p>{where} In the repository's top folder:</p><ul>"
        "<li><code>make book</code> sets up <code>.venv</code> and builds this web "
        "book;</li>"
        "<li><code>make test</code> runs every test;</li>"
        "<li><code>make lab</code> opens the notebooks in JupyterLab, where every cell "
        "runs and the self-checks answer in Python.</li></ul>"
        f'<p><a class="how-to-run-archive" href="{link}" download>All {count} '
        "chapter notebooks in one zip file</a>, outputs cleared, with the package "
        "<code>ffnn_edu</code> they import: unzip it, run <code>pip install "
        ".[book]</code> and <code>pip install jupyterlab</code> in its folder, then "
        "<code>jupyter lab</code>.</p></aside>"
    )


class HowToRun(nodes.General, nodes.Element):
    """Placeholder for the box; filled in once the document's name is known."""


class HowToRunDirective(Directive):
    """``{how-to-run}``: the "run it yourself" box of the landing page."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        """The placeholder, replaced by :func:`add_boxes`."""
        return [HowToRun()]


def _cell_source(cell: nodes.Element) -> str:
    blocks = list(cell.findall(nodes.literal_block))
    return blocks[0].astext() if blocks else ""


def _is_cell(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and "cell" in node.get("classes", [])


def add_boxes(app: Any, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: answer boxes after exercise cells, and the run box."""
    for placeholder in list(doctree.findall(HowToRun)):
        placeholder.replace_self(
            nodes.raw("", how_to_run_html(docname, None, []), format="html")
        )
    source = Path(app.env.doc2path(docname))
    if not CHAPTER.match(source.name):
        return
    modules = []
    for cell in list(doctree.findall(_is_cell)):
        for name in CALL.findall(_cell_source(cell)):
            if name not in REGISTRY:
                continue
            box = REGISTRY[name]().form_html()
            cell.parent.insert(
                cell.parent.index(cell) + 1, nodes.raw("", box, format="html")
            )
            module = "ffnn_edu/show/check/" + _module_of(name) + ".py"
            if module not in modules:
                modules.append(module)
            break
    for section in doctree.findall(nodes.section):
        title = section.next_node(nodes.title)
        if title is not None and title.astext().startswith("Exercise"):
            notebook = source.relative_to(Path(app.srcdir)).as_posix()
            box = how_to_run_html(docname, notebook, modules)
            section.insert(section.index(title) + 1, nodes.raw("", box, format="html"))
            break


def _module_of(name: str) -> str:
    return getattr(_check, name).__module__.rsplit(".", 1)[-1]


def add_assets(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """``html-page-context``: the script and style only on pages with a box."""
    if doctree is None:
        return
    raw = [n.astext() for n in doctree.findall(nodes.raw)]
    if any('class="how-to-run"' in t or 'class="answer-check"' in t for t in raw):
        app.add_css_file("answer_check.css")
    if any('class="answer-check"' in t for t in raw):
        app.add_js_file("answer_check.js", defer="defer")


def write_archive(app: Any, exc: Exception | None) -> None:
    """``build-finished``: all chapter notebooks, outputs cleared, in one zip."""
    if exc is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / ARCHIVE
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in chapter_notebooks():
            notebook = json.loads(path.read_text(encoding="utf-8"))
            for cell in notebook.get("cells", []):
                if cell.get("cell_type") == "code":
                    cell["outputs"], cell["execution_count"] = [], None
            notebook.get("metadata", {}).pop("widgets", None)
            text = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
            archive.writestr(f"ffnn-edu-notebooks/{path.name}", text)
        # the package the notebooks import, so that the folder installs and runs alone
        top = BOOK.parent
        for path in package_files(top):
            archive.write(
                path, f"ffnn-edu-notebooks/{path.relative_to(top).as_posix()}"
            )


def add_static_path(app: Any, config: Any) -> None:
    """``config-inited``: ship ``book/_static`` (the box's script and style)."""
    config.html_static_path.append(str(STATIC))


def setup(app: Any) -> dict[str, Any]:
    app.add_node(HowToRun)
    app.add_directive("how-to-run", HowToRunDirective)
    app.connect("config-inited", add_static_path)
    app.connect("doctree-resolved", add_boxes)
    # before offline_pages, which replaces the page's scripts with a filtered copy
    app.connect("html-page-context", add_assets, priority=400)
    app.connect("build-finished", write_archive)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
