"""Demo data: records of every source and severity in every state, officials, ~100 reports."""

import datetime
import random

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from integrity.core.demo_files import sample_pdf, sample_png
from integrity.core.models import Event, Organisation

from . import services
from .events import EventType
from .models import (
    Complaint,
    ComplaintAttachment,
    DishonestyRecord,
    Objection,
    Official,
    OfficialEntry,
    Severity,
    SourceType,
)

TITLES = {
    SourceType.JUDGMENT: "工程款纠纷败诉后未按判决支付",
    SourceType.JUDGMENT_DEFAULTER: "被人民法院列为失信被执行人",
    SourceType.REFUSAL: "拒不履行生效行政判决",
    SourceType.ADMIN_PENALTY: "违规占用耕地受到行政处罚",
    SourceType.DISCIPLINARY: "违规发放津贴补贴受到纪律处分",
    SourceType.ACCOUNTABILITY: "招商承诺落实不力被问责",
    SourceType.BREACH: "单方面解除招商引资协议",
    SourceType.ARREARS: "拖欠中小企业工程款",
    SourceType.WAGE_ARREARS: "拖欠农民工工资",
    SourceType.BROKEN_COMMITMENT: "公开承诺的民生实事未按期兑现",
    SourceType.COMPLAINT: "群众举报核实属实：承诺补贴未发放",
}
BASIS = "《国务院关于加强政务诚信建设的指导意见》（国发〔2016〕76号）；《信用修复管理办法》"
# (state, days before today) cycled over the records
PLAN = [
    ("published", 40),
    ("objection", 60),
    ("published", 200),
    ("repaired", 400),
    ("expired", 1500),
    ("published", 120),
    ("revoked", 90),
    ("notified", 10),
    ("confirmed", 5),
    ("draft", 2),
    ("published", 300),
]


def _units(context) -> list[Organisation]:
    kinds = (Organisation.Kind.GOVERNMENT, Organisation.Kind.DEPARTMENT)
    units = [o for o in context["orgs"].values() if o.kind in kinds and o.level != "province"]
    return sorted(units, key=lambda o: o.path)


def _advance(record, state: str, by, today) -> None:
    steps = {"draft": 0, "confirmed": 1, "notified": 2}.get(state, 3)
    actions = (services.record_confirm, services.record_notify, services.record_publish)
    for action in actions[:steps]:
        action(record=record, by=by)
    if state == "objection":
        services.objection_file(
            record=record,
            applicant=record.organisation.name,
            grounds="已于认定前支付大部分款项，认定金额有误。",
            by=by,
        )
    elif state == "revoked":
        objection = services.objection_file(
            record=record, applicant=record.organisation.name, grounds="认定主体错误。", by=by
        )
        services.objection_decide(
            objection=objection,
            by=by,
            outcome=Objection.Status.REVOKED,
            decision="经复核，认定主体错误，撤销该记录。",
        )
    elif state == "repaired" and today >= record.min_end_date:
        application = services.repair_apply(
            record=record,
            by=by,
            credit_commitment="本单位承诺所提交材料真实有效，如有不实愿承担责任。",
            performance="已全额支付欠款并取得债权人确认。",
            evidence=sample_pdf("还款凭证.pdf"),
        )
        services.repair_approve(application=application, by=by, decision="符合修复条件，同意修复。")


def _records(context, rng, by, today) -> None:
    units = _units(context)
    n = 0
    for source in SourceType.values:
        for severity in Severity.values:
            state, days = PLAN[n % len(PLAN)]
            unit = units[(n * 7) % len(units)]
            record = services.record_create(
                by=by,
                organisation=unit,
                title=TITLES[source],
                source=source,
                severity=severity,
                determination_date=today - datetime.timedelta(days=days),
                legal_basis=BASIS,
                deciding_body="澜江市社会信用体系建设领导小组办公室",
                decision_number=f"澜信认〔{today.year}〕{n + 1}号",
                publish=True,
                facts=f"{unit.name}{TITLES[source]}，经核实情况属实。",
            )
            _advance(record, state, by, today)
            n += 1
    services.records_expire(on=today)


