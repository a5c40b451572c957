#!/usr/bin/env python3
"""A synthetic CPR extract for the web bench's big registry, in the import's CSV layout
(docs/citizens-csv.md), imported by each build under test with its own `citizens import`, so
that the old build and the new one read the same people from registries of their own schema.

    make_citizens.py CSV COUNT TODAY

The same people as bench/registry's generator (Generator.swift) would give, in kind: valid CPR
numbers (modulus 11 holds) sorted as a register extract is, ages 0-104 with fewer of the oldest,
children under 15 with custody holders (a few with none), some deceased, emigrated (foreign
address) and without fixed residence. Python rather than the Swift generator, so that the bench
needs no release build of the benchmarks' package. Deterministic: a fixed seed.
"""
import datetime
import random
import sys

path, count, today = sys.argv[1], int(sys.argv[2]), datetime.date.fromisoformat(sys.argv[3])
first_names = ["Anne", "Mette", "Kirsten", "Hanne", "Anna", "Helle", "Susanne", "Lene", "Maria", "Marianne",
               "Peter", "Jens", "Lars", "Michael", "Henrik", "Thomas", "Søren", "Jan", "Niels", "Rasmus", "Emma",
               "Ida", "Freja", "Alma", "William", "Noah", "Oscar", "Lucas", "Åse", "Bjørn", "Jørgen", "Ærling"]
last_names = ["Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
              "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen",
              "Østergaard", "Møller", "Nørgaard", "Kjærgaard"]
streets = ["Søndergade", "Nørregade", "Østergade", "Vestergade", "Algade", "Skovvej", "Kirkevej", "Bøgevej", "Åvej",
           "Strandvejen", "Møllevej", "Engvej"]
towns = [("2100", "København Ø", 101), ("8000", "Aarhus C", 751), ("5000", "Odense C", 461), ("9000", "Aalborg", 851),
         ("6700", "Esbjerg", 561), ("7100", "Vejle", 630), ("4000", "Roskilde", 265), ("8700", "Horsens", 615),
         ("2800", "Kongens Lyngby", 173), ("1820", "Frederiksberg C", 147)]
abroad = [("Hauptstraße 5|10115 Berlin", "DE"), ("Storgatan 12|211 42 Malmö", "SE"),
          ("1200 Main Street|Boston, MA 02108", "US"), ("Calle del Sol 3|29602 Marbella", "ES")]


def serials(day):
    """The serials that pass modulus 11 for a birth date, ascending (19xx: 0-3999; 20xx: 4000+)."""
    weights = [4, 3, 2, 7, 6, 5, 4, 3, 2]
    head = [day.day // 10, day.day % 10, day.month // 10, day.month % 10, day.year % 100 // 10, day.year % 10]
    prefixes = range(0, 400) if day.year < 2000 else list(range(400, 500)) + list(range(900, 1000))
    out = []
    for p in prefixes:
        digits = head + [p // 100, p // 10 % 10, p % 10]
        check = (11 - sum(d * w for d, w in zip(digits, weights)) % 11) % 11
        if check < 10:
            out.append(p * 10 + check)
    return out


def whole_years(birth):
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


rng = random.Random(20261122)
days = []
for n in range(105 * 365, 0, -1):
    day = today - datetime.timedelta(days=n)
    age = n / 365.25
    days.append((day, 1.0 if age < 75 else max(0.0, (105 - age) / 30)))
total = sum(w for _, w in days)
per_day, cumulative, assigned = [], 0.0, 0
for day, weight in days:
    cumulative += count * weight / total
    n = round(cumulative) - assigned
    assigned += n
    per_day.append((day, n))
people = []
for day, n in per_day:
    if n > 0:
        base = (day.day * 10_000 + day.month * 100 + day.year % 100) * 10_000
        people.extend((base + s, day) for s in serials(day)[:n])
people.sort(key=lambda p: p[0])
parents = [i for i, (_, birth) in enumerate(people) if 25 <= whole_years(birth) <= 55]


def cpr(key):
    text = f"{key:010d}"
    return f"{text[:6]}-{text[6:]}"


with open(path, "w", encoding="utf-8") as out:
    out.write("cpr,name,street,building,floor,door,postcode,city,co_name,foreign_lines,country,status,"
              "status_date,language,municipality,custody_1,custody_2\n")
    for key, birth in people:
        age = whole_years(birth)
        name = f"{rng.choice(first_names)} {rng.choice(last_names)}"
        town = rng.choice(towns)
        floor = str(rng.randrange(5)) if rng.random() < 0.4 else ""
        door = ("tv" if rng.random() < 0.5 else "th") if rng.random() < 0.4 else ""
        address = f"{rng.choice(streets)},{rng.randrange(120) + 1},{floor},{door},{town[0]},{town[1]},,,"
        status = ","
        if age >= 60 and rng.random() < 0.03:
            status = f"deceased,{today - datetime.timedelta(days=rng.randrange(3650))}"
        elif age >= 18 and rng.random() < 0.02:
            place = rng.choice(abroad)
            address = f',,,,,,,"{place[0]}",{place[1]}'
            status = f"emigrated,{today - datetime.timedelta(days=rng.randrange(7300))}"
        elif age >= 18 and rng.random() < 0.003:
            address = ",,,,,,,,"
            status = f"no-fixed-residence,{today - datetime.timedelta(days=rng.randrange(1000))}"
        custody = ","
        if age < 15:
            roll = rng.randrange(100)
            a, b = people[rng.choice(parents)][0], people[rng.choice(parents)][0]
            custody = f"{cpr(a)},{cpr(b)}" if roll < 95 and a != b else f"{cpr(a)}," if roll < 99 else ","
        language = "en" if rng.random() < 0.03 else "da"
        out.write(f"{cpr(key)},{name},{address},{status},{language},{town[2]},{custody}\n")
print(f"generated {len(people)} citizens into {path}")
