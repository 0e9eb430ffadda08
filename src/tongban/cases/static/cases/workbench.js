/* 办件 workbench: small page-local behaviour (docs/adr/0005) — no build step, nothing global. */
(function () {
  "use strict";

  // 一次性告知补正: a ticked material needs its reason; focus it and mark it required.
  document.querySelectorAll("[data-cw-toggle]").forEach(function (box) {
    var reason = document.getElementById(box.getAttribute("data-cw-toggle"));
    if (!reason) { return; }
    function sync() { reason.required = box.checked; reason.disabled = false; }
    box.addEventListener("change", function () { sync(); if (box.checked) { reason.focus(); } });
    reason.addEventListener("input", function () { if (reason.value.trim()) { box.checked = true; sync(); } });
    sync();
  });

  // 作出决定: show the grant content or the denial reasons for the chosen decision.
  document.querySelectorAll("form[data-cw-decide]").forEach(function (form) {
    function sync() {
      var chosen = form.querySelector("input[name=decision]:checked");
      form.querySelectorAll("[data-cw-when]").forEach(function (block) {
        block.hidden = !!chosen && block.getAttribute("data-cw-when") !== chosen.value;
      });
    }
    form.addEventListener("change", sync);
    sync();
  });
})();
