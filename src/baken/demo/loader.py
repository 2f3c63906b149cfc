"""Creates or refreshes the demo world. Idempotent: running it twice changes nothing."""

import base64
import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from baken.accounts.models import AuthenticatorDevice, User
from baken.accounts.services import roles_sync, user_create
from baken.core.crypto import DecryptionError
from baken.core.models import Organisation, Region
from baken.core.services import organisation_create, organisation_update_huisstijl
from baken.demo import catalogue, partners
from baken.demo.care import load_demo_care, load_demo_providers
from baken.demo.care_history import load_demo_care_history
from baken.demo.enforcement import load_demo_enforcement
from baken.demo.enforcement_history import load_demo_enforcement_history
from baken.demo.history import load_demo_history
from baken.demo.knowledge import load_demo_knowledge
from baken.demo.meetings import load_demo_meetings
from baken.demo.prevention_policy import load_demo_prevention_policy, load_demo_region_assessment
from baken.demo.signals import load_demo_signals
from baken.partners.models import Partner, PartnerType


def _logo_png(colour: str, text_colour: str, initials: str) -> bytes:
    image = Image.new("RGB", (96, 96), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((6, 6, 89, 89), outline=text_colour, width=4)
    draw.text((48, 48), initials, fill=text_colour, anchor="mm", font_size=40)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _organisation(region: Region, spec: dict) -> Organisation:
    organisation = Organisation.objects.filter(slug=spec["slug"]).first()
    if organisation is None:
        colours = {key: spec[key] for key in ("primary_colour", "primary_text_colour", "link_colour")}
        organisation = organisation_create(
            name=spec["name"], slug=spec["slug"], cbs_code=spec["cbs_code"], region=region, colours=colours
        )
    if not organisation.logo or not organisation.logo.storage.exists(organisation.logo.name):
        initials = "".join(word[0] for word in spec["name"].split()[1:])[:2].upper()
        png = _logo_png(spec["primary_colour"], spec["primary_text_colour"], initials)
        organisation_update_huisstijl(
            actor=None, organisation=organisation, changes={"logo": ContentFile(png, name=f"{spec['slug']}.png")}
        )
    return organisation


def _user(username: str, role: str, first: str, last: str, clearance: int, **home) -> tuple[User, bool]:
    user = User.objects.filter(username=username).first()
    created = user is None
    if created:
        user = user_create(
            actor=None,
            organisation=home.get("organisation"),
            region=home.get("region"),
            username=username,
            email=f"{username}@demo.baken.invalid",
            first_name=first,
            last_name=last,
            role_codes=[role],
            clearance=clearance,
            password=catalogue.DEMO_PASSWORD,
        )
    device, _ = AuthenticatorDevice.objects.get_or_create(user=user, name="authenticator", defaults={"confirmed": True})
    key = base64.b32decode(catalogue.DEMO_TOTP_BASE32)
    # Encrypted anew only when it differs (or was made under another key): running the loader
    # twice changes nothing.
    try:
        unchanged = device.bin_key == key
    except DecryptionError:
        unchanged = False
    if not unchanged or not device.confirmed:
        device.set_key(key)
        device.confirmed = True
        device.save(update_fields=["encrypted_key", "confirmed"])
    return user, created


def _partners(organisation: Organisation) -> None:
    if Partner.objects.filter(organisation=organisation, national_code="").exists():
        return
    rows = [
        Partner(
            organisation=organisation,
            name=f"Aandachtsfunctionaris mensenhandel {organisation.name}",
            partner_type=PartnerType.INTERNAL,
            contact_person="Amir Bakker (fictief)",
            phone="(fictief) 010 555 0101",
            acute_route=True,
            acute_instruction="Altijd: meld daarna ook in Baken.",
            order=2,
        )
    ]
    if organisation.slug == "voorbeeld":  # the centrumgemeente keeps the regional partners
        rows += [
            Partner(
                organisation=organisation,
                name=name,
                partner_type=kind,
                contact_person=contact,
                expertise=expertise,
                sharing_basis=basis,
                shared_in_region=True,
            )
            for name, kind, contact, expertise, basis in partners.REGIONAL
        ]
    rows += [
        Partner(
            organisation=organisation,
            name=name,
            partner_type=kind,
            contact_person=contact,
            expertise=expertise,
            sharing_basis=basis,
        )
        for name, kind, contact, expertise, basis in partners.LOCAL
    ]
    Partner.objects.bulk_create(rows)


def load_demo_data() -> list[tuple[str, bool]]:
    """Returns (username, created) for every demo account. Not one transaction: every step goes
    through a service that is its own (durable) transaction, and the loader is idempotent, so an
    interrupted run is completed by the next."""
    roles_sync()
    region, _ = Region.objects.update_or_create(
        slug=catalogue.REGION["slug"], defaults={"name": catalogue.REGION["name"]}
    )
    results = []
    for spec in catalogue.ORGANISATIONS:
        organisation = _organisation(region, spec)
        _partners(organisation)
        for role, (first, last, clearance) in catalogue.MUNICIPAL_USERS.items():
            user, created = _user(
                f"{role}-{organisation.slug}", role, first, last, clearance, organisation=organisation
            )
            results.append((user.username, created))
        for username, (role, first, last, clearance) in catalogue.SECOND_USERS.get(organisation.slug, {}).items():
            user, created = _user(username, role, first, last, clearance, organisation=organisation)
            results.append((user.username, created))
    for username, (role, first, last, clearance) in catalogue.REGIONAL_USERS.items():
        user, created = _user(username, role, first, last, clearance, region=region)
        results.append((user.username, created))
    for username, (role, first, last, clearance) in catalogue.NATIONAL_USERS.items():
        user, created = _user(username, role, first, last, clearance)
        results.append((user.username, created))
    for organisation in Organisation.objects.filter(slug__in=[o["slug"] for o in catalogue.ORGANISATIONS]):
        load_demo_signals(organisation)
        load_demo_history(organisation)
        load_demo_knowledge(organisation)
        load_demo_prevention_policy(organisation)
        load_demo_care(organisation)
        load_demo_meetings(organisation)
        load_demo_enforcement(organisation)
        load_demo_care_history(organisation)
        load_demo_enforcement_history(organisation)
    load_demo_providers(region)
    load_demo_region_assessment(region)
    return results
