"""Reading a Trello board export, and fitting it to the domain rules (small hand-made JSON)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kanban_tui.domain import validation
from kanban_tui.domain.errors import InvalidInput
from kanban_tui.domain.model import Category
from kanban_tui.domain.trello import id_time, label_text, parse_board
from kanban_tui.domain.trello_plan import UNTITLED, derive_key, label_name, plan_board

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
CARD_ID = "5a20262fcfb232c510d017bb"  # 0x5a20262f = 1512056367 s: 2017-11-30T15:39:27Z


def lst(list_id: str, name: str, pos: float, closed: bool = False) -> dict[str, Any]:
    return {"id": list_id, "name": name, "pos": pos, "closed": closed}


def card(card_id: str, list_id: str, pos: float = 1, **fields: Any) -> dict[str, Any]:
    return {"id": card_id, "idList": list_id, "name": f"card {card_id}", "pos": pos, **fields}


def board(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": "Test Drive",
        "lists": [lst("l1", "To Do", 1), lst("l2", "Done", 2)],
        "cards": [],
        "actions": [],
        "members": [],
    }
    return {**base, **fields}


def plan(data: dict[str, Any], **options: Any):  # type: ignore[no-untyped-def]
    options.setdefault("key", None)
    options.setdefault("name", None)
    options.setdefault("taken", ())
    return plan_board(parse_board(data), now=NOW, **options)


# -- refusals ---------------------------------------------------------------------------


@pytest.mark.parametrize("data", [[], {}, {"lists": []}, {"cards": [], "lists": {}}, "x", 3, None])
def test_anything_but_a_board_is_refused_with_what_was_expected(data: object) -> None:
    with pytest.raises(InvalidInput, match="^This is not a Trello board export: expected "):
        parse_board(data)


def test_a_single_card_export_is_refused_as_such() -> None:
    single = {"id": CARD_ID, "idBoard": "b", "idList": "l", "name": "one card", "actions": []}
    with pytest.raises(InvalidInput, match="single card, not of a board"):
        parse_board(single)


def test_a_card_in_no_list_of_the_board_names_the_record() -> None:
    with pytest.raises(InvalidInput, match=r"^cards\[1\]: its list 'nope' is not"):
        parse_board(board(cards=[card("a", "l1"), card("b", "nope")]))


# -- lists and cards --------------------------------------------------------------------


def test_lists_become_columns_in_pos_order_with_categories_by_name_and_place() -> None:
    data = board(
        lists=[
            lst("d", "Shipped", 9),
            lst("a", "Ideas", 1),
            lst("b", "Cooking", 3),
            lst("c", "Tasting", 5),
        ]
    )
    result = plan(data)
    assert [(spec.name, spec.category) for spec in result.columns] == [
        ("Ideas", Category.TODO),
        ("Cooking", Category.IN_PROGRESS),
        ("Tasting", Category.IN_PROGRESS),
        ("Shipped", Category.DONE),
    ]


def test_a_board_of_one_list_gets_a_done_column_and_says_so() -> None:
    result = plan(board(lists=[lst("l1", "TODO", 1)]))
    assert [spec.name for spec in result.columns] == ["TODO", "Done"]
    assert "added 'Done' last" in result.summary.skipped["columns"][0]


def test_a_board_without_a_todo_list_gets_one_first_and_cards_keep_their_list() -> None:
    data = board(lists=[lst("l1", "Done", 1)], cards=[card("a", "l1")])
    result = plan(data)
    assert [spec.name for spec in result.columns] == ["To Do", "Done"]
    assert result.cards[0].column == 1


def test_column_names_are_cleaned_to_the_rules_and_kept_unique() -> None:
    long = "x" * 50
    data = board(
        lists=[
            lst("a", "Ready, steady", 1),
            lst("b", long, 2),
            lst("c", "ready; STEADY", 3),
            lst("d", "Done", 4),
        ]
    )
    names = [spec.name for spec in plan(data).columns]
    assert names[0] == "Ready; steady"
    assert names[1] == "x" * 39 + "…"
    assert names[2] == "ready; STEADY (2)"
    for name in names:
        assert validation.column_name(name) == name


def test_cards_are_ranked_by_list_then_pos() -> None:
    cards = [card("c", "l2", 1), card("b", "l1", 20), card("a", "l1", 3.5)]
    result = plan(board(cards=cards))
    by_rank = sorted(result.cards, key=lambda item: item.rank)
    assert [item.title for item in by_rank] == ["card a", "card b", "card c"]


def test_closed_cards_and_cards_of_closed_lists_are_archived() -> None:
    data = board(
        lists=[lst("l1", "To Do", 1), lst("gone", "Old", 2, closed=True), lst("l2", "Done", 3)],
        cards=[card("a", "l1"), card("b", "l1", closed=True), card("c", "gone"), card("d", "l2")],
    )
    result = plan(data)
    archived = {item.title: item.archived for item in result.cards}
    assert archived == {"card a": False, "card b": True, "card c": True, "card d": False}
    in_old = next(item for item in result.cards if item.title == "card c")
    assert in_old.column == 0  # the column before where the closed list stood
    assert "archived list 'Old'" in in_old.description
    assert [spec.name for spec in result.columns] == ["To Do", "Done"]


def test_trello_card_numbers_are_kept_when_each_card_has_its_own() -> None:
    numbered = plan(board(cards=[card("a", "l1", idShort=38), card("b", "l1", 2, idShort=7)]))
    assert [item.number for item in numbered.cards] == [38, 7]
    clash = plan(board(cards=[card("a", "l1", idShort=3), card("b", "l1", 2, idShort=3)]))
    assert [item.number for item in clash.cards] == [1, 2]


# -- fields -----------------------------------------------------------------------------


def test_labels_from_names_or_colours_old_and_new_exports() -> None:
    labels = [
        {"id": "x", "name": "Story Telling", "color": "blue"},
        {"id": "y", "name": "", "color": "green_dark"},
        {"id": "z", "name": "", "color": None},
    ]
    new = board(labels=labels, cards=[card("a", "l1", idLabels=["x", "y", "z"])])
    result = plan(new)
    assert result.cards[0].labels == ("story-telling", "green_dark")
    assert "neither a name nor a colour" in result.summary.skipped["labels"][0]
    old = board(cards=[card("a", "l1", idLabels=["x"], labels=labels[:1])])  # no top-level labels
    assert plan(old).cards[0].labels == ("story-telling",)


@given(st.text(max_size=60))
@example(",#")  # found by hypothesis: the '#' was stripped before the comma went
@example("; #, ##Front End")
def test_any_label_text_becomes_a_valid_label_or_nothing(text: str) -> None:
    label = label_name(text)
    assert validation.labels([label]) == ((label,) if label else ())


def test_members_map_to_the_assignee_by_username_and_others_are_named() -> None:
    members = [{"id": "m1", "username": "Andrej"}, {"id": "m2", "username": "leo"}]
    data = board(members=members, cards=[card("a", "l1", idMembers=["m2", "m1", "ghost"])])
    result = plan(data)
    assert result.cards[0].assignee == "leo"
    assert "Also members on Trello: andrej." in result.cards[0].description
    assert set(result.summary.skipped["assignee"]) == {
        "1 card: a member the export does not name left out",
        "1 card: several members: the first is the assignee, the others named in the description",
    }


def test_due_dates_and_due_complete_are_kept() -> None:
    cards = [
        card("a", "l1", due="2017-12-22T15:00:00.000Z", dueComplete=True),
        card("b", "l1", 2, due="soon"),
        card("c", "l1", 3, due="1970-01-01T00:00:00.000Z"),
    ]
    result = plan(board(cards=cards))
    assert [item.due for item in result.cards] == [date(2017, 12, 22), None, None]
    assert "Due date marked complete on Trello." in result.cards[0].description
    assert len(result.summary.skipped["due"]) == 3


def test_checklists_become_lines_of_the_description_in_pos_order() -> None:
    checklists = [
        {"idCard": "a", "name": "Later", "pos": 2, "checkItems": [{"name": "z", "pos": 1}]},
        {
            "idCard": "a",
            "name": "First",
            "pos": 1,
            "checkItems": [
                {"name": "two", "pos": 2, "state": "incomplete"},
                {"name": "one", "pos": 1, "state": "complete"},
            ],
        },
    ]
    result = plan(board(checklists=checklists, cards=[card("a", "l1", desc="Intro")]))
    assert result.cards[0].description == (
        "Intro\n\n**First**\n- [x] one\n- [ ] two\n\n**Later**\n- [ ] z"
    )


def test_comments_keep_author_and_date_oldest_first() -> None:
    def comment(text: str, at: str, who: str) -> dict[str, Any]:
        return {
            "type": "commentCard",
            "date": at,
            "data": {"card": {"id": "a"}, "text": text},
            "memberCreator": {"username": who},
        }

    actions = [
        comment("second", "2017-12-22T15:29:08.172Z", "Andrej"),
        comment("first", "2017-12-21T10:00:00.000Z", "leo"),
        comment("   ", "2017-12-21T09:00:00.000Z", "leo"),
        comment("lost", "2017-12-21T09:00:00.000Z", "leo")
        | {"data": {"card": {"id": "gone"}, "text": "x"}},
    ]
    result = plan(board(actions=actions, cards=[card("a", "l1")]))
    made = result.cards[0].comments
    assert [(c.author, c.text, c.at.day) for c in made] == [
        ("leo", "first", 21),
        ("andrej", "second", 22),
    ]
    assert result.summary.skipped["comments"] == [
        "1 on cards not in the export left out",
        "1 card: an empty comment left out",
    ]


def test_creation_date_from_an_action_else_from_the_id() -> None:
    action = {
        "type": "createCard",
        "date": "2018-01-02T03:04:05.000Z",
        "data": {"card": {"id": "b"}},
    }
    cards = [card(CARD_ID, "l1"), card("b", "l1", 2)]
    result = plan(board(actions=[action], cards=cards))
    assert result.cards[0].created_at == datetime(2017, 11, 30, 15, 39, 27, tzinfo=UTC)
    assert result.cards[1].created_at == datetime(2018, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert result.summary.skipped["created"] == [
        "1 card: creation date read from the card id (no action gave it)"
    ]


@given(st.integers(min_value=0, max_value=0xFFFFFFFF))
def test_id_time_reads_the_first_eight_hex_digits(seconds: int) -> None:
    moment = id_time(f"{seconds:08x}" + "0" * 16)
    assert moment is not None and int(moment.timestamp()) == seconds


def test_id_time_of_a_short_or_non_hex_id_is_none() -> None:
    assert id_time("abc") is None
    assert id_time("zz20262fcfb232c5") is None


def test_label_text_falls_back_to_the_colour() -> None:
    assert label_text("", "blue_light") == "blue_light"
    assert label_text(" Bug ", "red") == "Bug"
    assert label_text("", None) == ""


@given(st.text(max_size=300))
def test_any_card_name_becomes_a_valid_title(name: str) -> None:
    result = plan(board(cards=[card("a", "l1", name=name)]))
    title = result.cards[0].title
    assert validation.title(title) == title
    if not name.strip():
        assert title == UNTITLED
    if len(" ".join(name.split())) > validation.MAX_TITLE:
        assert result.cards[0].description.startswith("Full title: ")


def test_a_long_description_is_cut_and_said() -> None:
    result = plan(board(cards=[card("a", "l1", desc="y" * 70_000)]))
    assert len(result.cards[0].description) == validation.MAX_DESCRIPTION
    assert result.summary.skipped["description"] == [
        "1 card: description over 65536 characters cut"
    ]


# -- board key and name -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Test Drive", "TD"),
        ("Clipkit", "CLIPKIT"),
        ("How Goes It? - Public Board", "HGIPB"),
        ("やりたいこと", "TRELLO"),
        ("Ça va", "CV"),
        ("A", "TRELLO"),
        ("Extraordinarily", "EXTRAORDIN"),
    ],
)
def test_the_key_comes_from_the_board_name(name: str, key: str) -> None:
    assert derive_key(name, ()) == key


def test_a_derived_key_is_unique_among_the_boards() -> None:
    assert derive_key("Test Drive", {"TD", "TD2"}) == "TD3"


@given(st.text(max_size=40), st.sets(st.from_regex(r"[A-Z]{2,4}", fullmatch=True), max_size=5))
def test_any_name_gives_a_valid_free_key(name: str, taken: set[str]) -> None:
    key = derive_key(name, taken)
    assert validation.board_key(key) == key and key not in taken


def test_a_given_key_and_name_win() -> None:
    result = plan(board(), key="web", name="Website")
    assert (result.key, result.name) == ("WEB", "Website")
    with pytest.raises(InvalidInput):
        plan(board(), key="no good")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
ODD = JSON | st.sampled_from(["", "l1", "2017-12-22T15:00:00.000Z", 10**400, -1])
CARD_FIELDS = ("id", "idList", "name", "desc", "pos", "closed", "idShort", "idLabels", "idMembers")
CARD_FIELDS += ("due", "dueComplete", "labels", "attachments", "dateLastActivity")


@given(JSON)
def test_any_json_is_a_board_or_refused_in_a_sentence(data: object) -> None:
    try:
        parse_board(data)
    except InvalidInput as refusal:
        assert refusal.message.endswith(".")


@given(
    st.lists(st.dictionaries(st.sampled_from(CARD_FIELDS), ODD), max_size=4),
    st.lists(
        st.dictionaries(st.sampled_from(("type", "date", "data", "memberCreator")), ODD), max_size=3
    ),
)
def test_odd_values_in_cards_and_actions_never_break_the_import(
    cards: list[dict[str, Any]], actions: list[dict[str, Any]]
) -> None:
    data = board(cards=cards, actions=actions, labels=[{"id": 1}, "x"], checklists=[{"idCard": 3}])
    try:
        result = plan(data)
    except InvalidInput as refusal:
        assert refusal.message.startswith("cards[")
        return
    for made in result.cards:
        assert validation.title(made.title) == made.title
        assert validation.description(made.description) == made.description


def test_a_label_loses_each_words_hash_and_its_separators() -> None:
    assert label_name("#bug; #ui") == "bug-ui"
    assert label_name("; #, ##Front End") == "front-end"
    assert label_name(",#") == ""
    assert label_name("C#") == "c#"


def test_a_label_of_nothing_but_hashes_is_left_out_and_said() -> None:
    labels = [{"id": "h", "name": "#", "color": None}, {"id": "x", "name": "#ux", "color": None}]
    result = plan(board(labels=labels, cards=[card("a", "l1", idLabels=["h", "x"])]))
    assert result.cards[0].labels == ("ux",)
    said = " ".join(result.summary.skipped["labels"])
    assert "the label '#' left out" in said and "the label '#ux' became 'ux'" in said
