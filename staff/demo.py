"""Staff's part of the demo library (`manage.py seed_demo`, library/demo.py): its branches,
service points, staff accounts, their opening hours and who works which desk. The other apps'
parts (patrons, interactions, checklists, feedback) are in each app's demo.py and build on
this one.

Everything is made from fixed seeds, so that two runs, or two developers' machines, show
the same people. All e-mail addresses are at example.* domains (RFC 2606), so that nothing
in the demo can write to a real person.
"""

import bisect
import datetime
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import CommandError

from staff import roles
from staff.models import Branch, LibrarySettings, OpeningHours, ServicePoint, StaffProfile

DEMO_SEED = 2026
DEMO_PASSWORD = "demo"

BRANCHES = [("main", "Main"), ("east", "Eastside")]
# What the demo's letters are headed and signed with (staff/models.py).
LIBRARY_NAME = "Riverside Public Library"
LETTERHEADS = {
    "main": ("Riverside Main Library", "1 Library Square\nRiverside RV1 2AB"),
    "east": ("Eastside Branch Library", "48 Station Road\nRiverside RV4 7CD"),
}
# branch code, name, kind
SERVICE_POINTS = [
    ("main", "Circulation desk", ServicePoint.Kind.CIRCULATION),
    ("main", "Reference desk", ServicePoint.Kind.REFERENCE),
    ("main", "Children's desk", ServicePoint.Kind.CHILDRENS),
    ("main", "Phone line", ServicePoint.Kind.PHONE),
    ("east", "Circulation desk", ServicePoint.Kind.CIRCULATION),
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    roles: tuple[str, ...]
    branches: tuple[str, ...]  # branch codes
    is_staff: bool = False
    # Where the account is offered to work first: (branch code, service point name).
    service_point: tuple[str, str] | None = None
    job_title: str = ""


ACCOUNTS = [
    DemoAccount(
        "desk", "Maya", "Okafor", (roles.DESK,), ("main",), service_point=("main", "Circulation desk"),
        job_title="Library Assistant",
    ),
    DemoAccount(
        "desk2", "Tomas", "Lindqvist", (roles.DESK,), ("main",), service_point=("main", "Reference desk"),
        job_title="Reference Librarian",
    ),
    DemoAccount(
        "eastdesk", "Priya", "Raman", (roles.DESK,), ("east",), service_point=("east", "Circulation desk"),
        job_title="Library Assistant",
    ),
    DemoAccount(
        "supervisor", "Grace", "Holloway", (roles.SUPERVISOR, roles.DESK), ("main",),
        service_point=("main", "Circulation desk"), job_title="Customer Services Supervisor",
    ),
    DemoAccount("director", "Samuel", "Ortiz", (roles.DIRECTOR,), ("main", "east"), job_title="Library Director"),
    DemoAccount("itadmin", "Alex", "Chen", (roles.ADMINISTRATOR,), (), is_staff=True),
]

# The staff who work the desks of each branch, and how much of their day they spend there.
DESK_STAFF = {"main": [("desk", 40), ("desk2", 40), ("supervisor", 20)], "east": [("eastdesk", 100)]}

# Weekday (Monday 0) -> (opening hour, closing hour). Sunday closed.
OPENING_HOURS = {0: (9, 20), 1: (9, 20), 2: (9, 20), 3: (9, 20), 4: (9, 20), 5: (10, 17)}
# The demo's desk activity covers the last 60 days.
DEMO_DAYS = 60


def picker(rng: random.Random, weighted: dict) -> Callable[[], object]:
    """A function that draws one key of `weighted`, by weight, with a single random()."""
    items = [(value, weight) for value, weight in weighted.items() if weight > 0]
    values = [value for value, _ in items]
    cumulative = list(itertools.accumulate(weight for _, weight in items))
    total, last, draw = cumulative[-1], len(values) - 1, rng.random
    return lambda: values[bisect.bisect(cumulative, draw() * total, 0, last)]


# Places and people ------------------------------------------------------------------------

def ensure_branches() -> tuple[dict[str, Branch], int]:
    """The demo branches by code, with their opening hours and letterheads, and how many were
    added. A letterhead the library has filled in stays as it is."""
    branches, added = {}, 0
    for code, name in BRANCHES:
        full_name, address = LETTERHEADS[code]
        branches[code], was_created = Branch.objects.get_or_create(
            code=code, defaults={"name": name, "full_name": full_name, "address": address}
        )
        added += was_created
    library = LibrarySettings.current()
    if library.library_name == LibrarySettings._meta.get_field("library_name").default:
        library.library_name = LIBRARY_NAME
        library.save(update_fields=["library_name"])
    with_hours = set(OpeningHours.objects.filter(branch__in=branches.values()).values_list("branch_id", flat=True))
    OpeningHours.objects.bulk_create(
        OpeningHours(branch=branch, weekday=weekday, opens=datetime.time(opens), closes=datetime.time(closes))
        for branch in branches.values()
        if branch.pk not in with_hours
        for weekday, (opens, closes) in OPENING_HOURS.items()
    )
    return branches, added


def ensure_service_points(branches: dict[str, Branch]) -> tuple[dict[tuple[str, str], ServicePoint], int]:
    """The demo service points by (branch code, name), and how many were added."""
    points, added = {}, 0
    for code, name, kind in SERVICE_POINTS:
        point, was_created = ServicePoint.objects.get_or_create(
            branch=branches[code], name=name, defaults={"kind": kind}
        )
        point.branch = branches[code]  # spares a query per point when its branch is read later
        points[code, name] = point
        added += was_created
    return points, added


def ensure_accounts(branches, points) -> tuple[dict, int]:
    """The demo accounts by username, and how many were added. An existing account keeps
    its password; missing roles and branches are added, none is taken away."""
    groups = {group.name: group for group in Group.objects.filter(name__in=roles.ALL)}
    missing = set(roles.ALL) - set(groups)
    if missing:
        raise CommandError(f"The role groups {', '.join(sorted(missing))} are missing: run `manage.py migrate` first.")
    users, added = {}, 0
    for account in ACCOUNTS:
        user, was_created = get_user_model().objects.get_or_create(
            username=account.username,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "email": f"{account.username}@library.example.org",
                "is_staff": account.is_staff,
            },
        )
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            added += 1
        user.groups.add(*(groups[name] for name in account.roles))
        profile, _ = StaffProfile.objects.get_or_create(
            user=user,
            defaults={
                "last_service_point": points[account.service_point] if account.service_point else None,
                "job_title": account.job_title,
            },
        )
        if account.branches:
            profile.branches.add(*(branches[code] for code in account.branches))
        users[account.username] = user
    return users, added


def describe_account(account: DemoAccount) -> str:
    """"Supervisor and Desk staff, Main", as the sign-in table shows it."""
    names = dict(BRANCHES)
    where = " and ".join(names[code] for code in account.branches) or "no branch"
    return f"{' and '.join(account.roles)}, {where}"
