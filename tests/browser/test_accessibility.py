"""Accessibility of the built book: axe-core in every page, and a keyboard walk.

axe-core (the rules engine behind most accessibility checkers; installed from the npm
registry into ``.ci/axe/node_modules`` by ``.ci/install-browser.sh``, at the version
``.ci/axe/package-lock.json`` pins) runs in every page of the built book in headless
Chromium, once MathJax has typeset the formulas and the page's scripts have run, with
the WCAG 2.0 and 2.1 A and AA rules and axe's best practices. A serious or critical
violation fails the page; the message names the rule and the elements.

A reader without a mouse is then followed through a chapter: every control on the
page is reached with Tab, and each shows a focus ring when it is reached. No formula is
a Tab stop (MathJax would make each one a stop, hundreds on a page), except one wider
than its column, which scrolls sideways: a keyboard scrolls only what it can focus.
A slider announces its value ("0.1"), not its position ("3"): its ``aria-valuetext``,
before and after a key moves it. (Chromium's own accessibility tree, as its DevTools
protocol reports it, gives a native range input's position whatever its
``aria-valuetext``, so the attribute is what is checked.)

What the book does about these: ``book/_ext/accessible_pages.py``,
``book/_static/a11y.css``, ``book/_static/a11y.js`` and ``SliderFigure.static_html``.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from bookbrowser import BOOK_HTML, REPO, Site, as_list, book_pages

AXE_JS = REPO / ".ci" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
AXE_LOCK = REPO / ".ci" / "axe" / "package-lock.json"
OLDEST_AXE = (4, 14)
# WCAG 2.0 and 2.1, levels A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
FAILING_IMPACTS = {"serious", "critical"}

# Besides the pages every per-page check visits: the index and the search page (a
# reader reaches both from every page). index.html only redirects to the introduction.
EXTRA_PAGES = ["genindex.html", "search.html"]


def axe_pages() -> list[str]:
    if not (BOOK_HTML / "index.html").is_file():
        return ["<book not built>"]  # the book_dir fixture then fails, naming the cause
    return book_pages() + [rel for rel in EXTRA_PAGES if (BOOK_HTML / rel).is_file()]


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe.min.js, at least version 4.14 (fails, naming the fix, when it is missing)."""
    if not AXE_JS.is_file():
        pytest.fail(
            f"axe-core is not installed ({AXE_JS} is missing): run "
            "`bash .ci/install-browser.sh`",
            pytrace=False,
        )
    source = AXE_JS.read_text(encoding="utf-8")
    match = re.match(r"/\*! axe v(\d+)\.(\d+)\.(\d+)", source)
    assert match, f"{AXE_JS} does not start with axe-core's version banner"
    version = tuple(int(part) for part in match.groups())
    assert version[:2] >= OLDEST_AXE, (
        f"axe-core {'.'.join(map(str, version))} is older than "
        f"{'.'.join(map(str, OLDEST_AXE))}: run `bash .ci/install-browser.sh` "
        f"(it installs the version {AXE_LOCK} pins)"
    )
    return source


# A formula that is wider than its column scrolls sideways (the theme's CSS), and must
# then be a Tab stop, so a keyboard can scroll it; no other formula may be one.
WIDE_JS = (
    "const wide = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)"
    " && el.scrollWidth > el.clientWidth + 1;"
)

# Runs after the page has loaded: waits for MathJax, then runs axe and lists the
# formulas that are Tab stops.
AUDIT_JS = r"""
async (tags) => {
  WIDE
  if (window.MathJax?.startup?.promise) await window.MathJax.startup.promise;
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
  });
  const formulas = [...document.querySelectorAll('mjx-container')];
  const text = (el) => (el.querySelector('mjx-assistive-mml')?.textContent || '')
    .trim().slice(0, 40);
  return {
    version: axe.version,
    violations: result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({target: n.target.join(' '),
                                  html: n.html.slice(0, 160)})),
    })),
    formulas: formulas.length,
    tabStopsThatFit: formulas.filter((el) => el.tabIndex >= 0 && !wide(el))
      .map(text),
    wideNotTabStops: formulas.filter((el) => el.tabIndex < 0 && wide(el))
      .map(text),
  };
}
""".replace("WIDE", WIDE_JS)

_audits: dict[str, dict[str, Any]] = {}


def audit(site: Site, axe_source: str, rel: str) -> dict[str, Any]:
    """axe's findings on page ``rel`` (each page is audited once per session)."""
    if rel not in _audits:
        visit = site.visit(rel)
        with visit as page:
            visit.settle(page)
            page.add_script_tag(content=axe_source)
            _audits[rel] = page.evaluate(AUDIT_JS, AXE_TAGS)
    return _audits[rel]


