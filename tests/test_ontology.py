"""The CAMEO table: complete, consistent, and in agreement with the public facts."""

import csv

import pytest

from eventcoder import ontology
from eventcoder.errors import DictionaryError
from eventcoder.ontology import read_table

from support import shared_file

GDELT_QUAD = {**{f"{r:02d}": 1 for r in range(1, 6)}, **{f"{r:02d}": 2 for r in range(6, 10)},
              **{f"{r:02d}": 3 for r in range(10, 15)}, **{f"{r:02d}": 4 for r in range(15, 21)}}


def test_every_root_and_code_is_there():
    table = ontology.load_ontology()
    assert len(table) >= 300
    assert [c.code for c in table.roots()] == [f"{r:02d}" for r in range(1, 21)]
    for code in table:
        assert code.parent is None or code.parent in table, code.code
        assert code.quad_class == GDELT_QUAD[code.root], code.code
        assert code.name and code.description


def test_known_facts():
    assert ontology.get("195").goldstein == -10.0
    assert ontology.get("195").plover_type == "ASSAULT"
    assert ontology.get("040").plover_type == "CONSULT"
    assert ontology.get("057").goldstein == 8.0
    assert ontology.get("010").plover_type is None  # PLOVER drops roots 01 and 02
    assert ontology.get("084").plover_type == "RETREAT"
    assert ontology.get("081").plover_type == "CONCEDE"
    assert "0211" in ontology.load_ontology()


def test_unknown_code_is_a_clear_error():
    with pytest.raises(KeyError, match="not a CAMEO event code"):
        ontology.get("999")


def test_describe():
    assert ontology.describe("195").startswith("195 ")
    assert "QuadClass 4" in ontology.describe("195")


def test_dataframe():
    frame = ontology.load_ontology().to_dataframe()
    assert {"code", "name", "goldstein", "quad_class", "plover_type", "root"} <= set(frame.columns)


def test_facts_agree_with_the_reference_table():
    reference = shared_file("data", "ontology", "cameo_codes.tsv")
    with reference.open(encoding="utf-8") as handle:
        rows = {r["code"]: r for r in csv.DictReader(handle, delimiter="\t")}
    table = ontology.load_ontology()
    assert {c.code for c in table} == set(rows)
    for code in table:
        ref = rows[code.code]
        assert code.goldstein == float(ref["goldstein"]), code.code
        assert code.quad_class == int(ref["quad_class"]), code.code
        assert (code.plover_type or "") == ref["plover_type"].replace("(dropped)", ""), code.code


def test_malformed_table_reports_file_and_line(tmp_path):
    path = tmp_path / "codes.tsv"
    path.write_text("# comment\ncode\tname\tgoldstein\tquad_class\tplover_type\tplover_mode\tdescription\n"
                    "01\tStatement\t0.0\t1\t\t\tA statement.\n"
                    "010\tOther\tzero\t1\t\t\tBad weight.\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"E124: .*codes.tsv:4: goldstein"):
        read_table(path)
