"""Start the app: ``python -m components.ui.serve [streamlit options]`` (what ``make run`` does).

The same app as plain ``streamlit run app.py [streamlit options]``, plus an optional extra: the
process gives memory back once viewers have gone (``memory.py``): it starts itself again with the
allocator settings that allow this, then checks every 30 s. It also tells Streamlit before the
first session that the pages are declared with ``st.navigation`` (``navigation.py``), which saves
the first run of a fresh process one restart.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from components.ui.memory import keep, server_environment

APP = Path(__file__).resolve().parents[2] / "app.py"


def main() -> None:
    environment = server_environment(dict(os.environ))
    if environment != dict(os.environ):
        # glibc and CPython read these only as a process starts: start again with them, before
        # the heavy imports below (``execve`` keeps the process id, so supervisors see one process).
        os.execve(sys.executable, sys.orig_argv, environment)

    from streamlit.web import cli

    from components.ui.navigation import use_declared_navigation

    use_declared_navigation()
    keep()
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
