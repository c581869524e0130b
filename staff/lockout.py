"""When a sign-in is locked, and for how long.

A lock holds one username at one terminal (servicedesk.lib.client.client_address), so a
colleague cannot lock someone out of the whole library and the person can always sign in at
another terminal. It is a cool-off, never a hard lock: SIGN_IN_COOL_OFF once the failures at
that terminal reach AXES_FAILURE_LIMIT, twice as long for each wrong password after that,
at most SIGN_IN_COOL_OFF_MAX. A successful sign-in there, or an unlock, starts again from
nothing; so does a day without a failure there.

django-axes decides; this module gives it the rule (settings.AXES_COOLOFF_TIME and
AXES_HANDLER), and staff.access lists the same locks for those who may lift them.
"""

import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Case, DurationField, Exists, F, Max, OuterRef, QuerySet, Subquery, Sum, Value, When
from django.shortcuts import render
from django.utils import timezone

# Failures are forgotten this long after the last one at a terminal, unless a lock lasts longer.
MEMORY = datetime.timedelta(days=1)
# Enough doublings for any cap; beyond them 2**n would only overflow a timedelta.
MAX_DOUBLINGS = 20


def cool_off_after(failures: int) -> datetime.timedelta:
    """How long a lock lasts after the last of `failures` wrong passwords at one terminal."""
    doublings = min(max(failures - settings.AXES_FAILURE_LIMIT, 0), MAX_DOUBLINGS)
    return min(settings.SIGN_IN_COOL_OFF * 2**doublings, settings.SIGN_IN_COOL_OFF_MAX)


def cool_off(request=None) -> datetime.timedelta:
    """settings.AXES_COOLOFF_TIME: the cool-off of the account and terminal of this sign-in,
    which the locked page states."""
    username = get_client_username(request) if request is not None else None
    address = getattr(request, "axes_ip_address", None)
    if not username or not address:
        return settings.SIGN_IN_COOL_OFF
    return cool_off_after(_tally(username, address)[0])


def locked_out(request, original_response=None, credentials=None):
    """settings.AXES_LOCKOUT_CALLABLE: the locked page, saying how long and until when (the
    plain template axes renders knows only the cool-off, not when the lock began)."""
    failures, last = _tally(get_client_username(request, credentials), request.axes_ip_address)
    lasts = cool_off_after(failures)
    context = {
        "failures": failures,
        "minutes": int(lasts.total_seconds() // 60),
        "locked_until": (last or timezone.now()) + lasts,
        "most_minutes": int(settings.SIGN_IN_COOL_OFF_MAX.total_seconds() // 60),
    }
    return render(request, "registration/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


def memory() -> datetime.timedelta:
    return max(MEMORY, settings.SIGN_IN_COOL_OFF_MAX)


def _tally(username: str, address: str) -> tuple[int, datetime.datetime | None]:
    """All failures of a username at a terminal (from any browser there), and the last one's time."""
    totals = AccessAttempt.objects.filter(username=username, ip_address=address).aggregate(
        failures=Sum("failures_since_start"), last=Max("attempt_time")
    )
    return totals["failures"] or 0, totals["last"]


class LockoutHandler(AxesDatabaseHandler):
    """axes' database handler with the cool-off above. Axes counts only the failures within
    one cool-off and forgets everything older than the asking request's cool-off; with a
    cool-off that grows with the failures, that would forget the failures that make a lock
    longer, and one person's short cool-off would end another terminal's longer lock."""

    def get_failures(self, request, credentials=None) -> int:
        """Every failure of this username at this terminal while the last one is within its
        cool-off; none once it has passed, so the next wrong password locks again, for longer."""
        failures, last = _tally(get_client_username(request, credentials), request.axes_ip_address)
        if last is None or last + cool_off_after(failures) <= timezone.now():
            return 0
        return failures

    def clean_expired_user_attempts(self, request=None, credentials=None) -> int:
        count, _ = AccessAttempt.objects.filter(attempt_time__lte=timezone.now() - memory()).delete()
        return count


def lockouts_now() -> QuerySet:
    """Locks in force just now, by the rule LockoutHandler.get_failures applies: one row per
    lock (its latest attempt), with `failures` and `locked_until`."""
    same_lock = AccessAttempt.objects.filter(username=OuterRef("username"), ip_address=OuterRef("ip_address"))
    failures = same_lock.order_by().values("username").annotate(total=Sum("failures_since_start")).values("total")
    return (
        AccessAttempt.objects.exclude(Exists(same_lock.filter(attempt_time__gt=OuterRef("attempt_time"))))
        .annotate(failures=Subquery(failures))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .annotate(locked_until=F("attempt_time") + _cool_off_by_failures())
        .filter(locked_until__gt=timezone.now())
        .order_by("-attempt_time")
    )


def _cool_off_by_failures() -> Case:
    """cool_off_after(failures) in SQL: one step per doubling below the cap."""
    steps = []
    for doublings in range(MAX_DOUBLINGS + 1):
        step = settings.SIGN_IN_COOL_OFF * 2**doublings
        if step >= settings.SIGN_IN_COOL_OFF_MAX:
            break
        steps.append(When(failures=settings.AXES_FAILURE_LIMIT + doublings, then=Value(step)))
    return Case(*steps, default=Value(settings.SIGN_IN_COOL_OFF_MAX), output_field=DurationField())
