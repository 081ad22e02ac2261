"""Who may see the reporter of a citizen report (one rule for every surface)."""

import pytest

from django.contrib.auth.models import AnonymousUser

from integrity.records import services
from integrity.records.selectors import can_see_reporter, reporter_contact
from tests.factories import LeaderFactory, SysadminFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(township):
    return services.complaint_submit(
        organisation=township,
        topic="debt",
        title="欠款未还",
        text="工程款拖欠两年",
        anonymous=False,
        reporter_name="李举报",
        reporter_phone="13912345678",
    )


def test_only_the_credit_office_over_the_unit_and_the_sysadmin_see_the_reporter(
    complaint, township, county, operator, credit_officer, other_credit_officer, hr_user
):
    inactive = UserFactory(organisation=county, role="credit_office", is_active=False)
    allowed = {
        "unit operator": (operator, False),
        "unit leader": (LeaderFactory(organisation=township), False),
        "county HR": (hr_user, False),
        "county operator": (UserFactory(organisation=county, role="operator"), False),
        "other county's credit office": (other_credit_officer, False),
        "inactive credit officer": (inactive, False),
        "visitor": (AnonymousUser(), False),
        "county credit office": (credit_officer, True),
        "sysadmin": (SysadminFactory(), True),
    }
    for who, (user, expected) in allowed.items():
        assert can_see_reporter(user, complaint) is expected, who


def test_an_anonymous_report_has_no_reporter_even_for_the_credit_office(township, credit_officer):
    complaint = services.complaint_submit(
        organisation=township,
        topic="debt",
        title="匿名举报",
        text="内容",
        anonymous=True,
        reporter_name="不应保存",
    )
    assert reporter_contact(credit_officer, complaint) is None
    assert complaint.reporter_name == ""
