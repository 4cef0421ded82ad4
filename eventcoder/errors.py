"""Errors raised by eventcoder, each with a code and a hint on how to fix it.

Examples
--------
>>> err = DictionaryError("E101", "unknown field 'nmes'", path="actors/people.yaml", line=12)
>>> str(err)
"E101: actors/people.yaml:12: unknown field 'nmes'"
"""

from __future__ import annotations

from pathlib import Path


class EventcoderError(Exception):
    """Base class of every error eventcoder raises on purpose.

    Parameters
    ----------
    code : str
        A stable error code such as ``"E001"``, to search the docs and issues for.
    message : str
        What went wrong and, where possible, how to fix it.
    """

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = message
        super().__init__(f"{code}: {message}")

    def __reduce__(self) -> tuple:
        # picklable with its own arguments, so that an error in a worker process reaches the parent
        return type(self), (self.code, self.message)


class ModelNotFoundError(EventcoderError):
    """The spaCy pipeline named by ``model`` is not installed."""


class DictionaryError(EventcoderError):
    """A dictionary file is malformed; the message names ``file:line``.

    Parameters
    ----------
    code : str
        Error code, ``E1xx`` for dictionary problems.
    message : str
        What is wrong with the entry.
    path : str or Path, optional
        The dictionary file.
    line : int, optional
        1-based line number in that file.
    """

    def __init__(self, code: str, message: str, path: str | Path | None = None, line: int | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.detail = message
        where = ""
        if self.path is not None:
            where = f"{self.path}:{line}: " if line is not None else f"{self.path}: "
        super().__init__(code, where + message)

    def __reduce__(self) -> tuple:
        return type(self), (self.code, self.detail, self.path, self.line)


class InputError(EventcoderError):
    """An input record or file cannot be read; in corpus runs it is quarantined instead."""
