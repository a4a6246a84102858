from __future__ import annotations

import copy
import os
import shlex
import shutil
import sqlite3
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import click
import click.testing
import pytest
import typer

from htxcli.cli.app import app
from tests import contract

# Tests pin the language they check: English unless a test says otherwise (test_language.py). Set in
# the environment, so that htx run as a subprocess speaks it too.
os.environ["HTX_LANG"] = "en"

ROOT = Path(__file__).resolve().parents[1]
HTX = [sys.executable, "-m", "htxcli"]


class CliRunner(click.testing.CliRunner):
    """typer.testing.CliRunner, with htx's English command tree built once per test process.

    Building the Click tree from the Typer app (typer.main.get_command) was most of an in-process
    command's time: about 50 ms of 70. The tree holds no state of a run, except that a run in another
    language translates its help in place (cli/help.py translate); so a run that will speak English gets
    the tree built once, and any other run a tree of its own, as the real htx builds one per process:
    a deep copy of one built once and never run (a tenth of the cost of building it again).
    """

    def invoke(  # type: ignore[override]
        self,
        cli: typer.Typer,
        args: str | Sequence[str] | None = None,
        input: str | bytes | IO[Any] | None = None,
        env: Mapping[str, str | None] | None = None,
        catch_exceptions: bool = True,
        color: bool = False,
        **extra: Any,
    ) -> click.testing.Result:
        return super().invoke(
            _command_tree(cli, args, env),
            args=args,
            input=input,
            env=env,
            catch_exceptions=catch_exceptions,
            color=color,
            **extra,
        )


_ENGLISH_TREE: list[click.Command] = []
_UNTRANSLATED_TREE: list[click.Command] = []  # copied for each run in another language, never run itself


def _command_tree(
    cli: typer.Typer, args: str | Sequence[str] | None, env: Mapping[str, str | None] | None
) -> click.Command:
    """The tree a run of `args` under `env` needs: the shared one if it speaks English (decided as
    HtxGroup.main decides: --lang first, then the environment), else a new one."""
    from htxcli.cli.app import _language_option
    from htxcli.domain import i18n

    if cli is not app:
        return typer.main.get_command(cli)
    argv = shlex.split(args) if isinstance(args, str) else list(args or ())
    environ: dict[str, str] = dict(os.environ)
    for name, value in (env or {}).items():
        if value is None:
            environ.pop(name, None)
        else:
            environ[name] = value
    chosen = _language_option(argv)
    language = chosen if chosen in i18n.LANGUAGES else i18n.language_from_environment(environ)
    if language != "en":
        if not _UNTRANSLATED_TREE:
            _UNTRANSLATED_TREE.append(typer.main.get_command(app))
        return copy.deepcopy(_UNTRANSLATED_TREE[0])
    if not _ENGLISH_TREE:
        _ENGLISH_TREE.append(typer.main.get_command(app))
    return _ENGLISH_TREE[0]


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture(autouse=True)
def _language_as_it_was() -> Iterator[None]:
    """Each test starts in the language the process had, whatever the one before chose."""
    from htxcli.domain import i18n

    with i18n.kept():
        yield


# --- order ----------------------------------------------------------------------------------------
# xdist (--dist loadscope) hands each worker a module at a time, in the order collected
# (--no-loadscope-reorder: not by number of tests, which sent the modules of few but long tests, such as
# the sixteen clerks, last, and left one worker running them while the other idled). The modules that
# take longest go first, so that the short ones fill in at the end.
SLOWEST_FIRST = (
    "test_reliability.py",
    "test_commit_kill.py",
    "test_report_documents.py",
    "test_report_check.py",
    "test_wheel.py",
    "test_cli_history_undo.py",
    "test_report_issued.py",
    "test_legal_status.py",
)


def pytest_sessionstart(session: pytest.Session) -> None:
    """htx's bytecode, written once before any test starts an htx process: with PYTHONDONTWRITEBYTECODE
    set (as CI's image sets it) Python never writes it for the editable install, and every process
    compiled htx's modules again, about a tenth of a second of CPU each."""
    if not hasattr(session.config, "workerinput"):  # the controller, or a run without xdist
        import compileall

        compileall.compile_dir(str(ROOT / "src" / "htxcli"), quiet=1)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the rest as collected


