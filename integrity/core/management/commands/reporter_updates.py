from django.core.management.base import BaseCommand

from integrity.core.scheduler import run_task_now


class Command(BaseCommand):
    help = "Send citizen reporters the status updates their reports reached (every five minutes)."

    def handle(self, *args, **options):
        self.stdout.write(str(run_task_now("portal.tasks.reporter_updates_task")))
