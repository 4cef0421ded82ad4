"""Write events as JSONL (nested records), CSV or Parquet (flat rows with provenance metadata).

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "events.csv"
>>> with open_writer(path) as writer:
...     writer.write([])
>>> path.read_text().splitlines()[0].split(",")[:3]
['event_id', 'doc_id', 'sentence_index']
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import IO, Any, Iterable

from eventcoder.errors import EventcoderError
from eventcoder.schema import ROW_COLUMNS, Event

OUTPUT_FORMATS = ("jsonl", "csv", "parquet")


def output_format(path: Path | None, fmt: str | None) -> str:
    """The format named by ``fmt``, else by the extension of ``path``, else JSONL."""
    if fmt:
        if fmt not in OUTPUT_FORMATS:
            raise EventcoderError("E320", f"unknown output format {fmt!r}; choose one of {', '.join(OUTPUT_FORMATS)}")
        return fmt
    if path is None:
        return "jsonl"
    suffix = path.suffix.lower().lstrip(".")
    return {"json": "jsonl", "ndjson": "jsonl", "pq": "parquet"}.get(suffix, suffix if suffix in OUTPUT_FORMATS else "jsonl")


class EventWriter:
    """Base writer: ``write(events)`` as they come, ``close()`` at the end (or use ``with``)."""

    def __enter__(self) -> EventWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write(self, events: Iterable[Event]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        pass


class JsonlWriter(EventWriter):
    """One nested event record per line (README "The event record")."""

    def __init__(self, handle: IO[str], owned: bool) -> None:
        self.handle, self.owned = handle, owned

    def write(self, events: Iterable[Event]) -> None:
        for event in events:
            self.handle.write(json.dumps(event.to_record(), ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.handle.flush()
        if self.owned:
            self.handle.close()


class CsvWriter(EventWriter):
    """Flat rows with the columns of :data:`eventcoder.schema.ROW_COLUMNS`."""

    def __init__(self, handle: IO[str], owned: bool) -> None:
        self.handle, self.owned = handle, owned
        self.writer = csv.DictWriter(handle, fieldnames=list(ROW_COLUMNS))
        self.writer.writeheader()

    def write(self, events: Iterable[Event]) -> None:
        self.writer.writerows(event.to_row() for event in events)

    def close(self) -> None:
        self.handle.flush()
        if self.owned:
            self.handle.close()


class ParquetWriter(EventWriter):
    """Flat rows in row groups, with ``provenance`` as key-value metadata (``eventcoder.*`` keys)."""

    def __init__(self, path: Path, provenance: dict[str, Any] | None, rows_per_group: int = 50_000) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.pa = pa
        fields = [pa.field(c, pa.int64() if c in ("sentence_index", "quad_class") or c.endswith(("_start", "_end"))
                           else pa.float64() if c in ("goldstein", "confidence") else pa.string()) for c in ROW_COLUMNS]
        metadata = {f"eventcoder.{k}": json.dumps(v) for k, v in (provenance or {}).items()}
        self.schema = pa.schema(fields, metadata=metadata)
        self.writer = pq.ParquetWriter(path, self.schema)
        self.rows: list[dict[str, Any]] = []
        self.rows_per_group = rows_per_group

    def write(self, events: Iterable[Event]) -> None:
        self.rows.extend(event.to_row() for event in events)
        if len(self.rows) >= self.rows_per_group:
            self._flush()

    def _flush(self) -> None:
        if self.rows:
            self.writer.write_table(self.pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self._flush()
        self.writer.close()


def open_writer(path: str | Path | None, fmt: str | None = None, provenance: dict[str, Any] | None = None) -> EventWriter:
    """Open a writer for ``path`` (stdout when None; Parquet needs a file).

    Raises
    ------
    EventcoderError
        E320 for an unknown format, E321 for Parquet to stdout.
    """
    target = Path(path) if path is not None else None
    chosen = output_format(target, fmt)
    if chosen == "parquet":
        if target is None:
            raise EventcoderError("E321", "Parquet output needs a file: pass -o events.parquet")
        return ParquetWriter(target, provenance)
    handle = target.open("w", encoding="utf-8", newline="") if target is not None else sys.stdout
    return (JsonlWriter if chosen == "jsonl" else CsvWriter)(handle, owned=target is not None)
