"""Danish text quotes in one Danish style: »…«, never “…” or „…“ beside it."""

import glob
import re

import polib

OTHER_QUOTES = re.compile(r"[“”„]")


def test_every_danish_message_quotes_with_guillemets():
    mixed = []
    for path in sorted(glob.glob("rummelig/*/locale/da/LC_MESSAGES/django.po")):
        for entry in polib.pofile(path):
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                if OTHER_QUOTES.search(text):
                    mixed.append((path, text))
    assert mixed == []
