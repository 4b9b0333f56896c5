"""A role and company typed in lowercase on a phone read the same everywhere the bot names them: the reminders and
/interviews say "QA Lead at Initech", as the drafts do, never "qa lead at initech"."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.support.driver import ChatUser
from tests.support.recording import RecordingSender
from tests.support.scripts import debrief, onboard


async def test_a_lowercase_role_and_company_are_shown_as_titles_in_reminders_and_interviews(app, clock):
    clock.now = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    sender = RecordingSender()
    app.add_sender(sender)
    priya = ChatUser(app)
    await onboard(priya, name="priya r", tz="london")
    await debrief(priya, company="initech", role="qa lead", when="just now", decision=None, write_drafts=True)
    assert "QA Lead interview at Initech" in priya.text or "QA Lead role at Initech" in priya.text, priya.text
    clock.advance(hours=2)
    assert await app.dispatch_due() >= 1
    reminder = next(r for r in sender.take() if "Jane Doe" in r.text.split("\n")[0])
    assert "(QA Lead at Initech)" in reminder.text, reminder.text
    sent = next(b for b in reminder.buttons if b.label == "Sent")
    await priya.sends_action(sent.action)
    assert "(QA Lead at Initech)" in priya.text and "initech)" not in priya.text, priya.text
    await priya.says("/interviews")
    assert "QA Lead at Initech" in priya.text
    close = next(b for b in priya.buttons if b.label.startswith("Close"))
    assert close.label == "Close: Initech"
    await priya.taps("Close: Initech")
    assert "How did it end with Initech?" in priya.text, priya.text


async def test_company_and_role_typed_together_are_said_back_as_the_drafts_name_them(app):
    nadia = ChatUser(app)
    await onboard(nadia, name="nadia", tz="london")
    await nadia.says("/new")
    await nadia.says("product designer at figma")
    nadia.expect("Noted: Figma, Product Designer")
