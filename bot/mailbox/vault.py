"""The secret store: mailbox passwords encrypted at rest with Fernet under FOLLOWUP_SECRET_KEY."""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from bot.service.config import Settings

KEY_MISSING = (
    "Connecting a mailbox is turned off on this bot: it needs a secret key to keep mailbox passwords "
    "encrypted, and none is set. Whoever runs the bot can set FOLLOWUP_SECRET_KEY (see .env.example)."
)
KEY_INVALID = (
    "Connecting a mailbox is turned off on this bot: its secret key is not a valid key. Whoever runs the "
    "bot can generate a new FOLLOWUP_SECRET_KEY (see .env.example)."
)
KEY_CHANGED = (
    "I can't read the stored password of your mailbox any more (the bot's secret key changed). "
    "Please connect it again with /mailbox."
)


class VaultError(Exception):
    """The vault cannot be used; `str()` is the explanation for the user."""


class Vault:
    """Encrypts and decrypts mailbox passwords; holds the key and never shows it.

    Several comma-separated keys rotate: new passwords use the first, stored ones open with any.
    """

    __slots__ = ("_fernet",)

    def __init__(self, key: str) -> None:
        try:
            self._fernet = MultiFernet([Fernet(part.strip().encode()) for part in key.split(",") if part.strip()])
        except (ValueError, TypeError) as exc:
            raise VaultError(KEY_INVALID) from exc

    def __repr__(self) -> str:
        return "Vault(key=***)"

    def seal(self, password: str) -> bytes:
        return self._fernet.encrypt(password.encode())

    def open(self, token: bytes) -> str:
        try:
            return self._fernet.decrypt(bytes(token)).decode()
        except InvalidToken as exc:
            raise VaultError(KEY_CHANGED) from exc


def vault_from_settings(settings: Settings) -> tuple[Vault | None, str]:
    """(the vault, "") when the feature can run, else (None, why it is off in the user's words)."""
    key = settings.secret_key.get_secret_value().strip()
    if not key:
        return None, KEY_MISSING
    try:
        return Vault(key), ""
    except VaultError as exc:
        return None, str(exc)
