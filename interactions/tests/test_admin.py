"""The Administrator keeps the kinds of interaction in the Django admin: adds them, retires
them, never deletes them (the statistics keep their kind)."""

from django.urls import reverse

from interactions.models import InteractionKind


def test_the_administrator_adds_a_kind_of_interaction(itadmin_client):
    response = itadmin_client.post(
        reverse("admin:interactions_interactionkind_add"),
        {"name": "Notary", "counts_as_reference": "", "on_quick_log": "on", "position": "70", "is_active": "on"},
    )
    assert response.status_code == 302
    assert InteractionKind.objects.filter(name="Notary", counts_as_reference=False).exists()


def test_kinds_cannot_be_deleted_only_retired(itadmin_client, db):
    kind = InteractionKind.objects.get(name="Other")
    assert itadmin_client.get(reverse("admin:interactions_interactionkind_delete", args=[kind.pk])).status_code == 403
