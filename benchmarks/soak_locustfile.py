"""The staff `make soak` simulates (benchmarks/soak.py runs locust on this file, headless).

Desk staff quick-log, log with details, look patrons up, take complaints and type in comment
cards; supervisors work the complaint and card queues; the Director decides escalated
complaints. Each user has its own session, made by soak.py (SOAK_SESSIONS, a JSON file).

Every write carries a marker (`{SOAK_RUN}-{n}`) in a free-text field: the interaction's note,
the complaint's account, the card's comment, a step's note or reason, the response; a
quick-log has no text, its marker is its submission key. Each request and each write's outcome
is a line of SOAK_LOG (JSON), from which soak.py counts errors inside and outside the fault
windows and checks every acknowledged write against the database. A write that fails is sent
again, as a person does after the 503 page, with the same submission key where its form has
one (one saved, however often sent), until SOAK_RETRY_SECONDS have passed.
"""

import datetime
import itertools
import json
import os
import random
import re
import time
import uuid

from locust import FastHttpUser, between, task

RUN = os.environ.get("SOAK_RUN", "soak")
LOG = open(os.environ.get("SOAK_LOG", "soak-log.jsonl"), "a", buffering=1)  # noqa: SIM115 (one for the run)
SESSIONS = json.loads(open(os.environ["SOAK_SESSIONS"]).read()) if "SOAK_SESSIONS" in os.environ else {}
RETRY_SECONDS = float(os.environ.get("SOAK_RETRY_SECONDS", "60"))
# Answers that are right under concurrency: someone else changed the record first (409).
EXPECTED = {200, 204, 301, 302, 303, 409}
SURNAMES = ["gar", "smi", "ok", "lee", "mar", "nguy", "pat", "joh"]
_markers = itertools.count(1)
_sessions = {role: itertools.count() for role in ("desk", "supervisor", "director")}


STEP_FORM = re.compile(r'<form method="post" action="(/(?:complaints|feedback)/\d+/(\w+)/)"[^>]*id="step-\w+">(.*?)</form>', re.S)
RESPOND_FORM = re.compile(r'<form method="post" action="(/complaints/\d+/respond/)"[^>]*>(.*?)</form>', re.S)
VERSION = re.compile(r'name="version" value="(\d+)"')
OPTION = re.compile(r'<option value="(\d+)"')
# The steps taken from each queue, and the field of each that carries the marker.
MARKED = {"acknowledge": "note", "assign": "note", "start": "note", "resolve": "note", "escalate": "reason",
          "close": "note", "decide": "note", "thank": "note", "act": "note"}


def marker() -> str:
    return f"{RUN}-{next(_markers):06d}"


def record(**fields) -> None:
    LOG.write(json.dumps(fields) + "\n")


class Staff(FastHttpUser):
    abstract = True
    role = ""

    def on_start(self):
        sessions = SESSIONS[self.role]
        self.session = sessions[next(_sessions[self.role]) % len(sessions)]
        self.headers = {"Cookie": self.session["cookie"], "X-CSRFToken": self.session["csrf"]}

    def send(self, method: str, path: str, name: str, data: dict | None = None, htmx: bool = False):
        """One request, logged with its outcome; returns (status, body) with status 0 when no
        answer came at all."""
        headers = dict(self.headers, **({"HX-Request": "true"} if htmx else {}))
        started = time.time()
        status, body = 0, ""
        with self.client.request(method, path, name=name, data=data, headers=headers, allow_redirects=False,
                                 catch_response=True) as response:
            status = response.status_code or 0
            body = response.text or "" if status == 200 else ""
            if status in EXPECTED:
                response.success()
            else:
                response.failure(f"{status}")
        record(t="req", start=started, end=time.time(), name=name, status=status,
               retry_after=response.headers.get("Retry-After", "") if response.headers else "",
               page_503=status == 503 and "back in a moment" in (response.text or ""))
        return status, body

    def write(self, kind: str, mark: str, path: str, name: str, data: dict, *, retry: bool, htmx: bool = False):
        """A marked write, sent again after a failure when `retry` (the same form, the same key)."""
        deadline, attempts = time.time() + RETRY_SECONDS, 0
        while True:
            attempts += 1
            status, body = self.send("POST", path, name, data, htmx=htmx)
            acked = status in (200, 302, 303)
            if acked or not retry or status == 409 or time.time() > deadline or 400 <= status < 500:
                break
            time.sleep(2)
        record(t="write", kind=kind, marker=mark, acked=acked, status=status, attempts=attempts, end=time.time())
        return status, body

    def work(self, queue: str, item: str, pattern: str, kind: str, only=None):
        status, html = self.send("GET", queue, f"{item} queue")
        links = sorted(set(re.findall(pattern, html)))
        if not links:
            return
        status, page = self.send("GET", random.choice(links), f"{item} page")
        steps = [(url, action, form) for url, action, form in STEP_FORM.findall(page)
                 if action in MARKED and (only is None or action in only)]
        if not steps:
            return
        url, action, form = random.choice(steps)
        mark = marker()
        data = {"version": VERSION.search(form).group(1), f"{action}-{MARKED[action]}": f"{mark} Done at the desk."}
        if action == "assign":
            data["assign-assignee"] = (OPTION.findall(form) or [""])[0]
        if action == "decide":
            data["decide-decision"] = f"{mark} The fee is refunded."
        self.write(kind, mark, url, f"{item} step: {action}", data, retry=False)


