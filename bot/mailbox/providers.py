"""Server settings offered for common mail providers, looked up by the address's domain."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Provider:
    """Where a provider's servers are. `security` is "tls" (implicit) or "starttls"."""

    name: str
    smtp_host: str
    smtp_port: int
    smtp_security: str
    imap_host: str
    imap_port: int
    imap_security: str
    # The provider files mail sent through SMTP into Sent itself; otherwise the bot puts a copy there.
    files_sent_mail: bool = False
    note: str = ""  # shown when offering the defaults (app passwords, bridges)
    oauth: str | None = None  # "microsoft" or "google": signs in with OAuth 2.0 where the operator set it up


_APP_PASSWORD = "Use an app password (your account's security settings), not your usual password."  # noqa: S105 - advice, not a password

GMAIL = Provider(
    "Gmail", "smtp.gmail.com", 465, "tls", "imap.gmail.com", 993, "tls", True,
    "Use an app password (Google Account > Security > App passwords; it needs 2-step verification).",
    oauth="google",
)  # fmt: skip
OUTLOOK = Provider(
    "Outlook.com", "smtp-mail.outlook.com", 587, "starttls", "outlook.office365.com", 993, "tls", True,
    "Microsoft turned off app passwords for Outlook.com mail programs in September 2024, so an app "
    "password will most likely be refused.",
    oauth="microsoft",
)  # fmt: skip
YAHOO = Provider(
    "Yahoo Mail", "smtp.mail.yahoo.com", 465, "tls", "imap.mail.yahoo.com", 993, "tls", True, _APP_PASSWORD
)
ICLOUD = Provider(
    "iCloud Mail", "smtp.mail.me.com", 587, "starttls", "imap.mail.me.com", 993, "tls", False,
    "Use an app-specific password (appleid.apple.com > Sign-In and Security); the user name is your iCloud "
    "address.",
)  # fmt: skip
FASTMAIL = Provider("Fastmail", "smtp.fastmail.com", 465, "tls", "imap.fastmail.com", 993, "tls", True, _APP_PASSWORD)
GMX = Provider(
    "GMX", "mail.gmx.net", 587, "starttls", "imap.gmx.net", 993, "tls", False,
    "Turn on IMAP/POP3 access in GMX's settings first.",
)  # fmt: skip
PROTON = Provider(
    "Proton Mail (Bridge)", "127.0.0.1", 1025, "starttls", "127.0.0.1", 1143, "starttls", True,
    "Proton Mail works only through Proton Mail Bridge running on the same machine as the bot; use the "
    "user name and password the Bridge shows, not your Proton password.",
)  # fmt: skip

BY_DOMAIN: dict[str, Provider] = {
    "gmail.com": GMAIL,
    "googlemail.com": GMAIL,
    "outlook.com": OUTLOOK,
    "hotmail.com": OUTLOOK,
    "hotmail.co.uk": OUTLOOK,
    "live.com": OUTLOOK,
    "msn.com": OUTLOOK,
    "yahoo.com": YAHOO,
    "yahoo.co.uk": YAHOO,
    "ymail.com": YAHOO,
    "icloud.com": ICLOUD,
    "me.com": ICLOUD,
    "mac.com": ICLOUD,
    "fastmail.com": FASTMAIL,
    "fastmail.fm": FASTMAIL,
    "gmx.net": GMX,
    "gmx.de": GMX,
    "gmx.com": GMX,
    "proton.me": PROTON,
    "protonmail.com": PROTON,
    "pm.me": PROTON,
}


def provider_for(address: str) -> Provider | None:
    """The known settings for an address's domain, or None (then the user types their servers)."""
    domain = address.rpartition("@")[2].strip().lower().rstrip(".")
    return BY_DOMAIN.get(domain)
