import datetime

import factory
from django.utils import timezone

from desk.models import Expert, Referral, Subject
from desk.models.referrals import subject_key
from staff.tests.factories import BranchFactory, ServicePointFactory, UserFactory


class SubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subject
        django_get_or_create = ["key"]

    name = factory.Sequence(lambda n: f"Subject {n}")
    key = factory.LazyAttribute(lambda subject: subject_key(subject.name))


class ExpertFactory(factory.django.DjangoModelFactory):
    """A staff member's entry; `subjects` names its subjects."""

    class Meta:
        model = Expert
        skip_postgeneration_save = True

    kind = Expert.Kind.STAFF
    user = factory.SubFactory(UserFactory)

    @factory.post_generation
    def subjects(self, create, names, **kwargs):
        if create and names:
            self.subjects.set([SubjectFactory(name=name) for name in names])


class PlaceFactory(ExpertFactory):
    """A department (or, with kind="partner", a partner library), kept by `branch`."""

    kind = Expert.Kind.DEPARTMENT
    user = None
    name = factory.Sequence(lambda n: f"Department {n}")
    branch = factory.SubFactory(BranchFactory)


class ReferralFactory(factory.django.DjangoModelFactory):
    """An open referral from `referred_by` at `service_point` to `referred_to`'s person."""

    class Meta:
        model = Referral

    service_point = factory.SubFactory(ServicePointFactory)
    branch = factory.LazyAttribute(lambda referral: referral.service_point.branch)
    referred_by = factory.SubFactory(UserFactory)
    referred_to = factory.SubFactory(ExpertFactory)
    assigned_to = factory.LazyAttribute(lambda referral: referral.referred_to.user or referral.referred_by)
    remind_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(hours=4))
    question = "Where can I find the 1920 census for our street?"
    patron_name = "Ruth Bergström"
    patron_contact = "555-0171"
