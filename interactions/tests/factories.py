import factory

from interactions import rollup
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

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Saved and counted for the reports, as interaction_log counts what it logs (without
        a checklist: tests that need one log through the service)."""
        interaction = super()._create(model_class, *args, **kwargs)
        if not interaction.is_voided:
            rollup.count([(interaction, {})])
        return interaction
