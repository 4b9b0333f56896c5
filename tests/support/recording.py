"""A Sender for tests that records what it delivers and can fail on demand."""

from __future__ import annotations

from collections.abc import Sequence

from bot.common.events import DeliveryError, Reply, UserUnreachable


class RecordingSender:
    def __init__(self, platform: str = "console") -> None:
        self.platform = platform
        self.sent: list[tuple[str, Reply]] = []
        self.fail_next = 0  # transient failures to raise before accepting again
        self.blocked: set[str] = set()

    async def deliver(self, user_key: str, replies: Sequence[Reply]) -> None:
        if user_key in self.blocked:
            raise UserUnreachable("Forbidden: bot was blocked by the user")
        if self.fail_next:
            self.fail_next -= 1
            raise DeliveryError("502 Bad Gateway", retry_after=None)
        self.sent.extend((user_key, reply) for reply in replies)

    def texts(self, user_key: str | None = None) -> list[str]:
        return [r.text for key, r in self.sent if user_key is None or key == user_key]

    def take(self) -> list[Reply]:
        replies = [r for _, r in self.sent]
        self.sent.clear()
        return replies
