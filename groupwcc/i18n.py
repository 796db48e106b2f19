"""Language codes and the words of the user interface, in one place.

``LANGUAGES`` names every language the interface speaks and the names people write for it in a
roster (``Spanish``, ``español``). The printed words per language, one table per document:
``UI`` (sheets, guides, packs, reports), ``AGENDA_TEXT`` (``groupwcc agenda``, sharing UI's
words), ``CALENDAR_TEXT``, ``PULL_LIST_TEXT``, ``DUE_TEXT``, ``RECORD_TEXT``,
``SEASONAL_TEXT``, ``ROTATION_TEXT`` (due lists and rotation warnings built in ``core``), and
``WEEKDAYS``, ``MONTHS``, ``DAY_FORMATS``, ``AGE_UNITS``, ``MINUS`` (dates and ages in words).
Every table has every language; ``words(table, language)`` and the accessors look words up.
Every place that turns what someone wrote (``ES``, ``es-MX``, ``Español``) into a language
code calls ``language_code`` or ``ui_language`` here. Curriculum text is translated in the
curricula, clinical labels in the reference data; unknown languages fall back to English.
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


# --- printed sheets, guides, print packs and reports (exporters/sheets, guides, pack, report)
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
        # facilitator guides (exporters/guides.py)
        "next_session": "Next session", "exam_track": "Exam rotation (beside the circle)",
        "per_baby": "min per baby", "clinicians": "Clinicians", "rotation": "Exam rotation",
        "clinician": "Clinician", "forms_first": "Forms to score first",
        "point_of_care": "Point-of-care tests", "warning": "Warning",
        "virtual": "Virtual session: no weighing, exams or vaccines today.",
        "carer_prompts": "If a relative or foster carer is here today",
        "exam_rule": "Each baby is called out of the circle for their check; the arrival "
                     "forms of that family are scored before their turn.",
        "protocol_note": "Staff only. Keep with the guide; never hand out.",
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
        # facilitator guides (exporters/guides.py)
        "next_session": "Próxima sesión", "exam_track": "Rotación de exámenes (junto al círculo)",
        "per_baby": "min por bebé", "clinicians": "Clínicos", "rotation": "Rotación de exámenes",
        "clinician": "Clínico", "forms_first": "Formularios a calificar antes",
        "point_of_care": "Pruebas en el punto de atención", "warning": "Aviso",
        "virtual": "Sesión virtual: hoy no se pesa, no se examina ni se vacuna.",
        "carer_prompts": "Si hoy viene un familiar o un cuidador de acogida",
        "exam_rule": "Se llama a cada bebé fuera del círculo para su examen; los "
                     "formularios de llegada de esa familia se califican antes de su turno.",
        "protocol_note": "Solo para el personal. Guárdela con la guía; nunca la entregue.",
    },
}

# --- calendar events (exporters/ics.py, api/calendars.py): the default wording. A program's
# own templates (different from the CalendarPolicy defaults) are used as written for every
# language.
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

# --- the plain-text agenda of ``groupwcc agenda`` (exporters/agenda_text.py): these UI words
# as they are, then its own phrasings.
_AGENDA_FROM_UI = ("topics", "prompts", "materials", "notes", "mindfulness", "play",
                   "trauma_note", "checklist", "due_list", "flags", "no_members", "celebrations",
                   "minutes", "warning", "virtual", "clinicians", "rotation", "carer_prompts")
_AGENDA_OWN: dict[str, dict[str, str]] = {
    "en": {"visit": "{label} visit", "session": "Session {session} · group {cohort}",
           "timeline": "Timeline", "staff": "STAFF ONLY – confidential",
           "age": "age {age}", "corrected_age": "corrected age {age}",
           "screenings": "Screenings", "vaccines": "Vaccines", "nothing_due": "Nothing due.",
           "next": "Next session: {day}", "exam": "Exam rotation beside the circle",
           "per_baby": "{minutes} min per baby", "forms": "score first", "poc": "tests"},
    "es": {"visit": "Visita de {label}", "session": "Sesión {session} · grupo {cohort}",
           "timeline": "Agenda", "staff": "SOLO PERSONAL – confidencial",
           "age": "edad {age}", "corrected_age": "edad corregida {age}",
           "screenings": "Evaluaciones", "vaccines": "Vacunas", "nothing_due": "Nada pendiente.",
           "next": "Próxima sesión: {day}", "exam": "Rotación de exámenes junto al círculo",
           "per_baby": "{minutes} min por bebé", "forms": "calificar antes", "poc": "pruebas"},
}
AGENDA_TEXT: dict[str, dict[str, str]] = {
    code: {**{key: UI[code][key] for key in _AGENDA_FROM_UI}, **own}
    for code, own in _AGENDA_OWN.items()
}

# --- the vaccine pull list on staff pages (exporters/pull_list.py); a vaccine's name is
# translated when it is a key here, product names stay as they are.
PULL_LIST_TEXT: dict[str, dict[str, str]] = {
    "en": {"title": "Vaccine pull list (doses to draw from stock)",
           "no_record": "{n} by visit age: no record", "none": "No doses to draw."},
    "es": {"title": "Lista de vacunas a retirar (dosis del inventario)",
           "no_record": "{n} por edad de visita: sin registro", "none": "Ninguna dosis.",
           "RSV antibody": "Anticuerpo contra el VRS", "Influenza": "Influenza (gripe)"},
}

# --- due lists, celebrations and the safety protocol of an agenda (core/agenda.py)
DUE_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "dose": "{vaccine} dose {dose}", "corrected": "use corrected age {age}",
        "before_term": "{age} before due date",
        "not_yet": "not yet due: below {age} (reaches it {day})",
        "too_old": "past maximum age: do not give", "give_before": "give before {age}",
        "check_record": "check record: at least {gap} after dose {dose}",
        "birthday1": "first birthday", "birthday2": "second birthday",
        "no_local": "the program's crisis line (not set: add crisis.local to groupwcc.yaml)",
    },
    "es": {
        "dose": "{vaccine} dosis {dose}", "corrected": "usar la edad corregida {age}",
        "before_term": "{age} antes de la fecha prevista de parto",
        "not_yet": "aún no corresponde: menor de {age} (la alcanza el {day})",
        "too_old": "superó la edad máxima: no administrar",
        "give_before": "administrar antes de {age}",
        "check_record": "revisar el registro: al menos {gap} después de la dosis {dose}",
        "birthday1": "primer cumpleaños", "birthday2": "segundo cumpleaños",
        "no_local": "la línea de crisis del programa (sin configurar: añada crisis.local a "
                    "groupwcc.yaml)",
    },
}

# --- due lists from immunisation records (core/record_due.py)
RECORD_TEXT: dict[str, dict[str, str]] = {
    "en": {"no_record": "no record", "dose": "{vaccine} dose {dose}",
           "earlier": "check dose {before} was given",
           "hepb_birth": "check dose 1 was given: the birth dose is not always given",
           "overdue": "from record: past due since {day}", "due": "from record: due",
           "may": "from record: may be given; recommended from {day}"},
    "es": {"no_record": "sin registro", "dose": "{vaccine} dosis {dose}",
           "earlier": "compruebe que se dio la dosis {before}",
           "hepb_birth": "compruebe que se dio la dosis 1: la dosis al nacer no siempre se da",
           "overdue": "según el registro: atrasada desde el {day}",
           "due": "según el registro: corresponde",
           "may": "según el registro: puede administrarse; recomendada desde el {day}"},
}

# --- seasonal and optional vaccines on due lists (core/seasonal.py)
SEASONAL_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "flu_first": "first season: dose 1 of 2",
        "flu_second": "dose 2 of 2 (≥ {gap} after dose 1)",
        "flu_yearly": "yearly dose",
        "flu_not_yet": "not yet due: below {age} (reaches it {day})",
        "flu_wait": "not before {day} ({gap} after dose 1)",
        "flu_second_note": "check the record: if dose 1 was not given this season, give dose 1",
        "flu_yearly_note": "2 doses at least {gap} apart if fewer than 2 doses before this season",
        "vaccine": "{vaccine} vaccine",
    },
    "es": {
        "flu_first": "primera temporada: dosis 1 de 2",
        "flu_second": "dosis 2 de 2 (≥ {gap} después de la dosis 1)",
        "flu_yearly": "dosis anual",
        "flu_not_yet": "aún no corresponde: menor de {age} (la alcanza el {day})",
        "flu_wait": "no antes del {day} ({gap} después de la dosis 1)",
        "flu_second_note": "revisar el registro: si no recibió la dosis 1 esta temporada, "
                           "administrar la dosis 1",
        "flu_yearly_note": "2 dosis con al menos {gap} de separación si recibió menos de 2 dosis "
                           "antes de esta temporada",
        "vaccine": "Vacuna {vaccine}",
    },
}

# --- exam rotation: unnamed clinicians and warnings (core/rotation.py)
ROTATION_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "clinician": "Clinician {n}",
        "overflow": "the exam rotation does not fit: {babies} babies × {minutes} min with "
                    "{clinicians} clinician(s) need {need} min, but the exam window is "
                    "{window} min; name another clinician for the slot or shorten the checks",
        "past_end": "the exam window ends at minute {end}, after the session's "
                    "{session} minutes",
        "before_forms": "the exam rotation starts at minute {start}, before the arrival "
                        "forms are collected (minute {arrival}); forms are scored before each "
                        "baby's exam",
    },
    "es": {
        "clinician": "Clínico {n}",
        "overflow": "la rotación de exámenes no cabe: {babies} bebés × {minutes} min con "
                    "{clinicians} clínico(s) necesitan {need} min, pero el tiempo de exámenes "
                    "es de {window} min; nombre otro clínico para el horario o acorte los "
                    "exámenes",
        "past_end": "el tiempo de exámenes termina en el minuto {end}, después de los "
                    "{session} minutos de la sesión",
        "before_forms": "la rotación empieza en el minuto {start}, antes de recoger los "
                        "formularios de llegada (minuto {arrival}); los formularios se "
                        "puntúan antes del examen de cada bebé",
    },
}

# --- dates and ages in words (core/words.py)
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
AGE_UNITS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {"y": ("year", "years"), "m": ("month", "months"), "w": ("week", "weeks"),
           "d": ("day", "days")},
    "es": {"y": ("año", "años"), "m": ("mes", "meses"), "w": ("semana", "semanas"),
           "d": ("día", "días")},
}
MINUS: dict[str, str] = {"en": "minus", "es": "menos"}


def ui(language: str) -> dict[str, str]:
    """The interface words of ``language`` (English when unknown)."""
    return UI[ui_language(language)]


def calendar_text(language: str) -> dict[str, str]:
    """Default calendar wording of ``language`` (English when unknown)."""
    return CALENDAR_TEXT[ui_language(language)]


def agenda_text(language: str) -> dict[str, str]:
    """The plain-text agenda's words in ``language`` (English when unknown)."""
    return AGENDA_TEXT[ui_language(language)]


def words(table: dict[str, dict[str, str]], language: str) -> dict[str, str]:
    """``table``'s words in ``language`` (English when unknown), for the tables above that
    have no accessor of their own (``PULL_LIST_TEXT``, ``DUE_TEXT``, ``ROTATION_TEXT`` …)."""
    return table[ui_language(language)]
