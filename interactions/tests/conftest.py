import re

import pytest

from interactions.models import InteractionKind


@pytest.fixture
def directional(db):
    return InteractionKind.objects.get(name="Directional")


@pytest.fixture
def reference(db):
    return InteractionKind.objects.get(name="Reference")


@pytest.fixture
def desk_at_reference(desk_client, reference_desk, at_service_point):
    return at_service_point(desk_client, reference_desk)


def submission_keys(response) -> list[str]:
    return re.findall(r'name="submission_key" value="([^"]+)"', response.content.decode())
