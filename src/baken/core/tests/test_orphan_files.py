"""Files that a killed process wrote before its row was committed are swept, once they are older
than any running request; files that rows refer to, and young files, stay."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from baken.core.services import orphan_files_purge
from baken.testing.signals import make_signal

HOUR = dt.timedelta(hours=1)


@pytest.fixture(autouse=True)
def upload_directory(settings, tmp_path):
    """The private uploads on disk, as in production, empty for each test."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "baken.core.storage.PrivateStorage", "OPTIONS": {"location": str(tmp_path)}},
    }
    return tmp_path


@pytest.mark.django_db
def test_only_old_files_without_a_row_are_deleted(reporter):
    signal = make_signal(reporter, with_attachment=True)
    kept = signal.attachments.get().file.name
    orphan = default_storage.save("attachments/1/verweesd.png", ContentFile(b"png"))
    nested = default_storage.save("drafts/9/a/b/verweesd.pdf", ContentFile(b"pdf"))

    # Young files may belong to a request that is still running.
    assert orphan_files_purge(older_than=HOUR) == []
    later = timezone.now() + 2 * HOUR
    assert orphan_files_purge(older_than=HOUR, now=later, dry_run=True) == sorted([orphan, nested])
    assert default_storage.exists(orphan)

    assert orphan_files_purge(older_than=HOUR, now=later) == sorted([orphan, nested])
    assert not default_storage.exists(orphan) and not default_storage.exists(nested)
    assert default_storage.exists(kept)


@pytest.mark.django_db
def test_the_command_lists_and_deletes(capsys):
    name = default_storage.save("attachments/2/verweesd.png", ContentFile(b"png"))
    call_command("purge_orphan_files", "--minutes", "0", "--dry-run")
    assert f"{name}\n1 files without a record would be deleted." in capsys.readouterr().out
    assert default_storage.exists(name)
    call_command("purge_orphan_files", "--minutes", "0")
    assert "1 files without a record deleted." in capsys.readouterr().out
    assert not default_storage.exists(name)
