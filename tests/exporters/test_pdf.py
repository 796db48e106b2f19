"""PDFs typeset with Typst: text, pages, fonts, PDF/UA, determinism, overrides, errors."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from exporter_fixtures import GOLDEN, check_golden, make_agenda, make_cohort

from groupwcc.errors import UserError
from groupwcc.exporters.guides import guide_job, render_guide_pdf
from groupwcc.exporters.pack import render_packs
from groupwcc.exporters.pdf import check_no_remote_imports, render_pdfs
from groupwcc.exporters.report import render_followup_pdf, render_report_pdf
from groupwcc.exporters.sheets import render_sheet_pdf, sheet_job
from groupwcc.resources import templates_dir

# Pixels may differ this much on average (0–255 grey levels) from the stored image: enough for
# anti-aliasing differences between poppler versions, far too little for a moved table.
PNG_TOLERANCE = 4.0


def _reader(pdf: bytes):  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(pdf))


def _page_texts(pdf: bytes) -> str:
    """Each page's text (pypdf) under a page marker, for golden files a person can read."""
    return "".join(f"--- page {n} ---\n{page.extract_text().strip()}\n"
                   for n, page in enumerate(_reader(pdf).pages, start=1))


@pytest.fixture
def sheet_pdf(session, agenda, members, config, cohort) -> bytes:  # type: ignore[no-untyped-def]
    return render_sheet_pdf(session, agenda, members, config=config, cohort=cohort,
                            visit_label="4-month")


@pytest.fixture
def guide_pdf(session, agenda, config, cohort) -> bytes:  # type: ignore[no-untyped-def]
    return render_guide_pdf(agenda, session, config=config, cohort=cohort)


def test_sheet_text_matches_golden_file(sheet_pdf: bytes, update_golden: bool) -> None:
    check_golden(GOLDEN / "sheet.pdf.txt", _page_texts(sheet_pdf), update_golden)


def test_guide_text_matches_golden_file(guide_pdf: bytes, update_golden: bool) -> None:
    check_golden(GOLDEN / "guide.pdf.txt", _page_texts(guide_pdf), update_golden)


def test_followup_text_matches_golden_file(update_golden: bool) -> None:
    rows = [{"missed_in_a_row": "2", "caregiver": "Bart C.", "infant": "Lumi C.",
             "infant_id": "INF-001", "phone": "555-0100", "contact_preference": "text",
             "cohort_id": "MAIN-2026-09-A", "missed": "MAIN-2026-09-A-M4 2027-01-12",
             "next_session": "", "make_up": "individual 4-month visit 2027-01-13 to 2027-02-01"}]
    pdf = render_followup_pdf(rows, program="Example Baby Groups",
                              today=__import__("datetime").date(2027, 1, 14))
    check_golden(GOLDEN / "followup.pdf.txt", _page_texts(pdf), update_golden)
    assert "42 CFR part 2" in _page_texts(pdf)


def test_sheet_is_one_landscape_a4_page(sheet_pdf: bytes) -> None:
    pages = _reader(sheet_pdf).pages
    assert len(pages) == 1
    box = pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)


def test_sheet_fits_one_us_letter_page_too(session, agenda, members, config,
                                           cohort) -> None:
    job = sheet_job(session, agenda, members, config=config, cohort=cohort,
                    visit_label="4-month")
    job.data["paper"] = "us-letter"
    pages = _reader(render_pdfs([job])[0]).pages
    assert len(pages) == 1
    assert (float(pages[0].mediabox.width), float(pages[0].mediabox.height)) == (792.0, 612.0)


def test_guide_has_three_portrait_pages_with_staff_page_last(guide_pdf: bytes) -> None:
    pages = _reader(guide_pdf).pages
    assert len(pages) == 3
    assert all(float(p.mediabox.height) > float(p.mediabox.width) for p in pages)
    staff = pages[-1].extract_text()
    assert staff.startswith("CONFIDENTIAL – staff only") and "Wren Q." in staff
    assert all("Wren Q." not in p.extract_text() for p in pages[:-1])
    assert all("42 CFR part 2" in p.extract_text() for p in pages)  # notice on every page


