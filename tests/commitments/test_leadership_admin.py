"""Back office: recording a change of leadership (换届/领导调整) for a unit."""

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from commitments import services
from commitments.models import Commitment
from integrity.core.models import Event, User
from tests.commitments.factories import CommitmentFactory, PublishedCommitmentFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("commitments_admin_leadership_change")
FLAGGED = "commitment.leadership_changed"


@pytest.fixture
def rows(township, other_township):
    """Two open commitments and a draft of 石桥镇, one open commitment of 白沙镇."""
    return {
        "published": PublishedCommitmentFactory(organisation=township, title="公开承诺"),
        "in_progress": PublishedCommitmentFactory(
            organisation=township, title="推进中承诺", status=Commitment.Status.IN_PROGRESS
        ),
        "draft": CommitmentFactory(organisation=township, title="草稿承诺"),
        "theirs": PublishedCommitmentFactory(organisation=other_township, title="他镇承诺"),
    }


def flagged_titles() -> set[str]:
    return set(Commitment.objects.filter(leadership_changed=True).values_list("title", flat=True))


def test_leader_flags_the_open_commitments_of_the_unit_with_one_event_each(
    client, leader, township, rows
):
    client.force_login(leader)
    response = client.post(
        URL, {"organisation": township.pk, "reason": "换届，新班子到任"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("commitments_commitment:index")
    assert "石桥镇：已将 2 项未办结的承诺标记为“领导调整后继承”。" in response.text
    assert flagged_titles() == {"公开承诺", "推进中承诺"}
    events = Event.objects.filter(type=FLAGGED)
    assert sorted(e.object_id for e in events) == sorted(
        str(rows[name].pk) for name in ("published", "in_progress")
    )
    assert {(e.actor_id, e.reason) for e in events} == {(leader.pk, "换届，新班子到任")}


def test_a_system_administrator_of_the_county_flags_a_township_below(
    client, county, township, rows
):
    admin = UserFactory(username="county_admin", role=User.Role.SYSADMIN, organisation=county)
    client.force_login(admin)
    client.post(URL, {"organisation": township.pk, "reason": "镇党委书记调整"})
    assert flagged_titles() == {"公开承诺", "推进中承诺"}


def test_the_form_offers_only_organisations_in_the_users_scope(client, leader, rows):
    client.force_login(leader)
    response = client.get(URL)
    assert response.status_code == 200
    assert "石桥镇" in response.text and "白沙镇" not in response.text


def test_missing_reason_writes_nothing_and_asks_for_one_in_chinese(client, leader, township, rows):
    client.force_login(leader)
    for reason in ("", "   "):
        response = client.post(URL, {"organisation": township.pk, "reason": reason})
        assert response.status_code == 200
        assert "请填写理由。" in response.text
    assert flagged_titles() == set()
    assert not Event.objects.filter(type=FLAGGED).exists()


def test_a_leader_of_another_township_cannot_flag_ours(client, other_leader, township, rows):
    client.force_login(other_leader)
    response = client.post(URL, {"organisation": township.pk, "reason": "越权"})
    assert response.status_code == 404
    assert flagged_titles() == set()
    assert not Event.objects.filter(type=FLAGGED).exists()


@pytest.mark.parametrize("role", [User.Role.OPERATOR, User.Role.CREDIT_OFFICE])
def test_operators_and_offices_that_do_not_write_commitments_may_not(
    client, role, county, township, rows
):
    user = UserFactory(username=f"u_{role}", role=role, organisation=county)
    client.force_login(user)
    # Wagtail answers a refusal by sending the user back to the dashboard with a message.
    home = reverse("wagtailadmin_home")
    for response in (
        client.get(URL),
        client.post(URL, {"organisation": township.pk, "reason": "换届"}),
    ):
        assert (response.status_code, response["Location"]) == (302, home)
    index = client.get(reverse("commitments_commitment:index"))
    assert index.status_code == 200 and URL not in index.text
    assert flagged_titles() == set()


def test_the_commitment_list_offers_the_action_to_a_leader(client, leader, rows):
    client.force_login(leader)
    response = client.get(reverse("commitments_commitment:index"))
    assert URL in response.text and "登记换届/领导调整" in response.text


def test_anonymous_visitor_is_sent_to_login_and_nothing_changes(client, township, rows):
    for response in (
        client.get(URL),
        client.post(URL, {"organisation": township.pk, "reason": "换届"}),
    ):
        assert response.status_code == 302 and "login" in response["Location"]
    assert flagged_titles() == set()


def test_the_service_refuses_an_operator_and_a_blank_reason(operator, leader, township, rows):
    with pytest.raises(PermissionDenied):
        services.commitments_flag_leadership_change(
            organisation=township, by=operator, reason="换届"
        )
    with pytest.raises(ValidationError, match="请填写理由"):
        services.commitments_flag_leadership_change(organisation=township, by=leader, reason=" ")
    assert flagged_titles() == set()


def test_the_detail_page_says_inherited_after_a_leadership_change(client, leader, rows):
    client.force_login(leader)
    inherited = rows["published"]
    page = client.get(reverse("commitments_commitment:inspect", args=[inherited.pk]))
    assert "领导调整后继承" not in page.text
    Commitment.objects.filter(pk=inherited.pk).update(leadership_changed=True)
    page = client.get(reverse("commitments_commitment:inspect", args=[inherited.pk]))
    assert "领导调整后继承" in page.text
