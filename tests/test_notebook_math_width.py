"""Displayed formulas fit a phone: no chapter's display equation scrolls sideways.

On a phone 390 pixels wide the text column is 358 px (an admonition's, a solution's,
336 px), and a displayed formula wider than its column scrolls sideways in its own box
(``book/_static/phones.css``): the reader sees the left part of a derivation and has to
pan to find where it ends. The book breaks such a formula at a relation (``=``,
``\\leftarrow``) or a ``+`` inside ``\\begin{aligned}`` instead, one step to a line.

This test estimates, without a browser, how wide MathJax draws each display equation
(``$$ ... $$`` and ``{math}`` blocks of the chapters' Markdown cells): a small model of
TeX's layout (:func:`formula_width`) adds up the widths of the symbols of the widest
line, with MathJax's TeX font metrics, fractions, scripts, big operators, spacing
around relations and binary operators, and the columns of ``aligned`` and matrices. It
was checked against MathJax 3.2.2 itself (its SVG output in Node) on all 106 display
equations the chapters had before and after their long ones were broken into lines:
within 6 % for every one, 1.5 % on average; :data:`MATHJAX_WIDTHS` pins a few.

MathJax scales its font to the page's: one ex of it (0.442 em) is 8.75 to 9 CSS px in
the built book (9.0 in headless Chromium with Debian's fonts, which measured the
chapters' formulas in a phone's window). :data:`PHONE_EX` is 38.5 ex, at most 347 px of
the 358, and :data:`BOX_EX` 36.5 ex (329 px of 336) for an equation in an admonition
or an indented list item; the margin covers the estimate's error.
``tests/browser/test_phones.py`` measures the formulas of the built pages at 390 px.

An equation that must stay wider goes into :data:`WIDE_EQUATIONS` with the reason.
Formulas inside tables are not display equations and are not checked here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "book").glob("[0-9][0-9]_*.ipynb"))

#: MathJax's x-height in em: widths are given in ex, as MathJax's SVG output gives them.
EX = 0.442
#: The widest a displayed formula may be, in ex, in the text column and in a box
#: (an admonition, a dropdown solution, a list item); see the module docstring.
PHONE_EX = 38.5
BOX_EX = 36.5
#: Display equations that may stay wider than a phone, by cell id and a phrase of their
#: TeX, each with the reason it needs its width.
WIDE_EQUATIONS: dict[tuple[str, str], str] = {}

_DISPLAY = re.compile(r"\$\$(.+?)\$\$|^```\{math\}[^\n]*\n(.*?)^```", re.S | re.M)
_FENCE = re.compile(r"^\s*(:{3,}|`{3,})\s*(\{[^}]*\})?")


def _boxed_lines(markdown: str) -> list[bool]:
    """For each line: is it in a directive (an admonition, a dropdown) or indented?"""
    open_fences: list[tuple[str, bool]] = []  # (fence, whether it is a box)
    boxed = []
    for line in markdown.split("\n"):
        fence = _FENCE.match(line)
        closing = fence.group(1) if fence and not fence.group(2) else None
        innermost = open_fences[-1][0] if open_fences else None
        if closing and line.strip() == closing == innermost:
            open_fences.pop()  # a bare fence closes the innermost one
            boxed.append(any(box for _, box in open_fences))
            continue
        if fence and (fence.group(2) or fence.group(1)[0] == "`"):
            directive = fence.group(2) or ""
            box = bool(directive) and directive not in ("{math}", "{code-cell}")
            open_fences.append((fence.group(1), box))
        indented = line.startswith((" ", "\t")) and bool(line.strip())
        boxed.append(any(box for _, box in open_fences) or indented)
    return boxed


def display_equations(markdown: str) -> list[tuple[str, bool]]:
    """The TeX of each display equation of a Markdown text (``$$`` and ``{math}``),
    and whether it stands in a box narrower than the text column."""
    boxed = _boxed_lines(markdown)
    found = []
    for match in _DISPLAY.finditer(markdown):
        tex = match.group(1) if match.group(1) is not None else match.group(2)
        # a {math} block's options (:label: name) are not TeX
        lines = [line for line in tex.split("\n") if not line.startswith(":")]
        line = markdown.count("\n", 0, match.start())
        found.append(("\n".join(lines).strip(), boxed[line]))
    return found


# --------------------------------------------------------------------------------------
# A model of how wide TeX (as MathJax sets it) draws a formula, in em.

_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|\s+|.", re.S)
#: Spacing between atoms in display and text style (TeX's table, thin = 1/6 em,
#: medium = 2/9 em, thick = 5/18 em); in script styles only an operator's thin space.
_THIN, _MEDIUM, _THICK = 1 / 6, 2 / 9, 5 / 18
#: Widths in em of single symbols (MathJax's TeX fonts), with their TeX class.
_SYMBOLS: dict[str, tuple[float, str]] = {
    "(": (0.389, "open"),
    ")": (0.389, "close"),
    "[": (0.278, "open"),
    "]": (0.278, "close"),
    "\\{": (0.5, "open"),
    "\\}": (0.5, "close"),
    "\\lceil": (0.444, "open"),
    "\\rceil": (0.444, "close"),
    "\\lfloor": (0.444, "open"),
    "\\rfloor": (0.444, "close"),
    "\\langle": (0.389, "open"),
    "\\rangle": (0.389, "close"),
    "\\lVert": (0.5, "open"),
    "\\rVert": (0.5, "close"),
    "\\lvert": (0.278, "open"),
    "\\rvert": (0.278, "close"),
    "|": (0.278, "ord"),
    "\\|": (0.5, "ord"),
    "/": (0.5, "ord"),
    ".": (0.278, "ord"),
    ",": (0.278, "punct"),
    ";": (0.278, "punct"),
    ":": (0.278, "rel"),
    "!": (0.278, "close"),
    "'": (0.35, "ord"),
    "=": (0.778, "rel"),
    "<": (0.778, "rel"),
    ">": (0.778, "rel"),
    "+": (0.778, "bin"),
    "-": (0.778, "bin"),
    "*": (0.5, "bin"),
    "\\cdot": (0.278, "bin"),
    "\\times": (0.778, "bin"),
    "\\odot": (0.778, "bin"),
    "\\otimes": (0.778, "bin"),
    "\\oplus": (0.778, "bin"),
    "\\pm": (0.778, "bin"),
    "\\circ": (0.5, "bin"),
    "\\le": (0.778, "rel"),
    "\\leq": (0.778, "rel"),
    "\\ge": (0.778, "rel"),
    "\\geq": (0.778, "rel"),
    "\\ne": (0.778, "rel"),
    "\\neq": (0.778, "rel"),
    "\\approx": (0.778, "rel"),
    "\\equiv": (0.778, "rel"),
    "\\sim": (0.778, "rel"),
    "\\propto": (0.778, "rel"),
    "\\in": (0.667, "rel"),
    "\\to": (1.0, "rel"),
    "\\leftarrow": (1.0, "rel"),
    "\\rightarrow": (1.0, "rel"),
    "\\gets": (1.0, "rel"),
    "\\Rightarrow": (1.0, "rel"),
    "\\Leftarrow": (1.0, "rel"),
    "\\mapsto": (1.0, "rel"),
    "\\Longrightarrow": (1.638, "rel"),
    "\\Longleftrightarrow": (1.858, "rel"),
    "\\iff": (1.858, "rel"),
    "\\partial": (0.566, "ord"),
    "\\nabla": (0.833, "ord"),
    "\\infty": (1.0, "ord"),
    "\\ell": (0.417, "ord"),
    "\\top": (0.778, "ord"),
    "\\prime": (0.35, "ord"),
    "\\dots": (1.172, "inner"),
    "\\ldots": (1.172, "inner"),
    "\\cdots": (1.172, "inner"),
    "\\vdots": (0.278, "ord"),
    "\\ddots": (1.0, "ord"),
}
#: Big operators: (width in display style, in text style).
_BIG_OPERATORS = {
    "\\sum": (1.444, 1.056),
    "\\prod": (1.278, 0.944),
    "\\int": (0.944, 0.556),
}
#: Named functions (set upright, an operator's thin space after them); those with
#: limits under them in display style.
_FUNCTIONS = {"ln", "log", "exp", "sin", "cos", "tan", "tanh", "sinh", "cosh", "det"}
_LIMIT_FUNCTIONS = {"max", "min", "arg", "lim", "sup", "inf"}
_SPACES = {
    "\\,": _THIN,
    "\\:": _MEDIUM,
    "\\>": _MEDIUM,
    "\\;": _THICK,
    "\\!": -_THIN,
    "\\ ": 0.25,
    "~": 0.25,
    "\\quad": 1.0,
    "\\qquad": 2.0,
}
#: ``\big(`` and its sizes: the width of a parenthesis of that size.
_BIG_DELIMITERS = {"\\big": 0.458, "\\Big": 0.597, "\\bigg": 0.736, "\\Bigg": 0.875}
_SIZED = {f"{size}{side}" for size in _BIG_DELIMITERS for side in ("", "l", "r", "m")}
#: Width in em of an average letter of the upright (text) font.
_TEXT_CHAR = 0.5
#: Macros that change only how their argument looks, not its width.
_TRANSPARENT = {
    "\\hat",
    "\\tilde",
    "\\bar",
    "\\vec",
    "\\dot",
    "\\ddot",
    "\\widehat",
    "\\widetilde",
    "\\overline",
    "\\underline",
    "\\mathit",
    "\\mathnormal",
    "\\phantom",
    "\\hphantom",
    "\\color",
}
_STYLES = {"\\displaystyle": 0, "\\textstyle": 1, "\\scriptstyle": 2}
_SCALE = (1.0, 1.0, 0.7, 0.5)  # display, text, script, scriptscript


def _space(last: str | None, kind: str) -> float:
    """TeX's space between an atom of class ``last`` and one of class ``kind``."""
    if last is None or last == "open" or kind in ("close", "punct", "raw"):
        return 0.0
    if "rel" in (last, kind):
        return 0.0 if last == kind else _THICK
    if "bin" in (last, kind):
        return _MEDIUM
    if "op" in (last, kind) or last == "punct" or "inner" in (last, kind):
        return _THIN
    return 0.0


