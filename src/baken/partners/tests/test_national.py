"""National partners as data: a new municipality gets them from the catalogue file, migrate keeps
every municipality up to date, the municipality cannot edit them, and only partners that receive
hand-overs are offered for one."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent
from baken.core.services import organisation_create
from baken.partners.catalogue.loader import CATALOGUE_FILE, national_partners_sync, read_catalogue
from baken.partners.models import Partner, PartnerType
from baken.partners.selectors import handover_partners
from baken.partners.services import partner_save

EXPECTED_NUMBERS = {
    "alarmnummer-112": "112",
    "politie-geen-spoed": "0900-8844",
    "veilig-thuis": "0800-2000",
    "meld-misdaad-anoniem": "0800-7000",
    "comensha": "033-4481186",
    "arbeidsinspectie": "0800-5151",
}


@pytest.fixture
def nieuwstad(db, region):
    return organisation_create(name="Gemeente Nieuwstad", slug="nieuwstad", cbs_code="GM9911", region=region)


def _national(organisation) -> dict[str, Partner]:
    return {p.national_code: p for p in Partner.objects.filter(organisation=organisation).exclude(national_code="")}


def _catalogue(tmp_path, text: str):
    path = tmp_path / "national_partners.toml"
    path.write_text(text, encoding="utf-8")
    return path


ONE_PARTNER = """
version = "2027.1"
[[partners]]
code = "alarmnummer-112"
name = "Alarmnummer 112"
partner_type = "noodnummer"
phone = "112"
acute = "altijd"
instruction = "Bij direct gevaar."
receives_handovers = false
order = 1
source = "https://example.invalid/112"
checked_on = 2027-01-05
"""


def test_the_catalogue_file_records_source_and_date_for_each_number():
    version, entries = read_catalogue()
    assert version and {entry.code: entry.phone for entry in entries} == EXPECTED_NUMBERS
    text = CATALOGUE_FILE.read_text(encoding="utf-8")
    assert text.count("source = ") == text.count("checked_on = ") == len(entries)


def test_a_new_municipality_gets_the_national_partners(nieuwstad):
    national = _national(nieuwstad)
    assert {code: partner.phone for code, partner in national.items()} == EXPECTED_NUMBERS
    emergency, veilig_thuis = national["alarmnummer-112"], national["veilig-thuis"]
    assert emergency.acute_route and not emergency.receives_handovers and not emergency.acute_for_minors
    assert veilig_thuis.acute_for_minors and not veilig_thuis.acute_route and veilig_thuis.receives_handovers
    assert not national["politie-geen-spoed"].acute_route  # not an acute number
    assert AuditEvent.objects.filter(organisation=nieuwstad, reason__startswith="landelijke partners").count() == 1


def test_syncing_again_changes_nothing(nieuwstad):
    before = list(Partner.objects.order_by("pk").values())
    audit_rows = AuditEvent.objects.count()
    assert national_partners_sync() == {"created": 0, "adopted": 0, "changed": 0, "retired": 0}
    assert list(Partner.objects.order_by("pk").values()) == before
    assert AuditEvent.objects.count() == audit_rows


def test_a_national_change_reaches_every_municipality(nieuwstad, voorbeeld, zuiderhaven, tmp_path):
    national_partners_sync()  # the fixtures' municipalities were made without the service
    changed = ONE_PARTNER.replace('instruction = "Bij direct gevaar."', 'instruction = "Bel bij direct gevaar."')
    counts = national_partners_sync(path=_catalogue(tmp_path, changed))
    assert counts == {"created": 0, "adopted": 0, "changed": 3, "retired": 15}
    for organisation in (nieuwstad, voorbeeld, zuiderhaven):
        national = _national(organisation)
        assert national["alarmnummer-112"].acute_instruction == "Bel bij direct gevaar."
        assert [code for code, partner in national.items() if partner.active] == ["alarmnummer-112"]
        assert AuditEvent.objects.filter(organisation=organisation, reason__contains="2027.1").count() == 1


def test_a_number_entered_by_hand_is_adopted_not_doubled(voorbeeld, tmp_path):
    own = Partner.objects.create(
        organisation=voorbeeld, name="Noodnummer", partner_type=PartnerType.EMERGENCY, phone="1-1-2"
    )
    assert national_partners_sync(organisations=[voorbeeld], path=_catalogue(tmp_path, ONE_PARTNER))["adopted"] == 1
    own.refresh_from_db()
    assert (own.national_code, own.name, own.phone) == ("alarmnummer-112", "Alarmnummer 112", "112")
    assert Partner.objects.filter(organisation=voorbeeld).count() == 1


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ('source = "https://example.invalid/112"\n', "source"),
        ('partner_type = "noodnummer"', "partner_type"),
    ],
)
def test_a_malformed_catalogue_is_refused_with_the_entry_named(tmp_path, broken, message, db):
    text = ONE_PARTNER.replace(broken, "" if message == "source" else 'partner_type = "brandweer"')
    with pytest.raises(ValueError, match="alarmnummer-112"):
        read_catalogue(_catalogue(tmp_path, text))


def test_a_code_twice_is_refused(tmp_path):
    twice = ONE_PARTNER + ONE_PARTNER.replace('version = "2027.1"', "")
    with pytest.raises(ValueError, match="twice"):
        read_catalogue(_catalogue(tmp_path, twice))


def test_the_municipality_cannot_edit_a_national_partner(nieuwstad, make_user, client_for):
    beheerder = make_user("functioneel_beheerder", nieuwstad)
    emergency = _national(nieuwstad)["alarmnummer-112"]
    with pytest.raises((NotPermitted, PermissionDenied)):
        partner_save(actor=beheerder, partner=emergency, values={"phone": "113"})
    client = client_for(beheerder)
    assert client.get(reverse("partners:edit", args=[emergency.pk])).status_code == 404
    listing = client.get(reverse("partners:list")).content.decode()
    assert "(landelijk)" in listing and reverse("partners:edit", args=[emergency.pk]) not in listing
    emergency.refresh_from_db()
    assert emergency.phone == "112"


def test_only_partners_that_receive_hand_overs_are_offered_for_one(nieuwstad, make_user):
    triager = make_user("aandachtsfunctionaris", nieuwstad)
    names = set(handover_partners(user=triager).values_list("national_code", flat=True))
    assert names == {"politie-geen-spoed", "veilig-thuis", "arbeidsinspectie", "comensha"}
