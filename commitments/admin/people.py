from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ..models import Committee, Ministry, Office, Party, Person


@admin.register(Party)
class PartyAdmin(SimpleHistoryAdmin):
    list_display = ["abbreviation", "name"]
    search_fields = ["abbreviation", "name"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "full_name", "party"]
    list_filter = ["party"]
    list_select_related = ["party"]
    search_fields = ["name", "full_name"]
    autocomplete_fields = ["party"]


@admin.register(Ministry)
class MinistryAdmin(SimpleHistoryAdmin):
    list_display = ["abbreviation", "name"]
    search_fields = ["abbreviation", "name"]


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "abbreviation"]
    search_fields = ["name", "abbreviation"]


@admin.register(Office)
class OfficeAdmin(SimpleHistoryAdmin):
    list_display = ["person", "title", "function", "ministry", "start", "end"]
    list_filter = ["function", "ministry"]
    list_select_related = ["person", "ministry"]
    search_fields = ["person__name", "title", "ministry__abbreviation"]
    autocomplete_fields = ["person", "ministry"]
