"""Every write to complaints, and the rules of their lifecycle.

The policy: "If a patron has a complaint, listen attentively in a non-judgmental manner.
Refer to the appropriate library policy, and when necessary refer the patron to the
Director." A complaint is taken at the desk (or from a comment card), acknowledged and worked
by a supervisor of its branch, and resolved, or escalated to the Director, who decides it.

What may happen next, and who may take a step, is the table in complaint_rules.py (taken by
the kernel, servicedesk/lib/workflow.py); what the patron and
staff are told, complaint_letters.py. Each service is keyword-only and takes the version the
person's page was rendered with. Internal notes live on the steps and are never sent; only
`response` ever reaches the patron.
"""

import datetime
import uuid

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from feedback.models import Complaint, ComplaintStep, Reply, ReplyChannel, ReplyTemplate
from feedback.services import complaint_letters as letters
from feedback.services import letter_rules, retention
from feedback.services.complaint_rules import FINISHED, WORKFLOW, required
from feedback.services.notify import PATRON, directors, email_after_commit, signed
from patrons.models import Patron
from servicedesk.lib.workflow import advance, check, new_step, versioned_update
from staff.access import serves_patrons, service_points_for
from staff.calendar import add_business_days
from staff.models import LibrarySettings, ServicePoint



# Taking a complaint ------------------------------------------------------------------------

@transaction.atomic
def complaint_take(
    *,
    by: User,
    service_point: ServicePoint,
    what_happened: str,
    occurred_on: datetime.date | None = None,
    source: str = Complaint.Source.DESK,
    patron: Patron | None = None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    contact_address: str = "",
    wants_reply: bool = False,
    staff_involved: str = "",
    desired_outcome: str = "",
    policy_reference: str = "",
    wants_director: bool = False,
    submission_key: uuid.UUID | None = None,
) -> Complaint:
    """Take down a complaint, at the desk or from a comment card, at a service point of one's
    own branch (the Director's: any). Its deadlines count business days from today; the
    supervisors of the branch are told by e-mail. The same form sent twice takes one."""
    if not serves_patrons(by) or not service_points_for(by).filter(pk=service_point.pk).exists():
        raise PermissionDenied("You cannot take complaints at that service point.")
    if submission_key is not None:
        existing = Complaint.objects.filter(submission_key=submission_key, taken_by=by).first()
        if existing is not None:
            return existing
    today = timezone.localdate()
    library = LibrarySettings.current()
    complaint = Complaint(
        branch_id=service_point.branch_id,
        service_point=service_point,
        source=source,
        occurred_on=occurred_on or today,
        taken_by=by,
        acknowledge_by=add_business_days(today, library.complaint_acknowledge_days),
        resolve_by=add_business_days(today, library.complaint_resolve_days),
        wants_director=wants_director,
        policy_reference=policy_reference.strip(),
        patron=patron,
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip().lower(),
        contact_phone=contact_phone.strip(),
        contact_address=contact_address.strip(),
        wants_reply=wants_reply,
        what_happened=what_happened.strip(),
        staff_involved=staff_involved.strip(),
        desired_outcome=desired_outcome.strip(),
        submission_key=submission_key,
    )
    _validate_new(complaint, today)
    try:
        with transaction.atomic():
            complaint.save()
    except IntegrityError:
        # The same form, sent twice at the same moment: the other request took it.
        if submission_key is None:
            raise
        return Complaint.objects.get(submission_key=submission_key, taken_by=by)
    new_step(WORKFLOW, complaint, by=by, action="taken").save()
    letters.notify(complaint, event="new", to=letters.supervisors_of(complaint.branch_id).exclude(pk=by.pk))
    return complaint