@dataclass
class _Row:
    """Atoms laid side by side: their total width with TeX's spacing between them."""

    style: int
    width: float = 0.0
    last: str | None = None  # the TeX class of the last atom, None at the start

    def add(self, width: float, kind: str) -> None:
        scale = _SCALE[self.style]
        tight = self.style >= 2
        if kind == "bin" and self.last in (None, "bin", "rel", "open", "punct", "op"):
            kind = "ord"  # a unary minus: no space around it
        space = _space(self.last, kind)
        if tight and "op" not in (kind, self.last):
            space = 0.0  # in scripts only an operator keeps its thin space
        self.width += (space + width) * scale if kind != "raw" else width
        if kind != "raw":
            self.last = kind


@dataclass
class _Table:
    """The cells of an environment, row by row."""

    rows: list[list[float]] = field(default_factory=lambda: [[]])

    def columns(self) -> list[float]:
        count = max(len(row) for row in self.rows)
        return [
            max((row[i] for row in self.rows if i < len(row)), default=0.0)
            for i in range(count)
        ]


class _Layout:
    """Reads TeX token by token and measures it (see :func:`formula_width`)."""

    def __init__(self, tex: str) -> None:
        self.tokens = [t for t in _TOKEN.findall(tex) if not t.isspace()]
        self.at = 0
        self.unknown: set[str] = set()

    def peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> str:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def argument_text(self) -> str:
        """The raw text of the next ``{...}`` argument (for ``\\text`` and names)."""
        token = self.take()
        if token != "{":
            return token
        depth, text = 1, list[str]()
        while True:
            token = self.take()
            depth += {"{": 1, "}": -1}.get(token, 0)
            if depth == 0:
                return "".join(text)
            text.append(token)

    def argument(self, style: int) -> float:
        """The width of the next argument (a group or one token), in em at its style."""
        if self.peek() == "{":
            self.take()
            width, _ = self.sequence(style, stop={"}"})
            self.take()
            return width
        token = self.peek()
        if token in _SYMBOLS or (token and len(token) == 1 and token.isalnum()):
            self.take()  # one symbol: its scripts belong to the base, not to it
            return _SYMBOLS[token][0] if token in _SYMBOLS else _char_width(token)
        row = _Row(style)
        self.atom(row)
        return row.width / _SCALE[style]

    def sequence(
        self, style: int, stop: set[str], last: str | None = None
    ) -> tuple[float, _Row]:
        """Measure atoms until a token of ``stop`` (not taken); width in em at style."""
        row = _Row(style, last=last)
        while self.peek() is not None and self.peek() not in stop:
            if self.peek() in _STYLES:
                row.style = _STYLES[self.take()]
                continue
            self.atom(row)
        return row.width / _SCALE[style], row

    def scripts(
        self,
        row: _Row,
        base: float,
        kind: str,
        limits: bool,
        italic_correction: float = 0.0,
    ) -> None:
        """A base with its ``_`` and ``^`` (beside it, or under and over it)."""
        small = 2 if row.style <= 1 else 3
        widths = [0.0]
        while self.peek() in ("_", "^", "'"):
            token = self.take()
            if token == "'":
                widths[0] += 0.35 / _SCALE[row.style]
                continue
            if token == "^" and not limits:
                base += italic_correction  # a superscript clears a slanted letter
                italic_correction = 0.0
            part = self.argument(small) * _SCALE[small] / _SCALE[row.style]
            widths.append(part)
        if limits:
            row.add(max([base, *widths]), kind)
        else:
            script = max(widths) + (0.05 if len(widths) > 1 else 0.0)
            row.add(base + script, kind)

    def atom(self, row: _Row) -> None:
        """Measure the next atom (with its scripts) and add it to ``row``."""
        token = self.take()
        style = row.style
        inner = min(style + 1, 3) if style >= 1 else 1  # a fraction's parts
        if token == "{":
            width, _ = self.sequence(style, stop={"}"})
            self.take()
            self.scripts(row, width, "ord", limits=False)  # {} too: an empty atom
        elif token in _SPACES:
            row.add(_SPACES[token] * _SCALE[style], "raw")
        elif token in ("\\frac", "\\dfrac", "\\tfrac", "\\binom"):
            part = {"\\dfrac": 1, "\\tfrac": 2}.get(token, inner)
            scale = _SCALE[part] / _SCALE[style]
            top = self.argument(part) * scale
            bottom = self.argument(part) * scale
            self.scripts(row, max(top, bottom) + 0.44, "ord", limits=False)
        elif token in _BIG_OPERATORS:
            in_display, in_text = _BIG_OPERATORS[token]
            limits = style == 0 and self.peek() != "\\nolimits"
            if self.peek() in ("\\limits", "\\nolimits"):
                self.take()
            self.scripts(row, in_display if style == 0 else in_text, "op", limits)
        elif token == "\\operatorname" or token[1:] in _FUNCTIONS | _LIMIT_FUNCTIONS:
            name = self.argument_text() if token == "\\operatorname" else token[1:]
            limits = style == 0 and name in _LIMIT_FUNCTIONS
            self.scripts(row, _TEXT_CHAR * len(name), "op", limits)
        elif token in ("\\text", "\\textrm", "\\mathrm", "\\textit", "\\mbox"):
            text = self.argument_text()
            width = sum(_text_char_width(c) for c in text)
            self.scripts(row, width, "ord", limits=False)
        elif token in ("\\mathbf", "\\boldsymbol", "\\bm"):
            self.scripts(row, 1.13 * self.argument(style), "ord", limits=False)
        elif token in ("\\mathbb", "\\mathcal"):
            self.scripts(row, 0.7 * len(self.argument_text()), "ord", limits=False)
        elif token in _TRANSPARENT:
            if token == "\\color":
                self.argument_text()
                return
            self.scripts(row, self.argument(style), "ord", limits=False)
        elif token == "\\vphantom":
            self.argument(style)
        elif token in ("\\underbrace", "\\overbrace"):
            body = self.argument(style)
            self.scripts(row, body, "ord", limits=True)
        elif token == "\\sqrt":
            self.scripts(row, self.argument(style) + 0.85, "ord", limits=False)
        elif token == "\\boxed":
            self.scripts(row, self.argument(0) + 0.53, "ord", limits=False)
        elif token in _SIZED:
            size = token.rstrip("lrm") if token not in _BIG_DELIMITERS else token
            delimiter = self.take()
            kind = _SYMBOLS.get(delimiter, (0.0, "ord"))[1]
            kind = {"l": "open", "r": "close"}.get(token[-1], kind)
            self.scripts(row, _BIG_DELIMITERS[size], kind, limits=False)
        elif token == "\\left":
            self.left_right(row)
        elif token == "\\begin":
            self.environment(row, self.argument_text())
        elif token in _SYMBOLS:
            width, kind = _SYMBOLS[token]
            self.scripts(row, width, kind, limits=False)
        elif token.startswith("\\") and len(token) > 2:
            greek = _greek_width(token)
            if greek is None:
                self.unknown.add(token)
            self.scripts(row, 0.6 if greek is None else greek, "ord", limits=False)
        else:
            slant = 0.08 if token.isupper() else 0.1 if token == "f" else 0.0
            self.scripts(row, _char_width(token), "ord", False, slant)

    def left_right(self, row: _Row) -> None:
        """``\\left( ... \\right)``: the delimiters grow with a fraction inside."""
        opening = self.take()
        start = self.at
        width, _ = self.sequence(row.style, stop={"\\right"})
        tall = any(t.endswith("frac") for t in self.tokens[start : self.at])
        self.take()
        closing = self.take()
        size = 0.6 if tall else 0.389
        sides = sum(0.12 if d == "." else size for d in (opening, closing))
        self.scripts(row, width + sides, "inner", limits=False)

    def environment(self, row: _Row, name: str) -> None:
        """An environment of rows (``\\\\``) and columns (``&``)."""
        if name in ("array", "alignedat", "alignat", "alignat*"):
            self.argument_text()  # the column spec, or the number of columns
        style = 0 if name.startswith(("aligned", "gathered", "align", "split")) else 1
        if name in ("cases", "matrix", "pmatrix", "bmatrix", "vmatrix", "array"):
            style = 1
        table = _Table()
        while True:
            start = self.at
            width, _ = self.sequence(style, stop={"&", "\\\\", "\\end"})
            if name.startswith(("align", "split")) and len(table.rows[-1]) % 2:
                # a right-hand cell starts with {} : a relation there has its space
                self.at = start
                width, _ = self.sequence(style, {"&", "\\\\", "\\end"}, last="ord")
            table.rows[-1].append(width)
            token = self.take()
            if token == "&":
                continue
            if token == "\\\\":
                table.rows.append([])
                continue
            self.argument_text()  # \end{name}
            break
        columns = table.columns()
        if name.startswith(("align", "split")):
            pairs = (len(columns) + 1) // 2
            width = sum(columns) + 2.0 * (pairs - 1)
        elif name.startswith("gathered"):
            width = max(columns)
        elif name == "cases":
            width = sum(columns) + 1.0 * (len(columns) - 1) + 0.82
        else:
            width = sum(columns) + 1.0 * (len(columns) - 1)
            if name != "matrix" and name != "array":
                width += 0.56 if len(table.rows) == 1 else 1.13
        row.add(width * _SCALE[style] / _SCALE[row.style], "inner")


