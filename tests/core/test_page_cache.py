import pytest

from django.test import override_settings

from wagtail.models import Page, Site

from integrity.core.events import record_event
from portal.models import HomePage


@pytest.fixture
def home(db):
    root = Page.get_first_root_node()
    for page in Page.objects.filter(depth=2):
        page.delete()
    home = root.add_child(instance=HomePage(title="澜江市政务诚信", slug="home", intro="第一版"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return home


def test_an_anonymous_page_is_served_from_the_cache_without_queries(
    client, home, django_assert_num_queries
):
    first = client.get("/")
    assert first.status_code == 200
    assert "第一版" in first.content.decode()
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_publishing_a_page_shows_at_once(client, home):
    client.get("/")
    home.intro = "第二版"
    home.save_revision().publish()
    response = client.get("/")
    assert "第二版" in response.content.decode()


def test_any_recorded_change_invalidates_the_cache(
    client, home, township, django_capture_on_commit_callbacks
):
    client.get("/")
    HomePage.objects.filter(pk=home.pk).update(intro="第三版")  # behind the cache's back
    assert "第三版" not in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        record_event(type="organisation.changed", obj=township)
    assert "第三版" in client.get("/").content.decode()


def test_logged_in_users_are_never_served_a_cached_page(client, home, operator):
    client.get("/")
    client.force_login(operator)
    response = client.get("/")
    assert "X-Page-Cache" not in response


def test_the_back_office_and_api_are_never_cached(client, operator):
    assert "X-Page-Cache" not in client.get("/admin/login/")
    assert "X-Page-Cache" not in client.get("/admin/login/")


@override_settings(PUBLIC_PAGE_CACHE_SECONDS=0)
def test_the_cache_can_be_switched_off(client, home):
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")
