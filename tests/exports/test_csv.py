"""Text cells (`columns.text`): spreadsheet formulas are neutralised in SQL, harmless text is left
alone, empty text is NULL (written as an empty cell by COPY and by Python's csv writer alike)."""

import pytest
from django.db.models import CharField, Value

from commitments.exports.columns import text
from commitments.exports.csv import FORMULA_PREFIXES
from commitments.models import Ministry
from tests import factories

pytestmark = pytest.mark.django_db


def cell(value):
    factories.MinistryFactory()
    return Ministry.objects.annotate(cell=text(Value(value, output_field=CharField()))).values_list("cell", flat=True)[
        0
    ]


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES)
def test_text_starting_with_a_formula_prefix_gets_a_leading_quote(prefix):
    assert cell(f"{prefix}SUM(A1)") == f"'{prefix}SUM(A1)"


def test_text_with_an_equals_sign_inside_is_left_alone():
    assert cell("De staatssecretaris = bewindspersoon") == "De staatssecretaris = bewindspersoon"


def test_a_date_is_left_alone():
    assert cell("2026-11-22") == "2026-11-22"


def test_text_that_looks_like_a_negative_number_is_quoted():
    assert cell("-3") == "'-3"  # text is text: only numbers are written unquoted


def test_empty_text_and_none_are_null():
    assert cell("") is None
    assert cell(None) is None
