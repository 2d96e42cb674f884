"""`manage.py parse_deadline`: the single, --json and --batch forms, against the database calendar."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from commitments.models import Recess
from commitments.selectors.calendar import calendar_from_database

pytestmark = pytest.mark.django_db


def run(*args, stdin=None):
    out = StringIO()
    options = {"stdout": out}
    if stdin is not None:
        options["stdin"] = StringIO(stdin)
    call_command("parse_deadline", *args, **options)
    return out.getvalue()


def batch(text):
    return [json.loads(line) for line in run("--batch", stdin=text).splitlines()]


def test_single_form_prints_a_readable_result_in_dutch():
    output = run("voor de zomer van 2021", "--made-on", "2021-01-27")
    assert "Uiterste datum: do 8 juli 2021" in output
    assert "Regel:          voor_zomerreces" in output
    assert "dag vóór het zomerreces 2021 (vr 9 juli)" in output


def test_json_form_prints_one_object_with_iso_dates():
    data = json.loads(run("na de zomer", "--made-on", "2021-06-15", "--json"))
    assert data["due_date"] == "2021-09-30"
    assert data["earliest_date"] == "2021-09-07"
    assert (data["precision"], data["anchor"], data["rule"]) == ("month", "recess", "na_zomer")
    assert data["explanation"]


def test_json_form_of_an_unknown_phrase_has_null_dates():
    data = json.loads(run("geen idee", "--made-on", "2021-06-15", "--json"))
    assert (data["due_date"], data["earliest_date"], data["precision"], data["rule"]) == (None, None, "none", "unknown")


def test_kamer_option_uses_the_eerste_kamer_recesses():
    data = json.loads(run("voor de zomer", "--made-on", "2023-03-01", "--kamer", "EK", "--json"))
    assert data["due_date"] == "2023-07-11"


def test_calendar_comes_from_the_database_not_the_csv():
    Recess.objects.filter(chamber="TK", kind="zomerreces", start__year=2021).update(
        start=date(2021, 7, 2), end=date(2021, 8, 30)
    )
    data = json.loads(run("voor de zomer", "--made-on", "2021-01-27", "--json"))
    assert data["due_date"] == "2021-07-01"


def test_empty_recess_table_falls_back_to_the_pattern_and_says_so():
    Recess.objects.all().delete()
    assert len(calendar_from_database()) == 0
    data = json.loads(run("voor het meireces", "--made-on", "2024-01-10", "--json"))
    # The CSV is not consulted: the meireces comes from the regular pattern, which it says.
    assert data["due_date"] == "2024-04-25"
    assert "volgens het gebruikelijke patroon" in data["explanation"]
    summer = json.loads(run("voor de zomer", "--made-on", "2024-01-10", "--json"))
    assert summer["due_date"] == "2024-07-04"
    assert "volgens het gebruikelijke patroon" in summer["explanation"]


@pytest.mark.parametrize("bad", ["27-01-2021", "2021-02-30", "gisteren", "20210127", ""])
def test_bad_made_on_is_a_clear_dutch_error(bad):
    with pytest.raises(CommandError, match="datum"):
        run("voor de zomer", "--made-on", bad)


def test_missing_made_on_is_an_error():
    with pytest.raises(CommandError, match="--made-on"):
        run("voor de zomer")


def test_missing_phrase_without_batch_is_an_error():
    with pytest.raises(CommandError, match="termijn"):
        run("--made-on", "2021-01-27")


def test_batch_prints_one_json_object_per_line_in_order():
    results = batch(
        "voor de zomer van 2021\t2021-01-27\n"
        "in januari\t2021-01-20\n"
        "voor de zomer\t2023-03-01\tEK\n"
        "binnenkort\t2021-01-27\n"
    )
    assert [r["due_date"] for r in results] == ["2021-07-08", "2021-01-31", "2023-07-11", None]
    assert [r["rule"] for r in results] == ["voor_zomerreces", "in_maand", "voor_zomerreces", "binnenkort"]


@pytest.mark.parametrize(
    "line, reason",
    [
        ("voor de zomer", "veld"),
        ("voor de zomer\tgisteren", "ongeldige datum"),
        ("voor de zomer\t2021-02-30", "ongeldige datum"),
        ("voor de zomer\t2021-01-27\tXX", "onbekende Kamer"),
        ("a\tb\tc\td", "veld"),
        ("", "veld"),
        ("geen termijn hier\t2021-01-27", "termijn niet herkend"),
    ],
)
def test_a_line_that_cannot_be_read_gives_null_dates_and_no_precision(line, reason):
    [result] = batch(line + "\n")
    assert (result["due_date"], result["earliest_date"], result["precision"], result["anchor"]) == (
        None,
        None,
        "none",
        "none",
    )
    assert reason in result["explanation"]


def test_garbage_lines_do_not_stop_the_batch_or_shift_the_output():
    results = batch(
        "voor de zomer\t2021-01-27\n"
        "\x00\x01\x02 rommel zonder tab\n"
        "🙂 ∑ \u202e\tniet-een-datum\tTK\n"
        "\t\t\t\n" + "x" * 100_000 + "\t2021-01-27\n"
        "in januari\t2021-01-20\r\n"
    )
    assert len(results) == 6
    assert results[0]["due_date"] == "2021-07-08"
    assert all(r["due_date"] is None for r in results[1:5])
    assert results[5]["due_date"] == "2021-01-31"


def test_batch_default_chamber_comes_from_the_kamer_option():
    output = run("--batch", "--kamer", "EK", stdin="voor de zomer\t2023-03-01\n")
    [result] = [json.loads(line) for line in output.splitlines()]
    assert result["due_date"] == "2023-07-11"


def test_batch_with_a_phrase_on_the_command_line_is_an_error():
    with pytest.raises(CommandError):
        run("voor de zomer", "--batch", stdin="")


def test_batch_reads_bytes_with_invalid_utf8_without_crashing():
    class BinaryStdin:
        buffer = [
            b"\xef\xbb\xbfvoor de zomer\t2021-01-27\n",
            b"\xff\xfe kapot\t2021-01-27\n",
            b"in januari\t2021-01-20\n",
        ]

    out = StringIO()
    call_command("parse_deadline", "--batch", stdin=BinaryStdin(), stdout=out)
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["due_date"] for r in results] == ["2021-07-08", None, "2021-01-31"]
