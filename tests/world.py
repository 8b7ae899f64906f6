"""The one small fixed world every test shares: a province → district → two communes → villages
tree, a former commune merged into commune A, and a user for each role."""

import datetime
from dataclasses import dataclass

from accounts.enums import Role
from accounts.models import RoleAssignment, User
from areas.enums import Kind, Level, SuccessionKind
from areas.models import Area, Succession
from areas.paths import segment
from khuyenhoc.text import fold

PASSWORD = "a-long-test-password"
MERGER = datetime.date(2025, 7, 1)


def make_area(code: str, name: str, kind: str, level: str, parent: Area | None = None, **dates) -> Area:
    area = Area.objects.create(
        code=code, name=name, search_name=fold(name), kind=kind, level=level, parent=parent, path="", depth=0, **dates
    )
    area.path = (parent.path if parent else "") + segment(area.pk)
    area.depth = parent.depth + 1 if parent else 0
    area.save(update_fields=["path", "depth"])
    return area


def make_user(username: str, role: str | None = None, area: Area | None = None, **extra) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, full_name=username.title(), **extra)
    if role:
        RoleAssignment.objects.create(user=user, role=role, area=area)
    return user


@dataclass
class World:
    province: Area
    commune_a: Area
    commune_b: Area
    former: Area
    village_a1: Area
    village_a2: Area
    village_b1: Area
    former_village: Area
    staff: User
    officer_a: User
    officer_b: User
    head_a1: User
    council_a: User
    viewer_a: User


def build_world() -> World:
    province = make_area("90", "Tỉnh Thử Nghiệm", Kind.PROVINCE, Level.PROVINCE)
    old_district = make_area("900", "Huyện Cũ", Kind.RURAL_DISTRICT, Level.DISTRICT, province, valid_to=MERGER)
    former = make_area("90011", "Xã Đồng Cũ", Kind.COMMUNE, Level.COMMUNE, old_district, valid_to=MERGER)
    commune_a = make_area("90001", "Phường An Hòa", Kind.WARD, Level.COMMUNE, province, valid_from=MERGER)
    commune_b = make_area("90002", "Xã Bình Minh", Kind.COMMUNE, Level.COMMUNE, province, valid_from=MERGER)
    Succession.objects.create(
        predecessor=former, successor=commune_a, kind=SuccessionKind.FULL, effective_date=MERGER, legal_basis="NQ thử"
    )
    group = Kind.RESIDENTIAL_GROUP
    village_a1 = make_area("90001.001", "Tổ dân phố Đông", group, Level.VILLAGE, commune_a, valid_from=MERGER)
    return World(
        province=province,
        commune_a=commune_a,
        commune_b=commune_b,
        former=former,
        village_a1=village_a1,
        village_a2=make_area("90001.002", "Tổ dân phố Tây", group, Level.VILLAGE, commune_a, valid_from=MERGER),
        village_b1=make_area("90002.001", "Thôn Bắc", Kind.VILLAGE, Level.VILLAGE, commune_b, valid_from=MERGER),
        former_village=make_area("90011.001", "Thôn Cũ", Kind.VILLAGE, Level.VILLAGE, former, valid_to=MERGER),
        staff=make_user("staff", Role.PROGRAMME_STAFF, province),
        officer_a=make_user("officer_a", Role.COMMUNE_OFFICER, commune_a),
        officer_b=make_user("officer_b", Role.COMMUNE_OFFICER, commune_b),
        head_a1=make_user("head_a1", Role.VILLAGE_HEAD, village_a1),
        council_a=make_user("council_a", Role.COUNCIL_MEMBER, commune_a),
        viewer_a=make_user("viewer_a", Role.VIEWER, commune_a),
    )
