"""The assessment's to-do items on the back-office home."""

import datetime

import pytest

from django.test import RequestFactory

from assessment import services
from assessment.todo import todo_items

pytestmark = pytest.mark.django_db


def items_for(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return todo_items(request)


def test_a_unit_is_reminded_of_its_self_assessment(campaign, county_operator):
    (item,) = items_for(county_operator)
    assert item["group"] == "年度考核" and "2026年1月19日" in item["label"]
    assert item["url"].startswith("/admin/assessment/units/")


def test_the_office_is_told_of_objections_to_answer(
    provisional_campaign, assessor, county, county_operator
):
    unit = provisional_campaign.units.get(organisation=county)
    services.objection_submit(
        unit=unit, by=county_operator, text="扣分有误", on=datetime.date(2026, 3, 3)
    )
    labels = {i["label"]: i for i in items_for(assessor)}
    assert labels["待答复的异议"]["count"] == 1
    assert labels["待答复的异议"]["level"] == "danger"


def test_another_unit_gets_nothing_of_ours(campaign, other_county_operator, county_operator):
    mine = items_for(county_operator)
    theirs = items_for(other_county_operator)
    assert {i["url"] for i in mine}.isdisjoint({i["url"] for i in theirs})


def test_anonymous_gets_nothing(campaign):
    from django.contrib.auth.models import AnonymousUser

    assert items_for(AnonymousUser()) == []


def test_the_office_sees_who_has_not_submitted_and_the_deadline(campaign, assessor):
    (item,) = [i for i in items_for(assessor) if "尚未提交" in i["label"]]
    assert item["count"] == campaign.units.count() and "2026年1月19日" in item["label"]
    assert item["level"] == "danger"  # the deadline has passed
