"""Bolt's listeners: every one acks at once and answers in a lazy listener, so Slack gets its 200
within 3 seconds."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.commands import compare_topic
from bot.examples import example_questions
from bot.scopes import UnknownScope, municipalities_of, resolve_scope
from bot.slack.blocks import (
    ACTION_DOWN,
    ACTION_MORE,
    ACTION_SHARE,
    ACTION_UP,
    BLOCK_LIMIT,
    answer_blocks,
    compare_blocks,
    compare_headline,
    context_block,
    escape,
    extra_passages,
    fallback_text,
    filters_label,
    passage_blocks,
)
from bot.slack.payloads import BlockAction, MessageEvent, SlashCommand, question_text, with_thread_context
from bot.slack.state import SlackBot
from bot.text import shorten
from index.errors import IndexError_, QuestionError

log = logging.getLogger(__name__)

SOMETHING_WENT_WRONG = "Sorry, something went wrong while answering; it has been logged. Please try again."
HELP_LANGUAGES = ("en", "en")  # the help is in English: two example questions (bot.examples)


def help_text(municipalities: Sequence[str]) -> str:
    """What `/afspraken help` says; its examples ask of the municipalities the index holds."""
    mention, direct = example_questions(municipalities, HELP_LANGUAGES)
    town = municipalities[0] if municipalities else ""
    scope = (
        f"`/afspraken scope {town}` makes this channel search only {town}'s agreements"
        if town
        else "`/afspraken scope <municipality>` makes this channel search only that municipality's agreements"
    )
    return (
        "*Ask about the prestatieafspraken* and get the answer with the clauses it comes from.\n"
        f"• Mention me in a channel: `@afspraken {mention}` — "
        "I answer in the thread; a short follow-up in that thread (`and in 2025?`) builds on its question.\n"
        f"• Send me a direct message with your question, such as “{direct}”\n"
        "• `/afspraken <question>` answers privately; *Share in channel* posts it for everyone.\n"
        "• `compare <topic>` (or `vergelijk <topic>`) shows every agreement's clause on the topic side "
        "by side, or that it has none.\n"
        f"• {scope} (a municipality or a document; several separated by commas). `/afspraken scope` "
        "shows the scope, `/afspraken scope off` removes it.\n"
        "• 👍 / 👎 under an answer tell the maintainers whether it helped."
    )


def register(app: App, bot: SlackBot) -> None:
    """Every listener: messages and mentions, `/afspraken`, and the buttons under an answer."""
    _register_messages(app, bot)
    _register_command(app, bot)
    _register_actions(app, bot)


def _ack(ack: Ack) -> None:
    ack()


def _register_messages(app: App, bot: SlackBot) -> None:
    def on_mention(body: dict[str, Any], client: WebClient, context: dict[str, Any]) -> None:
        event = MessageEvent.model_validate(body["event"])
        if event.from_bot or event.user == context.get("bot_user_id"):
            return
        _answer_message(bot, client, event, body.get("event_id", ""), threaded=True)

    def on_direct_message(body: dict[str, Any], client: WebClient, context: dict[str, Any]) -> None:
        event = MessageEvent.model_validate(body["event"])
        if event.from_bot or event.subtype or event.user == context.get("bot_user_id"):
            return
        _answer_message(bot, client, event, body.get("event_id", ""), threaded=False)

    def is_direct_message(event: dict[str, Any]) -> bool:
        return event.get("channel_type") == "im"

    app.event("app_mention")(ack=_ack, lazy=[on_mention])
    app.event("message", matchers=[is_direct_message])(ack=_ack, lazy=[on_direct_message])
    app.event("message")(_ack)  # other message events (channels, edits): acknowledged, ignored


def _answer_message(
    bot: SlackBot, client: WebClient, event: MessageEvent, event_id: str, *, threaded: bool
) -> None:
    if not bot.once.claim(event_id, f"{event.channel}:{event.ts}"):
        log.info("slack: ignored a repeated event for %s", event.channel)
        return
    reply_ts = (event.thread_ts or event.ts) if threaded else event.thread_ts
    if bot.rate.retry_after(f"slack:{event.user}"):
        _tell(client, event, reply_ts, "You're asking quickly — please wait a minute and ask again.")
        return
    question = question_text(event.text)
    topic = compare_topic(question)
    if topic is not None:
        _react(client, event, "reactions_add")
        try:
            _post_comparison(bot, client, event, reply_ts, topic)
        finally:
            _react(client, event, "reactions_remove")
        return
    if event.thread_ts and event.thread_ts != event.ts:
        earlier = bot.memory.thread_question(event.channel, event.thread_ts)
        earlier = earlier or _thread_parent(client, event)
        question = with_thread_context(question, earlier)
    _react(client, event, "reactions_add")
    try:
        _post_answer(bot, client, event, reply_ts, question)
    finally:
        _react(client, event, "reactions_remove")


def _post_answer(
    bot: SlackBot, client: WebClient, event: MessageEvent, reply_ts: str | None, question: str
) -> None:
    started = time.perf_counter()
    try:
        found = bot.ask(question, bot.scopes.filters(event.channel))
    except (QuestionError, IndexError_) as error:
        _tell(client, event, reply_ts, sorry(error))
        return
    except Exception:
        log.exception("slack: answering failed in %s", event.channel)
        _tell(client, event, reply_ts, SOMETHING_WENT_WRONG)
        return
    bot.memory.remember_thread(event.channel, reply_ts or event.ts, found.question)
    more = bool(extra_passages(found))
    client.chat_postMessage(
        channel=event.channel,
        thread_ts=reply_ts,
        text=fallback_text(found),
        blocks=answer_blocks(found, more=more),
        unfurl_links=False,
    )
    log.info(
        "slack: answered in %s (%d chars, %d citations, abstained=%s, %.2fs)",
        event.channel,
        len(question),
        len(found.citations),
        found.abstained,
        time.perf_counter() - started,
    )
    log.debug("slack: question %r", question)


def _post_comparison(
    bot: SlackBot, client: WebClient, event: MessageEvent, reply_ts: str | None, topic: str
) -> None:
    """`compare <topic>`: the table of every agreement's clause on the topic, in the thread."""
    try:
        result = bot.compare(topic)
    except (QuestionError, IndexError_) as error:
        _tell(client, event, reply_ts, sorry(error))
        return
    except Exception:
        log.exception("slack: comparing failed in %s", event.channel)
        _tell(client, event, reply_ts, SOMETHING_WENT_WRONG)
        return
    client.chat_postMessage(
        channel=event.channel,
        thread_ts=reply_ts,
        text=compare_headline(result),
        blocks=compare_blocks(result, bot.settings.public_url),
        unfurl_links=False,
    )
    log.info("slack: compared %d documents in %s", len(result.rows), event.channel)


