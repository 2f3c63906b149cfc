from django.conf import settings
from django.db import migrations, models
from django.db.models import Max, Min, OuterRef, Subquery


def copy_times_from_history(apps, schema_editor):
    """When each signal first left 'nieuw' and was last closed, from its status history."""
    Signal = apps.get_model("signalling", "Signal")
    Change = apps.get_model("signalling", "SignalStatusChange")

    def moment(aggregate, **condition):
        changes = Change.objects.filter(signal=OuterRef("pk"), **condition).order_by().values("signal")
        return Subquery(changes.annotate(moment=aggregate("changed_at")).values("moment")[:1])

    Signal.objects.update(
        picked_up_at=moment(Min, from_status="nieuw"),
        closed_at=moment(Max, to_status="afgesloten"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0012_task_outbox"),
        ("signalling", "0011_open_assigned_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="signal",
            name="signal_org_time_idx",
        ),
        migrations.AddField(
            model_name="signal",
            name="closed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="afgesloten op"),
        ),
        migrations.AddField(
            model_name="signal",
            name="picked_up_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="opgepakt op"),
        ),
        migrations.RunPython(copy_times_from_history, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="signal",
            index=models.Index(
                fields=["organisation", "-submitted_at"],
                include=(
                    "id",
                    "confidentiality",
                    "status",
                    "outcome",
                    "channel",
                    "is_urgent",
                    "neighbourhood",
                    "triage_due_on",
                    "picked_up_at",
                    "closed_at",
                ),
                name="signal_org_time_idx",
            ),
        ),
    ]
