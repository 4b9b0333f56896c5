"""Followup on Telegram (python-telegram-bot 22).

The same six modules as adapters/slack: `inbound` (Update -> Incoming), `outbound` (Reply -> Bot API
calls), `keys` (user keys), `sender` (the dispatcher's Sender), `bot` (PTB handlers) and `run`; plus
`pacing` (flood limits), `connections` (HTTPX) and `updates` (webhook, in order per user).
"""
