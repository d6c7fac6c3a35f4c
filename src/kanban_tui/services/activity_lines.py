"""``kanban log --json``'s lines, made for a million events.

Each line is ``json.dumps`` of the event's documented object
(:func:`kanban_tui.services.activity.event_json`), byte for byte; it is put
together from its parts rather than by encoding a new dict each time:

* an event's ``data`` text is parsed, encoded and, for a card, described
  once per distinct text (a board's moves repeat the same few);
* a card's sentence names the card only as its key, so it is kept as the
  text around the key (``moved `` ... `` from Review to Done``) and the key
  put in between;
* the other values are strings, each encoded by the stdlib's C encoder.

A row this shortcut does not fit (a value that is not text, a time not
stored as the log writes it) takes the long way, through the dict.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from json import encoder as json_encoder
from typing import Any

from ..domain import activity
from .context import Context, iso

EVENT_FIELDS = ("id", "at", "actor", "entity", "key", "action", "data")
"""What a line is made of, in the order :meth:`LineMaker.lines` reads a row."""


_KEY_MARK = "\x00key\x00"
"""Stands for the key while a card's sentence is made once for its data: a
sentence holding it exactly once is the same for any key (card sentences
only quote the key)."""

_UNSAID: Any = object()
"""A card action and data not seen before."""
_SEEN: Any = object()
"""A card action and data seen once: its sentence is made around the key
when it comes again."""


class LineMaker:
    """Turns event rows (id, at, actor, entity, key, action, data) into lines."""

    LIMIT = 4096
    """Distinct data texts remembered; past it, forgotten and made again."""

    def __init__(self, ctx: Context, ascii_only: bool) -> None:
        self._ctx = ctx
        self._text: Callable[[str], str] = (
            json_encoder.encode_basestring_ascii if ascii_only else json_encoder.encode_basestring
        )
        self._dict = line_encoder(ascii_only)
        self._data: dict[str, tuple[dict[str, Any], str]] = {}
        """Per data text: the parsed values and their JSON."""
        self._said: dict[tuple[str, str], Any] = {}
        """Per card action and data text: ``_SEEN`` once; then, if the
        sentence has the key once, the line's JSON from ``"action"`` to the
        key in the sentence and after it (else None)."""

    def lines(self, rows: Iterable[Sequence[Any]]) -> list[str]:
        """The line of each row. A card's event whose action and data were
        seen twice before, with its time as the log writes it, is put
        together here from the remembered parts (most rows of a long log);
        any other is made by :meth:`line`."""
        text = self._text
        said_of = self._said
        hours = VALID_HOURS
        minutes = VALID_MINUTES
        line = self.line
        made: list[str] = []
        append = made.append
        for id_, at, actor, entity, key, action, data in rows:
            said = said_of.get((action, data)) if entity == "card" else None
            try:
                if (
                    said.__class__ is tuple
                    and key
                    and key.strip() is key  # as the sentences print it (else: line)
                    and (at[:13] in hours and at[13:] in minutes or is_iso_utc(at))
                ):
                    # The id is the table's integer key; the time needs no escape.
                    quoted = text(key)
                    append(
                        f'{{"id": {id_}, "at": "{at}", "actor": {text(actor)}, '
                        f'"entity": "card", "key": {quoted}, {said[0]}{quoted[1:-1]}{said[1]}'
                    )
                    continue
            except (TypeError, AttributeError):  # a value that is not text
                pass
            append(line(id_, at, actor, entity, key, action, data))
        return made

    def line(
        self, id_: Any, at: Any, actor: Any, entity: Any, key: Any, action: Any, data: Any
    ) -> str:
        """The line of one row, whatever its values."""
        if not (
            type(actor) is str
            and type(entity) is str
            and type(key) is str
            and type(action) is str
            and type(data) is str
            and (id_ is None or type(id_) is int)
            and is_iso_utc(at)
        ):
            return self._dict(self.event_object(id_, at, actor, entity, key, action, data))
        values, data_json = self._data.get(data) or self._parsed(data)
        text = self._text
        head = (
            f'{{"id": {id_ or 0}, "at": "{at}", "actor": {text(actor)}, '
            f'"entity": {text(entity)}, "key": {text(key)}, '
        )
        if entity == "card" and key and key.strip() == key:  # as the sentences print it
            said = self._said.get((action, data), _UNSAID)
            if said is _UNSAID:  # seen once: a title, say, is seldom seen again
                self._said[action, data] = _SEEN
            else:
                if said is _SEEN:  # seen again: made once around the key
                    said = self._card_sentence(action, data)
                if said is not None:
                    return f"{head}{said[0]}{text(key)[1:-1]}{said[1]}"
        sentence = text(activity.describe(entity, key, action, values))
        return f'{head}"action": {text(action)}, "data": {data_json}, "text": {sentence}}}'

    def event_object(
        self, id_: Any, at: Any, actor: Any, entity: Any, key: Any, action: Any, data: Any
    ) -> dict[str, Any]:
        """:func:`~kanban_tui.services.activity.event_json` of a row's values."""
        from ..storage.repo import parse_time

        values = self._parsed(data)[0] if type(data) is str else data_of(data)
        return {
            "id": id_ or 0,
            "at": at if is_iso_utc(at) else iso(parse_time(at) or self._ctx.clock()),
            "actor": actor,
            "entity": entity,
            "key": key,
            "action": action,
            "data": values,
            "text": activity.describe(entity, key, action, values),
        }

    def _parsed(self, data: str) -> tuple[dict[str, Any], str]:
        found = self._data.get(data)
        if found is None:
            values = data_of(data)
            found = (values, self._dict(values))
            if len(self._data) >= self.LIMIT:
                self._data.clear()
                self._said.clear()
            self._data[data] = found
        return found

    def _card_sentence(self, action: str, data: str) -> tuple[str, str] | None:
        values, data_json = self._parsed(data)
        text = self._text
        sentence = text(activity.describe("card", _KEY_MARK, action, values))
        parts = sentence.split(text(_KEY_MARK)[1:-1])
        said = None
        if len(parts) == 2:
            head = f'"action": {text(action)}, "data": {data_json}, "text": {parts[0]}'
            said = (head, parts[1] + "}")
        self._said[action, data] = said
        return said