# --- backends ----------------------------------------------------------------------------------
# Tests marked `both_backends` (a module's pytestmark, or one test's mark) run on SQLite and on
# PostgreSQL when they take a database: the `backend` fixture, or one built on it (db_path, databases,
# htx, registry, example_db). A test that makes its own file under tmp_path takes none, and runs once, on
# SQLite only: keep that for what only a file has (its bytes, its indexes, its folder). The server is
# named by HTX_TEST_POSTGRES (a SQLAlchemy URL to a database the tests may create databases from;
# .ci/run starts one). Without it those runs skip, except under CI=true, where a missing server fails.

BACKENDS = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        both = metafunc.definition.get_closest_marker("both_backends") is not None
        metafunc.parametrize("backend", BACKENDS if both else BACKENDS[:1], scope="module")


def postgres_server() -> str:
    url = os.environ.get("HTX_TEST_POSTGRES")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI=true but HTX_TEST_POSTGRES names no PostgreSQL server (.ci/run starts one)")
        pytest.skip("no PostgreSQL server: set HTX_TEST_POSTGRES (see .ci/run)")
    try:
        import psycopg  # noqa: F401
    except ImportError:  # a checkout with the dev extra only
        if os.environ.get("CI"):
            pytest.fail("CI=true but psycopg is not installed (the postgres extra)")
        pytest.skip("no PostgreSQL driver: install the postgres extra (pip install -e '.[dev,postgres]')")
    return url


def fresh_database(backend: str, folder: Path, small: bool = False) -> Path | str:
    """A new registry, migrated and empty: for SQLite a copy of a file migrated once per test process,
    at `folder`/registry/htx.db; on the server, the URL of a new database copied from a template.
    `small`: holding the `registry` fixture's rows instead, copied from a registry those commands made
    once per test process. A test of what happens where no registry exists yet takes
    `missing_database` instead."""
    if backend == "sqlite":
        db = sqlite_registry(folder)
        if small:
            shutil.copyfile(_small_template(backend), db)
        return db
    url = postgres_server()  # skips when there is no server, or no driver
    from sqlalchemy.engine import make_url

    server = make_url(url)
    con = admin_connection(server.set(drivername="postgresql").render_as_string(hide_password=False))
    name = f"htx_test_{uuid.uuid4().hex[:12]}"
    template = _small_template(backend) if small else _migrated_template(server, con)
    copy_database(con, template, name)
    return server.set(database=name).render_as_string(hide_password=False)


_ADMIN: dict[str, Any] = {}


def admin_connection(admin: str) -> Any:
    """An autocommit session on the server at `admin` (a libpq URL), kept for the test process: making
    and dropping each test's database took a session each, a server process started every time."""
    import psycopg

    con = _ADMIN.get(admin)
    if con is None or con.closed or con.broken:
        con = _ADMIN[admin] = psycopg.connect(admin, autocommit=True)
    return con


def copy_database(con: Any, template: str, name: str) -> None:
    """CREATE DATABASE `name` as a copy of `template`, file by file: PostgreSQL 15's default strategy
    (WAL_LOG) writes every page of the copy through the write-ahead log, six times the server's work
    of a file copy for databases as small as a test's (0.25 s against 0.04 s), and a run makes hundreds."""
    strategy = " STRATEGY = FILE_COPY" if con.info.server_version >= 150000 else ""
    con.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"{strategy}')


def sqlite_registry(folder: Path) -> Path:
    """fresh_database's SQLite file, for a test that runs on SQLite only."""
    db = missing_database(folder)
    db.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_sqlite_template(), db)
    return db


def missing_database(folder: Path) -> Path:
    """Where fresh_database puts a SQLite registry, with no file there yet: for tests of creating one
    (and of the commands that refuse to)."""
    return folder / "registry" / "htx.db"


_TEMPLATE: list[str] = []
_SQLITE_TEMPLATE: list[Path] = []


