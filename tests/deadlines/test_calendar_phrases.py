"""Calendar phrases: years, halves, quarters, seasons, months, dates and durations."""

from datetime import date

import pytest

from tests.deadlines.helpers import D, assert_due, derive


@pytest.mark.parametrize(
    "phrase, made_on, due, rule",
    [
        ("eind 2020", "2020-06-01", "2020-12-31", "eind_jaar"),
        ("eind dit jaar", "2021-05-01", "2021-12-31", "eind_jaar"),
        ("voor het einde van het jaar", "2021-03-01", "2021-12-31", "dit_jaar"),
        ("voor de jaarwisseling", "2022-10-10", "2022-12-31", "dit_jaar"),
        ("nog dit jaar", "2023-02-02", "2023-12-31", "dit_jaar"),
    ],
)
def test_end_of_year_phrases_are_due_31_december(phrase, made_on, due, rule):
    assert_due(phrase, made_on, due, rule=rule)


@pytest.mark.parametrize(
    "phrase, made_on, due",
    [
        ("begin 2022", "2021-06-01", "2022-03-31"),
        ("begin volgend jaar", "2021-10-01", "2022-03-31"),
        ("in het nieuwe jaar", "2020-12-01", "2021-03-31"),
    ],
)
def test_beginning_of_a_year_is_due_31_march(phrase, made_on, due):
    assert_due(phrase, made_on, due, rule="begin_jaar")


@pytest.mark.parametrize(
    "phrase, made_on, due",
    [
        ("medio 2021", "2020-11-01", "2021-07-31"),
        ("halverwege 2022", "2022-01-15", "2022-07-31"),
        ("medio volgend jaar", "2021-05-01", "2022-07-31"),
    ],
)
def test_middle_of_a_year_is_due_31_july(phrase, made_on, due):
    assert_due(phrase, made_on, due, rule="medio_jaar")


@pytest.mark.parametrize(
    "phrase, made_on, due, rule, earliest",
    [
        ("in de eerste helft van 2021", "2020-10-01", "2021-06-30", "eerste_helft", "2021-01-01"),
        ("in de tweede helft van 2020", "2020-03-01", "2020-12-31", "tweede_helft", "2020-07-01"),
        ("de eerste helft van volgend jaar", "2021-05-01", "2022-06-30", "eerste_helft", "2022-01-01"),
    ],
)
def test_half_of_a_year_is_due_30_june_or_31_december(phrase, made_on, due, rule, earliest):
    result = assert_due(phrase, made_on, due, rule=rule, earliest=earliest)
    assert result.precision == "half_year"


@pytest.mark.parametrize(
    "phrase, made_on, due, earliest",
    [
        ("in het eerste kwartaal van 2022", "2021-11-01", "2022-03-31", "2022-01-01"),
        ("Q3 2021", "2021-01-01", "2021-09-30", "2021-07-01"),
        ("in het tweede kwartaal", "2021-07-01", "2022-06-30", "2022-04-01"),
        ("vierde kwartaal", "2021-05-01", "2021-12-31", "2021-10-01"),
    ],
)
def test_a_quarter_is_due_on_its_last_day(phrase, made_on, due, earliest):
    result = assert_due(phrase, made_on, due, rule="in_kwartaal", earliest=earliest)
    assert result.precision == "quarter"


@pytest.mark.parametrize(
    "phrase, made_on, due",
    [
        ("in het voorjaar van 2021", "2020-12-01", "2021-06-30"),
        ("in het voorjaar", "2021-08-01", "2022-06-30"),
        ("dit voorjaar", "2022-02-01", "2022-06-30"),
    ],
)
def test_in_the_spring_is_due_30_june(phrase, made_on, due):
    assert_due(phrase, made_on, due, rule="in_voorjaar")


@pytest.mark.parametrize(
    "phrase, made_on, due",
    [
        ("in het najaar", "2021-04-01", "2021-12-31"),
        ("in het najaar van 2022", "2021-11-01", "2022-12-31"),
    ],
)
def test_in_the_autumn_is_due_31_december(phrase, made_on, due):
    assert_due(phrase, made_on, due, rule="in_najaar")


