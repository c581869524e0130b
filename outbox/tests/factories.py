import factory

from outbox.models import Message


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    subject = factory.Sequence(lambda n: f"Complaint C-{n} at Main: new")
    body = "Dear Ms Quist, we have your complaint."
    recipients = "o.quist@example.net"
    role = Message.Role.PATRON
