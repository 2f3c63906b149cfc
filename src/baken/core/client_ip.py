"""The client's address, for the audit log, the lockout and the password-reset limit.

REMOTE_ADDR, unless the request comes from a proxy listed in BAKEN_TRUSTED_PROXIES: then the
address that proxy saw, read from X-Forwarded-For from the right past every trusted proxy. The
header of anyone else is ignored: a client could otherwise choose the address that is logged,
locked out or counted."""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest


@lru_cache(maxsize=4)
def _networks(entries: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _address(value: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def _is_trusted(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return any(ip in network for network in _networks(tuple(settings.BAKEN_TRUSTED_PROXIES)))


def client_ip(request: HttpRequest) -> str | None:
    nearest = _address(request.META.get("REMOTE_ADDR"))
    if nearest is None or not _is_trusted(nearest):
        return nearest
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(hop)
        if address is None:
            # Not written by a trusted proxy: the last trusted hop is all that is known.
            return nearest
        if not _is_trusted(address):
            return address
        nearest = address
    return nearest
