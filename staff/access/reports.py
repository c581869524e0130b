"""Reports: aggregates of the statistical parts of records, never identities (roles.md:
"reports (aggregates, no identities; no cell small enough to identify a person) | own service
points | own branch | all | —")."""

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from staff import roles
from staff.access.people import NOTHING, branch_ids, has_role, is_director, service_points_for, supervises_or_directs
from staff.models import Branch, ServicePoint


def sees_reports(viewer: User) -> bool:
    """Everyone who serves patrons; the Administrator reads no patron content, not even counted."""
    return has_role(viewer, *roles.SERVING)


def sees_coverage_report(viewer: User) -> bool:
    """Desk coverage (minutes a desk was open with nobody on it) is read by those who answer
    for the branch's rota, as the coverage board is (coverage.coverage_branch_scope):
    supervisors and the Director. Desk staff open no board, and no report of it."""
    return is_director(viewer) or has_role(viewer, roles.SUPERVISOR)


def report_branches(viewer: User) -> QuerySet[Branch]:
    """The branches a person's reports may name: the Director every branch, others their own."""
    if is_director(viewer):
        return Branch.objects.all()
    if sees_reports(viewer):
        return Branch.objects.filter(pk__in=branch_ids(viewer))
    return Branch.objects.none()


def report_service_points(viewer: User) -> QuerySet[ServicePoint]:
    """The service points a person's reports may name: the Director every one, a supervisor
    every one of own branches (closed ones too: their past counts), desk staff the ones they
    work at (service_points_for)."""
    if is_director(viewer):
        return ServicePoint.objects.select_related("branch")
    if has_role(viewer, roles.SUPERVISOR):
        return ServicePoint.objects.filter(branch__in=branch_ids(viewer)).select_related("branch")
    return service_points_for(viewer)


def report_scope(viewer: User) -> Q:
    """The rows a person's reports count, over any record that carries the `branch` it
    happened at and its `service_point`: the Director all, a supervisor own branches, desk
    staff own service points (at own branches: the branch stamped on a record decides)."""
    if is_director(viewer):
        return Q()
    if has_role(viewer, roles.SUPERVISOR):
        return Q(branch__in=branch_ids(viewer))
    if sees_reports(viewer):
        points = list(service_points_for(viewer).values_list("pk", flat=True))
        return Q(branch__in=branch_ids(viewer), service_point__in=points)
    return NOTHING


def sees_feedback_reports(viewer: User) -> bool:
    """The reports of what a branch works as a team: complaints, collection reviews, comment
    cards, purchase suggestions and the checklists' follow-through. Supervisors (own branch)
    and the Director, whose queues and follow-through page these are (roles.md: complaint
    queue "own branch", cards "triage own branch", checklists "who in the branch has
    acknowledged"). Desk staff take such records but see only those they took: a count by
    service point would tell them of the others."""
    return supervises_or_directs(viewer)


def report_branch_scope(viewer: User) -> Q:
    """report_scope over the records kept by branch alone, with no service point (review
    requests, comment cards, purchase suggestions): the Director all, a supervisor own
    branches, desk staff none (their reports count their service points, which such a record
    does not name)."""
    if is_director(viewer):
        return Q()
    if has_role(viewer, roles.SUPERVISOR):
        return Q(branch__in=branch_ids(viewer))
    return NOTHING
