#!/usr/bin/env python3
"""The learner's working copy of the chapters that `make lab` opens.

Running a chapter in JupyterLab changes the notebook (execution counts, outputs, the
{eval} values of the prose), and a learner tries things. So `make lab` does not open the
tracked notebooks in ``book/``: it opens ``lab/`` (untracked, in ``.gitignore``), where
each chapter is copied from ``book/`` when it is missing there. A chapter already in
``lab/`` is never overwritten: it may hold the learner's edits. For a fresh copy of a
chapter, delete it from ``lab/`` and run `make lab` again. (To edit the book itself, an
author uses `make lab-book`, which opens ``book/``.)

usage: python .ci/lab_copy.py [BOOK [LAB]]   (default: book lab, from the repository)
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class LabCopy:
    """What :func:`prepare` did: chapters copied now, and chapters that differ from
    ``book/`` (the learner's edits or runs, or a chapter changed in ``book/`` since)."""

    lab: Path
    copied: list[str] = field(default_factory=list)
    differing: list[str] = field(default_factory=list)

    def note(self) -> str:
        lines = [f"JupyterLab opens {self.lab}/, your working copy of the chapters"]
        lines[0] += " (git does not track it; book/ stays as it is)."
        if self.copied:
            lines.append(f"Copied from book/ now: {', '.join(self.copied)}.")
        if self.differing:
            lines.append(
                f"Not the same as in book/ (your runs and edits, or book/ changed "
                f"since the copy): {', '.join(self.differing)}."
            )
        lines.append(
            f"For a fresh copy of a chapter: rm {self.lab}/NN_name.ipynb, then make "
            f"lab again (rm -r {self.lab} for all of them)."
        )
        return "\n".join(lines)


def prepare(book: Path, lab: Path) -> LabCopy:
    """Copy into ``lab`` the notebooks of ``book`` it lacks; overwrite none."""
    if not book.is_dir():
        raise FileNotFoundError(
            f"book must be a folder of notebooks, but {book} is not"
        )
    lab.mkdir(parents=True, exist_ok=True)
    done = LabCopy(lab)
    for source in sorted(book.glob("*.ipynb")):
        target = lab / source.name
        if not target.exists():
            shutil.copyfile(source, target)
            done.copied.append(source.name)
        elif target.read_bytes() != source.read_bytes():
            done.differing.append(source.name)
    return done


if __name__ == "__main__":
    args = sys.argv[1:]
    book = Path(args[0]) if args else ROOT / "book"
    lab = Path(args[1]) if len(args) > 1 else ROOT / "lab"
    print(prepare(book, lab).note())
