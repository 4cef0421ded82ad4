"""Read documents from .txt files, folders of them, JSONL, CSV and Parquet (plain or gzip'd).

Every input record comes out either as a document dict (``id``, ``date``,
``text``, and ``_source``/``_record``: the file and the record's position in it)
or as a :class:`Quarantined` record saying why it cannot be coded: nothing is
dropped silently.

Examples
--------
>>> import json, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "in.jsonl"
>>> _ = path.write_text(json.dumps({"id": "a", "date": "2025-05-27", "text": "Hi."}) + "\\n{oops\\n")
>>> [type(r).__name__ for r in read_documents(path)]
['dict', 'Quarantined']
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from eventcoder.dates import parse_date
from eventcoder.errors import InputError

FORMATS = ("txt", "jsonl", "csv", "parquet")
MAX_TEXT_CHARS = 1_000_000


@dataclass(frozen=True)
class Quarantined:
    """An input record that cannot be coded, and why."""

    source: str  # file name
    number: int  # 0-based record number in that file
    id: str | None
    reason: str
    raw: str | None = None

    def to_record(self) -> dict[str, Any]:
        return {"source": self.source, "record": self.number, "id": self.id, "reason": self.reason, "raw": self.raw}


def input_format(path: Path) -> str:
    """``txt``, ``jsonl``, ``csv`` or ``parquet`` from the file name (``.gz`` ignored); a folder is ``txt``."""
    if path.is_dir():
        return "txt"
    suffixes = [s.lower() for s in path.suffixes if s.lower() != ".gz"]
    suffix = suffixes[-1].lstrip(".") if suffixes else ""
    aliases = {"json": "jsonl", "ndjson": "jsonl", "text": "txt", "tsv": "csv", "pq": "parquet"}
    fmt = aliases.get(suffix, suffix)
    if fmt not in FORMATS:
        raise InputError("E310", f"{path.name}: cannot tell the format from the extension {suffix!r}; "
                                  f"use .txt, .jsonl, .csv or .parquet (optionally .gz), or a folder of .txt files")
    return fmt


def read_documents(path: str | Path, id_field: str = "id", date_field: str = "date", text_field: str = "text",
                   date: object = None) -> Iterator[dict[str, Any] | Quarantined]:
    """Yield a document dict or a :class:`Quarantined` record for every input record.

    Parameters
    ----------
    path : str or Path
        A .txt file (one document, id = file stem), a folder of .txt files (id =
        relative path), or a JSONL, CSV or Parquet file of records.
    id_field, date_field, text_field : str
        Column names in record files.
    date : str, optional
        Date for documents that carry none (``--date``).
    """
    path = Path(path)
    if not path.exists():
        raise InputError("E311", f"{path}: no such file or folder")
    default_date = parse_date(date)
    fmt = input_format(path)
    if fmt == "txt":
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in (".txt", ".gz")) if path.is_dir() else [path]
        for number, file in enumerate(files):
            doc_id = file.relative_to(path).as_posix() if path.is_dir() else file.name.split(".")[0]
            try:
                with _open_text(file) as handle:
                    text = handle.read()
            except UnicodeDecodeError as exc:
                yield Quarantined(str(file), number, doc_id, f"undecodable bytes (not UTF-8): {exc.reason} at byte {exc.start}")
                continue
            yield from _validated({id_field: doc_id, text_field: text, date_field: None}, str(file), number,
                                  id_field, date_field, text_field, default_date)
        return
    rows = {"jsonl": _jsonl_rows, "csv": _csv_rows, "parquet": _parquet_rows}[fmt](path)
    yield from _validate_rows(rows, path.name, id_field, date_field, text_field, default_date)


def count_records(path: str | Path) -> int | None:
    """How many records ``path`` holds, cheaply (for a progress bar's total); None when unknown."""
    path = Path(path)
    try:
        fmt = input_format(path)
    except InputError:
        return None
    if fmt == "txt":
        return sum(1 for p in path.rglob("*") if p.is_file() and p.suffix.lower() in (".txt", ".gz")) if path.is_dir() else 1
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows
    if fmt == "jsonl" and path.suffix.lower() != ".gz":
        with path.open("rb") as handle:
            return sum(1 for _ in handle)
    return None


def read_records(records: Iterable[Any], source: str = "records", id_field: str = "id", date_field: str = "date",
                 text_field: str = "text", date: object = None) -> Iterator[dict[str, Any] | Quarantined]:
    """Validate in-memory records (dicts, e.g. ``DataFrame.to_dict("records")``) like file records."""
    def rows() -> Iterator[dict[str, Any] | Quarantined]:
        for number, record in enumerate(records):
            yield record if isinstance(record, dict) else Quarantined(source, number, None, f"a {type(record).__name__}, not a record")
    yield from _validate_rows(rows(), source, id_field, date_field, text_field, parse_date(date))


def _validate_rows(rows: Iterable[dict[str, Any] | Quarantined], source: str, id_field: str, date_field: str,
                   text_field: str, default_date: str | None) -> Iterator[dict[str, Any] | Quarantined]:
    for number, row in enumerate(rows):
        if isinstance(row, Quarantined):
            yield row
        else:
            yield from _validated(row, source, number, id_field, date_field, text_field, default_date)


def _validated(row: dict[str, Any], source: str, number: int, id_field: str, date_field: str, text_field: str,
               default_date: str | None) -> Iterator[dict[str, Any] | Quarantined]:
    raw_id = row.get(id_field)
    doc_id = str(raw_id) if raw_id not in (None, "") else f"{Path(source).name}:{number}"
    text = row.get(text_field)
    if text is None or (isinstance(text, float) and text != text):  # None, or NaN from a DataFrame
        yield Quarantined(source, number, doc_id, f"missing field {text_field!r}", _short(row))
        return
    if not isinstance(text, str):
        yield Quarantined(source, number, doc_id, f"field {text_field!r} is {type(text).__name__}, not text", _short(row))
        return
    if len(text) > MAX_TEXT_CHARS:
        yield Quarantined(source, number, doc_id, f"text of {len(text):,} characters is over the limit of {MAX_TEXT_CHARS:,}")
        return
    try:
        doc_date = parse_date(row.get(date_field)) or default_date
    except InputError as exc:
        yield Quarantined(source, number, doc_id, f"bad date: {exc.message}", _short(row))
        return
    yield {"id": doc_id, "date": doc_date, "text": text, "_source": source, "_record": number}


def _open_text(path: Path) -> io.TextIOBase:
    if path.suffix.lower() == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="strict", newline="")
    return path.open(encoding="utf-8", errors="strict", newline="")


