"""The Slack app manifest asks for exactly what the adapter uses: its command, events and scopes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from adapters.slack.inbound import COMMAND, FORM_SUBCOMMANDS
from adapters.slack.oauth import SCOPES
from adapters.slack.outbound import CORE_COMMANDS

MANIFEST = Path(__file__).resolve().parent.parent / "adapters" / "slack" / "manifest.yml"


def _scalar(text: str) -> Any:
    text = text.strip()
    if text[:1] in "\"'":
        assert text[-1] == text[0], f"unterminated string: {text}"
        return text[1:-1]
    return {"true": True, "false": False}.get(text, text)


def parse_block_yaml(source: str) -> Any:
    """Just enough YAML for the manifest: block mappings, block lists, scalars (no PyYAML in the deps)."""
    lines = [
        (len(raw) - len(raw.lstrip(" ")), raw.strip())
        for raw in source.splitlines()
        if raw.strip() and not raw.lstrip().startswith("#")
    ]

    def block(i: int, indent: int) -> tuple[Any, int]:
        if lines[i][1].startswith("- "):
            items = []
            while i < len(lines) and lines[i][0] == indent and lines[i][1].startswith("- "):
                rest = lines[i][1][2:]
                if re.match(r"^[\w.]+:(\s|$)", rest):  # a mapping as a list item
                    lines[i] = (indent + 2, rest)
                    value, i = block(i, indent + 2)
                else:
                    value, i = _scalar(rest), i + 1
                items.append(value)
            return items, i
        mapping: dict[str, Any] = {}
        while i < len(lines) and lines[i][0] == indent:
            key, _, rest = lines[i][1].partition(":")
            assert key and not key.startswith("- "), f"unexpected line: {lines[i][1]}"
            if rest.strip():
                mapping[key], i = _scalar(rest), i + 1
            else:
                mapping[key], i = block(i + 1, lines[i + 1][0])
        return mapping, i

    value, end = block(0, 0)
    assert end == len(lines), f"could not read line {lines[end]}"
    return value


def test_the_minimal_parser_reads_what_the_manifest_uses():
    assert parse_block_yaml("a:\n  b: 'x: y'\n  c:\n    - 1\n    - d: true\n      e: f\n") == {
        "a": {"b": "x: y", "c": ["1", {"d": True, "e": "f"}]}
    }


def test_manifest_declares_the_command_events_and_scopes_the_adapter_uses():
    manifest = parse_block_yaml(MANIFEST.read_text())
    features, settings = manifest["features"], manifest["settings"]

    [command] = features["slash_commands"]
    assert command["command"] == COMMAND
    hinted = {word.strip() for word in command["usage_hint"].split("|")}
    assert hinted <= set(CORE_COMMANDS) | FORM_SUBCOMMANDS

    # The DM is the conversation; the Home tab shows the pipeline.
    assert features["app_home"] == {
        "home_tab_enabled": True,
        "messages_tab_enabled": True,
        "messages_tab_read_only_enabled": False,
    }
    assert set(settings["event_subscriptions"]["bot_events"]) == {
        "message.im",
        "app_home_opened",
        "app_uninstalled",  # erase the workspace's tokens, pause its people
        "tokens_revoked",
    }
    assert settings["interactivity"]["is_enabled"] is True  # buttons and the debrief form
    assert settings["socket_mode_enabled"] is True
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == {
        "chat:write",  # chat.postMessage, chat.update, chat.postEphemeral
        "commands",  # /followup
        "files:write",  # the .eml drafts (files_upload_v2)
        "im:history",  # message.im events
        "im:write",  # conversations.open for reminders
        "users:read",  # users.info: name and time zone on first contact
    }
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == set(SCOPES)  # what an OAuth install asks for
    assert len(manifest["display_information"]["name"]) <= 35
    assert len(manifest["display_information"]["description"]) <= 140
