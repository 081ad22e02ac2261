"""Issue 16: deputies submit suggestions online with co-signers; the office registers or
returns them; the handling unit confirms receipt (签收)."""

import pytest

from commitments.proposals.events import EventType
from commitments.proposals.models import Item, Kind, Submission
from integrity.core.models import Event, User
from tests.factories import CityFactory, UserFactory

pytestmark = pytest.mark.django_db

MINE = "/admin/proposals/my-submissions/"
OFFICE = "/admin/proposals/submissions/"


def _submit(client, deputy_user, other_deputy, **extra):
    client.force_login(deputy_user)
    data = {"title": "关于增设公交站的建议", "content": "建议在北塘路口增设公交站。"}
    data.update({"co_signers": [other_deputy.pk], **extra})
    return client.post(MINE, data)


def test_a_deputy_submits_with_a_co_signer_and_the_office_registers_it(
    client, deputy, deputy_user, other_deputy, office
):
    assert _submit(client, deputy_user, other_deputy).status_code == 302
    submission = Submission.objects.get()
    assert submission.author == deputy and list(submission.co_signers.all()) == [other_deputy]
    assert "关于增设公交站的建议" in client.get(MINE).content.decode()

    client.force_login(office)
    assert "关于增设公交站的建议" in client.get(OFFICE).content.decode()
    response = client.post(f"{OFFICE}{submission.pk}/register/", {"number": "205"})
    assert response.status_code == 302
    item = Item.objects.get(number="205")
    assert item.lead_author == deputy and list(item.co_authors.all()) == [other_deputy]
    assert item.kind == Kind.SUGGESTION and item.title == "关于增设公交站的建议"
    submission.refresh_from_db()
    assert submission.status == "registered" and submission.item == item
    assert Event.objects.filter(type=EventType.SUBMISSION_REGISTERED).count() == 1

    client.force_login(deputy_user)
    assert "205" in client.get("/admin/proposals/my-items/").content.decode()


def test_the_office_returns_with_a_reason_and_without_one_nothing_changes(
    client, deputy, deputy_user, other_deputy, office
):
    _submit(client, deputy_user, other_deputy)
    submission = Submission.objects.get()
    client.force_login(office)
    response = client.post(f"{OFFICE}{submission.pk}/return/", {"reason": ""})
    assert response.status_code == 200 and "未保存任何内容" in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == "submitted"
    client.post(
        f"{OFFICE}{submission.pk}/return/", {"reason": "属于信访事项，请通过信访渠道反映。"}
    )
    submission.refresh_from_db()
    assert submission.status == "returned" and not Item.objects.exists()
    returned = Event.objects.filter(type=EventType.SUBMISSION_RETURNED).get()
    assert returned.reason.startswith("属于信访")


def test_an_empty_submission_is_refused_in_chinese_and_writes_nothing(
    client, deputy, deputy_user, other_deputy
):
    response = _submit(client, deputy_user, other_deputy, title="", content="")
    assert response.status_code == 200
    assert "未保存任何内容" in response.content.decode()
    assert not Submission.objects.exists()


def test_a_co_signer_of_another_congress_is_refused(client, deputy, deputy_user):
    from commitments.proposals import services

    elsewhere = services.member_create(
        by=None, organisation=CityFactory(), kind=Kind.SUGGESTION, name="外地代表"
    )
    response = _submit(client, deputy_user, elsewhere)
    assert response.status_code == 200
    assert not Submission.objects.exists()


def test_others_cannot_see_or_decide_submissions(
    client, deputy, deputy_user, other_deputy, office, housing_operator
):
    _submit(client, deputy_user, other_deputy)
    submission = Submission.objects.get()
    client.logout()
    assert client.get(MINE).status_code == 302
    assert client.post(f"{OFFICE}{submission.pk}/register/", {"number": "1"}).status_code == 302
    client.force_login(housing_operator)
    assert client.get(MINE).status_code == 403
    assert client.get(OFFICE).status_code == 403
    assert client.post(f"{OFFICE}{submission.pk}/register/", {"number": "1"}).status_code == 403
    other_office = UserFactory(organisation=CityFactory(), role=User.Role.PROPOSAL_OFFICE)
    client.force_login(other_office)
    assert "关于增设公交站的建议" not in client.get(OFFICE).content.decode()
    assert client.post(f"{OFFICE}{submission.pk}/register/", {"number": "1"}).status_code == 404
    assert not Item.objects.filter(number="1").exists()


def test_the_handling_unit_confirms_receipt_once(
    client, sole, housing_operator, transport_operator
):
    url = f"/admin/proposals/assignments/{sole.pk}/receive/"
    client.force_login(transport_operator)
    assert client.post(url).status_code == 404
    client.force_login(housing_operator)
    html = client.get("/admin/proposals/my-assignments/").content.decode()
    assert url in html
    assert client.post(url).status_code == 302
    sole.refresh_from_db()
    assert sole.received_at is not None and sole.received_by == housing_operator
    assert client.post(url).status_code == 200  # second time: refused, nothing written
    assert Event.objects.filter(type=EventType.ASSIGNMENT_RECEIVED).count() == 1


def test_the_office_home_page_lists_submissions_to_register_and_the_unit_receipts(
    client, deputy, deputy_user, other_deputy, office, sole, housing_operator
):
    _submit(client, deputy_user, other_deputy)
    client.force_login(office)
    html = client.get("/admin/").content.decode()
    assert "待登记或退回的网上建议提案" in html and OFFICE in html
    client.force_login(housing_operator)
    html = client.get("/admin/").content.decode()
    assert "待签收的交办件" in html
