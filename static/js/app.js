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

  // A part marked data-only-when is shown only when it applies: "needs_alternative" (which
  // alternative was offered) when the outcome calls for one, "phone" (the phone checklist)
  // for a call.
  function applies(form, condition) {
    if (condition === "needs_alternative") {
      var outcome = form.querySelector("[name=outcome]");
      return !!outcome && NEEDS_ALTERNATIVE.indexOf(outcome.value) !== -1;
    }
    if (condition === "phone") {
      var channel = form.querySelector("[name=channel]:checked");
      return !!channel && channel.value === "phone";
    }
    return true;
  }

  function showWhatApplies(root) {
    root.querySelectorAll("form").forEach(function (form) {
      var parts = form.querySelectorAll("[data-only-when]");
      if (!parts.length) { return; }
      var update = function () {
        parts.forEach(function (part) {
          part.classList.toggle("d-none", !applies(form, part.getAttribute("data-only-when")));
        });
      };
      form.addEventListener("change", update);
      update();
    });
  }

  // Drafts: a form marked data-draft="name" keeps what is typed in this tab's session
  // storage, so that signing in again after an idle sign-out brings it back. The key holds
  // the user's id, so a colleague signing in at the same terminal never sees it, and
  // signing out clears every draft.
  // Nor what the page offered as it was shown ("initial-" fields: the desk form's minute):
  // the restored page offers its own, so a drafted time stays the time it was typed.
  var NOT_DRAFTED = ["csrfmiddlewaretoken", "submission_key", "version"];

  function drafted(name) { return NOT_DRAFTED.indexOf(name) === -1 && name.indexOf("initial-") !== 0; }

  function draftKey(form) { return "draft:" + form.getAttribute("data-draft"); }

  function saveDraft(form) {
    var values = [];
    new FormData(form).forEach(function (value, name) {
      if (drafted(name)) { values.push([name, value]); }
    });
    window.sessionStorage.setItem(draftKey(form), JSON.stringify(values));
  }

  function restoreDraft(form) {
    var saved = window.sessionStorage.getItem(draftKey(form));
    if (!saved) { return; }
    var values = JSON.parse(saved);
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || !drafted(element.name)) { return; }
      var mine = values.filter(function (pair) { return pair[0] === element.name; });
      if (element.type === "radio" || element.type === "checkbox") {
        element.checked = mine.some(function (pair) { return pair[1] === element.value; });
      } else if (mine.length) {
        element.value = mine[0][1];
      }
    });
    var notice = document.createElement("div");
    notice.className = "alert alert-info d-flex align-items-center gap-2";
    notice.setAttribute("role", "status");
    notice.textContent = "What you were typing before you were signed out is back. ";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "btn btn-sm btn-outline-secondary";
    discard.textContent = "Discard it";
    discard.addEventListener("click", function () {
      window.sessionStorage.removeItem(draftKey(form));
      form.reset();
      form.dispatchEvent(new Event("change"));
      notice.remove();
    });
    notice.appendChild(discard);
    form.prepend(notice);
    form.dispatchEvent(new Event("change"));
  }

  function keepDrafts(root, restore) {
    root.querySelectorAll("form[data-draft]").forEach(function (form) {
      if (restore) {
        restoreDraft(form);
      } else if (!form.querySelector(".is-invalid")) {
        // A fresh form after a successful send: the draft has been logged.
        window.sessionStorage.removeItem(draftKey(form));
      }
      form.addEventListener("input", function () { saveDraft(form); });
      form.addEventListener("change", function () { saveDraft(form); });
    });
  }

  document.addEventListener("submit", function (event) {
    if (event.target.matches("form[data-sign-out]")) { window.sessionStorage.clear(); }
  });

  // A button marked data-print prints the page (a letter to a patron).
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) { window.print(); }
  });

  // The console's live lists (#live-desk) replace themselves on every refresh, so what they
  // say is read out from one polite live region that outlives them: each list's
  // data-announce, when it differs from the last time (not on the first load). After an
  // action the answer names, in data-focus, the element that takes the focus next.
  var announcer = null;
  var announced = null;

  function liveDesk(root) {
    var desk = root.id === "live-desk" ? root : root.querySelector("#live-desk");
    if (!desk) { return; }
    if (!announcer) {
      announcer = document.createElement("div");
      announcer.className = "visually-hidden";
      announcer.setAttribute("role", "status");
      announcer.setAttribute("aria-live", "polite");
      document.body.appendChild(announcer);
    }
    var news = Array.prototype.map.call(desk.querySelectorAll("[data-announce]"), function (part) {
      return part.getAttribute("data-announce");
    }).join(" ");
    if (announced !== null && news !== announced) { announcer.textContent = news; }
    announced = news;
    var focus = desk.getAttribute("data-focus") && document.getElementById(desk.getAttribute("data-focus"));
    if (focus) { focus.focus(); }
  }

  var pageLoaded = false;

  function enhance(root) {
    expireLater(root);
    showWhatApplies(root);
    keepDrafts(root, !pageLoaded);
    liveDesk(root);
    pageLoaded = true;
  }

  // The console's live lists refresh themselves (data-live-refresh), but never while the
  // person is typing: not for a few seconds after a keystroke in any form of the page, nor
  // while a text field of the lists themselves holds text, focused or not (the refresh would
  // take it; the lists' actions send it along and get it back). A field
  // merely focused, as the desk form's first one is all day, does not stop the lists: the
  // refresh replaces them alone, and htmx gives the focus back to a field of theirs.
  var TYPING_PAUSE = 5000;
  var lastTyped = 0;

  document.addEventListener("input", function (event) {
    if (event.target.closest("form")) { lastTyped = Date.now(); }
  });

  function typing() {
    var holding = Array.prototype.some.call(
      document.querySelectorAll("[data-live-refresh] input[type=text], [data-live-refresh] textarea"),
      function (field) { return field.value !== ""; }
    );
    return holding || Date.now() - lastTyped < TYPING_PAUSE;
  }

  if (window.htmx) {
    window.htmx.onLoad(enhance);
    document.body.addEventListener("htmx:beforeRequest", function (event) {
      if (event.detail.elt.hasAttribute("data-live-refresh") && typing()) {
        event.preventDefault();
      }
    });
    // After the desk form is sent, the next patron's entry starts at its first field.
    document.body.addEventListener("htmx:afterSwap", function (event) {
      var first = event.detail.target.querySelector("[autofocus]");
      if (event.detail.target.id === "log-form" && first) { first.focus(); }
    });
  } else {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  }
})();