def test_only_the_shipped_font_is_embedded(sheet_pdf: bytes, guide_pdf: bytes) -> None:
    for pdf in (sheet_pdf, guide_pdf):
        fonts = set()
        for page in _reader(pdf).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                assert "/FontFile2" in descriptor.get_object()  # embedded, not referenced
                fonts.add(str(font["/BaseFont"]).split("+", 1)[1])
        assert fonts <= {"NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic",
                         "NotoSans-BoldItalic"} and "NotoSans-Regular" in fonts


def test_pdf_ua_identifier_title_and_language(sheet_pdf: bytes, session, members,
                                              config) -> None:
    xmp = _reader(sheet_pdf).xmp_metadata
    assert xmp is not None
    raw = xmp.stream.get_data().decode("utf-8")
    assert "<pdfuaid:part>1</pdfuaid:part>" in raw
    assert "Sign-in sheet · MAIN-2026-09-A-M4" in raw and "<rdf:li>en</rdf:li>" in raw
    spanish = render_guide_pdf(make_agenda(session, members, language="es"), session,
                               config=config, cohort=make_cohort(members, "es"))
    raw = _reader(spanish).xmp_metadata.stream.get_data().decode("utf-8")  # type: ignore[union-attr]
    assert "<rdf:li>es</rdf:li>" in raw and "Guía del facilitador" in raw
    assert b"/StructTreeRoot" in spanish  # tagged


def test_spanish_guide_prints_accents(session, members, config) -> None:
    pdf = render_guide_pdf(make_agenda(session, members, language="es"), session,
                           config=config, cohort=make_cohort(members, "es"))
    text = _page_texts(pdf)
    assert "martes 12 de enero de 2027" in text and "CONFIDENCIAL – solo personal" in text
    assert "Página 1 de 3" in text


def test_same_input_gives_identical_bytes(session, agenda, members, config, cohort,
                                          sheet_pdf: bytes, guide_pdf: bytes) -> None:
    again = render_pdfs([sheet_job(session, agenda, members, config=config, cohort=cohort,
                                   visit_label="4-month"),
                         guide_job(agenda, session, config=config, cohort=cohort)])
    assert again == [sheet_pdf, guide_pdf]


def test_first_page_looks_like_the_stored_image(sheet_pdf: bytes, tmp_path: Path,
                                                update_golden: bool) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed; .ci/run installs it")
    import numpy as np
    from PIL import Image

    (tmp_path / "sheet.pdf").write_bytes(sheet_pdf)
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "40", "-gray", "-png",
                    "-singlefile", str(tmp_path / "sheet.pdf"), str(tmp_path / "sheet")],
                   check=True, capture_output=True)
    stored = GOLDEN / "sheet-page1.png"
    if update_golden:
        shutil.copyfile(tmp_path / "sheet.png", stored)
    actual = np.asarray(Image.open(tmp_path / "sheet.png").convert("L"), dtype=float)
    expected = np.asarray(Image.open(stored).convert("L"), dtype=float)
    assert actual.shape == expected.shape
    assert float(np.abs(actual - expected).mean()) <= PNG_TOLERANCE


def test_program_template_overrides_one_file(tmp_path: Path, session, agenda, members, config,
                                             cohort) -> None:
    common = (templates_dir() / "common.typ").read_text(encoding="utf-8")
    (tmp_path / "common.typ").write_text(
        common.replace("#let navy = rgb(\"#12355b\")", "#let navy = rgb(\"#006400\")"),
        encoding="utf-8")
    sheet = (templates_dir() / "sheet.typ").read_text(encoding="utf-8")
    (tmp_path / "sheet.typ").write_text(sheet.replace("sheet-header(d)\n  v(2mm)",
                                                      "sheet-header(d)\n  [Program override]"),
                                        encoding="utf-8")
    pdf = render_sheet_pdf(session, agenda, members, config=config, cohort=cohort,
                           visit_label="4-month", templates_dir=tmp_path)
    assert "Program override" in _page_texts(pdf)
    # the built-in guide.typ still works beside the program's common.typ
    guide = render_guide_pdf(agenda, session, config=config, cohort=cohort,
                             templates_dir=tmp_path)
    assert len(_reader(guide).pages) == 3


