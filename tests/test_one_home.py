"""Rules stated once: tests over htx's source that fail when a fact of the domain is written again
outside its home."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ROOT

SOURCE = ROOT / "src" / "htxcli"


def modules() -> list[Path]:
    return sorted(SOURCE.rglob("*.py"))


def test_the_reform_is_stated_once_in_the_domain() -> None:
    """The reform day and the new scheme's code live in domain/reform.py; a `date(2025, …)` or a "2025"
    scheme elsewhere is the copy that will drift."""
    home = SOURCE / "domain" / "reform.py"
    literal = re.compile(r"""date\(\s*2025\b|["']2025["']""")
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in modules()
        if path != home
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if literal.search(line)
    ]
    assert found == []
    assert literal.search(home.read_text(encoding="utf-8"))
