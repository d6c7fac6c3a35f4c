"""The palette's "Import…" reads a file as the exporter that made it, so a
refusal is the one that importer gives (a Trello single card: "export the
whole board"), not "not a kanban export"."""

from __future__ import annotations

import pytest
from import_fixtures import FIXTURES, needs_fixtures

from kanban_tui.transfer import guess_source

pytestmark = needs_fixtures


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("trello_gocd_testdrive_large.json", "trello"),
        ("trello_andrej1c_howgoesit.json", "trello"),
        ("trello_single_card_export_2026.json", "trello"),
        ("jira_bellali_cs4483_2026.csv", "jira-csv"),
    ],
)
def test_each_real_file_is_read_as_its_exporter_made_it(name: str, source: str) -> None:
    path = FIXTURES / name
    assert guess_source(path, path.read_text(encoding="utf-8-sig")) == source


def test_a_kanban_export_is_read_as_one(tmp_path) -> None:
    path = tmp_path / "x.json"
    text = '{"format": "kanban-export", "version": 1, "boards": []}'
    assert guess_source(path, text) == "kanban"
