"""Reads of the expertise directory and of referrals, each starting from what the viewer may
see (staff.access), so that the console, the lists and a referral's page never disagree
about scope. Lists show the statistical part only (who, when, the subject): the question and
the patron's contact are read on a referral's page, through staff.confidential."""

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Now
from django.utils import timezone

from desk.models import Expert, Referral, ReferralStep, Subject
from desk.models.referrals import subject_key
from staff import access
from staff.confidential import get_visible_or_404

CONSOLE_ROWS = 8
LIST_ROWS = 50


# The directory ---------------------------------------------------------------------------------

def directory_visible_to(viewer: User) -> QuerySet[Expert]:
    """The listed entries the viewer may see (staff.access.directory_scope), with their
    subjects and people: three queries whatever the size of the directory."""
    return (
        Expert.objects.filter(access.directory_scope(viewer))
        .select_related("user", "branch")
        .prefetch_related(Prefetch("subjects", queryset=Subject.objects.order_by("key")))
        .order_by("kind", "name", "user__first_name", "user__last_name", "user__username", "pk")
    )


def search_directory(viewer: User, query: str) -> QuerySet[Expert]:
    """Entries with a subject matching every word of `query`, in part, whatever the case and
    the accents ("geneal" finds Genealogy, "espanol" finds Español)."""
    entries = directory_visible_to(viewer)
    for word in subject_key(query).split():
        entries = entries.filter(Exists(Subject.objects.filter(experts=OuterRef("pk"), key__contains=word)))
    return entries


def own_entry(viewer: User) -> Expert | None:
    return Expert.objects.filter(user=viewer).prefetch_related("subjects").first()


def get_place_for(viewer: User, pk: int) -> Expert:
    """A department or partner library the viewer may edit (listed or not); otherwise 404."""
    places = Expert.objects.exclude(kind=Expert.Kind.STAFF).prefetch_related("subjects").select_related("branch")
    return get_visible_or_404(viewer, places, pk, may=access.may_edit_directory_entry, message="No such entry here.")


# Referrals -------------------------------------------------------------------------------------

def referrals_visible_to(viewer: User) -> QuerySet[Referral]:
    """Every referral the viewer may see (staff.access.referral_scope)."""
    return Referral.objects.filter(access.referral_scope(viewer))


def with_late(referrals: QuerySet) -> QuerySet[Referral]:
    """`late`: still open past the time the supervisor is reminded of it."""
    late = Q(status=Referral.Status.OPEN, remind_at__lte=Now())
    return referrals.annotate(late=ExpressionWrapper(late, output_field=BooleanField()))


def _rows(referrals: QuerySet) -> QuerySet[Referral]:
    return with_late(referrals).select_related(
        "referred_by", "assigned_to", "referred_to__user", "subject", "branch"
    ).only(
        "referred_at", "status", "remind_at", "answered_at", "branch__name", "subject__name",
        "referred_by__username", "referred_by__first_name", "referred_by__last_name",
        "assigned_to__username", "assigned_to__first_name", "assigned_to__last_name",
        "referred_to__kind", "referred_to__name", "referred_to__user__username",
        "referred_to__user__first_name", "referred_to__user__last_name",
    )


def get_referral_for(viewer: User, pk: int, *, may=None) -> Referral:
    """The referral, if the viewer may see it (with `may`, a staff.access predicate: do that to
    it); otherwise 404, exactly as for one that does not exist."""
    return get_visible_or_404(
        viewer,
        with_late(referrals_visible_to(viewer)).select_related(
            "referred_by", "assigned_to", "referred_to__user", "subject", "branch", "service_point", "interaction"
        ),
        pk,
        may=may,
        message="No referral here.",
    )


def referral_timeline(referral: Referral) -> list[ReferralStep]:
    return list(referral.steps.select_related("by", "to_expert__user"))


@dataclass
class Shelf:
    """A list on the console or /referrals/: its first rows, and whether there are more."""

    rows: list[Referral]
    more: bool


def _shelf(referrals: QuerySet, limit: int) -> Shelf:
    rows = list(referrals[: limit + 1])
    return Shelf(rows=rows[:limit], more=len(rows) > limit)


def referred_to_me(viewer: User, *, limit: int = LIST_ROWS) -> Shelf:
    """Open referrals the viewer is to answer, oldest first: one query."""
    return _shelf(
        _rows(referrals_visible_to(viewer).filter(assigned_to=viewer, status=Referral.Status.OPEN)).order_by("referred_at", "pk"),
        limit,
    )


def waiting_too_long(viewer: User, *, limit: int = LIST_ROWS) -> Shelf | None:
    """For a supervisor (own branch) and the Director (all): open referrals unanswered after
    the reminder's open hours, oldest first; None for whoever is not reminded (no query)."""
    if not access.supervises_or_directs(viewer):
        return None
    late = referrals_visible_to(viewer).filter(
        access.referral_reminder_scope(viewer), status=Referral.Status.OPEN, remind_at__lte=timezone.now()
    )
    return _shelf(_rows(late).order_by("remind_at", "pk"), limit)


def referred_by_me(viewer: User, *, limit: int = LIST_ROWS) -> Shelf:
    """What became of the questions the viewer referred, newest first: one query."""
    return _shelf(_rows(referrals_visible_to(viewer).filter(referred_by=viewer)).order_by("-referred_at", "-pk"), limit)


def open_at_my_branches(viewer: User, *, limit: int = LIST_ROWS) -> Shelf | None:
    """For a supervisor and the Director: every open referral they oversee, oldest first."""
    if not access.supervises_or_directs(viewer):
        return None
    open_ = referrals_visible_to(viewer).filter(access.referral_reminder_scope(viewer), status=Referral.Status.OPEN)
    return _shelf(_rows(open_).order_by("referred_at", "pk"), limit)


def console_referrals(viewer: User) -> dict:
    """The console's section: what is referred to the viewer, and for a supervisor or the
    Director what waits too long. At most two queries whatever the number of referrals."""
    return {
        "referred_to_me": referred_to_me(viewer, limit=CONSOLE_ROWS),
        "referrals_waiting": waiting_too_long(viewer, limit=CONSOLE_ROWS),
    }
