"""Callbacks for tests: scheduled at a service point, due in two hours, taken by a desk
member of its branch unless told."""

import datetime

import factory
from django.utils import timezone

from desk.models import Callback
from staff.tests.factories import ServicePointFactory, UserFactory


class CallbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Callback

    service_point = factory.SubFactory(ServicePointFactory)
    branch = factory.LazyAttribute(lambda callback: callback.service_point.branch)
    created_by = factory.SubFactory(UserFactory)
    due_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(hours=2))
    caller_name = "Harold Benn"
    caller_phone = "555-0112"
    need = "Are the tax forms in?"
