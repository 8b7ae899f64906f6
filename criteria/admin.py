from django.contrib import admin

from criteria.models import CriteriaSet, Group, Item


class GroupInline(admin.TabularInline):
    model = Group
    extra = 0
    fields = ["position", "code", "title", "points", "placeholder"]


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    """For superusers looking into the data; programme staff edit sets in the app's editor, where the rules
    (drafts only, checks before publishing) are enforced."""

    list_display = ["name", "key", "version", "title", "area", "status", "is_template"]
    list_filter = ["title", "status", "is_template"]
    search_fields = ["name", "key", "document_number"]
    raw_id_fields = ["area", "extends", "created_by", "published_by", "retired_by"]
    inlines = [GroupInline]

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None or obj.is_draft

    def has_delete_permission(self, request, obj=None) -> bool:
        return obj is None or obj.is_draft


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["code", "text", "max_points", "mandatory", "criteria_set"]
    list_filter = ["criteria_set__title"]
    search_fields = ["code", "text"]
    raw_id_fields = ["group", "criteria_set"]

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None or obj.criteria_set.is_draft
