"""Criteria sets on top of the shared world: a national set, one of the province, one of commune B."""

import pytest

from criteria import services
from criteria.tests.builders import spec


def published(by, area, **overrides):
    draft = services.criteria_set_import(by=by, spec=spec(**overrides), area=area)
    return services.criteria_set_publish(by=by, criteria_set=draft)


@pytest.fixture
def national(world):
    return published(world.staff, None)


@pytest.fixture
def province_set(world):
    return published(world.staff, world.province, key="bo-tinh", name="Bộ của tỉnh", title="clan")


@pytest.fixture
def commune_b_set(world):
    return published(world.staff, world.commune_b, key="bo-xa-b", name="Bộ của Xã Bình Minh", title="unit")


@pytest.fixture
def draft(world):
    return services.criteria_set_import(
        by=world.staff, spec=spec(key="nhap", name="Bản nháp tỉnh"), area=world.province
    )
