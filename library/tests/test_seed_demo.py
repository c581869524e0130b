from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.utils import timezone

from feedback.models import Complaint, ReviewRequest
from interactions.models import Interaction
from interactions.tests import counting
from patrons.models import Patron
from patrons.names import name_key
from staff import roles
from staff.demo import OPENING_HOURS
from staff.models import Branch, ServicePoint

DEMO_ACCOUNTS = {
    # username: (roles, branch codes)
    "desk": ({roles.DESK}, {"main"}),
    "desk2": ({roles.DESK}, {"main"}),
    "eastdesk": ({roles.DESK}, {"east"}),
    "supervisor": ({roles.SUPERVISOR, roles.DESK}, {"main"}),
    "director": ({roles.DIRECTOR}, {"main", "east"}),
    "itadmin": ({roles.ADMINISTRATOR}, set()),
}


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    return settings


def seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts():
    return {
        "branches": Branch.objects.count(),
        "points": ServicePoint.objects.count(),
        "users": User.objects.count(),
        "patrons": Patron.objects.count(),
        "interactions": Interaction.objects.count(),
        "complaints": Complaint.objects.count(),
        "review_requests": ReviewRequest.objects.count(),
    }


def assert_within_opening_hours(interactions):
    now = timezone.now()
    for interaction in interactions:
        assert interaction.occurred_at <= now
        local = timezone.localtime(interaction.occurred_at)
        assert local.weekday() in OPENING_HOURS, f"{local} is a Sunday"
        opens, closes = OPENING_HOURS[local.weekday()]
        assert opens <= local.hour < closes, f"{local} is outside {opens}:00-{closes}:00"


@pytest.mark.django_db
def test_makes_the_demo_library(debug):
    output = seed()

    assert counts() == {
        # The demo's 2000 interactions, and the call of its done callback (desk/demo/callbacks.py).
        "branches": 2, "points": 5, "users": 6, "patrons": 200, "interactions": 2001, "complaints": 3, "review_requests": 3
    }
    assert set(Branch.objects.values_list("code", "name")) == {("main", "Main"), ("east", "Eastside")}
    assert set(ServicePoint.objects.values_list("branch__code", "name", "kind")) == {
        ("main", "Circulation desk", "circulation"),
        ("main", "Reference desk", "reference"),
        ("main", "Children's desk", "childrens"),
        ("main", "Phone line", "phone"),
        ("east", "Circulation desk", "circulation"),
    }
    for username, (role_names, branch_codes) in DEMO_ACCOUNTS.items():
        user = User.objects.get(username=username)
        assert set(user.groups.values_list("name", flat=True)) == role_names, username
        assert set(user.profile.branches.values_list("code", flat=True)) == branch_codes, username
        assert user.is_staff == (username == "itadmin")
        assert user.first_name and user.last_name
    assert 'with password "demo" as:' in output
    assert "supervisor  (Supervisor and Desk staff, Main)" in output


@pytest.mark.django_db
def test_the_demo_complaints_and_reviews_are_at_different_steps(debug):
    seed()
    assert sorted(Complaint.objects.values_list("status", flat=True)) == ["escalated", "in_progress", "new"]
    assert sorted(ReviewRequest.objects.values_list("status", flat=True)) == ["committee", "notified", "received"]
    assert ReviewRequest.objects.filter(published=True).count() == 1
    assert Complaint.objects.filter(acknowledge_by__lt=timezone.localdate(), status="new").count() == 1


@pytest.mark.django_db
def test_running_twice_adds_nothing(debug, django_assert_max_num_queries):
    seed()
    before = counts()

    # Three of them find the checklists' demo data made (desk openings and closings, how the
    # complaints were handled) and count the desk sessions; one finds the branches' opening hours;
    # five find the shifts, the kept desk coverage and the handover note made; one finds the demo
    # callbacks made and one counts them for the summary; one finds the waiting patrons made;
    # three find the directory's entries and the referrals (and their transaction's savepoint, two).
    with django_assert_max_num_queries(66):
        seed()

    assert counts() == before


