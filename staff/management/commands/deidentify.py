import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from interactions.services import interactions_deidentify, interactions_to_deidentify
from staff.audit import record_access
from staff.models import AccessRecord, LibrarySettings


class Command(BaseCommand):
    help = (
        "De-identify records older than the library's retention period (set by the Director "
        "in the app): interactions lose their patron link and note and keep their statistics. "
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
                f"{count:,} interactions would lose their patron link and note."
            )
            return
        with transaction.atomic():
            count = interactions_deidentify(before=before)
            record_access(actor=None, action=AccessRecord.Action.DEIDENTIFY, username="manage.py deidentify")
        self.stdout.write(
            f"Retention period {days} days (before {before:%Y-%m-%d %H:%M}): "
            f"{count:,} interactions lost their patron link and note; their statistics are unchanged."
        )