@pytest.mark.parametrize("rel", axe_pages())
def test_axe_finds_no_serious_or_critical_violation(
    site: Site, axe_source: str, rel: str
) -> None:
    found = audit(site, axe_source, rel)
    failing = [v for v in found["violations"] if v["impact"] in FAILING_IMPACTS]
    lines = [
        f"{v['impact']} {v['id']} ({v['help']}) at {node['target']}: {node['html']}"
        for v in failing
        for node in v["nodes"]
    ]
    assert not failing, (
        f"{rel}: axe-core {found['version']} finds {len(lines)} serious or critical "
        f"violations:\n{as_list(lines, limit=25)}"
    )


@pytest.mark.parametrize("rel", axe_pages())
def test_only_a_formula_wider_than_its_column_is_a_tab_stop(
    site: Site, axe_source: str, rel: str
) -> None:
    found = audit(site, axe_source, rel)
    fit, wide = found["tabStopsThatFit"], found["wideNotTabStops"]
    assert not fit, (
        f"{rel}: {len(fit)} of {found['formulas']} formulas are Tab stops although "
        f"they fit their column:\n{as_list(fit)}"
    )
    assert not wide, (
        f"{rel}: {len(wide)} formulas are wider than their column (they scroll) but "
        f"a keyboard cannot reach them to scroll:\n{as_list(wide)}"
    )


# The controls a keyboard user must reach: visible, enabled, not inside a closed
# <details> (its <summary> excepted) and not inert; and the elements Tab stopped at
# (marked data-a11y-stop by FOCUSED_JS) that are none of these.
CONTROLS_JS = r"""
() => {
  const selector = 'a[href], button, input, select, textarea, summary, '
    + '[tabindex]:not([tabindex="-1"])';
  const control = (el) => {
    if (!el.matches(selector) || !el.getClientRects().length) return false;
    if (getComputedStyle(el).visibility !== 'visible') return false;
    const closed = el.closest('details:not([open])');
    if (closed && !(el.tagName === 'SUMMARY' && el.parentElement === closed)) {
      return false;
    }
    return !el.closest('[inert], [hidden]') && !el.disabled && el.tabIndex >= 0;
  };
  const what = (el) => (el.getAttribute('aria-label') || el.textContent || el.tagName)
    .trim().replace(/\s+/g, ' ').slice(0, 50) + ' <' + el.tagName.toLowerCase() + '>';
  return {
    controls: [...document.querySelectorAll(selector)].filter(control)
      .map((el) => ({what: what(el), reached: 'a11yStop' in el.dataset})),
    strays: [...document.querySelectorAll('[data-a11y-stop]')]
      .filter((el) => !control(el)).map(what),
  };
}
"""

# What has the focus now (marked data-a11y-stop with its number the first time), and
# whether it is drawn: an outline, or a box-shadow with some size and colour.
# Transitions (the theme animates some rings) are finished first.
FOCUSED_JS = r"""
(count) => {
  WIDE
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  if ('a11yStop' in el.dataset) return {stop: Number(el.dataset.a11yStop)};
  el.dataset.a11yStop = String(count);
  document.getAnimations().forEach((a) => { try { a.finish(); } catch (e) {} });
  const style = getComputedStyle(el);
  const transparent = (colour) => /rgba\([^)]*,\s*0\)$/.test(colour.trim())
    || colour.trim() === 'transparent';
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
    && !transparent(style.outlineColor);
  const shadows = style.boxShadow === 'none' ? []
    : style.boxShadow.split(/,(?![^(]*\))/);
  const shadow = shadows.some((s) => {
    const colour = (s.match(/rgba?\([^)]*\)/) || ['rgb(0, 0, 0)'])[0];
    const sizes = s.replace(/rgba?\([^)]*\)/, '').match(/-?[\d.]+px/g) || [];
    return !transparent(colour) && sizes.slice(2).some((px) => parseFloat(px) > 0);
  });
  const formula = el.closest('mjx-container');
  return {
    stop: count,
    what: (el.getAttribute('aria-label') || el.textContent || el.tagName).trim()
      .replace(/\s+/g, ' ').slice(0, 50) + ' <' + el.tagName.toLowerCase() + '>',
    ring: outline || shadow,
    style: `outline: ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor};`
      + ` box-shadow: ${style.boxShadow}`,
    formulaThatFits: !!formula && !wide(formula),
  };
}
""".replace("WIDE", WIDE_JS)

# A chapter page with every kind of control: a slider figure, a live figure, a
# solution dropdown, a hidden code cell, and formulas.
RICH_PAGE_MARKERS = [
    'class="slider-figure"',
    'class="live-figure',
    "dropdown",
    "tag_hide-input",
    'class="math',
]


