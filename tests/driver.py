"""A conversation-style test driver: `await ada.says("/new")`, `ada.expect("company")`, `await ada.taps(...)`."""

from __future__ import annotations

from bot.events import Button, Incoming, Reply, Who


class ChatUser:
    """One person chatting with the core, keeping what the bot said last."""

    def __init__(self, app, user_id: str = "ada", platform: str = "console", name: str = "Ada", tz_hint=None) -> None:
        self.app = app
        self.who = Who(platform, user_id, name)
        self.tz_hint = tz_hint
        self.last: list[Reply] = []
        self.seen: list[Reply] = []
        self.buttons: list[Button] = []

    @property
    def text(self) -> str:
        return "\n".join(r.text for r in self.last)

    async def _send(self, event: Incoming) -> ChatUser:
        self.last = await self.app.handle(event)
        self.seen.extend(self.last)
        fresh = [b for r in self.last if not r.replace and not r.notice for b in r.buttons]
        if fresh:
            self.buttons = fresh
        return self

    async def says(self, text: str) -> ChatUser:
        return await self._send(Incoming(self.who, text=text, tz_hint=self.tz_hint))

    async def taps(self, label: str) -> ChatUser:
        """Tap the button whose label contains `label` among the latest buttons shown."""
        matches = [b for b in self.buttons if label.casefold() in b.label.casefold()]
        assert matches, f"no button {label!r} among {[b.label for b in self.buttons]}"
        return await self.sends_action(matches[0].action)

    async def sends_action(self, action: str) -> ChatUser:
        return await self._send(Incoming(self.who, action=action))

    def expect(self, *fragments: str) -> ChatUser:
        text = self.text.casefold()
        for fragment in fragments:
            assert fragment.casefold() in text, f"expected {fragment!r} in:\n{self.text}"
        return self

    def button(self, label: str) -> Button:
        return next(b for b in self.buttons if label.casefold() in b.label.casefold())


async def onboard(user: ChatUser, name: str = "Ada Lovelace", tz: str = "Berlin") -> None:
    await user.says("/start")
    user.expect("what name")
    await user.says(name)
    user.expect("time zone")
    await user.says(tz)
    user.expect("Time zone set")


PEOPLE = [
    ("Jane Doe", "Hiring manager", "jane@acme.example", "+49 30 901820"),
    ("Bob Stone", "Tech lead", "bob@acme.example", None),
]


async def debrief(
    user: ChatUser,
    people=PEOPLE,
    *,
    when: str = "today 11:00",
    assessment: str = "Mixed",
    clarification: str | None = "I undersold my Kafka experience",
    decision: str | None = "in two weeks",
    mine: tuple[str, str | None] | None = ("writing samples", "friday"),
    theirs: tuple[str, str | None] | None = ("client case studies", None),
) -> ChatUser:
    """Answer every question of a debrief, ending at the summary."""
    await user.says("/new")
    user.expect("company")
    await user.says("Acme <Corp> & Co")
    await user.says("Data Engineer")
    await user.says(when)
    user.expect("Got it")
    for index, (name, role, email, phone) in enumerate(people):
        if index:
            await user.taps("Add another person")
        await user.says(name)
        await user.says(role)
        await user.says(email) if email else await user.says("/skip")
        await user.says(phone) if phone else await user.says("/skip")
        user.expect(f"Added {name}")
    await user.taps("That's everyone")
    user.expect("questions are still open")
    await user.says("How the team splits on-call work. Also the roadmap.")
    await user.says("Migrating 200 legacy pipelines to streaming without downtime.")
    await user.says("I led a similar migration at Beta GmbH, cutting costs by 30%.")
    await user.taps(assessment)
    if assessment != "Went well":
        await (user.says(clarification) if clarification else user.says("/skip"))
    await user.says("A take-home exercise next week")
    await (user.says(decision) if decision else user.taps("Not sure"))
    for item, label in ((mine, "Nothing"), (theirs, "Nothing")):
        if item is None:
            await user.taps(label)
            continue
        await user.says(item[0])
        await (user.says(item[1]) if item[1] else user.taps("No date"))
        await user.taps("That's all")
    user.expect("Here's your debrief")
    return user
