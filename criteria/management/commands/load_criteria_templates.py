from django.core.management.base import BaseCommand
from django.utils import translation

from criteria.shipped import template_files, templates_publish


class Command(BaseCommand):
    help = "Publish the template criteria sets shipped in criteria/data/ (those not loaded yet)."

    def handle(self, *args, **options):
        translation.activate("vi")
        published = templates_publish()
        for criteria_set in published:
            self.stdout.write(f"  {criteria_set.key} v{criteria_set.version}: {criteria_set.name}")
        count = f"{len(published)}/{len(template_files())}"
        self.stdout.write(f"Đã công bố {count} bộ tiêu chí mẫu (các bộ còn lại đã có từ trước).")
