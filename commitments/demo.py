"""Demo commitments: a few hundred of every kind and state across the demo city.

Rows are bulk-created for speed; every commitment still gets its event rows
(also bulk-created) so the timeline and the assessment have something to read.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from integrity.core.demo_files import sample_png
from integrity.core.models import Event, Organisation

from .events import EventType as E
from .models import (
    ChangeRequest,
    Commitment,
    Evidence,
    LocalDebt,
    Obligation,
    PPPProject,
    ProgressUpdate,
    SMEPayment,
)

K, S = Commitment.Kind, Commitment.Status
TEMPLATES = {
    K.SERVICE_QUALITY: ("政务服务满意度不低于95%", "窗口服务好差评满意率≥95%", "满意率≥95%"),
    K.TIME_LIMIT: ("企业开办1个工作日内办结", "营业执照、印章、发票一次办结", "1个工作日"),
    K.GUARANTEE: ("承诺未兑现先行赔付", "因政府原因未兑现承诺的依法补偿", "违诺即补偿"),
    K.LIVELIHOOD: ("新建村级养老服务站", "新建标准化养老服务站3处", "3处投入使用"),
    K.INVESTMENT: ("新能源产业园招商协议兑现", "按协议兑现设备补贴和税收奖励", "补贴按期到位"),
    K.PPP: ("污水处理PPP项目政府付费", "按绩效考核结果按期支付可用性付费", "按期足额支付"),
    K.SME_PAYMENT: ("支付道路养护工程款", "验收后30日内支付中小企业工程款", "按期足额支付"),
    K.LOCAL_DEBT: ("政府债务风险化解", "年度化解存量隐性债务", "债务率降至120%以下"),
    K.RECTIFICATION: ("考核扣分事项整改", "针对年度考核扣分问题整改到位", "问题清零"),
    K.PROPOSAL_FOLLOWUP: ("代表建议答复事项跟踪落实", "按答复意见推进农村公路改造", "年内完工"),
}
LEADERS = ["王建国", "李红梅", "张志强", "陈晓东", "刘海燕", "赵文明"]
PEOPLE = ["周敏", "吴涛", "郑丽", "孙磊", "何静", "林峰"]
# (status, share) — every state appears; some open ones are placed before today (overdue).
STATES = [
    (S.DRAFT, 2),
    (S.SUBMITTED, 2),
    (S.PUBLISHED, 3),
    (S.IN_PROGRESS, 6),
    (S.FULFILLED, 6),
    (S.PARTLY_FULFILLED, 1),
    (S.BROKEN, 1),
    (S.CHANGED, 1),
    (S.WITHDRAWN, 1),
]
PUBLISHED_EVENTS = [E.CREATED, E.SUBMITTED, E.PUBLISHED]
CLOSING_EVENT = {
    S.FULFILLED: E.FULFILLED,
    S.PARTLY_FULFILLED: E.PARTLY_FULFILLED,
    S.BROKEN: E.BROKEN,
    S.CHANGED: E.CHANGED,
    S.WITHDRAWN: E.WITHDRAWN,
}


def _organisations(context) -> list[Organisation]:
    levels = (Organisation.Level.COUNTY, Organisation.Level.TOWNSHIP, Organisation.Level.CITY)
    orgs = [o for o in context["orgs"].values() if o.level in levels]
    return sorted({o.pk: o for o in orgs}.values(), key=lambda o: o.pk)


def _build(rng, orgs, today) -> list[Commitment]:
    states = [s for s, share in STATES for _ in range(share)]
    rows = []
    for n in range(320):
        kind = K.values[n % len(K.values)]
        title, content, target = TEMPLATES[kind]
        status = states[n % len(states)]
        deadline = today + datetime.timedelta(days=rng.randint(-200, 300))
        published = status not in (S.DRAFT, S.SUBMITTED, S.WITHDRAWN)
        rows.append(
            Commitment(
                organisation=orgs[n % len(orgs)],
                kind=kind,
                status=status,
                code=f"CN2026-{n:04d}",
                title=f"{title}（{n + 1}）",
                content=content,
                target=target,
                deadline=deadline,
                responsible_leader=rng.choice(LEADERS),
                responsible_person=rng.choice(PEOPLE),
                amount_due=Decimal(rng.randint(10, 900) * 10000) if kind in MONEY_KINDS else None,
                original_deadline=deadline if published else None,
                original_target=target if published else "",
                published_at=timezone.now() - datetime.timedelta(days=200) if published else None,
                closed_on=today - datetime.timedelta(days=rng.randint(1, 60))
                if status in CLOSING_EVENT
                else None,
                change_reason="因上级规划调整依法变更" if status == S.CHANGED else "",
                compensation="按协议给予企业补偿" if status == S.CHANGED else "",
                outcome_note="未在承诺时限内兑现" if status == S.BROKEN else "",
                last_progress_on=today - datetime.timedelta(days=rng.randint(5, 150))
                if published
                else None,
                leadership_changed=(n % 37 == 0),
            )
        )
    return rows


MONEY_KINDS = {K.INVESTMENT, K.PPP, K.SME_PAYMENT, K.LOCAL_DEBT, K.LIVELIHOOD}


def _events(rows, today) -> list[Event]:
    ct = ContentType.objects.get_for_model(Commitment)
    now = timezone.now()
    events = []
    for c in rows:
        types = [E.CREATED]
        if c.status == S.SUBMITTED:
            types.append(E.SUBMITTED)
        elif c.published_at:
            types = list(PUBLISHED_EVENTS)
            if c.status != S.PUBLISHED:
                types.append(E.STARTED)
        if c.status in CLOSING_EVENT:
            types.append(CLOSING_EVENT[c.status])
        for i, type_ in enumerate(types):
            events.append(
                Event(
                    type=type_,
                    content_type=ct,
                    object_id=str(c.pk),
                    object_repr=c.title[:255],
                    organisation=c.organisation,
                    details={"demo": True},
                    created_at=now - datetime.timedelta(days=200 - i * 20),
                )
            )
    return events


def _details(rows, today, rng) -> None:
    sme, debts, ppps, obligations, progress = [], [], [], [], []
    for c in rows:
        if c.kind == K.SME_PAYMENT:
            accepted = c.deadline - datetime.timedelta(days=30)
            sme.append(
                SMEPayment(
                    commitment=c,
                    contract_name="道路养护工程合同",
                    supplier_name="澜江市路桥建设有限公司",
                    amount=c.amount_due,
                    delivered_on=accepted - datetime.timedelta(days=5),
                    accepted_on=accepted,
                )
            )
        elif c.kind == K.LOCAL_DEBT:
            debts.append(
                LocalDebt(
                    commitment=c,
                    balance=Decimal(rng.randint(50, 350)) * 10**8,
                    fiscal_capacity=Decimal(100) * 10**8,
                    as_of=today,
                )
            )
        elif c.kind == K.PPP:
            ppps.append(
                PPPProject(
                    commitment=c,
                    payment_mechanism="viability_gap",
                    total_investment=Decimal(5) * 10**8,
                    annual_spending=Decimal(3000) * 10**4,
                    general_budget=Decimal(60) * 10**8,
                )
            )
        if c.kind in (K.PPP, K.INVESTMENT):
            kind = "government_payment" if c.kind == K.PPP else "subsidy"
            obligations += [
                Obligation(
                    commitment=c,
                    kind=kind,
                    amount=c.amount_due / 2,
                    due_on=c.deadline - datetime.timedelta(days=180 * i),
                )
                for i in range(2)
            ]
        if c.last_progress_on:
            progress.append(
                ProgressUpdate(
                    commitment=c,
                    reported_on=c.last_progress_on,
                    text="按计划推进，已完成阶段性目标",
                    percent=60,
                )
            )
    for model, objs in (
        (SMEPayment, sme),
        (LocalDebt, debts),
        (PPPProject, ppps),
        (Obligation, obligations),
        (ProgressUpdate, progress),
    ):
        model.objects.bulk_create(objs)


def _changes(rows) -> None:
    """A few lawfully extended deadlines: approved change requests with the original kept."""
    changed = [c for c in rows if c.status == S.IN_PROGRESS][:12]
    requests = []
    for c in changed:
        new = c.deadline + datetime.timedelta(days=90)
        requests.append(
            ChangeRequest(
                commitment=c,
                status="approved",
                old_deadline=c.deadline,
                new_deadline=new,
                old_target=c.target,
                justification="受征地拆迁进度影响，申请延期",
                decided_at=timezone.now(),
                decision_note="同意延期",
            )
        )
        c.deadline, c.change_count = new, 1
    ChangeRequest.objects.bulk_create(requests)
    Commitment.objects.bulk_update(changed, ["deadline", "change_count"])


def load(context: dict) -> None:
    rng = random.Random(2026)
    today = timezone.localdate()
    rows = Commitment.objects.bulk_create(_build(rng, _organisations(context), today))
    Event.objects.bulk_create(_events(rows, today))
    _details(rows, today, rng)
    _changes(rows)
    _evidence()
    from .money import demo as money_demo

    money_demo.load(context)  # SME contracts, obligation payments, fiscal years


def _evidence() -> None:
    """Photos of the works for the first progress reports (real PNG files)."""
    for update in ProgressUpdate.objects.order_by("pk")[:2]:
        Evidence.objects.create(
            progress=update, file=sample_png("施工现场照片.png"), description="施工现场照片.png"
        )
