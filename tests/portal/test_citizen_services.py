"""Issue 16: header search, "report this", unit profile, reporter updates, answered list."""

import re

import pytest

from django.core import mail

from integrity.records import services as record_services
from integrity.records.models import Complaint
from portal import sms
from portal.models import ReporterUpdate
from portal.notifications import reporter_updates_send
from tests.commitments.factories import CommitmentFactory, PublishedCommitmentFactory
from tests.factories import OperatorFactory, SysadminFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def promises(township, other_township):
    return {
        "mine": PublishedCommitmentFactory(organisation=township, title="村道硬化"),
        "draft": CommitmentFactory(organisation=township, title="新建卫生室"),
        "theirs": PublishedCommitmentFactory(organisation=other_township, title="路灯安装"),
    }


def test_every_page_header_has_the_search_box(client, portal_site):
    html = client.get("/").content.decode()
    assert 'role="search"' in html and 'name="q"' in html
    assert 'action="/search/"' in html


def test_search_finds_a_unit_and_its_commitments_by_credit_code(client, township, promises):
    response = client.get("/search/", {"q": township.uscc})
    hits = response.context["hits"]
    assert hits[0].kind == "unit" and hits[0].url == f"/units/{township.pk}/"
    assert "村道硬化" in {re.sub("<.*?>", "", str(h.title)) for h in hits}
    assert "新建卫生室" not in response.content.decode()


def test_the_commitment_choices_follow_the_chosen_unit(client, township, promises):
    data = client.get("/report/commitments/", {"unit": township.pk}).json()
    assert data == {"results": [{"id": promises["mine"].pk, "label": "村道硬化"}]}
    assert client.get("/report/commitments/", {"unit": "x"}).json() == {"results": []}


def test_the_choices_endpoint_is_the_same_for_another_units_operator(
    client, other_operator, township, promises
):
    client.force_login(other_operator)
    data = client.get("/report/commitments/", {"unit": township.pk}).json()
    assert [row["id"] for row in data["results"]] == [promises["mine"].pk]


def test_report_this_preselects_the_commitment_and_lists_only_its_unit(client, promises):
    mine = promises["mine"]
    html = client.get("/report/", {"commitment": mine.pk}).content.decode()
    assert f'<option value="{mine.pk}" selected>' in html
    assert "路灯安装" not in html
    assert 'class="required-mark"' in html
    detail = client.get(f"/commitments/{mine.pk}/").content.decode()
    assert f"/report/?commitment={mine.pk}" in detail


def test_the_empty_report_form_lists_no_commitment(client, promises):
    html = client.get("/report/").content.decode()
    assert "村道硬化" not in html and "路灯安装" not in html


def test_a_commitment_of_another_unit_is_refused_and_nothing_is_written(client, township, promises):
    response = client.post(
        "/report/",
        {
            "organisation": township.pk,
            "commitment": promises["theirs"].pk,
            "topic": "promise",
            "title": "标题",
            "text": "内容",
            "anonymous": "on",
            "captcha_0": "x",
            "captcha_1": "PASSED",
            "submission_token": "bad",
        },
    )
    assert response.status_code == 200
    assert "commitment" in response.context["form"].errors
    assert not Complaint.objects.exists()


def test_the_unit_profile_shows_commitments_and_report_counts(client, township, promises):
    response = client.get(f"/units/{township.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "村道硬化" in html and "新建卫生室" not in html
    assert f"/report/?unit={township.pk}" in html
    assert f"/feeds/units/{township.pk}/" in html
    assert 'class="breadcrumbs"' in html


def test_an_inactive_unit_has_no_profile(client, township):
    township.is_active = False
    township.save()
    assert client.get(f"/units/{township.pk}/").status_code == 404


def _report(unit, **contact) -> Complaint:
    return record_services.complaint_submit(
        organisation=unit,
        topic="promise",
        title="村道未硬化",
        text="去年承诺的村道至今未动工。",
        anonymous=not contact,
        **contact,
    )


def test_the_reporter_gets_each_status_once_by_e_mail_and_text_message(city, township):
    sms.outbox.clear()
    complaint = _report(township, reporter_email="a@example.cn", reporter_phone="13800001111")
    anonymous = _report(township)
    assert reporter_updates_send() == 1
    admin = SysadminFactory(organisation=city)
    record_services.complaint_route(complaint=complaint, by=admin)
    record_services.complaint_answer(complaint=complaint, by=admin, answer="已安排施工。")
    assert reporter_updates_send() == 1
    assert reporter_updates_send() == 0
    assert [m.to for m in mail.outbox] == [["a@example.cn"], ["a@example.cn"]]
    assert complaint.tracking_number in mail.outbox[-1].subject
    assert "已安排施工" in mail.outbox[-1].body
    assert [m.phone for m in sms.outbox] == ["13800001111", "13800001111"]
    assert set(ReporterUpdate.objects.values_list("status", flat=True)) == {"received", "answered"}
    assert not ReporterUpdate.objects.filter(complaint=anonymous).exists()
    from integrity.core.models import Event

    events = Event.objects.filter(type="portal.reporter_updated")
    assert events.count() == 2
    assert "13800001111" not in str(list(events.values_list("details", flat=True)))


def test_the_answered_list_shows_the_answer_but_never_the_reporter(client, city, township):
    complaint = _report(township, reporter_email="b@example.cn", reporter_phone="13800002222")
    admin = SysadminFactory(organisation=city)
    record_services.complaint_route(complaint=complaint, by=admin)
    record_services.complaint_answer(complaint=complaint, by=admin, answer="已安排施工。")
    html = client.get("/reports/answered/").content.decode()
    assert "已安排施工" in html and "村道未硬化" in html
    for secret in ("b@example.cn", "13800002222", complaint.tracking_number):
        assert secret not in html
    assert not re.search(r"\d{4}-\d{2}-\d{2}", html.split("<main")[1])


def test_the_answered_list_for_an_operator_of_another_unit_is_the_public_one(
    client, township, other_township
):
    client.force_login(OperatorFactory(organisation=other_township))
    assert client.get("/reports/answered/", {"unit": township.pk}).status_code == 200


def test_units_are_grouped_as_city_departments_counties_and_townships(city, county, township):
    from portal.profile import grouped_units
    from tests.factories import DepartmentFactory

    bureau = DepartmentFactory(name="市财政局", parent=city, level="city")
    county_bureau = DepartmentFactory(name="县财政局", parent=county, level="county")
    groups = {
        g.label: g.units for g in grouped_units([city, bureau, county, county_bureau, township])
    }
    assert groups == {
        "市直部门": [city, bureau],
        "区县": [county, county_bureau],
        "乡镇街道": [township],
    }
