from django.core.management.base import BaseCommand

from integrity.core.demo import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Print the demo users and their password."

    def handle(self, *args, **options):
        self.stdout.write(f"\n演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username, full_name, role_label, org_name, _role in DEMO_USERS:
            self.stdout.write(f"  {username:<14} {role_label:<12} {full_name}（{org_name}）")
        self.stdout.write("门户: http://127.0.0.1:8000/   后台: http://127.0.0.1:8000/admin/\n")
