// Huisstijl page: keep each hex field and its colour picker in step, and show the colours in the
// preview as they are typed. Without JavaScript the hex fields work on their own.
(function () {
  "use strict";
  var HEX = /^#[0-9a-fA-F]{6}$/;
  var TOKENS = {
    id_primary_colour: "--baken-brand-color",
    id_primary_text_colour: "--baken-brand-text-color",
    id_link_colour: "--baken-link-color",
  };
  function preview(field) {
    var box = document.getElementById("huisstijl-preview");
    if (box && TOKENS[field.id] && HEX.test(field.value)) {
      box.style.setProperty(TOKENS[field.id], field.value);
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-colour-for]").forEach(function (picker) {
      var field = document.getElementById(picker.getAttribute("data-colour-for"));
      if (!field) return;
      picker.tabIndex = 0;
      picker.addEventListener("input", function () {
        field.value = picker.value;
        preview(field);
      });
      field.addEventListener("input", function () {
        if (HEX.test(field.value)) picker.value = field.value.toLowerCase();
        preview(field);
      });
    });
  });
})();
