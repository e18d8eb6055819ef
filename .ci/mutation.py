"""Mutation testing of the library wing with mutmut 3.8, in the ``@checked`` bodies too.

mutmut 3.8 leaves every decorated function alone (it would have to copy the decorator
onto each mutant, and a decorator runs at import), so ``@checked`` would hide the
optimizer steps, the penalties, the one-neuron rules, the losses' and activations'
bodies and the training loop from it. This script therefore runs mutmut on a *staged
copy* of the project, in which every

    @checked(...)                         def f(...):
    def f(...):              becomes          ...
        ...                               f = checked(...)(f)

(the same function object, the same checks: only the spelling of the declaration
changes, in the copy). mutmut then sees an undecorated ``f``, mutates its body and puts
its trampoline under the name ``f``; the assignment that follows wraps the trampoline in
the checks, exactly as the decorator wrapped the function. ``unchecked(f)`` (the kernels
the training loop calls) reaches the trampoline too, since it is ``f.__wrapped__``.

The sources in the repository are never touched. The copy lives in ``_build/mutation``
(kept between runs: mutmut re-tests only the functions whose source changed); its
settings are ``[tool.mutmut]`` in pyproject.toml.

Usage (from the repository root, with a Python that has mutmut 3.8 and pytest, e.g. the
venv ``make mutation`` builds)::

    python .ci/mutation.py                   # stage, `mutmut run`, list survivors
    python .ci/mutation.py run --max-children 2       # two workers (make mutation)
    python .ci/mutation.py run "ffnn_edu.nn.training.x_train__mutmut_*"
                                             # only these mutants (fnmatch patterns)
    python .ci/mutation.py show NAME         # any other mutmut command, in the copy
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import libcst as cst

ROOT = Path(__file__).resolve().parent.parent
STAGE = ROOT / "_build" / "mutation"
# Decorators that make a descriptor (mutmut knows staticmethod and classmethod; the
# others cannot be moved below a method without changing what the class holds).
KEEP = {
    "staticmethod",
    "classmethod",
    "property",
    "cached_property",
    "dataclass",
    "overload",
}


def _name(decorator: cst.Decorator) -> str:
    node = decorator.decorator
    if isinstance(node, cst.Call):
        node = node.func
    if isinstance(node, cst.Attribute):
        return node.attr.value
    return node.value if isinstance(node, cst.Name) else ""


class MoveChecked(cst.CSTTransformer):
    """Turn ``@checked(...) def f`` into ``def f``, then ``f = checked(...)(f)``."""

    def __init__(self) -> None:
        self.moved = 0

    def _rewrite(self, body: list[cst.BaseStatement]) -> list[cst.BaseStatement]:
        result: list[cst.BaseStatement] = []
        for statement in body:
            names = (
                [_name(d) for d in statement.decorators]
                if isinstance(statement, cst.FunctionDef)
                else []
            )
            if "checked" not in names or KEEP & set(names):
                result.append(statement)
                continue
            assert isinstance(statement, cst.FunctionDef)
            wrapped: cst.BaseExpression = statement.name
            # the innermost applies first
            for decorator in reversed(statement.decorators):
                wrapped = cst.Call(func=decorator.decorator, args=[cst.Arg(wrapped)])
            result.append(statement.with_changes(decorators=[]))
            result.append(
                cst.SimpleStatementLine(
                    [cst.Assign([cst.AssignTarget(statement.name)], wrapped)]
                )
            )
            self.moved += 1
        return result

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        return updated.with_changes(body=self._rewrite(list(updated.body)))

    def leave_ClassDef(
        self, original: cst.ClassDef, updated: cst.ClassDef
    ) -> cst.ClassDef:
        if not isinstance(updated.body, cst.IndentedBlock):
            return updated
        return updated.with_changes(
            body=updated.body.with_changes(body=self._rewrite(list(updated.body.body)))
        )


def stage() -> int:
    """Copy the project's sources, tests and settings into STAGE, declarations moved."""
    STAGE.mkdir(parents=True, exist_ok=True)
    for name in ("ffnn_edu", "tests"):
        shutil.rmtree(STAGE / name, ignore_errors=True)
        shutil.copytree(
            ROOT / name, STAGE / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy2(ROOT / "pyproject.toml", STAGE / "pyproject.toml")
    moved = 0
    for path in sorted((STAGE / "ffnn_edu").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if "@checked" not in source:
            continue
        transformer = MoveChecked()
        path.write_text(
            cst.parse_module(source).visit(transformer).code, encoding="utf-8"
        )
        moved += transformer.moved
    return moved


def main(argv: list[str]) -> int:
    """Stage the copy, then run mutmut there (``run`` and ``results`` by default)."""
    moved = stage()
    print(
        f"staged {STAGE.relative_to(ROOT)}: {moved} @checked declarations moved below "
        "their bodies"
    )
    mutmut = [sys.executable, "-m", "mutmut"]
    argv = argv or ["run"]
    status = subprocess.call(mutmut + argv, cwd=STAGE)
    if argv[0] == "run":  # then the survivors, one per line
        subprocess.call([*mutmut, "results"], cwd=STAGE)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
