"""A kanban export document with many cards, made from a small board's export
(for the import's batches and progress)."""

from __future__ import annotations

import copy
from typing import Any

from kanban_tui.services import Context, cards, export


def big_export(ctx: Context, key: str, count: int) -> dict[str, Any]:
    """The export of board ``key`` (which must hold no cards) with ``count``
    cards added, each with a comment on every tenth."""
    cards.add_card(ctx, key, "Template card")
    document = export.export_data(ctx, key)
    board = document["boards"][0]
    template = board["cards"][0]
    made = []
    for number in range(1, count + 1):
        card = copy.deepcopy(template)
        card.update(key=f"{key}-{number}", title=f"Card {number}", rank=number * 1024)
        card["comments"] = (
            [{"card": f"{key}-{number}", "author": "ana", "at": card["created_at"], "text": "ok"}]
            if number % 10 == 0
            else []
        )
        made.append(card)
    board.update(cards=made, next_card=count + 1, events=[])
    return document
