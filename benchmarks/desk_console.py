"""Measure the desk console and patron look-up at volume.

    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/servicedesk_bench \\
        .venv/bin/python benchmarks/desk_console.py --seed-interactions 1000000 --seed-patrons 100000

Seeds volume with `seed_demo` (skip the --seed-* options to measure what is there), adds a
busy day at the Main reference desk, then times requests through Django's test client
in-process (no network) and counts their queries. Results are recorded in benchmarks/README.md.
"""

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "servicedesk.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from interactions import rollup  # noqa: E402
from interactions.models import Interaction, InteractionKind  # noqa: E402
from patrons.models import Patron  # noqa: E402
from staff.current import SESSION_KEY  # noqa: E402
from staff.models import ServicePoint  # noqa: E402


def timed(label, request, repeat):
    durations, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = request()
            durations.append((time.perf_counter() - start) * 1000)
        assert response.status_code in (200, 302), (label, response.status_code)
        queries = len(captured)
    durations.sort()
    p95 = durations[max(0, int(len(durations) * 0.95) - 1)]
    print(f"| {label} | {statistics.median(durations):.1f} ms | {p95:.1f} ms | {queries} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed-interactions", type=int, default=0)
    parser.add_argument("--seed-patrons", type=int, default=0)
    parser.add_argument("--busy-day", type=int, default=400, help="interactions today at the reference desk")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    if args.seed_interactions or args.seed_patrons:
        start = time.perf_counter()
        call_command("seed_demo", interactions=args.seed_interactions, patrons=args.seed_patrons, verbosity=0)
        print(f"seeded {args.seed_interactions:,} interactions and {args.seed_patrons:,} patrons "
              f"in {time.perf_counter() - start:.0f} s")

    desk = User.objects.get(username="desk")
    point = ServicePoint.objects.get(branch__code="main", kind="reference")
    directional = InteractionKind.objects.get(name="Directional")
    now = timezone.now()
    busy = Interaction.objects.bulk_create(
        Interaction(service_point=point, branch_id=point.branch_id, staff=desk, kind=directional, occurred_at=now - timezone.timedelta(seconds=60 * i // 4))
        for i in range(args.busy_day)
    )
    rollup.count((interaction, {}) for interaction in busy)  # the reports' counts, as logging keeps them

    client = Client()
    client.force_login(desk)
    session = client.session
    session[SESSION_KEY] = point.pk
    session.save()
    surname = Patron.objects.order_by("?").values_list("last_name", flat=True).first()
    card = Patron.objects.order_by("?").values_list("card_number", flat=True).first()

    print(f"\n{connection.vendor}: {Interaction.objects.count():,} interactions, {Patron.objects.count():,} patrons\n")
    print("| request | median | p95 | queries |")
    print("| --- | --- | --- | --- |")
    timed("GET /desk/ (console, today's log)", lambda: client.get("/desk/"), args.repeat)
    timed(
        "POST quick-log (htmx)",
        lambda: client.post(f"/desk/quick/{directional.pk}/", {"submission_key": str(uuid.uuid4())}, HTTP_HX_REQUEST="true"),
        args.repeat,
    )
    timed("POST /patrons/ look-up by name prefix", lambda: client.post("/patrons/", {"query": surname[:3]}), args.repeat)
    timed("POST /patrons/ look-up by card number", lambda: client.post("/patrons/", {"query": card}), args.repeat)

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE patrons_patron")
            cursor.execute(
                "EXPLAIN SELECT id FROM patrons_patron WHERE last_name_key LIKE %s ORDER BY last_name_key LIMIT 51",
                [surname[:3].lower() + "%"],
            )
            print("\nEXPLAIN name prefix:\n" + "\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
