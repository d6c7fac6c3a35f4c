"""A PostgreSQL server named on the command line (``--db`` or ``KANBAN_DB``).

Pure text handling: no driver is imported here, so the command line (and a
person who only uses SQLite files) never loads one.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import SplitResult, unquote, urlsplit, urlunsplit

from ..domain.errors import InvalidInput

SCHEMES = {"postgresql", "postgres", "postgresql+psycopg"}


def looks_like_url(text: str) -> bool:
    """``scheme://...``: a server, not a file name (``./a://b`` is a file)."""
    scheme, sep, _ = text.partition("://")
    return bool(sep) and scheme.replace("+", "").isalnum()


@dataclass(frozen=True, slots=True)
class ServerUrl:
    """Where a board lives on a PostgreSQL server."""

    url: str
    """As the person gave it (with any password): for the driver only."""

    @classmethod
    def parse(cls, text: str, source: str = "--db") -> ServerUrl:
        scheme = text.partition("://")[0].lower()
        if scheme not in SCHEMES:
            raise InvalidInput(
                f"{source} {scheme}://... names a server kanban cannot use; give a file "
                "path or a postgresql://user@host:5432/dbname URL."
            )
        try:
            parts = urlsplit(text)
            parts.port  # noqa: B018  (raises on a port that is not a number)
        except ValueError as error:
            raise InvalidInput(f"{source} is not a valid URL ({error}).") from None
        if not parts.path.strip("/"):
            raise InvalidInput(
                f"{source} {cls(text).display} names no database; add one, as in "
                "postgresql://user@host:5432/dbname."
            )
        return cls(text)

    @property
    def _parts(self) -> SplitResult:
        return urlsplit(self.url)

    @property
    def dbname(self) -> str:
        return unquote(self._parts.path.strip("/"))

    @property
    def user(self) -> str | None:
        return self._parts.username

    @property
    def server(self) -> str:
        """``host:port``, for sentences about the server."""
        parts = self._parts
        return f"{parts.hostname or 'localhost'}:{parts.port or 5432}"

    @property
    def display(self) -> str:
        """The URL without its password: what is printed and remembered."""
        parts = self._parts
        netloc = parts.netloc
        if parts.password is not None:
            user, _, host = netloc.rpartition("@")
            netloc = f"{user.partition(':')[0]}:***@{host}"
        return urlunsplit(("postgresql", netloc, parts.path, parts.query, ""))

    @property
    def driver_url(self) -> str:
        """The URL SQLAlchemy opens with psycopg 3."""
        return "postgresql+psycopg://" + self.url.partition("://")[2]

    def __str__(self) -> str:
        return self.display
