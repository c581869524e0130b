import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from desk.services.callbacks import callbacks_deidentify, callbacks_to_deidentify
from desk.services.coverage import handover_notes_deidentify, handover_notes_to_deidentify
from desk.services.referrals import referrals_deidentify, referrals_to_deidentify
from desk.services.waiting import waiting_deidentify, waiting_to_deidentify
from feedback.services.cards import cards_deidentify, cards_to_deidentify
from feedback.services.complaints import complaints_deidentify, complaints_to_deidentify
from feedback.services.reviews import reviews_deidentify, reviews_to_deidentify
from feedback.services.suggestions import suggestions_deidentify, suggestions_to_deidentify
from interactions.services import interactions_deidentify, interactions_to_deidentify
from outbox.services import messages_deidentify, messages_to_deidentify
from staff.audit import record_access
from staff.models import AccessRecord, LibrarySettings


class Command(BaseCommand):
    help = (
        "De-identify records older than the library's retention period (set by the Director "
        "in the app): interactions lose their patron link and note, waiting patrons their name; closed collection-review "
        "requests, finished complaints, replied or closed comment cards and ordered or declined "
        "purchase suggestions, finished phone callbacks and answered referrals lose the patron's link, contact details and every free text of the "
        "record and its timeline (notes, replies, letters); handover notes lose their text. Each keeps its statistical part and "
        "the date it was de-identified; e-mail not sent within the period loses its letter and addresses. "
        "Run it daily (README.md, Retention). --dry-run says what would change."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what would change, and change nothing.")

    def handle(self, *args, dry_run, **options):
        days = LibrarySettings.current().retention_days
        before = timezone.now() - datetime.timedelta(days=days)
        if dry_run:
            count = interactions_to_deidentify(before=before).count()
            self.stdout.write(
                f"Dry run, nothing changed. Retention period {days} days (before {before:%Y-%m-%d %H:%M}): "
                f"{count:,} interactions would lose their patron link and note; "
                f"{waiting_to_deidentify(before=before).count():,} waiting patrons would lose their name or description."
            )
            self.review_requests(dry_run=True)
            self.complaints(dry_run=True)
            self.cards_and_suggestions(dry_run=True)
            self.handover_notes(dry_run=True)
            self.callbacks(before, dry_run=True)
            self.referrals(dry_run=True)
            self.outbox(before, dry_run=True)
            return
        with transaction.atomic():
            count = interactions_deidentify(before=before)
            waiting = waiting_deidentify(before=before)
            record_access(actor=None, action=AccessRecord.Action.DEIDENTIFY, username="manage.py deidentify")
        self.stdout.write(
            f"Retention period {days} days (before {before:%Y-%m-%d %H:%M}): "
            f"{count:,} interactions lost their patron link and note, {waiting:,} waiting patrons their name or "
            "description; their statistics are unchanged."
        )
        self.review_requests(dry_run=False)
        self.complaints(dry_run=False)
        self.cards_and_suggestions(dry_run=False)
        self.handover_notes(dry_run=False)
        self.callbacks(before, dry_run=False)
        self.referrals(dry_run=False)
        self.outbox(before, dry_run=False)

    def review_requests(self, *, dry_run: bool) -> None:
        """Closed collection-review requests past feedback_retention_days lose the requester."""
        days = LibrarySettings.current().feedback_retention_days
        before = timezone.now() - datetime.timedelta(days=days)
        if dry_run:
            count = reviews_to_deidentify(before=before).count()
            self.stdout.write(
                f"Collection-review requests closed more than {days} days ago: "
                f"{count:,} would lose the requester's identity and every free text of the request and its timeline."
            )
            return
        count = reviews_deidentify(before=before)
        self.stdout.write(
            f"Collection-review requests closed more than {days} days ago: {count:,} lost the requester's "
            "identity and every free text of the request and its timeline; the item and the decisions stay."
        )

    def complaints(self, *, dry_run: bool) -> None:
        """Finished complaints with no activity for feedback_retention_days lose the patron's
        link, contact details and every free text."""
        days = LibrarySettings.current().feedback_retention_days
        before = timezone.now() - datetime.timedelta(days=days)
        if dry_run:
            count = complaints_to_deidentify(before=before).count()
            self.stdout.write(
                f"Complaints finished with and untouched for more than {days} days: "
                f"{count:,} would lose the patron's link and contact details and every free text of the complaint "
                "and its timeline."
            )
            return
        count = complaints_deidentify(before=before)
        self.stdout.write(
            f"Complaints finished with and untouched for more than {days} days: {count:,} lost the patron's "
            "link and contact details and every free text of the complaint and its timeline; the statistics stay."
        )

    def cards_and_suggestions(self, *, dry_run: bool) -> None:
        """Finished comment cards and purchase suggestions past feedback_retention_days lose
        the name, the contact details and every free text."""
        days = LibrarySettings.current().feedback_retention_days
        before = timezone.now() - datetime.timedelta(days=days)
        if dry_run:
            cards = cards_to_deidentify(before=before).count()
            suggestions = suggestions_to_deidentify(before=before).count()
            self.stdout.write(
                f"Comment cards replied to or closed and untouched for more than {days} days: {cards:,} would lose "
                f"the name and contact and every free text. Purchase suggestions decided more than {days} days ago: "
                f"{suggestions:,} would lose who suggested them and the reason they were told."
            )
            return
        cards = cards_deidentify(before=before)
        suggestions = suggestions_deidentify(before=before)
        self.stdout.write(
            f"Comment cards replied to or closed and untouched for more than {days} days: {cards:,} lost the name "
            f"and contact and every free text; the kind and the dates stay. Purchase suggestions decided more than "
            f"{days} days ago: {suggestions:,} lost who suggested them and the reason; the item and the decision stay."
        )

    def handover_notes(self, *, dry_run: bool) -> None:
        """Handover notes written before the retention period lose their text, like interactions' notes."""
        days = LibrarySettings.current().retention_days
        before = timezone.now() - datetime.timedelta(days=days)
        if dry_run:
            count = handover_notes_to_deidentify(before=before).count()
            self.stdout.write(f"Handover notes written more than {days} days ago: {count:,} would lose their text.")
            return
        count = handover_notes_deidentify(before=before)
        self.stdout.write(f"Handover notes written more than {days} days ago: {count:,} lost their text.")

    def callbacks(self, before, *, dry_run: bool) -> None:
        """Finished phone callbacks past the retention period (the interactions' one: a callback
        is a desk contact) lose the caller's name and number and every free text."""
        if dry_run:
            count = callbacks_to_deidentify(before=before).count()
            self.stdout.write(
                f"Phone callbacks finished before {before:%Y-%m-%d %H:%M}: {count:,} would lose the caller's name "
                "and number and every free text of the callback and its timeline."
            )
            return
        count = callbacks_deidentify(before=before)
        self.stdout.write(
            f"Phone callbacks finished before {before:%Y-%m-%d %H:%M}: {count:,} lost the caller's name and number "
            "and every free text; where, when and what came of them (done, no answer, cancelled) stay."
        )

    def referrals(self, *, dry_run: bool) -> None:
        """Answered referrals past feedback_retention_days lose the question, the patron's
        name and contact, the answer and their timeline's notes."""
        days = LibrarySettings.current().feedback_retention_days
        before = timezone.now() - datetime.timedelta(days=days)
        if dry_run:
            count = referrals_to_deidentify(before=before).count()
            self.stdout.write(
                f"Referrals answered and untouched for more than {days} days: {count:,} would lose the question, "
                "the patron's name and contact, the answer and every note."
            )
            return
        count = referrals_deidentify(before=before)
        self.stdout.write(
            f"Referrals answered and untouched for more than {days} days: {count:,} lost the question, the patron's "
            "name and contact, the answer and every note; who referred it to whom, when and the subject stay."
        )

    def outbox(self, before, *, dry_run: bool) -> None:
        """E-mail queued before the retention period and never sent loses its letter and addresses."""
        if dry_run:
            count = messages_to_deidentify(before=before).count()
            self.stdout.write(f"E-mail older than the retention period and not sent: {count:,} would lose its letter and addresses.")
            return
        count = messages_deidentify(before=before)
        self.stdout.write(f"E-mail older than the retention period and not sent: {count:,} lost its letter and addresses.")
