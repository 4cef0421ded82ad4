"""Write events: JSONL (nested records), CSV, Parquet (flat rows with provenance metadata), a DuckDB
table, Phoenix-style TSV and PLOVER-style JSON Lines.

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

OUTPUT_FORMATS = ("jsonl", "csv", "parquet", "duckdb", "phoenix", "plover")
#: Phoenix event data columns (the Phoenix pipeline's TSV, no header); location fields stay empty.
PHOENIX_COLUMNS = ("EventID", "Date", "Year", "Month", "Day", "SourceActorFull", "SourceActorEntity", "SourceActorRole",
                   "SourceActorAttribute", "TargetActorFull", "TargetActorEntity", "TargetActorRole",
                   "TargetActorAttribute", "EventCode", "EventRootCode", "QuadClass", "GoldsteinScore", "Issues",
                   "Lat", "Lon", "LocationName", "StateName", "CountryCode", "SentenceID", "URLs", "NewsSources")


def output_format(path: Path | None, fmt: str | None) -> str:
    """The format named by ``fmt``, else by the extension of ``path``, else JSONL."""
    if fmt:
        if fmt not in OUTPUT_FORMATS:
            raise EventcoderError("E320", f"unknown output format {fmt!r}; choose one of {', '.join(OUTPUT_FORMATS)}")
        return fmt
    if path is None:
        return "jsonl"
    if ".plover" in [s.lower() for s in path.suffixes]:
        return "plover"
    suffix = path.suffix.lower().lstrip(".")
    aliases = {"json": "jsonl", "ndjson": "jsonl", "pq": "parquet", "db": "duckdb", "tsv": "phoenix"}
    return aliases.get(suffix, suffix if suffix in OUTPUT_FORMATS else "jsonl")


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


class DuckDBWriter(EventWriter):
    """An ``events`` table (flat rows) in a DuckDB database file, and a ``provenance`` table of key-value pairs."""

    def __init__(self, path: Path, provenance: dict[str, Any] | None, table: str = "events") -> None:
        import duckdb

        self.staging = path.with_name(path.name + ".staging.parquet")  # rows go through Parquet, then one bulk load
        self.parquet = ParquetWriter(self.staging, provenance)
        self.path, self.table, self.provenance, self.duckdb = path, table, provenance or {}, duckdb

    def write(self, events: Iterable[Event]) -> None:
        self.parquet.write(events)

    def close(self) -> None:
        self.parquet.close()
        with self.duckdb.connect(str(self.path)) as connection:
            connection.execute(f"CREATE OR REPLACE TABLE {self.table} AS SELECT * FROM read_parquet(?)", [str(self.staging)])
            connection.execute("CREATE OR REPLACE TABLE provenance (key VARCHAR, value VARCHAR)")
            connection.executemany("INSERT INTO provenance VALUES (?, ?)", [(k, json.dumps(v)) for k, v in self.provenance.items()])
        self.staging.unlink()


class PhoenixWriter(EventWriter):
    """Phoenix pipeline TSV: :data:`PHOENIX_COLUMNS`, tab-separated, no header."""

    def __init__(self, handle: IO[str], owned: bool) -> None:
        self.handle, self.owned = handle, owned
        self.writer = csv.writer(handle, delimiter="\t", lineterminator="\n")

    def write(self, events: Iterable[Event]) -> None:
        for e in events:
            date = (e.date or "").replace("-", "")
            self.writer.writerow([e.event_id, date, date[:4], date[4:6], date[6:8],
                                  e.source.code, e.source.country, e.source.role or "", "",
                                  e.target.code, e.target.country, e.target.role or "", "",
                                  e.cameo, e.cameo_root, e.quad_class, e.goldstein, "",
                                  "", "", "", "", "", f"{e.doc_id}-{e.sentence_index}", "", ""])

    def close(self) -> None:
        self.handle.flush()
        if self.owned:
            self.handle.close()


class PloverWriter(EventWriter):
    """PLOVER-style JSON Lines: ``id``, ``date``, ``actor``/``recipient`` entity lists, ``event``, ``mode``,
    ``quad_code``, ``event_text``, ``text``, plus the CAMEO code. Events PLOVER drops (CAMEO 01, 02) are skipped."""

    def __init__(self, handle: IO[str], owned: bool) -> None:
        self.handle, self.owned = handle, owned

    def write(self, events: Iterable[Event]) -> None:
        for e in events:
            if not e.plover:
                continue
            record = {"id": e.event_id, "date": e.date,
                      "actor": [{"code": e.source.country, "sector": e.source.role, "entity_text": e.source.text}],
                      "recipient": [{"code": e.target.country, "sector": e.target.role, "entity_text": e.target.text}],
                      "event": [e.plover], "mode": [e.plover_mode] if e.plover_mode else [], "quad_code": e.quad_class,
                      "event_text": e.evidence.trigger, "text": e.sentence, "cameo": e.cameo, "confidence": e.confidence}
            self.handle.write(json.dumps(record, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.handle.flush()
        if self.owned:
            self.handle.close()


def open_writer(path: str | Path | None, fmt: str | None = None, provenance: dict[str, Any] | None = None) -> EventWriter:
    """Open a writer for ``path`` (stdout when None; Parquet needs a file).

    Raises
    ------
    EventcoderError
        E320 for an unknown format, E321 for Parquet to stdout.
    """
    target = Path(path) if path is not None else None
    chosen = output_format(target, fmt)
    if chosen in ("parquet", "duckdb"):
        if target is None:
            raise EventcoderError("E321", f"{chosen} output needs a file: pass -o events.{chosen}")
        return ParquetWriter(target, provenance) if chosen == "parquet" else DuckDBWriter(target, provenance)
    handle = target.open("w", encoding="utf-8", newline="") if target is not None else sys.stdout
    writer = {"jsonl": JsonlWriter, "csv": CsvWriter, "phoenix": PhoenixWriter, "plover": PloverWriter}[chosen]
    return writer(handle, owned=target is not None)
