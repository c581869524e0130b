"""`manage.py seed_demo`: a small library to try the app with, and volume for benchmarks.

The demo set (branches, service points, six accounts, 200 patrons, 2,000 interactions, a few
complaints and collection-review requests) is made once, each app making its own part
(library/demo.py): a second run finds it and adds nothing. `--patrons`, `--interactions`,
`--complaints`, `--reviews`, `--cards` and `--suggestions` add that many more every time, over
the last `--days` days, in batches (COPY on PostgreSQL), for benchmarks (`make bench`).
"""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from desk.models import Callback
from feedback import demo_volume as feedback_volume
from feedback.models import CommentCard, Complaint, PurchaseSuggestion, ReviewRequest
from interactions import demo as interactions_demo
from interactions.models import Interaction
from library.demo import Created, ensure_demo_library
from patrons import demo as patrons_demo
from patrons.models import Patron
from policy.models import DeskSession
from staff import demo as staff_demo
from staff.models import Branch, ServicePoint

BULK_DAYS = 365
DEFAULT_BATCH_SIZE = 5000
QUIET_MAIL = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Volume options beyond patrons and interactions: option -> (how the app adds them, the
# `Created` counter). A later record type is one line here and one function in its app.
FEEDBACK_VOLUME = {
    "complaints": (feedback_volume.add_complaints, "complaints"),
    "reviews": (feedback_volume.add_reviews, "review_requests"),
    "cards": (feedback_volume.add_cards, "comment_cards"),
    "suggestions": (feedback_volume.add_suggestions, "purchase_suggestions"),
}
DEBUG_ONLY = "seed_demo makes demo accounts with the password 'demo'; it runs only with DEBUG on."


class Command(BaseCommand):
    help = (
        "Make a demo library to try the app with: two branches, five service points, six "
        "demo accounts with the password 'demo', 200 patrons and 2,000 interactions of the "
        "last 60 days. Running it again adds nothing that is already there. With --patrons, "
        "--interactions, --complaints, --reviews, --cards and --suggestions it also adds that "
        "many more, over the last --days days, for benchmarks. Runs only with DEBUG on."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--patrons", type=int, default=0, metavar="M", help="Add M more patrons for benchmarks (every run)."
        )
        parser.add_argument(
            "--interactions",
            type=int,
            default=0,
            metavar="N",
            help="Add N more interactions over the last --days days for benchmarks (every run).",
        )
        for option in FEEDBACK_VOLUME:
            parser.add_argument(
                f"--{option}", type=int, default=0, metavar="N",
                help=f"Add N more {option} with their timelines over the last --days days (every run).",
            )
        parser.add_argument(
            "--days",
            type=int,
            default=BULK_DAYS,
            metavar="D",
            help=f"Spread the added interactions over the last D days (default {BULK_DAYS}).",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help=f"Rows per insert and transaction when adding (default {DEFAULT_BATCH_SIZE:,}).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be added, and save nothing."
        )
        parser.add_argument(
            "--site",
            default="http://127.0.0.1:8000",
            help="Where the app is served, for the sign-in address printed at the end.",
        )

    def handle(self, *args, patrons, interactions, days, batch_size, dry_run, site, **options):
        if not settings.DEBUG:
            raise CommandError(DEBUG_ONLY)
        volume = {option: options[option] for option in FEEDBACK_VOLUME}
        if min(patrons, interactions, *volume.values()) < 0:
            raise CommandError("--patrons, --interactions and the other volume options are how many to add: give 0 or more.")
        if batch_size < 1 or days < 1:
            raise CommandError("--batch-size and --days must be 1 or more.")

        now = timezone.now()
        created = Created()
        # The demo's notifications and letters, sent when the transaction commits, would fill
        # the terminal: they stay in memory.
        with override_settings(MAILERS=QUIET_MAIL), transaction.atomic():
            branches, points, users = ensure_demo_library(now, created)
            if dry_run:
                self.print_summary(created, dry_run=True)
                transaction.set_rollback(True)
        if dry_run:
            if patrons or interactions or any(volume.values()):
                more = "".join(f", {count:,} {option}" for option, count in volume.items() if count)
                self.stdout.write(f"Then it would add {patrons:,} patrons and {interactions:,} interactions{more}.")
            return

        if patrons:
            self.add_patrons(patrons, branches, now, batch_size, created)
        if interactions:
            self.add_interactions(interactions, points, users, now, days, batch_size, created)
        for option, count in volume.items():
            if count:
                self.add_feedback(option, count, points, users, now, days, batch_size, created)
        self.print_summary(created)
        if (patrons or interactions or any(volume.values())) and connection.vendor == "postgresql":
            # Each added interaction was updated once (created_at), leaving a dead row.
            self.stdout.write("Before measuring, run VACUUM ANALYZE so that the planner knows the new rows.")
        self.print_sign_ins(site)

    def add_patrons(self, count, branches, now, batch_size, created):
        self.stdout.write(f"Adding {count:,} patrons for benchmarks…")
        created.patrons += patrons_demo.add_patrons(
            count=count,
            branches=branches,
            today=timezone.localdate(now),
            batch_size=batch_size,
            progress=self.progress_printer("patrons", count),
        )

    def add_interactions(self, count, points, users, now, days, batch_size, created):
        self.stdout.write(f"Adding {count:,} interactions over the last {days:,} days for benchmarks…")
        created.interactions += interactions_demo.add_interactions(
            count=count,
            points=points,
            users=users,
            now=now,
            days=days,
            batch_size=batch_size,
            progress=self.progress_printer("interactions", count),
        )

    def add_feedback(self, option, count, points, users, now, days, batch_size, created):
        add, counter = FEEDBACK_VOLUME[option]
        self.stdout.write(f"Adding {count:,} {option} over the last {days:,} days for benchmarks…")
        added = add(count=count, points=points, users=users, now=now, days=days, batch_size=batch_size,
                    progress=self.progress_printer(option, count))
        setattr(created, counter, getattr(created, counter) + added)

    def progress_printer(self, what, total):
        """Prints a line at most every two seconds, and at the end."""
        started = time.monotonic()
        last_printed = started

        def progress(done):
            nonlocal last_printed
            current = time.monotonic()
            if done < total and current - last_printed < 2:
                return
            last_printed = current
            elapsed = current - started
            rate = f", {done / elapsed:,.0f} a second" if elapsed > 0 else ""
            self.stdout.write(f"  {done:,} of {total:,} {what} ({elapsed:,.1f} s{rate})")

        return progress

    def print_summary(self, created, *, dry_run=False):
        usernames = [account.username for account in staff_demo.ACCOUNTS]
        rows = [
            ("Branches", created.branches, Branch.objects.count()),
            ("Service points", created.service_points, ServicePoint.objects.count()),
            ("Demo accounts", created.accounts, get_user_model().objects.filter(username__in=usernames).count()),
            ("Patrons", created.patrons, Patron.objects.count()),
            ("Interactions", created.interactions, Interaction.objects.count()),
            ("Desk sessions", created.desk_sessions, DeskSession.objects.count()),
            ("Complaints", created.complaints, Complaint.objects.count()),
            ("Review requests", created.review_requests, ReviewRequest.objects.count()),
            ("Comment cards", created.comment_cards, CommentCard.objects.count()),
            ("Suggestions", created.purchase_suggestions, PurchaseSuggestion.objects.count()),
            ("Callbacks", created.callbacks, Callback.objects.count()),
        ]
        if dry_run:
            self.stdout.write("Dry run: nothing was saved. A run would add:")
        else:
            self.stdout.write(self.style.SUCCESS("Demo library ready."))
        self.stdout.write(f"  {'':<16}{'added':>10}{'in all':>12}")
        for label, added, total in rows:
            self.stdout.write(f"  {label:<16}{added:>10,}{total:>12,}")

    def print_sign_ins(self, site):
        url = f"{site.rstrip('/')}{reverse('login')}"
        self.stdout.write(f'\nSign in at {url} with password "demo" as:')
        width = max(len(account.username) for account in staff_demo.ACCOUNTS)
        for account in staff_demo.ACCOUNTS:
            self.stdout.write(f"  {account.username:<{width}}  ({staff_demo.describe_account(account)})")
        self.stdout.write("(An account made earlier keeps the password it has.)")
