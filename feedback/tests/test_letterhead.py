"""Letters are headed and signed from what the library keeps in the app: the library's name
(LibrarySettings), the branch's full name and postal address (Branch), and the sender's name
and job title (StaffProfile), never the short name ("Main") staff know a branch by."""

import pytest
from django.core import mail
from django.urls import reverse

from feedback.models import Complaint, Reply, ReplyTemplate
from feedback.services import cards
from feedback.tests.factories import ComplaintFactory, review_in
from staff.models import LibrarySettings

LIBRARY = "Riverside Public Library"
BRANCH = "Riverside Main Library"
ADDRESS = "1 Library Square\nRiverside RV1 2AB"


@pytest.fixture(autouse=True)
def letterhead(main_branch, supervisor, director):
    library = LibrarySettings.current()
    library.library_name = LIBRARY
    library.save()
    main_branch.full_name, main_branch.address = BRANCH, ADDRESS
    main_branch.save()
    for user, (first, last, title) in (
        (supervisor, ("Grace", "Holloway", "Customer Services Supervisor")),
        (director, ("Samuel", "Ortiz", "Library Director")),
    ):
        user.first_name, user.last_name = first, last
        user.save()
        user.profile.job_title = title
        user.profile.save()


@pytest.fixture
def complaint(desk, reference_desk):
    return ComplaintFactory(
        service_point=reference_desk, taken_by=desk, contact_name="Ann Patron", contact_email="ann@example.org",
        contact_address="2 Mill Lane\nRiverside", response="Dear Ann, the fee is refunded.",
    )


GRACE = "Grace Holloway\nCustomer Services Supervisor\nRiverside Main Library\nRiverside Public Library"


def test_a_complaint_response_e_mailed_is_signed_by_its_sender_with_the_branch_and_library(
    supervisor_client, complaint, django_capture_on_commit_callbacks
):
    data = {"version": complaint.version, "response": "Dear Ann, refunded.", "action": "send", "channel": "email",
            "kind": "complaint_response"}
    with django_capture_on_commit_callbacks(execute=True):
        assert supervisor_client.post(reverse("complaints:respond", args=[complaint.pk]), data).status_code == 302
    [sent] = mail.outbox
    assert sent.body == f"Dear Ann, refunded.\n\n{GRACE}"
    assert Reply.objects.get(complaint=complaint).body == sent.body


def test_the_printed_complaint_letter_has_the_letterhead_and_the_signature_of_who_prints_it(supervisor_client, complaint):
    html = supervisor_client.get(reverse("complaints:letter", args=[complaint.pk])).content.decode()
    assert '<p class="letterhead-library">Riverside Public Library</p>' in html
    assert '<p class="letterhead-branch">Riverside Main Library</p>' in html
    assert '<address class="letterhead-address">1 Library Square<br>Riverside RV1 2AB</address>' in html
    assert '<p class="letter-signature">Grace Holloway<br>Customer Services Supervisor<br>Riverside Main Library<br>' in html
    assert "letter-sender" not in html and 'style="' not in html


def test_a_branch_without_a_full_name_or_a_signer_without_a_title_still_signs_whole(
    supervisor, supervisor_client, main_branch, complaint, django_capture_on_commit_callbacks
):
    main_branch.full_name = ""
    main_branch.save()
    supervisor.profile.job_title = ""
    supervisor.profile.save()
    data = {"version": complaint.version, "response": "Dear Ann.", "action": "send", "channel": "email",
            "kind": "complaint_response"}
    with django_capture_on_commit_callbacks(execute=True):
        supervisor_client.post(reverse("complaints:respond", args=[complaint.pk]), data)
    assert mail.outbox[0].body == f"Dear Ann.\n\nGrace Holloway\n{main_branch.name}\nRiverside Public Library"


def test_a_review_letter_draft_is_headed_and_signed_and_a_sent_one_shows_what_was_sent(
    director, director_client, desk, desk2, supervisor, main_branch
):
    review = review_in("decided", by=director, taken_by=desk, branch=main_branch, reviewers=[desk, desk2, supervisor])
    letter = reverse("reviews:letter", args=[review.pk])
    html = director_client.get(letter).content.decode()
    assert '<p class="letterhead-library">Riverside Public Library</p>' in html
    assert '<p class="letter-signature">Samuel Ortiz<br>Library Director<br>Riverside Main Library<br>' in html
    data = {"send_decision-channel": "letter", "send_decision-body": "We keep it.", "version": review.version}
    assert director_client.post(reverse("reviews:send_decision", args=[review.pk]), data).status_code == 302
    assert review.replies.latest("pk").body == "We keep it.\n\nSamuel Ortiz\nLibrary Director\nRiverside Main Library\nRiverside Public Library"
    html = director_client.get(letter).content.decode()
    assert html.count("Samuel Ortiz<br>Library Director") == 1 and "letter-signature" not in html


def test_a_comment_card_reply_is_signed(supervisor_client, main_branch, reference_desk, django_capture_on_commit_callbacks):
    card = cards.card_receive(branch=main_branch, kind="question", comment="Do you open on Sunday?",
                              name="Agatha", contact="agatha@example.org", wants_reply=True)
    data = {"reply-body": "We do not, sorry.", "reply-channel": "email", "version": card.version}
    with django_capture_on_commit_callbacks(execute=True):
        assert supervisor_client.post(reverse("cards:reply", args=[card.pk]), data).status_code == 302
    assert mail.outbox[0].body == f"We do not, sorry.\n\n{GRACE}"


@pytest.mark.parametrize("kind", ReplyTemplate.Kind.values)
def test_no_template_signs_with_the_branch_short_name(kind):
    body = ReplyTemplate.objects.get(kind=kind).body
    assert not body.rstrip().endswith("{branch}") and not body.rstrip().endswith("{branch} library")


def test_the_complaint_letter_is_refused_to_desk_staff(desk_client, complaint):
    assert desk_client.get(reverse("complaints:letter", args=[complaint.pk])).status_code == 403
    assert Complaint.objects.filter(pk=complaint.pk).exists()
