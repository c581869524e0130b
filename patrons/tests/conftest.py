import pytest

from patrons.tests.factories import PatronFactory


@pytest.fixture
def zoe(main_branch):
    """A patron of Main with known registration details, to look for (or not) in pages."""
    return PatronFactory(
        card_number="30000000000042",
        first_name="Zoë",
        last_name="Quist",
        email="zoe.private@example.org",
        phone="555-010-4242",
        address="12 Hidden Lane\nSpringfield",
        home_branch=main_branch,
    )


def registration_data(branch, **overrides) -> dict:
    """A complete registration form as a browser posts it."""
    data = {
        "card_number": "30000000000077",
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": "ada@example.org",
        "phone": "555-010-1815",
        "address": "1 Analytical Row",
        "birth_date": "1990-12-10",
        "home_branch": branch.pk,
        "preferred_language": "en",
        "status": "active",
    }
    data.update(overrides)
    return data
