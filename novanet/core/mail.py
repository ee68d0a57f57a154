"""Outgoing e-mail: written to files under instance/mail in development, SMTP in production."""

import logging
import smtplib
import uuid
from email.message import EmailMessage
from pathlib import Path

from flask import current_app

log = logging.getLogger("novanet.mail")


def send(to: str, subject: str, text: str, html: str | None = None) -> None:
    """Send one message; failures are logged and never reach the person's request."""
    config = current_app.config
    msg = EmailMessage()
    msg["From"] = config["MAIL_FROM"]
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{uuid.uuid4().hex}@novanet>"
    msg.set_content(text)
    if html:
        msg.add_alternative(html, subtype="html")
    if config["MAIL_BACKEND"] == "file":
        folder = Path(config["MAIL_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{uuid.uuid4().hex}.eml"
        path.write_bytes(bytes(msg))
        log.info("mail to=%s subject=%r written to %s", to, subject, path)
        return
    try:
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
            if config["MAIL_USE_TLS"]:
                smtp.starttls()
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException):
        log.exception("mail to=%s subject=%r could not be sent", to, subject)


def outbox() -> list[EmailMessage]:
    """Messages written by the file backend, oldest first (used by tests and the demo)."""
    from email import policy
    from email.parser import BytesParser

    folder = Path(current_app.config["MAIL_DIR"])
    if not folder.exists():
        return []
    paths = sorted(folder.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns)
    return [BytesParser(policy=policy.default).parsebytes(p.read_bytes()) for p in paths]
