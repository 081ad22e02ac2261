"""Atom feeds: one per unit (/feeds/units/<id>/) and one for the register (/feeds/records/).

The same entries feed the e-mail subscriptions (portal.subscriptions).
"""

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from commitments.models import Commitment
from commitments.proposals import selectors as proposal_selectors
from integrity.core.display import cn_date
from integrity.core.models import Organisation
from integrity.records import selectors as record_selectors

LIMIT = 30


@dataclass(frozen=True)
class Entry:
    title: str
    url: str
    when: datetime.datetime
    text: str


def _at(day) -> datetime.datetime:
    if isinstance(day, datetime.datetime):
        return day
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def _record_entries(records) -> list[Entry]:
    return [
        Entry(
            _("Dishonesty record: %(title)s") % {"title": r.title},
            r.get_absolute_url(),
            _at(r.determination_date),
            f"{r.organisation.name} · {cn_date(r.determination_date)} · {r.get_severity_display()}",
        )
        for r in records
    ]


def unit_entries(unit: Organisation, *, since: datetime.datetime | None = None) -> list[Entry]:
    """Newest first: published commitments, records on view and replies of one unit."""
    commitments = Commitment.objects.published().filter(organisation=unit)
    records = record_selectors.public_records().filter(organisation=unit)
    replies = proposal_selectors.published_replies().filter(assignment__unit=unit)
    if since:
        commitments = commitments.filter(published_at__gt=since)
        records = records.filter(determination_date__gte=timezone.localdate(since))
        replies = replies.filter(sent_on__gte=timezone.localdate(since))
    entries = [
        Entry(
            _("Commitment: %(title)s") % {"title": c.title},
            c.get_absolute_url(),
            c.published_at or c.created_at,
            _("Deadline %(day)s. %(target)s") % {"day": cn_date(c.deadline), "target": c.target},
        )
        for c in commitments.order_by("-published_at")[:LIMIT]
    ]
    entries += _record_entries(records.order_by("-determination_date")[:LIMIT])
    entries += [
        Entry(
            _("Reply: %(title)s") % {"title": r.title},
            reverse("proposals:reply_detail", args=[r.pk]),
            _at(r.sent_on),
            r.public_text()[:200],
        )
        for r in replies.order_by("-sent_on")[:LIMIT]
        if r.sent_on
    ]
    return sorted(entries, key=lambda e: e.when, reverse=True)[:LIMIT]


def register_entries(*, since: datetime.datetime | None = None) -> list[Entry]:
    records = record_selectors.public_records()
    if since:
        records = records.filter(determination_date__gte=timezone.localdate(since))
    return _record_entries(records.order_by("-determination_date", "-pk")[:LIMIT])


class EntryFeed(Feed):
    feed_type = Atom1Feed

    def item_title(self, item: Entry) -> str:
        return item.title

    def item_link(self, item: Entry) -> str:
        return item.url

    def item_description(self, item: Entry) -> str:
        return item.text

    def item_pubdate(self, item: Entry) -> datetime.datetime:
        return item.when

    def item_updateddate(self, item: Entry) -> datetime.datetime:
        return item.when


class UnitFeed(EntryFeed):
    def get_object(self, request, pk: int) -> Organisation:
        return get_object_or_404(Organisation.objects.active(), pk=pk)

    def title(self, obj: Organisation) -> str:
        return _("%(unit)s: commitments, records and replies") % {"unit": obj.name}

    def link(self, obj: Organisation) -> str:
        return reverse("unit_profile", args=[obj.pk])

    def subtitle(self, obj: Organisation) -> str:
        return _("News of one unit on the government integrity portal.")

    def items(self, obj: Organisation) -> list[Entry]:
        return unit_entries(obj)


class RegisterFeed(EntryFeed):
    def title(self) -> str:
        return _("Dishonesty register: new records")

    def link(self) -> str:
        return reverse("records:register")

    def subtitle(self) -> str:
        return _("Government dishonesty records on public view.")

    def items(self) -> list[Entry]:
        return register_entries()
