// The inbox's selection: a "select all on this page" box in the table head, and the number of
// selected rows beside the bulk actions. Without JavaScript every row's own box still works.
(function () {
  "use strict";

  // Back or Forward to a URL that the filters pushed: htmx keeps no copy of the page in the
  // browser's storage (hx-history="false" in inbox.html), so it loads the page again, as a
  // whole (swapping a fresh page into this one would carry a style nonce that CSP refuses).
  // Set once htmx has loaded: this script comes before it in the page's head.
  function configureHtmx() {
    if (window.htmx) {
      window.htmx.config.refreshOnHistoryMiss = true;
    }
  }

  function rows(form) {
    return Array.prototype.slice.call(form.querySelectorAll('input[type="checkbox"][name="signals"]'));
  }

  function update(form) {
    var boxes = rows(form);
    var checked = boxes.filter(function (box) { return box.checked; }).length;
    var count = form.querySelector("[data-bulk-count]");
    if (count) {
      count.textContent = checked ? (count.getAttribute("data-template") || "%s").replace("%s", checked) : "";
    }
    var all = form.querySelector("[data-select-all]");
    if (all) {
      all.checked = boxes.length > 0 && checked === boxes.length;
      all.indeterminate = checked > 0 && checked < boxes.length;
    }
  }

  function init(root) {
    var form = (root || document).querySelector("#bulk-form");
    if (!form || form.getAttribute("data-ready")) {
      return;
    }
    form.setAttribute("data-ready", "1");
    var slot = form.querySelector("[data-select-all-slot]");
    if (slot) {
      var box = document.createElement("input");
      box.type = "checkbox";
      box.className = "utrecht-checkbox";
      box.id = "select-all";
      box.setAttribute("data-select-all", "");
      box.setAttribute("aria-label", slot.getAttribute("data-label") || "");
      slot.appendChild(box);
      box.addEventListener("change", function () {
        rows(form).forEach(function (row) { row.checked = box.checked; });
        update(form);
      });
    }
    form.addEventListener("change", function (event) {
      if (event.target.name === "signals") {
        update(form);
      }
    });
    update(form);
    var errors = form.querySelector("#bulk-errors");
    if (errors) {
      errors.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", function () { configureHtmx(); init(document); });
  document.addEventListener("htmx:afterSettle", function () { init(document); });
  document.addEventListener("htmx:historyRestore", function () { init(document); });
})();
