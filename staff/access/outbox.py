"""The outbox, every e-mail the app sends (outbox/): supervisors see their branch's messages,
the Director every message, both with the addresses while the message is held; the
Administrator every message's subject, recipient role, status and error, never an address.
Nobody reads a letter's words there: letters are on their records' timelines. Supervisors,
the Director and the Administrator send a failed message again."""

from django.contrib.auth.models import User
from django.db.models import QuerySet

from outbox.models import Message
from staff import roles
from staff.access.people import branch_ids, has_role, is_director, supervises


def messages_visible_to(viewer: User) -> QuerySet[Message]:
    messages = Message.objects.all()
    if has_role(viewer, roles.DIRECTOR, roles.ADMINISTRATOR):
        return messages
    if has_role(viewer, roles.SUPERVISOR):
        return messages.filter(branch__in=branch_ids(viewer))
    return messages.none()


def may_read_message_addresses(viewer: User, message: Message) -> bool:
    """Whom it goes to: the Director, and a supervisor of the message's branch."""
    return is_director(viewer) or supervises(viewer, message.branch_id)


def may_retry_message(viewer: User, message: Message) -> bool:
    """A failed message that still holds its letter (deidentify clears an old one), by whoever
    sees it in the outbox."""
    held = message.status == Message.Status.FAILED and bool(message.recipients)
    return held and (has_role(viewer, roles.DIRECTOR, roles.ADMINISTRATOR) or supervises(viewer, message.branch_id))
