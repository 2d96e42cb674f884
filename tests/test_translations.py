"""The Dutch catalogue is complete: every interface string has a Dutch translation."""

from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def test_every_string_has_a_dutch_translation():
    catalogue = polib.pofile(str(CATALOGUE))
    missing = [entry.msgid for entry in catalogue if not entry.translated() and not entry.obsolete]
    assert missing == []


def test_no_translation_is_left_fuzzy():
    catalogue = polib.pofile(str(CATALOGUE))
    assert [entry.msgid for entry in catalogue if "fuzzy" in entry.flags] == []
