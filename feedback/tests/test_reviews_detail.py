"""/reviews/<id>/ and its steps, the requester's copy and the letter page, as each role."""

from html import unescape

import pytest
from django.urls import reverse

from feedback.models import Reply, ReviewRequest, ReviewStep
from feedback.tests.factories import review_in
from staff.models import AccessRecord

NAME, EMAIL, CONCERN = "Rosalind Quibble", "rosalind@example.org", "Unsuitable for the children's section."


@pytest.fixture
def make(director, desk, main_branch, desk2, supervisor):
    def make_review(status="received", branch=None, taken_by=None, reviewers=None, **fields):
        return review_in(
            status,
            by=director,
            taken_by=taken_by or desk,
            branch=branch or main_branch,
            reviewers=reviewers or [desk, desk2, supervisor],
            **fields,
        )

    return make_review


def url(review, name="detail"):
    return reverse(f"reviews:{name}", args=[review.pk])


def reads_of(review):
    return AccessRecord.objects.filter(
        record_type="reviewrequest", record_id=review.pk, action=AccessRecord.Action.READ_CONFIDENTIAL
    )


# Who sees what --------------------------------------------------------------------------------


def test_the_desk_staff_who_took_it_sees_all_of_it_and_no_read_is_recorded(desk_client, make):
    review = make()
    html = desk_client.get(url(review)).content.decode()
    assert NAME in html and EMAIL in html and CONCERN.replace("'", "&#x27;") in html
    assert "The item stays available while it is under review." in html
    assert url(review, "copy") in html
    assert "Acknowledge the request" not in html, "desk staff do not run the review steps"
    assert not reads_of(review).exists()


def test_a_supervisor_of_the_branch_runs_the_steps_and_the_read_is_recorded(supervisor_client, supervisor, make):
    review = make()
    html = supervisor_client.get(url(review)).content.decode()
    assert NAME in html and "Acknowledge the request" in html and "Dear Rosalind Quibble" in html
    assert list(reads_of(review).values_list("actor", flat=True)) == [supervisor.pk]


def test_a_reviewer_reads_the_concern_but_not_who_asked(desk2_client, desk2, make):
    review = make("committee")
    response = desk2_client.get(url(review))
    html = response.content.decode()
    assert response.status_code == 200
    assert CONCERN.replace("'", "&#x27;") in html and "Your recommendation" in html
    assert NAME not in html and EMAIL not in html and url(review, "copy") not in html
    assert "the committee reviews the item and the concern, not the person" in html
    assert list(reads_of(review).values_list("actor", flat=True)) == [desk2.pk]
    for page in ("copy", "letter"):
        assert desk2_client.get(url(review, page)).status_code == 404


def test_a_colleague_who_neither_took_nor_reviews_it_gets_404(desk2_client, make, desk, supervisor, director):
    review = make("committee", reviewers=[desk, supervisor, director])
    for page in ("detail", "copy", "letter"):
        assert desk2_client.get(url(review, page)).status_code == 404


def test_an_eastside_request_is_404_for_the_main_supervisor_and_unchanged_by_a_post(
    supervisor_client, make, eastdesk, east_branch
):
    review = make(branch=east_branch, taken_by=eastdesk)
    assert supervisor_client.get(url(review)).status_code == 404
    response = supervisor_client.post(
        url(review, "acknowledge"),
        {"acknowledge-channel": "letter", "acknowledge-body": "Hi", "version": review.version},
    )
    assert response.status_code == 404
    review.refresh_from_db()
    assert review.status == "received" and review.version == 1 and not Reply.objects.exists()
    assert AccessRecord.objects.filter(action=AccessRecord.Action.REFUSED, record_id=review.pk).exists()


def test_the_director_sees_every_branch(director_client, make, eastdesk, east_branch, director):
    review = make(branch=east_branch, taken_by=eastdesk)
    html = director_client.get(url(review)).content.decode()
    assert NAME in html and "Acknowledge the request" in html


# Taking the steps through the pages -----------------------------------------------------------


def test_a_supervisor_acknowledges_by_letter(supervisor_client, make):
    review = make()
    response = supervisor_client.post(
        url(review, "acknowledge"),
        {
            "acknowledge-channel": "letter",
            "acknowledge-body": "Dear R, we have it.",
            "acknowledge-note": "Posted",
            "version": review.version,
        },
    )
    assert response.status_code == 302 and response["Location"] == url(review)
    review.refresh_from_db()
    assert review.status == "acknowledged"
    assert Reply.objects.get(review=review).body.startswith("Dear R, we have it.\n\n")
    assert "Dear R, we have it." in supervisor_client.get(url(review, "letter")).content.decode()


