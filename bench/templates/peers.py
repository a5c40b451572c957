"""The peer engines of the template benchmark: Jinja2 (autoescape) and Chameleon.

    python peers.py generate N records.json   -- the shared, deterministic input
    python peers.py run records.json RUNS OUTDIR -- renders every record RUNS times per engine,
                                                  prints "engine<TAB>letters/s wall,...<TAB>letters/s CPU,..." per engine
    python peers.py compare A B ...           -- checks outputs are identical in text

Both engines get the data as plain Python dicts, loaded before timing; each run renders every
record once, single-threaded; outputs of the last run are written for comparison.
"""

import html
import json
import random
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
          "oktober", "november", "december"]


def longdate(text):
    """`22. november 2026`: what the Swift engine's date filter writes for lang="da"."""
    year, month, day = int(text[0:4]), int(text[5:7]), int(text[8:10])
    return f"{day}. {MONTHS[month - 1]} {year}"


def cpr(text):
    """`DDMMYY-XXXX`: the Swift engine's cpr filter."""
    digits = text.replace("-", "")
    if len(digits) != 10 or not digits.isdigit():
        raise ValueError(f"not a CPR number: {text!r}")
    return digits[:6] + "-XXXX"


def generate(count, path):
    rng = random.Random(20261122)
    first = ["Søren", "Åse", "Øjvind", "Mette", "Jens", "Ærbødig", "Zoë", "Anne-Marie", "Bo <b>", "Tom & Jerry"]
    last = ["Østergård", "Ærø", "Hansen", "Jensen", "<script>alert(1)</script>", "Møller & Søn", "Quote\"d"]
    streets = ["Åboulevarden", "Søndergade", "Østre Allé", "Vestergade", "Nørrebrogade"]
    cities = [("8000", "Aarhus C"), ("2200", "København N"), ("5000", "Odense C"), ("9000", "Aalborg")]
    reasons = ["Sproglige barrierer", "Kognitiv funktionsnedsættelse", "Fysisk funktionsnedsættelse",
               "Manglende adgang til computer", "Bopæl i udlandet"]
    records = []
    for index in range(count):
        postcode, city = rng.choice(cities)
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1940, 2010)
        record = {
            "subject": "Afgørelse om fritagelse fra Digital Post",
            "municipality": rng.choice(["Aarhus Kommune", "Københavns Kommune", "Odense Kommune"]),
            "letterDate": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "caseNumber": f"2026-{index:06d}",
            "recipient": {
                "name": f"{rng.choice(first)} {rng.choice(last)}",
                "cpr": f"{day:02d}{month:02d}{year % 100:02d}{'-' if index % 2 else ''}{rng.randint(0, 9999):04d}",
                "address": {"street": f"{rng.choice(streets)} {rng.randint(1, 200)}", "postcode": postcode,
                            "city": city},
            },
            "granted": rng.random() < 0.7,
            "reasons": rng.sample(reasons, rng.randint(1, 3)),
            "link": f"https://www.borger.dk/digital-post?sag={index}&lang=da",
        }
        if index % 3:
            record["clerk"] = f"{rng.choice(first)} {rng.choice(last)}"
        records.append(record)
    Path(path).write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")


def engines():
    import jinja2
    from chameleon import PageTemplate

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE)), autoescape=True, undefined=jinja2.StrictUndefined)
    environment.filters["longdate"] = longdate
    environment.filters["cpr"] = cpr
    jinja_template = environment.get_template("letter.j2")
    chameleon_template = PageTemplate((HERE / "letter.pt").read_text(encoding="utf-8"))

    def render_jinja(record):
        return jinja_template.render(record)

    def render_chameleon(record):
        return chameleon_template(longdate=longdate, cpr=cpr, **record)

    return [("Jinja2 (autoescape)", "jinja2", render_jinja), ("Chameleon", "chameleon", render_chameleon)]


def run(records_path, runs, outdir):
    records = json.loads(Path(records_path).read_text(encoding="utf-8"))
    for label, slug, render in engines():
        rates, cpu_rates = [], []
        outputs = []
        for _ in range(runs):
            start, cpu_start = time.perf_counter(), time.thread_time()
            outputs = [render(record) for record in records]
            cpu_rates.append(len(records) / (time.thread_time() - cpu_start))
            rates.append(len(records) / (time.perf_counter() - start))
        Path(outdir, f"{slug}.html").write_text("\n<!-- letter -->\n".join(outputs), encoding="utf-8")
        print(f"{label}\t" + ",".join(f"{rate:.1f}" for rate in rates) + "\t"
              + ",".join(f"{rate:.1f}" for rate in cpu_rates), flush=True)


def normalized(text):
    """Text-level comparison: entities decoded (engines spell &#34; / &quot; differently),
    void elements written one way, whitespace runs collapsed, whitespace between tags removed."""
    text = html.unescape(text)
    text = re.sub(r"\s*/>", ">", text)
    text = re.sub(r"\s+", " ", text)
    return re.sub(r">\s+<", "><", text).strip()


def compare(paths):
    reference = normalized(Path(paths[0]).read_text(encoding="utf-8"))
    ok = True
    for other in paths[1:]:
        candidate = normalized(Path(other).read_text(encoding="utf-8"))
        if candidate != reference:
            ok = False
            at = next((i for i, (a, b) in enumerate(zip(reference, candidate)) if a != b),
                      min(len(reference), len(candidate)))
            print(f"DIFFERENT: {paths[0]} vs {other} at character {at}:\n  {reference[at - 80:at + 80]!r}\n"
                  f"  {candidate[at - 80:at + 80]!r}")
    if ok:
        print(f"outputs identical in text ({len(paths)} engines, {reference.count('<!-- letter -->') + 1} letters)")
    return ok


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "generate":
        generate(int(sys.argv[2]), sys.argv[3])
    elif command == "run":
        run(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif command == "compare":
        sys.exit(0 if compare(sys.argv[2:]) else 1)
