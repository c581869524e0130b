"""Reads of policies. Policies are not confidential: everyone who serves patrons reads every
policy and every version. Who may publish, and whose acknowledgments a person sees, are
decided in staff/access/ (may_publish_policy, staff_acknowledgments_visible_to)."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from policy.models import Acknowledgment, Policy, PolicyVersion, Principle
from servicedesk.lib import shared_cache
from staff import access, roles

SEARCH_MAX_LENGTH = 200


def in_effect() -> QuerySet[PolicyVersion]:
    """The current version of each policy: the newest whose effective date has come."""
    today = timezone.localdate()
    newer = PolicyVersion.objects.filter(
        policy=OuterRef("policy"), effective_on__lte=today, number__gt=OuterRef("number")
    )
    return PolicyVersion.objects.filter(effective_on__lte=today).exclude(Exists(newer))


def policy_references() -> list[str]:
    """What a complaint may name as "the library policy it concerns": each policy in effect,
    and each of its sections."""
    references = []
    for version in in_effect().select_related("policy").order_by("policy__title"):
        references.append(version.policy.title)
        sections = version.principles.order_by("position").values_list("section", flat=True)
        references += [f"{version.policy.title}: {section}" for section in dict.fromkeys(sections)]
    return references


def get_policy(pk: int) -> Policy:
    policy = Policy.objects.filter(pk=pk).first()
    if policy is None:
        raise Http404("No policy here.")
    return policy


def current_version(policy: Policy) -> PolicyVersion:
    version = in_effect().filter(policy=policy).first()
    if version is None:
        raise Http404("This policy has no version in effect yet.")
    return version


def get_version(policy: Policy, number: int) -> PolicyVersion:
    version = PolicyVersion.objects.filter(policy=policy, number=number).select_related("published_by").first()
    if version is None:
        raise Http404("No such version of this policy.")
    return version


def latest_version(policy: Policy) -> PolicyVersion:
    """The newest version published, in effect or not: a new version starts from it."""
    return policy.versions.order_by("-number").first()


@dataclass
class Section:
    title: str
    principles: list[Principle] = field(default_factory=list)


@dataclass
class LibraryEntry:
    version: PolicyVersion
    sections: list[Section] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(section.principles) for section in self.sections)


def library(*, query: str = "") -> list[LibraryEntry]:
    """Every policy in effect with its principles grouped by section, or, with a query, the
    principles whose text or rationale holds every word of it (any case). Two queries."""
    versions = list(in_effect().select_related("policy").order_by("policy__title"))
    principles = Principle.objects.filter(version__in=[version.pk for version in versions])
    for word in query.split():
        principles = principles.filter(Q(text__icontains=word) | Q(rationale__icontains=word))
    entries = {version.pk: LibraryEntry(version) for version in versions}
    for principle in principles.order_by("version", "position"):
        sections = entries[principle.version_id].sections
        if not sections or sections[-1].title != principle.section:
            sections.append(Section(principle.section))
        sections[-1].principles.append(principle)
    return [entry for entry in entries.values() if entry.sections or not query]


def sections_of(version: PolicyVersion) -> list[Section]:
    sections: list[Section] = []
    for principle in version.principles.order_by("position"):
        if not sections or sections[-1].title != principle.section:
            sections.append(Section(principle.section))
        sections[-1].principles.append(principle)
    return sections


BANNER_CACHE_GROUP = "policy-banner"


def banner_versions() -> list[PolicyVersion]:
    """The version in effect of each policy, by title, with what the banner shows of it (not
    its text). The same for everyone, so cached for the day (a version takes effect on a
    date) until a policy or a version changes (servicedesk/lib/shared_cache.py, policy/apps.py)."""

    def versions():
        return list(
            in_effect()
            .select_related("policy")
            .only("policy__title", "number", "effective_on")
            .order_by("policy__title")
        )

    return shared_cache.cached(BANNER_CACHE_GROUP, timezone.localdate().isoformat(), versions)


def unread_versions(viewer: User) -> list[PolicyVersion]:
    """The versions in effect that the viewer has not yet said they have read: the banner on
    every page. One small query of the viewer's acknowledgments, none for someone who does
    not serve patrons or when no version is in effect."""
    if not access.serves_patrons(viewer):
        return []
    versions = banner_versions()
    if not versions:
        return []
    read = set(
        Acknowledgment.objects.filter(user=viewer, version__in=[version.pk for version in versions]).values_list(
            "version_id", flat=True
        )
    )
    return [version for version in versions if version.pk not in read]


def acknowledged_at(viewer: User, version: PolicyVersion):
    return (
        Acknowledgment.objects.filter(user=viewer, version=version).values_list("acknowledged_at", flat=True).first()
    )


# Publishing and delegation ------------------------------------------------------------------

def publish_permission() -> Permission:
    app_label, codename = access.PUBLISH_PERMISSION
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def publishers() -> QuerySet:
    """The accounts the Director has delegated publishing to."""
    return (
        get_user_model()
        .objects.filter(access.holds_publish_permission())
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def delegation_candidates() -> QuerySet:
    """Whom the Director may delegate to: active staff who serve patrons, not Directors
    (who publish anyway), not delegates already."""
    return (
        access.serving_staff()
        .exclude(groups__name=roles.DIRECTOR)
        .exclude(pk__in=publishers().values("pk"))
        .order_by("last_name", "first_name", "username")
    )


# Acknowledgments ----------------------------------------------------------------------------

def acknowledgment_rows(*, viewer: User, version: PolicyVersion) -> list:
    """The staff in the viewer's scope, each with when they acknowledged the version (None
    if not yet), those who have not first. A constant number of queries."""
    when = Acknowledgment.objects.filter(version=version, user=OuterRef("pk")).values("acknowledged_at")[:1]
    staff = (
        access.staff_acknowledgments_visible_to(viewer)
        .annotate(acknowledged_at=Subquery(when))
        .prefetch_related("profile__branches")
        .select_related("profile")
        .order_by("last_name", "first_name", "username")
    )
    rows = list(staff)
    return sorted(rows, key=lambda user: user.acknowledged_at is not None)
