"""Builds prevention activities for tests, through the service."""

import datetime as dt


def activity_values(**overrides) -> dict:
    values = {
        "title": "Gastles loverboys groep 8",
        "activity_type": "schoolvoorlichting",
        "exploitation_forms": [],
        "target_groups": ["po"],
        "languages": ["nl"],
        "provider": None,
        "programme": "BUIT in de klas",
        "starts_on": dt.date(2026, 10, 5),
        "ends_on": None,
        "location_kind": "school",
        "location_name": "Basisschool De Vlinder",
        "reach": None,
        "cost": None,
        "kader_theme": "bewustwording",
        "action_reference": "",
    }
    return values | overrides


def make_activity(actor, **overrides):
    from baken.prevention.services import activity_create

    return activity_create(actor=actor, values=activity_values(**overrides))


def training_values(**overrides) -> dict:
    values = {
        "department": "balie",
        "function": "baliemedewerker",
        "level": "signaleren",
        "trained_on": dt.date(2026, 3, 10),
        "refresher_on": None,
        "participants": 12,
        "names": "",
        "provider": None,
    }
    return values | overrides


def make_training(actor, **overrides):
    from baken.prevention.services import training_create

    return training_create(actor=actor, values=training_values(**overrides))


def material_values(**overrides) -> dict:
    values = {
        "title": "BUIT in de klas (lespakket)",
        "description": "Lespakket over criminele uitbuiting voor de onderbouw.",
        "audiences": ["vo"],
        "languages": ["nl"],
        "form": "les",
        "evidence_level": "theoretisch_onderbouwd",
        "provider": None,
        "url": "https://www.example.nl/buit",
    }
    return values | overrides


def make_material(actor, **overrides):
    from baken.prevention.services import material_create

    return material_create(actor=actor, values=material_values(**overrides))
