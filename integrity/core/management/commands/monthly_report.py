from django.core.management.base import BaseCommand

from integrity.core.scheduler import run_task_now


class Command(BaseCommand):
    help = "Build the monthly monitoring report (default: the month before today)."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM")

    def handle(self, *args, month=None, **options):
        task = "portal.monitoring.tasks.build_monthly_report_task"
        self.stdout.write(str(run_task_now(task, month=month)))