def _validate_new(complaint: Complaint, today: datetime.date) -> None:
    errors = {}
    try:
        complaint.full_clean(exclude=["branch", "service_point", "taken_by", "patron", "submission_key"])
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if not complaint.what_happened:
        # The model's own "This field cannot be blank." says less.
        errors["what_happened"] = [ValidationError("Write down what happened, in the patron's words where you can.")]
    if complaint.occurred_on and complaint.occurred_on > today:
        errors.setdefault("occurred_on", []).append(
            ValidationError("It cannot have happened in the future: check the date.")
        )
    reachable = complaint.patron or complaint.contact_email or complaint.contact_phone or complaint.contact_address
    if complaint.wants_reply and not reachable:
        errors.setdefault("wants_reply", []).append(
            ValidationError(
                "The patron wants an answer: give an e-mail address, a phone number or a postal address, "
                "or their card number."
            )
        )
    if errors:
        raise ValidationError(errors)


# The lifecycle -----------------------------------------------------------------------------

@transaction.atomic
def complaint_acknowledge(*, complaint: Complaint, by: User, version: int, note: str = "") -> Complaint:
    """Tell the patron it is being looked into: within two business days of taking it."""
    return advance(WORKFLOW, complaint, "acknowledge", by=by, version=version, note=note)


@transaction.atomic
def complaint_start(*, complaint: Complaint, by: User, version: int, note: str = "") -> Complaint:
    """Someone is looking into it now (optional: an acknowledged complaint may be resolved at once)."""
    return advance(WORKFLOW, complaint, "start", by=by, version=version, note=note)


@transaction.atomic
def complaint_resolve(*, complaint: Complaint, by: User, version: int, note: str = "") -> Complaint:
    """Settled at the branch, within ten business days of taking it; the patron is told in the response."""
    return advance(WORKFLOW, complaint, "resolve", by=by, version=version, note=note)


@transaction.atomic
def complaint_escalate(*, complaint: Complaint, by: User, version: int, reason: str) -> Complaint:
    """"When necessary refer the patron to the Director": with the reason it is necessary.
    The Director(s) are told by e-mail, without the reason (an internal note)."""
    reason = required(reason, "Say why it goes to the Director.", "reason")
    advance(WORKFLOW, complaint, "escalate", by=by, version=version, note=reason, note_field="reason")
    letters.notify(complaint, event="escalated", to=directors().exclude(pk=by.pk))
    return complaint


@transaction.atomic
def complaint_decide(*, complaint: Complaint, by: User, version: int, decision: str, note: str = "") -> Complaint:
    """The Director's decision on an escalated complaint. It is kept on the complaint; what
    the patron is told is the response, written separately."""
    decision = required(decision, "Write the Director's decision.", "decision")
    if len(decision) > Complaint._meta.get_field("decision").max_length:
        raise ValidationError({"decision": "Keep the decision to 4000 characters."})
    return advance(WORKFLOW, complaint, "decide", by=by, version=version, note=note, decision=decision)


@transaction.atomic
def complaint_close(*, complaint: Complaint, by: User, version: int, note: str = "") -> Complaint:
    """Nothing more to do: resolved or decided, and the patron answered."""
    return advance(WORKFLOW, complaint, "close", by=by, version=version, note=note)


@transaction.atomic
def complaint_reopen(*, complaint: Complaint, by: User, version: int, reason: str) -> Complaint:
    """Back to work, with the reason: a patron came back, or something was missed."""
    reason = required(reason, "Say why it is reopened.", "reason")
    return advance(WORKFLOW, complaint, "reopen", by=by, version=version, note=reason, note_field="reason")


@transaction.atomic
def complaint_assign(*, complaint: Complaint, by: User, version: int, assignee, note: str = "") -> Complaint:
    """Give the complaint to a supervisor of its branch (or to another one); they are told by
    e-mail."""
    check(WORKFLOW, complaint, "assign", by=by, version=version)
    if assignee is None or not letters.complaint_assignees(complaint).filter(pk=assignee.pk).exists():
        raise ValidationError({"assignee": f"Choose a supervisor of {complaint.branch.name} from the list."})
    step = new_step(WORKFLOW, complaint, by=by, action="assign", note=note, assignee=assignee)
    versioned_update(complaint, version=version, assigned_to=assignee)
    step.save()
    if assignee.pk != by.pk:
        letters.notify(complaint, event="assigned to you", to=[assignee])
    return complaint


