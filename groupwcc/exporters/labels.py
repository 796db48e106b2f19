"""Words printed on sheets, guides and calendars, in English and Spanish, and date formats.

Only the user interface is translated here; curriculum text comes translated from the
curriculum of the cohort's language. Unknown languages fall back to English.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from groupwcc.core import words

PART2_NOTICE = {
    "en": ("CONFIDENTIAL: This information has been disclosed to you from records protected by "
           "federal confidentiality rules (42 CFR part 2). The federal rules prohibit you from "
           "making any further disclosure of information in this record that identifies a "
           "patient as having or having had a substance use disorder either directly, by "
           "reference to publicly available information, or through verification of such "
           "identification by another person unless further disclosure is expressly permitted "
           "by the written consent of the individual whose information is being disclosed or as "
           "otherwise permitted by 42 CFR part 2. 42 CFR part 2 prohibits unauthorized "
           "disclosure of these records."),
}
PART2_SHORT = "CONFIDENTIAL: 42 CFR part 2 prohibits unauthorized disclosure of these records."

UI: dict[str, dict[str, str]] = {
    "en": {
        "sign_in": "Sign-in sheet", "session": "Session", "cohort": "Group", "visit": "Visit",
        "date": "Date", "time": "Time", "room": "Room", "online": "Online",
        "caregiver": "Caregiver", "infant": "Baby", "arrived": "Arrived", "late": "Late",
        "absent": "Absent", "initials": "Staff initials", "staff_only": "Staff only",
        "screenings_due": "Screenings due", "vaccines_due": "Vaccines due",
        "shred": "Shred after use", "page": "Page", "of": "of",
        "facilitator_guide": "Facilitator guide", "facilitators": "Facilitators",
        "topics": "Topics", "timeline": "Agenda", "led_by": "Led by", "minutes": "min",
        "prompts": "Prompts", "materials": "Materials", "notes": "Notes",
        "steps": "Steps", "trauma_note": "Trauma-informed note",
        "mindfulness": "Mindfulness exercise", "play": "Play activity",
        "checklist": "Materials checklist", "confidential_staff": "CONFIDENTIAL – staff only",
        "due_list": "Due at this session", "age": "Age", "corrected_age": "Corrected age",
        "due": "Due", "flags": "Flags", "celebrations": "Celebrations", "nothing_due": "—",
        "no_members": "No active members.", "cancelled": "CANCELLED",
        "time_col": "Time", "block": "Block", "print_pack": "Print pack",
    },
    "es": {
        "sign_in": "Hoja de registro", "session": "Sesión", "cohort": "Grupo", "visit": "Visita",
        "date": "Fecha", "time": "Hora", "room": "Sala", "online": "En línea",
        "caregiver": "Cuidador/a", "infant": "Bebé", "arrived": "Llegó", "late": "Tarde",
        "absent": "Ausente", "initials": "Iniciales del personal", "staff_only": "Solo personal",
        "screenings_due": "Evaluaciones pendientes", "vaccines_due": "Vacunas pendientes",
        "shred": "Destruir después de usar", "page": "Página", "of": "de",
        "facilitator_guide": "Guía del facilitador", "facilitators": "Facilitadores",
        "topics": "Temas", "timeline": "Agenda", "led_by": "Dirige", "minutes": "min",
        "prompts": "Preguntas guía", "materials": "Materiales", "notes": "Notas",
        "steps": "Pasos", "trauma_note": "Nota informada sobre el trauma",
        "mindfulness": "Ejercicio de atención plena", "play": "Actividad de juego",
        "checklist": "Lista de materiales", "confidential_staff": "CONFIDENCIAL – solo personal",
        "due_list": "Pendiente en esta sesión", "age": "Edad", "corrected_age": "Edad corregida",
        "due": "Pendiente", "flags": "Avisos", "celebrations": "Celebraciones",
        "nothing_due": "—", "no_members": "No hay miembros activos.", "cancelled": "CANCELADA",
        "time_col": "Hora", "block": "Bloque", "print_pack": "Paquete de impresión",
    },
}

# Default calendar wording per language. A program's own templates (different from the
# CalendarPolicy defaults) are used as written for every language.
CALENDAR_TEXT: dict[str, dict[str, str]] = {
    "en": {"title": "Baby group · {cohort} · {visit_label} visit",
           "description": "Group visit for {cohort}. Please arrive 10 minutes early.",
           "cancelled": "CANCELLED – ", "reminder": "Reminder", "closed": "Program closed"},
    "es": {"title": "Grupo de bebés · {cohort} · visita de {visit_label}",
           "description": "Visita en grupo de {cohort}. Por favor llegue 10 minutos antes.",
           "cancelled": "CANCELADA – ", "reminder": "Recordatorio", "closed": "Programa cerrado"},
}



def lang(language: str) -> str:
    """The supported language closest to ``language`` (``es-MX`` → ``es``; unknown → ``en``)."""
    short = language.split("-")[0].split("_")[0].lower()
    return short if short in UI else "en"


def ui(language: str) -> dict[str, str]:
    """The UI strings of ``language``."""
    return UI[lang(language)]


def calendar_text(language: str) -> dict[str, str]:
    """Default calendar wording of ``language``."""
    return CALENDAR_TEXT[lang(language)]


def part2_notice(language: str) -> str:
    """The 42 CFR §2.32 notice. Printed in English: it is the regulation's wording."""
    return PART2_NOTICE["en"]


def format_day(moment: datetime, language: str) -> str:
    """``Tuesday 12 January 2027`` / ``martes 12 de enero de 2027``."""
    return words.format_day(moment.date() if isinstance(moment, datetime) else moment,
                            lang(language))


def format_span(start: datetime, end: datetime, tz: tzinfo, language: str) -> str:
    """``Tuesday 12 January 2027, 10:00–12:00`` in the program's time zone."""
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    return f"{format_day(local_start, language)}, {local_start:%H:%M}–{local_end:%H:%M}"


def format_times(start: datetime, end: datetime, tz: tzinfo) -> str:
    """``10:00–12:00`` in the program's time zone."""
    return f"{start.astimezone(tz):%H:%M}–{end.astimezone(tz):%H:%M}"
