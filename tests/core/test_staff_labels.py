"""Staff pages never name two babies of one session the same way (wrong-patient risk)."""

from __future__ import annotations

from factories import make_infant

from groupwcc.core.agenda import staff_labels


def test_unique_names_stay_first_name_and_initial() -> None:
    a = make_infant(n=1, first_name="Coquí", last_name="Iris")
    b = make_infant(n=2, first_name="Wren", last_name="Iris")
    assert staff_labels([a, b]) == {"I-0001": "Coquí I.", "I-0002": "Wren I."}


def test_two_babies_of_the_same_printed_name_get_their_caregiver() -> None:
    # As in the clinician's review: two "Coquí I." in MAIN-2026-04-A-M9, seen at the same time.
    a = make_infant(n=1, first_name="Coquí", last_name="Ibarra", caregiver_first_name="Celeste",
                    caregiver_last_name="Ibarra")
    b = make_infant(n=2, first_name="Coquí", last_name="Icaza", caregiver_first_name="Luz",
                    caregiver_last_name="Icaza")
    c = make_infant(n=3, first_name="Wren", last_name="Oak")
    assert staff_labels([a, b, c]) == {"I-0001": "Coquí I. (Celeste I.)",
                                       "I-0002": "Coquí I. (Luz I.)", "I-0003": "Wren O."}


def test_same_name_and_same_caregiver_name_fall_back_to_the_infant_id() -> None:
    a = make_infant(n=1, first_name="Ada", caregiver_first_name="Rae")
    b = make_infant(n=2, first_name="Ada", caregiver_first_name="Rae")
    labels = staff_labels([a, b])
    assert labels["I-0001"] != labels["I-0002"]
    assert labels["I-0001"].endswith("(I-0001)") and labels["I-0002"].endswith("(I-0002)")
