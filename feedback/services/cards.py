"""Every write to comment cards, and the rules of their triage.

The policy: "Listen courteously to patron suggestions and encourage them to fill out comment
cards." A patron fills in a card at the kiosk (anonymously if they like) or staff type in a
paper one; a supervisor of the branch thanks, acts, replies, turns it into a complaint or a
purchase suggestion, and closes it.

What may happen next is the table in card_rules.py, and nowhere else; what the patron is
sent, card_letters.py. Each triage service takes the version the person's page was rendered
with and refuses a change made from an older copy (EditConflict). Internal notes live on the steps and are never sent; only a reply's body
reaches the patron.
"""

import datetime
import logging
import uuid

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac

from feedback.models import (
    CommentCard,
    CommentCardStep,
    Complaint,
    PurchaseSuggestion,
    Reply,
    ReplyChannel,
    ReplyTemplate,
)
from feedback.services import card_letters as letters
from feedback.services import complaints, letter_rules, retention, suggestions
from feedback.services.card_rules import FINISHED, WORKFLOW
from feedback.services.notify import PATRON, email_after_commit, signed
from servicedesk.lib.workflow import advance, check, new_step
from staff.access import serves_patrons, service_points_for
from staff.calendar import add_business_days
from staff.models import Branch

logger = logging.getLogger(__name__)

class TooManyCards(Exception):
    """The kiosk's address sent more cards than the rate limit allows."""


# Receiving a card ----------------------------------------------------------------------------

def address_key(address: str) -> str:
    """The kiosk's address as the rate limit counts it: a salted hash, never the address."""
    return salted_hmac("feedback.cards.address", address or "", algorithm="sha256").hexdigest()