_GREEK = {
    *("alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta"),
    *("theta", "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "rho"),
    *("sigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega"),
}
_UPPER_GREEK = {
    *("Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi"),
    *("Psi", "Omega"),
}


#: Widths of the Greek letters the book uses most, in em; others count as 0.55.
_GREEK_WIDTHS = {
    "alpha": 0.64,
    "beta": 0.566,
    "gamma": 0.518,
    "delta": 0.444,
    "epsilon": 0.466,
    "varepsilon": 0.466,
    "eta": 0.497,
    "theta": 0.469,
    "lambda": 0.583,
    "mu": 0.603,
    "nu": 0.53,
    "pi": 0.57,
    "rho": 0.517,
    "sigma": 0.571,
    "tau": 0.437,
    "phi": 0.596,
    "omega": 0.622,
}


def _greek_width(token: str) -> float | None:
    name = token[1:]
    if name in _GREEK:
        return _GREEK_WIDTHS.get(name, 0.55)
    if name in _UPPER_GREEK:
        return 0.75
    return None


#: Widths of the math italic letters (MathJax's TeX font), in em.
_ITALIC = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        (
            *(0.529, 0.429, 0.433, 0.52, 0.466, 0.49, 0.477, 0.576, 0.345, 0.412),
            *(0.521, 0.298, 0.878, 0.6, 0.485, 0.503, 0.446, 0.451, 0.469, 0.361),
            *(0.572, 0.485, 0.716, 0.572, 0.49, 0.465, 0.75, 0.759, 0.715, 0.828),
            *(0.738, 0.643, 0.786, 0.831, 0.44, 0.555, 0.849, 0.681, 0.97, 0.803),
            *(0.763, 0.642, 0.791, 0.759, 0.613, 0.584, 0.683, 0.583, 0.944, 0.828),
            *(0.581, 0.683),
        ),
        strict=True,
    )
)


