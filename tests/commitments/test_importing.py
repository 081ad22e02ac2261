import pytest
import tablib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from commitments.importing import commitments_import
from commitments.models import Commitment, ImportJob
from integrity.core.models import Event
from tests.formulas import PAYLOADS

pytestmark = pytest.mark.django_db
HEADERS = [
    "承诺事项",
    "承诺类型",
    "承诺内容",
    "承诺目标",
    "承诺时限",
    "责任单位",
    "统一社会信用代码",
    "应付金额（元）",
]


def data(*rows):
    return tablib.Dataset(*rows, headers=HEADERS)


GOOD = ["村道硬化", "民生实事", "硬化5公里", "5公里", "2026/12/31", "石桥镇", "", "12万元"]


def test_fast_path_creates_drafts_with_event_rows(operator, township):
    created, problems = commitments_import(dataset=data(GOOD, GOOD), by=operator)
    assert (created, problems) == (2, [])
    rows = Commitment.objects.all()
    assert {c.status for c in rows} == {"draft"} and rows[0].amount_due == 120000
    assert Event.objects.filter(type="commitment.imported").count() == 2


def test_each_event_row_points_to_its_own_commitment(operator, township):
    rows = [[f"事项{n}", *GOOD[1:4], f"2026-12-{n + 1:02d}", *GOOD[5:]] for n in range(5)]
    assert commitments_import(dataset=data(*rows), by=operator) == (5, [])
    for event in Event.objects.filter(type="commitment.imported"):
        commitment = Commitment.objects.get(pk=int(event.object_id))
        assert event.object_repr == commitment.title
        assert event.organisation_id == commitment.organisation_id == township.pk
        assert event.actor == operator and event.details["kind"] == commitment.kind
        assert commitment.deadline.day == int(commitment.title[2:]) + 1
        assert commitment.created_by == operator and commitment.amount_paid == 0


def test_fast_path_writes_nothing_when_one_row_is_bad(operator, township):
    bad_date = [*GOOD[:4], "2026年2月30日", *GOOD[5:]]
    bad_org = [*GOOD[:5], "白沙镇", *GOOD[6:]]
    bad_uscc = [*GOOD[:6], "12345", GOOD[7]]
    negative = [*GOOD[:7], "-5"]
    with translation.override("zh-hans"):
        created, problems = commitments_import(
            dataset=data(GOOD, bad_date, bad_org, bad_uscc, negative), by=operator
        )
    assert created == 0 and Commitment.objects.count() == 0
    assert [p.line for p in problems] == [3, 4, 5, 6]
    text = " ".join(m for p in problems for m in p.messages)
    assert "不是有效日期" in text and "白沙镇" in text and "统一社会信用代码" in text
    assert "负数" in text


def test_large_import_runs_as_a_task_with_progress(
    client, operator, township, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path)
    client.force_login(operator)
    content = data(GOOD).export("csv").encode("utf-8")
    upload = SimpleUploadedFile("清单.csv", content, content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("commitments_admin_large_import"), {"import_file": upload})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    status = client.get(reverse("commitments_admin_import_job", args=[job.pk]) + "?format=json")
    assert status.json() == {"status": "done", "percent": 100, "created": 1, "problems": []}
    page = client.get(reverse("commitments_admin_import_job", args=[job.pk]))
    assert page.status_code == 200
    # it ends with a message and the way to the rows: the list and a download
    assert "导入完成：新增承诺 1 条。" in page.text
    assert reverse("commitments_commitment:export") + "?status=draft" in page.text


def test_another_organisation_or_anonymous_cannot_open_the_large_import(client, other_operator):
    url = reverse("commitments_admin_large_import")
    assert client.get(url).status_code == 302  # to login
    client.force_login(other_operator)
    assert client.get(url).status_code == 200  # may import, but only into own area


def test_import_job_of_another_township_is_not_visible(client, operator, other_operator):
    job = ImportJob.objects.create(
        user=operator, organisation=operator.organisation, file=SimpleUploadedFile("a.csv", b"x")
    )
    client.force_login(other_operator)
    url = reverse("commitments_admin_import_job", args=[job.pk])
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_task_runs_the_job_and_records_the_outcome(operator, township, settings, tmp_path):
    from commitments.tasks import commitment_import_task

    settings.PRIVATE_MEDIA_ROOT = str(tmp_path)
    upload = SimpleUploadedFile("清单.csv", data(GOOD, GOOD).export("csv").encode())
    job = ImportJob.objects.create(user=operator, organisation=township, file=upload)
    assert commitment_import_task.apply(args=[job.pk]).get() == 2
    job.refresh_from_db()
    assert job.status == "done" and job.percent == 100


@pytest.mark.parametrize("payload", PAYLOADS)
def test_fast_path_refuses_a_formula_in_a_text_column_and_writes_nothing(
    operator, township, payload
):
    created, problems = commitments_import(dataset=data(GOOD, [payload, *GOOD[1:]]), by=operator)

    assert created == 0 and Commitment.objects.count() == 0
    assert not Event.objects.filter(type="commitment.imported").exists()
    assert [(p.line, p.messages) for p in problems] == [
        (3, ["第3行「承诺事项」以 = + - @ 等字符开头，可能是公式，已拒绝"])
    ]


def test_the_import_task_reports_the_formula_row(operator, township, settings, tmp_path):
    from commitments.tasks import commitment_import_task

    settings.MEDIA_ROOT = str(tmp_path)
    bad = [*GOOD[:2], '=HYPERLINK("http://x","y")', *GOOD[3:]]
    upload = SimpleUploadedFile("清单.csv", data(GOOD, bad).export("csv").encode())
    job = ImportJob.objects.create(user=operator, organisation=township, file=upload)

    commitment_import_task.apply(args=[job.pk])

    job.refresh_from_db()
    assert job.status == "failed" and Commitment.objects.count() == 0
    assert job.problems == [
        {"line": 3, "messages": ["第3行「承诺内容」以 = + - @ 等字符开头，可能是公式，已拒绝"]}
    ]


def test_a_large_import_deletes_its_file_when_the_job_ends(
    client, operator, township, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path)
    client.force_login(operator)
    upload = SimpleUploadedFile("清单.csv", data(GOOD).export("csv").encode("utf-8"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("commitments_admin_large_import"), {"import_file": upload})
    job = ImportJob.objects.get()
    assert job.status == "done" and not job.file
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_a_large_import_over_the_row_limit_fails_with_a_chinese_message(
    operator, township, settings, tmp_path
):
    from commitments.tasks import commitment_import_task

    settings.PRIVATE_MEDIA_ROOT = str(tmp_path)
    settings.IMPORT_MAX_ROWS = 1
    upload = SimpleUploadedFile("清单.csv", data(GOOD, GOOD).export("csv").encode())
    job = ImportJob.objects.create(user=operator, organisation=township, file=upload)
    commitment_import_task.apply(args=[job.pk])
    job.refresh_from_db()
    assert job.status == "failed" and "一次最多导入 1 行" in job.problems[0]["messages"][0]
    assert not Commitment.objects.exists() and not job.file


def test_a_large_import_refuses_a_file_whose_bytes_are_not_its_type(
    client, operator, township, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path)
    client.force_login(operator)
    fake = SimpleUploadedFile("清单.xlsx", b"%PDF-1.4 not a workbook")
    response = client.post(
        reverse("commitments_admin_large_import"), {"import_file": fake}, follow=True
    )
    assert "内容与扩展名不符" in response.content.decode()
    assert not ImportJob.objects.exists()
