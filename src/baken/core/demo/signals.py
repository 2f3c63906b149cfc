"""Fictional, real-looking signals for the demo municipalities, made through the same service
as real ones (so references, snapshots, history and audit are genuine)."""

import datetime as dt
import uuid

from django.utils import timezone

from baken.accounts.models import User
from baken.signalling.models import Indicator, MinorInvolved
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
    from baken.signalling.models import Signal

    if Signal.objects.filter(organisation=organisation).exists():
        return 0
    today = timezone.localdate()
    made = 0
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
        signal_submit(reporter=reporter, data=data, submission_key=uuid.uuid4())
        made += 1
    return made
