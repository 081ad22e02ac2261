import pytest

from tests.factories import CityFactory, CountyFactory, OperatorFactory, TownshipFactory


@pytest.fixture
def city(db):
    return CityFactory(name="澜江市")


@pytest.fixture
def county(city):
    return CountyFactory(name="北塘县", parent=city)


@pytest.fixture
def township(county):
    return TownshipFactory(name="石桥镇", parent=county)


@pytest.fixture
def other_township(county):
    return TownshipFactory(name="白沙镇", parent=county)


@pytest.fixture
def operator(township):
    return OperatorFactory(username="shiqiao_op", organisation=township)


@pytest.fixture
def other_operator(other_township):
    return OperatorFactory(username="baisha_op", organisation=other_township)


@pytest.fixture
def calendar(db):
    """The statutory calendar 2004-2026, as `make run` seeds it."""
    from integrity.core.services import calendar_seed

    calendar_seed()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The page cache and rate limits live in the cache: start every test empty."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def pytest_collection_modifyitems(items):
    """Every transactional test restores the migrated rows (rule seeds, Wagtail's root
    page, groups) after its flush, so tests after it find the database as migrations left it.

    Django then also skips post_migrate on those flushes, which would otherwise recreate
    content types and clash with the restored copy.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None or not marker.kwargs.get("transaction"):
            continue
        if marker.kwargs.get("serialized_rollback"):
            continue
        serialized = pytest.mark.django_db(**{**marker.kwargs, "serialized_rollback": True})
        item.add_marker(serialized, append=False)
