"""Fixtures shared with the portal tests."""

from tests.portal.conftest import portal_site  # noqa: F401
