"""Every refusal reason the domain can give has its own headline in both languages (terminal/ui/i18n.py):
a new reason must not reach the cashier as the generic "Refused" or as English in zh_TW."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication

from terminal.domain.reasons import Reason
from terminal.ui import i18n


@pytest.fixture
def language(qapp, request):
    yield from _installed(qapp, request.param)


def _installed(app, lang):
    i18n.install(app, lang)
    try:
        yield lang
    finally:
        i18n.install(app, "en")


@pytest.mark.parametrize("language", ["en", "zh_TW"], indirect=True)
def test_every_reason_has_its_own_headline(language):
    generic = i18n.reason_text(None)
    texts = {r.value: i18n.reason_text(r.value) for r in Reason}
    assert [r for r, t in texts.items() if t == generic] == []
    if language == "zh_TW":
        latin = {r: t for r, t in texts.items() if re.search(r"[A-Za-z]{2,}", t)}
        assert latin == {}, "English left in zh_TW headlines"
        assert QCoreApplication.translate("Reason", "Refused") != "Refused"


def test_every_reason_has_a_detail_template_or_says_it_all_in_its_headline():
    """terminal/ui/reason_details.py: a new Reason must get a translated detail line (what to do) or be
    listed as one whose headline is the whole message; never the domain's English sentence."""
    from terminal.ui.reason_details import GENERIC, SAYS_IT_ALL, SPECIFIC

    values = {r.value for r in Reason}
    assert sorted(values - set(GENERIC) - SAYS_IT_ALL) == [], "a reason without a detail line"
    assert sorted(set(GENERIC) & SAYS_IT_ALL) == [], "both a detail line and 'the headline says it all'"
    assert set(SPECIFIC) <= set(GENERIC), "a template with figures needs the wording without them too"
    window_only = {"storage_full", "storage_error", "internal_error"}
    assert sorted(set(GENERIC) - values - window_only) == [], "a detail line for a reason that does not exist"
