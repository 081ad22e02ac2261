"""Public and non-public rows of every searched kind, made directly (test setup only)."""

import datetime

from django.utils import timezone

from wagtail.models import Page

from commitments.proposals.models import Assignment, Item, Kind, Member, Reply
from integrity.records.models import DishonestyRecord, Severity, SourceType
from portal.models import StandardPage
from tests.commitments.factories import CommitmentFactory, PublishedCommitmentFactory

TODAY = datetime.date.today()


def published_commitment(organisation, title="老旧小区停车难整治", **kw):
    return PublishedCommitmentFactory(organisation=organisation, title=title, **kw)


def draft_commitment(organisation, title="停车场建设草稿", **kw):
    return CommitmentFactory(organisation=organisation, title=title, **kw)


def record(organisation, *, title="拖欠停车场工程款", public=True, **kw):
    defaults = {
        "source": SourceType.ARREARS,
        "severity": Severity.GENERAL,
        "determination_date": TODAY - datetime.timedelta(days=10),
        "status": "published" if public else "confirmed",
        "publish": public,
        "min_end_date": TODAY + datetime.timedelta(days=80),
        "max_end_date": TODAY + datetime.timedelta(days=355),
        "legal_basis": "《保障中小企业款项支付条例》",
        "deciding_body": "北塘县信用办",
    }
    defaults.update(kw)
    return DishonestyRecord.objects.create(organisation=organisation, title=title, **defaults)


def reply(unit, *, title="关于老旧小区停车的答复", body="正在新建停车位。", published=True, **kw):
    member = Member.objects.create(
        organisation=unit.parent or unit,
        kind=Kind.SUGGESTION,
        name="王代表",
        phone="13912345678",
        address="澜江市北塘路88号",
    )
    item = Item.objects.create(
        organisation=unit.parent or unit,
        kind=Kind.SUGGESTION,
        year=kw.pop("year", 2026),
        number=str(Item.objects.count() + 1),
        title=kw.pop("item_title", "关于改善社区环境的建议"),
        lead_author=member,
        registered_on=TODAY - datetime.timedelta(days=60),
    )
    assignment = Assignment.objects.create(
        item=item,
        unit=unit,
        role=Assignment.Role.SOLE,
        assigned_on=TODAY - datetime.timedelta(days=50),
        round_started_on=TODAY - datetime.timedelta(days=50),
        deadline=TODAY + datetime.timedelta(days=40),
    )
    return Reply.objects.create(
        assignment=assignment,
        category="B",
        title=title,
        body=body,
        status=Reply.Status.SENT,
        sent_on=TODAY - datetime.timedelta(days=5),
        publication=Reply.Publication.FULL if published else Reply.Publication.NONE,
        published_at=timezone.now() if published else None,
        **kw,
    )


def page(title="停车新规解读", text="<p>老旧小区停车难问题的解决办法</p>", *, live=True):
    root = Page.objects.get(depth=1)
    new = StandardPage(
        title=title, slug=f"p{Page.objects.count()}", live=live, body=[("paragraph", text)]
    )
    root.add_child(instance=new)
    return new
