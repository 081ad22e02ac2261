from django.core.management.base import BaseCommand

from portal.opendata import generate


class Command(BaseCommand):
    help = "Write the open-data files (CSV and JSON of every published dataset)."

    def handle(self, *args, **options):
        for name, size in generate().items():
            self.stdout.write(f"{name}: {size:,} bytes")
