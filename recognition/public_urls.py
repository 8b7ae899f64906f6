"""The public verification page, mounted at a short address so that the certificates' QR codes stay small."""

from django.urls import path

from recognition.views import verify

app_name = "verification"

urlpatterns = [
    path("", verify.verify_form, name="form"),
    path("<str:code>/", verify.verify_code, name="code"),
]
