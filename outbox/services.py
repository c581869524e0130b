"""E-mail leaves through the outbox: each message is saved as a row with the change that causes
it (a rolled-back change sends nothing), and a task that carries only the row's id hands it to
the mail server. A message is marked sent only once the mail backend has accepted it; a
failure is tried again later, each wait twice the one before (OUTBOX_RETRY_SECONDS, then
double), and after OUTBOX_ATTEMPTS tries it is kept as failed with its error, for a
supervisor to send again. Two workers never send one message twice: each claims it first
with a conditional UPDATE that only one of them can win."""

import datetime
import time

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import OperationalError, connection, transaction
from django.db.models import F, Q
from django.tasks import task
from django.utils import timezone

from outbox.models import Message

# Waits between tries to record "sent" while the database is unreachable (a restart), so a
# message the mail server took is not sent again.
RECORD_SENT_WAITS = (0, 1, 2, 4, 8, 16)
STRANDED_AT_A_TIME = 100
DEIDENTIFIED = "Not sent within the retention period: its letter and addresses were removed."


def claim() -> datetime.timedelta:
    """How long a worker holds a message it is sending (OUTBOX_CLAIM_SECONDS); a worker that
    died meanwhile lets go then, and a message due longer ago than this that nobody holds is
    queued again (requeue_stranded)."""
    return datetime.timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS)


def email_after_commit(*, subject: str, body: str, to: list[str], role: str, branch=None) -> Message | None:
    """Queue a message to `to` (Message.Role `role`, about `branch`'s record if any); it goes
    once the current transaction commits. Nothing when there is nobody to send to."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return None
    message = Message.objects.create(
        subject=subject[:255], body=body, recipients=",".join(recipients), role=role, branch=branch
    )
    # Robust: if the database is lost just after the commit, the change stands and the request
    # answers; the message, saved with it, is queued again later (requeue_stranded).
    transaction.on_commit(lambda: deliver.enqueue(message.pk), robust=True)
    return message


@task
def deliver(message_id: int) -> str:
    """The task: send message `message_id` if it is due and nobody else holds it."""
    requeue_stranded()
    return message_send(message_id)


def message_send(message_id: int) -> str:
    """One try at sending; says what became of the message."""
    now = timezone.now()
    claimed = (
        Message.objects.filter(pk=message_id, status=Message.Status.QUEUED, next_attempt_at__lte=now)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + claim(), attempts=F("attempts") + 1, updated_at=now)
    )
    if not claimed:
        return "not due, already sent or held by another worker"
    message = Message.objects.get(pk=message_id)
    try:
        EmailMessage(subject=message.subject, body=message.body, to=message.addresses).send()
    except Exception as error:  # noqa: BLE001 (any refusal of any mail backend is a failed try)
        return _record_failure(message, error)
    _record_sent(message_id)
    return "sent"


def _record_sent(message_id: int) -> None:
    """The mail server has it: the body and addresses go (the letter is on its record's
    timeline); subject, role and times stay. Tried again through a short database outage."""
    for number, wait in enumerate(RECORD_SENT_WAITS, start=1):
        time.sleep(wait)
        try:
            now = timezone.now()
            Message.objects.filter(pk=message_id).update(
                status=Message.Status.SENT, sent_at=now, updated_at=now, claimed_until=None, body="", recipients=""
            )
            return
        except OperationalError:
            if number == len(RECORD_SENT_WAITS):
                raise
            connection.close()


def _record_failure(message: Message, error: Exception) -> str:
    text = f"{type(error).__name__}: {error}"
    for address in message.addresses:
        text = text.replace(address, "[recipient]")
    now = timezone.now()
    rows = Message.objects.filter(pk=message.pk)
    if message.attempts >= settings.OUTBOX_ATTEMPTS:
        rows.update(status=Message.Status.FAILED, last_error=text[:2000], claimed_until=None, updated_at=now)
        return "failed"
    wait = datetime.timedelta(seconds=settings.OUTBOX_RETRY_SECONDS * 2 ** (message.attempts - 1))
    rows.update(last_error=text[:2000], next_attempt_at=now + wait, claimed_until=None, updated_at=now)
    deliver.using(run_after=now + wait).enqueue(message.pk)
    return f"will try again in {wait}"


def requeue_stranded() -> int:
    """Queue again the messages that were due long ago and that no worker holds: their task
    was lost (a worker killed while sending, the database gone just as the task was queued)."""
    now = timezone.now()
    stranded = (
        Message.objects.filter(status=Message.Status.QUEUED, next_attempt_at__lt=now - claim())
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .values_list("pk", flat=True)[:STRANDED_AT_A_TIME]
    )
    count = 0
    for pk in list(stranded):
        if Message.objects.filter(pk=pk, next_attempt_at__lt=now - claim()).update(next_attempt_at=now, updated_at=now):
            deliver.enqueue(pk)
            count += 1
    return count


def message_retry(*, by, message: Message) -> bool:
    """Send a failed message again, with a fresh set of tries. False if it was not failed
    (someone else retried it just now)."""
    now = timezone.now()
    retried = Message.objects.filter(pk=message.pk, status=Message.Status.FAILED).update(
        status=Message.Status.QUEUED, attempts=0, next_attempt_at=now, retried_by=by, updated_at=now
    )
    if retried:
        transaction.on_commit(lambda: deliver.enqueue(message.pk), robust=True)
    return bool(retried)


def messages_to_deidentify(*, before: datetime.datetime):
    """Messages queued before `before` (the retention period) that the mail server never took
    and that still hold a letter or an address. Sent messages lost theirs when sent."""
    unsent = Message.objects.filter(created_at__lt=before).exclude(status=Message.Status.SENT)
    return unsent.exclude(body="", recipients="")


def messages_deidentify(*, before: datetime.datetime) -> int:
    """They lose their letter and addresses, keeping subject, role and times, and stay as
    failed: there is nothing left to send."""
    now = timezone.now()
    return messages_to_deidentify(before=before).update(
        body="", recipients="", status=Message.Status.FAILED, last_error=DEIDENTIFIED, claimed_until=None, updated_at=now
    )
