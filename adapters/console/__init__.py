"""Followup in the terminal (`followup-bot chat`).

`chat` (the ConsoleChat adapter: the input loop, and the Sender that prints reminders; `run`), `render`
(a reply as terminal text with numbered choices) and `terminal` (stdin, the time zone, hidden typing).
"""
