"""``.ci/lab_copy.py`` and `make lab`: a learner's runs never touch book/ notebooks.

`make lab` opens ``lab/``, a working copy that git ignores: chapters missing there are
copied from ``book/``, chapters already there are kept as the learner left them.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

_spec = importlib.util.spec_from_file_location("lab_copy", ROOT / ".ci" / "lab_copy.py")
assert _spec is not None and _spec.loader is not None
lab_copy = importlib.util.module_from_spec(_spec)
sys.modules["lab_copy"] = lab_copy  # dataclasses look their module up there
_spec.loader.exec_module(lab_copy)


@pytest.fixture
def book(tmp_path: Path) -> Path:
    folder = tmp_path / "book"
    folder.mkdir()
    (folder / "01_a.ipynb").write_text('{"a": 1}')
    (folder / "02_b.ipynb").write_text('{"b": 1}')
    (folder / "api.md").write_text("not a notebook")
    return folder


def test_prepare_copies_every_missing_chapter(book: Path, tmp_path: Path) -> None:
    lab = tmp_path / "lab"
    done = lab_copy.prepare(book, lab)
    assert done.copied == ["01_a.ipynb", "02_b.ipynb"]
    assert done.differing == []
    assert sorted(p.name for p in lab.iterdir()) == ["01_a.ipynb", "02_b.ipynb"]
    assert (lab / "02_b.ipynb").read_text() == '{"b": 1}'


def test_prepare_never_overwrites_a_learners_edits(book: Path, tmp_path: Path) -> None:
    lab = tmp_path / "lab"
    lab_copy.prepare(book, lab)
    (lab / "01_a.ipynb").write_text('{"a": "my run"}')
    (lab / "02_b.ipynb").unlink()  # the way to ask for a fresh copy
    (book / "01_a.ipynb").write_text('{"a": 2}')  # the book changed since

    done = lab_copy.prepare(book, lab)

    assert (lab / "01_a.ipynb").read_text() == '{"a": "my run"}'
    assert (lab / "02_b.ipynb").read_text() == '{"b": 1}'
    assert done.copied == ["02_b.ipynb"]
    assert done.differing == ["01_a.ipynb"]
    assert (book / "01_a.ipynb").read_text() == '{"a": 2}'
    note = done.note()
    assert "01_a.ipynb" in note and f"rm {lab}/NN_name.ipynb" in note


def test_prepare_refuses_a_missing_book_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="book must be a folder"):
        lab_copy.prepare(tmp_path / "nowhere", tmp_path / "lab")


def test_make_lab_opens_the_working_copy_and_git_ignores_it() -> None:
    commands = subprocess.run(
        ["make", "-n", "lab"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert ".ci/lab_copy.py book lab" in commands
    assert "--notebook-dir=lab " in commands
    assert "--notebook-dir=book" not in commands
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "lab/01_neurons_and_layers.ipynb"], cwd=ROOT
    )
    assert ignored.returncode == 0, "lab/ is not in .gitignore"
