"""The UI speaks Danish: every app's catalogue translates every message, with no machine guesses left."""

from pathlib import Path

import polib
import pytest

APPS = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(APPS.glob("*/locale/da/LC_MESSAGES/django.po"))


def test_every_app_with_user_facing_text_has_a_danish_catalogue():
    apps_with_catalogue = {po.parents[3].name for po in CATALOGUES}
    for app in ("core", "accounts", "audit", "organisation", "people", "schemes", "placements", "alerts", "reports", "imports"):
        assert app in apps_with_catalogue, f"rummelig/{app} has no Danish catalogue"


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: p.parents[3].name)
def test_every_message_is_translated_and_none_is_a_fuzzy_guess(catalogue):
    entries = [e for e in polib.pofile(str(catalogue)) if not e.obsolete]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    missing = [e.msgid for e in entries if not (e.msgstr if not e.msgid_plural else all(e.msgstr_plural.values()))]
    assert not fuzzy, f"fuzzy guesses in {catalogue}: {fuzzy[:5]}"
    assert not missing, f"untranslated in {catalogue}: {missing[:5]}"


def _app(catalogue):
    return catalogue.parents[3].name


def test_no_two_catalogues_translate_the_same_message_differently():
    """Django takes a message's Danish from the first app in INSTALLED_APPS that has it: the others' words are lost.

    The same English in two apps must mean the same Danish; a different word needs its own msgid or a context.
    """
    from django.conf import settings

    order = [app.rpartition(".")[2] for app in settings.INSTALLED_APPS]
    seen = {}  # (msgctxt, msgid, msgid_plural) -> (app, translation), in the order Django reads them
    clashes = []
    for catalogue in sorted(CATALOGUES, key=lambda c: order.index(_app(c)) if _app(c) in order else len(order)):
        for entry in polib.pofile(str(catalogue)):
            if entry.obsolete or not entry.msgid:
                continue
            key = (entry.msgctxt, entry.msgid, entry.msgid_plural)
            words = entry.msgstr or " | ".join(entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural))
            first = seen.setdefault(key, (_app(catalogue), words))
            if first[1] != words:
                context = f" (context {entry.msgctxt!r})" if entry.msgctxt else ""
                clashes.append(f"{entry.msgid!r}{context}: {first[0]} says {first[1]!r} (shown everywhere), "
                               f"{_app(catalogue)} says {words!r}")
    assert not clashes, "the same message translated differently:\n" + "\n".join(clashes)


@pytest.mark.django_db
def test_words_that_once_clashed_read_right_on_their_pages(world, login):
    from django.urls import reverse

    from rummelig.med.models import Committee

    Committee.objects.create(name="LokalMED", kind=Committee.Kind.LOCAL).units.add(world.solsikken)
    client = login(world.hr)
    units = client.get(reverse("organisation:list")).content.decode()
    assert "Enhedstype" in units and ">Skift<" in units  # the unit's kind; the language switch
    committees = client.get(reverse("med:list")).content.decode()
    assert ">Type<" in committees and "Enhedstype" not in committees