@pytest.mark.django_db
def test_a_missing_demo_patron_and_interaction_come_back(debug):
    seed()
    interaction = Interaction.objects.filter(patron__isnull=True).order_by("pk")[5]
    kept = Interaction.objects.exclude(pk=interaction.pk).values_list("submission_key", "occurred_at", "kind")
    kept = set(kept)
    interaction.delete()

    seed()

    assert Interaction.objects.count() == 2001
    assert kept <= set(Interaction.objects.values_list("submission_key", "occurred_at", "kind"))


@pytest.mark.django_db
def test_refuses_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="runs only with DEBUG on"):
        seed()

    assert Branch.objects.count() == 0


@pytest.mark.django_db
def test_interactions_are_past_and_within_opening_hours(debug):
    seed()

    assert_within_opening_hours(Interaction.objects.all())


@pytest.mark.django_db
def test_opening_hours_are_the_librarys_local_time(debug):
    debug.TIME_ZONE = "America/Los_Angeles"

    seed("--interactions", "500")

    assert_within_opening_hours(Interaction.objects.all())


@pytest.mark.django_db
def test_interactions_look_like_a_desk_log(debug):
    seed()
    interactions = list(Interaction.objects.select_related("service_point", "staff"))

    for interaction in interactions:
        assert interaction.created_at == interaction.occurred_at
        needs_alternative = interaction.outcome in Interaction.OUTCOMES_NEEDING_ALTERNATIVE
        assert bool(interaction.alternative) == needs_alternative
        if interaction.service_point.kind == ServicePoint.Kind.PHONE:
            assert interaction.channel == Interaction.Channel.PHONE
        expected_staff = {"desk", "desk2", "supervisor"} if interaction.service_point.branch.code == "main" else {
            "eastdesk"
        }
        assert interaction.staff.username in expected_staff
    with_patron = sum(interaction.patron_id is not None for interaction in interactions)
    assert 0.08 < with_patron / len(interactions) < 0.25
    busiest = Interaction.objects.values_list("service_point__name", "service_point__branch__code")
    assert max(set(busiest), key=list(busiest).count) == ("Circulation desk", "main")


@pytest.mark.django_db
def test_patrons_can_be_found_without_accents(debug):
    seed()

    assert Patron.objects.filter(first_name="Zoë", first_name_key="zoe").exists()
    assert Patron.objects.filter(last_name="Nguyễn", last_name_key="nguyen").exists()
    for patron in Patron.objects.all():
        assert patron.first_name_key == name_key(patron.first_name)
        assert patron.last_name_key == name_key(patron.last_name)
        patron.full_clean()  # card number format and the rest


@pytest.mark.django_db
def test_bulk_options_add_exactly_that_many_every_time(debug):
    seed()
    before = counts()

    output = seed("--patrons", "50", "--interactions", "300", "--batch-size", "70")
    seed("--patrons", "50", "--interactions", "300")

    after = counts()
    assert after["patrons"] == before["patrons"] + 100
    assert after["interactions"] == before["interactions"] + 600
    assert Patron.objects.values("card_number").distinct().count() == after["patrons"]
    assert "300 of 300 interactions" in output
    added = Interaction.objects.filter(submission_key__isnull=True)
    assert_within_opening_hours(added)
    assert all(interaction.created_at == interaction.occurred_at for interaction in added)


@pytest.mark.django_db
def test_the_reports_counts_are_those_of_what_was_seeded(debug):
    """The demo's interactions (its backdated callback's call among them) and the bulk volume
    are counted for the reports as they are written."""
    seed()
    seed("--interactions", "300", "--batch-size", "70")
    assert counting.kept() == counting.counted()


@pytest.mark.django_db
def test_dry_run_saves_nothing(debug):
    output = seed("--dry-run", "--interactions", "10")

    assert "Dry run: nothing was saved" in output
    assert set(counts().values()) == {0}


@pytest.mark.django_db
def test_every_demo_account_signs_in_with_demo(debug):
    seed()

    for username in DEMO_ACCOUNTS:
        assert User.objects.get(username=username).check_password("demo"), username


@pytest.mark.django_db
def test_an_existing_account_keeps_its_password(debug):
    User.objects.create_user("desk", password="something-else")

    seed()

    assert User.objects.get(username="desk").check_password("something-else")
    assert set(User.objects.get(username="desk").groups.values_list("name", flat=True)) == {roles.DESK}
