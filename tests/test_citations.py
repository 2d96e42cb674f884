"""Specification of citation parsing and the canonical citation format.

Pure functions: no database, no Django settings needed.
"""

import contextlib
import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commitments.citations import (
    Citation,
    CitationError,
    find_citations,
    format_vergaderjaar,
    parse_citation,
    parse_dossier,
    parse_vergaderjaar,
)

OB = "https://zoek.officielebekendmakingen.nl/"
THIN_SPACE = "\u2009"
NARROW_NO_BREAK_SPACE = "\u202f"
NO_BREAK_SPACE = "\u00a0"
EN_DASH = "\u2013"


def fields(citation):
    return (
        citation.kind,
        citation.chamber,
        citation.dossier_number,
        citation.dossier_suffix,
        citation.ondernummer,
        citation.vergaderjaar,
        citation.number,
        citation.item,
    )


def canonical_forms(citation):
    return (citation.citation, citation.slug, citation.official_url, citation.dossier_slug)


# --------------------------------------------------------- Kamerstuk 31015, nr. 192


@pytest.mark.parametrize(
    "text, vergaderjaar",
    [
        ("Kamerstuk 31 015, nr. 192", ""),
        (f"Kamerstuk 31{THIN_SPACE}015, nr. 192", ""),
        (f"Kamerstuk 31{NARROW_NO_BREAK_SPACE}015, nr. 192", ""),
        (f"Kamerstuk 31{NO_BREAK_SPACE}015, nr. 192", ""),
        ("Kamerstukken II 2019/20, 31 015, nr. 192", "2019-2020"),
        ("Kamerstukken II 2019-2020, 31015, nr. 192", "2019-2020"),
        (f"Kamerstukken II 2019{EN_DASH}2020, 31 015, nr. 192", "2019-2020"),
        ("Kamerstukken II 2019 -2020, 31 015, nr. 192", "2019-2020"),
        ("Kamerstukken II, 2019-2020, 31 015, nr. 192", "2019-2020"),
        ("Kamerstukken 2019-2020 31015, nr. 192", "2019-2020"),
        (f"Tweede Kamer, vergaderjaar 2019{EN_DASH}2020, 31 015, nr. 192", "2019-2020"),
        ("TK 31 015, nr. 192", ""),
        ("31015 nr. 192", ""),
        ("31 015, nr. 192", ""),
        ("(31015 nr. 192)", ""),
        ("31015-192", ""),
        ("kst-31015-192", ""),
        ("Kamerstuk 31015-192", ""),
        ("nr. 192 (31015)", ""),
        ("https://zoek.officielebekendmakingen.nl/kst-31015-192.html", ""),
        ("zoek.officielebekendmakingen.nl/kst-31015-192", ""),
        ("https://zoek.officielebekendmakingen.nl/kst-31015-192.pdf", ""),
        ("kamerstuk 31 015, NR. 192", ""),
        ("KST-31015-192", ""),
        ("  Kamerstuk 31 015, nr. 192.  ", ""),
        ("Kamerstuk 31 015 nr 192", ""),
    ],
)
def test_every_spelling_of_kamerstuk_31015_nr_192_is_read_as_that_paper(text, vergaderjaar):
    citation = parse_citation(text)

    assert fields(citation) == ("kamerstuk", "TK", "31015", "", "192", vergaderjaar, "", "")
    assert canonical_forms(citation) == (
        "Kamerstuk 31015-192",
        "31015-192",
        OB + "kst-31015-192.html",
        "31015",
    )


@pytest.mark.parametrize(
    "text, vergaderjaar",
    [
        ("Kamerstuk 36 200 XVI, nr. 22", ""),
        (f"Kamerstuk 36{THIN_SPACE}200 XVI, nr. 22", ""),
        ("Kamerstukken II 2021/22, 36 200 XVI, nr. 22", "2021-2022"),
        ("Kamerstuk 36200-XVI, nr. 22", ""),
        ("36200-XVI-22", ""),
        ("36200-xvi-22", ""),
        ("kst-36200-XVI-22", ""),
        ("Kamerstuk 36200-XVI-22", ""),
        (OB + "kst-36200-XVI-22.html", ""),
    ],
)
def test_dossier_with_a_roman_numeral_suffix_keeps_the_suffix(text, vergaderjaar):
    citation = parse_citation(text)

    assert fields(citation) == ("kamerstuk", "TK", "36200", "XVI", "22", vergaderjaar, "", "")
    assert canonical_forms(citation) == (
        "Kamerstuk 36200-XVI-22",
        "36200-XVI-22",
        OB + "kst-36200-XVI-22.html",
        "36200-XVI",
    )


