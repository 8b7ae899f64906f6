from django.urls import path

from areas import views

app_name = "areas"
urlpatterns = [
    path("", views.area_index, name="index"),
    path("<int:area_id>/", views.area_detail, name="detail"),
    path("<int:commune_id>/villages/new/", views.village_create, name="village_create"),
    path("villages/<int:village_id>/", views.village_edit, name="village_edit"),
]
