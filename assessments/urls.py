from django.urls import path

from assessments.views import campaigns, council, evidence, grid, links, registration, selfassess

app_name = "assessments"

# One module per screen: campaigns.py, registration.py, selfassess.py, evidence.py, links.py (set-up
# and the household's side) and grid.py, council.py (the reviews).
urlpatterns = [
    path("", campaigns.campaign_list, name="campaigns"),
    # Campaigns, registration, the subject's own form, evidence and personal links.
    path("new/", campaigns.campaign_create, name="campaign_create"),
    path("<int:campaign_id>/", campaigns.campaign_detail, name="campaign"),
    path("<int:campaign_id>/open/", campaigns.campaign_open, name="campaign_open"),
    path("<int:campaign_id>/advance/", campaigns.campaign_advance, name="campaign_advance"),
    path(
        "<int:campaign_id>/villages/<int:village_id>/registration/",
        registration.registration,
        name="registration",
    ),
    path("<int:campaign_id>/villages/<int:village_id>/links/", links.link_sheet, name="link_sheet"),
    path("subjects/<int:assessment_id>/self-assessment/", selfassess.self_assessment, name="self_assess"),
    path("subjects/<int:assessment_id>/evidence/", evidence.evidence_add, name="evidence_add"),
    path("subjects/<int:assessment_id>/link/", links.link_issue, name="link_issue"),
    path("links/<int:link_id>/revoke/", links.link_revoke, name="link_revoke"),
    path("evidence/<int:evidence_id>/", evidence.evidence_file, name="evidence_file"),
    path("evidence/<int:evidence_id>/thumbnail/", evidence.evidence_thumb, name="evidence_thumb"),
    path("evidence/<int:evidence_id>/remove/", evidence.evidence_remove, name="evidence_remove"),
    # The village review grid (grid.py).
    path("<int:campaign_id>/villages/<int:village_id>/grid/", grid.village_grid, name="grid"),
    path("<int:campaign_id>/villages/<int:village_id>/grid/cell/", grid.grid_cell, name="grid_cell"),
    path("<int:campaign_id>/villages/<int:village_id>/grid/fill/", grid.grid_fill, name="grid_fill"),
    path("<int:campaign_id>/villages/<int:village_id>/grid/copy-self/", grid.grid_copy_self, name="grid_copy_self"),
    path("<int:campaign_id>/villages/<int:village_id>/grid/submit/", grid.grid_submit, name="grid_submit"),
    # The commune council (council.py).
    path("<int:campaign_id>/council/", council.council_queue, name="council"),
    path(
        "<int:campaign_id>/council/villages/<int:village_id>/approve/",
        council.council_approve_village,
        name="council_approve_village",
    ),
    path("subjects/<int:assessment_id>/", council.subject_detail, name="subject"),
    path("subjects/<int:assessment_id>/adjust/", council.subject_adjust, name="subject_adjust"),
    path("subjects/<int:assessment_id>/return/", council.subject_return, name="subject_return"),
    path("subjects/<int:assessment_id>/approve/", council.subject_approve, name="subject_approve"),
]
