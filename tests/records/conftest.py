import datetime

import pytest

from integrity.records import services
from integrity.records.models import Severity, SourceType
from tests.factories import UserFactory


@pytest.fixture
def credit_officer(county):
    return UserFactory(username="xinyong_t", organisation=county, role="credit_office")


@pytest.fixture
def other_credit_officer(city):
    from tests.factories import CountyFactory

    other = CountyFactory(name="南湖县", parent=city)
    return UserFactory(username="xinyong_other", organisation=other, role="credit_office")


@pytest.fixture
def hr_user(county):
    return UserFactory(username="renshi_t", organisation=county, role="hr")


@pytest.fixture
def make_record(credit_officer, township):
    def make(status="published", severity=Severity.GENERAL, day=None, official=None, **kw):
        day = day or datetime.date.today() - datetime.timedelta(days=10)
        record = services.record_create(
            by=credit_officer,
            organisation=kw.pop("organisation", township),
            title=kw.pop("title", "拖欠工程款未支付"),
            source=kw.pop("source", SourceType.ARREARS),
            severity=severity,
            determination_date=day,
            official=official,
            legal_basis="《保障中小企业款项支付条例》第八条",
            decision_number="北信认〔2026〕1号",
            deciding_body="北塘县信用办",
            **kw,
        )
        steps = ["confirmed", "notified", "published"]
        actions = [services.record_confirm, services.record_notify, services.record_publish]
        for step, action in zip(steps, actions, strict=True):
            if status == "draft":
                break
            action(record=record, by=credit_officer)
            if step == status:
                break
        return record

    return make


# --- shared by the stale-decision and race tests -------------------------------------


@pytest.fixture
def pending_objection(make_record):
    record = make_record()
    return services.objection_file(record=record, applicant="石桥镇", grounds="金额有误")


@pytest.fixture
def repair_application(make_record, credit_officer):
    record = make_record(day=datetime.date(2025, 1, 1))
    return services.repair_apply(
        record=record, by=credit_officer, credit_commitment="承诺", performance="已付清"
    )


@pytest.fixture
def answered_complaint(township, operator):
    complaint = services.complaint_submit(
        organisation=township, topic="promise", title="路灯未装", text="原文"
    )
    services.complaint_route(complaint=complaint, by=operator)
    return services.complaint_answer(complaint=complaint, by=operator, answer="已核查")
