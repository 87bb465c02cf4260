"""The logging filter: tokens, webhook secrets, URL credentials and users' words never
reach a log line, whatever the level."""

from __future__ import annotations

import io
import logging

from bot.config import Settings
from bot.logs import REDACTED, RedactingFilter, redact


def test_interaction_and_webhook_tokens_are_cut_from_routes():
    line = ("POST https://discord.com/api/v10/interactions/123456/aW50ZXJhY3Rpb246MTIz/callback "
            "then PATCH /webhooks/987654/aW50ZXJhY3Rpb246MTIz/messages/@original")
    out = redact(line)
    assert "aW50ZXJhY3Rpb246MTIz" not in out
    assert "/interactions/123456/[redacted]/callback" in out
    assert "/webhooks/987654/[redacted]/messages" in out


def test_payload_tokens_and_what_users_typed_are_cut():
    payload = ("{'t': 'INTERACTION_CREATE', 'd': {'token': 'aW50ZXJhY3Rpb24', 'data': "
               "{'options': [{'name': 'question', 'value': 'is the mayor\\'s house empty?'}]}, "
               "\"content\": \"<@1> where does Jo live?\"}}")
    out = redact(payload)
    for secret in ("aW50ZXJhY3Rpb24", "mayor", "Jo live"):
        assert secret not in out, out
    assert out.count(REDACTED) == 3


def test_url_credentials_and_authorization_values_are_cut():
    out = redact("fetching https://editor:hunter2@news.example/x with Bot "
                 "MTIzNDU2Nzg5MDEyMzQ1Njc4.abcdef.ghijklmnopqrstuvwxyz")
    assert "hunter2" not in out and "ghijklmnop" not in out
    assert "https://[redacted]@news.example/x" in out


def test_the_filter_rewrites_messages_arguments_and_tracebacks_at_debug():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter(["the-bot-token-value"]))
    logger = logging.getLogger("tests.logs.redaction")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    try:
        logger.debug("sent %s to %s", {"token": "abc.def"}, "/webhooks/1/secret-part")
        try:
            raise RuntimeError("login with the-bot-token-value failed")
        except RuntimeError:
            logger.exception("failed at https://u:pw@host/")
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    for secret in ("abc.def", "secret-part", "the-bot-token-value", "u:pw"):
        assert secret not in text, text
    assert "RuntimeError" in text  # the traceback is kept, only redacted


def test_the_token_is_not_in_the_settings_repr():
    settings = Settings.from_mapping({"DISCORD_TOKEN": "MTIz.secret.value"})
    assert "MTIz.secret.value" not in repr(settings) and "MTIz" not in str(settings)
    assert settings.token == "MTIz.secret.value"


def test_every_line_carries_the_shard_label_once(capsys):
    import logging

    from bot import logs

    logs.install(logging.INFO, label="shard 2,3/8")
    try:
        logging.getLogger("bot.test").info("library %s loaded", "42")
    finally:
        logs.install(logging.WARNING)
    err = capsys.readouterr().err
    assert "[shard 2,3/8] library 42 loaded" in err and err.count("shard 2,3/8") == 1
