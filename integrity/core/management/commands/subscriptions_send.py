from django.core.management.base import BaseCommand

from integrity.core.scheduler import run_task_now


class Command(BaseCommand):
    help = "Send confirmed e-mail subscribers what is new (daily job)."

    def handle(self, *args, **options):
        self.stdout.write(str(run_task_now("portal.tasks.subscriptions_send_task")))
