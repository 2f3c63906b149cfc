// Intake: keep a draft on the server while the reporter types (never in the browser's storage:
// desks are shared). Saves one second after the last change, and once more when the page is
// hidden or closed. Files are not sent here: the intake keeps them as pending uploads when a
// submit does not go through. Without JavaScript a failed submit still keeps the draft.
(function () {
  "use strict";
  var DELAY_MS = 1000;

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("intake-draft");
    var form = box && box.closest("form");
    if (!form || !window.fetch || !window.FormData) return;
    var status = box.querySelector("[data-draft-status]");
    var deleteForm = document.getElementById("intake-draft-delete");
    var timer = null;
    var dirty = false;
    var leaving = false;

    function say(text) {
      if (text && status.textContent !== text) status.textContent = text;
    }

    function body() {
      var data = new FormData(form);
      data.delete("attachments");
      data.delete("remove_upload");
      return data;
    }

    function save(onLeave) {
      clearTimeout(timer);
      timer = null;
      if (!dirty || (leaving && !onLeave)) return;
      dirty = false;
      fetch(box.getAttribute("data-save-url"), {
        method: "POST",
        body: body(),
        credentials: "same-origin",
        headers: { "X-Baken-Background": "1" },
        keepalive: Boolean(onLeave),
        redirect: "manual",
      })
        .then(function (response) {
          if (response.status === 200) {
            return response.json().then(function (result) {
              say(result.text);
              if (deleteForm) deleteForm.hidden = false;
              document.dispatchEvent(new CustomEvent("baken:session-renewed"));
            });
          }
          if (response.status === 204) return null;
          dirty = true;
          if (response.type === "opaqueredirect") {
            say(box.getAttribute("data-logged-out-text"));
            return null;
          }
          return response.text().then(function (text) {
            say(text && text.length < 300 ? text : box.getAttribute("data-failed-text"));
          });
        })
        .catch(function () {
          dirty = true;
          if (!onLeave) say(box.getAttribute("data-offline-text"));
        });
    }

    function later() {
      if (leaving) return;
      dirty = true;
      clearTimeout(timer);
      timer = setTimeout(save, DELAY_MS);
    }

    form.addEventListener("input", later);
    form.addEventListener("change", later);
    // Sending the intake, or deleting the draft, must not be followed by one more save.
    document.addEventListener("submit", function (event) {
      if (event.defaultPrevented) return;
      leaving = true;
      clearTimeout(timer);
    });
    window.addEventListener("pageshow", function () {
      leaving = false;
    });
    window.addEventListener("pagehide", function () {
      if (!leaving) save(true);
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && !leaving) save(true);
    });
    window.addEventListener("online", function () {
      if (dirty) save(false);
    });
  });
})();
