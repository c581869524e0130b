"""Retention removes the person, not just the name field (issue 10). Each kind of record is
built through the real services with its whole timeline, every free text mentioning the
patron (by name, as "Ms Quist", by e-mail in a sentence, by phone and card number); after
`manage.py deidentify` no text column of any table holds any of them, except the patron's
own registration record (roles.md: a record loses the LINK to the patron; the patron's
record is not a record of an interaction) and never the access record, which holds no
content by design."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from desk.models import Callback
from desk.services import callbacks
from feedback.models import CommentCard, Complaint, PurchaseSuggestion, ReviewRequest
from feedback.services import cards, complaints, reviews, suggestions
from interactions.models import Interaction
from interactions.services import interaction_log
from interactions.tests.factories import InteractionKindFactory
from patrons.models import Patron
from staff.models import AccessRecord, LibrarySettings

FIRST, LAST = "Ottoline", "Quist"
EMAIL = "o.quist@example.net"
PHONE = "555-0147"
CARD = "29900011122233"
TRACES = (FIRST, LAST, EMAIL, PHONE, CARD)
# Free text as staff and patrons write it: the name in odd forms, the e-mail in a sentence.
ABOUT = f"Ms Quist (card {CARD}) rang from {PHONE}; write to her at {EMAIL} please."

TEXT_TYPES = {"CharField", "TextField", "EmailField", "SlugField", "URLField"}


@pytest.fixture
def patron(main_branch):
    return Patron.objects.create(
        card_number=CARD, first_name=FIRST, last_name=LAST, email=EMAIL, phone=PHONE,
        address="7 Quist Row", home_branch=main_branch,
    )


def interaction(patron, *, desk, reference_desk):
    record, _ = interaction_log(
        by=desk, service_point=reference_desk, kind=InteractionKindFactory(), patron=patron,
        note=f"{FIRST} {LAST} asked about large print. {ABOUT}",
    )
    return record


def complaint(patron, *, desk, director, reference_desk):
    record = complaints.complaint_take(
        by=desk, service_point=reference_desk, patron=patron, contact_name=f"{FIRST} {LAST}",
        contact_email=EMAIL, contact_phone=PHONE, contact_address="7 Quist Row", wants_reply=True,
        what_happened=f"Ms Quist was refused a room. {ABOUT}", staff_involved=f"whoever served Ms {LAST}",
        desired_outcome=f"{FIRST} wants an apology sent to {EMAIL}.", policy_reference="Meeting rooms",
    )
    for step in ("acknowledge", "start"):
        getattr(complaints, f"complaint_{step}")(
            complaint=record, by=director, version=record.version, note=f"{step}: {ABOUT}"
        )
    complaints.complaint_respond(complaint=record, by=director, version=record.version, response=f"Dear Ms {LAST}, sorry.")
    complaints.complaint_reply(complaint=record, by=director, version=record.version, channel="email")
    complaints.complaint_escalate(complaint=record, by=director, version=record.version, reason=f"Ms {LAST} insists. {ABOUT}")
    complaints.complaint_decide(
        complaint=record, by=director, version=record.version, decision=f"Apologise to {FIRST}.", note=ABOUT
    )
    complaints.complaint_close(complaint=record, by=director, version=record.version, note=f"Closed; {LAST} told.")
    return record


def review(patron, *, desk, desk2, supervisor, director, main_branch):
    record = reviews.review_take(
        by=desk, branch=main_branch, title="The Quiet Book", creator="A. Writer", format="book",
        patron=patron, requester_name=f"{FIRST} {LAST}", requester_email=EMAIL, requester_phone=PHONE,
        requester_address="7 Quist Row", represents="group", group_name=f"Friends of {LAST}",
        concern=f"Ms Quist finds it unsuitable. {ABOUT}", concern_location=f"page 3, says {FIRST}",
        whole_item="yes", effect=f"{LAST}'s children were upset.", aware_of_reviews=f"none, per {EMAIL}",
        requested_action="other", requested_action_other=f"ask {FIRST} first", alternative_title=f"{LAST}'s pick",
        note=ABOUT,
    )
    reviews.review_acknowledge(
        review=record, by=director, version=record.version, channel="email", body=f"Dear Ms {LAST}, we have it.", note=ABOUT
    )
    reviews.review_assign_committee(
        review=record, by=director, version=record.version, reviewers=[desk, desk2, supervisor], chair=director, note=ABOUT
    )
    for row in record.reviewers.all():
        reviews.review_recommend(
            reviewer=row, by=row.reviewer, version=row.version, read_whole_item=True, consulted_reviews=True,
            recommendation="retain", comments=f"Ms {LAST} has a point. {ABOUT}",
        )
    record.refresh_from_db()
    reviews.review_decide(
        review=record, by=director, version=record.version, decision="retain", reasons=f"As told to {FIRST}.", note=ABOUT
    )
    reviews.review_send_decision(
        review=record, by=director, version=record.version, channel="email", body=f"Dear Ms {LAST}, we keep it.", note=ABOUT
    )
    reviews.review_appeal(review=record, by=director, version=record.version, reasons=f"Ms {LAST} appeals. {ABOUT}", note=ABOUT)
    reviews.review_decide_appeal(
        review=record, by=director, version=record.version, decision="retain", reasons=f"Upheld, {FIRST}.", note=ABOUT
    )
    reviews.review_send_appeal_decision(
        review=record, by=director, version=record.version, channel="email", body=f"Dear Ms {LAST}, upheld.", note=ABOUT
    )
    reviews.review_close(review=record, by=director, version=record.version, board_note=f"{LAST} may go on.", note=ABOUT)
    return record


def card(*, director, main_branch):
    record = cards.card_receive(
        branch=main_branch, kind="complaint", comment=f"I am Ms Quist. {ABOUT}", name=f"{FIRST} {LAST}",
        contact=EMAIL, wants_reply=True, address="10.0.0.7",
    )
    cards.card_thank(card=record, by=director, version=record.version, note=ABOUT)
    cards.card_act(card=record, by=director, version=record.version, note=f"Call {LAST} back.")
    cards.card_reply(
        card=record, by=director, version=record.version, channel="email", body=f"Dear Ms {LAST}, thanks.", note=ABOUT
    )
    cards.card_close(card=record, by=director, version=record.version, note=f"Done with {FIRST}.")
    return record


def suggestion(patron, *, desk, director, main_branch):
    record = suggestions.suggestion_take(
        by=desk, branch=main_branch, title="Quiet Waters", creator="B. Author", patron=patron,
        contact_name=f"{FIRST} {LAST}", contact=EMAIL, tell_by="email",
    )
    return suggestions.suggestion_decide(
        suggestion=record, by=director, version=record.version, status="declined",
        reason=f"Out of print, Ms {LAST}; {ABOUT}",
    )


def callback(*, desk, director, reference_desk):
    record = callbacks.callback_schedule(
        by=desk, service_point=reference_desk, caller_name=f"{FIRST} {LAST}", caller_phone=PHONE,
        need=f"Ms Quist wants the tax forms. {ABOUT}",
    )
    callbacks.callback_no_answer(callback=record, by=desk, version=record.version, note=f"{LAST}'s line busy.")
    callbacks.callback_done(
        callback=record, by=director, version=record.version, result=f"Told {FIRST} they are in.", kind=InteractionKindFactory()
    )
    return record


@pytest.fixture
def records(patron, desk, desk2, supervisor, director, main_branch, reference_desk):
    # Old enough at once: no period to wait out, every record past it.
    library = LibrarySettings.current()
    library.retention_days = library.feedback_retention_days = 0
    library.save()
    return {
        Interaction: interaction(patron, desk=desk, reference_desk=reference_desk),
        Complaint: complaint(patron, desk=desk, director=director, reference_desk=reference_desk),
        ReviewRequest: review(
            patron, desk=desk, desk2=desk2, supervisor=supervisor, director=director, main_branch=main_branch
        ),
        CommentCard: card(director=director, main_branch=main_branch),
        PurchaseSuggestion: suggestion(patron, desk=desk, director=director, main_branch=main_branch),
        Callback: callback(desk=desk, director=director, reference_desk=reference_desk),
    }


def text_columns():
    """Every char and text column of every table of the database, as the database says."""
    introspection = connection.introspection
    with connection.cursor() as cursor:
        for table in introspection.table_names(cursor):
            for column in introspection.get_table_description(cursor, table):
                if introspection.get_field_type(column.type_code, column) in TEXT_TYPES:
                    yield table, column.name


def traces() -> dict[str, set[str]]:
    """Where each trace of the patron is found: {table.column: {trace, ...}}, case-insensitive."""
    found = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, column in text_columns():
            for trace in TRACES:
                cursor.execute(
                    f"SELECT 1 FROM {quote(table)} WHERE UPPER({quote(column)}) LIKE UPPER(%s)", [f"%{trace}%"]
                )
                if cursor.fetchone():
                    found.setdefault(f"{table}.{column}", set()).add(trace)
    return found


def run(*args) -> str:
    out = StringIO()
    call_command("deidentify", *args, stdout=out)
    return out.getvalue()


def tables(found) -> set[str]:
    return {place.split(".")[0] for place in found}


def test_the_search_sees_every_record_and_its_timeline_before(records):
    before = tables(traces())
    for model in ("interactions_interaction", "feedback_complaint", "feedback_complaintstep", "feedback_reply",
                  "feedback_reviewrequest", "feedback_reviewstep", "feedback_reviewer", "feedback_commentcard",
                  "feedback_commentcardstep", "feedback_purchasesuggestion", "desk_callback", "desk_callbackstep", Patron._meta.db_table):
        assert model in before


def test_a_dry_run_leaves_every_trace(records):
    before = traces()
    run("--dry-run")
    assert traces() == before


def test_after_deidentify_no_text_column_but_the_patrons_own_holds_a_trace(records):
    output = run()
    found = traces()
    assert tables(found) == {Patron._meta.db_table}, found
    assert "1 interactions lost" in output and "1 lost the requester's identity" in output


def test_the_access_record_holds_no_content_before_or_after(records):
    assert AccessRecord._meta.db_table not in tables(traces())
    run()
    assert AccessRecord.objects.filter(action=AccessRecord.Action.DEIDENTIFY).exists()
    assert AccessRecord._meta.db_table not in tables(traces())


def test_each_record_keeps_its_statistical_part_and_says_when(records):
    kept = {model: (record.status if hasattr(record, "status") else record.outcome) for model, record in records.items()}
    run()
    for model, record in records.items():
        fresh = model.objects.get(pk=record.pk)
        assert fresh.deidentified_at is not None
        assert getattr(fresh, "patron_id", None) is None
        assert (fresh.status if hasattr(fresh, "status") else fresh.outcome) == kept[model]
    assert Complaint.objects.get().policy_reference == "Meeting rooms"
    assert ReviewRequest.objects.get().title == "The Quiet Book"
    assert PurchaseSuggestion.objects.get().title == "Quiet Waters"
