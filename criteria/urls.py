from django.urls import path

from criteria.views import editor, evaluation, sets, transfer

app_name = "criteria"
urlpatterns = [
    path("", sets.set_list, name="list"),
    path("new/", sets.set_create, name="create"),
    path("import/", transfer.set_import, name="import"),
    path("<int:set_id>/", sets.set_detail, name="detail"),
    path("<int:set_id>/edit/", sets.set_edit, name="edit"),
    path("<int:set_id>/delete/", sets.set_delete, name="delete"),
    path("<int:set_id>/publish/", sets.set_publish, name="publish"),
    path("<int:set_id>/retire/", sets.set_retire, name="retire"),
    path("<int:set_id>/new-version/", sets.set_new_version, name="new_version"),
    path("<int:set_id>/extend/", sets.set_extend, name="extend"),
    path("<int:set_id>/export.yaml", transfer.set_export_yaml, name="export_yaml"),
    path("<int:set_id>/export.xlsx", transfer.set_export_xlsx, name="export_xlsx"),
    path("<int:set_id>/preview/", evaluation.set_preview, name="preview"),
    path("<int:set_id>/what-if/", evaluation.set_whatif, name="whatif"),
    path("<int:set_id>/score-sheet.csv", evaluation.set_score_sheet, name="score_sheet"),
    path("<int:set_id>/groups/new/", editor.group_create, name="group_create"),
    path("groups/<int:group_id>/", editor.group_edit, name="group_edit"),
    path("groups/<int:group_id>/delete/", editor.group_delete, name="group_delete"),
    path("groups/<int:group_id>/move/", editor.group_move, name="group_move"),
    path("groups/<int:group_id>/items/new/", editor.item_create, name="item_create"),
    path("items/<int:item_id>/", editor.item_edit, name="item_edit"),
    path("items/<int:item_id>/delete/", editor.item_delete, name="item_delete"),
    path("items/<int:item_id>/move/", editor.item_move, name="item_move"),
    path("<int:set_id>/bands/new/", editor.band_create, name="band_create"),
    path("bands/<int:band_id>/delete/", editor.band_delete, name="band_delete"),
    path("<int:set_id>/levels/new/", editor.level_create, name="level_create"),
    path("levels/<int:level_id>/delete/", editor.level_delete, name="level_delete"),
]
