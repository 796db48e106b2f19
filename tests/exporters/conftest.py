"""Fixtures for the exporter tests; the builders live in ``exporter_fixtures``."""

from __future__ import annotations

import pytest
from exporter_fixtures import make_agenda, make_cohort, make_config, make_members, make_session

from groupwcc.models import Agenda, Cohort, Infant, ProgramConfig, Session


@pytest.fixture
def members() -> list[Infant]:
    return make_members()


@pytest.fixture
def config() -> ProgramConfig:
    return make_config()


@pytest.fixture
def session() -> Session:
    return make_session()


@pytest.fixture
def cohort(members: list[Infant]) -> Cohort:
    return make_cohort(members)


@pytest.fixture
def agenda(session: Session, members: list[Infant]) -> Agenda:
    return make_agenda(session, members)
