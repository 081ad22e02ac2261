"""The one action pattern (integrity/core/actions.py): back-office view and API helper.

A small action on an organisation stands for every action: it edits the address through
the core service (an event row), needs ``core.change_organisation`` and validates its
input with a form; a second one is refused by its service unless a leader calls it.
"""

import pytest

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from rest_framework.decorators import action
from rest_framework.test import APIRequestFactory, force_authenticate

from commitments.models import Commitment
from integrity.core import services
from integrity.core.actions import ObjectAction, ObjectActionAPIMixin, ObjectActionView
from integrity.core.api import OrganisationViewSet
from integrity.core.models import Event, Organisation, User
from integrity.core.services import EventType
from tests.commitments.factories import CommitmentFactory
from tests.factories import LeaderFactory, UserFactory

pytestmark = pytest.mark.django_db


class AddressForm(forms.Form):
    address = forms.CharField(label="地址", error_messages={"required": "请填写地址。"})


def _set_address(org, user, data):
    return services.organisation_update(organisation=org, by=user, data=data)


def _leaders_only(org, user, data):
    _set_address(org, user, data)  # written first: the refusal must roll it back
    if user.role != User.Role.LEADER:
        raise PermissionDenied("只有单位负责人可以修改地址。")
    return org


def _always_invalid(org, user, data):
    _set_address(org, user, data)
    raise ValidationError("该单位已撤销，不能修改。")


def _action(name, service):
    return ObjectAction[Organisation](
        name=name,
        service=service,
        form=AddressForm,
        permission="core.change_organisation",
        success="地址已保存。",
    )


ACTIONS = {
    a.name: a
    for a in (
        _action("address", _set_address),
        _action("leaders", _leaders_only),
        _action("invalid", _always_invalid),
    )
}


class AddressView(ObjectActionView):
    model, actions, url_name = Organisation, ACTIONS, "wagtailadmin_home"

    def get_success_url(self, obj) -> str:
        return f"/admin/organisations/{obj.pk}/"


def post(user, org, action, data=None, **extra):
    request = RequestFactory().post("/x/", data or {}, **extra)
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    response = AddressView.as_view()(request, pk=org.pk, action=action)
    return response, [str(m) for m in get_messages(request)]


def address_events(org):
    return Event.objects.for_object(org).filter(type=EventType.ORG_CHANGED)


def test_success_writes_through_the_service_and_says_so(operator, township):
    response, texts = post(operator, township, "address", {"address": "石桥镇人民路1号"})
    assert (response.status_code, response.url) == (302, f"/admin/organisations/{township.pk}/")
    assert texts == ["地址已保存。"]
    township.refresh_from_db()
    assert township.address == "石桥镇人民路1号"
    assert address_events(township).get().actor == operator


def test_a_safe_next_wins_and_a_foreign_one_is_ignored(operator, township):
    response, _ = post(operator, township, "address", {"address": "a", "next": "/admin/todo/"})
    assert response.url == "/admin/todo/"
    response, _ = post(
        operator, township, "address", {"address": "b", "next": "https://evil.example/"}
    )
    assert response.url == f"/admin/organisations/{township.pk}/"


def test_an_object_of_another_organisation_is_not_found(other_operator, township):
    with pytest.raises(Http404):
        post(other_operator, township, "address", {"address": "x"})
    assert not address_events(township).exists()


def test_an_unknown_action_is_not_found(operator, township):
    with pytest.raises(Http404):
        post(operator, township, "nonsense", {"address": "x"})


def test_an_anonymous_visitor_is_sent_to_the_login_page(township):
    response, _ = post(AnonymousUser(), township, "address", {"address": "x"})
    assert response.status_code == 302 and "login" in response.url
    assert not address_events(township).exists()


def test_a_role_without_the_permission_is_refused(township):
    deputy = UserFactory(role=User.Role.DEPUTY, organisation=township)
    with pytest.raises(PermissionDenied):
        post(deputy, township, "address", {"address": "x"})
    assert not address_events(township).exists()


