"""Retention: finished cards and suggestions past the feedback retention period lose who sent
them and their free text; a dry run says how many and changes nothing."""

import datetime

from django.core.management import call_command
from django.utils import timezone

from feedback.models import CommentCard, PurchaseSuggestion
from feedback.tests.factories import CommentCardFactory, PurchaseSuggestionFactory
from servicedesk.lib.retention import REMOVED

LONG_AGO = timezone.now() - datetime.timedelta(days=400)


def test_old_closed_cards_and_decided_suggestions_lose_contact_details(main_branch, supervisor, capsys):
    old = CommentCardFactory(branch=main_branch, status="closed", received_at=LONG_AGO, sent_from="abc")
    open_card = CommentCardFactory(branch=main_branch, status="new", received_at=LONG_AGO)
    recent = CommentCardFactory(branch=main_branch, status="closed")
    decided = PurchaseSuggestionFactory(branch=main_branch, status="ordered", decided_at=LONG_AGO, decided_by=supervisor)
    pending = PurchaseSuggestionFactory(branch=main_branch)

    call_command("deidentify", "--dry-run")
    assert "1 would lose the name and contact" in capsys.readouterr().out
    assert CommentCard.objects.get(pk=old.pk).name

    call_command("deidentify")
    old.refresh_from_db()
    assert (old.name, old.contact, old.sent_from) == ("", "", "")
    assert old.deidentified_at is not None and old.comment == REMOVED
    assert CommentCard.objects.get(pk=open_card.pk).name and CommentCard.objects.get(pk=recent.pk).name
    decided.refresh_from_db()
    assert (decided.contact_name, decided.contact, decided.title) == ("", "", decided.title)
    assert PurchaseSuggestion.objects.get(pk=pending.pk).contact