def _sqlite_template() -> Path:
    """A SQLite registry migrated once per test process by htx itself (each xdist worker is a process
    of its own, so workers never share or race for it); copying it is much quicker than migrating."""
    if not _SQLITE_TEMPLATE:
        template = Path(tempfile.mkdtemp(prefix="htx-template-")) / "htx.db"
        result = CliRunner().invoke(app, ["--db", str(template), "db", "upgrade"], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        # A plain copy takes the main file only: everything must have left the write-ahead log.
        assert not template.with_name("htx.db-wal").exists()
        _SQLITE_TEMPLATE.append(template)
    return _SQLITE_TEMPLATE[0]


def _migrated_template(server: Any, con: Any) -> str:
    """A database migrated once per test process by htx itself; each test's database is a copy of it,
    which is much quicker than running the migrations again."""
    if not _TEMPLATE:
        name = f"htx_template_{os.getpid()}"
        con.execute(f'DROP DATABASE IF EXISTS "{name}"')
        con.execute(f'CREATE DATABASE "{name}"')
        url = server.set(database=name).render_as_string(hide_password=False)
        result = CliRunner().invoke(app, ["--db", url, "db", "upgrade"], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        _TEMPLATE.append(name)
    return _TEMPLATE[0]


def _small_template(backend: str) -> str:
    """The `registry` fixture's registry, made once per test process and backend by its commands (a
    file, or a database on the server): each test that takes the fixture gets a copy of it."""
    server = None if backend == "sqlite" else postgres_server()
    return _template("small", backend, server, SMALL_REGISTRY)


_MADE: dict[tuple[str, str], str] = {}


def _template(name: str, backend: str, server: str | None, commands: Sequence[Sequence[str]]) -> str:
    """A registry that `commands` made, once per test process and backend under `name`: its file's
    path, or the name of its database on `server`. The commands must succeed."""
    if (name, backend) not in _MADE:
        if server is None:
            template: Path | str = Path(tempfile.mkdtemp(prefix=f"htx-{name}-")) / "htx.db"
            shutil.copyfile(_sqlite_template(), template)
        else:
            from sqlalchemy.engine import make_url

            url = make_url(server)
            con = admin_connection(url.set(drivername="postgresql").render_as_string(hide_password=False))
            database = f"htx_{name}_{os.getpid()}"
            con.execute(f'DROP DATABASE IF EXISTS "{database}"')
            copy_database(con, _migrated_template(url, con), database)
            template = url.set(database=database).render_as_string(hide_password=False)
        for command in commands:
            result = CliRunner().invoke(app, ["--db", str(template), *command], catch_exceptions=False)
            assert result.exit_code == 0, (command, result.stderr)
        if isinstance(template, Path):  # a plain copy takes the main file only
            assert not template.with_name("htx.db-wal").exists()
            _MADE[(name, backend)] = str(template)
        else:
            _MADE[(name, backend)] = database
    return _MADE[(name, backend)]


def made_by(db: Path | str, name: str, commands: Sequence[Sequence[str]]) -> None:
    """Make the fresh registry `db` (from db_path or databases, not yet used) hold what `commands` make:
    a copy of the registry they made once in this test process on the same backend, under `name`, for
    a fixture that makes the same registry for every test of its module. The commands must succeed."""
    backend = "sqlite" if isinstance(db, Path) else "postgresql"
    made = _template(name, backend, None if isinstance(db, Path) else str(db), commands)
    if isinstance(db, Path):
        shutil.copyfile(made, db)
        return
    from sqlalchemy.engine import make_url

    url = make_url(db)
    con = admin_connection(
        url.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    )
    con.execute(f'DROP DATABASE "{url.database}" WITH (FORCE)')
    copy_database(con, made, str(url.database))


def drop_database(db: Path | str) -> None:
    """Drop a database fresh_database() made on the server; SQLite files go with their tmp folder."""
    if not isinstance(db, str):
        return
    from sqlalchemy.engine import make_url

    url = make_url(db)
    admin = url.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    admin_connection(admin).execute(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')


@pytest.fixture
def db_path(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path | str]:
    """The test's registry: empty, or the `registry` fixture's rows when the test takes that fixture."""
    db = fresh_database(backend, tmp_path, small="registry" in request.fixturenames)
    yield db
    drop_database(db)


@pytest.fixture
def databases(backend: str, tmp_path: Path) -> Iterator[Callable[[], Path | str]]:
    """For a test that needs more than one registry (an export read back into another): each call
    makes a fresh one on the test's backend, dropped afterwards on the server."""
    made: list[Path | str] = []

    def make() -> Path | str:
        made.append(fresh_database(backend, tmp_path / f"database-{len(made) + 1}"))
        return made[-1]

    yield make
    for db in made:
        drop_database(db)


@pytest.fixture
def htx(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run an htx command in-process against a fresh registry (a file, or a server URL) named by HTX_DB."""
    monkeypatch.setenv("HTX_DB", str(db_path))
    monkeypatch.delenv("NO_COLOR", raising=False)
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Run:
        result = runner.invoke(app, list(args), input=input, catch_exceptions=False)
        contract.check(args, result.exit_code, result.stdout)
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


def snapshot(db_path: Path | str) -> list[tuple[str, list[tuple[object, ...]]]]:
    """Every row of every table: two equal snapshots mean nothing was written."""
    if isinstance(db_path, str) and "://" in db_path:
        return _server_snapshot(db_path)
    con = sqlite3.connect(db_path)
    try:
        tables = [
            r[0]
            for r in con.execute(
                # sqlite_sequence is the ids' high-water mark, which an undo never lowers (ids are not reused)
                "SELECT name FROM sqlite_master WHERE type='table' AND name != 'sqlite_sequence' "
                "ORDER BY name"
            )
        ]
        return [(t, con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()) for t in tables]
    finally:
        con.close()


def _server_snapshot(url: str) -> list[tuple[str, list[tuple[object, ...]]]]:
    from sqlalchemy import create_engine, inspect, text
    from sqlalchemy.pool import NullPool

    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as con:
            tables = sorted(inspect(con).get_table_names())
            return [
                (t, [tuple(r) for r in con.execute(text(f'SELECT * FROM "{t}" ORDER BY 1'))]) for t in tables
            ]
    finally:
        engine.dispose()


# The `registry` fixture's rows, as the commands that make them.
SMALL_REGISTRY: tuple[tuple[str, ...], ...] = (
    (
        "add",
        "HTX Nông nghiệp Tân Thành",
        "--code",
        "0470012345",
        "--kind",
        "HTX",
        "--district",
        "Thành phố Bắc Kạn",
        "--commune",
        "Xuất Hóa",
        "--sector",
        "nông nghiệp",
        "--founded",
        "15/03/2012",
        "--members",
        "12",
        "--capital",
        "1,5 tỷ",
    ),
    (
        "add",
        "HTX Chè Mỹ Phương",
        "--code",
        "4700284512",
        "--district",
        "Ba Bể",
        "--founded",
        "2015-04-20",
        "--representative",
        "Hoàng Văn Đức",
    ),
    (
        "add",
        "Tổ hợp tác Ăn Quả",
        "--code",
        "THT-07",
        "--kind",
        "THT",
        "--district",
        "Chợ Đồn",
        "--founded",
        "2017-01-09",
    ),
    ("rate", "0470012345", "2017", "khá"),
    (
        "support",
        "add",
        "credit",
        "--to",
        "0470012345",
        "--date",
        "12/06/2018",
        "--amount",
        "350 triệu",
        "--reference",
        "QĐ-12",
    ),
)


@pytest.fixture
def registry(htx: Callable[..., Run], db_path: Path | str) -> Iterator[Callable[..., Run]]:
    """A small registry: two cooperatives and a group, one of them rated, one support record (the
    commands of SMALL_REGISTRY, with their five history entries). db_path holds it already: a copy of
    the registry those commands made once in this test process, much quicker than making it again."""
    assert _history_commands(db_path) == ["add", "add", "add", "rate", "support add"]
    yield htx


def _history_commands(db: Path | str) -> list[str]:
    query = "SELECT command FROM history ORDER BY id"
    if isinstance(db, Path):
        con = sqlite3.connect(db)
        try:
            return [row[0] for row in con.execute(query)]
        finally:
            con.close()
    import psycopg
    from sqlalchemy.engine import make_url

    with psycopg.connect(
        make_url(db).set(drivername="postgresql").render_as_string(hide_password=False)
    ) as pg:
        return [row[0] for row in pg.execute(query)]


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _SQLITE_TEMPLATE:
        shutil.rmtree(_SQLITE_TEMPLATE[0].parent, ignore_errors=True)
    for (_, backend), made in _MADE.items():
        if backend == "sqlite":
            shutil.rmtree(Path(made).parent, ignore_errors=True)
    if _TEMPLATE:
        from sqlalchemy.engine import make_url

        admin = make_url(postgres_server()).set(drivername="postgresql").render_as_string(hide_password=False)
        con = admin_connection(admin)
        made = [name for (_, backend), name in _MADE.items() if backend == "postgresql"]
        for name in (*_TEMPLATE, *made):
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    for con in _ADMIN.values():
        con.close()


# --- the example registry ----------------------------------------------------------------------

EXAMPLE = ROOT / "examples" / "bac-kan-2018"
TABLES = ("cooperatives", "ratings", "support")
runner = CliRunner()


def invoke(db: Path | str, *args: str, input: str | bytes | None = None) -> Any:
    """One htx command in-process against the database `db` (a file or a URL)."""
    result = runner.invoke(app, ["--db", str(db), *args], input=input, catch_exceptions=False)
    contract.check(args, result.exit_code, result.stdout)
    return result


def newest_entry(htx: Callable[..., Run]) -> str:
    """The line an import ends with names its history entry ("history entry #7"): the newest one.
    Read from the history rather than counted, since PostgreSQL's sequences skip the ids a refused
    transaction drew (ids are never reused, not dense)."""
    rows = htx("history", "--format", "csv").stdout.splitlines()
    return "#" + rows[1].split(",")[0]


def load_example(db: Path | str) -> None:
    for table in TABLES:
        r = invoke(db, "import", table, str(EXAMPLE / f"{table}.csv"))
        assert r.exit_code == 0, r.stderr


@pytest.fixture(scope="module")
def example_db(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path | str]:
    """The example registry, loaded once per module and backend (a copy of the one loaded once per test
    process); tests must not change it."""
    db = fresh_database(backend, tmp_path_factory.mktemp("example"))
    made_by(db, "example", [("import", table, str(EXAMPLE / f"{table}.csv")) for table in TABLES])
    yield db
    drop_database(db)


# --- a range's tables, read back -----------------------------------------------------------------


def grouped(rows: Iterable[Sequence[Any]]) -> dict[str, list[Any]]:
    """A range's or comparison's rows (a Word, HTML or workbook table: the label, then the figures)
    by "subject: metric", as a person reads them: a row whose figures are all empty heads the rows
    beneath it (a kind, a program, a place; "Total"), labelled by the metric alone; a row outside any
    group (the ratings) by its label."""
    out: dict[str, list[Any]] = {}
    subject = None
    for row in rows:
        label, figures = str(row[0] or "").strip(), list(row[1:])
        if not label:
            continue
        if all(f is None or f == "" for f in figures):
            subject = label
            continue
        out[f"{subject}: {label}" if subject else label] = figures
    return out


def lines_beneath(text: str, subject: str, nth: int = 0) -> list[str]:
    """The lines beneath `subject`'s `nth` heading in a printed table (terminal, Markdown, a PDF's
    text), up to the next heading or the table's end: those indented further than it, or in Markdown
    those with any figure. [] when there is no such heading."""
    lines = [line.replace("**", "") for line in text.splitlines()]
    starts = [i for i, line in enumerate(lines) if line.strip(" |").split("|")[0].strip() == subject]
    if nth >= len(starts):
        return []
    start = starts[nth]
    depth = len(lines[start]) - len(lines[start].lstrip())
    out = []
    for line in lines[start + 1 :]:
        if line.startswith("|"):
            if not any(cell.strip() for cell in line.strip(" |").split("|")[1:]):
                break
        elif not line.strip():
            continue  # a blank line within a table (pdftotext's)
        elif len(line) - len(line.lstrip()) <= depth:
            break
        out.append(line.strip(" |"))
    return out


def line_beneath(text: str, subject: str, metric: str) -> str:
    """The line of `metric` beneath a heading `subject` in a printed table (the first such heading
    with one): the first line whose label starts with the metric."""
    nth = 0
    while group := lines_beneath(text, subject, nth):
        found = [line for line in group if line.strip().startswith(metric)]
        if found:
            return found[0]
        nth += 1
    raise AssertionError(f"no line {metric!r} beneath {subject!r}:\n{text}")


def word_signature(doc: Any) -> Any:
    """A Word report's recipients and signature: the grid after the letterhead's, closing the body."""
    return doc.tables[1]


def word_figures(doc: Any) -> list[Any]:
    """A Word report's tables of figures ("Biểu 1."…): its appendix, after the letterhead's grid and the
    signature's."""
    return list(doc.tables[2:])
