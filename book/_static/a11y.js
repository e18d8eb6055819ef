// Accessible pages (see book/_ext/accessible_pages.py).
(function () {
  // A dropdown's button (a solution, a hint) is named after the dropdown's title, not
  // "Toggle hidden content". sphinx-togglebutton adds those buttons when the page has
  // loaded; this runs after it.
  function nameToggles() {
    document.querySelectorAll(".admonition .toggle-button").forEach(function (button) {
      var title = button.closest(".admonition-title");
      var text = title ? title.textContent.trim() : "";
      if (text) button.setAttribute("aria-label", text);
    });
  }

  // Formulas are not Tab stops (MathJax is told so), except a displayed formula wider
  // than its column: the theme lets it scroll sideways, and a keyboard can only scroll
  // what it can focus. Checked again when the window changes size.
  function scrollableFormulas() {
    var formulas = document.querySelectorAll("div.math mjx-container");
    formulas.forEach(function (formula) {
      if (formula.scrollWidth > formula.clientWidth + 1) {
        formula.setAttribute("tabindex", "0");
      } else if (formula.getAttribute("tabindex") === "0") {
        formula.removeAttribute("tabindex");
      }
    });
  }
  var resizing = null;
  function afterTypesetting() {
    var startup = window.MathJax && window.MathJax.startup;
    if (!startup || !startup.promise) return;
    startup.promise.then(scrollableFormulas);
    window.addEventListener("resize", function () {
      clearTimeout(resizing);
      resizing = setTimeout(scrollableFormulas, 200);
    });
  }

  function ready() {
    setTimeout(nameToggles, 0);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
  // MathJax's script is deferred: it has run by the time the page has loaded.
  if (document.readyState === "complete") {
    afterTypesetting();
  } else {
    window.addEventListener("load", afterTypesetting);
  }
})();
