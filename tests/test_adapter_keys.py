"""The contract of each platform's user keys (adapters/*/keys.py): what one encodes the same one decodes,
and a key of one platform is refused by the other."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.slack import keys as slack_keys
from adapters.slack.inbound import who as slack_who
from adapters.telegram import keys as telegram_keys
from bot.common.events import Who

telegram_ids = st.integers(min_value=-(2**52), max_value=2**52)  # Telegram ids fit in 52 bits
# Slack's team and user ids: capital letters and digits (T0123ABC, U0456DEF, W... on Enterprise Grid).
slack_ids = st.from_regex(r"[A-Z0-9]{1,24}", fullmatch=True)


@given(telegram_ids)
def test_a_telegram_key_decodes_to_the_id_it_was_made_from(user_id):
    key = telegram_keys.user_key(user_id)
    assert telegram_keys.chat_id_from_key(key) == user_id
    assert Who(telegram_keys.PLATFORM, str(user_id)).key == key  # the key the core stores


@given(slack_ids, slack_ids)
def test_a_slack_key_decodes_to_the_team_and_user_it_was_made_from(team, user):
    key = slack_keys.user_key(team, user)
    assert slack_keys.parse_user_key(key) == (team, user)
    assert slack_who(team, user).key == key  # the key the core stores
    assert key.startswith(slack_keys.team_prefix(team))


@given(telegram_ids)
def test_slack_refuses_a_telegram_key(user_id):
    with pytest.raises(ValueError, match="not a Slack user key"):
        slack_keys.parse_user_key(telegram_keys.user_key(user_id))


@given(slack_ids, slack_ids)
def test_telegram_refuses_a_slack_key(team, user):
    with pytest.raises(ValueError, match="is not a Telegram user key"):
        telegram_keys.chat_id_from_key(slack_keys.user_key(team, user))


@pytest.mark.parametrize("key", ["console:ada", "telegram:", "telegram:--5", "telegram:1.5", "telegram:²", "42"])
def test_telegram_refuses_what_is_not_its_key(key):
    with pytest.raises(ValueError, match="is not a Telegram user key"):
        telegram_keys.chat_id_from_key(key)


@pytest.mark.parametrize("key", ["console:ada", "slack:T1", "slack::U1", "slack:T1:", "slack:T1:U1:X", "T1:U1"])
def test_slack_refuses_what_is_not_its_key(key):
    with pytest.raises(ValueError, match="not a Slack user key"):
        slack_keys.parse_user_key(key)
