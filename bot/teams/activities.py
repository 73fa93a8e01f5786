"""Incoming Teams activities: validated at the edge, and read for the question, the mention and the team."""

from __future__ import annotations

import html
import re
from typing import Literal
from urllib.parse import urlsplit

from microsoft_agents.activity import Activity, ActivityTypes
from microsoft_agents.activity.teams import TeamsChannelData
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

MAX_TEXT_CHARS = 28_000  # Teams' own limit on a message
FEEDBACK_ACTION = "afspraken-feedback"
HELP_WORDS = frozenset({"help", "hulp", "hallo", "hoi", "hi", "hello", "start"})

_AT_TAG = re.compile(r"</?at>", re.IGNORECASE)


def is_addressed(activity: Activity) -> bool:
    """Personal chats always; group chats and channels only when the bot is mentioned."""
    conversation_type = activity.conversation.conversation_type or "personal"
    if conversation_type == "personal":
        return True
    bot_id = activity.recipient.id if activity.recipient else None
    return any(m.mentioned and m.mentioned.id == bot_id for m in activity.get_mentions())


def question_text(activity: Activity) -> str:
    """The text without the bot's mention; other mentions keep their names, tags removed."""
    text = activity.remove_recipient_mention() if activity.recipient else (activity.text or "")
    text = html.unescape(_AT_TAG.sub("", text))
    return " ".join(text.split())


def scope_argument(text: str) -> str | None:
    """ "scope Voorbeeldstad" → "Voorbeeldstad"; "scope" → ""; anything else → None."""
    head, _, rest = text.partition(" ")
    return rest.strip() if head.lower() == "scope" else None


def team_key(activity: Activity) -> str:
    """Channels of one team share a scope; a chat has its own."""
    try:
        data = TeamsChannelData.model_validate(activity.channel_data or {})
    except ValidationError:
        data = None
    if data and data.team and data.team.id:
        return f"team:{data.team.id}"
    return f"conversation:{activity.conversation.id}"


class FeedbackSubmit(BaseModel):
    """What a 👍/👎 Action.Submit on an answer card sends back as the activity's value."""

    model_config = ConfigDict(extra="ignore")

    action: Literal["afspraken-feedback"]
    vote: Literal["up", "down"]
    answer_id: str = Field(alias="answerId", min_length=1, max_length=64)
    question: str = Field(max_length=MAX_TEXT_CHARS)


class _Account(BaseModel):
    id: str = Field(min_length=1, max_length=1024)


class _Conversation(BaseModel):
    id: str = Field(min_length=1, max_length=1024)


class IncomingActivity(BaseModel):
    """The fields of a Bot Framework activity this bot relies on, with limits."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    type: str = Field(min_length=1, max_length=64)
    service_url: str = Field(alias="serviceUrl", min_length=1, max_length=2048)
    channel_id: str = Field(alias="channelId", min_length=1, max_length=64)
    conversation: _Conversation
    sender: _Account | None = Field(default=None, alias="from")
    recipient: _Account | None = None
    text: str | None = Field(default=None, max_length=MAX_TEXT_CHARS)

    @model_validator(mode="after")
    def _message_has_parties(self) -> IncomingActivity:
        if self.type == ActivityTypes.message and (self.sender is None or self.recipient is None):
            raise ValueError("a message activity needs 'from' and 'recipient'")
        scheme = urlsplit(self.service_url).scheme
        if scheme not in ("http", "https"):
            raise ValueError("serviceUrl must be an http(s) URL")
        return self
