from django.urls import reverse

from assessments.enums import EventKind, Stage, Status
from assessments.tests.test_services import advance_to


def url(cw, village=None) -> str:
    return reverse("assessments:registration", args=[cw.campaign.pk, (village or cw.world.village_a1).pk])


def statuses(cw) -> dict[str, str]:
    return dict(cw.campaign.assessments.values_list("subject_name", "status"))


def test_it_needs_a_login(client, cw):
    response = client.get(url(cw))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_is_hidden_from_other_communes_and_other_villages(client_for, cw):
    assert client_for(cw.world.officer_b).get(url(cw)).status_code == 404
    head = client_for(cw.world.head_a1)
    assert head.get(url(cw, cw.world.village_a2)).status_code == 404
    assert head.get(url(cw, cw.world.village_b1)).status_code == 404


def test_a_viewer_sees_the_list_but_cannot_register(client_for, cw):
    client = client_for(cw.world.viewer_a)
    page = client.get(url(cw)).content.decode()
    assert "Nguyễn Văn An" in page and 'name="ids"' not in page
    assert client.post(url(cw), {"action": "all"}).status_code == 403
    assert set(statuses(cw).values()) == {Status.INVITED}


def test_it_refuses_other_methods(client_for, cw):
    assert client_for(cw.world.head_a1).put(url(cw)).status_code == 405


def test_the_village_head_registers_the_ticked_subjects_and_the_counts_follow(client_for, cw):
    client = client_for(cw.world.head_a1)
    an, binh = cw.assessment("Nguyễn Văn An"), cw.assessment("Trần Thị Bình")
    response = client.post(url(cw), {"action": "register", "ids": [an.pk, binh.pk]}, follow=True)
    page = response.content.decode()
    assert "Đã đăng ký 2 đối tượng" in page
    assert "<strong>2</strong> trên 3 đã đăng ký" in page
    assert statuses(cw)["Nguyễn Văn An"] == Status.REGISTERED
    assert statuses(cw)["Lê Văn Cường"] == Status.INVITED
    assert an.events.get(kind=EventKind.STATUS).actor == cw.world.head_a1


def test_register_all_takes_every_subject_of_the_village_and_only_those(client_for, cw):
    client_for(cw.world.head_a1).post(url(cw), {"action": "all"})
    found = statuses(cw)
    assert found["Lê Văn Cường"] == found["Trần Thị Bình"] == Status.REGISTERED
    assert found["Phạm Thị Dung"] == Status.INVITED  # Tổ dân phố Tây


def test_subjects_of_another_village_cannot_be_slipped_in(client_for, cw):
    dung = cw.assessment("Phạm Thị Dung")
    client_for(cw.world.head_a1).post(url(cw), {"action": "register", "ids": [dung.pk, "junk"]})
    assert statuses(cw)["Phạm Thị Dung"] == Status.INVITED


def test_withdrawing_takes_them_out_again(client_for, cw):
    client = client_for(cw.world.head_a1)
    an = cw.assessment("Nguyễn Văn An")
    client.post(url(cw), {"action": "all"})
    response = client.post(url(cw), {"action": "withdraw", "ids": [an.pk]}, follow=True)
    assert "Đã rút 1 đối tượng" in response.content.decode()
    assert statuses(cw)["Nguyễn Văn An"] == Status.INVITED


def test_a_closed_stage_refuses_with_a_message_and_changes_nothing(client_for, cw):
    advance_to(cw.campaign, Stage.VILLAGE_REVIEW)
    response = client_for(cw.world.head_a1).post(url(cw), {"action": "all"}, follow=True)
    assert "Không thể thực hiện ở giai đoạn" in response.content.decode()
    assert set(statuses(cw).values()) == {Status.INVITED}


def test_the_list_costs_the_same_queries_for_more_subjects(client_for, cw, django_assert_max_num_queries):
    client = client_for(cw.world.head_a1)
    with django_assert_max_num_queries(9):
        assert client.get(url(cw)).status_code == 200
