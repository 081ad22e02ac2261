from decimal import Decimal

import pytest

from assessment import services
from integrity.core.models import User
from tests.factories import CountyFactory, DepartmentFactory, UserFactory

D = Decimal


@pytest.fixture
def assessor(city):
    return UserFactory(username="kaohe_t", organisation=city, role=User.Role.ASSESSOR)


@pytest.fixture
def other_county(city):
    return CountyFactory(name="南湖县", parent=city)


@pytest.fixture
def department(city):
    return DepartmentFactory(name="澜江市住房和城乡建设局", parent=city, level="city")


@pytest.fixture
def county_operator(county):
    return UserFactory(username="beitang_op", organisation=county, role=User.Role.OPERATOR)


@pytest.fixture
def other_county_operator(other_county):
    return UserFactory(username="nanhu_op", organisation=other_county, role=User.Role.OPERATOR)


def build_scheme(organisation, by, year=2025):
    """60 + 40 points, a capped deduction, a bonus and a veto (see docs/scoring.md)."""
    scheme = services.scheme_create(
        organisation=organisation, year=year, by=by, name=f"{year}年度政务诚信考核方案"
    )
    add = services.indicator_add
    basic = add(scheme=scheme, by=by, code="1", name="基本诚信", points=D(60))
    add(
        scheme=scheme,
        by=by,
        parent=basic,
        code="1.1",
        name="制度建设",
        points=D(30),
        method="manual",
    )
    add(
        scheme=scheme,
        by=by,
        parent=basic,
        code="1.2",
        name="失信记录扣分",
        points=D(30),
        method="deduction",
        per_item=D(4),
        cap=D(10),
    )
    keep = add(scheme=scheme, by=by, code="2", name="履约践诺", points=D(40))
    add(
        scheme=scheme,
        by=by,
        parent=keep,
        code="2.1",
        name="承诺履行",
        points=D(40),
        method="manual",
    )
    add(
        scheme=scheme,
        by=by,
        code="B",
        name="信用创新加分",
        points=D(0),
        method="bonus",
        per_item=D(1),
        cap=D(3),
    )
    add(scheme=scheme, by=by, code="V", name="一票否决", points=D(0), method="veto")
    return scheme


@pytest.fixture
def scheme(city, assessor):
    return build_scheme(city, assessor)


@pytest.fixture
def campaign(scheme, assessor, county, other_county, department, township, calendar):
    import datetime

    return services.campaign_open(scheme=scheme, by=assessor, on=datetime.date(2026, 1, 5))


def run_to_provisional(campaign, assessor, county):
    import datetime

    from assessment.models import Score

    services.campaign_start_review(campaign=campaign, by=assessor)
    for unit in campaign.units.all():
        for code, value in (("1.1", 25), ("2.1", 38)):
            score = Score.objects.get(unit=unit, indicator__code=code)
            services.score_review(
                score=score, by=assessor, value=D(value), reason="审核", version=score.version
            )
    bonus = Score.objects.get(
        unit__campaign=campaign, unit__organisation=county, indicator__code="B"
    )
    services.score_review(score=bonus, by=assessor, value=D(2), reason="创新", version=1)
    return services.campaign_publish_provisional(
        campaign=campaign, by=assessor, on=datetime.date(2026, 3, 2)
    )


@pytest.fixture
def provisional_campaign(campaign, assessor, county):
    return run_to_provisional(campaign, assessor, county)


@pytest.fixture
def published_campaign(provisional_campaign, assessor):
    services.campaign_finalise(campaign=provisional_campaign, by=assessor)
    return services.campaign_publish(campaign=provisional_campaign, by=assessor)
