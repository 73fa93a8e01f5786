"""What Slack sends, validated at the edge, and the question read out of a message."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

FOLLOW_UP_WORDS = 6  # a thread mention this short borrows the thread's question


_USER_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
_LABELLED_LINK = re.compile(r"<[^>|]+\|([^>]+)>")
_BARE_LINK = re.compile(r"<([^>|]+)>")


def question_text(text: str) -> str:
    """The question as typed: mentions removed, links and channels shown by their labels."""
    text = _USER_MENTION.sub(" ", text)
    text = _LABELLED_LINK.sub(r"\1", text)
    text = _BARE_LINK.sub(r"\1", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())


def with_thread_context(follow_up: str, earlier: str | None) -> str:
    """A short follow-up ("and Woonstichting Voorbeeld?") borrows the subject of the thread's question."""
    if not earlier or len(follow_up.split()) > FOLLOW_UP_WORDS:
        return follow_up
    return f"{earlier} — {follow_up}"


# ---------------------------------------------------------------- payloads (validated at the edge)


class _Payload(BaseModel):
    model_config = ConfigDict(extra="ignore")


class MessageEvent(_Payload):
    type: str
    ts: str
    channel: str
    user: str = ""
    text: str = ""
    thread_ts: str | None = None
    bot_id: str | None = None
    subtype: str | None = None
    channel_type: str = ""
    client_msg_id: str = ""

    @property
    def from_bot(self) -> bool:
        return bool(self.bot_id) or self.subtype == "bot_message" or not self.user


class SlashCommand(_Payload):
    user_id: str
    channel_id: str
    text: str = ""
    response_url: str = ""


class _Id(_Payload):
    id: str


class _Action(_Payload):
    action_id: str
    value: str = ""


class BlockAction(_Payload):
    user: _Id
    channel: _Id | None = None
    actions: list[_Action]
    response_url: str = ""
