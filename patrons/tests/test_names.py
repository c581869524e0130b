import pytest

from patrons.names import name_key


@pytest.mark.parametrize(
    "name, key",
    [
        ("Zoë", "zoe"),
        ("ZOË", "zoe"),
        ("José García", "jose garcia"),
        ("Nguyễn", "nguyen"),
        ("Đặng", "dang"),
        ("Łukasz", "lukasz"),
        ("Ørsted", "orsted"),
        ("Straße", "strasse"),
        ("  Mary   Ann ", "mary ann"),
        ("O’Brien", "obrien"),
        ("O'Brien", "obrien"),
        ("OBrien", "obrien"),
        ("O´Brien", "obrien"),
        ("St. John", "st john"),
        ("Smith-Jones", "smith jones"),
        ("Lee/Park", "lee park"),
        ("-- & !", ""),
        ("李小龙", "李小龙"),
        ("देवनागरी", "देवनागरी"),
    ],
)
def test_name_keys_fold_case_accents_and_punctuation(name, key):
    assert name_key(name) == key


def test_the_migration_refolds_the_keys_of_patrons_already_registered(db):
    from importlib import import_module

    from django.apps import apps

    from patrons.models import Patron
    from patrons.tests.factories import PatronFactory

    patron = PatronFactory(first_name="Siobhán", last_name="O’Brien-Kelly")
    Patron.objects.filter(pk=patron.pk).update(last_name_key="o’brien-kelly")

    import_module("patrons.migrations.0002_name_keys_fold_punctuation").recompute(apps, None)

    patron.refresh_from_db()
    assert (patron.first_name_key, patron.last_name_key) == ("siobhan", "obrien kelly")
