import datetime

import factory
from django.utils import timezone

from policy.models import Acknowledgment, Policy, PolicyVersion, Principle
from staff.tests.factories import UserFactory


class PolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Policy

    title = factory.Sequence(lambda n: f"Policy {n}")


class PolicyVersionFactory(factory.django.DjangoModelFactory):
    """A version in effect since yesterday, unless told otherwise."""

    class Meta:
        model = PolicyVersion

    policy = factory.SubFactory(PolicyFactory)
    number = factory.Sequence(lambda n: n + 1)
    effective_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    body = "The library's introduction."
    rationale = "Why the library has this policy."


class PrincipleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Principle

    version = factory.SubFactory(PolicyVersionFactory)
    section = "Teamwork"
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Principle number {n}.")
    rationale = "Because it helps patrons."


class AcknowledgmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Acknowledgment

    version = factory.SubFactory(PolicyVersionFactory)
    user = factory.SubFactory(UserFactory)
