from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from criteria import engine, validation, whatif
from criteria.enums import Status
from criteria.models import CriteriaSet
from criteria.selectors import effective_set
from criteria.spec import FormatError
from criteria.yamlfile import read_yaml


class Command(BaseCommand):
    help = (
        "Evaluate a criteria set (YAML) against a score table (.csv or .xlsx: one row per subject, one column "
        "per item code) and write each subject's outcome and reasons as CSV to stdout."
    )

    def add_arguments(self, parser):
        parser.add_argument("set", type=Path, help="The set, as exported in YAML.")
        parser.add_argument("scores", type=Path, help="The score table, .csv or .xlsx.")

    def handle(self, *args, set: Path, scores: Path, **options):
        translation.activate("vi")
        try:
            spec = read_yaml(set.read_bytes())
            rules = self._rules(spec)
            with scores.open("rb") as file:
                rows = whatif.read_scores(file, scores.name, rules)
        except OSError as error:
            raise CommandError(str(error)) from None
        except FormatError as error:
            raise CommandError("\n".join(error.problems)) from None
        for problem in self.warnings + validation.problems(rules, title=spec.title):
            self.stderr.write(f"Cảnh báo: {problem}")
        report = whatif.run(rules, rows)
        whatif.write_csv(report, self.stdout)
        tally = report.tally
        self.stderr.write(f"{tally.passed}/{tally.subjects} đối tượng đạt; {report.rejected} dòng bị từ chối.")

    def _rules(self, spec) -> engine.RuleSet:
        """The set as evaluated: merged onto its published base when it extends one (what a local set may
        not do is then a warning, as the draft may be about to change)."""
        self.warnings = []
        if not spec.extends:
            return spec.rules
        key, version = spec.extends
        base = CriteriaSet.objects.filter(key=key, version=version).exclude(status=Status.DRAFT).first()
        if base is None:
            raise CommandError(f"extends: không có bộ tiêu chí {key} phiên bản {version} đã công bố.")
        base_rules = effective_set(base)
        self.warnings = validation.extension_problems(base_rules, spec.rules)
        return engine.extend(base_rules, spec.rules, origin=spec.name)
