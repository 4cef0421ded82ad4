"""Corpus runs: readers and writers round-trip, bad records are quarantined, killed runs resume exactly,
and 2 processes or a Dask LocalCluster give the same events as one process."""

import gzip
import json
import os
import random
import signal
import subprocess
import sys
import time

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventcoder.corpus import CoderConfig, code_corpus
from eventcoder.errors import EventcoderError
from eventcoder.io.readers import MAX_TEXT_CHARS

from support import fail_on_atlantis

FAST = CoderConfig(classifier=False)
SENTENCES = ["Iran fired ballistic missiles at Israel on Tuesday.", "Germany and France condemned Iran for the attack.",
             "Oil prices rose 2 percent in London trading.", "Poland summoned the Russian ambassador.",
             "India held talks with Bangladesh on water sharing.", "Heavy rain fell across northern Italy."]


def corpus_records(n: int) -> list[dict]:
    return [{"id": f"doc{i:03d}", "date": f"2024-10-{1 + i % 28:02d}", "text": SENTENCES[i % len(SENTENCES)]} for i in range(n)]


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def event_lines(path):
    return path.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """Events of a plain one-process run over a 30-document corpus."""
    folder = tmp_path_factory.mktemp("reference")
    source = write_jsonl(folder / "in.jsonl", corpus_records(30))
    summary = code_corpus(source, folder / "out.jsonl", config=FAST, shard_size=7)
    assert summary.documents == 30 and summary.events > 20 and summary.quarantined == 0
    return source, event_lines(folder / "out.jsonl")


def test_readers_round_trip(tmp_path, reference):
    _, expected = reference
    records = corpus_records(30)
    frame = pd.DataFrame(records)
    inputs = {
        "in.jsonl.gz": lambda p: p.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode())),
        "in.csv": lambda p: frame.to_csv(p, index=False),
        "in.csv.gz": lambda p: frame.to_csv(p, index=False, compression="gzip"),
        "in.parquet": lambda p: pq.write_table(pa.Table.from_pandas(frame), p),
    }
    for name, make in inputs.items():
        make(tmp_path / name)
        code_corpus(tmp_path / name, tmp_path / f"{name}.out.jsonl", config=FAST, shard_size=7)
        assert event_lines(tmp_path / f"{name}.out.jsonl") == expected, name
    code_corpus(frame, tmp_path / "frame.out.jsonl", config=FAST, shard_size=7)
    assert event_lines(tmp_path / "frame.out.jsonl") == expected


def test_text_folder(tmp_path):
    folder = tmp_path / "articles"
    (folder / "2024").mkdir(parents=True)
    (folder / "2024" / "a.txt").write_text("Iran fired ballistic missiles at Israel.", encoding="utf-8")
    with gzip.open(folder / "2024" / "b.txt.gz", "wt", encoding="utf-8") as handle:
        handle.write("Poland summoned the Russian ambassador.")
    summary = code_corpus(folder, tmp_path / "out.jsonl", config=FAST, date="2024-10-01")
    docs = {json.loads(l)["doc_id"] for l in event_lines(tmp_path / "out.jsonl")}
    assert summary.documents == 2 and docs == {"2024/a.txt", "2024/b.txt.gz"}


def test_writers_round_trip(tmp_path, reference):
    source, expected = reference
    records = [json.loads(l) for l in expected]
    ids = [r["event_id"] for r in records]
    for name in ("out.csv", "out.parquet", "out.duckdb", "out.tsv", "out.plover.jsonl"):
        summary = code_corpus(source, tmp_path / name, config=FAST, shard_size=7)
        assert summary.events == len(records)
    assert pd.read_csv(tmp_path / "out.csv", dtype=str)["event_id"].tolist() == ids
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.column("event_id").to_pylist() == ids and table.column("cameo").to_pylist() == [r["cameo"] for r in records]
    assert b"eventcoder.dictionary_hash" in table.schema.metadata
    with duckdb.connect(str(tmp_path / "out.duckdb")) as db:
        assert [row[0] for row in db.execute("SELECT event_id FROM events ORDER BY rowid").fetchall()] == ids
        assert dict(db.execute("SELECT key, value FROM provenance").fetchall())["eventcoder_version"]
    phoenix = [line.split("\t") for line in event_lines(tmp_path / "out.tsv")]
    assert [row[0] for row in phoenix] == ids and all(len(row) == 26 for row in phoenix)
    assert [row[13] for row in phoenix] == [r["cameo"] for r in records]
    plover = [json.loads(l) for l in event_lines(tmp_path / "out.plover.jsonl")]
    assert [p["id"] for p in plover] == [r["event_id"] for r in records if r["plover"]]
    assert plover[0]["actor"][0]["code"] == records[0]["source"]["country"]


