// Keeps a copy of the report being typed in this browser (localStorage), so nothing is lost
// on a network error, a refused save or a closed tab; the server's autosave clears it.
(function () {
  "use strict";
  // The autosave posts its fields as JSON (hx-ext="qm-json" on the form): Chinese text
  // form-encoded travels as %E5%B7%A5…, three times the bytes, and decoding that cost the
  // server more than the rest of the save. The form's own submit stays a form post.
  htmx.defineExtension("qm-json", {
    onEvent: function (name, event) {
      if (name === "htmx:configRequest") event.detail.headers["Content-Type"] = "application/json";
    },
    encodeParameters: function (xhr, parameters) {
      var data = {};
      parameters.forEach(function (value, key) { data[key] = value; });
      return JSON.stringify(data);
    }
  });
  function fields(form) {
    return Array.from(form.querySelectorAll("textarea, input[type=text], input:not([type])"));
  }
  function snapshot(form) {
    var data = {};
    fields(form).forEach(function (el) { data[el.name] = el.value; });
    return data;
  }
  function differs(form, data) {
    return fields(form).some(function (el) { return el.name in data && data[el.name] !== el.value; });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("report-form");
    if (!form) return;
    var key = form.dataset.storageKey;
    var banner = document.getElementById("local-draft");
    var stored = null;
    try { stored = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { stored = null; }
    if (stored && stored.dirty && differs(form, stored.data)) {
      banner.hidden = false;
    } else {
      localStorage.removeItem(key);
    }
    banner.addEventListener("click", function (event) {
      var action = event.target.dataset.action;
      if (action === "restore") {
        fields(form).forEach(function (el) { if (el.name in stored.data) el.value = stored.data[el.name]; });
      }
      if (action === "restore" || action === "discard") {
        if (action === "discard") localStorage.removeItem(key);
        banner.hidden = true;
      }
    });
    form.addEventListener("input", function () {
      localStorage.setItem(key, JSON.stringify({ dirty: true, data: snapshot(form), at: Date.now() }));
    });
    // The page shows its fields before its scripts run: what a clerk typed in that moment
    // raised its events before htmx listened. This listener runs after htmx has set the
    // form up (its script comes first), so one autosave now saves it.
    if (fields(form).some(function (el) { return el.value !== el.defaultValue; })) {
      htmx.trigger(form, "change");
    }
    // htmx does not swap error responses by default; the autosave's 409/400 carry the message.
    document.body.addEventListener("htmx:beforeSwap", function (event) {
      if (event.detail.target && event.detail.target.id === "autosave-status" && event.detail.xhr.status >= 400) {
        event.detail.shouldSwap = true;
        event.detail.isError = false;
      }
    });
    // Saving or submitting right after typing: the blur fires one last autosave. Let it
    // finish (it brings the new version) before the form posts, and start no other, so the
    // clerk never collides with their own autosave.
    var inFlight = false, submitting = false, pendingSubmitter;
    form.addEventListener("submit", function (event) {
      submitting = true;
      if (inFlight) {
        event.preventDefault();
        pendingSubmitter = event.submitter || null;
      }
    });
    document.body.addEventListener("htmx:beforeRequest", function (event) {
      if (event.detail.elt !== form) return;
      if (submitting) { event.preventDefault(); return; }
      inFlight = true;
    });
    document.body.addEventListener("htmx:afterRequest", function (event) {
      if (event.detail.elt !== form) return;
      inFlight = false;
      if (event.detail.successful) {
        localStorage.setItem(key, JSON.stringify({ dirty: false, data: snapshot(form), at: Date.now() }));
      }
      if (pendingSubmitter !== undefined) {
        var submitter = pendingSubmitter;
        pendingSubmitter = undefined;
        setTimeout(function () { form.requestSubmit(submitter); }, 0);
      }
    });
  });
})();
