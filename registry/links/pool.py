"""A bounded pool of workers that is polite per host.

Every request is one *step* of a task; the pool starts a step only when its host has a free slot
(``limit`` concurrent) and the host's last start was ``interval`` seconds ago. A step may hand
its task back (a retry after a delay, a redirect to another host, GET after HEAD): it then waits
its turn again, so retries and redirect hops obey the same limits as first requests. After the
``deadline`` nothing new starts; what is still queued is returned as *deferred*.
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Task:
    """One unit of work, queued under a host ``key``; ``payload`` is the caller's state."""

    key: str
    payload: Any


@dataclass
class Again:
    """What a step returns to be run again: after ``delay`` s, with the host paused ``pause`` s."""

    task: Task
    delay: float = 0.0
    pause: float = 0.0


@dataclass
class _Host:
    limit: int
    interval: float
    queue: deque[Task] = field(default_factory=deque)
    active: int = 0
    next_start: float = 0.0


Step = Callable[[Task], Again | None]


class PolitePool:
    """Runs steps on ``workers`` threads within per-host limits (see the module docstring)."""

    def __init__(
        self,
        workers: int,
        policy: Callable[[str], tuple[int, float]],
        deadline: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        on_step: Callable[[], None] | None = None,
    ) -> None:
        self.workers = max(1, workers)
        self.policy = policy
        self.deadline = deadline
        self.clock = clock
        self.on_step = on_step
        self.deferred: list[Task] = []
        self.errors: list[BaseException] = []
        self._hosts: dict[str, _Host] = {}
        self._waiting: dict[str, None] = {}  # hosts with queued tasks, in arrival order
        self._delayed: list[tuple[float, int, Task]] = []
        self._seq = itertools.count()
        self._unfinished = 0
        self._cond = threading.Condition()

    def run(self, tasks: list[Task], step: Step) -> list[Task]:
        """Run every task to completion (or deferral); return the deferred tasks."""
        with self._cond:
            for task in tasks:
                self._enqueue(task)
            self._unfinished = len(tasks)
        threads = [
            threading.Thread(target=self._work, args=(step,), daemon=True, name=f"links-{i}")
            for i in range(min(self.workers, len(tasks)))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if self.errors:
            raise self.errors[0]
        return self.deferred

    def _host(self, key: str) -> _Host:
        host = self._hosts.get(key)
        if host is None:
            limit, interval = self.policy(key)
            host = self._hosts[key] = _Host(max(1, limit), interval)
        return host

    def _enqueue(self, task: Task) -> None:
        self._host(task.key).queue.append(task)
        self._waiting[task.key] = None

    def _work(self, step: Step) -> None:
        done: tuple[Task, Again | None] | None = None
        while True:
            with self._cond:
                if done is not None:
                    self._settle(*done)
                task = self._next()
                if task is None:
                    self._cond.notify_all()
            if done is not None and self.on_step is not None:
                self.on_step()
            if task is None:
                return
            again: Again | None = None
            try:
                again = step(task)
            except BaseException as exc:  # a bug in a step must not hang the other workers
                self.errors.append(exc)
            done = (task, again)

    def _settle(self, task: Task, again: Again | None) -> None:
        """Book a finished step (under the lock).

        The worker that settles a step goes on to pick the next task itself, so the slot it
        freed needs nobody woken; only a requeued task (one more to run) wakes another worker.
        """
        host = self._hosts[task.key]
        host.active -= 1
        if again is not None:
            self._requeue(again, host)
            self._cond.notify()
        else:
            self._unfinished -= 1
        if self._unfinished == 0 or self.errors:
            self._cond.notify_all()

    def _requeue(self, again: Again, finished_host: _Host) -> None:
        now = self.clock()
        if again.pause:
            finished_host.next_start = max(finished_host.next_start, now + again.pause)
        if again.delay > 0:
            heapq.heappush(self._delayed, (now + again.delay, next(self._seq), again.task))
        else:
            self._enqueue(again.task)

    def _next(self) -> Task | None:
        """The next task whose host may be asked now; waits if none; None when all is done."""
        while True:
            if self._unfinished == 0 or self.errors:
                return None
            now = self.clock()
            if self.deadline is not None and now >= self.deadline:
                self._defer_all()
                if self._unfinished == 0:
                    self._cond.notify_all()
                    return None
                self._cond.wait()
                continue
            while self._delayed and self._delayed[0][0] <= now:
                self._enqueue(heapq.heappop(self._delayed)[2])
            wake = self._delayed[0][0] if self._delayed else None
            for key in list(self._waiting):
                host = self._hosts[key]
                if not host.queue:
                    del self._waiting[key]
                    continue
                if host.active >= host.limit:
                    continue
                if host.next_start > now:
                    wake = host.next_start if wake is None else min(wake, host.next_start)
                    continue
                task = host.queue.popleft()
                if not host.queue:
                    del self._waiting[key]
                else:  # round robin: this host goes to the back of the line
                    del self._waiting[key]
                    self._waiting[key] = None
                host.active += 1
                host.next_start = now + host.interval
                return task
            if self.deadline is not None:
                wake = self.deadline if wake is None else min(wake, self.deadline)
            self._cond.wait(None if wake is None else max(0.0, wake - now))

    def _defer_all(self) -> None:
        """Past the deadline: everything queued or delayed is deferred, not run."""
        pending = [task for _, _, task in self._delayed]
        self._delayed.clear()
        for key in list(self._waiting):
            pending.extend(self._hosts[key].queue)
            self._hosts[key].queue.clear()
        self._waiting.clear()
        self.deferred.extend(pending)
        self._unfinished -= len(pending)
