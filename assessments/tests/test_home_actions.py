from django.urls import reverse

from assessments import services
from assessments.enums import Stage


def test_the_home_page_counts_what_waits_for_the_village_and_for_the_council(cw, client_for):
    campaign = cw.campaign
    ids = list(campaign.assessments.values_list("pk", flat=True))
    services.registration_set(by=None, campaign=campaign, assessment_ids=ids, registered=True)
    while campaign.stage != Stage.VILLAGE_REVIEW:
        services.campaign_advance(by=None, campaign=campaign)
    head_page = client_for(cw.world.head_a1).get(reverse("home")).content.decode()
    assert "Chờ thôn xét: Gia đình học tập 2026" in head_page
    assert "Chờ hội đồng" not in client_for(cw.world.council_a).get(reverse("home")).content.decode()
    assert "Chờ thôn xét" not in client_for(cw.world.officer_b).get(reverse("home")).content.decode()
