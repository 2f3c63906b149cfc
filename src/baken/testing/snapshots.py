"""What the database holds, to prove that a refused write changed nothing."""

from django.apps import apps


def database_state() -> dict[str, list[dict]]:
    """Every row of every table (all installed models), by model label, in primary-key order."""
    return {
        model._meta.label_lower: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def row_counts() -> dict[str, int]:
    """The number of rows of every table (all installed models), by model label."""
    return {
        model._meta.label_lower: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }
