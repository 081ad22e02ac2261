"""Writes to the core registry. Each one validates, saves atomically and logs an event."""

import datetime
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from integrity.core import crypto
from integrity.core.bulk import insert_dicts
from integrity.core.display import KNOWN_YEARS_KEY
from integrity.core.events import EventType, model_changes, record_event
from integrity.core.models import CalendarDay, CalendarYear, Notice, Organisation, RuleSet, User

ORG_FIELDS = (
    "name",
    "short_name",
    "level",
    "kind",
    "parent_id",
    "uscc",
    "division_code",
    "address",
    "office_phone",
    "is_active",
    "sort_order",
)


def _set_path(org: Organisation) -> None:
    parent = org.parent
    org.path = f"{parent.path if parent else '/'}{org.pk}/"
    org.depth = parent.depth + 1 if parent else 1


@transaction.atomic
def organisation_create(*, by: User | None, reason: str = "", **fields: Any) -> Organisation:
    """Create an organisation under ``parent`` (validated, path set, event logged)."""
    org = Organisation(**fields)
    org.full_clean(exclude=["path", "depth"])
    org.save()
    _set_path(org)
    org.save(update_fields=["path", "depth"])
    record_event(
        type=EventType.ORG_CREATED,
        actor=by,
        obj=org,
        reason=reason,
        details={"name": org.name, "parent": org.parent_id, "uscc": org.uscc},
    )
    return org


def _move_subtree(org: Organisation, old_path: str) -> None:
    _set_path(org)
    org.save(update_fields=["path", "depth"])
    depth_shift = org.depth - (old_path.count("/") - 1)
    Organisation.objects.filter(path__startswith=old_path).exclude(pk=org.pk).update(
        path=Concat(Value(org.path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_shift,
    )


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, by: User | None, data: dict[str, Any], reason: str = ""
) -> Organisation:
    """Apply ``data`` to ``organisation``; moving it moves its whole subtree."""
    current = Organisation.objects.select_for_update().get(pk=organisation.pk)
    original = {name: getattr(current, name) for name in ORG_FIELDS}
    old_path = current.path
    for name, value in data.items():
        setattr(organisation, name, value)
    organisation.full_clean(exclude=["path", "depth"])
    changes = model_changes(organisation, original, ORG_FIELDS)
    if not changes:
        return organisation
    organisation.save()
    if "parent_id" in changes:
        _move_subtree(organisation, old_path)
        record_event(
            type=EventType.ORG_MOVED,
            actor=by,
            obj=organisation,
            reason=reason,
            details={"from": old_path, "to": organisation.path},
        )
    record_event(
        type=EventType.ORG_CHANGED,
        actor=by,
        obj=organisation,
        reason=reason,
        details={"changes": changes},
    )
    return organisation


USER_FIELDS = (
    "username",
    "full_name",
    "organisation_id",
    "role",
    "post",
    "email",
    "mobile",
    "is_active",
)


@transaction.atomic
def user_create(*, by: User | None, password: str | None = None, **fields: Any) -> User:
    user = User(**fields)
    user.set_password(password) if password else user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    record_event(
        type=EventType.USER_CREATED,
        actor=by,
        obj=user,
        details={"username": user.username, "role": user.role},
    )
    return user


@transaction.atomic
def user_update(*, user: User, by: User | None, data: dict[str, Any], reason: str = "") -> User:
    current = User.objects.select_for_update().get(pk=user.pk)
    original = {name: getattr(current, name) for name in USER_FIELDS}
    for name, value in data.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    changes = model_changes(user, original, USER_FIELDS)
    user.save()
    if changes:
        record_event(
            type=EventType.USER_CHANGED,
            actor=by,
            obj=user,
            reason=reason,
            details={"changes": changes},
        )
    return user


# --- working-day calendar -----------------------------------------------------


@transaction.atomic
def calendar_day_save(
    *, day: datetime.date, kind: str, name: str = "", by: User | None, reason: str = ""
) -> CalendarDay:
    """Mark ``day`` as a holiday or make-up working day (create or change)."""
    if kind not in CalendarDay.Kind.values:
        raise ValidationError({"kind": _("Unknown kind of calendar day.")})
    entry, created = CalendarDay.objects.update_or_create(
        date=day, defaults={"kind": kind, "name": name, "source": "manual"}
    )
    record_event(
        type=EventType.CALENDAR_CHANGED,
        actor=by,
        obj=entry,
        reason=reason,
        details={"date": day, "kind": kind, "name": name, "created": created},
    )
    return entry


# --- rule tables ------------------------------------------------------------------------


@transaction.atomic
def _require_rule_permission(by: User | None, action: str, rule: RuleSet) -> None:
    """``by`` may ``action`` this row (a local row in their subtree, a national one only for
    the system administrator); ``None`` is the system itself (seeds, commands)."""
    opts = rule._meta
    if by is not None and not by.has_perm(f"{opts.app_label}.{action}_{opts.model_name}", rule):
        raise PermissionDenied(_("You may not change this rule row."))


def rule_save(*, rule: RuleSet, by: User | None, changed: list[str] | None = None) -> RuleSet:
    """Save one rule-table row (any :class:`RuleSet` model) and log who changed which fields.

    Raises PermissionDenied when ``by`` may not write the row, ValidationError when the
    validity range is reversed.
    """
    if rule.valid_to and rule.valid_to < rule.valid_from:
        raise ValidationError({"valid_to": _("The end of validity is before its start.")})
    created = rule.pk is None
    _require_rule_permission(by, "add" if created else "change", rule)
    rule.save()
    record_event(
        type=EventType.RULE_SAVED,
        actor=by,
        obj=rule,
        organisation=rule.jurisdiction,
        details={"model": rule._meta.label, "created": created, "fields": changed or []},
    )
    return rule


@transaction.atomic
def rule_delete(*, rule: RuleSet, by: User | None) -> None:
    _require_rule_permission(by, "delete", rule)
    record_event(
        type=EventType.RULE_DELETED,
        actor=by,
        obj=rule,
        organisation=rule.jurisdiction,
        details={"model": rule._meta.label},
    )
    rule.delete()


@transaction.atomic
def calendar_day_delete(*, entry: CalendarDay, by: User | None, reason: str = "") -> None:
    record_event(
        type=EventType.CALENDAR_DELETED,
        actor=by,
        obj=entry,
        reason=reason,
        details={"date": entry.date, "kind": entry.kind, "name": entry.name},
    )
    entry.delete()


def _chinesecalendar_days(years: range) -> list[CalendarDay]:
    from chinese_calendar import constants

    wanted = set(years)
    rows = [
        CalendarDay(
            date=d, kind=CalendarDay.Kind.HOLIDAY, name=str(label or ""), source="chinesecalendar"
        )
        for d, label in constants.holidays.items()
        if d.year in wanted
    ]
    rows += [
        CalendarDay(
            date=d, kind=CalendarDay.Kind.WORKDAY, name=str(label or ""), source="chinesecalendar"
        )
        for d, label in constants.workdays.items()
        if d.year in wanted
    ]
    return rows


HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


@transaction.atomic
def calendar_seed(*, years: range = range(2004, 2027), by: User | None = None) -> int:
    """Load the State Council arrangements from ``chinesecalendar``; keeps manual edits."""
    import chinese_calendar

    available = {d.year for d in chinese_calendar.constants.holidays}
    years = range(years.start, min(years.stop, max(available) + 1))
    manual = set(
        CalendarDay.objects.exclude(source="chinesecalendar").values_list("date", flat=True)
    )
    rows = [r for r in _chinesecalendar_days(years) if r.date not in manual]
    for row in rows:
        row.name = HOLIDAY_NAMES.get(row.name, row.name)
    CalendarDay.objects.filter(source="chinesecalendar", date__year__in=list(years)).delete()
    CalendarDay.objects.bulk_create(rows, batch_size=500)
    for year in years:
        CalendarYear.objects.update_or_create(
            year=year, defaults={"source": "chinesecalendar " + chinese_calendar.__version__}
        )
    transaction.on_commit(lambda: cache.delete(KNOWN_YEARS_KEY))
    record_event(
        type=EventType.CALENDAR_SEEDED,
        actor=by,
        details={"years": [years.start, years.stop - 1], "days": len(rows)},
    )
    return len(rows)


# --- notices ------------------------------------------------------------------


def notice_send(
    *,
    organisation: Organisation,
    key: str,
    title: str,
    body: str = "",
    level: str = Notice.Level.INFO,
    url: str = "",
    email: bool = True,
) -> tuple[Notice, bool]:
    """Post a back-office notice once per ``key`` and e-mail the unit's users.

    Returns ``(notice, created)``; a second call with the same key changes nothing.
    """
    notice, created = Notice.objects.get_or_create(
        organisation=organisation,
        key=key,
        defaults={"title": title, "body": body, "level": level, "url": url},
    )
    if created and email:
        recipients = _recipients([organisation.pk]).get(organisation.pk, [])
        if recipients:
            transaction.on_commit(lambda: send_mass_mail([(title, body, None, recipients)]))
    return notice, created


NOTICE_DIGEST_LINES = 30


def _recipients(organisation_ids) -> dict[int, list[str]]:
    """Each organisation's active users with an e-mail address."""
    found: dict[int, list[str]] = {}
    users = User.objects.filter(organisation_id__in=organisation_ids, is_active=True)
    for org_id, email in users.exclude(email="").values_list("organisation_id", "email"):
        found.setdefault(org_id, []).append(email)
    return found


@transaction.atomic
def notices_send(notices: list[dict[str, Any]], *, subject: str) -> int:
    """``notice_send`` for many notices at once (periodic sweeps over large registries).

    ``notices`` are Notice field values (``organisation_id``, ``key``, ``title``, ``body``,
    ``level``, ``url``). One bulk insert that skips a cause already noticed (unique per
    organisation and key, so two runs at once still create each notice once); then each
    organisation's users get one e-mail listing its new notices (``subject`` is a format
    with ``%(n)d``) instead of one e-mail per notice. Returns how many were created."""
    inserted = insert_dicts(
        Notice, notices, returning=("organisation_id", "key"), ignore_conflicts=True
    )
    by_ident = {(n["organisation_id"], n["key"]): n for n in notices}
    by_org: dict[int, list[dict[str, Any]]] = {}
    for ident in inserted:
        by_org.setdefault(ident[0], []).append(by_ident[ident])
    messages = []
    for org_id, emails in _recipients(list(by_org)).items():
        new = by_org[org_id]
        lines = [f"{n['title']}：{n.get('body', '')}" for n in new[:NOTICE_DIGEST_LINES]]
        if len(new) > NOTICE_DIGEST_LINES:
            more = len(new) - NOTICE_DIGEST_LINES
            lines.append(_("… and %(n)d more in the back office.") % {"n": more})
        messages.append((subject % {"n": len(new)}, "\n".join(lines), None, emails))
    if messages:
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))
    return len(inserted)


