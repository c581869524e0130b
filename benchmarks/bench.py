"""`make bench`: the pages staff use all day, under load, at a library system's volume.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/servicedesk .venv/bin/python benchmarks/bench.py

1. seeds a PostgreSQL database (`--database`, default servicedesk_bench, on DATABASE_URL's
   server; created if missing) to VOLUME with `seed_demo`, adding only what is missing, so a
   second run reuses it, then VACUUM ANALYZE;
2. serves the app with gunicorn (2 workers, DEBUG off, static files collected) on a free port
   of 127.0.0.1, through benchmarks/wsgi.py, which adds a bare Django view at /bare/;
3. for each page of PAGES, signed in as its persona (a session made in-process, its cookie
   and a CSRF token handed to wrk, benchmarks/bench.lua): one request alone (median of
   sequential requests), then wrk for `--duration` seconds with 8 connections; in-process,
   the median time and the queries of a request through Django's test client;
4. reads each worker's VmRSS after a warm-up (`--warm-up` seconds of load on every page: the
   first renders, imports and the allocator's first arenas are not growth), then after each
   page's load (at least `--memory-requests` in all, 10,000 by default), and appends a dated
   section to benchmarks/RESULTS.md (benchmarks/results.py), with the growth over all the
   requests and over their second half: memory that levels off grows in the first half only.

wrk rather than locust: one small C binary from Debian, whose own cost on a 2-core machine is
far below a Python load generator's; the Lua script is all the session handling it needs.
`--profile NAME` prints a cProfile of one page in-process instead (nothing served), in the
order `--profile-sort` names (cumulative, or tottime for where the time is spent itself).
"""

import argparse
import cProfile
import http.client
import os
import pstats
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import results  # noqa: E402

PYTHON = sys.executable
# seed_demo option -> rows wanted (the demo set's own rows count towards them).
VOLUME = {
    "patrons": 100_000, "interactions": 1_000_000, "complaints": 20_000,
    "reviews": 1_000, "cards": 10_000, "suggestions": 5_000,
}
DAYS = 730


@dataclass(frozen=True)
class Page:
    """One line per page: `{name}` in path and body is filled from fixtures()."""

    name: str
    persona: str  # a demo account, or "" for no session
    path: str
    method: str = "GET"
    body: str = ""
    htmx: bool = False


PAGES = [
    Page("/healthz (trivial view)", "", "/healthz"),
    Page("bare Django view (ceiling)", "", "/bare/"),
    Page("desk console", "desk", "/desk/"),
    Page("console update (htmx, every 15 s)", "desk", "/desk/live/", htmx=True),
    Page("quick-log (htmx POST)", "desk", "/desk/quick/{kind}/", "POST", "submission_key={uuid}", htmx=True),
    Page("name look-up (POST)", "desk", "/patrons/", "POST", "query={surname}"),
    Page("complaint queue (all)", "director", "/complaints/?status=all"),
    Page("complaint page", "director", "/complaints/{complaint}/"),
    Page("review page", "director", "/reviews/{review}/"),
    Page("comment-card queue", "supervisor", "/feedback/"),
    Page("callback page", "desk", "/callbacks/{callback}/"),
    Page("reports: a year, every branch", "director", "/reports/?period=last-year"),
]
CEILING = PAGES[0].name


def database_url(name: str) -> str:
    parts = urlsplit(os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/servicedesk")
    if not parts.scheme.startswith("postgres"):
        sys.exit("make bench needs PostgreSQL: set DATABASE_URL to a postgres:// address (README.md).")
    return urlunsplit(parts._replace(path=f"/{name}"))


def ensure_database(url: str) -> None:
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    connection = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            print(f"--- creating database {name}")
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def manage(*args: str, debug: bool = False) -> None:
    env = {**os.environ, "DEBUG": "1" if debug else "0"}
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], check=True, env=env, cwd=ROOT)


def counts() -> dict[str, int]:
    from feedback.models import CommentCard, Complaint, ComplaintStep, PurchaseSuggestion, ReviewRequest
    from interactions.models import Interaction
    from patrons.models import Patron
    from policy.models import ChecklistTick

    models = {"patrons": Patron, "interactions": Interaction, "complaints": Complaint, "complaint steps": ComplaintStep,
              "reviews": ReviewRequest, "cards": CommentCard, "suggestions": PurchaseSuggestion,
              "checklist ticks": ChecklistTick}
    return {name: model.objects.count() for name, model in models.items()}


