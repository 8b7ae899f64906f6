from django.urls import reverse

from criteria import services


def test_staff_see_their_drafts_on_the_home_page(client_for, world, national):
    assert "Bộ tiêu chí nháp" not in client_for(world.staff).get(reverse("home")).content.decode()
    services.criteria_set_new_version(by=world.staff, criteria_set=national)
    assert "Bộ tiêu chí nháp cần hoàn thiện và công bố" in client_for(world.staff).get(reverse("home")).content.decode()
    assert "Bộ tiêu chí nháp" not in client_for(world.officer_a).get(reverse("home")).content.decode()
