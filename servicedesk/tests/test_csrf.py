"""Every form POST without a CSRF token is refused and changes nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from interactions.models import Interaction
from patrons.models import Patron

POSTS = [
    ("login", None),
    ("logout", None),
    ("password_change", None),
    ("choose_service_point", None),
    ("retention", None),
    ("interactions:log", None),
    ("interactions:quick_log", "kind"),
    ("interactions:repeat_last", None),
    ("interactions:undo", "interaction"),
    ("interactions:detail", "interaction"),
    ("patrons:lookup", None),
    ("patrons:register", None),
    ("patrons:edit", "patron"),
]


@pytest.mark.parametrize("url_name, record", POSTS)
def test_a_post_without_a_csrf_token_is_refused(url_name, record, desk, reference_desk, main_branch):
    from interactions.models import InteractionKind
    from interactions.tests.factories import InteractionFactory
    from patrons.tests.factories import PatronFactory

    records = {
        "interaction": InteractionFactory(service_point=reference_desk, staff=desk),
        "patron": PatronFactory(home_branch=main_branch, first_name="Unchanged"),
        "kind": InteractionKind.objects.get(name="Directional"),
    }
    client = Client(enforce_csrf_checks=True)
    client.force_login(desk)
    session = client.session
    session["service_point_id"] = reference_desk.pk
    session.save()
    args = [records[record].pk] if record else []
    response = client.post(reverse(url_name, args=args), {"first_name": "Changed", "kind": records["kind"].pk})
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
    assert Interaction.objects.count() == 1
    assert Patron.objects.get().first_name == "Unchanged"
