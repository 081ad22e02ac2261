"""A user who administers users can open their own account in the user admin."""

import pytest

from django.urls import reverse

from tests.factories import LeaderFactory, SysadminFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("factory", [SysadminFactory, LeaderFactory])
def test_the_own_user_page_opens_without_the_active_and_superuser_switches(
    client, township, factory
):
    user = factory(organisation=township)
    client.force_login(user)

    response = client.get(reverse("wagtailusers_users:edit", args=[user.pk]))

    assert response.status_code == 200
    assert 'name="is_active"' not in response.text


def test_another_users_page_offers_deactivation_to_the_sysadmin(client, township, operator):
    client.force_login(SysadminFactory(organisation=township))

    response = client.get(reverse("wagtailusers_users:edit", args=[operator.pk]))

    assert 'name="is_active"' in response.text
