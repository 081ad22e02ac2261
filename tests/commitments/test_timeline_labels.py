"""Timelines name what happened in Chinese, never by the internal event code."""

import datetime

import pytest

from django.urls import reverse

from commitments import services
from commitments.models import Commitment
from tests.factories import LeaderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(operator, township):
    commitment = services.commitment_create(
        by=operator,
        organisation=township,
        kind=Commitment.Kind.LIVELIHOOD,
        title="新建村级卫生室",
        target="3个",
        deadline=datetime.date(2026, 9, 30),
    )
    services.commitment_submit(commitment=commitment, by=operator)
    leader = LeaderFactory(username="shiqiao_leader", organisation=township)
    return services.commitment_publish(commitment=commitment, by=leader)


def test_the_public_detail_names_the_publication_in_chinese(client, published):
    text = client.get(reverse("commitments:detail", args=[published.pk])).text
    assert "公开发布" in text
    assert "commitment.published" not in text


def test_the_back_office_timeline_names_each_step_in_chinese(client, operator, published):
    client.force_login(operator)
    text = client.get(reverse("commitments_commitment:inspect", args=[published.pk])).text
    for label in ("新建登记", "提交审核", "公开发布"):
        assert label in text
    for code in ("commitment.created", "commitment.submitted", "commitment.published"):
        assert code not in text
