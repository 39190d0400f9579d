"""Many viewers for real: nginx (deploy/nginx.conf) in front of several app processes, driven at once.

    .venv/bin/python -m bench.proxy --sessions 60 --replicas 3     # what `make proxy-bench` runs

1. Installs Debian's nginx if it is missing (apt-get, as root).
2. Starts ``--replicas`` Streamlit processes on free ports of 127.0.0.1 with one shared cookie
   secret (``STREAMLIT_SERVER_COOKIE_SECRET``), as deploy/README.md says to.
3. Renders ``deploy/nginx.conf`` into a temporary folder: only the ``listen`` line and the
   ``server 127.0.0.1:860N;`` lines change (free ports, 127.0.0.1), and it is wrapped in a minimal
   main configuration whose pid file, logs and temporary files live in that folder.
   ``nginx -t`` checks it, then nginx runs in the foreground as a child of this script.
4. Checks the proxy: the security headers on a page, and (``--check``, on by default) every page in
   Chromium through the proxy: no Content-Security-Policy violation in the console, no page error,
   every chart drawn; and a page on another origin cannot frame the app.
5. Drives ``--sessions`` viewers through the proxy with ``bench/wsload.py`` (what a session is: see
   there) and reports errors, rerun times, how the proxy spread the sessions, and each app
   process's RSS: before (warm), peak during, with every viewer still connected, 5 s after they
   closed, after Streamlit's ``server.disconnectedSessionTTL`` and one of the app's memory checks
   have passed (``--after``; ``components/ui/memory.py`` drops the expired sessions and gives the
   memory back), and once more after one short visit on each process.
6. Stops nginx and the app processes, and removes the temporary folder.

Every request goes to 127.0.0.1; every loop is bounded (sessions, reruns, timeouts).
Environment variables are passed on to the app processes, so the same command measures a memory
setting, e.g. ``MALLOC_ARENA_MAX=2 python -m bench.proxy`` or ``STREAMLIT_RUNNER_POST_SCRIPT_GC=true``.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import collections
import hashlib
import http.server
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import psutil

from bench import wsload
from bench.common import CHROMIUM_ARGS, ROOT, chromium, drawn_condition, free_port, rss_mb, table, wait_healthy

NGINX_CONF = ROOT / "deploy" / "nginx.conf"
SECURITY_HEADERS = ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy")
# page path -> charts that must be drawn (bench/run.py's counts; briefing and sources draw none)
PAGES = {"": 0, "membership": 3, "structure": 1, "exercises": 2, "briefing": 0, "sources": 0}

MAIN_CONF = """\
# Rendered by bench/proxy.py from deploy/nginx.conf: a throwaway nginx on 127.0.0.1.
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    log_format upstream '$status $request_method $uri $upstream_addr $request_time';
    access_log {tmp}/access.log upstream;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
{site}
}}
"""


def ensure_nginx() -> str:
    """The nginx binary; installs Debian's package when it is missing (root only)."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit("nginx is not installed and this is not root: apt-get install -y nginx")
    print("Installing Debian's nginx", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(["apt-get", "install", "-y", "-qq", "nginx"], env=env, check=False).returncode:
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "nginx"], env=env, check=True)
    return shutil.which("nginx") or "/usr/sbin/nginx"


def render(conf: str, listen_port: int, app_ports: list[int], tmp: Path) -> str:
    """deploy/nginx.conf with its listen line and upstream servers swapped, in a main config."""
    site, listens = re.subn(r"(?m)^(\s*)listen 80;$", rf"\g<1>listen 127.0.0.1:{listen_port};", conf)
    servers = re.findall(r"(?m)^\s*server 127\.0\.0\.1:86\d\d;$", site)
    if listens != 1 or not servers:
        raise SystemExit(f"{NGINX_CONF}: expected one 'listen 80;' and 'server 127.0.0.1:86NN;' lines")
    lines = "".join(f"    server 127.0.0.1:{port};\n" for port in app_ports)
    site = re.sub(r"(?m)(^\s*server 127\.0\.0\.1:86\d\d;\n)+", lines, site, count=1)
    if re.search(r"(?m)^\s*server 127\.0\.0\.1:86\d\d;$", site):
        raise SystemExit(f"{NGINX_CONF}: the upstream servers must be consecutive lines")
    indented = "\n".join(f"    {line}" if line else "" for line in site.splitlines())
    return MAIN_CONF.format(tmp=tmp, site=indented)