def test_broken_template_error_names_file_and_line(tmp_path: Path, session, agenda, members,
                                                   config, cohort) -> None:
    broken = tmp_path / "sheet.typ"
    lines = (templates_dir() / "sheet.typ").read_text(encoding="utf-8").splitlines()
    at = lines.index('#import "common.typ": *') + 1
    lines.insert(at, "#no-such-function(1)")
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        render_sheet_pdf(session, agenda, members, config=config, cohort=cohort,
                         visit_label="4-month", templates_dir=tmp_path)
    message = str(caught.value)
    assert f"{broken}:{at + 1}:" in message and "unknown variable: no-such-function" in message
    assert "Wren" not in message  # no personal data in errors


def test_no_template_imports_a_remote_package() -> None:
    typ = sorted(templates_dir().glob("*.typ"))
    assert {p.name for p in typ} >= {"common.typ", "sheet.typ", "guide.typ", "followup.typ",
                                     "pack.typ"}
    for path in typ:
        imports = re.findall(r"#(?:import|include)\s+\"([^\"]+)\"", path.read_text("utf-8"))
        assert all(i.endswith(".typ") and not i.startswith("@") for i in imports), path.name
        assert imports or path.name == "common.typ"
        check_no_remote_imports(path)


def test_program_template_with_a_remote_import_is_refused(tmp_path: Path, session, agenda,
                                                          members, config, cohort) -> None:
    sheet = tmp_path / "sheet.typ"
    sheet.write_text('// mine\n#import "@preview/tablex:0.0.8": tablex\n', encoding="utf-8")
    with pytest.raises(UserError, match=rf"{re.escape(str(sheet))}:2: remote package"):
        render_sheet_pdf(session, agenda, members, config=config, cohort=cohort,
                         visit_label="4-month", templates_dir=tmp_path)


def test_a_package_named_through_a_variable_is_refused_too(tmp_path: Path, session, agenda,
                                                          members, config, cohort) -> None:
    sheet = tmp_path / "sheet.typ"
    sheet.write_text('// not "@preview/x" in a comment\n#let p = "@preview/example:0.1.0"\n'
                     "#import p: *\n", encoding="utf-8")
    with pytest.raises(UserError, match=rf"{re.escape(str(sheet))}:2: remote packages"):
        render_sheet_pdf(session, agenda, members, config=config, cohort=cohort,
                         visit_label="4-month", templates_dir=tmp_path)


def test_program_templates_may_use_their_own_sub_folders_and_images(
        tmp_path: Path, session, agenda, members, config, cohort) -> None:
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "helpers.typ").write_text("#let shout(t) = upper(t)\n", "utf-8")
    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<rect width="10" height="10"/></svg>', "utf-8")
    sheet = (templates_dir() / "sheet.typ").read_text(encoding="utf-8")
    (tmp_path / "sheet.typ").write_text(
        '#import "lib/helpers.typ": shout\n' + sheet.replace(
            "sheet-header(d)\n  v(2mm)",
            'sheet-header(d)\n  image("logo.svg", width: 5mm, alt: "logo")\n'
            '  [#shout("program override")]'), encoding="utf-8")
    pdf = render_sheet_pdf(session, agenda, members, config=config, cohort=cohort,
                           visit_label="4-month", templates_dir=tmp_path)
    assert "PROGRAM OVERRIDE" in _page_texts(pdf)


def test_a_built_in_template_failing_on_the_programs_common_says_so(
        tmp_path: Path, session, agenda, members, config, cohort) -> None:
    common = (templates_dir() / "common.typ").read_text(encoding="utf-8")
    start = common.index("#let tick(")
    end = common.index("\n\n", start)
    (tmp_path / "common.typ").write_text(common[:start] + common[end:], encoding="utf-8")
    with pytest.raises(UserError) as caught:
        render_sheet_pdf(session, agenda, members, config=config, cohort=cohort,
                         visit_label="4-month", templates_dir=tmp_path)
    assert f"{templates_dir() / 'sheet.typ'}:" in str(caught.value)
    assert "unknown variable: tick" in str(caught.value)
    assert "program's own common.typ" in str(caught.value.hint)


