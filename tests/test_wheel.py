"""The wheel as a user gets it: built from the checkout, installed into a fresh virtual
environment outside it, and run on sample_submissions/ from an unrelated folder.

`pip install .` used to give a program that failed with TemplateNotFound, because the
templates lived outside the package; only an editable install worked. The fresh venv
gets the dependencies through a .pth file naming this interpreter's site-packages (no
second download of onnxruntime and the rest); the wheel itself is installed normally, so
a file missing from it is missing there. Select with `-m wheel`, leave out with `-m "not wheel"`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from samplegen import AS_OF
from samplegen.cases import all_cases
from tests.conftest import REPO, SHARED

pytestmark = pytest.mark.wheel

# Left out of the copy the wheel is built from: what is not source. A build/ folder left by
# an earlier in-tree build would otherwise bring back files the checkout no longer has.
_BUILD_LEFTOVERS = ("build", "dist", "*.egg-info", "__pycache__", "*.pyc")
_NOT_SOURCE = (".git", ".venv", "out", "sample_submissions", ".pytest_cache", ".ruff_cache", ".hypothesis", ".cache")
_DEV_ONLY = {"samplegen", "tests", "benchmarks", "scripts", "docs", "schemas", "sample_submissions"}


def _run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{cmd}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def env() -> dict[str, str]:
    """This environment without anything that would point Python at the checkout."""
    return {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory, env) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(*_BUILD_LEFTOVERS, *_NOT_SOURCE))
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work / "dist"), str(source)], work, env)
    (built,) = (work / "dist").glob("nx_platform_prescreen-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory, env) -> Path:
    """A fresh venv (outside the checkout) with the wheel installed; returns its bin/ folder."""
    venv = tmp_path_factory.mktemp("venv") / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], venv.parent, env)
    python = venv / "bin" / "python"
    site = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], venv, env)
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    # Only the dependencies come from here: a .pth line adds a folder without running the .pth
    # files inside it, so this checkout's editable install does not come along.
    (Path(site.stdout.strip()) / "_nx_test_dependencies.pth").write_text("\n".join(sorted(deps)) + "\n")
    _run([str(python), "-m", "pip", "install", "--no-deps", "-q", str(wheel)], venv, env)
    return venv / "bin"


def test_the_wheel_ships_every_package_file_and_no_development_tool(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names}
    assert not tops & _DEV_ONLY, sorted(tops)
    package = REPO / "pipeline"
    wanted = {
        path.relative_to(REPO).as_posix()
        for path in package.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }
    assert "pipeline/render/templates/index.html.j2" in wanted and "pipeline/data/settings.yaml" in wanted
    assert sorted(wanted - set(names)) == []


def test_installed_wheel_runs_the_samples_from_another_folder(installed: Path, tmp_path: Path, env):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = _run([str(installed / "python"), "-c", "import pipeline; print(pipeline.__file__)"], elsewhere, env)
    assert Path(where.stdout.strip()).is_relative_to(installed.parent), where.stdout
    assert not Path(where.stdout.strip()).is_relative_to(REPO)
    gone = subprocess.run([str(installed / "python"), "-c", "import samplegen"], cwd=elsewhere, env=env)
    assert gone.returncode != 0, "samplegen 不应随程序安装"

    out, cache = tmp_path / "out", tmp_path / "cache"
    cmd = [str(installed / "nx-prescreen"), "run", str(REPO / "sample_submissions"), "--out", str(out)]
    run = _run([*cmd, "--as-of", AS_OF, "--jobs", "2", "--cache-dir", str(cache)], elsewhere, env, timeout=600)
    assert "完成：共处理" in run.stderr
    assert list(elsewhere.iterdir()) == [], "nothing is written outside the output and cache folders"

    check = _run([sys.executable, str(SHARED / "tools" / "check_contract.py"), str(out)], elsewhere, env)
    assert f"{len(all_cases())} applications checked, 0 contract problems" in check.stdout
    # The compiled-template cache works from site-packages too.
    assert list((cache / "templates").rglob("*.bin"))
