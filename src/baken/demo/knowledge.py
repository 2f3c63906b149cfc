"""Fictional local knowledge for the demo: Voorbeeld's own addition to the reporting route and
the state of some barriers in its labour-exploitation barrier model."""

from baken.accounts.models import User
from baken.knowledge.content import barrier_models, national_pages
from baken.knowledge.models import BarrierState, BarrierStatus, LocalPage
from baken.knowledge.services import BarrierChange, PageContent, barrier_step_save, local_page_save

MELDROUTE_ADDITION = """## In Gemeente Voorbeeld

- Meld elk signaal in Baken; de aandachtsfunctionaris mensenhandel kijkt dezelfde werkdag mee bij spoed.
- Twijfelt u aan de balie? Loop even binnen bij team Veiligheid (tweede verdieping, fictief).
- Het casusoverleg mensenhandel is elke tweede dinsdag van de maand in het Zorg- en Veiligheidshuis.
"""

BARRIER_STATES = [BarrierState.IN_PLACE, BarrierState.IN_PROGRESS, BarrierState.MISSING]
OWNERS = ["Burgerzaken", "Toezicht en handhaving", "Team Veiligheid"]


def load_demo_knowledge(organisation) -> None:
    beheerder = User.objects.get(username=f"functioneel_beheerder-{organisation.slug}")
    if organisation.slug != "voorbeeld" or LocalPage.objects.filter(organisation=organisation).exists():
        return
    national = national_pages()["melden-en-doorverwijzen"]
    local_page_save(
        actor=beheerder,
        slug=national.slug,
        content=PageContent(
            title=national.title,
            summary=national.summary,
            section=national.section,
            roles=national.roles,
            body=MELDROUTE_ADDITION,
        ),
        base_revision=0,
        note="Lokale afspraken toegevoegd",
    )
    if BarrierStatus.objects.filter(organisation=organisation).exists():
        return
    model = barrier_models()["arbeidsuitbuiting"]
    for index, step in enumerate(model.steps[:3]):
        changes = [
            BarrierChange(
                barrier_key=key,
                state=BARRIER_STATES[(index + number) % len(BARRIER_STATES)],
                owner=OWNERS[(index + number) % len(OWNERS)],
            )
            for number, (key, _text) in enumerate(step.barriers[:2])
        ]
        barrier_step_save(
            actor=beheerder, model_code=model.code, step_code=step.code, changes=changes, note="Eerste inventarisatie"
        )
