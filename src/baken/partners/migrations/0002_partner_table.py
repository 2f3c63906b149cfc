from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("coordination", "0003_partner_moved_and_append_only"),
    ]

    operations = [migrations.AlterModelTable(name="partner", table=None)]
