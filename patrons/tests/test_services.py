import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from patrons.models import Patron
from patrons.services import patron_register, patron_update
from servicedesk.lib.workflow import EditConflict
from patrons.tests.factories import PatronFactory


def register(by, branch, **overrides):
    fields = {"card_number": "30000000000077", "first_name": "Ada", "last_name": "Lovelace", "home_branch": branch}
    fields.update(overrides)
    return patron_register(by=by, **fields)


def test_registration_trims_and_lowercases_and_keys_the_names(desk, main_branch):
    patron = register(desk, main_branch, first_name=" Zoë  ", last_name="ÅSTRÖM ", email=" Zoe@Example.ORG ")
    patron.refresh_from_db()
    assert (patron.first_name, patron.last_name, patron.email) == ("Zoë", "ÅSTRÖM", "zoe@example.org")
    assert (patron.first_name_key, patron.last_name_key) == ("zoe", "astrom")
    assert patron.status == Patron.Status.ACTIVE and patron.version == 1


def test_only_those_who_serve_patrons_register_one(itadmin, main_branch):
    with pytest.raises(PermissionDenied):
        register(itadmin, main_branch)
    assert not Patron.objects.exists()


def test_registration_refuses_a_taken_card_number_in_plain_words(desk, main_branch):
    PatronFactory(card_number="30000000000077")
    with pytest.raises(ValidationError) as refused:
        register(desk, main_branch)
    assert refused.value.message_dict["card_number"] == [
        "This card number already belongs to another patron. Check the digits, or look the patron up: they may already be registered."
    ]


def test_registration_checks_the_card_format_and_the_birth_date_at_once(desk, main_branch):
    with pytest.raises(ValidationError) as refused:
        register(desk, main_branch, card_number="12", birth_date=datetime.date(1800, 1, 1))
    assert set(refused.value.message_dict) == {"card_number", "birth_date"}


def test_a_name_without_letters_is_refused(desk, main_branch):
    with pytest.raises(ValidationError) as refused:
        register(desk, main_branch, first_name="\u0301")
    assert "first_name" in refused.value.message_dict


def test_an_update_sets_the_name_keys_and_bumps_the_version(desk, zoe):
    patron_update(patron=zoe, by=desk, version=1, present=True, first_name="Élodie", email="ELODIE@example.org ")
    saved = Patron.objects.get(pk=zoe.pk)
    assert (saved.first_name, saved.first_name_key, saved.email) == ("Élodie", "elodie", "elodie@example.org")
    assert saved.version == 2 and zoe.version == 2


def test_an_update_from_an_older_version_is_refused_and_changes_nothing(desk, zoe):
    Patron.objects.filter(pk=zoe.pk).update(version=2, phone="555-010-0002")
    with pytest.raises(EditConflict):
        patron_update(patron=zoe, by=desk, version=1, present=True, phone="555-010-0001")
    assert Patron.objects.get(pk=zoe.pk).phone == "555-010-0002"


def test_an_update_keeps_the_card_number_unique(desk, zoe):
    PatronFactory(card_number="30000000000099")
    with pytest.raises(ValidationError):
        patron_update(patron=zoe, by=desk, version=1, present=True, card_number="30000000000099")


def test_an_update_changes_only_patron_fields(desk, zoe):
    with pytest.raises(ValueError):
        patron_update(patron=zoe, by=desk, version=1, present=True, version_number=5)


def test_the_administrator_cannot_update_a_patron(itadmin, zoe):
    with pytest.raises(PermissionDenied):
        patron_update(patron=zoe, by=itadmin, version=1, present=True, first_name="Hacked")


def test_desk_staff_update_a_patron_only_with_the_patron_present(desk, zoe):
    with pytest.raises(PermissionDenied):
        patron_update(patron=zoe, by=desk, version=1, first_name="Absent")
    assert Patron.objects.get(pk=zoe.pk).first_name == "Zoë"


def test_the_supervisor_of_the_home_branch_updates_without_the_card(supervisor, zoe):
    patron_update(patron=zoe, by=supervisor, version=1, first_name="Élodie")
    assert Patron.objects.get(pk=zoe.pk).first_name == "Élodie"