def test_weekly_pack_holds_each_sessions_documents_in_order(session, agenda, members, config,
                                                            cohort) -> None:
    later = session.model_copy(update={"session_id": "MAIN-2026-09-A-M4B",
                                       "start": session.start.replace(hour=14),
                                       "end": session.end.replace(hour=16)})
    entries = [(s, [sheet_job(s, agenda, members, config=config, cohort=cohort,
                              visit_label="4-month"),
                    guide_job(agenda, s, config=config, cohort=cohort)])
               for s in (later, session)]
    packs = render_packs(entries, timezone=config.timezone)
    assert list(packs) == [f"pack/{session.site}-2027-W02.pdf"]
    reader = _reader(packs[f"pack/{session.site}-2027-W02.pdf"])
    texts = [p.extract_text() for p in reader.pages]
    assert len(texts) == 8  # sheet + 3-page guide, twice
    assert texts[0].startswith("Sign-in sheet Session MAIN-2026-09-A-M4\n")
    assert "MAIN-2026-09-A-M4B" in texts[4] and "Page 1 of 1" in texts[4]
    assert "Page 3 of 3" in texts[3] and "Page 3 of 3" in texts[7]
    # Guides carry the Part 2 notice; sign-in sheets a neutral line (families read them).
    assert all("42 CFR part 2" in t for n, t in enumerate(texts) if n % 4)
    assert all("42 CFR" not in t and "do not leave this sheet" in t for t in texts[::4])


def test_each_guide_page_in_a_pack_names_its_own_session(session, agenda, members, config,
                                                        cohort) -> None:
    # The header finds the session id on its page (a marker), not in a page style: the first
    # page of the second guide must not show the first guide's id.
    later = session.model_copy(update={"session_id": "MAIN-2026-09-A-M4B",
                                       "start": session.start.replace(hour=14),
                                       "end": session.end.replace(hour=16)})
    entries = [(s, [guide_job(agenda, s, config=config, cohort=cohort)])
               for s in (session, later)]
    (pack,) = render_packs(entries, timezone=config.timezone).values()
    ids = [set(re.findall(r"MAIN-2026-09-A-M4B?\b", page.extract_text()))
           for page in _reader(pack).pages]
    assert ids == [{session.session_id}] * 3 + [{"MAIN-2026-09-A-M4B"}] * 3


def test_document_data_stays_in_memory(monkeypatch: pytest.MonkeyPatch, session, agenda,
                                       config, cohort) -> None:
    # Families' data never touches the disk (a killed run would leave it behind): Typst gets
    # it inside the entry source, as bytes, and sys.inputs stays empty.
    import json

    import groupwcc.exporters.pdf as pdf_module

    seen: list[tuple[bytes, object, list[str]]] = []
    real = pdf_module._compiler

    class Watching:  # the real compiler, noting what it is given and what its folder holds
        def __init__(self, root: str) -> None:
            self.root, self.inner = Path(root), real(root)

        def compile(self, **options):  # type: ignore[no-untyped-def]
            files = sorted(p.name for p in self.root.iterdir())
            seen.append((options["input"], options["sys_inputs"], files))
            return self.inner.compile(**options)

    monkeypatch.setattr(pdf_module, "_compiler", Watching)
    job = guide_job(agenda, session, config=config, cohort=cohort)
    pdf = render_pdfs([job], processes=1)[0]
    ((source, inputs, files),) = seen
    assert inputs is None and all(name.endswith(".typ") for name in files)
    assert source.startswith(b'#import "guide.typ": guide\n#guide(json(bytes("')
    literal = source.decode().split("bytes(", 1)[1].rsplit(")))", 1)[0]
    assert json.loads(json.loads(literal)) == json.loads(json.dumps(job.data))
    assert _reader(pdf).metadata.title == job.title == job.data["doc_title"]
    assert pdf_module.template_root(None).folder.stat().st_mode & 0o077 == 0


def test_entry_escapes_quotes_backslashes_and_newlines(session, agenda, config,
                                                      cohort) -> None:
    # Data that could end the Typst string early, or inject markup, prints as typed.
    job = guide_job(agenda, session, config=config, cohort=cohort)
    tricky = 'Room "B" \\ #panic("x") \n next'
    job.data["room"] = tricky
    text = " ".join(_page_texts(render_pdfs([job], processes=1)[0]).split())
    assert 'Room "B" \\ #panic("x") next' in text


