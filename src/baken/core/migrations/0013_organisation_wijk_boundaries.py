from django.db import migrations, models

import baken.core.models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0012_task_outbox"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="wijk_boundaries",
            field=models.FileField(
                blank=True,
                db_default="",
                default="",
                upload_to=baken.core.models.wijk_boundaries_upload_path,
                verbose_name="wijkgrenzen",
            ),
        ),
    ]