OFFICIALS = [
    ("张建国", "副镇长"),
    ("刘秀英", "科长"),
    ("陈志强", "副局长"),
    ("杨丽", "主任科员"),
    ("赵伟", "镇长"),
    ("黄敏", "副主任"),
    ("周杰", "科员"),
    ("吴芳", "站长"),
]


def _officials(context, rng, by, hr, today) -> None:
    units = _units(context)
    for i, (name, post) in enumerate(OFFICIALS):
        official = services.official_create(
            by=by,
            organisation=units[(i * 5) % len(units)],
            name=name,
            post=post,
            id_number=f"3501021980{i + 1:02d}01{1000 + i:04d}"[:18],
            phone=f"1390000{i:04d}",
        )
        services.official_entry_add(
            official=official,
            by=by,
            kind=OfficialEntry.Kind.COMMENDATION,
            date=today - datetime.timedelta(days=300 + i),
            title="年度考核优秀",
        )
        if i % 3 == 0:
            services.official_entry_add(
                official=official,
                by=by,
                kind=OfficialEntry.Kind.VIOLATION,
                date=today - datetime.timedelta(days=100),
                title="违反工作纪律受到诫勉谈话",
            )
            _official_record(official, by, today)
        if hr is not None:
            services.credit_check(official=official, purpose="promotion", by=hr)


def _official_record(official: Official, by, today) -> None:
    record = services.record_create(
        by=by,
        organisation=official.organisation,
        official=official,
        title="在招商引资中作出虚假承诺",
        source=SourceType.DISCIPLINARY,
        severity=Severity.GENERAL,
        determination_date=today - datetime.timedelta(days=30),
        legal_basis=BASIS,
        deciding_body="澜江市纪委监委",
        decision_number="澜纪〔2026〕8号",
    )
    _advance(record, "published", by, today)


STATES = [
    Complaint.Status.RECEIVED,
    Complaint.Status.ROUTED,
    Complaint.Status.ANSWERED,
    Complaint.Status.FOUNDED,
    Complaint.Status.UNFOUNDED,
    Complaint.Status.REJECTED,
]
REPORT_TITLES = [
    "承诺的路灯至今未安装",
    "工程款拖欠两年未付",
    "办事窗口超时未办结",
    "拆迁补偿承诺未兑现",
    "招商补贴迟迟不发",
    "农民工工资被拖欠",
]


def _complaint(rng, i, unit, today) -> Complaint:
    state = STATES[i % len(STATES)]
    anonymous = i % 3 == 0
    submitted = timezone.now() - datetime.timedelta(days=rng.randint(1, 200))
    answered = state in (
        Complaint.Status.ANSWERED,
        Complaint.Status.FOUNDED,
        Complaint.Status.UNFOUNDED,
    )
    return Complaint(
        tracking_number=f"JB{today:%Y%m%d}D{i:05d}",
        topic=rng.choice(Complaint.Topic.values),
        organisation=unit,
        supervisor=unit.parent,
        title=REPORT_TITLES[i % len(REPORT_TITLES)],
        original_text="去年承诺的事项至今没有落实，请有关部门核实处理。",
        anonymous=anonymous,
        reporter_name="" if anonymous else "群众",
        reporter_phone="" if anonymous else f"1370000{i:04d}",
        status=state,
        submitted_at=submitted,
        answer_due=None
        if state == Complaint.Status.RECEIVED
        else today + datetime.timedelta(days=rng.randint(-5, 20)),
        answer="经核查，已督促责任单位限期整改。"
        if answered
        else ("不属于受理范围。" if state == Complaint.Status.REJECTED else ""),
        answered_at=submitted + datetime.timedelta(days=10) if answered else None,
        feedback=rng.choice(["", "solved", "not_solved"]) if answered else "",
    )


