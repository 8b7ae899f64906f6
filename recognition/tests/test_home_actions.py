from django.urls import reverse

from khuyenhoc.home import actions_for


def test_the_officer_is_asked_to_issue_the_decision_of_an_approved_list(approved):
    (action,) = [a for a in actions_for(approved.world.officer_a) if reverse("recognition:new") in a.url]
    assert action.count == 4 and approved.campaign.name in action.label and "Phường An Hòa" in action.label


def test_nobody_else_is_asked(approved):
    for user in (approved.world.viewer_a, approved.world.officer_b, approved.world.council_a):
        assert not [a for a in actions_for(user) if reverse("recognition:new") in a.url]


def test_the_request_goes_once_the_decision_is_issued(issued_decision, approved):
    assert not [a for a in actions_for(approved.world.officer_a) if reverse("recognition:new") in a.url]


def test_the_home_page_links_to_the_work(client_for, approved):
    page = client_for(approved.world.officer_a).get(reverse("home")).content.decode()
    assert f"{reverse('recognition:new')}#work-{approved.campaign.pk}-{approved.world.commune_a.pk}" in page
