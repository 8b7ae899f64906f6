from django.urls import path

from registry.views import clans, communities, households, imports, persons, units

app_name = "registry"
urlpatterns = [
    path("", communities.index, name="index"),
    path("<int:area_id>/households/", households.household_list, name="households"),
    path("<int:area_id>/households/export/", households.household_export, name="household_export"),
    path("<int:area_id>/households/new/", households.household_create, name="household_create"),
    path("households/<int:household_id>/", households.household_detail, name="household"),
    path("households/<int:household_id>/edit/", households.household_edit, name="household_edit"),
    path("households/<int:household_id>/members/new/", households.member_create, name="member_create"),
    path("persons/<int:person_id>/", households.person_edit, name="person_edit"),
    path("<int:area_id>/persons/", persons.person_list, name="persons"),
    path("<int:area_id>/persons/export/", persons.person_export, name="person_export"),
    path("<int:area_id>/clans/", clans.clan_list, name="clans"),
    path("<int:area_id>/clans/export/", clans.clan_export, name="clan_export"),
    path("<int:area_id>/clans/new/", clans.clan_create, name="clan_create"),
    path("clans/<int:clan_id>/", clans.clan_edit, name="clan_edit"),
    path("<int:area_id>/units/", units.unit_list, name="units"),
    path("<int:area_id>/units/export/", units.unit_export, name="unit_export"),
    path("<int:area_id>/units/new/", units.unit_create, name="unit_create"),
    path("units/<int:unit_id>/", units.unit_detail, name="unit"),
    path("units/<int:unit_id>/staff/new/", units.staff_create, name="staff_create"),
    path("<int:area_id>/villages/", communities.community_list, name="communities"),
    path("<int:area_id>/villages/export/", communities.community_export, name="community_export"),
    path("<int:area_id>/import/", imports.import_start, name="import_start"),
    path("<int:area_id>/import/template/<str:kind>/", imports.import_template, name="import_template"),
    path("imports/<int:job_id>/", imports.import_detail, name="import"),
    path("imports/<int:job_id>/confirm/", imports.import_confirm, name="import_confirm"),
    path("imports/<int:job_id>/cancel/", imports.import_cancel, name="import_cancel"),
]
