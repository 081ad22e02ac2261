"""Verify the event log's hash chain; exit status 1 at the first broken link."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from integrity.core.chain import Break, ChainReport, events_verify, remember


def break_message(broken: Break) -> str:
    """The first broken link, in words."""
    texts = {
        "gap": _("Link %(seq)d is missing: a seal was removed."),
        "prev_hash": _("Link %(seq)d (event %(event)s) does not point to the previous link."),
        "deleted": _("Link %(seq)d: event %(event)s has been deleted."),
        "changed": _("Link %(seq)d: event %(event)s has been changed after it was sealed."),
    }
    return texts[broken.kind] % {"seq": broken.seq, "event": broken.event_id}


def report_lines(report: ChainReport, grace: int) -> list[str]:
    """What is wrong with the chain, one line per finding."""
    lines = []
    if report.broken:
        lines.append(break_message(report.broken))
        lines.append(_("%(count)d links before it are intact.") % {"count": report.count})
    if report.unsealed:
        lines.append(
            _("%(count)d events older than %(minutes)d minutes are not sealed (first: %(first)d).")
            % {"count": report.unsealed, "minutes": grace, "first": report.first_unsealed}
        )
    return lines


class Command(BaseCommand):
    help = "Recompute the event log's hash chain and report the first broken link."

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace-minutes",
            type=int,
            default=None,
            help="report events older than this that have no seal yet (default: setting)",
        )

    def handle(self, *args, grace_minutes: int, **options):
        if grace_minutes is None:
            grace_minutes = settings.EVENT_CHAIN_GRACE_MINUTES
        report = events_verify(grace=timedelta(minutes=grace_minutes))
        remember(report)
        if not report.ok:
            for line in report_lines(report, grace_minutes):
                self.stderr.write(line)
            raise CommandError(_("The event chain failed verification."), returncode=1)
        self.stdout.write(_("Chain intact, %(count)d links.") % {"count": report.count})
        self.stdout.write(_("Head hash: %(hash)s") % {"hash": report.head})
