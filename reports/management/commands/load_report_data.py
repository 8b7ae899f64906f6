from django.core.management.base import BaseCommand

from reports.shipped import shipped_data_load


class Command(BaseCommand):
    help = (
        "Load the indicator definitions and the target plans shipped in reports/data/ (idempotent: indicators are "
        "refreshed from the files, plans already present are kept as edited)."
    )

    def handle(self, *args, **options):
        report = shipped_data_load()
        self.stdout.write(f"{report.indicators} chỉ tiêu.")
        for number in report.plans_added:
            self.stdout.write(f"Đã thêm kế hoạch {number}.")
        for number in report.plans_kept:
            self.stdout.write(f"Giữ nguyên kế hoạch {number} (đã có).")
        for number in report.plans_skipped:
            self.stderr.write(f"Bỏ qua kế hoạch {number}: địa bàn của kế hoạch chưa có trong bản đồ.")