def test_a_template_without_its_function_says_what_groupwcc_calls(tmp_path: Path, session,
                                                                  agenda, config,
                                                                  cohort) -> None:
    (tmp_path / "guide.typ").write_text("#let guide-old(d) = [x]\n", encoding="utf-8")
    job = guide_job(agenda, session, config=config, cohort=cohort)
    with pytest.raises(UserError) as caught:
        render_pdfs([job], tmp_path, processes=1)
    message = f"{caught.value} {caught.value.hint}"
    assert f"template error in {tmp_path / 'guide.typ'}:" in message
    assert "must define the function `guide`" in message and "<bytes>" not in message


@pytest.mark.parametrize("mistake", [
    "for r in d.due { d.ui.at(r.name) }",  # Typst quotes the missing key: a name
    "panic([#d.due.at(0).name])",
    'assert(false, message: "too long: " + d.due.at(0).name)',
    'panic(upper(d.due.at(0).name), d.due.at(0).name.split(" "))',
    "panic(d.due)",
])
def test_template_error_leaves_out_the_familys_text(tmp_path: Path, session, agenda, config,
                                                   cohort, mistake: str) -> None:
    guide = (templates_dir() / "guide.typ").read_text(encoding="utf-8")
    (tmp_path / "guide.typ").write_text(guide.replace(
        "  cover(d)\n", f"  cover(d)\n  {mistake}\n", 1), encoding="utf-8")
    job = guide_job(agenda, session, config=config, cohort=cohort)
    names = [row["name"] for row in job.data["due"]]
    words = {w for name in names for w in re.findall(r"\w{3,}", name)}
    assert names and words
    with pytest.raises(UserError) as caught:
        render_pdfs([job], tmp_path, processes=1)
    message = f"{caught.value} {caught.value.hint}"
    assert f"{tmp_path / 'guide.typ'}:" in message and "…" in message
    assert not any(w.casefold() in message.casefold() for w in words), message


def test_templates_written_for_the_first_typst_layout_still_print(tmp_path: Path, session,
                                                                  agenda, members, config,
                                                                  cohort) -> None:
    # The first layout read the data from sys.inputs in a block at the end of each template;
    # a program's copies of those files must still print (their block now does nothing).
    old_inputs = ('#let inputs-for(kind) = {\n  if sys.inputs.at("kind", default: "") == kind '
                  '{ json(bytes(sys.inputs.data)) } else { none }\n}')
    common = (templates_dir() / "common.typ").read_text(encoding="utf-8")
    assert "#let inputs-for(kind) = none" in common
    (tmp_path / "common.typ").write_text(
        common.replace("#let inputs-for(kind) = none", old_inputs), encoding="utf-8")
    sheet = (templates_dir() / "sheet.typ").read_text(encoding="utf-8")
    (tmp_path / "sheet.typ").write_text(sheet + '\n#let data = inputs-for("sheet")\n'
                                        '#if data != none { sheet(data) }\n', encoding="utf-8")
    pdf = render_sheet_pdf(session, agenda, members, config=config, cohort=cohort,
                           visit_label="4-month", templates_dir=tmp_path)
    assert len(_reader(pdf).pages) == 1 and "Sign-in sheet" in _page_texts(pdf)


def test_a_mixed_language_pack_is_titled_in_the_language_of_most_sessions(
        session, agenda, members, config, cohort) -> None:
    from groupwcc.exporters.pack import pack_job

    def entry(hour: int, lang: str):  # type: ignore[no-untyped-def]
        s = session.model_copy(update={"session_id": f"MAIN-2026-09-A-M4{hour}",
                                       "start": session.start.replace(hour=hour)})
        job = guide_job(agenda, s, config=config, cohort=cohort)
        return s, [replace(job, data={**job.data, "lang": lang})]

    spanish_first = pack_job("pack/main-2027-W02.pdf",
                             [entry(9, "es"), entry(11, "en"), entry(13, "en")])
    assert spanish_first.data["lang"] == "en" and spanish_first.title.startswith("Print pack")
    mostly_spanish = pack_job("pack/main-2027-W02.pdf",
                              [entry(9, "en"), entry(11, "es"), entry(13, "es")])
    assert mostly_spanish.data["lang"] == "es" and mostly_spanish.title.startswith("Paquete")


