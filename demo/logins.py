"""Demo logins: one account per role, printed by `make run`."""

from accounts.enums import Role
from accounts.models import RoleAssignment, User
from demo.places import DemoMap

PASSWORD = "khuyenhoc-demo"


def build_accounts(demo_map: DemoMap) -> list[User]:
    ward = {w.name: w for w in demo_map.wards}
    kim_bang, le_ho, kim_thanh = ward["Phường Kim Bảng"], ward["Phường Lê Hồ"], ward["Phường Kim Thanh"]
    village = next(v for v in demo_map.villages_now if v.parent_id == kim_bang.pk)
    plan = [
        ("hkh.tinh", "Trần Thị Minh Hằng", [(Role.PROGRAMME_STAFF, demo_map.province_now)]),
        ("hkh.kimbang", "Nguyễn Văn Quang", [(Role.PROGRAMME_STAFF, ward) for ward in demo_map.wards]),
        ("canbo.kimbang", "Lê Thị Thu Trang", [(Role.COMMUNE_OFFICER, kim_bang)]),
        ("canbo.leho", "Phạm Đức Thắng", [(Role.COMMUNE_OFFICER, le_ho)]),
        # Kim Thanh's 2026 family campaign waits at the decision stage: this officer issues it.
        ("canbo.kimthanh", "Đinh Thị Mai", [(Role.COMMUNE_OFFICER, kim_thanh)]),
        ("truongthon", "Đỗ Văn Bình", [(Role.VILLAGE_HEAD, village)]),
        ("hoidong.kimbang", "Vũ Thị Lan", [(Role.COUNCIL_MEMBER, kim_bang)]),
        ("xem.kimbang", "Hoàng Minh Tuấn", [(Role.VIEWER, kim_bang)]),
    ]
    users = []
    for username, full_name, roles in plan:
        user = User(username=username, full_name=full_name)
        user.set_password(PASSWORD)
        user.save()
        RoleAssignment.objects.bulk_create(RoleAssignment(user=user, role=role, area=area) for role, area in roles)
        users.append(user)
    admin = User(username="admin", full_name="Quản trị hệ thống", is_superuser=True, is_staff=True)
    admin.set_password(PASSWORD)
    admin.save()
    return [*users, admin]
