"""Moving the partner directory out of `coordination` keeps every row, its id, the escalations that
point to it, and the permission that roles hold (its id, now named partners.manage_partners)."""

import pytest

from baken.testing.migrations import latest_migrations, migrate_to

BEFORE = [("coordination", "0002_escalation_escalationstatuschange_triagenote_and_more"), ("partners", None)]


@pytest.mark.owner_role  # migrating needs ALTER and DROP: the owner role's rights
@pytest.mark.no_cover  # migrating is outside the measured code and some 40 % slower measured
@pytest.mark.django_db(transaction=True)
def test_partner_rows_ids_and_permission_survive_the_move():
    latest = latest_migrations()
    old = migrate_to(BEFORE)
    Organisation = old.get_model("core", "Organisation")
    OldPartner = old.get_model("coordination", "Partner")
    ContentType = old.get_model("contenttypes", "ContentType")
    Permission = old.get_model("auth", "Permission")
    organisation = Organisation.objects.create(name="Gemeente Oud", slug="oud", cbs_code="GM9977")
    kept = OldPartner.objects.create(pk=4242, organisation=organisation, name="Politie Oud", partner_type="politie")
    # Before the move, the permission hangs on coordination's content type (unapplying the move
    # put it back there).
    permission = Permission.objects.get(content_type__app_label="coordination", codename="manage_partners")
    assert not ContentType.objects.filter(app_label="partners").exists()
    try:
        new = migrate_to(latest)
        Partner = new.get_model("partners", "Partner")
        moved = Partner.objects.get(pk=kept.pk)
        assert (moved.name, moved.organisation_id) == ("Politie Oud", organisation.pk)
        assert Partner._meta.db_table == "partners_partner"
        moved_permission = new.get_model("auth", "Permission").objects.get(pk=permission.pk)
        assert moved_permission.content_type.app_label == "partners"
        assert moved_permission.codename == "manage_partners"
    finally:
        migrate_to(latest)
