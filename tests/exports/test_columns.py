"""The export columns: defined once, in this order, and documented in the README in the same order."""

from pathlib import Path

import pytest

from commitments.exports import columns
from tests.exports.test_views import COMMITMENT_HEADER, MOTION_HEADER


def test_columns_are_defined_once_in_this_order():
    assert [column.header for column in columns.COMMITMENT_COLUMNS] == COMMITMENT_HEADER
    assert [column.header for column in columns.MOTION_COLUMNS] == MOTION_HEADER


@pytest.mark.parametrize(("section", "header"), [("Toezeggingen", COMMITMENT_HEADER), ("Moties", MOTION_HEADER)])
def test_documentation_lists_every_column_in_order(section, header):
    text = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    part = text.split(f"### {section}", 1)[1].split("\n#", 1)[0]
    documented = [line.split("`")[1] for line in part.splitlines() if line.startswith("- `")]
    assert documented == header
