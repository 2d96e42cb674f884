from django.contrib import admin

from ..models import Committee, Ministry, Office, Party, Person
from .audit import AuditedHistoryAdmin


@admin.register(Party)
class PartyAdmin(AuditedHistoryAdmin):
    list_display = ["abbreviation", "name"]
    search_fields = ["abbreviation", "name"]


@admin.register(Person)
class PersonAdmin(AuditedHistoryAdmin):
    list_display = ["name", "full_name", "party"]
    list_filter = ["party"]
    list_select_related = ["party"]
    search_fields = ["name", "full_name"]
    autocomplete_fields = ["party"]


@admin.register(Ministry)
class MinistryAdmin(AuditedHistoryAdmin):
    list_display = ["abbreviation", "name"]
    search_fields = ["abbreviation", "name"]


@admin.register(Committee)
class CommitteeAdmin(AuditedHistoryAdmin):
    list_display = ["name", "abbreviation"]
    search_fields = ["name", "abbreviation"]


@admin.register(Office)
class OfficeAdmin(AuditedHistoryAdmin):
    list_display = ["person", "title", "function", "ministry", "start", "end"]
    list_filter = ["function", "ministry"]
    list_select_related = ["person", "ministry"]
    search_fields = ["person__name", "title", "ministry__abbreviation"]
    autocomplete_fields = ["person", "ministry"]
