import datetime

import pytest

from django.urls import reverse

from commitments.models import ChangeRequest, Commitment
from tests.commitments.factories import CommitmentFactory, PublishedCommitmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(township):
    return CommitmentFactory(organisation=township, title="本镇草稿承诺")


@pytest.fixture
def theirs(other_township):
    return CommitmentFactory(organisation=other_township, title="他镇草稿承诺")


def test_list_shows_only_the_own_township(client, operator, mine, theirs):
    client.force_login(operator)
    response = client.get(reverse("commitments_commitment:index"))
    assert response.status_code == 200
    assert "本镇草稿承诺" in response.text and "他镇草稿承诺" not in response.text


def test_another_townships_draft_cannot_be_opened_or_changed(client, operator, theirs):
    client.force_login(operator)
    for name in ("inspect", "edit"):
        url = reverse(f"commitments_commitment:{name}", args=[theirs.pk])
        response = client.get(url)
        assert response.status_code != 200 and "他镇草稿承诺" not in response.text
    url = reverse("commitments_admin_action", args=[theirs.pk, "submit"])
    assert client.post(url).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Commitment.Status.DRAFT


def test_export_omits_another_townships_drafts(client, operator, mine, theirs):
    client.force_login(operator)
    response = client.get(reverse("commitments_commitment:export") + "?format=csv")
    text = response.content.decode("utf-8-sig")
    assert "本镇草稿承诺" in text and "他镇草稿承诺" not in text


def test_anonymous_visitor_is_sent_to_login(client, mine):
    urls = [
        reverse("commitments_commitment:index"),
        reverse("commitments_admin_todo"),
        reverse("commitments_commitment:inspect", args=[mine.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302
    assert client.post(
        reverse("commitments_admin_action", args=[mine.pk, "submit"])
    ).status_code in (302, 403, 404)
    mine.refresh_from_db()
    assert mine.status == Commitment.Status.DRAFT


def test_inspect_shows_the_timeline(client, operator, mine):
    client.force_login(operator)
    client.post(reverse("commitments_admin_action", args=[mine.pk, "submit"]))
    response = client.get(reverse("commitments_commitment:inspect", args=[mine.pk]))
    assert "提交审核" in response.text and "commitment.submitted" not in response.text


def test_leader_publishes_a_submission_and_approves_a_change(client, operator, leader, mine):
    client.force_login(operator)
    client.post(reverse("commitments_admin_action", args=[mine.pk, "submit"]))
    client.post(reverse("commitments_admin_action", args=[mine.pk, "publish"]))
    mine.refresh_from_db()
    assert mine.status == Commitment.Status.SUBMITTED  # the operator may not publish
    client.force_login(leader)
    client.post(reverse("commitments_admin_action", args=[mine.pk, "publish"]))
    client.force_login(operator)
    client.post(
        reverse("commitments_admin_change_request", args=[mine.pk]),
        {"new_deadline": "2026-12-31", "justification": "资金未到位"},
    )
    request = ChangeRequest.objects.get()
    client.force_login(leader)
    page = client.get(reverse("commitments_commitment:inspect", args=[mine.pk]))
    assert reverse("commitments_admin_decide", args=[request.pk, "approve"]) in page.text
    client.post(reverse("commitments_admin_decide", args=[request.pk, "approve"]))
    mine.refresh_from_db()
    assert mine.status == Commitment.Status.PUBLISHED
    assert mine.deadline == datetime.date(2026, 12, 31) and mine.change_count == 1


def test_todo_lists_overdue_and_submitted(client, operator, township, other_township):
    PublishedCommitmentFactory(
        organisation=township, title="逾期承诺", deadline=datetime.date(2020, 1, 1)
    )
    PublishedCommitmentFactory(
        organisation=other_township, title="他镇逾期", deadline=datetime.date(2020, 1, 1)
    )
    CommitmentFactory(organisation=township, title="待审承诺", status="submitted")
    client.force_login(operator)
    response = client.get(reverse("commitments_admin_todo"))
    assert "逾期承诺" in response.text and "待审承诺" in response.text
    assert "他镇逾期" not in response.text


def test_rule_tables_are_readable_and_only_sysadmins_edit_them(client, operator):
    from commitments.models import DueSoonRule
    from tests.factories import SysadminFactory

    rule = DueSoonRule.objects.first()
    client.force_login(operator)
    assert client.get(reverse("commitments_duesoonrule:index")).status_code == 200
    assert client.get(reverse("commitments_duesoonrule:edit", args=[rule.pk])).status_code != 200
    client.force_login(SysadminFactory(username="sa"))
    assert client.get(reverse("commitments_duesoonrule:edit", args=[rule.pk])).status_code == 200
    client.logout()
    assert client.get(reverse("commitments_duesoonrule:index")).status_code == 302


def test_obligations_import_against_own_commitment_numbers(
    client, operator, township, other_township
):
    import tablib

    from commitments.models import Obligation
    from commitments.resources import ObligationResource
    from integrity.core.importing import run_import

    CommitmentFactory(organisation=township, code="CN-1")
    CommitmentFactory(organisation=other_township, code="CN-2")
    headers = ["承诺编号", "兑现类型", "金额（元）", "应兑现日期"]
    ok = tablib.Dataset(["CN-1", "补贴", "500万元", "2026-12-31"], headers=headers)
    _r, problems = run_import(ObligationResource(user=operator), ok, dry_run=False)
    assert problems == [] and Obligation.objects.get().amount == 5_000_000
    bad = tablib.Dataset(
        ["CN-1", "补贴", "1", "2026-12-31"], ["CN-2", "补贴", "1", "2026-12-31"], headers=headers
    )
    _r, problems = run_import(ObligationResource(user=operator), bad, dry_run=False)
    assert [p.line for p in problems] == [3] and Obligation.objects.count() == 1
    client.force_login(operator)
    response = client.get(reverse("commitments_obligation:export") + "?format=csv")
    assert "CN-1" in response.content.decode("utf-8-sig")


def test_progress_with_evidence_files_starts_a_published_commitment(
    client, operator, township, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from commitments.models import Evidence

    settings.PRIVATE_MEDIA_ROOT = str(tmp_path)
    c = PublishedCommitmentFactory(organisation=township)
    client.force_login(operator)
    client.post(
        reverse("commitments_admin_action", args=[c.pk, "progress"]),
        {
            "note": "主体完工",
            "percent": "80",
            "evidence": [SimpleUploadedFile("验收照片.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")],
        },
    )
    c.refresh_from_db()
    assert c.status == Commitment.Status.IN_PROGRESS
    progress = c.progress_updates.get()
    assert progress.percent == 80 and Evidence.objects.filter(progress=progress).count() == 1
