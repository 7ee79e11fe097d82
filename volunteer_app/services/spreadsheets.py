"""Reading and writing spreadsheet files: CSV (any common encoding) and XLSX.

Reading gives a ``Table``: the header row and the data rows as cells (text from
a CSV; text, numbers, dates and times from an XLSX). Row numbers are the ones a
spreadsheet program shows, the header being row 1.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from volunteer_app import files
from volunteer_app.domain.i18n import QT_TRANSLATE_NOOP
from volunteer_app.services.errors import InvalidInput

T = QT_TRANSLATE_NOOP

#: Tried in this order when a CSV file has no byte-order mark; GB18030 covers GBK and GB2312.
CSV_ENCODINGS = ("utf-8", "gb18030", "cp1252")
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_DELIMITERS = (",", ";", "\t", "|")

#: The largest spreadsheet read (100,000 rows of tasks are about 20 MB as CSV).
MAX_SPREADSHEET_BYTES = 256 * 1024 * 1024


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Any]]  # each as long as ``headers``
    row_numbers: list[int]  # the spreadsheet row of each entry of ``rows``
    encoding: str | None = None  # CSV only

    def __len__(self) -> int:
        return len(self.rows)


def is_xlsx(path: str | os.PathLike[str]) -> bool:
    return Path(path).suffix.casefold() in (".xlsx", ".xlsm")


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InvalidInput(
                    "file", T("errors", "The file starts as {encoding} text but byte {value} is not {encoding}."),
                    encoding=encoding, value=exc.start,
                ) from None
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def _delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _finish(headers: list[Any], records: Iterable[tuple[int, Sequence[Any]]], encoding: str | None) -> Table:
    names: list[str] = []
    for index, header in enumerate(headers, start=1):
        name = "" if header is None else str(header).strip()
        names.append(name or f"Column {index}")
    width = len(names)
    rows: list[list[Any]] = []
    numbers: list[int] = []
    for number, record in records:
        cells = list(record[:width])
        if not any(c is not None and (not isinstance(c, str) or c.strip()) for c in cells):
            continue  # an empty line
        if len(cells) < width:
            cells.extend([None] * (width - len(cells)))
        rows.append(cells)
        numbers.append(number)
    return Table(names, rows, numbers, encoding)


def read_csv(path: str | os.PathLike[str]) -> Table:
    text, encoding = decode_csv_bytes(files.read_bytes(path, limit=MAX_SPREADSHEET_BYTES, what="the spreadsheet"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        headers = next(reader)
    except StopIteration:
        raise InvalidInput("file", T("errors", "{value} is empty: it has no header row."), value=Path(path).name) from None
    except csv.Error as exc:
        raise InvalidInput("file", T("errors", "{value} is not a CSV file this app can read: {reason}"),
                           value=Path(path).name, reason=str(exc)) from None
    try:
        return _finish(headers, ((i, r) for i, r in enumerate(reader, start=2)), encoding)
    except csv.Error as exc:
        raise InvalidInput("file", T("errors", "{value} is not a CSV file this app can read: {reason}"),
                           value=Path(path).name, reason=str(exc)) from None


def _has_clock(number_format: str) -> bool:
    fmt = number_format.casefold()
    return "h" in fmt or "s" in fmt or "am/pm" in fmt


def read_xlsx(path: str | os.PathLike[str]) -> Table:
    import openpyxl  # type: ignore[import-untyped]  # imported here: only XLSX users pay for loading it
    from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        raise InvalidInput("file", T("errors", "{value} is not an XLSX workbook this app can read: {reason}"),
                           value=Path(path).name, reason=str(exc) or type(exc).__name__) from None
    try:
        sheet = workbook.worksheets[0]
        records: list[tuple[int, list[Any]]] = []
        headers: list[Any] | None = None
        for number, row in enumerate(sheet.iter_rows(), start=1):
            cells: list[Any] = []
            for cell in row:
                value = getattr(cell, "value", None)
                if isinstance(value, datetime) and not _has_clock(getattr(cell, "number_format", "") or ""):
                    value = value.date()  # a date cell: the day, no time of day
                cells.append(value)
            if headers is None:
                headers = cells
                continue
            records.append((number, cells))
    finally:
        workbook.close()
    if headers is None:
        raise InvalidInput("file", T("errors", "{value} is empty: it has no header row."), value=Path(path).name)
    while headers and headers[-1] is None:
        headers.pop()
    return _finish(headers, records, None)


def read_table(path: str | os.PathLike[str]) -> Table:
    """A CSV or XLSX file (by its name's ending) as a ``Table``."""
    if is_xlsx(path):
        files.check_readable(path, limit=MAX_SPREADSHEET_BYTES, what="the spreadsheet")
        return read_xlsx(path)
    return read_csv(path)


def _cell_text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def write_table(path: str | os.PathLike[str], headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write a CSV (UTF-8, header row) or, for a name ending in .xlsx, a workbook. Returns the row count."""
    count = 0
    if is_xlsx(path):
        import openpyxl

        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append(list(headers))
        for row in rows:
            sheet.append([None if v == "" else v for v in row])
            count += 1
        workbook.save(path)
        return count
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([_cell_text(v) for v in row])
            count += 1
    return count