@pytest.mark.parametrize(
    "text",
    ["Kamerstuk 35 300 A, nr. 3", "Kamerstuk 35300-A, nr. 3", "35300-A-3", "kst-35300-A-3"],
)
def test_dossier_with_a_letter_suffix_keeps_the_suffix(text):
    citation = parse_citation(text)

    assert fields(citation) == ("kamerstuk", "TK", "35300", "A", "3", "", "", "")
    assert canonical_forms(citation) == (
        "Kamerstuk 35300-A-3",
        "35300-A-3",
        OB + "kst-35300-A-3.html",
        "35300-A",
    )


@pytest.mark.parametrize("text", ["Kamerstuk 21 501-20, nr. 1234", "21501-20-1234"])
def test_numbered_sub_dossier_of_21501_keeps_its_number_as_suffix(text):
    citation = parse_citation(text)

    assert (citation.dossier_slug, citation.ondernummer) == ("21501-20", "1234")
    assert citation.official_url == OB + "kst-21501-20-1234.html"


# ---------------------------------------------------------------- Eerste Kamer


@pytest.mark.parametrize(
    "text, vergaderjaar",
    [
        ("Kamerstukken I 2019/20, 33268, F", "2019-2020"),
        ("Kamerstukken I 2019/20, 33 268, F", "2019-2020"),
        ("I 33268, F", ""),
        ("EK 33268, F", ""),
        ("EK 33 268 F", ""),
        ("Eerste Kamer, vergaderjaar 2019-2020, 33 268, F", "2019-2020"),
        ("ek-33268-F", ""),
        ("ek-33268-f", ""),
        ("Kamerstuk I 33268-F", ""),
        ("kst-33268-F", ""),
        (OB + "kst-33268-F.html", ""),
    ],
)
def test_eerste_kamer_paper_is_read_with_its_letter(text, vergaderjaar):
    citation = parse_citation(text)

    assert fields(citation) == ("kamerstuk", "EK", "33268", "", "F", vergaderjaar, "", "")
    assert canonical_forms(citation) == (
        "Kamerstuk I 33268-F",
        "ek-33268-F",
        OB + "kst-33268-F.html",
        "33268",
    )


def test_eerste_kamer_paper_in_a_dossier_with_suffix_keeps_both():
    citation = parse_citation("Kamerstukken I 2021/22, 36 200 XVI, A")

    assert (citation.chamber, citation.dossier_slug, citation.ondernummer) == (
        "EK",
        "36200-XVI",
        "A",
    )
    assert citation.citation == "Kamerstuk I 36200-XVI-A"
    assert citation.slug == "ek-36200-XVI-A"


# ----------------------------------------------------- Handelingen and Aanhangsel


@pytest.mark.parametrize(
    "text",
    [
        "Handelingen II 2020/21, nr. 19, item 8",
        "Handelingen II 2020-2021, nr. 19, item 8",
        f"Handelingen II 2020{EN_DASH}2021, nr. 19, item 8",
        "Handelingen II, vergaderjaar 2020-2021, nr. 19, item 8",
        "Handelingen 2020/21, nr. 19, item 8",
        "handelingen ii 2020/21 nr 19, item 8.",
        "TK 2020/21, nr. 19, item 8",
        "h-tk-20202021-19-8",
        OB + "h-tk-20202021-19-8.html",
    ],
)
def test_handelingen_item_is_read_in_every_spelling(text):
    citation = parse_citation(text)

    assert fields(citation) == ("handelingen", "TK", "", "", "", "2020-2021", "19", "8")
    assert canonical_forms(citation) == (
        "Handelingen II 2020/21, nr. 19, item 8",
        "h-tk-20202021-19-8",
        OB + "h-tk-20202021-19-8.html",
        "",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Handelingen I 2016/17, nr. 19, item 5",
        "EK 2016/2017, nr. 19, item 5",
        "h-ek-20162017-19-5",
    ],
)
def test_eerste_kamer_handelingen_use_roman_one_and_h_ek(text):
    citation = parse_citation(text)

    assert fields(citation) == ("handelingen", "EK", "", "", "", "2016-2017", "19", "5")
    assert citation.citation == "Handelingen I 2016/17, nr. 19, item 5"
    assert citation.slug == "h-ek-20162017-19-5"
    assert citation.official_url == OB + "h-ek-20162017-19-5.html"


