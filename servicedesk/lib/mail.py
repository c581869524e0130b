"""E-mail that leaves after the change that causes it is saved (a rolled-back change sends
nothing), through Django's tasks API and its configured mail backend. Every app's
notifications go this way: feedback's letters and staff's account notices alike."""

from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task


@task
def send_email(subject: str, body: str, to: list[str]) -> None:
    EmailMessage(subject=subject, body=body, to=to).send()


def email_after_commit(*, subject: str, body: str, to: list[str]) -> None:
    """Send once the current transaction commits; nothing when there is nobody to send to."""
    recipients = sorted({address for address in to if address})
    if recipients:
        transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, to=recipients))
