"""The URL matrix's table (servicedesk/tests/test_url_matrix.py walks it): for every named URL,
which record its arguments name and what each persona gets to a GET (EXPECTED) and to a POST
sent with nothing but the record's version (EXPECTED_POST), as roles.md says. A new URL gets
its rows here."""

PERSONAS = ["anonymous", "desk", "desk2", "eastdesk", "supervisor", "director", "itadmin"]


def row(anonymous, desk, desk2, eastdesk, supervisor, director, itadmin):
    return dict(zip(PERSONAS, [anonymous, desk, desk2, eastdesk, supervisor, director, itadmin]))


SERVING = row(302, 200, 200, 200, 200, 200, 403)  # a page for everyone who serves patrons
POST_ONLY = row(302, 405, 405, 405, 405, 405, 405)  # a console action: GET is refused

# url name -> (which record its arguments name, expected status of a GET by each persona).
# The record is the interaction `desk` logged today at Main's reference desk, a patron of
# Main, or a kind of interaction.
EXPECTED = {
    "home": (None, row(302, 302, 302, 302, 302, 302, 302)),
    "healthz": (None, row(200, 200, 200, 200, 200, 200, 200)),
    # What browsers ask for on every page, the admin's too: a redirect to the static icon.
    "favicon": (None, row(302, 302, 302, 302, 302, 302, 302)),
    "login": (None, row(200, 302, 302, 302, 302, 302, 302)),
    "logout": (None, row(302, 405, 405, 405, 405, 405, 405)),
    # The idle warning's button: a POST for everyone signed in.
    "stay_signed_in": (None, row(302, 405, 405, 405, 405, 405, 405)),
    "password_change": (None, row(302, 200, 200, 200, 200, 200, 200)),
    "password_change_done": (None, row(302, 200, 200, 200, 200, 200, 200)),
    "locked_accounts": (None, row(302, 403, 403, 403, 200, 200, 200)),
    "unlock_account": ("lockout", row(302, 403, 403, 403, 405, 405, 405)),
    # Role grants of Supervisor or Director wait for a Director (four eyes): the Director's page.
    "role_grants": (None, row(302, 403, 403, 403, 403, 200, 403)),
    "role_grant_decide": ("role_grant", row(302, 403, 403, 403, 403, 405, 403)),
    "choose_service_point": (None, SERVING),
    "retention": (None, row(302, 403, 403, 403, 403, 200, 403)),
    "access_record": (None, row(302, 403, 403, 403, 200, 200, 200)),
    "access_record_export": (None, row(302, 403, 403, 403, 200, 200, 200)),
    # Every e-mail sent: supervisors (own branch), the Director and the Administrator (no addresses).
    "outbox": (None, row(302, 403, 403, 403, 200, 200, 200)),
    # A failed message about a record of Main.
    "outbox_retry": ("outbox_message", row(302, 403, 403, 403, 405, 405, 405)),
    "interactions:desk": (None, SERVING),
    # The console's live lists, refreshed by htmx.
    "desk:live": (None, SERVING),
    # Shifts and handover notes at the chosen service point; the coverage board of Main for its
    # supervisor and the Director.
    "desk:sign_off": (None, POST_ONLY),
    "desk:coverage": (None, row(302, 403, 403, 403, 200, 200, 403)),
    "desk:handover_new": (None, SERVING),
    "desk:handover_dismiss": ("handover_note", POST_ONLY),
    # The waiting list of Main's reference desk: someone `desk` added.
    "desk:waiting_add": (None, POST_ONLY),
    "desk:waiting_acknowledge": ("waiting", POST_ONLY),
    "desk:waiting_serve": ("waiting", POST_ONLY),
    "desk:waiting_left": ("waiting", POST_ONLY),
    # The expertise directory: everyone who serves patrons; departments and partner libraries
    # are kept by supervisors (own branch) and the Director.
    "desk:directory": (None, SERVING),
    "desk:directory_me": (None, SERVING),
    "desk:directory_place_new": (None, row(302, 403, 403, 403, 200, 200, 403)),
    "desk:directory_place_edit": ("department", row(302, 403, 403, 403, 200, 200, 403)),
    # A question `desk` referred at Main to `desk2`: both of them, Main's supervisor and the
    # Director see it; answering is desk2's, passing it on desk2's, the supervisor's and the Director's.
    "desk:referrals": (None, SERVING),
    "desk:referral_new": (None, SERVING),
    "desk:referral": ("referral", row(302, 200, 200, 404, 200, 200, 403)),
    "desk:referral_answer": ("referral", POST_ONLY),
    "desk:referral_pass_on": ("referral", POST_ONLY),
    "interactions:log": (None, POST_ONLY),
    "interactions:quick_log": ("kind", POST_ONLY),
    "interactions:repeat_last": (None, POST_ONLY),
    "interactions:close_desk": (None, POST_ONLY),
    "interactions:undo": ("interaction", POST_ONLY),
    # Today's log of own branch for desk staff; another branch's record is not there (404).
    "interactions:detail": ("interaction", row(302, 200, 200, 404, 200, 200, 403)),
    "interactions:void": ("interaction", POST_ONLY),
    # A patron's interaction history: supervisors (own branch) and the Director (roles.md).
    "interactions:patron_history": ("patron", row(302, 403, 403, 403, 200, 200, 403)),
    "patrons:lookup": (None, SERVING),
    "patrons:register": (None, SERVING),
    "patrons:detail": ("patron", SERVING),
    "patrons:edit": ("patron", SERVING),
    # The Customer Service Policy the app installs, and its version 1. Publishing is the Director's
    # (or a delegate's: none here); who has read it, supervisors' and the Director's.
    "policy:library": (None, SERVING),
    "policy:detail": ("policy", SERVING),
    "policy:version": ("policy_version", SERVING),
    "policy:acknowledge": ("policy", POST_ONLY),
    "policy:publish": ("policy", row(302, 403, 403, 403, 403, 200, 403)),
    "policy:acknowledgments": ("policy", row(302, 403, 403, 403, 200, 200, 403)),
    "policy:publishers": (None, row(302, 403, 403, 403, 403, 200, 403)),
    # The checklists' items are the Director's to edit; follow-through is for supervisors
    # (own branch) and the Director.
    "policy:checklists": (None, row(302, 403, 403, 403, 403, 200, 403)),
    "policy:follow_through": (None, row(302, 403, 403, 403, 200, 200, 403)),
    # A complaint `desk` took at Main's reference desk: its taker, Main's supervisor and the
    # Director see it; working on it is for supervisors and the Director, deciding for the Director.
    "complaints:queue": (None, SERVING),
    "complaints:take": (None, SERVING),
    "complaints:escalated": (None, row(302, 403, 403, 403, 403, 200, 403)),
    "complaints:detail": ("complaint", row(302, 200, 404, 404, 200, 200, 403)),
    "complaints:letter": ("complaint", row(302, 403, 403, 403, 200, 200, 403)),
    "complaints:acknowledge": ("complaint", POST_ONLY),
    "complaints:assign": ("complaint", POST_ONLY),
    "complaints:start": ("complaint", POST_ONLY),
    "complaints:resolve": ("complaint", POST_ONLY),
    "complaints:escalate": ("complaint", POST_ONLY),
    "complaints:decide": ("complaint", POST_ONLY),
    "complaints:close": ("complaint", POST_ONLY),
    "complaints:reopen": ("complaint", POST_ONLY),
    "complaints:respond": ("complaint", POST_ONLY),
    "complaints:handled": ("complaint", POST_ONLY),
    # A collection-review request `desk` took at Main: its taker, Main's supervisor and the
    # Director. The public list of decisions (and a published decision) needs no sign-in.
    "reviews:queue": (None, SERVING),
    "reviews:new": (None, SERVING),
    "reviews:detail": ("review", row(302, 200, 404, 404, 200, 200, 403)),
    "reviews:copy": ("review", row(302, 200, 404, 404, 200, 200, 403)),
    "reviews:letter": ("review", row(302, 200, 404, 404, 200, 200, 403)),
    "reviews:acknowledge": ("review", POST_ONLY),
    "reviews:assign_committee": ("review", POST_ONLY),
    "reviews:recommend": ("review", POST_ONLY),
    "reviews:decide": ("review", POST_ONLY),
    "reviews:send_decision": ("review", POST_ONLY),
    "reviews:appeal": ("review", POST_ONLY),
    "reviews:decide_appeal": ("review", POST_ONLY),
    "reviews:send_appeal_decision": ("review", POST_ONLY),
    "reviews:close": ("review", POST_ONLY),
    "reviews:publish": ("review", POST_ONLY),
    "reviews:decisions": (None, row(200, 200, 200, 200, 200, 200, 200)),
    "reviews:decision": ("published_review", row(200, 200, 200, 200, 200, 200, 200)),
    # The comment-card kiosk needs no sign-in. A card typed in by `desk` at Main: desk staff
    # see the cards they typed in; triage is for Main's supervisor and the Director.
    "cards:kiosk": (None, row(200, 200, 200, 200, 200, 200, 200)),
    "cards:kiosk_thanks": (None, row(200, 200, 200, 200, 200, 200, 200)),
    "cards:queue": (None, SERVING),
    "cards:new": (None, SERVING),
    "cards:detail": ("card", row(302, 200, 404, 404, 200, 200, 403)),
    "cards:thank": ("card", POST_ONLY),
    "cards:act": ("card", POST_ONLY),
    "cards:reply": ("card", POST_ONLY),
    "cards:to_complaint": ("card", POST_ONLY),
    "cards:to_suggestion": ("card", POST_ONLY),
    "cards:close": ("card", POST_ONLY),
    # A purchase suggestion `desk` took at Main.
    "suggestions:list": (None, SERVING),
    "suggestions:new": (None, SERVING),
    "suggestions:detail": ("suggestion", row(302, 200, 404, 404, 200, 200, 403)),
    # Reports (counts, no identities) for everyone who serves patrons, each in their own scope;
    # a CSV of one of its tables likewise (reports/tests/test_scope.py checks the numbers).
    "reports:index": (None, SERVING),
    "reports:export": ("report_table", SERVING),
    # The board's monthly summary speaks for a branch or the library: supervisors and the Director.
    "reports:board": (None, row(302, 403, 403, 403, 200, 200, 403)),
    # A branch's day, where supervisors and the Director land: Main's for its supervisor, every
    # branch's for the Director; desk staff land on the console instead (reports/tests/test_today.py).
    "reports:today": (None, row(302, 403, 403, 403, 200, 200, 403)),
    "suggestions:decide": ("suggestion", POST_ONLY),
    # Phone callbacks: a callback `desk` took at Main's reference desk is the branch's desk's
    # (any of its staff calls back), its supervisor's and the Director's.
    "desk:callbacks": (None, SERVING),
    "desk:callback_new": (None, SERVING),
    "desk:callback_detail": ("callback", row(302, 200, 200, 404, 200, 200, 403)),
    "desk:callback_done": ("callback", POST_ONLY),
    "desk:callback_no_answer": ("callback", POST_ONLY),
    "desk:callback_change": ("callback", POST_ONLY),
    "desk:callback_cancel": ("callback", POST_ONLY),
}