@contextmanager
def stack(replicas: int, tmp: Path) -> Iterator[tuple[str, list[tuple[str, psutil.Process]]]]:
    """Start the app processes and nginx; yields (proxy URL, [(replica URL, process)])."""
    nginx = ensure_nginx()
    secret = secrets.token_hex(32)
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "STREAMLIT_SERVER_COOKIE_SECRET": secret}
    ports = [free_port() for _ in range(replicas)]
    with ExitStack() as cleanup:
        apps = []
        for port in ports:
            command = [sys.executable, "-m", "components.ui.serve", "--server.port", str(port)]
            log = open(tmp / f"app-{port}.log", "w")  # noqa: SIM115 (closed by the ExitStack)
            cleanup.callback(log.close)
            proc = subprocess.Popen(
                [*command, "--server.address", "127.0.0.1"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            cleanup.callback(_stop, proc)
            apps.append((f"http://127.0.0.1:{port}", proc))
        for url, proc in apps:
            wait_healthy(url, proc)
        listen = free_port()
        conf = tmp / "nginx.conf"
        conf.write_text(render(NGINX_CONF.read_text(), listen, ports, tmp))
        subprocess.run([nginx, "-t", "-q", "-p", str(tmp), "-c", str(conf)], check=True)
        proxy = subprocess.Popen(
            [nginx, "-p", str(tmp), "-c", str(conf), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=open(tmp / "nginx.stderr", "w"),  # noqa: SIM115 (nginx keeps it; the folder goes)
        )
        cleanup.callback(_stop, proxy)
        url = f"http://127.0.0.1:{listen}"
        wait_healthy(url, proxy)
        yield url, [(u, psutil.Process(p.pid)) for u, p in apps]


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def inline_script_hashes() -> list[str]:
    """CSP hashes of the inline scripts in the installed Streamlit's index.html (one today:
    ``window.prerenderReady = false``). The shipped policy allows exactly these by hash."""
    import streamlit

    index = (Path(streamlit.__file__).parent / "static" / "index.html").read_text()
    bodies = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", index, flags=re.S)
    return ["sha256-" + base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() for b in bodies]


def check_headers(url: str) -> list[str]:
    """The security headers on a page and on a static file, as the proxy sends them."""
    problems = []
    shipped = NGINX_CONF.read_text()
    problems += [
        f"{NGINX_CONF}: script-src lacks '{h}' (Streamlit's inline script changed: update the hash)"
        for h in inline_script_hashes()
        if h not in shipped
    ]
    for path in ("/", "/app/static/favicon.png", "/_stcore/health"):
        with urllib.request.urlopen(f"{url}{path}", timeout=30) as response:
            missing = [h for h in SECURITY_HEADERS if not response.headers.get(h)]
            if missing:
                problems.append(f"{path}: missing {', '.join(missing)}")
            if path == "/" and "csto_route=" not in (response.headers.get("Set-Cookie") or ""):
                problems.append("/: no sticky-session cookie (csto_route)")
    return problems


async def check_in_chromium(url: str) -> list[str]:
    """Every page through the proxy in Chromium: no CSP violation, no page error, charts drawn;
    a page on another origin cannot frame the app."""
    from playwright.async_api import async_playwright

    problems: list[str] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        context = await browser.new_context(viewport={"width": 1280, "height": 900})
        # Report violations from inside the page too (the console line is Chromium's wording).
        await context.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation',"
            " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        for path, charts in PAGES.items():
            page = await context.new_page()
            console: list[str] = []
            page.on("console", lambda m, c=console: c.append(f"{m.type}: {m.text}"))
            page.on("pageerror", lambda e, c=console: c.append(f"pageerror: {e}"))
            await page.goto(f"{url}/{path}")
            try:
                await page.wait_for_function(drawn_condition(charts), timeout=120_000, polling="raf")
            except Exception as exc:
                problems.append(f"/{path}: not drawn ({type(exc).__name__})")
            await page.wait_for_timeout(500)  # late requests (map outlines, fonts) report too
            violations = await page.evaluate("window.__csp")
            bad = [c for c in console if "Content Security Policy" in c or c.startswith("pageerror")]
            problems += [f"/{path}: CSP {v}" for v in violations] + [f"/{path}: {c}"[:300] for c in bad]
            drawn = await page.locator(".js-plotly-plot .main-svg").count()
            print(f"  /{path}: {drawn} plotly chart(s) drawn, {len(violations)} CSP violation(s)", flush=True)
            await page.close()

        # Framing from another origin: a page served by another local server (another port, so
        # another origin) frames the app; the frame must stay empty (frame-ancestors, X-Frame-Options).
        with framer_server(url) as framer:
            page = await context.new_page()
            await page.goto(framer)
            await page.wait_for_timeout(8000)
            framed = page.frame_locator("#f").locator("[data-testid='stApp']")
            if await framed.count():
                problems.append("a page on another origin could frame the app")
            else:
                print("  framed from another origin: blocked", flush=True)
        await browser.close()
    return problems


@contextmanager
def framer_server(app_url: str) -> Iterator[str]:
    """A page on another local origin whose only content is an iframe of ``app_url``."""
    body = f'<!doctype html><iframe id="f" src="{app_url}/" width="1000" height="700"></iframe>'.encode()

    class Framer(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Framer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def upstream_spread(tmp: Path, skip: int) -> dict[str, int]:
    """WebSocket sessions per app process, from the proxy's access log (after its first ``skip`` lines)."""
    counts: collections.Counter[str] = collections.Counter()
    for line in (tmp / "access.log").read_text().splitlines()[skip:]:
        status, _, uri, upstream, *_ = line.split(" ")
        if status == "101" and uri == "/_stcore/stream":
            counts[upstream] += 1
    return dict(counts)


async def warm(apps: list[tuple[str, psutil.Process]]) -> None:
    """One viewer on each process directly (every page, every pick), so 'before' is a warm server."""
    await asyncio.gather(*(wsload.run(url, 1, 5, 120) for url, _ in apps))


async def visit(apps: list[tuple[str, psutil.Process]]) -> None:
    """One short visit on each process directly: open the Overview, then leave."""
    for url, _ in apps:
        host = url.split("//", 1)[1]
        async with wsload.connect(f"ws://{host}/_stcore/stream", subprotocols=["streamlit"], max_size=None) as ws:
            await wsload.Session(ws, wsload.Stats(), 120).run(page_name="")


def session_ttl() -> float:
    """``server.disconnectedSessionTTL`` as the app processes will see it (environment, then config)."""
    if "STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL" in os.environ:
        return float(os.environ["STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL"])
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    return float(config.get("server", {}).get("disconnectedSessionTTL", 120))


def memory_check_seconds() -> float:
    """How often the app processes look for ended sessions (``components/ui/memory.py``)."""
    from components.ui.memory import CHECK_SECONDS_ENV, DEFAULT_CHECK_SECONDS

    return float(os.environ.get(CHECK_SECONDS_ENV, DEFAULT_CHECK_SECONDS))


def report(args: argparse.Namespace, apps: list, row: dict, spread: dict, readings: tuple[list[float], ...]) -> None:
    """Print the load table and each app process's RSS at every reading."""
    before, peak, during, closed, after, reaped, second = readings
    load_table = {k: v for k, v in row.items()}
    load_table["sessions per process (WebSockets)"] = " / ".join(str(spread.get(u.split("//")[1], 0)) for u, _ in apps)
    print()
    print(table([load_table], f"Through nginx: {args.replicas} app processes"))
    memory = [
        {
            "process": i + 1,
            "RSS before (MB)": round(before[i], 1),
            "peak during (MB)": round(peak[i], 1),
            "all viewers connected (MB)": round(during[i], 1) if during else "—",
            "5 s after close (MB)": round(closed[i], 1),
            f"{5 + args.after:.0f} s after close (MB)": round(after[i], 1),
            f"{args.settle:.0f} s after one more visit (MB)": round(reaped[i], 1),
            **({"after the same load again (MB)": round(second[i], 1)} if second else {}),
        }
        for i in range(len(apps))
    ]
    print(table(memory, "RSS per app process"))


def second_wave(url: str, apps: list, args: argparse.Namespace, failures: list[str]) -> list[float]:
    """The same load again (is the memory reused, or does it grow again?): RSS per process 5 s after."""
    print(f"driving {args.sessions} sessions again", flush=True)
    again = asyncio.run(wsload.run(url, args.sessions, args.reruns, args.timeout))
    failures.extend(again.pop("_errors"))
    time.sleep(5)
    return [rss_mb(p) for _, p in apps]


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=60)
    parser.add_argument("--reruns", type=int, default=5, help="picks per page per viewer")
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=180, help="seconds allowed for one run")
    parser.add_argument(
        "--after",
        type=float,
        default=session_ttl() + memory_check_seconds() + 10,
        help="seconds to wait after close before the last readings (default: server.disconnectedSessionTTL "
        "+ CSTO_MEMORY_CHECK_SECONDS + 10)",
    )
    parser.add_argument(
        "--second-wave", action="store_true", help="after the last reading, drive the same load again and measure"
    )
    parser.add_argument(
        "--settle",
        type=float,
        default=5,
        help="seconds after the last visit before its reading",
    )
    parser.add_argument("--no-check", dest="check", action="store_false", help="skip the headers/Chromium check")
    return parser.parse_args()


def main() -> None:
    args = arguments()

    started = time.perf_counter()
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="csto-proxy-") as folder, stack(args.replicas, Path(folder)) as (url, apps):
        tmp = Path(folder)
        print(f"nginx on {url} -> {', '.join(u for u, _ in apps)}", flush=True)
        if args.check:
            failures += check_headers(url)
            failures += asyncio.run(check_in_chromium(url))
        asyncio.run(warm(apps))
        log_lines = len((tmp / "access.log").read_text().splitlines())
        time.sleep(2)
        before = [rss_mb(p) for _, p in apps]
        peak = list(before)

        async def sample_peak() -> None:
            while True:
                for i, (_, process) in enumerate(apps):
                    peak[i] = max(peak[i], rss_mb(process))
                await asyncio.sleep(0.5)

        during: list[float] = []

        async def while_open() -> None:
            during.extend(rss_mb(p) for _, p in apps)

        async def load() -> dict:
            sampler = asyncio.create_task(sample_peak())
            try:
                return await wsload.run(url, args.sessions, args.reruns, args.timeout, while_open)
            finally:
                sampler.cancel()

        print(f"driving {args.sessions} sessions through the proxy", flush=True)
        row = asyncio.run(load())
        row["load average (1 min) after"] = round(os.getloadavg()[0], 1)
        time.sleep(5)
        closed = [rss_mb(p) for _, p in apps]
        print(f"waiting {args.after:.0f} s for the disconnected sessions' TTL", flush=True)
        time.sleep(args.after)
        after = [rss_mb(p) for _, p in apps]
        # Streamlit drops expired disconnected sessions only when its session store is next written
        # (another session disconnecting): one more viewer on each process, then measure again.
        asyncio.run(visit(apps))
        time.sleep(args.settle)
        reaped = [rss_mb(p) for _, p in apps]
        second = second_wave(url, apps, args, failures) if args.second_wave else []
        spread = upstream_spread(tmp, log_lines)
        failures += row.pop("_errors")

    report(args, apps, row, spread, (before, peak, during, closed, after, reaped, second))
    print(f"whole run: {time.perf_counter() - started:.0f} s; load average at the end {os.getloadavg()[0]:.1f}")
    for failure in failures[:20]:
        print("ERROR", failure)
    if failures:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
