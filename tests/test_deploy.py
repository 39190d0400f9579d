"""Deployable where Streamlit apps are deployed: the Dockerfile's command and health check, run
outside Docker from a folder holding only what the image copies; the files hosted platforms read
(packages.txt, requirements.txt, .streamlit/config.toml)."""

from __future__ import annotations

import ast
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import tomllib
import urllib.request
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from streamlit import config as streamlit_config

from bench.common import free_port
from tests.conftest import ROOT

DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
# Instructions joined across continuation lines.
INSTRUCTIONS = [re.split(r"\s+", line, maxsplit=1) for line in re.sub(r"\\\n", " ", DOCKERFILE).splitlines()]
INSTRUCTIONS = [parts for parts in INSTRUCTIONS if parts[0] and not parts[0].startswith("#")]


def instruction(name: str) -> list[str]:
    return [parts[1] for parts in INSTRUCTIONS if parts[0] == name]


def exec_form(text: str) -> list[str]:
    """``["python", "-m", ...]`` from a CMD or HEALTHCHECK line (options before CMD dropped)."""
    return json.loads(text[text.index("[") :])


def image_environment() -> dict[str, str]:
    found: dict[str, str] = {}
    for line in instruction("ENV"):
        found.update(dict(pair.split("=", 1) for pair in shlex.split(line)))
    return found


def stage_image_files(target: Path) -> Path:
    """What the Dockerfile's COPY lines put in WORKDIR, and nothing else."""
    target.mkdir()
    for line in instruction("COPY"):
        *sources, destination = shlex.split(line)
        for source in sources:
            path = ROOT / source
            into = target / (path.name if destination.endswith("/") or destination == "." else destination)
            if path.is_dir():
                shutil.copytree(path, into, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(path, into)
    return target


def run_health_check(command: list[str], cwd: Path, env: dict[str, str]) -> int:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, timeout=30).returncode


def test_the_dockerfile_command_and_health_check_outside_docker(tmp_path):
    """The image's CMD from the image's files, as `docker run -e STREAMLIT_SERVER_PORT=<free>`
    would start it; its HEALTHCHECK fails before the server is up and passes once it is."""
    app = stage_image_files(tmp_path / "app")
    environment = {**os.environ, **image_environment(), "STREAMLIT_SERVER_PORT": str(free_port())}
    environment["STREAMLIT_SERVER_ADDRESS"] = "127.0.0.1"  # as `-e`; the image listens on 0.0.0.0
    python = lambda command: [sys.executable if command[0] == "python" else command[0], *command[1:]]  # noqa: E731
    (cmd,) = instruction("CMD")
    (health,) = instruction("HEALTHCHECK")
    command, check = python(exec_form(cmd)), python(exec_form(health))
    assert run_health_check(check, app, environment) == 1, "the health check passes with no server"
    log = tmp_path / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen(command, cwd=app, env=environment, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while run_health_check(check, app, environment) != 0:
            assert server.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "not healthy within 120 s:\n" + log.read_text()
            time.sleep(1)
        port = environment["STREAMLIT_SERVER_PORT"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/membership?present=1", timeout=10) as page:
            assert page.status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
    output = log.read_text()
    assert "No runtime found" not in output and "Traceback" not in output, output


def test_system_packages_are_listed_once_for_hosts_and_the_image():
    packages = (ROOT / "packages.txt").read_text(encoding="utf-8").split()
    assert packages == ["graphviz", "chromium"]
    assert any("< packages.txt" in line and "apt-get install" in line for line in instruction("RUN"))


def third_party_imports() -> set[str]:
    """Top-level modules the app imports (app.py, pages/, components/), outside the standard library."""
    found: set[str] = set()
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "components").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return {name for name in found if name not in sys.stdlib_module_names and name != "components"}


def pinned(path: Path) -> dict[str, str]:
    lines = [line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return dict(line.split("==") for line in lines if line and not line.startswith("-r"))


def test_requirements_txt_holds_the_runtime_and_nothing_else():
    runtime = {name.lower() for name in pinned(ROOT / "requirements.txt")}
    distributions = packages_distributions()
    needed = {distributions[module][0].lower() for module in third_party_imports()}
    assert needed <= runtime, f"imported by the app but not in requirements.txt: {sorted(needed - runtime)}"
    dev_only = {name.lower() for name in pinned(ROOT / "requirements-dev.txt")}
    assert not runtime & dev_only, "a package pinned twice"
    for tool in ("pytest", "ruff", "playwright", "pip-audit"):
        assert tool not in runtime, f"{tool} is a development tool: requirements-dev.txt"


def test_streamlit_config_is_valid_and_leaves_the_host_its_settings():
    """Every option is one Streamlit 1.67 knows (an unknown one is ignored with a warning); where
    to listen is the host's (Community Cloud, Docker's ENV, `make run`'s flags), not the file's."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    options = {f"{section}.{key}" for section, values in config.items() for key in values}
    unknown = sorted(option for option in options if option not in streamlit_config._config_options_template)
    assert unknown == []
    assert not options & {"server.port", "server.address", "server.baseUrlPath"}
    assert config["server"]["enableStaticServing"] is True, "the map outlines are served from static/"


@pytest.mark.parametrize(("environ", "url"), [({}, 8501), ({"STREAMLIT_SERVER_PORT": "8600"}, 8600)])
def test_the_health_check_follows_the_port(environ, url):
    from components.ui.health import health_url

    assert health_url(environ) == f"http://127.0.0.1:{url}/_stcore/health"
