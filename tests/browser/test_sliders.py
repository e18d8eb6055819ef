"""Slider figures in the static book (``SliderFigure.static_html`` in show/sliders.py).

Each ``div.slider-figure`` holds one ``input[type=range]`` per hyper-parameter, an
``<output>`` showing the current value, an ``<img>`` and a ``<pre class="slider-code">``
with the code of the setting, which a small script swaps for the image and code made at
build time for the chosen combination. With no Python running, these tests check that
moving a slider really changes the picture, the code and the displayed value, for every
position of every slider, and that two identical figures on one page work independently.
"""

from __future__ import annotations

import re

import pytest
from bookbrowser import Site, as_list, slider_pages

# Walks one slider through all its positions (the other sliders stay put) by setting the
# value and sending the 'input' event a browser sends when the thumb is
# dragged. Returns problems.
SWEEP_JS = r"""
async ([id, index]) => {
  const root = document.getElementById(id);
  const img = root.querySelector('img');
  const code = root.querySelector('pre.slider-code code');
  const el = root.querySelectorAll('input[type=range]')[index];
  const output = el.parentElement.querySelector('output');
  const values = JSON.parse(el.dataset.values || 'null');
  const problems = [];
  if (!output) problems.push('no <output> element beside the slider');
  if (!code) problems.push('no <pre class="slider-code"><code> element in the figure');
  if (!Array.isArray(values) || values.length !== Number(el.max) - Number(el.min) + 1)
    problems.push(`data-values ${el.dataset.values} does not match the range `
                  + `${el.min}..${el.max}`);
  if (problems.length) return {problems, positions: 0, images: 0};
  const start = Number(el.value);
  const order = [];
  for (let p = Number(el.min); p <= Number(el.max); p++) if (p !== start) order.push(p);
  order.push(start);
  const originalSrc = img.src;
  const originalCode = code.textContent;
  const seen = new Set([originalSrc]);
  let previous = originalSrc;
  let previousCode = originalCode;
  for (const p of order) {
    el.value = String(p);
    el.dispatchEvent(new Event('input', {bubbles: true}));
    const src = img.src;
    const shown = output.textContent.trim();
    const expected = String(values[p]);
    if (shown !== expected)
      problems.push(`position ${p}: the label shows ${JSON.stringify(shown)}, `
                    + `expected ${JSON.stringify(expected)}`);
    if (!src.startsWith('data:image/png;base64,'))
      problems.push(`position ${p} (${values[p]}): image src is `
                    + `${JSON.stringify(src.slice(0, 40))}, not a PNG`);
    else if (src === previous)
      problems.push(`position ${p} (${values[p]}): the image did not change`);
    if (code.textContent === previousCode || !code.textContent.trim())
      problems.push(`position ${p} (${values[p]}): the code did not change`);
    previousCode = code.textContent;
    try { await img.decode(); } catch (e) {
      problems.push(`position ${p} (${values[p]}): the image does not decode`);
    }
    seen.add(src);
    previous = src;
  }
  if (img.src !== originalSrc)
    problems.push(
      'moving the slider back to its start did not restore the first image');
  if (code.textContent !== originalCode)
    problems.push('moving the slider back to its start did not restore the first code');
  return {problems, positions: order.length, images: seen.size};
}
"""


def test_sliders_change_the_figure(site: Site, slider_page: str) -> None:
    """Every slider, moved by keyboard through all positions, swaps image and label."""
    if slider_page.startswith("<"):
        pytest.fail(
            "no page of the built book contains a slider figure (div.slider-figure); "
            "the Part II chapters should (see test_book_has_eta_and_lambda_sliders)"
        )
    problems: list[str] = []
    with site.visit(slider_page) as page:
        figures = page.eval_on_selector_all(
            "div.slider-figure", "els => els.map(e => e.id)"
        )
        assert figures, f"{slider_page}: no div.slider-figure after loading the page"
        for fig_id in figures:
            root = page.locator(f"[id='{fig_id}']")
            image = root.locator("img")
            sliders = root.locator("input[type=range]")
            where = f"figure #{fig_id}"
            if image.count() != 1:
                problems.append(f"{where}: {image.count()} images (expected 1)")
                continue
            if sliders.count() == 0:
                problems.append(f"{where}: no range inputs")
                continue
            for index in range(sliders.count()):
                slider = sliders.nth(index)
                label = slider.get_attribute("aria-label") or f"slider {index + 1}"
                output = slider.locator("xpath=following-sibling::output")
                # A reader using the keyboard: one arrow key press moves one position.
                before_src, before_value = (
                    image.get_attribute("src"),
                    slider.input_value(),
                )
                at_end = before_value == slider.get_attribute("max")
                slider.press("ArrowLeft" if at_end else "ArrowRight")
                after_value = slider.input_value()
                if after_value == before_value:
                    problems.append(
                        f"{where}, slider {label!r}: an arrow key did not move it"
                    )
                elif image.get_attribute("src") == before_src:
                    problems.append(
                        f"{where}, slider {label!r}: moving it with the keyboard "
                        "did not change the image"
                    )
                elif output.count() and output.text_content() == "":
                    problems.append(
                        f"{where}, slider {label!r}: the value label is empty"
                    )
                # Put it back, then sweep all positions.
                slider.press("ArrowRight" if at_end else "ArrowLeft")
                result = page.evaluate(SWEEP_JS, [fig_id, index])
                problems += [
                    f"{where}, slider {label!r}: {p}" for p in result["problems"]
                ]
    assert not problems, (
        f"{slider_page}: slider figures misbehave:\n{as_list(problems, 25)}"
    )


