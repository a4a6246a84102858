"""How htx recognises a document it wrote itself, so that `report -o FILE` replaces its own output
without a word but never a document the clerk completed by hand (item 17 of issue 25).

The fingerprint travels inside the document, so a report copied to another folder or another computer
is still recognised, and nothing is written beside it:

- a Word (.docx) or Excel (.xlsx) file is a zip of XML parts. One part of its properties holds
  `htx-sha256:` and the SHA-256 of every other part (names and contents, in name order): the core
  properties' identifier (dc:identifier) of a Word report, a custom property "htx" of a workbook. Word
  and Excel rewrite the parts when they save, so any edit saved changes the fingerprint's parts;
- an HTML page ends with the comment `<!-- htx-sha256:… -->`, the SHA-256 of every byte before it.

The renderers write PLACEHOLDER where the fingerprint goes; seal_zip and seal_html fill it in once the
document is complete. Standard library only.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import zipfile
from typing import IO

PREFIX = "htx-sha256:"
PLACEHOLDER = PREFIX + "0" * 64
_FOUND = re.compile(rb"htx-sha256:([0-9a-f]{64})")
_HTML_SEAL = re.compile(rb"<!-- htx-sha256:([0-9a-f]{64}) -->\n\Z")
_PROPERTIES = "docProps/"  # where a zip document keeps its properties: core.xml, custom.xml
_CHUNK = 1 << 16
_ZIP64 = 1 << 31  # a part this large needs zip64 headers, which only then are written


def _digest(book: zipfile.ZipFile, left_out: str) -> str:
    """SHA-256 of every part but `left_out`: each name, its length and its bytes, in name order."""
    h = hashlib.sha256()
    for info in sorted(book.infolist(), key=lambda i: i.filename):
        if info.filename == left_out or info.is_dir():
            continue
        name = info.filename.encode("utf-8")
        h.update(len(name).to_bytes(4, "big") + name + info.file_size.to_bytes(8, "big"))
        with book.open(info) as part:
            while chunk := part.read(_CHUNK):
                h.update(chunk)
    return h.hexdigest()


def _seal_part(book: zipfile.ZipFile) -> tuple[str, bytes] | None:
    """The properties part that holds a fingerprint (or the placeholder), and its bytes."""
    for info in book.infolist():
        if info.filename.startswith(_PROPERTIES) and info.file_size < _CHUNK:
            data = book.read(info)
            if _FOUND.search(data):
                return info.filename, data
    return None


def seal_zip(source: IO[bytes], out: IO[bytes]) -> None:
    """Copy the zip document `source` (written with PLACEHOLDER in one of its properties) to `out`, the
    placeholder replaced by the fingerprint of its other parts."""
    with zipfile.ZipFile(source) as book:
        found = _seal_part(book)
        if found is None:
            raise ValueError("the document has no place for its fingerprint")
        name, data = found
        sealed = data.replace(PLACEHOLDER.encode(), (PREFIX + _digest(book, name)).encode())
        with zipfile.ZipFile(out, "w") as copy:
            for info in book.infolist():  # in their order: [Content_Types].xml stays first
                if info.filename == name:
                    copy.writestr(info, sealed)
                    continue
                fresh = zipfile.ZipInfo(info.filename, info.date_time)
                fresh.compress_type, fresh.external_attr = info.compress_type, info.external_attr
                with (
                    book.open(info) as part,
                    copy.open(fresh, "w", force_zip64=info.file_size >= _ZIP64) as into,
                ):
                    shutil.copyfileobj(part, into, _CHUNK)


def seal_html(page: str) -> str:
    """The page with its fingerprint as a last line."""
    digest = hashlib.sha256(page.encode("utf-8")).hexdigest()
    return f"{page}<!-- {PREFIX}{digest} -->\n"


def unchanged(path: str) -> bool:
    """Whether the file at `path` is a document htx wrote and nobody changed since: its fingerprint is
    there and matches. False for any other file (another program's, an older htx's, unreadable)."""
    found = _fingerprints(path)
    return found is not None and found[0] == found[1]


def sealed(path: str) -> bool:
    """Whether the file at `path` carries htx's fingerprint, matching or not."""
    return _fingerprints(path) is not None


def _fingerprints(path: str) -> tuple[str, str] | None:
    """(the fingerprint stored in the file, the one its content has now), or None without one."""
    try:
        with open(path, "rb") as f:
            if f.read(4).startswith(b"PK"):
                f.seek(0)
                return _zip_fingerprints(f)
            f.seek(0)
            data = f.read()
    except OSError:
        return None
    found = _HTML_SEAL.search(data)
    if found is None:
        return None
    return found.group(1).decode(), hashlib.sha256(data[: found.start()]).hexdigest()


def _zip_fingerprints(f: IO[bytes]) -> tuple[str, str] | None:
    try:
        with zipfile.ZipFile(f) as book:
            found = _seal_part(book)
            if found is None:
                return None
            name, data = found
            stored = _FOUND.search(data)
            return None if stored is None else (stored.group(1).decode(), _digest(book, name))
    except (zipfile.BadZipFile, OSError, EOFError):
        return None
