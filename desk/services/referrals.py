"""Every write to the expertise directory and to referrals.

The policy: "If you don't know the answer, find someone who does. Avoid saying 'I don't
know;' use 'I can find out!'" Staff list the subjects they can help with; supervisors list
departments and partner libraries. A question is referred to someone found there; it stays
open until the patron has been answered, and the person it is referred to answers it or passes
it on. What may happen next is the table in referral_rules.py, and nowhere else."""

import datetime
import uuid

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone

from desk.models import Expert, Referral, ReferralStep, Subject
from desk.models.referrals import SUBJECT_MAX_LENGTH, subject_key
from desk.services.referral_rules import WORKFLOW
from interactions.models import Interaction
from servicedesk.lib.retention import TIMELINE_CODES, clear_records
from servicedesk.lib.workflow import TEXT_MAX_LENGTH, advance, check, new_step
from staff import access
from staff.calendar import add_open_hours
from staff.models import Branch, LibrarySettings, ServicePoint

# The directory ---------------------------------------------------------------------------------

MAX_SUBJECTS = 30


def subjects_from(text: str) -> list[Subject]:
    """The subjects named in `text`, separated by commas or semicolons: each found by its key,
    or added with the spelling typed."""
    names = [" ".join(part.split()) for part in text.replace(";", ",").split(",")]
    names = [name for name in names if name]
    errors = [f"Keep “{name[:20]}…” to {SUBJECT_MAX_LENGTH} characters." for name in names if len(name) > SUBJECT_MAX_LENGTH]
    if len(names) > MAX_SUBJECTS:
        errors.append(f"List at most {MAX_SUBJECTS} subjects.")
    if errors:
        raise ValidationError({"subjects": errors})
    by_key = {}
    for name in names:
        by_key.setdefault(subject_key(name), name)
    found = {subject.key: subject for subject in Subject.objects.filter(key__in=by_key)}
    for key, name in by_key.items():
        if key not in found:
            found[key], _ = Subject.objects.get_or_create(key=key, defaults={"name": name})
    return [found[key] for key in by_key]


def _save_entry(entry: Expert, *, subjects: str, how_to_reach: str, is_listed: bool) -> Expert:
    entry.how_to_reach = how_to_reach.strip()
    entry.is_listed = is_listed
    entry.updated_at = timezone.now()
    chosen = subjects_from(subjects)
    entry.full_clean(exclude=["user", "branch"])
    entry.save()
    entry.subjects.set(chosen)
    return entry


@transaction.atomic
def directory_entry_save_own(*, by: User, subjects: str, how_to_reach: str = "", is_listed: bool = True) -> Expert:
    """A staff member's own entry: the subjects they can help with and how to reach them."""
    if not access.may_keep_own_entry(by):
        raise PermissionDenied("Only staff who serve patrons are listed in the directory.")
    entry = Expert.objects.select_for_update().filter(user=by).first() or Expert(kind=Expert.Kind.STAFF, user=by)
    return _save_entry(entry, subjects=subjects, how_to_reach=how_to_reach, is_listed=is_listed)


@transaction.atomic
def directory_place_add(
    *, by: User, kind: str, name: str, branch: Branch, subjects: str, how_to_reach: str = ""
) -> Expert:
    """A department or partner library, kept by the supervisors of `branch` and the Director."""
    if kind == Expert.Kind.STAFF:
        raise ValidationError({"kind": "Staff members list themselves."})
    entry = Expert(kind=kind, name=" ".join(name.split()), branch=branch)
    if not access.may_edit_directory_entry(by, entry):
        raise PermissionDenied("Departments and partner libraries are listed by their branch's supervisors.")
    if not entry.name:
        raise ValidationError({"name": "Name the department or library."})
    return _save_entry(entry, subjects=subjects, how_to_reach=how_to_reach, is_listed=True)


@transaction.atomic
def directory_place_edit(
    *, entry: Expert, by: User, name: str, subjects: str, how_to_reach: str = "", is_listed: bool = True
) -> Expert:
    if entry.kind == Expert.Kind.STAFF or not access.may_edit_directory_entry(by, entry):
        raise PermissionDenied("Departments and partner libraries are kept by their branch's supervisors.")
    entry.name = " ".join(name.split())
    if not entry.name:
        raise ValidationError({"name": "Name the department or library."})
    return _save_entry(entry, subjects=subjects, how_to_reach=how_to_reach, is_listed=is_listed)


# Referring a question --------------------------------------------------------------------------

def _holder(entry: Expert, by: User) -> User:
    """Who answers a question referred to `entry`: the staff member, or for a department or a
    partner library, `by`, who follows it up with them."""
    if entry.kind != Expert.Kind.STAFF:
        return by
    if not entry.user.is_active or not access.serves_patrons(entry.user):
        raise ValidationError({"referred_to": f"{entry.display_name} no longer works at the desk: choose someone else."})
    return entry.user


def _check_entry(entry: Expert, by: User) -> None:
    if not entry.is_listed:
        raise ValidationError({"referred_to": f"{entry.display_name} is no longer in the directory: choose someone else."})
    if entry.user_id == by.pk:
        raise ValidationError({"referred_to": "That is you: choose someone else, or answer the question yourself."})


def _text(value: str, field: str, limit: int, what: str) -> str:
    value = value.strip()
    if len(value) > limit:
        raise ValidationError({field: f"Keep {what} to {limit} characters (it has {len(value)})."})
    return value


