/* Library Service Desk: the little behaviour pages need beyond htmx. No inline script (CSP). */
(function () {
  "use strict";

  var NEEDS_ALTERNATIVE = ["alternative", "could_not_help"];

  // The "Undo" offer disappears when its time is up (the server refuses a late undo anyway).
  function expireLater(root) {
    root.querySelectorAll("[data-expires-after]").forEach(function (element) {
      var seconds = parseInt(element.getAttribute("data-expires-after"), 10);
      window.setTimeout(function () { element.remove(); }, seconds * 1000);
    });
  }

  // Ask which alternative was offered only when the outcome calls for one.
  function toggleAlternative(root) {
    var outcome = root.querySelector("#id_outcome");
    var field = root.querySelector("#alternative-field");
    if (!outcome || !field) { return; }
    var update = function () {
      field.classList.toggle("d-none", NEEDS_ALTERNATIVE.indexOf(outcome.value) === -1);
    };
    outcome.addEventListener("change", update);
    update();
  }

  function enhance(root) {
    expireLater(root);
    toggleAlternative(root);
  }

  if (window.htmx) {
    window.htmx.onLoad(enhance);
    // After the desk form is sent, the next patron's entry starts at its first field.
    document.body.addEventListener("htmx:afterSwap", function (event) {
      var first = event.detail.target.querySelector("[autofocus]");
      if (event.detail.target.id === "log-form" && first) { first.focus(); }
    });
  } else {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  }
})();
