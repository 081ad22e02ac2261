import time

from django.core.management.base import BaseCommand

from integrity.core.scheduler import Scheduler


class Command(BaseCommand):
    help = "Run the periodic jobs of the beat schedule in this process, without Celery beat."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=20.0, help="seconds per check")

    def handle(self, *args, interval, **options):
        scheduler = Scheduler(interval=interval)
        self.stdout.write("jobs: " + ", ".join(job.name for job in scheduler.jobs))
        while True:
            for name in scheduler.tick():
                self.stdout.write(f"ran {name}")
            time.sleep(interval)
