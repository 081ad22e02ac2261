"""Every error of the JSON API has one documented shape: {"code", "detail", "errors"}.

Each status the API answers with is checked here in that shape, with its Chinese text;
the schema documents the shared ``Error`` component on every operation.
"""

import datetime

import pytest

from commitments import services
from integrity.core.models import Event
from tests.commitments.factories import CommitmentFactory, PublishedCommitmentFactory
from tests.factories import LeaderFactory

pytestmark = pytest.mark.django_db

JSON = "application/json"
COMMITMENTS = "/api/v1/commitments/"


def assert_error(response, status: int, code: str) -> dict:
    """The response is a JSON error of ``status`` in the documented shape; its body."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"code", "detail", "errors"}
    assert body["code"] == code
    return body


@pytest.fixture
def commitment(township):
    return CommitmentFactory(organisation=township, title="新建卫生室")


@pytest.fixture
def change_request(township, operator):
    published = PublishedCommitmentFactory(
        organisation=township, deadline=datetime.date(2026, 6, 30)
    )
    return services.change_request_create(
        commitment=published,
        by=operator,
        justification="汛期无法施工",
        new_deadline=datetime.date(2026, 10, 31),
    )


def test_an_anonymous_call_is_a_401_asking_for_a_token(client):
    response = client.get(COMMITMENTS)
    body = assert_error(response, 401, "not_authenticated")
    assert body == {"code": "not_authenticated", "detail": "身份认证信息未提供。", "errors": {}}
    assert response["WWW-Authenticate"] == "Token"


def test_a_wrong_token_is_a_401(client):
    response = client.get(COMMITMENTS, HTTP_AUTHORIZATION="Token 0123456789abcdef")
    assert_error(response, 401, "authentication_failed")


def test_another_organisations_object_is_a_404(client, other_operator, commitment):
    client.force_login(other_operator)
    body = assert_error(client.get(f"{COMMITMENTS}{commitment.pk}/"), 404, "not_found")
    assert body["detail"] == "未找到。" and body["errors"] == {}


def test_bad_input_is_a_400_with_chinese_messages_per_field(client, operator):
    client.force_login(operator)
    before = Event.objects.count()
    response = client.post(COMMITMENTS, {"title": "x" * 500}, content_type=JSON)
    body = assert_error(response, 400, "invalid")
    assert body["detail"] == "提交的数据有误。"
    assert body["errors"]["organisation"] == ["必需字段"]
    assert body["errors"]["title"] == ["请确保这个字段不能超过 200 个字符。"]
    assert Event.objects.count() == before


def test_a_service_refusal_is_a_400_with_the_services_message(client, operator, commitment):
    client.force_login(operator)
    response = client.post(f"{COMMITMENTS}{commitment.pk}/withdraw/", {"reason": " "})
    body = assert_error(response, 400, "invalid")
    assert body["errors"] == {"non_field_errors": ["请填写理由。"]}


def test_trace_and_unknown_methods_are_a_405(client, operator, commitment):
    client.force_login(operator)
    for url in (COMMITMENTS, f"{COMMITMENTS}{commitment.pk}/", "/api/v1/organisations/"):
        body = assert_error(client.generic("TRACE", url), 405, "method_not_allowed")
        assert body["detail"] == "方法 “TRACE” 不被允许。"
    assert_error(client.generic("PROPFIND", COMMITMENTS), 405, "method_not_allowed")


def test_a_forbidden_action_is_a_403(client, operator, change_request):
    client.force_login(operator)  # may see the request, only the leader decides
    response = client.post(f"/api/v1/change-requests/{change_request.pk}/approve/")
    body = assert_error(response, 403, "permission_denied")
    assert body["detail"] == "只有承诺单位负责人可以审批。"


def test_a_second_decision_is_a_409_and_changes_nothing(client, township, change_request):
    client.force_login(LeaderFactory(organisation=township))
    url = f"/api/v1/change-requests/{change_request.pk}/approve/"
    assert client.post(url, {"note": "同意"}, content_type=JSON).status_code == 200
    events = Event.objects.count()
    response = client.post(f"/api/v1/change-requests/{change_request.pk}/reject/", {"note": "否"})
    body = assert_error(response, 409, "conflict")
    assert body["detail"] == "该变更申请已审批。"
    change_request.refresh_from_db()
    assert change_request.status == "approved" and Event.objects.count() == events


def test_an_unknown_api_url_is_a_json_404(client, operator):
    client.force_login(operator)
    assert_error(client.get("/api/v1/no-such-thing/"), 404, "not_found")
    assert_error(client.post("/api/v1/commitments/1/no-such-action/"), 404, "not_found")


def test_a_malformed_id_is_a_404(client, operator):
    client.force_login(operator)
    assert_error(client.get(f"{COMMITMENTS}false/"), 404, "not_found")
    assert_error(client.post(f"{COMMITMENTS}null,null/submit/"), 404, "not_found")


def test_the_schema_documents_the_error_format_on_every_operation(client, operator):
    client.force_login(operator)
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    error = schema["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"code", "detail", "errors"}
    assert set(error["required"]) == {"code", "detail", "errors"}
    ref = {"$ref": "#/components/schemas/Error"}
    operations = [(method, op) for item in schema["paths"].values() for method, op in item.items()]
    assert len(operations) > 40
    for method, operation in operations:
        expected = {"400", "401", "403", "404"} | ({"409"} if method != "get" else set())
        assert expected <= set(operation["responses"]), operation["operationId"]
        for code in expected:
            assert operation["responses"][code]["content"]["application/json"]["schema"] == ref
