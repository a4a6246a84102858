"""CSV interchange: atomic, batched imports and streaming exports in the public file contract.

Import reads the file as a stream (csvsource.py), validates each row with the same domain parsers the
commands use, and writes batches (the loaders package) inside one transaction: all or nothing, unless the
caller asks for rejects to be set aside. Export streams rows from the database (store/exports.py);
nothing holds a whole file. This module runs both: units of work, retries, progress and results.
"""

from __future__ import annotations

import gc
import io
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any, Protocol

from htxcli.domain import messages
from htxcli.domain.batch import PROBLEMS_JOINT, ParsedBatch
from htxcli.domain.errors import HtxError, InvalidValue
from htxcli.domain.text import printable
from htxcli.services.csvsource import CsvSource, stream_size
from htxcli.services.import_result import ImportEntry, ImportResult
from htxcli.services.loaders import LOADERS
from htxcli.services.loaders.base import Loader
from htxcli.services.readahead import read_ahead
from htxcli.services.rowbatch import Read
from htxcli.services.rowsource import COLUMNS, Refused, RowSource
from htxcli.services.sheetsource import XLS_SIGNATURE, XLSX_SIGNATURE, SheetSource
from htxcli.store import exports
from htxcli.store.uow import ATTEMPTS, UnitOfWork, is_retryable

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from htxcli.domain.periods import Period

BATCH = 2000


Progress = Callable[[int], None]


class RowWriter(Protocol):
    def writerow(self, row: Sequence[str], /) -> Any: ...


# Rejects written as a workbook: given the header and the contract's columns under it, a writer for the
# rows (render/sheet_xlsx.py makes it; called again from the top when the import is retried).
SheetRejects = Callable[[Sequence[str], Sequence[str]], RowWriter]


def import_csv(
    engine: Engine,
    table: str,
    stream: IO[bytes],
    name: str,
    *,
    dry_run: bool = False,
    rejects: IO[str] | SheetRejects | None = None,
    progress: Progress | None = None,
    sheet: str | None = None,
    given: Mapping[str, str] | None = None,
) -> ImportResult:
    """Load one contract file, CSV or a workbook's sheet. Without `rejects`, any bad row means nothing
    is written.

    On a server, an import that collides with another clerk's transaction is run again from the top
    of the file, when the file (and the rejects file) can be rewound; stdin cannot.
    """
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _import_once(engine, table, stream, name, dry_run, rejects, progress, sheet, given)
        except Exception as e:  # is_retryable says which: the database's, never one of htx's own
            if not is_retryable(e) or attempt == ATTEMPTS or not _rewind(stream, rejects):
                raise
    raise AssertionError("unreachable")


def _rewind(stream: IO[bytes], rejects: IO[str] | SheetRejects | None) -> bool:
    if callable(rejects):
        rejects = None  # a workbook starts again when asked for its writer
    try:
        if not stream.seekable() or (rejects is not None and not rejects.seekable()):
            return False
        stream.seek(0)
        if rejects is not None:
            rejects.seek(0)
            rejects.truncate()
        return True
    except (OSError, ValueError):
        return False


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """An import allocates millions of short-lived tuples and lists that reference counting frees;
    the cycle collector's full passes over everything else alive (the registry's lookups, the loaded
    modules) were a tenth of a large import's time. They are made rarer for its duration; what the
    careful way leaves in cycles is swept batch by batch instead (loaders.base.Loader.apply)."""
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def open_source(
    stream: IO[bytes],
    name: str,
    table: str,
    sheet: str | None = None,
    given: Mapping[str, str] | None = None,
) -> RowSource:
    """The rows of a contract file: a workbook's sheet, known by its first bytes, or CSV."""
    head = _first_bytes(stream, SNIFFED)
    start = head[: len(XLSX_SIGNATURE)]
    if start == XLSX_SIGNATURE:
        if not stream.seekable():  # a workbook is a zip archive, read from its end: a pipe is kept
            stream = io.BytesIO(stream.read())
        _check_zip(stream, name)
        return SheetSource(stream, name, table, sheet, size=stream_size(stream), given=given)
    if start == XLS_SIGNATURE:
        raise HtxError(messages.XLS_NOT_READ.format(file=name))
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        # Excel's "Unicode Text": UTF-16 with a BOM, tab-separated. Read as the UTF-8 it holds.
        try:
            text = stream.read().decode("utf-16")
        except UnicodeDecodeError as e:
            raise HtxError(messages.CANNOT_READ.format(file=name, detail=messages.UTF16_DAMAGED)) from e
        stream = io.BytesIO(text.encode("utf-8"))
    else:
        _check_text(head, name)
    if name.lower().endswith(".xlsx"):  # named a workbook, and not one: not to be read as CSV
        raise HtxError(messages.NOT_XLSX.format(file=name))
    if sheet is not None:
        raise InvalidValue("--sheet", sheet, messages.SHEET_OF_CSV)
    return CsvSource(stream, name, table, given)


SNIFFED = 4096  # bytes looked at to tell what a file is


