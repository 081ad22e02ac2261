from django.core.management.commands.runserver import Command as RunserverCommand

from integrity.core.scheduler import Scheduler


class Command(RunserverCommand):
    help = "runserver plus the periodic jobs in a background thread (make run's default)."

    def inner_run(self, *args, **options):
        # inner_run runs in the serving process (the autoreloader's child): one scheduler
        scheduler = Scheduler()
        scheduler.start()
        self.stdout.write("embedded scheduler: " + ", ".join(j.name for j in scheduler.jobs))
        try:
            return super().inner_run(*args, **options)
        finally:
            scheduler.stop()
