"""The role catalogue: each role is a permission group. Code checks permissions, never roles.

A permission that an app has not defined yet (because that app is not built) is skipped, so
the catalogue can name the permissions of every municipal task from the start.

Segregation of duties (ADR 0010) is data here too: a *case role* opens case content; a role
marked *four_eyes* takes effect only after a second functioneel beheerder approves it; and
CONFLICTS lists the combinations that one account may never hold.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from baken.core.confidentiality import Confidentiality


@dataclass(frozen=True)
class Role:
    code: str
    name: str
    description: str
    permissions: tuple[str, ...]
    #: Opens case content (signals, care cases, inspections) of the municipality.
    case_role: bool = False
    #: Granting it takes effect only after a second functioneel beheerder approves.
    four_eyes: bool = False
    #: The clearance an account with this role usually needs (the form's default).
    default_clearance: int = Confidentiality.INTERN
    #: A role of the installation, not of a municipality: held only by an account without a
    #: municipality (national, or of a region), granted only by the installation's administrator
    #: (`create_account`), never offered on a municipality's user pages (ADR 0011).
    installation: bool = False


ROLES: tuple[Role, ...] = (
    Role(
        "signaleerder",
        _("Signaleerder"),
        _("Herkent signalen van mensenhandel in het werk en meldt ze binnen enkele minuten."),
        ("signalling.report_signal",),
    ),
    Role(
        "aandachtsfunctionaris",
        _("Aandachtsfunctionaris mensenhandel"),
        _("Ontvangt elke interne melding, vult die aan, kiest de route en houdt de registratie bij."),
        ("signalling.report_signal", "signalling.triage_signal", "coordination.manage_escalation"),
        case_role=True,
        four_eyes=True,
        default_clearance=Confidentiality.VERTROUWELIJK,
    ),
    Role(
        "zorgcoordinator",
        _("Zorgcoördinator mensenhandel"),
        _("Eerste aanspreekpunt voor slachtoffers; volgt het zorgtraject van aanmelding tot afsluiting."),
        ("signalling.report_signal", "care.manage_carecase", "meetings.run_meetings"),
        case_role=True,
        four_eyes=True,
        default_clearance=Confidentiality.CONFIDENTIEEL,
    ),
    Role(
        "toezichthouder",
        _("Toezichthouder / handhaver"),
        _("Plant en voert controles uit op risicovolle locaties en legt bevindingen en maatregelen vast."),
        ("signalling.report_signal", "enforcement.manage_inspection"),
        case_role=True,
        four_eyes=True,
        default_clearance=Confidentiality.VERTROUWELIJK,
    ),
    Role(
        "handhavingsjurist",
        _("Handhavingsjurist"),
        _("Bereidt voornemens en besluiten voor (last onder dwangsom, sluiting, Bibob) en bewaakt de termijnen."),
        ("signalling.report_signal", "enforcement.manage_measure"),
        case_role=True,
        four_eyes=True,
        default_clearance=Confidentiality.VERTROUWELIJK,
    ),
    Role(
        "beleidsmaker",
        _("Beleidsmaker / ketenregisseur"),
        _("Toetst de aanpak aan het VNG Kader, houdt het actieplan bij en volgt de cijfers."),
        (
            "signalling.report_signal",
            "policy.manage_policy",
            "prevention.manage_prevention",
            "reporting.view_statistics",
        ),
    ),
    Role(
        "functioneel_beheerder",
        _("Functioneel beheerder"),
        _("Beheert gebruikers, rollen, huisstijl en catalogi; ziet standaard geen casusinhoud."),
        (
            "accounts.manage_users",
            "core.manage_huisstijl",
            "signalling.manage_catalogue",
            "partners.manage_partners",
            "knowledge.manage_knowledge",
            "enforcement.manage_letters",
            "retention.manage_retention",
            "policy.manage_kader_catalogue",
        ),
        four_eyes=True,
    ),
    Role(
        "privacy_officer",
        _("Privacy officer"),
        _("Leest het auditlog van de eigen organisatie; ziet geen casusinhoud."),
        ("core.view_auditlog", "retention.handle_subject_request"),
        four_eyes=True,
    ),
    Role(
        "installatiebeheerder",
        _("Installatiebeheerder"),
        _(
            "Maakt gemeenten en hun eerste functioneel beheerder aan en keurt toegangsverzoeken goed van een "
            "gemeente met één functioneel beheerder; ziet geen casusinhoud en geen auditlog."
        ),
        ("core.manage_organisations", "accounts.decide_as_installation"),
        installation=True,
    ),
)

ROLES_BY_CODE = {role.code: role for role in ROLES}
CASE_ROLES = frozenset(role.code for role in ROLES if role.case_role)
FOUR_EYES_ROLES = frozenset(role.code for role in ROLES if role.four_eyes)
INSTALLATION_ROLES = frozenset(role.code for role in ROLES if role.installation)
#: The roles a municipality's functioneel beheerder hands out.
MUNICIPAL_ROLES = tuple(role for role in ROLES if not role.installation)

#: Combinations one account may never hold: (role, the roles it excludes). The privacy officer
#: checks what case workers and administrators do, so holds neither kind of role.
CONFLICTS: tuple[tuple[str, frozenset[str]], ...] = (("privacy_officer", CASE_ROLES | {"functioneel_beheerder"}),)


def role_conflicts(codes) -> list[tuple[str, str]]:
    """The forbidden pairs (role, excluded role) within a set of role codes, in catalogue order."""
    held = set(codes)
    return [
        (role, other)
        for role, excluded in CONFLICTS
        if role in held
        for other in (r.code for r in ROLES)
        if other in excluded and other in held
    ]


def roles_of(user) -> list[Role]:
    """The catalogue roles a user holds, in catalogue order (uses prefetched groups)."""
    held = {group.name for group in user.groups.all()}
    return [role for role in ROLES if role.code in held]


def default_clearance(codes) -> int:
    """The clearance the roles together usually need: the highest of their defaults."""
    return max(
        (ROLES_BY_CODE[code].default_clearance for code in codes if code in ROLES_BY_CODE),
        default=Confidentiality.INTERN,
    )
