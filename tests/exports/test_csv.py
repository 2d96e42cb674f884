"""Writing CSV cells: spreadsheet formulas are neutralised, numbers and harmless text are left alone."""

from commitments.exports import csv as exports


def test_text_with_an_equals_sign_inside_is_left_alone():
    assert exports.neutralise("De staatssecretaris = bewindspersoon") == "De staatssecretaris = bewindspersoon"


def test_a_date_is_left_alone():
    assert exports.neutralise("2026-11-22") == "2026-11-22"


def test_a_number_is_written_as_a_number():
    assert exports.neutralise(21) == 21


def test_none_is_an_empty_cell():
    assert exports.neutralise(None) == ""


def test_text_that_looks_like_a_negative_number_is_quoted():
    assert exports.neutralise("-3") == "'-3"  # text is text: only numbers are written unquoted
