"""Third-party evaluation: designated leaves get their values from an import with a source."""

import datetime
from decimal import Decimal

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessment import services
from assessment.models import Score, ScoreChange
from assessment.services import opening
from assessment.services.third_party import third_party_import
from integrity.core.models import Event
from tests.assessment.conftest import build_scheme

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def started(city, assessor, county, other_county, calendar):
    last = build_scheme(city, assessor, year=2026)
    campaign = opening.open_campaign(actor=assessor, organisation=city, year=2027, copy_from=last)
    leaf = campaign.scheme.indicators.get(code="2.1")
    services.indicator_update(indicator=leaf, by=assessor, data={"third_party": True})
    return opening.start_campaign(actor=assessor, campaign=campaign, on=datetime.date(2027, 1, 4))


def test_imported_values_are_kept_with_their_source(started, assessor, county, other_county):
    count, problems = third_party_import(
        campaign=started,
        by=assessor,
        source="省社科院第三方评估组",
        rows=[
            {"单位": "北塘县", "指标编号": "2.1", "分值": "36"},
            {"单位": other_county.uscc, "指标编号": "2.1", "分值": 30},
        ],
    )
    assert (count, problems) == (2, [])
    score = Score.objects.get(unit__organisation=county, indicator__code="2.1")
    assert score.raw_value == D(36) and score.source == "省社科院第三方评估组"
    assert score.score == D(36)
    assert ScoreChange.objects.filter(reason__contains="省社科院").count() == 2
    assert Event.objects.filter(type="assessment.third_party_imported").exists()


def test_one_bad_row_and_nothing_is_written(started, assessor):
    count, problems = third_party_import(
        campaign=started,
        by=assessor,
        source="评估组",
        rows=[
            {"单位": "北塘县", "指标编号": "2.1", "分值": "36"},
            {"单位": "北塘县", "指标编号": "1.1", "分值": "10"},  # not a third-party item
            {"单位": "南湖县", "指标编号": "2.1", "分值": "99"},  # above its 40 points
        ],
    )
    assert count == 0 and [p.line for p in problems] == [3, 4]
    assert not Score.objects.filter(raw_value__isnull=False, indicator__code="2.1").exists()


def test_the_office_imports_a_file_from_the_dashboard(client, started, assessor, county):
    client.force_login(assessor)
    url = reverse("assessment_admin:third_party", args=[started.pk])
    csv = "单位,指标编号,分值\n北塘县,2.1,33\n".encode()
    response = client.post(
        url, {"source": "评估组", "file": SimpleUploadedFile("t.csv", csv, "text/csv")}
    )
    assert response.status_code == 302
    assert Score.objects.get(unit__organisation=county, indicator__code="2.1").raw_value == D(33)


def test_another_organisation_and_anonymous_cannot_import(client, started, county_operator):
    url = reverse("assessment_admin:third_party", args=[started.pk])
    client.force_login(county_operator)
    assert client.get(url).status_code in (302, 403, 404)
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response.url
