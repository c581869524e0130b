"""What a comment card's patron is sent: the reply's subject, its starting text (the library's
editable template), and where an e-mail goes."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from feedback.models import CommentCard, ReplyTemplate
from feedback.services.notify import fill, reply_template, template_subject


def _template_values(card: CommentCard) -> dict:
    return {"name": card.name or "patron", "reference": card.reference, "branch": card.branch.letter_name}


def reply_subject(card: CommentCard) -> str:
    """The reference only, never a name or the patron's words."""
    template = reply_template(ReplyTemplate.Kind.CARD_REPLY)
    return template_subject(template, **_template_values(card))


def reply_email(card: CommentCard) -> str:
    """The card's contact, when it is an e-mail address."""
    try:
        validate_email(card.contact)
    except ValidationError:
        return ""
    return card.contact


def reply_draft(card: CommentCard) -> str:
    """The library's editable starting text for a reply to a card."""
    template = reply_template(ReplyTemplate.Kind.CARD_REPLY)
    return fill(template.body, **_template_values(card))
