"""What the Risks screen's keys do: each one calls a risk service.

The risk is read, and added, saved or given a status, by the screen's
command runner (:mod:`..card_commands`) in a worker, so a file another
process holds never freezes the keys. Refusals come back as ``KanbanError``
and are shown as notifications; a refused save opens the editor again with
what was typed; a stale or vanished risk reloads the register. The link,
unlink and mitigation-card prompts work the same way: the prompt checks in
place only what needs no database (an empty title, a key's shape, a card
already linked) and returns what was typed; the runner makes the change in
a worker, and a refusal opens the prompt again with the typed text and the
sentence under it.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content

from ...dialogs.risk_editor import RiskEditor, risk_values
from ...dialogs.risk_prompts import PromptDialog, RiskDetailDialog, StatusPicker
from ...domain import people, validation
from ...domain.errors import KanbanError, NotFound, StaleChange
from ...domain.model import Card
from ...domain.risks import Risk, RiskStatus
from ...services import risks
from ...widgets.risk_detail import RiskDetails, detail
from ...widgets.text import literal
from ..card_commands import CommandScreen, refusal
from ..commands import Command
from .state import RegisterRead
from .view import RiskView


def scored(verb: str, risk: Risk) -> str:
    """``Saved WEB-R3: score 12, high.``"""
    return f"{verb} {risk.key}: score {risk.score}, {risk.severity.value}."


class RiskActions(CommandScreen[RegisterRead], RiskView):
    """The Risks screen's keys that change the register."""

    # -- shared ----------------------------------------------------------------
    def _with_fresh(self, then: Callable[[Risk], object]) -> None:
        """``then`` the selected risk as the database has it now (read in a
        worker); a file this person may only read says so instead."""
        risk = self._current()
        if risk is not None and self.writable():
            ctx, key = self.ctx, risk.key
            self.commands.run(Command("read", lambda _, __: risks.get_risk(ctx, key), then=then))

    def _changed(self, risk: Risk, sentence: str) -> None:
        """``risk`` was added or changed here: say ``sentence`` (if any), read
        the register again with ``risk`` selected."""
        if sentence:
            self.notify(sentence, markup=False)
        self.reload(select=risk.key)

    def _cards_changed(self, risk: Risk, sentence: str) -> None:
        """A card was made or (un)linked here: as :meth:`_changed`; the other
        views read the card again when shown."""
        self.kanban.mark_views_stale()
        self._changed(risk, sentence)

    def _people(self) -> list[str]:
        return people.roster([*self.register.owners(), self.ctx.actor])

    # -- add and edit ------------------------------------------------------------
    def action_new_risk(self) -> None:
        if self.writable():
            self._open_editor(None)

    def action_edit_risk(self) -> None:
        self._with_fresh(self._open_editor)

    def _open_editor(
        self, risk: Risk | None, draft: dict[str, str] | None = None, note: str = ""
    ) -> None:
        """The risk editor on ``risk`` (None: a new one), showing ``draft`` if given."""
        if risk is None:
            heading = Content.assemble("New risk on ", (self.board_key, "bold"))
        else:
            heading = Content.assemble("Edit ", (risk.key, "bold"), " · ", literal(risk.title))

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            if risk is None:
                self._create(values)
            else:
                self._save(risk, values)

        editor = RiskEditor(
            heading, risk, me=self.ctx.actor, people=self._people(), draft=draft, note=note
        )
        self.app.push_screen(editor, done)

    def _create(self, values: dict[str, str]) -> None:
        fields = dict(values)
        title, probability, impact = (fields.pop(n) for n in ("title", "probability", "impact"))
        ctx, board = self.ctx, self.board_key

        self.commands.run(
            Command(
                "risk",
                lambda _, __: risks.add_risk(ctx, board, title, probability, impact, **fields),
                then=lambda risk: self._changed(risk, scored("Added", risk)),
                again=lambda error: self._open_editor(None, values, error.message),
            )
        )

    def _save(self, risk: Risk, values: dict[str, str]) -> None:
        ctx = self.ctx

        def saved(done: Risk) -> None:
            # A save that changed nothing keeps the version: nothing to say.
            self._changed(done, scored("Saved", done) if done.version != risk.version else "")

        self.commands.run(
            Command(
                "risk",
                lambda _, __: risks.edit_risk(ctx, risk.key, values, expected_version=risk.version),
                then=saved,
                again=lambda error: self._edit_again(risk, values, error),
            )
        )

    def _edit_again(self, risk: Risk, values: dict[str, str], error: KanbanError) -> None:
        """A refused save: the editor again with what was typed. Someone else
        saved first: on their risk, with the fields this person changed kept.
        Deleted meanwhile: as a new risk."""
        if isinstance(error, NotFound):
            note = f"{risk.key} was deleted meanwhile; saving adds it as a new risk."
            self._open_editor(None, values, note)
            return
        if not isinstance(error, StaleChange):
            self._open_editor(risk, values, error.message)
            return
        before = risk_values(risk, self.ctx.actor)
        mine = {name: value for name, value in values.items() if value != before[name]}
        ctx = self.ctx
        self.commands.run(
            Command(
                "read",
                lambda _, __: risks.get_risk(ctx, risk.key),
                then=lambda fresh: self._open_editor(fresh, mine, error.message),
            )
        )

    # -- status ------------------------------------------------------------------
    def action_set_status(self) -> None:
        self._with_fresh(self._set_status)

    def _set_status(self, risk: Risk) -> None:
        heading = Content.assemble("Status of ", (risk.key, "bold"))

        ctx = self.ctx

        def picked(status: RiskStatus | None) -> None:
            if status is not None and status is not risk.status:
                self.commands.run(
                    Command(
                        "risk",
                        lambda _, __: risks.set_status(
                            ctx, risk.key, status, expected_version=risk.version
                        ),
                        then=lambda done: self._changed(
                            done, f"{done.key} is now {done.status.value}."
                        ),
                    )
                )

        self.app.push_screen(StatusPicker(heading, risk.status), picked)

    # -- cards -------------------------------------------------------------------
    def action_mitigation_card(self) -> None:
        self._with_fresh(self._mitigation_card)

    def _mitigation_card(self, risk: Risk, typed: str | None = None, note: str = "") -> None:
        """The title prompt for a mitigation card; ``typed`` and ``note`` after
        a refusal (what was typed, and why it was refused)."""
        default = f"Mitigate {risk.key}: {risk.title}"
        if len(default) > validation.MAX_TITLE:
            default = default[: validation.MAX_TITLE - 3].rstrip() + "..."
        ctx = self.ctx

        def made(result: tuple[Risk, Card]) -> None:
            card = result[1]
            self._cards_changed(
                risk, f"Created {card.key} in {card.column} (backlog), linked to {risk.key}."
            )

        def done(answer: str | None) -> None:
            if answer is None:
                return
            name = None if answer == default else answer
            self.commands.run(
                Command(
                    "mitigation_card",
                    lambda _, __: risks.create_mitigation_card(ctx, risk.key, name),
                    then=made,
                    again=lambda error: self._mitigation_card(risk, answer, error.message),
                )
            )

        body = Content.assemble(
            "A task in the backlog (the first To Do column, no sprint), assigned to ",
            literal(risk.owner, "bold"),
            ", labelled #risk and linked to ",
            (risk.key, "bold"),
            ".",
        )
        dialog = PromptDialog(
            Content.assemble("Mitigation card for ", (risk.key, "bold")),
            body,
            refusal(validation.title),
            value=default if typed is None else typed,
            placeholder="Card title",
            confirm="Create",
            note=note,
        )
        self.app.push_screen(dialog, done)

    def _card_key(self, typed: str) -> str:
        """``12`` is short for ``WEB-12`` on board WEB."""
        text = typed.strip()
        return f"{self.board_key}-{text}" if validation.is_integer_text(text) else text.upper()

    def action_link_card(self) -> None:
        self._with_fresh(self._link_card)

    def _link_card(self, risk: Risk, typed: str = "", note: str = "") -> None:
        """The prompt for a card key to link; ``typed`` and ``note`` after a refusal."""
        ctx = self.ctx

        def check(typed: str) -> str | None:
            key = self._card_key(typed)
            if not key:
                return "Type a card key such as WEB-12."
            try:
                key = "{}-{}".format(*validation.parse_card_key(key))
            except KanbanError as error:
                return error.message
            return f"{key} is already linked to {risk.key}." if key in risk.cards else None

        def done(answer: str | None) -> None:
            if answer is None:
                return
            key = "{}-{}".format(*validation.parse_card_key(self._card_key(answer)))
            self.commands.run(
                Command(
                    "link_card",
                    lambda _, __: risks.link_card(ctx, risk.key, key),
                    then=lambda _: self._cards_changed(risk, f"Linked {key} to {risk.key}."),
                    again=lambda error: self._link_card(risk, answer, error.message),
                )
            )

        linked = ", ".join(risk.cards) if risk.cards else "none yet"
        body = Content(
            f"The key of a card on {self.board_key} (e.g. {self.board_key}-12, or just 12). "
            f"Linked now: {linked}."
        )
        dialog = PromptDialog(
            Content.assemble("Link a card to ", (risk.key, "bold")),
            body,
            check,
            value=typed,
            placeholder=f"{self.board_key}-12",
            confirm="Link",
            note=note,
        )
        self.app.push_screen(dialog, done)

    def action_unlink_card(self) -> None:
        self._with_fresh(self._unlink_card)

    def _unlink_card(self, risk: Risk, typed: str | None = None, note: str = "") -> None:
        """The prompt for a linked card to unlink; ``typed`` and ``note`` after a refusal."""
        if not risk.cards:
            return
        ctx = self.ctx

        def done(answer: str | None) -> None:
            if answer is None:
                return
            key = self._card_key(answer)
            self.commands.run(
                Command(
                    "unlink_card",
                    lambda _, __: risks.unlink_card(ctx, risk.key, key),
                    then=lambda _: self._cards_changed(
                        risk, f"Unlinked {key} from {risk.key}; the card stays."
                    ),
                    again=lambda error: self._unlink_card(risk, answer, error.message),
                )
            )

        dialog = PromptDialog(
            Content.assemble("Unlink a card from ", (risk.key, "bold")),
            Content(f"Linked now: {', '.join(risk.cards)}. The card itself is kept."),
            value=risk.cards[-1] if typed is None else typed,
            confirm="Unlink",
            note=note,
        )
        self.app.push_screen(dialog, done)

    # -- details -----------------------------------------------------------------
    def action_details(self) -> None:
        risk = self._current()
        if risk is None:
            return
        details = self.details if self.details and self.details.risk == risk else None
        body = detail(details or RiskDetails(risk), self.today)

        def closed(answer: str | None) -> None:
            if answer == "edit":
                self.action_edit_risk()

        self.app.push_screen(RiskDetailDialog(body), closed)
