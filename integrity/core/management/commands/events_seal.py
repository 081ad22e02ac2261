"""Chain every committed, unsealed event now (the Celery task does it every minute)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from integrity.core.chain import events_seal


class Command(BaseCommand):
    help = "Append a hash-chain seal to every committed event that has none yet."

    def handle(self, *args, **options):
        sealed = events_seal()
        self.stdout.write(_("Sealed %(count)d events.") % {"count": sealed})
