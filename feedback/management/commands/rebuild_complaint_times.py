from django.core.management.base import BaseCommand
from django.db import transaction

from feedback.models import Complaint
from feedback.services.complaint_rules import count_first_steps

BATCH = 5_000


class Command(BaseCommand):
    help = (
        "Set again, from each complaint's timeline, when it was first acknowledged, first resolved "
        "or escalated, escalated and decided: what the reports' waits are measured on. The complaint "
        "workflow keeps them as staff take each step; run this after steps were written other than "
        "through the app (README.md, The reports' counts). --dry-run says how many it would count."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what would be counted, and change nothing.")

    def handle(self, *args, dry_run, **options):
        pks = list(Complaint.objects.order_by("pk").values_list("pk", flat=True))
        if dry_run:
            self.stdout.write(f"Dry run, nothing changed. It would count {len(pks):,} complaints' timelines again.")
            return
        counted = 0
        for start in range(0, len(pks), BATCH):
            batch = pks[start : start + BATCH]
            with transaction.atomic():
                counted += count_first_steps(Complaint.objects.filter(pk__gte=batch[0], pk__lte=batch[-1]))
        self.stdout.write(f"Counted {counted:,} complaints' timelines again for the reports' waits.")