def _complaints(context, rng, today) -> None:
    units = _units(context)
    rows = Complaint.objects.bulk_create(
        [_complaint(rng, i, units[(i * 3) % len(units)], today) for i in range(100)]
    )
    content_type = ContentType.objects.get_for_model(Complaint)
    Event.objects.bulk_create(
        [
            Event(
                type=EventType.COMPLAINT_SUBMITTED,
                content_type=content_type,
                object_id=str(c.pk),
                object_repr=str(c)[:255],
                organisation=c.organisation,
                details={"tracking_number": c.tracking_number},
                created_at=c.submitted_at,
            )
            for c in rows
        ]
    )


def load(context: dict) -> None:
    rng = random.Random(2026)
    today = timezone.localdate()
    users = context.get("users", {})
    by, hr = users.get("xinyong"), users.get("renshi")
    _records(context, rng, by, today)
    _officials(context, rng, by, hr, today)
    _complaints(context, rng, today)
    _files(by)
    if by is not None:
        _training(by, today)
        _dispatches(by, users.get("bumen"))
        _lists(by, today)


def _training(by, today) -> None:
    """Integrity training for most officials and an exam for some (coverage is not 100 %)."""
    from . import archive

    for i, official in enumerate(Official.objects.order_by("pk")):
        if i % 4 != 3:
            archive.archive_entry_add(
                official=official,
                by=by,
                kind=OfficialEntry.Kind.TRAINING,
                date=today - datetime.timedelta(days=20 + i),
                title="政务诚信建设专题培训",
                hours=4,
            )
        if i % 2 == 0:
            archive.archive_entry_add(
                official=official,
                by=by,
                kind=OfficialEntry.Kind.EXAM,
                date=today - datetime.timedelta(days=10),
                title="政务诚信知识测试",
                score=80 + i,
                passed=True,
            )


def _dispatches(by, department_user) -> None:
    """Joint measures for a few published records, one implemented and fed back."""
    from . import joint
    from .models import SanctionMeasure

    city_path = by.organisation.path
    departments = Organisation.objects.filter(
        path__startswith=city_path, name__in=["澜江市财政局", "澜江市住房和城乡建设局"]
    )
    measure = SanctionMeasure.objects.filter(code="CJ-04", jurisdiction=None).first()
    if measure is None or not departments:
        return
    records = DishonestyRecord.objects.public().filter(organisation__path__startswith=city_path)
    made = []
    for record in records.order_by("pk")[:3]:
        made += joint.dispatch_create(
            by=by, measure=measure, record=record, departments=departments
        )
    if department_user is not None:
        mine = [d for d in made if d.department_id == department_user.organisation_id]
        if mine:
            joint.dispatch_implement(
                dispatch=mine[0], by=department_user, implementation="已暂停其财政性资金项目申报。"
            )
            joint.dispatch_feed_back(
                dispatch=mine[0], by=department_user, feedback="措施已落实，特此反馈。"
            )


def _lists(by, today) -> None:
    """Last quarter's red and black list, published."""
    from . import lists

    end = today.replace(day=1) - datetime.timedelta(days=1)
    issue = lists.list_issue_create(
        by=by,
        jurisdiction=by.organisation,
        title=f"{end.year}年{end.month}月政务诚信红黑榜",
        period_start=end - datetime.timedelta(days=89),
        period_end=end,
    )
    lists.list_issue_compile(issue=issue, by=by)
    lists.list_issue_publish(issue=issue, by=by)


def _files(by) -> None:
    """A few real attachments, so every kind of stored file exists in the demo."""
    record = DishonestyRecord.objects.order_by("pk").first()
    if record is not None:
        services.record_evidence_add(
            record=record, by=by, file=sample_pdf("认定决定书.pdf"), description="认定决定书"
        )
    for complaint in Complaint.objects.order_by("pk")[:2]:
        photo = sample_png("现场照片.png")
        ComplaintAttachment.objects.create(
            complaint=complaint, file=photo, content_type="image/png", size=photo.size
        )