def _char_width(char: str) -> float:
    return _ITALIC.get(char, 0.5)


def _text_char_width(char: str) -> float:
    """An upright letter's width: narrow, wide and average letters."""
    if char == " ":
        return 0.25
    if char in "ilj.,:;'":
        return 0.278
    if char in "tfr()":
        return 0.38
    if char in "mw":
        return 0.78
    if char in "MW":
        return 1.0
    if char in "ces":
        return 0.43
    return 0.53 if char.islower() or char.isdigit() else 0.72


def formula_width(tex: str) -> float:
    """How wide MathJax draws ``tex`` as a display equation, in ex (an estimate).

    The widest line of ``aligned`` counts, column by column as TeX sets them; TeX's
    fonts, spacing and sizes (fractions, scripts, operators' limits) as MathJax 3's
    defaults. Unknown macros count as one letter; :func:`unknown_macros` lists them.
    """
    if "\\\\" in tex:  # Sphinx sets a formula of several lines in a split
        tex = f"\\begin{{split}}{tex}\\end{{split}}"
    layout = _Layout(tex)
    width, _ = layout.sequence(0, stop=set())
    return width / EX


def unknown_macros(tex: str) -> set[str]:
    """The macros of ``tex`` that :func:`formula_width` does not know."""
    layout = _Layout(tex)
    layout.sequence(0, stop=set())
    return layout.unknown


