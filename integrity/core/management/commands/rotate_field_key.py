from django.core.management.base import BaseCommand

from integrity.core.services import field_keys_rotate


class Command(BaseCommand):
    help = (
        "Re-encrypt all personal data with the first key of FIELD_ENCRYPTION_KEYS and "
        "recompute the blind indexes. Run after prepending a new key; then remove the old one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, **options):
        counts = field_keys_rotate(batch_size=options["batch_size"])
        for label, rows in counts.items():
            self.stdout.write(f"{label}: {rows} rows re-encrypted")
        self.stdout.write(f"Total: {sum(counts.values())} rows.")
