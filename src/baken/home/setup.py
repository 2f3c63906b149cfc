"""The "Inrichten" checklist on the functioneel beheerder's start page: the set-up steps that the
apps registered (core.navigation), each done or not from the data, with the page that does it,
and how long ago the municipality was created."""

from django.urls import reverse

from baken.core.access import policy_for
from baken.core.models import Organisation
from baken.core.navigation import setup_steps
from baken.core.selectors import organisation_created_at


def setup_checklist(user) -> dict | None:
    """The checklist for a user who manages their municipality's set-up (its huisstijl); None
    for anyone else."""
    if not policy_for(Organisation).user_may(user, "manage_huisstijl"):
        return None
    steps = [
        {"label": step.label, "explanation": step.explanation, "url": reverse(step.url_name), "done": step.done(user)}
        for step in setup_steps()
    ]
    done = sum(step["done"] for step in steps)
    return {
        "steps": steps,
        "done": done,
        "total": len(steps),
        "complete": done == len(steps),
        "created_at": organisation_created_at(user=user),
    }
