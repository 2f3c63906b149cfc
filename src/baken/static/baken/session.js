// Signed-in pages: warn before the idle timeout ends the session, with "Ingelogd blijven".
// Every request to Baken renews the session (the autosave of the intake and htmx requests too),
// so the timer restarts on each of them. The warning is a modal alertdialog that takes the
// focus and gives it back; Escape counts as "Ingelogd blijven" (someone is there to press it).
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var dialog = document.getElementById("session-timeout");
    if (!dialog || typeof dialog.showModal !== "function" || !window.fetch) return;
    var idleMs = Number(dialog.getAttribute("data-idle-seconds")) * 1000;
    var warnMs = Number(dialog.getAttribute("data-warn-seconds")) * 1000;
    var warning = dialog.querySelector("[data-session-warning]");
    var expiredBox = dialog.querySelector("[data-session-expired]");
    var form = warning.querySelector("form");
    var button = warning.querySelector("[data-keepalive]");
    var warnTimer = null;
    var endTimer = null;
    var expired = false;
    var returnFocus = null;

    function open() {
      if (!dialog.open) {
        returnFocus = document.activeElement;
        dialog.showModal();
      }
    }

    function close() {
      if (dialog.open) dialog.close();
      if (returnFocus && typeof returnFocus.focus === "function") returnFocus.focus();
      returnFocus = null;
    }

    function warn() {
      if (expired) return;
      open();
      button.focus();
    }

    function expire() {
      expired = true;
      clearTimeout(warnTimer);
      clearTimeout(endTimer);
      warning.hidden = true;
      expiredBox.hidden = false;
      dialog.setAttribute("aria-labelledby", "session-expired-title");
      dialog.setAttribute("aria-describedby", "session-expired-text");
      open();
      expiredBox.querySelector("a").focus();
    }

    function schedule() {
      if (expired) return;
      clearTimeout(warnTimer);
      clearTimeout(endTimer);
      warnTimer = setTimeout(warn, Math.max(idleMs - warnMs, 0));
      endTimer = setTimeout(expire, idleMs);
    }

    function keepAlive() {
      if (expired) return;
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "X-Baken-Background": "1" },
        redirect: "manual",
      })
        .then(function (response) {
          if (response.status === 204) {
            schedule();
            close();
          } else {
            expire();
          }
        })
        .catch(function () {
          // No connection: the dialog stays, so the button can be tried again.
        })
        .then(function () {
          button.disabled = false;
        });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      keepAlive();
    });
    dialog.addEventListener("cancel", function (event) {
      event.preventDefault();
      if (!expired) keepAlive();
    });
    document.addEventListener("baken:session-renewed", schedule);
    document.body.addEventListener("htmx:afterRequest", schedule);
    schedule();
  });
})();
