import factory

from desk.models import WaitingPatron
from staff.tests.factories import ServicePointFactory, UserFactory


class WaitingPatronFactory(factory.django.DjangoModelFactory):
    """Someone waiting at a service point now, not acknowledged yet."""

    class Meta:
        model = WaitingPatron

    service_point = factory.SubFactory(ServicePointFactory)
    branch = factory.SelfAttribute("service_point.branch")
    label = factory.Sequence(lambda n: f"Patron {n}")
    added_by = factory.SubFactory(UserFactory)
