import factory
from django.utils import timezone

from desk.models import HandoverNote
from staff.models import Shift
from staff.tests.factories import ServicePointFactory, UserFactory


class ShiftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shift

    user = factory.SubFactory(UserFactory)
    service_point = factory.SubFactory(ServicePointFactory)
    started_at = factory.LazyFunction(timezone.now)
    ended_at = None


class HandoverNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HandoverNote

    service_point = factory.SubFactory(ServicePointFactory)
    text = "A patron is coming back at three for the tax forms."
    written_by = factory.SubFactory(UserFactory)
