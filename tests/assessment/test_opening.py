"""Opening a year: copy last year's scheme or the template, units, groups, bands, timetable."""

import datetime
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from assessment.models import Campaign, Score
from assessment.services import opening
from assessment.services.opening import BandSpec, PeerGroupSpec, Timetable
from integrity.core.models import Event, Organisation
from tests.assessment.conftest import build_scheme
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def court(city):
    return DepartmentFactory(
        name="澜江市中级人民法院", parent=city, level="city", kind=Organisation.Kind.ORGAN
    )


@pytest.fixture
def last_year(city, assessor):
    return build_scheme(city, assessor, year=2026)


def open_2027(city, assessor, last_year, **kwargs):
    kwargs.setdefault("timetable", Timetable(start=datetime.date(2026, 12, 28)))
    return opening.open_campaign(
        actor=assessor, organisation=city, year=2027, copy_from=last_year, **kwargs
    )


def test_opening_copies_last_years_scheme_and_waits_in_preparation(
    city, assessor, last_year, county, other_county, department, township, court, calendar
):
    campaign = open_2027(city, assessor, last_year)
    assert campaign.status == Campaign.Status.PREPARING
    assert campaign.scheme.copied_from == last_year and not campaign.scheme.is_frozen
    assert campaign.scheme.indicators.count() == last_year.indicators.count()
    enrolled = set(campaign.units.values_list("organisation__name", flat=True))
    assert enrolled == {"北塘县", "南湖县", "澜江市住房和城乡建设局"}  # no court, no township
    assert not Score.objects.filter(unit__campaign=campaign).exists()
    assert Event.objects.filter(type="assessment.campaign_prepared").count() == 1


def test_units_are_chosen_by_level_and_kind_with_exclusions(
    city, assessor, last_year, county, other_county, department, township, calendar
):
    campaign = open_2027(
        city,
        assessor,
        last_year,
        levels=["county", "township"],
        kinds=["government"],
        excluded=[other_county.pk],
    )
    enrolled = set(campaign.units.values_list("organisation__name", flat=True))
    assert enrolled == {"北塘县", "石桥镇"}
    assert campaign.enrolment["excluded"] == [other_county.pk]


def test_peer_groups_and_bands_with_quotas_replace_the_copied_ones(
    city, assessor, last_year, county, department, calendar
):
    campaign = open_2027(
        city,
        assessor,
        last_year,
        peer_groups=[
            PeerGroupSpec("县区组", ("government",)),
            PeerGroupSpec("部门组", ("department",)),
        ],
        bands=[
            BandSpec("优秀", D(90), D("0.3")),
            BandSpec("合格", D(60)),
            BandSpec("不合格", D(0)),
        ],
    )
    groups = {u.organisation.name: u.peer_group.name for u in campaign.units.all()}
    assert groups == {"北塘县": "县区组", "澜江市住房和城乡建设局": "部门组"}
    assert list(campaign.scheme.bands.values_list("name", "quota")) == [
        ("优秀", D("0.300")),
        ("合格", None),
        ("不合格", None),
    ]


def test_a_quota_above_one_is_refused_and_nothing_is_written(
    city, assessor, last_year, county, calendar
):
    with pytest.raises(ValidationError):
        open_2027(city, assessor, last_year, bands=[BandSpec("优秀", D(90), D(2))])
    assert not Campaign.objects.exists()
    assert not last_year.copies.exists()


def test_the_timetable_counts_working_days_and_says_how(
    city, assessor, last_year, county, calendar
):
    campaign = open_2027(
        city, assessor, last_year, timetable=Timetable(start=datetime.date(2026, 9, 28))
    )
    first = campaign.timetable[0]
    # 10 working days from Mon 28 Sep 2026 over the National Day week (1-7 Oct off,
    # with 10 Oct a make-up working day in the 2026 notice).
    assert first["from"] == "2026-09-28" and first["days"] == 10
    assert campaign.self_assessment_deadline.isoformat() == first["deadline"]
    assert [name for _day, name in first["skipped"]]
    assert first["provisional"] is False
    assert campaign.review_deadline > campaign.self_assessment_deadline
    assert campaign.objection_deadline > campaign.review_deadline
    assert campaign.publication_date > campaign.objection_deadline


def test_a_year_without_a_calendar_is_marked_provisional(city, assessor, last_year, county):
    campaign = open_2027(
        city, assessor, last_year, timetable=Timetable(start=datetime.date(2027, 3, 1))
    )
    assert campaign.timetable[0]["provisional"] is True


def test_a_second_opening_of_the_same_year_is_refused(city, assessor, last_year, county, calendar):
    open_2027(city, assessor, last_year)
    with pytest.raises(ValidationError):
        open_2027(city, assessor, last_year)


def test_the_template_gives_a_valid_scheme(city, assessor, county, calendar):
    campaign = opening.open_campaign(actor=assessor, organisation=city, year=2027)
    assert campaign.scheme.copied_from is None
    opening.start_campaign(actor=assessor, campaign=campaign, on=datetime.date(2027, 1, 4))
    assert campaign.status == Campaign.Status.SELF_ASSESSMENT


def test_starting_freezes_the_scheme_and_creates_the_score_rows(
    city, assessor, last_year, county, department, calendar
):
    campaign = open_2027(city, assessor, last_year)
    opening.start_campaign(actor=assessor, campaign=campaign, on=datetime.date(2027, 1, 4))
    campaign.scheme.refresh_from_db()
    assert campaign.scheme.is_frozen
    assert Score.objects.filter(unit__campaign=campaign).count() == 2 * 5
    assert Event.objects.filter(type="assessment.campaign_started").count() == 1
    with pytest.raises(ValidationError):
        opening.start_campaign(actor=assessor, campaign=campaign)


def test_a_scheme_whose_weights_do_not_add_up_cannot_start(
    city, assessor, last_year, county, calendar
):
    from assessment import services

    campaign = open_2027(city, assessor, last_year)
    leaf = campaign.scheme.indicators.get(code="1.1")
    services.indicator_update(indicator=leaf, by=assessor, data={"points": D(20)})
    with pytest.raises(ValidationError):
        opening.start_campaign(actor=assessor, campaign=campaign)
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.PREPARING