def _validate_contact(card: CommentCard) -> None:
    errors = {}
    try:
        card.full_clean(exclude=["branch", "typed_in_by", "complaint", "suggestion", "submission_key"])
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if not card.comment:
        errors["comment"] = [ValidationError("Write your comment in the box.")]
    if card.wants_reply and not card.contact:
        errors.setdefault("contact", []).append(
            ValidationError("To get a reply, give an e-mail address or a phone number (or untick “I would like a reply”).")
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def card_receive(
    *,
    branch: Branch,
    kind: str,
    comment: str,
    name: str = "",
    contact: str = "",
    wants_reply: bool = False,
    address: str = "",
    submission_key: uuid.UUID | None = None,
) -> CommentCard:
    """A card filled in at the kiosk, by anyone, signed in or not. At most
    COMMENT_CARD_RATE_LIMIT cards from one address in COMMENT_CARD_RATE_MINUTES (counted by a
    salted hash of the address, never kept as it is). The same form sent twice makes one card."""
    if submission_key is not None:
        existing = CommentCard.objects.filter(submission_key=submission_key, source=CommentCard.Source.KIOSK).first()
        if existing is not None:
            return existing
    sent_from = address_key(address)
    since = timezone.now() - datetime.timedelta(minutes=settings.COMMENT_CARD_RATE_MINUTES)
    if CommentCard.objects.filter(sent_from=sent_from, received_at__gte=since).count() >= settings.COMMENT_CARD_RATE_LIMIT:
        logger.warning("Comment card refused: rate limit reached for one kiosk address")
        raise TooManyCards
    card = _new_card(
        branch=branch, kind=kind, comment=comment, name=name, contact=contact, wants_reply=wants_reply,
        source=CommentCard.Source.KIOSK, sent_from=sent_from, submission_key=submission_key,
    )
    return _save_new(card, by=None)


@transaction.atomic
def card_type_in(
    *,
    by: User,
    branch: Branch,
    kind: str,
    comment: str,
    name: str = "",
    contact: str = "",
    wants_reply: bool = False,
    received_on: datetime.date | None = None,
    submission_key: uuid.UUID | None = None,
) -> CommentCard:
    """A paper card typed in by staff, for a branch where they work (the Director: any)."""
    if not serves_patrons(by) or not service_points_for(by).filter(branch=branch).exists():
        raise PermissionDenied("You cannot type in cards for that branch.")
    if submission_key is not None:
        existing = CommentCard.objects.filter(submission_key=submission_key, typed_in_by=by).first()
        if existing is not None:
            return existing
    card = _new_card(
        branch=branch, kind=kind, comment=comment, name=name, contact=contact, wants_reply=wants_reply,
        source=CommentCard.Source.PAPER, typed_in_by=by, submission_key=submission_key,
    )
    if received_on is not None:
        if received_on > timezone.localdate():
            raise ValidationError({"received_on": "The card cannot have come in the future: check the date."})
        card.received_at = timezone.make_aware(datetime.datetime.combine(received_on, datetime.time(12)))
    return _save_new(card, by=by)


def _new_card(*, wants_reply: bool, **fields) -> CommentCard:
    card = CommentCard(wants_reply=wants_reply, **fields)
    card.comment = card.comment.strip()
    card.name = card.name.strip()
    card.contact = card.contact.strip()
    _validate_contact(card)
    return card


def _save_new(card: CommentCard, *, by: User) -> CommentCard:
    if card.wants_reply:
        card.reply_by = add_business_days(timezone.localdate(card.received_at), settings.COMMENT_CARD_REPLY_DAYS)
    try:
        with transaction.atomic():
            card.save()
    except IntegrityError:
        # The same form, sent twice at the same moment: the other request saved it.
        if card.submission_key is None:
            raise
        return CommentCard.objects.get(submission_key=card.submission_key)
    if by is not None:
        new_step(WORKFLOW, card, by=by, action="received", to_status=card.status).save()
    return card


# Triage ------------------------------------------------------------------------------------

@transaction.atomic
def card_thank(*, card: CommentCard, by: User, version: int, note: str = "") -> CommentCard:
    """The patron has been thanked (in person, or the card needs nothing more than thanks)."""
    return advance(WORKFLOW, card, "thank", by=by, version=version, note=note)


@transaction.atomic
def card_act(*, card: CommentCard, by: User, version: int, note: str = "") -> CommentCard:
    """Someone is acting on it; the note says what."""
    return advance(WORKFLOW, card, "act", by=by, version=version, note=note)


@transaction.atomic
def card_close(*, card: CommentCard, by: User, version: int, note: str = "") -> CommentCard:
    return advance(WORKFLOW, card, "close", by=by, version=version, note=note)


@transaction.atomic
def card_reply(*, card: CommentCard, by: User, version: int, channel: str, body: str, note: str = "") -> Reply:
    """Answer the patron: send `body` by e-mail, or record that it was given in person, by
    phone or by letter. Only `body` is ever sent; the note stays on the step."""
    check(WORKFLOW, card, "reply", by=by, version=version)
    if card.deidentified_at is not None:
        raise ValidationError("The patron's details have been removed (retention period): nobody to write to.")
    body = body.strip()
    errors = {}
    if not body:
        errors["body"] = "Write the reply to the patron."
    elif problem := letter_rules.unwritten(body, templates=letter_rules.answer_templates(ReplyTemplate.Kind.CARD_REPLY)):
        errors["body"] = problem
    elif len(body) > Reply._meta.get_field("body").max_length:
        errors["body"] = f"Keep the reply to {Reply._meta.get_field('body').max_length} characters."
    if channel not in ReplyChannel.values:
        errors["channel"] = "Choose how the patron gets the reply."
    sent_to = ""
    if channel == ReplyChannel.EMAIL:
        sent_to = letters.reply_email(card)
        if not sent_to:
            errors["channel"] = "The card gives no e-mail address: reply in person, by phone or by letter."
    if errors:
        raise ValidationError(errors)
    advance(WORKFLOW, card, "reply", by=by, version=version, note=note)
    body = signed(body, by=by, branch=card.branch)
    if sent_to:
        email_after_commit(subject=letters.reply_subject(card), body=body, to=[sent_to], role=PATRON, branch=card.branch)
    return Reply.objects.create(card=card, channel=channel, body=body, sent_to=sent_to, by=by)


def _contact_fields(card: CommentCard) -> dict:
    email = letters.reply_email(card)
    return {"contact_email": email, "contact_phone": "" if email else card.contact[:40]}


@transaction.atomic
def card_to_complaint(*, card: CommentCard, by: User, version: int, service_point=None) -> Complaint:
    """The card is a complaint: take it as one, with the card's words and contact (nothing
    retyped), at `service_point` or the first of the card's branch the person works at. The
    card stays, linked to the complaint."""
    check(WORKFLOW, card, "to_complaint", by=by, version=version)
    if card.complaint_id:
        raise ValidationError(f"This card is already complaint {card.complaint.reference}.")
    points = service_points_for(by).filter(branch_id=card.branch_id)
    point = points.filter(pk=service_point.pk).first() if service_point else None
    point = point or points.first()
    if point is None:
        raise ValidationError(f"{card.branch.name} has no service point to take the complaint at.")
    complaint = complaints.complaint_take(
        by=by,
        service_point=point,
        source=Complaint.Source.COMMENT_CARD,
        occurred_on=timezone.localdate(card.received_at),
        what_happened=card.comment,
        contact_name=card.name[:200],
        wants_reply=card.wants_reply,
        **_contact_fields(card),
    )
    advance(WORKFLOW, card, "to_complaint", by=by, version=version, complaint=complaint)
    return complaint


@transaction.atomic
def card_to_suggestion(
    *, card: CommentCard, by: User, version: int, title: str, creator: str = "", format: str = ""
) -> PurchaseSuggestion:
    """The card suggests a purchase: record it as a purchase suggestion with the card's
    contact, linked to the card. Only the item is typed (the card's words stay on the card)."""
    check(WORKFLOW, card, "to_suggestion", by=by, version=version)
    if card.suggestion_id:
        raise ValidationError(f"This card is already purchase suggestion {card.suggestion.reference}.")
    suggestion = suggestions.suggestion_take(
        by=by,
        branch=card.branch,
        title=title,
        creator=creator,
        format=format or PurchaseSuggestion._meta.get_field("format").default,
        contact_name=card.name,
        contact=card.contact,
        tell_by=(ReplyChannel.EMAIL if letters.reply_email(card) else ReplyChannel.PHONE) if card.contact else "",
    )
    advance(WORKFLOW, card, "to_suggestion", by=by, version=version, suggestion=suggestion)
    return suggestion


# Retention ---------------------------------------------------------------------------------

def cards_to_deidentify(*, before: datetime.datetime) -> QuerySet:
    """Replied or closed cards with no step or reply since `before`, not yet de-identified."""
    recent_step = CommentCardStep.objects.filter(card=OuterRef("pk"), at__gte=before)
    recent_reply = Reply.objects.filter(card=OuterRef("pk"), at__gte=before)
    return (
        CommentCard.objects.filter(status__in=FINISHED, received_at__lt=before, deidentified_at__isnull=True)
        .exclude(Exists(recent_step))
        .exclude(Exists(recent_reply))
    )


@transaction.atomic
def cards_deidentify(*, before: datetime.datetime) -> int:
    """Finished cards past the library's feedback retention period lose the name, the contact,
    the kiosk's address hash and every free text of the card and its timeline (the comment,
    the steps' notes, the replies and where they were sent); the kind, the source, the
    status and the dates stay."""
    pks = list(cards_to_deidentify(before=before).values_list("pk", flat=True))
    return retention.deidentify(CommentCard, pks)
