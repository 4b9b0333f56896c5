"""The language model in the chat's turns: what a turn hands to it, and what the next turn does with the answer.

Each use has the same shape: inside the turn, take what the model needs as plain data (the user's rows stay in
the turn); after the turn is saved, outside its transaction and with no row locked, ask the model (bounded by
LLM_TIMEOUT); then, in a fresh turn of the same user (`Turn.later`), check the answer and use it, or take the
built-in path. The user's next message waits for this (the core's in-process lock), so turns keep their order.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.assist import writing
from bot.assist.port import fell_back
from bot.conversation.turn import Turn
from bot.drafts import store as ds
from bot.drafts.draft import Draft
from bot.store.models import Interview

log = logging.getLogger(__name__)


def writing_on(turn: Turn) -> bool:
    model = getattr(turn, "model", None)
    return model is not None and model.on("writing", turn.user)


def reading_on(turn: Turn) -> bool:
    model = getattr(turn, "model", None)
    return model is not None and model.on("reading", turn.user)


def request(turn: Turn, interview: Interview, key: ds.DraftKey, builtin: Draft) -> writing.Request:
    person = next((p for p in interview.people if p.id == key.person_id), None)
    promise = next((p for p in interview.promises if p.id == key.promise_id), None)
    how = ds.Writing.of(turn.user, turn.now)
    return writing.request_for(interview, key.kind, person, promise, builtin, how.sender, how.tz, how.now)


def write_then(
    turn: Turn,
    asks: list[tuple[ds.DraftKey, writing.Request, str | None]],
    then: Callable[[Turn], Awaitable[None]],
) -> None:
    """After this turn: ask the model for each draft (all at once), then in a new turn keep each body that passed
    the checks as its draft and run `then` (which shows them). `asks`: (key, request, a text to vary or None)."""
    model = turn.model

    async def job():
        async def one(req: writing.Request, previous: str | None) -> str | None:
            try:
                return await writing.write(model, req, previous)
            except Exception:  # never the turn's problem: the built-in draft stands
                log.exception("model draft failed")
                fell_back("writing", "error: unexpected")
                return None

        bodies = await asyncio.gather(*(one(req, previous) for _, req, previous in asks))

        async def finish(after: Turn) -> None:
            for (key, req, _), body in zip(asks, bodies, strict=True):
                if body is not None:
                    try:
                        await ds.offer_written(after.session, key, after.user, after.now, req.builtin.subject, body)
                    except LookupError:  # the person or interview went in between
                        continue
            await then(after)

        return finish

    turn.later(job)


def paragraphs_of(body: str) -> str:
    """A draft's body without its greeting and sign-off: what the model is asked to vary."""
    lines = body.split("\n")
    return "\n".join(lines[1:-2]).strip() if len(lines) > 3 else body
