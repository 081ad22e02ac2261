"""The whole OpenAPI schema builds without a single drf-spectacular warning or error (the
``drf_spectacular.W001`` system check is not silenced), and shared choice sets have one
component name each."""

import re

from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator


def test_the_schema_has_no_generator_warning_and_named_enums():
    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        schema = SchemaGenerator().get_schema(request=None, public=True)
    warnings = list(GENERATOR_STATS._warn_cache)
    errors = list(GENERATOR_STATS._error_cache)
    GENERATOR_STATS.reset()
    assert warnings == [] and errors == []
    components = schema["components"]["schemas"]
    for name in ("CommitmentKindEnum", "CommitmentStatusEnum", "ProposalKindEnum"):
        assert name in components
    # drf-spectacular resolves a collision with a hash suffix such as "StatusA70Enum"
    hashed = [n for n in components if re.search(r"[0-9A-Fa-f]*\d[0-9A-Fa-f]*Enum$", n[-7:])]
    assert hashed == []


def test_a_visitor_sees_the_public_endpoints_only_and_a_user_also_theirs(client, operator):
    anonymous = client.get("/api/v1/schema/", {"format": "json"}).json()["paths"]
    assert "/api/v1/records/public/" in anonymous
    assert "/api/v1/organisations/" not in anonymous
    assert not [path for path in anonymous if "change-requests" in path]
    assert client.get("/api/v1/docs/").status_code == 200
    client.force_login(operator)
    signed_in = client.get("/api/v1/schema/", {"format": "json"}).json()["paths"]
    assert "/api/v1/organisations/" in signed_in and "/api/v1/records/public/" in signed_in


def test_single_object_answers_are_documented_as_objects_and_nullable_links_as_nullable():
    """What schemathesis found: the working-day calculator answers one object (its action is
    called ``list`` by the router), and a contract without a complaint answers ``null``."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    answer = schema["paths"]["/api/v1/workdays/"]["get"]["responses"]["200"]["content"]
    assert answer["application/json"]["schema"] == {"$ref": "#/components/schemas/WorkdayResult"}
    complaint = schema["components"]["schemas"]["SMEContractDetail"]["properties"]["complaint"]
    assert complaint.get("nullable") is True
