"""Red and black lists: dated issues compiled by editable criteria, published on the portal."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from integrity.core.models import Event
from integrity.records import lists, services
from integrity.records.models import ListCriteria, ListEntry, ListIssue

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def _commitment(org, status, closed_on):
    from commitments.models import Commitment

    return Commitment.objects.create(
        organisation=org,
        kind="time_limit",
        title=f"{org.name}承诺",
        deadline=closed_on,
        status=status,
        closed_on=closed_on,
    )


@pytest.fixture
def issue(county, township, other_township, credit_officer, make_record):
    _commitment(other_township, "fulfilled", TODAY - datetime.timedelta(days=5))
    _commitment(township, "fulfilled", TODAY - datetime.timedelta(days=5))
    make_record(status="published", title="拖欠工程款")
    return lists.list_issue_create(
        by=credit_officer,
        jurisdiction=county,
        title="2026年第4季度红黑榜",
        period_start=TODAY - datetime.timedelta(days=60),
        period_end=TODAY,
    )


def test_compiling_puts_good_units_on_red_and_units_with_public_records_on_black(
    issue, township, other_township, credit_officer
):
    lists.list_issue_compile(issue=issue, by=credit_officer)
    red = set(issue.entries.filter(kind="red").values_list("organisation", flat=True))
    black = set(issue.entries.filter(kind="black").values_list("organisation", flat=True))
    assert red == {other_township.pk} and black == {township.pk}
    assert "100.0%" in issue.entries.get(kind="red").reason
    assert Event.objects.filter(type="list.compiled").exists()


def test_criteria_are_data_with_a_validity_range(issue, credit_officer, county, other_township):
    criteria = ListCriteria.objects.get(jurisdiction=None)
    assert issue.criteria == criteria
    ListCriteria.objects.create(
        jurisdiction=county, valid_from=TODAY - datetime.timedelta(days=1), red_min_closed=5
    )
    stricter = lists.list_issue_create(
        by=credit_officer,
        jurisdiction=county,
        title="新标准",
        period_start=TODAY - datetime.timedelta(days=60),
        period_end=TODAY,
    )
    lists.list_issue_compile(issue=stricter, by=credit_officer)
    assert not stricter.entries.filter(kind="red").exists()


def test_a_draft_entry_is_removed_with_a_reason_and_a_published_issue_is_frozen(
    issue, credit_officer
):
    lists.list_issue_compile(issue=issue, by=credit_officer)
    entry = issue.entries.filter(kind="red").get()
    with pytest.raises(ValidationError):
        lists.list_entry_remove(entry=entry, by=credit_officer, reason=" ")
    lists.list_entry_remove(entry=entry, by=credit_officer, reason="该单位正在整改")
    lists.list_issue_publish(issue=issue, by=credit_officer)
    with pytest.raises(ValidationError):
        lists.list_issue_compile(issue=issue, by=credit_officer)


def test_the_portal_shows_published_issues_and_drops_repaired_black_entries(
    client, issue, credit_officer, township, django_capture_on_commit_callbacks
):
    lists.list_issue_compile(issue=issue, by=credit_officer)
    url = reverse("records:list_issue", args=[issue.pk])
    assert client.get(url).status_code == 404  # draft
    assert "2026年第4季度红黑榜" not in client.get(reverse("records:list_issues")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the page cache's generation
        lists.list_issue_publish(issue=issue, by=credit_officer)
    assert "2026年第4季度红黑榜" in client.get(reverse("records:list_issues")).content.decode()
    page = client.get(url).content.decode()
    assert "白沙镇" in page and "石桥镇" in page
    record = ListEntry.objects.get(kind="black").records.get()
    services.repair_apply(
        record=record,
        by=credit_officer,
        credit_commitment="承诺",
        performance="已付清",
        on=record.min_end_date,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.repair_approve(application=record.repairs.get(), by=credit_officer)
    page = client.get(url).content.decode()
    assert "石桥镇" not in page.split('id="black"')[1]


def test_back_office_screens_create_compile_and_publish(client, county, credit_officer):
    client.force_login(credit_officer)
    index = reverse("records_list_issues")
    assert client.get(index).status_code == 200
    response = client.post(
        index,
        {
            "title": "月度红黑榜",
            "jurisdiction": county.pk,
            "period_start": "2026-11-30",
            "period_end": "2026-11-01",
        },
    )
    assert "统计期须先开始后结束" in response.content.decode()
    assert not ListIssue.objects.exists()
    client.post(
        index,
        {
            "title": "月度红黑榜",
            "jurisdiction": county.pk,
            "period_start": "2026-11-01",
            "period_end": "2026-11-30",
        },
    )
    issue = ListIssue.objects.get()
    for action in ("compile", "publish"):
        client.post(reverse("records_list_issue_action", args=[issue.pk, action]))
    issue.refresh_from_db()
    assert issue.status == "published"


def test_another_organisation_units_and_anonymous_cannot_manage_issues(
    client, issue, other_credit_officer, operator
):
    urls = [
        reverse("records_list_issue", args=[issue.pk]),
        reverse("records_list_issue_action", args=[issue.pk, "publish"]),
    ]
    assert "/login/" in client.get(reverse("records_list_issues")).url
    assert "/login/" in client.get(urls[0]).url
    assert "/login/" in client.post(urls[1]).url
    client.force_login(other_credit_officer)
    assert "2026年第4季度" not in client.get(reverse("records_list_issues")).content.decode()
    assert client.get(urls[0]).status_code == 404
    assert client.post(urls[1]).status_code == 404
    client.force_login(operator)
    assert client.get(urls[0]).url == "/admin/"
    issue.refresh_from_db()
    assert issue.status == "draft"
