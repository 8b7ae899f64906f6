from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("users/", views.user_list, name="users"),
    path("users/new/<int:area_id>/", views.user_create, name="user_create"),
    path("users/<int:user_id>/", views.user_detail, name="user"),
    path("users/<int:user_id>/roles/", views.role_grant, name="role_grant"),
    path("users/<int:user_id>/roles/<int:assignment_id>/revoke/", views.role_revoke, name="role_revoke"),
    path("users/<int:user_id>/active/", views.user_set_active, name="user_set_active"),
]
