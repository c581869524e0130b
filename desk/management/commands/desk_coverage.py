import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from desk.services.coverage import coverage_days_missing, coverage_record_past_days


class Command(BaseCommand):
    help = (
        "Keep each service point's desk coverage (open minutes, and minutes open with nobody "
        "signed on) for every past day that is missing, from the first recorded shift (or "
        "--since) to yesterday. Days already kept are left alone, so running it again changes "
        "nothing. Run it nightly. --dry-run says what would be added."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", help="The first day to keep, YYYY-MM-DD (default: the day of the first shift).")
        parser.add_argument("--dry-run", action="store_true", help="Say what would be added, and add nothing.")

    def handle(self, *args, since, dry_run, **options):
        try:
            since = datetime.date.fromisoformat(since) if since else None
        except ValueError:
            raise CommandError(f"--since {since!r} is not a date: give it as YYYY-MM-DD, e.g. 2026-01-31.")
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        if dry_run:
            missing = coverage_days_missing(until=yesterday, since=since)
            rows = sum(len(points) for _, points in missing)
            self.stdout.write(f"Dry run, nothing changed: {rows:,} service-point days of {len(missing):,} days would be kept.")
            return
        added = coverage_record_past_days(until=yesterday, since=since)
        self.stdout.write(f"Kept the desk coverage of {added:,} service-point days up to {yesterday:%Y-%m-%d}.")
