"""Who is acting, on which database, at what time."""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from ..domain import people
from ..domain.errors import InvalidInput
from ..storage.store import Store

if TYPE_CHECKING:
    from sqlmodel import Session


def utc_now() -> datetime:
    return datetime.now(UTC)


def current_user() -> str:
    """The OS user name; ``KANBAN_USER`` overrides it. Both in canonical form
    (see :mod:`..domain.people`); a name that breaks its rules, or is not
    valid UTF-8 (an environment holding raw bytes), is refused in one sentence.
    """
    override = os.environ.get("KANBAN_USER", "")
    if override.strip():
        _utf8(override, "KANBAN_USER is not valid UTF-8 text.")
        if (name := people.canonical(override)) in people.RESERVED:
            raise InvalidInput(
                f"KANBAN_USER cannot be {name!r}: in name fields 'me' means the person "
                "acting and 'none' means no one."
            )
        name = people.user_name(override, "KANBAN_USER")
        if not name:
            raise InvalidInput(
                f"KANBAN_USER must be a user name of 1-{people.MAX_NAME} characters "
                f"(got {override!r})."
            )
        return name
    try:
        login = getpass.getuser()
    except Exception:  # no passwd entry (some containers)
        return "unknown"
    _utf8(login, "The login name is not valid UTF-8 text; set KANBAN_USER to a name that is.")
    return people.user_name(login, "The login name (set KANBAN_USER to use another)") or "unknown"


def _utf8(text: str, refusal: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(refusal) from None


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Context:
    """What every service function needs: the database, the actor and a clock."""

    db: Store
    actor: str = field(default_factory=current_user)
    clock: Callable[[], datetime] = utc_now

    def __post_init__(self) -> None:
        # Whoever made the context (a test, the demo, dataclasses.replace), the
        # log and "assign to me" see one spelling of the actor.
        self.actor = people.user_name(self.actor, "The acting user") or "unknown"

    def meaning(self, fields: dict[str, Any], name: str) -> dict[str, Any]:
        """``fields`` with ``me`` (or ``@me``) in the name field ``name`` read as
        the acting user, as a person means it."""
        value = fields.get(name)
        if isinstance(value, str) and people.canonical(value) == people.ME:
            return {**fields, name: self.actor}
        return fields

    def now(self) -> str:
        """Now, as the ISO 8601 UTC text that storage keeps."""
        return iso(self.clock())

    def today(self) -> date:
        """The person's calendar day (local time): sprints and due dates are days."""
        return self.clock().astimezone().date()

    def log(
        self,
        session: Session,
        board_id: int | None,
        entity: str,
        key: str,
        action: str,
        **data: Any,
    ) -> None:
        """Append one event to the activity log, inside the caller's transaction."""
        # Here, not at the top: a command that only reads (card list --json)
        # makes a Context without loading the ORM.
        from ..storage.tables import EventRow

        assert board_id is not None
        row = EventRow(
            board_id=board_id,
            at=self.now(),
            actor=self.actor,
            entity=entity,
            key=key,
            action=action,
            data=json.dumps(data, default=str, sort_keys=True),
        )
        session.add(row)
        # Store.write notes these once committed: a TUI then skips its own changes.
        session.info.setdefault("events", []).append(row)
