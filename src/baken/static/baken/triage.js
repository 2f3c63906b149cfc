// Triage pages: standard messages fill in the message, an escalation ticks the usual fields for
// the chosen partner and "Alles delen" ticks everything, and the print button prints. Every
// form works without JavaScript too (the server applies a chosen template and "alles"; without
// JavaScript the fields to share are ticked by hand, nothing is shared by default).
(function () {
  "use strict";

  function messageTemplates(select) {
    var texts = JSON.parse(select.getAttribute("data-message-templates") || "{}");
    var form = select.form;
    var message = form && form.querySelector("textarea[name$='message']:not([name$='no_message_reason'])");
    if (!message) return;
    var filled = "";
    select.addEventListener("change", function () {
      var text = texts[select.value];
      // Only replace what is empty or was a template: never throw away what someone wrote.
      if (text && (message.value.trim() === "" || message.value === filled)) {
        message.value = text;
        filled = text;
      }
    });
  }

  function escalationDefaults(select) {
    var defaults = JSON.parse(select.getAttribute("data-default-fields") || "{}");
    var form = select.form;
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name='shared_fields']"));
    var all = form.querySelector("input[name='share_all']");
    var touched = boxes.some(function (box) { return box.checked; });
    boxes.forEach(function (box) {
      box.addEventListener("change", function () { touched = true; });
    });
    select.addEventListener("change", function () {
      var chosen = defaults[select.value];
      if (!chosen || touched) return;
      boxes.forEach(function (box) { box.checked = chosen.indexOf(box.value) !== -1; });
    });
    if (all) {
      all.addEventListener("change", function () {
        if (all.checked) {
          boxes.forEach(function (box) { box.checked = true; });
          touched = true;
        }
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[data-message-templates]").forEach(messageTemplates);
    document.querySelectorAll("select[data-default-fields]").forEach(escalationDefaults);
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();
