from django.urls import path

from recognition.views import decisions, files, paper

app_name = "recognition"

urlpatterns = [
    path("", decisions.decision_list, name="list"),
    path("new/", decisions.decision_new, name="new"),
    path("<int:decision_id>/", decisions.decision_detail, name="detail"),
    path("<int:decision_id>/edit/", decisions.decision_edit, name="edit"),
    path("<int:decision_id>/entries/<int:entry_id>/leave-out/", decisions.entry_exclude, name="entry_exclude"),
    path("<int:decision_id>/entries/<int:entry_id>/put-back/", decisions.entry_include, name="entry_include"),
    path("<int:decision_id>/issue/", decisions.decision_issue, name="issue"),
    path("<int:decision_id>/revoke/", decisions.decision_revoke, name="revoke"),
    path("<int:decision_id>/scan/", decisions.scan_attach, name="scan_attach"),
    path("<int:decision_id>/scan/file/", files.scan_file, name="scan"),
    path("<int:decision_id>/decision.docx", files.decision_docx, name="docx"),
    path("<int:decision_id>/decision.pdf", files.decision_pdf, name="pdf"),
    path("<int:decision_id>/certificates/", files.certificates_start, name="certificates"),
    path("certificates/<int:job_id>/", files.certificates_job, name="certificates_job"),
    path("certificates/<int:job_id>/file/", files.certificates_file, name="certificates_file"),
    path("communes/<int:commune_id>/paper/", paper.paper_settings, name="paper"),
    path("communes/<int:commune_id>/paper/test-print/", paper.test_print, name="test_print"),
    path("communes/<int:commune_id>/template/", paper.template_upload, name="template_upload"),
    path("communes/<int:commune_id>/template/remove/", paper.template_remove, name="template_remove"),
    path("communes/<int:commune_id>/template.docx", paper.template_download, name="template_download"),
]