@pytest.mark.parametrize(
    "text",
    [
        "Aanhangsel Handelingen II 2020/21, nr. 1139",
        f"Aanhangsel Handelingen, vergaderjaar 2020{EN_DASH}2021, nr. 1139",
        f"Aanhangsel Handelingen, vergaderjaar 2020{EN_DASH}2021, nr. 1139.",
        "Aanhangsel van de Handelingen II 2020/21, nr. 1139",
        "Handelingen II 2020/21, Aanhangsel, nr. 1139",
        "ah-tk-20202021-1139",
        OB + "ah-tk-20202021-1139.html",
    ],
)
def test_aanhangsel_handelingen_is_read_and_defaults_to_the_tweede_kamer(text):
    citation = parse_citation(text)

    assert fields(citation) == ("aanhangsel", "TK", "", "", "", "2020-2021", "1139", "")
    assert canonical_forms(citation) == (
        "Aanhangsel Handelingen II 2020/21, nr. 1139",
        "ah-tk-20202021-1139",
        OB + "ah-tk-20202021-1139.html",
        "",
    )


def test_eerste_kamer_aanhangsel_uses_ah_ek():
    citation = parse_citation("Aanhangsel Handelingen I 2020/21, nr. 12")

    assert citation.chamber == "EK"
    assert citation.slug == "ah-ek-20202021-12"
    assert citation.citation == "Aanhangsel Handelingen I 2020/21, nr. 12"


# ------------------------------------------------------------------ round trips

EXAMPLES = [
    "Kamerstukken II 2019/20, 31 015, nr. 192",
    "Kamerstuk 31 015, nr. 205",
    "Kamerstukken II 2021/22, 36 200 XVI, nr. 22",
    "Kamerstuk 35 300 A, nr. 3",
    "Kamerstuk 21 501-20, nr. 1234",
    "Kamerstukken I 2019/20, 33268, F",
    "Kamerstukken I 2021/22, 36 200 XVI, A",
    "Handelingen II 2020/21, nr. 19, item 8",
    "Handelingen I 2016/17, nr. 19, item 5",
    "Aanhangsel Handelingen II 2020/21, nr. 1139",
    "Aanhangsel Handelingen I 1999/00, nr. 7",
]


@pytest.mark.parametrize("text", EXAMPLES)
def test_canonical_citation_parses_back_to_the_same_paper(text):
    citation = parse_citation(text)

    assert parse_citation(citation.citation) == citation.identity()


@pytest.mark.parametrize("text", EXAMPLES)
def test_slug_parses_back_to_the_same_paper(text):
    citation = parse_citation(text)

    assert parse_citation(citation.slug) == citation.identity()


@pytest.mark.parametrize("text", EXAMPLES)
def test_official_url_parses_back_to_the_same_paper(text):
    citation = parse_citation(text)

    assert parse_citation(citation.official_url) == citation.identity()


@pytest.mark.parametrize("text", EXAMPLES)
def test_slug_is_url_safe(text):
    slug = parse_citation(text).slug

    assert slug.isascii()
    assert all(char.isalnum() or char == "-" for char in slug)


def test_str_of_a_citation_is_its_canonical_text():
    assert str(parse_citation("TK 31 015, nr. 192")) == "Kamerstuk 31015-192"


def test_identity_drops_a_kamerstuks_vergaderjaar_but_not_handelingens():
    kamerstuk = parse_citation("Kamerstukken II 2019/20, 31 015, nr. 192")
    handelingen = parse_citation("Handelingen II 2020/21, nr. 19, item 8")

    assert kamerstuk.identity() == parse_citation("31015-192")
    assert kamerstuk.identity().vergaderjaar == ""
    assert handelingen.identity() == handelingen


def test_same_paper_with_and_without_vergaderjaar_shares_its_slug():
    with_year = parse_citation("Kamerstukken II 2019/20, 31 015, nr. 192")
    without_year = parse_citation("31015-192")

    assert with_year != without_year
    assert with_year.slug == without_year.slug


def test_citation_is_hashable_and_immutable():
    citation = parse_citation("31015-192")

    assert {citation, parse_citation("kst-31015-192")} == {citation}
    with pytest.raises(dataclasses.FrozenInstanceError):
        citation.ondernummer = "193"


