import datetime

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from khuyenhoc.enums import JobStatus
from khuyenhoc.jobs import JobFailed, Outcome, job_cancel, job_confirm, job_file_path, job_start, job_task
from khuyenhoc.models import Job


@job_task
def count_lines(job, progress):
    with open(job_file_path(job), encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    for number, _line in enumerate(lines, start=1):
        progress(number, total=len(lines), force=True)
    if job.params.get("ask"):
        return Outcome("Checked.", {"lines": len(lines)}, waiting=True)
    return Outcome("Counted.", {"lines": len(lines)})


@job_task
def refuse(job, progress):
    raise JobFailed("The list is not ours.")


@job_task
def crash(job, progress):
    raise RuntimeError("bug")


def start(user, task=count_lines, **params) -> Job:
    upload = SimpleUploadedFile("danh sách.txt", b"a\nb\nc\n")
    return job_start(task=task, kind="test", title="Đếm dòng", owner=user, upload=upload, params=params)


def test_a_job_runs_to_the_end_and_its_file_goes(world):
    job = start(world.officer_a)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.message == "Counted." and job.result == {"lines": 3}
    assert job.done == job.total == 3 and job.percent == 100
    assert job.started_at and job.finished_at and job.file == "" and job.file_name == "danh sách.txt"


def test_the_input_is_stored_under_a_name_nobody_can_guess(world):
    job = start(world.officer_a, ask=True)
    job.refresh_from_db()
    assert job.file.startswith("jobs/") and len(job.file) > 35 and "danh" not in job.file
    assert default_storage.exists(job.file)


def test_a_job_waits_for_confirmation_keeping_its_file_then_goes_on(world):
    job = start(world.officer_a, ask=True)
    job.refresh_from_db()
    assert job.status == JobStatus.WAITING and default_storage.exists(job.file)
    job_confirm(job, task=count_lines, params={"ask": False})
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.message == "Counted." and job.file == ""


def test_only_a_waiting_job_can_be_confirmed_and_a_finished_one_not_cancelled(world):
    job = start(world.officer_a)
    job.refresh_from_db()
    with pytest.raises(JobFailed):
        job_confirm(job, task=count_lines)
    with pytest.raises(JobFailed):
        job_cancel(job)


def test_a_refusal_fails_the_job_with_its_message_and_removes_the_file(world):
    job = start(world.officer_a, task=refuse)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.message == "The list is not ours." and job.file == ""


def test_a_crash_fails_the_job_with_a_general_message(world):
    job = start(world.officer_a, task=crash)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "lỗi không lường trước" in job.message and job.file == ""


def test_jobs_left_unconfirmed_for_a_day_are_cancelled_and_their_files_removed(world):
    old = start(world.officer_a, ask=True)
    Job.objects.filter(pk=old.pk).update(finished_at=timezone.now() - datetime.timedelta(days=2))
    stored = Job.objects.get(pk=old.pk).file
    start(world.officer_a)
    old.refresh_from_db()
    assert old.status == JobStatus.CANCELLED and not default_storage.exists(stored)


def test_the_jobs_pages_are_their_owners(client_for, world):
    job = start(world.officer_a)
    client = client_for(world.officer_a)
    assert "Đếm dòng" in client.get(reverse("jobs")).content.decode()
    assert client.get(reverse("job", args=[job.pk])).status_code == 200
    other = client_for(world.officer_b)
    assert other.get(reverse("job", args=[job.pk])).status_code == 404
    assert other.get(reverse("job_progress", args=[job.pk])).status_code == 404
    assert "Đếm dòng" not in other.get(reverse("jobs")).content.decode()


def test_the_job_pages_need_a_login_and_refuse_posts(client, world):
    job = start(world.officer_a)
    assert reverse("login") in client.get(reverse("jobs")).url
    client.force_login(world.officer_a)
    assert client.post(reverse("job", args=[job.pk])).status_code == 405


def test_the_progress_bar_polls_while_running_and_reloads_the_page_at_the_end(client_for, world):
    job = start(world.officer_a)
    client = client_for(world.officer_a)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, done=40, total=160)
    response = client.get(reverse("job_progress", args=[job.pk]))
    body = response.content.decode()
    assert 'hx-trigger="every 1s"' in body and 'value="25"' in body and "HX-Refresh" not in response
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE)
    response = client.get(reverse("job_progress", args=[job.pk]))
    assert response["HX-Refresh"] == "true" and "every 1s" not in response.content.decode()
