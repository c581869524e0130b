"""Publishing a new version (/policies/<id>/publish/): the Director or a delegate, edited as
text, in effect today or later; earlier versions stay as they were."""

import datetime
from html import unescape

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from policy import services
from policy.models import PolicyVersion
from staff.access import may_publish_policy
from policy.text import principles_as_text
from staff.tests.factories import UserFactory

TODAY = timezone.localdate()
PRINCIPLES = "# Service\n\nGreet every patron.\nWhy: A greeting says they are welcome.\nWhere: Desk form\n\n# Teamwork\nBe flexible.\nWhy: Needs change.\n"


def publish_url(policy):
    return reverse("policy:publish", args=[policy.pk])


def form_data(**overrides) -> dict:
    data = {
        "based_on": 1,
        "effective_on": TODAY.isoformat(),
        "changes": "Shorter, and greeting first.",
        "body": "Our introduction, revised.",
        "rationale": "Helpful service is the library's first job.",
        "principles": PRINCIPLES,
        "closing": "Thank you.",
    }
    return {**data, **overrides}


@pytest.fixture
def delegate(supervisor):
    supervisor.user_permissions.add(Permission.objects.get(codename="publish_policyversion"))
    return supervisor


def test_the_form_starts_from_the_newest_version_as_text(director_client, policy, current):
    response = director_client.get(publish_url(policy))
    html = response.content.decode()
    assert response.status_code == 200
    assert "# Customer service principles" in html
    assert "Why: Patrons trust a library that serves everyone alike" in html
    assert "Where: Desk form: invited to return" in html
    assert 'name="based_on" value="1"' in html
    assert "Publish version 2" in html