kamerstukken = st.builds(
    lambda dossier, suffix, chamber, number, letter, year: Citation.kamerstuk(
        str(dossier),
        letter if chamber == "EK" else number,
        suffix=suffix,
        chamber=chamber,
        vergaderjaar=f"{year}-{year + 1}" if year else "",
    ),
    dossier=st.integers(10000, 99999),
    suffix=st.sampled_from(["", "XVI", "VII", "IXB", "A", "J", "20"]),
    chamber=st.sampled_from(["TK", "EK"]),
    number=st.integers(1, 9999),
    letter=st.sampled_from(["A", "F", "Z", "AB", "BC"]),
    year=st.one_of(st.none(), st.integers(1814, 2100)),
)
handelingen = st.builds(
    lambda year, number, item, chamber: Citation.handelingen(
        f"{year}/{(year + 1) % 100:02d}", number, item, chamber=chamber
    ),
    year=st.integers(1814, 2100),
    number=st.integers(1, 999),
    item=st.integers(1, 999),
    chamber=st.sampled_from(["TK", "EK"]),
)
aanhangsels = st.builds(
    lambda year, number, chamber: Citation.aanhangsel(f"{year}{year + 1}", number, chamber=chamber),
    year=st.integers(1814, 2100),
    number=st.integers(1, 9999),
    chamber=st.sampled_from(["TK", "EK"]),
)


@given(st.one_of(kamerstukken, handelingen, aanhangsels))
def test_any_valid_citation_survives_a_round_trip_through_each_canonical_form(citation):
    for form in (citation.citation, citation.slug, citation.official_url):
        assert parse_citation(form) == citation.identity()


@given(st.text(alphabet=st.sampled_from("0123456789 ,.-/IVXAFkstnr\u2009\u2013hetK"), max_size=40))
def test_parse_citation_fails_only_with_citation_error(text):
    with contextlib.suppress(CitationError):
        parse_citation(text)


# ----------------------------------------------------------------- constructors


def test_kamerstuk_constructor_normalises_loose_parts():
    citation = Citation.kamerstuk(f"31{THIN_SPACE}015", 192, vergaderjaar="2019/20")

    assert citation == parse_citation("Kamerstukken II 2019/20, 31 015, nr. 192")


def test_kamerstuk_constructor_reads_a_suffix_inside_the_dossier():
    assert Citation.kamerstuk("36200-XVI", "22").slug == "36200-XVI-22"
    assert Citation.kamerstuk("36200", "22", suffix="xvi").slug == "36200-XVI-22"


def test_kamerstuk_constructor_accepts_roman_numeral_chamber():
    assert Citation.kamerstuk("33268", "f", chamber="I").slug == "ek-33268-F"


def test_handelingen_and_aanhangsel_constructors_build_canonical_citations():
    assert Citation.handelingen("2020-2021", 19, 8).slug == "h-tk-20202021-19-8"
    assert Citation.aanhangsel("2020/21", "1139").slug == "ah-tk-20202021-1139"


@pytest.mark.parametrize(
    "values",
    [
        {"kind": "motie"},
        {"kind": "kamerstuk", "chamber": "II", "dossier_number": "31015", "ondernummer": "192"},
        {"kind": "kamerstuk", "dossier_number": "31 015", "ondernummer": "192"},
        {"kind": "kamerstuk", "dossier_number": "31015", "ondernummer": "192", "item": "3"},
        {"kind": "kamerstuk", "dossier_number": "31015", "ondernummer": "0192"},
        {"kind": "handelingen", "vergaderjaar": "2020/21", "number": "19", "item": "8"},
    ],
)
def test_citation_rejects_fields_that_are_not_canonical(values):
    with pytest.raises(CitationError):
        Citation(**values)


# ----------------------------------------------------------------- vergaderjaar


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2019/20", "2019-2020"),
        ("2019/2020", "2019-2020"),
        ("2019-20", "2019-2020"),
        ("2019-2020", "2019-2020"),
        (f"2019{EN_DASH}2020", "2019-2020"),
        ("2019 - 2020", "2019-2020"),
        ("20192020", "2019-2020"),
        ("1999/00", "1999-2000"),
    ],
)
def test_vergaderjaar_spellings_normalise_to_the_long_form(text, expected):
    assert parse_vergaderjaar(text) == expected


@pytest.mark.parametrize("text", ["2019/22", "2019-2019", "2020/19", "20192021", "2019", "abc"])
def test_vergaderjaar_without_two_consecutive_years_is_rejected(text):
    with pytest.raises(CitationError, match="vergaderjaar"):
        parse_vergaderjaar(text)


