"""README's two set-up commands and .ci/run agree: CI runs exactly what a user is told to run."""

from __future__ import annotations

import re
import subprocess

from tests.conftest import REPO


def _quick_start_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## 快速开始", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", section, flags=re.S)]


def test_readme_gives_one_line_for_set_up_and_one_for_the_tests() -> None:
    setup, tests = _quick_start_commands()[:2]
    assert "\n" not in setup and "\n" not in tests
    assert setup.startswith("bash scripts/install.sh && .venv/bin/nx-prescreen run sample_submissions ")
    assert tests.startswith(".venv/bin/")


def test_ci_installs_then_runs_exactly_the_readme_test_command() -> None:
    _, tests = _quick_start_commands()[:2]
    lines = [line.strip() for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert "bash scripts/install.sh || exit 1" in lines
    assert tests in lines
    assert lines.index("bash scripts/install.sh || exit 1") < lines.index(tests)


def test_install_script_parses() -> None:
    assert subprocess.run(["bash", "-n", str(REPO / "scripts" / "install.sh")]).returncode == 0


def test_install_script_never_pipes_into_grep_q_under_pipefail() -> None:
    # With `set -o pipefail`, `cmd | grep -q` fails whenever grep stops reading early and cmd
    # dies of SIGPIPE: on a fresh machine every Debian package looked unavailable that way.
    for script in (REPO / "scripts" / "install.sh", REPO / ".ci" / "run"):
        text = script.read_text(encoding="utf-8")
        code = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
        if "pipefail" in text:
            assert not any(re.search(r"\|\s*grep\s+-\w*q", line) for line in code), script
