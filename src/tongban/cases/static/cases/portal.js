/* 网上申请: light hints only — the server checks everything again.
 * - fields with a required_if rule are shown when their condition holds (data-ap-if / data-ap-equals);
 * - a form marked data-ap-once is sent once: a double click does not post twice;
 * - [data-ap-print] prints the page; a chosen file shows its name next to the upload control.
 */
(function () {
  "use strict";

  function valueOf(form, name) {
    var els = form.querySelectorAll('[name="' + name + '"]');
    if (!els.length) return null;
    var first = els[0];
    if (first.type === "radio") {
      var checked = Array.prototype.find.call(els, function (e) { return e.checked; });
      if (!checked) return null;
      if (checked.value === "true") return true;
      if (checked.value === "false") return false;
      return checked.value;
    }
    if (first.type === "checkbox") {
      return Array.prototype.filter.call(els, function (e) { return e.checked; }).map(function (e) { return e.value; });
    }
    var v = (first.value || "").trim();
    if (v === "") return null;
    if (first.inputMode === "numeric" && /^-?\d+$/.test(v)) return parseInt(v, 10);
    return v;
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  function update(form) {
    form.querySelectorAll("[data-ap-if]").forEach(function (box) {
      var equals;
      try { equals = JSON.parse(box.getAttribute("data-ap-equals")); } catch (e) { equals = box.getAttribute("data-ap-equals"); }
      var met = same(valueOf(form, box.getAttribute("data-ap-if")), equals);
      var hasError = !!box.querySelector(".is-invalid");
      box.hidden = !met && !hasError;
      box.classList.toggle("ap-cond-met", met);
    });
    form.querySelectorAll("[data-ap-show-when]").forEach(function (box) {
      var parts = box.getAttribute("data-ap-show-when").split("=");
      var v = valueOf(form, parts[0]);
      var want = parts.slice(1).join("=");
      box.hidden = want === "on" ? !(Array.isArray(v) ? v.length : v) : String(v) !== want;
    });
  }

  document.querySelectorAll("form[data-ap-form]").forEach(function (form) {
    update(form);
    form.addEventListener("change", function () { update(form); });
    form.addEventListener("input", function () { update(form); });
  });

  document.querySelectorAll("form[data-ap-once]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-ap-sent")) { event.preventDefault(); return; }
      form.setAttribute("data-ap-sent", "1");
      var button = event.submitter;
      if (button && button.name) {
        var hidden = document.createElement("input");
        hidden.type = "hidden"; hidden.name = button.name; hidden.value = button.value;
        form.appendChild(hidden);
      }
      window.setTimeout(function () {
        var buttons = form.querySelectorAll('button[type="submit"]');
        if (form.id) buttons = Array.prototype.concat.apply(Array.prototype.slice.call(buttons),
          Array.prototype.slice.call(document.querySelectorAll('button[form="' + form.id + '"]')));
        Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
        if (button) button.classList.add("disabled");
      }, 0);
    });
  });

  document.querySelectorAll("[data-ap-print]").forEach(function (b) {
    b.addEventListener("click", function () { window.print(); });
  });
})();
