"""What an import made and what it left out, field by field."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class ImportSummary:
    """The result of an import (or of a dry run: what it would make).

    ``counts`` holds what was made, by kind (``columns``, ``cards``, ...), in
    the order it reads best; ``skipped`` holds, by field, each sentence saying
    what was cleaned, cut or left out and for how many records.
    """

    source: str
    board_key: str
    board_name: str
    dry_run: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, list[str]] = field(default_factory=dict)

    def count(self, kind: str, number: int = 1) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + number

    def skip(self, what: str, sentence: str) -> None:
        self.skipped.setdefault(what, []).append(sentence)


class Tally:
    """Per-card cleanups counted while planning, said once each at the end."""

    def __init__(self) -> None:
        self.seen: Counter[tuple[str, str]] = Counter()

    def add(self, what: str, sentence: str) -> None:
        """One card had ``sentence`` happen to its field ``what``."""
        self.seen[(what, sentence)] += 1

    def into(self, summary: ImportSummary) -> None:
        for (what, sentence), times in self.seen.items():
            cards = "1 card" if times == 1 else f"{times} cards"
            summary.skip(what, f"{cards}: {sentence}")


def summary_lines(summary: ImportSummary) -> list[str]:
    """The summary as a person reads it: what was made, then what was cleaned or left out."""
    verb = "Would make" if summary.dry_run else "Made"
    lines = [
        f"{verb} the board {summary.board_key} {summary.board_name!r} from a "
        f"{summary.source.capitalize()} export:"
    ]
    lines += [f"  {kind}: {number}" for kind, number in summary.counts.items()]
    if summary.skipped:
        lines.append("Cleaned or left out, by field:")
        for what, sentences in summary.skipped.items():
            lines += [f"  {what}: {sentence}" for sentence in sentences]
    if summary.dry_run:
        lines.append("Dry run: nothing was written.")
    return lines
