"""Many viewers without a browser each: Streamlit sessions driven over the app's own WebSocket.

    .venv/bin/python -m bench.wsload --url http://127.0.0.1:8080 --sessions 60 --reruns 5

A *session* here is what one browser tab is to the server: one WebSocket to ``/_stcore/stream``
(through the proxy, carrying the proxy's sticky cookie), one Streamlit session with its own state,
and the same sequence of actions as ``bench/load.py``: open Membership, Structure and Exercise map
and pick ``--reruns`` values in each page's search box. Each pick is the message the browser sends
(a ``rerun_script`` BackMsg carrying the widget's new value and the page's query string); the rerun
time is measured from sending it to the server's ``script_finished``, so it includes the proxy.
What it leaves out is the browser's own work (JavaScript, layout, drawing), which on 2 cores with 60
Chromium tabs would measure Chromium, not the app. ``bench/load.py`` still drives real Chromium tabs.

Errors: Streamlit exception elements, a run that did not finish successfully, a selectbox or
option not found, a closed socket, a timeout. Traffic goes only to the given base URL (localhost);
every loop is bounded by --sessions, --reruns and --timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import time
import urllib.request
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

from bench.load import DRIVES

FINISHED_OK = {
    ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY,
    ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}
# The run was interrupted by a newer one (the app asked for a rerun): keep reading, like the browser.
FINISHED_EARLY = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN


@dataclass
class Stats:
    rerun_seconds: list[float] = field(default_factory=list)
    page_seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _get_page(base: str, path: str, cookies: dict[str, str]) -> None:
    """The browser's first request for the page, with the viewer's cookies; keeps what is set
    (the proxy's sticky cookie, Streamlit's XSRF cookie), as the browser's cookie jar would."""
    request = urllib.request.Request(f"{base}/{path}")
    if cookies:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, value = header.split(";", 1)[0].partition("=")
            cookies[name.strip()] = value.strip()


class Session:
    """One viewer's Streamlit session over one WebSocket."""

    def __init__(self, ws, stats: Stats, timeout: float):
        self.ws = ws
        self.stats = stats
        self.timeout = timeout
        self.page_hash = ""
        self.query_string = ""
        self.selectboxes: dict[str, tuple[str, list[str]]] = {}  # label -> (widget id, options)
        self.exceptions = 0
        self.cache: dict[str, ForwardMsg] = {}  # message hash -> message (the server refers to repeats)

    async def run(self, **client_state) -> float:
        """Send one rerun request; read messages until the run finished. Returns seconds."""
        msg = BackMsg()
        msg.rerun_script.query_string = self.query_string
        for key, value in client_state.items():
            if key == "widgets":
                msg.rerun_script.widget_states.widgets.extend(value)
            else:
                setattr(msg.rerun_script, key, value)
        self.selectboxes.clear()
        self.elements: dict[str, int] = {}  # element kind -> count in this run
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        async with asyncio.timeout(self.timeout):
            while True:
                fwd = ForwardMsg()
                fwd.ParseFromString(await self.ws.recv())
                if self.read(self.resolved(fwd)):
                    return time.perf_counter() - started

    def resolved(self, fwd: ForwardMsg) -> ForwardMsg:
        """The message itself, or the one it refers to: an element this session already received,
        which the browser reuses from its cache (ref_hash)."""
        if fwd.WhichOneof("type") == "ref_hash":
            if fwd.ref_hash not in self.cache:
                raise RuntimeError(f"reference to an unknown message {fwd.ref_hash}")
            return self.cache[fwd.ref_hash]
        if fwd.hash:
            self.cache[fwd.hash] = fwd
        return fwd

    def read(self, fwd: ForwardMsg) -> bool:
        """Take what a rerun's message says (page, query, elements); True once the run finished."""
        kind = fwd.WhichOneof("type")
        if kind == "navigation":  # the page that ran (st.navigation): reruns name it
            self.page_hash = fwd.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = fwd.page_info_changed.query_string
        elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
            self.count_element(fwd.delta.new_element)
        elif kind == "script_finished":
            if fwd.script_finished == FINISHED_EARLY:
                self.selectboxes.clear()
                return False
            if fwd.script_finished not in FINISHED_OK:
                raise RuntimeError(f"script finished with status {fwd.script_finished}")
            return True
        return False

    def count_element(self, element) -> None:
        """An element of this run: counted by kind; exceptions and search boxes remembered."""
        which = element.WhichOneof("type")
        self.elements[which] = self.elements.get(which, 0) + 1
        if which == "exception":
            self.exceptions += 1
        elif which == "selectbox":
            self.selectboxes[element.selectbox.label] = (element.selectbox.id, list(element.selectbox.options))


