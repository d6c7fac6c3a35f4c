"""``kanban export`` and ``kanban import``: taking work out, bringing it back in.

The JSON shape is docs/export.md; the services write and read it
(services/export.py, services/importer.py). CSV and Markdown are made from
the same document (services/export_csv.py, services/export_markdown.py).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..domain.errors import InvalidInput
from ..formatting import plural
from . import output
from .common import UsageError, context, db_path, examples, holds_nothing
from .declare import command

FORMATS = ("json", "csv", "markdown")
SOURCES = ("kanban", "trello", "jira-csv")


def register(commands: Any) -> None:
    export = command(
        commands,
        "export",
        run_export,
        board_help="only this board (default: every board)",
        help="write every board (or one) as JSON, CSV or Markdown",
        description="""Write the database out: --format json (default) is everything, in the
        versioned shape of docs/export.md that `kanban import` reads back; csv is the cards, one
        per row, for a spreadsheet (UTF-8 with a BOM unless --no-bom); markdown is a board snapshot
        and the sprint reports, for a wiki. Every board unless --board names one; to stdout unless
        -o names a file.""",
        epilog=examples(
            """
            kanban export -o backup.json
            kanban export --format csv --board WEB -o web.csv
            kanban export --format markdown --board WEB > web.md
            """
        ),
    )
    export.add_argument("--format", choices=FORMATS, default="json", help="default: json")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (replaced)")
    export.add_argument(
        "--no-bom", action="store_true", help="csv: no UTF-8 byte order mark at the start"
    )

    imports = command(
        commands,
        "import",
        run_import,
        board=False,
        help="load a kanban export (new boards), or a Trello or Jira export",
        description="""Load FILE into the database in one transaction: every record is checked
        first, and a file that fails anywhere changes nothing. --from says what FILE is: a kanban
        export (the default, from `kanban export`), a Trello board's JSON export (trello) or a Jira
        CSV export (jira-csv); a Trello or Jira file becomes one new board and a summary says what
        was imported and what was left out. A kanban export's boards come in with their keys, which
        must be free here; --as KEY renames the file's one board, or names the board a Trello or
        Jira file makes. Jira dates are read as 15/Feb/26 4:37 PM (%d/%b/%y %I:%M %p) unless
        --date-format gives another strptime format. The database is created if there is none
        yet.""",
        epilog=examples(
            """
            kanban import backup.json --db /tmp/copy.db
            kanban import web.json --as WEB2
            kanban import web.json --dry-run
            kanban import --from trello board.json --as TEAM
            kanban import --from jira-csv Jira.csv --dry-run
            kanban import --from jira-csv Jira.csv --date-format '%d.%m.%Y %H:%M'
            """
        ),
    )
    imports.add_argument("file", metavar="FILE", help="the file to import")
    imports.add_argument(
        "--from",
        dest="source",
        choices=SOURCES,
        default="kanban",
        help="what FILE is: a kanban export, a Trello JSON or a Jira CSV export (default: kanban)",
    )
    imports.add_argument("--as", dest="rename", metavar="KEY", help="the new board's key")
    imports.add_argument(
        "--dry-run", action="store_true", help="check and say what would come in; write nothing"
    )
    imports.add_argument(
        "--date-format",
        metavar="FMT",
        help="""jira-csv: the dates' strptime format (default: %%d/%%b/%%y %%I:%%M %%p, as in
        15/Feb/26 4:37 PM)""",
    )


def run_export(args: argparse.Namespace) -> int:
    from ..services import export
    from ..services.export_file import check_target, database_file, write_export

    if args.no_bom and args.format != "csv":
        raise UsageError("--no-bom is for --format csv only.")
    database = database_file(db_path(args))
    target = None if args.output is None else Path(args.output)
    if target is not None:  # refused before the work of exporting
        check_target(target, database)
    with context(args) as ctx:
        document = export.export_data(ctx, args.board)
        if args.format == "json":
            text = export.dumps(document)
        elif args.format == "csv":
            from ..services.export_csv import cards_csv

            text = cards_csv(document, bom=not args.no_bom)
        else:
            from ..services.export_markdown import export_markdown

            text = export_markdown(ctx, document)
    if target is None:
        output.write_document(text, "the export")
        return 0
    write_export(target, text, database=database)
    count = sum(len(board["cards"]) for board in document["boards"])
    boards = len(document["boards"])
    output.write(
        f"Exported {plural(boards, 'board')} ({plural(count, 'card')}) "
        f"as {args.format} to {output.safe(str(target))}."
    )
    return 0


def run_import(args: argparse.Namespace) -> int:
    from ..services import importer
    from .import_from import date_format_refusal

    refusal = date_format_refusal(args.source) if args.date_format is not None else None
    if refusal is not None:
        raise UsageError(refusal)
    if args.source == "trello":
        from .import_from import run_trello

        return run_trello(args, Path(args.file), args.rename, args.dry_run)
    if args.source == "jira-csv":
        from .import_from import run_jira

        return run_jira(args, Path(args.file), args.rename, args.dry_run, args.date_format)
    path = Path(args.file)
    data = _read_json(path)
    name = output.safe(str(path))
    if args.rename is None and not importer.check_header(data, name):  # "boards": []
        output.write(importer.no_boards_line(name, dry_run=args.dry_run))
        return 0
    if args.dry_run and holds_nothing(db_path(args)):  # no keys taken: no file needed
        done = importer.summary(importer.check_file(data, name=name, rename=args.rename))
    else:
        with context(args, create=not args.dry_run) as ctx:
            done = importer.import_boards(
                ctx, data, name=name, rename=args.rename, dry_run=args.dry_run
            )
    for line in importer.imported_lines(done, dry_run=args.dry_run):
        output.write(output.safe(line))
    return 0


def _read_json(path: Path) -> Any:
    name = output.safe(str(path))
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"There is no file {name}.") from None
    except OSError as error:
        raise InvalidInput(f"Cannot read {name}: {error.strerror}.") from None
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InvalidInput(f"{name} is not a kanban export: it is not UTF-8 text.") from None
    except ValueError as error:
        raise InvalidInput(f"{name} is not a kanban export: it is not JSON ({error}).") from None
    except RecursionError:  # '[' * 100000: deeper than the parser goes
        raise InvalidInput(
            f"{name} is not a kanban export: it is not JSON (nested too deeply)."
        ) from None
