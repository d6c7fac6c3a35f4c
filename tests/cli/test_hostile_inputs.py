"""Whatever is typed on the command line is stored exactly, or refused in one
``error:`` line with exit status 2 (1 only for a rule: WIP, sprint, not found),
and a refused command changes nothing (issue 8: no input is silently changed).

Python's ``int()`` reads " 5", "+5", "1_0", "５" and "٣"; ``\\d`` matches "٣";
SQLite's INTEGER ends at 2**63 - 1; dates end at 9999-12-31; argv bytes that
are not UTF-8 arrive as lone surrogates. Each of those used to be stored as
something else or to end in "internal error".
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import Result, Run, dump, together

from kanban_tui.__main__ import main

HUGE = "99999999999999999999"  # 20 digits: past SQLite's INTEGER
HUGE_CARD = "WEB-" + HUGE
HUGE_RISK = "WEB-R" + HUGE
BAD_UTF8 = "\udcff\udcfe"  # what Python makes of the argv bytes ff fe


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """WEB with WEB-1 (fields set) in planned sprint 1, and risk WEB-R1."""
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    commands = [
        ["board", "create", "WEB", "Website"],
        ["card", "add", "first", "--points", "3", "--assignee", "bob", "--label", "ui"],
        ["card", "edit", "WEB-1", "--due", "2026-12-01", "--description", "notes"],
        ["sprint", "create", "--goal", "Ship"],
        ["sprint", "add", "1", "WEB-1"],
        ["risk", "add", "Outage", "-p", "3", "-i", "4", "--mitigation", "plan"],
    ]
    for argv in commands:
        assert main([*argv, "--db", str(path)]) == 0, argv
    return path


@pytest.fixture
def hostile(run: Run, template: Path, db_path: Path) -> Run:
    shutil.copyfile(template, db_path)
    return run


def refused(result: Result, code: int) -> str:
    """The one ``error:`` line of a refusal with exit status ``code``."""
    assert result.code == code, result.err
    assert result.out == ""
    assert "internal error" not in result.err and "Traceback" not in result.err
    return result.error  # exactly one line, starting "error: "


def check(run: Run, db_path: Path, argv: list[str], code: int, message: str) -> None:
    before = dump(db_path)
    assert message in refused(run(*argv), code)
    assert dump(db_path) == before


# --- 1 and 3: a number is ASCII digits, nothing else ----------------------------------

PROBABILITY = "Probability must be 1-5 or one of rare, unlikely, possible, likely, almost certain"
POINTS = "Points must be a whole number 0-100 or none"
WIP = "WIP limit must be a positive whole number up to 999, or none to remove the limit"
LENGTH = "The length must be a whole number of days, 1-31"
LIMIT = "The event limit must be a whole number 1-1000000000"  # as card list --limit
CARD_KEY = "is not a card key such as WEB-12."

NOT_NUMBERS = [
    (["risk", "add", "T", "--probability", "-1", "--impact", "3"], f"{PROBABILITY} (got -1)."),
    (["risk", "add", "T", "-p", "3-", "-i", "3"], f"{PROBABILITY} (got '3-')."),
    (["risk", "add", "T", "-p", "_3", "-i", "3"], f"{PROBABILITY} (got '_3')."),
    (["risk", "add", "T", "-p", " 3", "-i", "3"], f"{PROBABILITY} (got ' 3')."),
    (["risk", "add", "T", "-p", "3", "-i", "-5"], "Impact must be 1-5 or one of"),
    (["risk", "edit", "WEB-R1", "--impact", "-2"], "Impact must be 1-5 or one of"),
    (["risk", "edit", "WEB-R1", "--residual-probability", "-1", "--residual-impact", "2"],
     "Residual probability must be 1-5"),
    (["card", "add", "x", "--points", "+5"], f"{POINTS} (got '+5')."),
    (["card", "add", "x", "--points", " 5"], f"{POINTS} (got ' 5')."),
    (["card", "add", "x", "--points", "1_0"], f"{POINTS} (got '1_0')."),
    (["card", "add", "x", "--points", "５"], f"{POINTS} (got '５')."),
    (["card", "add", "x", "--points", "٣"], f"{POINTS} (got '٣')."),
    (["card", "edit", "WEB-1", "--points", "8 "], f"{POINTS} (got '8 ')."),
    (["column", "wip", "Review", "+3"], f"{WIP} (got '+3')."),
    (["column", "wip", "Review", "٣"], f"{WIP} (got '٣')."),
    (["column", "wip", "Review", "1_0"], f"{WIP} (got '1_0')."),
    (["column", "add", "QA", "--wip", " 2"], f"{WIP} (got ' 2')."),
    (["board", "person-wip", "３"], f"{WIP} (got '３')."),
    (["board", "create", "OPS", "Ops", "--columns", "A,B:٣,C"], f"{WIP} (got '٣')."),
    (["sprint", "create", "--length", "+3"], f"{LENGTH} (got '+3')."),
    (["sprint", "create", "--length", "٣"], f"{LENGTH} (got '٣')."),
    (["log", "--limit", "+3"], f"{LIMIT} (got '+3')."),
    (["log", "--limit", "٣"], f"{LIMIT} (got '٣')."),
    (["card", "show", "WEB-٣"], CARD_KEY),
    (["card", "move", "WEB-１", "Done"], CARD_KEY),
    (["card", "rm", "WEB-٣"], CARD_KEY),
    (["sprint", "add", "1", "WEB-٣"], CARD_KEY),
    (["risk", "link", "WEB-R1", "WEB-٣"], CARD_KEY),
    (["risk", "show", "WEB-R٣"], "is not a risk key such as WEB-R3."),
    (["log", "--card", "WEB-٣"], "--card takes a card key such as WEB-12"),
    (["sprint", "add", "٣", "WEB-1"], "Sprint must be a number 1-1000000 or active (got '٣')."),
    (["sprint", "report", "+1"], "Sprint must be a number 1-1000000 or active (got '+1')."),
    (["card", "list", "--sprint", "²"], "Sprint must be a number 1-1000000, active or backlog"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "message"), NOT_NUMBERS, ids=[" ".join(case[0]) for case in NOT_NUMBERS]
)
def test_only_ascii_digits_are_numbers(
    hostile: Run, db_path: Path, argv: list[str], message: str
) -> None:
    check(hostile, db_path, argv, 2, message)


# --- 2: numbers past every sane range never reach SQLite ---------------------------------

CARD_RANGE = f"Card number must be between 1 and 999999999 (got {HUGE})."
SPRINT_RANGE = f"Sprint number must be between 1 and 1000000 (got {HUGE})."

TOO_BIG = [
    (["card", "show", HUGE_CARD], CARD_RANGE),
    (["card", "move", HUGE_CARD, "Done"], CARD_RANGE),
    (["card", "edit", HUGE_CARD, "--title", "y"], CARD_RANGE),
    (["card", "rm", HUGE_CARD], CARD_RANGE),
    (["card", "show", "WEB-0"], "Card number must be between 1 and 999999999 (got 0)."),
    (["sprint", "add", "1", HUGE_CARD], CARD_RANGE),
    (["risk", "link", "WEB-R1", HUGE_CARD], CARD_RANGE),
    (["log", "--card", HUGE_CARD], CARD_RANGE),
    (["card", "add", "x", "--points", "9" * 5000], "Points must be between 0 and 100 (got 999"),
    (["card", "add", "x", "--sprint", HUGE], SPRINT_RANGE),
    (["card", "list", "--sprint", HUGE], SPRINT_RANGE),
    (["column", "wip", "Review", "9223372036854775808"],
     "WIP limit must be a positive whole number up to 999, or none to remove the limit "
     "(got 9223372036854775808)."),
    (["column", "wip", "Review", "1000"], "up to 999, or none to remove the limit (got 1000)."),
    (["column", "add", "QA", "--wip", HUGE], f"or none to remove the limit (got {HUGE})."),
    (["board", "person-wip", HUGE], f"(got {HUGE})."),
    (["board", "create", "OPS", "Ops", "--columns", f"A,B:{HUGE},C"], f"(got {HUGE})."),
    (["sprint", "report", HUGE], SPRINT_RANGE),
    (["sprint", "burndown", HUGE], SPRINT_RANGE),
    (["sprint", "add", HUGE, "WEB-1"], SPRINT_RANGE),
    (["sprint", "remove", HUGE, "WEB-1"], SPRINT_RANGE),
    (["sprint", "start", HUGE, "--goal", "g"], SPRINT_RANGE),
    (["sprint", "edit", HUGE, "--name", "x"], SPRINT_RANGE),
    (["sprint", "rm", HUGE], SPRINT_RANGE),
    (["sprint", "create", "--length", HUGE], f"A sprint lasts 1-31 days; {HUGE} days is not"),
    (["log", "--limit", "1e30"], f"{LIMIT} (got '1e30')."),
    (["log", "--limit", HUGE], f"The event limit must be between 1 and 1000000000 (got {HUGE})."),
    (["risk", "show", HUGE_RISK], f"Risk number must be between 1 and 999999999 (got {HUGE})."),
    (["risk", "edit", HUGE_RISK, "--status", "closed"], "Risk number must be between 1 and"),
    (["risk", "mitigate", HUGE_RISK], "Risk number must be between 1 and"),
    (["risk", "unlink", HUGE_RISK, "WEB-1"], "Risk number must be between 1 and"),
    (["log", "--card", HUGE_RISK], "Risk number must be between 1 and"),
]  # fmt: skip


@pytest.mark.parametrize(("argv", "message"), TOO_BIG, ids=[" ".join(c[0])[:60] for c in TOO_BIG])
def test_numbers_out_of_range_get_a_range_sentence(
    hostile: Run, db_path: Path, argv: list[str], message: str
) -> None:
    check(hostile, db_path, argv, 2, message)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["card", "show", "WEB-999999999"], "error: No card WEB-999999999."),
        (["risk", "show", "WEB-R999999999"], "error: No risk WEB-R999999999."),
        (["sprint", "report", "1000000"], "error: No sprint 1000000 on board WEB."),
    ],
)
def test_the_range_ends_where_not_found_begins(hostile: Run, argv: list[str], message) -> None:
    assert refused(hostile(*argv), 1) == message  # in range, absent: a refusal, exit 1
    *command, last = argv
    past = last + "0"  # ten times the last number the range allows: a bad value, exit 2
    assert "must be between 1 and" in refused(hostile(*command, past), 2)


# --- 4: dates are YYYY-MM-DD in 2000-2100, the same for every date option ------------------

DUE = "Due date must be a date as YYYY-MM-DD"
REVIEW = "Review date must be a date as YYYY-MM-DD"
DATES = [
    (["card", "add", "x", "--due", "2101-01-01"],
     "Due date must be between 2000-01-01 and 2100-12-31 (got 2101-01-01)."),
    (["card", "add", "x", "--due", "1999-12-31"], "(got 1999-12-31)."),
    (["card", "add", "x", "--due", "9999-12-31"], "(got 9999-12-31)."),
    (["card", "edit", "WEB-1", "--due", "0001-01-01"], "(got 0001-01-01)."),
    (["card", "add", "x", "--due", "20261201"], f"{DUE} (got '20261201')."),
    (["card", "add", "x", "--due", "2026-W48-2"], f"{DUE} (got '2026-W48-2')."),
    (["risk", "add", "r", "-p", "1", "-i", "1", "--review-on", "2026-W48-2"],
     f"{REVIEW} (got '2026-W48-2')."),
    (["risk", "edit", "WEB-R1", "--review-on", "9999-12-31"],
     "Review date must be between 2000-01-01 and 2100-12-31 (got 9999-12-31)."),
    (["sprint", "create", "--start", "9999-12-25"],
     "The start date must be between 2000-01-01 and 2100-12-31 (got 9999-12-25)."),
    (["sprint", "create", "--start", "2100-12-25"],
     "The end date must be between 2000-01-01 and 2100-12-31 (got 2101-01-07)."),
    (["sprint", "edit", "1", "--start", "1999-12-31"], "The start date must be between"),
    (["sprint", "start", "1", "--start", "2026-12-01", "--end", "2026-W50-1"],
     "The end date must be a date as YYYY-MM-DD (got '2026-W50-1')."),
    # a bad value, exit 2 (it was 1, as if a rule had refused a good value)
    (["sprint", "create", "--length", "0"], "A sprint lasts 1-31 days; 0 days is not allowed."),
    (["sprint", "create", "--length", "32"], "A sprint lasts 1-31 days; 32 days is not allowed."),
    (["sprint", "create", "--start", "2026-12-10", "--end", "2026-12-01"],
     "A sprint lasts 1-31 days; 2026-12-10 to 2026-12-01 ends before it starts."),
    (["sprint", "edit", "1", "--length", "0"], "0 days is not allowed."),
]  # fmt: skip


@pytest.mark.parametrize(("argv", "message"), DATES, ids=[" ".join(d[0]) for d in DATES])
def test_dates_and_lengths_are_checked_as_values(
    hostile: Run, db_path: Path, argv: list[str], message: str
) -> None:
    check(hostile, db_path, argv, 2, message)


def test_due_and_review_dates_take_the_same_forms(hostile: Run) -> None:
    for value in ("2026-12-24", "2000-01-01", "2100-12-31"):
        assert hostile("card", "edit", "WEB-1", "--due", value).code == 0
        assert hostile("risk", "edit", "WEB-R1", "--review-on", value).code == 0
        assert hostile("card", "show", "WEB-1", "--json").json()["due"] == value
        assert hostile("risk", "show", "WEB-R1", "--json").json()["review_on"] == value
    for value in ("20261224", "2026-W52-4", "2026-12-24T10:00"):
        assert hostile("card", "edit", "WEB-1", "--due", value).code == 2
        assert hostile("risk", "edit", "WEB-R1", "--review-on", value).code == 2


def test_a_sprint_far_ahead_does_not_stop_later_sprints(hostile: Run) -> None:
    far = hostile("sprint", "create", "--start", "2100-12-10", "--json")
    assert far.code == 0, far.err
    assert far.json()["end"] == "2100-12-23"
    # The cadence slot after it would end in 2101: the next sprint starts today instead.
    after = hostile("sprint", "create", "--json")
    assert after.code == 0, after.err
    assert after.json()["start"] < "2100-01-01"


def test_a_sprint_kept_from_before_dates_had_a_range_does_not_overflow(
    hostile: Run, db_path: Path
) -> None:
    with sqlite3.connect(db_path) as conn:  # as an older version could have stored it
        conn.execute("UPDATE sprint SET start = '9999-12-31', \"end\" = '9999-12-31'")
    result = hostile("sprint", "create", "--json")
    assert result.code == 0, result.err
    assert result.json()["start"] < "2100-01-01"


@pytest.mark.parametrize("stored", ["2026-02-30T10:00:00Z", "garbage"])
def test_a_time_that_is_no_time_in_the_log_still_lists_the_rest(
    hostile: Run, db_path: Path, stored: str
) -> None:
    """An event whose stored time is not one (edited by hand): ``kanban log``
    lists it, at the time of reading, and every other event; no internal error."""
    with sqlite3.connect(db_path) as conn:
        newest = conn.execute("SELECT max(id) FROM event").fetchone()[0]
        conn.execute("UPDATE event SET at = ? WHERE id = ?", (stored, newest))
        total = conn.execute("SELECT count(*) FROM event").fetchone()[0]
    listed = hostile("log", "--json", "--limit", "1000")
    assert listed.code == 0, listed.err
    assert len(listed.json()) == total
    assert all(event["at"].endswith("Z") for event in listed.json())
    human = hostile("log", "--limit", "1000")
    assert human.code == 0 and human.err == ""
    assert len(human.out.splitlines()) == total + 1  # and the header


# --- 5: text that is not UTF-8 ----------------------------------------------------------

NOT_UTF8 = [
    (["card", "add", BAD_UTF8], "TITLE"),
    (["card", "add", "x", "--assignee", BAD_UTF8], "--assignee"),
    (["card", "add", "x", "--label", "ok", "--label", BAD_UTF8], "--label"),
    (["card", "add", "x", "--blocked", BAD_UTF8], "--blocked"),
    (["card", "add", "x", "--description", BAD_UTF8], "--description"),
    (["card", "add", "x", "--column", BAD_UTF8], "--column"),
    (["card", "add", "x", "--type", BAD_UTF8], "--type"),
    (["card", "edit", "WEB-1", "--title", "a" + BAD_UTF8], "--title"),
    (["card", "move", "WEB-1", "Review", "--force", "--reason", BAD_UTF8], "--reason"),
    (["card", "list", "--assignee", BAD_UTF8], "--assignee"),
    (["card", "show", BAD_UTF8], "KEY"),
    (["card", "list", "--board", BAD_UTF8], "--board"),
    (["sprint", "create", "--goal", BAD_UTF8], "--goal"),
    (["sprint", "create", "--name", BAD_UTF8], "--name"),
    (["sprint", "edit", "1", "--goal", BAD_UTF8], "--goal"),
    (["risk", "add", BAD_UTF8, "-p", "1", "-i", "1"], "TITLE"),
    (["risk", "add", "r", "-p", "1", "-i", "1", "--owner", BAD_UTF8], "--owner"),
    (["risk", "add", "r", "-p", "1", "-i", "1", "--mitigation", BAD_UTF8], "--mitigation"),
    (["risk", "add", "r", "-p", "1", "-i", "1", "--contingency", BAD_UTF8], "--contingency"),
    (["risk", "edit", "WEB-R1", "--trigger", BAD_UTF8], "--trigger"),
    (["risk", "edit", "WEB-R1", "--description", BAD_UTF8], "--description"),
    (["board", "create", "OPS", BAD_UTF8], "NAME"),
    (["column", "add", BAD_UTF8], "NAME"),
    (["column", "wip", BAD_UTF8, "3"], "COLUMN"),
    (["log", "--card", BAD_UTF8], "--card"),
]  # fmt: skip


@pytest.mark.parametrize(("argv", "label"), NOT_UTF8, ids=[" ".join(n[0]) for n in NOT_UTF8])
def test_text_that_is_not_utf8_is_refused(
    hostile: Run, db_path: Path, argv: list[str], label: str
) -> None:
    check(hostile, db_path, argv, 2, f"error: {label} is not valid UTF-8 text")


@pytest.mark.parametrize(
    "argv",
    [
        ["card", "edit", "WEB-1", "--description", "-"],
        ["card", "add", "x", "--description", "-"],
        ["risk", "edit", "WEB-R1", "--mitigation", "-"],
    ],
)
def test_stdin_that_is_not_utf8_is_refused(
    hostile: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"ok \xff\xfe"), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    option = argv[-2]
    check(hostile, db_path, argv, 2, f"error: {option} read from stdin is not valid UTF-8 text")


def test_a_user_name_that_is_not_utf8_is_refused(
    hostile: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KANBAN_USER", "al\udcffice")
    check(hostile, db_path, ["card", "add", "x"], 2, "error: KANBAN_USER is not valid UTF-8")


def kanban(
    *argv: str | bytes, env: dict[bytes, bytes] | None = None, stdin: bytes = b""
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "kanban_tui", *argv],
        capture_output=True,
        input=stdin,
        env=env or os.environ,
    )


def test_raw_bytes_from_a_real_shell(hostile: Run, db_path: Path) -> None:
    """``kanban card add $'\\xff\\xfe'`` and friends, as bash passes them."""
    before = dump(db_path)
    cases = [
        ([b"card", b"add", b"\xff\xfe"], b"error: TITLE is not valid UTF-8 text\n"),
        ([b"card", b"add", b"x", b"--assignee", b"\xff"], b"error: --assignee is not valid"),
        ([b"risk", b"add", b"r\xff", b"-p", b"1", b"-i", b"1"], b"error: TITLE is not valid"),
    ]
    env = {**os.environb, b"KANBAN_USER": b"\xff"}
    # All refused, none changes the file: they may run at once.
    *done, piped, user = together(
        *(functools.partial(kanban, *argv) for argv, _ in cases),
        lambda: kanban("card", "edit", "WEB-1", "--description", "-", stdin=b"\xff\xfe notes"),
        lambda: kanban("card", "add", "x", env=env),
    )
    for (_, expected), result in zip(cases, done, strict=True):
        assert (result.returncode, result.stdout) == (2, b""), result.stderr
        assert result.stderr.startswith(expected) and result.stderr.count(b"\n") == 1, result
    assert piped.returncode == 2
    assert piped.stderr == b"error: --description read from stdin is not valid UTF-8 text\n"
    assert (user.returncode, user.stderr) == (2, b"error: KANBAN_USER is not valid UTF-8 text.\n")
    assert dump(db_path) == before


def test_a_backup_path_need_not_be_utf8(hostile: Run, tmp_path: Path) -> None:
    """File names are bytes; the one printed shows the byte, it does not fail to print."""
    target = os.fsencode(tmp_path) + b"/copy-\xff.db"
    done = kanban(b"backup", target)
    assert done.returncode == 0, done.stderr
    assert b"/copy-\\xff.db (" in done.stdout
    assert os.path.exists(target)


# --- 6: an empty value is refused, never read as "the default" ----------------------------

EMPTY = [
    (["card", "add", "x", "--board", ""], "--board"),
    (["card", "add", "x", "--board", " "], "--board"),
    (["card", "move", "WEB-1", "Done", "--board", ""], "--board"),
    (["log", "--card", ""], "--card"),
    (["column", "wip", "Review", ""], "N|none"),
    (["column", "add", "QA", "--wip", ""], "--wip"),
    (["board", "person-wip", ""], "N|none"),
    (["card", "list", "--column", ""], "--column"),
    (["card", "list", "--assignee", ""], "--assignee"),
    (["card", "add", "x", "--column", ""], "--column"),
    (["card", "move", "WEB-1", ""], "COLUMN"),
    (["card", "edit", "WEB-1", "--assignee", ""], "--assignee"),
    (["card", "edit", "WEB-1", "--label", ""], "--label"),
    (["card", "edit", "WEB-1", "--points", ""], "--points"),
    (["card", "edit", "WEB-1", "--due", " "], "--due"),
    (["card", "edit", "WEB-1", "--blocked", ""], "--blocked"),
    (["sprint", "create", "--name", ""], "--name"),
    (["sprint", "create", "--start", ""], "--start"),
    (["sprint", "edit", "1", "--name", ""], "--name"),
    (["risk", "edit", "WEB-R1", "--review-on", ""], "--review-on"),
    (["risk", "edit", "WEB-R1", "--residual-probability", "", "--residual-impact", ""],
     "--residual-probability"),
    (["risk", "list", "--owner", ""], "--owner"),
    (["board", "create", "OPS", "Ops", "--columns", ""], "--columns"),
    (["backup", ""], "PATH"),
]  # fmt: skip


@pytest.mark.parametrize(("argv", "label"), EMPTY, ids=[" ".join(e[0]) + "|" for e in EMPTY])
def test_an_empty_value_is_refused_not_read_as_the_default(
    hostile: Run,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    label: str,
) -> None:
    here = tmp_path / "cwd"
    here.mkdir()
    monkeypatch.chdir(here)  # `backup ""` used to write a copy into the current directory
    check(hostile, db_path, argv, 2, f"error: {label} must not be empty")
    assert list(here.iterdir()) == []


def test_a_column_limit_after_a_colon_may_not_be_empty(hostile: Run, db_path: Path) -> None:
    check(
        hostile,
        db_path,
        ["board", "create", "OPS", "Ops", "--columns", "To Do,Doing:,Done"],
        2,
        "error: Column 'Doing' has a colon but nothing after it: give a WIP limit or a category "
        "(todo, in_progress, done).",
    )


# --- 7: a description has a size limit ------------------------------------------------------


def test_a_description_is_at_most_64_kib(hostile: Run, db_path: Path, monkeypatch) -> None:
    limit = "Description must be at most 65536 characters (got 65537)."
    check(hostile, db_path, ["card", "add", "x", "--description", "x" * 65537], 2, limit)
    check(hostile, db_path, ["card", "edit", "WEB-1", "--description", "é" * 65537], 2, limit)
    monkeypatch.setattr("sys.stdin", io.StringIO("y" * 70_000))
    check(
        hostile,
        db_path,
        ["card", "edit", "WEB-1", "--description", "-"],
        2,
        "Description must be at most 65536 characters (got 70000).",
    )
    assert hostile("card", "edit", "WEB-1", "--description", "z" * 65536).code == 0
    assert len(hostile("card", "show", "WEB-1", "--json").json()["description"]) == 65536


# --- what is accepted is stored exactly ----------------------------------------------------


def test_plain_numbers_are_stored_as_typed(hostile: Run) -> None:
    assert hostile("card", "edit", "WEB-1", "--points", "0").code == 0
    assert hostile("card", "show", "web-1", "--json").json()["points"] == 0
    assert hostile("risk", "edit", "WEB-R1", "-p", "1", "-i", "5").code == 0
    risk = hostile("risk", "show", "WEB-R1", "--json").json()
    assert (risk["probability"], risk["impact"]) == (1, 5)
    assert hostile("risk", "edit", "WEB-R1", "-p", "almost-certain").code == 0
    assert hostile("risk", "show", "WEB-R1", "--json").json()["probability"] == 5
    assert hostile("column", "wip", "Review", "999").code == 0
    assert hostile("column", "wip", "Review", "1000").code == 2
