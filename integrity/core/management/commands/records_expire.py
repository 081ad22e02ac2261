from django.core.management.base import BaseCommand

from integrity.core.scheduler import run_task_now


class Command(BaseCommand):
    help = "Expire dishonesty records whose publication period ended (daily job)."

    def handle(self, *args, **options):
        self.stdout.write(str(run_task_now("integrity.records.tasks.expire_records_task")))
