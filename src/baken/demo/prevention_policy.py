"""Fictional prevention and policy data for the demo: Voorbeeld has prevention activities over
two school years, a materials library (one material in its second version), and a
self-assessment of the current year whose gaps became actions under the goals of its action
plan; Zuiderhaven has a smaller set; the region has a self-assessment of its own with a few
blocks assessed. Everything goes through the services; running it twice changes nothing."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from baken.accounts.models import User
from baken.policy.models import KaderAssessment, RiskPicture
from baken.policy.services import (
    action_from_item,
    action_update,
    assessment_adopt,
    assessment_create,
    assessment_item_update,
    goal_create,
    plan_create,
    risk_picture_create,
    risk_picture_update,
    risk_row_update,
)
from baken.prevention.models import PreventionActivity, PreventionMaterial, Training, school_year_of
from baken.prevention.services import (
    activity_create,
    activity_transition,
    material_create,
    material_update,
    staff_counts_set,
    training_create,
)
from baken.signalling.models import ExploitationForm

# (months after the start of the school year, day, title, type, groups, languages, forms, where, name, reach, cost)
ACTIVITIES = [
    (
        1,
        14,
        "Gastles loverboys groep 8",
        "schoolvoorlichting",
        ["po"],
        ["nl"],
        ["seksueel"],
        "school",
        "Basisschool De Vlinder (fictief)",
        58,
        "0",
    ),
    (
        2,
        9,
        "BUIT in de klas",
        "schoolvoorlichting",
        ["vo"],
        ["nl"],
        ["crimineel"],
        "school",
        "Het Baken College (fictief)",
        112,
        "450",
    ),
    (
        3,
        21,
        "Ouderavond: wat doet uw kind online?",
        "ouderavond",
        ["ouders"],
        ["nl", "tr", "ar"],
        ["seksueel"],
        "wijk",
        "Havenkwartier",
        34,
        "200",
    ),
    (
        4,
        4,
        "Training signalen aan de balie",
        "training_medewerkers",
        ["gemeentelijke_afdeling"],
        ["nl"],
        ["arbeid", "seksueel", "crimineel"],
        "online",
        "",
        22,
        "1200",
    ),
    (
        6,
        17,
        "Voorlichting rechten arbeidsmigranten",
        "voorlichting_arbeidsmigranten",
        ["arbeidsmigranten"],
        ["pl", "ro", "bg"],
        ["arbeid"],
        "wijk",
        "Bedrijventerrein De Kade",
        41,
        "350",
    ),
    (
        8,
        12,
        "Hotelvoorlichting",
        "ondernemersvoorlichting",
        ["sector"],
        ["nl", "en"],
        ["seksueel", "arbeid"],
        "online",
        "",
        15,
        "0",
    ),
    (
        9,
        3,
        "Gastles MBO zorg en welzijn",
        "schoolvoorlichting",
        ["mbo"],
        ["nl"],
        ["seksueel", "crimineel"],
        "school",
        "ROC Kustlanden (fictief)",
        None,
        "300",
    ),
]


# (title, description, audiences, languages, form, evidence level, link); all fictional.
MATERIALS = [
    (
        "Lespakket Loverboys en sextortion (fictief)",
        "Drie lessen over grooming, loverboys en sextortion, met een handleiding voor de docent.",
        ["vo", "mbo"],
        ["nl"],
        "les",
        "theoretisch_onderbouwd",
        "https://materialen.example.nl/lespakket-loverboys",
    ),
    (
        "Film 'Niet te koop' (fictief)",
        "Korte film met nagesprek over criminele uitbuiting van jongeren.",
        ["vo", "mbo", "ouders"],
        ["nl", "en"],
        "film",
        "niet_beoordeeld",
        "https://materialen.example.nl/niet-te-koop",
    ),
    (
        "Folder 'Uw rechten als arbeidsmigrant' (fictief)",
        "Loon, huisvesting en waar u terecht kunt, in vier talen.",
        ["arbeidsmigranten"],
        ["pl", "ro", "bg", "en"],
        "folder",
        "niet_beoordeeld",
        "https://materialen.example.nl/rechten-arbeidsmigrant",
    ),
    (
        "E-learning Signalen herkennen aan de balie (fictief)",
        "Veertig minuten, met casussen uit de publiekszaken.",
        ["gemeentelijke_afdeling", "professionals"],
        ["nl"],
        "e_learning",
        "goed_onderbouwd",
        "https://materialen.example.nl/e-learning-balie",
    ),
    (
        "Trainingsprogramma hotelpersoneel (fictief)",
        "Een dagdeel voor receptie en housekeeping: signalen en wie u belt.",
        ["sector"],
        ["nl", "en"],
        "trainingsprogramma",
        "theoretisch_onderbouwd",
        "https://materialen.example.nl/training-hotels",
    ),
]


def _load_materials(organisation, actor: User, count: int) -> dict[str, PreventionMaterial]:
    """The library; the first material in a second version, so the history shows."""
    rows = PreventionMaterial.objects.filter(organisation=organisation)
    if rows.exists():
        return {material.title: material for material in rows}
    materials = {}
    for title, description, audiences, languages, form, level, url in MATERIALS[:count]:
        values = {
            "title": title,
            "description": description,
            "audiences": audiences,
            "languages": languages,
            "form": form,
            "evidence_level": level,
            "url": url,
        }
        materials[title] = material_create(actor=actor, values=values)
    first = materials[MATERIALS[0][0]]
    material_update(
        actor=actor,
        material=first,
        values={
            **{name: getattr(first, name) for name in ("title", "audiences", "form", "evidence_level", "url")},
            "description": first.description + " Nieuw: een les over sextortion via sociale media.",
            "languages": ["nl", "nl_eenvoudig"],
        },
        base_revision=first.revision,
        note="Tweede editie, ook in eenvoudig Nederlands",
    )
    return materials


def _school_year_date(first_year: int, months_after: int, day: int) -> dt.date:
    month = 8 + months_after
    return dt.date(first_year + (month - 1) // 12, (month - 1) % 12 + 1, day)


def _load_prevention(organisation, actor: User, count: int, materials: dict[str, PreventionMaterial]) -> None:
    if PreventionActivity.objects.filter(organisation=organisation).exists():
        return
    lesson = materials.get(MATERIALS[0][0])
    today = timezone.localdate()
    current = school_year_of(today)
    forms = {form.code: form for form in ExploitationForm.objects.all()}
    for first_year in (current - 1, current):
        for months, day, title, kind, groups, languages, form_codes, where, name, reach, cost in ACTIVITIES[:count]:
            starts_on = _school_year_date(first_year, months, day)
            activity = activity_create(
                actor=actor,
                values={
                    "title": title,
                    "activity_type": kind,
                    "exploitation_forms": [forms[code] for code in form_codes if code in forms],
                    "target_groups": groups,
                    "languages": languages,
                    "starts_on": starts_on,
                    "location_kind": where,
                    "location_name": name,
                    "cost": Decimal(cost),
                    "kader_theme": "signalering" if kind == "training_medewerkers" else "bewustwording",
                    "programme": "BUIT in de klas" if title == "BUIT in de klas" else "",
                    "material": lesson if kind == "schoolvoorlichting" and title != "BUIT in de klas" else None,
                },
            )
            if starts_on >= today:
                if starts_on - today < dt.timedelta(days=60):
                    activity_transition(actor=actor, activity=activity, target="bevestigd")
                continue
            activity_transition(actor=actor, activity=activity, target="uitgevoerd", reach=reach or 20)
            if first_year < current:
                activity_transition(
                    actor=actor,
                    activity=activity,
                    target="geevalueerd",
                    evaluation_score=4 if reach and reach > 30 else 3,
                    evaluation_notes="Goed ontvangen; volgend jaar weer, eerder in het schooljaar plannen.",
                )


# block code -> (status, evidence, owner)
ASSESSMENT = {
    "1B1": ("volledig", "Beleidsregel aanpak mensenhandel (fictief), collegebesluit", "Team Veiligheid"),
    "1B2": ("volledig", "Portefeuilleverdeling college (fictief)", "Burgemeester"),
    "1V1": ("gedeeltelijk", "Eerste lokaal beeld 2025 (fictief)", "Team Veiligheid"),
    "1V2": ("niet", "", "Team Veiligheid"),
    "2B1": ("volledig", "Aanstellingsbesluit aandachtsfunctionaris (fictief)", "Team Veiligheid"),
    "2B2": ("volledig", "Meldroute in Baken", "Team Veiligheid"),
    "2B3": ("gedeeltelijk", "Trainingsoverzicht balie en toezicht (fictief)", "HR"),
    "2V1": ("niet", "", "Vergunningen"),
    "2V2": ("niet", "", "HR"),
    "3B1": ("volledig", "Preventiekalender in Baken", "Onderwijs"),
    "3B2": ("gedeeltelijk", "Folder in drie talen (fictief)", "Team Veiligheid"),
    "3V1": ("niet", "", "Economische zaken"),
    "3V2": ("gedeeltelijk", "Afspraken met twee scholen (fictief)", "Onderwijs"),
    "4B1": ("volledig", "Convenant zorgcoördinatie (fictief)", "Zorg"),
    "4B2": ("volledig", "Werkafspraken ZVH en RIEC (fictief)", "Team Veiligheid"),
    "4V1": ("gedeeltelijk", "Regionale tafel in oprichting (fictief)", "Burgemeester"),
    "4V2": ("volledig", "Privacyconvenant ZVH (fictief)", "Privacy officer"),
    "5B1": ("volledig", "Regionale opvangafspraken (fictief)", "Zorg"),
    "5B2": ("volledig", "Bijdrage zorgcoördinatie in begroting (fictief)", "Zorg"),
    "5V1": ("niet", "", "Wonen"),
    "5V2": ("nvt", "", ""),
}


def _load_policy(organisation, actor: User, full: bool) -> None:
    today = timezone.localdate()
    year = today.year
    if KaderAssessment.objects.filter(organisation=organisation, year=year).exists():
        return
    plan = None
    if full:
        plan = plan_create(
            actor=actor,
            values={
                "title": f"Uitvoeringsplan mensenhandel {year}-{year + 2}",
                "first_year": year,
                "last_year": year + 2,
                "adopted_by": "College van B en W",
                "adopted_on": min(dt.date(year, 2, 11), today),
                "regional_framework": "Regionaal kader mensenhandel Kustregio (fictief)",
            },
        )
    assessment = assessment_create(actor=actor, year=year)
    items = list(assessment.items.all())
    for item in items if full else items[:8]:
        status, evidence, owner = ASSESSMENT.get(item.block_code, ("niet", "", ""))
        assessment_item_update(
            actor=actor,
            item=item,
            values={"status": status, "evidence": evidence, "owner": owner, "target_date": dt.date(year, 12, 1)},
        )
    if full:
        assessment_adopt(
            actor=actor,
            assessment=assessment,
            adopted_by="College van B en W",
            adopted_on=min(dt.date(year, 3, 4), today),
        )
    goals = _load_goals(plan, actor, year) if plan is not None else {}
    gaps = [item for item in assessment.items.all() if item.is_gap][: 6 if full else 2]
    for number, item in enumerate(gaps):
        action = action_from_item(actor=actor, item=item)
        goal = goals.get(action.kader_theme)
        if number % 3 == 1 or goal is not None:
            values = {
                name: getattr(action, name)
                for name in (
                    "title",
                    "goal",
                    "kader_theme",
                    "owner",
                    "partners",
                    "starts_on",
                    "ends_on",
                    "budget",
                    "indicator",
                    "target",
                )
            }
            values["goal"] = goal
            action_update(actor=actor, action=action, values=values, status="lopend" if number % 3 == 1 else "")


# (Kader theme or "", local pillar, title, indicator, target)
GOALS = [
    ("beleid", "", "Een vastgestelde en bekende aanpak", "Beleid en lokaal beeld vastgesteld", "Eind {next}"),
    (
        "signalering",
        "",
        "Medewerkers herkennen en melden signalen",
        "Aandeel getrainde medewerkers in vier afdelingen",
        "75 % eind {next}",
    ),
    ("", "Arbeidsmigranten in haven en logistiek", "Arbeidsmigranten kennen hun rechten", "", ""),
]


def _load_goals(plan, actor: User, year: int) -> dict:
    """The plan's goals; returns them by Kader theme, so that the actions from the gaps can join."""
    goals = {}
    for theme, pillar, title, indicator, target in GOALS:
        goal = goal_create(
            actor=actor,
            plan=plan,
            values={
                "title": title,
                "kader_theme": theme,
                "local_pillar": pillar,
                "indicator": indicator,
                "target": target.format(next=year + 1),
            },
        )
        if theme:
            goals[theme] = goal
    return goals


