"""The dated sections `make bench` and `make soak` append to benchmarks/RESULTS.md: for the
bench one row per page, then the worker memory and the machine; for the soak the requests,
the fault windows, the writes checked and the mail. Kept apart from the runners so that the
suite can check them."""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import soak_check

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADER = (
    "| page | persona | req/s | p50 | p95 | p99 | one request alone (median) | in-process (median) "
    "| queries | share of /healthz req/s | non-2xx |\n"
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
)


@dataclass
class PageResult:
    name: str
    persona: str
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    alone_ms: float
    in_process_ms: float
    queries: int
    bad_status: int = 0


@dataclass
class MemoryReading:
    """Each worker's VmRSS (kB by pid) once `requests` had been served since the warm-up."""

    after: str  # what had just run: "warm-up", or a page's name
    requests: int
    rss_kb: dict[int, int]


@dataclass
class Run:
    pages: list[PageResult]
    ceiling: str  # the page the shares are of (/healthz)
    machine: dict[str, str]
    rows: dict[str, int]
    memory: list[MemoryReading] = field(default_factory=list)  # the first is taken after the warm-up
    note: str = ""
    when: datetime.datetime = field(default_factory=lambda: datetime.datetime.now().astimezone())


def _ms(value: float) -> str:
    return f"{value:.1f} ms"


def section(run: Run) -> str:
    ceiling = next((page.requests_per_second for page in run.pages if page.name == run.ceiling), 0)
    lines = [f"\n## {run.when:%Y-%m-%d %H:%M %Z}: `make bench`\n\n"]
    if run.note:
        lines.append(f"{run.note}\n\n")
    lines.append(HEADER)
    for page in run.pages:
        share = f"{page.requests_per_second / ceiling:.0%}" if ceiling else "–"
        lines.append(
            f"| {page.name} | {page.persona} | {page.requests_per_second:,.0f} | {_ms(page.p50_ms)} | {_ms(page.p95_ms)} "
            f"| {_ms(page.p99_ms)} | {_ms(page.alone_ms)} | {_ms(page.in_process_ms)} | {page.queries} | {share} "
            f"| {page.bad_status} |\n"
        )
    if run.memory:
        lines.append(memory_section(run.memory))
    lines.append("\nMachine: " + ", ".join(f"{key} {value}" for key, value in run.machine.items()) + ".\n")
    lines.append("Rows: " + ", ".join(f"{count:,} {table}" for table, count in run.rows.items()) + ".\n")
    return "".join(lines)


def _growth(start: MemoryReading, end: MemoryReading) -> str:
    return " / ".join(
        f"{(end.rss_kb[pid] - kb) / kb:+.1%}" if pid in end.rss_kb else f"worker {pid} gone"
        for pid, kb in start.rss_kb.items()
    )


def memory_section(readings: list[MemoryReading]) -> str:
    """The workers' VmRSS after the warm-up and after each page's load, and the growth over all
    of it and over its second half: memory that levels off grows in the first half only, a leak
    in both (the warm-up itself, first renders and imports, is not counted)."""
    pids = list(readings[0].rss_kb)
    lines = [
        "\nWorker memory (VmRSS), read after a warm-up of every page, then after each page's load:\n\n",
        "| after | requests since the warm-up | " + " | ".join(f"worker {pid}" for pid in pids) + " |\n",
        "| --- | ---: |" + " ---: |" * len(pids) + "\n",
    ]
    for reading in readings:
        sizes = " | ".join(f"{reading.rss_kb[pid] / 1024:.1f} MB" if pid in reading.rss_kb else "gone" for pid in pids)
        lines.append(f"| {reading.after} | {reading.requests:,} | {sizes} |\n")
    first, last = readings[0], readings[-1]
    middle = next(reading for reading in readings if reading.requests >= last.requests / 2)
    lines.append(
        f"\nGrowth over the {last.requests:,} requests after the warm-up: {_growth(first, last)}; over the last "
        f"{last.requests - middle.requests:,} of them: {_growth(middle, last)}.\n"
    )
    return "".join(lines)


