"""How the terminal shows a reply: buttons as numbered choices ([1], [2] ...), a reminder's buttons under
its own tag ([r1.1], [r1.2] ...), and which replies are steps whose buttons stay usable."""

from __future__ import annotations

from bot.common.events import Reply

BLOCK = '"""'  # a line of its own that starts and ends a message of several lines


def render(reply: Reply, number_from: int = 1, tag: str | None = None) -> str:
    """A reply as terminal text: buttons become numbered choices ([1], [2] ...), or, for a reminder's
    buttons, numbers under the reminder's own tag ([r1.1], [r1.2] ...) that no later message reuses."""
    if reply.notice:
        return f"(note) {reply.text}"
    if reply.replace:
        lines = [f"  ↳ {reply.text.rsplit(chr(10) * 2, 1)[-1]}"]
    else:
        lines = [f"bot> {line}" if i == 0 else f"     {line}" for i, line in enumerate(reply.text.split("\n"))]
        if reply.multiline:
            lines.append(
                f"     (To send several lines, type {BLOCK} on a line of its own, then the text, then {BLOCK} again.)"
            )
    for offset, button in enumerate(reply.buttons):
        number = f"{tag}.{offset + 1}" if tag else str(number_from + offset)
        lines.append(f"     [{number}] {button.label}")
    return "\n".join(lines)


def is_step(reply: Reply) -> bool:
    """Buttons about a follow-up step (a reminder's, or a step's in /interviews): they stay usable. The
    core says so (`Reply.step`)."""
    return reply.step and bool(reply.buttons)
