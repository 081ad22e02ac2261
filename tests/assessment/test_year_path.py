"""Must hold 2: the hand-worked example of docs/scoring.md (caps, bonus, veto, ties),
run through the whole year's services: open 2027 from 2026's scheme, start, self-assess,
third-party import, review, provisional, objection, final, publication."""

import datetime
from decimal import Decimal

import pytest

from django.urls import reverse

from assessment import services
from assessment.models import CampaignUnit, Score
from assessment.services import opening
from assessment.services.third_party import third_party_import
from integrity.core.models import User
from tests.factories import CountyFactory, DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db
D = Decimal
# unit: A1 rate (third party), A2 points (self-assessed), D1 items, B1 items (self), V1 items
VALUES = {
    "甲县": ("0.9", 27, 1, 5, 0),  # 36 + 27 + 30 − 4 + 3 (5 capped to 3) = 92
    "乙县": ("1.0", 25, 5, 0, 0),  # 40 + 25 + 30 − 10 (5×4 = 20 capped to 10) = 85
    "丙县": ("0.75", 25, 0, 0, 0),  # 30 + 25 + 30 = 85, tied with 乙县
    "丁县": ("1.0", 30, 0, 0, 1),  # 100 but vetoed: last, 不合格
    "某局": ("0.5", 20, 0, 0, 0),  # the other peer group: 20 + 20 + 30 = 70
}


def scheme_2026(city, by):
    scheme = services.scheme_create(organisation=city, year=2026, by=by, name="2026年度考核方案")
    add = services.indicator_add
    add(
        scheme=scheme,
        by=by,
        code="A1",
        name="第三方满意度",
        points=D(40),
        method="auto",
        third_party=True,
        sort_order=1,
    )
    add(
        scheme=scheme,
        by=by,
        code="A2",
        name="制度建设",
        points=D(30),
        method="manual",
        sort_order=2,
    )
    add(
        scheme=scheme,
        by=by,
        code="D1",
        name="失信扣分",
        points=D(30),
        method="deduction",
        per_item=D(4),
        cap=D(10),
        sort_order=3,
    )
    add(
        scheme=scheme,
        by=by,
        code="B1",
        name="创新加分",
        points=D(0),
        method="bonus",
        per_item=D(1),
        cap=D(3),
        sort_order=4,
    )
    add(scheme=scheme, by=by, code="V1", name="一票否决", points=D(0), method="veto", sort_order=5)
    return scheme


@pytest.fixture
def units(city):
    orgs = {name: CountyFactory(name=name, parent=city) for name in list(VALUES)[:4]}
    orgs["某局"] = DepartmentFactory(name="某局", parent=city, level="city")
    return orgs


@pytest.fixture
def operators(units):
    return {
        name: UserFactory(username=f"op{i}", organisation=org, role=User.Role.OPERATOR)
        for i, (name, org) in enumerate(units.items())
    }


def score(campaign, org, code) -> Score:
    return Score.objects.get(unit__campaign=campaign, unit__organisation=org, indicator__code=code)


def run_the_year(city, assessor, units, operators):
    last = scheme_2026(city, assessor)
    campaign = opening.open_campaign(
        actor=assessor,
        organisation=city,
        year=2027,
        copy_from=last,
        timetable=opening.Timetable(start=datetime.date(2027, 1, 4)),
    )
    opening.start_campaign(actor=assessor, campaign=campaign, on=datetime.date(2027, 1, 4))
    for name, (_rate, points, _d, bonus, _v) in VALUES.items():
        by = operators[name]
        services.score_self_assess(
            score=score(campaign, units[name], "A2"), by=by, self_score=D(points), evidence="台账"
        )
        if bonus:
            services.score_self_assess(
                score=score(campaign, units[name], "B1"),
                by=by,
                self_score=D(bonus),
                evidence="案例",
            )
        services.unit_self_submit(unit=campaign.units.get(organisation=units[name]), by=by)
    count, problems = third_party_import(
        campaign=campaign,
        by=assessor,
        source="第三方评估机构",
        rows=[{"单位": n, "指标编号": "A1", "分值": v[0]} for n, v in VALUES.items()],
    )
    assert (count, problems) == (5, [])
    services.campaign_start_review(campaign=campaign, by=assessor)
    for name, (_rate, _p, items, _b, veto) in VALUES.items():
        for code, value in (("D1", items), ("V1", veto)):
            if value:
                s = score(campaign, units[name], code)
                services.score_review(
                    score=s, by=assessor, value=D(value), reason="核查认定", version=s.version
                )
    services.campaign_publish_provisional(
        campaign=campaign, by=assessor, on=datetime.date(2027, 3, 1)
    )
    objection = services.objection_submit(
        unit=campaign.units.get(organisation=units["丙县"]),
        by=operators["丙县"],
        text="与乙县同分，请核实",
        on=datetime.date(2027, 3, 2),
    )
    services.objection_answer(
        objection=objection, by=assessor, upheld=False, answer="同分并列，排名相同"
    )
    services.campaign_finalise(campaign=campaign, by=assessor, on=datetime.date(2027, 3, 10))
    return services.campaign_publish(campaign=campaign, by=assessor)


def test_the_hand_worked_example_through_the_year_gives_exact_results(
    client, city, assessor, units, operators, calendar
):
    campaign = run_the_year(city, assessor, units, operators)
    rows = {
        u.organisation.name: u
        for u in CampaignUnit.objects.filter(campaign=campaign).select_related("organisation")
    }
    assert {n: u.total for n, u in rows.items()} == {
        "甲县": D("92.00"),
        "乙县": D("85.00"),
        "丙县": D("85.00"),
        "丁县": D("100.00"),
        "某局": D("70.00"),
    }
    first = rows["甲县"]
    assert (first.base, first.deductions, first.bonus) == (D(93), D(4), D(3))
    assert rows["乙县"].deductions == D(10)  # 20 over the cap of 10
    assert {n: u.rank for n, u in rows.items()} == {
        "甲县": 1,
        "乙县": 2,
        "丙县": 2,
        "丁县": 4,
        "某局": 1,
    }
    assert {n: u.grade for n, u in rows.items()} == {
        "甲县": "优秀",
        "乙县": "良好",
        "丙县": "良好",
        "丁县": "不合格",
        "某局": "合格",
    }
    assert rows["丁县"].vetoed
    assert score(campaign, units["甲县"], "A1").source == "第三方评估机构"
    html = client.get(reverse("assessment:ranking", args=[campaign.pk])).content.decode()
    assert "92.00" in html and "一票否决" in html and "不合格" in html
