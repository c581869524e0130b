"""The mail server `make soak` runs (benchmarks/smtp_sink.py): it keeps what it is sent, and
refuses connections while stopped, as a mail server that is down."""

import smtplib
import socket
from email.message import EmailMessage
from email.utils import make_msgid

import pytest

from benchmarks.bench import free_port
from benchmarks.smtp_sink import SmtpSink


@pytest.fixture
def sink():
    server = SmtpSink(free_port())
    server.start()
    yield server
    server.stop()


def letter(subject: str, body: str = "Dear patron,\n.\nA line that starts with a dot.\n") -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "desk@library.example", "patron@example.org", subject
    message["Message-ID"] = make_msgid(domain="library.example")
    message.set_content(body)
    return message


def test_it_keeps_each_message_with_its_message_id_and_recipients(sink):
    first, second = letter("Your complaint C-1"), letter("Your comment card")
    with smtplib.SMTP("127.0.0.1", sink.port, timeout=5) as client:
        client.send_message(first)
        client.send_message(second, to_addrs=["a@example.org", "b@example.org"])
    assert [received.message_id for received in sink.messages] == [first["Message-ID"], second["Message-ID"]]
    assert sink.messages[0].subject == "Your complaint C-1"
    assert sink.messages[0].sender == "desk@library.example"
    assert sink.messages[1].recipients == ("a@example.org", "b@example.org")


def test_stopped_it_refuses_connections_and_started_again_it_accepts_them(sink):
    sink.stop()
    assert not sink.running
    with pytest.raises((ConnectionRefusedError, smtplib.SMTPConnectError, socket.timeout)):
        smtplib.SMTP("127.0.0.1", sink.port, timeout=2)
    sink.start()
    with smtplib.SMTP("127.0.0.1", sink.port, timeout=5) as client:
        client.send_message(letter("After the outage"))
    assert [received.subject for received in sink.messages] == ["After the outage"]


def test_it_answers_unknown_commands_without_dropping_the_conversation(sink):
    with smtplib.SMTP("127.0.0.1", sink.port, timeout=5) as client:
        assert client.docmd("VRFY", "someone")[0] == 502
        assert client.noop()[0] == 250
        assert client.docmd("DATA")[0] == 503  # nothing to deliver to yet
        client.send_message(letter("Still fine"))
    assert len(sink.messages) == 1
