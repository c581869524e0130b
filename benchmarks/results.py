"""The dated section `make bench` appends to benchmarks/RESULTS.md: one row per page, then the
worker memory and the machine. Kept apart from the runner so that the suite can check it."""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

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


def append(run: Run, path: Path = RESULTS) -> str:
    """Appends the run's section to `path` (made with a title if missing); returns the section."""
    text = section(run)
    if not path.exists():
        path.write_text("# `make bench` results\n\nEach run appends a dated section (benchmarks/README.md).\n")
    with path.open("a") as results:
        results.write(text)
    return text
