"""Send the alarms about money owed (SME payments, incentives, PPP payments) once."""

import datetime

from django.core.management.base import BaseCommand

from commitments.money.alarms import money_alarms_sweep


class Command(BaseCommand):
    help = "Send due-soon and overdue alarms for money owed (escalating overdue ones)."

    def add_arguments(self, parser):
        parser.add_argument("--on", type=datetime.date.fromisoformat, help="as of YYYY-MM-DD")

    def handle(self, *args, on=None, **options):
        created = money_alarms_sweep(on=on)
        self.stdout.write(f"新提醒 {created} 条")
