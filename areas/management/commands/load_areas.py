from django.core.management.base import BaseCommand, CommandError

from areas.services import AreaError, official_units_load


class Command(BaseCommand):
    help = (
        "Load the official administrative units (2023, 03/2025 and from 01/07/2025, with their "
        "successions) of one or more provinces from the fixture shipped with the project."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument(
            "--province",
            action="append",
            metavar="CODE",
            help="GSO province code (e.g. 35 for Hà Nam); repeat for several. The provinces they merged into come too.",
        )
        group.add_argument("--all", action="store_true", help="The whole country.")

    def handle(self, *args, province=None, all=False, **options):
        try:
            report = official_units_load(provinces=None if all else province)
        except AreaError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Provinces {', '.join(report.provinces)}: {report.created} areas created, {report.updated} updated, "
            f"{report.unchanged} unchanged; {report.successions} successions and "
            f"{report.former_names} former names added."
        )