def test_worker_processes_keep_order_and_bytes(monkeypatch: pytest.MonkeyPatch, session, agenda,
                                               members, config, cohort) -> None:
    import groupwcc.exporters.pdf as pdf_module

    jobs = [sheet_job(session, agenda, members, config=config, cohort=cohort,
                      visit_label="4-month"),
            guide_job(agenda, session, config=config, cohort=cohort)] * 2
    monkeypatch.setattr(pdf_module, "PARALLEL_FROM", 2)  # two workers for four documents
    parallel = render_pdfs(jobs, processes=2)
    assert parallel == render_pdfs(jobs, processes=1)
    assert [len(_reader(p).pages) for p in parallel] == [1, 3, 1, 3]


def test_report_pdf_has_the_numbers_figures_and_notice(update_golden: bool) -> None:
    from test_report import _data

    from groupwcc.exporters.report import render_report_figures

    data = _data()
    pdf = render_report_pdf(data, render_report_figures(data))
    reader = _reader(pdf)
    text = _page_texts(pdf)
    assert "Attendance and well-child visits" in text and "MAIN-2026-03-A" in text
    assert "75.0 %" in text and text.count("42 CFR part 2") >= len(reader.pages)
    images = [img for page in reader.pages for img in page.images]
    assert len(images) == 5  # attendance, retention, on-time, W30, screening completion
    assert "<pdfuaid:part>1</pdfuaid:part>" in reader.xmp_metadata.stream.get_data().decode()  # type: ignore[union-attr]


# --- the two-track guide (issue 15 §2): rotation, facilitators, next date, protocol ---------

@pytest.fixture
def two_track_pdf(session, members, config, cohort) -> bytes:  # type: ignore[no-untyped-def]
    from datetime import date

    from groupwcc.core.agenda import build_agenda
    from groupwcc.models.program import CrisisNumbers
    from groupwcc.readers.curriculum import builtin_curriculum_path, load_curriculum
    from groupwcc.readers.reference import load_reference

    agenda = build_agenda(session, members, load_curriculum(builtin_curriculum_path("en")),
                          load_reference(), clinicians=("Dr. Ada Checkwell", "NP Lee Vaxley"),
                          next_session=date(2027, 3, 9),
                          crisis=CrisisNumbers(local="555-0199",
                                               local_name="County mobile crisis team"))
    return render_guide_pdf(agenda, session, config=config, cohort=cohort)


def test_two_track_guide_text_matches_golden_file(two_track_pdf: bytes,
                                                  update_golden: bool) -> None:
    check_golden(GOLDEN / "guide-two-track.pdf.txt", _page_texts(two_track_pdf), update_golden)


def test_two_track_guide_prints_rotation_facilitators_next_date_and_protocol(
        two_track_pdf: bytes, members) -> None:  # type: ignore[no-untyped-def]
    pages = [" ".join(p.extract_text().split()) for p in _reader(two_track_pdf).pages]
    cover = pages[0]
    assert "Dr. Example" in cover and "Nurse Sample" in cover  # the session's facilitators
    assert "Next session: Tuesday 9 March 2027" in cover
    assert "Dr. Ada Checkwell, NP Lee Vaxley" in cover  # clinicians of the exam track
    staff = [p for p in pages if p.startswith("CONFIDENTIAL – staff only")]
    group = [p for p in pages if not p.startswith("CONFIDENTIAL – staff only")]
    names = [m.display_name for m in members]
    assert all(n not in p for n in names for p in group)  # babies' names only on staff pages
    rotation = next(p for p in staff if "Exam rotation" in p)
    assert all(n in rotation for n in names)
    # the protocol is the last page, staff-only, with the program's numbers
    protocol = pages[-1]
    assert protocol.startswith("CONFIDENTIAL – staff only")
    assert "Safety and escalation protocol" in protocol
    for number in ("555-0199", "1-800-222-1222", "988"):
        assert number in protocol
    assert all("Safety and escalation protocol" not in p for p in pages[:-1])
