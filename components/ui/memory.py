"""Give the server's memory back to the system once viewers' sessions have ended.

Why: a server's resident memory used to stay at the high-water mark of its busiest minute
(30 viewers: 230 -> 670 MB, and 665 MB long after they had all gone; ``bench/RESULTS.md`` §9).
Python had freed its objects; the allocators kept the pages. Two things give them back:

* how the server process allocates (:data:`SERVER_ENV`, set by ``components/ui/serve.py`` before
  the interpreter starts): Python's objects in glibc's allocator instead of CPython's own 1 MiB
  arenas, which go back only when wholly empty, and no cache of ended threads' stacks (each
  script run has a thread of its own);
* :func:`keep`: every ``CSTO_MEMORY_CHECK_SECONDS`` (30 s), on the server's event loop, it drops
  the sessions whose ``server.disconnectedSessionTTL`` has run out (Streamlit only does so on its
  next write, which an idle server never makes) and, when at most half of the sessions are left,
  collects the ended sessions' objects and asks glibc to return its free pages (``malloc_trim``).

Measured after 30 viewers had gone: 713 -> 306 MB, with no visit needed (``bench/RESULTS.md`` §9d).
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import gc
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

LOG = logging.getLogger("csto.memory")  # given Streamlit's format and level by keep()

# Read by glibc and CPython when the process starts, so they must be in its environment then.
# A value already in the environment wins (``PYTHONMALLOC=pymalloc`` restores CPython's default).
SERVER_ENV = {
    "PYTHONMALLOC": "malloc",
    "GLIBC_TUNABLES": "glibc.pthread.stack_cache_size=0",
    "MALLOC_ARENA_MAX": "2",
    "MALLOC_TRIM_THRESHOLD_": "131072",
}
CHECK_SECONDS_ENV = "CSTO_MEMORY_CHECK_SECONDS"
DEFAULT_CHECK_SECONDS = 30.0


def server_environment(environ: dict[str, str]) -> dict[str, str]:
    """``environ`` with :data:`SERVER_ENV`'s settings added where it has none of its own."""
    return {**SERVER_ENV, **environ}


def malloc_trim() -> Callable[[], None] | None:
    """A full collection, then glibc's ``malloc_trim(0)`` (free pages anywhere in its heaps back to
    the system). The collection comes first because an ended session's objects are in reference
    cycles: dropping the session frees nothing until the collector runs, and trimming before that
    returned nothing (measured). None where the C library has no ``malloc_trim`` (musl, macOS)."""
    try:
        function = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_size_t]
    function.restype = ctypes.c_int

    def trim() -> None:
        gc.collect()
        function(0)

    return trim


def rss_mb() -> float | None:
    """This process's resident memory (Linux ``/proc``), for the log line."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError, IndexError):
        return None


@dataclass
class Trimmer:
    """Decides when to trim: when sessions have ended (fewer than at the last check, or expired ones
    just dropped) and at most half of the most seen since the last trim are left. Viewers coming
    and going at a steady rate end sessions at every check; a trim then would cost a collection
    (0.3-0.5 s holding the interpreter) every 30 s and give back little."""

    trim: Callable[[], None]
    rss: Callable[[], float | None] = rss_mb
    previous: int | None = None
    most: int = 0

    def check(self, sessions: int, dropped: int = 0) -> str | None:
        """Trim if the rule above says so; returns what was done, for the log."""
        ended = dropped > 0 or (self.previous is not None and sessions < self.previous)
        before, self.previous = self.previous, sessions
        self.most = max(self.most, sessions + dropped, before or 0)
        if not ended or sessions > self.most / 2:
            return None
        most, self.most = self.most, sessions
        rss_before = self.rss()
        started = time.perf_counter()
        self.trim()
        took = (time.perf_counter() - started) * 1000
        rss_after = self.rss()
        memory = f"RSS {rss_before:.0f} -> {rss_after:.0f} MB" if rss_before and rss_after else "RSS unknown"
        return f"sessions {most} -> {sessions}: memory returned to the system, {memory} ({took:.0f} ms)"


def reap_and_count(runtime) -> tuple[int, int]:
    """Drop the stored sessions whose time is up; (how many were dropped, how many are left). Must
    run on the runtime's event loop: Streamlit's session store is not thread-safe.

    Reaches into Streamlit's session manager (1.67, pinned by ``tests/test_memory_keeper.py``): its
    store drops an expired session only on a write, ``expire()`` or ``len()``. Without that store
    it just counts."""
    manager = runtime._session_mgr
    store = getattr(getattr(manager, "_session_storage", None), "_cache", None)
    dropped = len(store.expire()) if store is not None and hasattr(store, "expire") else 0
    return dropped, len(manager.list_sessions())


async def _keep(runtime, trimmer: Trimmer, seconds: float) -> None:
    loop = asyncio.get_running_loop()
    while True:
        await asyncio.sleep(seconds)
        try:
            dropped, sessions = reap_and_count(runtime)
            done = await loop.run_in_executor(None, trimmer.check, sessions, dropped)
        except Exception:  # never let the housekeeping take the server down
            LOG.exception("memory check failed; it stops")
            return
        if done:
            LOG.info(done)


def keep(seconds: float | None = None) -> threading.Thread | None:
    """Start the checks once Streamlit's runtime runs (a short-lived thread waits for it, then
    hands the loop a task). None when switched off (``CSTO_MEMORY_CHECK_SECONDS=0``) or off glibc."""
    if seconds is None:
        try:
            seconds = float(os.environ.get(CHECK_SECONDS_ENV, DEFAULT_CHECK_SECONDS))
        except ValueError:
            seconds = DEFAULT_CHECK_SECONDS
    trim = malloc_trim()
    if seconds <= 0 or trim is None:
        return None

    from streamlit.logger import get_logger

    get_logger(LOG.name)

    def start_when_running() -> None:
        from streamlit.runtime import Runtime

        while True:  # the runtime and its loop exist a moment after the server starts
            try:
                runtime = Runtime.instance()
                loop = runtime._get_async_objs().eventloop
                break
            except RuntimeError:
                time.sleep(0.2)
        asyncio.run_coroutine_threadsafe(_keep(runtime, Trimmer(trim), seconds), loop)

    thread = threading.Thread(target=start_when_running, name="csto-memory", daemon=True)
    thread.start()
    return thread
