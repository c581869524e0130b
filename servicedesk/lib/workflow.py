"""The workflow kernel: what every record with a lifecycle shares (complaints, review
requests, comment cards, purchase suggestions; next, callbacks and referrals).

A workflow is its table and its letters. The table (`Workflow`) has one row (`Step`) per step
a person may take: from which statuses, to which one (or none: the status stays), who may take
it, and the sentence that explains a refusal. `advance()` checks a row and takes it: refused
for someone who may not (PermissionDenied), for a copy saved meanwhile by someone else
(EditConflict), for a record in the wrong status (ValidationError, with the row's sentence);
otherwise it saves the record's changes with the versioned update and writes the step on the
record's timeline. `available()` lists the steps a person may take now, for the record's page.

Why not django-fsm-2: its transitions are model methods that carry the side effects (ours live
in services, style.md), its ConcurrentTransitionMixin compares only the state field, so two
edits that keep the status (assigning, drafting a response, a recommendation) would still
overwrite each other, and its TransitionNotAllowed carries none of our sentences. The same
version check also guards patrons, interactions and checklists, which have no states at all;
the kernel is under two hundred lines and needs no dependency.

This is the lowest floor: it imports nothing from the apps. Who may take a step is a callable
each workflow passes in (from staff.access)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone

TEXT_MAX_LENGTH = 4000


class EditConflict(Exception):
    """Someone saved the record after the person's page was rendered: their change would be
    lost. `current`, when the caller knows it, is what is saved now (e.g. the newer version)."""

    def __init__(self, current=None):
        super().__init__("Saved by someone else meanwhile.")
        self.current = current


def versioned_update(record: models.Model, *, version: int, **changes) -> None:
    """Write `changes` only if nobody saved the record since `version` was read, and bump the
    version ("nothing the user entered is lost by ... two people editing at once", product.md:
    neither is what the other person saved). The record in hand is updated to match."""
    updated = type(record)._default_manager.filter(pk=record.pk, version=version).update(
        **changes, version=version + 1
    )
    if not updated:
        raise EditConflict
    for field, value in changes.items():
        setattr(record, field, value)
    record.version = version + 1


def always(record) -> bool:
    return True


@dataclass(frozen=True)
class Step:
    """One row of a workflow's table."""

    name: str
    sources: tuple[str, ...]
    # The status it moves to; None when the status stays (an assignment, a recommendation).
    target: str | None
    # Whether this person may take it on this record (a rule of staff/access/).
    may: Callable[[Any, Any], bool]
    # Said to someone who may not take it.
    not_yours: str
    # Said when the record is in another status; {status} and the workflow's other
    # `describe` values are filled in.
    not_now: str
    # What the timeline says of it.
    label: str = ""
    # Whether the record's page offers it now, beyond the status (e.g. a card already made
    # into a complaint is not made into one again).
    offer: Callable[[Any], bool] = always


class TimelineStep(models.Model):
    """One step of a record's timeline: who moved it where, when, and an internal note that is
    never sent. Each workflow's step model adds its foreign key to the record."""

    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.TextField("internal note", max_length=TEXT_MAX_LENGTH, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]


class Workflow:
    """A workflow's table: its steps in the order a page offers them, the step model its
    timeline is written to (None: no timeline), how a refusal names the record's status, and
    the record's fields that keep when its timeline first took some steps (`first_steps`:
    field -> step names), written with the step that fills them and never again."""

    def __init__(
        self,
        steps: Iterable[Step],
        *,
        step_model: type[TimelineStep] | None,
        record_field: str = "",
        describe: Callable[[Any], dict] = lambda record: {"status": record.get_status_display().lower()},
        first_steps: dict[str, tuple[str, ...]] | None = None,
    ):
        self.steps = {step.name: step for step in steps}
        self.first_steps = first_steps or {}
        self.step_model = step_model
        self.record_field = record_field
        self.describe = describe

    def __getitem__(self, name: str) -> Step:
        return self.steps[name]

    def __iter__(self):
        return iter(self.steps)

    def labels(self, **others: str) -> dict[str, str]:
        """What the timeline says of each step, and of the `others` written outside the table
        (e.g. "received")."""
        return {**others, **{name: step.label for name, step in self.steps.items()}}


def in_status(workflow: Workflow, record, name: str) -> bool:
    return record.status in workflow[name].sources


def check_status(workflow: Workflow, record, name: str) -> None:
    step = workflow[name]
    if record.status not in step.sources:
        raise ValidationError(step.not_now.format(**workflow.describe(record)), code="transition")


def check(workflow: Workflow, record, name: str, *, by: User, version: int) -> Step:
    """Whether this person may take this step, on the copy they saw, now: before anything they
    typed is looked at."""
    step = workflow[name]
    if not step.may(by, record):
        raise PermissionDenied(step.not_yours)
    if record.version != version:
        raise EditConflict
    check_status(workflow, record, name)
    return step


def available(workflow: Workflow, user, record) -> list[str]:
    """The steps this person may take on this record now, in the table's order."""
    return [
        name
        for name, step in workflow.steps.items()
        if record.status in step.sources and step.offer(record) and step.may(user, record)
    ]


def new_step(workflow: Workflow, record, *, by: User, action: str, note: str = "", note_field: str = "note", **fields):
    """A step of the record's timeline, its note checked, not saved yet. A note that is too
    long is reported on the form's `note_field` (a TextField's max_length is not checked by
    the model itself)."""
    note = note.strip()
    limit = workflow.step_model._meta.get_field("note").max_length
    if len(note) > limit:
        raise ValidationError({note_field: f"Keep the note to {limit} characters."})
    return workflow.step_model(**{workflow.record_field: record}, by=by, action=action, note=note, **fields)


def advance(workflow: Workflow, record, name: str, *, by: User, version: int, note: str = "", note_field: str = "note", **changes):
    """Take step `name` from the copy the person saw (`version`): checked (see check()), the
    record's `changes` and its new status saved with the versioned update, and the step
    written on the timeline with its internal note; the record's `first_steps` fields still
    empty that this step fills take the step's time. The caller holds the transaction."""
    step = check(workflow, record, name, by=by, version=version)
    entry = None
    if workflow.step_model is not None:
        entry = new_step(workflow, record, by=by, action=name, note=note, note_field=note_field)
        entry.from_status = record.status
        for field, names in workflow.first_steps.items():
            if name in names and getattr(record, field) is None:
                changes[field] = entry.at
    versioned_update(record, version=version, status=step.target or record.status, **changes)
    if entry is not None:
        entry.to_status = record.status
        entry.save()
    return record