# The response to the patron ----------------------------------------------------------------

def _may_reply(complaint: Complaint, *, by: User, version: int) -> None:
    check(WORKFLOW, complaint, "respond", by=by, version=version)
    if complaint.deidentified_at is not None:
        raise ValidationError("The patron's details have been removed (retention period): nobody to write to.")


@transaction.atomic
def complaint_respond(*, complaint: Complaint, by: User, version: int, response: str) -> Complaint:
    """Save the draft of the response to the patron. Nothing is sent yet."""
    _may_reply(complaint, by=by, version=version)
    response = response.strip()
    if len(response) > Complaint._meta.get_field("response").max_length:
        raise ValidationError({"response": "Keep the response to 4000 characters."})
    versioned_update(complaint, version=version, response=response)
    new_step(WORKFLOW, complaint, by=by, action="respond").save()
    return complaint


@transaction.atomic
def complaint_reply(
    *, complaint: Complaint, by: User, version: int, channel: str, kind: str = ReplyTemplate.Kind.COMPLAINT_RESPONSE
) -> Reply:
    """Send the saved response by e-mail, or record that it was given in person, by phone or
    by letter. Only the response is ever sent: never a step's internal note. The e-mail's
    subject is the template's (`kind`), which carries the reference and no name."""
    _may_reply(complaint, by=by, version=version)
    if not complaint.response:
        raise ValidationError({"response": "Write the response first, then send it."})
    letter_rules.require_written(
        complaint.response, field="response", templates=letter_rules.answer_templates(*letters.REPLY_KINDS)
    )
    if channel not in ReplyChannel.values:
        raise ValidationError({"channel": "Choose how the patron was answered."})
    if kind not in letters.REPLY_KINDS:
        raise ValueError(f"Not a complaint reply template: {kind}")
    sent_to = ""
    body = signed(complaint.response, by=by, branch=complaint.branch)
    if channel == ReplyChannel.EMAIL:
        sent_to = letters.reply_email(complaint)
        if not sent_to:
            raise ValidationError(
                {"channel": "There is no e-mail address for this patron: give the answer in person, by phone or by letter."}
            )
        email_after_commit(
            subject=letters.reply_subject(complaint, kind), body=body, to=[sent_to], role=PATRON, branch=complaint.branch
        )
    reply = Reply.objects.create(complaint=complaint, channel=channel, body=body, sent_to=sent_to, by=by)
    # A reply changes what others see of the complaint: their older copy is now out of date.
    versioned_update(complaint, version=version)
    return reply


# Retention ---------------------------------------------------------------------------------

def complaints_to_deidentify(*, before: datetime.datetime) -> QuerySet:
    """Finished complaints (closed; or resolved or decided and left so) with no step or reply
    since `before`, not yet de-identified."""
    recent_step = ComplaintStep.objects.filter(complaint=OuterRef("pk"), at__gte=before)
    recent_reply = Reply.objects.filter(complaint=OuterRef("pk"), at__gte=before)
    return (
        Complaint.objects.filter(status__in=FINISHED, received_at__lt=before, deidentified_at__isnull=True)
        .exclude(Exists(recent_step))
        .exclude(Exists(recent_reply))
    )


@transaction.atomic
def complaints_deidentify(*, before: datetime.datetime) -> int:
    """Finished complaints past the library's feedback retention period lose the patron link,
    the contact details and every free text of the complaint and its timeline: what
    happened, the response and the decision, the steps' notes, the replies and where they
    were sent (roles.md, Retention). The statistical part stays for the reports."""
    pks = list(complaints_to_deidentify(before=before).values_list("pk", flat=True))
    return retention.deidentify(Complaint, pks, patron=None)
