"""A cleaned line of a plan file, with its span in the decoded text."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """One cleaned paragraph: its text and the span of the decoded raw text it came from."""

    text: str
    start: int
    end: int
    tabbed: bool = False  # the raw line began with a tab: a table cell in one-cell-per-line annexes
    lead: str = ""  # the raw line's leading blanks: a paragraph's first line in a PDF text layer is indented


__all__ = ["Line"]
