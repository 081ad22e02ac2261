"""The OpenAPI schema of the proposals endpoints: named components, no generator warnings."""

import pytest

from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator

REPLIES = "/api/v1/proposal-my-replies/{id}"
ASSIGNMENTS = "/api/v1/proposal-assignments/{id}"
PROPOSAL_VIEWS = ("ReplyViewSet", "AssignmentViewSet", "ItemViewSet", "PublishedReplyViewSet")


@pytest.fixture(scope="module")
def schema_and_warnings():
    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        schema = SchemaGenerator().get_schema(request=None, public=True)
    warnings = list(GENERATOR_STATS._warn_cache)
    GENERATOR_STATS.reset()
    return schema, warnings


def ref(operation: dict, status: str = "200") -> str:
    return operation["responses"][status]["content"]["application/json"]["schema"]["$ref"]


def test_the_proposals_endpoints_raise_no_schema_warning(schema_and_warnings):
    _schema, warnings = schema_and_warnings
    ours = [w for w in warnings if any(view in w for view in PROPOSAL_VIEWS)]
    assert ours == []
    assert not [w for w in warnings if 'Component name ""' in w or '"publication"' in w]


def test_reply_actions_take_their_input_and_answer_with_the_reply(schema_and_warnings):
    paths = schema_and_warnings[0]["paths"]
    approve = paths[f"{REPLIES}/approve/"]["post"]
    assert "requestBody" not in approve and ref(approve) == "#/components/schemas/Reply"
    for name, body in (("publish", "ProposalPublishInput"), ("rate", "ProposalRateInput")):
        operation = paths[f"{REPLIES}/{name}/"]["post"]
        request = operation["requestBody"]["content"]["application/json"]["schema"]
        assert request["$ref"] == f"#/components/schemas/{body}"
        assert ref(operation) == "#/components/schemas/Reply"


def test_assignment_actions_answer_201_with_the_created_id(schema_and_warnings):
    paths = schema_and_warnings[0]["paths"]
    for name in ("reply", "opinion", "extend", "return", "decide_extension", "decide_return"):
        operation = paths[f"{ASSIGNMENTS}/{name}/"]["post"]
        assert ref(operation, "201") == "#/components/schemas/ProposalCreated"


def test_publication_choices_share_one_enum_and_followups_are_typed(schema_and_warnings):
    components = schema_and_warnings[0]["components"]["schemas"]
    publish = components["ProposalPublishInput"]["properties"]["publication"]
    reply = components["Reply"]["properties"]["publication"]
    assert publish["$ref"] == "#/components/schemas/PublicationEnum"
    assert {"$ref": "#/components/schemas/PublicationEnum"} in reply["oneOf"]
    followups = components["Item"]["properties"]["followups"]
    assert followups["items"]["$ref"] == "#/components/schemas/ProposalFollowup"
