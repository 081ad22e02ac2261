"""The metrics added for proposals, complaints, records and debt: each equals a direct
count on a hand-built dataset, for all units at once, and links to its cases."""

import datetime

import pytest

from django.urls import reverse
from django.utils import timezone

from assessment import services
from assessment.metrics import METRICS
from assessment.models import Score
from integrity.core.models import Organisation

pytestmark = pytest.mark.django_db
PERIOD = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
day = datetime.date
proposals = pytest.importorskip("commitments.proposals.models")
records = pytest.importorskip("integrity.records.models")
commitments = pytest.importorskip("commitments.models")


def compute(code, *orgs):
    units = Organisation.objects.filter(pk__in=[o.pk for o in orgs])
    return METRICS[code].compute(units, PERIOD)


def at(d: datetime.date, hour=10):
    return timezone.make_aware(datetime.datetime(d.year, d.month, d.day, hour))


# --- proposals --------------------------------------------------------------------------


def assign(item, unit, role="sole", status="active", deadline=day(2025, 6, 30)):
    return proposals.Assignment.objects.create(
        item=item,
        unit=unit,
        role=role,
        status=status,
        assigned_on=day(2025, 3, 1),
        round_started_on=day(2025, 3, 1),
        deadline=deadline,
    )


def reply(assignment, sent_on, result=None, round=1, deadline=day(2025, 6, 30)):
    r = proposals.Reply.objects.create(
        assignment=assignment,
        round=round,
        category="A",
        title="答复",
        body="答复",
        status="sent",
        deadline=deadline,
        sent_on=sent_on,
    )
    if result:
        proposals.Rating.objects.create(
            reply=r, member=assignment.item.lead_author, result=result, rated_on=sent_on
        )
    return r


@pytest.fixture
def proposal_data(city, county, township, other_county):
    member = proposals.Member.objects.create(organisation=city, kind="suggestion", name="代表甲")
    items = [
        proposals.Item.objects.create(
            organisation=city,
            kind="suggestion",
            year=year,
            number=f"{year}-{n}",
            title="建议",
            lead_author=member,
            registered_on=day(year, 2, 1),
        )
        for n, year in enumerate([2025] * 6 + [2024])
    ]
    a = assign(items[0], county)
    reply(a, day(2025, 6, 1), "satisfied")  # on time, satisfied
    b = assign(items[1], county)
    reply(b, day(2025, 7, 10), "unsatisfied")  # late, first rating bad …
    reply(b, day(2025, 9, 1), "basic", round=2)  # … last rating counts: basically satisfied
    assign(items[2], township)  # in the county's subtree, no reply yet
    c = assign(items[3], township)
    reply(c, day(2025, 6, 30), "unsatisfied")  # on the deadline: on time; not satisfied
    assign(items[4], county, role="co")  # co-handling: excluded
    assign(items[5], county, status="returned")  # returned: excluded
    d = assign(items[6], county)  # another year: excluded
    reply(d, day(2024, 5, 1), "satisfied")
    e = assign(items[0], other_county, role="separate")
    reply(e, day(2025, 8, 1))  # late, not rated


def test_proposal_on_time_reply_rate_equals_a_direct_count(proposal_data, county, other_county):
    frame = compute("proposal_on_time_reply_rate", county, other_county)
    assert frame.loc[county.pk, "cases"] == 4  # a, b, township's two
    assert frame.loc[county.pk, "value"] == pytest.approx(2 / 4)
    assert frame.loc[other_county.pk, "value"] == 0 and frame.loc[other_county.pk, "cases"] == 1
    assert METRICS["proposal_on_time_reply_rate"].cases(county, PERIOD).count() == 4


def test_proposal_satisfaction_rate_takes_each_assignments_last_rating(
    proposal_data, county, other_county
):
    frame = compute("proposal_satisfaction_rate", county, other_county)
    assert frame.loc[county.pk, "cases"] == 3  # a, b, c rated
    assert frame.loc[county.pk, "value"] == pytest.approx(2 / 3)
    assert frame.loc[other_county.pk, "cases"] == 0
    assert METRICS["proposal_satisfaction_rate"].cases(county, PERIOD).count() == 3


def test_proposal_metrics_agree_with_the_proposals_offices_statistics(
    proposal_data, county, township
):
    from commitments.proposals.selectors import totals, unit_statistics

    stats = totals(unit_statistics(year=2025, units=[county, township]))
    on_time = compute("proposal_on_time_reply_rate", county).loc[county.pk]
    satisfied = compute("proposal_satisfaction_rate", county).loc[county.pk]
    assert (on_time["cases"], on_time["value"]) == (stats.assigned, stats.on_time_rate)
    assert satisfied["value"] == pytest.approx(stats.satisfaction_rate, abs=1e-4)


# --- records and complaints -------------------------------------------------------------


