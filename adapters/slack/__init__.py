"""Followup on Slack (slack-bolt).

The same six modules as adapters/telegram: `inbound` (events, commands, clicks, forms -> Incoming),
`outbound` (Reply -> Block Kit messages, planned), `keys` (user keys), `sender` (the dispatcher's
Sender, executing plans), `bot` (Bolt listeners) and `run`; plus `pacing` (Web API retries and
per-channel pacing), `views` (App Home and modals), `oauth` (installations per workspace), and what
`bot` mixes in: `forms` (the modals' work), `home` (App Home) and `workspaces` (the app removed).
"""
