"""A local stand-in for the Bot Framework's OpenID metadata and signing keys.

Serves `/v1/.well-known/openidconfiguration` and the JWKS it names, holding the public half of an
RSA key made for the test run, so the Teams adapter can be told (via
`AFSPRAKEN_TEAMS_OPENID_URL`) to trust tokens that `mint()` signs with the private half — the
shape of the tokens the Bot Connector sends to a bot.
"""

from __future__ import annotations

import json
import time
from http.server import BaseHTTPRequestHandler
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from tests.fakes.loopback import JsonHandler, LoopbackServer

ISSUER = "https://api.botframework.com"
KEY_ID = "afspraken-test-key"


def new_rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def sign(
    key: rsa.RSAPrivateKey,
    *,
    audience: str,
    service_url: str,
    issuer: str = ISSUER,
    expires_in: float = 3600,
    key_id: str = KEY_ID,
) -> str:
    """A Bot Connector style token (RS256) signed with `key`."""
    now = int(time.time())
    claims = {
        "iss": issuer,
        "aud": audience,
        "serviceurl": service_url,
        "nbf": now - 60,
        "iat": now - 60,
        "exp": int(now + expires_in),
    }
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": key_id})


class FakeBotOpenId(LoopbackServer):
    """Use as a context manager; `.metadata_url` is what the app is configured to trust."""

    def __init__(self, endorsements: tuple[str, ...] = ("msteams",)) -> None:
        self.key = new_rsa_key()
        self.endorsements = endorsements
        self.requests: list[str] = []
        super().__init__(self._handler_class())

    @property
    def base_url(self) -> str:
        return self.origin

    @property
    def metadata_url(self) -> str:
        return f"{self.base_url}/v1/.well-known/openidconfiguration"

    def mint(self, **kwargs: Any) -> str:
        """A token signed by the trusted key (see `sign` for the arguments)."""
        return sign(self.key, **kwargs)

    def _metadata(self) -> dict[str, Any]:
        return {
            "issuer": ISSUER,
            "authorization_endpoint": f"{self.base_url}/v1/.well-known/authorize",
            "jwks_uri": f"{self.base_url}/v1/.well-known/keys",
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
        }

    def _keys(self) -> dict[str, Any]:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        jwk.update({"kid": KEY_ID, "use": "sig", "endorsements": list(self.endorsements)})
        return {"keys": [jwk]}

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(JsonHandler):
            def do_GET(self) -> None:
                fake.requests.append(self.path)
                if self.path == "/v1/.well-known/openidconfiguration":
                    self._reply(200, fake._metadata())
                elif self.path == "/v1/.well-known/keys":
                    self._reply(200, fake._keys())
                else:
                    self._reply(404, {"error": "not found"})

        return Handler
