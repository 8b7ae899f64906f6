from django.urls import reverse

from registry import services
from registry.enums import Gender

TODO = "Thôn, tổ chưa có hộ nào ở Phường An Hòa"


def test_an_officer_is_asked_to_fill_the_villages_that_have_no_household(client_for, world):
    body = client_for(world.officer_a).get(reverse("home")).content.decode()
    assert TODO in body and reverse("registry:import_start", args=[world.commune_a.pk]) in body
    for village in (world.village_a1, world.village_a2):
        services.household_create(
            commune=world.commune_a, village=village, head_name="Lê Thị Hoa", head_gender=Gender.FEMALE
        )
    assert TODO not in client_for(world.officer_a).get(reverse("home")).content.decode()


def test_a_village_head_is_sent_to_add_a_household_and_a_viewer_is_not_asked(client_for, world):
    body = client_for(world.head_a1).get(reverse("home")).content.decode()
    assert TODO in body and reverse("registry:household_create", args=[world.village_a1.pk]) in body
    assert TODO not in client_for(world.viewer_a).get(reverse("home")).content.decode()
