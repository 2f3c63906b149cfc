"""Fictional, real-looking signals for the demo municipalities, made through the same service
as real ones (so references, snapshots, history and audit are genuine)."""

import datetime as dt
import uuid

from django.utils import timezone

from baken.accounts.models import User
from baken.coordination import services
from baken.partners.models import Partner
from baken.signalling.models import Indicator, MinorInvolved, Signal
from baken.signalling.services import SignalInput, signal_submit

# (days ago, reporter role, forms, indicator group codes to pick from, channel, location, description, extras)
DEMO_SIGNALS = [
    (
        1,
        "toezichthouder",
        ["arbeid"],
        ["arbeid-wonen", "locatie-toezicht"],
        "controle",
        {
            "postcode": "9901 AB",
            "house_number": "14",
            "street": "Havenweg",
            "city": "Voorbeeld",
            "business_name": "Kassenbouw Noord (fictief)",
            "neighbourhood": "Havenkwartier",
        },
        "Bij een controle van een loods trof ik matrassen aan in een opslagruimte. Volgens de uitzendkracht "
        "slapen er zes mensen. Niemand kon zeggen waar ze officieel wonen.",
        {"people_count": 6, "estimated_age": "25-39", "sex": "man", "languages": "Pools, Roemeens"},
    ),
    (
        3,
        "signaleerder",
        ["seksueel"],
        ["seksueel-gedrag", "seksueel-houding", "seksueel-uiterlijk"],
        "balie",
        {"location_description": "Balie Burgerzaken, stadhuis", "neighbourhood": "Centrum"},
        "Een jonge vrouw kwam een uittreksel halen. Een oudere man voerde het woord en hield haar paspoort vast. "
        "Ze keek steeds naar hem voordat ze antwoord gaf.",
        {"people_count": 2, "estimated_age": "18-24", "sex": "gemengd", "languages": "Nederlands"},
    ),
    (
        6,
        "signaleerder",
        ["crimineel"],
        ["crimineel-gedrag", "crimineel-school"],
        "school",
        {"location_description": "Schoolplein en fietsenstalling bij een middelbare school", "neighbourhood": "Oost"},
        "Een leerling van ongeveer vijftien wordt na school steeds opgehaald door een scooter met twee oudere jongens. "
        "Hij heeft sinds kort dure kleding en verzuimt vaak.",
        {"people_count": 1, "estimated_age": "0-17", "sex": "man", "minor": MinorInvolved.YES},
    ),
    (
        10,
        "toezichthouder",
        ["arbeid"],
        ["arbeid-werk", "arbeid-geld"],
        "controle",
        {
            "postcode": "9901 CD",
            "house_number": "3",
            "street": "Industrieweg",
            "city": "Voorbeeld",
            "business_name": "Wasstraat De Glans (fictief)",
            "neighbourhood": "Bedrijventerrein West",
        },
        "Medewerkers van een wasstraat werken volgens omwonenden zeven dagen per week tot laat. Ze worden 's ochtends "
        "met een busje gebracht.",
        {"people_count": 4, "estimated_age": "25-39", "sex": "man"},
    ),
    (
        15,
        "zorgcoordinator",
        ["seksueel"],
        ["seksueel-gedrag"],
        "huisbezoek",
        {"location_description": "Vakantiepark aan de rand van de gemeente", "neighbourhood": "Buitengebied"},
        "Bij een huisbezoek zag ik dat in een chalet steeds wisselende jonge vrouwen verblijven. Er komen 's avonds "
        "veel auto's.",
        {"people_count": 3, "estimated_age": "18-24", "sex": "vrouw"},
    ),
    (
        22,
        "signaleerder",
        [],
        ["balie-brp"],
        "balie",
        {"postcode": "9901 EF", "house_number": "27", "street": "Molenstraat", "city": "Voorbeeld"},
        "Op dit adres zijn in drie maanden elf personen ingeschreven. Post komt regelmatig retour.",
        {"people_count": 11, "form_unknown": True},
    ),
    (
        40,
        "beleidsmaker",
        ["arbeid", "crimineel"],
        ["locatie-toezicht"],
        "anders",
        {"location_description": "Leegstaande boerderij, Achterweg (geen huisnummer)", "neighbourhood": "Buitengebied"},
        "Buren melden dat de ramen zijn afgeplakt en er 's nachts mensen worden afgezet. Mogelijk een hennepkwekerij.",
        {"estimated_age": "onbekend"},
    ),
]


