"""People are shown by their names (get_full_name, else the username), not their usernames."""

import pathlib
import re

from django.conf import settings
from django.urls import reverse

from staff.models import AccessRecord
from staff.tests.factories import AccessRecordFactory, UserFactory


def test_the_access_record_names_people_with_their_username_beside(director_client, main_branch):
    reader = UserFactory(username="jdoe", first_name="Jane", last_name="Doe", branches=[main_branch])
    AccessRecordFactory(actor=reader, action=AccessRecord.Action.SIGN_IN, branch=main_branch)
    html = director_client.get(reverse("access_record")).content.decode()
    assert 'Jane Doe <span class="text-body-secondary">(jdoe)</span>' in html


def test_an_account_without_a_name_is_shown_by_its_username(director_client, main_branch):
    AccessRecordFactory(actor=UserFactory(username="nameless", first_name="", last_name=""), action=AccessRecord.Action.SIGN_IN)
    html = director_client.get(reverse("access_record")).content.decode()
    assert "<td>nameless</td>" in html


def test_a_failed_sign_in_with_no_account_shows_what_was_typed(director_client):
    AccessRecordFactory(actor=None, actor_username="typo-user", action=AccessRecord.Action.SIGN_IN_FAILED, branch=None)
    assert "<td>typo-user</td>" in director_client.get(reverse("access_record")).content.decode()


def test_no_template_shows_a_bare_username_where_a_name_belongs():
    """Every `.username` in a template is a fallback for a name, in brackets beside one, or one
    of the few places where the username is the point: a sign-in lock (what was typed, maybe no
    account) and the acknowledgments' Username column beside the Name column."""
    allowed = {
        ("locked_accounts.html", "lockout"),
        ("acknowledgments.html", "person"),
    }
    bare = []
    for path in sorted(pathlib.Path(settings.BASE_DIR, "templates").rglob("*.html")):
        for line in path.read_text().splitlines():
            for match in re.finditer(r"\{\{ *([\w.]+)\.username *\}\}", line):
                bracketed = line[: match.start()].rstrip().endswith("(")
                if not bracketed and (path.name, match.group(1)) not in allowed:
                    bare.append(f"{path.name}: {line.strip()}")
    assert bare == []
