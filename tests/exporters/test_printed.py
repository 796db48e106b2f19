"""Sign-in sheets and facilitator guides: content, privacy, the guide's HTML view.

The PDFs' own properties (fonts, PDF/UA, pages, images) are in ``test_pdf.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

from exporter_fixtures import (
    GOLDEN,
    check_golden,
    forbidden_strings,
    make_agenda,
    make_cohort,
    make_members,
    pdf_text,
)

from groupwcc.exporters.guides import materials_checklist, render_guide_html, render_guide_pdf
from groupwcc.exporters.privacy import find_revealing_words, scan_text
from groupwcc.exporters.sheets import render_sheet_pdf
from groupwcc.models import Agenda, Cohort, Infant, ProgramConfig, Session

NOTICE_START = ("CONFIDENTIAL: This information has been disclosed to you from records "
                "protected by federal confidentiality rules (42 CFR part 2).")
NOTICE_END = "42 CFR part 2 prohibits unauthorized disclosure of these records."


def _sheet_text(session: Session, agenda: Agenda, members: list[Infant], config: ProgramConfig,
                cohort: Cohort, **kwargs: object) -> str:
    """The sign-in sheet PDF's text (pypdf), whitespace collapsed."""
    return pdf_text(render_sheet_pdf(session, agenda, members, config=config, cohort=cohort,
                                     visit_label="4-month", **kwargs))  # type: ignore[arg-type]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_guide_matches_golden_file(session, agenda, config, cohort, update_golden) -> None:
    html = render_guide_html(agenda, session, config=config, cohort=cohort)
    check_golden(GOLDEN / "guide.html", html, update_golden)


def test_sheet_header_rows_and_notice(session, agenda, members, config, cohort) -> None:
    text = _sheet_text(session, agenda, members, config, cohort)
    for fact in ("MAIN-2026-09-A-M4", "MAIN-2026-09-A", "4-month", "Tuesday 12 January 2027",
                 "10:00–12:00", "Group Room A"):
        assert fact in text
    assert NOTICE_START not in text and "42 CFR" not in text  # families read the footer
    assert "CONFIDENTIAL: do not leave this sheet where others can read it." in text
    assert "SHRED AFTER USE" in text
    # Families see the sheet: by default it shows names and tick boxes only (§7.2).
    assert "STAFF ONLY" not in text and "DTaP" not in text and "EPDS" not in text
    staffed = _sheet_text(session, agenda, members, config, cohort, staff_columns=True)
    assert "STAFF ONLY" in staffed and "DTaP dose 2" in staffed


def test_sheet_shows_only_initialled_names_grouped_by_family(session, agenda, members, config,
                                                             cohort) -> None:
    text = _sheet_text(session, agenda, members, config, cohort, staff_columns=True)
    names = re.findall(r"\b\d \w+ \w\. (\w+ \w\.)|\b\d (\w+ \w\.) EPDS", text)
    infants = [a or b for a, b in names]
    # Families ordered by caregiver (Bart, Junie, Marigold, Ottilie, Percy, Rosalind…); the
    # twins Ada and Bo of Rosalind F. on consecutive rows, the caregiver cell spanning both.
    assert infants == ["Lumi C.", "Otto B.", "Wren Q.", "Pip Z.", "Nell O.", "Ada F.", "Bo F.",
                       "Ivo T.", "Kit L."]
    assert text.count("Rosalind F.") == 1
    assert "Junie B." in text and "Juniper" not in text  # preferred name
    assert "Percy O." in text  # apostrophe surname initialled


def test_printed_material_has_no_dob_phone_or_revealing_words(session, agenda, members, config,
                                                              cohort) -> None:
    sheet = _sheet_text(session, agenda, members, config, cohort)
    guide = render_guide_html(agenda, session, config=config, cohort=cohort)
    guide_pdf = pdf_text(render_guide_pdf(agenda, session, config=config, cohort=cohort))
    for text in (sheet, guide, guide_pdf):
        assert scan_text(text, forbidden_strings(members)) == []
        body = text.replace(NOTICE_START, "").split("</style>")[-1]
        # The notice names "substance use disorder"; nothing else may reveal the purpose.
        body = body.replace("substance use disorder", "")
        assert find_revealing_words(body) == []


def test_names_are_printed_as_written(session, config) -> None:
    members = [make_members()[0].model_copy(update={"first_name": "<O'Neil & #Co>"})]
    agenda = make_agenda(session, members)
    text = _sheet_text(session, agenda, members, config, make_cohort(members))
    assert "<O'Neil & #Co> " in text  # Typst markup characters are data, not code
    html = render_guide_html(agenda, session, config=config, cohort=make_cohort(members))
    assert "<O'Neil" not in html and "&lt;O&#39;Neil &amp; #Co&gt;" in html


def test_sheet_without_staff_columns(session, agenda, members, config, cohort) -> None:
    text = _sheet_text(session, agenda, members, config, cohort, staff_columns=False)
    assert "STAFF ONLY" not in text and "DTaP" not in text and "Kit L." in text


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


def test_program_can_override_a_template(tmp_path: Path, session, agenda, config,
                                         cohort) -> None:
    (tmp_path / "guide.css").write_text("/* program override */ body { color: green; }")
    html = render_guide_html(agenda, session, config=config, cohort=cohort,
                             templates_dir=tmp_path)
    assert "program override" in html and "CONFIDENTIAL – staff only" in html
