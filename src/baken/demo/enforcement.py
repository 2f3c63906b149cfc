"""Fictional enforcement data for the demo municipalities, made through the services (so
references, histories, deadlines and audit are genuine): a location of every object type, two
labour-migrant houses (one failing the norms), inspections with findings, a case at voornemen,
one forfeited with its invordering deadline in the coming month, a case raised to
vertrouwelijk by the trafficking signal at its address, and a Bibob test awaiting the LBB."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from baken.accounts.models import User
from baken.enforcement import services
from baken.enforcement.catalogue.loader import catalogue
from baken.enforcement.models import Location
from baken.enforcement.services import BibobInput, InspectionRecord, LocationInput, MeasureStep
from baken.knowledge.selectors import national_barrier_models
from baken.signalling.models import Signal

# (street, number, postcode, wijk, object type, name, KvK, BRP residents)
LOCATIONS = [
    ("Havenweg", "14", "9901 AB", "Havenkwartier", "bedrijfspand", "Kassenbouw Noord (fictief)", "90000014", None),
    (
        "Industrieweg",
        "3",
        "9901 CD",
        "Bedrijventerrein West",
        "carwash",
        "Wasstraat De Glans (fictief)",
        "90000003",
        None,
    ),
    ("Kanaalstraat", "8", "9901 GH", "Centrum", "seksinrichting", "Club Lantaarn (fictief)", "90000008", None),
    ("Lindelaan", "21", "9901 JK", "Oost", "massagesalon", "Lotus Wellness (fictief)", "90000021", None),
    ("Marktplein", "5-A", "9901 LM", "Centrum", "nagelstudio", "Nail Bar Parel (fictief)", "90000005", None),
    ("Stationsweg", "40", "9901 NP", "Centrum", "hotel", "Hotel De Spoorbrug (fictief)", "90000040", 0),
    ("Polderweg", "112", "9901 RS", "Buitengebied", "logies", "Logies De Kade (fictief)", "90000112", 24),
    ("Dijkstraat", "7", "9901 TV", "Oost", "woning", "", "", 4),
    ("Duinpad", "2", "9901 WX", "Buitengebied", "recreatiepark", "Vakantiepark Zonnedauw (fictief)", "90000002", 6),
    ("Kwekerslaan", "60", "9901 XZ", "Buitengebied", "agrarisch", "Kwekerij Groenrijk (fictief)", "90000060", 2),
]


#: Two labour-migrant houses: the logies fails the SNF norms (31 people found on 260 m² with two
#: toilets), the holiday park meets them.
HOUSING = {
    "logies": {
        "floor_area": Decimal("260"),
        "bedroom_areas": (Decimal("14"), Decimal("14"), Decimal("16"), Decimal("16"), Decimal("20"), Decimal("24")),
        "toilets": 2,
        "showers": 2,
        "transport": "Busje van het uitzendbureau (fictief)",
    },
    "recreatiepark": {
        "floor_area": Decimal("84"),
        "bedroom_areas": (Decimal("12"), Decimal("12")),
        "toilets": 1,
        "showers": 1,
        "transport": "Eigen fietsen",
    },
}


def _location(inspector, city: str, row) -> Location:
    street, number, postcode, wijk, object_type, name, kvk, residents = row
    data = LocationInput(
        street=street,
        house_number=number,
        postcode=postcode,
        city=city,
        object_type=object_type,
        name=name,
        neighbourhood=wijk,
        kvk_number=kvk,
        registered_residents=residents,
        **HOUSING.get(object_type, {}),
    )
    return services.location_save(actor=inspector, location=None, data=data)


def _at(days_ago: int, hour: int = 10) -> dt.datetime:
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _inspect(inspector, case, days_ago, outcome, observed, checklist, notes, findings=()):
    inspection = services.inspection_plan(
        actor=inspector,
        case=case,
        planned_for=_at(days_ago, 9),
        team="T. Visser (toezichthouder gemeente, Awb 5:15); I. Meijer (NLA, eigen aanwijzing)",
    )
    services.inspection_record(
        actor=inspector,
        inspection=inspection,
        data=InspectionRecord(
            performed_at=_at(days_ago, 10),
            situation="toegang_verleend",
            outcome=outcome,
            people_present=observed,
            observed_residents=observed,
            checklist=checklist,
            notes=notes,
        ),
    )
    made = [
        services.finding_add(actor=inspector, inspection=inspection, description=text, checklist_code=code)
        for code, text in findings
    ]
    return inspection, made


def load_demo_enforcement(organisation) -> int:
    if Location.objects.filter(organisation=organisation).exists():
        return 0
    inspector = User.objects.get(username=f"toezichthouder-{organisation.slug}")
    jurist = User.objects.get(username=f"handhavingsjurist-{organisation.slug}")
    triager = User.objects.get(username=f"aandachtsfunctionaris-{organisation.slug}")
    city = organisation.name.removeprefix("Gemeente ")
    places = {row[4]: _location(inspector, city, row) for row in LOCATIONS}
    today = timezone.localdate()

    lodging = places["logies"]
    services.party_add(
        actor=inspector,
        location=lodging,
        role="verhuurder",
        name="Flexhuis Noord B.V. (fictief)",
        kvk_number="90001001",
    )
    services.party_add(
        actor=inspector, location=lodging, role="uitzendbureau", name="Werkkracht Oost (fictief)", kvk_number="90001002"
    )
    services.licence_add(
        actor=inspector,
        location=lodging,
        kind="snf_keurmerk",
        number="SNF-4711",
        valid_until=today + dt.timedelta(days=40),
    )
    services.licence_add(
        actor=inspector,
        location=places["seksinrichting"],
        kind="apv_seksbedrijf",
        number="APV-2024-017",
        valid_until=today + dt.timedelta(days=300),
    )
    services.licence_add(
        actor=inspector,
        location=places["massagesalon"],
        kind="apv_seksbedrijf",
        number="APV-2022-004",
        valid_until=today - dt.timedelta(days=20),
    )
    services.party_add(actor=inspector, location=places["massagesalon"], role="exploitant", name="L. Chen (fictief)")

    # A labour-migrant house that meets the norms: inspected, closed without violation.
    house = services.case_open(
        actor=inspector,
        location=places["woning"],
        theme="huisvesting_arbeidsmigranten",
        reason="project",
        opened_on=today - dt.timedelta(days=60),
    )
    _inspect(
        inspector,
        house,
        58,
        "geen_overtreding",
        4,
        {"bewoning_brp": "ja", "snf_oppervlakte": "ja", "snf_sanitair": "ja"},
        "Vier bewoners, zoals ingeschreven.",
    )
    services.case_transition(actor=inspector, case=house, target="afgesloten", closure="geen_overtreding")

    # The logies location fails the norms: 31 found where 24 are registered. A voornemen is out.
    failing = services.case_open(
        actor=inspector,
        location=lodging,
        theme="huisvesting_arbeidsmigranten",
        reason="melding",
        opened_on=today - dt.timedelta(days=12),
        description="Buren melden busjes met veel meer bewoners dan er passen.",
    )
    _inspection, findings = _inspect(
        inspector,
        failing,
        10,
        "overtreding",
        31,
        {
            "bewoning_brp": "nee",
            "snf_oppervlakte": "nee",
            "snf_sanitair": "nee",
            "brandveiligheid": "nee",
            "wgv_huurcontract": "nee",
        },
        "31 bewoners aangetroffen; 3 toiletten; vluchtweg geblokkeerd door matrassen.",
        findings=[
            ("snf_oppervlakte", "31 bewoners op 280 m² gebruiksoppervlakte (9 m² per persoon)."),
            ("brandveiligheid", "Vluchtweg op de eerste verdieping geblokkeerd door matrassen."),
        ],
    )
    # The loop with the Kennisbank: this inspection raised a housing barrier of the model.
    housing = national_barrier_models()["arbeidsmigranten"].step("huisvesting")
    services.barrier_link_add(
        actor=inspector, barrier=f"arbeidsmigranten/huisvesting/{housing.barriers[0][0]}", inspection=_inspection
    )
    services.measure_start(
        actor=jurist,
        case=failing,
        intent_type="voornemen_lod",
        addressees="Flexhuis Noord B.V. (verhuurder)",
        sent_on=today - dt.timedelta(days=5),
        finding=findings[0],
    )

    # The carwash: a dwangsom forfeited almost a year ago, so the invordering lapses next month.
    carwash = services.case_open(
        actor=inspector,
        location=places["carwash"],
        theme="mensenhandel",
        reason="eigen_onderzoek",
        opened_on=today - dt.timedelta(days=420),
    )
    _inspection, carwash_findings = _inspect(
        inspector,
        carwash,
        418,
        "overtreding",
        5,
        {"brandveiligheid": "nee", "tewerkstelling": "nee"},
        "Slaapplaatsen in het technische hok.",
        findings=[("brandveiligheid", "Bewoning van de technische ruimte; geen rookmelders.")],
    )
    lapse = catalogue().deadlines["invordering_verjaring"]
    forfeited_on = today + dt.timedelta(days=24)
    forfeited_on = dt.date(forfeited_on.year - lapse.amount // 12, forfeited_on.month, min(forfeited_on.day, 28))
    measure = services.measure_start(
        actor=jurist,
        case=carwash,
        intent_type="voornemen_lod",
        addressees="Wasstraat De Glans (exploitant)",
        sent_on=forfeited_on - dt.timedelta(days=60),
        finding=carwash_findings[0],
    )
    services.measure_step(
        actor=jurist,
        measure=measure,
        data=MeasureStep(
            target="besluit",
            decision_type="lod",
            decided_on=forfeited_on - dt.timedelta(days=40),
            compliance_due_on=forfeited_on - dt.timedelta(days=12),
            amount_per_unit=Decimal("500"),
            amount_unit="per week",
            amount_maximum=Decimal("5000"),
        ),
    )
    # Beside the track: a bezwaar declared unfounded, and a beroep still pending at the court.
    objection = services.appeal_add(
        actor=jurist,
        measure=measure,
        kind="bezwaar",
        lodged_on=forfeited_on - dt.timedelta(days=30),
        lodged_by="Wasstraat De Glans (exploitant)",
    )
    services.appeal_decide(
        actor=jurist, appeal=objection, outcome="ongegrond", decided_on=forfeited_on - dt.timedelta(days=15)
    )
    services.appeal_add(
        actor=jurist,
        measure=measure,
        kind="beroep",
        lodged_on=forfeited_on - dt.timedelta(days=10),
        lodged_by="Wasstraat De Glans (exploitant)",
    )
    services.measure_step(
        actor=jurist,
        measure=measure,
        data=MeasureStep(target="hercontrole", reason="Hercontrole: ruimte nog steeds bewoond."),
    )
    services.measure_step(actor=jurist, measure=measure, data=MeasureStep(target="verbeurd", forfeited_on=forfeited_on))

    # The loods at the trafficking signal's address: the case is linked, so vertrouwelijk.
    loods = services.case_open(
        actor=inspector,
        location=places["bedrijfspand"],
        theme="mensenhandel",
        reason="signaal_mensenhandel",
        opened_on=today,
    )
    services.inspection_plan(
        actor=inspector, case=loods, planned_for=_at(-3, 9), team="T. Visser (gemeente); politie basisteam"
    )
    signal = Signal.objects.filter(organisation=organisation, postcode="9901 AB", house_number="14").first()
    if signal is not None:
        services.case_link_signal(actor=triager, case=loods, signal=signal)

    # The massage salon with an expired licence: a planned control.
    salon = services.case_open(
        actor=inspector,
        location=places["massagesalon"],
        theme="prostitutie",
        reason="vergunning",
        opened_on=today - dt.timedelta(days=2),
    )
    services.inspection_plan(
        actor=inspector, case=salon, planned_for=_at(-1, 14), team="T. Visser en S. Bos (gemeente, Awb 5:15)"
    )
    # The new licence application is under a Bibob test; the LBB's advice is awaited.
    bibob = services.bibob_start(
        actor=jurist,
        case=salon,
        subject="Aanvraag nieuwe exploitatievergunning L. Chen (fictief)",
        trigger="aanvraag_vergunning",
        started_on=today - dt.timedelta(days=2),
    )
    services.bibob_update(
        actor=jurist,
        test=bibob,
        data=BibobInput(
            questionnaire_sent_on=today - dt.timedelta(days=2),
            questionnaire_received_on=today - dt.timedelta(days=1),
            own_findings="Herkomst van het startkapitaal onduidelijk; eerdere vergunning verlopen.",
            lbb_requested_on=today,
        ),
    )
    return len(places)
