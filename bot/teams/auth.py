"""Checking the Bot Connector's JWT, as the Bot Framework's authentication spec says.

RS256 signature by a key from the OpenID metadata, issuer, audience (= app id), expiry with five
minutes' clock skew, the key's endorsement for the channel, and the `serviceurl` claim matching
the activity's serviceUrl. (The SDK's own validator only looks keys up at Microsoft's fixed
addresses, so tests could not trust a local key with it.)
"""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.request
from dataclasses import dataclass
from typing import Any

import jwt

log = logging.getLogger(__name__)

BOT_FRAMEWORK_OPENID_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
CLOCK_SKEW_SECONDS = 300  # the Bot Framework spec allows five minutes
METADATA_MAX_AGE = 24 * 3600  # refetch OpenID metadata and keys once a day
KEY_REFRESH_MIN_SECONDS = 60  # an unknown key id refetches the keys at most once a minute


class InvalidToken(Exception):
    """The request's token is missing or not one the Bot Connector issued for this bot."""


@dataclass(frozen=True, slots=True)
class _SigningKey:
    key: jwt.PyJWK
    endorsements: tuple[str, ...]


class BotConnectorTokens:
    """Validates Bot Connector JWTs against the OpenID metadata at `openid_url`."""

    def __init__(self, app_id: str, openid_url: str = BOT_FRAMEWORK_OPENID_URL) -> None:
        self.app_id = app_id
        self.openid_url = openid_url
        self._lock = threading.Lock()
        self._metadata: dict[str, Any] = {}
        self._keys: dict[str, _SigningKey] = {}
        self._fetched_at = 0.0

    def verify(self, token: str) -> dict[str, Any]:
        """The token's claims, when signature, issuer, audience and lifetime are right."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise InvalidToken("The token is not a JWT.") from error
        metadata, signing_key = self._signing_key(str(header.get("kid", "")))
        algorithms = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
        try:
            claims = jwt.decode(
                token,
                signing_key.key,
                algorithms=algorithms,
                audience=self.app_id,
                issuer=metadata.get("issuer"),
                leeway=CLOCK_SKEW_SECONDS,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError as error:
            raise InvalidToken("The token has expired.") from error
        except jwt.InvalidAudienceError as error:
            raise InvalidToken("The token is for another app.") from error
        except jwt.InvalidIssuerError as error:
            raise InvalidToken("The token is from an untrusted issuer.") from error
        except jwt.PyJWTError as error:
            raise InvalidToken("The token's signature or claims are invalid.") from error
        claims["_endorsements"] = signing_key.endorsements
        return claims

    @staticmethod
    def check_activity(claims: dict[str, Any], channel_id: str, service_url: str) -> None:
        """The token must be endorsed for the activity's channel and name its serviceUrl."""
        endorsements = claims.get("_endorsements") or ()
        if endorsements and channel_id not in endorsements:
            raise InvalidToken(f"The signing key is not endorsed for channel {channel_id!r}.")
        claimed = str(claims.get("serviceurl") or claims.get("serviceUrl") or "")
        if claimed.rstrip("/").lower() != service_url.rstrip("/").lower():
            raise InvalidToken("The token was issued for another serviceUrl.")

    def _signing_key(self, kid: str) -> tuple[dict[str, Any], _SigningKey]:
        with self._lock:
            now = time.monotonic()
            stale = now - self._fetched_at > METADATA_MAX_AGE
            unknown = kid not in self._keys and now - self._fetched_at > KEY_REFRESH_MIN_SECONDS
            if not self._metadata or stale or unknown:
                self._refresh()
            if kid not in self._keys:
                raise InvalidToken("The token is signed by an unknown key.")
            return self._metadata, self._keys[kid]

    def _refresh(self) -> None:
        try:
            metadata = _get_json(self.openid_url)
            jwks = _get_json(str(metadata["jwks_uri"]))
        except (OSError, ValueError, KeyError) as error:
            log.warning("could not fetch the Bot Framework signing keys: %s", error)
            raise InvalidToken("The signing keys could not be fetched.") from error
        keys: dict[str, _SigningKey] = {}
        for entry in jwks.get("keys", []):
            try:
                keys[str(entry["kid"])] = _SigningKey(
                    jwt.PyJWK(entry), tuple(entry.get("endorsements") or ())
                )
            except (KeyError, jwt.PyJWTError):
                continue
        self._metadata, self._keys, self._fetched_at = metadata, keys, time.monotonic()


def _get_json(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=10) as response:
        data = json.loads(response.read(1_000_000))
    if not isinstance(data, dict):
        raise ValueError(f"{url} did not return a JSON object")
    return data
