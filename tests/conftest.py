"""Shared fixtures: the real spaCy pipeline, a Coder, and the shipped dictionaries."""

from __future__ import annotations

import pytest


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