def record(org, **kw):
    values = {
        "title": "失信记录",
        "source": "penalty",
        "severity": "general",
        "determination_date": day(2025, 5, 6),
        "status": "published",
        "max_end_date": day(2026, 5, 6),
    }
    return records.DishonestyRecord.objects.create(organisation=org, **{**values, **kw})


def test_unresolved_judgment_defaulters_are_those_still_live(county, township, other_county):
    record(county, source="defaulter")
    record(township, source="defaulter", status="notified")
    record(county, source="defaulter", status="repaired")  # resolved
    record(county, source="defaulter", max_end_date=day(2025, 12, 1))  # ended before year end
    record(county, source="defaulter", determination_date=day(2026, 1, 3))  # after the period
    record(county, source="penalty")  # another source
    frame = compute("records_defaulter_count", county, other_county)
    assert frame.loc[county.pk, "value"] == 2
    assert frame.loc[other_county.pk, "value"] == 0
    assert METRICS["records_defaulter_count"].cases(county, PERIOD).count() == 2


def complaint(org, n, answered=None, due=day(2025, 4, 10), status="answered", submitted=None):
    return records.Complaint.objects.create(
        tracking_number=f"T{org.pk}-{n}",
        topic="promise",
        organisation=org,
        title="投诉",
        original_text="投诉",
        status=status,
        answer_due=due,
        answered_at=answered and at(answered),
        submitted_at=at(submitted or day(2025, 4, 1)),
    )


def test_complaint_answer_rate_counts_answers_within_the_deadline(county, township, other_county):
    complaint(county, 1, answered=day(2025, 4, 9))
    complaint(county, 2, answered=day(2025, 4, 10))  # on the due day
    complaint(county, 3, answered=day(2025, 4, 11))  # late
    complaint(township, 4, status="routed")  # not answered yet
    complaint(county, 5, status="rejected")  # not accepted: not counted
    complaint(county, 6, answered=day(2024, 4, 9), submitted=day(2024, 4, 1))  # last year
    complaint(other_county, 7, answered=day(2025, 4, 1))
    frame = compute("complaint_answer_rate", county, other_county)
    assert frame.loc[county.pk, "cases"] == 4
    assert frame.loc[county.pk, "value"] == pytest.approx(2 / 4)
    assert frame.loc[other_county.pk, "value"] == 1
    assert METRICS["complaint_answer_rate"].cases(county, PERIOD).count() == 4


def test_publication_rate_counts_working_days_on_the_statutory_calendar(
    calendar, county, other_county
):
    # determined Tue 2025-09-30; holiday 1–8 Oct, Sat 11 Oct worked: 7th working day 16 Oct
    record(county, determination_date=day(2025, 9, 30), published_at=at(day(2025, 10, 16)))
    record(county, determination_date=day(2025, 9, 30), published_at=at(day(2025, 10, 17)))
    # determined Mon 2025-06-02: 7th working day is Wed 2025-06-11
    record(county, determination_date=day(2025, 6, 2), published_at=at(day(2025, 6, 11), 23))
    record(county, determination_date=day(2025, 6, 2), status="confirmed")  # not yet published
    record(county, determination_date=day(2025, 6, 2), publish=False)  # not to be published
    record(county, determination_date=day(2025, 6, 2), status="draft")  # not determined
    record(other_county, determination_date=day(2025, 6, 2), published_at=at(day(2025, 6, 3)))
    frame = compute("records_publication_rate", county, other_county)
    assert frame.loc[county.pk, "cases"] == 4
    assert frame.loc[county.pk, "value"] == pytest.approx(2 / 4)
    assert frame.loc[other_county.pk, "value"] == 1
    assert METRICS["records_publication_rate"].cases(county, PERIOD).count() == 4


# --- commitments: extensions and debt risk ----------------------------------------------


def commitment(org, kind="service_quality", status="in_progress", deadline=day(2025, 9, 1)):
    return commitments.Commitment.objects.create(
        organisation=org, kind=kind, title="承诺", status=status, deadline=deadline
    )


def change(c, status="approved", new=day(2025, 12, 1), decided=day(2025, 8, 1)):
    return commitments.ChangeRequest.objects.create(
        commitment=c,
        status=status,
        old_deadline=c.deadline,
        new_deadline=new,
        justification="理由",
        decided_at=at(decided),
    )


def test_extensions_are_approved_changes_that_moved_a_deadline(county, township, other_county):
    c = commitment(county)
    change(c)
    change(c, new=day(2026, 2, 1), decided=day(2025, 11, 1))
    change(commitment(township))
    change(c, status="rejected")
    change(c, new=c.deadline)  # target changed only, same deadline
    change(c, new=None)
    change(c, decided=day(2024, 12, 1))  # decided last year
    frame = compute("commitment_extension_count", county, other_county)
    assert frame.loc[county.pk, "value"] == 3
    assert frame.loc[other_county.pk, "value"] == 0
    assert METRICS["commitment_extension_count"].cases(county, PERIOD).count() == 3


