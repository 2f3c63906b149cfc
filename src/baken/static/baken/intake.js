// Intake (Signaal melden), progressive enhancement: without JavaScript the form is one page that
// the server checks. With it:
// - the acute panel moves directly under what made the situation acute, scrolls into view and
//   takes focus; the form is not sent while the panel waits for a choice;
// - on a phone (at most 600 px wide) the form is three short steps with a progress indicator;
// - Enter in a text field does not send the form;
// - after a server-side error the focus goes to the error summary;
// - a button puts "wie, wat, waar, wanneer" in the empty narrative.
(function () {
  "use strict";
  var PHONE = "(max-width: 600px)";

  function init(form) {
    var panelBox = document.getElementById("acute-panel");
    var home = document.createComment("acute-panel-home");
    panelBox.parentNode.insertBefore(home, panelBox);
    var lastTrigger = null;
    var anchorShown = null;
    var phone = window.matchMedia ? window.matchMedia(PHONE) : null;
    var steps = Array.prototype.slice.call(form.querySelectorAll("[data-step]"));
    var current = 1;
    var panelWasShown = false;

    // --- the acute panel -----------------------------------------------------------------
    function panel() {
      return panelBox.querySelector("[data-acute-panel]");
    }

    function isTrigger(input) {
      return input && (input.name === "acute_danger" || input.name === "minor_involved" || input.name === "indicators");
    }

    function active(input) {
      if (!input || !input.isConnected || !input.checked) return false;
      if (input.name === "acute_danger") return true;
      if (input.name === "minor_involved") return input.value === "ja";
      return input.name === "indicators" && input.hasAttribute("data-critical");
    }

    function anchorFor(input) {
      if (input.name === "indicators") return input.closest(".baken-indicator");
      if (input.name === "minor_involved") return input.closest("fieldset") || input.closest(".utrecht-form-field");
      return input.closest(".utrecht-form-field") || input;
    }

    function currentTrigger() {
      if (active(lastTrigger)) return lastTrigger;
      var candidates = form.querySelectorAll(
        "[name=acute_danger]:checked, [name=minor_involved][value=ja]:checked, [name=indicators][data-critical]:checked"
      );
      return candidates.length ? candidates[0] : null;
    }

    // Moving the panel in the DOM takes the focus away from whatever in it had it: give it back.
    function keepingFocus(move) {
      var focused = document.activeElement;
      var inside = focused && panelBox.contains(focused) ? focused : null;
      move();
      if (inside && inside.isConnected && document.activeElement !== inside) inside.focus({ preventScroll: true });
    }

    function goHome() {
      if (home.nextSibling !== panelBox) {
        keepingFocus(function () {
          home.parentNode.insertBefore(panelBox, home.nextSibling);
        });
      }
    }

    function place(announce) {
      var section = panel();
      if (!section) {
        goHome();
        anchorShown = null;
        return;
      }
      var trigger = currentTrigger();
      var anchor = trigger ? anchorFor(trigger) : null;
      if (anchor) {
        if (anchor.nextSibling !== panelBox) {
          keepingFocus(function () {
            anchor.parentNode.insertBefore(panelBox, anchor.nextSibling);
          });
        }
      } else {
        goHome();
      }
      // A panel that was already on screen and now answers a change on another step (a slow reply,
      // or a tick before "Volgende") moves quietly: it does not pull a phone user back a step.
      var elsewhere = panelWasShown && isPhone() && stepOf(panelBox) !== current;
      if (announce && anchor !== anchorShown && !elsewhere) {
        showStepOf(panelBox);
        section.scrollIntoView({ block: "start" });
        section.focus({ preventScroll: true });
      }
      anchorShown = anchor;
    }

    form.addEventListener(
      "change",
      function (event) {
        if (isTrigger(event.target)) lastTrigger = event.target;
      },
      true
    );
    // A choice inside the panel must not fetch the panel again (that would lose the focus).
    panelBox.addEventListener("change", function (event) {
      event.stopPropagation();
      var missing = panelBox.querySelector("[data-acute-missing]");
      if (missing && choiceMade()) missing.hidden = true;
    });
    panelBox.addEventListener("input", function () {
      var missing = panelBox.querySelector("[data-acute-missing]");
      if (missing && choiceMade()) missing.hidden = true;
    });

    // The panel can be fetched again while the user is in it (a reply to an earlier tick that
    // arrives after "Verstuur melding" was pressed): keep the focus and the "choose first" message.
    var focusedInPanel = null;
    var missingWasShown = false;
    document.body.addEventListener("htmx:beforeSwap", function (event) {
      if (event.detail.target === panelBox) {
        panelWasShown = !!panel();
        var active = document.activeElement;
        focusedInPanel = active && active.id && panelBox.contains(active) ? active.id : null;
        var shownMissing = panelBox.querySelector("[data-acute-missing]");
        missingWasShown = !!(shownMissing && !shownMissing.hidden);
      }
      // The indicator list is replaced when a form is chosen: keep the panel (and its answer) out of it.
      var target = event.detail.target;
      if (target && target.id === "indicator-list" && target.contains(panelBox)) goHome();
    });
    document.body.addEventListener("htmx:afterSettle", function (event) {
      var target = event.detail.target;
      if (target === panelBox) {
        place(true);
        var missing = panelBox.querySelector("[data-acute-missing]");
        if (missing && missingWasShown && !choiceMade()) missing.hidden = false;
        var refocus = focusedInPanel && document.getElementById(focusedInPanel);
        if (refocus) refocus.focus({ preventScroll: true });
        focusedInPanel = null;
        missingWasShown = false;
      } else if (target && target.id === "indicator-list") {
        // An outerHTML swap: the event names the replaced element; work on the new one.
        explanationsBehindToggles(document.getElementById("indicator-list") || form);
        place(false);
      }
    });

    function choiceMade() {
      var chosen = form.querySelector("[name=acute_call]:checked");
      if (!chosen) return false;
      if (chosen.value !== "niet_nodig") return true;
      var reason = form.querySelector("[name=acute_no_call_reason]");
      return !!(reason && reason.value.trim());
    }

    form.addEventListener("submit", function (event) {
      var section = panel();
      if (!section || choiceMade()) return;
      event.preventDefault();
      var missing = section.querySelector("[data-acute-missing]");
      if (missing) missing.hidden = false;
      showStepOf(section);
      section.scrollIntoView({ block: "start" });
      var chosen = form.querySelector("[name=acute_call]:checked");
      var focusTarget =
        chosen && chosen.value === "niet_nodig"
          ? form.querySelector("[name=acute_no_call_reason]")
          : form.querySelector("[name=acute_call]");
      (focusTarget || section).focus();
    });

    // --- Enter in a text field does not send the form --------------------------------------
    form.addEventListener("keydown", function (event) {
      var target = event.target;
      if (event.key !== "Enter" || target.tagName !== "INPUT") return;
      if (["submit", "button", "image", "reset"].indexOf(target.type) !== -1) return;
      event.preventDefault();
    });

    // --- steps on a phone ------------------------------------------------------------------
    var stepsBox = form.querySelector("[data-steps]");
    var progress = form.querySelector("[data-step-progress]");

    function stepOf(element) {
      var step = element && element.closest ? element.closest("[data-step]") : null;
      return step ? Number(step.getAttribute("data-step")) : null;
    }

    function isPhone() {
      return !!(phone && phone.matches);
    }

    function showStep(number, focus) {
      current = number;
      var onPhone = isPhone();
      steps.forEach(function (step) {
        step.hidden = onPhone && Number(step.getAttribute("data-step")) !== number;
      });
      stepsBox.hidden = !onPhone;
      form.querySelectorAll("[data-step-nav]").forEach(function (nav) {
        nav.hidden = !onPhone;
      });
      form.querySelectorAll("[data-step-item]").forEach(function (item) {
        if (Number(item.getAttribute("data-step-item")) === number) item.setAttribute("aria-current", "step");
        else item.removeAttribute("aria-current");
      });
      var step = steps[number - 1];
      progress.textContent = onPhone && step ? step.getAttribute("data-step-progress-text") : "";
      if (focus && onPhone && step) {
        var heading = step.querySelector("h2");
        window.scrollTo(0, form.getBoundingClientRect().top + window.scrollY);
        if (heading) heading.focus({ preventScroll: true });
      }
    }

    function showStepOf(element) {
      var number = stepOf(element);
      if (number && phone && phone.matches && number !== current) showStep(number, false);
    }

    form.querySelectorAll("[data-step-go]").forEach(function (button) {
      button.addEventListener("click", function () {
        showStep(Number(button.getAttribute("data-step-go")), true);
      });
    });
    if (phone) {
      var onChange = function () {
        showStep(current, false);
      };
      if (phone.addEventListener) phone.addEventListener("change", onChange);
      else phone.addListener(onChange);
    }

    // --- errors from the server --------------------------------------------------------------
    var summary = form.querySelector(".baken-error-summary");
    if (summary) {
      summary.addEventListener("click", function (event) {
        var link = event.target.closest("a[href^='#']");
        if (!link) return;
        var field = document.getElementById(link.getAttribute("href").slice(1));
        if (field) showStepOf(field);
      });
    }

    // --- indicators: titles first, the explanation behind "Uitleg" --------------------------
    function explanationsBehindToggles(root) {
      root.querySelectorAll("[data-explain]").forEach(function (button) {
        var text = document.getElementById(button.getAttribute("aria-controls"));
        if (!text) return;
        text.hidden = button.getAttribute("aria-expanded") !== "true";
        button.hidden = false;
      });
    }
    form.addEventListener("click", function (event) {
      var button = event.target.closest("[data-explain]");
      if (!button) return;
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      var text = document.getElementById(button.getAttribute("aria-controls"));
      if (text) text.hidden = !open;
    });
    explanationsBehindToggles(form);

    // --- a prompt for the narrative ------------------------------------------------------------
    var prompt = form.querySelector("[data-prompt]");
    var narrative = form.querySelector("[name=description]");
    if (prompt && narrative) {
      prompt.hidden = false;
      prompt.querySelector("[data-prompt-button]").addEventListener("click", function (event) {
        if (!narrative.value.trim()) narrative.value = event.currentTarget.getAttribute("data-prompt-text");
        narrative.focus();
      });
    }

    var firstError = form.querySelector("[aria-invalid=true], .utrecht-form-field--invalid");
    showStep(firstError ? stepOf(firstError) || 1 : 1, false);
    place(false);
    if (summary) summary.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-intake]");
    if (form) init(form);
  });
})();
