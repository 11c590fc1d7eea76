"""The address a per-client limit counts a client by, and which peers are trusted proxies."""

from __future__ import annotations

import functools
import ipaddress


@functools.lru_cache(maxsize=4096)
def client_key(host: str) -> str:
    """The client's address; for IPv6 its /64, which one subscriber usually holds whole (so that a client cannot
    take a fresh address for each connection). Anything that is not an IP address (a Unix socket) as it is."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


class TrustedProxies:
    """Addresses and networks written as uvicorn's FORWARDED_ALLOW_IPS is ("127.0.0.1,10.0.0.0/8", or "*")."""

    def __init__(self, listed: str) -> None:
        items = [item.strip() for item in listed.split(",") if item.strip()]
        self.everyone = "*" in items
        self.networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        self.literals: set[str] = set()
        for item in items:
            try:
                self.networks.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                self.literals.add(item)

    def __contains__(self, host: str) -> bool:
        if self.everyone or host in self.literals:
            return True
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(address in network for network in self.networks)
