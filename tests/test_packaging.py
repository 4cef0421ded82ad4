"""The wheel ships the dictionaries, and an installed eventcoder finds them."""

import zipfile

import pytest

from eventcoder.paths import dictionaries_dir

from support import REPO


def test_source_tree_dictionaries_are_found():
    assert dictionaries_dir() == REPO / "dictionaries"


def test_wheel_contains_the_dictionaries(tmp_path):
    builders = pytest.importorskip("hatchling.builders.wheel")
    wheel = next(builders.WheelBuilder(str(REPO)).build(directory=str(tmp_path), versions=["standard"]))
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.relative_to(REPO / "dictionaries").as_posix() for p in (REPO / "dictionaries").rglob("*") if p.is_file()}
    assert shipped and {f"eventcoder/_dictionaries/{name}" for name in shipped} <= names
    assert "eventcoder/__init__.py" in names
    assert not any(name.startswith(("tests/", "notebooks/", "benchmarks/")) for name in names)
