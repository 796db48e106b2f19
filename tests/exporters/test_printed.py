"""Sign-in sheets and facilitator guides: HTML content, privacy, golden files, PDFs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from exporter_fixtures import (
    GOLDEN,
    check_golden,
    forbidden_strings,
    make_agenda,
    make_cohort,
    make_members,
)

from groupwcc.exporters.guides import materials_checklist, render_guide_html
from groupwcc.exporters.privacy import REVEALING_WORDS, find_revealing_words, scan_text
from groupwcc.exporters.sheets import render_sheet_html
from groupwcc.models import Agenda, Cohort, Infant, ProgramConfig, Session

NOTICE_START = ("CONFIDENTIAL: This information has been disclosed to you from records "
                "protected by federal confidentiality rules (42 CFR part 2).")
NOTICE_END = "42 CFR part 2 prohibits unauthorized disclosure of these records."


def _sheet(session: Session, agenda: Agenda, members: list[Infant], config: ProgramConfig,
           cohort: Cohort, **kwargs: object) -> str:
    return render_sheet_html(session, agenda, members, config=config, cohort=cohort,
                             visit_label="4-month", **kwargs)  # type: ignore[arg-type]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_sheet_matches_golden_file(session, agenda, members, config, cohort,
                                   update_golden) -> None:
    check_golden(GOLDEN / "sheet.html", _sheet(session, agenda, members, config, cohort),
                 update_golden)


def test_guide_matches_golden_file(session, agenda, config, cohort, update_golden) -> None:
    html = render_guide_html(agenda, session, config=config, cohort=cohort)
    check_golden(GOLDEN / "guide.html", html, update_golden)


def test_sheet_header_rows_and_notice(session, agenda, members, config, cohort) -> None:
    text = _text(_sheet(session, agenda, members, config, cohort))
    for fact in ("MAIN-2026-09-A-M4", "MAIN-2026-09-A", "4-month", "Tuesday 12 January 2027",
                 "10:00–12:00", "Group Room A"):
        assert fact in text
    assert NOTICE_START in text and NOTICE_END in text and "Shred after use" in text
    assert "Staff only" in text and "DTaP dose 2" in text


def test_sheet_shows_only_initialled_names_grouped_by_family(session, agenda, members, config,
                                                             cohort) -> None:
    html = _sheet(session, agenda, members, config, cohort)
    names = re.findall(r'<td class="name infant">([^<]+)</td>', html)
    # Families ordered by caregiver (Bart, Junie, Marigold, Ottilie, Percy, Rosalind…); the
    # twins Ada and Bo of Rosalind F. on consecutive rows, the caregiver cell spanning both.
    assert names == ["Lumi C.", "Otto B.", "Wren Q.", "Pip Z.", "Nell O.", "Ada F.", "Bo F.",
                     "Ivo T.", "Kit L."]
    assert '<td class="name caregiver" rowspan="2">Rosalind F.</td>' in html
    assert "Junie B." in html and "Juniper" not in html  # preferred name
    assert "Percy O." in html  # apostrophe surname initialled, escaped safely


def test_printed_material_has_no_dob_phone_or_revealing_words(session, agenda, members, config,
                                                              cohort) -> None:
    sheet = _sheet(session, agenda, members, config, cohort)
    guide = render_guide_html(agenda, session, config=config, cohort=cohort)
    for html in (sheet, guide):
        assert scan_text(html, forbidden_strings(members)) == []
        body = html.replace(NOTICE_START, "").split("</style>")[1]
        # The notice names "substance use disorder"; nothing else may reveal the purpose.
        body = body.replace("substance use disorder", "")
        assert find_revealing_words(body) == [], REVEALING_WORDS


def test_names_are_escaped(session, config) -> None:
    members = [make_members()[0].model_copy(update={"first_name": "<script>x</script>"})]
    agenda = make_agenda(session, members)
    html = _sheet(session, agenda, members, config, make_cohort(members))
    assert "<script>x" not in html and "&lt;script&gt;x" in html


def test_sheet_without_staff_columns(session, agenda, members, config, cohort) -> None:
    html = _sheet(session, agenda, members, config, cohort, staff_columns=False)
    assert "Staff only" not in html and "DTaP" not in html


def test_guide_content(session, agenda, config, cohort) -> None:
    html = render_guide_html(agenda, session, config=config, cohort=cohort)
    text = _text(html)
    assert "Tuesday 12 January 2027, 10:00–12:00" in text
    assert "Dr. Example, Nurse Sample" in text
    assert "10:35–10:45 Breathing together Facilitator 10" in text
    assert "Belly breathing with baby" in text and "Trauma-informed note:" in text
    assert "Where does your baby sleep?" in text
    staff = text.split("CONFIDENTIAL – staff only · MAIN-2026-09-A-M4")[1]
    assert "Pip Z. 4 m 3 d 2 m 20 d" in staff
    assert "Rotavirus dose 2 (give by 8 m 0 d)" in staff
    assert "outside visit window" in staff and NOTICE_END in staff
    group_part = text.split("CONFIDENTIAL – staff only · MAIN")[0]
    assert "Wren Q." not in group_part  # names only on the staff page


def test_materials_checklist_merges_without_duplicates(agenda) -> None:
    assert materials_checklist(agenda) == [
        "Snacks and water", "Sign-in sheet", "Name tags", "Infant scale", "Length board",
        "Soft blankets", "Baby-safe mirrors"]


def test_spanish_labels(session, members, config) -> None:
    agenda = make_agenda(session, members, language="es")
    html = render_guide_html(agenda, session, config=config,
                             cohort=make_cohort(members, "es"))
    assert "martes 12 de enero de 2027, 10:00–12:00" in html
    assert "Guía del facilitador" in html and "CONFIDENCIAL – solo personal" in html


def test_program_can_override_a_template(tmp_path: Path, session, agenda, members, config,
                                         cohort) -> None:
    (tmp_path / "sheet.css").write_text("/* program override */ body { color: green; }")
    html = _sheet(session, agenda, members, config, cohort, templates_dir=tmp_path)
    assert "program override" in html and "Staff only" in html


# --- PDFs -------------------------------------------------------------------------------


def test_sheet_for_eight_families_is_one_landscape_page(session, agenda, members, config,
                                                        cohort, tmp_path) -> None:
    from groupwcc.exporters.pdf import html_to_pdf

    pdf = html_to_pdf(_sheet(session, agenda, members, config, cohort))
    assert pdf.startswith(b"%PDF")
    assert page_count(pdf) == 1
    width, height = page_size(pdf)
    assert width > height  # landscape
    _png_of_first_page(pdf, tmp_path / "sheet")


def test_guide_has_at_least_three_pages(session, agenda, config, cohort, tmp_path) -> None:
    from groupwcc.exporters.pdf import html_to_pdf

    pdf = html_to_pdf(render_guide_html(agenda, session, config=config, cohort=cohort))
    assert page_count(pdf) >= 3
    _png_of_first_page(pdf, tmp_path / "guide")


def test_parallel_rendering_keeps_order(session, agenda, members, config, cohort) -> None:
    from groupwcc.exporters.pdf import render_pdfs_parallel

    sheet = _sheet(session, agenda, members, config, cohort)
    guide = render_guide_html(agenda, session, config=config, cohort=cohort)
    jobs = [(sheet, None), (guide, None), (sheet, None), (guide, None)]
    pdfs = render_pdfs_parallel(jobs, processes=2)
    assert [page_count(p) for p in pdfs] == [1, 3, 1, 3]


def _pdfinfo(pdf: bytes) -> dict[str, str]:
    """``pdfinfo``'s fields (poppler-utils; CI installs it), or skip the test."""
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.decode().splitlines() if ":" in line)


def page_count(pdf: bytes) -> int:
    return int(_pdfinfo(pdf)["Pages"])


def page_size(pdf: bytes) -> tuple[float, float]:
    width, _, height = _pdfinfo(pdf)["Page size"].split()[:3]
    return float(width), float(height)


def _png_of_first_page(pdf: bytes, stem: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    source = stem.with_suffix(".pdf")
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "60", "-png", str(source),
                    str(stem)], check=True, capture_output=True)
    pngs = list(stem.parent.glob(f"{stem.name}*.png"))
    assert len(pngs) == 1 and pngs[0].read_bytes().startswith(b"\x89PNG")


def test_sheet_fits_one_us_letter_page_too(session, agenda, members, config, cohort) -> None:
    from groupwcc.exporters.pdf import html_to_pdf

    html = _sheet(session, agenda, members, config, cohort)
    letter = html.replace("size: landscape;", "size: letter landscape;")
    assert letter != html
    pdf = html_to_pdf(letter)
    assert page_count(pdf) == 1
    assert page_size(pdf) == (792.0, 612.0)
