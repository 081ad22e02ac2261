"""The client address: X-Forwarded-For counts only when a trusted proxy sent the request."""

import pytest

from django.test import RequestFactory, override_settings

from integrity.core.clientip import client_ip


def _request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored():
    assert client_ip(_request("203.0.113.7", "1.2.3.4")) == "203.0.113.7"


@override_settings(TRUSTED_PROXIES=["10.0.0.1"])
def test_a_spoofed_header_from_an_untrusted_client_does_not_change_the_address():
    assert client_ip(_request("203.0.113.7", "1.2.3.4, 10.0.0.1")) == "203.0.113.7"


@override_settings(TRUSTED_PROXIES=["10.0.0.1"])
def test_behind_the_trusted_proxy_the_address_it_saw_is_used():
    assert client_ip(_request("10.0.0.1", "198.51.100.20")) == "198.51.100.20"


@override_settings(TRUSTED_PROXIES=["10.0.0.1"])
def test_addresses_the_client_wrote_left_of_the_proxy_entry_are_ignored():
    # The client sent "X-Forwarded-For: 1.2.3.4"; nginx appended the address it saw.
    assert client_ip(_request("10.0.0.1", "1.2.3.4, 198.51.100.20")) == "198.51.100.20"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8", "fd00::/8"])
def test_a_chain_of_trusted_proxies_is_walked_from_the_right():
    forwarded = "1.2.3.4, 198.51.100.20, 10.1.2.3"
    assert client_ip(_request("10.0.0.1", forwarded)) == "198.51.100.20"
    assert client_ip(_request("fd00::1", "2001:db8::5")) == "2001:db8::5"


@override_settings(TRUSTED_PROXIES=["10.0.0.1"])
@pytest.mark.parametrize("forwarded", ["", "not-an-address", "198.51.100.20, junk"])
def test_a_missing_or_broken_header_falls_back_to_the_proxy_address(forwarded):
    assert client_ip(_request("10.0.0.1", forwarded)) == "10.0.0.1"