def _check_zip(stream: IO[bytes], name: str) -> None:
    """A zip archive that is no workbook, named for what it is: LibreOffice's .ods, a Word document."""
    import zipfile

    at = stream.tell()
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            kind = archive.read("mimetype")[:80].decode("ascii", "replace") if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, KeyError, EOFError):
        return  # SheetSource says why it cannot be read
    finally:
        stream.seek(at)
    if "opendocument.spreadsheet" in kind:
        raise HtxError(messages.ODS_NOT_READ.format(file=name))
    if "opendocument.text" in kind or "word/document.xml" in names:
        raise HtxError(messages.NOT_A_TABLE_FILE.format(file=name, what=messages.WHAT_DOCUMENT))


_SIGNATURES = {
    b"%PDF": "WHAT_PDF",
    b"\x89PNG": "WHAT_IMAGE",
    b"\xff\xd8\xff": "WHAT_IMAGE",
    b"GIF8": "WHAT_IMAGE",
    b"Rar!": "WHAT_ARCHIVE",
    b"7z\xbc\xaf": "WHAT_ARCHIVE",
}


def _check_text(head: bytes, name: str) -> None:
    """A file that is no text at all (a PDF, an image, other binary data), named for what it is, with
    how to save the table as a file htx reads; text in another encoding is the CSV reader's to name."""
    for signature, what in _SIGNATURES.items():
        if head.startswith(signature):
            raise HtxError(messages.NOT_A_TABLE_FILE.format(file=name, what=getattr(messages, what)))
    if b"\x00" in head.split(b"\n", 1)[0]:  # a header line never holds one; a cell's is named by its row
        raise HtxError(messages.NOT_A_TABLE_FILE.format(file=name, what=messages.WHAT_BINARY))


def _first_bytes(stream: IO[bytes], count: int) -> bytes:
    try:
        if stream.seekable():
            at = stream.tell()
            start = stream.read(count)
            stream.seek(at)
            return start
        peek = getattr(stream, "peek", None)
        return peek(count)[:count] if peek is not None else b""
    except (OSError, ValueError):
        return b""


def _import_once(
    engine: Engine,
    table: str,
    stream: IO[bytes],
    name: str,
    dry_run: bool,
    rejects: IO[str] | SheetRejects | None,
    progress: Progress | None,
    sheet: str | None,
    given: Mapping[str, str] | None,
) -> ImportResult:
    source = open_source(stream, name, table, sheet, given)
    result = ImportResult(table)
    result.notes.extend(source.header_notes)
    reject_writer: RowWriter | None = None
    if callable(rejects):
        reject_writer = rejects([*source.header_labels, messages.REJECTS_ERROR_COLUMN], source.header)
    elif rejects is not None:
        reject_writer = source.rejects_writer(rejects, to_file=rejects is not sys.stdout)

    looked_up = [0]  # rows whose code was looked for by their name: a file of such rows costs no more

    def refuse(row_line: int, cells: list[str], problem: str) -> None:
        hint = ""
        if looked_up[0] < MAX_NAME_LOOKUPS and _code_missing(source, cells, problem):
            looked_up[0] += 1
            hint = _code_of_name(uow, cells[source.header.index("name")].strip())
        problem = source.labelled(problem) + hint
        result.add_error(printable(f"{source.where(row_line)}: {' '.join(problem.split())}"))
        if reject_writer is not None:
            # The error in its own column, under the header's last: a row short of the header gets
            # its missing cells, empty, first.
            missing = len(source.header) - len(cells)
            reject_writer.writerow([*cells, *[""] * missing, problem])
            result.rejected += 1

    with _fewer_collections(), UnitOfWork(engine, resolved_references=True) as uow:
        entry = ImportEntry(uow, table, name, source.place)
        loader = LOADERS[table](uow, result, entry)
        if source.units:
            loader.units = source.units  # a money column counted in triệu, an income per month
        loader.target.drop_indexes()
        loader.preload()
        batches = read_ahead(lambda: _parsed_batches(source, loader), stream_size(stream))
        for read, parsed, unread, position in batches:
            result.notes.extend(read.notes)
            for line, warning in read.warnings:
                result.add_warning(warning, line)
            if not read.lines and not unread:  # a note only (a totals row); read.rows would unpack cells
                continue
            unread.extend((*read[i], str(e)) for i, e in parsed.errors)
            refused = loader.apply(read, parsed)
            for line, cells, problem in sorted(unread + refused, key=lambda item: item[0]):
                refuse(line, cells, problem)
            if "name" in source.header and table != "cooperatives":
                left_out = {line for line, _, _ in refused}
                _warn_other_names(uow, source, read, left_out, result)
            doubts = loader.doubts_in(parsed)
            if doubts:
                left_out = {line for line, _, _ in refused}
                for j, doubt in doubts:
                    line = read.lines[parsed.index[j]]
                    if line not in left_out:
                        problems = source.labelled(str(doubt))
                        result.add_warning(
                            messages.IMPORT_WARNING.format(
                                file=name, line=source.place(line), problems=problems
                            ),
                            line,
                        )
            if progress is not None:
                progress(position)
        if result.error_count and rejects is None:
            return result  # rolled back on leaving the unit of work
        if not dry_run:
            if table == "cooperatives" and entry.id is not None:
                # The file's `dissolved` column wrote organisation.dissolved: its status history follows.
                uow.history.changes(entry.id, "legal_status", uow.endings.reconcile(entry.id))
            loader.target.restore_indexes()
            if entry.id is not None:
                uow.history.set_summary(entry.id, result.summary(name))
            uow.commit()
            result.entry = entry.id
    return result


