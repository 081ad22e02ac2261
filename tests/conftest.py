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
