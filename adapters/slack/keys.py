"""Slack's keys, in one place: a user's key (`slack:<team id>:<user id>`) and a delivery's key."""

from __future__ import annotations

PLATFORM = "slack"


def user_id(team_id: str, user: str) -> str:
    """The platform's user id as the core knows it (`Who.user_id`): a person is one per workspace."""
    return f"{team_id}:{user}"


def user_key(team_id: str, user: str) -> str:
    """`("T1", "U2")` -> `slack:T1:U2`."""
    return f"{PLATFORM}:{user_id(team_id, user)}"


def parse_user_key(key: str) -> tuple[str, str]:
    """`slack:T1:U2` -> ("T1", "U2"); ValueError for a key of another platform or shape."""
    platform, _, rest = key.partition(":")
    team, _, user = rest.partition(":")
    if platform != PLATFORM or not team or not user or ":" in user:
        raise ValueError(f"not a Slack user key: {key!r}")
    return team, user


def team_prefix(team_id: str) -> str:
    """What the keys of every person in a workspace start with (`slack:T1:`)."""
    return user_key(team_id, "")


def event_delivery(event_id: str) -> str:
    """The key under which an Events API event is handled once, however often Slack delivers it."""
    return f"{PLATFORM}:event:{event_id}"


def interaction_delivery(trigger_id: str) -> str:
    """The key under which a click, a slash command or a form submission is handled once."""
    return f"{PLATFORM}:trigger:{trigger_id}"
