import datetime

import pytest

from commitments.proposals import services
from commitments.proposals.models import Item, Kind
from integrity.core.models import User
from tests.factories import DepartmentFactory, LeaderFactory, UserFactory

ASSIGNED = datetime.date(2025, 3, 20)


@pytest.fixture
def office(city):
    return UserFactory(username="renda", organisation=city, role=User.Role.PROPOSAL_OFFICE)


@pytest.fixture
def housing(city):
    return DepartmentFactory(name="住房和城乡建设局", parent=city)


@pytest.fixture
def transport(city):
    return DepartmentFactory(name="交通运输局", parent=city)


@pytest.fixture
def housing_operator(housing):
    return UserFactory(username="zj_op", organisation=housing, role=User.Role.OPERATOR)


@pytest.fixture
def housing_leader(housing):
    return LeaderFactory(username="zj_lead", organisation=housing)


@pytest.fixture
def transport_operator(transport):
    return UserFactory(username="jt_op", organisation=transport, role=User.Role.OPERATOR)


@pytest.fixture
def deputy_user(city):
    return UserFactory(username="daibiao", organisation=city, role=User.Role.DEPUTY)


@pytest.fixture
def deputy(city, deputy_user):
    return services.member_create(
        by=None,
        organisation=city,
        kind=Kind.SUGGESTION,
        name="王代表",
        delegation="北塘县代表团",
        phone="13912345678",
        email="wang@example.cn",
        address="澜江市北塘路88号",
        user=deputy_user,
    )


@pytest.fixture
def other_deputy(city):
    return services.member_create(
        by=None, organisation=city, kind=Kind.SUGGESTION, name="李代表", phone="13800001111"
    )


@pytest.fixture
def item(city, office, deputy, other_deputy):
    return services.item_register(
        by=office,
        organisation=city,
        kind=Kind.SUGGESTION,
        year=2025,
        number="101",
        session="市十七届人大四次会议",
        title="关于改善老旧小区停车的建议",
        content="建议增加停车位。",
        lead_author=deputy,
        co_authors=[other_deputy],
        registered_on=datetime.date(2025, 3, 1),
    )


@pytest.fixture
def sole(item, office, housing):
    [assignment] = services.item_assign(
        by=office, item=item, mode=Item.Mode.SOLE, units=[(housing, "")], on=ASSIGNED
    )
    return assignment


def send_reply(assignment, *, by=None, category="A", on=None, promised_on=None, body="答复正文"):
    reply = services.reply_draft(
        by=by,
        assignment=assignment,
        category=category,
        title="关于建议的答复",
        body=body,
        promised_on=promised_on,
    )
    services.reply_submit(by=by, reply=reply)
    return services.reply_approve(
        by=by, reply=reply, on=on or ASSIGNED + datetime.timedelta(days=30)
    )


# --- shared by the stale-decision and race tests -------------------------------------


def _another_item(city, office, number: str, name: str) -> Item:
    author = services.member_create(by=None, organisation=city, kind=Kind.SUGGESTION, name=name)
    return services.item_register(
        by=office,
        organisation=city,
        kind=Kind.SUGGESTION,
        year=2025,
        number=number,
        title="同题建议",
        lead_author=author,
    )


@pytest.fixture
def twin(city, office):
    """A second item on the same subject as ``item`` (to be merged)."""
    return _another_item(city, office, "102", "赵代表")


@pytest.fixture
def third(city, office):
    return _another_item(city, office, "103", "钱代表")
