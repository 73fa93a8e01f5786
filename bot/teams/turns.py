"""The bot's turns: answer, welcome, scope and feedback. Thin: `answer()` and format."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from functools import partial

from microsoft_agents.activity import Activity, ActivityTypes
from microsoft_agents.hosting.core import AgentApplication, TurnContext, TurnState
from microsoft_agents.hosting.core.app.typing_indicator import TypingIndicator, TypingOptions
from pydantic import ValidationError

from bot.commands import compare_topic
from bot.feedback import FeedbackStore
from bot.limits import RateLimiter
from bot.scopes import UnknownScope, municipalities_of, resolve_scope
from bot.settings import Settings
from bot.teams.activities import (
    HELP_WORDS,
    FeedbackSubmit,
    is_addressed,
    question_text,
    scope_argument,
    team_key,
)
from bot.teams.cards import answer_card, card_activity, compare_card, compare_summary, welcome_card
from bot.teams.scopes import SCOPE_OFF_WORDS, TeamScopes, scope_label, unknown_scope_text
from bot.text import shorten
from index.answer import answer as answer_question
from index.compare import compare
from index.errors import IndexError_, QuestionError
from index.search import IndexHandle
from index.types import Answer, Filters

log = logging.getLogger(__name__)


class TeamsBot:
    """The turn handlers: answer, welcome, scope and feedback. Thin: `answer()` and format."""

    def __init__(
        self,
        settings: Settings,
        handle: IndexHandle,
        feedback: FeedbackStore,
        scopes: TeamScopes,
        *,
        typing_every: float = 3.0,
    ) -> None:
        self.settings = settings
        self.handle = handle
        self.feedback = feedback
        self.scopes = scopes
        ms = int(typing_every * 1000)  # while answering, the typing indicator is renewed this often
        self.keep_typing = TypingOptions(initial_delay_ms=ms, interval_ms=ms)
        self.rate = RateLimiter(settings.teams_rate_limit_per_minute)

    def register(self, agent: AgentApplication[TurnState]) -> None:
        agent.activity(ActivityTypes.message)(self.on_message)
        agent.conversation_update("membersAdded")(self.on_members_added)
        agent.error(self.on_error)

    async def on_message(self, context: TurnContext, state: TurnState) -> None:
        activity = context.activity
        if activity.value is not None:
            await self.on_card_submit(context)
            return
        if not is_addressed(activity):
            return
        text = question_text(activity)
        argument = scope_argument(text)
        topic = compare_topic(text)
        if argument is not None:
            await self.on_scope(context, argument)
        elif topic is not None:
            await self.on_compare(context, topic)
        elif text.lower().strip("!?. ") in HELP_WORDS:
            await self.send_welcome(context)
        else:
            await self.on_question(context, text)

    async def on_question(self, context: TurnContext, text: str) -> None:
        filters = self.scopes.filters(team_key(context.activity))
        await self._reply(context, partial(self._answer_activity, text, filters))

    async def on_compare(self, context: TurnContext, topic: str) -> None:
        """`compare <topic>`: the table of every agreement's clause on the topic."""
        await self._reply(context, partial(self._compare_activity, topic))

    async def _reply(self, context: TurnContext, make: Callable[[], Activity]) -> None:
        """Rate limit, typing while `make` works in a thread, then its card (or the error's sentence)."""
        sender = context.activity.from_property
        user = (sender.aad_object_id or sender.id) if sender is not None else "anonymous"
        wait = self.rate.retry_after(f"teams:{user}")
        if wait:
            english = context.activity.locale and context.activity.locale.lower().startswith("en")
            await context.send_activity(
                f"You're asking quickly — please ask again in {wait:.0f} s."
                if english
                else f"Je vraagt snel achter elkaar — stel je vraag over {wait:.0f} s opnieuw."
            )
            return
        await context.send_activity(Activity(type=ActivityTypes.typing))
        try:
            async with TypingIndicator(context, typing_options=self.keep_typing):
                reply = await asyncio.to_thread(make)
        except (QuestionError, IndexError_) as error:
            await context.send_activity(str(error))
            return
        await context.send_activity(reply)

    def _answer_activity(self, text: str, filters: Filters) -> Activity:
        result = self._answer(text, filters)
        return card_activity(
            answer_card(result, self.settings.public_url), shorten(result.text, 120, at_word=False)
        )

    def _compare_activity(self, topic: str) -> Activity:
        """A comparison spans all documents, whatever the team's scope."""
        result = compare(self.handle.get(), topic, max_chars=self.settings.max_question_chars)
        card = compare_card(result, self.settings.public_url)
        return card_activity(card, shorten(compare_summary(result), 120, at_word=False))

    def _answer(self, text: str, filters: Filters) -> Answer:
        scope = None if filters.empty else filters
        return answer_question(self.handle.get(), text, scope, max_chars=self.settings.max_question_chars)

    async def on_scope(self, context: TurnContext, argument: str) -> None:
        key = team_key(context.activity)
        if argument.lower() in SCOPE_OFF_WORDS:
            self.scopes.bind(key, Filters())
        elif argument:
            engine = await asyncio.to_thread(self.handle.get)
            try:
                filters = resolve_scope(argument, engine.documents)
            except UnknownScope as error:
                await context.send_activity(unknown_scope_text(error))
                return
            self.scopes.bind(key, filters)
        await context.send_activity(scope_label(self.scopes.filters(key)))

    async def on_card_submit(self, context: TurnContext) -> None:
        try:
            submit = FeedbackSubmit.model_validate(context.activity.value)
        except ValidationError:
            log.debug("ignored a card submit that is not afspraken feedback")
            return
        sender = context.activity.from_property
        user = (sender.aad_object_id or sender.id) if sender else "unknown"
        await asyncio.to_thread(
            self.feedback.record, "teams", user, submit.answer_id, submit.question, submit.vote
        )
        thanks = "Bedankt voor je feedback!" if submit.vote == "up" else "Bedankt, we kijken ernaar."
        await context.send_activity(thanks)

    async def on_members_added(self, context: TurnContext, state: TurnState) -> None:
        bot_id = context.activity.recipient.id if context.activity.recipient else None
        if any(member.id == bot_id for member in context.activity.members_added or []):
            await self.send_welcome(context)

    async def send_welcome(self, context: TurnContext) -> None:
        try:
            engine = await asyncio.to_thread(self.handle.get)
            municipalities = municipalities_of(engine.documents)
        except IndexError_:
            municipalities = []
        await context.send_activity(card_activity(welcome_card(municipalities), "Welkom"))

    async def on_error(self, context: TurnContext, error: Exception) -> None:
        log.error("Teams turn failed: %s", type(error).__name__, exc_info=error)
        await context.send_activity("Er ging iets mis bij het beantwoorden. Probeer het zo opnieuw.")
