"""What adapters need to know about a reply, the core says in it (`Reply.step`, `Reply.multiline`,
`Button.opens_form`): no adapter decodes the core's button strings to find out."""

from __future__ import annotations

from adapters.console.render import render
from adapters.slack.outbound import actions_blocks
from bot.common.events import Button
from tests.support.driver import ChatUser
from tests.support.recording import RecordingSender
from tests.support.scripts import debrief, onboard


async def test_the_core_marks_step_buttons_multiline_questions_and_form_buttons(app, clock):
    sender = RecordingSender()
    app.add_sender(sender)
    ada = ChatUser(app)
    await onboard(ada)
    await debrief(ada)
    await ada.taps("Write the drafts")
    jane = next(r for r in ada.last if r.files and "Dear Jane" in r.text)
    # Under a draft: "Edit" opens a form (Slack's modal) for that draft's follow-up; the others do not.
    edit = next(b for b in jane.buttons if b.label == "Edit")
    assert edit.opens_form == "draft" and edit.form_ref is not None
    assert all(not b.opens_form for b in jane.buttons if b.label != "Edit")
    # The question after "Edit" in the chat takes several lines: the terminal says how to type them.
    await ada.taps("Edit")
    question = next(r for r in ada.last if r.buttons)
    assert question.multiline and not question.step
    assert '"""' in render(question)
    # A reminder's buttons are a step's (they stay valid under their tag); a question's are not.
    clock.advance(hours=2)
    await app.dispatch_due()
    reminders = sender.take()
    assert reminders and all(r.step and not r.multiline for r in reminders)
    await ada.says("/interviews")
    steps = [r for r in ada.last if r.buttons and any(b.label == "They replied" for b in r.buttons)]
    assert steps and all(r.step for r in steps)
    assert not any(r.step for r in ada.last if any("Close" in b.label for b in r.buttons))


def test_slack_names_the_form_a_button_opens_in_its_action_id():
    plain, form = Button("Looks good", "d:7:ok"), Button("Edit", "d:7:ed", opens_form="draft", form_ref=7)
    (block,) = actions_blocks([plain, form])
    ids = [element["action_id"] for element in block["elements"]]
    assert ids == ["followup:0", "followup:1:draft:7"]
    assert [element["value"] for element in block["elements"]] == ["d:7:ok", "d:7:ed"]
