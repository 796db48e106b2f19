"""Language codes and the words of the user interface, in one table.

``LANGUAGES`` names every language the interface speaks and the names people write for it in a
roster (``Spanish``, ``español``); ``UI``, ``CALENDAR_TEXT``, ``WEEKDAYS``, ``MONTHS`` and
``DAY_FORMATS`` hold the printed words per language. Every place that turns what someone
wrote (``ES``, ``es-MX``, ``Español``) into a language code calls ``language_code`` or
``ui_language`` here. Curriculum text is translated in the curricula, clinical labels in the
reference data; unknown languages fall back to English.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """A language the interface speaks: its code, English name and the other names people use."""

    code: str
    name: str
    aliases: tuple[str, ...] = ()


DEFAULT_LANGUAGE = "en"
LANGUAGES: dict[str, Language] = {
    "en": Language("en", "English", ("english", "inglés", "ingles")),
    "es": Language("es", "Spanish", ("spanish", "español", "espanol")),
}
_BY_NAME = {alias: lang.code for lang in LANGUAGES.values() for alias in lang.aliases}


def base_language(code: str) -> str:
    """The language without its region, lower case (``es-MX``, ``es_mx`` → ``es``)."""
    return code.strip().split("-")[0].split("_")[0].lower()


def language_code(text: str) -> str:
    """What someone wrote for a language as a code: a known name becomes its code
    (``Spanish``, ``Español`` → ``es``); anything else is returned lower-cased (``ES`` → ``es``,
    ``es-MX`` → ``es-mx``), for the caller to check against the program's languages."""
    key = text.strip().lower()
    return _BY_NAME.get(key, key)


def ui_language(language: str) -> str:
    """The interface language closest to ``language`` (``es-MX`` → ``es``; unknown → ``en``)."""
    short = base_language(language_code(language))
    return short if short in LANGUAGES else DEFAULT_LANGUAGE


UI: dict[str, dict[str, str]] = {
    "en": {
        "sign_in": "Sign-in sheet", "session": "Session", "cohort": "Group", "visit": "Visit",
        "date": "Date", "time": "Time", "room": "Room", "online": "Online",
        "caregiver": "Caregiver", "infant": "Baby", "arrived": "Arrived", "late": "Late",
        "absent": "Absent", "initials": "Staff initials", "staff_only": "Staff only",
        "screenings_due": "Screenings due", "vaccines_due": "Vaccines due",
        "shred": "Shred after use", "page": "Page", "of": "of",
        "sheet_notice": "CONFIDENTIAL: do not leave this sheet where others can read it.",
        "open_item": "Open ({role}, due {due})",
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
        "sheet_notice": "CONFIDENCIAL: no deje esta hoja donde otras personas puedan leerla.",
        "open_item": "Pendiente ({role}, vence el {due})",
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
           "cancelled": "CANCELLED – ", "reminder": "Reminder", "closed": "Program closed",
           "calendar_name": "{program} – baby groups"},
    "es": {"title": "Grupo de bebés · {cohort} · visita de {visit_label}",
           "description": "Visita en grupo de {cohort}. Por favor llegue 10 minutos antes.",
           "cancelled": "CANCELADA – ", "reminder": "Recordatorio", "closed": "Programa cerrado",
           "calendar_name": "{program} – grupos de bebés"},
}

WEEKDAYS: dict[str, tuple[str, ...]] = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
}
MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
}
DAY_FORMATS: dict[str, str] = {
    "en": "{weekday} {day} {month} {year}",
    "es": "{weekday} {day} de {month} de {year}",
}


def ui(language: str) -> dict[str, str]:
    """The interface words of ``language`` (English when unknown)."""
    return UI[ui_language(language)]


def calendar_text(language: str) -> dict[str, str]:
    """Default calendar wording of ``language`` (English when unknown)."""
    return CALENDAR_TEXT[ui_language(language)]
