from django.core.management.base import BaseCommand

from integrity.core.scheduler import run_task_now


class Command(BaseCommand):
    help = "Send the commitment alarms not sent before (daily job)."

    def handle(self, *args, **options):
        self.stdout.write(str(run_task_now("commitments.tasks.commitment_alarms_task")))
