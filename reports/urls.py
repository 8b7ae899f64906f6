from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.start, name="start"),
    path("group/", views.group_dashboard, name="group"),
    path("group/export.xlsx", views.group_xlsx, name="group_xlsx"),
    path("group/report.pdf", views.group_pdf, name="group_pdf"),
    path("<int:area_id>/", views.area_dashboard, name="area"),
    path("<int:area_id>/export.xlsx", views.area_xlsx, name="area_xlsx"),
    path("<int:area_id>/report.pdf", views.area_pdf, name="area_pdf"),
    path("<int:area_id>/figures/<int:year>/", views.figures_edit, name="figures"),
    path("indicators/", views.indicator_list, name="indicators"),
    path("plans/", views.plan_list, name="plans"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:plan_id>/", views.plan_edit, name="plan_edit"),
]
