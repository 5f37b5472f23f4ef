"""Drives Anki's own library for tests/anki_export.rs: imports a Prepbook export into a
collection (made when missing), reviews a card, and prints what the collection then holds as
JSON on standard output. The Rust test decides what is right; this script only reports.

    collection.py import-package COLLECTION PACKAGE [--render]
    collection.py import-text COLLECTION TEXT_FILE
    collection.py review COLLECTION GUID
"""

import json
import os
import sys

from anki.collection import (
    Collection,
    ImportAnkiPackageRequest,
    ImportCsvRequest,
)
from anki.import_export_pb2 import ImportAnkiPackageOptions


def log_counts(log):
    """How many notes the import added, updated, found unchanged or could not match."""
    return {
        "new": len(log.new),
        "updated": len(log.updated),
        "duplicate": len(log.duplicate),
        "conflicting": len(log.conflicting),
        "first_field_match": len(log.first_field_match),
        "missing_notetype": len(log.missing_notetype),
        "missing_deck": len(log.missing_deck),
        "empty_first_field": len(log.empty_first_field),
    }


def report(col, log=None, render=False):
    notes = []
    for nid in col.find_notes(""):
        note = col.get_note(nid)
        cards = note.cards()
        card = cards[0]
        entry = {
            "guid": note.guid,
            "notetype": note.note_type()["name"],
            "fields": dict(note.items()),
            "tags": note.tags,
            "cards": len(cards),
            "deck": col.decks.name(card.did),
            "reps": card.reps,
            "revlog": col.db.scalar("select count() from revlog where cid = ?", card.id),
        }
        if render:
            entry["question"] = card.question()
            entry["answer"] = card.answer()
        notes.append(entry)
    notetypes = {
        nt["name"]: {"css": nt["css"], "fields": [f["name"] for f in nt["flds"]]}
        for nt in col.models.all()
    }
    media_dir = col.media.dir()
    return {
        "log": log_counts(log) if log is not None else None,
        "notes": notes,
        "decks": sorted(d.name for d in col.decks.all_names_and_ids()),
        "notetypes": notetypes,
        "media": sorted(os.listdir(media_dir)) if os.path.isdir(media_dir) else [],
    }


def main(argv):
    command, path = argv[0], argv[1]
    col = Collection(path)
    try:
        if command == "import-package":
            request = ImportAnkiPackageRequest(
                package_path=os.path.abspath(argv[2]),
                # Anki's defaults, as the desktop app's import dialog starts with them.
                options=ImportAnkiPackageOptions(with_scheduling=False),
            )
            result = col.import_anki_package(request)
            out = report(col, result.log, render="--render" in argv)
        elif command == "import-text":
            text = os.path.abspath(argv[2])
            metadata = col.get_csv_metadata(path=text, delimiter=None)
            result = col.import_csv(ImportCsvRequest(path=text, metadata=metadata))
            out = report(col, result.log)
        elif command == "review":
            nids = col.db.list("select id from notes where guid = ?", argv[2])
            if len(nids) != 1:
                raise SystemExit(f"no single note has the GUID {argv[2]}: {nids}")
            card = col.get_note(nids[0]).cards()[0]
            card.start_timer()
            states = col._backend.get_scheduling_states(card.id)
            answer = col.sched.build_answer(card=card, states=states, rating=3)
            col.sched.answer_card(answer)
            out = report(col)
        else:
            raise SystemExit(f"unknown command {command}")
    finally:
        col.close()
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
