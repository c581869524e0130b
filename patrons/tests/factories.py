import factory

from patrons.models import Patron
from staff.tests.factories import BranchFactory


class PatronFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Patron

    card_number = factory.Sequence(lambda n: f"2{n:013d}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Faker("email")
    phone = factory.Faker("numerify", text="555-###-####")
    address = factory.Faker("address")
    birth_date = factory.Faker("date_of_birth", minimum_age=5, maximum_age=90)
    home_branch = factory.SubFactory(BranchFactory)
