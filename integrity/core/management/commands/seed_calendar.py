from django.core.management.base import BaseCommand

from integrity.core.services import calendar_seed


class Command(BaseCommand):
    help = "Load statutory holidays and make-up working days 2004-2026 from chinesecalendar."

    def handle(self, *args, **options):
        count = calendar_seed()
        self.stdout.write(f"{count} calendar days loaded.")