# --------------------------------------------------------------------------------------

#: Widths that MathJax 3.2.2 gives (SVG output in Node, display mode, in ex), and the
#: tolerance of the estimate: formulas of each kind the estimate has to handle.
MATHJAX_WIDTHS = [
    # chapter 10's derivative on one line (765 px in the built book before its break)
    (
        r"\frac{\partial E}{\partial z_j} = \sum_k \frac{\partial E}{\partial y_k}"
        r"\frac{\partial y_k}{\partial z_j} = \sum_k \left(-\frac{t_k}{y_k}\right) "
        r"y_k (I_{kj} - y_j) = -\sum_k t_k I_{kj} + y_j \sum_k t_k = -t_j + y_j "
        r"\sum_k t_k .",
        87.36,
    ),
    # chapter 5's likelihood on one line: scripts of scripts, \big and \Big
    (
        r"-\ln \prod_n \big(y^{(n)}\big)^{t^{(n)}} \big(1 - y^{(n)}\big)^{1 - t^{(n)}}"
        r" = -\sum_n \Big[t^{(n)} \ln y^{(n)} + \big(1 - t^{(n)}\big) "
        r"\ln\big(1 - y^{(n)}\big)\Big].",
        74.64,
    ),
    # chapter 8's exercise 3 on one line: matrices
    (
        r"W^{(0)} = \begin{bmatrix} 1 & 2 \\ 0 & -1 \end{bmatrix}, \quad \mathbf "
        r"b^{(1)} = (1, -1), \qquad W^{(1)} = \begin{bmatrix} 3 & 1 \\ -2 & 4 "
        r"\end{bmatrix}, \quad \mathbf b^{(2)} = (0.5, 0).",
        72.50,
    ),
    # the same on two aligned lines, two columns of pairs
    (
        r"\begin{aligned} W^{(0)} &= \begin{bmatrix} 1 & 2 \\ 0 & -1 \end{bmatrix}, &"
        r" \mathbf b^{(1)} &= (1, -1),\\ W^{(1)} &= \begin{bmatrix} 3 & 1 \\ -2 & 4"
        r" \end{bmatrix}, & \mathbf b^{(2)} &= (0.5, 0). \end{aligned}",
        35.69,
    ),
    # chapter 4's gradient: underbraces with wide labels, a product continued
    (
        r"\begin{aligned} \frac{\partial E}{\partial w_i} &= \sum_n \underbrace{\frac"
        r"{\partial z^{(n)}}{\partial w_i}}_{x_i^{(n)}}\; \underbrace{\frac{dy^{(n)}}"
        r"{dz^{(n)}}}_{y^{(n)}(1 - y^{(n)})}\; \underbrace{\frac{\partial E}{\partial"
        r" y^{(n)}}}_{-(t^{(n)} - y^{(n)})}\\ &= -\sum_n x_i^{(n)}\, y^{(n)}\big(1 - "
        r"y^{(n)}\big)\\ &\qquad\quad {}\cdot \big(t^{(n)} - y^{(n)}\big). "
        r"\end{aligned}",
        34.99,
    ),
    # a form of chapter 5's likelihood on three lines: indented by \quad, a phantom
    (
        r"\begin{aligned} &-\ln \prod_n \big(y^{(n)}\big)^{t^{(n)}} \big(1 - y^{(n)}"
        r"\big)^{1 - t^{(n)}}\\ &\quad = -\sum_n \Big[t^{(n)} \ln y^{(n)}\\ &\quad"
        r"\phantom{{} = -\sum_n \Big[} + \big(1 - t^{(n)}\big) \ln\big(1 - y^{(n)}"
        r"\big)\Big]. \end{aligned}",
        37.88,
    ),
    # chapter 11's L2 update: \left( \right) around fractions, text under a brace
    (
        r"w \leftarrow w - \eta\left(\frac{\partial E}{\partial w} + \frac{2\lambda}{n}"
        r"\,w\right) = \underbrace{\left(1 - \frac{2\eta\lambda}{n}\right)}_{\text"
        r"{decay factor}} w - \eta\,\frac{\partial E}{\partial w}.",
        51.91,
    ),
    # chapter 3's lunch bill: upright text in subscripts
    (
        r"\text{total} = p_\text{chicken}\, q_\text{chicken} + p_\text{zucchini}\, "
        r"q_\text{zucchini} + p_\text{rice}\, q_\text{rice},",
        49.29,
    ),
    # chapter 2's perceptron: cases
    (
        r"y = \begin{cases} 1 & \text{if } z \ge 0,\\ 0 & \text{if } z < 0. "
        r"\end{cases}",
        16.93,
    ),
]
#: How far the estimate may be from MathJax's width, as a fraction of it.
TOLERANCE = 0.06


