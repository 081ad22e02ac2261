from django.core.management.base import BaseCommand

from integrity.core.scheduler import run_task_now


class Command(BaseCommand):
    help = "Report missed written explanations and overdue joint measures (daily job)."

    def handle(self, *args, **options):
        self.stdout.write(str(run_task_now("integrity.records.tasks.escalate_explanations_task")))
