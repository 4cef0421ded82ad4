"""Shared fixtures: the real spaCy pipeline, a Coder, and the reference data in ../shared (optional)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTCODER_SHARED", REPO.parent / "shared"))
SEED = SHARED / "seeds" / "bloomberg-2025-05-27-russia-turkey.txt"


def shared_file(*parts: str) -> Path:
    """A file of ../shared, or skip the test cleanly when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"reference data {path} is not available")
    return path


@pytest.fixture(scope="session")
def coder():
    from eventcoder import Coder

    return Coder()


@pytest.fixture(scope="session")
def nlp(coder):
    return coder.nlp


@pytest.fixture(scope="session")
def dictionaries():
    from eventcoder import load_dictionaries

    return load_dictionaries()


def triples(events, level: str = "code") -> set[tuple[str, str, str]]:
    """(source, target, cameo) of events; level "country" uses the country heads."""
    if level == "country":
        return {(e.source.country, e.target.country, e.cameo) for e in events}
    return {(e.source.code, e.target.code, e.cameo) for e in events}
