"""The fictional demo world: one region, two municipalities, one account per role."""

from baken.core.confidentiality import Confidentiality

DEMO_PASSWORD = "demo-Baken-2026"
DEMO_TOTP_BASE32 = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

REGION = {"name": "Regio Voorbeeld", "slug": "voorbeeld"}

ORGANISATIONS = [
    {
        "name": "Gemeente Voorbeeld",
        "slug": "voorbeeld",
        "cbs_code": "GM9901",
        "primary_colour": "#00536b",
        "primary_text_colour": "#ffffff",
        "link_colour": "#00536b",
    },
    {
        "name": "Gemeente Zuiderhaven",
        "slug": "zuiderhaven",
        "cbs_code": "GM9902",
        "primary_colour": "#7a1f3d",
        "primary_text_colour": "#ffffff",
        "link_colour": "#7a1f3d",
    },
]

# role code -> (first name, last name, clearance)
MUNICIPAL_USERS = {
    "signaleerder": ("Sanne", "de Vries", Confidentiality.INTERN),
    "aandachtsfunctionaris": ("Amir", "Bakker", Confidentiality.VERTROUWELIJK),
    "zorgcoordinator": ("Zoë", "Jansen", Confidentiality.CONFIDENTIEEL),
    "toezichthouder": ("Tom", "Visser", Confidentiality.ZAAKVERTROUWELIJK),
    "handhavingsjurist": ("Julia", "Brouwer", Confidentiality.VERTROUWELIJK),
    "beleidsmaker": ("Bram", "Smit", Confidentiality.INTERN),
    "functioneel_beheerder": ("Fatima", "El Amrani", Confidentiality.INTERN),
    "privacy_officer": ("Petra", "Mulder", Confidentiality.INTERN),
}

#: Voorbeeld has a second functioneel beheerder, so that four eyes can be tried; Zuiderhaven keeps
#: one, and shows what a municipality with a single beheerder is told. username -> (role, names...)
SECOND_USERS = {
    "voorbeeld": {"functioneel_beheerder2-voorbeeld": ("functioneel_beheerder", "Daan", "Kok", Confidentiality.INTERN)}
}

# username -> (role code, first name, last name, clearance); accounts of the region, no municipality
REGIONAL_USERS = {
    "zorgcoordinator-regio": ("zorgcoordinator", "Ruben", "Hendriks", Confidentiality.CONFIDENTIEEL),
    # Reads the audit rows of the region (what regional accounts do), not the municipalities'.
    "privacy-regio": ("privacy_officer", "Ilse", "de Boer", Confidentiality.INTERN),
    # Sees each municipality's Kader self-assessment and action plan side by side, never case data,
    # and keeps the region's own self-assessment.
    "beleid-regio": ("beleidsmaker", "Noor", "Visser", Confidentiality.INTERN),
}


#: National accounts (neither municipality nor region): the installatiebeheerder, who creates
#: municipalities and decides Zuiderhaven's access requests (it has one functioneel beheerder).
NATIONAL_USERS = {
    "installatiebeheerder": ("installatiebeheerder", "Ingrid", "Landman", Confidentiality.INTERN),
}


def demo_usernames() -> list[str]:
    names = [f"{role}-{org['slug']}" for org in ORGANISATIONS for role in MUNICIPAL_USERS]
    seconds = [username for users in SECOND_USERS.values() for username in users]
    return [*names, *seconds, *REGIONAL_USERS, *NATIONAL_USERS]
