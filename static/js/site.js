/* Behaviour the pages declare with data-* attributes. The Content-Security-Policy runs no
   inline script (no <script> blocks, no on…= or hx-on attributes), so it lives here, in a
   file of our own, bound by event delegation: fragments htmx swaps in later work too. */
(function () {
  "use strict";

  // <select data-autosubmit>: choosing an option submits its form (language, year). With
  // data-autosubmit-clear="field", that field of the form is emptied first (a requirement
  // chosen for the previous year means nothing in the new one).
  function autosubmit(el) {
    var clear = el.dataset.autosubmitClear && el.form.elements[el.dataset.autosubmitClear];
    if (clear) clear.value = "";
    el.form.submit();
  }
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("[data-autosubmit]") && el.form) autosubmit(el);
  });
  // A choice made while the page was shown but this script not yet run went unheard: the
  // select no longer shows the option the page came with, so it is submitted now. Not on a
  // page reached by Back, where the browser may put back the choice that left it: submitting
  // that would send the clerk forward again.
  var navigation = performance.getEntriesByType("navigation")[0];
  if (!(navigation && navigation.type === "back_forward")) {
    document.querySelectorAll("select[data-autosubmit]").forEach(function (el) {
      var options = Array.prototype.slice.call(el.options);
      var given = options.filter(function (o) { return o.defaultSelected; })[0] || options[0];
      if (el.form && given && el.selectedIndex >= 0 && el.options[el.selectedIndex] !== given) autosubmit(el);
    });
  }

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

  // <button data-append-line="id" value="name">: adds the name as a line of that textarea
  // (a unit the import offers for 发文机关), once; pressing it again takes the line out.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-append-line]");
    if (!button) return;
    var box = document.getElementById(button.dataset.appendLine);
    if (!box) return;
    var lines = box.value.split("\n").map(function (l) { return l.trim(); }).filter(Boolean);
    var at = lines.indexOf(button.value);
    if (at < 0) lines.push(button.value); else lines.splice(at, 1);
    box.value = lines.join("\n");
    button.setAttribute("aria-pressed", at < 0 ? "true" : "false");
    box.dispatchEvent(new Event("input", { bubbles: true }));
  });

  // <button data-fill-field="id" value="text">: puts the text in that field (a headline the
  // import offers for 标题); the clerk can go on editing it there.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-fill-field]");
    if (!button) return;
    var box = document.getElementById(button.dataset.fillField);
    if (!box) return;
    box.value = button.value;
    box.dispatchEvent(new Event("input", { bubbles: true }));
    box.focus();
  });

  // <input data-filter-options="id"> (core.widgets, above a select of thousands of units):
  // typing narrows the list to the options whose name holds what was typed, shown open as a
  // list to click in. Options already chosen stay in it: filtering never changes what the form
  // sends. Enter in the box does not submit a form half-chosen.
  function narrow(box) {
    var select = document.getElementById(box.dataset.filterOptions);
    if (!select) return;
    var needle = box.value.trim().toLowerCase();
    var shown = 0;
    for (var i = 0; i < select.options.length; i++) {
      var option = select.options[i];
      var match = option.value !== "" && option.text.toLowerCase().indexOf(needle) >= 0;
      option.hidden = needle !== "" && !match && !option.selected;
      if (match) shown++;
    }
    if (!select.multiple) {
      if (needle) select.size = Math.min(Math.max(shown + 1, 2), 10);
      else select.removeAttribute("size");
    }
    var status = document.getElementById(select.id + "-matches");
    if (status) {
      status.textContent = !needle ? "" : shown ? box.dataset.matches.replace("{n}", shown) : box.dataset.noMatch;
    }
  }
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (box.matches && box.matches("[data-filter-options]")) narrow(box);
  });
  document.addEventListener("keydown", function (event) {
    var box = event.target;
    if (event.key === "Enter" && box.matches && box.matches("[data-filter-options]")) event.preventDefault();
  });
  // The box, and the buttons of <… data-needs-script hidden> (the import's offers), do nothing
  // without this script: they are shown only once it runs, never pressed in vain before.
  function reveal(root) {
    root.querySelectorAll("[data-filter-options][hidden], [data-needs-script][hidden]").forEach(function (el) {
      el.hidden = false;
    });
  }
  reveal(document);
  document.addEventListener("htmx:load", function (event) { reveal(event.target); });

  // <… data-error-alert=".selector">: an htmx request inside it that fails shows the alert.
  document.addEventListener("htmx:responseError", function (event) {
    var box = event.target.closest && event.target.closest("[data-error-alert]");
    if (!box) return;
    var alert = box.querySelector(box.dataset.errorAlert);
    if (alert) alert.hidden = false;
  });
})();
