"""Load on the web API over loopback: N concurrent clients, then the same while ingests swap it.

    python bench/web_load.py [--clients 20] [--questions 2000] [--max-seconds 180]

The server runs as its own process (uvicorn, one worker) on a socket this script binds to port 0.
The steady clients are spread over two processes (`--client-processes`): one Python event loop
driving 20 connections saturates first and would measure itself (p99 ~270 ms against ~115 ms).
The index is built in a temporary directory from the first documents of corpus/; during the swap
phase the others are ingested one at a time by a separate process, so the server swaps versions
under load. Every answer must come whole from one version: the documents it says it searched are
exactly those of a version, and every passage it returns comes from one of those documents.

Prints throughput, p50/p99 latency and errors for each phase, and exits 1 when a request failed,
an answer mixed versions, or the steady-state p99 is over the target.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import multiprocessing
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
P99_TARGET_MS = 250.0
SERIAL = itertools.count(1)

# Generic questions of the kinds tenants and staff ask; not taken from the evaluation set.
QUESTIONS = (
    "Hoeveel mag de huur dit jaar omhoog?",
    "Worden er sociale huurwoningen verkocht?",
    "Wat doen de corporaties aan verduurzaming van woningen?",
    "Hoeveel nieuwe sociale huurwoningen worden er gebouwd?",
    "Wie betaalt mee aan de aanpak van woonoverlast?",
    "Wat is afgesproken over woningen voor ouderen?",
    "Hoe worden statushouders gehuisvest?",
    "Wanneer wordt de voortgang van de afspraken besproken?",
    "Welke afspraken gaan over energiearmoede?",
    "Krijgen huurders een huurbevriezing?",
    "How many social rental homes will be built?",
    "What was agreed about rent increases?",
    "Who pays for the neighbourhood liveability projects?",
    "Are homes being sold to private buyers?",
    "What is the plan for making homes more energy efficient?",
    "When is the progress of the agreements evaluated?",
)


@dataclass
class Result:
    started: float
    seconds: float
    status: int
    error: str = ""
    searched: tuple[str, ...] = ()
    passage_docs: tuple[str, ...] = ()


@dataclass
class Phase:
    name: str
    results: list[Result] = field(default_factory=list)
    wall: float = 0.0

    @property
    def errors(self) -> list[Result]:
        return [r for r in self.results if r.status != 200]

    def percentile(self, q: float) -> float:
        times = sorted(r.seconds for r in self.results)
        if not times:
            return float("nan")
        return times[min(len(times) - 1, round(q * (len(times) - 1)))] * 1000

    def summary(self) -> str:
        kinds = Counter(r.error or str(r.status) for r in self.errors)
        return (
            f"{self.name}: {len(self.results)} questions in {self.wall:.1f} s = "
            f"{len(self.results) / self.wall:.1f}/s; p50 {self.percentile(0.5):.0f} ms, "
            f"p99 {self.percentile(0.99):.0f} ms, max {self.percentile(1.0):.0f} ms; "
            f"errors {len(self.errors)}" + (f" {dict(kinds)}" if kinds else "")
        )


# ---------------------------------------------------------------- index and server


def ingest_command(files: list[Path], index: Path) -> list[str]:
    """A separate process that ingests `files` into `index`, as a nightly job would."""
    code = (
        "import sys; from pathlib import Path; from index.build import ingest; "
        "r = ingest([Path(p) for p in sys.argv[2:]], Path(sys.argv[1])); "
        "sys.exit(0 if r.ok else 1)"
    )
    return [sys.executable, "-c", code, str(index), *map(str, files)]


def run_ingest(files: list[Path], index: Path) -> None:
    subprocess.run(ingest_command(files, index), cwd=REPO, check=True)


def start_server(index: Path, processes: int = 1) -> tuple[list[subprocess.Popen[bytes]], str]:
    """The app in its own process, on a loopback socket bound here to a free port.

    (Not `uvicorn --fd`: it wraps the descriptor as a Unix socket, so asyncio never sets
    TCP_NODELAY and every keep-alive response waits ~40 ms for a delayed ACK.)"""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.set_inheritable(True)
    env = {
        **os.environ,
        "AFSPRAKEN_INDEX": str(index),
        "AFSPRAKEN_RATE_LIMIT_PER_MINUTE": "0",
    }
    code = (
        "import socket, sys, uvicorn; from bot.web import app_from_environment; "
        "sock = socket.socket(fileno=int(sys.argv[1])); "
        "config = uvicorn.Config(app_from_environment(), log_level='warning', access_log=False); "
        "uvicorn.Server(config).run(sockets=[sock])"
    )
    # More than one process: each accepts on the same listening socket, the kernel shares them out.
    servers = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(sock.fileno())], cwd=REPO, env=env, pass_fds=[sock.fileno()]
        )
        for _ in range(processes)
    ]
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    sock.close()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if any(server.poll() is not None for server in servers):
            raise SystemExit("The server exited before it was ready.")
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return servers, url
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    for server in servers:
        server.terminate()
    raise SystemExit("The server did not become ready within 120 s.")


# ---------------------------------------------------------------- load


async def one_question(http: httpx.AsyncClient, question: str) -> Result:
    started = time.perf_counter()
    try:
        response = await http.post("/api/ask", json={"question": question})
    except httpx.HTTPError as exc:
        return Result(started, time.perf_counter() - started, 0, type(exc).__name__)
    seconds = time.perf_counter() - started
    if response.status_code != 200:
        return Result(started, seconds, response.status_code, response.text[:80])
    body = response.json()
    return Result(
        started,
        seconds,
        200,
        searched=tuple(body["searched"]),
        passage_docs=tuple(p["doc"] for p in body["passages"]),
    )


async def load(
    url: str,
    clients: int,
    count: int,
    max_seconds: float,
    keep_going: asyncio.Event | None = None,
    unique: bool = False,
) -> Phase:
    """`clients` closed-loop clients ask until `count` questions are done (and, when given,
    `keep_going` is cleared), or `max_seconds` have passed."""
    phase = Phase("")
    asked = 0
    start = time.perf_counter()

    def more() -> bool:
        if time.perf_counter() - start > max_seconds:
            return False
        return asked < count or (keep_going is not None and keep_going.is_set())

    async def client(number: int) -> None:
        nonlocal asked
        while more():
            question = QUESTIONS[(asked + number) % len(QUESTIONS)]
            if unique:  # never the same question twice, in any phase: every answer is searched for
                question = f"{question} ({next(SERIAL)})"
            asked += 1
            phase.results.append(await one_question(http, question))

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as http:
        for question in QUESTIONS[:4]:  # warm up: first answers load lazy parts
            await one_question(http, question)
        start = time.perf_counter()
        await asyncio.gather(*(client(n) for n in range(clients)))
    phase.wall = time.perf_counter() - start
    return phase


async def load_while_ingesting(
    url: str,
    index: Path,
    later: list[Path],
    clients: int,
    count: int,
    max_seconds: float,
    unique: bool = False,
) -> tuple[Phase, list[float]]:
    """Ask questions while a separate process ingests each of `later` in turn."""
    ingesting = asyncio.Event()
    ingesting.set()
    swaps: list[float] = []

    async def ingest_each() -> None:
        await asyncio.sleep(1.0)
        for path in later:
            process = await asyncio.create_subprocess_exec(*ingest_command([path], index), cwd=REPO)
            if await process.wait() != 0:
                raise SystemExit(f"Ingesting {path.name} failed.")
            swaps.append(time.perf_counter())
        await asyncio.sleep(1.0)  # some questions after the last swap too
        ingesting.clear()

    phase, _ = await asyncio.gather(
        load(url, clients, count, max_seconds, keep_going=ingesting, unique=unique), ingest_each()
    )
    return phase, swaps


# ---------------------------------------------------------------- checks


def versions_of(url: str) -> dict[str, str]:
    return {d["short_title"]: d["id"] for d in httpx.get(f"{url}/api/documents").json()}


def mixed_answers(phase: Phase, versions: list[frozenset[str]], doc_ids: dict[str, str]) -> int:
    """Answers whose searched documents are not exactly one version, or whose passages come
    from documents outside the ones searched."""
    mixed = 0
    for result in phase.results:
        if result.status != 200:
            continue
        searched = frozenset(result.searched)
        allowed = {doc_ids.get(title, title) for title in searched}
        if searched not in versions or not set(result.passage_docs) <= allowed:
            mixed += 1
    return mixed


def _steady_part(job: tuple[str, int, int, float, bool]) -> Phase:
    url, clients, count, max_seconds, unique = job
    return asyncio.run(load(url, clients, count, max_seconds, unique=unique))


def steady_load(url: str, args: argparse.Namespace) -> Phase:
    """The steady phase; with --client-processes the clients are spread over that many processes,
    so that one Python event loop's own overhead does not become the latency measured."""
    processes = max(1, args.client_processes)
    if processes == 1:
        return asyncio.run(load(url, args.clients, args.questions, args.max_seconds, unique=args.unique))
    jobs = [
        (url, args.clients // processes, args.questions // processes, args.max_seconds, args.unique)
        for _ in range(processes)
    ]
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        parts = pool.map(_steady_part, jobs)
    merged = Phase("steady", [r for part in parts for r in part.results])
    merged.wall = time.perf_counter() - started
    return merged


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--processes", type=int, default=1, help="server processes sharing the socket")
    parser.add_argument(
        "--client-processes", type=int, default=2, help="spread the steady clients over processes"
    )
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--max-seconds", type=float, default=180.0, help="per phase")
    parser.add_argument("--max-swap-seconds", type=float, default=600.0, help="for the phase with ingests")
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus")
    parser.add_argument(
        "--unique",
        action="store_true",
        help="make every question different, so none is answered from the server's cache",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    files = sorted(args.corpus.glob("*.pdf"), key=lambda p: (p.stat().st_size, p.name))
    if len(files) < 3:
        raise SystemExit(f"Need at least 3 PDFs in {args.corpus}.")
    later, first = files[:2], files[2:]  # the two smallest are ingested under load
    work = Path(tempfile.mkdtemp(prefix="afspraken-bench-web-"))
    index = work / "index"
    servers: list[subprocess.Popen[bytes]] = []
    try:
        print(f"building an index of {len(first)} documents in {index} …", flush=True)
        run_ingest(first, index)
        servers, url = start_server(index, args.processes)
        titles_before = versions_of(url)

        print(f"swap: {args.clients} clients while {len(later)} ingests swap the index …", flush=True)
        swap, swaps = asyncio.run(
            load_while_ingesting(url, index, later, args.clients, args.questions, args.max_swap_seconds)
        )
        swap.name = "during ingest swaps"
        doc_ids = {**titles_before, **versions_of(url)}
        versions = version_sets(titles_before, doc_ids, later)
        mixed = mixed_answers(swap, versions, doc_ids)
        seen = Counter(frozenset(r.searched) for r in swap.results if r.status == 200)

        print(f"steady: {args.clients} clients, {args.questions} questions …", flush=True)
        steady = steady_load(url, args)
        steady.name = "steady"
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)

    print(steady.summary())
    print(swap.summary())
    print(
        f"  {len(swaps)} swaps under load; answers per version (by documents searched): "
        + ", ".join(f"{len(v)} docs: {n}" for v, n in sorted(seen.items(), key=lambda x: len(x[0])))
        + f"; answers mixing versions: {mixed}"
    )
    figures = {
        "clients": args.clients,
        "unique_questions": args.unique,
        "steady": phase_figures(steady),
        "swap": {**phase_figures(swap), "swaps": len(swaps), "mixed": mixed},
    }
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n", "utf-8")
    failed = steady.errors or swap.errors or mixed or len(swaps) != len(later)
    slow = steady.percentile(0.99) > P99_TARGET_MS
    if slow:
        print(f"steady p99 is over the target of {P99_TARGET_MS:.0f} ms")
    return 1 if failed or slow else 0


def version_sets(before: dict[str, str], doc_ids: dict[str, str], later: list[Path]) -> list[frozenset[str]]:
    """The titles of each version in order: the first documents, then one more per ingest."""
    title_of = {doc_id: title for title, doc_id in doc_ids.items()}
    added = [title_of.get(path.stem, path.stem) for path in later]
    return [frozenset(before) | frozenset(added[:n]) for n in range(len(added) + 1)]


def phase_figures(phase: Phase) -> dict[str, float | int]:
    return {
        "questions": len(phase.results),
        "seconds": round(phase.wall, 2),
        "per_second": round(len(phase.results) / phase.wall, 1),
        "p50_ms": round(phase.percentile(0.5), 1),
        "p99_ms": round(phase.percentile(0.99), 1),
        "max_ms": round(phase.percentile(1.0), 1),
        "errors": len(phase.errors),
    }


if __name__ == "__main__":
    sys.exit(main())