@pytest.mark.parametrize("tex,mathjax", MATHJAX_WIDTHS, ids=lambda v: str(v)[:24])
def test_the_width_estimate_is_within_six_percent_of_mathjax(
    tex: str, mathjax: float
) -> None:
    assert formula_width(tex) == pytest.approx(mathjax, rel=TOLERANCE)
    assert unknown_macros(tex) == set()


def test_an_aligned_equation_is_as_wide_as_its_widest_columns() -> None:
    one_line = r"1 + 2 + 3 + 4 = 5 + 6 + 7 + 8"
    # 8 digits of 0.5 em, 6 binary operators and a relation of 0.778 em with spaces
    assert formula_width(one_line) == pytest.approx(
        (8 * 0.5 + 6 * (0.778 + 2 * 2 / 9) + 0.778 + 2 * 5 / 18) / EX
    )
    two_lines = r"\begin{aligned} 1 + 2 &= 3 + 4\\ &= 5 + 6 + 7 + 8 \end{aligned}"
    assert formula_width(two_lines) == pytest.approx(
        formula_width("1 + 2") + formula_width("{} = 5 + 6 + 7 + 8")
    )
    # lines without an environment: each as wide as it is
    lines = r"1 + 2 + 3 \\ 4"
    assert formula_width(lines) == pytest.approx(formula_width("1 + 2 + 3"))
    # the left column of one row and the right column of another
    crossed = r"\begin{aligned} 1 + 2 + 3 &= 4\\ 5 &= 6 + 7 + 8 \end{aligned}"
    assert formula_width(crossed) == pytest.approx(
        formula_width("1 + 2 + 3") + formula_width("{} = 6 + 7 + 8")
    )


