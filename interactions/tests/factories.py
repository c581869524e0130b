import factory

from interactions.models import Interaction, InteractionKind
from staff.tests.factories import ServicePointFactory, UserFactory


class InteractionKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InteractionKind
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Kind {n}")
    counts_as_reference = True


class InteractionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interaction

    service_point = factory.SubFactory(ServicePointFactory)
    branch = factory.LazyAttribute(lambda interaction: interaction.service_point.branch)
    staff = factory.SubFactory(UserFactory)
    kind = factory.SubFactory(InteractionKindFactory, name="Reference")