# A POST, sent with the record's version and nothing else, of each URL that takes one:
# 302 or 200 where the person may act and the step needs nothing more, 422 where the form
# needs more; 403 for a section outside the role; 404 for a record outside the person's scope,
# or one they see but may not act on. The test client does not check CSRF tokens
# (servicedesk/tests/test_csrf.py does).
FORM = row(302, 422, 422, 422, 422, 422, 403)  # a form for everyone who serves patrons, sent empty
CONSOLE = row(302, 302, 302, 302, 302, 302, 403)  # a console action at the chosen service point


def working(supervisor, director):
    """A step on `desk`'s complaint or card: desk staff are outside the section (403)."""
    return row(302, 403, 403, 403, supervisor, director, 403)


def review_step(supervisor, director):
    """A step on `desk`'s review: for desk staff, a request they see or not, never theirs to act on (404)."""
    return row(302, 404, 404, 404, supervisor, director, 403)


EXPECTED_POST = {
    "login": row(200, 302, 302, 302, 302, 302, 302),
    "logout": row(302, 302, 302, 302, 302, 302, 302),
    "stay_signed_in": row(302, 204, 204, 204, 204, 204, 204),
    "password_change": row(302, 200, 200, 200, 200, 200, 200),
    "unlock_account": row(302, 403, 403, 403, 302, 302, 302),
    "outbox_retry": row(302, 403, 403, 403, 302, 302, 302),
    # Sent without a decision (confirm or refuse): the Director's bad input.
    "role_grant_decide": row(302, 403, 403, 403, 403, 422, 403),
    "choose_service_point": FORM,
    "retention": row(302, 403, 403, 403, 403, 422, 403),
    # Sent empty, an addition is refused on the console (302, with what to type).
    "desk:waiting_add": CONSOLE,
    # Everyone serving at Main keeps its desks' lists; Eastside's staff find nothing there.
    "desk:waiting_acknowledge": row(302, 302, 302, 404, 302, 302, 403),
    "desk:waiting_serve": row(302, 302, 302, 404, 302, 302, 403),
    "desk:waiting_left": row(302, 302, 302, 404, 302, 302, 403),
    "interactions:log": FORM,
    # An empty entry is a valid one: no subjects yet.
    "desk:directory_me": row(302, 302, 302, 302, 302, 302, 403),
    "desk:directory_place_new": row(302, 403, 403, 403, 422, 422, 403),
    "desk:directory_place_edit": row(302, 403, 403, 403, 422, 422, 403),
    "desk:referral_new": FORM,
    # Sent without an answer: bad input for desk2; a step that is not theirs for the others (404).
    "desk:referral_answer": row(302, 404, 422, 404, 404, 404, 403),
    "desk:referral_pass_on": row(302, 404, 422, 404, 422, 422, 403),
    "interactions:quick_log": CONSOLE,
    "interactions:repeat_last": CONSOLE,
    "interactions:close_desk": CONSOLE,
    "desk:sign_off": CONSOLE,
    "desk:handover_new": FORM,
    # A note at Main's reference desk: Eastside's desk staff do not see it (404).
    "desk:handover_dismiss": row(302, 302, 302, 404, 302, 302, 403),
    # Only its author undoes it; Main's supervisor and the Director see it but may not (404).
    "interactions:undo": row(302, 302, 404, 404, 404, 404, 403),
    "interactions:detail": row(302, 422, 404, 404, 422, 422, 403),
    # Supervisors and the Director void with a reason: sent without one, their bad input.
    "interactions:void": row(302, 403, 403, 403, 422, 422, 403),
    "patrons:lookup": FORM,
    "patrons:register": FORM,
    # Desk staff (and supervisors of other branches) update with the patron present: an update
    # sent without the proof their card gives is refused (patrons/presence.py).
    "patrons:edit": row(302, 403, 403, 403, 422, 422, 403),
    "policy:acknowledge": CONSOLE,
    "policy:publish": row(302, 403, 403, 403, 403, 422, 403),
    "policy:publishers": row(302, 403, 403, 403, 403, 422, 403),
    "policy:checklists": row(302, 403, 403, 403, 403, 200, 403),
    "complaints:take": FORM,
    "complaints:acknowledge": working(302, 302),
    "complaints:assign": working(422, 422),
    "complaints:start": working(422, 422),
    "complaints:resolve": working(422, 422),
    "complaints:escalate": working(422, 422),
    "complaints:decide": working(403, 422),
    "complaints:close": working(422, 422),
    "complaints:reopen": working(422, 422),
    "complaints:respond": working(302, 302),
    "complaints:handled": working(302, 302),
    "reviews:new": row(302, 422, 422, 422, 422, 422, 403),
    "reviews:acknowledge": review_step(422, 422),
    "reviews:assign_committee": review_step(422, 422),
    "reviews:decide": review_step(404, 422),
    "reviews:send_decision": review_step(422, 422),
    "reviews:appeal": review_step(422, 422),
    "reviews:decide_appeal": review_step(404, 422),
    "reviews:send_appeal_decision": review_step(422, 422),
    "reviews:close": review_step(422, 422),
    "reviews:publish": review_step(404, 422),
    # Nobody here sits on its committee.
    "reviews:recommend": review_step(404, 404),
    # Not taken: back to the card with what was typed (POST/redirect/GET).
    "cards:kiosk": row(302, 302, 302, 302, 302, 302, 302),
    "cards:new": FORM,
    "cards:thank": working(302, 302),
    "cards:act": working(302, 302),
    "cards:reply": working(422, 422),
    "cards:to_complaint": working(302, 302),
    "cards:to_suggestion": working(422, 422),
    "cards:close": working(302, 302),
    "suggestions:new": FORM,
    "suggestions:decide": working(422, 422),
    "desk:callback_new": FORM,
    # A step on `desk`'s callback at Main: Main's desk acts (a call without an answer needs
    # nothing more; the others need their form); Eastside does not see it (404).
    "desk:callback_done": row(302, 422, 422, 404, 422, 422, 403),
    "desk:callback_no_answer": row(302, 302, 302, 404, 302, 302, 403),
    "desk:callback_change": row(302, 422, 422, 404, 422, 422, 403),
    "desk:callback_cancel": row(302, 422, 422, 404, 422, 422, 403),
}
