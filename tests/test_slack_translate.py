"""Unit tests of the Slack adapter's pure translation functions (no network, no Bolt)."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given
from hypothesis import strategies as st
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from adapters.slack.inbound import (
    click_origin,
    command_text,
    direct_message,
    event_key,
    form_fields,
    interaction_who,
    is_form_command,
    plain_text,
    profile_name,
)
from adapters.slack.keys import parse_user_key
from adapters.slack.outbound import (
    CORE_COMMANDS,
    actions_blocks,
    escape_mrkdwn,
    reply_messages,
    slack_commands,
    split_text,
)
from adapters.slack.pacing import ChannelHeld, Pacer, delivery_error, retry_after
from adapters.slack.views import MAX_HOME_BLOCKS, debrief_modal, form_errors, home_view
from bot.common.events import Button, DeliveryError, Reply, UserUnreachable
from bot.conversation.form import FIELDS
from tests.support.fake_slack import block_kit_problems


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


# Escaping and splitting ------------------------------------------------------------------------------


def test_escape_mrkdwn_escapes_the_three_control_characters():
    assert escape_mrkdwn("a & b <@U1> <!here> > c") == "a &amp; b &lt;@U1&gt; &lt;!here&gt; &gt; c"
    assert escape_mrkdwn("*bold* _it_ ünïcødé 🎉 שלום") == "*bold* _it_ ünïcødé 🎉 שלום"


def test_split_prefers_paragraphs_then_lines_then_spaces():
    # A paragraph break late enough in the window wins over a later line break.
    text = "a" * 1600 + "\n\n" + "b" * 1000 + "\n" + "c" * 1000
    assert split_text(text, 3000) == ["a" * 1600, "b" * 1000 + "\n" + "c" * 1000]
    # One too early (it would leave a tiny piece) loses to a line break, and that to a space.
    text = "a" * 1000 + "\n\n" + "b" * 1500 + "\n" + "c" * 1000
    assert split_text(text, 3000) == ["a" * 1000 + "\n\n" + "b" * 1500, "c" * 1000]
    text = "a" * 2000 + " " + "b" * 1500
    assert split_text(text, 3000) == ["a" * 2000, "b" * 1500]
    assert split_text("x" * 7000, 3000) == ["x" * 3000, "x" * 3000, "x" * 1000]


def test_split_counts_escaped_length_and_never_cuts_an_entity():
    text = "&" * 1000  # 5,000 characters once escaped
    pieces = split_text(text, 3000)
    assert all(len(escape_mrkdwn(p)) <= 3000 for p in pieces)
    assert "".join(pieces) == text


def test_split_of_empty_or_blank_text_is_nothing():
    assert split_text("") == []
    assert split_text("   \n ") == []


@given(st.text(alphabet=st.sampled_from(list("ab &<>\n é🎉")), max_size=9000))
def test_split_keeps_every_visible_character_and_respects_the_limit(text):
    pieces = split_text(text, 300)
    assert all(0 < len(escape_mrkdwn(p)) <= 300 for p in pieces)
    assert "".join(pieces).replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")


# Replies to Block Kit -----------------------------------------------------------------------------


def test_reply_becomes_escaped_section_and_buttons_with_the_core_action_as_value():
    reply = Reply("Tom & Jerry <tom@example.com>", buttons=(Button("Yes", "c:3:yes"), Button("No", "c:3:no")))
    [message] = reply_messages(reply)
    section, actions = message["blocks"]
    assert section["text"] == {"type": "mrkdwn", "text": "Tom &amp; Jerry &lt;tom@example.com&gt;", "verbatim": True}
    assert [(e["text"]["text"], e["value"]) for e in actions["elements"]] == [("Yes", "c:3:yes"), ("No", "c:3:no")]
    assert message["text"] == "Tom &amp; Jerry &lt;tom@example.com&gt;"
    assert block_kit_problems(message["blocks"]) == []


def test_long_labels_are_cut_to_75_and_many_buttons_split_into_actions_blocks():
    buttons = tuple(Button("x" * 200 if i == 0 else f"b{i}", f"c:1:o{i}") for i in range(30))
    blocks = actions_blocks(buttons)
    assert [len(b["elements"]) for b in blocks] == [25, 5]
    assert len(blocks[0]["elements"][0]["text"]["text"]) == 75
    assert blocks[0]["elements"][0]["text"]["text"].endswith("…")
    assert block_kit_problems(blocks) == []


def test_a_button_whose_action_is_too_long_for_slack_is_dropped_not_cut():
    blocks = actions_blocks((Button("ok", "c:1:ok"), Button("bad", "x" * 2001)))
    assert [e["value"] for e in blocks[0]["elements"]] == ["c:1:ok"]


def test_a_huge_reply_is_split_into_several_messages_with_the_buttons_on_the_last():
    paragraph = "word " * 500  # about 2,500 characters
    reply = Reply("\n\n".join([paragraph.strip()] * 120), buttons=(Button("Done", "r:1:done"),))
    messages = reply_messages(reply)
    assert len(messages) == 3
    assert all(block_kit_problems(m["blocks"]) == [] for m in messages)
    assert all(len(m["text"]) <= 3000 for m in messages)
    assert [b["type"] for b in messages[-1]["blocks"]][-1] == "actions"
    assert all(b["type"] == "section" for m in messages[:-1] for b in m["blocks"])
    shown = "".join(unescape(b["text"]["text"]) for m in messages for b in m["blocks"] if b["type"] == "section")
    assert shown.replace(" ", "") == reply.text.replace(" ", "").replace("\n", "")


def test_empty_reply_makes_no_message_and_buttons_alone_still_have_fallback_text():
    assert reply_messages(Reply("")) == []
    [message] = reply_messages(Reply("", buttons=(Button("Go", "c:1:go"),)))
    assert message["text"].strip() == ""
    assert message["text"]
    assert message["blocks"][0]["type"] == "actions"


def test_command_mentions_become_slash_followup_subcommands():
    assert slack_commands("Type /new, or /skip if not. (/help)") == (
        "Type /followup new, or /followup skip if not. (/followup help)"
    )
    # Not commands: paths, URLs, unknown words, already-rewritten text.
    for text in ("see acme.com/new", "and/or", "/dev/null", "/newsletter", "/followup new"):
        assert slack_commands(text) == text
    [message] = reply_messages(Reply("Use /cancel to stop."))
    assert message["blocks"][0]["text"]["text"] == "Use /followup cancel to stop."


def test_every_core_command_is_rewritten():
    from bot.app import commands_menu

    assert {name for name, _ in commands_menu()} | {"back", "skip"} <= set(CORE_COMMANDS)


# App Home and the form ----------------------------------------------------------------------------


def test_home_view_lists_the_overview_and_stays_within_100_blocks():
    overview = [Reply(f"Acme {i} & co: thank-you due", buttons=(Button("Open", f"i:{i}:open"),)) for i in range(80)]
    view = home_view(overview)
    assert view["type"] == "home"
    assert len(view["blocks"]) <= MAX_HOME_BLOCKS
    assert block_kit_problems(view["blocks"], max_blocks=100) == []
    texts = [b["text"]["text"] for b in view["blocks"] if b["type"] == "section"]
    assert "Acme 0 &amp; co: thank-you due" in texts
    assert "more not shown" in view["blocks"][-1]["elements"][0]["text"]


def test_home_view_when_there_is_nothing_yet():
    view = home_view([])
    assert any("Nothing yet" in b["text"]["text"] for b in view["blocks"] if b["type"] == "section")


def test_debrief_form_has_one_input_per_core_field_and_reads_back_the_submission():
    view = debrief_modal()
    ids = [b["block_id"] for b in view["blocks"]]
    assert ids == list(FIELDS)  # one input per field the core's form takes, in its order
    assert len(view["title"]["text"]) <= 24
    values = {
        "company": {"value": {"type": "plain_text_input", "value": "Acme & Sons"}},
        "open_questions": {"value": {"type": "plain_text_input", "value": None}},
        "assessment": {"value": {"type": "radio_buttons", "selected_option": {"value": "mixed"}}},
    }
    assert form_fields(values) == {"company": "Acme & Sons", "open_questions": "", "assessment": "mixed"}


def test_form_errors_are_keyed_by_block_and_unknown_fields_land_on_the_first_block():
    shown = form_errors({"people": "Line 2: that email looks wrong", "__all__": "Something else"})
    assert shown == {"people": "Line 2: that email looks wrong", "company": "Something else"}


# Payloads to core events --------------------------------------------------------------------------


def test_plain_text_undoes_slack_markup_and_escapes():
    assert plain_text("Jane, CTO, <mailto:jane@acme.com|jane@acme.com>") == "Jane, CTO, jane@acme.com"
    assert plain_text("call <tel:+4930123|+49 30 123> or see <https://acme.com|acme.com>") == (
        "call +49 30 123 or see acme.com"
    )
    assert plain_text("<https://acme.com/jobs?a=1&amp;b=2>") == "https://acme.com/jobs?a=1&b=2"
    assert plain_text("hi <@U2|bob> in <#C1|general> <!here>") == "hi @bob in #general @here"
    assert plain_text("1 &lt; 2 &amp;&amp; 3 &gt; 2, typed &amp;lt;") == "1 < 2 && 3 > 2, typed &lt;"
    assert plain_text("émoji 🎉 and שלום") == "émoji 🎉 and שלום"


@pytest.mark.parametrize(
    ("typed", "command"),
    [
        ("new", "/new"),
        ("", "/help"),
        ("  Interviews ", "/interviews"),
        ("settings tz Berlin", "/settings tz Berlin"),
        ("/upcoming", "/upcoming"),
        ("help me", "/help me"),
    ],
)
def test_command_text_maps_subcommands(typed, command):
    assert command_text(typed) == command


def test_form_subcommand_is_recognised():
    assert is_form_command("form")
    assert is_form_command(" Modal ")
    assert not is_form_command("new form")


def test_user_keys_round_trip_and_reject_other_shapes():
    assert parse_user_key("slack:T1:U2") == ("T1", "U2")
    for bad in ("telegram:1", "slack:T1", "slack::U2", "slack:T1:U2:x"):
        with pytest.raises(ValueError, match="not a Slack user key"):
            parse_user_key(bad)


def _body(event, event_id="Ev1"):
    return {"team_id": "T1", "event_id": event_id, "event": event}


def test_direct_message_takes_only_what_a_person_typed_in_the_dm():
    typed = {
        "type": "message",
        "channel_type": "im",
        "channel": "D1",
        "user": "U1",
        "team": "T9",
        "text": "Acme &amp; Co",
        "ts": "1.0",
    }
    message = direct_message(_body(typed))
    assert message is not None
    assert (message.team_id, message.user_id, message.channel, message.text) == ("T9", "U1", "D1", "Acme & Co")
    assert direct_message(_body({**typed, "subtype": "message_changed"})) is None
    assert direct_message(_body({**typed, "bot_id": "B1"})) is None
    assert direct_message(_body({**typed, "channel_type": "channel"})) is None
    assert event_key(_body(typed, "Ev42")) == "slack:event:Ev42"
    # A file sent with text typed beside it: the text is the answer (issue 19); a file alone reaches the core
    # with no text, which answers that it reads text.
    shared = {**typed, "subtype": "file_share", "files": [{"id": "F1", "name": "cv.pdf"}]}
    assert direct_message(_body(shared)).text == "Acme & Co"
    assert direct_message(_body({**shared, "text": ""})).text == ""


def test_interaction_who_and_click_origin():
    body = {
        "user": {"id": "U1", "username": "ada", "team_id": "T1"},
        "team": {"id": "T1"},
        "container": {"type": "message", "channel_id": "D1", "message_ts": "17.1", "is_ephemeral": False},
        "response_url": "https://hooks/x",
    }
    person = interaction_who(body)
    assert (person.key, person.name) == ("slack:T1:U1", "ada")
    origin = click_origin(body)
    assert (origin.channel, origin.ts, origin.ephemeral, origin.in_view) == ("D1", "17.1", False, False)
    home = click_origin({"container": {"type": "view", "view_id": "V1"}})
    assert home.in_view
    assert not home.ts


def test_profile_name_prefers_the_display_name():
    assert profile_name({"name": "ada", "real_name": "Ada L", "profile": {"display_name": "Ada"}}) == "Ada"
    assert profile_name({"name": "ada", "real_name": "Ada L", "profile": {"display_name": ""}}) == "Ada L"


# Web API errors and pacing ------------------------------------------------------------------------


def _error(status, error, headers=None):
    response = AsyncSlackResponse(
        client=None,
        http_verb="POST",
        api_url="x",
        req_args={},
        data={"ok": False, "error": error},
        headers=headers or {},
        status_code=status,
    )
    return SlackApiError("failed", response)


def test_errors_map_to_the_core_delivery_errors():
    limited = delivery_error(_error(429, "ratelimited", {"Retry-After": "7"}))
    assert type(limited) is DeliveryError
    assert limited.retry_after == 7
    assert type(delivery_error(_error(500, "internal_error"))) is DeliveryError
    assert isinstance(delivery_error(_error(200, "user_not_found")), UserUnreachable)
    assert isinstance(delivery_error(_error(200, "cannot_dm_bot")), UserUnreachable)
    assert type(delivery_error(TimeoutError())) is DeliveryError
    assert retry_after(_error(500, "x")) is None


class FakeTime:
    def __init__(self):
        self.now = 100.0
        self.slept: list[float] = []

    def clock(self):
        return self.now

    async def sleep(self, seconds):
        self.slept.append(round(seconds, 3))
        self.now += seconds


async def test_pacer_spaces_posts_per_channel_and_not_across_channels():
    t = FakeTime()
    pacer = Pacer(1.0, clock=t.clock, sleep=t.sleep)
    sent = []

    async def post(channel, n):
        async def call():
            sent.append((channel, n, t.now))
            return n

        return await pacer.call(channel, call)

    for n in range(3):
        await post("D1", n)
    await post("D2", 0)
    assert [s for s in sent if s[0] == "D1"] == [("D1", 0, 100.0), ("D1", 1, 101.0), ("D1", 2, 102.0)]
    assert sent[-1] == ("D2", 0, 102.0)  # another channel does not wait


async def test_pacer_honours_retry_after_then_succeeds_or_raises_without_retries():
    t = FakeTime()
    pacer = Pacer(1.0, clock=t.clock, sleep=t.sleep)
    answers = [_error(429, "ratelimited", {"Retry-After": "5"}), "ok"]

    async def call():
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    assert await pacer.call("D1", call) == "ok"
    assert t.slept == [5.0]
    answers[:] = [_error(429, "ratelimited", {"Retry-After": "9"})]
    with pytest.raises(SlackApiError):
        await pacer.call("D1", call, retries=0)
    # The channel stays held back: a caller that will not wait is told how long at once...
    with pytest.raises(ChannelHeld) as held:
        await pacer.call("D1", call, retries=0)
    assert held.value.retry_after == pytest.approx(9.0)
    assert delivery_error(held.value).retry_after == pytest.approx(9.0)
    # ...and one that will, waits out the Retry-After first.
    answers[:] = ["ok"]
    before = t.now
    assert await pacer.call("D1", call) == "ok"
    assert t.now - before == pytest.approx(9.0)


async def test_pacer_keeps_the_order_of_concurrent_calls_on_one_channel():
    pacer = Pacer(0.0)
    order = []

    async def call(n):
        await asyncio.sleep(0.01 * (3 - n))
        order.append(n)

    await asyncio.gather(*(pacer.call("D1", lambda n=n: call(n)) for n in range(3)))
    assert order == [0, 1, 2]
