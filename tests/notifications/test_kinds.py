"""Every notification kind a feature registers can be found and set on the settings page."""

import pytest
from flask_babel import force_locale

from novanet.notifications import services

# What the issue asks members to be told about, each with the kind that tells them.
EXPECTED = {"debate_mention", "blog_comment", "blog_reply", "group_request",
            "group_request_approved", "group_request_rejected", "group_invitation",
            "event_promoted", "event_announcement", "event_cancelled", "report_resolved",
            "wiki_page_edited", "followed", "direct_message"}


def test_the_kinds_the_issue_names_are_registered(app):
    assert EXPECTED <= set(services.KINDS)


def test_every_registered_kind_has_a_translated_settings_label(app):
    missing = sorted(k for k, spec in services.KINDS.items() if spec.label is None)
    assert not missing, f"register_kind(..., label=...) is missing for {missing}"
    with app.test_request_context("/"):
        for kind, spec in services.KINDS.items():
            with force_locale("en"):
                english = str(spec.label)
            assert english.strip(), kind
            for lang in ("es", "pt", "ca"):
                with force_locale(lang):
                    assert str(spec.label) != english, f"{kind}: label not translated to {lang}"


def test_a_kind_without_a_label_is_caught(app):
    services.register_kind("test_unlabelled", lambda p: "x")
    try:
        assert services.KINDS["test_unlabelled"].label is None
        assert services.KINDS["test_unlabelled"].settings_label == "Test unlabelled"
    finally:
        services.KINDS.pop("test_unlabelled")


@pytest.mark.parametrize("lang, text", [("en", "Mentions in debates"),
                                        ("es", "Menciones en debates")])
def test_settings_page_shows_the_labels(client, auth, user, lang, text):
    auth.login(user)
    user.locale = lang
    from novanet.extensions import db

    db.session.commit()
    page = client.get("/notifications/settings").get_data(as_text=True)
    assert text in page
    assert "Knowledge.submitted" not in page
