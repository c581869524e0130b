"""`make soak`: a working day of 50 staff, squeezed into ten minutes, through a database restart
and a mail-server outage; then nothing may be lost or written twice.

    make soak                                    # 10 minutes, 50 simulated staff
    make soak SOAK_ARGS="--duration 90 --users 20"

1. makes a throw-away PostgreSQL cluster of its own (benchmarks/soak_cluster.py: initdb on a
   free port of 127.0.0.1, removed at the end; no other server is touched), migrates it and
   loads the demo library (`seed_demo`);
2. starts a mail server that keeps what it receives (benchmarks/smtp_sink.py), gunicorn
   (`--workers`, DEBUG off, SMTP_HOST pointing at the sink) and, when the app has its outbox,
   the mail worker (`manage.py db_worker`, started again whenever it exits, as a service
   manager does; each exit is reported);
3. runs locust headless (benchmarks/soak_locustfile.py) with `--users` staff for `--duration`
   seconds, each with its own session (made as `make bench` makes them: benchmarks/bench.py);
4. meanwhile stops the mail server from `--mail-down` to `--mail-up` (fractions of the run),
   and stops PostgreSQL at `--db-stop` for `--db-outage` seconds, then starts it again;
5. waits for the mail queue to empty, then checks that every write the server acknowledged is
   in the database exactly once (found by its marker), that no request failed outside the
   fault windows, and that every message queued reached the mail server exactly once; and
   appends the results to benchmarks/RESULTS.md (benchmarks/results.py). It exits 1 if
   anything was lost or duplicated, or a request failed outside the windows.

The run's files (the load log, gunicorn's and PostgreSQL's logs, locust's output) are kept in
var/soak/<date>/.
"""

import argparse
import datetime
import http.client
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import bench, results, soak_check  # noqa: E402
from benchmarks.smtp_sink import SmtpSink  # noqa: E402
from benchmarks.soak_cluster import Cluster, binaries  # noqa: E402

BIN = Path(bench.PYTHON).parent
# Who the simulated staff are: (role in the locustfile, demo accounts taking turns).
PERSONAS = {"desk": ["desk", "desk2", "eastdesk"], "supervisor": ["supervisor"], "director": ["director"]}


def options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=600, help="seconds of load (default 600)")
    parser.add_argument("--users", type=int, default=50, help="simulated staff (default 50)")
    parser.add_argument("--spawn-rate", type=float, default=5, help="users started a second (default 5)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3, as `make serve`)")
    parser.add_argument("--db-stop", type=float, default=0.5, help="when PostgreSQL stops, as a fraction of the run")
    parser.add_argument("--db-outage", type=float, default=10, help="seconds PostgreSQL stays down (default 10)")
    parser.add_argument("--mail-down", type=float, default=0.15, help="when the mail server stops (fraction)")
    parser.add_argument("--mail-up", type=float, default=0.4, help="when it is back (fraction)")
    parser.add_argument("--mail-retry", type=int, default=10,
                        help="OUTBOX_RETRY_SECONDS for the run: the outbox's first wait after a failed try (default 10)")
    parser.add_argument("--drain", type=int, default=180, help="seconds to wait, at most, for the mail queue to empty")
    parser.add_argument("--pg-bin", default="", help="the folder of initdb and pg_ctl (found when not given)")
    parser.add_argument("--note", default="", help="a sentence for RESULTS.md")
    parser.add_argument("--no-results", action="store_true", help="print the section without appending it")
    return parser.parse_args()


def sessions(count: int) -> dict[str, list[dict]]:
    """`count` sessions of each role (each user its own), made in-process as sign-in makes
    them, with the persona's first service point."""
    from django.contrib.auth import get_user_model

    from staff.access import service_points_for

    made = {}
    for role, personas in PERSONAS.items():
        made[role] = []
        for number in range(count):
            persona = personas[number % len(personas)]
            client, csrf = bench.sign_in(persona)
            point = service_points_for(get_user_model().objects.get(username=persona)).order_by("pk").first()
            made[role].append({"persona": persona, "cookie": bench.cookie_header(client), "csrf": csrf,
                               "service_point": point.pk if point else None, "branch": point.branch_id if point else None})
    return made


def wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer /healthz on port {port} within {seconds:.0f} s")


def warm_up(port: int, made: dict[str, list[dict]], workers: int) -> None:
    """Every worker renders the main pages a few times before the load (its first requests
    import, compile templates and connect): a cold start is not what staff meet all day."""
    pages = [("desk", "/desk/"), ("desk", "/patrons/"), ("supervisor", "/complaints/"), ("supervisor", "/feedback/"),
             ("director", "/complaints/escalated/")]

    def get(number: int) -> None:
        role, path = pages[number % len(pages)]
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", path, headers={"Cookie": made[role][0]["cookie"]})
        connection.getresponse().read()

    with ThreadPoolExecutor(max_workers=workers * 2) as pool:
        list(pool.map(get, range(len(pages) * workers * 4)))


