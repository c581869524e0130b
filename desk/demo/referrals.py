"""The directory and referrals of the demo library: each demo staff member's subjects, a
department and a partner library, two open referrals (one waiting too long for Main's
supervisor) and an answered one. Idempotent: what a previous run made is found and kept."""

import datetime
import uuid

from django.db import transaction

from desk.models import Expert, Referral, ReferralStep
from desk.services import referrals as services
from staff.calendar import add_open_hours
from staff.models import LibrarySettings

NAMESPACE = uuid.UUID("6f0f3f5e-9a51-4d4c-9a3e-2f1d3c7c1a20")

SUBJECTS = {
    "desk": ("Local history, genealogy, Spanish", "Circulation desk; ext. 214"),
    "desk2": ("Technology, e-readers, job search, Swedish", "Reference desk; ext. 220, mornings"),
    "supervisor": ("Legal forms, tax forms, government documents", "Office behind the circulation desk; ext. 201"),
    "eastdesk": ("Job search, résumés, Hindi, Tamil", "Eastside circulation desk"),
    "director": ("Library history, partnerships", "Administration, 2nd floor"),
}

PLACES = [
    (Expert.Kind.DEPARTMENT, "Local History Room", "main",
     "Local history, genealogy, maps, city directories, newspapers on microfilm", "2nd floor; Tue–Sat 10–16; ext. 230"),
    (Expert.Kind.PARTNER, "County Law Library", "main",
     "Legal forms, court procedures, tenant law", "Courthouse, room 112; 555-0142; lawlib@county.example.org"),
]

# (key, by, to (username or place name), subject, question, patron, contact, hours ago, answer)
REFERRALS = [
    ("open-ereader", "desk", "desk2", "E-readers",
     "The patron's new e-reader does not show the library's e-books after signing in; she tried twice.",
     "Ana Delgado", "555-0188, after 3 pm", 1, None),
    ("late-tenant", "desk2", "supervisor", "Legal forms",
     "Which form does a tenant use to ask for repairs in writing? He wants to bring it in on Friday.",
     "Mr. Haddad", "haddad@example.org", 30, None),
    ("answered-census", "supervisor", "desk", "Genealogy",
     "Looking for a great-grandfather in the 1920 census; family lived on Elm Street.",
     "Ruth Bergström", "555-0171", 50,
     "Found him in the 1920 census, ward 3, sheet 12A; printed copy left at the circulation desk for pick-up."),
]


def _place(name: str) -> Expert | None:
    return Expert.objects.filter(name=name).exclude(kind=Expert.Kind.STAFF).first()


@transaction.atomic
def ensure_demo_referrals(*, users: dict, points: dict, branches: dict, now: datetime.datetime) -> int:
    """The directory entries and referrals above; returns how many referrals were added."""
    listed = set(Expert.objects.filter(user__in=[users[name] for name in SUBJECTS]).values_list("user_id", flat=True))
    for username, (subjects, how) in SUBJECTS.items():
        if users[username].pk not in listed:
            services.directory_entry_save_own(by=users[username], subjects=subjects, how_to_reach=how)
    places = set(Expert.objects.exclude(kind=Expert.Kind.STAFF).values_list("name", flat=True))
    for kind, name, branch, subjects, how in PLACES:
        if name not in places:
            services.directory_place_add(
                by=users["supervisor"], kind=kind, name=name, branch=branches[branch], subjects=subjects, how_to_reach=how
            )
    keys = {key: uuid.uuid5(NAMESPACE, key) for key, *_ in REFERRALS}
    made = set(Referral.objects.filter(submission_key__in=keys.values()).values_list("submission_key", flat=True))
    added = 0
    for key, by, to, subject, question, patron, contact, hours_ago, answer in REFERRALS:
        submission_key = keys[key]
        if submission_key in made:
            continue
        entry = Expert.objects.get(user=users[to]) if to in users else _place(to)
        referral = services.referral_make(
            by=users[by], service_point=points[("main", "Circulation desk")], referred_to=entry,
            question=question, patron_name=patron, patron_contact=contact, subject=subject,
            submission_key=submission_key,
        )
        if answer:
            services.referral_answer(
                referral=referral, by=referral.assigned_to, version=referral.version, answer=answer,
                answered_by=Referral.AnsweredBy.PHONE,
            )
        # The demo's referrals were made some hours ago (the reminder counts from then).
        then = now - datetime.timedelta(hours=hours_ago)
        reminder = LibrarySettings.current().referral_reminder_hours
        Referral.objects.filter(pk=referral.pk).update(
            referred_at=then, remind_at=add_open_hours(referral.service_point, then, reminder),
            answered_at=(then + datetime.timedelta(hours=20)) if answer else None,
        )
        ReferralStep.objects.filter(referral=referral, action="referred").update(at=then)
        ReferralStep.objects.filter(referral=referral, action="answer").update(at=then + datetime.timedelta(hours=20))
        added += 1
    return added
