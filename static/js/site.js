/* Behaviour the pages declare with data-* attributes. The Content-Security-Policy runs no
   inline script (no <script> blocks, no on…= or hx-on attributes), so it lives here, in a
   file of our own, bound by event delegation: fragments htmx swaps in later work too. */
(function () {
  "use strict";

  // <select data-autosubmit>: choosing an option submits its form (language, year). With
  // data-autosubmit-clear="field", that field of the form is emptied first (a requirement
  // chosen for the previous year means nothing in the new one).
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (!(el.matches && el.matches("[data-autosubmit]") && el.form)) return;
    var clear = el.dataset.autosubmitClear && el.form.elements[el.dataset.autosubmitClear];
    if (clear) clear.value = "";
    el.form.submit();
  });

  // (<form data-confirm="question"> is reports/static/reports/confirm.js, on the pages using it.)

  // <input data-select-on-focus>: a shown-once key is selected whole, ready to copy.
  document.addEventListener("focusin", function (event) {
    var el = event.target;
    if (el.matches && el.matches("[data-select-on-focus]")) el.select();
  });

  // <a data-remove-row>: cancelling a new row removes it; the link's href is the no-script way.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-remove-row]");
    if (!link) return;
    event.preventDefault();
    var row = link.closest("tr");
    if (row) row.remove();
  });

  // <… data-error-alert=".selector">: an htmx request inside it that fails shows the alert.
  document.addEventListener("htmx:responseError", function (event) {
    var box = event.target.closest && event.target.closest("[data-error-alert]");
    if (!box) return;
    var alert = box.querySelector(box.dataset.errorAlert);
    if (alert) alert.hidden = false;
  });

  // 适老化 (public pages): <button data-a11y-option="large|contrast"> toggles the class
  // qm-<option> on <html>; the choice is kept in localStorage so that it follows the visitor
  // from page to page. The buttons' group ([data-a11y-tools]) stays hidden without script.
  var A11Y_KEY = "qm-a11y";
  function a11yChosen() {
    try {
      return (window.localStorage.getItem(A11Y_KEY) || "").split(" ").filter(Boolean);
    } catch (e) {
      return []; // storage refused (private mode): the options still work on this page
    }
  }
  function a11yApply(chosen) {
    var root = document.documentElement;
    ["large", "contrast"].forEach(function (option) {
      var on = chosen.indexOf(option) !== -1;
      root.classList.toggle("qm-" + option, on);
      document.querySelectorAll('[data-a11y-option="' + option + '"]').forEach(function (button) {
        button.setAttribute("aria-pressed", on ? "true" : "false");
      });
    });
  }
  // The script is deferred: the page is parsed when this runs.
  a11yApply(a11yChosen());
  document.querySelectorAll("[data-a11y-tools]").forEach(function (tools) {
    tools.hidden = false;
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-a11y-option]");
    if (!button) return;
    var option = button.dataset.a11yOption;
    var chosen = a11yChosen().filter(function (o) { return o !== option; });
    if (button.getAttribute("aria-pressed") !== "true") chosen.push(option);
    try {
      window.localStorage.setItem(A11Y_KEY, chosen.join(" "));
    } catch (e) { /* kept for this page only */ }
    a11yApply(chosen);
  });
})();