async def drive(
    base: str, reruns: int, stats: Stats, timeout: float, driven: asyncio.Event, hold: asyncio.Event
) -> int:
    """One viewer: open each page and pick ``reruns`` values in its search box.

    Like a browser tab that navigates by loading each page, every page is a new WebSocket and a new
    Streamlit session (the previous one is disconnected). The last page stays open: ``driven`` is
    set, then the viewer waits for ``hold``, so the server can be measured with every viewer on."""
    done = 0
    split = urlsplit(base)
    ws_url = f"ws://{split.netloc}/_stcore/stream"
    cookies: dict[str, str] = {}
    try:
        async with contextlib.AsyncExitStack() as last_page:
            for number, (path, (label, values)) in enumerate(DRIVES.items()):
                await asyncio.to_thread(_get_page, base, path, cookies)
                headers = {"Origin": f"{split.scheme}://{split.netloc}"}
                if cookies:
                    headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
                ws = await connect(ws_url, subprotocols=["streamlit"], additional_headers=headers, max_size=None)
                last_page.push_async_callback(ws.close)  # closed on any failure, or after the hold
                session = Session(ws, stats, timeout)
                stats.page_seconds.append(await session.run(page_name=path))
                for value in values[:reruns]:
                    box = session.selectboxes.get(label)
                    if box is None:
                        raise RuntimeError(f"{path}: no selectbox labelled {label!r}")
                    widget_id, options = box
                    option = next((o for o in options if value.lower() in o.lower()), None)
                    if option is None:
                        raise RuntimeError(f"{path}: no option matching {value!r}")
                    state = WidgetState(id=widget_id, string_value=option)
                    stats.rerun_seconds.append(await session.run(page_script_hash=session.page_hash, widgets=[state]))
                    done += 1
                if session.exceptions:
                    stats.errors.append(f"{path}: {session.exceptions} Streamlit exception(s)")
                if number < len(DRIVES) - 1:
                    await ws.close()  # navigating away: the server keeps the session for its TTL
                    # (closing twice is harmless: the stack's close of this socket then does nothing)
            driven.set()
            await hold.wait()
    finally:
        driven.set()
    return done


def p95(samples: list[float]) -> float:
    if len(samples) < 2:
        return samples[0] if samples else float("nan")
    return statistics.quantiles(samples, n=20, method="inclusive")[18]


async def run(
    base: str, sessions: int, reruns: int, timeout: float, while_open: Callable[[], Awaitable[None]] | None = None
) -> dict:
    """Drive ``sessions`` viewers at once; ``while_open`` is awaited once every viewer has driven its
    pages and still has its last page open (to measure the server), then all of them close."""
    stats = Stats()
    hold = asyncio.Event()
    driven = [asyncio.Event() for _ in range(sessions)]
    started = time.perf_counter()
    viewers = [asyncio.create_task(drive(base, reruns, stats, timeout, d, hold)) for d in driven]
    try:
        async with asyncio.timeout(timeout * 3 * (1 + reruns)):  # bounded even if a viewer hangs
            await asyncio.gather(*(d.wait() for d in driven))
    except TimeoutError:
        stats.errors.append("not every viewer finished in time")
    elapsed = time.perf_counter() - started
    if while_open is not None:
        await while_open()
    hold.set()
    results = await asyncio.gather(*viewers, return_exceptions=True)
    stats.errors += [f"session failed: {r!r}"[:300] for r in results if not isinstance(r, int)]
    return {
        "sessions": sessions,
        "reruns driven": sum(r for r in results if isinstance(r, int)),
        "errors": len(stats.errors),
        "seconds": round(elapsed, 1),
        "page load median ms": _ms(statistics.median, stats.page_seconds),
        "rerun median ms": _ms(statistics.median, stats.rerun_seconds),
        "rerun p95 ms": _ms(p95, stats.rerun_seconds),
        "_errors": stats.errors,
    }


def _ms(statistic: Callable[[list[float]], float], samples: list[float]) -> float | str:
    return round(statistic(samples) * 1000, 1) if samples else "—"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="base URL on this machine, e.g. http://127.0.0.1:8080")
    parser.add_argument("--sessions", type=int, default=60)
    parser.add_argument("--reruns", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=180, help="seconds allowed for one run")
    args = parser.parse_args()
    host = urlsplit(args.url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("load goes to this machine only (127.0.0.1 / localhost)")
    row = asyncio.run(run(args.url, args.sessions, args.reruns, args.timeout))
    for error in row["_errors"][:10]:
        print("ERROR", error)
    print({k: v for k, v in row.items() if k != "_errors"})
    if row["errors"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
