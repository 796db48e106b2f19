"""Write the example roster (``roster.csv`` and ``roster.xlsx``) beside this script.

A synthetic program for the demo's ``--today 2026-11-23``: 42 infants born from March to
mid-November 2026 at two sites (``main`` and ``east``), English and Spanish speakers, grouped in
clusters of births so cohorts can form, with the last births recent enough that their cohorts
are still forming. It has preterm babies, one pair of twins, one family without group consent,
one pair of families to keep apart, one inactive family and one caregiver with a preferred
name. Two Spanish-speaking families at ``main`` are still expecting (a ``due_date`` in February
2027 and no date of birth): they count in ``groupwcc capacity`` and the forming list, never on a
calendar or sheet. Every name is invented and every phone number is in the fictional 555-01xx range.

The output is the same on every run (fixed seed):

    .venv/bin/python examples/make_roster.py
"""

from __future__ import annotations

import csv
import io
import random
from datetime import date, datetime, timedelta
from pathlib import Path

from groupwcc.readers.roster import ROSTER_COLUMNS

HERE = Path(__file__).resolve().parent
SEED = 20261123
TODAY = date(2026, 11, 23)

# (site, language, centre of the births, infants): each cluster is a likely cohort.
CLUSTERS = (
    ("main", "en", date(2026, 3, 18), 6),
    ("main", "es", date(2026, 4, 14), 5),
    ("main", "en", date(2026, 5, 20), 7),   # the twins are here
    ("east", "en", date(2026, 6, 9), 5),
    ("east", "es", date(2026, 7, 14), 4),
    ("main", "en", date(2026, 8, 11), 6),   # the keep-apart pair and the no-consent infant
    ("main", "es", date(2026, 9, 8), 4),
    ("east", "en", date(2026, 10, 30), 2),  # recent births: cohorts still forming
    ("main", "en", date(2026, 11, 5), 3),
)
SPREAD_DAYS = 12
LATEST_BIRTH = TODAY - timedelta(days=7)

BABY = ("Sunny", "Maple", "Clover", "Pebble", "Juniper", "Willow", "Breezy", "Cosmo", "Fable",
        "Ginger", "Hazel", "Indigo", "Kiwi", "Lumen", "Mochi", "Nimbus", "Olive", "Pippin",
        "Quill", "Saffron", "Tulip", "Waffle", "Yarrow", "Ziggy", "Biscuit", "Sprout", "Button",
        "Acorn", "Noodle", "Dumpling")
BEBE = ("Estrellita", "Lucerito", "Brisa", "Cielo", "Nube", "Girasol", "Coquí", "Maripó",
        "Ñandú", "Arcoíris", "Tortuga", "Churro")
CAREGIVER = ("Rainy", "Stormy", "Misty", "Dusty", "Sandy", "Meadow", "Harbor", "River",
             "Breeze", "Aurora", "Comet", "Marble")
CUIDADOR = ("Lluvia", "Rocío", "Celeste", "Marisol", "Alba", "Brisa", "Luz", "Paz")
SURNAME = ("Example", "Testcase", "Sampleton", "Placeholder", "Mockford", "Fixture", "Demoson",
           "Dummyworth", "Fakely", "Stubbins", "Pretendsworth", "Madeupson")
APELLIDO = ("Ejemplo", "Muestra", "Prueba", "Ficticio", "Inventado", "Simulado")

# Preterm births by (cluster, position in cluster): completed weeks and days.
PRETERM = {(0, 2): (33, 2), (1, 0): (35, 0), (3, 1): (30, 4), (5, 4): (36, 5), (8, 0): (34, 6)}
TWINS = (2, 3)              # cluster 2, family at position 3 has two infants
TWIN_GESTATION = (34, 1)
KEEP_APART = {(5, 0): (5, 1), (5, 1): (5, 0)}  # two families of one cohort, both ways
NO_CONSENT = (5, 3)
INACTIVE = (4, 2)
PREFERRED_NAME = (0, 4)
# Who brings the baby (optional column; staff guides only): a grandparent (kin), a foster
# carer and a partner; empty elsewhere. (2, 1) is in a cohort that meets in the first weeks,
# so the example guides show the wording for carers.
CAREGIVER_ROLE = {(0, 0): "parent", (0, 1): "kin", (1, 2): "foster", (2, 0): "partner",
                  (2, 1): "kin"}
# Expectant families (issue 18): (caregiver first name, surname, due date), at main in Spanish.
EXPECTING = (("Alba", "Inventado", date(2027, 2, 10)), ("Paz", "Simulado", date(2027, 2, 21)))


