"""Confirmed (double opt-in) e-mail subscriptions to a unit or to the dishonesty register.

subscribe → a confirmation e-mail with a one-time link → confirmed; every later e-mail
carries the unsubscribe link of the same token. The daily sweep mails what is new since
the last e-mail (the entries of the Atom feeds).
"""

import secrets

from django_ratelimit.decorators import ratelimit

from django import forms
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from integrity.core.events import record_event
from integrity.core.models import Organisation
from integrity.records.forms import citizen_captcha
from portal import feeds
from portal.events import EventType
from portal.models import Subscription


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Your e-mail"),
        error_messages={
            "required": gettext_lazy("Enter your e-mail address."),
            "invalid": gettext_lazy("Enter a valid e-mail address."),
        },
    )
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit (leave empty for the dishonesty register)"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    captcha = citizen_captcha()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Organisation.objects.active().order_by("path")


def _absolute(path: str) -> str:
    from django.conf import settings

    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _topic(subscription: Subscription) -> str:
    return subscription.unit.name if subscription.unit else _("Dishonesty register")


@transaction.atomic
def subscription_request(*, email: str, unit: Organisation | None) -> Subscription:
    """A pending subscription and its confirmation e-mail (sent after commit)."""
    subscription = Subscription.objects.create(
        email=email.strip().lower(), unit=unit, token=secrets.token_urlsafe(32)
    )
    record_event(
        type=EventType.SUBSCRIPTION_REQUESTED,
        obj=subscription,
        organisation=unit,
        details={"unit": unit.pk if unit else None},
    )
    link = _absolute(reverse("subscribe_confirm", args=[subscription.token]))
    subject = _("Confirm your subscription: %(topic)s") % {"topic": _topic(subscription)}
    body = _(
        "Someone (we hope you) asked for e-mails about %(topic)s.\n"
        "Confirm with this link: %(link)s\nIf it was not you, ignore this e-mail."
    ) % {"topic": _topic(subscription), "link": link}
    transaction.on_commit(lambda: send_mail(subject, body, None, [subscription.email]))
    return subscription


@transaction.atomic
def subscription_confirm(*, subscription: Subscription) -> Subscription:
    if subscription.confirmed_at is None and subscription.cancelled_at is None:
        subscription.confirmed_at = subscription.last_sent_at = timezone.now()
        subscription.save(update_fields=["confirmed_at", "last_sent_at"])
        record_event(
            type=EventType.SUBSCRIPTION_CONFIRMED, obj=subscription, organisation=subscription.unit
        )
    return subscription


@transaction.atomic
def subscription_cancel(*, subscription: Subscription) -> Subscription:
    if subscription.cancelled_at is None:
        subscription.cancelled_at = timezone.now()
        subscription.save(update_fields=["cancelled_at"])
        record_event(
            type=EventType.SUBSCRIPTION_CANCELLED, obj=subscription, organisation=subscription.unit
        )
    return subscription


def _digest(subscription: Subscription) -> list[feeds.Entry]:
    since = subscription.last_sent_at
    if subscription.unit:
        return feeds.unit_entries(subscription.unit, since=since)
    return feeds.register_entries(since=since)


def subscription_send(*, subscription: Subscription) -> int:
    """Mail what is new since the last e-mail; returns the number of entries sent."""
    entries = _digest(subscription)
    if not entries:
        return 0
    lines = [f"· {e.title}\n  {_absolute(e.url)}" for e in entries]
    cancel = _absolute(reverse("subscribe_cancel", args=[subscription.token]))
    body = "\n".join(lines) + "\n\n" + _("Unsubscribe: %(link)s") % {"link": cancel}
    subject = _("New on the integrity portal: %(topic)s") % {"topic": _topic(subscription)}
    send_mail(subject, body, None, [subscription.email])
    with transaction.atomic():
        subscription.last_sent_at = timezone.now()
        subscription.save(update_fields=["last_sent_at"])
        record_event(
            type=EventType.SUBSCRIPTION_SENT,
            obj=subscription,
            organisation=subscription.unit,
            details={"entries": len(entries)},
        )
    return len(entries)


def subscriptions_send() -> int:
    """The daily sweep: one e-mail per active subscription with news; returns e-mails sent."""
    active = Subscription.objects.filter(confirmed_at__isnull=False, cancelled_at__isnull=True)
    return sum(1 for s in active.select_related("unit") if subscription_send(subscription=s))


# --- views ------------------------------------------------------------------------------


def _crumbs(label) -> list:
    return [(_("Subscriptions"), reverse("subscribe")), (label, "")]


@never_cache
@ratelimit(group="portal:subscribe", key="ip", rate="20/h", method="POST")
def subscribe(request: HttpRequest) -> HttpResponse:
    unit_id = request.GET.get("unit", "")
    initial = {"unit": unit_id} if unit_id.isdigit() else {}
    form = SubscribeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        subscription_request(email=form.cleaned_data["email"], unit=form.cleaned_data["unit"])
        context = {"crumbs": _crumbs(_("Check your e-mail")), "sent": True}
        return render(request, "portal/subscriptions/subscribe.html", context)
    context = {"form": form, "crumbs": [(_("Subscriptions"), "")]}
    return render(request, "portal/subscriptions/subscribe.html", context)


@never_cache
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    subscription = get_object_or_404(Subscription, token=token)
    if request.method == "POST":
        subscription_confirm(subscription=subscription)
    context = {"subscription": subscription, "crumbs": _crumbs(_("Confirm")), "action": "confirm"}
    return render(request, "portal/subscriptions/manage.html", context)


@never_cache
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    subscription = get_object_or_404(Subscription, token=token)
    if request.method == "POST":
        subscription_cancel(subscription=subscription)
    context = {
        "subscription": subscription,
        "crumbs": _crumbs(_("Unsubscribe")),
        "action": "cancel",
    }
    return render(request, "portal/subscriptions/manage.html", context)
