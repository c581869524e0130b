"""Every page that shows a record's confidential part to anyone but its author writes exactly
one access-record entry, and the author's own view writes none (roles.md: "every read of a
confidential part by anyone other than its author" is recorded). A record outside the
person's scope answers 404, writes no read, and the attempt is recorded as refused."""

import pytest
from django.urls import reverse

from feedback.tests.factories import (
    CommentCardFactory,
    ComplaintFactory,
    PurchaseSuggestionFactory,
    ReviewRequestFactory,
    review_in,
)
from interactions.tests.factories import InteractionFactory
from patrons.tests.factories import PatronFactory
from staff.models import AccessRecord

Action = AccessRecord.Action
CARD_NUMBER, NAME = "29999000111", "Ottoline Frame"


def entries(record, action):
    return AccessRecord.objects.filter(record_type=record._meta.model_name, record_id=record.pk, action=action).count()


@pytest.fixture
def patron(main_branch):
    return PatronFactory(
        home_branch=main_branch, first_name="Ottoline", last_name="Frame", card_number=CARD_NUMBER, phone="555-0199"
    )


@pytest.fixture
def records(desk, reference_desk, main_branch, patron):
    """One record of each type, made by `desk` at Main, each with a patron or contact."""
    return {
        "interaction": InteractionFactory(service_point=reference_desk, staff=desk, patron=patron, note="war diaries"),
        "patron": patron,
        "complaint": ComplaintFactory(
            service_point=reference_desk, taken_by=desk, patron=patron, contact_name="", response="We are sorry."
        ),
        "review": ReviewRequestFactory(branch=main_branch, taken_by=desk, requester_name=NAME),
        "card": CommentCardFactory(branch=main_branch, source="paper", typed_in_by=desk, name=NAME),
        "suggestion": PurchaseSuggestionFactory(branch=main_branch, taken_by=desk, patron=patron),
    }


# (url name, record, action written, what the page shows of the confidential part)
PAGES = [
    ("interactions:detail", "interaction", Action.READ_CONFIDENTIAL, "war diaries"),
    ("patrons:edit", "patron", Action.READ_PATRON_DETAILS, "555-0199"),
    ("complaints:detail", "complaint", Action.READ_CONFIDENTIAL, NAME),
    ("complaints:letter", "complaint", Action.READ_CONFIDENTIAL, NAME),
    ("reviews:detail", "review", Action.READ_CONFIDENTIAL, NAME),
    ("reviews:copy", "review", Action.READ_CONFIDENTIAL, NAME),
    ("reviews:letter", "review", Action.READ_CONFIDENTIAL, NAME),
    ("cards:detail", "card", Action.READ_CONFIDENTIAL, NAME),
    ("suggestions:detail", "suggestion", Action.READ_CONFIDENTIAL, NAME),
]


@pytest.mark.parametrize("url_name, record, action, shown", PAGES, ids=[page[0] for page in PAGES])
def test_a_supervisor_reading_a_colleagues_record_writes_exactly_one_entry(
    supervisor_client, records, url_name, record, action, shown
):
    record = records[record]
    before = entries(record, action)
    response = supervisor_client.get(reverse(url_name, args=[record.pk]))
    assert response.status_code == 200 and shown in response.content.decode()
    assert entries(record, action) == before + 1


# The letter is for those who work on complaints; registration details have no author.
AUTHOR_PAGES = [page for page in PAGES if page[0] not in ("complaints:letter", "patrons:edit")]


@pytest.mark.parametrize("url_name, record, action, shown", AUTHOR_PAGES, ids=[page[0] for page in AUTHOR_PAGES])
def test_the_authors_own_view_writes_none(desk_client, records, url_name, record, action, shown):
    record = records[record]
    response = desk_client.get(reverse(url_name, args=[record.pk]))
    assert response.status_code == 200 and shown in response.content.decode()
    assert AccessRecord.objects.filter(action=action).count() == 0


def test_the_desks_update_page_is_a_recorded_read_of_the_registration_details(desk_client, patron):
    response = desk_client.post(reverse("patrons:edit", args=[patron.pk]), {"presented_card": patron.card_number})
    assert "555-0199" in response.content.decode()
    assert entries(patron, Action.READ_PATRON_DETAILS) == 1


def test_the_patron_page_records_the_supervisors_read_and_shows_the_desk_none(supervisor_client, desk_client, patron):
    assert "555-0199" not in desk_client.get(reverse("patrons:detail", args=[patron.pk])).content.decode()
    assert entries(patron, Action.READ_PATRON_DETAILS) == 0
    assert "555-0199" in supervisor_client.get(reverse("patrons:detail", args=[patron.pk])).content.decode()
    assert entries(patron, Action.READ_PATRON_DETAILS) == 1


# Out of scope: `eastdesk` works at another branch and made none of them.
OUT_OF_SCOPE = [
    "interactions:detail",
    "complaints:detail",
    "reviews:detail",
    "reviews:copy",
    "reviews:letter",
    "cards:detail",
    "suggestions:detail",
]


@pytest.mark.parametrize("url_name", OUT_OF_SCOPE)
def test_a_record_outside_scope_is_404_with_no_read_and_a_refusal(eastdesk_client, records, url_name):
    record = records[next(page[1] for page in PAGES if page[0] == url_name)]
    response = eastdesk_client.get(reverse(url_name, args=[record.pk]))
    assert response.status_code == 404
    assert NAME not in response.content.decode() and "war diaries" not in response.content.decode()
    assert entries(record, Action.READ_CONFIDENTIAL) == 0
    assert entries(record, Action.REFUSED) == 1


def test_a_committee_member_reads_the_concern_recorded_but_not_who_asked(
    desk2_client, desk2, desk, supervisor, director, main_branch
):
    review = review_in(
        "committee", by=director, taken_by=desk, branch=main_branch, reviewers=[desk2, supervisor, director],
        requester_name=NAME,
    )
    response = desk2_client.get(reverse("reviews:detail", args=[review.pk]))
    assert response.status_code == 200 and NAME not in response.content.decode()
    assert entries(review, Action.READ_CONFIDENTIAL) == 1
    assert desk2_client.get(reverse("reviews:copy", args=[review.pk])).status_code == 404


# From the desk: a purchase suggestion filled in from an interaction -------------------------

def test_a_supervisors_prefilled_suggestion_records_its_read(supervisor_client, records):
    interaction = records["interaction"]
    response = supervisor_client.get(reverse("suggestions:new"), {"interaction": interaction.pk})
    html = response.content.decode()
    assert response.status_code == 200 and CARD_NUMBER in html and NAME in html
    assert entries(interaction, Action.READ_CONFIDENTIAL) == 1


def test_the_author_prefilling_a_suggestion_writes_no_read(desk_client, records):
    interaction = records["interaction"]
    response = desk_client.get(reverse("suggestions:new"), {"interaction": interaction.pk})
    assert CARD_NUMBER in response.content.decode()
    assert entries(interaction, Action.READ_CONFIDENTIAL) == 0


def test_a_colleague_gets_no_patron_filled_in_and_no_read(desk2_client, records):
    interaction = records["interaction"]
    response = desk2_client.get(reverse("suggestions:new"), {"interaction": interaction.pk})
    assert response.status_code == 200 and CARD_NUMBER not in response.content.decode()
    assert entries(interaction, Action.READ_CONFIDENTIAL) == 0