def sorry(error: Exception) -> str:
    """A polite refusal around a library error's one-sentence message."""
    message = str(error)
    return f"Sorry, I can't answer that: {message[:1].lower()}{message[1:]}"


def _tell(client: WebClient, event: MessageEvent, thread_ts: str | None, text: str) -> None:
    """A short note only the asker sees (in a DM everything is private already)."""
    if event.channel_type == "im":
        client.chat_postMessage(channel=event.channel, thread_ts=thread_ts, text=text)
    else:
        client.chat_postEphemeral(channel=event.channel, user=event.user, thread_ts=thread_ts, text=text)


def _thread_parent(client: WebClient, event: MessageEvent) -> str | None:
    """The text of the message that started the thread, when it was not a question to us."""
    try:
        replies = client.conversations_replies(channel=event.channel, ts=event.thread_ts or event.ts, limit=1)
    except SlackApiError as error:
        log.info("slack: could not read the thread in %s: %s", event.channel, error.response["error"])
        return None
    messages = replies.get("messages") or []
    text = question_text(messages[0].get("text", "")) if messages else ""
    return text or None


def _react(client: WebClient, event: MessageEvent, method: str) -> None:
    """👀 on the question while working; failures (no scope, already there) do not matter."""
    try:
        getattr(client, method)(channel=event.channel, timestamp=event.ts, name="eyes")
    except SlackApiError as error:
        log.debug("slack: %s failed: %s", method, error.response.get("error"))