def test_period_bounds_are_local_days_at_midnight(county, other_county):
    """Instants are counted by their Beijing date: 00:30 on 1 January (16:30 UTC the day
    before) is in the year, 00:30 on the next 1 January is not; an answer at 23:30 on the
    due day (15:30 UTC) is on time, 00:10 the day after is late."""
    c = commitment(county)
    for decided in (at(day(2025, 1, 1), 0), at(day(2025, 12, 31), 23), at(day(2026, 1, 1), 0)):
        commitments.ChangeRequest.objects.filter(pk=change(c).pk).update(
            decided_at=decided.replace(minute=30)
        )
    assert compute("commitment_extension_count", county).loc[county.pk, "value"] == 2
    assert METRICS["commitment_extension_count"].cases(county, PERIOD).count() == 2

    first = complaint(county, 1, submitted=day(2025, 1, 1))
    late = complaint(county, 2, answered=day(2025, 4, 11))
    outside = complaint(county, 3, submitted=day(2026, 1, 1))
    records.Complaint.objects.filter(pk=first.pk).update(
        submitted_at=at(day(2025, 1, 1), 0).replace(minute=30),
        answered_at=at(day(2025, 4, 10), 23).replace(minute=30),
    )
    records.Complaint.objects.filter(pk=late.pk).update(
        answered_at=at(day(2025, 4, 11), 0).replace(minute=10)
    )
    records.Complaint.objects.filter(pk=outside.pk).update(
        submitted_at=at(day(2026, 1, 1), 0).replace(minute=30)
    )
    frame = compute("complaint_answer_rate", county)
    assert frame.loc[county.pk, "cases"] == 2
    assert frame.loc[county.pk, "value"] == pytest.approx(1 / 2)
    assert METRICS["complaint_answer_rate"].cases(county, PERIOD).count() == 2


def debt(org, balance, capacity, as_of=day(2025, 12, 31), status="in_progress"):
    c = commitment(org, kind="local_debt", status=status)
    return commitments.LocalDebt.objects.create(
        commitment=c, balance=balance, fiscal_capacity=capacity, as_of=as_of
    )


def test_debt_risk_level_is_the_worst_level_by_the_configured_thresholds(
    county, township, other_county, department
):
    commitments.DebtRiskRule.objects.all().delete()
    commitments.DebtRiskRule.objects.create(
        valid_from=day(2020, 1, 1), red_from=300, orange_from=200, yellow_from=120
    )
    debt(county, 110, 100)  # 110 %: green
    debt(township, 200, 100)  # 200 %: orange (the worst in the county's subtree)
    debt(county, 500, 100, as_of=day(2024, 12, 31))  # last year's figure: not counted
    debt(county, 900, 100, status="withdrawn")  # withdrawn: not counted
    debt(other_county, 300, 100)  # red
    frame = compute("debt_risk_level", county, other_county, department)
    assert frame.loc[county.pk, "value"] == 2 and frame.loc[county.pk, "cases"] == 2
    assert frame.loc[other_county.pk, "value"] == 3
    assert frame.loc[department.pk, "cases"] == 0
    assert METRICS["debt_risk_level"].cases(county, PERIOD).count() == 2


# --- every number links to its cases ----------------------------------------------------


def test_each_computed_number_links_to_the_cases_behind_it(
    client, city, assessor, county, other_county, other_county_operator, department, calendar
):
    from tests.assessment.conftest import build_scheme

    complaint(county, 1, answered=day(2025, 4, 9))
    complaint(county, 2, answered=day(2025, 4, 12))
    scheme = build_scheme(city, assessor)
    services.indicator_update(
        indicator=scheme.indicators.get(code="2.1"),
        by=assessor,
        data={"method": "auto", "metric_code": "complaint_answer_rate"},
    )
    campaign = services.campaign_open(scheme=scheme, by=assessor, on=day(2026, 1, 5))
    score = Score.objects.get(
        unit__campaign=campaign, unit__organisation=county, indicator__code="2.1"
    )
    assert score.cases == 2
    client.force_login(assessor)
    sheet = client.get(reverse("assessment_admin:unit", args=[score.unit_id]))
    url = reverse("assessment_admin:cases", args=[score.pk])
    assert url in sheet.content.decode()
    page = client.get(url)
    assert page.status_code == 200
    assert page.content.decode().count(f"T{county.pk}-") == 2
    client.force_login(other_county_operator)  # another organisation: refused
    refused = client.get(url)
    assert refused.status_code in (302, 403) and f"T{county.pk}-" not in refused.content.decode()
    client.logout()  # anonymous: sent to the login page
    assert client.get(url).status_code == 302
