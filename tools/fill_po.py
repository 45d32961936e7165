"""Fill Danish translations into an app's catalogue from a small JSON file of {msgid: msgstr}.

Usage: .venv/bin/python tools/fill_po.py rummelig/APP/locale/da/LC_MESSAGES/django.po da.json
Prints the msgids that still have no translation, so none is forgotten.
"""

import json
import sys

import polib


def main(po_path, json_path):
    catalogue = polib.pofile(po_path)
    translations = json.load(open(json_path, encoding="utf-8")) if json_path != "-" else {}
    for entry in catalogue:
        if entry.msgid in translations:
            value = translations[entry.msgid]
            if entry.msgid_plural:
                entry.msgstr_plural = {0: value[0], 1: value[1]} if isinstance(value, list) else {0: value, 1: value}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        elif "fuzzy" in entry.flags:
            # makemessages' guesses are often wrong ("All schemes" -> "ordning"): never keep one silently.
            entry.flags.remove("fuzzy")
            entry.msgstr = ""
            entry.msgstr_plural = {k: "" for k in entry.msgstr_plural}
    catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    catalogue.metadata["Language"] = "da"
    catalogue.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    catalogue.save(po_path)
    missing = [e.msgid for e in catalogue if not e.obsolete and not (e.msgstr or any(e.msgstr_plural.values()))]
    for msgid in missing:
        print("untranslated:", msgid)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
