from django.apps import AppConfig


class PatronsConfig(AppConfig):
    name = "patrons"

    def ready(self):
        from patrons.models import Patron
        from staff import access
        from staff.record_names import RecordKind, register

        # The access record names a patron by id only (a name or card number is what was read),
        # linked for those who may look patrons up.
        register(RecordKind(Patron, access.patron_scope, "patrons:detail", name=lambda patron: f"Patron {patron.pk}"))
