"""Which address a request came from, as the sign-in lockout and the kiosk's rate limit count it.

Behind a proxy every request arrives from the proxy's address, so every terminal in the
library would share one lock and one kiosk limit. The proxy names the client in
X-Forwarded-For, but anyone can send that header: it is believed only when the request
comes from an address in FORWARDED_ALLOW_IPS (the same setting gunicorn reads), and only
as far back as the hops are trusted proxies themselves.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def client_address(request) -> str:
    """The right-most address of X-Forwarded-For that is not a trusted proxy, when the
    request comes from a trusted proxy; otherwise REMOTE_ADDR. A malformed hop ends the
    walk at the last trusted proxy, so the result is always an address the proxy vouched for."""
    address = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",")] if forwarded else []
    trusted = trusted_proxies(tuple(settings.FORWARDED_ALLOW_IPS))
    while hops and _is_trusted(address, trusted):
        hop = _parse(hops.pop())
        if hop is None:
            break
        address = str(hop)
    return address


@lru_cache(maxsize=8)
def trusted_proxies(entries: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] | None:
    """FORWARDED_ALLOW_IPS as networks (an address is a network of one); None for "*"
    (every peer is trusted, as gunicorn reads it). A typo fails loudly instead of
    trusting nobody, or everybody."""
    if "*" in entries:
        return None
    try:
        return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)
    except ValueError as error:
        raise ImproperlyConfigured(f"FORWARDED_ALLOW_IPS: {error}. Give addresses or networks, comma-separated.") from None


def _is_trusted(address: str, trusted) -> bool:
    if trusted is None:
        return True
    parsed = _parse(address)
    return parsed is not None and any(parsed in network for network in trusted)


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None
