"""A platform's delivery id (Incoming.delivery) is recorded inside the turn, under the user's lock: the same
delivery twice is one turn, whichever adapter it came through; an event without one (the console) is never
taken for a replay."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from bot.common.events import Incoming, Who
from bot.store.models import Conversation, User

ADA = Who("telegram", "9001", "Ada")


async def step(app) -> str:
    async with app.sessions() as session:
        user = await session.scalar(select(User).where(User.key == ADA.key))
        return (await session.get(Conversation, user.id)).step


async def test_a_replayed_delivery_changes_nothing_and_gets_no_answer(app):
    assert await app.handle(Incoming(ADA, text="/start", delivery="telegram:update:1"))
    asked_name = await step(app)
    assert await app.handle(Incoming(ADA, text="/start", delivery="telegram:update:1")) is None
    # Even with other content (a forged or garbled replay), the id decides: nothing is taken as the name.
    assert await app.handle(Incoming(ADA, text="Mallory", delivery="telegram:update:1")) is None
    assert await step(app) == asked_name
    replies = await app.handle(Incoming(ADA, text="Ada", delivery="telegram:update:2"))
    assert replies and await step(app) != asked_name
    async with app.sessions() as session:
        assert (await session.scalar(select(User).where(User.key == ADA.key))).name == "Ada"


async def test_the_same_delivery_arriving_twice_at_once_is_one_turn(app):
    await app.handle(Incoming(ADA, text="/start", delivery="slack:event:Ev0"))
    both = await asyncio.gather(
        app.handle(Incoming(ADA, text="Ada", delivery="slack:event:Ev1")),
        app.handle(Incoming(ADA, text="Ada", delivery="slack:event:Ev1")),
    )
    assert sorted(r is None for r in both) == [False, True]


async def test_events_without_a_delivery_id_are_each_a_turn(app):
    console = Who("console", "ada", "Ada")
    first = await app.handle(Incoming(console, text="/help"))
    second = await app.handle(Incoming(console, text="/help"))
    assert first and second
