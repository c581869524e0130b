import pytest

from policy.models import Policy


@pytest.fixture
def policy(db):
    """The Customer Service Policy, as the data migration installs it."""
    return Policy.objects.get(title="Customer Service Policy")


@pytest.fixture
def current(policy):
    return policy.versions.get(number=1)