def _jsonl_rows(path: Path) -> Iterator[dict[str, Any] | Quarantined]:
    with (gzip.open(path, "rb") if path.suffix.lower() == ".gz" else path.open("rb")) as handle:
        for number, raw in enumerate(handle):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield Quarantined(path.name, number, None, f"undecodable bytes (not UTF-8) at byte {exc.start}")
                continue
            if not line.strip():
                yield Quarantined(path.name, number, None, "empty line")
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Quarantined(path.name, number, None, f"bad JSON: {exc.msg} at column {exc.colno}", line[:500])
                continue
            if not isinstance(record, dict):
                yield Quarantined(path.name, number, None, f"a JSON {type(record).__name__}, not an object", line[:500])
                continue
            yield record


def _csv_rows(path: Path) -> Iterator[dict[str, Any] | Quarantined]:
    delimiter = "\t" if ".tsv" in [s.lower() for s in path.suffixes] else ","
    try:
        with _open_text(path) as handle:
            yield from csv.DictReader(handle, delimiter=delimiter)
    except UnicodeDecodeError as exc:
        raise InputError("E312", f"{path.name}: undecodable bytes (not UTF-8) at byte {exc.start}; re-save the file as UTF-8") from None


def _parquet_rows(path: Path) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=1000):
        yield from batch.to_pylist()


def _short(row: dict[str, Any]) -> str:
    text = json.dumps(row, default=str, ensure_ascii=False)
    return text if len(text) <= 500 else text[:500] + "..."
