"""Each source proposes a draft record: a broken commitment, a founded report, a court list."""

import datetime

import pytest
import tablib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from integrity.core.models import Event
from integrity.records import services, sources
from integrity.records.models import DishonestyRecord, RecordStatus, SourceType

pytestmark = pytest.mark.django_db


def _open_commitment(township):
    from commitments.models import Commitment

    return Commitment.objects.create(
        organisation=township,
        kind="time_limit",
        title="年内建成石桥便民服务中心",
        deadline=datetime.date(2026, 6, 30),
        status="in_progress",
    )


def test_breaking_a_commitment_proposes_one_draft_record(township, operator):
    from commitments.services import commitment_break

    commitment = _open_commitment(township)
    commitment_break(commitment=commitment, by=operator, note="资金未落实，无法兑现")
    record = DishonestyRecord.objects.get(commitment=commitment)
    assert (record.status, record.source, record.organisation) == (
        RecordStatus.DRAFT,
        SourceType.BROKEN_COMMITMENT,
        township,
    )
    assert Event.objects.filter(type="record.created", object_id=str(record.pk)).exists()
    event = Event.objects.get(type="commitment.broken")
    assert sources.propose_record_for_commitment(event) is None  # only once


def test_a_founded_report_with_the_record_follow_up_proposes_a_draft(
    answered_complaint, credit_officer
):
    services.complaint_verify(
        complaint=answered_complaint, by=credit_officer, founded=True, follow_up="record"
    )
    record = DishonestyRecord.objects.get(complaint=answered_complaint)
    assert (record.status, record.source) == (RecordStatus.DRAFT, SourceType.COMPLAINT)


def _dataset(*rows):
    data = tablib.Dataset(
        headers=["统一社会信用代码", "被执行人名称", "执行法院", "案号", "列入日期"]
    )
    for row in rows:
        data.append(row)
    return data


def test_a_court_list_matched_by_uscc_makes_draft_records(township, credit_officer):
    report = sources.defaulters_import(
        by=credit_officer,
        dataset=_dataset(
            (township.uscc, township.name, "北塘县人民法院", "（2026）北执123号", "2026-05-06")
        ),
    )
    assert report.ok
    (record,) = report.records
    assert (record.organisation, record.source, record.status) == (
        township,
        SourceType.JUDGMENT_DEFAULTER,
        RecordStatus.DRAFT,
    )
    assert record.decision_number == "（2026）北执123号"
    assert record.determination_date == datetime.date(2026, 5, 6)


def test_one_bad_line_and_nothing_is_imported(township, other_credit_officer, credit_officer):
    good = (township.uscc, township.name, "法院", "（2026）北执1号", "2026-05-06")
    bad_code = ("91350100M000100Y44", "某单位", "法院", "（2026）北执2号", "2026-05-06")
    bad_date = (township.uscc, township.name, "法院", "（2026）北执3号", "五月")
    report = sources.defaulters_import(
        by=credit_officer, dataset=_dataset(good, bad_code, bad_date)
    )
    assert not report.ok
    assert [line.line for line in report.lines if line.messages] == [3, 4]
    assert "代码无效" in " ".join(report.lines[1].messages)
    assert not DishonestyRecord.objects.exists()
    # A unit outside the office's jurisdiction is not matched.
    report = sources.defaulters_import(by=other_credit_officer, dataset=_dataset(good))
    assert not report.ok and not DishonestyRecord.objects.exists()


def test_the_import_screen_reports_line_by_line(client, township, credit_officer):
    client.force_login(credit_officer)
    url = reverse("records_defaulters_import")
    assert client.get(url).status_code == 200
    csv = f"统一社会信用代码,案号,列入日期\n{township.uscc},（2026）北执9号,2026-13-01\n"
    response = client.post(url, {"file": SimpleUploadedFile("名单.csv", csv.encode())})
    page = response.content.decode()
    assert "未导入任何数据" in page and "第 2 行" in page
    assert not DishonestyRecord.objects.exists()
    csv = f"统一社会信用代码,案号,列入日期\n{township.uscc},（2026）北执9号,2026-03-01\n"
    response = client.post(url, {"file": SimpleUploadedFile("名单.csv", csv.encode())})
    assert "已生成 1 条失信记录草稿" in response.content.decode()
    assert DishonestyRecord.objects.filter(source=SourceType.JUDGMENT_DEFAULTER).count() == 1


def test_the_import_screen_is_closed_to_units_and_anonymous(client, operator):
    url = reverse("records_defaulters_import")
    assert "/login/" in client.get(url).url
    client.force_login(operator)
    assert client.get(url).url == "/admin/"
    assert client.post(url, {}).url == "/admin/"
