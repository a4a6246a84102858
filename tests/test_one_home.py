"""Rules stated once: tests over htx's source that fail when a fact of the domain is written again
outside its home."""

from __future__ import annotations

import ast
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


# --- every sentence a person reads is a catalog entry ---------------------------------------------

# Calls that put a sentence before a person: errors (the problem of an InvalidValue; the message of
# the others), warnings, notes and confirmations.
SPEAKING = {"InvalidValue", "HtxError", "NotFound", "Conflict", "say", "warn", "confirm", "prompt", "_fail"}
# Text that reaches them and is no sentence: (module, the literal's text).
NOT_SENTENCES = {
    ("cli/db.py", "f'{format_count(written // 1024)} KiB'"),  # a unit symbol, in every language
    # a command line to type, the same in every language
    (
        "cli/places.py",
        "f\"  htx edit {item['code']} --province {_quoted(province)} --commune {_quoted(commune)}\"",
    ),
    ("store/migrate.py", "'0009_plans'"),  # a schema revision's id, named in messages as it is
    ("store/migrate.py", "'0010_issued_reports'"),  # a schema revision's id, named in messages as it is
}


def _called(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else None


def _literals(
    node: ast.AST, assigned: dict[str, list[ast.expr]], seen: tuple[str, ...] = ()
) -> list[ast.AST]:
    """The string literals with a letter in them whose text reaches `node`'s value: directly, through
    an f-string, `or`, a conditional, `+`, `.format(...)`, or a variable assigned in the same function."""

    def reach(child: ast.AST) -> list[ast.AST]:
        return _literals(child, assigned, seen)

    if isinstance(node, ast.Constant):
        return [node] if isinstance(node.value, str) and any(c.isalpha() for c in node.value) else []
    if isinstance(node, ast.JoinedStr):
        found: list[ast.AST] = []
        for part in node.values:
            if isinstance(part, ast.Constant) and any(c.isalpha() for c in str(part.value)):
                return [node]
            if isinstance(part, ast.FormattedValue):
                found += reach(part.value)
        return found
    if isinstance(node, ast.BoolOp):
        return [lit for value in node.values for lit in reach(value)]
    if isinstance(node, ast.IfExp):
        return reach(node.body) + reach(node.orelse)
    if isinstance(node, ast.BinOp):
        return reach(node.left) + reach(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        parts = [node.func.value, *node.args, *(k.value for k in node.keywords)]
        return [lit for part in parts for lit in reach(part)]
    if isinstance(node, ast.Name) and node.id in assigned and node.id not in seen:
        return [lit for value in assigned[node.id] for lit in _literals(value, assigned, (*seen, node.id))]
    return []


def leaks(path: Path, root: Path = SOURCE) -> list[str]:
    module = path.relative_to(root).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for scope in ast.walk(tree):
        if not isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef | ast.Module):
            continue
        assigned: dict[str, list[ast.expr]] = {}
        for node in ast.walk(scope):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        assigned.setdefault(target.id, []).append(node.value)
        for node in ast.walk(scope):
            if not isinstance(node, ast.Call) or _called(node.func) not in SPEAKING:
                continue
            said = list(node.args)
            if _called(node.func) == "InvalidValue":  # field and value are the user's, the problem is ours
                said = said[2:] + [k.value for k in node.keywords if k.arg == "problem"]
            for argument in said:
                for literal in _literals(argument, assigned):
                    if (module, ast.unparse(literal)) not in NOT_SENTENCES:
                        found.add(f"{module}:{literal.lineno}: {ast.unparse(literal)}")
    return sorted(found)


def test_every_sentence_said_to_a_person_is_a_catalog_entry() -> None:
    """Written outside domain/messages.py, an English sentence reaches a Vietnamese clerk as it is."""
    found = [leak for path in modules() if path.name != "messages.py" for leak in leaks(path)]
    assert found == []


def test_the_leak_finder_finds_leaks(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def f(uow, name, years):\n"
        "    names = ', '.join(uow.names()) or 'none yet'\n"
        "    if years:\n"
        "        raise InvalidValue('dissolved', name, f'would leave the {years[0]} rating')\n"
        "    raise InvalidValue('commune', name, messages.UNKNOWN_COMMUNE.format(communes=names))\n",
        encoding="utf-8",
    )
    assert [leak.split(": ", 1)[0] for leak in leaks(sample, tmp_path)] == ["sample.py:2", "sample.py:4"]


# --- a life's end has one writer ---------------------------------------------------------------


def _writes_dissolved(node: ast.Call) -> bool:
    """A call that writes organisation.dissolved: `.values(dissolved=…)`, or an update given a dict
    literal with the key "dissolved"."""
    if _called(node.func) in ("values", "update", "insert"):
        if any(k.arg == "dissolved" for k in node.keywords):
            return True
        for argument in node.args:
            if isinstance(argument, ast.Dict) and any(
                isinstance(k, ast.Constant) and k.value == "dissolved" for k in argument.keys
            ):
                return True
    return False


def test_a_lifes_end_is_written_by_store_endings_only() -> None:
    """organisation.dissolved and the ending status entries it mirrors are written by
    store/endings.py (end, reopen, reconcile) alone. Rows written whole (an add, an import, an undo's
    revert) carry the date as given and reconcile follows them in the same transaction."""
    home = SOURCE / "store" / "endings.py"
    found = []
    for path in modules():
        if path == home:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _writes_dissolved(node):
                found.append(f"{path.relative_to(SOURCE)}:{node.lineno}: {ast.unparse(node)[:80]}")
            if isinstance(node, ast.Attribute) and node.attr in ("sync_endings", "keep_endings_in_step"):
                found.append(f"{path.relative_to(SOURCE)}:{node.lineno}: {node.attr}")
    assert found == []
    assert any(_writes_dissolved(n) for n in ast.walk(ast.parse(home.read_text())) if isinstance(n, ast.Call))


def test_every_message_table_is_written_whole() -> None:
    """domain/messages.py is ordered by topic and each table (HEADERS, CHECKS, …) is one literal: a
    later `TABLE.update(…)` would hide part of a table far from it."""
    source = (SOURCE / "domain" / "messages.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    patched = [
        f"line {node.lineno}: {ast.unparse(node.value.func)}"
        for node in tree.body
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Attribute)
        and node.value.func.attr in ("update", "setdefault", "__setitem__")
    ]
    assert not patched, patched
    headings = [line for line in source.splitlines() if line.startswith("# --- ")]
    topics = ["values", "records", "the database", "import", "the yearly report", "report documents"]
    topics += ["history", "legal status", "places"]
    assert [next(t for t in topics if h[6:].startswith(t)) for h in headings] == topics, headings


LONGEST_MODULE = 450  # lines (issue 27): a longer module holds more than one thing; split it by what it holds
LONG_BY_NATURE = {Path("domain/messages.py")}  # the catalog of every sentence, one topic after another


def too_long(root: Path = SOURCE) -> list[str]:
    """The modules under `root` longer than LONGEST_MODULE lines, with their lengths."""
    found = []
    for path in sorted(root.rglob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > LONGEST_MODULE and path.relative_to(root) not in LONG_BY_NATURE:
            found.append(f"{path.relative_to(root)}: {lines} lines")
    return found


def test_no_module_holds_more_than_its_share() -> None:
    assert too_long() == []


def test_the_length_check_finds_a_long_module(tmp_path: Path) -> None:
    (tmp_path / "domain").mkdir()
    (tmp_path / "domain" / "messages.py").write_text("x = 1\n" * (LONGEST_MODULE + 1))
    (tmp_path / "long.py").write_text("x = 1\n" * (LONGEST_MODULE + 1))
    (tmp_path / "short.py").write_text("x = 1\n" * LONGEST_MODULE)
    assert too_long(tmp_path) == [f"long.py: {LONGEST_MODULE + 1} lines"]
