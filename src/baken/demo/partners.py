"""Fictional partner directory per demo municipality. National numbers are real public
numbers; every local name, person and number is made up."""

from baken.partners.models import PartnerType

NATIONAL_ACUTE = [
    # name, type, phone, instruction, order
    ("Alarmnummer", PartnerType.EMERGENCY, "112", "Bij direct gevaar voor iemands leven of veiligheid.", 1),
    (
        "Politie (geen spoed)",
        PartnerType.POLICE,
        "0900-8844",
        "Om een signaal door te geven als er geen direct gevaar is.",
        3,
    ),
    ("Veilig Thuis", PartnerType.VEILIG_THUIS, "0800-2000", "Bij een minderjarige of huiselijk geweld.", 4),
    ("Meld Misdaad Anoniem", PartnerType.ANONYMOUS, "0800-7000", "Als iemand anoniem wil melden.", 5),
]

REGIONAL = [
    # name, type, contact, expertise, sharing basis
    (
        "RIEC Regio Voorbeeld",
        PartnerType.RIEC,
        "M. de Wit (fictief)",
        "Bestuurlijke aanpak, Bibob-advies",
        "Wet gegevensverwerking door samenwerkingsverbanden (WGS)",
    ),
    (
        "Zorg- en Veiligheidshuis Regio Voorbeeld",
        PartnerType.ZVH,
        "K. Aydın (fictief)",
        "Casusoverleg zorg en veiligheid",
        "Wet gegevensverwerking door samenwerkingsverbanden (WGS)",
    ),
    (
        "Zorgcoördinatie mensenhandel Regio Voorbeeld",
        PartnerType.CARE_COORDINATOR,
        "R. Hendriks (fictief)",
        "Opvang en begeleiding van slachtoffers",
        "Wettelijke taak (Wmo 2015)",
    ),
]

LOCAL = [
    (
        "Nederlandse Arbeidsinspectie",
        PartnerType.LABOUR_INSPECTORATE,
        "Meldpunt (fictief contact)",
        "Arbeidsuitbuiting",
        "Wettelijke taak",
    ),
    ("Politie basisteam", PartnerType.POLICE, "Wijkagent (fictief)", "Opsporing, mensenhandel", "Wettelijke taak"),
    (
        "Koninklijke Marechaussee",
        PartnerType.KMAR,
        "Team mensenhandel (fictief)",
        "Grens en identiteit",
        "Wettelijke taak",
    ),
    (
        "CoMensha",
        PartnerType.COMENSHA,
        "Aanmelding (fictief contact)",
        "Landelijke registratie en opvangplaatsing",
        "Schriftelijke toestemming van het slachtoffer",
    ),
]