# --- field encryption keys (issue 11) ---------------------------------------------------


def field_keys_rotate(*, by=None, batch_size: int = 500) -> dict[str, int]:
    """Re-encrypt every encrypted value with the newest key and recompute blind indexes.

    Each batch of ``batch_size`` rows is one transaction (decrypted with any key of the
    ring, written back under the first), so an interrupted run is simply run again.
    Returns ``{model label: rows}`` and records one ``security.key_rotated`` event
    carrying those counts (never any key material).
    """
    counts = {
        model._meta.label: _rotate_model(model, fields, batch_size)
        for model, fields in crypto.encrypted_models()
    }
    record_event(
        type=EventType.KEY_ROTATED,
        actor=by,
        details={"rows": counts, "keys_in_ring": crypto.key_count()},
    )
    return counts


def _rotate_model(model, fields: list[crypto.EncryptedTextField], batch_size: int) -> int:
    names = [f.attname for f in fields] + [f.blind_index for f in fields if f.blind_index]
    manager = model._base_manager
    pks = list(manager.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), batch_size):
        with transaction.atomic():
            batch = manager.select_for_update().filter(pk__in=pks[start : start + batch_size])
            rows = list(batch.only("pk", *names))
            for row in rows:
                for field in fields:
                    if field.blind_index:
                        value = getattr(row, field.attname) or ""
                        setattr(row, field.blind_index, crypto.blind_index(value))
            manager.bulk_update(rows, names)
    return len(pks)
