from django.core.management.base import BaseCommand

from integrity.core.scheduler import run_task_now


class Command(BaseCommand):
    help = "Send the reminders of proposal replies due (daily job)."

    def handle(self, *args, **options):
        self.stdout.write(str(run_task_now("commitments.proposals.tasks.send_reminders_task")))
