"""Demo: a six-dimension scheme (28 leaves), a published 2025 campaign and an open 2026 one
over the demo city's counties and city departments."""

import datetime
import zlib
from decimal import Decimal

from assessment import services
from assessment.metrics import METRICS
from assessment.models import Campaign, Indicator, ReportJob, Score
from assessment.services.reports import report_generate

D = Decimal
# (code, name, points, method, metric, per_item, cap)
DIMENSIONS = [
    (
        "1",
        "基本诚信",
        15,
        [
            ("1.1", "政务诚信制度建设", 5, "manual"),
            ("1.2", "诚信教育培训宣传", 5, "manual"),
            ("1.3", "公务员诚信档案建设", 5, "manual"),
        ],
    ),
    (
        "2",
        "依法行政与信用合规",
        20,
        [
            ("2.1", "重大行政决策合法性审查", 5, "manual"),
            ("2.2", "双公示七日内公示", 5, "manual"),
            ("2.3", "严重政务失信记录", 5, "deduction", "records_serious_count", 2.5, 5),
            ("2.4", "一般政务失信记录", 5, "deduction", "records_general_count", 1, 5),
        ],
    ),
    (
        "3",
        "服务优化",
        15,
        [
            ("3.1", "营商环境评价", 4, "manual"),
            ("3.2", "政务服务好差评", 4, "manual"),
            ("3.3", "投诉举报按期办结", 4, "manual"),
            ("3.4", "12345热线满意度", 3, "manual"),
        ],
    ),
    (
        "4",
        "履约践诺",
        30,
        [
            ("4.1", "承诺履约率", 10, "auto", "commitment_fulfilment_rate"),
            ("4.2", "承诺按期履约率", 8, "auto", "commitment_on_time_rate"),
            ("4.3", "逾期未履约承诺", 6, "deduction", "commitment_overdue_count", 1, 6),
            ("4.4", "未履约承诺", 6, "deduction", "commitment_broken_count", 2, 6),
        ],
    ),
    (
        "5",
        "失信惩戒",
        10,
        [
            ("5.1", "联合惩戒措施落实", 4, "manual"),
            ("5.2", "信用修复办理", 2, "manual"),
            ("5.3", "失信被执行人清理", 2, "manual"),
            ("5.4", "失信行为整改", 2, "manual"),
        ],
    ),
    (
        "6",
        "信用创新",
        10,
        [
            ("6.1", "信用应用场景创新", 3, "manual"),
            ("6.2", "信用承诺制推行", 3, "manual"),
            ("6.3", "诚信文化建设", 2, "manual"),
            ("6.4", "信用监测预警", 2, "manual"),
        ],
    ),
]
EXTRAS = [
    ("7", "承诺随意变更", 0, "deduction", "commitment_extension_count", 0.5, 2),
    ("8", "审计发现问题", 0, "deduction", "", 1, 5),
    ("9", "创新经验获上级推广", 0, "bonus", "", 1, 3),
    ("10", "获上级表彰", 0, "bonus", "", 1, 2),
    ("11", "重大政务失信事件（一票否决）", 0, "veto", ""),
]


def _add(scheme, by, parent, order, row) -> Indicator:
    code, name, points, method, *rest = row
    metric = rest[0] if rest else ""
    if metric and metric not in METRICS:  # the source app is not installed
        method, metric, rest = ("manual", "", []) if method == "auto" else (method, "", rest)
    per_item, cap = (D(str(rest[1])), D(str(rest[2]))) if len(rest) == 3 else (None, None)
    return services.indicator_add(
        scheme=scheme,
        by=by,
        parent=parent,
        code=code,
        name=name,
        points=D(points),
        method=method,
        metric_code=metric,
        per_item=per_item,
        cap=cap,
        sort_order=order,
    )


def build_scheme(city, by, year: int):
    scheme = services.scheme_create(
        organisation=city,
        year=year,
        by=by,
        name=f"{city.name}{year}年度政务诚信考核方案",
        description="依据省、市政务诚信建设工作要求制定；县（市、区）与市直部门分组排名。",
    )
    for order, (code, name, points, leaves) in enumerate(DIMENSIONS):
        parent = services.indicator_add(
            scheme=scheme, by=by, code=code, name=name, points=D(points), sort_order=order * 10
        )
        for index, leaf in enumerate(leaves):
            _add(scheme, by, parent, order * 10 + index + 1, leaf)
    for index, row in enumerate(EXTRAS):
        _add(scheme, by, None, 100 + index, row)
    return scheme


def _share(*parts) -> float:
    """A stable pseudo-random number in [0, 1) from the parts (same demo every time)."""
    return (zlib.crc32("/".join(map(str, parts)).encode()) % 1000) / 1000


def _review_values(campaign: Campaign) -> dict[int, Decimal]:
    values = {}
    scores = Score.objects.filter(unit__campaign=campaign).select_related("indicator", "unit")
    for score in scores:
        leaf, share = (
            score.indicator,
            _share(campaign.year, score.unit.organisation_id, score.indicator.code),
        )
        if leaf.method == "manual":
            values[score.pk] = (leaf.points * D(str(0.7 + 0.3 * share))).quantize(D("0.1"))
        elif leaf.method in ("bonus", "deduction") and not leaf.metric_code and share > 0.8:
            values[score.pk] = D(1 + int(share * 10) % 3)
        elif leaf.method == "veto" and share > 0.97:
            values[score.pk] = D(1)
    return values


def run_last_year(scheme, by) -> Campaign:
    campaign = services.campaign_open(scheme=scheme, by=by, on=datetime.date(2026, 1, 5))
    services.campaign_start_review(campaign=campaign, by=by)
    services.score_bulk_review(
        campaign=campaign,
        values=_review_values(campaign),
        by=by,
        reason="依据自评材料和核查结果审核",
    )
    services.campaign_publish_provisional(campaign=campaign, by=by, on=datetime.date(2026, 2, 2))
    services.campaign_finalise(campaign=campaign, by=by, on=datetime.date(2026, 2, 13))
    return services.campaign_publish(campaign=campaign, by=by)


def self_assess_some(campaign: Campaign, users) -> None:
    """The demo's county and department operators have started their self-assessment."""
    for user in users:
        unit = campaign.units.filter(organisation=user.organisation).first()
        if unit is None:
            continue
        for score in unit.scores.filter(indicator__method="manual").select_related("indicator"):
            services.score_self_assess(
                score=score,
                by=user,
                self_score=score.indicator.points,
                evidence="见附件：制度文件、工作台账",
            )


def load(context: dict) -> None:
    city, assessor = context["city"], context["users"]["kaohe"]
    last = build_scheme(city, assessor, 2025)
    report_generate(
        job=ReportJob.objects.create(campaign=run_last_year(last, assessor), kind="excel")
    )
    current = services.scheme_copy(scheme=last, year=2026, by=assessor)
    campaign = services.campaign_open(scheme=current, by=assessor)
    units = [
        u
        for u in context["users"].values()
        if u.organisation_id and u.organisation.parent_id == city.pk
    ]
    self_assess_some(campaign, units)
