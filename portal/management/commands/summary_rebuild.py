from django.core.management.base import BaseCommand

from portal.summary import summary_rebuild


class Command(BaseCommand):
    help = "Recompute the home page's commitment summary rows from the commitments."

    def handle(self, *args, **options):
        rows = summary_rebuild()
        self.stdout.write(f"{rows} summary rows")