@transaction.atomic
def referral_make(
    *,
    by: User,
    service_point: ServicePoint,
    referred_to: Expert,
    question: str,
    patron_name: str = "",
    patron_contact: str = "",
    subject: str = "",
    interaction: Interaction | None = None,
    submission_key: uuid.UUID | None = None,
) -> Referral:
    """Refer a patron's question to someone in the directory ("I can find out!"), from a desk
    interaction (its service point, and only if `by` may read its question) or directly at
    `by`'s service point. The branch's supervisor sees it if it is still unanswered after
    LibrarySettings.referral_reminder_hours open hours of the service point."""
    if not access.may_refer(by):
        raise PermissionDenied("Only staff who serve patrons refer questions.")
    if submission_key is not None:
        existing = Referral.objects.filter(submission_key=submission_key, referred_by=by).first()
        if existing is not None:
            return existing
    if interaction is not None:
        if not access.may_read_interaction_confidential(by, interaction):
            raise PermissionDenied("You cannot refer that interaction's question.")
        service_point = interaction.service_point
        if Referral.objects.filter(interaction=interaction).exists():
            raise ValidationError("This question is already referred: see “Referred by me”.")
    elif not access.service_points_for(by).filter(pk=service_point.pk).exists():
        raise PermissionDenied("You cannot refer questions from that service point.")
    _check_entry(referred_to, by)
    errors = {}
    question = question.strip()
    if not question:
        errors["question"] = "Write the patron's question, so that whoever answers it knows what was asked."
    elif len(question) > TEXT_MAX_LENGTH:
        errors["question"] = f"Keep the question to {TEXT_MAX_LENGTH} characters (it has {len(question)})."
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    referral = Referral(
        branch_id=service_point.branch_id,
        service_point=service_point,
        interaction=interaction,
        subject=subjects_from(subject)[0] if subject.strip() else None,
        referred_at=now,
        referred_by=by,
        referred_to=referred_to,
        assigned_to=_holder(referred_to, by),
        remind_at=add_open_hours(service_point, now, LibrarySettings.current().referral_reminder_hours),
        question=question,
        patron_name=_text(patron_name, "patron_name", Referral.NAME_MAX_LENGTH, "the name"),
        patron_contact=_text(patron_contact, "patron_contact", Referral.CONTACT_MAX_LENGTH, "the contact"),
        submission_key=submission_key,
    )
    try:
        with transaction.atomic():
            referral.save()
    except IntegrityError:
        # The same form, sent twice at the same moment: the other request saved it.
        if submission_key is None:
            raise ValidationError("This question is already referred: see “Referred by me”.") from None
        return Referral.objects.get(submission_key=submission_key)
    new_step(WORKFLOW, referral, by=by, action="referred", to_status=referral.status, to_expert=referred_to).save()
    return referral


@transaction.atomic
def referral_answer(
    *, referral: Referral, by: User, version: int, answer: str, answered_by: str, note: str = ""
) -> Referral:
    """The patron has been answered: the answer, and how they got it. It closes the referral;
    whoever referred it sees the outcome."""
    check(WORKFLOW, referral, "answer", by=by, version=version)
    errors = {}
    answer = answer.strip()
    if not answer:
        errors["answer"] = "Write the answer the patron was given."
    elif len(answer) > TEXT_MAX_LENGTH:
        errors["answer"] = f"Keep the answer to {TEXT_MAX_LENGTH} characters (it has {len(answer)})."
    if answered_by not in Referral.AnsweredBy.values:
        errors["answered_by"] = "Say how the patron was given the answer."
    if errors:
        raise ValidationError(errors)
    return advance(
        WORKFLOW, referral, "answer", by=by, version=version, note=note,
        answer=answer, answered_by=answered_by, answered_at=timezone.now(),
    )


@transaction.atomic
def referral_pass_on(*, referral: Referral, by: User, version: int, to: Expert, note: str = "") -> Referral:
    """Someone else can answer it better: it goes to them (to a department or partner library,
    `by` follows it up), with a note saying why. It stays open."""
    check(WORKFLOW, referral, "pass_on", by=by, version=version)
    _check_entry(to, by)
    holder = _holder(to, by)
    if holder.pk == referral.assigned_to_id and to.pk == referral.referred_to_id:
        raise ValidationError({"to": f"It is already with {to.display_name}."})
    advance(WORKFLOW, referral, "pass_on", by=by, version=version, note=note, referred_to=to, assigned_to=holder)
    # The timeline says to whom (the kernel writes the step; the entry is this workflow's).
    ReferralStep.objects.filter(pk=referral.steps.order_by("-pk").values("pk")[:1]).update(to_expert=to)
    return referral


# Retention -------------------------------------------------------------------------------------

# What a referral keeps when it is de-identified, beyond its codes (fields with choices):
# nothing of its text (the question, the patron's name and contact, the answer); its timeline
# keeps what was done. desk/tests/test_referral_retention.py asserts it.
KEEP = {Referral: (), ReferralStep: TIMELINE_CODES}


def referrals_to_deidentify(*, before: datetime.datetime) -> QuerySet:
    """Answered referrals with no step since `before`, not yet de-identified."""
    recent_step = ReferralStep.objects.filter(referral=OuterRef("pk"), at__gte=before)
    return Referral.objects.filter(
        status=Referral.Status.ANSWERED, answered_at__lt=before, deidentified_at__isnull=True
    ).exclude(Exists(recent_step))


@transaction.atomic
def referrals_deidentify(*, before: datetime.datetime) -> int:
    """Answered referrals past the library's feedback retention period lose the patron's name
    and contact, the question, the answer and their timeline's notes; who referred it to whom,
    when, the subject and how it was answered stay."""
    pks = list(referrals_to_deidentify(before=before).values_list("pk", flat=True))
    return clear_records(Referral, pks, keep=KEEP, deidentified_at=timezone.now(), version=F("version") + 1)