def test_a_fraction_is_as_wide_as_its_wider_part_and_scripts_are_smaller() -> None:
    assert formula_width(r"\frac{abcd}{a}") == pytest.approx(
        formula_width("abcd") + 0.44 / EX
    )
    assert formula_width("x_{abcd}") < formula_width("x abcd")
    # in display style a sum's limit goes under it, in text style beside it
    assert formula_width(r"\sum_{k=1} a") < formula_width(r"\textstyle\sum_{k=1} a")


def test_the_check_finds_a_wide_equation_in_a_cell_and_a_math_block(
    tmp_path: Path,
) -> None:
    wide = r"a + b + c + d + e + f + g + h + i + j + k + l + m + n + o + p = q"
    cells = [
        {"cell_type": "markdown", "id": "m", "source": [f"Text\n\n$$\n{wide}\n$$\n"]},
        {
            "cell_type": "markdown",
            "id": "b",
            "source": ["```{math}\n:label: eq\n\\frac{a}{b} = c\n```\n"],
        },
        {"cell_type": "code", "id": "c", "source": [f"# $$ {wide} $$"]},
    ]
    notebook = tmp_path / "n.ipynb"
    notebook.write_text(json.dumps({"cells": cells}))
    found = wide_equations(notebook, PHONE_EX)
    assert [(cell, tex) for cell, tex, _ in found] == [("m", wide)]
    assert found[0][2] > PHONE_EX
    assert wide_equations(notebook, 100.0) == []


