#!/usr/bin/env python3
"""A synthetic registry for the batch benchmark, written straight into SQLite (fast), and a
mailing of decision letters to its exempt citizens.

    make_registry.py DB CITIZENS EXEMPT MAILING

DB must already exist with PostDesk's schema (bench/batch/run.sh imports one sample citizen
first, so that the schema, the secret and the audit chain are PostDesk's own). CITIZENS adults
(born 1926-1999, valid CPR dates) get Danish addresses over 20 postal codes, in CPR order;
EXEMPT of them, spread evenly, are exempt from 2026-01-01. MAILING gets one JSON Lines letter
(template exemption-decision) per exempt citizen, in a shuffled but fixed order.
"""
import json
import random
import sqlite3
import sys

db, citizens, exempt, mailing = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
first = ["Anne", "Mette", "Kirsten", "Hanne", "Peter", "Jens", "Lars", "Søren", "Åse", "Bjørn", "Jørgen", "Ida"]
last = ["Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Sørensen", "Østergaard", "Møller", "Kjærgaard"]
streets = ["Søndergade", "Nørregade", "Østergade", "Vestergade", "Algade", "Skovvej", "Bøgevej", "Åvej"]
towns = [("1620", "København V", 101), ("2100", "København Ø", 101), ("2800", "Kongens Lyngby", 173),
         ("3000", "Helsingør", 217), ("4000", "Roskilde", 265), ("4700", "Næstved", 370),
         ("5000", "Odense C", 461), ("5700", "Svendborg", 479), ("6000", "Kolding", 621),
         ("6700", "Esbjerg", 561), ("7100", "Vejle", 630), ("8000", "Aarhus C", 751),
         ("8600", "Silkeborg", 740), ("8700", "Horsens", 615), ("9000", "Aalborg", 851),
         ("1820", "Frederiksberg C", 147), ("2200", "København N", 101), ("8200", "Aarhus N", 751),
         ("9200", "Aalborg SV", 851), ("5200", "Odense V", 461)]
floors = [None, "st", "1", "2", "3", "4"]
doors = [None, "tv", "th", "mf"]

per_date = 28 * 12 * 74
serials = (citizens + per_date - 1) // per_date
step = max(1, citizens // exempt)
con = sqlite3.connect(db)
con.execute("PRAGMA journal_mode=WAL")
con.execute("PRAGMA synchronous=OFF")
con.execute("BEGIN")

def rows():
    n = 0
    for dd in range(1, 29):
        for mm in range(1, 13):
            for yy in range(26, 100):
                for s in range(serials):
                    if n == citizens:
                        return
                    yield n, dd, mm, yy, s
                    n += 1

chosen = []
citizen_rows = []
exemption_rows = []
for n, dd, mm, yy, s in rows():
    key = int(f"{dd:02d}{mm:02d}{yy:02d}{s:04d}")
    postcode, city, municipality = towns[(n * 2654435761 >> 9) % len(towns)]
    floor = floors[n % len(floors)]
    door = doors[n % len(doors)] if floor else None
    citizen_rows.append((key, "2026-01-01", f"19{yy:02d}-{mm:02d}-{dd:02d}", f"{first[n % 12]} {last[n % 9]}",
                         "danish", None, streets[n % 8], str(1 + n % 199), floor, door, postcode, city,
                         None, None, "resident", None, "da", municipality, None, None, 1))
    if n % step == 0 and len(chosen) < exempt:
        chosen.append(f"{dd:02d}{mm:02d}{yy:02d}-{s:04d}")
        exemption_rows.append((key, "2026-01-01", None, None, '["noInternet"]', 0, None, None, 1))
    if len(citizen_rows) == 100000:
        con.executemany("INSERT INTO citizen VALUES (?,?,NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        [r[:2] + r[2:] for r in citizen_rows])
        citizen_rows = []
con.executemany("INSERT INTO citizen VALUES (?,?,NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", citizen_rows)
con.executemany("INSERT INTO exemption VALUES (?,?,?,?,?,?,?,?,?)", exemption_rows)
con.execute("COMMIT")
con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
con.close()

random.Random(20261123).shuffle(chosen)
sender = {"name": "Borgerservice Aarhus", "municipality": "Aarhus Kommune", "street": "Rådhuspladsen 2",
          "postcode": "8000", "city": "Aarhus C", "cvr": "55133018", "phone": "89 40 20 00"}
with open(mailing, "w", encoding="utf-8") as out:
    for i, cpr in enumerate(chosen):
        fields = {"reference": f"FD-2026-{i + 1:06d}", "clerk": {"name": "Mette Holm"},
                  "citizen": {"name": "Borger", "cpr": cpr},
                  "criteria": {"impairment": False, "noInternet": True, "emigratedOrNoFixedResidence": False,
                               "languageBarriers": False, "nemIDDifficulty": False},
                  "decision": {"granted": True, "appliedOn": "2026-11-02", "from": "2026-11-23",
                               "criteriaTicked": True, "forEmigration": False, "paperCopies": False}}
        out.write(json.dumps({"recipient": cpr, "template": "exemption-decision", "lang": "da",
                              "date": "2026-11-23", "sender": sender, "fields": fields},
                             ensure_ascii=False) + "\n")
print(f"{citizens} citizens, {len(chosen)} exempt, mailing {mailing}")