class MailWorker:
    """`manage.py db_worker`, started again whenever it exits, as a service manager does (the
    systemd unit's Restart=always): each exit is counted and reported, never hidden."""

    def __init__(self, log: Path):
        self.log = log.open("w")
        self.exits: list[int] = []
        self.stopping = False
        self.process = self._start()
        threading.Thread(target=self._watch, daemon=True).start()

    def _start(self) -> subprocess.Popen:
        return subprocess.Popen([bench.PYTHON, "manage.py", "db_worker", "--no-reload"], cwd=ROOT,
                                env={**os.environ, "DEBUG": "0"}, stdout=self.log, stderr=subprocess.STDOUT)

    def _watch(self) -> None:
        while not self.stopping:
            code = self.process.poll()
            if code is not None and not self.stopping:
                self.exits.append(code)
                print(f"--- the mail worker exited ({code}); starting it again")
                time.sleep(1)
                self.process = self._start()
            time.sleep(0.5)

    def terminate(self) -> None:
        self.stopping = True
        self.process.terminate()

    def wait(self, timeout: float) -> None:
        self.process.wait(timeout=timeout)

    def kill(self) -> None:
        self.process.kill()


def outbox_installed() -> bool:
    from django.conf import settings

    return "outbox" in settings.INSTALLED_APPS


def pending_mail() -> int:
    from django.db import connection
    from outbox.models import Message

    connection.close()  # a fresh connection each time: the database was restarted under the old one
    return Message.objects.filter(status=Message.Status.QUEUED).count()


def queued_mail() -> list[str]:
    """The subject of every message the app queued (one per message)."""
    from outbox.models import Message

    return list(Message.objects.values_list("subject", flat=True))


def found(writes: list[soak_check.Write], run: str) -> dict:
    """How many rows carry each write's marker, by kind of write."""
    from collections import Counter

    from feedback.models import CommentCard, CommentCardStep, Complaint, ComplaintStep, Reply
    from interactions.models import Interaction

    keys = [write.marker for write in writes if write.kind == "quick-log"]
    texts = {
        "interaction note": (Interaction, "note"), "complaint": (Complaint, "what_happened"),
        "comment card": (CommentCard, "comment"), "complaint step": (ComplaintStep, "note"),
        "card step": (CommentCardStep, "note"), "complaint reply": (Reply, "body"),
    }
    counts = {kind: soak_check.markers_in(list(model.objects.filter(**{f"{field}__contains": run}).values_list(field, flat=True)), run)
              for kind, (model, field) in texts.items()}
    counts["quick-log"] = Counter(str(key) for key in Interaction.objects.filter(submission_key__in=keys).values_list("submission_key", flat=True))
    return counts


def read_log(path: Path) -> tuple[list[soak_check.Request], list[soak_check.Write], int]:
    requests, writes, page_503 = [], [], 0
    for line in path.read_text().splitlines():
        entry = json.loads(line)
        if entry["t"] == "req":
            requests.append(soak_check.Request(entry["start"], entry["end"], entry["name"], entry["status"]))
            page_503 += entry["status"] == 503 and entry["page_503"] and entry["retry_after"] != ""
        else:
            writes.append(soak_check.Write(entry["kind"], entry["marker"], entry["acked"], entry["attempts"]))
    return requests, writes, page_503


def main() -> None:
    args = options()
    # Stopped (Ctrl-C, a TERM from `timeout`): the cluster, gunicorn and the worker still go.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    folder = ROOT / "var" / "soak" / datetime.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    folder.mkdir(parents=True)
    cluster = Cluster(bench.free_port(), binaries(args.pg_bin))
    sink = SmtpSink(bench.free_port())
    processes: list[subprocess.Popen] = []
    print(f"--- the run's files: {folder}")
    try:
        cluster.create()
        cluster.start()
        run(args, cluster, sink, processes, folder)
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        sink.stop()
        if cluster.log.exists():
            (folder / "postgres.log").write_text(cluster.log.read_text(errors="replace"))
        cluster.drop()