@pytest.mark.parametrize(
    "phrase, made_on, due",
    [
        ("in januari", "2020-11-20", "2021-01-31"),
        ("in maart 2025", "2024-12-12", "2025-03-31"),
        ("in februari", "2024-01-10", "2024-02-29"),
        ("uiterlijk in juni", "2021-01-10", "2021-06-30"),
    ],
)
def test_in_a_month_is_due_on_its_last_day(phrase, made_on, due):
    result = assert_due(phrase, made_on, due, rule="in_maand")
    assert result.earliest_date == D(due).replace(day=1)


@pytest.mark.parametrize(
    "phrase, made_on, due, rule",
    [
        ("begin maart", "2021-01-05", "2021-03-10", "begin_maand"),
        ("medio april", "2021-01-05", "2021-04-20", "medio_maand"),
        ("half april", "2021-01-05", "2021-04-20", "medio_maand"),
        ("midden april", "2021-01-05", "2021-04-20", "medio_maand"),
        ("eind februari 2023", "2023-01-05", "2023-02-28", "eind_maand"),
        ("eind juni", "2021-01-05", "2021-06-30", "eind_maand"),
    ],
)
def test_begin_middle_end_of_a_month_are_the_10th_20th_and_last_day(phrase, made_on, due, rule):
    result = assert_due(phrase, made_on, due, rule=rule)
    assert result.precision == "dekade"


@pytest.mark.parametrize(
    "phrase, made_on, due, rule",
    [
        ("voor 1 maart 2021", "2021-01-01", "2021-02-28", "voor_datum"),
        ("vóór 1 januari", "2021-06-01", "2021-12-31", "voor_datum"),
        ("uiterlijk 15 oktober", "2021-06-01", "2021-10-15", "uiterlijk_datum"),
        ("uiterlijk 1 april 2022", "2021-06-01", "2022-04-01", "uiterlijk_datum"),
        ("uiterlijk 15-03-2021", "2021-01-01", "2021-03-15", "uiterlijk_datum"),
        ("niet later dan 2021-04-01", "2021-01-01", "2021-04-01", "uiterlijk_datum"),
    ],
)
def test_before_a_date_is_the_day_before_and_at_the_latest_is_that_day(phrase, made_on, due, rule):
    assert_due(phrase, made_on, due, rule=rule)


@pytest.mark.parametrize(
    "phrase, made_on, due, rule",
    [
        ("binnen drie weken", "2021-01-27", "2021-02-17", "termijn_weken"),
        ("binnen 14 dagen", "2021-01-27", "2021-02-10", "termijn_dagen"),
        ("over twee maanden", "2021-03-15", "2021-05-15", "termijn_maanden"),
        ("binnen een jaar", "2021-01-27", "2022-01-27", "termijn_jaren"),
        ("binnen een half jaar", "2021-01-27", "2021-07-27", "termijn_maanden"),
        ("binnen de komende 3 maanden", "2021-01-27", "2021-04-27", "termijn_maanden"),
    ],
)
def test_within_a_duration_counts_from_the_day_the_promise_was_made(phrase, made_on, due, rule):
    result = assert_due(phrase, made_on, due, rule=rule)
    assert result.anchor == "duration"


@pytest.mark.parametrize(
    "word, number",
    [
        ("een", 1),
        ("één", 1),
        ("twee", 2),
        ("drie", 3),
        ("vier", 4),
        ("vijf", 5),
        ("zes", 6),
        ("zeven", 7),
        ("acht", 8),
        ("negen", 9),
        ("tien", 10),
        ("elf", 11),
        ("twaalf", 12),
    ],
)
def test_number_words_count_like_digits(word, number):
    result = derive(f"binnen {word} weken", "2021-01-01")
    assert result.due_date == date.fromordinal(D("2021-01-01").toordinal() + 7 * number)
