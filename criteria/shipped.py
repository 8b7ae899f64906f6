"""The template sets shipped in criteria/data/: starting points labelled as templates, never as official
documents; each names its source and which of its values are placeholders."""

from pathlib import Path

from criteria import services
from criteria.models import CriteriaSet
from criteria.yamlfile import read_yaml

DATA = Path(__file__).resolve().parent / "data"


def template_files() -> list[Path]:
    return sorted(DATA.glob("*.yaml"))


def templates_publish() -> list[CriteriaSet]:
    """Publishes every shipped template not loaded yet (idempotent); returns those it published."""
    loaded = [services.template_load(spec=read_yaml(path.read_bytes())) for path in template_files()]
    return [criteria_set for criteria_set in loaded if criteria_set is not None]