def _warn_other_names(
    uow: UnitOfWork, source: RowSource, read: Read, left_out: set[int], result: ImportResult
) -> None:
    """A ratings or support sheet names each organisation beside its code: the code decides, and a
    name that is not the registered one (accents, case, i/y and "Hợp tác xã" for "HTX" aside: _name_key)
    is warned of."""
    code_at, name_at = source.header.index("code"), source.header.index("name")
    named = [
        (line, cells[code_at].strip(), cells[name_at].strip())
        for line, cells in read
        if line not in left_out and len(cells) > max(code_at, name_at) and cells[name_at].strip()
    ]
    if not named:
        return
    stored = uow.organisations.names_of(sorted({code for _, code, _ in named if code}))
    for line, code, name in named:
        registered = stored.get(code)
        if registered is not None and _name_key(registered) != _name_key(name):
            problem = messages.NAME_NOT_REGISTERED.format(
                label=source.labels["name"], name=name, code=code, registered=registered
            )
            warning = messages.IMPORT_WARNING.format(
                file=source.name, line=source.place(line), problems=problem
            )
            result.add_warning(warning, line)


MAX_NAME_LOOKUPS = 100


def _code_missing(source: RowSource, cells: Sequence[str], problem: str) -> bool:
    """Whether a row is refused for its empty code while it names an organisation ("Tên HTX")."""
    header = source.header
    if "code" not in header or "name" not in header:
        return False
    code_at, name_at = header.index("code"), header.index("name")
    if len(cells) <= max(code_at, name_at) or cells[code_at].strip() or not cells[name_at].strip():
        return False
    return any(part.startswith("code: ") for part in problem.split(PROBLEMS_JOINT))


def _code_of_name(uow: UnitOfWork, name: str) -> str:
    """What to add to the problem of a row without a code: the code of the registered organisation
    of that name (accents and case aside), the codes if several have it, else how to find one."""
    import shlex

    from htxcli.domain.text import fold

    codes = uow.organisations.codes_named(fold(name))
    if len(codes) == 1:
        return "; " + messages.CODE_OF_NAME.format(name=name, code=codes[0])
    if codes:
        return "; " + messages.CODES_OF_NAME.format(name=name, codes=", ".join(codes))
    return "; " + messages.FIND_CODE_OF_NAME.format(name=name, search=f"htx search {shlex.quote(name)}")


def _name_key(name: str) -> str:
    """A name as compared: accents, case and spacing aside, i for a final y as place names are matched
    ("Sĩ Bình" is "Sỹ Bình"), and the kind's words for its abbreviation."""
    from htxcli.domain.unit_names import match_key

    key = " ".join(match_key(name).replace(".", " ").split())
    for long in ("hop tac xa", "to hop tac", "lien hiep htx", "quy tin dung nhan dan"):
        short = {
            "hop tac xa": "htx",
            "to hop tac": "tht",
            "lien hiep htx": "lhtx",
            "quy tin dung nhan dan": "qtdnd",
        }[long]
        if key.startswith(long):
            key = short + key[len(long) :]
    return key


Parsed = tuple[Read, ParsedBatch, Refused, int]  # a batch, its values, rows refused already, file position


def _parsed_batches(source: RowSource, loader: Loader) -> Iterator[Parsed]:
    """Each batch of the file, parsed, and planned for a bulk insert where that needs no database: the
    part of an import that may run in another process (see readahead.py; errors travel as messages)."""
    from htxcli.services.totals import Totals

    plan = loader.plans_offline()
    totals = Totals(source)
    for whole in source.batches(BATCH):
        if not whole.lines:  # nothing left but a note (the totals row was the batch's only row)
            yield whole, ParsedBatch((), [], []), [], source.position()
            continue
        read, unread = source.fit(whole)
        parsed = loader.parse_batch(source.header, read.rows)
        totals.add(parsed)
        if plan and parsed.complete:
            parsed.planned = loader.plan_bulk(parsed)
        yield read, parsed, unread, source.position()
    checked = totals.checked()  # the totals row against the rows above it: a warning, if any
    if checked is not None:
        yield checked, ParsedBatch((), [], []), [], source.position()


def export_rows(
    engine: Engine, table: str, year: int | None = None, period: Period | None = None
) -> Iterator[dict[str, Any]]:
    """The contract's rows in a stable order, streamed from one read-only transaction: of `year`'s
    ratings, or of support and organisations in `period` (settings.reporting_period)."""
    with UnitOfWork(engine, read_only=True) as uow:
        yield from exports.export_rows(uow.connection, table, year, period)


def columns(table: str) -> Sequence[str]:
    return COLUMNS[table]
