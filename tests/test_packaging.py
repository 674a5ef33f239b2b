"""The wheel carries the content packs, and an installed tutor answers from any working directory."""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _sh(args: list, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout)


def test_wheel_contents_and_installed_cli(tmp_path):
    if importlib.util.find_spec("build") is None:
        pytest.skip("the 'build' module is not installed (pip install build)")

    outdir = tmp_path / "dist"
    built = _sh([sys.executable, "-m", "build", "--wheel", "--outdir", outdir], cwd=ROOT)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    [wheel] = list(outdir.glob("*.whl"))

    names = set(zipfile.ZipFile(wheel).namelist())
    assert "tutor/__init__.py" in names
    assert "tutor/cli.py" in names and "tutor/__main__.py" in names
    for folder in ("knowledge", "dialogues"):
        expected = {f"tutor/_data/{folder}/{p.relative_to(ROOT / folder).as_posix()}" for p in (ROOT / folder).rglob("*.yaml")}
        assert expected, f"no YAML files in {folder}/"
        packed = {n for n in names if n.startswith(f"tutor/_data/{folder}/")}
        assert packed == expected, f"{folder}: missing {expected - packed}, extra {packed - expected}"
    assert not any(n.startswith("tests/") or "/tests/" in n for n in names)
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)

    venv = tmp_path / "venv"
    created = _sh([sys.executable, "-m", "venv", venv], cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    installed = _sh([bindir / "python", "-m", "pip", "install", "--quiet", wheel], cwd=tmp_path)
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]

    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    asked = _sh([bindir / "tutor", "ask", "what is OPG", "--json"], cwd=workdir, timeout=120)
    assert asked.returncode == 0, asked.stderr
    reply = json.loads(asked.stdout)
    assert (reply["kind"], reply["concept"]) == ("answer", "opg")

    # The installed copy answers from its own bundled data, not from this checkout.
    where = _sh([bindir / "python", "-c", "import tutor.engine as e; print(*e.default_paths(), sep='\\n')"],
                cwd=workdir, timeout=120)
    assert where.returncode == 0, where.stderr
    for line in where.stdout.split():
        assert Path(line).is_dir() and Path(line).is_relative_to(venv) and "_data" in Path(line).parts

    validated = _sh([bindir / "tutor", "validate"], cwd=workdir, timeout=120)
    assert validated.returncode == 0 and validated.stdout.startswith("ok: "), validated.stdout + validated.stderr
