from django.contrib import admin

from reports.models import Indicator, ManualFigure, Plan, Target


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    """The definitions come from reports/data/indicators.yaml (`manage.py load_report_data`); the code that
    counts them is fixed, so only the wording may be adjusted here."""

    list_display = ["position", "code", "short_name", "group", "computation"]
    readonly_fields = ["code", "computation", "group", "position"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ["indicator", "year", "value", "unconfirmed", "note"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["number", "issuer", "date", "area"]
    search_fields = ["number", "issuer", "title"]
    raw_id_fields = ["area", "updated_by"]
    inlines = [TargetInline]


@admin.register(ManualFigure)
class ManualFigureAdmin(admin.ModelAdmin):
    list_display = ["indicator", "area", "year", "numerator", "denominator", "source"]
    list_filter = ["indicator", "year"]
    raw_id_fields = ["area", "updated_by"]