def test_desk_staff_cannot_take_a_step_even_on_their_own_request(desk_client, make):
    """A step on a request the person sees but may not act on answers 404, as one outside scope."""
    review = make()
    response = desk_client.post(
        url(review, "acknowledge"),
        {"acknowledge-channel": "letter", "acknowledge-body": "B", "version": review.version},
    )
    assert response.status_code == 404
    review.refresh_from_db()
    assert review.status == "received"


def test_the_committee_is_chosen_on_the_page(supervisor_client, make, desk, desk2, supervisor):
    review = make("acknowledged")
    data = {
        "assign_committee-reviewers": [desk.pk, desk2.pk],
        "assign_committee-chair": desk.pk,
        "version": review.version,
    }
    response = supervisor_client.post(url(review, "assign_committee"), data)
    assert response.status_code == 422
    assert "A committee has at least 3 reviewers: choose 1 more." in response.content.decode()
    data["assign_committee-reviewers"].append(supervisor.pk)
    assert supervisor_client.post(url(review, "assign_committee"), data).status_code == 302
    review.refresh_from_db()
    assert review.status == "committee" and review.chair == desk


def test_a_reviewer_who_has_not_read_it_all_is_told_and_keeps_what_they_wrote(desk2_client, make):
    review = make("committee")
    row = review.reviewers.get(reviewer__username="desk2")
    response = desk2_client.post(
        url(review, "recommend"),
        {
            "recommend-recommendation": "withdraw",
            "recommend-comments": "Too scary for under-8s",
            "version": row.version,
        },
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Read, view or listen to the whole item before recommending" in html
    assert "Too scary for under-8s" in html
    row.refresh_from_db()
    assert row.recommendation == ""


def test_a_recommendation_saved_in_two_tabs_the_second_is_refused_and_kept_on_the_page(desk2_client, make):
    review = make("committee")
    row = review.reviewers.get(reviewer__username="desk2")
    first = {
        "recommend-read_whole_item": "on",
        "recommend-recommendation": "retain",
        "recommend-comments": "First tab",
        "version": row.version,
    }
    second = {**first, "recommend-recommendation": "relocate", "recommend-comments": "Second tab"}
    assert desk2_client.post(url(review, "recommend"), first).status_code == 302
    response = desk2_client.post(url(review, "recommend"), second)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved a change" in html and "Second tab" in html
    row.refresh_from_db()
    assert (row.recommendation, row.comments) == ("retain", "First tab")
    assert f'name="version" value="{row.version}"' in html, "saving again from the page is a decision"


def test_two_supervisors_deciding_at_once_the_second_is_refused_with_their_text_kept(
    supervisor_client, director_client, make, supervisor
):
    review = make("decided")
    draft = {
        "send_decision-channel": "letter",
        "send_decision-body": "The Director's letter",
        "version": review.version,
    }
    assert director_client.post(url(review, "send_decision"), draft).status_code == 302
    late = {**draft, "send_decision-body": "The supervisor's own letter"}
    response = supervisor_client.post(url(review, "send_decision"), late)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved a change" in html and "The supervisor's own letter" in unescape(html)
    assert list(Reply.objects.filter(review=review).values_list("body", flat=True))[-1].startswith("The Director's letter\n")


def test_the_decision_form_waits_for_every_reviewer_and_a_forced_post_is_refused(director_client, make):
    review = make("committee")
    html = director_client.get(url(review)).content.decode()
    assert "Record the decision" not in html
    response = director_client.post(
        url(review, "decide"),
        {"decide-decision": "retain", "decide-reasons": "Fine as it is", "version": review.version},
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Every reviewer recommends before the decision" in html and "Fine as it is" in html


def test_a_step_out_of_order_comes_back_with_why(director_client, make):
    review = make()
    response = director_client.post(url(review, "close"), {"close-note": "Done", "version": review.version})
    assert response.status_code == 422
    assert "A request is closed after the decision letter" in response.content.decode()


def test_the_chair_decides_on_the_page(desk_client, make, director, desk, desk2, supervisor):
    from feedback.services import reviews

    review = make("acknowledged")
    reviews.review_assign_committee(
        review=review, by=director, version=review.version, reviewers=[desk, desk2, supervisor], chair=desk
    )
    for row in review.reviewers.all():
        reviews.review_recommend(
            reviewer=row,
            by=row.reviewer,
            version=row.version,
            read_whole_item=True,
            consulted_reviews=False,
            recommendation="relocate",
        )
    assert "Record the decision" in desk_client.get(url(review)).content.decode()
    response = desk_client.post(
        url(review, "decide"),
        {"decide-decision": "relocate", "decide-reasons": "Teen shelf.", "version": review.version},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.status, review.decision, review.decided_by) == ("decided", "relocate", desk)


def test_only_the_director_publishes_and_takes_off(supervisor_client, director_client, make):
    review = make("notified")
    publish = {"publish-published": "True", "version": review.version}
    assert "Publish on the list of decisions" not in supervisor_client.get(url(review)).content.decode()
    assert supervisor_client.post(url(review, "publish"), publish).status_code == 404
    assert "Publish on the list of decisions" in director_client.get(url(review)).content.decode()
    assert director_client.post(url(review, "publish"), publish).status_code == 302
    review.refresh_from_db()
    assert review.published
    html = director_client.get(url(review)).content.decode()
    assert "Take it off the list of decisions" in html and 'name="publish-published" value="False"' in html
    director_client.post(url(review, "publish"), {"publish-published": "False", "version": review.version})
    review.refresh_from_db()
    assert not review.published


def test_only_the_director_hears_an_appeal(supervisor_client, director_client, make):
    review = make("appealed")
    data = {"decide_appeal-decision": "withdraw", "decide_appeal-reasons": "On reflection.", "version": review.version}
    assert supervisor_client.post(url(review, "decide_appeal"), data).status_code == 404
    assert director_client.post(url(review, "decide_appeal"), data).status_code == 302
    review.refresh_from_db()
    assert review.appeal_decision == "withdraw"


def test_the_timeline_shows_who_did_what_with_the_internal_note(supervisor_client, make):
    review = make("acknowledged")
    ReviewStep.objects.filter(review=review, action="acknowledge").update(note="Posted second class")
    html = supervisor_client.get(url(review)).content.decode()
    assert "Request received" in html and "Acknowledged" in html and "Posted second class" in html


def test_an_overdue_request_stands_out(supervisor_client, make):
    import datetime

    review = make()
    ReviewRequest.objects.filter(pk=review.pk).update(
        acknowledge_by=datetime.date(2020, 1, 1), decide_by=datetime.date(2020, 2, 1)
    )
    html = supervisor_client.get(url(review)).content.decode()
    assert "Overdue" in html and "(overdue)" in html


# A title reviewed lately ----------------------------------------------------------------------


def test_a_new_request_for_a_title_reviewed_lately_links_the_earlier_decision(supervisor_client, make):
    earlier = make("decided", title="Night Terrors")
    new = make(title="night terrors")
    html = supervisor_client.get(url(new)).content.decode()
    assert "This title has been reviewed in the last 12 months" in html
    assert url(earlier) in html and "decided “Retain”" in html


def test_a_title_asked_about_again_and_again_lists_the_newest_five_and_counts_the_rest(supervisor_client, make):
    earlier = [make("decided", title="Night Terrors") for _ in range(7)]
    html = supervisor_client.get(url(make(title="Night Terrors"))).content.decode()
    assert html.count('class="alert-link"') == 5
    assert "and 2 more earlier requests about this title." in html
    assert url(earlier[-1]) in html


def test_an_earlier_decision_the_viewer_may_not_see_is_mentioned_only_once_published(
    desk_client, make, eastdesk, east_branch, director, supervisor
):
    from feedback.services import reviews

    earlier = make(
        "notified",
        title="Night Terrors",
        branch=east_branch,
        taken_by=eastdesk,
        reviewers=[eastdesk, director, supervisor],
    )
    new = make(title="Night Terrors")
    html = desk_client.get(url(new)).content.decode()
    assert "reviewed in the last" not in html and "A decision was made on" not in html
    assert url(earlier) not in html
    reviews.review_publish(review=earlier, by=director, version=earlier.version)
    html = desk_client.get(url(new)).content.decode()
    assert "A decision was made on" in html and reverse("reviews:decision", args=[earlier.pk]) in html
    assert url(earlier) not in html


# The requester's copy and the letter ----------------------------------------------------------


def test_the_requesters_copy_shows_what_they_wrote_the_reference_and_that_the_item_stays(desk_client, make):
    review = make(concern_location="Pages 4-9", alternative_title="Gentle Stories")
    response = desk_client.get(url(review, "copy"))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Your reference: <strong>{review.reference}</strong>" in html
    assert "The item stays available while it is under review." in html
    for text in (NAME, EMAIL, "Pages 4-9", "Gentle Stories", "The Book of Things", 'class="printable"'):
        assert text in html, text
    assert "style=" not in html


def test_the_letter_page_shows_the_draft_until_the_letter_is_recorded(supervisor_client, make):
    review = make("decided")
    html = supervisor_client.get(url(review, "letter")).content.decode()
    assert "not recorded as sent" in html and "Our decision is to keep the item" in html and NAME in html
    supervisor_client.post(
        url(review, "send_decision"),
        {"send_decision-channel": "in_person", "send_decision-body": "Handed over: retain.", "version": review.version},
    )
    html = supervisor_client.get(url(review, "letter")).content.decode()
    assert "Handed over: retain." in html and "not recorded as sent" not in html
