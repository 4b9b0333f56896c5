"""An optional language model, held to the product's own checks (issue 21): never required, never trusted.

What lives where:

- `port`: the `LanguageModel` port (one chat call: messages in, text out), `ModelFailed`, and `Assistant`,
  the model as the core uses it: a switch per use, the operator's and the user's, one time bound for the whole
  call, a pause after a failure, and the metrics.
- `openai_chat`: the one implementation, for any OpenAI-compatible chat-completions endpoint, through the
  official `openai` package (imported only when the model is on: it costs about a second at start-up).
- `reading`: answers the field layer cannot read (a person in one line, a vague date) asked of the model as
  JSON with a schema, then read again by the same field layer.
- `writing`: a draft's body asked of the model from one interviewer's structured debrief, checked for
  sendability (bot/drafts/check.py) and facts (bot/drafts/facts.py), retried once with the reasons, else the
  built-in draft.

The model is called only outside a turn's transaction (bot/conversation/turn.py `Turn.later`): the user's rows
are not locked while it thinks, and a slow endpoint costs at most LLM_TIMEOUT once, then is paused.
"""

from __future__ import annotations

from bot.assist.openai_chat import OpenAIChat
from bot.assist.port import Assistant
from bot.service.config import Settings


def assistant_for(settings: Settings) -> Assistant | None:
    """The model, when the operator turned on a use of it; None otherwise (and `openai` is never imported)."""
    if not (settings.llm_use("reading") or settings.llm_use("writing")):
        return None
    model = OpenAIChat(
        settings.llm_base_url.strip(),
        settings.llm_api_key.get_secret_value(),
        settings.llm_model.strip(),
        settings.llm_timeout_seconds,
    )
    return Assistant(model, settings)