def make_rows(seed: int = SEED) -> list[dict[str, object]]:
    """The example roster as rows keyed by ``ROSTER_COLUMNS`` (dates as ``date``)."""
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    families: dict[tuple[int, int], str] = {}
    for c, (_, _, _, count) in enumerate(CLUSTERS):
        for k in range(count - 1 if c == TWINS[0] else count):  # the twins are one family
            families[c, k] = f"F{len(families) + 1:02d}"
    for (c, k), family_id in families.items():
        site, language, centre, _ = CLUSTERS[c]
        born = min(LATEST_BIRTH, centre + timedelta(days=rng.randint(-SPREAD_DAYS, SPREAD_DAYS)))
        infants = 2 if (c, k) == TWINS else 1
        rows.extend(_family(rng, c, k, family_id, families, site, language, born, infants,
                            first_infant=len(rows) + 1))
    for n, (caregiver, surname, due) in enumerate(EXPECTING, 1):  # last: seeded rows unchanged
        rows.append(_expecting(len(rows) + 1, len(families) + n, caregiver, surname, due,
                               enrolled=TODAY - timedelta(days=14 * n)))
    return rows


def _expecting(number: int, family: int, caregiver: str, surname: str, due: date, *,
               enrolled: date) -> dict[str, object]:
    """A family enrolled in pregnancy: no baby's name or birth date yet, a due date."""
    empty = dict.fromkeys(ROSTER_COLUMNS, "")
    return empty | {
        "infant_id": f"I{number:03d}", "family_id": f"F{family:02d}", "caregiver_first_name":
        caregiver, "caregiver_last_name": surname, "site": "main", "language": "es",
        "group_consent": "yes", "phone": f"555-01{family:02d}", "contact_preference": "call",
        "enrolled_on": enrolled, "status": "active",
        "due_date": due}


def _family(rng: random.Random, c: int, k: int, family_id: str,
            families: dict[tuple[int, int], str], site: str, language: str, born: date,
            infants: int, first_infant: int) -> list[dict[str, object]]:
    spanish = language == "es"
    surname = rng.choice(APELLIDO if spanish else SURNAME)
    caregiver = rng.choice(CUIDADOR if spanish else CAREGIVER)
    names = rng.sample(BEBE if spanish else BABY, infants)
    weeks, days = TWIN_GESTATION if infants == 2 else PRETERM.get((c, k), _term(rng))
    partner = KEEP_APART.get((c, k))
    enrolled = min(born + timedelta(days=rng.randint(3, 40)), TODAY - timedelta(days=1))
    family = int(family_id[1:])
    return [{
        "infant_id": f"I{first_infant + n:03d}", "family_id": family_id,
        "infant_first_name": names[n], "infant_last_name": surname, "date_of_birth": born,
        "caregiver_first_name": caregiver, "caregiver_last_name": surname, "site": site,
        "gestational_age_weeks": weeks, "gestational_age_days": days, "language": language,
        "group_consent": "no" if (c, k) == NO_CONSENT else "yes",
        "phone": f"555-01{family:02d}", "contact_preference": ("text", "call")[family % 2],
        "keep_apart_with": families[partner] if partner else "", "enrolled_on": enrolled,
        "status": "inactive" if (c, k) == INACTIVE else "active",
        "caregiver_preferred_name": caregiver[:3] if (c, k) == PREFERRED_NAME else "",
        "rsv_protection": "", "hcv_exposed": "", "hbsag_positive_parent": "",  # staff-only
        "due_date": "", "caregiver_role": CAREGIVER_ROLE.get((c, k), ""),
    } for n in range(infants)]


def _term(rng: random.Random) -> tuple[int | str, int | str]:
    """Term babies: gestational age often unknown (empty), else 37–41 weeks."""
    if rng.random() < 0.5:
        return "", ""
    return rng.randint(37, 41), rng.randint(0, 6)


def roster_csv(rows: list[dict[str, object]]) -> bytes:
    """CSV UTF-8 with a BOM, as Excel's 'CSV UTF-8' writes it; ISO dates."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ROSTER_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: v.isoformat() if isinstance(v, date) else v for k, v in row.items()})
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_xlsx(rows: list[dict[str, object]], path: Path) -> None:
    """An .xlsx with real date cells (US format), numbers as numbers, formulas off."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False,
                                           "strings_to_numbers": False})
    book.set_properties({"title": "Example roster (synthetic)", "author": "groupwcc examples",
                         "created": datetime(2026, 11, 23)})
    sheet = book.add_worksheet("Roster")
    bold = book.add_format({"bold": True})
    day = book.add_format({"num_format": "m/d/yyyy"})
    sheet.write_row(0, 0, ROSTER_COLUMNS, bold)
    for r, row in enumerate(rows, start=1):
        for col, name in enumerate(ROSTER_COLUMNS):
            value = row[name]
            if isinstance(value, date):
                sheet.write_datetime(r, col, datetime.combine(value, datetime.min.time()), day)
            elif isinstance(value, int):
                sheet.write_number(r, col, value)
            else:
                sheet.write_string(r, col, str(value))
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, len(ROSTER_COLUMNS) - 1, 16)
    book.close()


def main() -> None:
    rows = make_rows()
    (HERE / "roster.csv").write_bytes(roster_csv(rows))
    write_xlsx(rows, HERE / "roster.xlsx")
    print(f"wrote {len(rows)} rows to {HERE / 'roster.csv'} and {HERE / 'roster.xlsx'}")


if __name__ == "__main__":
    main()
