"""The one error family of the domain.

Every message is the sentence a user reads: the TUI shows it as a
notification and the command line prints it after ``error: ``.
"""


class KanbanError(Exception):
    """Base of every refusal. ``exit_code`` is what the command line returns."""

    exit_code = 1

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


class InvalidInput(KanbanError):
    """A value is out of its range or malformed (exit status 2)."""

    exit_code = 2


class RuleViolation(KanbanError):
    """A rule of the product refused the change (exit status 1)."""


class KeyTaken(RuleViolation):
    """Another board has the key asked for (a form says it under its Key field)."""


class WipLimitReached(RuleViolation):
    """A column with a WIP limit is full."""

    def __init__(self, column: str, count: int, limit: int) -> None:
        super().__init__(f"WIP limit reached: {column} holds {count} of {limit}.")
        self.column = column
        self.count = count
        self.limit = limit


class PersonWipLimitReached(WipLimitReached):
    """A person already has the board's per-person limit of cards in progress."""

    def __init__(self, person: str, count: int, limit: int) -> None:
        RuleViolation.__init__(
            self, f"WIP limit reached: {person} has {count} of {limit} cards in progress."
        )
        self.column = ""
        self.person = person
        self.count = count
        self.limit = limit


class NeedsConfirmation(RuleViolation):
    """Allowed, but unusual enough to ask first (a sprint planned in the past):
    the TUI asks, the command line needs ``--yes``. Made only when confirmed."""


class Unchanged(KanbanError):
    """What was asked is so already: nothing changed and nothing is logged.

    Not a failure: the command line prints the sentence and exits 0."""

    exit_code = 0


class NotFound(KanbanError):
    """A board, column or card does not exist."""


class ColumnNotFound(NotFound):
    """No column of that name on the board; ``name`` is the name asked for."""

    def __init__(self, message: str, name: str) -> None:
        super().__init__(message)
        self.name = name


class StaleChange(RuleViolation):
    """The change was made against a copy that someone else has changed since."""


class ReadOnly(RuleViolation):
    """The database file cannot be written by this user."""


class StorageError(KanbanError):
    """The database file cannot be used (not a database, damaged, too new)."""


class DatabaseDamaged(StorageError):
    """SQLite found the file damaged, or not a database, while reading or writing it."""


class DatabaseBusy(StorageError):
    """Another process held the write lock past the busy timeout; nothing was written."""