def now_text() -> str:
    return (datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=1)).strftime("%Y-%m-%d %H:%M")


class DeskStaff(Staff):
    weight = 40
    role = "desk"
    wait_time = between(1, 4)

    @task(10)
    def quick_log(self):
        key = str(uuid.uuid4())
        kind = random.randint(1, 6)
        self.write("quick-log", key, f"/desk/quick/{kind}/", "quick-log (htmx)", {"submission_key": key}, retry=True, htmx=True)

    @task(3)
    def log_with_details(self):
        mark = marker()
        data = {"submission_key": str(uuid.uuid4()), "kind": str(random.randint(1, 6)), "channel": "in_person",
                "effort": str(random.randint(1, 3)), "outcome": "answered", "occurred_at": now_text(),
                "note": f"{mark} Helped with the catalogue and a hold."}
        self.write("interaction note", mark, "/desk/log/", "log with details", data, retry=True)

    @task(5)
    def look_up(self):
        self.send("POST", "/patrons/", "patron look-up (htmx)", {"query": random.choice(SURNAMES)}, htmx=True)

    @task(5)
    def console(self):
        self.send("GET", "/desk/", "desk console")
        self.send("GET", "/desk/live/", "console update (htmx)", htmx=True)

    @task(1)
    def take_complaint(self):
        mark = marker()
        data = {"submission_key": str(uuid.uuid4()), "what_happened": f"{mark} The printer took the money twice.",
                "occurred_on": datetime.date.today().isoformat(), "service_point": str(self.session["service_point"]),
                "source": "desk", "contact_name": "Pat Soak", "contact_email": f"{mark}@patrons.example",
                "wants_reply": "on", "wants_director": "on" if random.random() < 0.2 else ""}
        self.write("complaint", mark, "/complaints/new/", "take a complaint", data, retry=True)

    @task(1)
    def type_in_card(self):
        mark = marker()
        data = {"submission_key": str(uuid.uuid4()), "kind": random.choice(["suggestion", "compliment", "question"]),
                "comment": f"{mark} More quiet study rooms, please.", "branch": str(self.session["branch"]),
                "received_on": datetime.date.today().isoformat(), "name": "Pat Soak",
                "contact": f"{mark}@patrons.example", "wants_reply": "on"}
        self.write("comment card", mark, "/feedback/new/", "type in a comment card", data, retry=True)


class Supervisor(Staff):
    weight = 8
    role = "supervisor"
    wait_time = between(2, 6)

    @task(3)
    def complaints(self):
        queue = random.choice(["/complaints/", "/complaints/?sort=newest"])
        self.work(queue, "complaint", r'href="(/complaints/\d+/)"', "complaint step")

    @task(1)
    def respond(self):
        """The response to the patron, saved and sent by e-mail in one go (a reply and a letter)."""
        status, html = self.send("GET", "/complaints/?sort=newest", "complaint queue")
        links = sorted(set(re.findall(r'href="(/complaints/\d+/)"', html)))
        if not links:
            return
        status, page = self.send("GET", random.choice(links), "complaint page")
        found = RESPOND_FORM.search(page)
        if not found or "@patrons.example" not in page:
            return
        mark = marker()
        data = {"version": VERSION.search(found.group(2)).group(1), "response": f"{mark} We are sorry: the fee is refunded.",
                "action": "send", "channel": "email", "kind": ""}
        self.write("complaint reply", mark, found.group(1), "complaint step: respond and send", data, retry=False)

    @task(2)
    def cards(self):
        self.work("/feedback/", "card", r'href="(/feedback/\d+/)"', "card step")


class Director(Staff):
    weight = 2
    role = "director"
    wait_time = between(3, 8)

    @task
    def decide(self):
        self.work("/complaints/escalated/", "escalated complaint", r'href="(/complaints/\d+/)"',
                        "complaint step", only={"decide"})