def seed(volume: dict[str, int]) -> None:
    """Adds what is missing of `volume`: a database seeded at this volume is reused as it is."""
    manage("seed_demo", "--verbosity", "0", debug=True)
    have = counts()
    missing = {option: wanted - have[option] for option, wanted in volume.items() if wanted - have[option] > wanted // 100}
    if not missing:
        print("--- the database already holds the volume asked for: reusing it")
        return
    print(f"--- seeding {missing}")
    started = time.monotonic()
    manage("seed_demo", "--days", str(DAYS), *[f"--{option}={count}" for option, count in missing.items()], debug=True)
    print(f"--- seeded in {time.monotonic() - started:,.0f} s; VACUUM ANALYZE")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def fixtures() -> dict[str, object]:
    from desk.models import Callback
    from feedback.models import Complaint, ReviewRequest
    from interactions.models import InteractionKind
    from patrons.models import Patron

    patrons = Patron.objects.order_by("pk").values_list("last_name", flat=True)
    return {
        "kind": InteractionKind.objects.get(name="Directional").pk,
        "surname": patrons[patrons.count() // 2][:4],
        "complaint": Complaint.objects.filter(status=Complaint.Status.IN_PROGRESS).order_by("-pk").first().pk,
        "review": ReviewRequest.objects.filter(status=ReviewRequest.Status.COMMITTEE).order_by("-pk").first().pk,
        # A demo callback of Main still to make, with its four step forms (desk/demo/callbacks.py).
        "callback": Callback.objects.filter(status=Callback.Status.SCHEDULED, branch__code="main").order_by("pk").first().pk,
        "uuid": "{uuid}",
    }


def sign_in(persona: str):
    """A test client with a session of the demo account, at its first service point, and its
    CSRF secret: the cookies and header wrk sends. The session is made as sign-in makes it,
    without the sign-in page (whose rate limits and access record are not what is measured)."""
    from django.conf import settings
    from django.contrib import auth
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import Client

    from staff.access import service_points_for
    from staff.current import SESSION_KEY
    from staff.middleware import SessionLimitsMiddleware

    client = Client(HTTP_HOST="127.0.0.1")
    if not persona:
        return client, ""
    user = auth.get_user_model().objects.get(username=persona)
    session = SessionStore()
    session[auth.SESSION_KEY] = str(user.pk)
    session[auth.BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[auth.HASH_SESSION_KEY] = user.get_session_auth_hash()
    point = service_points_for(user).order_by("pk").first()
    if point is not None:
        session[SESSION_KEY] = point.pk
    SessionLimitsMiddleware.start_clock(session)
    session.create()
    csrf = secrets.token_hex(16)
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    client.cookies[settings.CSRF_COOKIE_NAME] = csrf
    client.defaults["HTTP_X_CSRFTOKEN"] = csrf
    return client, csrf


def cookie_header(client) -> str:
    return "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())


def fill(text: str, values: dict) -> str:
    return text.format(**values) if text else text


def in_process(page: Page, client, values: dict, repeat: int = 20) -> tuple[float, int]:
    """Median milliseconds and queries of the page through the test client (no network)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    durations, queries = [], 0
    for _ in range(repeat + 3):
        body = dict(pair.split("=", 1) for pair in fill(page.body, values).split("&") if pair)
        body = {key: secrets.token_hex(16) if value == "{uuid}" else value for key, value in body.items()}
        extra = {"HTTP_HX_REQUEST": "true"} if page.htmx else {}
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            if page.method == "POST":
                response = client.post(fill(page.path, values), body, **extra)
            else:
                response = client.get(fill(page.path, values), **extra)
            durations.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{page.name}: {response.status_code} in-process")
        queries = len(captured)
    return statistics.median(durations[3:]), queries


def profile(page: Page, values: dict, repeat: int, sort: str) -> None:
    client, _ = sign_in(page.persona)
    in_process(page, client, values, repeat=3)
    profiler = cProfile.Profile()
    profiler.enable()
    median, queries = in_process(page, client, values, repeat=repeat)
    profiler.disable()
    print(f"{page.name}: {median:.1f} ms median in-process, {queries} queries")
    pstats.Stats(profiler).sort_stats(sort).print_stats(45)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def alone(port: int, page: Page, cookie: str, csrf: str, values: dict, repeat: int = 30) -> float:
    """Median milliseconds of one request at a time over HTTP."""
    durations = []
    for _ in range(repeat + 3):
        headers = {"Cookie": cookie} if cookie else {}
        body = fill(page.body, values).replace("{uuid}", secrets.token_hex(16)) or None
        if page.method == "POST":
            headers |= {"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": csrf}
        if page.htmx:
            headers["HX-Request"] = "true"
        connection = http.client.HTTPConnection("127.0.0.1", port)
        started = time.perf_counter()
        connection.request(page.method, fill(page.path, values), body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        durations.append((time.perf_counter() - started) * 1000)
        connection.close()
        if response.status != 200:
            raise SystemExit(f"{page.name}: {response.status} from gunicorn")
    return statistics.median(durations[3:])


def load(port: int, page: Page, cookie: str, csrf: str, values: dict, duration: int, connections: int) -> dict:
    env = {**os.environ, "BENCH_METHOD": page.method, "BENCH_PATH": fill(page.path, values),
           "BENCH_BODY": fill(page.body, values), "BENCH_COOKIE": cookie, "BENCH_CSRF": csrf,
           "BENCH_HTMX": "1" if page.htmx else ""}
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "-s", str(ROOT / "benchmarks/bench.lua"),
         f"http://127.0.0.1:{port}"], env=env, check=True, capture_output=True, text=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    return {key: int(value) for key, value in re.findall(r"(\w+)=(\d+)", line)}


def workers_rss(master: int) -> dict[int, int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    rss = {}
    for pid in map(int, children):
        status = Path(f"/proc/{pid}/status").read_text()
        rss[pid] = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))
    return rss


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    print("--- installing Debian's wrk")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def machine() -> dict[str, str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0].split()[0]
    load1, load5, _ = os.getloadavg()
    return {"cores": str(os.cpu_count()), "PostgreSQL": postgres, "Python": sys.version.split()[0],
            "load average at the start": f"{load1:.1f} (1 min) / {load5:.1f} (5 min)"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="servicedesk_bench")
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per page (default 20)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of VOLUME to seed (default 1)")
    parser.add_argument("--profile", metavar="NAME", help="profile the page whose name starts with NAME, and stop")
    parser.add_argument("--profile-sort", default="cumulative", help="the profile's order: cumulative or tottime")
    parser.add_argument("--warm-up", type=int, default=10,
                        help="seconds of load per page before the workers' memory is first read (default 10)")
    parser.add_argument("--memory-requests", type=int, default=10_000,
                        help="requests served after the warm-up, at least, by the last memory reading (default 10,000)")
    parser.add_argument("--note", default="", help="a sentence for RESULTS.md (e.g. that the machine was busy)")
    args = parser.parse_args()

    url = database_url(args.database)
    secret = secrets.token_urlsafe(50)
    os.environ.update(DATABASE_URL=url, SECRET_KEY=secret, ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0",
                      SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0", SECURE_HSTS_SECONDS="0",
                      DJANGO_SETTINGS_MODULE="servicedesk.settings")
    ensure_database(url)
    manage("migrate", "--no-input", "--verbosity", "0")
    import django

    django.setup()
    seed({option: max(1, int(count * args.scale)) for option, count in VOLUME.items()})
    values = fixtures()
    manage("collectstatic", "--no-input", "--verbosity", "0")  # the pages' templates name the manifest's files
    if args.profile:
        profile(next(page for page in PAGES if page.name.startswith(args.profile)), values, repeat=20, sort=args.profile_sort)
        return
    ensure_wrk()
    port = free_port()
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "benchmarks.wsgi:application", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"], cwd=ROOT, env={**os.environ, "DEBUG": "0"},
    )
    try:
        run(server, port, values, args)
    finally:
        server.terminate()
        server.wait(timeout=30)


def run(server, port: int, values: dict, args) -> None:
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                break
        except OSError:
            time.sleep(0.2)
    measured, served = [], 0
    sessions = {page.name: sign_in(page.persona) for page in PAGES}
    for page in PAGES:  # every worker renders every page a few hundred times before memory is read
        client, csrf = sessions[page.name]
        load(port, page, cookie_header(client), csrf, values, args.warm_up, args.connections)
    memory = [results.MemoryReading("warm-up", 0, workers_rss(server.pid))]
    for page in PAGES:
        client, csrf = sessions[page.name]
        cookie = cookie_header(client)
        single = alone(port, page, cookie, csrf, values)
        outcome = load(port, page, cookie, csrf, values, args.duration, args.connections)
        median, queries = in_process(page, *sign_in(page.persona)[:1], values) if page.path != "/bare/" else (0, 0)
        served += outcome["requests"]
        memory.append(results.MemoryReading(page.name, served, workers_rss(server.pid)))
        seconds = outcome["duration_us"] / 1e6
        measured.append(results.PageResult(
            page.name, page.persona or "none", outcome["requests"] / seconds, outcome["p50_us"] / 1000,
            outcome["p95_us"] / 1000, outcome["p99_us"] / 1000, single, median, queries, outcome["bad_status"],
        ))
        print(f"{page.name}: {outcome['requests'] / seconds:,.0f} req/s, p95 {outcome['p95_us'] / 1000:.1f} ms")
    desk = next(page for page in PAGES if page.persona == "desk")
    if served < args.memory_requests:
        client, csrf = sessions[desk.name]
        while served < args.memory_requests:
            served += load(port, desk, cookie_header(client), csrf, values, 10, args.connections)["requests"]
        memory.append(results.MemoryReading(f"{desk.name}, to {args.memory_requests:,} requests", served,
                                            workers_rss(server.pid)))
    run_ = results.Run(measured, CEILING, machine(), counts(), memory, args.note)
    print(results.append(run_))


if __name__ == "__main__":
    main()
