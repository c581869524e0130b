import pytest
from django.urls import reverse

from staff.models import AccessRecord, LibrarySettings

URL = reverse("retention")


def test_the_default_retention_period_is_90_days(db):
    assert LibrarySettings.current().retention_days == 90


def test_the_director_sets_the_retention_period_and_it_is_recorded(director_client, director):
    response = director_client.post(URL, {"retention_days": "30"})
    assert response.status_code == 302
    library = LibrarySettings.current()
    assert (library.retention_days, library.updated_by) == (30, director)
    assert AccessRecord.objects.filter(action=AccessRecord.Action.RETENTION_CHANGE, actor=director).count() == 1
    assert "Now 30 days" in director_client.get(URL).content.decode()


@pytest.mark.parametrize(
    "value, message",
    [("", "Give the retention period in days"), ("ninety", "whole number of days"), ("0", "at least 1 day"), ("4000", "At most 3650 days")],
)
def test_bad_input_says_what_to_fix_and_keeps_the_period(director_client, value, message):
    response = director_client.post(URL, {"retention_days": value})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert LibrarySettings.current().retention_days == 90


@pytest.mark.parametrize("persona", ["desk_client", "supervisor_client", "itadmin_client"])
def test_only_the_director_may_set_it(request, persona):
    client = request.getfixturevalue(persona)
    assert client.post(URL, {"retention_days": "1"}).status_code == 403
    assert LibrarySettings.current().retention_days == 90