def test_the_director_publishes_a_version_in_effect_today(director_client, director, desk_client, policy, current):
    response = director_client.post(publish_url(policy), form_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("policy:version", args=[policy.pk, 2])
    version = policy.versions.get(number=2)
    assert (version.effective_on, version.published_by, version.closing) == (TODAY, director, "Thank you.")
    assert [(p.section, p.text, p.rationale, p.applies_in) for p in version.principles.order_by("position")] == [
        ("Service", "Greet every patron.", "A greeting says they are welcome.", "Desk form"),
        ("Teamwork", "Be flexible.", "Needs change.", None),
    ]
    html = desk_client.get(reverse("policy:detail", args=[policy.pk])).content.decode()
    assert "Greet every patron." in html and "Last updated" in html
    assert current.principles.count() == 57, "the earlier version is unchanged"


def test_a_version_that_takes_effect_later_leaves_the_current_one_in_effect(director_client, desk_client, policy):
    later = TODAY + datetime.timedelta(days=14)
    response = director_client.post(publish_url(policy), form_data(effective_on=later.isoformat()), follow=True)
    assert f"takes effect on {later:%-d %B %Y}" in response.content.decode()
    html = desk_client.get(reverse("policy:detail", args=[policy.pk])).content.decode()
    assert "version 1 is in effect" in html
    assert "Greet every patron." not in html


def test_a_delegate_publishes_too(delegate, supervisor_client, policy):
    assert supervisor_client.get(publish_url(policy)).status_code == 200
    assert supervisor_client.post(publish_url(policy), form_data()).status_code == 302
    assert policy.versions.get(number=2).published_by == delegate


@pytest.mark.parametrize("persona", ["desk_client", "supervisor_client", "itadmin_client"])
def test_others_are_refused_with_the_friendly_page(persona, request, policy):
    client = request.getfixturevalue(persona)
    for response in (client.get(publish_url(policy)), client.post(publish_url(policy), form_data())):
        assert response.status_code == 403
        html = response.content.decode()
        assert "Publishing a policy: not part of your role" in html
        assert "Ask the Director" in html
    assert not policy.versions.filter(number=2).exists()


def test_the_service_refuses_anyone_else_too(desk, itadmin, policy):
    for person in (desk, itadmin):
        with pytest.raises(PermissionDenied):
            services.policy_publish(
                policy=policy, by=person, based_on=1, effective_on=TODAY, body="b", rationale="r",
                principles=PRINCIPLES, changes="c",
            )


def test_a_superuser_without_the_role_does_not_publish(policy):
    superuser = UserFactory(is_superuser=True)
    assert superuser.has_perm("policy.publish_policyversion")
    assert not may_publish_policy(superuser)


def test_a_delegate_who_no_longer_serves_patrons_does_not_publish(delegate):
    delegate.groups.clear()
    assert not may_publish_policy(type(delegate).objects.get(pk=delegate.pk))


def test_an_effective_date_in_the_past_is_refused_and_the_text_kept(director_client, policy):
    yesterday = TODAY - datetime.timedelta(days=1)
    response = director_client.post(publish_url(policy), form_data(effective_on=yesterday.isoformat()))
    html = response.content.decode()
    assert response.status_code == 422
    assert f"cannot take effect in the past: choose {TODAY:%-d %B %Y} or later" in html
    assert "Greet every patron." in html and "Our introduction, revised." in html
    assert not policy.versions.filter(number=2).exists()


def test_a_version_cannot_take_effect_before_the_one_already_waiting(director, director_client, policy):
    later = TODAY + datetime.timedelta(days=10)
    director_client.post(publish_url(policy), form_data(effective_on=later.isoformat()))
    response = director_client.post(publish_url(policy), form_data(based_on=2, body="Third."))
    assert response.status_code == 422
    assert f"Version 2 takes effect on {later:%-d %B %Y}: a newer version cannot take effect before it." in response.content.decode()


def test_principles_without_a_rationale_are_refused_with_the_line(director_client, policy):
    response = director_client.post(publish_url(policy), form_data(principles="# Teamwork\n\nBe flexible.\n"))
    html = response.content.decode()
    assert response.status_code == 422
    assert html.count("Line 3: “Be flexible.” has no rationale: add a line starting “Why:” under it.") == 2
    assert 'href="#id_principles">Principles</a>: Line 3' in html, "the summary at the top links to the field"
    assert "Be flexible." in html


def test_empty_fields_say_what_to_write(director_client, policy):
    response = director_client.post(publish_url(policy), form_data(body=" ", rationale="", changes="", effective_on=""))
    html = response.content.decode()
    assert response.status_code == 422
    assert "Write the introduction: it cannot be empty." in html
    assert "Write why the library has this policy: it cannot be empty." in html
    assert "Write what changed, for staff who read the new version: it cannot be empty." in html
    assert "Give the date the new version takes effect: today or later." in html


def test_publishing_the_same_text_again_is_refused(director_client, policy, current):
    same = form_data(
        body=current.body, rationale=current.rationale, closing=current.closing,
        principles=principles_as_text(current.principles.order_by("position")),
    )
    response = director_client.post(publish_url(policy), same)
    assert response.status_code == 422
    assert "Nothing differs from version 1: change the text before publishing." in response.content.decode()


def test_line_breaks_as_browsers_send_them_are_the_same_text(director_client, policy, current):
    same = form_data(
        body=current.body.replace("\n", "\r\n"), rationale=current.rationale, closing=current.closing,
        principles=principles_as_text(current.principles.order_by("position")).replace("\n", "\r\n"),
    )
    assert "Nothing differs from version 1" in director_client.post(publish_url(policy), same).content.decode()
    director_client.post(publish_url(policy), form_data(body="One.\r\n\r\nTwo."))
    assert policy.versions.get(number=2).body == "One.\n\nTwo."


def test_the_second_of_two_publishers_is_told_and_keeps_their_text(director_client, delegate, supervisor_client, policy):
    assert supervisor_client.post(publish_url(policy), form_data(body="The delegate's text.")).status_code == 302
    response = director_client.post(publish_url(policy), form_data(body="The Director's text."))
    html = response.content.decode()
    assert response.status_code == 409
    assert "Version 2 was published by" in html and "after you opened this page" in html
    assert "The Director's text." in unescape(html)
    assert 'name="based_on" value="2"' in html
    assert PolicyVersion.objects.filter(policy=policy).count() == 2
    again = director_client.post(publish_url(policy), form_data(based_on=2, body="The Director's text."))
    assert again.status_code == 302
    assert policy.versions.get(number=3).body == "The Director's text."


def test_a_conflict_with_a_version_nobody_published_in_the_app_says_so(director_client, policy):
    # Version 1 came with the app (no publisher); an out-of-date based_on meets it.
    response = director_client.post(publish_url(policy), form_data(based_on=0))
    assert response.status_code == 409
    assert "Version 1 was published after you opened this page" in response.content.decode()
