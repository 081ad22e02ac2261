"""Fixtures shared by the commitments tests (石桥镇 and 白沙镇 come from tests/conftest.py)."""

import pytest

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
