"""The partner directory now lives in the `partners` app (state only: see partners.0001); status
histories and triage notes become append-only (ORM and, on PostgreSQL, a trigger); an
escalation's status note is called `reason`, like every other status history."""

import django.db.models.deletion
from django.db import migrations, models

from baken.core.append_only import append_only_trigger


class Migration(migrations.Migration):
    dependencies = [
        ("coordination", "0002_escalation_escalationstatuschange_triagenote_and_more"),
        ("partners", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="escalation",
                    name="partner",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="escalations",
                        to="partners.partner",
                        verbose_name="partner",
                    ),
                ),
                migrations.DeleteModel(name="Partner"),
            ],
            database_operations=[],
        ),
        migrations.RenameField(model_name="escalationstatuschange", old_name="note", new_name="reason"),
        migrations.AlterField(model_name="escalationstatuschange", name="reason", field=models.TextField(blank=True)),
        append_only_trigger("coordination_triagenote"),
        append_only_trigger("coordination_escalationstatuschange"),
    ]
