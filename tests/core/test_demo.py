from io import StringIO

import pytest

from django.core.management import call_command

from integrity.core.models import Organisation, User
from integrity.core.uscc import is_valid_uscc


@pytest.mark.django_db
def test_the_demo_city_has_the_promised_shape():
    call_command("load_demo", stdout=StringIO())
    orgs = Organisation.objects.all()
    assert orgs.filter(level="county", kind="government").count() == 4
    assert 28 <= orgs.filter(level="township").count() <= 32
    assert 38 <= orgs.filter(kind="department").count() <= 45
    villages = orgs.filter(level="village")
    assert villages.values("parent").distinct().count() == 2
    assert all(is_valid_uscc(code) for code in orgs.values_list("uscc", flat=True))
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == set(User.Role.values)


@pytest.mark.django_db
def test_loading_the_demo_twice_does_not_duplicate():
    call_command("load_demo", stdout=StringIO())
    count = Organisation.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert Organisation.objects.count() == count


@pytest.mark.django_db
def test_every_demo_workflow_has_the_people_who_finish_it():
    from wagtail.models import GroupApprovalTask

    call_command("load_demo", stdout=StringIO())
    operators = User.objects.filter(role="operator", is_active=True)
    for unit in {user.organisation for user in operators}:
        assert User.objects.filter(organisation=unit, role="leader", is_active=True).exists(), unit
    for task in GroupApprovalTask.objects.filter(active=True):
        for group in task.groups.all():
            assert group.user_set.filter(is_active=True).exists(), group.name
    # must-hold 2 on the demo itself: the clerk and the leader of 石桥镇 have work waiting
    assert {"逾期承诺", "即将到期的承诺", "待答复的投诉举报"} <= set(todo_of("jingban"))
    assert todo_of("lingdao")["待我审批的承诺"] >= 1


def todo_of(username: str) -> dict[str, int]:
    from django.test import RequestFactory

    from integrity.core.dashboard import todo_items

    request = RequestFactory().get("/admin/")
    request.user = User.objects.get(username=username)
    return {item["label"]: item["count"] for item in todo_items(request)}
