"""Fictional partner directory per demo municipality, next to the national partners that every
municipality gets from partners/catalogue/national_partners.toml. Every local name, person and
number here is made up."""

from baken.partners.models import PartnerType

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
    ("Politie basisteam", PartnerType.POLICE, "Wijkagent (fictief)", "Opsporing, mensenhandel", "Wettelijke taak"),
    (
        "Koninklijke Marechaussee",
        PartnerType.KMAR,
        "Team mensenhandel (fictief)",
        "Grens en identiteit",
        "Wettelijke taak",
    ),
]
