// A form's draft, kept on the server while the user types (never in the browser's storage: desks
// and phones are shared). Used by the intake and the inspection form; each marks its status box
// with data-server-draft (data-save-url, the status texts) inside the form it keeps.
// Saves one second after the last change, once more when the page is hidden or closed, and again
// when a lost connection returns. Files are never sent here (data-not-kept names the fields that
// are left out). Without JavaScript a failed submit still keeps the draft on the server.
// With data-send-when-online, a submit made without a connection is held (the page keeps what was
// typed and says so) and sent as soon as the connection returns.
(function () {
  "use strict";
  var DELAY_MS = 1000;

  function keep(box) {
    var form = box.closest("form");
    if (!form || !window.fetch || !window.FormData) return;
    var status = box.querySelector("[data-draft-status]");
    var deleteForm = box.getAttribute("data-delete-form")
      ? document.getElementById(box.getAttribute("data-delete-form"))
      : null;
    var notKept = (box.getAttribute("data-not-kept") || "").split(/\s+/).filter(Boolean);
    var holdsSubmit = box.hasAttribute("data-send-when-online");
    var timer = null;
    var dirty = false;
    var leaving = false;
    var held = false;

    function say(text, state) {
      if (text && status.textContent !== text) status.textContent = text;
      if (state) box.setAttribute("data-state", state);
    }

    function body() {
      var data = new FormData(form);
      notKept.forEach(function (name) {
        data.delete(name);
      });
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
              if (!held) say(result.text, "saved");
              if (deleteForm) deleteForm.hidden = false;
              document.dispatchEvent(new CustomEvent("baken:session-renewed"));
            });
          }
          if (response.status === 204) return null;
          dirty = true;
          if (response.type === "opaqueredirect") {
            say(box.getAttribute("data-logged-out-text"), "failed");
            return null;
          }
          return response.text().then(function (text) {
            say(text && text.length < 300 ? text : box.getAttribute("data-failed-text"), "failed");
          });
        })
        .catch(function () {
          dirty = true;
          if (!onLeave && !held) say(box.getAttribute("data-offline-text"), "offline");
        });
    }

    function later() {
      if (leaving) return;
      dirty = true;
      clearTimeout(timer);
      timer = setTimeout(save, DELAY_MS);
    }

    // The held submit: sent with fetch so that a dropped connection leaves the page (and what was
    // typed) as it is. Sent, the page is loaded again; refused, the form is posted the ordinary way
    // so that its errors show.
    function send() {
      held = false;
      leaving = true;
      clearTimeout(timer);
      say(box.getAttribute("data-sending-text"), "sending");
      fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin", redirect: "manual" })
        .then(function (response) {
          if (response.type === "opaqueredirect") {
            say(box.getAttribute("data-sent-text"), "sent");
            window.location.assign(window.location.pathname);
            return;
          }
          form.submit();
        })
        .catch(function () {
          held = true;
          leaving = false;
          dirty = true;
          say(box.getAttribute("data-held-text"), "held");
        });
    }

    form.addEventListener("input", later);
    form.addEventListener("change", later);
    if (holdsSubmit) {
      form.addEventListener("submit", function (event) {
        if (event.defaultPrevented) return;
        event.preventDefault();
        if (navigator.onLine === false) {
          held = true;
          say(box.getAttribute("data-held-text"), "held");
          return;
        }
        send();
      });
    }
    // Sending the form, or deleting the draft, must not be followed by one more save.
    document.addEventListener("submit", function (event) {
      if (event.defaultPrevented || (holdsSubmit && event.target === form)) return;
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
      if (held) send();
      else if (dirty) save(false);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-server-draft]"), keep);
  });
})();
