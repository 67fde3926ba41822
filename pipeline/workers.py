"""A pool of isolated worker processes: a worker that dies costs only the file it held, and no worker outlives its parent."""

from __future__ import annotations

import os
import signal
import sys
from collections import deque
from multiprocessing.connection import wait
from typing import Callable

from pipeline.errors import WorkerDiedError

MB = 1024 * 1024
JOIN_SECONDS = 5.0
PR_SET_PDEATHSIG = 1

Task = Callable[[list], list]


def _die_with_parent(parent: int) -> None:
    """Linux: the kernel kills this process when its parent dies (kill -9 included)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the call above
        os._exit(1)


def _vm_size() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _memory_ceiling(memory_mb: int | None) -> None:
    """Cap the address space at what the worker starts with plus `memory_mb`: a runaway file then
    raises MemoryError in Python (that file's error) instead of the kernel killing the worker."""
    if not memory_mb:
        return
    try:
        import resource
    except ImportError:  # Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _vm_size() + memory_mb * MB
    if soft != resource.RLIM_INFINITY:
        limit = min(limit, soft)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


def worker_main(conn, task: Task, memory_mb: int | None, parent: int) -> None:
    """A worker: run each chunk it is sent, send back its payloads; stop on None or a lost parent."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _memory_ceiling(memory_mb)
    while True:
        try:
            jobs = conn.recv()
        except (EOFError, OSError):
            return
        if jobs is None:
            return
        try:
            answer = ("ok", task(jobs))
        except BaseException as error:  # noqa: BLE001 - the parent retries the chunk file by file
            answer = ("failed", f"{error.__class__.__name__}: {error}")
        try:
            conn.send(answer)
        except (OSError, ValueError):
            return


class Ticket:
    """A chunk submitted to the pool; result() drives the pool until the chunk is done."""

    def __init__(self, pool: IsolatedPool, jobs: list, isolated: bool = False) -> None:
        self.pool, self.jobs, self.isolated = pool, jobs, isolated
        self.payloads: list | None = None
        self.parts: list[Ticket] | None = None  # the chunk run again file by file after a death

    def done(self) -> bool:
        if self.parts is not None:
            return all(part.done() for part in self.parts)
        return self.payloads is not None

    def result(self) -> list:
        self.pool.run_until(self)
        if self.parts is not None:
            return [payload for part in self.parts for payload in part.result()]
        return self.payloads


class _Worker:
    def __init__(self, context, task: Task, memory_mb: int | None) -> None:
        self.conn, child = context.Pipe(duplex=True)
        self.process = context.Process(target=worker_main, args=(child, task, memory_mb, os.getpid()), daemon=True)
        self.process.start()
        child.close()
        self.ticket: Ticket | None = None


def death_message(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        cause = " (the system's out-of-memory killer sends it)" if name == "SIGKILL" else ""
        return (f"the worker process reading it was killed by {name}{cause}; the rest of the batch was processed. "
                "Check the file, or give the workers more memory")
    return f"the worker process reading it stopped (exit code {exitcode}); the rest of the batch was processed"


class IsolatedPool:
    """`workers` processes, each running `task` on the chunks it is sent. When one dies, its chunk
    is run again file by file in fresh workers; the file that kills a worker on its own becomes a
    WorkerDiedError payload, and the pool goes on with a replacement."""

    def __init__(self, workers: int, context, task: Task, memory_mb: int | None = None) -> None:
        self._context, self._task, self._memory_mb = context, task, memory_mb
        self._queue: deque[Ticket] = deque()
        self._workers = [self._start() for _ in range(max(1, workers))]
        self.deaths = 0

    def _start(self) -> _Worker:
        return _Worker(self._context, self._task, self._memory_mb)

    def submit(self, jobs: list) -> Ticket:
        ticket = Ticket(self, list(jobs))
        self._queue.append(ticket)
        self._dispatch()
        return ticket

    def _dispatch(self) -> None:
        for index, worker in enumerate(self._workers):
            if not self._queue:
                return
            if worker.ticket is not None:
                continue
            ticket = self._queue.popleft()
            try:
                worker.conn.send(ticket.jobs)
            except (OSError, ValueError):  # the idle worker died: replace it, send again later
                self._queue.appendleft(ticket)
                self._replace(index)
                continue
            worker.ticket = ticket

    def run_until(self, ticket: Ticket) -> None:
        while not ticket.done():
            self._dispatch()
            busy = [w for w in self._workers if w.ticket is not None]
            if not busy:
                raise RuntimeError("a chunk waits with no worker running it")
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy])
            for index, worker in enumerate(self._workers):
                if worker.ticket is not None and (worker.conn in ready or worker.process.sentinel in ready):
                    self._collect(index)

    def _collect(self, index: int) -> None:
        worker = self._workers[index]
        ticket = worker.ticket
        answer = None
        try:
            if worker.conn.poll():
                answer = worker.conn.recv()
        except (EOFError, OSError):
            answer = None
        if answer is not None:
            worker.ticket = None
            if answer[0] == "ok":
                ticket.payloads = answer[1]
                return
            self._retry(ticket, f"the worker failed ({answer[1]})")
            return
        if worker.process.is_alive():
            return  # woken by a partial message; wait for the rest
        worker.process.join()
        self.deaths += 1
        self._retry(ticket, death_message(worker.process.exitcode))
        self._replace(index)

    def _retry(self, ticket: Ticket, reason: str) -> None:
        """A chunk whose worker died: run each file alone; a file that fails alone is the culprit."""
        if ticket.isolated or len(ticket.jobs) == 1:
            ticket.payloads = [("error", WorkerDiedError, reason)]
            return
        ticket.parts = [Ticket(self, [job], isolated=True) for job in ticket.jobs]
        self._queue.extendleft(reversed(ticket.parts))

    def _replace(self, index: int) -> None:
        old = self._workers[index]
        old.conn.close()
        if old.process.is_alive():
            old.process.kill()
        old.process.join()
        self._workers[index] = self._start()

    def shutdown(self, wait_for_workers: bool = True) -> None:
        """Stop every worker: politely when asked to wait, at once otherwise (no orphans either way)."""
        for worker in self._workers:
            try:
                if wait_for_workers and worker.ticket is None:
                    worker.conn.send(None)
            except (OSError, ValueError):
                pass
        for worker in self._workers:
            if wait_for_workers and worker.ticket is None:
                worker.process.join(JOIN_SECONDS)
            if worker.process.is_alive():
                worker.process.kill()
            worker.process.join()
            worker.conn.close()
        self._workers = []