# (department, staff, [(months ago, participants, level, function)])
TRAININGS = [
    ("balie", 32, [(20, 14, "signaleren", "baliemedewerker"), (30, 6, "bewustwording", "baliemedewerker")]),
    ("toezicht", 18, [(8, 12, "signaleren", "handhaver"), (2, 2, "verdieping", "coördinator toezicht")]),
    ("wmo_wijkteam", 45, [(14, 20, "signaleren", "wijkteammedewerker")]),
    ("leerplicht", 6, [(22, 5, "verdieping", "leerplichtambtenaar")]),
]


def _months_ago(today: dt.date, months: int) -> dt.date:
    index = today.year * 12 + today.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, min(today.day, 28))


def _load_capacity(organisation, actor: User, departments: int) -> None:
    if Training.objects.filter(organisation=organisation).exists():
        return
    today = timezone.localdate()
    rows = TRAININGS[:departments]
    staff_counts_set(actor=actor, counts={code: staff for code, staff, _trainings in rows})
    for code, _staff, trainings in rows:
        for months, participants, level, function in trainings:
            training_create(
                actor=actor,
                values={
                    "department": code,
                    "function": function,
                    "level": level,
                    "trained_on": _months_ago(today, months),
                    "participants": participants,
                },
            )


# (form code, sectors and locations, level, rationale)
RISKS = [
    (
        "arbeid",
        "Haven met overslag, vier distributiecentra, zes uitzendbureaus, twee pensions voor arbeidsmigranten.",
        "hoog",
        "Veel arbeidsmigranten via uitzendbureaus; meldingen van slechte huisvesting (RIEC-beeld).",
    ),
    (
        "seksueel",
        "Twee massagesalons, hotels langs de snelweg.",
        "midden",
        "Politie ziet advertenties met een adres in de gemeente; geen vergunde prostitutie.",
    ),
    (
        "crimineel",
        "Stationsgebied, winkelcentrum.",
        "midden",
        "Signalen van minderjarigen die drugs vervoeren (jeugdteam).",
    ),
]