def test_planted_bad_records_are_quarantined_and_the_rest_coded(tmp_path, monkeypatch):
    fail_on_atlantis(monkeypatch)
    good = corpus_records(5)
    lines = [json.dumps(good[0]).encode(),
             b"{not json",  # bad JSON
             json.dumps({"id": "nofield", "date": "2024-10-01"}).encode(),  # missing field
             json.dumps({"id": "number", "date": "2024-10-01", "text": 42}).encode(),  # non-text field
             json.dumps(good[1]).encode(),
             b'{"id": "bytes", "text": "caf\xe9"}',  # undecodable bytes
             json.dumps({"id": "baddate", "date": "31/31/2024", "text": "Iran fired missiles at Israel."}).encode(),
             json.dumps({"id": "huge", "date": "2024-10-01", "text": "x " * MAX_TEXT_CHARS}).encode(),  # too large
             json.dumps({"id": "crash", "date": "2024-10-01", "text": "Atlantis sank."}).encode(),  # coder error
             json.dumps(good[2]).encode()]
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    summary = code_corpus(source, tmp_path / "out.jsonl", config=CoderConfig(classifier=False), shard_size=3)
    quarantined = {json.loads(l)["record"]: json.loads(l) for l in event_lines(tmp_path / "out.quarantine.jsonl")}
    reasons = {number: q["reason"].split(":")[0] for number, q in quarantined.items()}
    assert reasons == {1: "bad JSON", 2: "missing field 'text'", 3: "field 'text' is int, not text",
                       5: "undecodable bytes (not UTF-8) at byte 28", 6: "bad date",
                       7: f"text of {2 * MAX_TEXT_CHARS:,} characters is over the limit of {MAX_TEXT_CHARS:,}",
                       8: "coder error"}
    assert quarantined[8]["id"] == "crash" and "simulated failure" in quarantined[8]["reason"]
    assert summary.documents == 3 and summary.quarantined == 7
    assert {json.loads(l)["doc_id"] for l in event_lines(tmp_path / "out.jsonl")} <= {"doc000", "doc001", "doc002"}


def test_dedupe_one_a_day(tmp_path):
    records = [{"id": f"d{i}", "date": "2024-10-01", "text": "Iran fired ballistic missiles at Israel."} for i in range(4)]
    records.append({"id": "later", "date": "2024-10-02", "text": "Iran fired ballistic missiles at Israel."})
    source = write_jsonl(tmp_path / "in.jsonl", records)
    summary = code_corpus(source, tmp_path / "out.jsonl", config=FAST, dedupe=True, shard_size=2)
    assert summary.events == 2 and summary.duplicates_removed == 3


def test_unfinished_run_needs_resume_and_the_same_options(tmp_path, reference):
    source, _ = reference
    code_corpus(source, tmp_path / "first.jsonl", config=FAST, keep_parts=True)
    parts = tmp_path / "first.jsonl.parts"
    (parts / "shard-000000.done").unlink()  # as if stopped before that shard was committed
    with pytest.raises(EventcoderError, match="E341"):
        code_corpus(source, tmp_path / "first.jsonl", config=FAST)
    with pytest.raises(EventcoderError, match="E340"):
        code_corpus(source, tmp_path / "first.jsonl", config=FAST, resume=True, dedupe=True)
    summary = code_corpus(source, tmp_path / "first.jsonl", config=FAST, resume=True)
    assert summary.shards_resumed == summary.shards - 1 and not parts.exists()


def kill_and_resume(tmp_path, source, points):
    """Run the CLI, SIGKILL it once ``k`` shards are done for each k in ``points``, resume, and return the output."""
    out = tmp_path / "killed.jsonl"
    parts = tmp_path / "killed.jsonl.parts"
    command = [sys.executable, "-m", "eventcoder.cli", "code", str(source), "-o", str(out), "--no-classifier",
               "--shard-size", "2", "-q"]
    killed = 0
    for k in points:
        process = subprocess.Popen(command + (["--resume"] if parts.exists() else []))
        deadline = time.time() + 120
        while time.time() < deadline and process.poll() is None:
            if len(list(parts.glob("shard-*.done"))) >= k:
                break
            time.sleep(0.005)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        killed += process.wait() == -signal.SIGKILL
    assert killed == len(points)  # every kill hit a running coder, with k shards done
    subprocess.run(command + (["--resume"] if parts.exists() else []), check=True)
    assert not parts.exists()
    return event_lines(out)


def test_killed_runs_resume_to_the_identical_output(tmp_path, reference):
    source, _ = reference
    expected_dir = tmp_path / "expected"
    expected_dir.mkdir()
    code_corpus(source, expected_dir / "out.jsonl", config=FAST, shard_size=2)
    expected = event_lines(expected_dir / "out.jsonl")
    lines = kill_and_resume(tmp_path, source, points=sorted(random.Random(0).sample(range(1, 15), 3)))
    assert lines == expected and len(set(lines)) == len(lines)


@pytest.mark.slow
def test_many_kills(tmp_path, reference):
    source, _ = reference
    expected_dir = tmp_path / "expected"
    expected_dir.mkdir()
    code_corpus(source, expected_dir / "out.jsonl", config=FAST, shard_size=2)
    for seed in range(5):
        run = tmp_path / f"run{seed}"
        run.mkdir()
        points = sorted(random.Random(seed).sample(range(1, 15), 6))
        assert kill_and_resume(run, source, points) == event_lines(expected_dir / "out.jsonl")


def test_two_processes_give_the_same_events(tmp_path, reference):
    source, expected = reference
    summary = code_corpus(source, tmp_path / "out.jsonl", config=FAST, shard_size=4, processes=2)
    assert event_lines(tmp_path / "out.jsonl") == expected and summary.documents == 30


def test_dask_local_cluster_gives_the_same_events(tmp_path, reference):
    pytest.importorskip("distributed")
    source, expected = reference
    summary = code_corpus(source, tmp_path / "out.jsonl", config=FAST, shard_size=4, processes=2, engine="dask")
    assert event_lines(tmp_path / "out.jsonl") == expected and summary.documents == 30


def test_a_worker_error_reaches_the_parent(tmp_path, reference):
    source, _ = reference
    broken = CoderConfig(model="en_core_web_xx_missing", classifier=False)  # fails only inside the workers
    with pytest.raises(EventcoderError, match="E010"):
        code_corpus(source, tmp_path / "out.jsonl", config=broken, processes=2, shard_size=10)