def _pick(organisation, group_codes: list[str], count: int = 2) -> list[int]:
    ids = []
    for code in group_codes:
        ids += list(
            Indicator.objects.filter(group__code=code, active=True, organisation__isnull=True)
            .order_by("order")
            .values_list("pk", flat=True)[:count]
        )
    return ids


def load_demo_signals(organisation) -> int:
    if Signal.objects.filter(organisation=organisation).exists():
        return 0
    today = timezone.localdate()
    made = 0
    created = []
    for days_ago, role, forms, groups, channel, where, text, extra in DEMO_SIGNALS:
        reporter = User.objects.get(username=f"{role}-{organisation.slug}")
        data = SignalInput(
            observed_on=today - dt.timedelta(days=days_ago),
            channel=channel,
            description=text,
            form_codes=forms,
            form_unknown=extra.get("form_unknown", not forms),
            minor_involved=extra.get("minor", MinorInvolved.UNKNOWN),
            indicator_ids=_pick(organisation, groups),
            people_count=extra.get("people_count"),
            estimated_age=extra.get("estimated_age", ""),
            sex=extra.get("sex", ""),
            languages=extra.get("languages", ""),
            **where,
        )
        signal, _ = signal_submit(reporter=reporter, data=data, submission_key=uuid.uuid4())
        created.append(signal)
        made += 1
    _triage_some(organisation, created)
    return made


def _triage_some(organisation, signals) -> None:
    """Give the demo inbox a history: some signals picked up, one escalated and closed."""
    triager = User.objects.get(username=f"aandachtsfunctionaris-{organisation.slug}")
    oldest = sorted(signals, key=lambda s: s.observed_on)
    closed, referred, picked_up = oldest[0], oldest[1], oldest[2]
    for signal in (closed, referred, picked_up):
        services.signal_transition(actor=triager, signal=signal, target="in_behandeling")
    services.triage_note_add(
        actor=triager, signal=picked_up, text="Adres komt vaker voor in de BRP-signalen; controle aangevraagd."
    )
    services.signal_assign(actor=triager, signal=picked_up, assignee=triager)
    inspectorate = Partner.objects.filter(organisation=organisation, partner_type="arbeidsinspectie").first()
    if inspectorate:
        services.escalation_create(
            actor=triager,
            signal=referred,
            partner=inspectorate,
            channel="beveiligde_mail",
            purpose="Vermoeden van arbeidsuitbuiting: verzoek om gezamenlijke controle",
            legal_ground="wettelijke_taak",
            shared_fields=["reference", "observed_on", "address", "business_name", "indicators", "description"],
            shared_on=today_minus(2),
            expected_feedback_on=today_minus(-12),
            status="verzonden",
        )
        services.signal_transition(actor=triager, signal=referred, target="doorgezet")
        services.signal_share_message(
            actor=triager, signal=referred, message="Dank voor uw melding. We hebben deze doorgezet naar een partner."
        )
    services.signal_transition(
        actor=triager,
        signal=closed,
        target="afgesloten",
        outcome="onvoldoende_informatie",
        reason="Locatie bezocht; geen aanwijzingen gevonden. Blijft onder de aandacht bij handhaving.",
    )
    services.signal_share_message(actor=triager, signal=closed, message="Bedankt. Uw melding is bekeken en afgerond.")


def today_minus(days: int):
    return timezone.localdate() - dt.timedelta(days=days)