def data_of(data: Any) -> dict[str, Any]:
    """An event's data; a damaged row's is empty (it still shows up, without its details)."""
    if type(data) is str and data[:1] == "{" and data[-1:] == "}":
        # json.loads without its three Python frames: an object from the
        # first character to the last is what json.loads would read.
        try:
            values, end = _scan(data, 0)
        except (ValueError, StopIteration):
            return {}
        if end == len(data):
            return values  # type: ignore[no-any-return]
    try:
        values = json.loads(data)
    except (ValueError, TypeError):  # not JSON, or not text (a number a hand-made row left)
        return {}
    return values if isinstance(values, dict) else {}


_scan: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def line_encoder(ascii_only: bool) -> Callable[[Any], str]:
    """``json.dumps(item, ensure_ascii=ascii_only)``, its encoder made once
    rather than per event (the same text: the same C encoder, when there is one)."""
    encoder = json.JSONEncoder(ensure_ascii=ascii_only)
    make = getattr(json_encoder, "c_make_encoder", None)
    if make is None:
        return encoder.encode
    strings = json_encoder.encode_basestring_ascii if ascii_only else json_encoder.encode_basestring
    iterencode = make(
        None,
        encoder.default,
        strings,
        None,
        encoder.key_separator,
        encoder.item_separator,
        False,
        False,
        True,
    )
    return lambda item: "".join(iterencode(item, 0))


def is_iso_utc(at: object) -> bool:
    """Whether ``at`` is already what :func:`iso` makes of it (how the log is
    written: ``2026-10-01T12:00:00Z``), a valid moment: then it is printed as
    stored, without a datetime and a strftime per event. Checked once per
    hour (the pattern, and the day by ``fromisoformat``) and per minute and
    second of an hour: each seen valid is remembered (``VALID_HOURS`` and
    ``VALID_MINUTES``, which :meth:`LineMaker.lines` and ``card list
    --json``'s stream look up before they call this)."""
    if type(at) is not str:
        return False
    hour, rest = at[:13], at[13:]
    if VALID_HOURS.get(hour) and VALID_MINUTES.get(rest):
        return True
    if _ISO_UTC.fullmatch(at) is None or not _valid_day(at[:10]):
        return False
    if len(VALID_HOURS) >= 4096:
        VALID_HOURS.clear()
    VALID_HOURS[hour] = VALID_MINUTES[rest] = True  # at most 3,600 of the latter
    return True


_ISO_UTC = re.compile(
    r"[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z"
)
VALID_HOURS: dict[str, bool] = {}
"""Each ``YYYY-MM-DDTHH`` seen of a valid time: a real date, an hour 00-23."""
VALID_MINUTES: dict[str, bool] = {}
"""Each ``:MM:SSZ`` seen of a valid time."""


def _valid_day(day: str) -> bool:
    try:
        date.fromisoformat(day)
    except ValueError:
        return False
    return True
