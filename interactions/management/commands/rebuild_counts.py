import datetime

from django.core.management.base import BaseCommand, CommandError

from interactions import rollup


def day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"“{text}” is not a date: give it as YYYY-MM-DD, e.g. 2026-01-31.") from None


class Command(BaseCommand):
    help = (
        "Count the reports' interaction counts again from the interactions themselves (and their "
        "checklists), for the library's days --from..--to (both included, widened to whole "
        "months) or, without them, for every day. The services keep the counts current as staff "
        "log, correct, undo and void; count them again after a change of TIME_ZONE, or after "
        "interactions were written other than through the app (README.md, The reports' counts). "
        "--dry-run says what it would count."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", type=day, help="The first day, YYYY-MM-DD (default: the first).")
        parser.add_argument("--to", dest="end", type=day, help="The last day, YYYY-MM-DD (default: the last).")
        parser.add_argument("--dry-run", action="store_true", help="Say what would be counted, and change nothing.")

    def handle(self, *args, start, end, dry_run, **options):
        if start and end and start > end:
            raise CommandError("--to comes on or after --from: swap the dates.")
        start, end = rollup.whole_months(start, end)
        days = f"from {start or 'the first day'} to {end or 'the last'}"
        if dry_run:
            count = rollup.counted_in(start, end).count()
            self.stdout.write(f"Dry run, nothing changed. It would count {count:,} interactions again, {days}.")
            return
        written = rollup.rebuild(start, end)
        self.stdout.write(
            f"Counted the interactions {days} again: {written['hours']:,} hour rows, {written['days']:,} day rows, "
            f"{written['breakdowns']:,} breakdown rows and {written['ticks']:,} checklist rows for the reports."
        )