def test_bad_input_is_refused_in_chinese_and_writes_nothing(operator, township):
    response, texts = post(operator, township, "address", {"address": " "})
    assert response.url == f"/admin/organisations/{township.pk}/"
    assert texts == ["地址：请填写地址。"]
    assert not address_events(township).exists()


def test_a_refusal_by_the_service_rolls_back_and_says_why(operator, township):
    _, texts = post(operator, township, "leaders", {"address": "改后地址"})
    assert texts == ["只有单位负责人可以修改地址。"]
    _, texts = post(operator, township, "invalid", {"address": "改后地址"})
    assert texts == ["该单位已撤销，不能修改。"]
    township.refresh_from_db()
    assert township.address != "改后地址" and not address_events(township).exists()
    leader = LeaderFactory(organisation=township)
    _, texts = post(leader, township, "leaders", {"address": "改后地址"})
    assert texts == ["地址已保存。"] and address_events(township).count() == 1


# --- the API helper --------------------------------------------------------------------


class AddressViewSet(ObjectActionAPIMixin, OrganisationViewSet):
    @action(detail=True, methods=["post"])
    def address(self, request, pk=None):
        return self.run_object_action(ACTIONS["address"])

    @action(detail=True, methods=["post"])
    def leaders(self, request, pk=None):
        return self.run_object_action(ACTIONS["leaders"])

    @action(detail=True, methods=["post"])
    def invalid(self, request, pk=None):
        return self.run_object_action(ACTIONS["invalid"])


def api(user, org, name, data):
    request = APIRequestFactory().post("/api/x/", data, format="json")
    if user is not None:
        force_authenticate(request, user=user)
    view = AddressViewSet.as_view({"post": name})
    return view(request, pk=org.pk)


def test_api_success_answers_the_object_and_writes_the_event(operator, township):
    response = api(operator, township, "address", {"address": "新地址"})
    assert response.status_code == 200 and response.data["address"] == "新地址"
    assert address_events(township).count() == 1


def test_api_other_organisation_is_404_and_anonymous_is_refused(other_operator, township):
    assert api(other_operator, township, "address", {"address": "x"}).status_code == 404
    assert api(None, township, "address", {"address": "x"}).status_code in (401, 403)
    assert not address_events(township).exists()


def test_api_wrong_role_is_403(township):
    deputy = UserFactory(role=User.Role.DEPUTY, organisation=township)
    assert api(deputy, township, "address", {"address": "x"}).status_code == 403


def test_api_bad_input_is_400_with_the_field_error(operator, township):
    response = api(operator, township, "address", {})
    assert response.status_code == 400
    assert response.data["code"] == "invalid"
    assert response.data["errors"] == {"address": ["请填写地址。"]}
    assert not address_events(township).exists()


def test_api_service_refusals_are_403_and_400_and_write_nothing(operator, township):
    refused = api(operator, township, "leaders", {"address": "x"})
    assert refused.status_code == 403 and refused.data["detail"] == "只有单位负责人可以修改地址。"
    invalid = api(operator, township, "invalid", {"address": "x"})
    assert invalid.status_code == 400 and invalid.data["detail"] == "该单位已撤销，不能修改。"
    assert not address_events(township).exists()


# --- end to end: a real action URL of the back office ------------------------------------


def test_a_real_action_url_follows_the_pattern(client, operator, other_operator, township):
    commitment = CommitmentFactory(organisation=township)
    url = reverse("commitments_admin_action", args=[commitment.pk, "publish"])
    assert "/login/" in client.post(url).url
    client.force_login(other_operator)
    assert client.post(url).status_code == 404
    client.force_login(operator)  # an operator may submit, not publish
    page = client.post(url, follow=True).content.decode()
    assert "只有承诺单位负责人可以审批。" in page
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.DRAFT
    assert not Event.objects.for_object(commitment).exists()
