"""The `LanguageModel` for any OpenAI-compatible chat-completions endpoint, through the official `openai` package.

This covers a hosted service, a company's gateway, and a local server on the user's own machine (Ollama,
llama.cpp's server, vLLM): they all answer POST {base_url}/chat/completions. Imported only when the model is on.
"""

from __future__ import annotations

from typing import Any

from bot.assist.port import ModelFailed


class OpenAIChat:
    """Chat completions at `base_url` with `model`; the client retries nothing (a failure falls back at once)."""

    def __init__(self, base_url: str, api_key: str, model: str, timeout: float) -> None:
        # Imported here, when the operator turned the model on: `openai` takes about a second to import.
        from openai import AsyncOpenAI

        # A local server needs no key, but the client insists on one: a placeholder is sent then.
        self.client = AsyncOpenAI(base_url=base_url, api_key=api_key or "none", timeout=timeout, max_retries=0)
        self.model = model
        # The client loads its chat resources (and their response types) on first use, which can take longer than
        # a short LLM_TIMEOUT on a busy machine: load them now, at start-up, not inside the first user's turn.
        _ = self.client.chat.completions
        _warm_up()

    async def chat(self, messages: list[dict[str, str]], *, schema: dict[str, Any] | None, max_tokens: int) -> str:
        extra: dict[str, Any] = {}
        if schema is not None:
            extra["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": schema.get("title", "answer"), "schema": schema, "strict": True},
            }
        import openai  # loaded by __init__ already

        try:
            response = await self.client.chat.completions.create(
                model=self.model,
                messages=messages,  # type: ignore[arg-type]
                max_tokens=max_tokens,
                temperature=0.4,
                **extra,
            )
        except openai.APITimeoutError:
            raise ModelFailed("the endpoint timed out", kind="timeout") from None
        except openai.APIStatusError as exc:
            raise ModelFailed(f"HTTP {exc.status_code} from the endpoint") from None
        except openai.APIConnectionError as exc:
            raise ModelFailed(f"endpoint unreachable ({type(exc.__cause__ or exc).__name__})") from None
        except openai.APIError as exc:
            raise ModelFailed(f"bad answer from the endpoint ({type(exc).__name__})") from None
        choices = getattr(response, "choices", None) or []
        content = choices[0].message.content if choices and choices[0].message else None
        if not content or not content.strip():
            raise ModelFailed("empty answer")
        return content

    async def close(self) -> None:
        await self.client.close()


def _warm_up() -> None:
    """What the client's first request would load and build: anyio's asyncio backend, and the validators of the
    chat-completion response (pydantic builds them on first use)."""
    import anyio._backends._asyncio  # noqa: F401
    from openai.types.chat import ChatCompletion

    ChatCompletion.model_validate(
        {
            "id": "warm-up",
            "object": "chat.completion",
            "created": 0,
            "model": "warm-up",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": "{}"}, "finish_reason": "stop"}],
        }
    )
