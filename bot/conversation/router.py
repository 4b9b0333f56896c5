"""Routing one event inside a turn: a command, a button, or a typed answer to the current question.

`route` is called by the turn loop (bot/conversation/core.py) with the user's rows loaded and locked; it finds the
conversation entry for the current state (bot/conversation/flows), runs the handler that fits the event, and moves
to the state the handler returns. A wrong answer is explained and changes nothing; `ask` puts the
current state's question (and its buttons) in the turn's replies.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.assist import reading
from bot.common import actions
from bot.common import texts as t
from bot.common.actions import Kind
from bot.common.events import Incoming
from bot.common.parsing.text import MAX_ANSWER_CHARS, Invalid
from bot.conversation import fields, flows
from bot.conversation.flows import Entry, Flow, State
from bot.conversation.turn import Turn


async def route(turn: Turn, event: Incoming) -> None:
    if turn.first_contact:
        # Whatever the first message says, it is not an answer yet: greet, then ask the name.
        command = flows.BY_NAME.get((event.text or "").strip().split(" ")[0].split("@")[0].lower())
        if command is not None and command.deferred:
            turn.set(then=command.name)
        turn.say(t.WELCOME)
        turn.ask = True
        return
    if event.action is not None:
        await _on_action(turn, event.action)
        return
    text = event.text or ""
    if len(text) > MAX_ANSWER_CHARS:
        await _invalid(
            turn,
            f"That message is {len(text):,} characters long; the limit is {MAX_ANSWER_CHARS:,}, so it's too "
            "long for me to store. Please send the main points. Nothing you saved before is lost.",
        )
        return
    if not text.strip():
        turn.say(
            "I can only read text. " + (t.IDLE_HINT if turn.conv.step == State.IDLE else "Please type your answer.")
        )
        return
    if text.lstrip().startswith("/"):
        await _on_command(turn, text.strip())
        return
    await _on_text(turn, text)


async def run(turn: Turn, handler: Callable[[], Awaitable[flows.Next]], via: flows.Via = None) -> None:
    """Run a handler and go where it says (`via`: the command or action entry it belongs to, None for the
    current state's entry); a wrong answer is explained and changes nothing."""
    try:
        result = await handler()
    except Invalid as exc:
        await _invalid(turn, str(exc))
        return
    _go(turn, result, via)


def _go(turn: Turn, result: flows.Next, via: flows.Via = None) -> None:
    if result is flows.AGAIN:
        turn.ask = True
    elif result is not None:
        flows.move(turn, result, via)


async def _on_text(turn: Turn, text: str) -> None:
    entry = here(turn)
    # A typed button label (case and punctuation aside, or its number, mapped by the console) counts
    # as a tap, and so does a typed "no" where the question has a "Nothing" / "That's all" button.
    if entry.ask is not None and (entry.choices or entry.prefixed):
        _, pairs = await turn.render(entry.state, entry.ask)
        code = fields.match_button(text, pairs, no_more=entry.no_more, more=entry.more)
        if code is not None and entry.handler_for(code) is not None:
            await _on_choice(turn, entry, code)
            return
    # The label of a button of the question that comes after this one ("That's everyone" typed at "one thing you
    # discussed with Jane", "Went well" at "why you"): this question is skipped and that button tapped.
    ahead = _next_questions_button(entry, text)
    if ahead is not None and entry.skip is not None:
        skip, (state, code) = entry.skip, ahead
        await run(turn, lambda: skip(turn))
        if turn.conv.step == state:
            await _on_choice(turn, flows.ENTRIES[state], code)
        return
    # "dunno", "-", "not sure" on a question that can be skipped: skipped, nothing to type.
    if entry.skip is not None and not entry.reads_no and fields.means_skip(text):
        skip = entry.skip
        await run(turn, lambda: skip(turn))
        return
    on_text = entry.text
    if on_text is None:
        await _invalid(turn, t.USE_BUTTONS)
        return
    reader = reading.reader_for(turn, entry.state) if turn.model is not None else None
    if reader is None:
        await run(turn, lambda: on_text(turn, text))
        return
    # The language model may read what the field layer cannot (bot/assist/reading.py), after this turn is saved.
    if reader.partial(turn, text):
        reading.read_later(turn, reader, text, None, on_text)
        return
    try:
        result = await on_text(turn, text)
    except Invalid as exc:
        reading.read_later(turn, reader, text, str(exc), on_text)
        return
    _go(turn, result)


def _next_questions_button(entry: Entry, text: str) -> tuple[State, str] | None:
    """(the next state, its button's code) when `text` is exactly the label of one button of a question this one
    leads to, and of no button of its own; None otherwise."""
    own = getattr(entry.ask, "pairs", ())
    if fields.match_label(text, own) is not None:
        return None
    found = {
        (state, code)
        for state in entry.goes_to
        if state != entry.state
        for code in [fields.match_label(text, getattr(flows.ENTRIES[state].ask, "pairs", ()))]
        if code is not None
    }
    return found.pop() if len(found) == 1 else None


async def _invalid(turn: Turn, message: str) -> None:
    """Explain what was wrong, keeping the question's buttons at hand; nothing is changed."""
    entry = here(turn)
    pairs = (await turn.render(entry.state, entry.ask))[1] if entry.ask is not None else []
    turn.choose(message, pairs)


async def _on_command(turn: Turn, text: str) -> None:
    name = text.split()[0].split("@")[0].lower()
    command = flows.BY_NAME.get(name)
    flow = here(turn).flow
    if flow == Flow.ONBOARDING and (command is None or command.where != flows.Where.ALWAYS):
        if command is not None and command.deferred:
            turn.set(then=command.name)
            turn.say("Sure; first I need two things from you.")
        else:
            turn.say("Let's finish setting you up first.")
        turn.ask = True
    elif command is None:
        turn.say(t.UNKNOWN_COMMAND.format(cmd=name[:40]))
        turn.ask = True
    elif command.where == flows.Where.IDLE and flow != Flow.IDLE:
        turn.say("Let's finish this first, or /cancel it.")
        turn.ask = True
    else:
        await run(turn, lambda: command.run(turn, flows.ENTRIES), command)


async def _on_action(turn: Turn, raw: str) -> None:
    action = actions.decode(raw)
    if action is None or action.ref > 2**31 - 1:  # no row id is that big; PostgreSQL would refuse it
        turn.say(t.FOREIGN_BUTTON, notice=True)
        return
    if action.kind != Kind.CHOICE:  # a wing's button: the action registry (bot/conversation/flows) says whose
        entry = flows.action_for(action)
        if entry is None:
            turn.say(t.FOREIGN_BUTTON, notice=True)
            return
        await run(turn, lambda: entry.run(turn, action), entry)
    elif action.ref != turn.conv.revision:
        turn.say(t.STALE_BUTTON, notice=True)
    else:
        await _tap(turn, action.op)


async def _tap(turn: Turn, code: str) -> None:
    """A tap on the current question: mark the old message with the choice, then act on it."""
    entry = here(turn)
    if entry.ask is not None:
        text, pairs = await turn.render(entry.state, entry.ask)
        label = next((lbl for lbl, c in pairs if c == code), None)
        if label is None:
            turn.say(t.FOREIGN_BUTTON, notice=True)
            return
        turn.say(f"{text}\n\n→ {label}", replace=True)
    await _on_choice(turn, entry, code)


async def _on_choice(turn: Turn, entry: Entry, code: str) -> None:
    handler = entry.handler_for(code)
    if handler is None:
        turn.say(t.FOREIGN_BUTTON, notice=True)
        return
    await run(turn, lambda: handler(turn))


def here(turn: Turn) -> Entry:
    return flows.ENTRIES[State(turn.conv.step)]


async def ask(turn: Turn) -> None:
    """Ask the current state's question, with buttons carrying the conversation's new revision."""
    entry = here(turn)
    if entry.ask is None:
        return
    text, pairs = await turn.render(entry.state, entry.ask)
    turn.choose(text, pairs, multiline=entry.multiline)