def _labels_in_book(site: Site) -> list[tuple[str, str]]:
    """(page, slider label) for every slider of every slider figure in the book."""
    found = []
    for rel in slider_pages():
        for figure in site.report(rel).dom["sliders"]:
            found += [(rel, label) for label in figure["labels"]]
    return found


LEARNING_RATE = re.compile(r"η|learning[ -]rate", re.IGNORECASE)
REGULARIZATION = re.compile(r"λ|regulari[sz]", re.IGNORECASE)


@pytest.mark.parametrize(
    "what, pattern",
    [("learning rate (η)", LEARNING_RATE), ("regularization (λ)", REGULARIZATION)],
)
def test_book_has_eta_and_lambda_sliders(
    site: Site, what: str, pattern: re.Pattern
) -> None:
    """Part II promises sliders for the learning rate and regularization strength."""
    labels = _labels_in_book(site)
    matching = [f"{rel}: {label}" for rel, label in labels if pattern.search(label)]
    assert matching, (
        f"no slider figure in the book has a {what} slider (a range input labelled "
        f"with {pattern.pattern!r}); sliders found: "
        f"{[f'{rel}: {label}' for rel, label in labels] or 'none'}"
    )


def test_slider_figures_have_images_and_alt(site: Site, slider_page: str) -> None:
    """Each slider figure (as loaded, before any input) shows an image with alt text."""
    if slider_page.startswith("<"):
        pytest.fail(
            "no page of the built book contains a slider figure (div.slider-figure)"
        )
    report = site.report(slider_page)
    bad = [
        figure
        for figure in report.dom["sliders"]
        if not figure["hasImage"] or not figure["labels"] or not all(figure["labels"])
    ]
    assert not bad, (
        f"{slider_page}: slider figures without image or slider labels:\n{as_list(bad)}"
    )
    slider_images = [
        image
        for image in report.dom["images"]
        if image["src"].startswith("data:image/png") and "#sf-" in image["where"]
    ]
    unlabeled = [image for image in slider_images if not (image["alt"] or "").strip()]
    assert not unlabeled, (
        f"{slider_page}: slider images without alt text:\n{as_list(unlabeled)}"
    )


def test_two_identical_figures_on_one_page_work_independently(browser) -> None:
    """Same alt text, sliders and frames: each slider still drives its own figure."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ffnn_edu.show.sliders import SliderFigure

    def render(eta):
        fig, ax = plt.subplots(figsize=(2, 1.5))
        ax.plot([0, 1], [0, eta])
        ax.set_title(f"eta = {eta}")
        return fig

    def make():
        return SliderFigure(
            render,
            {"eta": [0.1, 1.0, 3.0]},
            code="train(eta={eta})",
            labels={"eta": 'η "rate" <&>'},
            alt="Same figure",
        )

    page_html = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>two</title></head>"
        f"<body>{make().static_html()}<p>between</p>{make().static_html()}</body></html>"
    )
    context = browser.new_context()
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.set_content(page_html)
        ids = page.eval_on_selector_all(
            "div.slider-figure", "els => els.map(e => e.id)"
        )
        assert len(ids) == 2 and ids[0] != ids[1], ids
        state = (
            "id => { const r = document.getElementById(id); return "
            "[r.querySelector('img').src, r.querySelector('pre.slider-code "
            "code').textContent, r.querySelector('output').textContent]; }"
        )
        first_before = page.evaluate(state, ids[0])
        second_before = page.evaluate(state, ids[1])
        assert first_before == second_before  # identical figures start identical
        page.locator(f"[id='{ids[1]}'] input[type=range]").press("ArrowRight")
        second_after = page.evaluate(state, ids[1])
        assert page.evaluate(state, ids[0]) == first_before, "the first figure changed"
        assert second_after[0] != second_before[0], (
            "the second figure's image did not change"
        )
        assert second_after[1:] == ["train(eta=3.0)", "3"]
        page.locator(f"[id='{ids[0]}'] input[type=range]").press("ArrowLeft")
        assert page.evaluate(state, ids[0])[1:] == ["train(eta=0.1)", "0.1"]
        assert page.evaluate(state, ids[1]) == second_after
        assert (
            page.locator(f"[id='{ids[0]}'] input").get_attribute("aria-label")
            == 'η "rate" <&>'
        )
        assert not errors, errors
    finally:
        context.close()
