"""The server gives memory back once viewers have gone (``components/ui/memory.py``): the allocator
settings it starts with, the rule for when to trim, and the whole thing in a running server."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from streamlit.runtime.memory_session_storage import MemorySessionStorage
from streamlit.runtime.websocket_session_manager import WebsocketSessionManager

from components.ui import memory
from components.ui.memory import SERVER_ENV, Trimmer, reap_and_count, server_environment
from tests.conftest import ROOT
from tests.servers import start_server


def test_server_settings_are_added_and_an_operators_own_win():
    environment = server_environment({"PATH": "/bin", "PYTHONMALLOC": "pymalloc"})
    assert environment["PATH"] == "/bin"
    assert environment["PYTHONMALLOC"] == "pymalloc", "a value set by whoever starts the server wins"
    assert environment["GLIBC_TUNABLES"] == SERVER_ENV["GLIBC_TUNABLES"]
    assert server_environment(environment) == environment, "applied twice, nothing changes (no exec loop)"


def test_trims_only_when_sessions_have_ended():
    trims = []
    trimmer = Trimmer(trim=lambda: trims.append(1), rss=lambda: 500.0)
    assert trimmer.check(0) is None, "the first check has nothing to compare with"
    assert trimmer.check(30) is None and trims == [], "viewers arriving: nothing to give back"
    assert trimmer.check(30) is None and trims == []
    said = trimmer.check(4)
    assert trims == [1]
    assert said.startswith("sessions 30 -> 4: memory returned to the system, RSS 500 -> 500 MB")
    assert trimmer.check(4) is None and trims == [1], "no second trim without another ending"
    assert trimmer.check(4, dropped=2) is None, "viewers coming and going at a steady rate: no trim"
    assert trimmer.check(12) is None
    said = trimmer.check(5, dropped=7)
    assert trims == [1, 1] and said.startswith("sessions 12 -> 5:"), "more than half of them gone"


def test_off_switch(monkeypatch):
    assert memory.keep(0) is None
    monkeypatch.setenv(memory.CHECK_SECONDS_ENV, "0")
    assert memory.keep() is None


class _Session:
    def __init__(self, session_id: str) -> None:
        self.id = session_id


class _Info:
    def __init__(self, session_id: str) -> None:
        self.session = _Session(session_id)


def test_expired_sessions_are_dropped_from_streamlits_store():
    """Pins the Streamlit internals ``reap_and_count`` reaches into: a stored (disconnected)
    session past its time is dropped by the check, not left until Streamlit's next write."""
    storage = MemorySessionStorage(ttl_seconds=0.05)
    manager = WebsocketSessionManager(
        session_storage=storage, uploaded_file_manager=None, script_cache=None, message_enqueued_callback=None
    )
    storage.save(_Info("a"))
    storage.save(_Info("b"))

    class Runtime:
        _session_mgr = manager

    assert reap_and_count(Runtime) == (0, 2)
    time.sleep(0.1)
    assert reap_and_count(Runtime) == (2, 0)
    assert len(storage._cache._data) == 0, "dropped, so its memory can be freed"


@pytest.mark.skipif(memory.malloc_trim() is None, reason="needs glibc (malloc_trim)")
@pytest.mark.server
def test_a_running_server_gives_memory_back_after_its_viewers_leave(tmp_path: Path):
    """The server as ``make run`` starts it, with a 1 s session TTL and a check every second: one
    viewer (three pages over the app's WebSocket) comes and goes; the server says it trimmed."""
    env = {key: value for key, value in os.environ.items() if key not in SERVER_ENV}
    env[memory.CHECK_SECONDS_ENV] = "1"
    log = tmp_path / "server.log"
    url, proc = start_server(log, env=env, args=["--server.headless", "true", "--server.disconnectedSessionTTL", "1"])
    try:
        started = Path(f"/proc/{proc.pid}/environ").read_bytes().split(b"\0")
        for key, value in SERVER_ENV.items():
            assert f"{key}={value}".encode() in started, f"the server runs with {key}={value}"
        viewer = subprocess.run(
            [sys.executable, "-m", "bench.wsload", "--url", url, "--sessions", "1", "--reruns", "1"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert "'errors': 0" in viewer.stdout, viewer.stdout + viewer.stderr
        said = None
        for _ in range(300):
            said = re.search(
                r"sessions \d+ -> 0: memory returned to the system, RSS (\d+) -> (\d+) MB", log.read_text()
            )
            if said:
                break
            time.sleep(0.1)
        assert said, log.read_text()[-3000:]
        assert int(said[2]) <= int(said[1]), said[0]  # how much comes back: bench/RESULTS.md 9d
        assert "Traceback" not in log.read_text()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
