"""The container's health check: ``python -m components.ui.health`` exits 0 when the app's server
on this machine answers ``/_stcore/health`` with 200, else 1 (the Dockerfile's ``HEALTHCHECK``).

It asks the port the server was started on (``STREAMLIT_SERVER_PORT``, the image sets 8501), so the
check follows a port changed with ``docker run -e STREAMLIT_SERVER_PORT=...``; a fixed URL in the
Dockerfile would report a healthy server as dead. No third-party import: it runs every 30 s.
"""

from __future__ import annotations

import os
import sys
import urllib.request

DEFAULT_PORT = 8501


def health_url(environ: dict[str, str]) -> str:
    port = environ.get("STREAMLIT_SERVER_PORT", "").strip() or str(DEFAULT_PORT)
    return f"http://127.0.0.1:{int(port)}/_stcore/health"


def main() -> int:
    try:
        with urllib.request.urlopen(health_url(dict(os.environ)), timeout=5) as response:
            return 0 if response.status == 200 else 1
    except (OSError, ValueError) as exc:
        print(f"unhealthy: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
