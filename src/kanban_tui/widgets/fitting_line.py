"""A heading line that says less when the room is narrow, rather than
wrapping in the middle of a phrase ("· 2 completed" / "sprints")."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.events import Resize
from textual.widgets import Static


class FittingLine(Static):
    """Shows the first of its forms (longest first) that fits its width; the
    last one wraps if even it does not fit. Chosen again on each resize."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._forms: Sequence[Content] = (Content(""),)

    def show(self, *forms: Content) -> None:
        self._forms = forms or (Content(""),)
        self._fit()

    def on_resize(self, _: Resize) -> None:
        # After this layout pass: a form chosen now needs another to take its height.
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        width = self.content_size.width
        if not width:  # not laid out yet: the resize that follows chooses
            self.update(self._forms[0])
            return
        fits = (form for form in self._forms if form.cell_length <= width)
        self.update(next(fits, self._forms[-1]))
