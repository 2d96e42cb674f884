"""The rule table: which words trigger which pattern, and which resolver reads its match.

Every pattern runs on the normalised text (see ``text.normalise``). ``RULES`` lists every rule id
the engine can answer with; the ids are stored with a deadline, so they never change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from .calendar import MONTH_NAMES
from .resolvers import (
    RECESS_WORDS,
    UNITS,
    conditional_rule,
    resolve_activity_date,
    resolve_begin_jaar,
    resolve_bij_begroting,
    resolve_budget_debate,
    resolve_date,
    resolve_debate,
    resolve_dekade,
    resolve_direct_na_recess,
    resolve_dit_jaar,
    resolve_duration,
    resolve_eind_jaar,
    resolve_forward_activity,
    resolve_helft,
    resolve_in_begroting,
    resolve_in_jaar,
    resolve_in_jaar_of_request,
    resolve_in_maand,
    resolve_in_zomer,
    resolve_jaarverslag,
    resolve_kwartaal,
    resolve_letter,
    resolve_medio_jaar,
    resolve_na_kerst,
    resolve_na_recess,
    resolve_na_zomer,
    resolve_najaar,
    resolve_najaarsnota,
    resolve_next_council,
    resolve_next_document,
    resolve_op_prinsjesdag,
    resolve_op_verantwoordingsdag,
    resolve_per_jaar,
    resolve_progress_report,
    resolve_rond_jaarwisseling,
    resolve_voor_begroting,
    resolve_voor_jaar,
    resolve_voor_kwartaal,
    resolve_voor_maand,
    resolve_voor_najaarsnota,
    resolve_voor_prinsjesdag,
    resolve_voor_reces,
    resolve_voor_recess,
    resolve_voor_seizoen,
    resolve_voor_verantwoordingsdag,
    resolve_voor_voorjaarsnota,
    resolve_voorjaar,
    resolve_voorjaarsnota,
    resolve_week,
    vague_rule,
)
from .result import Resolver
from .text import MONTH_ABBREVIATIONS, NUMBER_WORDS, ORDINALS, REL_OFFSETS
from .vocabulary import Precision

RULES: tuple[str, ...] = (
    # calendar
    "voor_datum",
    "uiterlijk_datum",
    "voor_maand",
    "in_maand",
    "begin_maand",
    "medio_maand",
    "eind_maand",
    "in_kwartaal",
    "voor_kwartaal",
    "eerste_helft",
    "tweede_helft",
    "begin_jaar",
    "medio_jaar",
    "eind_jaar",
    "dit_jaar",
    "in_jaar",
    "in_voorjaar",
    "in_najaar",
    "voor_voorjaar",
    "voor_najaar",
    "voor_jaar",
    "uiterlijk_jaar",
    "per_datum",
    "deze_week",
    "volgende_week",
    "rond_jaarwisseling",
    # recess
    "voor_zomerreces",
    "voor_kerstreces",
    "voor_meireces",
    "voor_voorjaarsreces",
    "voor_herfstreces",
    "voor_verkiezingsreces",
    "voor_reces",
    "in_zomer",
    "na_zomer",
    "na_kerstreces",
    "na_meireces",
    "na_voorjaarsreces",
    "na_herfstreces",
    "direct_na_reces",
    # budget cycle
    "voor_prinsjesdag",
    "op_prinsjesdag",
    "bij_begroting",
    "bij_voorjaarsnota",
    "voor_voorjaarsnota",
    "voor_najaarsnota",
    "voor_begroting",
    "bij_najaarsnota",
    "bij_jaarverslag",
    "voor_verantwoordingsdag",
    "op_verantwoordingsdag",
    # duration after the promise
    "termijn_dagen",
    "termijn_weken",
    "termijn_maanden",
    "termijn_jaren",
    # recurrence without any other anchor
    "jaarlijks",
    "halfjaarlijks",
    "per_kwartaal",
    "maandelijks",
    # events
    "voortgangsrapportage",
    "volgende_document",
    "voor_commissiedebat",
    "voor_debat",
    "bij_activiteit",
    "voor_activiteit_datum",
    "bij_activiteit_datum",
    "begrotingsbehandeling",
    "volgende_raad",
    "brief_over",
    # conditions
    "zodra",
    "na_ontvangst",
    "bij_evaluatie",
    "na_gebeurtenis",
    "termijn_na_gebeurtenis",
    "termijn_voor_gebeurtenis",
    # vague
    "op_korte_termijn",
    "binnenkort",
    "zo_snel_mogelijk",
    "te_zijner_tijd",
    "komende_periode",
    # nothing recognised
    "unknown",
)

# --------------------------------------------------------------------------------------------
# Regular-expression building blocks (on the normalised text)
# --------------------------------------------------------------------------------------------

_MONTH = "(?P<month>" + "|".join(MONTH_NAMES) + r")(?![a-z-])"
_DAY_MONTH = "(?P<month>" + "|".join(list(MONTH_NAMES) + list(MONTH_ABBREVIATIONS)) + r")\.?(?![a-z-])"
_YEAR = r"(?P<year>(?:19|20)[0-9]{2})(?![0-9])"
_REL = "(?P<rel>" + "|".join(sorted(REL_OFFSETS, key=len, reverse=True)) + r")(?![a-z])"
# " 2021", " van 2021", " in 2021", " van dit jaar", " volgend jaar" after a period word.
_YEAR_TAIL = rf"(?: (?:van |in )?(?:het jaar )?{_YEAR}| (?:van )?{_REL})?"

_ORDINAL = "(?P<which>" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + ")"
_DOC_ORDINALS = (
    "eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende|elfde|twaalfde|"
    "dertiende|veertiende|vijftiende|zestiende|[0-9]{1,2}e|[0-9]{1,2}ste|[0-9]{1,2}de|"
    "volgende|eerstvolgende|eerstkomende|komende|aankomende|nieuwe|halfjaarlijkse|jaarlijkse|"
    "reguliere|periodieke|gebruikelijke"
)
# Topic words after "over", cut at the first word that starts the rest of the sentence.
_TOPIC = r"(?P<topic>[^,.;:!?()\[\]]{1,80})"
_RECESS_WORD = "(?P<what>" + "|".join(sorted(RECESS_WORDS, key=len, reverse=True)) + r")(?![a-z-])"
_NUMBER = (
    "(?P<n>[0-9]{1,3}|een half|een halve|anderhalf|anderhalve|"
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + ")"
)


# --------------------------------------------------------------------------------------------
# The rule table
# --------------------------------------------------------------------------------------------


class Rule(NamedTuple):
    triggers: frozenset[str]  # whole words of the normalised text; one must occur for the rule to run
    fragments: tuple[str, ...]  # or one of these substrings (compounds such as "wetsevaluatie")
    pattern: re.Pattern[str]
    resolve: Resolver


def _rule(triggers: Iterable[str], pattern: str, resolve: Resolver, fragments: Iterable[str] = ()) -> Rule:
    # Each pattern has its own trigger words, so a batch line runs only the few patterns that
    # can match. No leading word-boundary assertion in the patterns: it would stop `re` from
    # skipping ahead on the first character; `_scan` checks the boundary instead.
    return Rule(frozenset(triggers), tuple(fragments), re.compile(pattern), resolve)


_MONTH_WORDS = frozenset(MONTH_NAMES)
_YEAR_WORDS = frozenset(str(year) for year in range(1900, 2100))
# Not "tot en met": in the papers it mostly closes a range ("van 25 mei tot en met 9 juni").
_DATE_KW = (
    r"(?P<kw>voor|uiterlijk op|uiterlijk|niet later dan|ten laatste op|ten laatste|tot uiterlijk|per|met ingang van|"
    r"vanaf)"
)
_WEEKDAY = r"(?:(?:op )?(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) )?"
_SEASON_LEAD = (
    r"(?:(?:in|tijdens|gedurende|in de loop van|ergens in) (?:het |de )?(?:komende |aankomende )?|"
    r"(?:dit|deze|komend|komende|aankomend|aankomende|het komende|het aankomende|ieder|iedere|elk|elke) )"
)
_NOT_AFTER_VOOR_NA = r"(?<!voor het )(?<!voor de )(?<!na het )(?<!na de )(?<!voor )(?<!na )"
_SUMMER_WORDS = ("zomer", "zomerreces", "zomerperiode", "zomermaanden", "zomervakantie")
_CHRISTMAS_WORDS = ("kerst", "kerstreces", "kerstvakantie", "kerstdagen", "kerstmis", "kerstperiode")

_PERIOD_POSITIONS = ("begin", "medio", "half", "halverwege", "midden", "einde", "eind", "ultimo")

# Activities of the Kamer a promise can be tied to ("voor het commissiedebat", "bij het AO").
_DEBATE_WORDS = (
    r"commissiedebat|algemeen overleg|notaoverleg|wetgevingsoverleg|schriftelijk overleg|mondeling overleg|"
    r"commissiedebatten|wetgevingsoverleggen|notaoverleggen|plenaire debat|plenair debat|verantwoordingsdebat|tweeminutendebat|rondetafelgesprek|hoorzitting|"
    r"technische briefing|debat|ao|wgo|vao|vso"
)
_DEBATE_TRIGGERS = (
    "commissiedebat",
    "commissiedebatten",
    "wetgevingsoverleggen",
    "notaoverleggen",
    "overleg",
    "notaoverleg",
    "wetgevingsoverleg",
    "debat",
    "verantwoordingsdebat",
    "tweeminutendebat",
    "rondetafelgesprek",
    "hoorzitting",
    "briefing",
    "ao",
    "wgo",
    "vao",
    "vso",
)
# "het geplande", "het al genoemde", "het eerder aangekondigde" ...
_ACTIVITY_MODIFIER = (
    r"(?:(?:al |reeds |eerder |hiervoor |zojuist )?(?:eerder )?(?:genoemde|aangekondigde|geplande|voorgenomen|"
    r"aanstaande|volgende|eerstvolgende|eerstkomende|komende|aankomende) )"
)
# "voor", "vóór", "uiterlijk voor", "in aanloop naar": before a named moment.
_BEFORE = r"(?:uiterlijk voor|ruim voor|voor|voorafgaand aan|in aanloop naar)"
# "bij de Voorjaarsnota gereserveerde middelen": the document names where money was found.
_NOT_A_PARTICIPLE = r"(?! (?:ge[a-z]+de|[a-z]+ge[a-z]+de|beschikbaar gestelde|uitgetrokken)(?![a-z]))"
_NEXT = r"(?:volgende |eerstvolgende |komende |aankomende |eerstkomende )"
_SCHOOL_HOLIDAY_RECESS_WORDS = tuple(
    sorted(
        (word for word, kind in RECESS_WORDS.items() if kind in ("meireces", "voorjaarsreces", "herfstreces")),
        key=len,
        reverse=True,
    )
)
_WEEKDAYS = r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)"

RULE_TABLE: tuple[Rule, ...] = (
    # ---- explicit dates
    _rule(
        _MONTH_WORDS | set(MONTH_ABBREVIATIONS),
        _DATE_KW + " " + _WEEKDAY + r"(?P<day>[0-9]{1,2})(?:e|ste|de)? " + _DAY_MONTH + rf"(?: {_YEAR})?",
        resolve_date,
    ),
    _rule(
        (),
        _DATE_KW + " " + _WEEKDAY + r"(?P<day>[0-9]{1,2})[-/](?P<mnum>[0-9]{1,2})[-/]" + _YEAR,
        resolve_date,
        fragments=("-", "/"),
    ),
    _rule(
        (),
        _DATE_KW + " " + _WEEKDAY + r"(?P<iso>[0-9]{4}-[0-9]{2}-[0-9]{2})(?![0-9])",
        resolve_date,
        fragments=("-",),
    ),
    # ---- months
    _rule(_MONTH_WORDS, r"voor (?:de maand )?" + _MONTH + rf"(?: {_YEAR})?", resolve_voor_maand),
    _rule(
        _MONTH_WORDS,
        r"(?:uiterlijk in|uiterlijk|in de loop van|in) (?:de maand )?" + _MONTH + rf"(?: {_YEAR})?",
        resolve_in_maand,
    ),
    _rule(("maand",), r"(?:in |uiterlijk |nog )?(?P<relmonth>deze|volgende|komende) maand(?![a-z])", resolve_in_maand),
    _rule(
        _PERIOD_POSITIONS,
        r"(?:(?:aan|in|tegen) het )?(?P<pos>begin|medio|half|halverwege|midden|einde|eind|ultimo)(?: van)? "
        r"(?:de maand )?" + _MONTH + rf"(?: {_YEAR})?",
        resolve_dekade,
    ),
    _rule(
        ("maand",),
        r"(?:(?:aan|tegen) het )?(?P<pos>einde|eind|ultimo) van (?P<thismonth>de|deze) maand(?![a-z])",
        resolve_dekade,
    ),
    # ---- quarters and halves
    _rule(
        ("kwartaal",),
        _ORDINAL + r" kwartaal(?: (?:van )?(?:het jaar )?" + _YEAR + rf"| (?:van )?{_REL})?(?! van )",
        resolve_kwartaal,
    ),
    _rule(
        ("kwartaal",),
        r"(?:uiterlijk )?(?:voor|voorafgaand aan) (?:het )?"
        + _ORDINAL
        + r" kwartaal(?: (?:van )?(?:het jaar )?"
        + _YEAR
        + rf"| (?:van )?{_REL})?(?! van )",
        resolve_voor_kwartaal,
    ),
    _rule(("q1", "q2", "q3", "q4"), r"q(?P<q>[1-4])(?:(?: |-|/|')" + _YEAR + r")?(?![a-z0-9])", resolve_kwartaal),
    _rule(("kwartaal",), r"kwartaal (?P<q>[1-4])(?: (?:van )?" + _YEAR + r")?(?![0-9])", resolve_kwartaal),
    _rule(
        ("helft",),
        _ORDINAL + r" helft(?: (?:van )?(?:het jaar )?" + _YEAR + rf"| (?:van )?{_REL})?(?! van )",
        resolve_helft,
    ),
    # ---- begin / medio / eind of a year, the year itself
    _rule(
        ("begin", "start"),
        r"(?:(?:aan|in) het )?(?:begin|start)(?: van)? (?:" + _YEAR + "|" + _REL + ")",
        resolve_begin_jaar,
    ),
    _rule(("nieuwe",), r"(?:in|begin) het nieuwe jaar(?![a-z])", resolve_begin_jaar),
    _rule(
        ("medio", "halverwege", "midden", "half"),
        r"(?:medio|halverwege|midden|half)(?: van)? " + _YEAR,
        resolve_medio_jaar,
    ),
    _rule(("medio", "halverwege"), r"(?:medio|halverwege)(?: van)? " + _REL, resolve_medio_jaar),
    _rule(
        ("eind", "einde", "ultimo"),
        r"(?:(?:aan|tegen) het )?(?:einde|eind|ultimo)(?: van)? (?:" + _YEAR + "|" + _REL + ")",
        resolve_eind_jaar,
    ),
    _rule(
        ("dit", "jaarwisseling"),
        r"(?:nog (?:in )?dit (?:kalender)?jaar|later dit jaar|binnen dit jaar|voor de jaarwisseling|"
        r"(?<!van )(?<!met )dit (?:kalender)?jaar|(?:tijdens|bij) de (?:volgende |eerstvolgende |komende |aankomende )"
        r"jaarwisseling)(?![a-z])",
        resolve_dit_jaar,
    ),
    _rule(("einde", "eind"), r"(?:nog )?voor het (?:einde|eind) van (?:" + _YEAR + "|" + _REL + ")", resolve_dit_jaar),
    _rule(_YEAR_WORDS, r"(?:in de loop van|ergens in|in het jaar|gedurende|in) " + _YEAR, resolve_in_jaar_of_request),
    _rule(
        _YEAR_WORDS,
        r"(?P<kw>uiterlijk voor|voor|uiterlijk in|uiterlijk|ten laatste in|ten laatste|niet later dan) "
        + _YEAR
        + r"(?![-/][0-9])",
        resolve_voor_jaar,
    ),
    _rule(_YEAR_WORDS, r"(?:per|met ingang van|vanaf) (?:het jaar )?" + _YEAR + r"(?![-/][0-9])", resolve_per_jaar),
    _rule(
        ("week",), r"(?:in |nog |uiterlijk )?(?P<which>deze|volgende|komende|aankomende) week(?![a-z])", resolve_week
    ),
    _rule(
        ("volgend", "komend", "komende"),
        r"(?:(?:in de loop van|ergens in|in) )?"
        r"(?P<rel>volgend jaar|komend jaar|het komende jaar|volgend kalenderjaar)(?![a-z])",
        resolve_in_jaar,
    ),
    _rule(("loop",), r"in de loop van (?P<rel>dit jaar)(?![a-z])", resolve_in_jaar),
    # ---- seasons
    _rule(
        ("voorjaar", "lente"),
        _SEASON_LEAD + r"(?:voorjaar|lente)(?![a-z-])(?: (?:van )?" + _YEAR + rf"| van {_REL})?",
        resolve_voorjaar,
    ),
    _rule(("voorjaar", "lente"), _NOT_AFTER_VOOR_NA + r"(?:voorjaar|lente) (?:van )?" + _YEAR, resolve_voorjaar),
    _rule(
        ("najaar", "herfst"),
        _SEASON_LEAD + r"(?:najaar|herfst)(?![a-z-])(?: (?:van )?" + _YEAR + rf"| van {_REL})?",
        resolve_najaar,
    ),
    _rule(("najaar", "herfst"), _NOT_AFTER_VOOR_NA + r"(?:najaar|herfst) (?:van )?" + _YEAR, resolve_najaar),
    # ---- recesses
    _rule(
        {word.split("-")[0] for word in RECESS_WORDS},
        r"(?:voor|voorafgaand aan|in aanloop naar) (?:het |de )?" + _NEXT + "?" + _RECESS_WORD + _YEAR_TAIL,
        resolve_voor_recess,
    ),
    _rule(
        {word.split("-")[0] for word in RECESS_WORDS},
        r"(?:direct|kort|meteen|vlak|snel|onmiddellijk|zo snel mogelijk|zo spoedig mogelijk) na (?:het |de )?"
        + _NEXT
        + "?"
        + _RECESS_WORD
        + _YEAR_TAIL,
        resolve_direct_na_recess,
    ),
    _rule(
        {word.split("-")[0] for word in _SCHOOL_HOLIDAY_RECESS_WORDS},
        r"na (?:het |de )?"
        + _NEXT
        + "?(?P<what>"
        + "|".join(_SCHOOL_HOLIDAY_RECESS_WORDS)
        + r")(?![a-z-])"
        + _YEAR_TAIL,
        resolve_na_recess,
    ),
    _rule(
        ("jaarwisseling", "kerst", "kerstmis", "kerstdagen", "kerstperiode"),
        r"rond (?:de )?" + _NEXT + r"?(?:jaarwisseling|kerst|kerstmis|kerstdagen|kerstperiode)(?![a-z-])"
        r"(?: (?:van )?" + _YEAR + ")?",
        resolve_rond_jaarwisseling,
    ),
    _rule(
        ("voorjaar", "lente", "najaar", "herfst"),
        r"voor (?:het |de )?(?:komende |aankomende )?(?P<season>voorjaar|lente|najaar|herfst)(?![a-z-])"
        r"(?: (?:van )?" + _YEAR + rf"| van {_REL})?",
        resolve_voor_seizoen,
    ),
    _rule(
        ("reces",),
        r"voor het (?:volgende |komende |eerstvolgende |aankomende |eerstkomende )?reces(?![a-z])",
        resolve_voor_reces,
    ),
    _rule(
        _SUMMER_WORDS,
        r"(?:in de loop van|in|rond|tijdens|gedurende) (?:de|het) (?:komende |aankomende )?"
        r"(?P<what>zomerreces|zomerperiode|zomermaanden|zomervakantie|zomer)(?![a-z-])" + _YEAR_TAIL,
        resolve_in_zomer,
    ),
    _rule(
        ("zomer",), r"(?:deze|komende|aankomende|ieder|iedere|elke|elk) zomer(?![a-z-])" + _YEAR_TAIL, resolve_in_zomer
    ),
    _rule(("zomer",), _NOT_AFTER_VOOR_NA + r"zomer (?:van )?" + _YEAR, resolve_in_zomer),
    _rule(
        _SUMMER_WORDS,
        r"na (?:de |het )?(?:zomerreces|zomervakantie|zomerperiode|zomer)(?![a-z-])" + _YEAR_TAIL,
        resolve_na_zomer,
    ),
    _rule(
        _CHRISTMAS_WORDS,
        r"na (?:de |het )?(?:kerstreces|kerstvakantie|kerstdagen|kerstmis|kerst)(?![a-z-])" + _YEAR_TAIL,
        resolve_na_kerst,
    ),
    # ---- budget cycle
    _rule(
        ("prinsjesdag",),
        _BEFORE + r" (?:de )?" + _NEXT + r"?prinsjesdag(?: (?:van )?" + _YEAR + ")?",
        resolve_voor_prinsjesdag,
    ),
    _rule(
        ("prinsjesdag",),
        r"(?:uiterlijk )?(?:op|met|bij) (?:de )?" + _NEXT + r"?prinsjesdag(?: (?:van )?" + _YEAR + ")?",
        resolve_op_prinsjesdag,
    ),
    _rule(
        ("aanbieding", "indiening", "presentatie"),
        r"(?:uiterlijk )?(?:bij|met|voor) de (?:aanbieding|indiening|presentatie) van de (?:"
        + _NEXT
        + r")?(?:ontwerp)?(?:begroting|miljoenennota)(?![a-z])",
        resolve_bij_begroting,
    ),
    _rule(
        ("begroting", "ontwerpbegroting", "miljoenennota"),
        r"(?:uiterlijk )?(?:bij|met) (?:de )?" + _NEXT + r"?(?:ontwerp)?(?:begroting|miljoenennota)"
        r"(?: (?:voor |van )?(?:het jaar )?" + _YEAR + r")?(?![a-z])" + _NOT_A_PARTICIPLE,
        resolve_bij_begroting,
    ),
    # "in de begroting" alone is mostly where the money is found, not when: only with a year or
    # "volgende"/"komende" (see resolve_in_begroting).
    _rule(
        ("begroting", "ontwerpbegroting", "miljoenennota"),
        r"in (?:de )?(?P<nxt>" + _NEXT + r")?(?P<doc>(?:ontwerp)?begroting|miljoenennota)"
        r"(?: (?:voor |van )?(?:het jaar )?" + _YEAR + r")?(?![a-z])",
        resolve_in_begroting,
    ),
    _rule(
        ("begroting", "ontwerpbegroting", "miljoenennota"),
        _BEFORE + r" (?:de )?(?P<nxt>" + _NEXT + r")?(?P<doc>(?:ontwerp)?begroting|miljoenennota)"
        r"(?: (?:voor |van )?(?:het jaar )?" + _YEAR + r")?(?![a-z])"
        r"(?=(?P<after> (?:van|voor|op|te|in|is|wordt|als|en|of|met)(?![a-z])))?",
        resolve_voor_begroting,
    ),
    _rule(
        ("voorjaarsnota", "voorjaarsbesluitvorming"),
        r"(?:uiterlijk )?(?:bij|met|in) (?:de )?(?:voorjaarsnota|voorjaarsbesluitvorming)(?: (?:van )?"
        + _YEAR
        + ")?"
        + _NOT_A_PARTICIPLE,
        resolve_voorjaarsnota,
    ),
    _rule(
        ("voorjaarsnota",), _BEFORE + r" (?:de )?voorjaarsnota(?: (?:van )?" + _YEAR + ")?", resolve_voor_voorjaarsnota
    ),
    _rule(
        ("najaarsnota",),
        r"(?:uiterlijk )?(?:bij|met|in) (?:de )?najaarsnota(?: (?:van )?" + _YEAR + ")?",
        resolve_najaarsnota,
    ),
    _rule(("najaarsnota",), _BEFORE + r" (?:de )?najaarsnota(?: (?:van )?" + _YEAR + ")?", resolve_voor_najaarsnota),
    _rule(
        ("jaarverslag", "jaarverslagen"),
        r"(?:bij|met) (?:het|de) (?:" + _NEXT + r")?(?:financieel )?jaarverslag(?:en)?"
        r"(?: (?:over |van )?(?:het jaar )?" + _YEAR + ")?(?![a-z])",
        resolve_jaarverslag,
    ),
    _rule(
        ("verantwoordingsdag",), r"voor verantwoordingsdag(?: (?:van )?" + _YEAR + ")?", resolve_voor_verantwoordingsdag
    ),
    _rule(
        ("verantwoordingsdag",),
        r"(?:op|met|bij) verantwoordingsdag(?: (?:van )?" + _YEAR + ")?",
        resolve_op_verantwoordingsdag,
    ),
    # ---- durations after the promise ("na ..." afterwards turns it into a condition)
    _rule(
        UNITS,
        r"(?:uiterlijk )?(?:binnen de komende|in de komende|de komende|binnen nu en|binnen|over) "
        + _NUMBER
        + r" (?P<unit>dagen|dag|weken|week|maanden|maand|kwartalen|kwartaal|jaren|jaar)(?![a-z])"
        r"(?P<after> (?P<afterkw>na|nadat|vanaf|volgend op|te rekenen vanaf)(?![a-z])(?P<topic>[^,.;:!?()]{0,80}))?",
        resolve_duration,
    ),
    # ---- events
    _rule(
        ("voortgangsrapportages", "voortgangsrapportage", "voortgangsrapport", "voortgangsbrief", "voortgangsverslag"),
        r"(?:in|bij|met|via) (?:de|het|een) (?:(?P<which>" + _DOC_ORDINALS + r") )?"
        r"(?P<what>voortgangsrapportages|voortgangsrapportage|voortgangsrapport|voortgangsbrief|"
        r"voortgangsverslag)(?![a-z])",
        resolve_progress_report,
    ),
    _rule(
        ("volgende", "eerstvolgende", "eerstkomende", "komende", "aankomende"),
        r"(?:in|bij|met|via) (?:de|het) (?P<which>volgende|eerstvolgende|eerstkomende|komende|aankomende) "
        r"(?!voortgangs)(?P<what>(?:[a-z]+ )?[a-z]*(?:rapportage|rapport|brief|monitor|nota|verslag|analyse|update|"
        r"plan|doorrekening|strategie|agenda))(?![a-z])",
        resolve_next_document,
    ),
    _rule(
        _DEBATE_TRIGGERS,
        r"(?<!dank )(?<!bedankt )(?<!wel )(?:voor|voorafgaand aan|in aanloop naar|voor aanvang van) (?:het|de) "
        + _ACTIVITY_MODIFIER
        + "?"
        r"(?P<what>" + _DEBATE_WORDS + r")(?![a-z])"
        r"(?: (?P<prep>over|inzake|van|op|met betrekking tot) " + _TOPIC + ")?",
        resolve_debate,
    ),
    _rule(
        _DEBATE_TRIGGERS,
        r"(?:bij|in|tijdens|op) (?:het|de) " + _ACTIVITY_MODIFIER + r"(?P<what>" + _DEBATE_WORDS + r")(?![a-z])"
        r"(?: (?P<prep>over|inzake|van|op|met betrekking tot) " + _TOPIC + ")?",
        resolve_forward_activity,
    ),
    _rule(
        _DEBATE_TRIGGERS + ("begrotingsbehandeling", "begrotingsbehandelingen"),
        r"(?P<kw>voorafgaand aan|in aanloop naar|voor aanvang van|(?<!dank )(?<!bedankt )(?<!wel )voor|"
        r"bij|tijdens|in|op) (?:(?P<art>het|de) )?" + _ACTIVITY_MODIFIER + "?"
        r"(?P<what>(?:[a-z]+-)?begrotingsbehandelingen|(?:[a-z]+-)?begrotingsbehandeling|" + _DEBATE_WORDS + r")"
        r"(?![a-z])(?P<topic> [^,.;:!?()\[\]]{1,80}?)? (?:van|op|d\.d\.?) (?:" + _WEEKDAYS + r" )?"
        r"(?P<day>[0-9]{1,2})(?:e|ste|de)? " + _DAY_MONTH + rf"(?: {_YEAR})?"
        r"(?P<past> jl\.?| j\.l\.?| ll\.?| l\.l\.?)?(?![a-z])",
        resolve_activity_date,
    ),
    _rule(
        ("begrotingsbehandeling", "begrotingsbehandelingen", "behandeling", "begrotingsdebat", "begrotingsdebatten"),
        r"(?:uiterlijk )?(?:voor|bij|tijdens|voorafgaand aan|in aanloop naar|voor aanvang van) (?:de |het )?"
        r"(?:komende |volgende |eerstvolgende |aankomende )?(?P<what>(?:[a-z]+-)?begrotingsbehandelingen|"
        r"(?:[a-z]+-)?begrotingsbehandeling|begrotingsdebatten|begrotingsdebat|"
        r"behandeling van de [a-z-]*(?:begroting|begrotingen|miljoenennota)(?![a-z-])(?: (?:van|voor) [a-z0-9-]+)?)"
        r"(?![a-z])(?P<topic> (?:van|voor) [^,.;:!?()]{1,40})?",
        resolve_budget_debate,
    ),
    _rule(
        (),
        r"(?:voor|bij|tijdens|op|voorafgaand aan|in aanloop naar) de (?P<which>volgende|eerstvolgende|eerstkomende|"
        r"komende|aankomende)(?: (?:informele|formele|europese))? (?P<what>(?:[a-z]+-)?raad|[a-z]+raad)(?![a-z])",
        resolve_next_council,
        fragments=("raad",),
    ),
    _rule(
        ("brief", "kamerbrief", "verzamelbrief", "beleidsbrief", "beleidsreactie", "kabinetsreactie", "reactie"),
        r"in de (?:volgende |eerstvolgende |komende |aangekondigde |nog te verschijnen |nieuwe |aparte |"
        r"afzonderlijke |separate )?(?P<what>kamerbrief|verzamelbrief|beleidsbrief|brief|beleidsreactie|"
        r"kabinetsreactie|reactie)(?![a-z]) (?P<prep>over|inzake|op|omtrent|met betrekking tot) " + _TOPIC,
        resolve_letter,
    ),
    # ---- conditions
    _rule(
        UNITS,
        r"na (?P<n>[0-9]{1,3}|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twaalf|anderhalf) "
        r"(?P<unit>dagen|dag|weken|week|maanden|maand|kwartalen|kwartaal|jaren|jaar)(?![a-z])",
        conditional_rule("termijn_na_gebeurtenis"),
    ),
    _rule(("zodra",), r"zodra " + _TOPIC, conditional_rule("zodra")),
    _rule(("ontvangst",), r"na (?:de )?ontvangst van " + _TOPIC, conditional_rule("na_ontvangst")),
    _rule(
        (),
        r"(?:bij|na|in|met) (?:de|het) (?:volgende |eerstvolgende |komende |geplande |aangekondigde )?"
        r"[a-z]*evaluatie(?:rapport)?(?![a-z])(?: (?:van|over) " + _TOPIC + ")?",
        conditional_rule("bij_evaluatie"),
        fragments=("evaluatie",),
    ),
    _rule(
        (
            "nadat",
            "afronding",
            "afloop",
            "publicatie",
            "verschijning",
            "verschijnen",
            "oplevering",
            "vaststelling",
            "inwerkingtreding",
            "besluitvorming",
            "uitkomsten",
            "uitkomst",
            "resultaten",
        ),
        r"(?:nadat|na afronding van|na afloop van|na (?:de |het )?(?:publicatie|verschijning|verschijnen|"
        r"oplevering|vaststelling|inwerkingtreding|afronding|besluitvorming|uitkomsten|uitkomst|resultaten)"
        r"(?: van| over)?) " + _TOPIC,
        conditional_rule("na_gebeurtenis"),
    ),
    _rule(
        UNITS,
        r"(?<!dan )(?:uiterlijk )?(?P<n>[0-9]{1,3}|een|twee|drie|vier|vijf|zes|acht|tien|twaalf) "
        r"(?P<unit>dagen|weken|maanden|jaar) (?:voor|voorafgaand aan) (?:het|de) " + _TOPIC,
        conditional_rule("termijn_voor_gebeurtenis"),
    ),
    _rule(
        ("aantreden", "verkiezingen", "formatie", "installatie"),
        r"(?:bij|na|direct na) (?:het )?(?:aantreden|installatie) van (?:een|het) (?:nieuwe? )?kabinet"
        r"|na (?:de )?(?:verkiezingen|formatie)(?![a-z])",
        conditional_rule("na_gebeurtenis"),
    ),
    # ---- vague
    _rule(
        ("termijn",),
        r"(?:op|binnen) (?:zo |zeer |heel |zo kort )?(?:korte|kort mogelijke) termijn(?![a-z])",
        vague_rule("op_korte_termijn"),
    ),
    _rule(
        ("binnenkort", "afzienbare", "nabije", "spoedig"),
        r"(?:binnenkort|op afzienbare termijn|binnen afzienbare (?:tijd|termijn)|in de nabije toekomst|"
        r"spoedig)(?![a-z])",
        vague_rule("binnenkort"),
    ),
    _rule(
        ("snel", "spoedig", "vlug", "zsm", "z", "spoed", "direct", "onverwijld", "uitstel", "onmiddellijke"),
        r"(?:zo (?:snel|spoedig|vlug) (?:als )?(?:mogelijk|dat kan|het kan)|zsm|z\.s\.m\.?|met spoed|per direct|"
        r"onverwijld|zonder uitstel|met onmiddellijke ingang)(?![a-z])",
        vague_rule("zo_snel_mogelijk"),
    ),
    _rule(
        ("zijner", "gelegener", "t", "tzt", "later", "latere", "termijn"),
        r"(?:te zijner tijd|te gelegener tijd|t\.z\.t\.?|tzt|op een later(?:e)? (?:moment|datum|tijdstip)|"
        r"op termijn)(?![a-z])",
        vague_rule("te_zijner_tijd"),
    ),
    _rule(
        ("komende", "aankomende", "eerstkomende"),
        r"(?:in |binnen |gedurende )?de (?:komende|aankomende|eerstkomende) "
        r"(?:tijd|periode|dagen|weken|maanden|jaren)(?![a-z])",
        vague_rule("komende_periode"),
    ),
    _rule(
        ("enkele", "paar", "korte"),
        r"(?:binnen|over|na) (?:enkele|een paar|korte) (?:dagen|weken|maanden|jaren|tijd)(?![a-z])",
        vague_rule("komende_periode"),
    ),
)


# word -> indexes of the rules it triggers; and the rules triggered by a substring.
TRIGGER_INDEX: dict[str, tuple[int, ...]] = {}
for _index, _each in enumerate(RULE_TABLE):
    for _word in _each.triggers:
        TRIGGER_INDEX[_word] = TRIGGER_INDEX.get(_word, ()) + (_index,)
FRAGMENT_RULES = tuple((fragment, index) for index, each in enumerate(RULE_TABLE) for fragment in each.fragments)

# Recurrence markers. Those with an interval give a first due date when nothing else does
# ("elk half jaar": half a year after the promise); the others only set ``recurring``.
RECURRING = re.compile(
    r"(?<![a-z0-9])(?:"
    r"(?P<halfjaarlijks>halfjaarlijks|(?:ieder|iedere|elk|elke) half jaar|"
    r"(?:twee ?keer|twee ?maal|2 ?x|2 keer) per jaar)|"
    r"(?P<jaarlijks>jaarlijks|(?:ieder|iedere|elk|elke) jaar)|"
    r"(?P<per_kwartaal>per kwartaal|(?:ieder|iedere|elk|elke) kwartaal|driemaandelijks)|"
    r"(?P<maandelijks>maandelijks|(?:ieder|iedere|elke) maand)|"
    r"(?P<other>(?:ieder|iedere|elk|elke) (?:voorjaar|najaar|zomer)|"
    r"(?:(?:half)?jaarlijkse|reguliere|periodieke) voortgangs[a-z]*)"
    r")(?![a-z])"
)
RECURRING_TRIGGERS = frozenset(
    (
        "halfjaarlijks",
        "jaarlijks",
        "ieder",
        "iedere",
        "elk",
        "elke",
        "per",
        "driemaandelijks",
        "maandelijks",
        "jaarlijkse",
        "halfjaarlijkse",
        "reguliere",
        "periodieke",
    )
)
RECURRING_INTERVALS = {
    "halfjaarlijks": (6, Precision.HALF_YEAR, "een half jaar"),
    "jaarlijks": (12, Precision.YEAR, "een jaar"),
    "per_kwartaal": (3, Precision.QUARTER, "drie maanden"),
    "maandelijks": (1, Precision.MONTH, "een maand"),
}
