from django.contrib import admin

from registry.models import Clan, Household, Person, Unit


class LookUpOnly:
    """Rows are written through the app's services (they keep areas and search names in step); the
    admin is for looking things up."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Household)
class HouseholdAdmin(LookUpOnly, admin.ModelAdmin):
    list_display = ["code", "head_name", "area", "commune", "active_from", "active_to"]
    search_fields = ["code", "search_name"]
    list_select_related = ["area", "commune"]
    raw_id_fields = ["area", "commune", "clan"]


@admin.register(Person)
class PersonAdmin(LookUpOnly, admin.ModelAdmin):
    list_display = ["full_name", "birth_year", "labour_group", "household", "unit", "area", "active_to"]
    search_fields = ["search_name"]
    list_select_related = ["household", "unit", "area"]
    raw_id_fields = ["area", "household", "unit"]
    exclude = ["citizen_id"]


@admin.register(Clan)
class ClanAdmin(LookUpOnly, admin.ModelAdmin):
    list_display = ["code", "name", "branch", "area", "active_to"]
    search_fields = ["code", "search_name"]
    raw_id_fields = ["area"]


@admin.register(Unit)
class UnitAdmin(LookUpOnly, admin.ModelAdmin):
    list_display = ["code", "name", "kind", "area", "staff_count", "active_to"]
    search_fields = ["code", "search_name"]
    raw_id_fields = ["area", "commune"]