def _load_risk_picture(organisation, actor: User, full: bool) -> None:
    year = timezone.localdate().year
    if RiskPicture.objects.filter(organisation=organisation, year=year).exists():
        return
    picture = risk_picture_create(actor=actor, year=year)
    rows = {row.form.code: row for row in picture.rows.select_related("form")}
    for code, sectors, level, rationale in RISKS if full else RISKS[:1]:
        if code in rows:
            risk_row_update(
                actor=actor, row=rows[code], values={"sectors": sectors, "level": level, "rationale": rationale}
            )
    if full:
        risk_picture_update(
            actor=actor,
            picture=picture,
            partner_intelligence="Politie en Inspectie SZW: toename van arbeidsmigranten in de logistiek; "
            "zorgcoördinator: twee trajecten in het afgelopen jaar (geen namen).",
        )


def load_demo_prevention_policy(organisation) -> None:
    actor = User.objects.get(username=f"beleidsmaker-{organisation.slug}")
    full = organisation.slug == "voorbeeld"
    materials = _load_materials(organisation, actor, count=len(MATERIALS) if full else 2)
    _load_prevention(organisation, actor, count=len(ACTIVITIES) if full else 3, materials=materials)
    _load_policy(organisation, actor, full)
    _load_capacity(organisation, actor, departments=4 if full else 2)
    _load_risk_picture(organisation, actor, full)