def run(args, cluster: Cluster, sink: SmtpSink, processes: list, folder: Path) -> None:
    port = bench.free_port()
    os.environ.update(
        DATABASE_URL=cluster.url, SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0", SECURE_HSTS_SECONDS="0",
        DJANGO_SETTINGS_MODULE="servicedesk.settings", SITE_URL=f"http://127.0.0.1:{port}", LOG_LEVEL="WARNING",
    )
    bench.ensure_database(cluster.url)
    print("--- migrating and loading the demo library")
    bench.manage("migrate", "--no-input", "--verbosity", "0")
    bench.manage("seed_demo", "--verbosity", "0", "--site", f"http://127.0.0.1:{port}", debug=True)
    bench.manage("collectstatic", "--no-input", "--verbosity", "0")
    import django

    django.setup()
    from django.db import connection

    made = sessions(args.users)
    (folder / "sessions.json").write_text(json.dumps(made))
    machine = bench.machine()
    connection.close()
    # From here on the app's mail goes to the sink (the demo library's went to var/mail/).
    # The outbox's first wait after a failed try is 10 s rather than a minute: a ten-minute run
    # sees the backoff through, and the queue empties soon after the mail server is back.
    os.environ.update(SMTP_HOST="127.0.0.1", SMTP_PORT=str(sink.port), SMTP_STARTTLS="0",
                      OUTBOX_RETRY_SECONDS=str(args.mail_retry))
    sink.start()
    with (folder / "gunicorn.log").open("w") as log:
        processes.append(subprocess.Popen(
            [str(BIN / "gunicorn"), "servicedesk.wsgi:application", "--workers", str(args.workers),
             "--bind", f"127.0.0.1:{port}", "--log-level", "warning"], cwd=ROOT, env={**os.environ, "DEBUG": "0"},
            stdout=log, stderr=subprocess.STDOUT))
    worker = MailWorker(folder / "worker.log") if outbox_installed() else None
    if worker:
        processes.append(worker)
    wait_for(port)
    warm_up(port, made, args.workers)
    marker = f"soak{secrets.token_hex(3)}"
    env = {**os.environ, "SOAK_RUN": marker, "SOAK_LOG": str(folder / "load.jsonl"),
           "SOAK_SESSIONS": str(folder / "sessions.json")}
    print(f"--- {args.users} staff for {args.duration} s on http://127.0.0.1:{port} (markers {marker}-...)")
    with (folder / "locust.log").open("w") as log:
        locust = subprocess.Popen(
            [str(BIN / "locust"), "-f", str(ROOT / "benchmarks/soak_locustfile.py"), "--headless", "--only-summary",
             "-u", str(args.users), "-r", str(args.spawn_rate), "-t", f"{args.duration}s", "--stop-timeout", "90",
             "--host", f"http://127.0.0.1:{port}"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        processes.append(locust)
        started = time.time()
        windows, back_at = faults(args, cluster, sink, started)
        locust.wait()
    print("--- load done; waiting for the mail queue to empty")
    mail_note = ""
    if outbox_installed():
        deadline = time.monotonic() + args.drain
        while (pending := pending_mail()) and time.monotonic() < deadline:
            time.sleep(2)
        if pending:
            mail_note = f"{pending:,} message(s) still queued {args.drain} s after the load (`--drain`). "
        if worker.exits:
            mail_note += (f"The mail worker (`manage.py db_worker`) exited {len(worker.exits)} time(s) (exit codes "
                         f"{', '.join(map(str, worker.exits))}; its log says why) and was started again by the soak, "
                         "as a service manager restarts it.")
    else:
        mail_note = (f"This version sends mail in the request (Django's immediate tasks backend): there is no "
                     f"queue to compare with. The mail server received {len(sink.messages):,} messages.")
    connection.close()
    requests, writes, pages_503 = read_log(folder / "load.jsonl")
    recovery = soak_check.recovery_seconds(requests, back_at)
    windows[0] = soak_check.Window(windows[0].label, windows[0].start, back_at + (recovery or 0))
    summary = soak_check.requests(requests, windows)
    checks = soak_check.writes(writes, found(writes, marker))
    mail = soak_check.mail(queued_mail(), [received.subject for received in sink.messages]) if outbox_installed() else None
    setup = (f"gunicorn ({args.workers} workers, DEBUG off) on a throw-away PostgreSQL cluster, locust headless on the "
             f"same machine. PostgreSQL stopped (fast shutdown) for {args.db_outage:.0f} s; the mail server refused "
             f"connections for {windows[1].end - windows[1].start:,.0f} s. During the restart {pages_503:,} requests "
             "were answered with the 503 page and Retry-After.")
    soak = results.SoakRun(args.users, summary.seconds, started, summary, windows, checks, recovery, mail, machine,
                           setup=setup, note=args.note, mail_note=mail_note)
    print(results.soak_section(soak) if args.no_results else results.append(soak))
    if not soak.passed:
        sys.exit(1)


def faults(args, cluster: Cluster, sink: SmtpSink, started: float) -> tuple[list[soak_check.Window], float]:
    """The mail outage, then the database restart, at their times; returns their windows
    (the restart's, first, to be extended by the recovery) and when the database was back."""
    schedule = sorted([(args.mail_down, "mail down"), (args.mail_up, "mail up"), (args.db_stop, "db stop")])
    times = {}
    for fraction, event in schedule:
        time.sleep(max(0.0, started + fraction * args.duration - time.time()))
        times[event] = time.time()
        print(f"--- {time.time() - started:6.1f} s: {event}")
        if event == "mail down":
            sink.stop()
        elif event == "mail up":
            sink.start()
        else:
            cluster.stop()
            time.sleep(max(0.0, times[event] + args.db_outage - time.time()))
            cluster.start()
            times["db back"] = time.time()
            print(f"--- {time.time() - started:6.1f} s: db back")
    restart = soak_check.Window("database restart", times["db stop"], times["db back"])
    return [restart, soak_check.Window("mail outage", times["mail down"], times["mail up"])], times["db back"]


if __name__ == "__main__":
    main()