@pytest.mark.parametrize("style, expected", [("long", "2020-2021"), ("short", "2020/21"), ("compact", "20202021")])
def test_format_vergaderjaar_writes_each_style(style, expected):
    assert format_vergaderjaar("2020/21", style) == expected


def test_format_vergaderjaar_rejects_an_unknown_style():
    with pytest.raises(ValueError):
        format_vergaderjaar("2020-2021", "roman")


# ---------------------------------------------------------------------- dossiers


@pytest.mark.parametrize(
    "text, expected",
    [
        ("31 015", ("31015", "")),
        (f"31{THIN_SPACE}015", ("31015", "")),
        ("36200-XVI", ("36200", "XVI")),
        ("36 200 XVI", ("36200", "XVI")),
        ("Kamerstuk 35300-A", ("35300", "A")),
    ],
)
def test_parse_dossier_splits_number_and_suffix(text, expected):
    assert parse_dossier(text) == expected


@pytest.mark.parametrize("text", ["", "3101", "31015 nr. 192", "dossier"])
def test_parse_dossier_rejects_what_is_not_a_dossier(text):
    with pytest.raises(CitationError, match="Geen geldig dossier"):
        parse_dossier(text)


# ---------------------------------------------------------------------- garbage

GARBAGE = [
    "hallo",
    "31015",
    "nr. 192",
    "Kamerstuk 31 015, nr.",
    "Kamerstuk 31 015, nr. ",
    "36200-XVI",
    "35300-A",
    "Kamerstukken II 2019/22, 31015, nr. 192",
    "Kamerstukken II 2019/2019, 31015, nr. 192",
    "Kamerstuk 31015, nr. 0",
    "Kamerstuk 31015, nr. 1234567",
    "Kamerstuk 01234, nr. 5",
    "Kamerstuk 3101, nr. 5",
    "Kamerstuk 310150, nr. 5",
    "Kamerstuk 31015, nrs. 240 en 248",
    "33268, F",
    "TK 33268, F",
    "ek-31015-192",
    "Kamerstukken I 2019/20, 33268, nr. 5",
    "Tweede Kamer, Kamerstukken I 33268, F",
    "kst-31015",
    "https://example.com/kst-31015-192.html",
    "Handelingen II 2020/21, nr. 19",
    "Handelingen II, nr. 19, item 8",
    "Handelingen II 3020/21, nr. 19, item 8",
    "Handelingen II 2020/21, nr. 5000, item 8",
    "Handelingen II 2020/21, nr. 19, item 0",
    "Aanhangsel Handelingen II 2020/21, nr. 1139, item 3",
    "h-tk-20202022-19-8",
    "Kamerstuk 31 015, nr. 192 en een kop koffie",
]


@pytest.mark.parametrize("text", GARBAGE)
def test_garbage_is_rejected_with_a_dutch_message_naming_the_input(text):
    with pytest.raises(CitationError) as raised:
        parse_citation(text)

    message = str(raised.value)
    assert f"'{text.strip()}'" in message
    assert "is geen" in message and "verwijzing" in message


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_input_is_rejected_with_a_dutch_message(text):
    with pytest.raises(CitationError, match="Er is geen verwijzing opgegeven"):
        parse_citation(text)


def test_unrecognised_text_gets_examples_of_valid_citations():
    with pytest.raises(CitationError) as raised:
        parse_citation("foo")

    assert str(raised.value) == (
        "'foo' is geen herkenbare verwijzing. Voorbeelden: 'Kamerstuk 31 015, nr. 192', "
        "'Handelingen II 2020/21, nr. 19, item 8'."
    )


@pytest.mark.parametrize(
    "text, explanation",
    [
        ("31015", "alleen een dossier, geen stuknummer"),
        ("Kamerstuk 31 015, nr.", "alleen een dossier, geen stuknummer"),
        ("Kamerstukken II 2019/22, 31015, nr. 192", "geen twee opeenvolgende jaren"),
        ("Kamerstuk 31015, nr. 0", "het stuknummer 0 kan niet kloppen"),
        ("33268, F", "Eerste Kamer"),
        ("ek-31015-192", "Eerste Kamer hebben een letter"),
        ("Handelingen II 2020/21, nr. 19", "agendapunt (item) ontbreekt"),
        ("Kamerstuk 31015, nrs. 240 en 248", "meerdere stukken"),
    ],
)
def test_rejection_explains_what_is_wrong(text, explanation):
    with pytest.raises(CitationError, match=explanation.replace("(", r"\(").replace(")", r"\)")):
        parse_citation(text)


