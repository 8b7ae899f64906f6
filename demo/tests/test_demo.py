import datetime

from django.core.management import call_command

from accounts.enums import Role
from accounts.models import User
from areas.enums import Level
from areas.models import Area


def test_the_demo_builds_kim_bang_on_its_three_maps_with_a_login_per_role(db, capsys):
    call_command("demo", "--households", "50", "--seed", "7")
    out = capsys.readouterr().out
    kim_bang = Area.objects.get(code="350")
    communes_2023 = Area.objects.under(kim_bang).valid_on(datetime.date(2024, 1, 1)).at_level(Level.COMMUNE)
    assert communes_2023.count() == 18
    assert all(c.children.exists() for c in communes_2023)
    wards = (
        Area.objects.current().at_level(Level.COMMUNE).filter(successions_in__predecessor__parent=kim_bang).distinct()
    )
    assert wards.count() == 6
    assert all(w.children.current().exists() for w in wards)
    roles = {a.role for user in User.objects.all() for a in user.assignments}
    assert roles == set(Role.values)
    for username in ("canbo.kimbang", "truongthon", "hkh.kimbang", "admin"):
        assert username in out


def fingerprint() -> tuple:
    from recognition.models import Certificate
    from registry.models import Household

    villages = list(Area.objects.at_level(Level.VILLAGE).order_by("code", "valid_from").values_list("name", flat=True))
    heads = list(Household.objects.order_by("commune__code", "code").values_list("head_name", flat=True))
    return villages, heads, Certificate.objects.count()


def test_the_demo_is_built_once_and_is_the_same_for_a_seed(transactional_db):
    call_command("demo", "--households", "120", "--seed", "7")
    first = fingerprint()
    call_command("demo", "--households", "120", "--seed", "7")
    assert fingerprint() == first
    call_command("demo", "--households", "120", "--seed", "7", "--reset")
    assert fingerprint() == first
