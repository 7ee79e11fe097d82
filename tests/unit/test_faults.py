"""services.faults: environment faults told apart from bugs, with one sentence each (no Qt)."""

from __future__ import annotations

import errno
import sqlite3

import pytest
from sqlalchemy.exc import DBAPIError, OperationalError

from volunteer_app.services import faults
from volunteer_app.services.errors import InvalidCredentials
from volunteer_app.services.faults import FaultKind
from volunteer_app.services.storage import DatabaseUrlError


class FakePgError(Exception):
    def __init__(self, message: str, sqlstate: str) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


def operational(message: str) -> OperationalError:
    return OperationalError("SELECT 1", {}, sqlite3.OperationalError(message))


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (operational("database is locked"), FaultKind.LOCKED),
        (operational("database or disk is full"), FaultKind.DISK_FULL),
        (OSError(errno.ENOSPC, "No space left on device"), FaultKind.DISK_FULL),
        (
            OperationalError("connect", {}, Exception('connection to server at "db" failed: Connection refused')),
            FaultKind.UNREACHABLE,
        ),
        (OperationalError("x", {}, FakePgError("canceling statement due to lock timeout", "55P03")), FaultKind.LOCKED),
        (OperationalError("x", {}, FakePgError("could not extend file", "53100")), FaultKind.DISK_FULL),
        (ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"), FaultKind.UNREACHABLE),
        (operational("unable to open database file"), FaultKind.ENVIRONMENT),
        (PermissionError(errno.EACCES, "Permission denied"), FaultKind.ENVIRONMENT),
        (DatabaseUrlError("not a database URL: 'x'"), FaultKind.BAD_LOCATION),
    ],
    ids=[
        "locked",
        "sqlite-full",
        "enospc",
        "refused",
        "pg-lock",
        "pg-disk",
        "os-refused",
        "cannot-open",
        "eacces",
        "url",
    ],
)
def test_environment_faults_have_their_kind_and_sentence(exc: BaseException, kind: FaultKind) -> None:
    fault = faults.classify(exc)
    assert fault.kind is kind
    assert not fault.is_bug
    assert fault.is_environment == (kind is not FaultKind.BAD_LOCATION)
    assert fault.template == faults.SENTENCES[kind]
    assert fault.template.endswith(".") and fault.details


def test_the_sentence_names_what_to_check() -> None:
    assert "locked" in faults.classify(operational("database is locked")).sentence()
    assert "disk is full" in faults.classify(OSError(errno.ENOSPC, "full")).sentence()
    assert faults.classify(operational("database is locked")).details == "database is locked"


def test_an_invalidated_connection_is_the_server_not_a_bug() -> None:
    exc = DBAPIError("SELECT 1", {}, Exception("gone"), connection_invalidated=True)
    assert faults.classify(exc).kind is FaultKind.UNREACHABLE


def test_bugs_and_the_persons_own_mistakes() -> None:
    bug = faults.classify(KeyError("x"))
    assert bug.is_bug and not bug.is_environment
    assert "bug" in bug.sentence(path="/tmp/log") and "/tmp/log" in bug.sentence(path="/tmp/log")
    assert bug.details == "KeyError: 'x'"
    user = faults.classify(InvalidCredentials())
    assert user.kind is FaultKind.USER and user.template == "Wrong email or password." and not user.is_bug