def test_citation_error_is_a_value_error():
    assert issubclass(CitationError, ValueError)


def test_very_long_input_is_rejected_without_quoting_all_of_it():
    text = "Kamerstuk " + "1" * 1000

    with pytest.raises(CitationError) as raised:
        parse_citation(text)

    assert len(str(raised.value)) < 300


def test_non_string_input_is_a_type_error():
    with pytest.raises(TypeError):
        parse_citation(31015)


# ------------------------------------------------------------ finding in prose

LETTER = f"""
Bij brief van 24 april 2020 (Kamerstuk 31{THIN_SPACE}015, nr. 192) bood ik uw Kamer de
Slachtoffermonitor aan. Aan de orde is het VSO (31015 nr. 202). Zij krijgt nr. 205 (31015).
Zie ook Kamerstukken II 2020-2021, 28 345, nr. 240 en nr. 248, en de Voortgangsbrief
Jeugd, 17 juni 2020: TK 31 839, nr. 730. Nogmaals: Kamerstuk 31 015, nr. 192.
Zie ook Aanhangsel Handelingen, vergaderjaar 2020{EN_DASH}2021, nr. 1139.
Ons kenmerk 1696315-205758-J, Postbus 20350 2500 EJ Den Haag, T 070 340 79 11.
"""


def test_find_citations_finds_every_paper_in_a_letter_in_order_once():
    slugs = [citation.slug for citation in find_citations(LETTER)]

    assert slugs == [
        "31015-192",
        "31015-202",
        "31015-205",
        "28345-240",
        "28345-248",
        "31839-730",
        "ah-tk-20202021-1139",
    ]


def test_find_citations_keeps_the_vergaderjaar_printed_with_the_citation():
    found = find_citations("Zie Kamerstukken II 2020-2021, 28 345, nr. 240.")

    assert [(c.slug, c.vergaderjaar) for c in found] == [("28345-240", "2020-2021")]


def test_find_citations_reads_a_list_of_numbers_as_several_papers():
    found = find_citations("(Kamerstuk 31 015, nrs. 210, 211 en 212)")

    assert [c.slug for c in found] == ["31015-210", "31015-211", "31015-212"]


def test_find_citations_does_not_read_a_following_date_as_another_number():
    found = find_citations("Kamerstuk 31 015, nr. 192, 20 juli 2020")

    assert [c.slug for c in found] == ["31015-192"]


def test_find_citations_does_not_read_the_next_dossier_as_another_number():
    found = find_citations("Kamerstuk 31 015, nr. 192 en 35 388, nr. 2")

    assert [c.slug for c in found] == ["31015-192", "35388-2"]


def test_find_citations_follows_a_footnote_broken_over_two_lines():
    found = find_citations("Kamerstukken 2016-2017 31839, nr. \n575  \n10 Meisjes")

    assert [c.slug for c in found] == ["31839-575"]


def test_find_citations_reads_official_urls_and_slugs():
    text = "Zie https://zoek.officielebekendmakingen.nl/kst-36200-XVI-22.html en h-tk-20202021-19-8, en ek-33268-F."

    assert [c.slug for c in find_citations(text)] == [
        "36200-XVI-22",
        "h-tk-20202021-19-8",
        "ek-33268-F",
    ]


def test_find_citations_reads_eerste_kamer_letters_only_after_an_eerste_kamer_marker():
    text = "Kamerstukken I 2019/20, 33268, F. Bijlage I 33268, F. Zie 33268, F."

    assert [c.slug for c in find_citations(text)] == ["ek-33268-F"]


def test_find_citations_reads_handelingen_cited_without_the_word_handelingen():
    found = find_citations("op grond van hun slachtofferschap (EK 2016/2017, nr. 19, item 5).")

    assert [c.citation for c in found] == ["Handelingen I 2016/17, nr. 19, item 5"]


def test_find_citations_ignores_text_without_citations():
    text = (
        "In 2019-2020 steeg het aantal meldingen met 28%. Kenmerk 1702055-206650-J, "
        "Postbus 20018, 2500 EA Den Haag. Op stuk nr. 205 heb ik gereageerd."
    )

    assert find_citations(text) == []