@dataclass
class SoakRun:
    users: int
    seconds: float
    started: float  # epoch seconds: the windows are told from here
    requests: soak_check.RequestSummary
    windows: list[soak_check.Window]
    writes: list[soak_check.WriteCheck]
    recovery_seconds: float | None
    mail: soak_check.MailCheck | None
    machine: dict[str, str]
    setup: str = ""  # what ran: workers, database, faults
    note: str = ""
    mail_note: str = ""  # under the mail's line: why it was not checked, or what the worker did
    when: datetime.datetime = field(default_factory=lambda: datetime.datetime.now().astimezone())

    @property
    def lost(self) -> int:
        return sum(len(check.lost) for check in self.writes) + (len(self.mail.lost) if self.mail else 0)

    @property
    def duplicated(self) -> int:
        return sum(len(check.duplicated) for check in self.writes) + (len(self.mail.duplicated) if self.mail else 0)

    @property
    def passed(self) -> bool:
        return not self.lost and not self.duplicated and not self.requests.errors_outside and self.mail is not None


def _statuses(counts: dict[int, int]) -> str:
    return ", ".join(f"{'no answer' if status == 0 else status} ×{count:,}" for status, count in sorted(counts.items())) or "–"


def soak_section(run: SoakRun) -> str:
    summary = run.requests
    verdict = "PASS" if run.passed else "FAIL"
    lines = [f"\n## {run.when:%Y-%m-%d %H:%M %Z}: `make soak`\n\n"]
    if run.note:
        lines.append(f"{run.note}\n\n")
    lines.append(f"{run.users} simulated staff for {run.seconds:,.0f} s. {run.setup}\n\n")
    lines.append(
        f"**{verdict}**: {run.lost} lost, {run.duplicated} duplicated, {summary.errors_outside} errors outside the "
        "fault windows" + ("" if run.mail else ", mail not checked") + ".\n\n"
    )
    lines.append("| requests | req/s | p50 | p95 | errors outside the fault windows | edit conflicts (409, expected) |\n")
    lines.append("| ---: | ---: | ---: | ---: | ---: | ---: |\n")
    lines.append(f"| {summary.total:,} | {summary.per_second:,.1f} | {_ms(summary.p50_ms)} | {_ms(summary.p95_ms)} "
                 f"| {summary.errors_outside} | {summary.conflicts} |\n")
    if summary.error_names_outside:
        lines.append("\nErrors outside the windows: " + ", ".join(
            f"{name} ×{count}" for name, count in sorted(summary.error_names_outside.items())) + ".\n")
    lines.append("\n| fault window | from | to | requests | errors | of them |\n| --- | ---: | ---: | ---: | ---: | --- |\n")
    for window in run.windows:
        lines.append(
            f"| {window.label} | {window.start - run.started:,.1f} s | {window.end - run.started:,.1f} s "
            f"| {summary.requests_inside.get(window.label, 0):,} | {summary.errors_inside.get(window.label, 0):,} "
            f"| {_statuses(summary.statuses_inside.get(window.label, {}))} |\n"
        )
    recovery = f"{run.recovery_seconds:.1f} s" if run.recovery_seconds is not None else "never"
    lines.append(f"\nRecovery after the database restart (its start to the first request begun after it that "
                 f"succeeded): {recovery}.\n")
    lines.append("\n| write | acknowledged | lost | duplicated | failed | failed, yet saved once | sent again |\n"
                 "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
    for check in run.writes:
        lines.append(f"| {check.kind} | {check.acknowledged:,} | {len(check.lost)} | {len(check.duplicated)} "
                     f"| {check.failed:,} | {check.saved_unacknowledged:,} | {check.retried:,} |\n")
    retried = sum(check.retried for check in run.writes)
    lines.append(f"\nForms sent again after a failure, with the same submission key, as a browser resends them: "
                 f"{retried:,}; in the database exactly once: {sum(check.retried_saved_once for check in run.writes):,}.\n")
    if run.mail:
        lines.append(f"\nMail: {run.mail.queued:,} queued, {run.mail.sent:,} received by the mail server, "
                     f"{len(run.mail.lost)} lost, {len(run.mail.duplicated)} duplicated, {run.mail.unexpected} unexpected."
                     + (f" {run.mail_note}" if run.mail_note else "") + "\n")
    else:
        lines.append(f"\nMail: not checked. {run.mail_note}\n")
    lines.append("\nMachine: " + ", ".join(f"{key} {value}" for key, value in run.machine.items()) + ".\n")
    return "".join(lines)


def append(run: Run | SoakRun, path: Path = RESULTS) -> str:
    """Appends the run's section to `path` (made with a title if missing); returns the section."""
    text = soak_section(run) if isinstance(run, SoakRun) else section(run)
    if not path.exists():
        path.write_text("# `make bench` results\n\nEach run appends a dated section (benchmarks/README.md).\n")
    with path.open("a") as results:
        results.write(text)
    return text
