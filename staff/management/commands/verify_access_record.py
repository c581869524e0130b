from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from staff import chain
from staff.models import AccessRecord


class Command(BaseCommand):
    help = (
        "Walk the access record's hash chain from the first entry to the last and say whether "
        "it is intact: each entry must link to the hash of the entry before it and hash to "
        "what it was written with. If not, name the first entry where it breaks (id, time, "
        "why) and exit with status 1. Ends with the last entry's hash: kept elsewhere, it "
        "shows later whether the chain was rewritten up to it (--expect)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--expect",
            metavar="ID:HASH",
            help="Also require entry ID to still carry HASH, as printed by an earlier run.",
        )
        parser.add_argument("--chunk-size", type=int, default=5000, help="Entries read from the database at a time.")

    def handle(self, *args, expect, chunk_size, **options):
        rows = AccessRecord.objects.order_by("pk").values_list(*chain.COLUMNS).iterator(chunk_size=chunk_size)
        verdict = chain.verify(rows)
        self.stdout.write(f"{verdict.checked:,} entries checked.")
        if verdict.first_break:
            first = verdict.first_break
            raise CommandError(
                f"The access record's chain is broken from entry {first.id} "
                f"({timezone.localtime(first.at):%Y-%m-%d %H:%M:%S %Z}) on: {first.reason}. "
                f"Entries that do not hold, in all: {verdict.broken:,}."
            )
        if expect:
            self.check_expected(expect)
        self.stdout.write(
            f"The chain is intact. Last entry: {verdict.last_id}:{verdict.last_hash}"
            if verdict.checked
            else "The chain is intact (it is empty)."
        )

    def check_expected(self, expect: str) -> None:
        entry_id, _, expected = expect.partition(":")
        if not entry_id.isdigit() or len(expected) != 64:
            raise CommandError("--expect takes ID:HASH as printed by an earlier run.")
        found = AccessRecord.objects.filter(pk=int(entry_id)).values_list("hash", flat=True).first()
        if found != expected:
            why = "is gone" if found is None else "carries another hash"
            raise CommandError(
                f"The chain holds together but entry {entry_id} {why}: the chain was rewritten from it or before it."
            )