def rich_chapter() -> str:
    for rel in book_pages():
        text = (BOOK_HTML / rel).read_text(encoding="utf-8")
        if all(marker in text for marker in RICH_PAGE_MARKERS):
            return rel
    raise AssertionError(
        f"no page of the book has all of {RICH_PAGE_MARKERS} (a slider figure, a live "
        "figure, a dropdown, a hidden code cell and formulas)"
    )


def ready(visit: Any, page: Any) -> None:
    page.evaluate(
        "async () => { if (window.MathJax?.startup?.promise)"
        " await window.MathJax.startup.promise; }"
    )
    visit.settle(page)


def test_tab_reaches_every_control_of_a_chapter_with_a_visible_focus_ring(
    site: Site,
) -> None:
    rel = rich_chapter()
    visit = site.visit(rel)
    with visit as page:
        ready(visit, page)
        expected = len(page.evaluate(CONTROLS_JS)["controls"])
        formulas = page.evaluate("document.querySelectorAll('mjx-container').length")
        stops: list[dict[str, Any]] = []
        # Tab until the focus leaves the page or comes back to a stop seen before.
        for _ in range(2 * expected + 20):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED_JS, len(stops))
            if focused is None or focused["stop"] < len(stops):
                if stops:
                    break
                continue
            stops.append(focused)
        found = page.evaluate(CONTROLS_JS)
    assert formulas > 0, f"{rel}: no typeset formula to test"
    assert len(stops) >= 20, f"{rel}: only {len(stops)} Tab stops: {stops}"
    controls = found["controls"]
    missed = [control["what"] for control in controls if not control["reached"]]
    assert not missed, (
        f"{rel}: {len(missed)} of {len(controls)} controls are never reached with Tab:"
        f"\n{as_list(missed)}"
    )
    assert not found["strays"], (
        f"{rel}: Tab stops on elements that are not controls:\n"
        f"{as_list(found['strays'])}"
    )
    formula_stops = [stop["what"] for stop in stops if stop["formulaThatFits"]]
    assert not formula_stops, (
        f"{rel}: {len(formula_stops)} formulas that fit their column are Tab stops:\n"
        f"{as_list(formula_stops)}"
    )
    unringed = [
        f"{stop['what']}: {stop['style']}" for stop in stops if not stop["ring"]
    ]
    assert not unringed, (
        f"{rel}: {len(unringed)} of {len(stops)} controls show no focus ring (no "
        f"outline, no box-shadow) when Tab reaches them:\n{as_list(unringed)}"
    )


def step_slider(page: Any, slider: Any) -> list[dict[str, Any]]:
    """What a slider shows and announces, before and after one arrow key moves it."""
    read = (
        "(el) => ({position: Number(el.value), valuetext: el.getAttribute("
        "'aria-valuetext'), shown: el.parentElement.querySelector('output')"
        ".textContent.trim()})"
    )
    before = slider.evaluate(read)
    # a step with the keyboard, towards the end with room to move
    key = (
        "ArrowLeft"
        if before["position"] == int(slider.get_attribute("max"))
        else ("ArrowRight")
    )
    slider.focus()
    page.keyboard.press(key)
    after = slider.evaluate(read)
    assert after["position"] != before["position"], f"{key} did not move the slider"
    return [before, after]


def test_a_slider_figure_announces_its_value_not_its_position(site: Site) -> None:
    rel = next(
        rel
        for rel in book_pages()
        if 'class="slider-figure"' in (BOOK_HTML / rel).read_text(encoding="utf-8")
    )
    visit = site.visit(rel)
    with visit as page:
        ready(visit, page)
        slider = page.locator("div.slider-figure input[type=range]").first
        values = slider.evaluate("(el) => JSON.parse(el.dataset.values)")
        readings = step_slider(page, slider)
    expected = [values[reading["position"]] for reading in readings]
    assert [reading["valuetext"] for reading in readings] == expected, (
        f"{rel}: the slider's aria-valuetext, before and after a key moved it, is not "
        f"its value {expected}: {readings}"
    )
    assert [reading["shown"] for reading in readings] == expected, (
        f"{rel}: the slider's <output> does not show its value {expected}: {readings}"
    )


def test_a_live_figure_slider_announces_its_value(site: Site) -> None:
    rel = rich_chapter()
    visit = site.visit(rel)
    with visit as page:
        ready(visit, page)
        slider = page.locator("figure.live-figure input[type=range]").first
        slider.wait_for()  # the figure is shown once its script has set it up
        readings = step_slider(page, slider)
    assert readings[0]["shown"] != readings[1]["shown"], (
        f"{rel}: moving the live figure's slider did not change its value: {readings}"
    )
    for reading in readings:
        # "η = 0.1": the symbol, then the value shown beside the slider
        assert (reading["valuetext"] or "").endswith(f"= {reading['shown']}"), (
            f"{rel}: the live figure's slider shows {reading['shown']!r} but its "
            f"aria-valuetext is {reading['valuetext']!r}"
        )
