from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from portal import search_index


class Command(BaseCommand):
    help = "Rebuild the Chinese search index (bigram tokens) of every public item."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help=f"some of {', '.join(search_index.KINDS)}")

    def handle(self, *args, kinds, **options):
        unknown = set(kinds) - set(search_index.KINDS)
        if unknown:
            raise CommandError(f"unknown kinds: {', '.join(sorted(unknown))}")
        counts = search_index.rebuild(kinds or search_index.KINDS)
        for kind, n in counts.items():
            self.stdout.write(f"{kind}: {n}")
        if connection.vendor == "postgresql":  # fresh statistics and visibility map
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE portal_searchentry")