def test_an_equation_in_an_admonition_or_a_list_is_held_to_the_narrower_box() -> None:
    text = "\n".join(
        [
            "$$\na = 1\n$$",
            "::::{admonition} Solution",
            ":class: dropdown",
            "```python",
            "print(1)",
            "```",
            "$$\nb = 2\n$$",
            "::::",
            "$$\nc = 3\n$$",
            "- an item:",
            "",
            "  $$\n  d = 4\n  $$",
        ]
    )
    assert display_equations(text) == [
        ("a = 1", False),
        ("b = 2", True),
        ("c = 3", False),
        ("d = 4", True),
    ]


def wide_equations(
    path: Path, limit: float, box_limit: float | None = None
) -> list[tuple[str, str, float]]:
    """``(cell id, TeX, width in ex)`` of each display equation wider than ``limit``
    (``box_limit`` in an admonition or a list item; ``limit`` if not given)."""
    found = []
    for cell in json.loads(path.read_text())["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        for tex, boxed in display_equations("".join(cell["source"])):
            width = formula_width(tex)
            if width > (box_limit if boxed and box_limit is not None else limit):
                found.append((cell.get("id", "?"), tex, width))
    return found


def allowed_wide(cell: str, tex: str) -> str | None:
    """Why the equation may stay wide (:data:`WIDE_EQUATIONS`), or None."""
    for (cell_id, phrase), reason in WIDE_EQUATIONS.items():
        if cell == cell_id and phrase in tex:
            return reason
    return None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_display_equation_of_a_chapter_fits_a_phone(path: Path) -> None:
    wide = [
        f"cell {cell}: about {width * 9:.0f} px ({width:.1f} ex): "
        f"{' '.join(tex.split())[:70]}"
        for cell, tex, width in wide_equations(path, PHONE_EX, BOX_EX)
        if not allowed_wide(cell, tex)
    ]
    assert not wide, (
        f"{path.name}: display equations wider than a phone's column (they scroll "
        f"sideways at 390 px); break them at a relation or a + inside "
        f"\\begin{{aligned}}, one step to a line, or list one that must stay wide in "
        f"WIDE_EQUATIONS with the reason:\n" + "\n".join(wide)
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_estimate_knows_every_macro_of_the_chapters_equations(path: Path) -> None:
    unknown = set()
    for cell in json.loads(path.read_text())["cells"]:
        if cell["cell_type"] == "markdown":
            for tex, _ in display_equations("".join(cell["source"])):
                unknown |= unknown_macros(tex)
    assert not unknown, (
        f"{path.name}: macros the width estimate does not know (add their width to "
        f"_SYMBOLS or a rule to _Layout.atom): {sorted(unknown)}"
    )


def test_every_allowed_wide_equation_is_still_there_and_wide() -> None:
    for (cell_id, phrase), reason in WIDE_EQUATIONS.items():
        found = [
            width
            for path in NOTEBOOKS
            for cell, tex, width in wide_equations(path, PHONE_EX, BOX_EX)
            if cell == cell_id and phrase in tex
        ]
        assert found, f"cell {cell_id}: no wide equation with {phrase!r} ({reason})"


def test_every_chapter_is_checked() -> None:
    assert len(NOTEBOOKS) >= 16
    equations = [
        tex
        for path in NOTEBOOKS
        for cell in json.loads(path.read_text())["cells"]
        if cell["cell_type"] == "markdown"
        for tex, _ in display_equations("".join(cell["source"]))
    ]
    assert len(equations) >= 70
