"""A count hidden by the small-cell rule cannot be worked out by subtraction: a reader who sees
every shown number and knows each column's total (a section's key figure often is one) and
that a row's total column sums its counts still cannot tell which of 1 to threshold − 1 it is.
`readings` plays that reader: it tries every value of the hidden cells that the sums allow."""

import copy
import itertools

from reports.tables import Fewer, Hidden, Table, csv_cell, protect


def readings(original: Table, shown: Table, threshold: int) -> dict[tuple[int, int], set[int]]:
    """For each count shown as "fewer than N", the values the reader cannot rule out."""
    cells = {
        (i, j): value for i, row in enumerate(original.rows) for j, value in enumerate(row)
        if j and isinstance(value, int)
    }
    unknown = [cell for cell in cells if isinstance(shown.rows[cell[0]][cell[1]], Fewer | Hidden)]
    sums = [
        ({cell: 1 for cell in cells if cell[1] == j}, sum(value for cell, value in cells.items() if cell[1] == j))
        for j in {j for _, j in cells}
    ]
    if original.total_column is not None:
        k = original.total_column
        sums += [
            ({**{cell: 1 for cell in cells if cell[0] == i and cell[1] < k}, (i, k): -1}, 0)
            for i in range(len(original.rows))
        ]
    domains = [
        range(1, threshold) if isinstance(shown.rows[i][j], Fewer) else range(max(cells.values()) + 1)
        for i, j in unknown
    ]
    found = {cell: set() for cell in unknown if isinstance(shown.rows[cell[0]][cell[1]], Fewer)}
    for guess in itertools.product(*domains):
        values = cells | dict(zip(unknown, guess))
        if all(sum(coefficient * values[cell] for cell, coefficient in terms.items()) == total for terms, total in sums):
            for cell in found:
                found[cell].add(values[cell])
    return found


def primary_only(table: Table, threshold: int) -> Table:
    """The table as the rule hid it before: each small count alone, its share still shown."""
    shown = copy.deepcopy(table)
    shown.rows = [[Fewer(threshold) if isinstance(cell, int) and 0 < cell < threshold else cell for cell in row]
                  for row in table.rows]
    return shown


def by_home_branch() -> Table:
    return Table(
        slug="home-branch", title="Complaints by the patron's home branch", summary="",
        columns=["Home branch", "Complaints", "Share (%)"],
        rows=[["Main", 12, 52.2], ["Eastside", 2, 8.7], ["Westside", 9, 39.1], ["All branches", 23, 100.0]],
        patron_attribute=True,
    )


def by_age_and_end() -> Table:
    return Table(
        slug="age", title="Complaints by the patron's age group and how they ended", summary="",
        columns=["Age group", "Resolved", "Withdrawn", "All", "Share (%)"],
        rows=[
            ["Under 18", 4, 1, 5, 14.3],
            ["18 to 64", 15, 6, 21, 60.0],
            ["65 and over", 7, 2, 9, 25.7],
            ["All ages", 26, 9, 35, 100.0],
        ],
        patron_attribute=True,
        total_column=3,
    )


def test_hiding_a_small_count_alone_gave_it_away_by_subtraction():
    """Eastside's "fewer than 3" was 23 − 12 − 9: the reader is sure it is 2."""
    original = by_home_branch()
    assert readings(original, primary_only(original, 3), 3) == {(1, 1): {2}}


def test_a_second_count_of_its_column_is_hidden_so_the_subtraction_leaves_it_open():
    original = by_home_branch()
    shown = protect(copy.deepcopy(original), 3)
    assert shown.rows == [
        ["Main", 12, 52.2], ["Eastside", Fewer(3), Hidden()], ["Westside", Hidden(), Hidden()], ["All branches", 23, 100.0]
    ]
    assert readings(original, shown, 3) == {(1, 1): {1, 2}}
    assert shown.notes[-1] == "Some other numbers are “hidden”, so that those counts cannot be worked out from a total."
    assert [csv_cell(cell) for cell in shown.rows[2]] == ["Westside", "hidden", "hidden"]


def test_a_row_total_and_a_column_total_together_leave_it_open():
    original = by_age_and_end()
    shown = protect(copy.deepcopy(original), 3)
    assert readings(original, primary_only(original, 3), 3) == {(0, 2): {1}, (2, 2): {2}}
    assert readings(original, shown, 3) == {(0, 2): {1, 2}, (2, 2): {1, 2}}
    assert shown.rows[1] == ["18 to 64", 15, 6, 21, 60.0]
    assert shown.rows[3] == ["All ages", 26, 9, 35, 100.0]


def test_two_ones_that_sum_to_two_are_not_left_alone():
    """Hidden together, two counts of 1 in a column whose other counts are shown still give
    themselves away: fewer than 3 each, summing to 2, both are 1."""
    original = Table(
        slug="cards", title="Card status", summary="", columns=["Card status", "Patrons"],
        rows=[["Active", 10], ["Lost", 1], ["Blocked", 1], ["Expired", 8]], patron_attribute=True,
    )
    assert readings(original, primary_only(original, 3), 3) == {(1, 1): {1}, (2, 1): {1}}
    shown = protect(copy.deepcopy(original), 3)
    assert shown.rows[3] == ["Expired", Hidden()]
    assert readings(original, shown, 3) == {(1, 1): {1, 2}, (2, 1): {1, 2}}


def test_small_counts_that_leave_each_other_open_need_no_second_cell():
    original = Table(
        slug="t", title="t", summary="", columns=["Home branch", "Patrons"],
        rows=[["Main", 7], ["Eastside", 2], ["Westside", 1], ["North", 0], ["South", 3]], patron_attribute=True,
    )
    shown = protect(copy.deepcopy(original), 3)
    assert shown.rows == [["Main", 7], ["Eastside", Fewer(3)], ["Westside", Fewer(3)], ["North", 0], ["South", 3]]
    assert readings(original, shown, 3) == {(1, 1): {1, 2}, (2, 1): {1, 2}}
