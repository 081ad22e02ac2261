import datetime

import pytest

from integrity.records import services

D = datetime.date
pytestmark = pytest.mark.django_db


def test_the_public_api_lists_only_published_records_to_anonymous_visitors(client, make_record):
    make_record(title="公示中的记录")
    make_record(status="confirmed", title="未公示的记录")
    body = client.get("/api/v1/records/public/").json()
    titles = [row["title"] for row in body["results"]]
    assert titles == ["公示中的记录"]
    assert body["results"][0]["uscc"]


def test_the_public_api_shows_the_objection_flag(client, make_record):
    record = make_record()
    services.objection_file(record=record, applicant="a", grounds="g")
    row = client.get(f"/api/v1/records/public/{record.pk}/").json()
    assert row["under_objection"] is True


def test_the_public_api_uses_a_fixed_number_of_queries(
    client, make_record, django_assert_max_num_queries
):
    for n in range(4):
        make_record(title=f"r{n}")
    with django_assert_max_num_queries(3):
        client.get("/api/v1/records/public/")


def test_back_office_record_endpoints_refuse_anonymous_visitors(client, make_record):
    make_record()
    for url in (
        "/api/v1/records/records/",
        "/api/v1/records/complaints/",
        "/api/v1/records/officials/",
        "/api/v1/records/credit-checks/",
    ):
        assert client.get(url).status_code in (401, 403)


def test_back_office_records_are_scoped_to_the_users_subtree(
    client, make_record, other_credit_officer, credit_officer
):
    record = make_record(status="draft", title="草稿记录")
    client.force_login(other_credit_officer)
    assert client.get("/api/v1/records/records/").json()["results"] == []
    assert client.get(f"/api/v1/records/records/{record.pk}/").status_code == 404
    client.force_login(credit_officer)
    assert client.get("/api/v1/records/records/").json()["results"][0]["title"] == "草稿记录"


def test_complaints_and_officials_are_scoped(client, township, other_operator, operator, hr_user):
    services.complaint_submit(organisation=township, topic="promise", title="举报甲", text="x")
    services.official_create(
        by=None, organisation=township, name="张三", id_number="350102198001011234"
    )
    client.force_login(other_operator)
    assert client.get("/api/v1/records/complaints/").json()["results"] == []
    client.force_login(operator)
    assert client.get("/api/v1/records/complaints/").json()["results"][0]["title"] == "举报甲"
    client.force_login(hr_user)
    row = client.get("/api/v1/records/officials/").json()["results"][0]
    assert row["id_number"] == "350***********1234"


def test_hr_runs_a_credit_check_through_the_api(client, hr_user, township, make_record):
    official = services.official_create(by=None, organisation=township, name="李四")
    make_record(official=official, title="违规举债")
    client.force_login(hr_user)
    response = client.post(
        "/api/v1/records/credit-checks/", {"official": official.pk, "purpose": "promotion"}
    )
    assert response.status_code == 201
    assert response.json()["result"] == "flagged"
    assert "违规举债" in response.json()["reasons"][0]


def test_a_credit_check_for_another_organisations_official_is_refused(
    client, other_township, township
):
    from tests.factories import UserFactory

    stranger = UserFactory(organisation=other_township, role="hr")
    official = services.official_create(by=None, organisation=township, name="王五")
    client.force_login(stranger)
    response = client.post(
        "/api/v1/records/credit-checks/", {"official": official.pk, "purpose": "promotion"}
    )
    assert response.status_code == 400


def test_the_openapi_schema_describes_the_public_register(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"/api/v1/records/public/" in response.content


def test_the_back_office_record_list_uses_a_fixed_number_of_queries(
    client, make_record, credit_officer, django_assert_max_num_queries
):
    for n in range(4):
        make_record(title=f"r{n}")
    client.force_login(credit_officer)
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/records/records/").status_code == 200
