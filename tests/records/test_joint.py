"""Joint rewards and sanctions: dispatch → implement → feed back, with statistics."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from integrity.core.models import Event, Notice
from integrity.records import joint, services
from integrity.records.backoffice.todo import records_todo_items
from integrity.records.models import DispatchStatus, SanctionDispatch, SanctionMeasure
from tests.factories import DepartmentFactory, OperatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def finance(county):
    return DepartmentFactory(name="北塘县财政局", parent=county)


@pytest.fixture
def hr_dept(county):
    return DepartmentFactory(name="北塘县委组织部", parent=county)


@pytest.fixture
def finance_op(finance):
    return OperatorFactory(username="caizheng", organisation=finance)


@pytest.fixture
def hr_op(hr_dept):
    return OperatorFactory(username="zuzhi", organisation=hr_dept)


def _measure(code="CJ-04"):
    return SanctionMeasure.objects.get(code=code, jurisdiction=None)


def _todo(rf, user):
    request = rf.get("/admin/")
    request.user = user
    return {i["label"]: i for i in records_todo_items(request)}


def test_the_catalogue_is_seeded_with_legal_basis_and_department():
    measure = _measure()
    assert measure.legal_basis and measure.department_name == "财政部门"
    assert measure.valid_from == datetime.date(2016, 12, 30) and measure.valid_to is None


def test_a_dispatch_to_two_departments_shows_in_each_departments_todo_and_counts(
    rf, make_record, credit_officer, finance, hr_dept, finance_op, hr_op
):
    record = make_record(status="published")
    made = joint.dispatch_create(
        by=credit_officer, measure=_measure(), record=record, departments=[finance, hr_dept]
    )
    assert {d.department for d in made} == {finance, hr_dept}
    for user in (finance_op, hr_op):
        item = _todo(rf, user)["待实施和反馈的措施"]
        assert item["count"] == 1 and item["url"] == reverse("records_dispatch_list")
    assert Notice.objects.filter(organisation=finance).exists()

    first, second = sorted(made, key=lambda d: d.department.name == "北塘县委组织部")
    joint.dispatch_confirm(dispatch=first, by=finance_op)
    joint.dispatch_implement(dispatch=first, by=finance_op, implementation="暂停拨付项目资金")
    joint.dispatch_feed_back(dispatch=first, by=finance_op, feedback="已落实，已告知信用办")
    joint.dispatch_implement(dispatch=second, by=hr_op, implementation="取消本年度评优资格")
    stats = joint.dispatch_statistics(SanctionDispatch.objects.all())
    assert (stats["dispatched"], stats["implemented"], stats["fed_back"]) == (2, 2, 1)
    assert "待实施和反馈的措施" not in _todo(rf, finance_op)
    types = set(Event.objects.filter(object_id=str(first.pk)).values_list("type", flat=True))
    assert {"dispatch.created", "dispatch.confirmed", "dispatch.implemented"} <= types


def test_a_department_acts_only_on_its_own_dispatch(make_record, credit_officer, finance, hr_op):
    (dispatch,) = joint.dispatch_create(
        by=credit_officer, measure=_measure(), record=make_record(), departments=[finance]
    )
    with pytest.raises(ValidationError):
        joint.dispatch_confirm(dispatch=dispatch, by=hr_op)
    with pytest.raises(ValidationError):
        joint.dispatch_confirm(dispatch=dispatch, by=credit_officer)
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.DISPATCHED


def test_the_same_open_measure_is_not_dispatched_twice(make_record, credit_officer, finance):
    record = make_record()
    joint.dispatch_create(
        by=credit_officer, measure=_measure(), record=record, departments=[finance]
    )
    with pytest.raises(ValidationError):
        joint.dispatch_create(
            by=credit_officer, measure=_measure(), record=record, departments=[finance]
        )


def test_repair_ends_the_records_dispatches(make_record, credit_officer, finance):
    record = make_record(day=datetime.date(2025, 1, 1))
    (dispatch,) = joint.dispatch_create(
        by=credit_officer, measure=_measure(), record=record, departments=[finance]
    )
    application = services.repair_apply(
        record=record, by=credit_officer, credit_commitment="承诺", performance="已付清"
    )
    services.repair_approve(application=application, by=credit_officer, decision="准予修复")
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.ENDED and dispatch.end_reason == "准予修复"


def test_an_incentive_is_dispatched_for_a_unit(township, credit_officer, finance):
    (dispatch,) = joint.dispatch_create(
        by=credit_officer,
        measure=_measure("JL-01"),
        organisation=township,
        departments=[finance],
    )
    assert (dispatch.record, dispatch.organisation) == (None, township)


def test_screens_dispatch_implement_and_show_statistics(
    client, make_record, credit_officer, finance, hr_dept, finance_op
):
    record = make_record()
    client.force_login(credit_officer)
    url = reverse("records_dispatch_new", args=[record.pk])
    assert _measure().name in client.get(url).content.decode()
    response = client.post(url, {"measure": "", "departments": []})
    assert "必需字段" in response.content.decode()
    assert not SanctionDispatch.objects.exists()
    client.post(url, {"measure": _measure().pk, "departments": [finance.pk, hr_dept.pk]})
    assert SanctionDispatch.objects.count() == 2

    client.force_login(finance_op)
    page = client.get(reverse("records_dispatch_list")).content.decode()
    assert _measure().name in page and "北塘县委组织部" not in page
    dispatch = SanctionDispatch.objects.get(department=finance)
    action = reverse("records_dispatch_action", args=[dispatch.pk, "implement"])
    client.post(action, {"text": "已暂停拨付"})
    action = reverse("records_dispatch_action", args=[dispatch.pk, "feedback"])
    client.post(action, {"text": "已反馈"})
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.FED_BACK

    client.force_login(credit_officer)
    page = client.get(reverse("records_dispatch_list")).content.decode()
    assert 'data-stat="fed_back">1<' in page and 'data-stat="dispatched">2<' in page


def test_another_organisation_and_anonymous_cannot_see_or_act(
    client, make_record, credit_officer, other_credit_officer, other_operator, finance
):
    record = make_record()
    (dispatch,) = joint.dispatch_create(
        by=credit_officer, measure=_measure(), record=record, departments=[finance]
    )
    detail = reverse("records_dispatch_detail", args=[dispatch.pk])
    action = reverse("records_dispatch_action", args=[dispatch.pk, "confirm"])
    new = reverse("records_dispatch_new", args=[record.pk])
    for url in (detail, new, reverse("records_dispatch_list"), reverse("records_incentive_new")):
        assert "/login/" in client.get(url).url
    assert "/login/" in client.post(action).url
    for user in (other_operator, other_credit_officer):
        client.force_login(user)
        assert client.get(detail).status_code == 404
        assert client.post(action).status_code == 404
        assert _measure().name not in client.get(reverse("records_dispatch_list")).content.decode()
    client.force_login(other_credit_officer)
    assert client.get(new).status_code == 404
    client.post(new, {"measure": _measure().pk, "departments": [finance.pk]})
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.DISPATCHED
    assert SanctionDispatch.objects.count() == 1


def test_an_incentive_for_a_unit_of_another_organisation_is_refused(
    client, other_credit_officer, township, finance
):
    client.force_login(other_credit_officer)
    url = reverse("records_incentive_new") + f"?organisation={township.pk}"
    assert client.get(url).status_code == 404
    client.post(
        reverse("records_incentive_new"),
        {"organisation": township.pk, "measure": _measure("JL-01").pk, "departments": [finance.pk]},
    )
    assert not SanctionDispatch.objects.exists()
