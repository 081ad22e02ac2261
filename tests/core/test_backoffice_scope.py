"""A township operator acts only inside its own subtree, in the back office and the API."""

import pytest

from django.urls import reverse

from integrity.core.models import Event, Organisation
from tests.factories import OperatorFactory, UserFactory


@pytest.fixture
def village(township):
    from tests.factories import OrganisationFactory

    return OrganisationFactory(
        name="石桥村村民委员会", level="village", kind="village_committee", parent=township
    )


@pytest.fixture
def other_user(other_township):
    return UserFactory(username="baisha_leader", organisation=other_township, role="leader")


@pytest.fixture
def client_of(client, operator):
    client.force_login(operator)
    return client


def org_url(name, pk=None):
    args = [pk] if pk is not None else []
    return reverse(f"organisations:{name}", args=args)


class TestOrganisationsInTheBackOffice:
    def test_the_list_shows_only_the_own_subtree(
        self, client_of, township, village, other_township
    ):
        response = client_of.get(org_url("index"))
        assert response.status_code == 200
        listed = {o.pk for o in response.context["object_list"]}
        assert listed == {township.pk, village.pk}

    def test_a_search_does_not_reach_outside(self, client_of, other_township):
        response = client_of.get(org_url("index"), {"q": "白沙"})
        assert other_township.pk not in {o.pk for o in response.context["object_list"]}

    @pytest.mark.parametrize("view", ["edit", "inspect", "history", "delete"])
    def test_another_townships_organisation_cannot_be_opened(self, client_of, other_township, view):
        response = client_of.get(org_url(view, other_township.pk))
        assert response.status_code in (302, 403, 404)
        if response.status_code == 302:
            assert "/admin/" in response["Location"] and "edit" not in response["Location"]

    def test_another_townships_organisation_cannot_be_changed(self, client_of, other_township):
        response = client_of.post(
            org_url("edit", other_township.pk),
            {
                "name": "被篡改",
                "level": "township",
                "kind": "government",
                "parent": other_township.parent_id,
                "uscc": other_township.uscc,
                "sort_order": 0,
            },
        )
        assert response.status_code in (302, 403, 404)
        other_township.refresh_from_db()
        assert other_township.name == "白沙镇"

    def test_the_export_contains_only_the_own_subtree(
        self, client_of, township, village, other_township
    ):
        response = client_of.get(org_url("export"), {"format": "csv"})
        assert response.status_code == 200
        body = response.content.decode("utf-8-sig")
        assert "石桥镇" in body and "石桥村村民委员会" in body
        rows = body.splitlines()[1:]
        assert len(rows) == 2
        assert not any(row.startswith(("白沙镇", "北塘县")) for row in rows)

    def test_an_organisation_cannot_be_created_outside_the_subtree(self, client_of, other_township):
        response = client_of.post(
            org_url("add"),
            {
                "name": "白沙村村民委员会",
                "level": "village",
                "kind": "village_committee",
                "parent": other_township.pk,
                "sort_order": 0,
            },
        )
        assert response.status_code == 200  # form redisplayed with an error
        assert not Organisation.objects.filter(name="白沙村村民委员会").exists()


class TestUsersInTheBackOffice:
    def test_the_user_list_shows_only_the_own_subtree(self, client_of, operator, other_user):
        response = client_of.get(reverse("wagtailusers_users:index"))
        assert response.status_code == 200
        usernames = {u.username for u in response.context["object_list"]}
        assert operator.username in usernames
        assert other_user.username not in usernames

    @pytest.mark.parametrize("view", ["edit", "delete", "history"])
    def test_another_townships_user_cannot_be_opened(self, client_of, other_user, view):
        response = client_of.get(reverse(f"wagtailusers_users:{view}", args=[other_user.pk]))
        assert response.status_code in (302, 403, 404)
        assert response.status_code != 200

    def test_an_operator_cannot_create_users(self, client_of):
        response = client_of.get(reverse("wagtailusers_users:add"))
        assert response.status_code in (302, 403)


class TestOrganisationsThroughTheApi:
    def test_the_list_is_scoped(self, client_of, township, village, other_township):
        response = client_of.get("/api/v1/organisations/")
        assert response.status_code == 200
        ids = {row["id"] for row in response.json()["results"]}
        assert ids == {township.pk, village.pk}

    def test_another_township_is_not_found(self, client_of, other_township):
        assert client_of.get(f"/api/v1/organisations/{other_township.pk}/").status_code == 404
        response = client_of.patch(
            f"/api/v1/organisations/{other_township.pk}/",
            {"name": "x"},
            content_type="application/json",
        )
        assert response.status_code == 404

    def test_creating_under_another_township_is_refused(self, client_of, other_township):
        response = client_of.post(
            "/api/v1/organisations/",
            {
                "name": "白沙村村民委员会",
                "level": "village",
                "kind": "village_committee",
                "parent": other_township.pk,
            },
            content_type="application/json",
        )
        assert response.status_code == 400
        assert "管辖范围" in response.json()["errors"]["parent"][0]

    def test_token_authentication_works_and_is_scoped(self, client, operator, other_township):
        from rest_framework.authtoken.models import Token

        token = Token.objects.create(user=operator)
        auth = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
        assert client.get("/api/v1/organisations/", **auth).status_code == 200
        assert client.get(f"/api/v1/organisations/{other_township.pk}/", **auth).status_code == 404

    def test_an_anonymous_visitor_gets_nothing(self, client, township):
        assert client.get("/api/v1/organisations/").status_code in (401, 403)
        assert client.get(f"/api/v1/organisations/{township.pk}/").status_code in (401, 403)

    def test_the_county_sees_its_townships(self, client, county, township, other_township):
        client.force_login(OperatorFactory(organisation=county))
        ids = {row["id"] for row in client.get("/api/v1/organisations/").json()["results"]}
        assert {county.pk, township.pk, other_township.pk} <= ids

    def test_the_list_uses_a_constant_number_of_queries(
        self, client_of, township, django_assert_max_num_queries
    ):
        from tests.factories import OrganisationFactory

        for n in range(15):
            OrganisationFactory(
                name=f"村{n}", level="village", kind="village_committee", parent=township
            )
        with django_assert_max_num_queries(8):
            client_of.get("/api/v1/organisations/")


def test_the_openapi_schema_and_docs_are_served(client, operator):
    client.force_login(operator)
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/organisations/" in schema.content
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()


def test_an_organisation_change_in_the_back_office_writes_an_event(client, operator, township):
    client.force_login(operator)
    response = client.post(
        reverse("organisations:edit", args=[township.pk]),
        {
            "name": "石桥镇人民政府",
            "short_name": "石桥镇",
            "level": "township",
            "kind": "government",
            "parent": township.parent_id,
            "uscc": township.uscc,
            "sort_order": 0,
            "is_active": "on",
            "address": "北塘县石桥镇人民路1号",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.filter(type="organisation.changed").latest("created_at")
    assert event.actor == operator
    assert event.object_id == str(township.pk)
    assert event.details["changes"]["name"] == ["石桥镇", "石桥镇人民政府"]
    assert event.details["changes"]["address"] == ["", "北塘县石桥镇人民路1号"]