# block code -> (status, evidence, owner) of the region's own self-assessment: the regional tables
# and agreements; the other blocks are left for the demo user to assess.
REGION_ASSESSMENT = {
    "1B1": ("volledig", "Regionaal kader mensenhandel Kustregio (fictief)", "Regiocoördinator"),
    "4B1": ("volledig", "Convenant regionale zorgcoördinatie (fictief)", "Regiocoördinator"),
    "4V1": ("gedeeltelijk", "Regionale tafel in oprichting (fictief)", "Voorzitter RBO"),
    "5B1": ("gedeeltelijk", "Regionale opvangafspraken (fictief)", "Zorgcoördinatie regio"),
    "5V1": ("niet", "", "Regiocoördinator"),
}


def load_demo_region_assessment(region) -> None:
    """The region's own self-assessment of the current year, kept by the regional beleidsmaker."""
    actor = User.objects.get(username="beleid-regio")
    year = timezone.localdate().year
    if KaderAssessment.objects.filter(region=region, year=year).exists():
        return
    assessment = assessment_create(actor=actor, year=year)
    for item in assessment.items.filter(block_code__in=REGION_ASSESSMENT):
        status, evidence, owner = REGION_ASSESSMENT[item.block_code]
        assessment_item_update(
            actor=actor,
            item=item,
            values={"status": status, "evidence": evidence, "owner": owner, "target_date": dt.date(year, 12, 1)},
        )
