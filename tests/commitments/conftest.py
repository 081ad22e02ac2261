"""Fixtures shared by the commitments tests (石桥镇 and 白沙镇 come from tests/conftest.py)."""

import datetime

import pytest

from commitments import services
from tests.commitments.factories import CommitmentFactory, PublishedCommitmentFactory
from tests.factories import LeaderFactory


@pytest.fixture
def leader(township):
    return LeaderFactory(username="shiqiao_leader", organisation=township)


@pytest.fixture
def other_leader(other_township):
    return LeaderFactory(username="baisha_leader", organisation=other_township)


@pytest.fixture
def published(township):
    return PublishedCommitmentFactory(organisation=township, title="村道硬化")


@pytest.fixture
def draft(township):
    return CommitmentFactory(organisation=township, title="新建卫生室")


@pytest.fixture
def submitted(draft, operator):
    return services.commitment_submit(commitment=draft, by=operator)


@pytest.fixture
def pending_request(submitted, operator, leader):
    services.commitment_publish(commitment=submitted, by=leader)
    return services.change_request_create(
        commitment=submitted,
        by=operator,
        justification="受汛期影响",
        new_deadline=submitted.deadline + datetime.timedelta(days=30),
    )
