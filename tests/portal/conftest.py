import pytest

from django.core.cache import cache


@pytest.fixture
def portal_site(db):
    """The demo portal: home page as site root, news, about/method/policy pages, settings."""
    from portal import demo

    cache.clear()
    context: dict = {}
    demo.load(context)
    return context
