"""Communes enter the figures of the indicators the software does not count itself."""

import pytest
from django.urls import reverse

from reports.models import ManualFigure
from reports.shipped import shipped_data_load


@pytest.fixture
def figures_url(world):
    shipped_data_load()
    return reverse("reports:figures", args=[world.commune_a.pk, 2025])


FILLED = {
    "n_members_trained": "45",
    "d_members_trained": "50",
    "s_members_trained": "Báo cáo năm 2025 của Hội Khuyến học phường",
    "n_chair_in_centre": "1",
    "d_chair_in_centre": "1",
    "s_chair_in_centre": "Quyết định kiện toàn Ban quản lý TTHTCĐ",
}


def test_the_commune_officer_enters_the_figures_of_a_year(client_for, world, figures_url):
    client = client_for(world.officer_a)
    assert client.get(figures_url).status_code == 200
    response = client.post(figures_url, FILLED)
    assert response.status_code == 302
    saved = {(f.indicator.code, f.numerator, f.denominator) for f in ManualFigure.objects.select_related("indicator")}
    assert saved == {("members_trained", 45, 50), ("chair_in_centre", 1, 1)}
    assert ManualFigure.objects.get(indicator__code="members_trained").updated_by == world.officer_a
    # Emptying a line removes its figure.
    client.post(figures_url, {**FILLED, "n_chair_in_centre": "", "d_chair_in_centre": "", "s_chair_in_centre": ""})
    assert not ManualFigure.objects.filter(indicator__code="chair_in_centre").exists()


def test_a_figure_needs_a_total_a_source_and_no_more_than_the_total(client_for, world, figures_url):
    client = client_for(world.officer_a)
    response = client.post(figures_url, {**FILLED, "s_members_trained": ""})
    assert response.status_code == 200 and not ManualFigure.objects.exists()
    response = client.post(figures_url, {**FILLED, "n_members_trained": "60"})
    assert "Số đạt không được lớn hơn tổng số." in response.content.decode()
    assert not ManualFigure.objects.exists()


def test_who_may_enter_figures(client, client_for, world, figures_url):
    response = client.get(figures_url)
    assert response.status_code == 302 and reverse("login") in response.url
    assert client_for(world.officer_b).get(figures_url).status_code == 404
    assert client_for(world.viewer_a).get(figures_url).status_code == 403
    assert client_for(world.staff).get(figures_url).status_code == 200
    # A village is not where figures are entered, nor is a year outside the programme.
    assert (
        client_for(world.officer_a).get(reverse("reports:figures", args=[world.village_a1.pk, 2025])).status_code == 404
    )
    assert (
        client_for(world.officer_a).get(reverse("reports:figures", args=[world.commune_a.pk, 2019])).status_code == 404
    )
    assert client_for(world.officer_a).delete(figures_url).status_code == 405


def test_the_dashboard_offers_the_entry_to_those_who_may(client_for, world, figures_url):
    shipped_data_load()
    officer = client_for(world.officer_a).get(reverse("reports:area", args=[world.commune_a.pk]), {"year": 2025})
    assert officer.context["figures_year"] == 2025 and figures_url in officer.content.decode()
    viewer = client_for(world.viewer_a).get(reverse("reports:area", args=[world.commune_a.pk]), {"year": 2025})
    assert viewer.context["figures_year"] is None
