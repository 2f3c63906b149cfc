"""An organisation knows when it was created: set by the service, and for existing ones taken from
their "created" audit line by the migration."""

import importlib

from django.apps import apps

from baken.core.models import Organisation
from baken.core.services import audit_record, organisation_create

MIGRATION = importlib.import_module("baken.core.migrations.0007_organisation_created_at")


def test_the_service_records_the_creation_time(db, region):
    organisation = organisation_create(name="Gemeente Nieuw", slug="nieuw", cbs_code="GM9912", region=region)
    assert organisation.created_at is not None


def test_the_migration_takes_it_from_the_audit_log(voorbeeld, zuiderhaven):
    event = audit_record(actor=None, action="create", obj=voorbeeld, reason="GM9901")
    MIGRATION.from_the_audit_log(apps, None)
    assert Organisation.objects.get(pk=voorbeeld.pk).created_at == event.timestamp
    assert Organisation.objects.get(pk=zuiderhaven.pk).created_at is None  # no audit line: unknown
