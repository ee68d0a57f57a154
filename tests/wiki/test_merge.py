"""Three-way merge of concurrent edits: clean when changes are apart, conflict when they meet."""

import pytest

from novanet.wiki.merge import merge3

BASE = "one\ntwo\nthree\nfour\nfive\nsix\n"


def test_changes_far_apart_merge_cleanly():
    mine = BASE.replace("two", "TWO")
    theirs = BASE.replace("five", "FIVE")
    result = merge3(BASE, mine, theirs)
    assert result.clean
    assert result.text == "one\nTWO\nthree\nfour\nFIVE\nsix\n"


def test_same_line_changed_differently_conflicts_and_keeps_my_text():
    mine = BASE.replace("three", "mine")
    theirs = BASE.replace("three", "theirs")
    result = merge3(BASE, mine, theirs)
    assert not result.clean
    assert len(result.conflicts) == 1
    region = result.conflicts[0]
    assert region.base == ["three\n"] and region.mine == ["mine\n"]
    assert region.theirs == ["theirs\n"]
    assert result.text == mine


def test_identical_changes_on_both_sides_are_taken_once():
    both = BASE.replace("four", "FOUR")
    result = merge3(BASE, both + "extra\n", both)
    assert result.clean
    assert result.text == both + "extra\n"


def test_insertions_at_the_same_spot_conflict():
    mine = BASE.replace("three\n", "three\nmine inserted\n")
    theirs = BASE.replace("three\n", "three\ntheirs inserted\n")
    result = merge3(BASE, mine, theirs)
    assert not result.clean
    assert result.conflicts[0].mine == ["mine inserted\n"]
    assert result.conflicts[0].theirs == ["theirs inserted\n"]


def test_same_insertion_on_both_sides_is_not_a_conflict():
    both = BASE.replace("three\n", "three\nsame\n")
    assert merge3(BASE, both, both).clean


def test_insertions_at_different_spots_merge():
    mine = "intro\n" + BASE
    theirs = BASE + "outro\n"
    result = merge3(BASE, mine, theirs)
    assert result.clean
    assert result.text == "intro\n" + BASE + "outro\n"


def test_deletion_apart_from_an_edit_merges():
    mine = BASE.replace("two\n", "")
    theirs = BASE.replace("six", "SIX")
    result = merge3(BASE, mine, theirs)
    assert result.clean
    assert result.text == "one\nthree\nfour\nfive\nSIX\n"


def test_deleting_a_line_the_other_side_edited_conflicts():
    mine = BASE.replace("four\n", "")
    theirs = BASE.replace("four", "FOUR")
    result = merge3(BASE, mine, theirs)
    assert not result.clean
    assert result.conflicts[0].mine == []
    assert result.conflicts[0].theirs == ["FOUR\n"]


def test_both_deleting_the_same_line_merges():
    both = BASE.replace("four\n", "")
    result = merge3(BASE, both, both.replace("one", "ONE"))
    assert result.clean
    assert result.text == "ONE\ntwo\nthree\nfive\nsix\n"


def test_adjacent_line_edits_are_left_to_a_person():
    mine = BASE.replace("two", "TWO")
    theirs = BASE.replace("three", "THREE")
    assert not merge3(BASE, mine, theirs).clean


def test_unchanged_side_takes_the_other():
    theirs = BASE.replace("one", "uno")
    assert merge3(BASE, BASE, theirs).text == theirs
    assert merge3(BASE, theirs, BASE).text == theirs


def test_missing_final_newline_does_not_invent_conflicts():
    base = "a\nb\nc"
    mine = "a\nb\nc\nd"
    theirs = "A\nb\nc"
    result = merge3(base, mine, theirs)
    assert result.clean
    assert result.text.splitlines() == ["A", "b", "c", "d"]


def test_windows_line_endings_match_stored_text():
    result = merge3(BASE, BASE.replace("\n", "\r\n").replace("one", "ONE"),
                    BASE.replace("six", "SIX"))
    assert result.clean
    assert result.text == "ONE\ntwo\nthree\nfour\nfive\nSIX\n"


def test_empty_base_with_two_different_texts_conflicts():
    result = merge3("", "mine\n", "theirs\n")
    assert not result.clean


@pytest.mark.parametrize("mine_line,theirs_line", [(0, 5), (1, 4), (0, 3)])
def test_several_distant_pairs(mine_line, theirs_line):
    lines = BASE.splitlines(keepends=True)
    mine = lines.copy()
    mine[mine_line] = "M\n"
    theirs = lines.copy()
    theirs[theirs_line] = "T\n"
    result = merge3(BASE, "".join(mine), "".join(theirs))
    assert result.clean
    expected = lines.copy()
    expected[mine_line] = "M\n"
    expected[theirs_line] = "T\n"
    assert result.text == "".join(expected)
