"""A conversation-style test driver: `await ada.says("/new")`, `ada.expect("company")`, `await ada.taps(...)`.

It talks to the core directly; the conversations themselves are in `tests/support/scripts.py`."""

from __future__ import annotations

from bot.common.events import Button, Incoming, Reply, Who


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
