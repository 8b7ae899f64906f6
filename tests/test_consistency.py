"""Project rules checked as tests."""

import subprocess
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(ROOT.glob("locale/vi/LC_MESSAGES/django.po")) + sorted(
    ROOT.glob("*/locale/vi/LC_MESSAGES/django.po")
)


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_vietnamese_string_is_translated(po_path):
    catalogue = polib.pofile(str(po_path))
    missing = [entry.msgid for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]
    assert not missing, f"untranslated in {po_path.relative_to(ROOT)}: {missing[:10]}"


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_compiled_catalogue_matches_its_source(po_path, tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(compiled), str(po_path)], check=True)
    shipped = polib.mofile(str(po_path.with_suffix(".mo")))
    fresh = polib.mofile(str(compiled))
    assert {(e.msgid, e.msgstr) for e in shipped} == {(e.msgid, e.msgstr) for e in fresh}, "run `make messages`"


def test_there_is_a_catalogue_for_every_app_with_strings():
    apps = ["areas", "accounts", "criteria", "registry", "assessments", "recognition", "reports"]
    assert all((ROOT / app / "locale" / "vi" / "LC_MESSAGES" / "django.po").exists() for app in apps)
