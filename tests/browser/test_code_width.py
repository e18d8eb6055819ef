"""Code fits its column: at 1366 px no code block of the built book scrolls sideways.

Every page is opened at 1366 x 900 (a common laptop screen) with every collapsed block
opened (hidden cell inputs, dropdown solutions), and each ``pre`` in the page's main
part is measured: a code listing, a cell's input or output, a doctest of the API page
or a slider figure's code must not be wider than its box (``scrollWidth`` above
``clientWidth`` would give it a horizontal scroll bar). The package and the notebooks
keep their lines within 88 columns (``ruff``'s line length, and
``tests/test_notebook_code_width.py``), and ``book/_static/code-width.css`` sizes the
code font so that 88 columns fit the narrowest code column of the theme; printed
outputs wrap instead, as in JupyterLab.
"""

from __future__ import annotations

from typing import Any

from bookbrowser import Site, as_list

VIEWPORT = {"width": 1366, "height": 900}

# Opens every <details> (collapsed inputs, solutions), then measures every <pre> of the
# main part of the page. A block wider than its box by more than half a pixel scrolls.
MEASURE_JS = r"""
() => {
  document.querySelectorAll('details').forEach((d) => { d.open = true; });
  // dropdown admonitions (sphinx-togglebutton hides their body with this class)
  document.querySelectorAll('main .toggle-hidden').forEach((el) => {
    el.classList.remove('toggle-hidden');
  });
  const wide = [];
  let measured = 0;
  for (const pre of document.querySelectorAll('main pre')) {
    if (pre.clientWidth === 0) continue;
    measured += 1;
    if (pre.scrollWidth > pre.clientWidth) {
      const lines = pre.textContent.split('\n');
      const longest = lines.reduce((a, b) => (b.length > a.length ? b : a), '');
      wide.push({
        first: lines[0].slice(0, 80),
        longest: longest.length,
        overflow: pre.scrollWidth - pre.clientWidth,
        font: getComputedStyle(pre).fontSize,
      });
    }
  }
  return {measured, wide};
}
"""


def measure(site: Site, rel: str) -> dict[str, Any]:
    """Open ``rel`` at 1366 x 900 in a fresh context and measure its ``pre`` blocks."""
    context = site.browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(site.base_url)
                else route.abort()
            ),
        )
        page.goto(site.url(rel), wait_until="load")
        page.wait_for_timeout(200)  # let the theme's scripts lay the page out
        return page.evaluate(MEASURE_JS)
    finally:
        context.close()


def test_no_code_block_scrolls_sideways_at_1366_px(site: Site, page_path: str) -> None:
    result = measure(site, page_path)
    wide = [
        f"first line {w['first']!r}: {w['overflow']} px too wide "
        f"(longest line {w['longest']} characters, code font {w['font']})"
        for w in result["wide"]
    ]
    assert not wide, (
        f"{page_path}: {len(wide)} of {result['measured']} code blocks scroll sideways "
        f"at 1366 px:\n{as_list(wide)}"
    )


def test_the_code_column_holds_88_columns_at_1366_px(site: Site) -> None:
    """The narrowest code box of a chapter, a listing and the API page holds 88 digits.

    Measured with a probe of 88 zeros put into each block of each kind and compared
    with the room inside the block's padding, so it holds however short the block's
    own lines are: a failure here is the theme or the CSS, not a long line.
    """
    probe_js = r"""
    (selector) => {
      document.querySelectorAll('details').forEach((d) => { d.open = true; });
      const out = [];
      for (const pre of document.querySelectorAll(selector)) {
        if (pre.clientWidth === 0) continue;
        const style = getComputedStyle(pre);
        const room = pre.clientWidth - parseFloat(style.paddingLeft)
          - parseFloat(style.paddingRight);
        const probe = document.createElement('span');
        probe.style.display = 'inline-block';
        probe.style.whiteSpace = 'pre';
        probe.textContent = '0'.repeat(88);
        pre.appendChild(probe);
        out.push(probe.getBoundingClientRect().width - room);
        probe.remove();
      }
      return out;
    }
    """
    kinds = {
        "book/02_perceptron.html": [
            "div.cell_input div.highlight pre",  # a cell's code
            "div.cell_output div.highlight-python div.highlight pre",  # show_source
        ],
        "book/api.html": ["div.highlight pre"],  # doctest examples, nested in <dl>
    }
    too_narrow = []
    context = site.browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        for rel, selectors in kinds.items():
            page.goto(site.url(rel), wait_until="load")
            for selector in selectors:
                overflows = page.evaluate(probe_js, selector)
                assert overflows, f"{rel}: no block matches {selector!r}"
                if max(overflows) > 0:
                    too_narrow.append(
                        f"{rel}, {selector}: 88 columns overflow by up to "
                        f"{max(overflows):.1f} px ({len(overflows)} blocks)"
                    )
    finally:
        context.close()
    assert not too_narrow, "\n".join(too_narrow)
