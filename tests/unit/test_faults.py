"""services.faults: environment faults told apart from bugs, with one sentence each (no Qt)."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest
from alembic.util.exc import CommandError
from sqlalchemy.exc import DatabaseError, DBAPIError, OperationalError

from volunteer_app.services import faults
from volunteer_app.services.errors import InvalidCredentials
from volunteer_app.services.faults import FaultKind
from volunteer_app.services.storage import DatabaseUrlError, NotAnAppDatabase, SchemaTooNew, describe_url, parse_url
from volunteer_app.store.location import check_sqlite_path


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
        (operational("unable to open database file"), FaultKind.CANNOT_OPEN),
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


# --------------------------------------------------------------------------- issue 11: database locations


SECRET = "s3cretPW"


def test_each_wrong_database_has_its_own_sentence_and_exit_status() -> None:
    too_new = faults.classify(SchemaTooNew("9999_future"))
    assert too_new.kind is FaultKind.SCHEMA_TOO_NEW and too_new.exit_status == 2
    assert (
        too_new.sentence() == "This database was made by a newer volunteer-app (revision 9999_future). Update the app."
    )
    alembic_words = faults.classify(CommandError("Can't locate revision identified by 'abc123'"))
    assert alembic_words.kind is FaultKind.SCHEMA_TOO_NEW and "(revision abc123)" in alembic_words.sentence()
    not_ours = faults.classify(NotAnAppDatabase("sqlite:////x.db holds tables of another program (foo)"))
    assert not_ours.kind is FaultKind.NOT_APP_DATABASE and not_ours.exit_status == 2
    assert not_ours.sentence() != too_new.sentence() and "another program" in not_ours.sentence()
    damaged = faults.classify(DatabaseError("PRAGMA x", {}, sqlite3.DatabaseError("file is not a database")))
    assert damaged.kind is FaultKind.DAMAGED and damaged.exit_status == 2 and "damaged" in damaged.sentence()
    assert faults.classify(sqlite3.DatabaseError("database disk image is malformed")).kind is FaultKind.DAMAGED
    read_only = faults.classify(operational("attempt to write a readonly database"))
    assert read_only.kind is FaultKind.READ_ONLY and read_only.exit_status == 1
    sentences = {f.sentence() for f in (too_new, not_ours, damaged, read_only)}
    assert len(sentences) == 4 and all(s.endswith(".") for s in sentences)


@pytest.mark.parametrize(
    ("message", "kind", "status"),
    [
        ('connection failed: FATAL:  database "nope" does not exist', FaultKind.NO_SUCH_DATABASE, 2),
        ('connection failed: FATAL:  password authentication failed for user "ann"', FaultKind.LOGIN_REFUSED, 2),
        ('connection failed: FATAL:  role "ann" does not exist', FaultKind.LOGIN_REFUSED, 2),
        ('connection failed: could not translate host name "db.invalid"', FaultKind.UNREACHABLE, 1),
    ],
    ids=["no-database", "password", "role", "host"],
)
def test_what_a_postgresql_server_says(message: str, kind: FaultKind, status: int) -> None:
    fault = faults.classify(OperationalError("connect", {}, Exception(message)))
    assert fault.kind is kind and fault.exit_status == status and not fault.is_bug


def test_a_database_url_error_carries_its_own_sentence_with_the_url() -> None:
    with pytest.raises(DatabaseUrlError) as caught:
        parse_url(f"mysql://ann:{SECRET}@db.example.org/v")
    fault = faults.classify(caught.value)
    assert fault.kind is FaultKind.BAD_LOCATION and fault.exit_status == 2
    assert fault.template != faults.SENTENCES[FaultKind.BAD_LOCATION]  # its own sentence, not the generic one
    assert fault.sentence() == (
        "The database URL mysql://ann:***@db.example.org/v is for mysql; this app works with SQLite "
        "(sqlite:///PATH) and PostgreSQL (postgresql+psycopg://…)."
    )
    assert SECRET not in fault.sentence() + fault.details


@pytest.mark.parametrize(
    ("url", "words"),
    [
        (f"postgresql://ann:{SECRET}@db:notaport/v", "port"),
        (f"postgresql://ann:{SECRET}@db:70000/v", "port"),
        ("sqlite://relative-without-slashes?", "two slashes"),
        ("", "No database URL"),
        ("   ", "No database URL"),
        ("garbage", "is not a database URL"),
        (f"postgresql+psycopg2://ann:{SECRET}@db/v", "not installed"),
        ("sqlite+pysqlcipher:///x.sqlite3", "not installed"),
        (f"mysql://ann:{SECRET}@db/v", "is for mysql"),
        (f"oracle://ann:{SECRET}@db/v", "is for oracle"),
        (f"postgresql+nosuchdriver://ann:{SECRET}@db/v", "does not exist"),
        ("sqlite+aiosqlite:///x.sqlite3", "asynchronous"),
    ],
    ids=["port", "port-range", "two-slashes", "empty", "blank", "garbage", "psycopg2", "pysqlcipher", "mysql",
         "oracle", "unknown-driver", "async"],
)  # fmt: skip
def test_bad_urls_are_one_sentence_that_names_them_without_the_password(url: str, words: str) -> None:
    with pytest.raises(DatabaseUrlError) as caught:
        parse_url(url)
    text = str(caught.value)
    assert words in text and "\n" not in text and text.endswith(".")
    assert SECRET not in text
    if url.strip() and "://" in url:
        assert describe_url(url) in text  # names the URL, as messages show it


@pytest.mark.parametrize(
    "text",
    [
        f"postgresql+psycopg://ann:{SECRET}@db.example.org:5432/v",
        f"could not open 'mysql://ann:{SECRET}@h/db': refused",
        f"postgresql://ann:{SECRET}@db:notaport/v",  # does not parse: masked as text
        f"postgresql://:{SECRET}@db/v",
        f"postgresql://ann:p@{SECRET}@db/v",  # an unescaped @ in the password
        f"host=db user=ann password={SECRET} dbname=v",
        f"postgresql://ann@db/v?password={SECRET}",
    ],
)
def test_passwords_are_masked_in_any_text(text: str) -> None:
    assert SECRET not in faults.scrub(text)
    assert SECRET not in describe_url(text)
    assert SECRET not in faults.classify(ValueError(text)).details  # even a bug's details


def test_scrubbing_leaves_text_without_passwords_alone() -> None:
    for text in ("sqlite:////home/ann/v.sqlite3", "postgresql+psycopg://ann@db/v", "ann@example.org: 10:30"):
        assert faults.scrub(text) == text
    assert describe_url("x" * 5000).endswith("…") and len(describe_url("x" * 5000)) < 300
    assert describe_url("sqlite:///a\x1b]0;title\x07b") == "sqlite:///a\\x1b]0;title\\x07b"


def test_paths_in_urls_read_as_people_wrote_them() -> None:
    assert describe_url("sqlite:////home/李伟/志愿 者.sqlite3") == "sqlite:////home/李伟/志愿 者.sqlite3"


def test_a_folder_that_cannot_be_written_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # (As root every folder may be written: the refusal itself is what is checked here.)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, how: Path(path) != tmp_path and real_access(path, how))
    with pytest.raises(DatabaseUrlError) as caught:
        check_sqlite_path(tmp_path / "v.sqlite3")
    assert "cannot be written" in str(caught.value) and str(tmp_path) in str(caught.value)
    assert faults.classify(caught.value).exit_status == 2


def test_a_lost_race_is_the_persons_to_retry_not_a_bug() -> None:
    # Any transaction (not only services.concurrency.writing) may lose a race: one sentence, exit 2.
    from volunteer_app.cli.context import report_error
    from volunteer_app.store.database import ConcurrentInsert

    race = ConcurrentInsert("INSERT INTO signup ...", {}, sqlite3.IntegrityError("UNIQUE constraint failed"))
    fault = faults.classify(race)
    assert fault.kind is faults.FaultKind.USER and not fault.is_bug
    assert "at the same time" in fault.sentence()
    assert report_error(race) == 2


def test_a_value_out_of_range_is_the_persons_to_fix_in_one_line() -> None:
    # The safety net behind every field's own bounds: a date or integer Python or the database cannot hold.
    from sqlalchemy.exc import StatementError

    from volunteer_app.cli.context import report_error

    for exc in (
        OverflowError("date value out of range"),
        StatementError("(builtins.OverflowError) date value out of range", "SELECT 1", {}, OverflowError("x")),
    ):
        fault = faults.classify(exc)
        assert fault.kind is faults.FaultKind.USER and "out of the range" in fault.sentence()
        assert report_error(exc) == 2
