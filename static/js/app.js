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
  // for a call, "exact_time" (the time typed) when "When" says so.
  function applies(form, condition) {
    if (condition === "needs_alternative") {
      var outcome = form.querySelector("[name=outcome]");
      return !!outcome && NEEDS_ALTERNATIVE.indexOf(outcome.value) !== -1;
    }
    if (condition === "phone") {
      var channel = form.querySelector("[name=channel]:checked");
      return !!channel && channel.value === "phone";
    }
    if (condition === "exact_time") {
      var when = form.querySelector("[name=when]");
      return !when || when.value === "exact";
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

  // Drafts: a form marked data-draft="name" (the desk form, a complaint, a card, a review
  // request, a suggestion, a callback, a referral, a handover note) keeps what is typed in
  // this tab's session storage, so that signing
  // in again after an idle sign-out brings it back. The key holds the user's id, so a
  // colleague signing in at the same terminal never sees it, and signing out clears every
  // draft.
  // Nor what the page offered as it was shown ("initial-" fields: the desk form's minute):
  // the restored page offers its own, so a drafted time stays the time it was typed.
  var NOT_DRAFTED = ["csrfmiddlewaretoken", "submission_key", "version"];
  // A form sent the ordinary way (not by htmx) leaves a "sent" mark: on the next page the send
  // got through (saved, or back with the server's messages and the text), unless that page
  // is the sign-in page, where an idle sign-out turned it away and the draft must stay.
  var SENT = "sent:";

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

  function settleSentDrafts() {
    var signingIn = !!document.querySelector("form[data-sign-in]");
    Object.keys(window.sessionStorage).forEach(function (key) {
      if (key.indexOf(SENT) !== 0) { return; }
      window.sessionStorage.removeItem(key);
      if (!signingIn) { window.sessionStorage.removeItem(key.slice(SENT.length)); }
    });
  }

  function keepDrafts(root, firstLoad) {
    root.querySelectorAll("form[data-draft]").forEach(function (form) {
      var invalid = !!form.querySelector(".is-invalid");
      if (firstLoad && invalid) {
        // Back from the server with its messages: the page holds what was typed.
        saveDraft(form);
      } else if (firstLoad) {
        restoreDraft(form);
      } else if (!invalid) {
        // A fresh form after a successful send: the draft has been logged.
        window.sessionStorage.removeItem(draftKey(form));
      }
      form.addEventListener("input", function () { saveDraft(form); });
      form.addEventListener("change", function () { saveDraft(form); });
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches("form[data-sign-out]")) { window.sessionStorage.clear(); }
    if (form.matches("form[data-draft]") && !form.hasAttribute("hx-post")) {
      saveDraft(form);
      window.sessionStorage.setItem(SENT + draftKey(form), "1");
    }
  });

  // The kiosk's thank-you page (data-return-to) goes back to a blank card for the next patron
  // after data-return-after seconds, unless the patron chooses to stay.
  function returnToBlankCard(root) {
    root.querySelectorAll("[data-return-to]").forEach(function (notice) {
      var timer = window.setTimeout(function () {
        window.location.assign(notice.getAttribute("data-return-to"));
      }, parseInt(notice.getAttribute("data-return-after"), 10) * 1000);
      notice.classList.remove("d-none");
      notice.querySelector("[data-stay]").addEventListener("click", function () {
        window.clearTimeout(timer);
        notice.remove();
      });
    });
  }

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

  // Dialogs (<dialog>): a button marked data-opens="<id>" opens one as a modal, which holds
  // the focus and closes with Esc or its data-closes-dialog button; the focus then returns to
  // where it was before.
  function openDialog(dialog) {
    if (dialog.open) { return; }
    dialog.returnFocusTo = document.activeElement;
    dialog.showModal();
  }

  document.addEventListener("click", function (event) {
    var opener = event.target.closest("[data-opens]");
    if (opener) { openDialog(document.getElementById(opener.getAttribute("data-opens"))); }
    var closer = event.target.closest("[data-closes-dialog]");
    if (closer) { closer.closest("dialog").close(); }
  });

  document.addEventListener("close", function (event) {
    var back = event.target.returnFocusTo;
    if (back && document.contains(back)) { back.focus(); }
  }, true);

  // Keyboard shortcuts (listed by templates/interactions/_shortcuts.html): Alt+Shift and the key
  // of an element marked data-shortcut="<key>" clicks it (or, with data-shortcut-focus="<id>",
  // moves the focus there) from anywhere, also from inside a field; the focus stays where it
  // was. event.code names the key itself, whatever Shift or a Mac's Option make it type.
  // "?" opens the list when the focus is not in a text field.
  function inTextField() {
    var active = document.activeElement;
    return !!active && (active.isContentEditable || active.matches("textarea, select, input:not([type=button]):not([type=submit]):not([type=checkbox]):not([type=radio])"));
  }

  function shortcutKey(event) {
    if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) { return null; }
    var match = /^(?:Digit|Key)([0-9A-Z])$/.exec(event.code);
    return match ? match[1].toLowerCase() : null;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || document.querySelector("dialog[open]")) { return; }
    var key = shortcutKey(event);
    if (!key && event.key === "?" && !event.ctrlKey && !event.metaKey && !event.altKey && !inTextField()) { key = "h"; }
    var target = key && document.querySelector('[data-shortcut="' + key + '"]');
    if (!target || target.disabled) { return; }
    event.preventDefault();
    var focus = target.getAttribute("data-shortcut-focus");
    if (focus) {
      document.getElementById(focus).focus();
    } else {
      target.click();
    }
  });

  // After a one-click log (or repeat, or undo) the buttons are drawn anew: the focus goes back
  // to the button pressed, or to the first button when that one is gone (the undone entry's).
  // (Other swaps, the live lists', may settle first: only the buttons' own new section counts.)
  var focusAfterSwap = null;
  var sectionSent = null;

  document.addEventListener("submit", function (event) {
    var active = document.activeElement;
    var section = event.target.closest("#quick-log");
    if (section && active && active.id && section.contains(active)) {
      focusAfterSwap = active.id;
      sectionSent = section;
    }
  }, true);

  function restoreFocusAfterSwap() {
    var section = document.getElementById("quick-log");
    if (!focusAfterSwap || !section || section === sectionSent) { return; }
    var element = document.getElementById(focusAfterSwap);
    focusAfterSwap = null;
    sectionSent = null;
    if (!element || element.disabled) { element = document.querySelector("#quick-log .quick-log-button"); }
    if (element) { element.focus(); }
  }

  // Before an idle sign-out (staff.middleware.SessionLimitsMiddleware): a warning, two minutes
  // ahead (half the time, for a shorter one), whose button alone keeps the session (the live lists' refresh does not: it is marked
  // as a background request). The clock restarts with every request the person makes. When
  // the time is up the page is asked for again, and the server signs the person out; drafts
  // are already kept.
  var IDLE_WARNING_SECONDS = 120;
  var idleTimers = [];

  function idleSeconds() { return parseInt(document.body.getAttribute("data-idle-seconds"), 10); }

  function warningSeconds() { return Math.min(IDLE_WARNING_SECONDS, Math.floor(idleSeconds() / 2)); }

  function minutesAndSeconds(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes ? minutes + " min " + (rest < 10 ? "0" : "") + rest + " s" : rest + " seconds";
  }

  function warnBeforeSignOut() {
    var dialog = document.getElementById("idle-warning");
    var countdown = dialog.querySelector("[data-idle-countdown]");
    var signOutAt = Date.now() + warningSeconds() * 1000;
    var tick = function () {
      var left = Math.max(Math.round((signOutAt - Date.now()) / 1000), 0);
      countdown.textContent = minutesAndSeconds(left);
      if (left <= 0) { window.location.assign(window.location.href); }
    };
    tick();
    openDialog(dialog);
    idleTimers.push(window.setInterval(tick, 1000));
  }

  function restartIdleClock() {
    var dialog = document.getElementById("idle-warning");
    if (!dialog || !idleSeconds()) { return; }
    idleTimers.forEach(function (timer) { window.clearTimeout(timer); window.clearInterval(timer); });
    idleTimers = [window.setTimeout(warnBeforeSignOut, (idleSeconds() - warningSeconds()) * 1000)];
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-stay-signed-in]")) { return; }
    event.preventDefault();
    window.fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { window.location.assign(window.location.href); return; }
      form.closest("dialog").close();
      restartIdleClock();
    });
  });

  var pageLoaded = false;

  function enhance(root) {
    if (!pageLoaded) { settleSentDrafts(); }
    expireLater(root);
    returnToBlankCard(root);
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

  restartIdleClock();

  var failure = null;

  function requestFailed(event, message) {
    if (event.detail.requestConfig.headers["X-Background-Refresh"]) { return; }
    if (!failure) {
      failure = document.createElement("div");
      failure.className = "alert alert-danger";
      failure.setAttribute("role", "alert");
      failure.id = "request-failed";
      (document.getElementById("main") || document.body).prepend(failure);
    }
    failure.textContent = message;
  }

  if (window.htmx) {
    window.htmx.onLoad(enhance);
    document.body.addEventListener("htmx:beforeRequest", function (event) {
      var background = event.detail.elt.hasAttribute("data-live-refresh");
      if (background && typing()) {
        event.preventDefault();
      } else if (!background) {
        restartIdleClock();
      }
    });
    // The live lists' refresh is not the person's activity: the session may still end.
    document.body.addEventListener("htmx:configRequest", function (event) {
      if (event.detail.elt.hasAttribute("data-live-refresh")) { event.detail.headers["X-Background-Refresh"] = "1"; }
    });
    // A refresh already on its way when the person began typing comes back too late to take
    // their text: its answer is dropped, and a later refresh brings the lists. (Known by its
    // header: an action's answer may name the lists as its element too.)
    document.body.addEventListener("htmx:beforeSwap", function (event) {
      if (event.detail.requestConfig.headers["X-Background-Refresh"] && typing()) {
        event.detail.shouldSwap = false;
      }
    });
    document.body.addEventListener("htmx:afterSettle", restoreFocusAfterSwap);
    // A click whose answer is an error page (the 503 while the database restarts) or never
    // comes (the network) would otherwise change nothing on screen, as if it had not been
    // taken. It says so; sending again is safe (submission keys). The next answer clears it.
    document.body.addEventListener("htmx:responseError", function (event) {
      var status = event.detail.xhr.status;
      requestFailed(event, status === 503
        ? "Not saved: the service desk could not reach its database for a moment. Try again in a few seconds."
        : "That did not go through (the server answered " + status + "). Try again, or reload the page.");
    });
    document.body.addEventListener("htmx:sendError", function (event) {
      requestFailed(event, "Not saved: the server could not be reached. Try again in a moment.");
    });
    document.body.addEventListener("htmx:afterRequest", function (event) {
      if (event.detail.successful && failure) { failure.remove(); failure = null; }
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
