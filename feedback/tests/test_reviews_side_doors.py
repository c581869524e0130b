"""Nothing about who asked leaks by a side door: not in page titles, URLs or logs, not in an
e-mail subject, and no internal note in any e-mail at all."""

import logging
import re

from django.core import mail
from django.urls import reverse

from feedback.models import ReviewRequest
from feedback.services import review_letters, reviews
from feedback.tests.factories import review_form_data as request_data

NAME, SURNAME, EMAIL = "Philippa", "Quillfeather", "pq@example.org"
SECRETS = [NAME, SURNAME, EMAIL]


def title(response) -> str:
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    return match.group(1) if match else ""


def test_pages_keep_the_requester_out_of_titles_urls_and_logs(desk_client, director_client, caplog):
    caplog.set_level(logging.DEBUG)
    taken = desk_client.post(
        reverse("reviews:new"), request_data(requester_name=f"{NAME} {SURNAME}", requester_email=EMAIL)
    )
    review = ReviewRequest.objects.get()
    bad = desk_client.post(reverse("reviews:new"), request_data(requester_name=f"{NAME} {SURNAME}", concern=""))
    responses = (
        [taken, bad]
        + [
            client.get(reverse(f"reviews:{name}", args=[review.pk]))
            for client in (desk_client, director_client)
            for name in ("detail", "copy", "letter")
        ]
        + [director_client.get(reverse("reviews:queue"))]
    )
    assert [response.status_code for response in responses] == [302, 422] + [200] * 7
    assert SURNAME in responses[3].content.decode(), "the copy itself shows the requester"
    for response in responses:
        for secret in SECRETS:
            assert secret not in title(response)
            assert secret not in response.get("Location", "")
            assert secret not in caplog.text


NOTES = [f"Internal note {n}: {NAME} was upset" for n in range(8)]


def test_no_internal_note_in_any_e_mail_and_no_requester_in_any_subject(
    director, desk, desk2, supervisor, main_branch, django_capture_on_commit_callbacks
):
    for user in (director, desk, desk2, supervisor):
        user.email = f"{user.username}@library.example"
        user.save()
    review = reviews.review_take(
        by=desk,
        branch=main_branch,
        note=NOTES[0],
        title="Night Terrors",
        requester_name=f"{NAME} {SURNAME}",
        requester_email=EMAIL,
        concern="Too frightening",
        whole_item="yes",
        requested_action="withdraw",
    )
    with django_capture_on_commit_callbacks(execute=True):
        reviews.review_acknowledge(
            review=review,
            by=director,
            version=review.version,
            channel="email",
            body=review_letters.acknowledgment_draft(review),
            note=NOTES[1],
        )
        reviews.review_assign_committee(
            review=review,
            by=director,
            version=review.version,
            reviewers=[desk, desk2, supervisor],
            chair=desk,
            note=NOTES[2],
        )
        for row in review.reviewers.all():
            reviews.review_recommend(
                reviewer=row,
                by=row.reviewer,
                version=row.version,
                read_whole_item=True,
                consulted_reviews=True,
                recommendation="retain",
                comments=NOTES[3],
            )
        reviews.review_decide(
            review=review,
            by=desk,
            version=review.version,
            decision="retain",
            reasons="Meets the policy.",
            note=NOTES[4],
        )
        reviews.review_send_decision(
            review=review,
            by=director,
            version=review.version,
            channel="email",
            body=review_letters.decision_letter_draft(review, by=director),
            note=NOTES[5],
        )
        reviews.review_appeal(
            review=review, by=director, version=review.version, reasons="Still too frightening", note=NOTES[6]
        )
    subjects = [message.subject for message in mail.outbox]
    assert subjects == [
        f"Your request for reconsideration (reference {review.reference})",
        f"Review {review.reference}: committee assigned",
        f"Review {review.reference}: ready for a decision",
        f"The decision on your request for reconsideration (reference {review.reference})",
        f"Review {review.reference}: appeal received",
    ]
    for message in mail.outbox:
        assert not any(secret in message.subject for secret in SECRETS + ["Night Terrors"])
        assert not any(note in message.body for note in NOTES)
        if EMAIL not in message.to:
            assert NAME not in message.body and SURNAME not in message.body, "staff e-mail names no requester"
