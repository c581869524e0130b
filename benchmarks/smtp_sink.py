"""A mail server for `make soak` that keeps what it is sent: just enough SMTP (RFC 5321, no
TLS, no authentication) for Django's SMTP backend, on a port of 127.0.0.1. Python 3.12 has no
smtpd any more, and aiosmtpd would be a dependency for a hundred lines.

`stop()` closes the listening socket, so the app meets a refused connection, as when a mail
server is down; `start()` listens again on the same port. Every message accepted is kept
(`messages`), and its Message-ID is how the soak checks that each was delivered exactly once.
"""

import email
import email.policy
import socketserver
import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class Received:
    sender: str
    recipients: tuple[str, ...]
    message_id: str
    subject: str


class _Session(socketserver.StreamRequestHandler):
    """One SMTP conversation: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    timeout = 30

    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self.reply("220 soak-sink ESMTP ready")
        sender, recipients = "", []
        while line := self.rfile.readline(65536):
            command, _, argument = line.decode("utf-8", "replace").rstrip("\r\n").partition(" ")
            verb = command.upper()
            if verb == "EHLO":
                self.reply("250-soak-sink\r\n250-8BITMIME\r\n250 SMTPUTF8")
            elif verb == "HELO":
                self.reply("250 soak-sink")
            elif verb == "MAIL":
                sender, recipients = _address(argument), []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(_address(argument))
                self.reply("250 OK")
            elif verb == "DATA":
                if not recipients:
                    self.reply("503 RCPT first")
                    continue
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                self.server.sink.keep(sender, recipients, self._data())
                self.reply("250 OK: queued")
                sender, recipients = "", []
            elif verb in ("RSET", "NOOP"):
                if verb == "RSET":
                    sender, recipients = "", []
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")

    def _data(self) -> bytes:
        lines = []
        while (line := self.rfile.readline(1 << 20)) not in (b".\r\n", b".\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)  # dot-unstuffing
        return b"".join(lines)


def _address(argument: str) -> str:
    """`FROM:<a@b> SIZE=12` -> a@b."""
    value = argument.partition(":")[2].strip()
    return value.split(">", 1)[0].lstrip("<") if value.startswith("<") else value.split(" ", 1)[0]


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class SmtpSink:
    def __init__(self, port: int, host: str = "127.0.0.1"):
        self.host, self.port = host, port
        self.messages: list[Received] = []
        self._lock = threading.Lock()
        self._server: _Server | None = None

    @property
    def running(self) -> bool:
        return self._server is not None

    def start(self) -> None:
        if self._server is not None:
            return
        server = _Server((self.host, self.port), _Session)
        server.sink = self
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
        self._server = server

    def stop(self) -> None:
        """Refuse connections from now on (a conversation already under way finishes)."""
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        self._server = None

    def keep(self, sender: str, recipients: list[str], data: bytes) -> None:
        message = email.message_from_bytes(data, policy=email.policy.default)
        received = Received(sender, tuple(recipients), str(message.get("Message-ID", "")).strip(), str(message.get("Subject", "")))
        with self._lock:
            self.messages.append(received)
