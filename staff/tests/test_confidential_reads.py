"""Every page that shows a record's confidential part to anyone but its author writes exactly
one access-record entry, and the author's own view writes none (roles.md: "every read of a
confidential part by anyone other than its author" is recorded)."""

import pytest
from django.urls import reverse

from interactions.tests.factories import InteractionFactory
from patrons.tests.factories import PatronFactory
from staff.models import AccessRecord

READ = AccessRecord.Action.READ_CONFIDENTIAL


def reads(record, action=READ):
    return AccessRecord.objects.filter(record_type=record._meta.model_name, record_id=record.pk, action=action).count()


@pytest.fixture
def interaction(desk, reference_desk, main_branch):
    patron = PatronFactory(home_branch=main_branch, first_name="Ottoline", last_name="Frame", card_number="29999000111")
    return InteractionFactory(service_point=reference_desk, staff=desk, patron=patron, note="asked about the war diaries")


def test_a_supervisors_prefilled_suggestion_records_its_read(supervisor_client, interaction):
    response = supervisor_client.get(reverse("suggestions:new"), {"interaction": interaction.pk})
    html = response.content.decode()
    assert response.status_code == 200 and "29999000111" in html and "Ottoline Frame" in html
    assert reads(interaction) == 1


def test_the_author_prefilling_a_suggestion_writes_no_read(desk_client, interaction):
    response = desk_client.get(reverse("suggestions:new"), {"interaction": interaction.pk})
    assert "29999000111" in response.content.decode()
    assert reads(interaction) == 0
