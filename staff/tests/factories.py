import datetime

import factory
from django.contrib.auth.models import Group, User

from staff.models import AccessRecord, Branch, OpeningHours, ServicePoint, StaffProfile


class BranchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Branch
        django_get_or_create = ["code"]

    name = factory.Sequence(lambda n: f"Branch {n}")
    code = factory.Sequence(lambda n: f"branch-{n}")


class ServicePointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServicePoint

    branch = factory.SubFactory(BranchFactory)
    name = factory.Sequence(lambda n: f"Desk {n}")
    kind = ServicePoint.Kind.REFERENCE


class UserFactory(factory.django.DjangoModelFactory):
    """A staff account with a profile. `roles` names groups; `branches` the home branches."""

    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("demo")

    @factory.post_generation
    def roles(self, create, names, **kwargs):
        if create and names:
            self.groups.add(*Group.objects.filter(name__in=names))

    @factory.post_generation
    def branches(self, create, branches, **kwargs):
        if create:
            profile, _ = StaffProfile.objects.get_or_create(user=self)
            if branches:
                profile.branches.add(*branches)


class StaffProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffProfile

    user = factory.SubFactory(UserFactory)


class AccessRecordFactory(factory.django.DjangoModelFactory):
    """A read of a patron's registration details, unless told otherwise."""

    class Meta:
        model = AccessRecord

    actor = factory.SubFactory(UserFactory)
    actor_username = factory.LazyAttribute(lambda entry: entry.actor.username if entry.actor else "")
    action = AccessRecord.Action.READ_PATRON_DETAILS
    record_type = "patron"
    record_id = factory.Sequence(lambda n: n + 1)
    branch = factory.SubFactory(BranchFactory)
    page = factory.LazyAttribute(lambda entry: f"/patrons/{entry.record_id}/")


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    branch = factory.SubFactory(BranchFactory)
    weekday = OpeningHours.Weekday.MONDAY
    opens = datetime.time(9)
    closes = datetime.time(20)
