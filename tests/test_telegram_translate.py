"""Unit tests of the pure Telegram translators: updates in, Bot API calls out, no network."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from telegram import InlineKeyboardMarkup, Update

from adapters.telegram.inbound import incoming_from_update, is_unreadable_message, membership_change, strip_bot_mention
from adapters.telegram.keys import chat_id_from_key
from adapters.telegram.outbound import (
    EMPTY_TEXT_WITH_BUTTONS,
    MAX_TEXT_UTF16,
    action_fits,
    escape,
    keyboard,
    keyboard_rows,
    plan_replies,
    split_text,
    utf16_len,
)
from adapters.telegram.run import file_url_for
from bot.common.events import Attachment, Button, Incoming, Reply, Who
from tests.support.fake_telegram import FakeTelegram, html_to_plain

# Text that Telegram and HTML find awkward: markup characters, emoji (two UTF-16 units), RTL, accents.
AWKWARD = st.text(
    alphabet=st.one_of(st.sampled_from("<>&\"'/;#*_`[]\n \t"), st.characters(codec="utf-8", exclude_categories=["Cs"])),
    max_size=300,
)


def update(data: dict) -> Update:
    return Update.de_json({"update_id": 1, **data}, None)


@pytest.fixture
def user():
    return FakeTelegram().user(42, "Zoë", "Ng")


# ---- inbound ---------------------------------------------------------------------------------


def test_text_message_becomes_incoming_text(user):
    event = incoming_from_update(update(user.message_update("Acme <Corp> & Sons")))
    assert event == Incoming(
        who=Who("telegram", "42", "Zoë Ng"), text="Acme <Corp> & Sons", delivery="telegram:update:1"
    )
    assert event.who.key == "telegram:42"


def test_command_addressed_to_this_bot_loses_the_mention(user):
    event = incoming_from_update(update(user.message_update("/new@FollowupTestBot")), "FollowupTestBot")
    assert event.text == "/new"
    assert strip_bot_mention("/start@followuptestbot ref", "FollowupTestBot") == "/start ref"
    assert strip_bot_mention("/new@OtherBot", "FollowupTestBot") == "/new@OtherBot"
    assert strip_bot_mention("an @email in text", "FollowupTestBot") == "an @email in text"


def test_tap_becomes_incoming_action(user):
    tg = user.tg
    query = {
        "id": "q1",
        "from": user.user,
        "chat_instance": "c",
        "data": "c:3:yes",
        "message": {"message_id": 7, "date": 0, "chat": user.chat, "text": "Sure?"},
    }
    assert tg  # the fake only lends its user payloads here
    event = incoming_from_update(update({"callback_query": query}))
    assert event == Incoming(who=Who("telegram", "42", "Zoë Ng"), action="c:3:yes", delivery="telegram:update:1")


def test_tap_without_data_and_group_messages_are_not_for_the_core(user):
    query = {"id": "q1", "from": user.user, "chat_instance": "c", "game_short_name": "g"}
    assert incoming_from_update(update({"callback_query": query})) is None
    group = user.message_update("hello all")
    group["message"]["chat"] = {"id": -100, "type": "group", "title": "g"}
    assert incoming_from_update(update(group)) is None


def test_photo_is_unreadable_not_incoming(user):
    data = user.message_update("")
    del data["message"]["text"]
    data["message"]["photo"] = [{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}]
    assert incoming_from_update(update(data)) is None
    assert is_unreadable_message(update(data))
    assert not is_unreadable_message(update(user.message_update("hi")))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("member", "kicked", ("telegram:42", False)),
        ("kicked", "member", ("telegram:42", True)),
        ("member", "left", None),
    ],
)
def test_membership_change(user, old, new, expected):
    assert membership_change(update(user.membership_update(old, new))) == expected


def test_keys_and_urls():
    assert chat_id_from_key("telegram:12345") == 12345
    with pytest.raises(ValueError, match="not a Telegram user key"):
        chat_id_from_key("slack:T1:U2")
    assert file_url_for("https://api.telegram.org/bot") == "https://api.telegram.org/file/bot"
    assert file_url_for("http://127.0.0.1:8081/bot/") == "http://127.0.0.1:8081/file/bot"


# ---- escaping and splitting --------------------------------------------------------------------


def test_escape_only_touches_what_html_mode_needs():
    assert escape('<b>Tom & "Jerry"</b>') == '&lt;b&gt;Tom &amp; "Jerry"&lt;/b&gt;'


@given(AWKWARD)
def test_escaped_text_shows_exactly_the_original(text):
    # html_to_plain is the fake server's strict reading of Telegram's HTML mode.
    assert html_to_plain(escape(text)) == text


def test_short_text_is_one_chunk():
    assert split_text("hello\n\nworld") == ["hello\n\nworld"]


def test_long_text_splits_at_paragraphs():
    paragraphs = [f"Paragraph {i}: " + "word " * 150 for i in range(12)]
    text = "\n\n".join(paragraphs)
    assert utf16_len(text) > MAX_TEXT_UTF16
    chunks = split_text(text)
    assert len(chunks) >= 2
    assert all(utf16_len(c) <= MAX_TEXT_UTF16 for c in chunks)
    assert "\n\n".join(chunks) == text  # every cut is at a paragraph boundary


def test_emoji_count_twice_toward_the_limit():
    text = "😀" * 3000  # 3,000 characters but 6,000 UTF-16 units
    chunks = split_text(text)
    assert [utf16_len(c) for c in chunks] == [4096, 6000 - 4096]
    assert "".join(chunks) == text


@given(st.lists(st.text(alphabet="ab é😀", min_size=1, max_size=40).filter(str.strip), min_size=1, max_size=30))
def test_paragraphs_that_fit_are_never_cut(paragraphs):
    text = "\n\n".join(paragraphs)
    chunks = split_text(text, limit=80)
    assert all(utf16_len(c) <= 80 for c in chunks)
    # Each chunk is whole paragraphs, so the paragraphs come back unchanged and in order.
    assert [p for c in chunks for p in c.split("\n\n")] == paragraphs


@given(AWKWARD, st.integers(min_value=2, max_value=60))
def test_splitting_keeps_every_visible_character(text, limit):
    chunks = split_text(text, limit=limit)
    assert all(utf16_len(c) <= limit for c in chunks)
    assert re.sub(r"\s", "", "".join(chunks)) == re.sub(r"\s", "", text)


# ---- buttons -----------------------------------------------------------------------------------


def test_rows_pack_short_labels_and_isolate_long_ones():
    buttons = [
        Button(label, f"c:1:{i}")
        for i, label in enumerate(["Yes", "No", "Skip", "That's everyone, let's move on", "Went well", "Mixed"])
    ]
    rows = [[b.label for b in row] for row in keyboard_rows(buttons)]
    assert rows == [["Yes", "No", "Skip"], ["That's everyone, let's move on"], ["Went well", "Mixed"]]


@given(st.lists(st.tuples(st.text(min_size=1, max_size=30), st.text(max_size=80)), max_size=12))
def test_no_callback_data_over_64_bytes_is_ever_sent(pairs):
    buttons = [Button(label, action) for label, action in pairs]
    markup = keyboard(buttons)
    sent = [b.callback_data for row in (markup.inline_keyboard if markup else ()) for b in row]
    assert all(0 < len(data.encode("utf-8")) <= 64 for data in sent)
    # ...and nothing that fits is lost, in order.
    assert sent == [b.action for b in buttons if action_fits(b.action)]


def test_a_64_byte_non_ascii_action_fits_and_65_does_not():
    assert action_fits("é" * 32)  # 64 bytes
    assert not action_fits("é" * 32 + "x")
    assert not action_fits("")


# ---- whole replies ----------------------------------------------------------------------------


def test_plain_reply_is_one_escaped_html_message_with_keyboard():
    plan = plan_replies([Reply("Which <company>?", buttons=(Button("Skip", "c:1:skip"),))], chat_id=42)
    assert plan.toast is None
    [call] = plan.calls
    assert call.method == "send_message"
    assert call.kwargs["text"] == "Which &lt;company&gt;?"
    assert call.kwargs["parse_mode"] == "HTML"
    assert isinstance(call.kwargs["reply_markup"], InlineKeyboardMarkup)


def test_replace_edits_the_tapped_message_and_notice_is_the_toast():
    plan = plan_replies(
        [Reply("That button is out of date.", notice=True), Reply("Marked as sent", replace=True)],
        chat_id=42,
        tapped_message_id=9,
    )
    assert plan.toast == "That button is out of date."
    [edit] = plan.calls
    assert edit.method == "edit_message_text"
    assert edit.kwargs["message_id"] == 9
    assert "reply_markup" not in edit.kwargs  # no buttons: the old keyboard goes away


def test_only_one_message_is_replaced_per_tap():
    plan = plan_replies([Reply("a", replace=True), Reply("b", replace=True)], chat_id=1, tapped_message_id=3)
    assert [c.method for c in plan.calls] == ["edit_message_text", "send_message"]


def test_replace_or_notice_without_a_tap_is_sent_as_a_message():
    plan = plan_replies([Reply("stale", notice=True), Reply("new state", replace=True)], chat_id=1)
    assert plan.toast is None
    assert [c.method for c in plan.calls] == ["send_message", "send_message"]


def test_long_notice_is_a_message_not_a_truncated_toast():
    plan = plan_replies([Reply("x" * 201, notice=True)], chat_id=1, tapped_message_id=3)
    assert plan.toast is None
    assert [c.method for c in plan.calls] == ["send_message"]


def test_long_reply_is_split_and_keyboard_goes_on_the_last_part():
    text = "\n\n".join(["para " * 300] * 5)
    plan = plan_replies([Reply(text, buttons=(Button("OK", "c:1:ok"),), replace=True)], chat_id=1, tapped_message_id=5)
    methods = [c.method for c in plan.calls]
    assert methods[0] == "edit_message_text"
    assert set(methods[1:]) == {"send_message"}
    assert [("reply_markup" in c.kwargs) for c in plan.calls] == [False] * (len(methods) - 1) + [True]


def test_files_go_as_documents_after_the_text():
    eml = Attachment("thank-you-ana.eml", b"To: ana@example.com\r\n\r\nHi", "message/rfc822")
    plan = plan_replies([Reply("Your draft:", files=(eml,))], chat_id=7)
    assert [c.method for c in plan.calls] == ["send_message", "send_document"]
    upload = plan.calls[1].kwargs["document"]
    assert (upload.filename, upload.input_file_content, upload.mimetype) == (
        "thank-you-ana.eml",
        eml.content,
        "message/rfc822",
    )


def test_blank_text_with_buttons_gets_a_placeholder_and_blank_replace_drops_the_keyboard():
    plan = plan_replies([Reply("  ", buttons=(Button("Go", "c:1:go"),))], chat_id=1)
    assert plan.calls[0].kwargs["text"] == EMPTY_TEXT_WITH_BUTTONS
    plan = plan_replies([Reply("", replace=True)], chat_id=1, tapped_message_id=4)
    assert [(c.method, c.kwargs["reply_markup"]) for c in plan.calls] == [("edit_message_reply_markup", None)]
