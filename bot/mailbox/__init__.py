"""The user's own mailbox (opt-in): send approved drafts through it, notice replies in it.

What the chat calls (all on `MailboxService`, one per process):
- `available` / `off_reason`: False and why, without FOLLOWUP_SECRET_KEY.
- `connect(user_id, MailboxForm)` -> `Connected(ok, words, description)`: checks SMTP and IMAP first.
- `describe(user_id)` / `export(user_id)`: export-safe (no password); `disconnect(user_id)`.
- `send_draft(user_id, followup_id, draft, from_name=..., send_anyway=...)` -> `SendResult`.
- `start_watching(on_reply)` / `stop_watching()`: `on_reply(ReplySeen)` for each reply noticed.
"""

from bot.mailbox.providers import Provider, provider_for
from bot.mailbox.records import MailboxForm
from bot.mailbox.replies import ReplySeen
from bot.mailbox.sending import SendResult, SendStatus
from bot.mailbox.service import Connected, MailboxService

__all__ = [
    "Connected",
    "MailboxForm",
    "MailboxService",
    "Provider",
    "ReplySeen",
    "SendResult",
    "SendStatus",
    "provider_for",
]
