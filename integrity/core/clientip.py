"""The address of the client that sent a request, honest behind the documented reverse proxy.

``REMOTE_ADDR`` is the peer that opened the connection. Only when that peer is one of
``settings.TRUSTED_PROXIES`` (addresses or networks) is ``X-Forwarded-For`` read, from the
right: each trusted proxy appends the address it saw, so the right-most address that is not
a trusted proxy is the real client; anything further left was written by the client and is
ignored. With no trusted proxy configured the header is never read. Rate limits
(django-ratelimit), login lockouts (django-axes) and the login events all use this one
function, so a forged header cannot move a client to another counter.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry)


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def client_ip(request: HttpRequest) -> str:
    """The real client address of ``request`` (see the module docstring); "" if unknown."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    if not networks or not _is_trusted(remote, networks):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    for hop in reversed(hops):
        if not _is_address(hop):
            return remote  # a trusted proxy never writes this: refuse the whole header
        if not _is_trusted(hop, networks):
            return hop
    return hops[0] if hops else remote