def _register_command(app: App, bot: SlackBot) -> None:
    def ack_command(ack: Ack, body: dict[str, Any]) -> None:
        command = SlashCommand.model_validate(body)
        word, _, rest = command.text.strip().partition(" ")
        if word.lower() in ("", "help"):
            ack(text=help_text(_municipalities(bot)), response_type="ephemeral")
        elif word.lower() == "scope":
            ack(
                text=_scope_command(bot, command.channel_id, rest.strip()),
                response_type="ephemeral",
            )
        else:
            ack(text="🔎 Searching the agreements…", response_type="ephemeral")

    def answer_command(body: dict[str, Any], respond: Respond) -> None:
        command = SlashCommand.model_validate(body)
        word = command.text.strip().partition(" ")[0].lower()
        if word in ("", "help", "scope"):
            return
        if bot.rate.retry_after(f"slack:{command.user_id}"):
            respond(text="You're asking quickly — please wait a minute and ask again.")
            return
        topic = compare_topic(question_text(command.text))
        try:
            if topic is not None:
                result = bot.compare(topic)
                blocks = compare_blocks(result, bot.settings.public_url)
                respond(text=compare_headline(result), blocks=blocks, response_type="ephemeral")
                return
            found = bot.ask(question_text(command.text), bot.scopes.filters(command.channel_id))
        except (QuestionError, IndexError_) as error:
            respond(text=sorry(error), response_type="ephemeral")
            return
        except Exception:
            log.exception("slack: answering /afspraken failed in %s", command.channel_id)
            respond(text=SOMETHING_WENT_WRONG, response_type="ephemeral")
            return
        blocks = answer_blocks(found, more=bool(extra_passages(found)), share=True)
        respond(text=fallback_text(found), blocks=blocks, response_type="ephemeral")
        log.info("slack: answered /afspraken in %s", command.channel_id)

    app.command("/afspraken")(ack=ack_command, lazy=[answer_command])


def _municipalities(bot: SlackBot) -> list[str]:
    """The index's municipalities, for the help's examples; none when there is no index (yet)."""
    try:
        return municipalities_of(bot.handle.get().documents)
    except IndexError_:
        return []


def _scope_command(bot: SlackBot, channel: str, words: str) -> str:
    if not words:
        current = bot.scopes.filters(channel)
        return "This channel searches all agreements." if current.empty else filters_label(current)
    if words.lower() in ("off", "all", "none", "clear"):
        bot.scopes.clear(channel)
        return "This channel now searches all agreements."
    try:
        resolved = resolve_scope(words, bot.handle.get().documents)
    except IndexError_ as error:
        return sorry(error)
    except UnknownScope as error:
        return unknown_scope_text(error)
    bot.scopes.bind(channel, resolved)
    return f"Done. {filters_label(resolved)} in this channel."


def unknown_scope_text(error: UnknownScope) -> str:
    """Why `/afspraken scope …` bound nothing: what is unknown, what it could mean, what to choose."""
    lines = [f"{term} names several documents: {', '.join(ids)}." for term, ids in error.unclear.items()]
    if error.unknown or not error.unclear:
        known = ", ".join(error.municipalities)
        unknown_text = ", ".join(error.unknown) or "that"
        lines.insert(0, f"I don't know {unknown_text}: choose from {known} or a document id.")
    return " ".join(lines)


def _register_actions(app: App, bot: SlackBot) -> None:
    def vote(body: dict[str, Any], respond: Respond) -> None:
        action = BlockAction.model_validate(body)
        clicked = action.actions[0]
        asked = bot.memory.asked(clicked.value)
        choice = "up" if clicked.action_id == ACTION_UP else "down"
        bot.feedback.record("slack", action.user.id, clicked.value, asked[0] if asked else "", choice)
        thanks = "Thanks — glad it helped." if choice == "up" else "Thanks — noted, we'll look at it."
        respond(text=thanks, response_type="ephemeral", replace_original=False)

    def more_sources(body: dict[str, Any], respond: Respond) -> None:
        clicked = BlockAction.model_validate(body).actions[0]
        aid, _, offset = clicked.value.partition(":")
        found = bot.again(aid)
        if found is None:
            respond(text="That answer is too old to expand; ask again.", replace_original=False)
            return
        blocks = passage_blocks(found, int(offset or 0))
        respond(text="More sources", blocks=blocks, response_type="ephemeral", replace_original=False)

    def share(body: dict[str, Any], respond: Respond) -> None:
        action = BlockAction.model_validate(body)
        found = bot.again(action.actions[0].value)
        if found is None:
            respond(text="That answer is too old to share; ask again.", replace_original=False)
            return
        asked = context_block(f"<@{action.user.id}> asked: {escape(shorten(found.question, 500))}")
        blocks = [asked, *answer_blocks(found, more=bool(extra_passages(found)))][:BLOCK_LIMIT]
        respond(
            text=fallback_text(found),
            blocks=blocks,
            response_type="in_channel",
            replace_original=False,
        )
        respond(delete_original=True)

    app.action(ACTION_UP)(ack=_ack, lazy=[vote])
    app.action(ACTION_DOWN)(ack=_ack, lazy=[vote])
    app.action(ACTION_MORE)(ack=_ack, lazy=[more_sources])
    app.action(ACTION_SHARE)(ack=_ack, lazy=[share])
