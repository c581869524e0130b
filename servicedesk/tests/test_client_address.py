"""Which address a request came from: X-Forwarded-For is believed only from a trusted proxy,
and only as far back as its hops are trusted proxies too."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from servicedesk.lib.client import client_address, trusted_proxies

PROXY = "10.9.0.1"


@pytest.fixture(autouse=True)
def one_proxy(settings):
    settings.FORWARDED_ALLOW_IPS = [PROXY]


def request_from(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_without_a_proxy_the_address_is_the_peers():
    assert client_address(request_from("192.168.4.20")) == "192.168.4.20"


def test_from_the_trusted_proxy_the_address_is_the_one_it_forwarded():
    assert client_address(request_from(PROXY, "192.168.4.20")) == "192.168.4.20"


def test_an_untrusted_client_cannot_name_another_address():
    assert client_address(request_from("192.168.4.20", "192.168.4.99")) == "192.168.4.20"


def test_a_forged_hop_before_the_proxys_own_is_ignored():
    assert client_address(request_from(PROXY, "1.2.3.4, 192.168.4.20")) == "192.168.4.20"


def test_a_chain_of_trusted_proxies_is_walked_back_to_the_first_untrusted_address(settings):
    settings.FORWARDED_ALLOW_IPS = ["10.9.0.0/24"]
    assert client_address(request_from(PROXY, "6.6.6.6, 192.168.4.20, 10.9.0.7")) == "192.168.4.20"


def test_a_malformed_hop_leaves_the_last_trusted_proxy():
    assert client_address(request_from(PROXY, "not-an-address")) == PROXY


def test_a_star_trusts_every_peer_as_gunicorn_reads_it(settings):
    settings.FORWARDED_ALLOW_IPS = ["*"]
    assert client_address(request_from("192.168.4.20", "192.168.4.99")) == "192.168.4.99"


def test_a_typo_in_the_setting_fails_loudly():
    with pytest.raises(ImproperlyConfigured, match="FORWARDED_ALLOW_IPS"):
        trusted_proxies(("10.9.0.1", "10.9.0.300"))
