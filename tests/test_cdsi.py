"""CDC CDSi test cases through the same code path as ``groupwcc vaccines forecast``.

Every case of tests/fixtures/cdsi/dev.csv (CDC's "Healthy Childhood and Adult" test
cases v4.45, development half) is written as a records CSV, forecast with
``groupwcc.api.vaccines.forecast_file`` and compared field by field (dose evaluations with their
reasons, status, next dose, earliest, recommended and past-due dates). Agreement per vaccine
group is printed (``pytest -s tests/test_cdsi.py``) and ratcheted: the test fails when fewer
cases agree than tests/fixtures/cdsi/agreement.json records. Cases not followed on purpose are
listed with their reason in docs/explanation/immunizations.md.

Run ``python tests/test_cdsi.py --update`` after an improvement to raise the ratchet.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections import Counter
from pathlib import Path

from groupwcc.api.vaccines import forecast_file

HERE = Path(__file__).parent
RATCHET = HERE / "fixtures" / "cdsi" / "agreement.json"
# CDC's public test cases (a US government work, synthetic patients) ship with the tests, so CI
# never depends on a folder outside the repository; GROUPWCC_CDSI_DIR points at another copy.
SUITE = Path(os.environ.get("GROUPWCC_CDSI_DIR",
                            Path(__file__).resolve().parent / "fixtures" / "cdsi"))
FILES = ("dev.csv", "flu_covid_rsv_dev.csv")
# CDC's antigen series names → groupwcc vaccine groups
GROUPS = {"HepB": "HepB", "DTAP": "DTaP", "POL": "Polio", "HIB": "Hib", "PCV": "PCV",
          "ROTA": "RV", "MMR": "MMR", "VAR": "VAR", "HepA": "HepA", "FLU": "Influenza",
          "COVID-19": "COVID-19", "RSV": "RSV"}
FIELDS = ("dose_evaluations", "status", "next_dose", "earliest_date", "recommended_date",
          "past_due_date")


def load_cases() -> list[dict[str, str]]:
    """Every CDC case of the groups groupwcc covers."""
    cases: list[dict[str, str]] = []
    for name in FILES:
        with (SUITE / name).open(encoding="utf-8") as handle:
            cases += [row for row in csv.DictReader(handle) if row["antigen_series"] in GROUPS]
    return cases


def expected(case: dict[str, str]) -> dict[str, str]:
    """CDC's expectation in the command's vocabulary (lower case; reasons kept)."""
    return {"dose_evaluations": case["expected_dose_evaluations"].lower(),
            "status": case["expected_forecast_status"].lower(),
            "next_dose": case["expected_next_dose_number"],
            "earliest_date": case["expected_earliest_date"],
            "recommended_date": case["expected_recommended_date"],
            "past_due_date": case["expected_past_due_date"]}


def run_cases(cases: list[dict[str, str]], folder: Path) -> dict[str, dict[str, str]]:
    """Write the cases as a records file, forecast it, return the result rows by case."""
    from groupwcc.exporters.forecast_csv import COLUMNS, forecast_row

    source = folder / "records.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["case_id", "date_of_birth", "assessment_date", "doses"])
        for case in cases:
            writer.writerow([case["case_id"], case["dob"], case["assessment_date"],
                             case["doses"]])
    wanted = {(c["case_id"], GROUPS[c["antigen_series"]]) for c in cases}
    rows = {}
    for forecast in forecast_file(source).forecasts:
        if (forecast.case_id, forecast.vaccine_group) in wanted:
            row = dict(zip(COLUMNS, forecast_row(forecast), strict=True))
            row["dose_evaluations"] = row["dose_evaluations"].lower()
            rows[forecast.case_id] = row
    return rows


def compare(cases: list[dict[str, str]], rows: dict[str, dict[str, str]]
            ) -> tuple[Counter[str], Counter[str], list[str]]:
    """Agreeing and total cases per group, and one line per disagreement."""
    agree: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses: list[str] = []
    for case in cases:
        group = GROUPS[case["antigen_series"]]
        total[group] += 1
        want, got = expected(case), rows.get(case["case_id"], {})
        wrong = [f for f in FIELDS if want[f] != got.get(f, "")]
        if not wrong:
            agree[group] += 1
        else:
            misses.append(f"{case['case_id']} {group}: " + "; ".join(
                f"{f} want {want[f]!r} got {got.get(f, '')!r}" for f in wrong))
    return agree, total, misses


def table(agree: Counter[str], total: Counter[str]) -> str:
    """The agreement table printed by the test."""
    lines = [f"{'group':<8} agree/total"]
    lines += [f"{g:<8} {agree[g]:>5}/{total[g]:<5}" for g in total]
    lines.append(f"{'all':<8} {sum(agree.values()):>5}/{sum(total.values()):<5}")
    return "\n".join(lines)


def test_cdsi_agreement_does_not_drop(tmp_path: Path) -> None:
    cases = load_cases()
    agree, total, _ = compare(cases, run_cases(cases, tmp_path))
    print("\nCDC CDSi test cases (dev half):\n" + table(agree, total))
    floor = json.loads(RATCHET.read_text(encoding="utf-8"))["agreeing_cases"]
    dropped = {g: (agree[g], n) for g, n in floor.items() if agree[g] < n}
    assert not dropped, f"fewer CDSi cases agree than recorded (now, before): {dropped}"


def _main(argv: list[str]) -> None:
    import tempfile

    cases = load_cases()
    with tempfile.TemporaryDirectory() as folder:
        agree, total, misses = compare(cases, run_cases(cases, Path(folder)))
    only = argv[argv.index("--group") + 1] if "--group" in argv else None
    for miss in misses:
        if only is None or f" {only}:" in miss:
            print(miss)
    print(table(agree, total))
    if "--update" in argv:
        RATCHET.write_text(json.dumps({"suite": "CDSi v4.45 dev half", "agreeing_cases": {
            g: agree[g] for g in total}, "total_cases": dict(total)}, indent=2) + "\n",
            encoding="utf-8")


if __name__ == "__main__":
    _main(sys.argv[1:])
