"""The partner directory moves from `coordination` into its own app. Nothing changes in the
database here: the model's state moves (the table is renamed in 0002), and the content type moves
with it so that the permission keeps its id and every role keeps it (now partners.manage_partners)."""

import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="coordination", model="partner").update(app_label="partners")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="partners", model="partner").update(app_label="coordination")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("core", "0003_notification"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("coordination", "0002_escalation_escalationstatuschange_triagenote_and_more"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Partner",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=160, verbose_name="naam")),
                        (
                            "partner_type",
                            models.CharField(
                                choices=[
                                    ("noodnummer", "Noodnummer"),
                                    ("politie", "Politie"),
                                    ("meld_misdaad_anoniem", "Meld Misdaad Anoniem"),
                                    ("arbeidsinspectie", "Nederlandse Arbeidsinspectie"),
                                    ("veilig_thuis", "Veilig Thuis"),
                                    ("riec", "RIEC"),
                                    ("zorg_en_veiligheidshuis", "Zorg- en Veiligheidshuis"),
                                    ("comensha", "CoMensha"),
                                    ("zorgcoordinator", "Zorgcoördinator mensenhandel"),
                                    ("kmar", "Koninklijke Marechaussee"),
                                    ("opvang", "Opvang"),
                                    ("intern", "Intern (gemeente)"),
                                    ("anders", "Anders"),
                                ],
                                max_length=30,
                                verbose_name="soort",
                            ),
                        ),
                        ("contact_person", models.CharField(blank=True, max_length=160, verbose_name="contactpersoon")),
                        ("phone", models.CharField(blank=True, max_length=40, verbose_name="telefoon")),
                        ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                        ("expertise", models.TextField(blank=True, verbose_name="expertise")),
                        (
                            "sharing_basis",
                            models.CharField(
                                blank=True, max_length=300, verbose_name="convenant of wettelijke grondslag"
                            ),
                        ),
                        ("shared_in_region", models.BooleanField(default=False, verbose_name="gedeeld in de regio")),
                        (
                            "acute_route",
                            models.BooleanField(
                                default=False,
                                help_text="Verschijnt bij het melden van een acute situatie.",
                                verbose_name="tonen bij acute situaties",
                            ),
                        ),
                        (
                            "acute_instruction",
                            models.CharField(blank=True, max_length=200, verbose_name="wanneer bellen"),
                        ),
                        ("order", models.PositiveSmallIntegerField(default=100, verbose_name="volgorde")),
                        ("active", models.BooleanField(default=True, verbose_name="actief")),
                        (
                            "organisation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="partners",
                                to="core.organisation",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "coordination_partner",
                        "verbose_name": "partner",
                        "verbose_name_plural": "partners",
                        "ordering": ["order", "name"],
                        "permissions": [("manage_partners", "Mag de partners van de eigen organisatie beheren")],
                        "default_permissions": (),
                        "indexes": [
                            models.Index(fields=["organisation", "acute_route", "order"], name="partner_acute_idx")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
