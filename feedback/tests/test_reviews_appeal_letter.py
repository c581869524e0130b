"""After the Director decides an appeal, the requester is told by a letter, recorded like the
other letters, due review_appeal_letter_days business days later and overdue in the queue after
that; the request is closed only once they have been told."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from feedback.models import Reply, ReplyTemplate
from feedback.services import reviews
from feedback.tests.factories import review_in
from feedback.tests.review_fixtures import FRIDAY, clock, committee, make, message_of  # noqa: F401 (fixtures)
from staff import roles
from staff.models import ClosedDay, LibrarySettings
from staff.tests.factories import UserFactory

MONDAY_AFTER_NEXT = datetime.datetime(2026, 3, 16, 10, 0, tzinfo=datetime.UTC)


def url(review, name="detail"):
    return reverse(f"reviews:{name}", args=[review.pk])


def test_the_letter_is_due_business_days_after_the_appeal_is_decided(clock, make):
    clock(FRIDAY)
    library = LibrarySettings.current()
    library.review_appeal_letter_days = 3
    library.save()
    ClosedDay.objects.create(date=datetime.date(2026, 3, 10), name="Spring holiday")
    review = make("appeal_decided")
    # Three business days from Friday 6 March, over the weekend and the closed Tuesday 10: Thursday 12.
    assert review.appeal_letter_by == datetime.date(2026, 3, 12)
    assert review.status == "appeal_decided" and review.appeal_notified_at is None


def test_the_request_page_offers_the_letter_drafted_with_the_appeal_decision_and_sends_it(
    clock, make, director, director_client, django_capture_on_commit_callbacks
):
    clock(FRIDAY)
    review = make("appeal_decided")
    page = director_client.get(url(review)).content.decode()
    assert "Send the appeal decision letter" in page
    assert "not sent yet: due by Friday 13 March 2026" in page
    assert "Our decision is to keep the item in the collection" in page and "Upheld." in page
    assert "The Library Director has considered your appeal" in director_client.get(url(review, "letter")).content.decode()
    data = {"send_appeal_decision-channel": "email", "send_appeal_decision-body": "Dear R, upheld.",
            "send_appeal_decision-note": "Internal", "version": review.version}
    with django_capture_on_commit_callbacks(execute=True):
        response = director_client.post(url(review, "send_appeal_decision"), data)
    assert response.status_code == 302 and response["Location"] == url(review)
    review.refresh_from_db()
    assert review.status == "appeal_notified" and review.appeal_notified_at == FRIDAY
    [sent] = mail.outbox
    assert sent.to == ["rosalind@example.org"] and sent.body.startswith("Dear R, upheld.\n\n")
    assert sent.subject == f"The decision on your appeal (reference {review.reference})"
    assert "Internal" not in sent.body
    assert review.replies.latest("pk").body == sent.body
    assert review.steps.latest("pk").action == "send_appeal_decision"
    letter = director_client.get(url(review, "letter")).content.decode()
    assert "Dear R, upheld." in letter and "The Library Director has considered" not in letter
    assert ReplyTemplate.objects.filter(kind="review_appeal_decision").exists()


def test_without_a_body_the_letter_is_refused_and_what_was_chosen_is_kept(make, director_client):
    review = make("appeal_decided")
    data = {"send_appeal_decision-channel": "letter", "send_appeal_decision-body": " ", "version": review.version}
    response = director_client.post(url(review, "send_appeal_decision"), data)
    assert response.status_code == 422
    assert "Write the letter: it is what the requester receives." in response.content.decode()
    review.refresh_from_db()
    assert review.status == "appeal_decided" and not Reply.objects.filter(review=review, at__gte=review.appeal_decided_at).exists()


def test_the_request_is_not_closed_before_the_requester_is_told(make, director):
    review = make("appeal_decided")
    with pytest.raises(Exception) as refused:
        reviews.review_close(review=review, by=director, version=review.version)
    assert "Next: send the letter with the decision on the appeal" in message_of(refused.value)
    reviews.review_send_appeal_decision(review=review, by=director, version=review.version, channel="letter", body="B")
    reviews.review_close(review=review, by=director, version=review.version)
    review.refresh_from_db()
    assert review.status == "closed"


def test_a_letter_not_sent_by_its_day_is_overdue_in_the_queue(clock, make, director_client):
    clock(FRIDAY)
    review = make("appeal_decided")
    queue = director_client.get(reverse("reviews:queue")).content.decode()
    assert "send the appeal decision letter by 13 Mar 2026" in queue and "Overdue" not in queue.split("<tbody")[1]
    clock(MONDAY_AFTER_NEXT)
    response = director_client.get(reverse("reviews:queue"), {"overdue": "on"})
    assert [row.pk for row in response.context["page"]] == [review.pk]
    assert response.context["counts"]["overdue"] == 1
    assert "Overdue</strong>" in response.content.decode()
    assert "Overdue</strong>" in director_client.get(url(review)).content.decode()


def test_the_branch_supervisor_sends_it(make, supervisor_client):
    review = make("appeal_decided")
    data = {"send_appeal_decision-channel": "letter", "send_appeal_decision-body": "Posted.", "version": review.version}
    assert supervisor_client.post(url(review, "send_appeal_decision"), data).status_code == 302
    review.refresh_from_db()
    assert review.status == "appeal_notified"


@pytest.mark.parametrize("who", ["desk", "other_supervisor", "itadmin"])
def test_desk_staff_another_branch_s_supervisor_and_the_administrator_are_refused(
    who, make, client, east_branch, itadmin
):
    review = make("appeal_decided")
    users = {
        "desk": review.taken_by,
        "other_supervisor": UserFactory(username="eastsup", roles=[roles.SUPERVISOR], branches=[east_branch]),
        "itadmin": itadmin,
    }
    client.force_login(users[who])
    data = {"send_appeal_decision-channel": "letter", "send_appeal_decision-body": "Posted.", "version": review.version}
    response = client.post(url(review, "send_appeal_decision"), data)
    assert response.status_code == (403 if who == "itadmin" else 404)
    review.refresh_from_db()
    assert review.status == "appeal_decided" and review.appeal_notified_at is None
