import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import translation

from demo.generator import build_demo, demo_exists
from demo.logins import PASSWORD


class Command(BaseCommand):
    help = "Build the Kim Bảng demo district (once) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--households", type=int, default=2000, help="How many households (default 2000).")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed: the same seed gives the same demo.")
        parser.add_argument("--reset", action="store_true", help="Empty the database first, then build again.")

    def handle(self, *args, households, seed, reset, **options):
        translation.activate("vi")
        if reset:
            call_command("flush", interactive=False, verbosity=0)
        if demo_exists():
            self.stdout.write("Dữ liệu mẫu đã có sẵn (dùng --reset để tạo lại).")
            self.print_logins()
            return
        started = time.perf_counter()
        result = build_demo(households=households, seed=seed)
        self.stdout.write(
            f"Đã tạo địa bàn mẫu Kim Bảng trong {time.perf_counter() - started:.1f} s: "
            f"{len(result.demo_map.communes_2023)} xã (2023), {len(result.demo_map.wards)} phường (nay), "
            f"{len(result.demo_map.villages_old)} thôn/tổ cũ, {len(result.demo_map.villages_now)} tổ dân phố nay."
        )
        self.print_logins()

    def print_logins(self):
        from accounts.models import User

        self.stdout.write("")
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {PASSWORD}):")
        for user in User.objects.filter(role_assignments__isnull=False).distinct().order_by("username"):
            roles = "; ".join(f"{a.get_role_display()} — {a.area.name}" for a in user.assignments[:2])
            more = f" (+{len(user.assignments) - 2})" if len(user.assignments) > 2 else ""
            self.stdout.write(f"  {user.username:<18} {roles}{more}")
        self.stdout.write(f"  {'admin':<18} Quản trị hệ thống (trang /admin/)")
        self.print_codes()

    def print_codes(self):
        from recognition.enums import DecisionStatus
        from recognition.models import Certificate

        codes = Certificate.objects.order_by("pk")
        valid = codes.filter(entry__decision__status=DecisionStatus.ISSUED).first()
        revoked = codes.filter(entry__decision__status=DecisionStatus.REVOKED).first()
        if valid or revoked:
            self.stdout.write("")
            self.stdout.write("Xác minh giấy chứng nhận tại /v/ — ví dụ:")
        if valid:
            self.stdout.write(f"  {valid.code}  (còn hiệu lực)")
        if revoked:
            self.stdout.write(f"  {revoked.code}  (đã thu hồi)")
