"""Start the app: ``python -m components.ui.serve [streamlit options]`` (what ``make run`` does).

Same as ``streamlit run app.py``, except that Streamlit knows from its first session that the
pages are declared with ``st.navigation``, so the top-level ``pages/`` folder never switches on
its older auto-discovered multipage mode (see ``frame.use_declared_navigation``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.web import cli

from components.ui.frame import use_declared_navigation

APP = Path(__file__).resolve().parents[2] / "app.py"


def main() -> None:
    use_declared_navigation()
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
