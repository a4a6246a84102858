"""A wheel installed into a clean virtual environment carries its migrations and works from anywhere."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_wheel_installs_and_creates_a_database(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("htxcli-*.whl"))
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "htxcli/migrations/env.py" in names
    assert "htxcli/report.schema.json" in names  # docs/report.schema.json, the JSON contract
    assert any(n.startswith("htxcli/migrations/versions/0001") for n in names)
    assert "htxcli/locale/vi/LC_MESSAGES/htx.mo" in names  # the compiled catalog travels with htx
    assert "htxcli/render/templates/report.html.j2" in names  # the HTML report's template too
    # The official units, and the permission notice their MIT licence asks every copy to carry.
    assert {"htxcli/data/places.json.gz", "htxcli/data/places-LICENSE.txt"} <= set(names)

    # A clean environment with no pip of its own (ensurepip took a fifth of the test): this pip installs
    # into it (--python), the wheel and the dependencies it declares, as into any other.
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", str(wheel)]
    subprocess.run(install, check=True, capture_output=True)
    # Nothing but what the wheel brought: no htxcli from this checkout, no package from this virtualenv.
    where = subprocess.run(
        [str(python), "-c", "import htxcli, sys; print(htxcli.__file__); print(*sys.path, sep='\\n')"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(env_dir)) and str(ROOT) not in where.stdout, where.stdout
    htx = str(env_dir / "bin" / "htx")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    db = str(elsewhere / "office.db")
    add = subprocess.run(
        [htx, "--db", db, "add", "HTX Tân Thành", "--code", "0470012345", "--founded", "2012-03-15"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
    )
    assert add.returncode == 0, add.stderr
    listed = subprocess.run(
        [htx, "--db", db, "list", "--format", "csv"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "0470012345,HTX Tân Thành" in listed.stdout
    # Vietnamese from the installed catalog, in a locale that names no language.
    vietnamese = subprocess.run(
        [htx, "--db", db, "show", "0470012345"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(elsewhere)},
    )
    assert "Ngày thành lập" in vietnamese.stdout and "15/03/2012" in vietnamese.stdout
    # The documents' libraries come with htx, and the template is found where the wheel put it.
    for document in ("report.docx", "report.html"):
        made = subprocess.run(
            [htx, "--db", db, "report", "2018", "-o", document],
            cwd=elsewhere,
            capture_output=True,
            text=True,
            check=False,
        )
        assert made.returncode == 0, made.stderr
    assert "<svg" in (elsewhere / "report.html").read_text(encoding="utf-8")
