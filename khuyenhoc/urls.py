from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.forms import LoginForm
from assessments.views.selfassess import personal_link
from khuyenhoc import views

admin.site.site_header = admin.site.site_title = "Khuyến Học Số"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/", include("accounts.urls")),
    path("jobs/", views.job_list, name="jobs"),
    path("jobs/<int:job_id>/", views.job_detail, name="job"),
    path("jobs/<int:job_id>/progress/", views.job_progress, name="job_progress"),
    path("areas/", include("areas.urls")),
    path("registry/", include("registry.urls")),
    path("criteria/", include("criteria.urls")),
    path("campaigns/", include("assessments.urls")),
    path("decisions/", include("recognition.urls")),
    path("reports/", include("reports.urls")),
    # Anyone checks a certificate here, by its code or its QR code: short, and outside the login.
    path("v/", include("recognition.public_urls")),
    # A household's personal link, printed as a QR code: short, and outside the login.
    path("s/<str:token>/", personal_link, name="personal_link"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler403 = "khuyenhoc.views.error_403"
handler404 = "khuyenhoc.views.error_404"
handler500 = "khuyenhoc.views.error_500"
